#!/usr/bin/env bash
# Noise on real code: what a user must read after scanning ../shared/bench/noise.sh's tree (122 MB
# of real Go, Python and JS/TS source full of secret-like names and almost no live secrets).
#   - prints the findings by rule and confidence (all of them, `--confidence low`);
#   - checks every finding shown by default against benches/noise-triage.tsv, the checked-in
#     triage list (fingerprint, rule, verdict, reason): a finding that is not in the list is new
#     noise (or a new catch) and fails the run; an entry no finding matches any more is stale.
#   usage: benches/noise.sh [--write-triage] [TREE]   (default TREE: ../shared/bench/noise.sh's)
# --write-triage rewrites the list from the current findings, keeping the verdicts and reasons
# of entries whose fingerprint is unchanged and marking new ones `untriaged`, to be edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
write=no
if [ "${1:-}" = --write-triage ]; then write=yes; shift; fi
tree=${1:-}
[ -n "$tree" ] || tree=$(bash ../shared/bench/noise.sh)
cargo build --release --locked -q
bin=$PWD/target/release/leakscan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Relative paths, so fingerprints are the same on every machine.
(cd "$tree" && "$bin" scan . --confidence low --format json -q > "$work/all.json") || [ $? -eq 1 ]
python3 - "$work/all.json" benches/noise-triage.tsv "$write" <<'PY'
import collections, json, sys
report, triage_path, write = sys.argv[1], sys.argv[2], sys.argv[3] == "yes"
findings = json.load(open(report))["findings"]
by = collections.Counter((f["rule_id"], f["confidence"]) for f in findings)
levels = ["high", "medium", "low"]
rules = sorted({r for r, _ in by}, key=lambda r: (-sum(by[(r, c)] for c in levels), r))
print(f"{'rule':<40} {'high':>5} {'medium':>7} {'low':>5}")
for r in rules:
    print(f"{r:<40} {by[(r, 'high')]:>5} {by[(r, 'medium')]:>7} {by[(r, 'low')]:>5}")
total = collections.Counter(f["confidence"] for f in findings)
print(f"{'all':<40} {total['high']:>5} {total['medium']:>7} {total['low']:>5}")
shown = [f for f in findings if f["confidence"] != "low"]
places = sum(1 + len(f.get("also", [])) for f in shown)
print(f"\nshown by default (medium and up): {len(shown)} findings ({places} places)")

triage = {}
for line in open(triage_path):
    if line.startswith("#") or not line.strip():
        continue
    fp, rule, verdict, reason = line.rstrip("\n").split("\t", 3)
    triage[fp] = (rule, verdict, reason)
if write:
    with open(triage_path, "w") as out:
        out.write("# Every finding benches/noise.sh shows by default on the noise tree, triaged by hand.\n")
        out.write("# fingerprint<TAB>rule<TAB>verdict<TAB>reason (path:line of the first place)\n")
        out.write("# Verdicts: test-key (private key material in tests), test-token / test-password (a random-looking\n")
        out.write("# token, secret or password literal in tests or fixtures), doc-token (the same in API specs, doc\n")
        out.write("# comments, docstrings), example-key (a framework key in an example project). None is code, a\n")
        out.write("# reference, a URL, a type, a boolean or prose: that is the target of issue 12.\n")
        for f in shown:
            rule, verdict, reason = triage.get(f["fingerprint"], (f["rule_id"], "untriaged", f"{f['path']}:{f['line']}"))
            out.write(f"{f['fingerprint']}\t{f['rule_id']}\t{verdict}\t{reason}\n")
    print(f"wrote {triage_path}")
    sys.exit(0)
new = [f for f in shown if f["fingerprint"] not in triage]
seen = {f["fingerprint"] for f in shown}
stale = [fp for fp in triage if fp not in seen]
verdicts = collections.Counter(triage[f["fingerprint"]][1] for f in shown if f["fingerprint"] in triage)
print("triage verdicts: " + ", ".join(f"{n} {v}" for v, n in verdicts.most_common()))
for f in new:
    print(f"NEW (not in {triage_path}): {f['fingerprint']} {f['rule_id']} {f['path']}:{f['line']}")
for fp in stale:
    print(f"STALE (no longer shown): {fp} {triage[fp][0]} {triage[fp][2]}")
sys.exit(1 if new or stale else 0)
PY
