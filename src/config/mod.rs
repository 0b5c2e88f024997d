//! Validated settings, built from the raw command line and the project's `.leakscan.toml`
//! (`file`). This is where defaults that need thought are decided (thread count, scan root) and
//! where flag values are checked, so the rest of the program never sees an impossible setting.

mod file;
pub mod gitleaks;

pub use file::ProjectConfig;
pub use gitleaks::GitleaksConfig;

use crate::cli::{ColorChoice, ConfidenceArg, Format, OutputArgs, ScanArgs};
use crate::finding::{Confidence, Disclosure};
use crate::pipeline::ScanJob;
use crate::problems::Problem;
use crate::report::ReportFormat;
use crate::rules::{self, RuleSet};
use crate::source::walk::WalkOptions;
use crate::suppress::{Baseline, GitleaksIgnore, IgnoreFile, Suppressor};
use std::path::{Path, PathBuf};

/// Where and how to write the report.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    pub disclosure: Disclosure,
    /// Colour in the text report.
    pub color: bool,
    /// No summary line and no progress bar.
    pub quiet: bool,
    /// Findings below this confidence are counted, not reported.
    pub min_confidence: Confidence,
    /// The directory report paths are relative to (SARIF's `SRCROOT`): the scan root or the
    /// repository.
    pub base: Option<PathBuf>,
}

impl OutputSettings {
    pub fn from_args(args: &OutputArgs) -> Self {
        OutputSettings {
            format: match args.format {
                Format::Text => ReportFormat::Text,
                Format::Json => ReportFormat::Json,
                Format::Sarif => ReportFormat::Sarif,
                Format::Github => ReportFormat::Github,
            },
            output: args.output.clone(),
            disclosure: if args.reveal {
                Disclosure::Reveal
            } else {
                Disclosure::Redact
            },
            color: match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    use std::io::IsTerminal;
                    args.output.is_none()
                        && std::io::stdout().is_terminal()
                        && no_color_unset()
                        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                }
            },
            quiet: args.quiet,
            min_confidence: match args.confidence {
                ConfidenceArg::Low => Confidence::Low,
                ConfidenceArg::Medium => Confidence::Medium,
                ConfidenceArg::High => Confidence::High,
            },
            base: None,
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// NO_COLOR (no-color.org): set to anything but the empty string, it turns colour off.
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Everything `leakscan scan` needs.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    pub job: ScanJob,
    pub output: OutputSettings,
    pub rule_paths: Vec<PathBuf>,
    pub builtin_rules: bool,
    /// The directory `.leakscan.toml` and `.leakscanignore` are looked up in, and that their
    /// path patterns are relative to: the one directory given, or the current directory.
    pub root: PathBuf,
    pub config: Option<PathBuf>,
    pub baseline: Option<PathBuf>,
}

/// The most worker threads `--threads` accepts: each holds a read buffer and regex caches (a few
/// MB), so 100,000 threads was 24 GB; more threads than this gains nothing on any machine.
pub const MAX_THREADS: usize = 1024;

impl ScanSettings {
    pub fn from_args(args: &ScanArgs) -> Result<Self, Problem> {
        let threads = match args.threads {
            Some(0) => return Err(Problem::new("--threads", "must be at least 1")),
            Some(n) if n > MAX_THREADS => {
                return Err(Problem::new(
                    "--threads",
                    format!(
                        "{n} is more than {MAX_THREADS} (this machine has {} cores)",
                        cores()
                    ),
                ))
            }
            Some(n) => n,
            None => cores(),
        };
        if args.max_file_size == 0 {
            return Err(Problem::new("--max-file-size", "must be at least 1 byte"));
        }
        let root = match args.paths.as_slice() {
            [one] if one.is_dir() => one.clone(),
            _ => PathBuf::from("."),
        };
        Ok(ScanSettings {
            job: ScanJob {
                roots: args.paths.clone(),
                max_file_size: args.max_file_size,
                mmap_threshold: args.mmap_threshold,
                walk: WalkOptions {
                    no_ignore: args.no_ignore,
                    threads,
                    follow: args.follow,
                },
            },
            output: OutputSettings {
                base: Some(root.clone()),
                ..OutputSettings::from_args(&args.output)
            },
            rule_paths: args.rules.rule_paths.clone(),
            builtin_rules: !args.rules.no_builtin_rules,
            root,
            config: args.suppress.config.clone(),
            baseline: args.suppress.baseline.clone(),
        })
    }
}

/// What the project configuration builds: the rule set and the suppressor, plus every problem
/// met on the way (each one turns the exit status into 2; none stops the scan).
pub struct Prepared {
    pub rules: RuleSet,
    pub suppressor: Suppressor,
    pub problems: Vec<Problem>,
    /// What a gitleaks configuration gave and did not give: said, not failed on.
    pub warnings: Vec<Problem>,
}

/// Load the project config (if any), the rules it and the flags name, `.leakscanignore` and the
/// baseline.
pub fn prepare(
    root: &Path,
    config: Option<&Path>,
    baseline: Option<&Path>,
    rule_paths: &[PathBuf],
    builtin_rules: bool,
) -> Prepared {
    let mut problems = Vec::new();
    let discovered = root.join(".leakscan.toml");
    // `--config` may name a gitleaks configuration; otherwise one at the root is read as well.
    let given_gitleaks = config
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| gitleaks::looks_like_gitleaks(&t)));
    let config_path = match config {
        Some(_) if given_gitleaks.is_some() => None,
        Some(p) => Some(p.to_path_buf()),
        None if discovered.is_file() => Some(discovered),
        None => None,
    };
    let project = match config_path {
        Some(p) => match ProjectConfig::load(&p, root) {
            Ok(c) => c,
            Err(mut ps) => {
                problems.append(&mut ps);
                ProjectConfig::default()
            }
        },
        None => ProjectConfig::default(),
    };
    let gitleaks_path = match (config, given_gitleaks) {
        (_, Some(p)) => Some(p.to_path_buf()),
        (None, None) => Some(root.join(".gitleaks.toml")).filter(|p| p.is_file()),
        (Some(_), None) => None,
    };
    let gitleaks = gitleaks_path.and_then(|p| match GitleaksConfig::load(&p, root) {
        Ok(c) => Some((crate::source::display_path(&p), c)),
        Err(mut ps) => {
            problems.append(&mut ps);
            None
        }
    });
    let mut paths = project.rule_paths.clone();
    paths.extend_from_slice(rule_paths);
    let builtins = if builtin_rules {
        rules::Builtins::ForScan
    } else {
        rules::Builtins::Off
    };
    let translated: Vec<(String, String)> = gitleaks
        .iter()
        .filter(|(_, c)| !c.rules.is_empty())
        .map(|(origin, c)| (origin.clone(), c.rules.clone()))
        .collect();
    let (set, mut rule_problems) = rules::load_with(&paths, &translated, builtins);
    problems.append(&mut rule_problems);
    let disabled: Vec<String> = project.disabled.iter().map(|(id, _)| id.clone()).collect();
    let all_ids: Vec<String> = set.rules().iter().map(|r| r.id.clone()).collect();
    problems.extend(project.unknown_rule_ids(&all_ids));
    let (set, _) = set.without(&disabled);
    let ignore_file = IgnoreFile::discover(root).unwrap_or_else(|p| {
        problems.push(p);
        None
    });
    let baseline = baseline.and_then(|b| Baseline::load(b).map_err(|p| problems.push(p)).ok());
    let gitleaks_ignore = GitleaksIgnore::discover(root).unwrap_or_else(|p| {
        problems.push(p);
        None
    });
    let (gitleaks_allowlist, allowed_commits, warnings) = match gitleaks {
        Some((_, c)) => (Some(c.allowlist), c.commits, c.notes),
        None => (None, Vec::new(), Vec::new()),
    };
    let suppressor = Suppressor {
        ignore_file,
        gitleaks_ignore,
        baseline,
        allowlist: project.allowlist,
        gitleaks_allowlist,
        rule_allowlists: project
            .rule_allowlists
            .into_iter()
            .map(|(id, _, a)| (id, a))
            .collect(),
        allowed_commits,
    };
    Prepared {
        rules: set,
        suppressor,
        problems,
        warnings,
    }
}
