#!/usr/bin/env bash
# Whole-tree throughput: leakscan next to ripgrep on the same tree, warm cache, median of N runs.
#   usage: benches/tree.sh [TREE]   (default: the tree built by ../shared/bench/corpus.sh)
# Prints one table: wall time (median), MB/s, the ratio to rg, and peak RSS.
# rg is the floor for "read every byte and look for keywords": a case-insensitive 20-literal
# alternation over the same files, ignore rules off, as in issue 6.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
tree=${1:-}
if [ -z "$tree" ]; then
  tree=$(bash ../shared/bench/corpus.sh)
fi
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --locked -q
bin=target/release/leakscan
literals='AKIA|ghp_|gho_|github_pat_|glpat-|xoxb-|xoxp-|sk_live_|rk_live_|AIza|-----BEGIN|Bearer|ApiKey-v1|client_secret|api_key|apikey|password|passwd|secret|token'
bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$tree" -type f | wc -l)

# Warm the page cache.
find "$tree" -type f -exec cat {} + > /dev/null 2>&1 || true

measure() { # name, command...: prints "median_seconds peak_rss_kb"
  local name=$1; shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    local out stats
    stats=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$stats" "$@" > /dev/null 2>&1 || true
    out=$(tail -1 "$stats"); rm -f "$stats"
    times+=("${out% *}")
    local r=${out#* }
    [ "$r" -gt "$rss" ] && rss=$r
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $rss"
}

read -r rg_t rg_rss < <(measure rg rg -c -i --no-ignore -uuu -e "$literals" "$tree")
read -r ls_t ls_rss < <(measure leakscan "$bin" scan --no-ignore "$tree")

mbs() { awk -v b="$bytes" -v t="$1" 'BEGIN { if (t == 0) t = 0.001; printf "%.0f", b / 1e6 / t }'; }
echo "tree: $tree ($files files, $(awk -v b="$bytes" 'BEGIN {printf "%.0f", b/1e6}') MB), $runs runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
printf '| %-8s | %8s | %7s | %8s | %9s |\n' tool "wall (s)" "MB/s" "vs rg" "peak RSS"
printf '|----------|----------|---------|----------|-----------|\n'
printf '| %-8s | %8s | %7s | %8s | %6s MB |\n' rg "$rg_t" "$(mbs "$rg_t")" "1.0x" "$((rg_rss / 1024))"
printf '| %-8s | %8s | %7s | %8s | %6s MB |\n' leakscan "$ls_t" "$(mbs "$ls_t")" \
  "$(awk -v a="$ls_t" -v b="$rg_t" 'BEGIN { if (b == 0) b = 0.001; printf "%.1fx", a / b }')" "$((ls_rss / 1024))"
