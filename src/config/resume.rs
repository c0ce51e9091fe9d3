//! Where the analyst left off in a project: the open document and cursor,
//! the cursor in each document, the themes left unfolded, the codes used
//! last (so `.` repeats the same code after a restart). Kept per user in
//! margin's state folder, never in the project: it is no part of the
//! analysis and must not show in anyone's git diff.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// The project's folder, for whoever reads the file.
    #[serde(default)]
    pub project: String,
    #[serde(default)]
    pub document: Option<String>,
    /// Cursor (a character offset) in each document visited.
    #[serde(default)]
    pub positions: BTreeMap<String, usize>,
    /// Themes left open (all others start folded).
    #[serde(default)]
    pub unfolded: Vec<String>,
    #[serde(default)]
    pub unsorted_folded: bool,
    /// Code ids used most recently first; the first is what `.` repeats.
    #[serde(default)]
    pub recent_codes: Vec<String>,
}

/// The folder for resume files: $MARGIN_STATE_DIR, else the platform's state
/// folder (e.g. ~/.local/state/margin), else `state/` in the data folder.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MARGIN_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "margin", "margin")
        .and_then(|d| d.state_dir().map(Path::to_path_buf))
        .or_else(|| super::data_dir().map(|d| d.join("state")))
}

/// One file per project, named after a hash of its absolute folder.
pub fn file_for(state_dir: &Path, project: &Path) -> PathBuf {
    let absolute = std::path::absolute(project).unwrap_or_else(|_| project.to_path_buf());
    let hash = crate::import::sha256_hex(&absolute.to_string_lossy());
    state_dir.join(format!("{}.ron", &hash[..16]))
}

/// The saved state of `project`; nothing saved (or a file that cannot be
/// read) is a fresh start, never an error.
pub fn load(state_dir: Option<&Path>, project: &Path) -> Resume {
    let Some(dir) = state_dir else {
        return Resume::default();
    };
    std::fs::read_to_string(file_for(dir, project))
        .ok()
        .and_then(|text| ron::from_str(&text).ok())
        .unwrap_or_default()
}

/// Saves the state of `project` (atomically, so a crash leaves the old one).
pub fn save(state_dir: Option<&Path>, project: &Path, resume: &Resume) -> Result<(), String> {
    let Some(dir) = state_dir else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = file_for(dir, project);
    let mut resume = resume.clone();
    resume.project = std::path::absolute(project)
        .unwrap_or_else(|_| project.to_path_buf())
        .display()
        .to_string();
    let text = ron::ser::to_string_pretty(&resume, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    crate::store::write_atomic(&path, format!("{text}\n").as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_loads_per_project_and_starts_fresh_without_a_file() {
        let state = tempfile::tempdir().expect("tempdir");
        let a = state.path().join("a");
        let b = state.path().join("b");
        assert_eq!(load(Some(state.path()), &a), Resume::default());
        let resume = Resume {
            document: Some("P3".into()),
            positions: [("P3".to_string(), 120)].into(),
            unfolded: vec!["reasons".into()],
            recent_codes: vec!["chaos".into()],
            ..Resume::default()
        };
        save(Some(state.path()), &a, &resume).expect("saves");
        let loaded = load(Some(state.path()), &a);
        assert_eq!(loaded.document.as_deref(), Some("P3"));
        assert_eq!(loaded.positions["P3"], 120);
        assert_eq!(load(Some(state.path()), &b), Resume::default());
        std::fs::write(file_for(state.path(), &a), "not ron").expect("write");
        assert_eq!(load(Some(state.path()), &a), Resume::default());
    }
}
