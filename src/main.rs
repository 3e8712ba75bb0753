//! Entry point: a subcommand runs headless; otherwise the window opens,
//! optionally on the project given as the only argument.

use clap::Parser;
use thema::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    // PDFs are read in a worker process of this same binary, with limits.
    thema::io::pdf::set_isolation(thema::io::pdf::Isolation {
        worker: std::env::current_exe().ok(),
        ..Default::default()
    });
    match args.command {
        Some(cmd) => cli::run(cmd),
        None => match thema::app::run(args.project, args.import_references) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("thema: the window could not be opened: {e}");
                std::process::ExitCode::from(2)
            }
        },
    }
}
