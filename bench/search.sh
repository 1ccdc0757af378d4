#!/usr/bin/env bash
# The search benchmark: time per filter change and per keystroke over generated libraries
# of 1,000 and 10,000 articles, natively and in Chromium, and the size of the search data.
# Builds what it needs (release), prints the tables and keeps them in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build >/dev/null
cargo build -q --release -p bench
out="bench/results/search-$(date -u +%Y-%m-%d).md"
{
  echo "# Search benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "## Native (release; median of 51 runs)"
  echo
  target/release/search
  echo
  echo "## Chromium (release build; medians; ms)"
  echo
  echo "| articles | server start-up (s) | server peak memory (MB) | shelf and index meta, brotli (KB) | first search (sleep): requests, KB brotli | 10 searches: requests, KB brotli | topic change: filter work | topic change: to painted frame | keystroke: filter work | keystroke: to painted frame | cards in the DOM |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in 1000 10000; do
    dir=$(mktemp -d)
    target/release/generate "$n" "$dir"
    node bench/search-browser.mjs "$dir" "$n"
    rm -rf "$dir"
  done
} | tee "$out"
echo "kept in $out"
