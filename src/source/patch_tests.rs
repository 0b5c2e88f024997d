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

/// A merge as `git log --cc -U0` prints it: a conflict resolved with new lines (2-4, one of
/// them looking like a header), a file new in the merge, and one line kept from each side.
const MERGE: &str = "commit 0a2eac379416ff4ab80155c5f57868174a73410e 854a8b3bad5df956e88d1071128681b7103f7ec7 21f91d617538cae352358ddd9fdb7256125fa4dc

diff --cc a.txt
index 8ba843d09fcc5b21c0df757d61cfd13879bb3f18,f81f006d4d52e05d6adda85a45a79ff7d2d183d6..3bd83ba65dba0cef907af187e476f2ccb78063d7
--- a/a.txt
+++ b/a.txt
@@@ -2,1 -2,1 +2,3 @@@ l
- main
 -side
++resolved
+++++ b/x
++--- a/y
@@@ -9,0 -9,0 +11,2 @@@
 +from side
+ from main
diff --cc evil.txt
index 0000000000000000000000000000000000000000,0000000000000000000000000000000000000000..53c74cd6c8f3911ae716f60f9b79f575aab0e975
new file mode 100644
--- /dev/null
+++ b/evil.txt
@@@ -1,0 -1,0 +1,1 @@@
++evil
\\ No newline at end of file
commit 1111111111111111111111111111111111111111 0a2eac379416ff4ab80155c5f57868174a73410e
";

#[test]
fn a_merge_adds_only_what_is_new_against_every_parent() {
    let commits = parse(MERGE.as_bytes());
    assert_eq!(commits.len(), 2);
    type Seen<'a> = (&'a str, Option<&'a str>, &'a [(usize, usize)]);
    let got: Vec<Seen<'_>> = commits[0]
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.blob.as_deref(), c.added.as_slice()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "a.txt",
                Some("3bd83ba65dba0cef907af187e476f2ccb78063d7"),
                &[(2, 4)][..]
            ),
            (
                "evil.txt",
                Some("53c74cd6c8f3911ae716f60f9b79f575aab0e975"),
                &[(1, 1)][..]
            ),
        ]
    );
    assert_eq!(
        commits[1].commit.as_deref(),
        Some("1111111111111111111111111111111111111111")
    );
}

#[test]
fn combined_hunk_headers() {
    assert_eq!(combined_hunk_header(b"@@@ -2,1 -2,1 +2,3 @@@ l"), (2, 2));
    assert_eq!(combined_hunk_header(b"@@@@ -1 -1 -1 +7,2 @@@@"), (3, 7));
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
