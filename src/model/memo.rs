//! Memos: free Markdown notes attached to the project, a document, a code or a
//! theme. Each is one file under memos/.

use super::ids::{CodeId, DocId, ThemeId};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MemoTarget {
    Project,
    Document(DocId),
    Code(CodeId),
    Theme(ThemeId),
}

impl MemoTarget {
    /// The memo's path relative to the project root.
    pub fn rel_path(&self) -> String {
        match self {
            MemoTarget::Project => "memos/project.md".to_string(),
            MemoTarget::Document(id) => format!("memos/documents/{id}.md"),
            MemoTarget::Code(id) => format!("memos/codes/{id}.md"),
            MemoTarget::Theme(id) => format!("memos/themes/{id}.md"),
        }
    }

    /// The inverse of `rel_path`.
    pub fn from_rel_path(path: &str) -> Option<Self> {
        let path = path.replace('\\', "/");
        if path == "memos/project.md" {
            return Some(MemoTarget::Project);
        }
        let rest = path.strip_prefix("memos/")?;
        let (kind, file) = rest.split_once('/')?;
        let stem = file.strip_suffix(".md")?;
        if stem.is_empty() || stem.contains('/') {
            return None;
        }
        match kind {
            "documents" => Some(MemoTarget::Document(DocId::new(stem))),
            "codes" => Some(MemoTarget::Code(CodeId::new(stem))),
            "themes" => Some(MemoTarget::Theme(ThemeId::new(stem))),
            _ => None,
        }
    }
}

impl fmt::Display for MemoTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemoTarget::Project => write!(f, "the project"),
            MemoTarget::Document(id) => write!(f, "document {id}"),
            MemoTarget::Code(id) => write!(f, "code {id}"),
            MemoTarget::Theme(id) => write!(f, "theme {id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_paths_round_trip() {
        for target in [
            MemoTarget::Project,
            MemoTarget::Document(DocId::new("P1")),
            MemoTarget::Code(CodeId::new("chaos")),
            MemoTarget::Theme(ThemeId::new("power")),
        ] {
            assert_eq!(MemoTarget::from_rel_path(&target.rel_path()), Some(target));
        }
        assert_eq!(MemoTarget::from_rel_path("memos/other/x.md"), None);
    }
}
