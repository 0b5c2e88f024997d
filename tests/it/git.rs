//! `leakscan git` against real temporary repositories.

use crate::git_support::{also, f, found, github, summary, talon_at};
use crate::support::{talon, Repo, Tree};

#[test]
fn staged_first_commit_without_head() {
    let r = Repo::new();
    r.write("app.sh", format!("#!/bin/sh\n{}", talon("")));
    r.git(&["add", "app.sh"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(found(&out), [talon_at("app.sh", 2, "")]);
}

#[test]
fn staged_reads_the_index_not_the_working_tree() {
    let r = Repo::new();
    r.write("a.txt", "hello\n");
    r.commit("init");
    // Staged, then removed from the working file: still found.
    r.write("a.txt", format!("hello\n{}", talon("aa")));
    r.git(&["add", "a.txt"]);
    r.write("a.txt", "hello\n");
    // Only in the working tree: not found.
    r.write("b.txt", talon("bb"));
    let out = r.leakscan(&["git", "--format", "json"]);
    assert_eq!(found(&out), [talon_at("a.txt", 2, "")]);
    assert_eq!(out.code, 1);
}

#[test]
fn staged_reports_only_added_lines_but_scans_whole_blobs() {
    let r = Repo::new();
    r.write("old.txt", format!("{}filler\n", talon("aa")));
    r.write(
        "Sdk.java",
        "client.setApiKeyPrefix(\"ApiKey-v1\");\n// key below\n",
    );
    r.commit("init");
    // A change elsewhere in a file with an old secret: the old secret is not reported.
    r.write("old.txt", format!("{}filler\nmore\n", talon("aa")));
    // The key line added under an existing prefix line: the multi-line rule still sees both.
    r.write(
        "Sdk.java",
        "client.setApiKeyPrefix(\"ApiKey-v1\");\n// key below\nclient.setApiKey(\"7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c\");\n",
    );
    r.git(&["add", "-A"]);
    let sdk = f("talon-one.sdk-api-key", "Sdk.java", 3, "");
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    assert_eq!((out.code, found(&out)), (1, vec![sdk.clone()]));
    // With FILE arguments (as pre-commit passes them), the whole staged content counts.
    let out = r.leakscan(&["git", "--staged", "--format", "json", "old.txt", "Sdk.java"]);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![sdk, talon_at("old.txt", 1, "")])
    );
}

#[test]
fn staged_handles_deletions_renames_binaries_submodules_ita_and_conflicts() {
    let r = Repo::new();
    r.write("gone.txt", "bye\n");
    r.write("moved.txt", "same content\n");
    r.write("conflict.txt", "base\n");
    r.commit("init");
    r.git(&["rm", "-q", "gone.txt"]);
    r.git(&["mv", "moved.txt", "renamed.txt"]);
    let mut blob = b"\x00\x01binary".to_vec();
    blob.extend_from_slice(talon("b1").as_bytes());
    r.write("blob.bin", blob);
    r.write("ita.txt", talon("1a"));
    r.git(&["add", "blob.bin"]);
    r.git(&["add", "-N", "ita.txt"]);
    // A submodule entry (a gitlink) in the index.
    let sub = Repo::new();
    sub.write("x", "x\n");
    let sub_head = sub.commit("sub");
    r.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{sub_head},vendor/sub"),
    ]);
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(found(&out), []);
    // A merge conflict in the index.
    r.commit("changes");
    r.git(&["checkout", "-q", "-b", "other"]);
    r.write("conflict.txt", "theirs\n");
    r.commit("theirs");
    r.git(&["checkout", "-q", "main"]);
    r.write("conflict.txt", "ours\n");
    r.commit("ours");
    let merge = std::process::Command::new("git")
        .current_dir(r.path())
        .args(["merge", "-q", "other"])
        .output()
        .unwrap();
    assert!(!merge.status.success(), "the merge conflicts");
    r.write("new.txt", talon("7e"));
    r.git(&["add", "new.txt"]);
    let out = r.leakscan(&["git", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(found(&out), [talon_at("new.txt", 1, "")]);
}

#[test]
fn range_reports_secrets_added_then_removed_with_their_commit() {
    let r = Repo::new();
    r.write("a.txt", "start\n");
    let base = r.commit("base");
    r.write("a.txt", format!("start\n{}", talon("aa")));
    let added = r.commit("add key");
    r.write("a.txt", "start\n");
    let head = r.commit("remove key");
    let out = r.leakscan(&[
        "git",
        "--range",
        &format!("{base}..{head}"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(found(&out), [talon_at("a.txt", 2, &added)]);
    // Text shows the commit too.
    let out = r.leakscan(&["git", "--range", &format!("{base}..{head}")]);
    assert!(
        out.findings()
            .ends_with(&format!("3f1c… (commit {})\n", &added[..12])),
        "{}",
        out.stdout
    );
    // base == head: nothing.
    let out = r.leakscan(&[
        "git",
        "--range",
        &format!("{head}..{head}"),
        "--format",
        "json",
    ]);
    assert_eq!((out.code, found(&out)), (0, vec![]));
}

#[test]
fn all_scans_each_blob_once_and_attributes_the_introducing_commit() {
    let r = Repo::new();
    r.write("a.txt", talon("aa"));
    let first = r.commit("one");
    // The same blob again under another path, and an unrelated change.
    r.write("copy.txt", talon("aa"));
    r.write("b.txt", "b\n");
    r.commit("two");
    r.git(&["checkout", "-q", "-b", "side"]);
    r.write("side.txt", talon("5e"));
    let side = r.commit("side");
    r.git(&["checkout", "-q", "main"]);
    let out = r.leakscan(&["git", "--all", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    // One finding per secret, at the commit that introduced it; the copy is another place.
    assert_eq!(
        found(&out),
        [talon_at("a.txt", 1, &first), talon_at("side.txt", 1, &side)]
    );
    assert_eq!(
        also(&out),
        [
            vec![("copy.txt".to_string(), 1, found_commit(&r, "two"))],
            vec![]
        ]
    );
    // a.txt and copy.txt share one blob: 3 unique blobs with text (a/copy, b, side).
    assert_eq!(summary(&out, "files_scanned"), 3);
}

fn found_commit(r: &Repo, message: &str) -> String {
    r.git(&["log", "--all", "--format=%H", "--grep", message])
}

#[test]
fn clear_errors() {
    let t = Tree::new();
    let out = t.leakscan(&["git", "--staged"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(".: not a git repository\n"),
        "{}",
        out.stderr
    );

    let r = Repo::new();
    r.write("a", "a\n");
    r.commit("one");
    let out = r.leakscan(&["git", "--range", "nope..HEAD"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("nope: unknown revision\n"),
        "{}",
        out.stderr
    );
    let out = r.leakscan(&["git", "--range", "HEAD"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "--range: expected A..B, got `HEAD`\n");

    // git not installed: an empty PATH.
    let out = assert_cmd::Command::cargo_bin("leakscan")
        .unwrap()
        .current_dir(r.path())
        .env("PATH", "")
        .args(["git", "--staged"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("git: git is not installed or not on PATH\n"));
}

#[test]
fn shallow_clone_missing_base_says_how_to_fetch() {
    let r = Repo::new();
    r.write("a", "1\n");
    let base = r.commit("one");
    r.write("a", "2\n");
    r.commit("two");
    r.write("a", "3\n");
    let head = r.commit("three");
    let clone = Tree::new();
    let url = format!("file://{}", r.path().display());
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "shallow"])
        .current_dir(clone.path())
        .status()
        .unwrap();
    assert!(status.success());
    let out = crate::support::run_in(
        &clone.path().join("shallow"),
        &["git", "--range", &format!("{base}..{head}")],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(&format!(
            "{base}: unknown revision: this is a shallow clone that does not contain it; fetch it with `git fetch --unshallow`"
        )),
        "{}",
        out.stderr
    );
    // With --fetch, git fetches what is missing and the scan runs.
    let out = crate::support::run_in(
        &clone.path().join("shallow"),
        &["git", "--fetch", "--range", &format!("{base}..{head}")],
    );
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn github_events_pick_the_right_commits() {
    let r = Repo::new();
    r.write("old.txt", talon("0d"));
    let base = r.commit("base");
    r.write("first.txt", talon("f1"));
    let first = r.commit("first");
    r.write("head.txt", talon("4e"));
    let head = r.commit("head");
    let ids = [
        ("BASE_SHA", base.as_str()),
        ("FIRST_SHA", first.as_str()),
        ("HEAD_SHA", head.as_str()),
    ];
    let json = ["--format", "json"];

    let out = github(&r, "pull_request.json", &ids, &json).out;
    assert_eq!(
        found(&out),
        [
            talon_at("first.txt", 1, &first),
            talon_at("head.txt", 1, &head)
        ],
        "{out:?}"
    );
    let out = github(&r, "push.json", &ids, &json).out;
    assert_eq!(
        found(&out),
        [
            talon_at("first.txt", 1, &first),
            talon_at("head.txt", 1, &head)
        ]
    );
    let out = github(&r, "push-new-branch.json", &ids, &json).out;
    assert_eq!(
        found(&out),
        [
            talon_at("first.txt", 1, &first),
            talon_at("head.txt", 1, &head)
        ]
    );
    let out = github(&r, "push-force.json", &ids, &json).out;
    assert_eq!(found(&out), [talon_at("head.txt", 1, &head)]);
    let out = github(&r, "push-same.json", &ids, &json).out;
    assert_eq!((out.code, found(&out)), (0, vec![]));
    assert!(out
        .stderr
        .starts_with("leakscan: nothing to scan: before and after are the same commit"));
    let out = github(&r, "workflow_dispatch.json", &ids, &json).out;
    assert_eq!(
        found(&out),
        [
            talon_at("first.txt", 1, ""),
            talon_at("head.txt", 1, ""),
            talon_at("old.txt", 1, "")
        ]
    );
    // Annotations, redacted, and the job summary.
    let run = github(&r, "pull_request.json", &ids, &["--format", "github"]);
    let (out, summary) = (run.out, run.summary);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout.lines().next().unwrap(),
        format!(
            "::error file=first.txt,line=1,col=26,endLine=1,endColumn=82,title=talon-one.api-key::Talon.One API key in an `Authorization: ApiKey-v1` header: 3f1c… (commit {})",
            &first[..12]
        )
    );
    assert!(summary.contains("### leakscan: 2 findings"), "{summary}");
    assert!(
        summary.contains("| high | `talon-one.api-key` | `first.txt:1:26` | `3f1c…` |"),
        "{summary}"
    );
    assert!(!summary.contains(&crate::support::TALON_KEY[..10]));
}
