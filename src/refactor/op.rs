//! One refactor as a value: what the analyst chose (in the workbench's
//! pickers, or a command's arguments), ready to be planned. `plan` turns it
//! into the one `Edit::Batch` to apply and the sentence that reports it,
//! through the planners of this module; nothing here knows a face.

use super::{
    self as refactor, CodingsPolicy, DemoteMode, ExtractId, Placement, SplitSelection, SplitTarget,
    Stamp, ThemePlace,
};
use crate::edit::{Edit, names};
use crate::model::{CodeId, Project, ThemeId, ThemeStatus};

/// Where merged codes go: an existing code, or a new one of this name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeTarget {
    Existing(CodeId),
    New(String),
}

/// One refactor, as chosen in the workbench, ready to be planned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefactorOp {
    RenameCode {
        code: CodeId,
        name: String,
    },
    RenameTheme {
        theme: ThemeId,
        name: String,
    },
    MergeCodes {
        from: Vec<CodeId>,
        into: MergeTarget,
    },
    SplitCode {
        code: CodeId,
        extracts: Vec<ExtractId>,
        to: SplitTarget,
        /// Only the marked extracts, not other coders' codings of the same
        /// passages (which move along by default).
        only_marked: bool,
    },
    MoveCode {
        code: CodeId,
        placement: Placement,
    },
    MoveTheme {
        theme: ThemeId,
        place: ThemePlace,
    },
    PromoteCode(CodeId),
    DemoteTheme {
        theme: ThemeId,
        mode: DemoteMode,
    },
    MergeThemes {
        from: ThemeId,
        into: ThemeId,
    },
    DeleteCode {
        code: CodeId,
        policy: CodingsPolicy,
    },
    DeleteTheme {
        theme: ThemeId,
        policy: CodingsPolicy,
    },
    SetStatus {
        theme: ThemeId,
        status: ThemeStatus,
        definition: Option<String>,
    },
}

/// Plans `op` against `project`: the batch to apply and the report sentence.
pub fn plan(project: &Project, op: &RefactorOp, stamp: &Stamp) -> refactor::Result<(Edit, String)> {
    fn done<R: std::fmt::Display>(p: refactor::Planned<R>) -> (Edit, String) {
        let summary = p.summary();
        (p.edit, summary)
    }
    Ok(match op {
        RefactorOp::RenameCode { code, name } => {
            done(refactor::rename_code(project, code, name, stamp)?)
        }
        RefactorOp::RenameTheme { theme, name } => {
            done(refactor::rename_theme(project, theme, name, stamp)?)
        }
        RefactorOp::MergeCodes { from, into } => merge(project, from, into, stamp)?,
        RefactorOp::SplitCode {
            code,
            extracts,
            to,
            only_marked,
        } => {
            let selection = if *only_marked {
                SplitSelection::OnlyExtracts(extracts.clone())
            } else {
                SplitSelection::Extracts(extracts.clone())
            };
            done(refactor::split_code(project, code, &selection, to, stamp)?)
        }
        RefactorOp::MoveCode { code, placement } => {
            done(refactor::move_code(project, code, placement, stamp)?)
        }
        RefactorOp::MoveTheme { theme, place } => {
            done(refactor::move_theme(project, theme, place, stamp)?)
        }
        RefactorOp::PromoteCode(code) => done(refactor::promote_code(project, code, stamp)?),
        RefactorOp::DemoteTheme { theme, mode } => {
            done(refactor::demote_theme(project, theme, *mode, stamp)?)
        }
        RefactorOp::MergeThemes { from, into } => {
            done(refactor::merge_themes(project, from, into, stamp)?)
        }
        RefactorOp::DeleteCode { code, policy } => {
            done(refactor::delete_code(project, code, policy, stamp)?)
        }
        RefactorOp::DeleteTheme { theme, policy } => {
            done(refactor::delete_theme(project, theme, policy, stamp)?)
        }
        RefactorOp::SetStatus {
            theme,
            status,
            definition,
        } => done(refactor::set_theme_status(
            project,
            theme,
            *status,
            definition.as_deref(),
            stamp,
        )?),
    })
}

/// A merge, into a new code when the analyst typed a new name: the code is
/// added first, in the same undo step.
fn merge(
    project: &Project,
    from: &[CodeId],
    into: &MergeTarget,
    stamp: &Stamp,
) -> refactor::Result<(Edit, String)> {
    match into {
        MergeTarget::Existing(id) => {
            let planned = refactor::merge_codes(project, from, id, stamp)?;
            let summary = planned.summary();
            Ok((planned.edit, summary))
        }
        MergeTarget::New(name) => {
            let (id, code) = names::code_or_new(project, name)?;
            let Some(code) = code else {
                // The typed name is an existing code's: merge into it.
                return merge(project, from, &MergeTarget::Existing(id), stamp);
            };
            let mut with_code = project.clone();
            with_code.codes.insert(code.id.clone(), code.clone());
            let planned = refactor::merge_codes(&with_code, from, &code.id, stamp)?;
            let summary = format!("{} (new code)", planned.summary());
            let edit = Edit::Batch {
                label: summary.clone(),
                edits: vec![Edit::AddCode { code }, planned.edit],
            };
            Ok((edit, summary))
        }
    }
}
