//! Embeds every `rules/*.toml` into the binary (see `src/rules/builtin.rs`), twice: as written,
//! for `rules check`, `rules list` and the tests; and without the example tables, for scans.
//! The examples are more than half of the text, and parsing TOML is a large part of the
//! start-up of a one-file scan (a pre-commit hook). `tests/it/rules_harness.rs` checks that
//! both forms give the same rules.

use std::env;
use std::fs;
use std::path::PathBuf;

/// Tables that only `rules check` reads.
const EXAMPLE_TABLES: [&str; 3] = [
    "[[rule.example]]",
    "[[rule.negative]]",
    "[[filter.example]]",
];

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("rules");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let lean_dir = out_dir.join("lean-rules");
    fs::create_dir_all(&lean_dir).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("rules/ directory is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from("static BUILTIN_RULES: &[(&str, &str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().expect("file name").to_string_lossy();
        let text = fs::read_to_string(path).expect("rule files are UTF-8");
        let lean = lean_dir.join(&*name);
        fs::write(&lean, without_examples(&text)).expect("OUT_DIR is writable");
        out.push_str(&format!(
            "    ({:?}, include_str!({:?}), include_str!({:?})),\n",
            format!("rules/{name}"),
            path.display().to_string(),
            lean.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(out_dir.join("builtin_rules.rs"), out).expect("OUT_DIR is writable");
}

/// `text` without its example tables. A table runs from its header line to the next header;
/// a line is a header only outside multi-line strings (`'''`, `"""`), which an example's text
/// often is. Lines of the dropped tables become empty, so line numbers stay the same.
fn without_examples(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dropping = false;
    let mut open: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        if open.is_none() {
            let head = line.trim();
            if head.starts_with('[') {
                dropping = EXAMPLE_TABLES.contains(&head);
            }
        }
        if dropping {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
        open = string_state(line, open);
    }
    out
}

/// Which multi-line string delimiter is open after `line`, given the one open before it.
fn string_state<'a>(line: &str, mut open: Option<&'a str>) -> Option<&'a str> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match open {
            Some(delim) => {
                if b[i..].starts_with(delim.as_bytes()) {
                    // A closing delimiter may be preceded by up to two more quotes: eat them all.
                    while i < b.len() && b[i] == delim.as_bytes()[0] {
                        i += 1;
                    }
                    open = None;
                } else if delim == "\"\"\"" && b[i] == b'\\' {
                    i += 2;
                } else {
                    i += 1;
                }
            }
            None => {
                let rest = &b[i..];
                if rest.starts_with(b"'''") {
                    open = Some("'''");
                    i += 3;
                } else if rest.starts_with(b"\"\"\"") {
                    open = Some("\"\"\"");
                    i += 3;
                } else if b[i] == b'#' {
                    break;
                } else if b[i] == b'\'' || b[i] == b'"' {
                    // A one-line string: skip to its closing quote.
                    let quote = b[i];
                    i += 1;
                    while i < b.len() && b[i] != quote {
                        i += if quote == b'"' && b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
        }
    }
    open
}
