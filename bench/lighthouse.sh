#!/usr/bin/env bash
# Lighthouse scores of issue #10: the library, an article and /saved, audited by the pinned
# Lighthouse (bench/package.json, 12.2.3) in Debian's Chromium, mobile profile, against the
# release build on loopback. Prints the four category scores (×100) and the failing audits,
# and appends them to bench/results/lighthouse-<date>.md.
#
# No request may leave the machine: where it can (root, or unprivileged user namespaces),
# the audit runs in a network namespace of its own that has nothing but loopback; in any
# case Chromium runs with its background services off and a resolver that only knows
# localhost, and bench/lighthouse.mjs fails if the page requested anything off loopback.
#
#   bench/lighthouse.sh                              # builds release, npm ci if needed
#   BENCH_SKIP_BUILD=1 bench/lighthouse.sh
#   BENCH_NO_NETNS=1 bench/lighthouse.sh             # without the network namespace
set -euo pipefail
SELF=$(realpath "$0")
source "$(dirname "$SELF")/common.sh"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

build_release # in the namespace, BENCH_SKIP_BUILD=1: only the copy of the build
if [[ -z ${BENCH_IN_NETNS:-} ]]; then
    # Everything that may need the network happens here, outside the namespace.
    [[ -d bench/node_modules/lighthouse ]] || (cd bench && npm ci --no-audit --no-fund)
    version=$(node -p 'require("./bench/node_modules/lighthouse/package.json").version')
    [[ $version == 12.2.3 ]] || die "bench/node_modules has Lighthouse $version, not 12.2.3: cd bench && npm ci"
    if [[ ${BENCH_NO_NETNS:-} != 1 ]] && unshare -rn true 2>/dev/null; then
        log "auditing in a network namespace with loopback only"
        BENCH_IN_NETNS=1 BENCH_SKIP_BUILD=1 unshare -rn bash -c 'ip link set lo up && exec "$0"' "$SELF"
        exit
    fi
    log "auditing without a network namespace (unshare -rn unavailable or BENCH_NO_NETNS=1)"
fi

results_to "bench/results/lighthouse-$(date -u +%F).md" append
results_header "Lighthouse $(node -p 'require("./bench/node_modules/lighthouse/package.json").version'), mobile, $("$CHROME_PATH" --version 2>/dev/null | xargs)"
if [[ -n ${BENCH_IN_NETNS:-} ]]; then
    echo "Run in a network namespace with loopback only ($(ip -o link | awk -F': ' '{ print $2 }' | xargs))."
else
    echo "Run without a network namespace (Chromium flags and the request check only)."
fi
echo "Release build: $BUILD_INFO."
echo

PORT=$(free_port)
start_ready "$PORT" content "$BENCH_TMP/wellspring.log"
check_site "$PORT"
node bench/lighthouse.mjs "http://127.0.0.1:$PORT" / "/articles/$(first_slug)" /saved
