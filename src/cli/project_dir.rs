//! Finding the project as git finds its repository, so that DIR is optional
//! for every subcommand.
//!
//! One rule, applied to the command line before clap parses it
//! ([`normalise`]), so that a subcommand adopts it by naming its first
//! positional argument `dir` (required, `pub dir: PathBuf`), and nothing else:
//!
//! - `-C DIR` (before the subcommand) runs margin as if started in DIR, as in git.
//! - A subcommand whose only positional is DIR (`margin stats`): when DIR is
//!   left out, the project holding the current folder is used (the nearest
//!   folder upwards with a `margin.ron`).
//! - A subcommand with further positionals (`margin import DIR FILE...`,
//!   `margin memo DIR TARGET`, `margin code add DIR NAME`): the first
//!   positional is the project only when it is a folder holding `margin.ron`;
//!   otherwise the project holding the current folder is put in front.
//! - `margin DIR SUBCOMMAND ...` (as the usage line shows) is
//!   `margin SUBCOMMAND DIR ...`.
//! - A first word that is neither a subcommand nor a folder is refused with
//!   "did you mean" (`margin stat`), or "no such folder" (`margin /nowhere`).

use crate::store::files::MANIFEST;
use clap::CommandFactory;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The nearest folder at or above `start` holding a margin.ron.
pub fn find_project(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start
        .ancestors()
        .find(|dir| dir.join(MANIFEST).is_file())
        .map(Path::to_path_buf)
}

/// The project holding the current folder, written relative to it ("." or
/// "../..") so that messages read as the user's own paths would.
pub fn project_here() -> Result<PathBuf, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let root = find_project(&cwd).ok_or_else(|| {
        format!(
            "not inside a margin project: no {MANIFEST} in {} or any folder above it\n\
             give the project folder (e.g. `margin stats study`), or create one with `margin init DIR`",
            cwd.display()
        )
    })?;
    let depth = cwd.components().count() - root.components().count();
    Ok(if depth == 0 {
        PathBuf::from(".")
    } else {
        std::iter::repeat_n("..", depth).collect()
    })
}

/// The folder the workbench opens for `margin [DIR]`: the project holding DIR
/// (default: the current folder); a missing folder is named as such.
pub fn workbench_dir(dir: Option<PathBuf>) -> Result<PathBuf, String> {
    match dir {
        None => project_here(),
        Some(dir) if !dir.exists() => Err(format!("no such folder: {}", dir.display())),
        Some(dir) if !dir.is_dir() => Err(format!(
            "{} is a file, not a project folder; `margin import` adds transcripts",
            dir.display()
        )),
        Some(dir) => Ok(find_project(&dir)
            .filter(|root| std::path::absolute(&dir).is_ok_and(|d| d != *root))
            .unwrap_or(dir)),
    }
}

fn is_project(token: &OsString) -> bool {
    Path::new(token).join(MANIFEST).is_file()
}

/// Rewrites `argv` so that every subcommand gets its project folder (see the
/// module comment); applies `-C DIR`. Errors are messages for the user.
pub fn normalise(argv: Vec<OsString>) -> Result<Vec<OsString>, String> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let mut args = argv;
    if args.iter().skip(1).any(|a| a == "-h" || a == "--help") {
        return Ok(args);
    }
    // Top level: options, then DIR or a subcommand.
    let mut i = 1;
    let mut moved_dir: Option<OsString> = None;
    let mut current = &cmd;
    loop {
        let Some(token) = args.get(i).cloned() else {
            return Ok(args);
        };
        let text = token.to_string_lossy().into_owned();
        if text == "--" {
            return Ok(args);
        }
        if text.starts_with('-') && text != "-" {
            if (text == "-C" || text.starts_with("-C")) && std::ptr::eq(current, &cmd) {
                let value = if text == "-C" {
                    args.get(i + 1).cloned()
                } else {
                    Some(OsString::from(&text[2..]))
                };
                let Some(value) = value else {
                    return Ok(args); // clap reports the missing value
                };
                let dir = PathBuf::from(&value);
                if !dir.is_dir() {
                    return Err(format!("no such folder: {}", dir.display()));
                }
                std::env::set_current_dir(&dir)
                    .map_err(|e| format!("cannot enter {}: {e}", dir.display()))?;
            }
            i += 1 + usize::from(takes_value(current, &text));
            continue;
        }
        if let Some(sub) = current.find_subcommand(&text) {
            if text == "help" {
                return Ok(args);
            }
            current = sub;
            i += 1;
            if current.has_subcommands() {
                continue;
            }
            return leaf(current, args, i, moved_dir);
        }
        if current.has_subcommands() && !std::ptr::eq(current, &cmd) {
            return Ok(args); // clap says what `margin code frob` lacks
        }
        // A top-level positional: the workbench's DIR, or DIR before a subcommand.
        let next_is_command = args
            .get(i + 1)
            .is_some_and(|n| cmd.find_subcommand(n).is_some() && n != "help");
        if next_is_command && moved_dir.is_none() {
            moved_dir = Some(args.remove(i));
            continue;
        }
        if Path::new(&token).exists() {
            return Ok(args);
        }
        return Err(unknown_word(&cmd, &text));
    }
}

/// What to say about a first word that is neither a subcommand nor a folder.
fn unknown_word(cmd: &clap::Command, word: &str) -> String {
    let best = cmd
        .get_subcommands()
        .map(|s| s.get_name())
        .filter(|name| *name != "help")
        .map(|name| (strsim::jaro(word, name), name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, name)) = best {
        return format!("'{word}' is not a margin command; did you mean '{name}'?");
    }
    if word.contains('/') || word.contains(std::path::MAIN_SEPARATOR) || word.starts_with('.') {
        format!("no such folder: {word}")
    } else {
        format!(
            "'{word}' is neither a margin command nor a folder here; `margin --help` lists the commands"
        )
    }
}

/// Whether the option `flag` of `cmd` (or a global one) is followed by a value
/// in its own token.
fn takes_value(cmd: &clap::Command, flag: &str) -> bool {
    if flag.contains('=') {
        return false;
    }
    let arg = if let Some(long) = flag.strip_prefix("--") {
        cmd.get_arguments().find(|a| {
            a.get_long() == Some(long)
                || a.get_all_aliases()
                    .is_some_and(|aliases| aliases.contains(&long))
        })
    } else {
        let mut chars = flag.chars().skip(1);
        let (Some(short), None) = (chars.next(), chars.next()) else {
            return false; // -xVALUE or clustered flags: the value is in this token
        };
        cmd.get_arguments().find(|a| a.get_short() == Some(short))
    };
    arg.is_some_and(|a| a.get_action().takes_values())
}

/// At a subcommand that takes no further subcommands, from token `i` on: put
/// in the project folder where the user left it out.
fn leaf(
    cmd: &clap::Command,
    mut args: Vec<OsString>,
    i: usize,
    moved_dir: Option<OsString>,
) -> Result<Vec<OsString>, String> {
    let positionals: Vec<&clap::Arg> = cmd.get_positionals().collect();
    let takes_project = positionals
        .first()
        .is_some_and(|a| a.get_id() == "dir" && a.is_required_set());
    if !takes_project {
        if let Some(dir) = moved_dir {
            args.insert(i, dir);
        }
        return Ok(args);
    }
    if let Some(dir) = moved_dir {
        args.insert(i, dir);
        return Ok(args);
    }
    let first_positional = first_positional(cmd, &args, i);
    let given = match first_positional {
        None => false,
        Some(_) if positionals.len() == 1 => true,
        Some(at) => is_project(&args[at]),
    };
    if !given {
        args.insert(i, project_here()?.into_os_string());
    }
    Ok(args)
}

/// The index of the first positional token from `i` on, skipping options and
/// their values.
fn first_positional(cmd: &clap::Command, args: &[OsString], mut i: usize) -> Option<usize> {
    while let Some(token) = args.get(i) {
        let text = token.to_string_lossy();
        if text == "--" {
            return (i + 1 < args.len()).then_some(i + 1);
        }
        if text.starts_with('-') && text != "-" {
            i += 1 + usize::from(takes_value(cmd, &text));
            continue;
        }
        return Some(i);
    }
    None
}
