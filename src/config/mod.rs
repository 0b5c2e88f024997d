//! Validated settings, built from the raw command line and the project's `.leakscan.toml`
//! (`file`). This is where defaults that need thought are decided (thread count, scan root) and
//! where flag values are checked, so the rest of the program never sees an impossible setting.

mod committed;
mod file;
mod git;
pub mod gitleaks;

pub use file::ProjectConfig;
pub use git::GitSettings;
pub use gitleaks::GitleaksConfig;

use crate::cli::{
    ColorChoice, ConfidenceArg, Format, OutputArgs, RulesArgs, ScanArgs, SuppressArgs,
};
use crate::finding::{Confidence, Disclosure};
use crate::pipeline::ScanJob;
use crate::problems::Problem;
use crate::report::ReportFormat;
use crate::rules::{self, RuleSet};
use crate::source::git::Repo;
use crate::source::walk::WalkOptions;
use crate::suppress::{Baseline, GitleaksIgnore, IgnoreFile, Suppressor};
use std::path::{Path, PathBuf};

/// Where and how to write the reports.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    /// Every report this run writes, each once; exactly one goes to stdout unless an
    /// `--output FILE` took the --format report.
    pub destinations: Vec<Destination>,
    pub disclosure: Disclosure,
    /// No summary line and no progress bar.
    pub quiet: bool,
    /// Findings below this confidence are counted, not reported.
    pub min_confidence: Confidence,
    /// The directory report paths are relative to (SARIF's `SRCROOT`): the scan root or the
    /// repository.
    pub base: Option<PathBuf>,
}

/// One report: its format, its file (none: stdout) and whether text in it is coloured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub format: ReportFormat,
    pub path: Option<PathBuf>,
    pub color: bool,
}

impl OutputSettings {
    pub fn from_args(args: &OutputArgs) -> Result<Self, Problem> {
        let color = |to_stdout: bool| match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                use std::io::IsTerminal;
                to_stdout
                    && std::io::stdout().is_terminal()
                    && no_color_unset()
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        };
        let mut destinations: Vec<Destination> = Vec::new();
        for target in &args.output {
            // Two reports into one file: the second would silently replace the first.
            if destinations.iter().any(|d| {
                d.path
                    .as_deref()
                    .is_some_and(|p| same_file(p, &target.path))
            }) {
                return Err(Problem::new(
                    crate::source::display_path(&target.path),
                    "named by two --output options; each report needs its own file",
                ));
            }
            destinations.push(Destination {
                format: report_format(target.format.unwrap_or(args.format)),
                path: Some(target.path.clone()),
                color: color(false),
            });
        }
        // The --format report goes to stdout unless a plain `--output FILE` took it.
        if args.output.iter().all(|t| t.format.is_some()) {
            destinations.insert(
                0,
                Destination {
                    format: report_format(args.format),
                    path: None,
                    color: color(true),
                },
            );
        }
        Ok(OutputSettings {
            destinations,
            disclosure: if args.reveal {
                Disclosure::Reveal
            } else {
                Disclosure::Redact
            },
            quiet: args.quiet,
            min_confidence: match args.confidence {
                ConfidenceArg::Low => Confidence::Low,
                ConfidenceArg::Medium => Confidence::Medium,
                ConfidenceArg::High => Confidence::High,
            },
            base: None,
        })
    }
}

fn report_format(format: Format) -> ReportFormat {
    match format {
        Format::Text => ReportFormat::Text,
        Format::Json => ReportFormat::Json,
        Format::Sarif => ReportFormat::Sarif,
        Format::Github => ReportFormat::Github,
    }
}

/// The same path, or two names of one existing file (`a.json` and `./a.json`, a link).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
        || absolute_lexically(a) == absolute_lexically(b)
}

/// `path` made absolute and stripped of `.` parts, without touching the file system (the file
/// may not exist yet).
fn absolute_lexically(path: &Path) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    Some(
        cwd.join(path)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect(),
    )
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// NO_COLOR (no-color.org): set to anything but the empty string, it turns colour off.
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Where a scan's rules and suppressions come from: flags, and the files they name.
#[derive(Debug, Clone)]
pub struct ProjectSettings {
    pub rule_paths: Vec<PathBuf>,
    pub builtin_rules: bool,
    /// `--config FILE`; otherwise `.leakscan.toml`, found where `ConfigFrom` says.
    pub config: Option<PathBuf>,
    pub ignore_file: IgnoreFileChoice,
    pub baseline: Option<PathBuf>,
}

/// Which `.leakscanignore` to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoreFileChoice {
    /// The one beside the default config, unless `--config` named the config: an explicit
    /// config does not quietly pick up an ignore file it does not mention.
    Default,
    /// `--ignore-file FILE`.
    File(PathBuf),
    /// `--no-ignore-file`.
    Off,
}

impl ProjectSettings {
    pub fn from_args(rules: &RulesArgs, suppress: &SuppressArgs) -> Self {
        ProjectSettings {
            rule_paths: rules.rule_paths.clone(),
            builtin_rules: !rules.no_builtin_rules,
            config: suppress.config.clone(),
            ignore_file: match (&suppress.ignore_file, suppress.no_ignore_file) {
                (_, true) => IgnoreFileChoice::Off,
                (Some(f), false) => IgnoreFileChoice::File(f.clone()),
                (None, false) => IgnoreFileChoice::Default,
            },
            baseline: suppress.baseline.clone(),
        }
    }
}

/// Where the default `.leakscan.toml` and `.leakscanignore` are read from.
pub enum ConfigFrom<'a> {
    /// The scan root on disk.
    WorkTree,
    /// A commit (the base of a pull request): never the commits being scanned, which could
    /// allowlist their own secrets, nor the working tree, which is one of them.
    Commit { repo: &'a Repo, commit: &'a str },
    /// Nowhere: a range without a base commit.
    Nothing,
}

/// Everything `leakscan scan` needs.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    pub job: ScanJob,
    pub output: OutputSettings,
    pub project: ProjectSettings,
    /// The directory `.leakscan.toml` and `.leakscanignore` are looked up in, and that their
    /// path patterns are relative to: the one directory given, or the current directory.
    pub root: PathBuf,
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
                ..OutputSettings::from_args(&args.output)?
            },
            project: ProjectSettings::from_args(&args.rules, &args.suppress),
            root,
        })
    }
}

/// What the project configuration builds: the rule set and the suppressor, plus every problem
/// met on the way (each one turns the exit status into 2; none stops the scan).
pub struct Prepared {
    pub rules: RuleSet,
    pub suppressor: Suppressor,
    pub problems: Vec<Problem>,
    /// Rule files and directories a committed config named (relative to the root): a change
    /// to them in a pull request changes what the scan allows, as a change to the config does.
    pub watch: Vec<String>,
    /// What a gitleaks configuration gave and did not give: said, not failed on.
    pub warnings: Vec<Problem>,
}

/// Load the project config (if any), the rules it and the flags name, `.leakscanignore` and the
/// baseline. `root` is the directory path patterns are relative to.
pub fn prepare(root: &Path, settings: &ProjectSettings, from: ConfigFrom<'_>) -> Prepared {
    let mut problems = Vec::new();
    // `--config` may name a gitleaks configuration instead of a leakscan one.
    let given_gitleaks = settings
        .config
        .as_deref()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| gitleaks::looks_like_gitleaks(&t)));
    // Rule files a committed config names, copied out of the commit while they are loaded.
    let mut exported = None;
    let project = match (&settings.config, &from) {
        (Some(_), _) if given_gitleaks.is_some() => ProjectConfig::default(),
        (Some(path), _) => load_config(path, root, &mut problems),
        (None, ConfigFrom::WorkTree) => {
            let discovered = root.join(".leakscan.toml");
            if discovered.is_file() {
                load_config(&discovered, root, &mut problems)
            } else {
                ProjectConfig::default()
            }
        }
        (None, ConfigFrom::Commit { repo, commit }) => {
            let (config, export) = committed::config(repo, commit, root, &mut problems);
            exported = export;
            config
        }
        (None, ConfigFrom::Nothing) => ProjectConfig::default(),
    };
    // A gitleaks configuration: the one `--config` names, or `.gitleaks.toml` found where
    // `.leakscan.toml` is (a pull request's base commit, not the pull request).
    let gitleaks = match (&settings.config, given_gitleaks, &from) {
        (_, Some(path), _) => load_gitleaks(path, root, &mut problems),
        (Some(_), None, _) | (None, None, ConfigFrom::Nothing) => None,
        (None, None, ConfigFrom::WorkTree) => {
            let discovered = root.join(".gitleaks.toml");
            if discovered.is_file() {
                load_gitleaks(&discovered, root, &mut problems)
            } else {
                None
            }
        }
        (None, None, ConfigFrom::Commit { repo, commit }) => {
            committed::gitleaks(repo, commit, root, &mut problems)
        }
    };
    let mut paths = project.rule_paths.clone();
    paths.extend_from_slice(&settings.rule_paths);
    let builtins = if settings.builtin_rules {
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
    let mut watch = Vec::new();
    if let Some(export) = &exported {
        export.rename(&mut rule_problems);
        watch.extend(export.paths.iter().cloned());
    }
    problems.append(&mut rule_problems);
    drop(exported);
    let disabled: Vec<String> = project.disabled.iter().map(|(id, _)| id.clone()).collect();
    let all_ids: Vec<String> = set.rules().iter().map(|r| r.id.clone()).collect();
    problems.extend(project.unknown_rule_ids(&all_ids));
    let (set, _) = set.without(&disabled);
    let ignore_file = match (&settings.ignore_file, &from) {
        (IgnoreFileChoice::Off, _) => Ok(None),
        (IgnoreFileChoice::File(path), _) => IgnoreFile::load(path, root).map(Some),
        (IgnoreFileChoice::Default, _) if settings.config.is_some() => Ok(None),
        (IgnoreFileChoice::Default, ConfigFrom::WorkTree) => IgnoreFile::discover(root),
        (IgnoreFileChoice::Default, ConfigFrom::Commit { repo, commit }) => {
            committed::ignore_file(repo, commit, root)
        }
        (IgnoreFileChoice::Default, ConfigFrom::Nothing) => Ok(None),
    }
    .unwrap_or_else(|p| {
        problems.push(p);
        None
    });
    let baseline = settings
        .baseline
        .as_deref()
        .and_then(|b| Baseline::load(b).map_err(|p| problems.push(p)).ok());
    // `.gitleaksignore` is an ignore file too: read where `.leakscanignore` would be found, and
    // from the same place (a pull request's base commit, not the pull request).
    let discover = settings.ignore_file == IgnoreFileChoice::Default && settings.config.is_none();
    let gitleaks_ignore = match (&from, discover) {
        (_, false) | (ConfigFrom::Nothing, _) => Ok(None),
        (ConfigFrom::WorkTree, true) => GitleaksIgnore::discover(root),
        (ConfigFrom::Commit { repo, commit }, true) => committed::gitleaks_ignore(repo, commit),
    }
    .unwrap_or_else(|p| {
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
        watch,
        warnings,
    }
}

fn load_gitleaks(
    path: &Path,
    root: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(String, GitleaksConfig)> {
    match GitleaksConfig::load(path, root) {
        Ok(c) => Some((crate::source::display_path(path), c)),
        Err(mut ps) => {
            problems.append(&mut ps);
            None
        }
    }
}

fn load_config(path: &Path, root: &Path, problems: &mut Vec<Problem>) -> ProjectConfig {
    ProjectConfig::load(path, root).unwrap_or_else(|mut ps| {
        problems.append(&mut ps);
        ProjectConfig::default()
    })
}
