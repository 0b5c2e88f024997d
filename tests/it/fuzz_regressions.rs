//! Every minimised crasher the fuzzers found (`tests/fuzz/regressions/<target>/`) replayed
//! through the target's own entry point; each once panicked or hung.

use std::path::PathBuf;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".gitkeep") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let replayed = std::panic::catch_unwind(|| run(&data));
        assert!(replayed.is_ok(), "{} panics again", path.display());
        n += 1;
    }
    n
}

#[test]
fn scan_crashers() {
    replay("scan", leakscan::fuzzing::scan);
}

#[test]
fn rule_file_crashers() {
    replay("rule_file", leakscan::fuzzing::rule_file);
}

#[test]
fn config_crashers() {
    replay("config", leakscan::fuzzing::config);
}

#[test]
fn patch_crashers() {
    replay("patch", leakscan::fuzzing::patch);
}

/// The entry points themselves work on ordinary inputs (so a replay is not vacuous).
#[test]
fn entry_points_run_on_real_inputs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    leakscan::fuzzing::scan(
        &std::fs::read(root.join("tests/corpus/one_per_line/database-url--code.txt")).unwrap(),
    );
    for f in ["rules/talon-one.toml", "rules/placeholders.toml"] {
        leakscan::fuzzing::rule_file(&std::fs::read(root.join(f)).unwrap());
    }
    leakscan::fuzzing::config(
        &std::fs::read(root.join("tests/fuzz/seeds/config/readme.toml")).unwrap(),
    );
    leakscan::fuzzing::patch(b"commit 0123\n\ndiff --git a/x b/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n");
}
