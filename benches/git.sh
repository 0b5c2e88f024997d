#!/usr/bin/env bash
# The git scanning targets of issue 13, measured in one table:
#   1. `leakscan git --all` over ../shared/bench/requests-history.bundle against the floor
#      "list every object and read it" (`git rev-list --objects --all | git cat-file --batch`),
#      in one hyperfine run: target <= 3x the floor, peak RSS <= 64 MB;
#   2. a history with 30 blobs of 20 MB: peak RSS of `git --all` and `git --range` (<= 128 MB);
#   3. a synthetic 50,000-commit history (git fast-import): `git --all` and `git --range` over
#      its last 1,000 commits, timed and reported.
# Peak RSS is GNU time's maximum resident set size (`/usr/bin/time -v`), the largest of leakscan
# and the git processes it starts (wait4 reports the largest process, not their sum).
#   usage: benches/git.sh [BEFORE]   BEFORE: another leakscan binary to compare with (e.g. main's
#   release build); its column is left out when not given.
# RUNS (default 10) sets the hyperfine runs. The machine should be otherwise idle: the script
# prints the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:-}
runs=${RUNS:-10}
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need python3 python3
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --locked -q
bin=$PWD/target/release/leakscan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average before: $(load)" >&2

# Median wall seconds of each command, from one interleaved hyperfine run (shell pipelines
# allowed; hyperfine subtracts its shell's start-up).
hf() { # name=command ...
  local args=() names=()
  for nc in "$@"; do names+=("${nc%%=*}"); args+=(-n "${nc%%=*}" "${nc#*=}"); done
  hyperfine -i -w 2 -r "$runs" --export-json "$work/hf.json" "${args[@]}" > /dev/null 2>&1
  python3 - "$work/hf.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], "%.3f" % r["median"])
EOF
}
# Median peak RSS (MB) over 5 runs of a command run in directory $1.
rss() { # dir command...
  local dir=$1; shift
  local all=()
  for _ in 1 2 3 4 5; do
    (cd "$dir" && /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt") || true
    all+=("$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time.txt")")
  done
  printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
get() { awk -v k="$1" '$1 == k {print $2}' "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# 1. The requests history.
hist=$work/requests
git clone -q ../shared/bench/requests-history.bundle "$hist"
commits=$(git -C "$hist" rev-list --all | wc -l)
blobs=$(git -C "$hist" rev-list --objects --all --filter=object:type=blob --filter-provided-objects | wc -l)
cmds=(
  "floor=git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch > /dev/null"
  "floor-as-written=git rev-list --objects --all | git cat-file --batch > /dev/null"
  "after=$bin git --all --quiet > /dev/null"
)
[ -n "$before" ] && cmds+=("before=$before git --all --quiet > /dev/null")
(cd "$hist" && hf "${cmds[@]}") > "$work/t1"
floor_rss=$(rss "$hist" sh -c "git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch")
after_rss=$(rss "$hist" "$bin" git --all --quiet)
[ -n "$before" ] && before_rss=$(rss "$hist" "$before" git --all --quiet)

# 2. 30 blobs of 20 MB (text: 80-column lines, one secret in the last), one commit each.
big=$work/big
git init -q -b main "$big"
python3 - > "$work/big.fi" <<'EOF'
import random, sys
out = sys.stdout.buffer
rnd = random.Random(13)
alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _=.,:;()"
for i in range(30):
    lines = [bytes(rnd.choice(alphabet) for _ in range(79)) + b"\n" for _ in range(256)]
    body = b"".join(lines[j % 256] for j in range(20 * 1024 * 1024 // 80))
    if i == 29:
        body += b"Authorization: ApiKey-v1 3f1c9a0be27d4c5e8a6b1f2d3c4e5a6b7c8d9e0f1a2b3c4d5e6f7a\n"
    out.write(b"commit refs/heads/main\nmark :%d\ncommitter b <b@b> %d +0000\ndata 4\nbig\n" % (i + 1, 1700000000 + i))
    if i:
        out.write(b"from :%d\n" % i)
    out.write(b"M 100644 inline big-%02d.txt\ndata %d\n" % (i, len(body)) + body + b"\n")
EOF
git -C "$big" fast-import --quiet < "$work/big.fi"
rm -f "$work/big.fi"
big_first=$(git -C "$big" rev-list --max-parents=0 HEAD)
big_all=$(rss "$big" "$bin" git --all --quiet)
big_range=$(rss "$big" "$bin" git --range "$big_first..HEAD" --quiet)
if [ -n "$before" ]; then
  big_all_before=$(rss "$big" "$before" git --all --quiet)
  big_range_before=$(rss "$big" "$before" git --range "$big_first..HEAD" --quiet)
fi

# 3. 50,000 commits over 500 files, each commit changing one line of one file; a secret added
#    every 5,000 commits.
syn=$work/synthetic
git init -q -b main "$syn"
python3 - | git -C "$syn" fast-import --quiet <<'EOF'
import sys
out = sys.stdout.buffer
files = {}
for n in range(50000):
    f = n % 500
    lines = files.setdefault(f, [b"line %d of module %d\n" % (i, f) for i in range(40)])
    lines[(n // 500) % 40] = b"value_%d = compute(%d)  # revision %d\n" % (n % 40, f, n)
    if n % 5000 == 0:
        lines.append(b"Authorization: ApiKey-v1 3f1c9a0be27d4c5e8a6b1f2d3c4e5a6b7c8d9e0f1a2b3c4d5e6f%02x\n" % (n // 5000))
    body = b"".join(lines)
    out.write(b"commit refs/heads/main\nmark :%d\ncommitter s <s@s> %d +0000\ndata 3\nc%d\n" % (n + 1, 1600000000 + n, n % 10))
    if n:
        out.write(b"from :%d\n" % n)
    out.write(b"M 100644 inline src/module_%03d.py\ndata %d\n" % (f, len(body)) + body + b"\n")
EOF
syn_blobs=$(git -C "$syn" rev-list --objects --all --filter=object:type=blob --filter-provided-objects | wc -l)
cmds=(
  "syn-floor=git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch > /dev/null"
  "syn-all=$bin git --all --quiet > /dev/null"
  "syn-range=$bin git --range HEAD~1000..HEAD --quiet > /dev/null"
)
if [ -n "$before" ]; then
  cmds+=("syn-all-before=$before git --all --quiet > /dev/null"
         "syn-range-before=$before git --range HEAD~1000..HEAD --quiet > /dev/null")
fi
(cd "$syn" && RUNS=3 runs=3 hf "${cmds[@]}") > "$work/t3"
syn_rss=$(rss "$syn" "$bin" git --all --quiet)
[ -n "$before" ] && syn_rss_before=$(rss "$syn" "$before" git --all --quiet)
echo "load average after: $(load)" >&2

b() { [ -n "$before" ] && echo "$1" || echo "-"; }
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), git $(git --version | cut -d' ' -f3); hyperfine medians ($runs runs; 3 for the synthetic history), peak RSS: median of 5 (GNU time)."
echo
echo "| measure | before | after | target |"
echo "|---|---|---|---|"
f=$(get floor "$work/t1"); a=$(get after "$work/t1")
echo "| requests history ($commits commits, $blobs blobs): floor \`rev-list --objects --all \\| cut -d' ' -f1 \\| cat-file --batch\` | | $f s, $floor_rss MB | |"
echo "| same, the issue's floor as written (lines with a path are answered \`missing\`) | | $(get floor-as-written "$work/t1") s | |"
bt=$(get before "$work/t1"); bt=${bt:-0}
echo "| \`git --all\`, wall (ratio to the floor) | $(b "$bt s ($(ratio "$bt" "$f"))") | $a s ($(ratio "$a" "$f")) | ≤ 3x |"
echo "| \`git --all\`, peak RSS | $(b "${before_rss:-} MB") | $after_rss MB | ≤ 64 MB |"
echo "| 30 blobs of 20 MB, \`git --all\`, peak RSS | $(b "${big_all_before:-} MB") | $big_all MB | ≤ 128 MB |"
echo "| 30 blobs of 20 MB, \`git --range\` (the 29 after the first), peak RSS | $(b "${big_range_before:-} MB") | $big_range MB | ≤ 128 MB |"
echo "| 50,000 commits, $syn_blobs blobs: floor | | $(get syn-floor "$work/t3") s | |"
echo "| 50,000 commits, \`git --all\` | $(b "$(get syn-all-before "$work/t3") s, ${syn_rss_before:-} MB") | $(get syn-all "$work/t3") s, $syn_rss MB | reported |"
echo "| 50,000 commits, \`git --range HEAD~1000..HEAD\` | $(b "$(get syn-range-before "$work/t3") s") | $(get syn-range "$work/t3") s | reported |"
