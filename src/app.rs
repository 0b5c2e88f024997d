//! One function per subcommand: build what it needs from the settings, run it, report, and
//! decide the exit status. Problems are printed here, on stderr, as `PATH: reason`.

use crate::cli::{Cli, Command, ListFormat, RulesCommand};
use crate::config::{self, OutputSettings, ScanSettings};
use crate::pipeline::{scan_paths, ScanOutput};
use crate::problems::Problem;
use crate::report::{self, Report, ReportFormat, RuleInfo};
use crate::rules::{self, check};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The process exit status: 0 clean, 1 findings, 2 any problem (even with findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Run a parsed command line. I/O errors on the report stream are returned so `main` can treat
/// a closed pipe as a quiet exit.
pub fn run(cli: Cli) -> io::Result<ExitStatus> {
    match cli.command {
        Command::Scan(args) => match ScanSettings::from_args(&args) {
            Ok(settings) => scan(&settings),
            Err(p) => Ok(fail_with(&[p])),
        },
        Command::Rules { command } => match command {
            RulesCommand::List { format, rules } => rules_list(&rules.rule_paths, format),
            RulesCommand::Check { rules } => rules_check(&rules.rule_paths),
        },
    }
}

fn scan(settings: &ScanSettings) -> io::Result<ExitStatus> {
    let prepared = config::prepare(
        &settings.root,
        settings.config.as_deref(),
        settings.baseline.as_deref(),
        &settings.rule_paths,
    );
    let mut output = scan_paths(&settings.job, &prepared.rules, &prepared.suppressor);
    // Config and rule problems first: they explain why a finding might be missing.
    let mut problems = prepared.problems;
    problems.append(&mut output.problems);
    output.problems = problems;
    output.summary.problems = output.problems.len();
    output.warnings.extend(prepared.suppressor.stale());
    let infos = RuleInfo::all(&prepared.rules);
    emit(&output, &infos, &settings.output)?;
    Ok(status(&output))
}

/// Write the report, then problems, warnings and the summary on stderr.
pub fn emit(output: &ScanOutput, rules: &[RuleInfo], settings: &OutputSettings) -> io::Result<()> {
    let report = Report {
        output,
        rules,
        disclosure: settings.disclosure,
    };
    let written = match &settings.output {
        Some(path) => write_file(path, |out| report::write(settings.format, &report, out)),
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::write(settings.format, &report, &mut out)
        }
    };
    let mut problems = output.problems.clone();
    if let (Err(e), Some(path)) = (&written, &settings.output) {
        problems.push(Problem::io(path.to_string_lossy(), e));
    } else {
        written?;
    }
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for w in &output.warnings {
        let _ = writeln!(err, "{w}");
    }
    for p in &problems {
        let _ = writeln!(err, "{p}");
    }
    if settings.format == ReportFormat::Text || settings.output.is_some() {
        let _ = writeln!(err, "{}", report::summary_line(output));
    }
    Ok(())
}

fn status(output: &ScanOutput) -> ExitStatus {
    if !output.problems.is_empty() {
        ExitStatus::Error
    } else if !output.findings.is_empty() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Write through a temporary file beside `path` and rename it into place, so a crash or a full
/// disk never leaves a half-written report where a previous good one was.
fn write_file(path: &Path, body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        body(&mut out)?;
        out.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn fail_with(problems: &[Problem]) -> ExitStatus {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    ExitStatus::Error
}

fn rules_list(paths: &[PathBuf], format: ListFormat) -> io::Result<ExitStatus> {
    let (set, problems) = rules::load(paths);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        ListFormat::Text => {
            for r in set.rules() {
                writeln!(out, "{:<44} {:<8} {}", r.id, r.severity, r.description)?;
            }
        }
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = set
                .rules()
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "description": r.description,
                        "severity": r.severity,
                        "keywords": r.keywords,
                        "origin": r.origin,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    if problems.is_empty() {
        Ok(ExitStatus::Success)
    } else {
        Ok(fail_with(&problems))
    }
}

fn rules_check(paths: &[PathBuf]) -> io::Result<ExitStatus> {
    let (set, problems) = rules::load(paths);
    let (counts, failures) = check::check(&set);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for f in &failures {
        writeln!(out, "{f}")?;
    }
    writeln!(
        out,
        "rules check: {} rules, {} filters; {} examples, {} negatives, {} filter examples; {} failure{}",
        counts.rules,
        counts.filters,
        counts.examples,
        counts.negatives,
        counts.filter_examples,
        failures.len(),
        if failures.len() == 1 { "" } else { "s" }
    )?;
    out.flush()?;
    if !problems.is_empty() {
        Ok(fail_with(&problems))
    } else if !failures.is_empty() {
        Ok(ExitStatus::Failure)
    } else {
        Ok(ExitStatus::Success)
    }
}
