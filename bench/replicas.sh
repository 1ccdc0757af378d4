#!/usr/bin/env bash
# Many replicas (issue #10, Operations): two Wellspring replicas behind nginx, configured by
# deploy/nginx-replicas.conf itself (its replica ports and listen address replaced by free
# loopback ports), driven with wrk; half-way through, one replica gets SIGTERM. Passes only
# if wrk saw no failed request (no socket error, no timeout, no status outside 2xx/3xx):
# nginx must have retried every request the stopped replica could not answer on the other.
# Prints the wrk summary and a table, appended to bench/results/replicas-<date>.md; exits
# non-zero on any failed request.
#
#   bench/replicas.sh                                # builds release first
#   BENCH_SKIP_BUILD=1 BENCH_DURATION=6 bench/replicas.sh
#
# BENCH_DURATION (s, default 20) and BENCH_CONNECTIONS (default 64) shape the wrk run;
# BENCH_NGINX_CONF=FILE tries another site configuration in place of the example.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DURATION=${BENCH_DURATION:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
EXAMPLE=${BENCH_NGINX_CONF:-deploy/nginx-replicas.conf} # another file to try a variant

# site_from_example A_PORT B_PORT NGINX_PORT: the example with 127.0.0.1:3001/:3002 and
# "listen 80;" replaced; fails if the example no longer has them.
site_from_example() {
    local a=$1 b=$2 port=$3 key
    for key in 'server 127.0.0.1:3001 ' 'server 127.0.0.1:3002 ' 'listen 80;'; do
        grep -qF "$key" "$EXAMPLE" || die "$EXAMPLE has no \"$key\" to replace"
    done
    sed -e "s/server 127\.0\.0\.1:3001 /server 127.0.0.1:$a /" \
        -e "s/server 127\.0\.0\.1:3002 /server 127.0.0.1:$b /" \
        -e "s/listen 80;/listen 127.0.0.1:$port;/" "$EXAMPLE"
}

build_release
results_to "bench/results/replicas-$(date -u +%F).md" append
results_header "Two replicas behind nginx, one stopped during a wrk run"
echo "Release build: $BUILD_INFO."
echo

A_PORT=$(free_port)
B_PORT=$(free_port)
while [[ $B_PORT == "$A_PORT" ]]; do B_PORT=$(free_port); done
log "starting replicas on $A_PORT and $B_PORT"
start_ready "$A_PORT" content "$BENCH_TMP/replica-a.log"
check_site "$A_PORT"
A_PID=$WS_PID
start_ready "$B_PORT" content "$BENCH_TMP/replica-b.log"

NGINX_DIR="$BENCH_TMP/nginx"
NGINX_PORT=$(free_port)
mkdir -p "$NGINX_DIR"
site_from_example "$A_PORT" "$B_PORT" "$NGINX_PORT" >"$NGINX_DIR/site.conf"
nginx_conf "$NGINX_DIR" "$NGINX_DIR/site.conf"
start_nginx "$NGINX_DIR" "$NGINX_PORT"

# The library, an article and /saved, in turn on every connection.
PATHS=(/ "/articles/$(first_slug)" /saved)
log "wrk through nginx: ${DURATION}s, $CONNECTIONS connections; replica A gets SIGTERM after $((DURATION / 2))s"
start_wrk "http://127.0.0.1:$NGINX_PORT" "$CONNECTIONS" "$DURATION" "${PATHS[@]}"
pause $((DURATION / 2))
KILLED_AT=$(now_ms)
stop_pid "$A_PID"
EXITED_AT=$(now_ms)
STOP_MS=$((EXITED_AT - KILLED_AT))
grep -q 'shutting down' "$BENCH_TMP/replica-a.log" || die "replica A did not shut down on SIGTERM"
log "replica A exited ${STOP_MS} ms after SIGTERM"
finish_wrk
pause 1.5 # nginx writes its buffered access log every second

# count [awk -v ...] PROGRAM: runs PROGRAM over nginx's access log (lines: time in s,
# status, upstream address(es), upstream status(es)); t is when replica A had exited, in ms.
count() { awk -v t="$EXITED_AT" "$@" "$NGINX_DIR/access.log"; }
TOTAL=$(count 'END { print NR }')
RETRIED=$(count 'index($3, ",") { n++ } END { print n + 0 }')
A_AFTER=$(count -v a="127.0.0.1:$A_PORT" '$1 * 1000 > t && $3 == a { n++ } END { print n + 0 }')
B_AFTER=$(count -v b="127.0.0.1:$B_PORT" '$1 * 1000 > t && $NF ~ /^[23]/ && index($0, b) { n++ } END { print n + 0 }')
UPSTREAM_ERRORS=$(grep -c '\[error\].*upstream' "$NGINX_DIR/error.log" || true)
ERRORS=$(wrk_field errors)
SOCKET=$(($(wrk_field connect_errors) + $(wrk_field read_errors) + $(wrk_field write_errors) + $(wrk_field timeouts)))

echo "wrk through nginx (\`${PATHS[*]}\` in turn, Accept-Encoding: $ACCEPT_ENCODING), replica A (port $A_PORT) sent SIGTERM after $((DURATION / 2)) s:"
echo
echo '```'
grep -v '^wrk-result ' "$WRK_OUT"
echo '```'
echo
echo "| connections | seconds | requests | requests/s | p50 (ms) | p99 (ms) | max (ms) | non-2xx/3xx | socket errors and timeouts | replica A: exit after SIGTERM (ms) | requests retried on the other replica | nginx upstream errors logged (each then retried) | answered by B after the stop | answered by A after the stop | zero failed requests |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
echo "| $CONNECTIONS | $DURATION | $(wrk_field requests) | $(wrk_field rps) | $(wrk_field p50_ms) | $(wrk_field p99_ms) | $(wrk_field max_ms) | $(wrk_field non2xx3xx) | $SOCKET | $STOP_MS | $RETRIED | $UPSTREAM_ERRORS | $B_AFTER | $A_AFTER | $(verdict "$ERRORS == 0") |"
echo
if ((UPSTREAM_ERRORS > 0)); then
    echo "nginx's error log (first lines):"
    echo
    echo '```'
    awk '/\[error\].*upstream/ && n++ < 5 { sub(/, client: .*/, ""); print }' "$NGINX_DIR/error.log"
    echo '```'
    echo
fi
log "nginx logged $TOTAL requests"
((B_AFTER > 0)) || die "replica B answered nothing after A stopped: the test did not test anything"
((ERRORS == 0)) || die "$ERRORS failed requests"
log "zero failed requests"
