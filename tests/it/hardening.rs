//! The second adversarial review of scan and the reports (issue 14): each test is one defect
//! that was reproduced, now fixed. Git-mode defects live in git.rs.

use crate::support::{Tree, TALON_KEY};

fn talon(prefix: &str) -> String {
    format!("{prefix}Authorization: ApiKey-v1 {TALON_KEY}\n")
}

// 1. A report that cannot be written fails the run.

#[test]
fn an_unwritable_report_is_a_problem_and_exit_2() {
    let t = Tree::new();
    t.file("clean.txt", "nothing here\n");
    let out = t.leakscan(&[
        "scan",
        "--format",
        "sarif",
        "--output",
        "nodir/x.sarif",
        "clean.txt",
    ]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr_stable(),
        "nodir/x.sarif: cannot write the report: no such file or directory\n\
         leakscan: 0 findings in 1 file (13 B); 1 problem; <time>"
    );
    std::fs::create_dir(t.path().join("outdir")).unwrap();
    let out = t.leakscan(&["scan", "-q", "--output", "outdir", "clean.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "outdir: cannot write the report: is a directory\n"
    );
}

// 2. --output writes through symlinks and special files.

#[cfg(unix)]
#[test]
fn output_writes_through_symlinks_and_devices() {
    use std::os::unix::fs::PermissionsExt;
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let real = t.file("reports/real.json", "old\n");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("reports/real.json", t.path().join("link.json")).unwrap();
    let out = t.leakscan(&[
        "scan",
        "-q",
        "--format",
        "json",
        "--output",
        "link.json",
        "a.sh",
    ]);
    assert_eq!(out.code, 1, "{out:?}");
    let link = std::fs::symlink_metadata(t.path().join("link.json")).unwrap();
    assert!(link.is_symlink(), "the link is still a link");
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.contains("talon-one.api-key"), "{written}");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the target keeps its permissions");

    // A character device is written in place, never replaced by a plain file.
    let out = t.leakscan(&["scan", "-q", "--output", "/dev/null", "a.sh"]);
    assert_eq!(out.code, 1, "{out:?}");
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(!null.is_file(), "/dev/null is still a device");

    // A new file gets the usual permissions, not a temporary file's 0600.
    let out = t.leakscan(&["scan", "-q", "--output", "new.txt", "a.sh"]);
    assert_eq!(out.code, 1, "{out:?}");
    let mode = std::fs::metadata(t.path().join("new.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_ne!(
        mode & 0o044,
        0,
        "readable by group or others as with File::create: {mode:o}"
    );
}

// 3. Many findings on one line: every one reported, in linear time, and a cap with a warning.

#[test]
fn thousands_of_findings_on_one_line_are_all_reported_exactly() {
    let t = Tree::new();
    let key = |i: usize| format!("{i:08x}{}", &TALON_KEY[8..]);
    let n = 3000;
    let line: String = (0..n)
        .map(|i| format!("Authorization: ApiKey-v1 {} ;", key(i)))
        .collect();
    t.file("dump.txt", format!("{line}\n"));
    let out = t.leakscan(&["scan", "-q", "--format", "json", "dump.txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), n);
    let per = "Authorization: ApiKey-v1 ".len() + TALON_KEY.len() + 2;
    for (i, f) in findings.iter().enumerate() {
        let column = i * per + "Authorization: ApiKey-v1 ".len() + 1;
        assert_eq!(
            f["column"].as_u64().unwrap() as usize,
            column,
            "finding {i}"
        );
    }
}

#[test]
fn a_file_with_more_findings_than_the_cap_is_named_in_a_warning() {
    let t = Tree::new();
    let max = leakscan::scan::MAX_FINDINGS_PER_BLOB;
    let text: String = (0..max + 5)
        .map(|i| format!("Authorization: ApiKey-v1 {i:08x}{}\n", &TALON_KEY[8..]))
        .collect();
    t.file("keys.txt", text);
    let out = t.leakscan(&["scan", "--format", "json", "--output", "r.json", "keys.txt"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.starts_with(&format!(
            "keys.txt: {} findings; only the first {max} are reported (the file looks machine-generated)\n",
            max + 5
        )),
        "{}",
        out.stderr
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(t.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), max);
}

// 4. The excerpt masks every copy of the secret on the line.

#[test]
fn the_excerpt_masks_every_copy_of_a_reported_secret() {
    let t = Tree::new();
    t.file(
        "settings.py",
        "DB_PASSWORD = \"Xk9qmQ2vL7pR4wZtB8nY\"  # previous value was Xk9qmQ2vL7pR4wZtB8nY\n",
    );
    let out = t.leakscan(&["scan", "-q", "--color", "never"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        !out.stdout.contains("Xk9qmQ2vL7pR4wZtB8nY"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.lines().nth(1).unwrap(),
        "      1 | DB_PASSWORD = \"Xk9q…\"  # previous value was Xk9q…"
    );
}

// 8. Easy ways to switch scanning off by accident.

#[test]
fn one_allow_marker_in_a_one_line_json_file_allows_only_its_statement() {
    let t = Tree::new();
    let filler: String = (0..200)
        .map(|i| format!("\"field{i}\": \"value {i}\", "))
        .collect();
    t.file(
        "config.json",
        format!(
            "{{\"auth\": \"Authorization: ApiKey-v1 {TALON_KEY}\", {filler}\"note\": \"demo key {} leakscan:allow\"}}",
            "Authorization: ApiKey-v1 0123cafe0123cafe0123cafe0123cafe0123cafe"
        ),
    );
    let out = t.leakscan(&["scan", "-q", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let columns: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["column"].as_u64().unwrap())
        .collect();
    assert_eq!(
        columns,
        vec![36],
        "the far secret is reported, the one beside the marker allowed"
    );
}

#[test]
fn a_file_with_old_mac_line_ends_has_lines() {
    let t = Tree::new();
    t.file(
        "legacy.cfg",
        format!(
            "# config\rkey = 1\rAuthorization: ApiKey-v1 {TALON_KEY}\rtoken = 2 # leakscan:allow\r"
        ),
    );
    let out = t.leakscan(&["scan", "-q"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.starts_with("legacy.cfg:3:26: talon-one.api-key"),
        "{}",
        out.stdout
    );
}

// 5. Fingerprints are a slow, salted derivation of the secret; old ones still match.

#[test]
fn fingerprints_are_not_a_fast_hash_of_the_secret_and_old_ones_still_match() {
    use sha2::{Digest, Sha256};
    let t = Tree::new();
    t.file("settings.py", "DB_PASSWORD = \"Tr0ub4dor&3\"\n");
    let out = t.leakscan(&["scan", "-q", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let fp = v["findings"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    // The old form: 128 bits of SHA-256 over rule, path and the secret itself.
    let old: String = Sha256::digest(b"generic.password-assignment\0settings.py\0Tr0ub4dor&3")
        [..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_ne!(
        fp, old,
        "a dictionary must not recover the secret from a fast hash"
    );
    assert_eq!(fp.len(), 32);
    // An ignore file written with the old fingerprint still suppresses, and says what to write.
    t.file(".leakscanignore", format!("{old}  # accepted\n"));
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.starts_with(&format!(
            ".leakscanignore:1: `{old}` is a fingerprint of the old form (a fast hash of the secret); it still matches, write `{fp}` instead\n"
        )),
        "{}",
        out.stderr
    );
}

// 6. Errors name file, line and column, never the value.

#[test]
fn broken_config_and_rule_files_do_not_echo_their_values() {
    let t = Tree::new();
    t.file("a.txt", "hello\n");
    let secret = "Xk9qmQ2vL7pR4wZtB8nY";
    t.file(
        ".leakscan.toml",
        format!("[allowlist]\nstopwords = \"{secret}\"\n"),
    );
    let out = t.leakscan(&["scan", "a.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(!out.stderr.contains(secret), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with(".leakscan.toml:2:13: invalid type: string, expected a sequence\n"),
        "{}",
        out.stderr
    );

    t.file(
        ".leakscan.toml",
        format!("[allowlist]\nregexes = ['''{secret}(''']\n"),
    );
    let out = t.leakscan(&["scan", "a.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(!out.stderr.contains(secret), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with(".leakscan.toml:2: allowlist: bad regex at column 21: unclosed group\n"),
        "{}",
        out.stderr
    );

    std::fs::remove_file(t.path().join(".leakscan.toml")).unwrap();
    t.file(
        "rules.toml",
        format!(
            "[[rule]]\nid = \"x.y\"\ndescription = \"d\"\nkeywords = [\"ab\"]\n\
             regex = '''(?P<secret>{secret}['''\nseverity = \"high\"\n\
             [[rule.example]]\ntext = \"ab\"\nsecret = \"ab\"\n[[rule.negative]]\ntext = \"b\"\n"
        ),
    );
    let out = t.leakscan(&["scan", "--rules", "rules.toml", "a.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(!out.stderr.contains(secret), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "rules.toml:5: rule `x.y`: bad regex at column 32: unclosed character class\n"
        ),
        "{}",
        out.stderr
    );
}

// 7. A custom rule that cannot be built is a problem, and rule compilation has a memory bound.

#[test]
fn an_oversized_custom_rule_is_a_problem_not_a_silent_no_op() {
    let t = Tree::new();
    t.file("a.txt", "hello\n");
    let rule = |regex: &str| {
        format!(
            "[[rule]]\nid = \"big.rule\"\ndescription = \"d\"\nkeywords = [\"ab\"]\n\
             regex = '''{regex}'''\nseverity = \"high\"\n\
             [[rule.example]]\ntext = \"ab\"\nsecret = \"ab\"\n[[rule.negative]]\ntext = \"b\"\n"
        )
    };
    t.file("wide.toml", rule(r"ab(?P<secret>\w{2000}){2000}"));
    let out = t.leakscan(&["scan", "--rules", "wide.toml", "a.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("wide.toml:5: rule `big.rule`: cannot build the regex: "),
        "{}",
        out.stderr
    );

    // A 100,000-way alternation: refused by size before it is parsed.
    let alternation: Vec<String> = (0..100_000).map(|i| format!("k{i}")).collect();
    t.file(
        "alt.toml",
        rule(&format!("ab(?P<secret>{})", alternation.join("|"))),
    );
    let out = t.leakscan(&["scan", "--rules", "alt.toml", "a.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.starts_with(
            "alt.toml:5: rule `big.rule`: the regex is 672 KiB; at most 64 KiB (parsing a regex takes memory in proportion)\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn one_long_comment_line_does_not_make_a_js_file_minified() {
    let t = Tree::new();
    let comment = format!("// {}\n", "licence text ".repeat(400));
    let code = "const x = 1;\n".repeat(50);
    t.file(
        "src/app.js",
        format!("{comment}{code}const apiKey = \"Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4\";\n"),
    );
    let out = t.leakscan(&["scan", "-q"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout
            .starts_with("src/app.js:52:17: generic.secret-assignment"),
        "{}",
        out.stdout
    );
}

#[test]
fn files_kept_out_by_ignore_files_are_counted() {
    let t = Tree::new();
    t.file(".ignore", "*\n");
    t.file("a.env", "API_KEY=Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4\n");
    t.file("sub/b.txt", talon(""));
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr_stable(),
        "leakscan: 0 findings in 0 files (0 B); skipped 3 ignored (--no-ignore scans them); 0 problems; <time>"
    );
}

#[test]
fn utf16_without_a_bom_and_utf32_are_scanned_not_skipped_as_binary() {
    let t = Tree::new();
    let text = talon("# wide text\n");
    t.file(
        "le16.ps1",
        text.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    t.file(
        "be16.txt",
        text.encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>(),
    );
    t.file(
        "le32.txt",
        text.chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    let out = t.leakscan(&["scan", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["summary"]["skipped_binary"], 0);
    let f = &v["findings"][0];
    let mut places = vec![format!("{}:{}:{}", f["path"], f["line"], f["column"])];
    for p in f["also"].as_array().unwrap() {
        places.push(format!("{}:{}:{}", p["path"], p["line"], p["column"]));
    }
    assert_eq!(
        places,
        [
            "\"be16.txt\":2:26",
            "\"le16.ps1\":2:26",
            "\"le32.txt\":2:26"
        ]
    );
}

// 10-11. Paths are escaped in every human-facing output, and stay distinct.

#[cfg(unix)]
#[test]
fn a_file_name_cannot_forge_a_workflow_command_or_reach_the_terminal() {
    use std::os::unix::ffi::OsStrExt;
    let t = Tree::new();
    let name = std::ffi::OsStr::from_bytes(b"x\n::warning file=ci.yml::all clear\x1b[2J.txt");
    std::fs::write(t.path().join(name), talon("")).unwrap();
    std::fs::write(
        t.path().join(std::ffi::OsStr::from_bytes(b"bad\xff.pem")),
        "",
    )
    .unwrap();
    // An unreadable-path problem carries the name too: make one with a dangling link.
    std::os::unix::fs::symlink(name, t.path().join("link")).unwrap();
    std::fs::remove_file(t.path().join(name)).unwrap();
    std::fs::write(t.path().join(name), talon("")).unwrap();
    for format in ["text", "github"] {
        let out = t.leakscan(&["scan", "-L", "--format", format]);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(!all.contains('\x1b'), "{format}: {all:?}");
        for line in all.lines() {
            assert!(
                !line.starts_with("::warning file=ci.yml"),
                "{format}: forged: {line:?}"
            );
        }
        let shown = match format {
            "text" => "x\\x0a::warning file=ci.yml::all clear\\x1b[2J.txt",
            _ => "file=x\\x0a%3A%3Awarning file=ci.yml%3A%3Aall clear\\x1b[2J.txt,",
        };
        assert!(all.contains(shown), "{format}: {all}");
    }
}

#[test]
fn a_path_argument_cannot_forge_a_line_on_stderr() {
    let t = Tree::new();
    let out = t.leakscan(&["scan", "missing\n::error file=x::forged\u{1b}[2J"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("missing\\x0a::error file=x::forged\\x1b[2J: no such file or directory\n"),
        "{:?}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn two_non_utf8_names_show_and_fingerprint_differently() {
    use std::os::unix::ffi::OsStrExt;
    let t = Tree::new();
    for name in [&b"caf\xe9.env"[..], b"caf\xe8.env"] {
        std::fs::write(t.path().join(std::ffi::OsStr::from_bytes(name)), talon("")).unwrap();
    }
    let out = t.leakscan(&["scan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let f = &v["findings"][0];
    let other = &f["also"][0];
    assert_eq!(
        (f["path"].as_str(), other["path"].as_str()),
        (Some("caf\\xe8.env"), Some("caf\\xe9.env"))
    );
    assert_ne!(f["fingerprint"], other["fingerprint"]);
}

// 12. --reveal shows a PEM key's line breaks.

#[test]
fn reveal_shows_line_breaks_in_a_multi_line_secret() {
    let t = Tree::new();
    // A throwaway P-256 key made for this test (openssl ecparam -genkey).
    let body = "MHcCAQEEICGQo38kJkbyUpU7ooNZqy0vU+B8mDyR1p0VEladDl9YoAoGCCqGSM49\n\
                AwEHoUQDQgAEsBRNLFFk2YkZXDELPPECmRBDqENG1Ja+hZl+N81rmF2ExdudMbsp\n\
                K5MvUayiSEESy/YANeTNBdPYaNBe3/s2+Q==";
    t.file(
        "key.pem",
        format!("-----BEGIN EC PRIVATE KEY-----\n{body}\n-----END EC PRIVATE KEY-----\n"),
    );
    let out = t.leakscan(&["scan", "--reveal", "--color", "never"]);
    assert_eq!(out.code, 1, "{out:?}");
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.contains("MHcCAQEEICGQo38kJkbyUpU7ooNZqy0vU+B8mDyR1p0VEladDl9YoAoGCCqGSM49\\nAwEH"),
        "{first}"
    );
    assert!(!out.stdout.contains('\u{fffd}'));
}

// 9. --threads is bounded.

#[test]
fn threads_beyond_the_bound_are_refused_with_a_message() {
    let t = Tree::new();
    t.file("a.txt", "x\n");
    for n in ["100000", "4000000000"] {
        let out = t.leakscan(&["scan", "--threads", n, "a.txt"]);
        assert_eq!(out.code, 2, "{out:?}");
        assert!(
            out.stderr.starts_with(&format!(
                "--threads: {n} is more than 1024 (this machine has "
            )),
            "{}",
            out.stderr
        );
    }
    let out = t.leakscan(&["scan", "-q", "--threads", "1024", "a.txt"]);
    assert_eq!(out.code, 0, "{out:?}");
}
