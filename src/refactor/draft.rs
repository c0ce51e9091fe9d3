//! A refactor in the making: the edits planned so far, and the structure of
//! the project (codebook, themes, memos) as it will be after them, so each
//! next edit is planned against the state it will meet.

use super::{Planned, RefactorError, Result, Stamp};
use crate::edit::Edit;
use crate::model::{Code, CodeId, MemoTarget, Project, Theme, ThemeId};
use std::fmt::Display;

pub(crate) struct Draft {
    /// The project after the edits so far, without documents, codings and
    /// journal: cloning those would cost time in proportion to the corpus,
    /// and no structural edit depends on them. Coding edits are planned
    /// from the original project (refactors change codings before or after
    /// the structure they depend on, never in between).
    state: Project,
    edits: Vec<Edit>,
    /// Codes removed and where their codings went, for the journal entry.
    removed: Vec<crate::model::RemovedCode>,
    /// Themes removed, as they were, for the journal entry.
    removed_themes: Vec<Theme>,
    /// The split this plan makes, for the journal entry.
    split: Option<crate::model::SplitCodes>,
}

impl Draft {
    pub fn new(project: &Project) -> Self {
        let mut state = Project::new(project.manifest.clone());
        state.codes = project.codes.clone();
        state.themes = project.themes.clone();
        state.memos = project.memos.clone();
        Draft {
            state,
            edits: Vec::new(),
            removed: Vec::new(),
            removed_themes: Vec::new(),
            split: None,
        }
    }

    /// Plans one more edit. Structural edits are tried on the draft state, so
    /// a plan that cannot apply fails here, not half-way through an undo.
    pub fn push(&mut self, edit: Edit) -> Result<()> {
        let structural = !matches!(
            edit,
            Edit::AddCoding { .. }
                | Edit::RemoveCoding { .. }
                | Edit::ChangeCoding { .. }
                | Edit::AddCodings { .. }
                | Edit::RemoveCodings { .. }
                | Edit::AppendJournal { .. }
                | Edit::RemoveJournal { .. }
        );
        if let Edit::RemoveTheme { theme, .. } = &edit {
            self.removed_themes.push(theme.clone());
        }
        if structural {
            edit.clone()
                .apply(&mut self.state)
                .map_err(RefactorError::Edit)?;
        }
        self.edits.push(edit);
        Ok(())
    }

    /// The structure as planned so far.
    pub fn state(&self) -> &Project {
        &self.state
    }

    pub fn code(&self, id: &CodeId) -> Result<&Code> {
        self.state
            .codes
            .get(id)
            .ok_or_else(|| RefactorError::UnknownCode(id.to_string()))
    }

    pub fn theme(&self, id: &ThemeId) -> Result<&Theme> {
        self.state
            .theme(id)
            .ok_or_else(|| RefactorError::UnknownTheme(id.to_string()))
    }

    /// Takes `code` out of whatever theme holds it (nothing if none).
    pub fn unplace_code(&mut self, code: &CodeId) -> Result<()> {
        if let Some((theme, index)) = crate::model::theme::holder_of(&self.state.themes, code) {
            let from = Some((theme.id.clone(), index));
            self.push(Edit::PlaceCode {
                code: code.clone(),
                from,
                to: None,
            })?;
        }
        Ok(())
    }

    /// Changes a code through `change`, if that changes anything.
    pub fn change_code(&mut self, id: &CodeId, change: impl FnOnce(&mut Code)) -> Result<()> {
        let before = self.code(id)?.clone();
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.push(Edit::ChangeCode { before, after })?;
        }
        Ok(())
    }

    /// Moves the memo on `from` (if any) to the end of the memo on `into`,
    /// under a Markdown heading, so no note an analyst wrote is lost.
    pub fn fold_memo(&mut self, from: &MemoTarget, into: &MemoTarget, heading: &str) -> Result<()> {
        let Some(text) = self.state.memos.get(from).cloned() else {
            return Ok(());
        };
        let before = self.state.memos.get(into).cloned();
        let section = format!("## {heading}\n\n{}\n", text.trim());
        let after = match &before {
            Some(existing) if !existing.trim().is_empty() => {
                format!("{}\n\n{section}", existing.trim_end())
            }
            _ => section,
        };
        self.push(Edit::SetMemo {
            target: into.clone(),
            before,
            after: Some(after),
        })?;
        self.delete_memo(from)
    }

    /// Deletes the memo on `target`, if there is one.
    pub fn delete_memo(&mut self, target: &MemoTarget) -> Result<()> {
        if let Some(text) = self.state.memos.get(target).cloned() {
            self.push(Edit::SetMemo {
                target: target.clone(),
                before: Some(text),
                after: None,
            })?;
        }
        Ok(())
    }

    /// Notes that `code` is removed by this plan and its codings go to
    /// `into` (None: deleted with it), for codings of it made elsewhere.
    pub fn removes(&mut self, code: &Code, into: Option<&CodeId>) {
        self.removed.push(crate::model::RemovedCode {
            code: code.clone(),
            into: into.cloned(),
        });
    }

    /// Notes that this plan splits codings of `from` into `into`.
    pub fn splits(&mut self, from: &CodeId, into: &CodeId) {
        self.split = Some(crate::model::SplitCodes {
            from: from.clone(),
            into: into.clone(),
        });
    }

    /// Closes the plan with its journal entry and labels it with the report.
    pub fn finish<R: Display>(self, report: R, stamp: &Stamp) -> Planned<R> {
        self.finish_journaled(report, Some(stamp))
    }

    /// Closes the plan, with a journal entry when `stamp` is given.
    pub fn finish_journaled<R: Display>(mut self, report: R, stamp: Option<&Stamp>) -> Planned<R> {
        let what = report.to_string();
        if let Some(stamp) = stamp {
            let mut entry = stamp.entry(what.clone());
            entry.removed = std::mem::take(&mut self.removed);
            entry.removed_themes = std::mem::take(&mut self.removed_themes);
            entry.split = self.split.take();
            self.edits.push(Edit::AppendJournal { entry });
        }
        Planned {
            edit: Edit::Batch {
                label: what,
                edits: self.edits,
            },
            report,
        }
    }
}
