//! `margin reanchor DIR`: after a transcript was corrected, map every coding
//! onto the new text (see `anchor`), report what moved, and settle the
//! codings whose words are gone (place them on a range, or delete them).

use super::apply::{find_match, parse_chars, parse_lines};
use super::common::{Context, commit, open_session};
use crate::anchor::{self, Unplaced};
use crate::model::Project;
use anyhow::{Result, bail};
use clap::{ArgGroup, Args};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("settle").args(["place", "delete"])),
    after_help = "A transcript corrected after coding (documents/P1.txt edited by hand) leaves\nits codings on the wrong characters. reanchor maps each onto the new text:\nexactly through a diff with the old text git still holds, by the excerpt\nstored beside each coding otherwise. Codings whose words are gone are kept\nunplaced (they cover no text) until you place or delete them.\n\nExamples:\n  margin reanchor study --dry-run        what would move; write nothing\n  margin reanchor study && git commit -am 'P1: corrected transcript'\n  margin reanchor study --list           the unplaced codings and their ids\n  margin reanchor study --place P1/asha/1 --match 'you never know'\n  margin reanchor study --delete P1/asha/1"
)]
pub struct ReanchorArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Print what would move; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// List the unplaced codings with their ids.
    #[arg(long, conflicts_with_all = ["place", "delete"])]
    pub list: bool,
    /// Place an unplaced coding (DOC/CODER/N, from --list) on --chars, --lines or --match.
    #[arg(long, value_name = "ID")]
    pub place: Option<String>,
    /// Delete an unplaced coding (DOC/CODER/N, from --list).
    #[arg(long, value_name = "ID")]
    pub delete: Option<String>,
    /// With --place: START..END in characters, END exclusive.
    #[arg(long, value_name = "START..END", requires = "place")]
    pub chars: Option<String>,
    /// With --place: L1:C1-L2:C2, 1-based; C2 is the last character.
    #[arg(long, value_name = "L1:C1-L2:C2", requires = "place")]
    pub lines: Option<String>,
    /// With --place: the text to place it on (the first occurrence).
    #[arg(long = "match", value_name = "TEXT", requires = "place")]
    pub text_match: Option<String>,
}

pub fn run(_ctx: &Context, args: ReanchorArgs) -> Result<()> {
    let (mut project, mut session) = open_session(&args.dir)?;
    if args.list {
        list(&args.dir, &project);
        return Ok(());
    }
    if let Some(id) = &args.delete {
        let lost = find(&project, id)?;
        let edit = lost.delete(&project);
        return settle(&args, &mut project, &mut session, edit);
    }
    if let Some(id) = &args.place {
        let lost = find(&project, id)?;
        let Some(doc) = project.documents.get(&lost.doc) else {
            bail!(
                "{id}: the project has no document '{}'; delete it with --delete {id}",
                lost.doc
            );
        };
        let (start, end) = if let Some(spec) = &args.chars {
            parse_chars(spec, doc)?
        } else if let Some(spec) = &args.lines {
            parse_lines(spec, doc)?
        } else if let Some(text) = &args.text_match {
            find_match(doc, text, 1)?
        } else {
            bail!("say where to place {id} with --chars, --lines or --match");
        };
        let edit = lost.place(&project, start, end);
        return settle(&args, &mut project, &mut session, edit);
    }
    let Some(planned) = anchor::sources::plan_from_disk(&args.dir, &project) else {
        anchor::sources::keep_copies(&args.dir, &project);
        crate::outln!(
            "{}: every transcript is the text its codings were made on; nothing to re-anchor",
            args.dir.display()
        );
        if !anchor::unplaced(&project).is_empty() {
            list(&args.dir, &project);
        }
        return Ok(());
    };
    for doc in &planned.docs {
        crate::outln!("{doc}");
        for m in &doc.moved {
            let document = &project.documents[&doc.doc];
            crate::outln!(
                "  moved     {} '{}' {}..{} -> {}..{} (lines {}): \"{}\"",
                m.coder,
                project.code_name(&m.after.code),
                m.before.start,
                m.before.end,
                m.after.start,
                m.after.end,
                document.index().line_span(m.after.start, m.after.end),
                document.excerpt(m.after.start, m.after.end, 50)
            );
        }
        for m in &doc.unplaceable {
            crate::outln!(
                "  unplaced  {} '{}' {}..{}: \"{}\"",
                m.coder,
                project.code_name(&m.after.code),
                m.before.start,
                m.before.end,
                m.after.unplaced.as_deref().unwrap_or_default()
            );
        }
    }
    if args.dry_run {
        crate::outln!("dry run: {}; nothing written", planned.summary());
        return Ok(());
    }
    let message = commit(&mut project, &mut session, planned.edit)?;
    anchor::sources::keep_copies(&args.dir, &project);
    crate::outln!("{message}");
    if planned.docs.iter().any(|d| !d.unplaceable.is_empty()) {
        list(&args.dir, &project);
    }
    Ok(())
}

fn settle(
    args: &ReanchorArgs,
    project: &mut Project,
    session: &mut crate::session::Session,
    edit: crate::edit::Edit,
) -> Result<()> {
    if args.dry_run {
        crate::outln!("dry run: {}; nothing written", edit.describe(project));
        return Ok(());
    }
    let message = commit(project, session, edit)?;
    crate::outln!("{message}");
    Ok(())
}

fn find(project: &Project, id: &str) -> Result<Unplaced> {
    let all = anchor::unplaced(project);
    if let Some(found) = all.iter().find(|u| u.id == id.trim()) {
        return Ok(found.clone());
    }
    if all.is_empty() {
        bail!("no unplaced coding '{id}': every coding is on its text");
    }
    let ids: Vec<&str> = all.iter().map(|u| u.id.as_str()).collect();
    bail!("no unplaced coding '{id}'; there are: {}", ids.join(", "))
}

fn list(dir: &Path, project: &Project) {
    let all = anchor::unplaced(project);
    if all.is_empty() {
        crate::outln!("no unplaced codings");
        return;
    }
    crate::outln!(
        "{} unplaced coding(s): their words are no longer in the transcript",
        all.len()
    );
    for u in &all {
        crate::outln!(
            "  {}  '{}': \"{}\"",
            u.id,
            project.code_name(&u.coding.code),
            u.words()
        );
    }
    crate::outln!(
        "place one with `margin reanchor {d} --place ID --match TEXT` (or --chars, --lines), or `margin reanchor {d} --delete ID`; in the workbench, U lists them",
        d = dir.display()
    );
}
