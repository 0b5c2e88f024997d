//! GitHub Actions output: workflow-command annotations (`--format github`), one per finding,
//! which GitHub shows on the pull request's diff, and one per warning (such as "this pull
//! request changes the scanner's allowlist"); and a Markdown job summary for
//! `$GITHUB_STEP_SUMMARY`: the warnings, then a table of findings. Both redact secrets unless
//! `--reveal`.

use super::Report;
use crate::finding::{Confidence, Severity};
use std::io::{self, Write};

pub(super) fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.output.findings {
        let level = match (f.severity, f.confidence) {
            (_, Confidence::Low) | (Severity::Low, _) => "notice",
            (Severity::Critical | Severity::High, Confidence::High) => "error",
            _ => "warning",
        };
        let secret = f.secret.show(report.disclosure);
        // One annotation per place, so every copy of the secret is marked on the diff.
        let first = std::iter::once((
            f.path.as_str(),
            (f.line, f.column, f.end_line, f.end_column),
            f.commit.as_deref(),
        ));
        let others = f.also.iter().map(|p| {
            (
                p.path.as_str(),
                (p.line, p.column, p.end_line, p.end_column),
                p.commit.as_deref(),
            )
        });
        for (path, (line, col, end_line, end_col), commit) in first.chain(others) {
            let commit = commit
                .map(|c| format!(" (commit {})", &c[..c.len().min(12)]))
                .unwrap_or_default();
            writeln!(
                out,
                "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                property(path),
                property(&f.rule_id),
                data(&format!("{}: {secret}{commit}", f.description))
            )?;
        }
    }
    for w in &report.output.warnings {
        writeln!(out, "::warning title=leakscan::{}", data(&w.to_string()))?;
    }
    out.flush()
}

/// A Markdown table of findings for the job summary page.
pub fn step_summary(report: &Report<'_>) -> String {
    let findings = &report.output.findings;
    let mut md = format!(
        "### leakscan: {} finding{}\n\n",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    for w in &report.output.warnings {
        md.push_str(&format!("> **Warning:** {}\n\n", cell(&w.to_string())));
    }
    if findings.is_empty() {
        md.push_str(&format!(
            "No secrets found in {} files.\n",
            report.output.summary.files_scanned
        ));
        return md;
    }
    md.push_str(
        "| Severity | Confidence | Rule | Location | Secret | Commit |\n|---|---|---|---|---|---|\n",
    );
    for f in findings {
        let more = match f.also.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        md.push_str(&format!(
            "| {} | {} | `{}` | `{}:{}:{}`{more} | `{}` | {} |\n",
            f.severity,
            f.confidence,
            f.rule_id,
            cell(&f.path),
            f.line,
            f.column,
            cell(&f.secret.show(report.disclosure)),
            f.commit
                .as_deref()
                .map(|c| &c[..c.len().min(12)])
                .unwrap_or(""),
        ));
    }
    md
}

/// Escape a workflow-command message: `%`, CR and LF as the runner expects, then every other
/// control character (an ESC, a NUL) as a visible escape, so none reaches the log.
fn data(s: &str) -> String {
    crate::finding::printable(
        &s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// Escape a workflow-command property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

fn cell(s: &str) -> String {
    crate::finding::printable(s)
        .replace('|', "\\|")
        .replace('`', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(property("dir,x/a:b.txt"), "dir%2Cx/a%3Ab.txt");
        assert_eq!(cell("a|b"), "a\\|b");
    }
}
