#!/usr/bin/env bash
# What the long main-thread tasks of the library, an article and /saved are made of, with the
# CPU slowed as Lighthouse's phone is (bench/tasks.mjs): the breakdown behind the blocking
# time that bench/lighthouse.sh reports. Appends to bench/results/tasks-<date>.md.
#
#   bench/tasks.sh                          # builds release first
#   BENCH_SKIP_BUILD=1 bench/tasks.sh       # the build in target/ as it is
#   BENCH_TASKS_RUNS=1 bench/tasks.sh / /saved   # other pages, fewer runs
set -euo pipefail
source "$(dirname "$0")/common.sh"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

build_release
[[ -d end2end/node_modules/@playwright/test ]] || scripts/setup --tests >&2

paths=("$@")
[[ ${#paths[@]} -gt 0 ]] || paths=(/ "/articles/$(first_slug)" /saved)
results_to "bench/results/tasks-$(date -u +%F).md" append
results_header "Long tasks, $("$CHROME_PATH" --version 2>/dev/null | xargs)"
echo "Release build: $BUILD_INFO."
echo

PORT=$(free_port)
start_ready "$PORT" content "$BENCH_TMP/wellspring.log"
check_site "$PORT"
node bench/tasks.mjs "http://127.0.0.1:$PORT" "${paths[@]}"
echo
