//! Writing to stdout from subcommands. `println!` panics when the reader has
//! gone (`margin stats DIR | head`); these end the program quietly instead, as
//! command-line tools do, and report any other write error.

use std::fmt;
use std::io::{self, Write};

/// Like `println!`, for subcommand output.
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::output::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like `print!`, for subcommand output.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write(format_args!($($arg)*)) };
}

pub fn write(args: fmt::Arguments<'_>) {
    let mut stdout = io::stdout().lock();
    if let Err(err) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if err.kind() == io::ErrorKind::BrokenPipe {
            // The reader has all it wanted; every edit was already saved.
            std::process::exit(0);
        }
        eprintln!("margin: cannot write the output: {err}");
        std::process::exit(1);
    }
}
