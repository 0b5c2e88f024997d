#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 900), one after another, seeding each corpus
# from the project's own inputs. Crashes land in tests/fuzz/artifacts/<target>/; minimise one
# with `cargo fuzz tmin`, then copy it to tests/fuzz/regressions/<target>/ so the test suite
# replays it (tests/it/fuzz_regressions.rs).
#   usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
# cargo-fuzz needs nightly-only rustc flags; RUSTC_BOOTSTRAP lets the stable toolchain take them.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-900}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scan rule_file config patch)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
seed() { # target, files...
  local dir=tests/fuzz/corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do cp -n "$f" "$dir/$(basename "$f")" 2>/dev/null || true; done
}
seed scan tests/corpus/one_per_line/* tests/corpus/none/* ../shared/seeds/*
seed rule_file rules/*.toml tests/fixtures/bad-rules/*
seed config tests/fuzz/seeds/config/*
mkdir -p tests/fuzz/corpus/patch
git log -p -U0 --full-index -M -n 40 > tests/fuzz/corpus/patch/leakscan-history.patch
for t in "${targets[@]}"; do
  echo "== $t for ${secs}s"
  cargo fuzz run --fuzz-dir tests/fuzz -O "$t" -- -max_total_time="$secs" -max_len=16384 \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
done
