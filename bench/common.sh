# shellcheck shell=bash disable=SC2034 # (globals set here are read by the scripts)
# Shared by bench/serve.sh, bench/replicas.sh and bench/lighthouse.sh (sourced, not run):
# build, start Wellspring and nginx on loopback, wait until ready, fetch, drive with wrk,
# read memory, and stop everything that was started, even when a step fails.
#
# Environment:
#   BENCH_SKIP_BUILD=1   use the release build in target/ as it is (no cargo); either way it
#                        is copied first, so a rebuild during the run changes nothing
#   BENCH_DURATION=N     seconds of each measured wrk run (each script has its default)
#   BENCH_THREADS=N      wrk threads (default 2)
#   BENCH_RUST_LOG=...   Wellspring's RUST_LOG (default info, as deployed; its log goes to a
#                        file in the temp dir)

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
export PATH="$HOME/.cargo/bin:$PATH"

# The release build, copied by build_release into the temp dir so that a rebuild of target/
# during the run cannot change what is measured.
SERVER_BIN=target/release/server
GENERATE_BIN=target/release/generate
SITE_ROOT=target/site
# The name of the /pkg files (Cargo.toml's leptos metadata). cargo-leptos compiles it into
# the server; passing it at run time too lets a server built by plain cargo serve them.
OUTPUT_NAME=$(awk '/^\[\[workspace\.metadata\.leptos\]\]/ { f = 1 } f && /^name *=/ { gsub(/^name *= *"|".*$/, ""); print; exit }' Cargo.toml)
WRK_SCRIPT=bench/wrk-report.lua
WRK_THREADS=${BENCH_THREADS:-2}

BENCH_TMP=$(mktemp -d -t wellspring-bench.XXXXXX)
chmod 755 "$BENCH_TMP" # nginx workers run as another user and read files from here
STARTED_PIDS=()
RESULTS_FILE=""

log() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Stop every process this script started (newest first), then remove the temp dir.
cleanup() {
    local status=$? i pid
    trap - EXIT INT TERM
    for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
        pid=${STARTED_PIDS[i]}
        stop_pid "$pid"
    done
    rm -rf "$BENCH_TMP"
    if [[ -n $RESULTS_FILE ]]; then
        exec 1>&3 3>&- # close tee's input and let it finish writing the file
        wait "$TEE_PID" 2>/dev/null || true
        log "kept in $RESULTS_FILE"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

track() { STARTED_PIDS+=("$1"); }

# SIGTERM, then SIGKILL after 10 s; returns once the process is gone.
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Everything printed on stdout from here on is also written to FILE (overwritten, or
# appended with "append").
results_to() {
    RESULTS_FILE=$1
    mkdir -p "$(dirname "$RESULTS_FILE")"
    exec 3>&1
    if [[ ${2:-} == append ]]; then
        exec > >(tee -a "$RESULTS_FILE")
    else
        exec > >(tee "$RESULTS_FILE")
    fi
    TEE_PID=$!
}

# "# TITLE, <date>, <n> cores, <arch>, <CPU model>" as the first line of a results file.
results_header() {
    echo "# $1, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo
}

# Builds release (unless BENCH_SKIP_BUILD=1), then copies the server (with hash.txt, which
# names the hashed /pkg files and must sit beside it), the generator and target/site into
# the temp dir and points SERVER_BIN, GENERATE_BIN and SITE_ROOT there.
build_release() {
    # What the benchmarks need beyond the build (nginx, wrk, Chromium), installed if missing.
    # Not in lighthouse.sh's network namespace: everything is there by then.
    [[ -n ${BENCH_IN_NETNS:-} ]] || scripts/setup --bench >&2
    if [[ ${BENCH_SKIP_BUILD:-} == 1 ]]; then
        log "BENCH_SKIP_BUILD=1: using the release build in target/ as it is"
    else
        log "building release"
        scripts/build >/dev/null
        cargo build -q --release -p bench
    fi
    local f
    for f in target/release/server target/release/hash.txt target/release/generate target/site/pkg; do
        [[ -e $f ]] || die "no $f: build release first"
    done
    mkdir -p "$BENCH_TMP/build"
    cp -p target/release/server target/release/hash.txt target/release/generate "$BENCH_TMP/build/"
    cp -r target/site "$BENCH_TMP/build/site"
    SERVER_BIN="$BENCH_TMP/build/server"
    GENERATE_BIN="$BENCH_TMP/build/generate"
    SITE_ROOT="$BENCH_TMP/build/site"
    BUILD_INFO="server binary of $(date -u -r "$SERVER_BIN" +%FT%TZ), $(sed 's/: /=/' "$BENCH_TMP/build/hash.txt" | xargs)"
}

# A loopback TCP port nobody listens on.
free_port() {
    local port
    while :; do
        port=$(shuf -i 20000-59999 -n 1)
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# sleep that a signal interrupts (a foreground sleep would delay the trap until it ends).
pause() {
    sleep "$1" &
    track $!
    wait $!
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start_wellspring PORT CONTENT_DIR LOG: starts the release server; sets WS_PID and
# WS_STARTED_MS (taken just before exec).
start_wellspring() {
    local port=$1 content=$2 logfile=$3
    WS_STARTED_MS=$(now_ms)
    LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_OUTPUT_NAME="$OUTPUT_NAME" \
        WELLSPRING_CONTENT_DIR="$content" WELLSPRING_PUBLIC_URL="http://127.0.0.1:$port" \
        RUST_LOG="${BENCH_RUST_LOG:-info}" NO_COLOR=1 "$SERVER_BIN" >"$logfile" 2>&1 &
    WS_PID=$!
    track "$WS_PID"
}

# HTTP status of a GET (000 when nothing answers).
http_status() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }

# wait_ready PORT PID: polls /readyz (200 = ready); while /readyz does not exist (404),
# falls back to / answering 200. Fails if PID dies or after 120 s.
wait_ready() {
    local base="http://127.0.0.1:$1" pid=$2 i code
    for ((i = 0; i < 12000; i++)); do
        kill -0 "$pid" 2>/dev/null || die "process $pid exited before it was ready"
        code=$(http_status "$base/readyz")
        if [[ $code == 200 ]]; then return 0; fi
        if [[ $code == 404 && $(http_status "$base/") == 200 ]]; then return 0; fi
        sleep 0.01
    done
    die "$base not ready after 120 s"
}

# start_ready PORT CONTENT_DIR LOG: start_wellspring, wait_ready; sets WS_READY_MS
# (exec to ready, in ms).
start_ready() {
    start_wellspring "$@"
    wait_ready "$1" "$WS_PID"
    WS_READY_MS=$(($(now_ms) - WS_STARTED_MS))
}

# check_site PORT: every /pkg file the library page links to is served (200); otherwise the
# server binary and target/site come from different builds (or a build is under way).
check_site() {
    local base="http://127.0.0.1:$1" url
    for url in $(curl -s "$base/" | grep -o '/pkg/[^"'"'"' ]*' | sort -u); do
        [[ $(http_status "$base$url") == 200 ]] ||
            die "$url, linked from /, is not served: target/site does not match the server binary (a build under way?)"
    done
}

# The elapsed_ms of the "content loaded" line of a server log.
content_load_ms() {
    local ms
    # key=value (text logs) or "key":value (JSON logs)
    ms=$(sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -m1 'content loaded' | grep -o 'elapsed_ms"\?[=:] *[0-9]*' | grep -o '[0-9]*$' || true)
    echo "${ms:-?}"
}

# Resident memory of PID in KB (VmRSS).
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# first_slug [CONTENT_DIR]: the slug of the first article in CONTENT_DIR/articles/ (its file
# name without .md; CONTENT_DIR defaults to content).
first_slug() { basename "$(find "${1:-content}/articles" -name '*.md' | LC_ALL=C sort | awk 'NR == 1')" .md; }

# fetch_raw URL ENCODING OUT: the body exactly as sent with Accept-Encoding: ENCODING
# (not decoded). Prints the Content-Encoding the server answered with.
fetch_raw() {
    local url=$1 enc=$2 out=$3 code
    code=$(curl -s -H "Accept-Encoding: $enc" -D "$out.headers" -o "$out" -w '%{http_code}' "$url")
    [[ $code == 200 ]] || die "GET $url answered $code"
    tr -d '\r' <"$out.headers" | awk -F': *' 'tolower($1) == "content-encoding" { e = $2 } END { print (e == "" ? "identity" : e) }'
}

# What Chromium sends, so pages and assets come as a reader's browser gets them: cached
# pages as gzip (spliced per response, see server/src/page_cache/gzip.rs), assets as brotli.
ACCEPT_ENCODING=${BENCH_ACCEPT_ENCODING:-gzip, deflate, br, zstd}

# Bytes received for URL with the browser's Accept-Encoding (body as sent, not decoded).
wire_bytes() { curl -s -H "Accept-Encoding: $ACCEPT_ENCODING" -o /dev/null -w '%{size_download}' "$1"; }

# start_wrk URL CONNECTIONS SECONDS [PATH...]: starts wrk in the background (the browser's
# Accept-Encoding), cycling through PATHs if given; sets WRK_PID and WRK_OUT (the file of its output).
start_wrk() {
    local url=$1 conns=$2 secs=$3
    shift 3
    WRK_OUT=$(mktemp -p "$BENCH_TMP" wrk.XXXXXX)
    WRK_PATHS="$*" wrk -t"$WRK_THREADS" -c"$conns" -d"${secs}s" --timeout 5s \
        -H "Accept-Encoding: $ACCEPT_ENCODING" -s "$WRK_SCRIPT" "$url" >"$WRK_OUT" 2>&1 &
    WRK_PID=$!
    track "$WRK_PID"
}

# finish_wrk: waits for it; sets WRK_LINE to the "wrk-result key=value ..." line printed by
# bench/wrk-report.lua.
finish_wrk() {
    wait "$WRK_PID" || die "wrk failed: $(cat "$WRK_OUT")"
    WRK_LINE=$(grep -m1 '^wrk-result ' "$WRK_OUT") || die "no result from wrk: $(cat "$WRK_OUT")"
}

# run_wrk URL CONNECTIONS SECONDS [PATH...]: start_wrk and finish_wrk.
run_wrk() {
    start_wrk "$@"
    finish_wrk
}

# wrk_field KEY: one value of the last run's WRK_LINE.
wrk_field() { tr ' ' '\n' <<<"$WRK_LINE" | awk -F= -v k="$1" '$1 == k { print $2 }'; }

# nginx_conf DIR SITE_FILE: a minimal nginx.conf in DIR (pid, logs and temp files in DIR)
# whose http block includes SITE_FILE. Access log lines: time, status, upstream, its status.
nginx_conf() {
    local dir=$1 site=$2
    mkdir -p "$dir"
    cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    log_format bench '\$msec \$status \$upstream_addr \$upstream_status';
    access_log $dir/access.log bench buffer=256k flush=1s;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    include $site;
}
EOF
}

# start_nginx DIR PORT: runs nginx with DIR/nginx.conf in the foreground (tracked), waits
# for PORT. Sets NGINX_PID.
start_nginx() {
    local dir=$1 port=$2 i
    /usr/sbin/nginx -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || die "bad nginx config in $dir"
    /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
    NGINX_PID=$!
    track "$NGINX_PID"
    for ((i = 0; i < 500; i++)); do
        [[ $(http_status "http://127.0.0.1:$port/") != 000 ]] && return 0
        kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$dir/error.log")"
        sleep 0.01
    done
    die "nginx not answering on $port"
}

# verdict OK-CONDITION: "yes" or "**NO**" for a table cell; the condition is an awk
# expression.
verdict() { awk "BEGIN { exit !($1) }" && echo "yes" || echo "**NO**"; }
