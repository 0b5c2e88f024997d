#!/usr/bin/env bash
# Every performance target of the project, measured side by side, in one table:
#   - the whole corpus.sh tree: leakscan and rg wall time (median), MB/s, ratio, peak RSS;
#   - the same tree with 100 more (generated) rules: the cost of rule count;
#   - one small source file, whole process, leakscan and rg;
#   - `leakscan git --staged` with one changed file in a repository of the tree's ~10,000 files;
#   - `leakscan git --all` over ../shared/bench/requests-history.bundle: time, blob MB/s, RSS.
#   usage: benches/tree.sh [--update-readme] [TREE]   (default TREE: ../shared/bench/corpus.sh's)
# With --update-readme the table replaces the one between the bench markers in README.md, so the
# README's numbers come from this script, never from a hand edit.
set -euo pipefail
cd "$(dirname "$0")/.."
update=no
if [ "${1:-}" = --update-readme ]; then update=yes; shift; fi
runs=${RUNS:-5}
tree=${1:-}
[ -n "$tree" ] || tree=$(bash ../shared/bench/corpus.sh)
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rg ripgrep
need hyperfine hyperfine
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --locked -q
bin=$PWD/target/release/leakscan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
literals='AKIA|ghp_|gho_|github_pat_|glpat-|xoxb-|xoxp-|sk_live_|rk_live_|AIza|-----BEGIN|Bearer|ApiKey-v1|client_secret|api_key|apikey|password|passwd|secret|token'
bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$tree" -type f | wc -l)
rules=$("$bin" rules list | grep -c .)

# Warm the page cache.
find "$tree" -type f -exec cat {} + > /dev/null 2>&1 || true

measure() { # command...: prints "median_seconds peak_rss_kb"
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
hf() { # command: median milliseconds over many runs (hyperfine)
  hyperfine -N -i -w 3 -r 30 --export-json "$work/hf.json" "$1" > /dev/null 2>&1
  python3 -c "import json; print('%.1f' % (json.load(open('$work/hf.json'))['results'][0]['median'] * 1000))"
}
mbs() { awk -v b="$2" -v t="$1" 'BEGIN { if (t == 0) t = 0.001; printf "%.0f", b / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 0.001; printf "%.2fx", a / b }'; }

# 100 more rules, each with its own prefix keyword (a token format the tree does not contain),
# as a user's rule file would add them.
extra=$work/extra-rules.toml
for i in $(seq -w 0 99); do
  p="lkb${i}x"
  cat >> "$extra" <<EOF
[[rule]]
id = "bench.token-$i"
description = "Generated benchmark rule $i"
keywords = ["${p}_"]
regex = '''\b(?P<secret>${p}_[A-Za-z0-9]{32})\b'''
severity = "high"
min_entropy = 3.0
[[rule.example]]
text = "token = ${p}_Q2x9Lm4Rt7Vb1Nc8Kd3Hs6Jf0Pw5Yz2A"
secret = "${p}_Q2x9Lm4Rt7Vb1Nc8Kd3Hs6Jf0Pw5Yz2A"
[[rule.negative]]
text = "token = ${p}_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

EOF
done
"$bin" rules check --rules "$extra" > /dev/null

read -r rg_t rg_rss < <(measure rg -c -i --no-ignore -uuu -e "$literals" "$tree")
read -r ls_t ls_rss < <(measure "$bin" scan --no-ignore "$tree")
read -r ex_t ex_rss < <(measure "$bin" scan --no-ignore --rules "$extra" "$tree")

# One small source file.
small=$work/settings.py
printf 'import os\n\nDEBUG = False\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql",\n    "PASSWORD": os.environ.get("DB_PASSWORD")}}\nAPI_TOKEN = os.environ["API_TOKEN"]\n' > "$small"
for i in $(seq 40); do
  printf 'def handler_%d(request):\n    return render(request, "index.html", {"user": request.user})\n\n' "$i" >> "$small"
done
small_ls=$(hf "$bin scan $small")
small_rg=$(hf "rg -c -i -e '$literals' $small")

# git --staged: the tree as a repository, one changed file staged.
repo=$work/repo
cp -r "$tree" "$repo"
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@b commit -qm tree
repo_files=$(git -C "$repo" ls-files | wc -l)
changed=$(git -C "$repo" ls-files '*.py' | awk 'NR == 1')
echo 'API_TOKEN = os.environ["API_TOKEN"]' >> "$repo/$changed"
git -C "$repo" add "$changed"
staged=$(cd "$repo" && hf "$bin git --staged")

# git --all over the requests history.
hist=$work/requests
git clone -q ../shared/bench/requests-history.bundle "$hist"
all_json=$work/all.json
(cd "$hist" && "$bin" git --all --format json > "$all_json" 2>/dev/null) || true
blob_bytes=$(python3 -c "import json; print(json.load(open('$all_json'))['summary']['bytes_scanned'])")
blobs=$(python3 -c "import json; print(json.load(open('$all_json'))['summary']['files_scanned'])")
commits=$(git -C "$hist" rev-list --all | wc -l)
read -r all_t all_rss < <(cd "$hist" && measure "$bin" git --all)

table() {
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, warm page cache, $rules rules; tree: $files files, $(awk -v b="$bytes" 'BEGIN {printf "%.0f", b/1e6}') MB; median of $runs runs (tree, git --all) or 30 (hyperfine)."
  echo
  echo "| measure | leakscan | rg | ratio | target |"
  echo "|---|---|---|---|---|"
  echo "| whole tree, wall | $ls_t s ($(mbs "$ls_t" "$bytes") MB/s) | $rg_t s ($(mbs "$rg_t" "$bytes") MB/s) | $(ratio "$ls_t" "$rg_t") | ≤ 2x rg |"
  echo "| whole tree, peak RSS | $((ls_rss / 1024)) MB | $((rg_rss / 1024)) MB | | ≤ 64 MB |"
  echo "| whole tree, +100 rules | $ex_t s ($(mbs "$ex_t" "$bytes") MB/s, $((ex_rss / 1024)) MB) | | $(awk -v a="$ex_t" -v b="$ls_t" 'BEGIN {printf "%+.1f%%", (a / b - 1) * 100}') vs $rules rules | ≤ +10% |"
  echo "| one small file, whole process | $small_ls ms | $small_rg ms | $(ratio "$small_ls" "$small_rg") | ≤ 3x rg |"
  echo "| \`git --staged\`, 1 changed file, $repo_files-file repo | $staged ms | | | ≤ 30 ms |"
  echo "| \`git --all\`, requests history ($commits commits, $blobs unique blobs, $(awk -v b="$blob_bytes" 'BEGIN {printf "%.1f", b/1e6}') MB) | $all_t s ($(mbs "$all_t" "$blob_bytes") MB/s of blobs, $((all_rss / 1024)) MB) | | | reported |"
}
table | tee "$work/table.md"
if [ "$update" = yes ]; then
  python3 - "$work/table.md" <<'EOF'
import re, sys
table = open(sys.argv[1]).read().strip()
readme = open("README.md").read()
start, end = "<!-- bench:start (benches/tree.sh --update-readme) -->", "<!-- bench:end -->"
if start not in readme or end not in readme:
    sys.exit("README.md has no bench markers")
head, rest = readme.split(start, 1)
_, tail = rest.split(end, 1)
open("README.md", "w").write(head + start + "\n" + table + "\n" + end + tail)
EOF
  echo "README.md updated"
fi
