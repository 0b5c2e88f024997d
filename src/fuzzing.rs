//! Entry points of the fuzz targets (`tests/fuzz/`). The test suite replays every saved
//! crasher through these same functions (`tests/it/fuzz_regressions.rs`), so a fixed crash
//! stays fixed without a fuzzer installed. Not a stable API.

use crate::config::ProjectConfig;
use crate::rules::{self, RuleSet, RuleSource};
use crate::scan::Scanner;
use std::path::Path;
use std::sync::OnceLock;

fn builtin() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load(&[]).0)
}

/// Scan `data` as an ordinary file and as a lock file (generic rules skipped); on inputs
/// shorter than any rule's reach, line windows must find exactly what whole-blob search finds.
pub fn scan(data: &[u8]) {
    let set = builtin();
    let mut windowed = Scanner::new(set);
    let found = windowed.scan(data, "fuzz/input.txt");
    for f in &found {
        assert!(
            f.start < f.end && f.end <= data.len(),
            "span out of the input"
        );
        assert!(f.line >= 1 && f.column >= 1 && (f.end_line, f.end_column) >= (f.line, f.column));
    }
    windowed.scan(data, "fuzz/yarn.lock");
    if data.len() < rules::UNBOUNDED_REACH {
        let mut whole = Scanner::new(set);
        whole.set_line_windows(false);
        let key = |f: &crate::Finding| (f.rule_id.clone(), f.start, f.end);
        let a: Vec<_> = found.iter().map(key).collect();
        let b: Vec<_> = whole.scan(data, "fuzz/input.txt").iter().map(key).collect();
        assert_eq!(a, b, "line windows changed the findings");
    }
}

/// `data` as a user's rule file: problems, never a panic; whatever loads runs its own checks
/// (examples, negatives) and scans the file's own text.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (set, _problems) = RuleSet::compile(&[RuleSource {
        name: "fuzz.toml".into(),
        text,
        trusted: false,
        examples_required: true,
    }]);
    crate::rule_check::check(&set);
    Scanner::new(&set).scan(data, "fuzz.toml");
}

/// `data` as `.leakscan.toml`.
pub fn config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(config) = ProjectConfig::parse(text, "fuzz.toml", Path::new("."), Path::new("."))
        {
            let known: Vec<String> = builtin().rules().iter().map(|r| r.id.clone()).collect();
            config.unknown_rule_ids(&known);
        }
    }
}

/// `data` as `git log -p` output.
pub fn patch(data: &[u8]) {
    for change in crate::source::patch::parse(data) {
        let _ = change;
    }
    crate::source::patch::unquote(data);
}
