//! `path:line:col: rule-id description: dbc6…`, one line per finding (with `(medium
//! confidence)` when it is not high), then the secret's line shortened around it with every
//! secret on it redacted, then the other places the same secret was found; in colour on a
//! terminal. Also the summary line that goes to stderr.

use super::Report;
use crate::finding::{printable, Confidence, Disclosure, Finding, Piece};
use crate::pipeline::ScanOutput;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

const PATH: Style = AnsiColor::Magenta.on_default().bold();
const POSITION: Style = AnsiColor::Green.on_default();
const RULE: Style = AnsiColor::Cyan.on_default().bold();
const SECRET: Style = AnsiColor::Red.on_default().bold();
const OTHER_SECRET: Style = AnsiColor::Yellow.on_default();
const GUTTER: Style = Style::new().dimmed();

/// Text in a style when colour is on; the text alone when it is off.
fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

pub(super) fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let on = report.color;
    for f in &report.output.findings {
        write!(
            out,
            "{}:{}: {} {}: {}",
            // A file name can hold anything, escape sequences included.
            paint(on, PATH, &printable(&f.path)),
            paint(on, POSITION, &format!("{}:{}", f.line, f.column)),
            paint(on, RULE, &f.rule_id),
            f.description,
            paint(on, SECRET, &printable(&f.secret.show(report.disclosure)))
        )?;
        if f.confidence < Confidence::High {
            write!(out, " ({} confidence)", f.confidence)?;
        }
        match &f.commit {
            Some(c) => writeln!(out, " (commit {})", &c[..c.len().min(12)])?,
            None => writeln!(out)?,
        }
        writeln!(
            out,
            "{} {}",
            paint(on, GUTTER, &format!("{:>7} |", f.line)),
            excerpt(f, report.disclosure, on)
        )?;
        if !f.also.is_empty() {
            writeln!(out, "{} {}", paint(on, GUTTER, "        ="), also(f, on))?;
        }
    }
    out.flush()
}

/// How many other places of a secret the text report lists before saying "and N more".
const ALSO_SHOWN: usize = 5;

/// `also at b.txt:1:26, c.txt:4:28 (commit 1a2b3c4d5e6f) and 3 more`.
fn also(f: &Finding, on: bool) -> String {
    let places: Vec<String> = f
        .also
        .iter()
        .take(ALSO_SHOWN)
        .map(|p| {
            let commit = p
                .commit
                .as_deref()
                .map(|c| format!(" (commit {})", &c[..c.len().min(12)]))
                .unwrap_or_default();
            format!(
                "{}:{}{commit}",
                paint(on, PATH, &printable(&p.path)),
                paint(on, POSITION, &format!("{}:{}", p.line, p.column)),
            )
        })
        .collect();
    let more = f.also.len().saturating_sub(ALSO_SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("also at {}{more}", places.join(", "))
}

fn excerpt(f: &Finding, disclosure: Disclosure, on: bool) -> String {
    let mut line = String::new();
    for piece in &f.excerpt.0 {
        match piece {
            Piece::Text(t) => line.push_str(t),
            Piece::Secret { secret, this } => {
                let style = if *this { SECRET } else { OTHER_SECRET };
                line.push_str(&paint(on, style, &printable(&secret.show(disclosure))));
            }
        }
    }
    line.trim_end().to_string()
}

/// One human line: findings by severity, what was scanned and skipped, problems, time.
pub fn summary_line(output: &ScanOutput) -> String {
    let s = &output.summary;
    let mut by_severity = std::collections::BTreeMap::new();
    for f in &output.findings {
        *by_severity
            .entry(std::cmp::Reverse(f.severity))
            .or_insert(0usize) += 1;
    }
    let severities = if by_severity.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = by_severity
            .iter()
            .map(|(sev, n)| format!("{n} {}", sev.0))
            .collect();
        format!(" ({})", parts.join(", "))
    };
    let mut skipped = Vec::new();
    for (n, what) in [
        (s.skipped_binary, "binary"),
        (s.skipped_oversized, "oversized"),
        (s.skipped_symlink, "symlink"),
        (s.skipped_special, "special"),
        (s.skipped_allowlisted, "allowlisted"),
        (s.skipped_ignored, "ignored (--no-ignore scans them)"),
    ] {
        if n > 0 {
            skipped.push(format!("{n} {what}"));
        }
    }
    let skipped = if skipped.is_empty() {
        String::new()
    } else {
        format!("; skipped {}", skipped.join(", "))
    };
    let mut hidden = Vec::new();
    if s.repeats > 0 {
        hidden.push(format!(
            "{} repeat{} listed with them",
            s.repeats,
            plural(s.repeats)
        ));
    }
    if s.suppressed > 0 {
        hidden.push(format!("{} suppressed", s.suppressed));
    }
    if s.below_confidence > 0 {
        hidden.push(format!(
            "{} below the confidence threshold (--confidence low shows them)",
            s.below_confidence
        ));
    }
    let suppressed: String = hidden.iter().map(|h| format!(", {h}")).collect();
    format!(
        "leakscan: {} finding{}{severities}{suppressed} in {} file{} ({}){skipped}; {} problem{}; {:.2}s",
        s.findings,
        plural(s.findings as u64),
        s.files_scanned,
        plural(s.files_scanned),
        human_bytes(s.bytes_scanned),
        s.problems,
        plural(s.problems as u64),
        s.elapsed.as_secs_f64()
    )
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn bytes_read_naturally() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(317 * 1024 * 1024), "317.0 MiB");
    }
}
