//! Theme status in review (Braun & Clarke phases 4 and 5): candidate,
//! reviewed, final, optionally with a new definition. Journaled like a
//! refactor, so the audit trail shows when each theme was settled.

use super::draft::Draft;
use super::{Planned, RefactorError, Result, Stamp};
use crate::edit::Edit;
use crate::model::{Project, ThemeId, ThemeStatus};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusReport {
    pub name: String,
    pub before: ThemeStatus,
    pub after: ThemeStatus,
    pub definition_changed: bool,
}

impl fmt::Display for StatusReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.before == self.after {
            write!(f, "theme '{}' stays {}", self.name, self.after.label())?;
        } else {
            write!(
                f,
                "marked theme '{}' {} (was {})",
                self.name,
                self.after.label(),
                self.before.label()
            )?;
        }
        if self.definition_changed {
            write!(f, "; definition updated")?;
        }
        Ok(())
    }
}

pub fn set_theme_status(
    project: &Project,
    id: &ThemeId,
    status: ThemeStatus,
    definition: Option<&str>,
    stamp: &Stamp,
) -> Result<Planned<StatusReport>> {
    let mut draft = Draft::new(project);
    let before = draft.theme(id)?.fields();
    let mut after = before.clone();
    after.status = status;
    if let Some(text) = definition {
        after.definition = text.trim().to_string();
    }
    if after == before {
        return Err(RefactorError::StatusUnchanged {
            theme: before.name,
            status: status.label().to_string(),
        });
    }
    let report = StatusReport {
        name: before.name.clone(),
        before: before.status,
        after: status,
        definition_changed: after.definition != before.definition,
    };
    draft.push(Edit::ChangeTheme {
        id: id.clone(),
        before,
        after,
    })?;
    Ok(draft.finish(report, stamp))
}
