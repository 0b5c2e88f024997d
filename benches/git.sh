#!/usr/bin/env bash
# The git scanning targets of issue 13, measured in one table:
#   1. `leakscan git --all` over ../shared/bench/requests-history.bundle against the floor
#      "list every object and read it" (`git rev-list --objects --all | git cat-file --batch`,
#      with `cut -d' ' -f1` between them: without it, cat-file takes `<id> <path>` lines for
#      object names and answers `missing` for every blob and tree), in one interleaved run:
#      target <= 3x the floor, peak RSS <= 64 MB;
#   2. a history with 30 blobs of 20 MB: peak RSS of `git --all` and `git --range` (<= 128 MB);
#   3. a synthetic 50,000-commit history (git fast-import): `git --all` and `git --range` over
#      its last 1,000 commits, timed and reported.
# Peak RSS is GNU time's maximum resident set size (`/usr/bin/time -v`), the largest of leakscan
# and the git processes it starts (wait4 reports the largest process, not their sum).
#   usage: benches/git.sh [--update-readme] [BEFORE]   BEFORE: another leakscan binary to compare
#   with (e.g. main's release build); its column is left out when not given. With
#   --update-readme the table replaces the one between the git bench markers in README.md.
# RUNS (default 10) sets the runs. The machine should be otherwise idle: the script prints the
# load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
update=no
if [ "${1:-}" = --update-readme ]; then update=yes; shift; fi
before=${1:-}
runs=${RUNS:-10}
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need python3 python3
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --locked -q
bin=$PWD/target/release/leakscan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average before: $(load)" >&2

# One run of a command in a directory under GNU time: appends "NAME WALL_SECONDS PEAK_RSS_MB"
# to $work/runs. `sh -c` wraps pipelines; time's -v report has the wall clock and the peak RSS.
once() { # name dir command...
  local name=$1 dir=$2; shift 2
  (cd "$dir" && /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt") || true
  awk -v n="$name" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); w = 0; for (i = 1; i <= k; i++) w = w * 60 + p[i] }
    /Maximum resident set size/ { m = int($2 / 1024) }
    END { print n, w, m }' "$work/time.txt" >> "$work/runs"
}
# Interleaved runs: every command once per round, so a busy neighbour slows them all alike
# (the machine is shared; the load average is printed before and after).
rounds() { # rounds name=dir=command ... (command run with sh -c)
  local n=$1; shift
  for _ in $(seq "$n"); do
    for spec in "$@"; do
      local name=${spec%%=*} rest=${spec#*=}
      once "$name" "${rest%%=*}" sh -c "${rest#*=}"
    done
  done
}
# leakscan's own peak RSS (MB), apart from the git processes it starts (LEAKSCAN_PROFILE).
own() { # dir command...
  local dir=$1; shift
  (cd "$dir" && LEAKSCAN_PROFILE=1 "$@" 2>&1 > /dev/null || true) |
    awk '/own peak RSS/ {print int($(NF-1) / 1024)}'
}
# Median wall seconds and median peak RSS (MB) of a name's runs.
wall() { awk -v n="$1" '$1 == n {print $2}' "$work/runs" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'; }
rss() { awk -v n="$1" '$1 == n {print $3}' "$work/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# 1. The requests history.
hist=$work/requests
git -c init.defaultBranch=main clone -q ../shared/bench/requests-history.bundle "$hist"
commits=$(git -C "$hist" rev-list --all | wc -l)
blobs=$(git -C "$hist" rev-list --objects --all --filter=object:type=blob --filter-provided-objects | wc -l)
spec=(
  "floor=$hist=git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch"
  "floor-as-written=$hist=git rev-list --objects --all | git cat-file --batch"
  "after=$hist=$bin git --all --quiet"
)
[ -n "$before" ] && spec+=("before=$hist=$before git --all --quiet")
git -C "$hist" rev-list --objects --all | git -C "$hist" cat-file --batch > /dev/null # warm
rounds "$runs" "${spec[@]}"
own_after=$(own "$hist" "$bin" git --all --quiet)

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
spec=(
  "big-all=$big=$bin git --all --quiet"
  "big-range=$big=$bin git --range $big_first..HEAD --quiet"
)
[ -n "$before" ] && spec+=("big-all-before=$big=$before git --all --quiet"
                          "big-range-before=$big=$before git --range $big_first..HEAD --quiet")
rounds 3 "${spec[@]}"
own_big_all=$(own "$big" "$bin" git --all --quiet)
own_big_range=$(own "$big" "$bin" git --range "$big_first..HEAD" --quiet)

# 3. 50,000 commits over 500 files, each commit changing one line of one file; a secret added
#    every 5,000 commits.
syn=$work/synthetic
git init -q -b main "$syn"
python3 - <<'EOF' | git -C "$syn" fast-import --quiet
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
spec=(
  "syn-floor=$syn=git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch"
  "syn-all=$syn=$bin git --all --quiet"
  "syn-range=$syn=$bin git --range HEAD~1000..HEAD --quiet"
)
[ -n "$before" ] && spec+=("syn-all-before=$syn=$before git --all --quiet"
                          "syn-range-before=$syn=$before git --range HEAD~1000..HEAD --quiet")
rounds 3 "${spec[@]}"
own_syn=$(own "$syn" "$bin" git --all --quiet)
echo "load average after: $(load)" >&2

table() {
  b() { [ -n "$before" ] && echo "$1" || echo "-"; }
  f=$(wall floor); a=$(wall after); bt=$(wall before); bt=${bt:-0}
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), git $(git --version | cut -d' ' -f3), load average $(load) after; medians of $runs interleaved runs (3 for the large and synthetic histories), wall clock and peak RSS from GNU time -v."
  echo
  echo "| measure | before | after | target |"
  echo "|---|---|---|---|"
  echo "| requests history ($commits commits, $blobs blobs): floor \`git rev-list --objects --all \| cut -d' ' -f1 \| git cat-file --batch\` | | $f s, $(rss floor) MB | |"
  echo "| the floor as the issue wrote it (lines with a path are answered \`missing\`, so most objects are not read) | | $(wall floor-as-written) s | |"
  echo "| \`git --all\`, wall (ratio to the floor) | $(b "$bt s ($(ratio "$bt" "$f"))") | $a s ($(ratio "$a" "$f")) | ≤ 3x |"
  echo "| \`git --all\`, peak RSS (leakscan's own) | $(b "$(rss before) MB") | $(rss after) MB ($own_after MB) | ≤ 64 MB |"
  echo "| 30 blobs of 20 MB, \`git --all\`: wall, peak RSS (leakscan's own) | $(b "$(wall big-all-before) s, $(rss big-all-before) MB") | $(wall big-all) s, $(rss big-all) MB ($own_big_all MB) | ≤ 128 MB |"
  echo "| 30 blobs of 20 MB, \`git --range\` (the 29 commits after the first): wall, peak RSS (leakscan's own) | $(b "$(wall big-range-before) s, $(rss big-range-before) MB") | $(wall big-range) s, $(rss big-range) MB ($own_big_range MB) | ≤ 128 MB |"
  echo "| 50,000 commits ($syn_blobs blobs): floor | | $(wall syn-floor) s, $(rss syn-floor) MB | |"
  echo "| 50,000 commits, \`git --all\`: wall, peak RSS (leakscan's own; the rest is git's rev-list and log walking 200,000 objects) | $(b "$(wall syn-all-before) s, $(rss syn-all-before) MB") | $(wall syn-all) s, $(rss syn-all) MB ($own_syn MB) | reported |"
  echo "| 50,000 commits, \`git --range HEAD~1000..HEAD\`: wall, peak RSS | $(b "$(wall syn-range-before) s, $(rss syn-range-before) MB") | $(wall syn-range) s, $(rss syn-range) MB | reported |"
}
table | tee "$work/table.md"
if [ "$update" = yes ]; then
  python3 - "$work/table.md" <<'EOF'
import sys
table = open(sys.argv[1]).read().strip()
readme = open("README.md").read()
start, end = "<!-- git-bench:start (benches/git.sh --update-readme) -->", "<!-- git-bench:end -->"
if start not in readme or end not in readme:
    sys.exit("README.md has no git bench markers")
head, rest = readme.split(start, 1)
_, tail = rest.split(end, 1)
open("README.md", "w").write(head + start + "\n" + table + "\n" + end + tail)
EOF
  echo "README.md updated"
fi
