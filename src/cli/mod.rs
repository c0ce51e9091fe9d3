//! The command line: clap definitions and dispatch. Each subcommand lives in
//! its own file and speaks to the core only through edits and queries.
//!
//! DIR is optional everywhere, as in git: a subcommand that works on a project
//! names its first positional `dir` (`pub dir: PathBuf`, required) and
//! nothing more; `project_dir::normalise` fills it in from the current folder
//! (or `-C DIR`) before clap parses. When further positionals follow
//! (`import DIR FILE...`), the first is the project only when it is a folder
//! holding margin.ron. See project_dir.rs for the whole rule. A subcommand
//! whose DIR must stay optional for clap (diff, whose --textconv takes none)
//! calls `project_dir::project_here()` when it is None.

mod agree;
mod apply;
mod attr;
mod autocode;
mod code;
mod code_refactor;
mod common;
mod completions;
pub mod demo;
mod diff;
mod export;
mod git_setup;
mod import;
mod import_codebook;
mod import_qdpx;
mod init;
mod inspect;
mod journal;
mod keymap;
mod lint;
mod memo;
mod merge_driver;
pub mod output;
pub mod progress;
pub mod project_dir;
mod query;
mod reanchor;
mod reconcile;
mod refactor;
mod report;
mod resolve;
mod search;
mod speakers;
mod theme;
mod theme_refactor;

pub use common::{Context, resolve_coder};

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// margin: a keyboard-driven workbench for qualitative coding that lives in git.
///
/// Run `margin DIR` (or `margin` inside a project folder) to open the
/// workbench; `margin demo` opens a copy of the sample study.
#[derive(Debug, Parser)]
#[command(
    name = "margin",
    version,
    subcommand_negates_reqs = true,
    after_help = "Examples:\n  margin demo                      explore the sample study\n  margin init study --title 'Drug services study'\n  margin import study interviews/*.txt --attr service=A\n  margin study                     open the workbench on study/\n  cd study/documents && margin stats   DIR is optional inside a project, as in git"
)]
pub struct Cli {
    /// The project folder to open in the workbench (default: the project
    /// holding the current folder, found upwards as git finds its repository).
    pub dir: Option<PathBuf>,
    /// Run as if margin was started in DIR (as `git -C`); applied by
    /// `project_dir::normalise` before parsing, named here for --help.
    #[arg(short = 'C', value_name = "DIR")]
    pub chdir: Option<PathBuf>,
    /// Who is coding (default: $MARGIN_CODER, the config file, git's user.name, $USER).
    #[arg(long, global = true)]
    pub coder: Option<String>,
    /// Colour theme of the workbench (dark, light, high-contrast, or one of yours).
    #[arg(long)]
    pub theme: Option<String>,
    /// Code blind: hide every other coder's codings in the workbench (B toggles).
    #[arg(long)]
    pub blind: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty project.
    #[command(
        after_help = "Example:\n  margin init study --title 'Working with people who use heroin and crack'"
    )]
    Init(init::InitArgs),
    /// Import transcripts (.txt, .md, .docx, .odt, .srt, .vtt) into a project.
    #[command(
        after_help = "Example:\n  margin import study P1.txt --id P1 --attr role=nurse --attr age=34"
    )]
    Import(import::ImportArgs),
    /// Export codings or the codebook for statistics, or the project for other QDA tools (REFI-QDA).
    #[command(
        after_help = "Examples:\n  margin export study --format csv -o codings.csv\n  margin export study --format codebook-md -o CODEBOOK.md\n  margin export study --format qdpx -o study.qdpx    for NVivo, ATLAS.ti, MAXQDA, QualCoder\n  margin export study --format qdc -o codebook.qdc"
    )]
    Export(export::ExportArgs),
    /// Bring a REFI-QDA codebook (.qdc) into a project: codes, themes, colours, descriptions.
    #[command(
        after_help = "Example:\n  margin import-codebook study team-codebook.qdc\nCodes and themes already in the project (same GUID, or same name) are updated, others added."
    )]
    ImportCodebook(import_codebook::ImportCodebookArgs),
    /// Make a new project from a REFI-QDA project (.qdpx) exported by NVivo, ATLAS.ti, MAXQDA or QualCoder.
    #[command(
        after_help = "Example:\n  margin import-qdpx nvivo-export.qdpx study\nSays how positions were counted, and lists what margin cannot carry (PDF, pictures, audio, video)."
    )]
    ImportQdpx(import_qdpx::ImportQdpxArgs),
    /// Case attributes of documents: set, list, import from CSV, define types.
    #[command(subcommand)]
    Attr(attr::AttrCommand),
    /// Work with the codebook.
    #[command(subcommand)]
    Code(code::CodeCommand),
    /// Work with the theme tree.
    #[command(subcommand)]
    Theme(theme::ThemeCommand),
    /// Code a range of a document headlessly.
    #[command(
        after_help = "Examples:\n  margin apply study --doc P1 --chars 120..240 --code chaos\n  margin apply study --doc P1 --lines 12:1-13:40 --code chaos --coder ana\n  margin apply study --doc P1 --match 'you never know' --code chaos"
    )]
    Apply(apply::ApplyArgs),
    /// Code every match of a pattern, or its sentence, paragraph or speaker turn, in one step.
    #[command(
        after_help = "Examples:\n  margin autocode study --pattern 'never know' --code unpredictability\n  margin autocode study --pattern 'crack' --code crack --scope sentence --speaker P3\n  margin autocode study --pattern 'overdose' --code risk --scope turn --docs P1,P3 --dry-run\nAll or nothing: one edit codes every passage, or none when one cannot be saved."
    )]
    Autocode(autocode::AutocodeArgs),
    /// Search every transcript for a regular expression; prints doc:line:col: text.
    #[command(
        after_help = "Examples:\n  margin search study 'cr[a-z]ck'\n  margin search study -i 'never know' --speaker P3 --docs P1,P3\n  margin search study overdose --count\n  margin search study 'script' --json | jq .speaker\nLines and columns count from 1, columns in characters. Exit 1 when nothing matches."
    )]
    Search(search::SearchArgs),
    /// Validate a project; lists each problem as file:line:col: message.
    #[command(after_help = "Example:\n  margin check study && git commit -am 'coded P3'")]
    Check(inspect::CheckArgs),
    /// Rewrite every project file in margin's layout (after hand edits or a merge).
    #[command(
        after_help = "Examples:\n  margin fmt study\n  margin fmt study --check    list files not in margin's layout; exit 1 if any"
    )]
    Fmt(inspect::FmtArgs),
    /// Count documents, codes, themes and codings.
    #[command(after_help = "Example:\n  margin stats study --json | jq .per_code")]
    Stats(inspect::StatsArgs),
    /// Write a copy of the sample study and open it in the workbench.
    #[command(
        after_help = "Examples:\n  margin demo                 a fresh copy under margin's data folder\n  margin demo ~/study-copy    a copy in a folder of your choice\n  margin demo /tmp/s --no-open"
    )]
    Demo(DemoArgs),
    /// Show or set a memo on the project, a document, a code or a theme.
    #[command(
        after_help = "Examples:\n  margin memo study project\n  margin memo study code:chaos --set 'Merged with unpredictability on 3 May.'\n  margin memo study doc:P3 --file notes.md"
    )]
    Memo(memo::MemoArgs),
    Journal(journal::JournalArgs),
    /// Inter-coder agreement: percentage, Cohen's kappa, Krippendorff's alpha.
    Agree(agree::AgreeArgs),
    /// Coding changes as coded text with code and coder (between git refs).
    Diff(diff::DiffArgs),
    /// Analysis queries: frequencies, co-occurrence, code matrices, extracts (--csv, --json).
    #[command(subcommand)]
    Query(query::QueryCommand),
    /// The write-up: a Markdown, HTML or Word report naming the commit it was made from.
    #[command(
        after_help = "Examples:\n  margin report study --format html -o report.html\n  margin report study --format docx -o results.docx --quotes 4\n  margin report study --format md --theme 'Boundaries' --where role=nurse"
    )]
    Report(report::ReportArgs),
    /// Quality gates for CI: undefined, unused, near-duplicate codes, unanchored codings, low agreement.
    Lint(lint::LintArgs),
    /// Git's merge driver for project files (set up by `margin git-setup`).
    #[command(
        after_help = "Git runs this; `margin git-setup DIR` registers it as:\n  merge.margin.driver = margin merge-driver %O %A %B %P\nExit 0: merged cleanly into %A. Exit 1: conflicts left in %A between\n<<<<<<< ours / ======= / >>>>>>> theirs lines, around exactly the fields both\nsides changed; keep one side of each block (`margin check` names them)."
    )]
    MergeDriver(merge_driver::MergeDriverArgs),
    /// List the merge conflicts `git merge` left in a project, or keep one side of them.
    #[command(
        after_help = "Examples:\n  margin resolve study                  list conflicts; exit 1 while any remain\n  margin resolve study --theirs         keep their side of every conflict\n  margin resolve study --ours codebook.ron\n`margin study` lets you pick a side of each conflict in turn."
    )]
    Resolve(resolve::ResolveArgs),
    /// Map codings onto corrected transcripts; place or delete those whose words are gone.
    Reanchor(reanchor::ReanchorArgs),
    /// After a merge: codings of codes refactored away on another branch follow the journal; settle the rest.
    Reconcile(reconcile::ReconcileArgs),
    /// Register margin's merge driver and diff textconv in a repository.
    #[command(
        after_help = "Example:\n  git clone host:study.git && margin git-setup study\nGit keeps drivers out of repositories, so every clone needs this once."
    )]
    GitSetup(git_setup::GitSetupArgs),
    /// List the speakers of the transcripts, or rename one (codings keep their words).
    #[command(subcommand)]
    Speakers(speakers::SpeakersCommand),
    /// Print the workbench's effective keymap (built-in keys with yours patched over) in keymap.ron's format.
    #[command(
        after_help = "Example:\n  margin keymap > ~/.config/margin/keymap.ron   then keep only the keys you change"
    )]
    Keymap(keymap::KeymapArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  margin completions bash > ~/.local/share/bash-completion/completions/margin\n  margin completions zsh > ~/.zfunc/_margin\n  margin completions fish > ~/.config/fish/completions/margin.fish"
    )]
    Completions(completions::CompletionsArgs),
    /// Print margin's man page, or write one page per subcommand with --out.
    #[command(
        after_help = "Examples:\n  margin man | man -l -\n  margin man --out ~/.local/share/man/man1"
    )]
    Man(completions::ManArgs),
}

/// Runs a subcommand; the caller prints the error and sets the exit code.
pub fn run(command: Command, coder_flag: Option<String>) -> anyhow::Result<()> {
    let ctx = Context { coder_flag };
    match command {
        Command::Init(args) => init::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::ImportCodebook(args) => import_codebook::run(&ctx, args),
        Command::ImportQdpx(args) => import_qdpx::run(&ctx, args),
        Command::Attr(cmd) => attr::run(&ctx, cmd),
        Command::Code(cmd) => code::run(&ctx, cmd),
        Command::Theme(cmd) => theme::run(&ctx, cmd),
        Command::Apply(args) => apply::run(&ctx, args),
        Command::Autocode(args) => autocode::run(&ctx, args),
        Command::Search(args) => search::run(&ctx, args),
        Command::Check(args) => inspect::check(&ctx, args),
        Command::Stats(args) => inspect::stats(&ctx, args),
        Command::Fmt(args) => inspect::fmt(&ctx, args),
        Command::Memo(args) => memo::run(&ctx, args),
        Command::Journal(args) => journal::run(&args),
        Command::Agree(args) => agree::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Lint(args) => lint::run(&ctx, args),
        Command::Query(cmd) => query::run(&ctx, cmd),
        Command::Report(args) => report::run(&ctx, args),
        Command::MergeDriver(args) => merge_driver::run(&ctx, args),
        Command::Resolve(args) => resolve::run(&ctx, args),
        Command::Reanchor(args) => reanchor::run(&ctx, args),
        Command::Reconcile(args) => reconcile::run(&ctx, args),
        Command::GitSetup(args) => git_setup::run(&ctx, args),
        Command::Speakers(cmd) => speakers::run(&ctx, cmd),
        Command::Keymap(args) => keymap::run(&ctx, args),
        Command::Completions(args) => completions::completions(&ctx, args),
        Command::Man(args) => completions::man(&ctx, args),
        Command::Demo(args) => demo(args, ctx.coder_flag),
    }
}

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Where to write the sample study (default: a fresh folder under margin's
    /// data folder, $MARGIN_DATA_DIR or e.g. ~/.local/share/margin).
    pub dir: Option<PathBuf>,
    /// Only write the study; do not open the workbench.
    #[arg(long)]
    pub no_open: bool,
    /// Colour theme of the workbench.
    #[arg(long)]
    pub theme: Option<String>,
}

fn demo(args: DemoArgs, coder_flag: Option<String>) -> anyhow::Result<()> {
    let dir = match args.dir {
        Some(dir) => dir,
        None => crate::cli::demo::fresh_demo_dir()?,
    };
    crate::cli::demo::write_sample(&dir)?;
    eprintln!("wrote the sample study to {}", dir.display());
    if args.no_open {
        return Ok(());
    }
    let result = open_workbench(Some(dir.clone()), coder_flag, args.theme, false);
    // Said again once the screen is given back: the first line is gone with it.
    eprintln!("the sample study is in {}", dir.display());
    result
}

/// `margin [DIR]`: opens the workbench on DIR (default: the current folder).
pub fn open_workbench(
    dir: Option<PathBuf>,
    coder_flag: Option<String>,
    theme: Option<String>,
    blind: bool,
) -> anyhow::Result<()> {
    let dir = project_dir::workbench_dir(dir).map_err(|e| anyhow::anyhow!(e))?;
    // Refuse clearly, before any screen is taken over; merge conflicts
    // alone open the workbench's resolver instead. One read tells which:
    // of the first document alone when it can (see `Session::first_look`).
    let first = crate::tui::first_look(&dir);
    if let crate::session::FirstLook::Whole(crate::session::Opened::Refused(err)) = first {
        return Err(anyhow::anyhow!(err.in_folder(&dir)));
    }
    let coder = resolve_coder(coder_flag.as_deref(), &dir)?;
    crate::tui::run(
        &dir,
        first,
        crate::tui::Options {
            theme,
            coder,
            blind,
        },
    )
}
