//! The `margin` binary: parse the command line, run a subcommand or open the
//! workbench, report errors on stderr with a non-zero exit.

use clap::Parser;
use margin::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv = match cli::project_dir::normalise(std::env::args_os().collect()) {
        Ok(argv) => argv,
        Err(message) => {
            eprintln!("margin: {message}");
            return ExitCode::FAILURE;
        }
    };
    let args = Cli::parse_from(argv);
    let result = match args.command {
        Some(command) => cli::run(command, args.coder),
        None => cli::open_workbench(args.dir, args.coder, args.theme, args.blind),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("margin: {err:#}");
            ExitCode::FAILURE
        }
    }
}
