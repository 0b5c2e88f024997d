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
runs=${RUNS:-10}
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

measure() { # command...: prints "median_seconds median_peak_rss_kb max_peak_rss_kb"
  local times=() rsss=()
  for _ in $(seq "$runs"); do
    local out stats
    stats=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$stats" "$@" > /dev/null 2>&1 || true
    out=$(tail -1 "$stats"); rm -f "$stats"
    times+=("${out% *}")
    rsss+=("${out#* }")
  done
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  echo "$(med "${times[@]}") $(med "${rsss[@]}") $(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)"
}
hf() { # command [runs]: median milliseconds (hyperfine, 3 warm-up runs)
  hyperfine -N -i -w 3 -r "${2:-30}" --export-json "$work/hf.json" "$1" > /dev/null 2>&1
  python3 -c "import json; print('%.1f' % (json.load(open('$work/hf.json'))['results'][0]['median'] * 1000))"
}
secs() { awk -v ms="$1" 'BEGIN {printf "%.3f", ms / 1000}'; }
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

# Wall time from hyperfine (median, millisecond resolution); peak RSS from GNU time.
rg_cmd="rg -c -i --no-ignore -uuu -e '$literals' $tree"
ls_cmd="$bin scan --no-ignore $tree"
ex_cmd="$bin scan --no-ignore --rules $extra $tree"
rg_t=$(secs "$(hf "$rg_cmd" "$runs")")
ls_t=$(secs "$(hf "$ls_cmd" "$runs")")
ex_t=$(secs "$(hf "$ex_cmd" "$runs")")
read -r _ rg_rss rg_rss_max < <(measure rg -c -i --no-ignore -uuu -e "$literals" "$tree")
read -r _ ls_rss ls_rss_max < <(measure "$bin" scan --no-ignore "$tree")
read -r _ ex_rss _ < <(measure "$bin" scan --no-ignore --rules "$extra" "$tree")

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
# No automatic gc: 10,000 new loose objects would start a background repack of 300 MB that
# runs on during the measurements below.
git -C "$repo" config gc.auto 0
git -C "$repo" config maintenance.auto false
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
read -r all_t all_rss _ < <(cd "$hist" && measure "$bin" git --all)

table() {
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2}') GiB, warm page cache; $rules rules; tree: $files files, $(awk -v b="$bytes" 'BEGIN {printf "%.0f", b/1e6}') MB. Wall times: hyperfine medians ($runs runs for the tree, 30 for the small file and \`--staged\`); peak RSS and \`git --all\`: GNU time, median of $runs."
  echo
  echo "| measure | leakscan | rg | ratio | target |"
  echo "|---|---|---|---|---|"
  echo "| whole tree, wall | $ls_t s ($(mbs "$ls_t" "$bytes") MB/s) | $rg_t s ($(mbs "$rg_t" "$bytes") MB/s) | $(ratio "$ls_t" "$rg_t") | ≤ 2x rg |"
  echo "| whole tree, peak RSS (median; max of $runs) | $((ls_rss / 1024)) MB; $((ls_rss_max / 1024)) MB | $((rg_rss / 1024)) MB; $((rg_rss_max / 1024)) MB | | ≤ 64 MB |"
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
