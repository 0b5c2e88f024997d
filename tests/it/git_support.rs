//! Helpers for the `leakscan git` tests: reading findings out of a JSON report, and running the
//! binary as the GitHub Action does (event name, payload and job summary in the environment).

use crate::support::{Output, Repo, Tree};
use std::path::Path;

/// `(rule, path, line, commit-or-empty)` of one finding.
pub type Found = (String, String, u64, String);

/// A finding as the tests write it.
pub fn f(rule: &str, path: &str, line: u64, commit: &str) -> Found {
    (rule.into(), path.into(), line, commit.into())
}

/// A Talon.One key finding (the secret `support::talon` writes).
pub fn talon_at(path: &str, line: u64, commit: &str) -> Found {
    f("talon-one.api-key", path, line, commit)
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

/// Every finding in a JSON report, in report order.
pub fn found(out: &Output) -> Vec<Found> {
    report(out)["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array: {out:?}"))
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap_or("").to_string(),
                f["path"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["commit"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// For each finding, the other places (`also`) the same secret appears: `(path, line, commit)`.
pub fn also(out: &Output) -> Vec<Vec<(String, u64, String)>> {
    report(out)["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array: {out:?}"))
        .iter()
        .map(|f| {
            f["also"]
                .as_array()
                .map(|places| {
                    places
                        .iter()
                        .map(|p| {
                            (
                                p["path"].as_str().unwrap_or("").to_string(),
                                p["line"].as_u64().unwrap_or(0),
                                p["commit"].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// `summary.<key>` of a JSON report.
pub fn summary(out: &Output, key: &str) -> u64 {
    report(out)["summary"][key]
        .as_u64()
        .unwrap_or_else(|| panic!("no summary.{key}: {out:?}"))
}

/// The first 12 hex digits of a commit id, as reports and messages show it.
pub fn short(id: &str) -> &str {
    &id[..12]
}

/// What `leakscan git --github` gave: the run, and what it wrote to the job summary.
pub struct GithubRun {
    pub out: Output,
    pub summary: String,
}

/// Run `leakscan git --github` in `r` with an event fixture whose placeholders are replaced by
/// `ids`.
pub fn github(r: &Repo, fixture: &str, ids: &[(&str, &str)], extra: &[&str]) -> GithubRun {
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/github-events")
            .join(fixture),
    )
    .expect("fixture");
    for (k, v) in ids {
        text = text.replace(k, v);
    }
    // Outside the work tree, so the event and the summary are never part of what is scanned.
    let side = Tree::new();
    let event = side.file("event.json", text);
    let summary = side.path().join("summary.md");
    let name = fixture.split(['.', '-']).next().unwrap_or(fixture);
    let mut args = vec!["git", "--github"];
    args.extend_from_slice(extra);
    let out = assert_cmd::Command::cargo_bin("leakscan")
        .expect("binary built")
        .current_dir(r.path())
        .env("GITHUB_EVENT_NAME", name)
        .env("GITHUB_EVENT_PATH", &event)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env_remove("NO_COLOR")
        .args(&args)
        .output()
        .expect("run leakscan");
    GithubRun {
        out: Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        },
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
    }
}

/// Delete the loose object `id` (a damaged repository, or a blob a partial clone lacks).
pub fn delete_object(r: &Repo, id: &str) {
    let path = r.path().join(".git/objects").join(&id[..2]).join(&id[2..]);
    std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// `text` as UTF-16LE with a byte-order mark (what PowerShell's `Out-File` writes).
pub fn utf16le(text: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}
