//! The `leakscan` binary: parse flags, run, turn the status into an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with status 2, which is our "error" status too.
    let cli = leakscan::cli::Cli::parse();
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
