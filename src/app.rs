//! One function per subcommand: build what it needs from the settings, run it, report, and
//! decide the exit status. Problems are printed here, on stderr, as `PATH: reason`.

use crate::cli::{Cli, Command, GitArgs, ListFormat, RuleFilterArgs, RulesArgs, RulesCommand};
use crate::config::{self, ConfigFrom, GitSettings, OutputSettings, ScanSettings};
use crate::github::Target;
use crate::pipeline::git::{scan_git, GitScan};
use crate::pipeline::{scan_paths, ScanOutput};
use crate::problems::Problem;
use crate::progress::{self, Progress};
use crate::report::{self, Report, ReportFormat, RuleInfo};
use crate::rule_check;
use crate::rules::{self, describe};
use crate::source::git::{Repo, Trusted};
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
        Command::Git(args) => git(&args),
        Command::Rules { command } => match command {
            RulesCommand::List {
                format,
                filter,
                rules,
            } => rules_list(&rules, format, &filter),
            RulesCommand::Show { id, rules } => rules_show(&rules, &id),
            RulesCommand::Check { rules } => rules_check(&rules),
        },
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "leakscan", &mut io::stdout());
            Ok(ExitStatus::Success)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut io::stdout())?;
            Ok(ExitStatus::Success)
        }
    }
}

fn scan(settings: &ScanSettings) -> io::Result<ExitStatus> {
    let prepared = config::prepare(&settings.root, &settings.project, ConfigFrom::WorkTree);
    let progress = Progress::start(progress::wanted(settings.output.quiet));
    let output = scan_paths(&settings.job, &prepared.rules, &prepared.suppressor);
    progress.finish();
    let (mut output, infos) = merge(prepared, output);
    crate::present::select(&mut output, settings.output.min_confidence);
    emit(&mut output, &infos, &settings.output)?;
    Ok(status(&output))
}

/// Fold what preparing the scan met into the scan's output: config and rule problems first
/// (they explain why a finding might be missing), then stale suppression entries.
fn merge(prepared: config::Prepared, mut output: ScanOutput) -> (ScanOutput, Vec<RuleInfo>) {
    let mut problems = prepared.problems;
    problems.append(&mut output.problems);
    output.problems = problems;
    output.summary.problems = output.problems.len();
    output.warnings.extend(prepared.warnings);
    output.warnings.extend(prepared.suppressor.stale());
    (output, RuleInfo::all(&prepared.rules))
}

fn git(args: &GitArgs) -> io::Result<ExitStatus> {
    let settings = match GitSettings::from_args(args) {
        Ok(s) => s,
        Err(p) => return Ok(fail_with(&[p])),
    };
    let mode = match &settings.target {
        Target::Scan(mode) => mode,
        Target::Nothing(why) => {
            eprintln!("leakscan: nothing to scan: {why}");
            let mut output = ScanOutput::default();
            emit(&mut output, &[], &settings.output)?;
            return Ok(status(&output));
        }
    };
    let progress = Progress::start(progress::wanted(settings.output.quiet));
    let opened = Repo::open(&settings.repo, settings.fetch)
        .and_then(|repo| mode.resolve(&repo, settings.fetch).map(|plan| (repo, plan)));
    let (prepared, output) = match opened {
        Ok((repo, plan)) => {
            let trusted = plan.trusted();
            let from = match &trusted {
                Trusted::WorkTree => ConfigFrom::WorkTree,
                Trusted::Commit(commit) => ConfigFrom::Commit {
                    repo: &repo,
                    commit,
                },
                Trusted::Nothing => ConfigFrom::Nothing,
            };
            let prepared = config::prepare(&settings.repo, &settings.project, from);
            let prefix = repo.prefix();
            let mut watch = settings.watched(&prefix);
            watch.extend(prepared.watch.iter().map(|w| format!("{prefix}{w}")));
            let how = GitScan {
                max_file_size: settings.max_file_size,
                watch: &watch,
            };
            let output = scan_git(&repo, &plan, &prepared.rules, &prepared.suppressor, &how);
            (prepared, output)
        }
        Err(p) => {
            let prepared = config::prepare(&settings.repo, &settings.project, ConfigFrom::WorkTree);
            let mut output = ScanOutput::default();
            output.problems.push(p);
            (prepared, output)
        }
    };
    progress.finish();
    let (mut output, infos) = merge(prepared, output);
    crate::present::select(&mut output, settings.output.min_confidence);
    emit(&mut output, &infos, &settings.output)?;
    if let Some(path) = &settings.step_summary {
        write_step_summary(path, &output, &infos, &settings.output);
    }
    Ok(status(&output))
}

/// Append the findings table (and the warnings) to the job summary file.
fn write_step_summary(
    path: &Path,
    output: &ScanOutput,
    rules: &[RuleInfo],
    settings: &OutputSettings,
) {
    let report = Report {
        output,
        rules,
        disclosure: settings.disclosure,
        color: false,
        base: settings.base.as_deref(),
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(report::step_summary(&report).as_bytes()));
    if let Err(e) = written {
        eprintln!("{}", Problem::io(path.to_string_lossy(), &e));
    }
}

/// Write the reports, then problems, warnings and the summary on stderr. A report that cannot
/// be written (a missing directory, a directory, a full disk) is a problem like any other:
/// counted, named, exit status 2; the other reports are still written.
pub fn emit(
    output: &mut ScanOutput,
    rules: &[RuleInfo],
    settings: &OutputSettings,
) -> io::Result<()> {
    let mut failed = Vec::new();
    for to in &settings.destinations {
        let report = Report {
            output,
            rules,
            disclosure: settings.disclosure,
            color: to.color,
            base: settings.base.as_deref(),
        };
        match &to.path {
            Some(path) => {
                if let Err(e) = write_file(path, |out| report::write(to.format, &report, out)) {
                    failed.push(Problem::new(
                        crate::source::display_path(path),
                        format!(
                            "cannot write the report: {}",
                            crate::problems::io_reason(&e)
                        ),
                    ));
                }
            }
            None => {
                let stdout = io::stdout();
                let mut out = io::BufWriter::new(stdout.lock());
                report::write(to.format, &report, &mut out)?;
            }
        }
    }
    if !failed.is_empty() {
        output.problems.append(&mut failed);
        output.summary.problems = output.problems.len();
    }
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for w in &output.warnings {
        let _ = writeln!(err, "{w}");
    }
    for p in &output.problems {
        let _ = writeln!(err, "{p}");
    }
    // The summary line goes to stderr beside a human-readable stdout, or when stdout is
    // free because every report went to a file; never beside JSON or SARIF a pipe reads.
    let stdout_machine = settings
        .destinations
        .iter()
        .any(|d| d.path.is_none() && matches!(d.format, ReportFormat::Json | ReportFormat::Sarif));
    if !settings.quiet && !stdout_machine {
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

/// Write the report to `path`. A regular file (or a new one) is written through a temporary file
/// beside it and renamed into place, so a crash or a full disk never leaves a half-written report
/// where a previous good one was; the new file keeps the old one's permissions (or gets the
/// usual 0666 less the umask). A symlink is resolved first, so the link stays a link and its
/// target gets the report. Anything else (`/dev/null`, `/dev/stdout`, a FIFO) is written in place:
/// renaming over it would replace a device with a plain file.
fn write_file(path: &Path, body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let target = match std::fs::canonicalize(path) {
        Ok(resolved) => resolved,
        // A new file (or a dangling link, whose target the open below creates).
        Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            ));
        }
        if !meta.is_file() {
            let file = std::fs::OpenOptions::new().write(true).open(&target)?;
            let mut out = io::BufWriter::new(file);
            body(&mut out)?;
            return out.flush();
        }
    }
    if existing.is_none() && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        // A dangling link: create its target through it.
        let file = std::fs::File::create(path)?;
        let mut out = io::BufWriter::new(file);
        body(&mut out)?;
        return out.flush();
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file_mut());
        body(&mut out)?;
        out.flush()?;
    }
    #[cfg(unix)]
    tmp.as_file().set_permissions(match existing {
        Some(meta) => meta.permissions(),
        None => new_file_permissions(),
    })?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// What `File::create` would give a new file: 0666 less the process umask.
#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: umask only swaps the process's file mode mask; it is set back at once. No other
    // thread creates files at this point (the scan has finished).
    let mask = unsafe {
        let old = libc::umask(0o022);
        libc::umask(old);
        old
    };
    // mode_t is u32 on Linux and u16 on macOS.
    #[allow(clippy::useless_conversion)]
    let mask = u32::from(mask);
    std::fs::Permissions::from_mode(0o666 & !mask)
}

fn fail_with(problems: &[Problem]) -> ExitStatus {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    ExitStatus::Error
}

/// The built-in rules as written (examples included), unless `--no-builtin-rules`.
fn complete_builtins(args: &RulesArgs) -> rules::Builtins {
    if args.no_builtin_rules {
        rules::Builtins::Off
    } else {
        rules::Builtins::Complete
    }
}

fn rules_list(
    args: &RulesArgs,
    format: ListFormat,
    filter: &RuleFilterArgs,
) -> io::Result<ExitStatus> {
    let (set, problems) = rules::load_from(&args.rule_paths, complete_builtins(args));
    let filter = describe::RuleFilter {
        families: filter.family.clone(),
        severities: filter.severity.clone(),
        confidences: filter.confidence.clone(),
    };
    let selected = match filter.select(&set) {
        Ok(selected) => selected,
        Err(message) => {
            eprintln!("leakscan: {message} (see `leakscan rules list`)");
            return Ok(ExitStatus::Error);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        ListFormat::Text => describe::write_list(&mut out, &selected)?,
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &describe::list_json(&selected))?;
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

fn rules_show(args: &RulesArgs, id: &str) -> io::Result<ExitStatus> {
    let (set, problems) = rules::load_from(&args.rule_paths, complete_builtins(args));
    let Some(rule) = set.rules().iter().find(|r| r.id == id) else {
        match describe::closest(&set, id) {
            Some(near) => eprintln!("leakscan: no rule `{id}`; did you mean `{near}`?"),
            None => eprintln!("leakscan: no rule `{id}` (see `leakscan rules list`)"),
        }
        return Ok(ExitStatus::Error);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    describe::write_rule(&mut out, rule)?;
    out.flush()?;
    if problems.is_empty() {
        Ok(ExitStatus::Success)
    } else {
        Ok(fail_with(&problems))
    }
}

fn rules_check(args: &RulesArgs) -> io::Result<ExitStatus> {
    let (set, problems) = rules::load_from(&args.rule_paths, complete_builtins(args));
    let (counts, failures) = rule_check::check(&set);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for f in &failures {
        writeln!(out, "{f}")?;
    }
    writeln!(
        out,
        "rules check: {} rules, {} filters, {} parts; {} examples, {} negatives, {} filter examples, {} part examples; {} failure{}",
        counts.rules,
        counts.filters,
        counts.parts,
        counts.examples,
        counts.negatives,
        counts.filter_examples,
        counts.part_examples,
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
