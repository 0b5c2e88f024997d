//! Unit tests of the patch parser (`patch.rs`), on patches as git writes them.

use super::*;

const C1: &str = "229bfd58df75c30ee2f3fe24ba825785cfc31ed5";
const C2: &str = "11f57987196a7498b23bb4938dcb54973b453d1c";

fn log() -> String {
    format!(
        "commit {C1} 
diff --git a/a.txt b/a.txt
new file mode 100644
index 0000000000000000000000000000000000000000..ce013625030ba8dba906f756967f9e9ca394464a
--- /dev/null
+++ b/a.txt
@@ -0,0 +1 @@
+hello
commit {C2} {C1}

diff --git a/a.txt b/b.txt
similarity index 50%
rename from a.txt
rename to b.txt
index ce013625030ba8dba906f756967f9e9ca394464a..94954abda49de8615a048f8d2e64b5de848e27a1 100644
--- a/a.txt
+++ b/b.txt
@@ -1,0 +2,3 @@ hello
+world
++++ b/not-a-header
+commit 0000000000000000000000000000000000000000
\\ No newline at end of file
diff --git \"a/sp ace\\\"q.txt\" \"b/sp ace\\\"q.txt\"
new file mode 100644
index 0000000000000000000000000000000000000000..587be6b4c3f93f93c489c0111bba5596147a26cb
--- /dev/null
+++ \"b/sp ace\\\"q.txt\"\t
@@ -0,0 +1 @@
+x
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index 587be6b4c3f93f93c489c0111bba5596147a26cb..0000000000000000000000000000000000000000
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/old.txt b/new.txt
similarity index 100%
rename from old.txt
rename to new.txt
diff --git a/vendor/sub b/vendor/sub
new file mode 160000
index 0000000000000000000000000000000000000000..1111111111111111111111111111111111111111
--- /dev/null
+++ b/vendor/sub
@@ -0,0 +1 @@
+Subproject commit 1111111111111111111111111111111111111111
diff --git a/empty.txt b/empty.txt
new file mode 100644
index 0000000000000000000000000000000000000000..e69de29bb2d1d6434b8b29ae775ad8c2e48c5391
"
    )
}

fn change(path: &str, blob: Option<&str>, added: &[(usize, usize)]) -> FileChange {
    FileChange {
        path: path.into(),
        old_path: None,
        blob: blob.map(str::to_string),
        mode: None,
        added: added.to_vec(),
    }
}

#[test]
fn parses_commits_renames_quoting_deletions_and_submodules() {
    let commits = parse(log().as_bytes());
    assert_eq!(commits.len(), 2);
    assert_eq!(commits[0].commit.as_deref(), Some(C1));
    assert_eq!(
        commits[0].changes,
        [FileChange {
            mode: Some("100644".into()),
            ..change(
                "a.txt",
                Some("ce013625030ba8dba906f756967f9e9ca394464a"),
                &[(1, 1)]
            )
        }]
    );
    assert_eq!(commits[1].commit.as_deref(), Some(C2));
    let c = &commits[1].changes;
    assert_eq!(c.len(), 6, "{c:#?}");
    assert_eq!(
        c[0],
        FileChange {
            old_path: Some("a.txt".into()),
            mode: Some("100644".into()),
            ..change(
                "b.txt",
                Some("94954abda49de8615a048f8d2e64b5de848e27a1"),
                &[(2, 4)]
            )
        }
    );
    assert_eq!(c[1].path, "sp ace\"q.txt");
    assert_eq!(c[1].added, [(1, 1)]);
    assert!(c[1].adds_content());
    // A deletion names its path and has no blob.
    assert_eq!(
        (c[2].old_path.as_deref(), c[2].blob.as_deref()),
        (Some("gone.txt"), None)
    );
    assert!(!c[2].adds_content());
    // A pure rename: paths, nothing added.
    assert_eq!(
        (c[3].path.as_str(), c[3].old_path.as_deref()),
        ("new.txt", Some("old.txt"))
    );
    assert!(!c[3].adds_content());
    // A submodule is a commit, not a blob to read.
    assert_eq!(
        (c[4].path.as_str(), c[4].mode.as_deref()),
        ("vendor/sub", Some("160000"))
    );
    assert!(!c[4].adds_content());
    // An empty new file has no `+++` line: its path comes from the `diff --git` line.
    assert_eq!(c[5].path, "empty.txt");
    assert!(!c[5].adds_content());
}

#[test]
fn the_index_has_no_commit_header() {
    let diff = "diff --git a/x b/x\nindex 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644\n--- a/x\n+++ b/x\n@@ -3,0 +4,2 @@\n+a\n+b\n";
    let commits = parse(diff.as_bytes());
    assert_eq!(commits.len(), 1);
    assert_eq!(commits[0].commit, None);
    assert_eq!(commits[0].changes[0].added, [(4, 5)]);
}

#[test]
fn a_path_without_the_side_prefix_is_not_taken() {
    // What `diff.noprefix` would print: not what we asked for, so no path is made up from it.
    let diff = "diff --git x y\nindex 0000000000000000000000000000000000000000..2222222222222222222222222222222222222222\n--- /dev/null\n+++ y\n@@ -0,0 +1 @@\n+a\n";
    assert_eq!(parse(diff.as_bytes())[0].changes[0].path, "");
}

/// Sections of a merge with parents P1 and P2, as `--diff-merges=separate` prints them.
fn merge(sections: &[&str], parents: &str) -> String {
    sections
        .iter()
        .map(|s| format!("commit {C2} {parents}\n\n{s}"))
        .collect()
}

fn file(path: &str, hunks: &[&str]) -> String {
    let mut s = format!(
        "diff --git a/{path} b/{path}\nindex 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644\n--- a/{path}\n+++ b/{path}\n"
    );
    for h in hunks {
        let (_, _, len) = hunk_header(h.as_bytes());
        s.push_str(h);
        s.push('\n');
        for _ in 0..len {
            s.push_str("+line\n");
        }
    }
    s
}

#[test]
fn a_merge_adds_only_what_is_new_against_every_parent() {
    let parents = format!("{C1} 3333333333333333333333333333333333333333");
    // conflict.txt: lines 2-5 new against P1, 4-9 against P2 → 4-5 are the merge's own.
    // side.txt: taken from P2 unchanged (absent from the P2 section) → nothing.
    // evil.txt: new against both.
    let p1 = format!(
        "{}{}{}",
        file("conflict.txt", &["@@ -1,0 +2,4 @@"]),
        file("side.txt", &["@@ -0,0 +1,3 @@"]),
        file("evil.txt", &["@@ -0,0 +1,2 @@"])
    );
    let p2 = format!(
        "{}{}",
        file("conflict.txt", &["@@ -3,0 +4,6 @@"]),
        file("evil.txt", &["@@ -0,0 +1,2 @@"])
    );
    let commits = parse(merge(&[&p1, &p2], &parents).as_bytes());
    assert_eq!(commits.len(), 1);
    let got: Vec<(&str, &[(usize, usize)])> = commits[0]
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.added.as_slice()))
        .collect();
    assert_eq!(
        got,
        [("conflict.txt", &[(4, 5)][..]), ("evil.txt", &[(1, 2)][..])]
    );
    // Identical to one parent: git prints one section only, and the merge adds nothing.
    let commits = parse(merge(&[&p1], &parents).as_bytes());
    assert_eq!(commits[0].changes, []);
}

#[test]
fn intersections() {
    assert_eq!(intersect(&[(1, 5), (8, 9)], &[(4, 8)]), [(4, 5), (8, 8)]);
    assert_eq!(intersect(&[(1, 2)], &[(3, 4)]), []);
    assert_eq!(intersect(&[WHOLE], &[(2, 3)]), [(2, 3)]);
}

#[test]
fn hunk_headers() {
    assert_eq!(hunk_header(b"@@ -0,0 +1 @@"), (0, 1, 1));
    assert_eq!(hunk_header(b"@@ -3,2 +3,0 @@ fn x()"), (2, 3, 0));
    assert_eq!(hunk_header(b"@@ -10 +12,4 @@"), (1, 12, 4));
}

#[test]
fn unquotes_octal_utf8() {
    assert_eq!(unquote(b"\"b/\\303\\251t\\303\\251.txt\""), "b/été.txt");
    assert_eq!(unquote(b"plain/path"), "plain/path");
    assert_eq!(unquote(b"\"tab\\there\""), "tab\there");
}

#[test]
fn diff_git_names() {
    assert_eq!(diff_git_path(b"a/x y b/x y").as_deref(), Some("x y"));
    assert_eq!(
        diff_git_path(b"\"a/t\\tx\" \"b/t\\tx\"").as_deref(),
        Some("t\tx")
    );
    assert_eq!(diff_git_path(b"a/x b/y"), None);
    assert_eq!(diff_git_path(b""), None);
}

#[test]
fn long_lines_cost_no_memory_and_do_not_derail() {
    // A 1 MB added line (a minified file, a binary blob shown with --text) and an overlong
    // header line.
    let big = "x".repeat(1 << 20);
    let text = format!(
        "commit {C1}\n\ndiff --git a/big b/big\nindex 0000000000000000000000000000000000000000..2222222222222222222222222222222222222222\n--- /dev/null\n+++ b/big\n@@ -0,0 +1,2 @@ {big}\n+{big}\n+second\ndiff --git a/after b/after\nindex 0000000000000000000000000000000000000000..3333333333333333333333333333333333333333\n--- /dev/null\n+++ b/after\n@@ -0,0 +1 @@\n+a\n"
    );
    let commits = parse(text.as_bytes());
    let got: Vec<(&str, &[(usize, usize)])> = commits[0]
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.added.as_slice()))
        .collect();
    assert_eq!(got, [("big", &[(1, 2)][..]), ("after", &[(1, 1)][..])]);
}

#[test]
fn absurd_hunk_counts_do_not_overflow() {
    let text = format!(
        "diff --git a/x b/x\nindex 0000000000000000000000000000000000000000..2222222222222222222222222222222222222222\n+++ b/x\n@@ -{max},{max} +{max},{max} @@\n+a\n",
        max = usize::MAX
    );
    assert_eq!(
        parse(text.as_bytes())[0].changes[0].added,
        [(usize::MAX, usize::MAX)]
    );
}
