//! Validated settings, built from the raw command line. This is where defaults that need
//! thought are decided (thread count) and where flag values are checked, so the rest of the
//! program never sees an impossible setting.

use crate::cli::{Format, OutputArgs, ScanArgs};
use crate::finding::Disclosure;
use crate::pipeline::ScanJob;
use crate::problems::Problem;
use crate::report::ReportFormat;
use crate::source::walk::WalkOptions;
use std::path::PathBuf;

/// Where and how to write the report.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    pub disclosure: Disclosure,
}

impl OutputSettings {
    pub fn from_args(args: &OutputArgs) -> Self {
        OutputSettings {
            format: match args.format {
                Format::Text => ReportFormat::Text,
                Format::Json => ReportFormat::Json,
                Format::Sarif => ReportFormat::Sarif,
            },
            output: args.output.clone(),
            disclosure: if args.reveal {
                Disclosure::Reveal
            } else {
                Disclosure::Redact
            },
        }
    }
}

/// Everything `leakscan scan` needs.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    pub job: ScanJob,
    pub output: OutputSettings,
    pub rule_paths: Vec<PathBuf>,
}

impl ScanSettings {
    pub fn from_args(args: &ScanArgs) -> Result<Self, Problem> {
        let threads = match args.threads {
            Some(0) => return Err(Problem::new("--threads", "must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if args.max_file_size == 0 {
            return Err(Problem::new("--max-file-size", "must be at least 1 byte"));
        }
        Ok(ScanSettings {
            job: ScanJob {
                roots: args.paths.clone(),
                max_file_size: args.max_file_size,
                walk: WalkOptions {
                    no_ignore: args.no_ignore,
                    threads,
                },
            },
            output: OutputSettings::from_args(&args.output),
            rule_paths: args.rules.rule_paths.clone(),
        })
    }
}
