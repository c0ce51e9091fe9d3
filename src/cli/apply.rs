//! `margin apply`: code a range of a document without the workbench, by
//! character offsets, by line and column, or by matching text.

use super::common::{Context, commit, open_doc_for_write, with_coder_listed};
use super::refactor::{code_ref, doc_ref};
use crate::edit::compose::add_coding;
use crate::model::{Coding, Document};
use anyhow::{Result, bail};
use clap::{ArgGroup, Args};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("range").required(true).args(["chars", "lines", "text_match"])))]
pub struct ApplyArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// The document (id or title).
    #[arg(long)]
    pub doc: String,
    /// The code (id or name).
    #[arg(long)]
    pub code: String,
    /// START..END in characters (Unicode scalar values), END exclusive.
    #[arg(long, value_name = "START..END")]
    pub chars: Option<String>,
    /// L1:C1-L2:C2, 1-based lines and columns; C2 is the last character coded.
    #[arg(long, value_name = "L1:C1-L2:C2")]
    pub lines: Option<String>,
    /// Code the text that matches this exactly.
    #[arg(long = "match", value_name = "TEXT")]
    pub text_match: Option<String>,
    /// With --match: which occurrence (1 = the first).
    #[arg(long, default_value_t = 1, requires = "text_match")]
    pub nth: usize,
    /// A memo on this coding.
    #[arg(long, default_value = "")]
    pub memo: String,
}

pub fn run(ctx: &Context, args: ApplyArgs) -> Result<()> {
    let (mut project, mut session) = open_doc_for_write(&args.dir, &args.doc)?;
    let coder = ctx.coder(&args.dir)?;
    let doc = doc_ref(&project, &args.doc)?;
    let code = code_ref(&project, &args.code)?;
    let (start, end) = if let Some(spec) = &args.chars {
        parse_chars(spec, doc)?
    } else if let Some(spec) = &args.lines {
        parse_lines(spec, doc)?
    } else if let Some(text) = &args.text_match {
        find_match(doc, text, args.nth)?
    } else {
        bail!("say which text to code with --chars, --lines or --match");
    };
    let mut coding = Coding::new(code, start, end);
    coding.memo = args.memo;
    let doc_id = doc.id.clone();
    let edit = with_coder_listed(
        &project,
        &coder,
        add_coding(&project, &doc_id, &coder, coding),
    );
    let message = commit(&mut project, &mut session, edit)?;
    crate::outln!("{message}");
    Ok(())
}

pub(super) fn parse_chars(spec: &str, doc: &Document) -> Result<(usize, usize)> {
    let Some((a, b)) = spec.split_once("..") else {
        bail!("--chars {spec}: expected START..END, e.g. --chars 120..240");
    };
    let (Ok(start), Ok(end)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) else {
        bail!("--chars {spec}: START and END must be whole numbers");
    };
    check_range(start, end, doc)
}

pub(super) fn parse_lines(spec: &str, doc: &Document) -> Result<(usize, usize)> {
    let parse_pos = |s: &str| -> Option<(usize, usize)> {
        let (l, c) = s.trim().split_once(':')?;
        Some((l.parse().ok()?, c.parse().ok()?))
    };
    let Some((a, b)) = spec.split_once('-') else {
        bail!("--lines {spec}: expected L1:C1-L2:C2, e.g. --lines 12:1-13:40");
    };
    let (Some((l1, c1)), Some((l2, c2))) = (parse_pos(a), parse_pos(b)) else {
        bail!("--lines {spec}: expected L1:C1-L2:C2, e.g. --lines 12:1-13:40");
    };
    let index = doc.index();
    let Some(start) = index.offset_of(l1, c1) else {
        bail!(
            "--lines {spec}: {l1}:{c1} is outside {} ({} lines)",
            doc.id,
            index.line_count()
        );
    };
    let Some(last) = index
        .offset_of(l2, c2)
        .filter(|&p| p < index.line_end(l2 - 1))
    else {
        bail!("--lines {spec}: {l2}:{c2} is not a character of {}", doc.id);
    };
    check_range(start, last + 1, doc)
}

pub(super) fn find_match(doc: &Document, needle: &str, nth: usize) -> Result<(usize, usize)> {
    if needle.is_empty() {
        bail!("--match needs some text");
    }
    if nth == 0 {
        bail!("--nth counts from 1");
    }
    let Some((byte, _)) = doc.text().match_indices(needle).nth(nth - 1) else {
        let found = doc.text().matches(needle).count();
        bail!(
            "--match: {} holds \"{needle}\" {found} time(s), so there is no occurrence {nth}",
            doc.id
        );
    };
    let start = doc.index().char_of_byte(doc.text(), byte);
    Ok((start, start + needle.chars().count()))
}

fn check_range(start: usize, end: usize, doc: &Document) -> Result<(usize, usize)> {
    if start >= end {
        bail!("the range {start}..{end} is empty: END must be after START");
    }
    if end > doc.char_len() {
        bail!(
            "the range {start}..{end} is outside {}, which has {} characters",
            doc.id,
            doc.char_len()
        );
    }
    Ok((start, end))
}
