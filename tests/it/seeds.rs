//! Snapshot of `leakscan scan ../shared/seeds`: the five API guides the project was specified
//! from. Exactly the Talon.One key at 003 lines 26 and 30, and nothing else: every other
//! candidate there is a placeholder, a truncated example, the illustrative `fefecafedeadbeef`
//! or an environment look-up.

use crate::support::run_in;
use std::path::PathBuf;

#[test]
fn seeds_give_exactly_the_two_talon_one_findings() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let seeds = shared.join("seeds");
    if !seeds.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing and CI is set: this is a failure, not a skip",
            seeds.display()
        );
        eprintln!("skipping: {} not found", seeds.display());
        return;
    }
    let out = run_in(&shared, &["scan", "seeds"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.findings(),
        "seeds/003_ee077009ceb7f6b7.txt:26:35: talon-one.sdk-api-key Talon.One API key set through the SDK next to `setApiKeyPrefix(\"ApiKey-v1\")`: dbc6…\n\
         seeds/003_ee077009ceb7f6b7.txt:30:26: talon-one.api-key Talon.One API key in an `Authorization: ApiKey-v1` header: dbc6…\n"
    );
}
