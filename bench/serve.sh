#!/usr/bin/env bash
# The serving benchmark of issue #10: how fast Wellspring serves its pages next to nginx
# serving the very same bytes. One command: builds release, then measures
#   1. start-up time and resident memory with the 25 articles and with 10,000 generated ones;
#   2. the library page and an article page as Wellspring sends them (br, gzip), kept as files;
#   3. wrk against Wellspring and against nginx (Debian's, on loopback, serving those files
#      with the same Content-Encoding): requests/s, p50, p99, errors, Wellspring's share;
#   4. a run at 256 connections against Wellspring with its memory before and after (before:
#      after a 5 s warm-up at that load, so connection buffers are not counted as growth);
#   5. the first-load weight of an article page with brotli (HTML, CSS, JS, WASM);
# and prints one Markdown table per part, with the targets of the issue beside the numbers.
# Everything is measured in this run; the output is kept in bench/results/serve-<date>.md.
#
#   bench/serve.sh                                   # what the README documents
#   BENCH_SKIP_BUILD=1 BENCH_DURATION=3 BENCH_ROUNDS=1 BENCH_SOAK_DURATION=5 BENCH_STARTS=1 bench/serve.sh
#
# BENCH_DURATION (s, default 10) is each measured wrk run at BENCH_CONNECTIONS (default 64),
# BENCH_ROUNDS (default 3) how many such runs each server gets per page, in turn;
# BENCH_SOAK_DURATION (s, default 30) the run at 256 connections; BENCH_STARTS (default 3)
# the start-ups per library (median time, largest memory); BENCH_SKIP_BUILD=1 skips cargo.
set -euo pipefail
source "$(dirname "$0")/common.sh"

DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
SOAK_DURATION=${BENCH_SOAK_DURATION:-30}
SOAK_CONNECTIONS=256
STARTS=${BENCH_STARTS:-3}
GENERATED=10000
BUDGET_KB=160 # first-load weight of an article page, KB = 1,024 bytes
SUMMARY=()    # "| target | measured | met |" rows, printed at the end

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
largest() { printf '%s\n' "$@" | sort -n | tail -1; }
sum() { printf '%s\n' "$@" | awk '{ s += $1 } END { print s }'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * a / b }'; }
summary() { SUMMARY+=("| $1 | $2 | $3 |"); }

# measure_startup LABEL CONTENT_DIR [TARGET]: BENCH_STARTS start-ups of Wellspring on
# CONTENT_DIR, each timed from exec to ready, with VmRSS when ready and after serving / and
# the first article once; prints a table row. TARGET=1 checks the issue's targets.
measure_startup() {
    local label=$1 content=$2 check=${3:-} slug port logfile run ready=() load=() rss=() served=()
    slug=$(first_slug "$content")
    for ((run = 1; run <= STARTS; run++)); do
        port=$(free_port)
        logfile="$BENCH_TMP/startup-$run.log"
        log "start-up $run/$STARTS with $label"
        start_ready "$port" "$content" "$logfile"
        ready+=("$WS_READY_MS")
        load+=("$(content_load_ms "$logfile")")
        rss+=("$(rss_kb "$WS_PID")")
        curl -s -o /dev/null -H "Accept-Encoding: $ACCEPT_ENCODING" "http://127.0.0.1:$port/"
        curl -s -o /dev/null -H "Accept-Encoding: $ACCEPT_ENCODING" "http://127.0.0.1:$port/articles/$slug"
        served+=("$(rss_kb "$WS_PID")")
        stop_pid "$WS_PID"
    done
    local t r met="—"
    t=$(median "${ready[@]}")
    r=$(largest "${rss[@]}")
    if [[ -n $check ]]; then
        met="time: $(verdict "$t <= 2000"); memory: $(verdict "$r <= 256 * 1024")"
        summary "start-up with $label ≤ 2 s" "$t ms" "$(verdict "$t <= 2000")"
        summary "memory at start-up with $label ≤ 256 MB" "$(kb_to_mb "$r") MB" "$(verdict "$r <= 256 * 1024")"
    fi
    echo "| $label | $t | $(median "${load[@]}") | $(kb_to_mb "$r") | $(kb_to_mb "$(largest "${served[@]}")") | $met |"
}

# store_page NAME PATH: keeps Wellspring's bytes for PATH as www/NAME.html{.br,.gz,} and
# prints one table row per encoding.
store_page() {
    local name=$1 path=$2 enc suffix file answered
    for enc in br gzip identity; do
        case $enc in br) suffix=.br ;; gzip) suffix=.gz ;; *) suffix= ;; esac
        file="$WWW/$name.html$suffix"
        answered=$(fetch_raw "$WS_URL$path" "$enc" "$file")
        [[ $answered == "$enc" ]] || die "asked $path with $enc, Wellspring answered $answered"
        echo "| $name | \`$path\` | $enc | $(stat -c %s "$file") |"
    done
}

# same_bytes NAME PATH: whether nginx answers PATH with exactly the stored br and gzip bytes
# and the same Content-Encoding.
same_bytes() {
    local name=$1 path=$2 enc suffix got
    for enc in br gzip; do
        case $enc in br) suffix=.br ;; gzip) suffix=.gz ;; esac
        got="$BENCH_TMP/nginx-$name.$enc"
        [[ $(fetch_raw "$NGINX_URL$path" "$enc" "$got") == "$enc" ]] || return 1
        cmp -s "$got" "$WWW/$name.html$suffix" || return 1
    done
}

# nginx_site PORT SLUG: the site serving www/ for / and /articles/SLUG: the .gz or .br file
# when the client accepts it (gzip first, as Wellspring does for pages), with its
# Content-Encoding.
nginx_site() {
    cat <<EOF
map \$http_accept_encoding \$bench_suffix {
    default "";
    "~*\\bgzip\\b" ".gz";
    "~*\\bbr\\b" ".br";
}
map \$bench_suffix \$bench_encoding {
    default "";
    ".br" br;
    ".gz" gzip;
}
server {
    listen 127.0.0.1:$1;
    root $WWW;
    types { }
    default_type "text/html; charset=utf-8";
    add_header Vary Accept-Encoding;
    add_header Content-Encoding \$bench_encoding;
    location = / { try_files /library.html\$bench_suffix =404; }
    location = /articles/$2 { try_files /article.html\$bench_suffix =404; }
}
EOF
}

# wrk_round SERVER BASE PATH: one measured wrk run (after a 2 s warm-up) at CONNECTIONS; appends
# its requests/s, p50, p99 and errors to the arrays named SERVER_rps, SERVER_p50, ...
wrk_round() {
    local -n rps_of=${1}_rps p50_of=${1}_p50 p99_of=${1}_p99 errors_of=${1}_errors
    run_wrk "$2$3" "$CONNECTIONS" 2
    log "wrk: $1 $3, $CONNECTIONS connections, ${DURATION}s"
    run_wrk "$2$3" "$CONNECTIONS" "$DURATION"
    rps_of+=("$(wrk_field rps)") p50_of+=("$(wrk_field p50_ms)")
    p99_of+=("$(wrk_field p99_ms)") errors_of+=("$(wrk_field errors)")
}

# bench_pair PAGE PATH: ROUNDS rounds of nginx then Wellspring for PATH; prints two table
# rows: each server's median round (requests/s, p50 and p99 each the median of the rounds,
# errors summed), and Wellspring's share of the medians. Rounds alternate because on a shared
# host both servers' throughput drifts by as much as a fifth from one minute to the next: a
# single run of each compared two different moments of the host more than the two servers.
bench_pair() {
    local page=$1 path=$2 round share p99 errors
    local -a nginx_rps=() nginx_p50=() nginx_p99=() nginx_errors=()
    local -a wellspring_rps=() wellspring_p50=() wellspring_p99=() wellspring_errors=()
    for ((round = 1; round <= ROUNDS; round++)); do
        wrk_round nginx "$NGINX_URL" "$path"
        wrk_round wellspring "$WS_URL" "$path"
    done
    local every_share=()
    for ((round = 0; round < ROUNDS; round++)); do
        every_share+=("$(percent "${wellspring_rps[round]}" "${nginx_rps[round]}")%")
    done
    share=$(percent "$(median "${wellspring_rps[@]}")" "$(median "${nginx_rps[@]}")")
    p99=$(median "${wellspring_p99[@]}")
    errors=$(sum "${wellspring_errors[@]}")
    echo "| $page | nginx | $(median "${nginx_rps[@]}") | $(median "${nginx_p50[@]}") | $(median "${nginx_p99[@]}") | $(sum "${nginx_errors[@]}") | ${nginx_rps[*]} | | |"
    echo "| $page | Wellspring | $(median "${wellspring_rps[@]}") | $(median "${wellspring_p50[@]}") | $p99 | $errors | ${wellspring_rps[*]} | $share% (rounds: ${every_share[*]}) | share ≥ 70%: $(verdict "$share >= 70"); p99 ≤ 10 ms: $(verdict "$p99 <= 10"); errors 0: $(verdict "$errors == 0") |"
    summary "$page: Wellspring ≥ 70% of nginx's requests/s at $CONNECTIONS connections (median of $ROUNDS rounds)" "$share%" "$(verdict "$share >= 70")"
    summary "$page: Wellspring p99 ≤ 10 ms" "$p99 ms" "$(verdict "$p99 <= 10")"
    summary "$page: no errors" "$errors" "$(verdict "$errors == 0")"
}

# weight_row NAME URL: bytes over the wire with brotli; adds them to WEIGHT.
weight_row() {
    local bytes
    bytes=$(wire_bytes "$2")
    WEIGHT=$((WEIGHT + bytes))
    echo "| $1 | \`${2#"$WS_URL"}\` | $bytes | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1024 }') |"
}

build_release
results_to "bench/results/serve-$(date -u +%F).md"
results_header "Serving benchmark"
echo "Release build: $BUILD_INFO; wrk $WRK_THREADS threads, Accept-Encoding: $ACCEPT_ENCODING; nginx $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2) on the same machine."
echo

SLUG=$(first_slug)
ARTICLE="/articles/$SLUG"

echo "## Start-up ($STARTS start-ups each: median time, largest memory)"
echo
echo "| articles | exec to ready (ms) | content load, elapsed_ms in the log (ms) | VmRSS when ready (MB) | VmRSS after serving / and an article (MB) | target: ≤ 2 s and ≤ 256 MB with 10,000 |"
echo "|---|---:|---:|---:|---:|---|"
measure_startup "25 (content/)" content
log "generating $GENERATED articles"
"$GENERATE_BIN" "$GENERATED" "$BENCH_TMP/generated" >/dev/null
measure_startup "10,000 (generated)" "$BENCH_TMP/generated" check
echo

log "starting Wellspring with content/"
WS_PORT=$(free_port)
start_ready "$WS_PORT" content "$BENCH_TMP/wellspring.log"
check_site "$WS_PORT"
WS_URL="http://127.0.0.1:$WS_PORT"

echo "## The bytes served (Wellspring's answers, kept and served by nginx too)"
echo
echo "| page | path | Accept-Encoding | bytes |"
echo "|---|---|---|---:|"
WWW="$BENCH_TMP/www"
mkdir -p "$WWW"
store_page library /
store_page article "$ARTICLE"
chmod -R a+rX "$WWW"

NGINX_DIR="$BENCH_TMP/nginx"
NGINX_PORT=$(free_port)
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
mkdir -p "$NGINX_DIR"
nginx_site "$NGINX_PORT" "$SLUG" >"$NGINX_DIR/site.conf"
nginx_conf "$NGINX_DIR" "$NGINX_DIR/site.conf"
start_nginx "$NGINX_DIR" "$NGINX_PORT"
if ! same_bytes library / || ! same_bytes article "$ARTICLE"; then
    die "nginx does not serve the same bytes as Wellspring"
fi
echo
echo "nginx answers both paths with these exact bytes and the same Content-Encoding (checked with cmp)."
echo

echo "## Throughput: $CONNECTIONS connections, $ROUNDS rounds of ${DURATION} s, nginx and Wellspring in turn, Accept-Encoding: $ACCEPT_ENCODING"
echo
echo "| page | server | requests/s | p50 (ms) | p99 (ms) | errors | requests/s, every round | Wellspring ÷ nginx | targets met |"
echo "|---|---|---:|---:|---:|---:|---|---:|---|"
bench_pair "library \`/\`" /
bench_pair "article \`$ARTICLE\`" "$ARTICLE"
echo

echo "## Memory under load: $SOAK_CONNECTIONS connections, ${SOAK_DURATION} s, Wellspring"
echo
# Every URL is requested once first, so "before" already holds whatever Wellspring caches.
SOAK_PATHS=(/)
for f in $(find content/articles -name '*.md' | LC_ALL=C sort); do SOAK_PATHS+=("/articles/$(basename "$f" .md)"); done
for p in "${SOAK_PATHS[@]}"; do curl -s -o /dev/null -H "Accept-Encoding: $ACCEPT_ENCODING" "$WS_URL$p"; done
RSS_CACHED=$(rss_kb "$WS_PID")
# 256 open connections need buffers of their own (a few MB) that stay allocated: a short
# warm-up at that load first, so the 30 s run measures growth, not that working set.
log "wrk: Wellspring warm-up, $SOAK_CONNECTIONS connections, 5s"
run_wrk "$WS_URL" "$SOAK_CONNECTIONS" 5 "${SOAK_PATHS[@]}"
RSS_BEFORE=$(rss_kb "$WS_PID")
log "wrk: Wellspring, ${#SOAK_PATHS[@]} paths, $SOAK_CONNECTIONS connections, ${SOAK_DURATION}s"
run_wrk "$WS_URL" "$SOAK_CONNECTIONS" "$SOAK_DURATION" "${SOAK_PATHS[@]}"
RSS_AFTER=$(rss_kb "$WS_PID")
pause 5
RSS_IDLE=$(rss_kb "$WS_PID")
GROWTH=$((RSS_AFTER - RSS_BEFORE))
echo "| paths (each requested once before) | requests/s | p50 (ms) | p99 (ms) | errors | VmRSS with the cache full (MB) | after 5 s warm-up (MB) | after the 30 s run (MB) | 5 s later (MB) | growth over the run (MB) | target: errors 0, no growth beyond the cache (≤ 10%) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
echo "| / and $((${#SOAK_PATHS[@]} - 1)) articles, in turn | $(wrk_field rps) | $(wrk_field p50_ms) | $(wrk_field p99_ms) | $(wrk_field errors) | $(kb_to_mb "$RSS_CACHED") | $(kb_to_mb "$RSS_BEFORE") | $(kb_to_mb "$RSS_AFTER") | $(kb_to_mb "$RSS_IDLE") | $(kb_to_mb "$GROWTH") | errors: $(verdict "$(wrk_field errors) == 0"); memory: $(verdict "$GROWTH <= $RSS_BEFORE / 10") |"
summary "no errors at $SOAK_CONNECTIONS connections" "$(wrk_field errors)" "$(verdict "$(wrk_field errors) == 0")"
summary "memory growth over ${SOAK_DURATION} s at $SOAK_CONNECTIONS connections ≤ 10% (cache full, 5 s warm-up)" "$(kb_to_mb "$GROWTH") MB ($(percent "$GROWTH" "$RSS_BEFORE")%)" "$(verdict "$GROWTH <= $RSS_BEFORE / 10")"
echo

echo "## First load of an article page over the wire, Accept-Encoding: $ACCEPT_ENCODING (KB = 1,024 bytes)"
echo
echo "| resource | path | bytes | KB |"
echo "|---|---|---:|---:|"
WEIGHT=0
weight_row HTML "$WS_URL$ARTICLE"
for ext in css js wasm; do
    # The app's own files (the stylesheet, the JS and WASM the page loads once idle), not the
    # lazy islands' split WASM, which an article page does not load.
    url=$(grep -o "/pkg/wellspring\.[A-Za-z0-9_-]*\.$ext" "$WWW/article.html" | awk 'NR == 1')
    [[ -n $url ]] || die "no .$ext under /pkg in the article page"
    weight_row "${ext^^}" "$WS_URL$url"
done
echo "| **sum** | | $WEIGHT | $(awk -v b="$WEIGHT" 'BEGIN { printf "%.1f", b / 1024 }') |"
echo "| budget | | $((BUDGET_KB * 1024)) | $BUDGET_KB (met: $(verdict "$WEIGHT <= $BUDGET_KB * 1024")) |"
summary "first load of an article page with brotli ≤ $BUDGET_KB KB" "$(awk -v b="$WEIGHT" 'BEGIN { printf "%.1f", b / 1024 }') KB" "$(verdict "$WEIGHT <= $BUDGET_KB * 1024")"
echo

echo "## Targets of issue #10"
echo
echo "| target | measured | met |"
echo "|---|---:|---|"
printf '%s\n' "${SUMMARY[@]}"
