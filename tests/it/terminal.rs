//! What a person at a terminal sees: the excerpt under each finding, colour, the progress bar,
//! the summary, --quiet, completions and the man page, did-you-mean. The terminal cases run the
//! binary under a real pseudo-terminal (`script` from util-linux) and compare with a pipe.

use crate::support::{Tree, TALON_KEY};
use std::process::Command;

/// Run leakscan under a pseudo-terminal in `dir`; everything the terminal received.
fn under_pty(dir: &std::path::Path, args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("leakscan");
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args([
            "-q",
            "-e",
            "-c",
            &format!("{} {args}", bin.display()),
            "/dev/null",
        ])
        .env("TERM", "xterm-256color")
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .env_remove("PRE_COMMIT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The path style of the text report (bold magenta), which only colour output contains.
const COLOURED_PATH: &str = "\x1b[1m\x1b[35m";

fn tree_with_secrets() -> Tree {
    let t = Tree::new();
    for i in 0..300 {
        t.file(
            &format!("src/f{i}.py"),
            "import os\nTOKEN = os.environ['TOKEN']\n",
        );
    }
    t.file(
        "deploy.sh",
        format!("curl -H \"Authorization: ApiKey-v1 {TALON_KEY}\" https://x.example/v1\n"),
    );
    t
}

#[test]
fn excerpt_shows_the_line_with_every_secret_masked() {
    let t = Tree::new();
    // Two secrets on one line, and an escape sequence that must not reach the terminal.
    t.file(
        "app.env",
        format!(
            "\x1b[31m ApiKey-v1 {TALON_KEY} and sk_live_51Hx7QpLm2Zt9Wv4Rb8Kc1Yn6Ds3Fg0Ja5Te\n"
        ),
    );
    let out = t.leakscan(&["scan", "--color", "never", "app.env"]);
    assert_eq!(out.code, 1, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    assert_eq!(lines[1], "      1 | \\x1b[31m ApiKey-v1 3f1c… and sk_l…");
    // The second finding's excerpt starts 60 bytes before its secret, so it is cut.
    assert_eq!(lines[3], "      1 | … 3f1c… and sk_l…");
    assert!(!out.stdout.contains(TALON_KEY) && !out.stdout.contains('\x1b'));
    let out = t.leakscan(&["scan", "--color", "never", "--reveal", "app.env"]);
    assert!(out.stdout.lines().nth(1).unwrap().contains(TALON_KEY));
}

#[test]
fn long_lines_are_shortened_around_the_secret() {
    let t = Tree::new();
    let pad = "x".repeat(500);
    t.file(
        "min.txt",
        format!("{pad} Authorization: ApiKey-v1 {TALON_KEY} {pad}\n"),
    );
    let out = t.leakscan(&["scan", "--color", "never", "min.txt"]);
    let excerpt = out.stdout.lines().nth(1).unwrap().to_string();
    assert!(excerpt.starts_with("      1 | …x"), "{excerpt}");
    assert!(excerpt.ends_with("x…"), "{excerpt}");
    assert!(excerpt.chars().count() < 160, "{excerpt}");
}

#[test]
fn colour_and_progress_on_a_terminal_not_on_a_pipe() {
    let t = tree_with_secrets();
    let delay = [("LEAKSCAN_PROGRESS_DELAY_MS", "0")];
    let tty = under_pty(t.path(), "scan .", &delay);
    assert!(
        tty.contains(COLOURED_PATH),
        "no colour on a terminal: {tty:?}"
    );
    assert!(
        tty.contains("scanning: "),
        "no progress bar on a terminal: {tty:?}"
    );
    assert!(tty.contains("1 finding (1 high) in 301 files"), "{tty:?}");

    // The same run through pipes: plain text, no bar.
    let piped = crate::support::run_in(t.path(), &["scan", "."]);
    assert!(
        !piped.stdout.contains('\x1b') && !piped.stderr.contains('\x1b'),
        "{piped:?}"
    );
    assert!(!piped.stderr.contains("scanning: "));
}

#[test]
fn no_color_ci_hooks_and_quiet_turn_things_off_on_a_terminal() {
    let t = tree_with_secrets();
    let delay = ("LEAKSCAN_PROGRESS_DELAY_MS", "0");
    let out = under_pty(t.path(), "scan .", &[delay, ("NO_COLOR", "1")]);
    assert!(!out.contains(COLOURED_PATH), "NO_COLOR ignored: {out:?}");
    let out = under_pty(t.path(), "scan --color never .", &[delay]);
    assert!(!out.contains(COLOURED_PATH));
    for env in [("CI", "true"), ("PRE_COMMIT", "1")] {
        let out = under_pty(t.path(), "scan .", &[delay, env]);
        assert!(
            !out.contains("scanning: "),
            "progress with {env:?}: {out:?}"
        );
    }
    let out = under_pty(t.path(), "scan --quiet .", &[delay]);
    assert!(
        !out.contains("scanning: ") && !out.contains("leakscan: 1 finding"),
        "{out:?}"
    );
    assert!(
        out.contains("deploy.sh"),
        "--quiet still prints findings: {out:?}"
    );
    // --color always colours a pipe too.
    let piped = crate::support::run_in(t.path(), &["scan", "--color", "always", "."]);
    assert!(piped.stdout.contains(COLOURED_PATH));
}

#[test]
fn summary_counts_severities_skips_and_problems() {
    let t = tree_with_secrets();
    t.file("blob.bin", b"\x00\x01binary");
    let out = t.leakscan(&["scan", ".", "missing"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr_stable().lines().last().unwrap(),
        "leakscan: 1 finding (1 high) in 301 files (11.2 KiB); skipped 1 binary; 1 problem; <time>"
    );
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let t = Tree::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = t.leakscan(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {out:?}");
        assert!(out.stdout.contains("max-file-size"), "{shell}");
        assert!(out.stdout.contains("follow"), "{shell}");
    }
    let out = t.leakscan(&["man"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with(".ie") || out.stdout.contains(".TH leakscan"),
        "{}",
        out.stdout
    );
    let bash = Command::new("bash")
        .args(["-n", "-c", &t.leakscan(&["completions", "bash"]).stdout])
        .status()
        .unwrap();
    assert!(bash.success(), "bash completion script does not parse");
}

#[test]
fn misspellings_suggest_the_closest_valid_value() {
    let t = Tree::new();
    let out = t.leakscan(&["scan", "--formt", "json"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--format"), "{}", out.stderr);
    let out = t.leakscan(&["scan", "--format", "jsn"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("json"), "{}", out.stderr);
    let out = t.leakscan(&["scna"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("scan"), "{}", out.stderr);
    t.file(
        ".leakscan.toml",
        "[rules]\ndisable = [\"generic.secret-asignment\"]\n",
    );
    let out = t.leakscan(&["scan"]);
    assert!(
        out.stderr.contains("generic.secret-assignment"),
        "{}",
        out.stderr
    );
}
