//! Issue 13: every way a pull request (or a user's git settings, or a damaged repository) could
//! hide a secret from `leakscan git`, each against a real temporary repository. Each of these
//! failed before the git source was rebuilt.

use crate::git_support::{also, delete_object, found, github, short, talon_at, utf16le};
use crate::support::{talon, Repo};

pub(crate) fn range(r: &Repo, base: &str, head: &str) -> crate::support::Output {
    r.leakscan(&[
        "git",
        "--range",
        &format!("{base}..{head}"),
        "--format",
        "json",
    ])
}

fn all(r: &Repo) -> crate::support::Output {
    r.leakscan(&["git", "--all", "--format", "json"])
}

pub(crate) fn pull_request(r: &Repo, base: &str, head: &str) -> crate::git_support::GithubRun {
    github(
        r,
        "pull_request.json",
        &[("BASE_SHA", base), ("HEAD_SHA", head)],
        &["--format", "json"],
    )
}

/// A secret added by a merge commit itself (`git merge --no-commit`, then a new file and a new
/// line in a file from the other side): `git log -p` shows merges without a diff.
#[test]
fn a_secret_added_in_a_merge_commit_is_found() {
    let r = Repo::new();
    r.write("a.txt", "base\n");
    let base = r.commit("base");
    r.git(&["checkout", "-q", "-b", "side"]);
    r.write("side.txt", "side\n");
    r.commit("side");
    r.git(&["checkout", "-q", "main"]);
    r.write("main.txt", "main\n");
    r.commit("main");
    r.git(&["merge", "-q", "--no-commit", "--no-ff", "side"]);
    r.write("evil.txt", talon("e1"));
    r.write("side.txt", format!("side\n{}", talon("e2")));
    r.git(&["add", "evil.txt", "side.txt"]);
    r.git(&["commit", "-q", "-m", "merge side"]);
    let merge = r.git(&["rev-parse", "HEAD"]);
    let expected = [
        talon_at("evil.txt", 1, &merge),
        talon_at("side.txt", 2, &merge),
    ];

    let out = range(&r, &base, &merge);
    assert_eq!((out.code, found(&out)), (1, expected.to_vec()), "{out:?}");
    let out = all(&r);
    assert_eq!((out.code, found(&out)), (1, expected.to_vec()), "{out:?}");
    let run = pull_request(&r, &base, &merge);
    assert_eq!((run.out.code, found(&run.out)), (1, expected.to_vec()));
}

/// The other side of merges: a pull request that merges its base branch in adds nothing of its
/// own by doing so, so a secret on the base branch is not blamed on the merge.
#[test]
fn merging_the_base_branch_in_adds_nothing() {
    let r = Repo::new();
    r.write("a.txt", "base\n");
    r.commit("base");
    r.git(&["checkout", "-q", "-b", "feature"]);
    r.write("f.txt", "feature\n");
    r.commit("feature");
    r.git(&["checkout", "-q", "main"]);
    r.write("m.txt", talon("3a"));
    let main = r.commit("secret on main");
    r.git(&["checkout", "-q", "feature"]);
    r.git(&["merge", "-q", "--no-edit", "main"]);
    let head = r.git(&["rev-parse", "HEAD"]);
    let out = range(&r, &main, &head);
    assert_eq!((out.code, found(&out)), (0, vec![]), "{out:?}");
}

/// `.gitattributes` saying `*.cfg -diff` makes git print "Binary files differ" for those files:
/// their added lines used to be invisible in every mode.
#[test]
fn gitattributes_cannot_make_a_file_binary() {
    let r = Repo::new();
    r.write("a.txt", "base\n");
    let base = r.commit("base");
    r.write(".gitattributes", "*.cfg -diff\n");
    r.write("app.cfg", format!("[server]\n{}", talon("c1")));
    r.git(&["add", "-A"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at("app.cfg", 2, "")])
    );
    let head = r.commit("config");
    let expected = vec![talon_at("app.cfg", 2, &head)];
    let out = range(&r, &base, &head);
    assert_eq!((out.code, found(&out)), (1, expected.clone()), "{out:?}");
    let out = all(&r);
    assert_eq!((out.code, found(&out)), (1, expected.clone()), "{out:?}");
    let run = pull_request(&r, &base, &head);
    assert_eq!((run.out.code, found(&run.out)), (1, expected));
}

/// UTF-16 files (with a byte-order mark) are text to `leakscan scan`; git calls them binary.
/// Only the lines a change added count, counted in the decoded text.
#[test]
fn utf16_files_are_scanned_in_every_git_mode() {
    let r = Repo::new();
    r.write("a.txt", "base\n");
    let base = r.commit("base");
    let first = format!(
        "# settings\r\n$x = 1\r\n{}",
        talon("a1").replace('\n', "\r\n")
    );
    r.write("deploy.ps1", utf16le(&first));
    let one = r.commit("one");
    let second = format!("{first}$y = 2\r\n{}", talon("a2").replace('\n', "\r\n"));
    r.write("deploy.ps1", utf16le(&second));
    let two = r.commit("two");

    let out = range(&r, &base, &two);
    assert_eq!(
        (out.code, found(&out)),
        (
            1,
            vec![
                talon_at("deploy.ps1", 3, &one),
                talon_at("deploy.ps1", 5, &two)
            ]
        ),
        "{out:?}"
    );
    let out = range(&r, &one, &two);
    assert_eq!(found(&out), [talon_at("deploy.ps1", 5, &two)], "{out:?}");
    let out = all(&r);
    assert_eq!(
        found(&out),
        [
            talon_at("deploy.ps1", 3, &one),
            talon_at("deploy.ps1", 5, &two)
        ],
        "{out:?}"
    );
    let third = format!("{second}$z = 3\r\n{}", talon("a3").replace('\n', "\r\n"));
    r.write("deploy.ps1", utf16le(&third));
    r.git(&["add", "deploy.ps1"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at("deploy.ps1", 7, "")])
    );
}
/// `--upload-pack=CMD..HEAD` with `--fetch` used to reach `git fetch` as an option, which runs
/// CMD. A revision may not start with `-`.
#[test]
fn a_revision_cannot_be_an_option() {
    let upstream = Repo::new();
    upstream.write("a.txt", "a\n");
    upstream.commit("one");
    let r = Repo::new();
    r.git(&[
        "remote",
        "add",
        "origin",
        &upstream.path().display().to_string(),
    ]);
    r.write("b.txt", "b\n");
    r.commit("local");
    let out = r.leakscan(&["git", "--fetch", "--range=--upload-pack=touch pwned..HEAD"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "--range: `--upload-pack=touch pwned` is not a revision: it starts with `-`, which git would take for an option\n"
    );
    assert!(!r.path().join("pwned").exists(), "git ran the command");
    let out = r.leakscan(&["git", "--fetch", "--range=HEAD~1..-q"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "--range: `-q` is not a revision: it starts with `-`, which git would take for an option\n"
    );
}

/// `diff.noprefix`, `diff.mnemonicPrefix` and `diff.srcPrefix`/`dstPrefix` in the user's git
/// config change the paths in `git diff` output; the paths leakscan reports (and matches
/// allowlists against) must not change with them.
#[test]
fn user_diff_settings_do_not_change_paths() {
    let r = Repo::new();
    r.write(".leakscan.toml", "[allowlist]\npaths = [\"vendor/**\"]\n");
    let base = r.commit("base");
    r.write("b/key.txt", talon("b1"));
    r.write("vendor/key.txt", talon("5d"));
    r.git(&["add", "-A"]);
    for settings in [
        &[("diff.noprefix", "true")][..],
        &[("diff.mnemonicPrefix", "true")][..],
        &[("diff.srcPrefix", "x/"), ("diff.dstPrefix", "y/")][..],
        &[("diff.relative", "true")][..],
    ] {
        for (k, v) in settings {
            r.git(&["config", k, v]);
        }
        let out = r.leakscan(&["git", "--staged", "--format", "json"]);
        assert_eq!(
            (out.code, found(&out)),
            (1, vec![talon_at("b/key.txt", 1, "")]),
            "{settings:?}: {out:?}"
        );
        for (k, _) in settings {
            r.git(&["config", "--unset", k]);
        }
    }
    let head = r.commit("keys");
    r.git(&["config", "diff.dstPrefix", "y/"]);
    r.git(&["config", "diff.noprefix", "true"]);
    let out = range(&r, &base, &head);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at("b/key.txt", 1, &head)]),
        "{out:?}"
    );
}

/// FILE arguments are paths, never pathspec magic: `':!*'` used to exclude everything and
/// pass; `*.txt` matched every text file.
#[test]
fn file_arguments_are_literal_paths() {
    let r = Repo::new();
    r.write("base.txt", "base\n");
    r.commit("base");
    r.write("a.txt", talon("aa"));
    r.git(&["add", "a.txt"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json", ":!*"]);
    assert_eq!((out.code, found(&out)), (2, vec![]));
    assert_eq!(out.stderr, ":!*: not in the index\n");
    let out = r.leakscan(&["git", "--staged", "--format", "json", ":!*", "a.txt"]);
    assert_eq!((out.code, found(&out)), (2, vec![talon_at("a.txt", 1, "")]));
    assert_eq!(out.stderr, ":!*: not in the index\n");
    let out = r.leakscan(&["git", "--staged", "--format", "json", "*.txt"]);
    assert_eq!((out.code, found(&out)), (2, vec![]));
    assert_eq!(out.stderr, "*.txt: not in the index\n");
    // A file whose name looks like magic is found by that name.
    r.write(":(glob)x.txt", talon("9c"));
    r.git(&["add", "--", ":(literal):(glob)x.txt"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json", ":(glob)x.txt"]);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at(":(glob)x.txt", 1, "")]),
        "{out:?}"
    );
}

/// A push that creates a branch whose first commit is the root commit: there is no `<sha>^`;
/// the root commit is compared with the empty tree.
#[test]
fn a_push_starting_at_the_root_commit_is_scanned() {
    let r = Repo::new();
    r.write("root.txt", talon("0f"));
    let root = r.commit("root");
    r.write("next.txt", talon("1e"));
    let head = r.commit("next");
    let run = github(
        &r,
        "push-new-branch.json",
        &[("FIRST_SHA", &root), ("HEAD_SHA", &head)],
        &["--format", "json"],
    );
    assert_eq!(
        (run.out.code, found(&run.out)),
        (
            1,
            vec![
                talon_at("next.txt", 1, &head),
                talon_at("root.txt", 1, &root)
            ]
        ),
        "{:?}",
        run.out
    );
}

/// A blob missing from the object store (a damaged repository, a partial clone) is a problem
/// naming the path and commit, and everything else is still scanned.
#[test]
fn missing_objects_are_problems_and_the_rest_is_scanned() {
    let r = Repo::new();
    r.write("a.txt", talon("a1"));
    let one = r.commit("one");
    r.write("b.txt", talon("b1"));
    let two = r.commit("two");
    r.write("c.txt", talon("c1"));
    let three = r.commit("three");
    let missing = r.git(&["rev-parse", "HEAD:b.txt"]);
    delete_object(&r, &missing);
    let problem = |commit: &str| {
        format!(
            "b.txt (commit {}): blob {missing} is missing from the repository\n",
            short(commit)
        )
    };

    let out = all(&r);
    assert_eq!(
        (out.code, found(&out)),
        (
            2,
            vec![talon_at("a.txt", 1, &one), talon_at("c.txt", 1, &three)]
        ),
        "{out:?}"
    );
    assert_eq!(out.stderr, problem(&two));

    // A range: `git log -p` stops at the blob; the commit that needs it is named and skipped.
    let root = r.git(&["rev-list", "--max-parents=0", "HEAD"]);
    r.git(&["commit", "-q", "--allow-empty", "-m", "four"]);
    let four = r.git(&["rev-parse", "HEAD"]);
    let out = range(&r, &root, &four);
    assert_eq!(
        (out.code, found(&out)),
        (2, vec![talon_at("c.txt", 1, &three)]),
        "{out:?}"
    );
    assert_eq!(out.stderr, problem(&two));
    r.git(&["reset", "-q", "--hard", &three]);

    // The tree of HEAD (what a `workflow_dispatch` event scans).
    let run = github(&r, "workflow_dispatch.json", &[], &["--format", "json"]);
    assert_eq!(
        (run.out.code, found(&run.out)),
        (2, vec![talon_at("a.txt", 1, ""), talon_at("c.txt", 1, "")]),
        "{:?}",
        run.out
    );
    assert_eq!(run.out.stderr, problem(&three));

    // An index entry whose blob is not there.
    let ghost = "0123456789abcdef0123456789abcdef01234567";
    r.git(&[
        "update-index",
        "--add",
        "--info-only",
        "--cacheinfo",
        &format!("100644,{ghost},ghost.txt"),
    ]);
    let out = r.leakscan(&["git", "--staged", "--format", "json", "ghost.txt", "a.txt"]);
    assert_eq!(
        (out.code, found(&out)),
        (2, vec![talon_at("a.txt", 1, "")]),
        "{out:?}"
    );
    assert_eq!(
        out.stderr,
        format!("ghost.txt (index): blob {ghost} is missing from the repository\n")
    );

    // Plain `--staged` (what the pre-commit hook runs): `git diff --cached` stops at the
    // missing blob; it is named, and the staged files after it are still scanned.
    r.write("d.txt", talon("d1"));
    r.write("z.txt", talon("e1"));
    r.git(&["add", "d.txt", "z.txt"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    assert_eq!(
        (out.code, found(&out)),
        (2, vec![talon_at("d.txt", 1, ""), talon_at("z.txt", 1, "")]),
        "{out:?}"
    );
    assert_eq!(
        out.stderr,
        format!("ghost.txt (index): blob {ghost} is missing from the repository\n")
    );
    // A name that is not UTF-8 after the missing entry cannot be asked for again: it is named
    // as not scanned, never dropped in silence.
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"zz\xff.txt");
        std::fs::write(r.path().join(name), talon("a2")).unwrap();
        let git = |verb: &[&str]| {
            let st = std::process::Command::new("git")
                .current_dir(r.path())
                .args(verb)
                .arg("--")
                .arg(name)
                .status()
                .unwrap();
            assert!(st.success());
        };
        git(&["add"]);
        let out = r.leakscan(&["git", "--staged", "--format", "json"]);
        assert_eq!(out.code, 2, "{out:?}");
        assert!(
            out.stderr.contains(
                "(index): not scanned: its name is not UTF-8, and git stopped at a missing blob\n"
            ),
            "{}",
            out.stderr
        );
        git(&["rm", "-q", "--cached"]);
        std::fs::remove_file(r.path().join(name)).unwrap();
    }
    // The same from a directory below the top: the entries after the missing one are still
    // found (they are named from the top; pathspecs are read from the directory).
    r.write("sub/y.txt", talon("f1"));
    r.git(&["add", "sub/y.txt"]);
    let out = r.leakscan(&["git", "--staged", "--repo", "sub", "--format", "json"]);
    assert_eq!(
        (out.code, found(&out)),
        (
            2,
            vec![
                talon_at("d.txt", 1, ""),
                talon_at("sub/y.txt", 1, ""),
                talon_at("z.txt", 1, "")
            ]
        ),
        "{out:?}"
    );
    assert_eq!(
        out.stderr,
        format!("ghost.txt (index): blob {ghost} is missing from the repository\n")
    );
}

/// A corrupt object (here a loose object overwritten with garbage) is reported by git as missing:
/// named by path and commit, and the rest of the history is still scanned.
#[test]
fn a_corrupt_object_is_named_and_the_rest_is_scanned() {
    let r = Repo::new();
    r.write("a.txt", talon("a2"));
    let one = r.commit("one");
    r.write("b.txt", talon("b2"));
    let two = r.commit("two");
    r.write("c.txt", talon("c2"));
    let three = r.commit("three");
    let corrupt = r.git(&["rev-parse", "HEAD:b.txt"]);
    let path = r
        .path()
        .join(".git/objects")
        .join(&corrupt[..2])
        .join(&corrupt[2..]);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    std::fs::write(&path, "garbage").unwrap();
    let out = all(&r);
    assert_eq!(
        (out.code, found(&out)),
        (
            2,
            vec![talon_at("a.txt", 1, &one), talon_at("c.txt", 1, &three)]
        ),
        "{out:?}"
    );
    assert_eq!(
        out.stderr,
        format!(
            "b.txt (commit {}): blob {corrupt} is missing from the repository\n",
            short(&two)
        )
    );
}

/// History reports each secret once, at the commit and path that introduced it, and lists the
/// other places it appears (`also` in JSON, `= also at PATH:LINE:COL (commit …)` in text).
#[test]
fn history_reports_each_secret_once_with_its_other_places() {
    let r = Repo::new();
    r.write("a.txt", talon("aa"));
    let first = r.commit("one");
    r.write("copy.txt", format!("copied\n{}", talon("aa")));
    r.write("a.txt", format!("moved down\n{}", talon("aa")));
    let second = r.commit("two");
    let out = all(&r);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at("a.txt", 1, &first)]),
        "{out:?}"
    );
    assert_eq!(
        also(&out),
        [vec![("copy.txt".to_string(), 2, second.clone())]]
    );
    let out = r.leakscan(&["git", "--all"]);
    assert!(
        out.stdout.ends_with(&format!(
            "3f1c… (commit {})\n      1 | Authorization: ApiKey-v1 3f1c…\n        = also at copy.txt:2:26 (commit {})\n",
            short(&first),
            short(&second)
        )),
        "{}",
        out.stdout
    );
    let out = r.leakscan(&[
        "git",
        "--range",
        &format!("{first}..{second}"),
        "--format",
        "json",
    ]);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at("copy.txt", 2, &second)]),
        "{out:?}"
    );
}
