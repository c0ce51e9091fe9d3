//! Undo and redo over edits. Each step keeps the edit that redoes it and the
//! inverse that undoes it, with the description shown to the analyst.

use super::{Edit, EditError};
use crate::model::Project;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub description: String,
    pub redo: Edit,
    pub undo: Edit,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit` as a new step; clears the redo list. Returns the description.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<String, EditError> {
        let description = edit.describe(project);
        let undo = edit.clone().apply(project)?;
        self.done.push(Step {
            description: description.clone(),
            redo: edit,
            undo,
        });
        self.undone.clear();
        Ok(description)
    }

    /// Undoes the last step; returns its description, or None when there is none.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.done.pop() else {
            return Ok(None);
        };
        match step.undo.clone().apply(project) {
            Ok(_) => {
                let description = step.description.clone();
                self.undone.push(step);
                Ok(Some(description))
            }
            Err(err) => {
                self.done.push(step);
                Err(err)
            }
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.undone.pop() else {
            return Ok(None);
        };
        match step.redo.clone().apply(project) {
            Ok(_) => {
                let description = step.description.clone();
                self.done.push(step);
                Ok(Some(description))
            }
            Err(err) => {
                self.undone.push(step);
                Err(err)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The step `redo` would apply next, if any.
    pub fn next_redo(&self) -> Option<&Step> {
        self.undone.last()
    }

    /// The last applied step, if any.
    pub fn last(&self) -> Option<&Step> {
        self.done.last()
    }
}
