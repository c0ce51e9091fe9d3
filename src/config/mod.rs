//! Where margin keeps its settings and what they say: config and data folders
//! (overridable with MARGIN_CONFIG_DIR and MARGIN_DATA_DIR, so tests and
//! portable installs never touch the user's real folders), key bindings and
//! colour themes. Broken user files are reported with file:line:col and the
//! built-in defaults are used instead: a typo never locks anyone out.

pub mod keymap;
pub mod settings;
pub mod theme;

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "margin", "margin")
}

fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The folder for config.ron, keymap.ron and themes/ (MARGIN_CONFIG_DIR wins).
pub fn config_dir() -> Option<PathBuf> {
    from_env("MARGIN_CONFIG_DIR").or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}

/// The folder for data margin makes itself, such as demo projects
/// (MARGIN_DATA_DIR wins).
pub fn data_dir() -> Option<PathBuf> {
    from_env("MARGIN_DATA_DIR").or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// Formats a RON error in a user file as `path:line:col: message`.
pub fn ron_error(path: &std::path::Path, err: &ron::error::SpannedError) -> String {
    format!(
        "{}:{}:{}: {}",
        path.display(),
        err.span.start.line,
        err.span.start.col,
        err.code
    )
}
