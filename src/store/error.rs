//! Store errors: always with the file, and where possible line and column.

use std::fmt;
use std::path::PathBuf;

/// One problem with one file, shown as `path:line:col: message` (line and
/// column 1-based; 0 when the problem is the file as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// What sort of problem it is, for a caller that handles one sort (the
    /// resolver takes conflicts) without reading the message.
    pub kind: ProblemKind,
}

/// The sorts of problem a face treats differently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProblemKind {
    /// A file is not valid RON for what it holds.
    Parse,
    /// Conflict blocks a merge left in a file: the resolver can settle it.
    Conflict,
    /// Anything else: a bad id, a link, an unreadable file, a broken rule.
    #[default]
    Invalid,
}

/// The problem a conflict block left by a merge is reported as.
pub const UNRESOLVED_CONFLICT: &str = "unresolved merge conflict: keep the lines of one side between <<<<<<< and >>>>>>>, delete the markers";

impl Problem {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            line,
            col,
            message: message.into(),
            kind: ProblemKind::Invalid,
        }
    }

    /// Unresolved conflict blocks in a file, the first at `line`.
    pub fn conflict(path: impl Into<PathBuf>, line: usize) -> Self {
        Problem {
            kind: ProblemKind::Conflict,
            ..Problem::new(path, line, 1, UNRESOLVED_CONFLICT)
        }
    }

    /// The same problem with its path under `dir` (how the faces print it).
    pub fn under(&self, dir: &std::path::Path) -> Problem {
        Problem {
            path: dir.join(&self.path),
            ..self.clone()
        }
    }

    /// A problem with a whole file.
    pub fn whole_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem::new(path, 1, 1, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder holds no margin.ron.
    #[error("{0}: not a margin project (no margin.ron there); create one with `margin init`")]
    NotAProject(PathBuf),
    /// One or more files could not be read or parsed.
    #[error("{}", list(.0))]
    Invalid(Vec<Problem>),
    /// The cause is part of the message and not a `source`, so that a
    /// chain of contexts does not print it twice.
    #[error("{path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    /// A file changed on disk since margin read it; writing would lose that change.
    #[error(
        "{0}: changed on disk since margin read it (another margin, an editor or a git pull?); nothing was written. Reload the project and try again"
    )]
    ChangedOnDisk(PathBuf),
    /// Another margin (the workbench, or a command) is writing this project.
    #[error(
        "another margin{} is already working on {}; close it first, so neither overwrites the other",
        if holder.is_empty() { String::new() } else { format!(" (process {holder})") },
        dir.display()
    )]
    Locked { dir: PathBuf, holder: String },
    /// Another margin is part-way through a save of several files.
    #[error(
        "another margin{} is part-way through saving {}; try again in a moment (or, if no margin is running, `margin check --repair`)",
        if holder.is_empty() { String::new() } else { format!(" (process {holder})") },
        dir.display()
    )]
    SaveUnderWay { dir: PathBuf, holder: String },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl StoreError {
    /// The error as the faces print it for a project in `dir`: every problem
    /// on its own line as `dir/file:line:col: message`, so editors and
    /// terminals can jump to it.
    pub fn in_folder(&self, dir: &std::path::Path) -> String {
        match self {
            StoreError::Invalid(problems) => {
                let lines: Vec<String> =
                    problems.iter().map(|p| p.under(dir).to_string()).collect();
                format!(
                    "{}\n{} problem(s) in {}; nothing was changed",
                    lines.join("\n"),
                    problems.len(),
                    dir.display()
                )
            }
            StoreError::Io { path, cause } if path.is_relative() => {
                format!("{}: {cause}", dir.join(path).display())
            }
            other => other.to_string(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, cause: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            cause,
        }
    }
}

/// Turns a ron parse error into a located problem.
pub fn ron_problem(path: impl Into<PathBuf>, err: &ron::error::SpannedError) -> Problem {
    Problem {
        kind: ProblemKind::Parse,
        ..Problem::new(
            path,
            err.span.start.line,
            err.span.start.col,
            describe_ron_error(&err.code),
        )
    }
}

fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    // ron's messages start with a capital; ours read as a continuation of "file:line:col:".
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => text,
    }
}
