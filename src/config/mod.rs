//! Where margin keeps its settings and what they say: config and data folders
//! (overridable with MARGIN_CONFIG_DIR and MARGIN_DATA_DIR, so tests and
//! portable installs never touch the user's real folders), settings, and the
//! reading of user files that the workbench's key bindings and colour themes
//! (tui::keymap, tui::palette) share. Broken user files are reported with
//! file:line:col and the built-in defaults are used instead: a typo never
//! locks anyone out.

pub mod resume;
pub mod settings;

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

/// A user file's text: None when it does not exist (no problem: the defaults
/// apply), an error `path: reason` when it exists but cannot be read.
pub fn read_user_file(path: &std::path::Path) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
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

#[cfg(test)]
mod tests {
    use super::read_user_file;

    #[test]
    fn a_missing_user_file_is_no_problem_but_an_unreadable_one_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read_user_file(&dir.path().join("keymap.ron")), Ok(None));
        std::fs::write(dir.path().join("config.ron"), "()").expect("write");
        assert_eq!(
            read_user_file(&dir.path().join("config.ron")),
            Ok(Some("()".to_string()))
        );
        // A folder where the file should be cannot be read as text.
        let problem = read_user_file(dir.path()).expect_err("a folder is not a file");
        assert!(
            problem.starts_with(&dir.path().display().to_string()),
            "{problem}"
        );
    }
}
