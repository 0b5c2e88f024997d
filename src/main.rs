//! The `leakscan` binary: parse flags, run, turn the status into an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match leakscan::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match leakscan::run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        // The reader went away (`leakscan scan | head`): nothing left to say to anyone.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leakscan: {e}");
            ExitCode::from(2)
        }
    }
}

/// clap's message and exit status (2, our "error" status too), except that a command line
/// written for gitleaks gets the leakscan equivalent instead of clap's nearest spelling.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind::*;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let hint = match e.kind() {
        UnknownArgument | InvalidSubcommand | InvalidValue | ArgumentConflict => {
            leakscan::hints::for_args(&args)
        }
        _ => None,
    };
    match hint {
        Some(hint) => {
            let rendered = e.to_string();
            let first = rendered
                .lines()
                .next()
                .unwrap_or("error: invalid command line");
            eprintln!("{first}\n\n  tip: {hint}\n\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        None => e.exit(),
    }
}
