//! Hostile input: one tree holding every kind of file a scanner meets unattended in vendored
//! code and other people's pull requests. The scan must finish, name every problem on stderr as
//! `PATH: reason`, still report every secret in the readable files at the right position, exit
//! 2, and never panic or block. Cases that cannot live in a tree (an unreadable directory when
//! tests run as root, a file truncated mid-scan) are unit tests next to their code:
//! `source::walk` and `source::mmap`.

use crate::support::{run_in, Tree, TALON_KEY};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

fn talon(prefix: &str) -> String {
    format!("{prefix}Authorization: ApiKey-v1 {TALON_KEY}")
}

/// A rule whose regex would take exponential time in a backtracking engine.
const CATASTROPHIC_RULE: &str = r#"[[rule]]
id = "test.nested-quantifier"
description = "(a+)+ then a byte that never comes"
keywords = ["aaaa"]
regex = '''(?P<secret>(a+)+)!'''
severity = "low"
[[rule.example]]
text = "aaaa!"
secret = "aaaa"
[[rule.negative]]
text = "aaaa"
"#;

/// Every finding's `path:line:col` from the text report.
/// Every place a secret was reported: the findings and the other places each one lists.
fn positions(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| !crate::support::is_excerpt(l))
        .flat_map(|l| match crate::support::also_places(l) {
            Some(places) => places,
            None => vec![l.splitn(4, ':').take(3).collect::<Vec<_>>().join(":")],
        })
        .collect()
}

#[test]
fn a_hostile_tree_is_scanned_to_the_end() {
    let t = Tree::new();
    // A 64 MB single-line minified bundle with a secret at its very end.
    let mut big = b"var a=function(b){return b+1};".repeat(64 * 1024 * 1024 / 30);
    let col = big.len() + ";Authorization: ApiKey-v1 ".len() + 1;
    big.extend_from_slice(talon(";").as_bytes());
    t.file("vendor/bundle.min.js", &big);
    // Invalid UTF-8 right before and after the secret.
    t.file(
        "latin1.txt",
        [
            b"caf\xe9 \xff\xfe ".as_slice(),
            talon("").as_bytes(),
            b" \xc3\x28\n",
        ]
        .concat(),
    );
    // CRLF and mixed line endings.
    t.file(
        "crlf.txt",
        format!("one\r\ntwo\nthree\r\n{}\r\n", talon("  ")),
    );
    // UTF-16 LE with a BOM, as PowerShell writes it.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            format!("x = 1\r\n{}\r\n", talon(""))
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    t.file("windows.ps1", utf16);
    t.file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    t.file("huge.log", vec![b'x'; 3000]);
    t.file("empty.txt", "");
    // A name that is not UTF-8.
    let odd = t.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.env"));
    std::fs::write(&odd, talon("")).unwrap();
    // Symlinks: to a file with a secret, to nothing, and a loop.
    t.file("real/secret.txt", talon(""));
    std::os::unix::fs::symlink("real/secret.txt", t.path().join("link.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere", t.path().join("dangling")).unwrap();
    std::os::unix::fs::symlink("..", t.path().join("real/loop")).unwrap();
    // A FIFO with no writer (opening it would block) and a socket.
    let fifo = t.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let _socket = std::os::unix::net::UnixListener::bind(t.path().join("sock")).unwrap();
    // Broken rule files and a broken config, kept outside the scanned tree.
    let outside = Tree::new();
    for bad in [
        "bad-regex",
        "missing-secret-group",
        "duplicate-id",
        "unknown-key",
    ] {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/bad-rules/{bad}.toml"));
        outside.file(
            &format!("rules/{bad}.toml"),
            std::fs::read(fixture).unwrap(),
        );
    }
    outside.file("rules/catastrophic.toml", CATASTROPHIC_RULE);
    let config = outside.file("broken.toml", "[rules]\ndisable = [\"x\"\n");
    let rules = outside.path().join("rules");
    let mut a_run = "a".repeat(100_000);
    a_run.push('\n');
    t.file("aaaa.txt", a_run);

    let scan = |max: &str, extra: &[&str]| {
        let mut args = vec!["scan", "--color", "never", "--max-file-size", max];
        args.extend_from_slice(&["--rules", rules.to_str().unwrap()]);
        args.extend_from_slice(&["--config", config.to_str().unwrap()]);
        args.extend_from_slice(extra);
        args.extend_from_slice(&[".", "does-not-exist"]);
        run_in(t.path(), &args)
    };
    let out = scan("2000", &[]);
    // huge.log and the bundle are over 2000 bytes: named, skipped.
    assert!(
        out.stderr
            .contains("huge.log: skipped: 3000 bytes is larger than --max-file-size (2000)"),
        "{}",
        out.stderr
    );

    let out = scan("70000000", &[]);
    assert_eq!(out.code, 2, "{out:?}");
    let found = positions(&out.stdout);
    let expect = [
        "crlf.txt:4:28".to_string(),
        "caf\\xe9.env:1:26".to_string(),
        "latin1.txt:1:34".to_string(),
        "real/secret.txt:1:26".to_string(),
        format!("vendor/bundle.min.js:1:{col}"),
        "windows.ps1:2:26".to_string(),
    ];
    let mut sorted = found.clone();
    sorted.sort();
    let mut expect_sorted = expect.to_vec();
    expect_sorted.sort();
    assert_eq!(sorted, expect_sorted, "{}", out.stdout);
    let err = &out.stderr;
    let shown = |p: &Path| p.display().to_string();
    for problem in [
        "does-not-exist: no such file or directory".to_string(),
        format!("{}:2:15: unclosed array, expected `]`", shown(&config)),
        format!("{}:", shown(&rules.join("bad-regex.toml"))),
        format!("{}:", shown(&rules.join("missing-secret-group.toml"))),
        format!("{}:", shown(&rules.join("duplicate-id.toml"))),
        format!("{}:", shown(&rules.join("unknown-key.toml"))),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(&problem)),
            "no `{problem}` in:\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    // Skipped, and counted, not silently: the binary file, 3 symlinks, the FIFO and the socket.
    let summary = err.lines().last().unwrap();
    assert!(
        summary.contains("skipped 1 binary, 3 symlink, 2 special"),
        "{summary}"
    );
    assert!(summary.contains("in 9 files"), "{summary}");

    // --follow: the link is read through, the loop and the dangling link are each named.
    let out = scan("70000000", &["--follow"]);
    assert_eq!(out.code, 2);
    assert!(
        positions(&out.stdout).contains(&"link.txt:1:26".to_string()),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("dangling: dangling symlink (its target does not exist)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("real/loop: symlink loop"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_hundred_thousand_tiny_files() {
    let t = Tree::in_memory();
    for d in 0..100 {
        let dir = t.path().join(format!("d{d:03}"));
        std::fs::create_dir(&dir).unwrap();
        for f in 0..1000 {
            std::fs::write(dir.join(format!("f{f}.txt")), "x = 1\n").unwrap();
        }
    }
    t.file("d042/f7.txt", talon(""));
    let out = run_in(t.path(), &["scan", "--color", "never", "."]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(positions(&out.stdout), ["d042/f7.txt:1:26"]);
    assert!(out.stderr.contains("in 100000 files"), "{}", out.stderr);
}
