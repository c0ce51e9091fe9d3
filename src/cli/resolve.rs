//! `margin resolve DIR [--ours | --theirs | --both] [FILE...]`: lists the
//! merge conflicts a `git merge` left in a project, or keeps one side of
//! them, or both where both can stand.

use super::common::Context;
use crate::merge::conflicts::{self, ConflictedFile, Decision, Keep, ResolveError};
use anyhow::{Context as _, Result, anyhow, bail};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Keep our side (the branch merged into) of every conflict.
    #[arg(long, conflicts_with_all = ["theirs", "both"])]
    pub ours: bool,
    /// Keep their side (the branch merged in) of every conflict.
    #[arg(long, conflicts_with = "both")]
    pub theirs: bool,
    /// Keep both sides where both can stand: two values of one field (a
    /// definition) are joined, ours first; new codes or entries on both
    /// sides are all kept. Refused, writing nothing, where a file would not
    /// read (the same record changed on both sides).
    #[arg(long)]
    pub both: bool,
    /// Only these files (inside DIR, or as paths from here); default: all.
    pub files: Vec<PathBuf>,
}

pub fn run(_ctx: &Context, args: ResolveArgs) -> Result<()> {
    let dir = &args.dir;
    if !dir.join(crate::store::files::MANIFEST).is_file() {
        bail!(
            "{}: not a margin project (no margin.ron there)",
            dir.display()
        );
    }
    // Keeping a side writes: the lock first, so nothing changes between
    // reading the conflicts and writing the decisions.
    let _lock = if args.ours || args.theirs || args.both {
        Some(
            crate::store::ProjectLock::acquire_waiting(dir, crate::store::LOCK_WAIT, |held| {
                super::common::say_waiting(&held)
            })
            .map_err(|e| anyhow!(e))?,
        )
    } else {
        None
    };
    let found = conflicts::find(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let chosen = select(dir, &found, &args.files)?;
    let side = match (args.ours, args.theirs, args.both) {
        (true, _, _) => Keep::Ours,
        (_, true, _) => Keep::Theirs,
        (_, _, true) => Keep::Both,
        _ => return list(dir, &chosen),
    };
    if chosen.is_empty() {
        crate::outln!("{}: no unresolved merge conflicts", dir.display());
        return Ok(());
    }
    let decisions: Vec<Decision<'_>> = chosen
        .iter()
        .map(|file| Decision {
            file,
            sides: vec![side.clone(); file.conflicts.len()],
        })
        .collect();
    let written = conflicts::write(dir, &decisions).map_err(|e| match e {
        ResolveError::WouldNotParse { .. } => anyhow!(
            "{}/{e}; pick sides one by one in `margin {}`",
            dir.display(),
            dir.display()
        ),
        other => anyhow!(other),
    })?;
    let blocks: usize = chosen.iter().map(|f| f.conflicts.len()).sum();
    for file in &chosen {
        crate::outln!(
            "{}: kept {} in {} conflict(s)",
            dir.join(&file.rel).display(),
            side_name(&side),
            file.conflicts.len()
        );
    }
    let paths: Vec<String> = written
        .iter()
        .map(|rel| dir.join(rel).display().to_string())
        .collect();
    crate::outln!(
        "resolved {blocks} conflict(s) in {} file(s); now `git add {}` and commit",
        written.len(),
        paths.join(" ")
    );
    let left = found.len() - chosen.len();
    if left > 0 {
        crate::outln!(
            "{left} other file(s) still hold conflicts (`margin resolve {}` lists them)",
            dir.display()
        );
    }
    Ok(())
}

fn side_name(side: &Keep) -> &'static str {
    match side {
        Keep::Ours => "ours",
        Keep::Theirs => "theirs",
        Keep::Both => "both sides",
        Keep::Edited(_) => "the edited text",
    }
}

/// The conflicted files the command is about: all, or those named (each
/// named file must hold conflicts, so a typo is never silently ignored).
fn select(dir: &Path, found: &[ConflictedFile], named: &[PathBuf]) -> Result<Vec<ConflictedFile>> {
    if named.is_empty() {
        return Ok(found.to_vec());
    }
    let mut chosen: Vec<ConflictedFile> = Vec::new();
    for name in named {
        let rel = relative(dir, name);
        match found.iter().find(|f| f.rel == rel) {
            Some(file) if !chosen.contains(file) => chosen.push(file.clone()),
            Some(_) => {}
            // A typo read as "no conflicts in this file", as if it existed.
            None if !dir.join(&rel).is_file() => bail!(
                "{}: no such file in {}; nothing was written (`margin resolve {}` lists the conflicted files)",
                name.display(),
                dir.display(),
                dir.display()
            ),
            None => bail!(
                "{}: no unresolved merge conflicts in this file of {}; nothing was written",
                name.display(),
                dir.display()
            ),
        }
    }
    Ok(chosen)
}

/// A named file as a path inside `dir`: `codebook.ron`, `study/codebook.ron`
/// and `./study/codebook.ron` all name the same file.
fn relative(dir: &Path, name: &Path) -> String {
    let clean = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    let (dir, name) = (clean(dir), clean(name));
    let inside = name.strip_prefix(&dir).unwrap_or(&name);
    inside.to_string_lossy().replace('\\', "/")
}

/// Lists every conflict, one per line; fails while any remain.
fn list(dir: &Path, files: &[ConflictedFile]) -> Result<()> {
    if files.is_empty() {
        crate::outln!("{}: no unresolved merge conflicts", dir.display());
        return Ok(());
    }
    let mut blocks = 0;
    // Name the branches behind the sides when git knows them.
    let (ours, theirs) = match crate::store::git::merge_sides(dir) {
        Some((o, t)) if (o.as_str(), t.as_str()) != ("ours", "theirs") => {
            (format!("ours, {o}"), format!("theirs, {t}"))
        }
        Some(_) => ("ours".to_string(), "theirs".to_string()),
        None => ("ours".to_string(), "theirs".to_string()),
    };
    for file in files {
        for conflict in &file.conflicts {
            blocks += 1;
            crate::outln!(
                "{}:{}: {} ({ours}) vs {} ({theirs})",
                dir.join(&file.rel).display(),
                conflict.line,
                conflicts::summary(&conflict.ours),
                conflicts::summary(&conflict.theirs)
            );
        }
    }
    bail!(
        "{blocks} unresolved conflict(s) in {} file(s): keep a side with `margin resolve {} --ours` or `--theirs` [FILE...], or one by one in `margin {}`",
        files.len(),
        dir.display(),
        dir.display()
    )
}
