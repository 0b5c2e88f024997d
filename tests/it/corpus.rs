//! Corpus tests. `tests/corpus/one_per_line/<family>[--<label>].<ext>`: every line holds exactly
//! one secret of a rule in `<family>`, so the expected findings are exactly the line numbers.
//! `tests/corpus/none/`: realistic files full of things that must not be reported; zero
//! findings. The harness prints recall and false positives per family, then asserts. Both count
//! what a user sees by default: findings of medium confidence and up.

use leakscan::rules;
use leakscan::{Confidence, Finding, Scanner};

/// What the default `--confidence medium` reports.
fn shown(found: Vec<Finding>) -> Vec<Finding> {
    found
        .into_iter()
        .filter(|f| f.confidence >= Confidence::Medium)
        .collect()
}
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(sub)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// `<family>--<label>.<ext>` → `<family>`.
fn family_of(name: &str) -> String {
    let stem = name.split("--").next().unwrap_or(name);
    stem.split('.').next().unwrap_or(stem).to_string()
}

#[derive(Default)]
struct Tally {
    lines: usize,
    found: usize,
    wrong: usize,
}

#[test]
fn one_per_line_corpus_finds_every_line() {
    let (set, problems) = rules::load(&[]);
    assert!(problems.is_empty());
    let mut scanner = Scanner::new(&set);
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for path in files(&corpus("one_per_line")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let family = family_of(&name);
        let data = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&data);
        let expected: Vec<usize> = (1..=text.lines().count()).collect();
        let found = shown(scanner.scan(&data, &name));
        let tally = tallies.entry(family.clone()).or_default();
        tally.lines += expected.len();
        let mut lines: Vec<usize> = Vec::new();
        for f in &found {
            if f.rule_id.starts_with(&format!("{family}.")) {
                lines.push(f.line);
            } else {
                tally.wrong += 1;
                failures.push(format!(
                    "{name}:{}: found by {} instead of a {family} rule",
                    f.line, f.rule_id
                ));
            }
        }
        lines.dedup();
        tally.found += expected.iter().filter(|l| lines.contains(l)).count();
        for l in &expected {
            if !lines.contains(l) {
                failures.push(format!(
                    "{name}:{l}: missed: {}",
                    text.lines().nth(l - 1).unwrap()
                ));
            }
        }
        if found.len() != expected.len() {
            failures.push(format!(
                "{name}: {} findings for {} lines",
                found.len(),
                expected.len()
            ));
        }
    }
    eprintln!(
        "{:<16} {:>6} {:>6} {:>7} {:>6}",
        "family", "lines", "found", "recall", "other"
    );
    for (family, t) in &tallies {
        eprintln!(
            "{family:<16} {:>6} {:>6} {:>7.3} {:>6}",
            t.lines,
            t.found,
            t.found as f64 / t.lines.max(1) as f64,
            t.wrong
        );
    }
    assert!(
        failures.is_empty(),
        "{} corpus failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(!tallies.is_empty(), "the corpus is not empty");
}

#[test]
fn none_corpus_gives_zero_findings() {
    let (set, _) = rules::load(&[]);
    let mut scanner = Scanner::new(&set);
    let mut lines = 0;
    let mut false_positives = Vec::new();
    for path in files(&corpus("none")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        lines += String::from_utf8_lossy(&data).lines().count();
        for f in shown(scanner.scan(&data, &name)) {
            false_positives.push(format!(
                "{name}:{}:{}: {} {:?}",
                f.line,
                f.column,
                f.rule_id,
                String::from_utf8_lossy(f.secret.expose())
            ));
        }
    }
    eprintln!(
        "none/: {lines} lines, {} false positives",
        false_positives.len()
    );
    assert!(
        false_positives.is_empty(),
        "false positives:\n{}",
        false_positives.join("\n")
    );
    assert!(
        lines > 100,
        "the none/ corpus is substantial ({lines} lines)"
    );
}

/// Searching only the lines that hold a single-line rule's keywords must find exactly what
/// searching whole blobs finds, on every corpus file (an off-by-one in window merging once
/// lost the second of two adjacent lines).
#[test]
fn line_windows_find_what_whole_blobs_find() {
    let (set, _) = rules::load(&[]);
    let mut windowed = Scanner::new(&set);
    let mut whole = Scanner::new(&set);
    whole.set_line_windows(false);
    let mut compared = 0;
    for sub in ["one_per_line", "none"] {
        for path in files(&corpus(sub)) {
            let data = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            let a: Vec<_> = windowed
                .scan(&data, &name)
                .into_iter()
                .map(|f| (f.rule_id, f.start, f.end))
                .collect();
            let b: Vec<_> = whole
                .scan(&data, &name)
                .into_iter()
                .map(|f| (f.rule_id, f.start, f.end))
                .collect();
            assert_eq!(a, b, "{name}");
            compared += 1;
        }
    }
    assert!(compared > 10);
}

/// The same on one very long line, as in a source map or a minified bundle: windows cut inside
/// the line (at most a rule's `reach` either side of each keyword) must not change a finding.
/// Every positive corpus line joined with filler that is dense in keywords, so windows start
/// and end in the middle of words, keywords and secrets.
#[test]
fn reach_windows_on_a_long_line_find_what_whole_blobs_find() {
    let (set, _) = rules::load(&[]);
    let mut windowed = Scanner::new(&set);
    let mut whole = Scanner::new(&set);
    whole.set_line_windows(false);
    let mut line = Vec::new();
    for path in files(&corpus("one_per_line")) {
        for text in std::fs::read_to_string(&path).unwrap().lines() {
            line.extend_from_slice(text.as_bytes());
            line.extend_from_slice(b" ; ");
            for i in 0..40 {
                line.extend_from_slice(format!("pathToken{i} keyName pass_{i}, ").as_bytes());
            }
        }
    }
    assert!(line.len() > 256 << 10, "a line far longer than any window");
    let a: Vec<_> = windowed
        .scan(&line, "long.js")
        .into_iter()
        .map(|f| (f.rule_id, f.start, f.end))
        .collect();
    let b: Vec<_> = whole
        .scan(&line, "long.js")
        .into_iter()
        .map(|f| (f.rule_id, f.start, f.end))
        .collect();
    assert!(a.len() >= 30, "only {} findings on the long line", a.len());
    assert_eq!(a, b);
}

/// One record of `tests/corpus/known/*.tsv`: the file it was meant for, and the line.
fn known(name: &str) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(corpus("known").join(name)).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.splitn(4, '\t').collect();
            assert_eq!(cols.len(), 4, "{name}: malformed line {l:?}");
            (
                cols[0].to_string(),
                cols[1].to_string(),
                cols[3].to_string(),
            )
        })
        .collect()
}

/// The known gaps stay honest: every listed miss is still missed (or still found by the other
/// family the list names) and every listed false positive is still reported. When a rule change
/// fixes one, this test fails and says which line to move into the corpus. It also prints the
/// recall including the known misses, which is the number to improve.
#[test]
fn known_gaps_are_accurate_and_counted() {
    let (set, _) = rules::load(&[]);
    let mut scanner = Scanner::new(&set);
    let mut stale = Vec::new();
    let mut missed: BTreeMap<String, usize> = BTreeMap::new();
    for (meant_for, result, line) in known("misses.tsv") {
        let family = meant_for.split("--").next().unwrap().to_string();
        let found = shown(scanner.scan(line.as_bytes(), &meant_for));
        let ok = match result.strip_prefix("found by ") {
            Some(rule) => found.iter().any(|f| f.rule_id == rule),
            None => found.is_empty(),
        };
        if !ok {
            stale.push(format!(
                "misses.tsv: now {:?}: {line}",
                found.iter().map(|f| &f.rule_id).collect::<Vec<_>>()
            ));
        }
        *missed.entry(family).or_default() += 1;
    }
    let mut fps = 0;
    for (meant_for, _, line) in known("false-positives.tsv") {
        if shown(scanner.scan(line.as_bytes(), &meant_for)).is_empty() {
            stale.push(format!("false-positives.tsv: no longer reported: {line}"));
        }
        fps += 1;
    }
    let mut lines: BTreeMap<String, usize> = BTreeMap::new();
    for path in files(&corpus("one_per_line")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let family = family_of(&name);
        *lines.entry(family).or_default() +=
            std::fs::read_to_string(&path).unwrap().lines().count();
    }
    eprintln!("recall including the known misses in tests/corpus/known/misses.tsv:");
    let (mut all_found, mut all_missed) = (0, 0);
    for (family, found) in &lines {
        let m = missed.get(family).copied().unwrap_or(0);
        all_found += found;
        all_missed += m;
        eprintln!(
            "{family:<16} {found:>5} found {m:>4} missed  recall {:.3}",
            *found as f64 / (found + m) as f64
        );
    }
    eprintln!(
        "all              {all_found:>5} found {all_missed:>4} missed  recall {:.3}; {fps} known false positives",
        all_found as f64 / (all_found + all_missed) as f64
    );
    assert!(
        stale.is_empty(),
        "update tests/corpus/known:\n{}",
        stale.join("\n")
    );
}

/// Mapped and read files give the same report: the whole corpus scanned with every file
/// memory-mapped (`--mmap-threshold 0`) and with none.
#[test]
fn mapped_and_read_files_give_identical_findings() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let report = |threshold: &str| {
        let out = crate::support::run_in(
            &root,
            &[
                "scan",
                "--format",
                "json",
                "--mmap-threshold",
                threshold,
                ".",
            ],
        );
        assert_eq!(out.code, 1, "{}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json["findings"].clone()
    };
    let mapped = report("0");
    let read = report(&u64::MAX.to_string());
    assert!(mapped.as_array().unwrap().len() > 500);
    assert_eq!(mapped, read);
}

/// Rules whose every match starts a line (`(?m)^`, as `generic.config-secret`) are tried only
/// at line starts, anchored: on adjacent config lines (one merged window), with CRLF endings,
/// and after lines that only mention a keyword, they must find what whole-blob search finds.
#[test]
fn line_anchored_rules_find_what_whole_blobs_find() {
    let (set, _) = rules::load(&[]);
    let mut windowed = Scanner::new(&set);
    let mut whole = Scanner::new(&set);
    whole.set_line_windows(false);
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!("# the token below rotates; key {i}\n"));
        text.push_str(&format!("api_token: Zx8Qm2Lr5Tv9Wk3N{i:02}pHs7\r\n"));
        text.push_str(&format!(
            "  export SERVICE_SECRET_KEY=Qp4Ls8Kd2Vn6Rt1Y{i:02}mXw3 # prod\n"
        ));
        text.push_str("token = ${TOKEN}\n");
    }
    let key = |f: leakscan::Finding| (f.rule_id, f.start, f.end);
    let a: Vec<_> = windowed
        .scan(text.as_bytes(), "app.env")
        .into_iter()
        .map(key)
        .collect();
    let b: Vec<_> = whole
        .scan(text.as_bytes(), "app.env")
        .into_iter()
        .map(key)
        .collect();
    assert!(
        a.iter().filter(|f| f.0 == "generic.config-secret").count() >= 100,
        "{a:?}"
    );
    assert_eq!(a, b);
}
