//! `margin code rename|merge|split|move|promote|delete|extracts`: codebook
//! refactoring from the command line. Parsing only; the work is in
//! `crate::refactor`.

use super::common::{Context, open};
use super::refactor::{
    RefactorOpts, code_ref, doc_ref, execute, execute_op, execute_op_on_codebook, refused,
    theme_ref,
};
use crate::model::DocId;
use crate::refactor::op::{MergeTarget, RefactorOp};
use crate::refactor::{
    self, CodingsPolicy, ExtractId, Placement, SplitSelection, SplitTarget, extracts_of,
};
use anyhow::Result;
use clap::{ArgGroup, Args};
use std::path::PathBuf;

/// Rename a code.
///
/// Its id stays, so one line of codebook.ron changes. With --reason the
/// rename is also recorded in the decision journal; without, it is a label
/// fix (git keeps the old name).
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  margin code rename study chaos 'Chaos and unpredictability' --reason 'clearer'"
)]
pub struct RenameArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The code (id or name).
    pub code: String,
    /// Its new name.
    pub new_name: String,
}

/// Merge codes into one.
///
/// Every coding of the merged codes is re-pointed to the target; codings of
/// one coder in one document that then overlap or touch are joined into one
/// (exact duplicates removed). The merged codes' description, inclusion,
/// exclusion and example are appended to the target's under "[merged from
/// 'NAME']", their memos to its memo; the merged codes leave their themes
/// and the codebook.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  margin code merge study chaos unpredictable --into 'Chaos and unpredictability' --dry-run"
)]
pub struct MergeArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The codes to merge (ids or names).
    #[arg(required = true, num_args = 1..)]
    pub from: Vec<String>,
    /// The code they merge into (it stays).
    #[arg(long)]
    pub into: String,
}

/// Move some extracts of a code to another code.
///
/// --docs picks every extract in those documents (by any coder); --extracts
/// picks extracts by id, as `margin code extracts` lists them, and with each
/// every other coder's coding of CODE on the same passage (so agreement is
/// not lowered by a copy left behind), unless --only-named. --to names an
/// existing code, or a new one, created right after CODE in its theme.
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("selection").required(true).args(["docs", "extracts"])),
    after_help = "Examples:\n  margin code split study chaos --to 'Unpredictable supply' --docs P1,P3\n  margin code extracts study chaos\n  margin code split study chaos --to calm --extracts P3/asha/1203-1290,P4/ben/88-120\n  margin code split study chaos --to calm --extracts P3/asha/1203-1290 --only-named --dry-run"
)]
pub struct SplitArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The code to split (id or name).
    pub code: String,
    /// The code the extracts move to: an existing one (id or name) or a new name.
    #[arg(long)]
    pub to: String,
    /// Documents whose extracts move, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub docs: Vec<String>,
    /// Extract ids (DOC/CODER/START-END), comma-separated; every coder's coding of those passages moves.
    #[arg(long, value_delimiter = ',')]
    pub extracts: Vec<String>,
    /// With --extracts: move only the extracts named, not other coders' codings of the same passages.
    #[arg(long, requires = "extracts")]
    pub only_named: bool,
}

/// Move a code into a theme, next to another code, or out of all themes.
///
/// --index counts the theme's other codes from 0 (0 = first; default: last).
#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("place").required(true).args(["theme", "before", "after", "unsorted"])),
    after_help = "Examples:\n  margin code move study chaos --theme 'Patterns of use' --index 0\n  margin code move study chaos --after calm\n  margin code move study chaos --unsorted"
)]
pub struct MoveArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The code (id or name).
    pub code: String,
    /// The theme to move it into (id or name).
    #[arg(long)]
    pub theme: Option<String>,
    /// Its position among the theme's other codes, from 0.
    #[arg(long, requires = "theme")]
    pub index: Option<usize>,
    /// Put it just before this code, in that code's theme.
    #[arg(long)]
    pub before: Option<String>,
    /// Put it just after this code, in that code's theme.
    #[arg(long)]
    pub after: Option<String>,
    /// Take it out of all themes.
    #[arg(long)]
    pub unsorted: bool,
}

/// Turn a code into a theme of the same name.
///
/// The new theme takes the code's place: a subtheme of the code's theme, or
/// a top-level theme when the code was unsorted. The code, with all its
/// codings, moves into it; the code's description becomes the theme's
/// definition. `margin theme demote` reverses it.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  margin code promote study 'Chaos and unpredictability'")]
pub struct PromoteArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The code (id or name).
    pub code: String,
}

/// Delete a code.
///
/// While the code has codings this is refused (saying how many) unless you
/// choose what happens to them: --delete-codings deletes them with it,
/// --reassign-to re-points them to another code (joining overlaps as a merge
/// does). The code's memo is deleted with it.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  margin code delete study 'old code'\n  margin code delete study chaos --reassign-to calm --reason 'never used consistently'"
)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub opts: RefactorOpts,
    /// The code (id or name).
    pub code: String,
    /// Delete its codings too.
    #[arg(long, conflicts_with = "reassign_to")]
    pub delete_codings: bool,
    /// Re-point its codings to this code (id or name) first.
    #[arg(long)]
    pub reassign_to: Option<String>,
}

/// List a code's extracts with their ids, for `margin code split --extracts`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  margin code extracts study chaos")]
pub struct ExtractsArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The code (id or name).
    pub code: String,
    /// One line per extract, cut to the terminal's width (for a quick look).
    #[arg(long)]
    pub short: bool,
}

pub fn rename(ctx: &Context, args: RenameArgs) -> Result<()> {
    // A rename changes one line of codebook.ron (and the journal): no
    // transcript or coding is read.
    execute_op_on_codebook(ctx, &args.opts, |project| {
        Ok(RefactorOp::RenameCode {
            code: code_ref(project, &args.code)?,
            name: args.new_name.clone(),
        })
    })
}

pub fn merge(ctx: &Context, args: MergeArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        let from = args
            .from
            .iter()
            .map(|r| code_ref(project, r))
            .collect::<Result<Vec<_>>>()?;
        let into = MergeTarget::Existing(code_ref(project, &args.into)?);
        Ok(RefactorOp::MergeCodes { from, into })
    })
}

pub fn split(ctx: &Context, args: SplitArgs) -> Result<()> {
    execute(ctx, &args.opts, |project, stamp| {
        let code = code_ref(project, &args.code)?;
        let selection = if args.extracts.is_empty() {
            let docs = args
                .docs
                .iter()
                .map(|d| doc_ref(project, d).map(|doc| doc.id.clone()))
                .collect::<Result<Vec<DocId>>>()?;
            SplitSelection::Documents(docs)
        } else {
            let ids = args
                .extracts
                .iter()
                .map(|s| s.parse::<ExtractId>().map_err(refused))
                .collect::<Result<Vec<_>>>()?;
            if args.only_named {
                SplitSelection::OnlyExtracts(ids)
            } else {
                SplitSelection::Extracts(ids)
            }
        };
        let target = match project.code_by_ref(args.to.trim()) {
            Some(existing) => SplitTarget::Existing(existing.id.clone()),
            None => SplitTarget::New(args.to.clone()),
        };
        refactor::split_code(project, &code, &selection, &target, stamp).map_err(refused)
    })
}

pub fn move_code(ctx: &Context, args: MoveArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        let code = code_ref(project, &args.code)?;
        let placement = match (&args.theme, &args.before, &args.after) {
            (Some(theme), _, _) => Placement::Theme {
                theme: theme_ref(project, theme)?,
                index: args.index,
            },
            (_, Some(sibling), _) => Placement::Before(code_ref(project, sibling)?),
            (_, _, Some(sibling)) => Placement::After(code_ref(project, sibling)?),
            _ => Placement::Unsorted,
        };
        Ok(RefactorOp::MoveCode { code, placement })
    })
}

pub fn promote(ctx: &Context, args: PromoteArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        Ok(RefactorOp::PromoteCode(code_ref(project, &args.code)?))
    })
}

pub fn delete(ctx: &Context, args: DeleteArgs) -> Result<()> {
    execute_op(ctx, &args.opts, |project| {
        let code = code_ref(project, &args.code)?;
        let policy = match &args.reassign_to {
            Some(other) => CodingsPolicy::ReassignTo(code_ref(project, other)?),
            None if args.delete_codings => CodingsPolicy::DeleteCodings,
            None => CodingsPolicy::Refuse,
        };
        Ok(RefactorOp::DeleteCode { code, policy })
    })
}

pub fn extracts(args: &ExtractsArgs) -> Result<()> {
    let (project, _) = open(&args.dir)?;
    let code = code_ref(&project, &args.code)?;
    let list = extracts_of(&project, &code);
    if list.is_empty() {
        crate::outln!("'{}' has no extracts", project.code_name(&code));
        return Ok(());
    }
    let width = list
        .iter()
        .map(|e| e.id.to_string().len())
        .max()
        .unwrap_or(0);
    for extract in list {
        let lines = format!("lines {}", extract.lines);
        let id = &extract.id;
        let doc = project.documents.get(&id.doc);
        if args.short {
            crate::outln!("{:<width$}  {lines:<12}  {}", id.to_string(), extract.text);
        } else {
            // Whole, so the extracts of a code can be read through (phase 4
            // of thematic analysis); the speaker when it is not the id.
            let speaker = doc
                .and_then(|d| d.speaker_at(id.start))
                .filter(|s| *s != id.doc.as_str())
                .map_or(String::new(), |s| format!("{s}: "));
            let words = doc.map_or_else(
                || extract.text.clone(),
                |d| {
                    d.slice(id.start, id.end)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                },
            );
            crate::outln!("{:<width$}  {lines:<12}  {speaker}{words}", id.to_string());
        }
        if !extract.memo.is_empty() {
            crate::outln!("{:<width$}  memo: {}", "", extract.memo);
        }
    }
    Ok(())
}
