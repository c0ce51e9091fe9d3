//! Writes a synthetic margin project of any size into a new git repository:
//! the reference corpus for benchmarks, or a smaller or larger one to see how
//! cost grows. Deterministic: the same arguments give the same files.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- /tmp/reference
//! cargo run --release --example gen-corpus -- /tmp/small --docs 100 --codings 20000
//! ```

use anyhow::{Context as _, Result, bail};
use clap::Parser;
use margin::store::Store;
use margin::testkit::corpus::{CorpusSize, synthetic};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Generate a synthetic margin project (defaults: the reference corpus of
/// 1,000 transcripts of 10,000 words, 300 codes, 40 themes, 200,000 codings
/// by 5 coders).
#[derive(Parser)]
struct Args {
    /// A folder that does not exist yet, or is empty.
    out: PathBuf,
    /// Number of transcripts.
    #[arg(long, default_value_t = CorpusSize::REFERENCE.documents)]
    docs: usize,
    /// Words per transcript.
    #[arg(long, default_value_t = CorpusSize::REFERENCE.words_per_document)]
    words: usize,
    /// Number of codes.
    #[arg(long, default_value_t = CorpusSize::REFERENCE.codes)]
    codes: usize,
    /// Number of themes (a quarter at the top, the rest subthemes).
    #[arg(long, default_value_t = CorpusSize::REFERENCE.themes)]
    themes: usize,
    /// Codings in all (spread evenly over the transcripts; a few coincide and are dropped).
    #[arg(long, default_value_t = CorpusSize::REFERENCE.codings_per_document * CorpusSize::REFERENCE.documents)]
    codings: usize,
    /// Number of coders.
    #[arg(long, default_value_t = CorpusSize::REFERENCE.coders)]
    coders: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = CorpusSize::REFERENCE.seed)]
    seed: u64,
    /// Do not make a git repository of it.
    #[arg(long)]
    no_git: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.out.exists() && std::fs::read_dir(&args.out)?.next().is_some() {
        bail!("{} is not empty", args.out.display());
    }
    let size = CorpusSize {
        documents: args.docs,
        words_per_document: args.words,
        codes: args.codes,
        themes: args.themes,
        codings_per_document: args.codings.div_ceil(args.docs.max(1)),
        coders: args.coders.max(1),
        seed: args.seed,
    };
    let project = synthetic(size);
    Store::create(&args.out, &project)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.out.display()))?;
    let codings: usize = project
        .codings
        .values()
        .flat_map(|by_coder| by_coder.values())
        .map(Vec::len)
        .sum();
    eprintln!(
        "wrote {} documents, {} codes, {codings} codings to {}",
        project.documents.len(),
        project.codes.len(),
        args.out.display()
    );
    if !args.no_git {
        git(&args.out, &["init", "-q"])?;
        git(&args.out, &["add", "-A"])?;
        git(
            &args.out,
            &[
                "-c",
                "user.name=gen-corpus",
                "-c",
                "user.email=gen-corpus@margin.invalid",
                "commit",
                "-qm",
                "Generated corpus",
            ],
        )?;
        eprintln!("committed it in a new git repository");
    }
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .context("cannot run git (use --no-git without it)")?;
    if !status.success() {
        bail!("git {} failed in {}", args.join(" "), dir.display());
    }
    Ok(())
}
