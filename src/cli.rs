//! The command line, as clap derive types and nothing else. Validation and defaults that need
//! thought live in `config`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find hardcoded credentials in source trees.
#[derive(Debug, Parser)]
#[command(name = "leakscan", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories for secrets.
    Scan(ScanArgs),
    /// Scan what git is about to commit, a commit range, or the whole history.
    Git(GitArgs),
    /// List or check the rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Print a shell completion script (e.g. `leakscan completions bash > ~/.local/share/bash-completion/completions/leakscan`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `leakscan man > leakscan.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files and directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Skip (with a warning naming them) files larger than this: bytes, or with a unit
    /// (512K, 10M, 1G, 10MiB; KB/MB/GB are powers of 1000).
    #[arg(long, value_name = "SIZE", default_value = "100MiB", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Memory-map files at least this large instead of reading them (0: map every file;
    /// a value above --max-file-size: never map). For benchmarking; the default was measured.
    #[arg(long, value_name = "SIZE", default_value_t = crate::source::read::MMAP_THRESHOLD, value_parser = parse_size, hide = true)]
    pub mmap_threshold: u64,
    /// Also scan files excluded by .gitignore/.ignore.
    #[arg(long)]
    pub no_ignore: bool,
    /// Follow symlinks (a loop or a dangling link is named as a problem).
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Worker threads (default: number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub suppress: SuppressArgs,
}

/// Project configuration and suppression; shared by every command that reports findings.
#[derive(Debug, Args)]
pub struct SuppressArgs {
    /// Project config file (default: .leakscan.toml at the scan root, if present; for
    /// `git --range` and pull requests, the one in the base commit).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Fingerprints and paths to ignore (default: .leakscanignore beside the default config;
    /// none when --config names the config).
    #[arg(long, value_name = "FILE", conflicts_with = "no_ignore_file")]
    pub ignore_file: Option<PathBuf>,
    /// Read no .leakscanignore.
    #[arg(long)]
    pub no_ignore_file: bool,
    /// A previous JSON report: its findings are known and not reported again.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

/// How findings are written; shared by every command that reports findings.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Report format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Text)]
    pub format: Format,
    /// Write a report to FILE (atomically: a temporary file is renamed). `--output FILE` takes
    /// the --format report off stdout; `--output FORMAT=FILE` (text, json, sarif, github) writes
    /// one more report in that format. Repeatable: one scan, several reports. A FILE whose name
    /// starts with a format name and `=` is written as `./sarif=x`.
    #[arg(long, value_name = "[FORMAT=]FILE", value_parser = parse_output)]
    pub output: Vec<OutputTarget>,
    /// Print secrets unredacted.
    #[arg(long)]
    pub reveal: bool,
    /// Colour in text output: auto (when stdout is a terminal and NO_COLOR is not set).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Findings and problems only: no summary line, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Report findings of at least this confidence: high (provider formats), medium (also
    /// strong names with random-looking literal values), low (also weak evidence: words and
    /// sample data in tests and docs, vendored code).
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = ConfidenceArg::Medium)]
    pub confidence: ConfidenceArg,
}

/// One `--output`: a file, and the format written to it (none: the --format report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputTarget {
    pub format: Option<Format>,
    pub path: PathBuf,
}

/// `[FORMAT=]FILE`. A prefix is a format only when it names one (any case), so a path that
/// merely contains `=` (`out=1.json`, `a/b=c`) stays a path.
fn parse_output(text: &str) -> Result<OutputTarget, String> {
    let (format, path) = match text.split_once('=') {
        Some((name, rest)) => match Format::from_str(name, true) {
            Ok(format) => (Some(format), rest),
            Err(_) => (None, text),
        },
        None => (None, text),
    };
    if path.is_empty() {
        return Err("a file name is needed after the format (e.g. sarif=leakscan.sarif)".into());
    }
    Ok(OutputTarget {
        format,
        path: PathBuf::from(path),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfidenceArg {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Extra rule file or directory of *.toml rule files (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rule_paths: Vec<PathBuf>,
    /// Leave out the built-in rules (to develop or check a rule set of your own).
    #[arg(long)]
    pub no_builtin_rules: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    /// GitHub Actions workflow-command annotations
    Github,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("mode").args(["staged", "range", "all", "github"])))]
pub struct GitArgs {
    /// Scan the index: lines added or changed relative to HEAD (the default). With FILE
    /// arguments, the whole staged content of those files.
    #[arg(long)]
    pub staged: bool,
    /// Scan what the commits in A..B added (merges included); the configuration is read from
    /// A.
    #[arg(long, value_name = "A..B")]
    pub range: Option<String>,
    /// Scan every blob reachable from any ref, each once; each secret is reported at the
    /// commit and path that introduced it, with the other places it appears.
    #[arg(long)]
    pub all: bool,
    /// Decide what to scan from the GitHub Actions event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH)
    /// and write a job summary to GITHUB_STEP_SUMMARY.
    #[arg(long)]
    pub github: bool,
    /// Let git fetch commits missing from a shallow clone (leakscan itself never uses the
    /// network; this lets `git fetch` run).
    #[arg(long)]
    pub fetch: bool,
    /// The repository (default: the current directory).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub repo: PathBuf,
    /// With --staged: scan the whole staged content of these files (paths, never pathspec
    /// patterns; a path not in the index is a problem).
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    #[command(flatten)]
    pub suppress: SuppressArgs,
    /// Skip (with a warning naming them) blobs larger than this: bytes, or with a unit
    /// (512K, 10M, 1G, 10MiB; KB/MB/GB are powers of 1000).
    #[arg(long, value_name = "SIZE", default_value = "100MiB", value_parser = parse_size)]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the rules: id, provider, kind, confidence, severity, description.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        #[command(flatten)]
        filter: RuleFilterArgs,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Print one rule in full, with its examples and negatives.
    Show {
        /// The rule id, e.g. `github.classic-pat`.
        id: String,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Lint the rules and run every example and negative through the scanner.
    Check {
        #[command(flatten)]
        rules: RulesArgs,
    },
}

/// Which rules `rules list` prints; each flag may be repeated, and rules must match every flag
/// given.
#[derive(Debug, Args)]
pub struct RuleFilterArgs {
    /// Only rules of this family (the id before the dot, e.g. `github`).
    #[arg(long, value_name = "FAMILY")]
    pub family: Vec<String>,
    /// Only rules of this severity.
    #[arg(long, value_parser = ["critical", "high", "medium", "low"])]
    pub severity: Vec<String>,
    /// Only rules of this confidence.
    #[arg(long, value_parser = ["high", "medium", "low"])]
    pub confidence: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// A size as people write it: `1048576`, `512K`, `10M`, `1G`, `10MiB` (powers of 1024), or
/// `10KB`, `10MB`, `1GB` (powers of 1000); case-insensitive, no space needed.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 1048576, 512K, 10M, 1G)"))?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => {
            return Err(format!(
                "unknown size unit `{other}` (use K, M, G, KiB, MiB, GiB, KB, MB or GB)"
            ))
        }
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn sizes_with_and_without_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("10m"), Ok(10 << 20));
        assert_eq!(parse_size("100MiB"), Ok(100 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("0"), Ok(0));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("10X").unwrap_err().contains("unknown size unit"));
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999G")
            .unwrap_err()
            .contains("too large"));
    }
}
