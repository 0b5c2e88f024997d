//! `git --staged` (the pre-commit path) in a damaged index: `git diff --cached` stops at the
//! first blob it cannot read, so every way that can happen must leave the other staged files
//! scanned and the missing blob named. Each of the first three failed before the recovery was
//! rebuilt (a file after the gap, or the file itself, went unscanned; or a rename that added
//! nothing was reported whole).

use crate::git_support::{delete_object, found, talon_at};
use crate::support::{talon, Repo};

const GHOST: &str = "0123456789abcdef0123456789abcdef01234567";

/// Stage `path` as an entry whose blob the repository does not have.
fn ghost(r: &Repo, path: &str) {
    r.git(&[
        "update-index",
        "--add",
        "--info-only",
        "--cacheinfo",
        &format!("100644,{GHOST},{path}"),
    ]);
}

fn staged(r: &Repo) -> crate::support::Output {
    r.leakscan(&["git", "--staged", "--format", "json"])
}

fn ghost_problem(path: &str) -> String {
    format!("{path} (index): blob {GHOST} is missing from the repository\n")
}

#[test]
fn a_missing_head_side_scans_the_staged_file_whole() {
    let r = Repo::new();
    r.write("m.txt", "m = 1\n");
    r.commit("one");
    let old = r.git(&["rev-parse", "HEAD:m.txt"]);
    delete_object(&r, &old);
    r.write("m.txt", talon("a3"));
    r.write("z.txt", talon("a4"));
    r.git(&["add", "m.txt", "z.txt"]);
    let out = staged(&r);
    assert_eq!(
        (out.code, found(&out)),
        (2, vec![talon_at("m.txt", 1, ""), talon_at("z.txt", 1, "")]),
        "{out:?}"
    );
    assert_eq!(
        out.stderr,
        format!(
            "m.txt (HEAD): blob {old} is missing from the repository; the staged file is scanned whole\n"
        )
    );
}

#[test]
fn rename_detection_reading_a_missing_blob_stops_nothing() {
    let r = Repo::new();
    r.write("d.txt", "d = 1\nd = 2\nd = 3\n");
    r.commit("one");
    r.git(&["rm", "-q", "d.txt"]);
    r.write("a.txt", talon("b1"));
    r.write("z.txt", talon("b2"));
    r.git(&["add", "a.txt", "z.txt"]);
    ghost(&r, "m.txt");
    let out = staged(&r);
    assert_eq!(
        (out.code, found(&out)),
        (2, vec![talon_at("a.txt", 1, ""), talon_at("z.txt", 1, "")]),
        "{out:?}"
    );
    assert_eq!(out.stderr, ghost_problem("m.txt"));
}

#[test]
fn a_rename_after_the_gap_is_still_a_rename() {
    let r = Repo::new();
    r.write("old.txt", format!("name = svc\n{}", talon("c1")));
    r.commit("one");
    r.git(&["mv", "old.txt", "zz-new.txt"]);
    // Without the gap: a rename adds nothing.
    let out = staged(&r);
    assert_eq!((out.code, found(&out)), (0, vec![]), "{out:?}");
    ghost(&r, "a-ghost.txt");
    let out = staged(&r);
    assert_eq!((out.code, found(&out)), (2, vec![]), "{out:?}");
    assert_eq!(out.stderr, ghost_problem("a-ghost.txt"));
}

/// The entries after the gap are diffed a few hundred paths at a time: none is lost at a cut.
#[test]
fn many_files_after_the_gap_are_all_scanned() {
    let r = Repo::new();
    r.write("base.txt", "base\n");
    r.commit("one");
    let names: Vec<String> = (0..1200).map(|i| format!("f{i:04}.txt")).collect();
    for (i, name) in names.iter().enumerate() {
        r.write(name, talon(&format!("{i:04x}")));
    }
    r.git(&["add", "."]);
    ghost(&r, "a-ghost.txt");
    let out = staged(&r);
    let want: Vec<_> = names.iter().map(|n| talon_at(n, 1, "")).collect();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(found(&out), want);
    assert_eq!(out.stderr, ghost_problem("a-ghost.txt"));
}
