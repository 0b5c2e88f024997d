//! Snapshot of `leakscan scan examples/api-guides`: the five API guides the project was specified
//! from, kept in the repository so the README's first command works in a bare clone. Exactly
//! the Talon.One key at 003 lines 26 and 30, and nothing else: every other candidate there is a
//! placeholder, a truncated example, the illustrative `fefecafedeadbeef` or an environment
//! look-up.

use crate::support::run_in;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seeds_give_exactly_the_two_talon_one_findings() {
    let out = run_in(&root().join("examples"), &["scan", "api-guides"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.findings(),
        "api-guides/003_ee077009ceb7f6b7.txt:26:35: talon-one.sdk-api-key Talon.One API key set through the SDK next to `setApiKeyPrefix(\"ApiKey-v1\")`: dbc6…\n\
         api-guides/003_ee077009ceb7f6b7.txt:30:26: talon-one.api-key Talon.One API key in an `Authorization: ApiKey-v1` header: dbc6…\n"
    );
}

/// The copies in examples/ are the guides in ../shared/seeds, byte for byte, where that exists.
#[test]
fn the_example_guides_are_the_seeds() {
    let seeds = root().join("../shared/seeds");
    if !seeds.is_dir() {
        crate::support::skip(
            "the_example_guides_are_the_seeds",
            "../shared/seeds not found",
        );
        return;
    }
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let copy = root().join("examples/api-guides").join(name);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&copy).unwrap_or_default(),
            "{} differs from {}",
            copy.display(),
            path.display()
        );
    }
}
