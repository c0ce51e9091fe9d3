//! The speed table of docs/performance.md, measured on a corpus folder as a
//! user meets it: whole commands run as processes (start-up, loading,
//! writing with its syncs, all counted), the workbench's steps in process.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- /tmp/reference
//! MARGIN_REFERENCE=/tmp/reference cargo bench --bench reference
//! ```
//!
//! MARGIN_REFERENCE names the corpus (a margin project in a git repository;
//! default /tmp/reference); it is copied to a scratch folder first and never
//! written. MARGIN_BENCH_RUNS sets the runs per row (default 5);
//! MARGIN_BENCH_ROWS keeps the rows whose name contains one of its
//! comma-separated words. Each row prints its median, its target, and for a
//! command its peak memory beside the size of the transcripts.
//!
//! The merge row is followed by its floor: the same files replaced as an
//! all-or-nothing save replaces them, by the bench itself, with nothing read
//! or rendered. What the disk alone costs (it differs tenfold between file
//! systems) is then seen beside what margin adds.
//!
//! To add a row: write a `fn(&mut Bench) -> Sample` and list it in `ROWS`.
//! Work before and after the timed part (resetting the folder) is not timed.

use margin::analysis::usage::UsageCounts;
use margin::edit::{Edit, History};
use margin::model::{CodeId, Coding, DocId};
use margin::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One row of the table.
struct Row {
    operation: &'static str,
    target: &'static str,
    run: fn(&mut Bench) -> Sample,
}

/// One timed run: how long, and for a process its peak memory (KiB) and
/// the processor time it used (user + system): on a machine shared with
/// other work, the wall-clock time includes waiting for a core.
struct Sample {
    time: Duration,
    peak_kib: Option<u64>,
    cpu: Option<Duration>,
}

const ROWS: &[Row] = &[
    Row {
        operation: "everything loaded and indexed (Store::open)",
        target: "600 ms",
        run: load,
    },
    Row {
        operation: "one coding persisted in the workbench (apply, counts, save)",
        target: "20 ms",
        run: persist_in_workbench,
    },
    Row {
        operation: "`margin apply` of one coding (whole process)",
        target: "20 ms",
        run: apply_cli,
    },
    Row {
        operation: "`margin code rename` (whole process)",
        target: "20 ms",
        run: rename_cli,
    },
    Row {
        operation: "`margin code merge` of codes holding 5,283+ codings (whole process)",
        target: "500 ms",
        run: merge_cli,
    },
    Row {
        operation: "floor of the merge: its files replaced all or nothing, without margin",
        target: "(the disk's share)",
        run: merge_floor,
    },
    Row {
        operation: "`margin check` (whole process)",
        target: "1 s",
        run: check_cli,
    },
    Row {
        operation: "`margin diff` between two commits (whole process)",
        target: "1 s",
        run: diff_cli,
    },
    Row {
        operation: "`margin agree`, every coder (whole process)",
        target: "1 s",
        run: agree_cli,
    },
    Row {
        operation: "`margin lint` (whole process)",
        target: "peak memory 3x",
        run: lint_cli,
    },
    Row {
        operation: "`margin autocode --dry-run` of /cr[a-z]ck/ (whole process)",
        target: "peak memory 3x",
        run: autocode_dry_run_cli,
    },
];

/// The scratch copy of the corpus and what the rows share.
struct Bench {
    dir: PathBuf,
    runs_done: usize,
    /// The codes the merge row merges, and how many codings they hold.
    merge_codes: Option<(Vec<CodeId>, usize)>,
    /// What the merge writes: each file's path and new content.
    merge_output: Option<Vec<(PathBuf, Vec<u8>)>>,
    /// Whether the diff row's second commit is made.
    diff_ready: bool,
}

fn main() {
    // cargo bench passes --bench; anything else is a row filter too.
    let filter: Vec<String> = std::env::var("MARGIN_BENCH_ROWS")
        .map(|v| v.split(',').map(str::to_lowercase).collect())
        .unwrap_or_default();
    let runs = margin::testkit::corpus::bench_runs();
    let Some((source, dir, _scratch)) = margin::testkit::corpus::reference_copy() else {
        return;
    };
    git(&dir, &["reset", "-q", "--hard"]);
    let text_bytes: u64 = std::fs::read_dir(dir.join("documents"))
        .expect("documents")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".txt"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let (project, _) = Store::open(&dir).expect("the corpus loads");
    println!(
        "corpus {}: {} documents, {} codes, {} codings, {:.1} MB of text; {} runs a row",
        source.display(),
        project.documents.len(),
        project.codes.len(),
        project.coding_count(),
        text_bytes as f64 / 1e6,
        runs
    );
    drop(project);
    println!();
    println!("| operation | median | target | processor time (median) | peak memory / text |");
    println!("|---|---|---|---|---|");
    let mut bench = Bench {
        dir,
        runs_done: 0,
        merge_codes: None,
        merge_output: None,
        diff_ready: false,
    };
    for row in ROWS {
        let name = row.operation.to_lowercase();
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let mut samples: Vec<Sample> = (0..runs)
            .map(|_| {
                let sample = (row.run)(&mut bench);
                bench.runs_done += 1;
                sample
            })
            .collect();
        samples.sort_by_key(|s| s.time);
        let median = &samples[samples.len() / 2];
        // On stderr, beside the table: how much the runs of a row spread.
        let each: Vec<String> = samples.iter().map(|s| shown(s.time)).collect();
        eprintln!("{}: {}", row.operation, each.join(", "));
        let peak = samples.iter().filter_map(|s| s.peak_kib).max();
        let mut cpus: Vec<Duration> = samples.iter().filter_map(|s| s.cpu).collect();
        cpus.sort();
        println!(
            "| {} | {} | {} | {} | {} |",
            row.operation,
            shown(median.time),
            row.target,
            cpus.get(cpus.len() / 2)
                .map_or(String::new(), |c| shown(*c)),
            peak.map_or("".to_string(), |kib| format!(
                "{:.0} MB = {:.2}x",
                kib as f64 * 1024.0 / 1e6,
                kib as f64 * 1024.0 / text_bytes as f64
            ))
        );
    }
}

fn shown(time: Duration) -> String {
    let ms = time.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn sh(command: &mut Command) -> std::process::Output {
    let out = command.output().expect("runs");
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn git(dir: &Path, args: &[&str]) {
    sh(Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.org",
        ])
        .args(args));
}

/// Puts the folder back as committed (after a row that writes), and waits
/// for the disk to take git's writes: a merge's reset rewrites 2,451 files,
/// and the next run's one sync would otherwise write them out too.
fn reset(dir: &Path) {
    git(dir, &["reset", "-q", "--hard"]);
    git(dir, &["clean", "-q", "-fd"]);
    sh(&mut Command::new("sync"));
}

/// Runs margin as a user would, timed, with its peak memory.
fn margin(args: &[&str]) -> Sample {
    margin_exiting(args, &[0])
}

/// `margin` for a command whose exit code says what it found (`margin
/// lint` exits 1 with findings): any of `codes` is success.
fn margin_exiting(args: &[&str], codes: &[i32]) -> Sample {
    let report = tempfile::NamedTempFile::new().expect("a temporary file");
    let time_tool = Path::new("/usr/bin/time");
    let mut command = if time_tool.is_file() {
        let mut c = Command::new(time_tool);
        c.arg("-f").arg("%M %U %S").arg("-o").arg(report.path());
        c.arg(env!("CARGO_BIN_EXE_margin"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_margin"))
    };
    command
        .args(args)
        .env("MARGIN_CODER", "coder0")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let out = command.output().expect("margin runs");
    let time = start.elapsed();
    assert!(
        out.status.code().is_some_and(|code| codes.contains(&code)),
        "margin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read_to_string(report.path()).unwrap_or_default();
    let fields: Vec<&str> = report
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let peak_kib = fields.first().and_then(|f| f.parse().ok());
    let cpu = match (fields.get(1), fields.get(2)) {
        (Some(u), Some(s)) => match (u.parse::<f64>(), s.parse::<f64>()) {
            (Ok(u), Ok(s)) => Some(Duration::from_secs_f64(u + s)),
            _ => None,
        },
        _ => None,
    };
    Sample {
        time,
        peak_kib,
        cpu,
    }
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn load(b: &mut Bench) -> Sample {
    let start = Instant::now();
    let opened = Store::open(&b.dir).expect("loads");
    let time = start.elapsed();
    drop(opened);
    Sample {
        time,
        peak_kib: None,
        cpu: None,
    }
}

fn first_doc(dir: &Path) -> DocId {
    let mut docs = margin::store::document_ids(dir).expect("documents");
    docs.sort();
    docs.into_iter().next().expect("a document")
}

fn persist_in_workbench(b: &mut Bench) -> Sample {
    // What `App::apply` does with an edit, without the screen: one undo
    // step, counts followed, the one file saved.
    let (mut project, mut store) = Store::open(&b.dir).expect("loads");
    let mut counts = UsageCounts::new(&project);
    let mut history = History::new();
    let doc = first_doc(&b.dir);
    let code = project.codes.keys().next().expect("a code").clone();
    let mut times = Vec::new();
    for i in 0..9 {
        let at = 7 + 40 * i + 4000 * b.runs_done;
        let edit = Edit::AddCoding {
            doc: doc.clone(),
            coder: "coder0".into(),
            coding: Coding::new(code.clone(), at, at + 12),
        };
        let start = Instant::now();
        history.apply(&mut project, edit.clone()).expect("applies");
        counts.follow(&project, &edit);
        store.save_edit(&project, &edit).expect("saves");
        times.push(start.elapsed());
    }
    drop(store);
    reset(&b.dir);
    times.sort();
    Sample {
        time: times[times.len() / 2],
        peak_kib: None,
        cpu: None,
    }
}

fn apply_cli(b: &mut Bench) -> Sample {
    let doc = first_doc(&b.dir);
    let at = 11 + 60 * b.runs_done;
    let chars = format!("{at}..{}", at + 25);
    let sample = margin(&[
        "apply",
        s(&b.dir),
        "--doc",
        doc.as_str(),
        "--code",
        "code-000",
        "--chars",
        &chars,
    ]);
    reset(&b.dir);
    sample
}

fn rename_cli(b: &mut Bench) -> Sample {
    let name = format!("Renamed for the bench {}", b.runs_done);
    let sample = margin(&["code", "rename", s(&b.dir), "code-001", &name]);
    reset(&b.dir);
    sample
}

/// The most used codes, as many as it takes to hold the issue's 5,283
/// codings together (the generated corpus spreads codings evenly, so two
/// codes hold about 1,400): the last is merged into.
fn merge_codes(dir: &Path) -> (Vec<CodeId>, usize) {
    let (project, _) = Store::open(dir).expect("loads");
    let mut usage: Vec<(CodeId, usize)> = project
        .usage_table()
        .into_iter()
        .map(|(code, (n, _))| (code, n))
        .collect();
    usage.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut codes = Vec::new();
    let mut total = 0;
    for (code, n) in usage {
        if total >= 5283 {
            break;
        }
        codes.push(code);
        total += n;
    }
    (codes, total)
}

fn merge_cli(b: &mut Bench) -> Sample {
    let args = merge_args(b);
    let sample = margin(&args.iter().map(String::as_str).collect::<Vec<_>>());
    if b.merge_output.is_none() {
        b.merge_output = Some(written_by_merge(&b.dir));
    }
    reset(&b.dir);
    sample
}

/// The merge row's command line.
fn merge_args(b: &mut Bench) -> Vec<String> {
    let (codes, _) = b.merge_codes.get_or_insert_with(|| {
        let chosen = merge_codes(&b.dir);
        println!(
            "(merge: {} codes holding {} codings)",
            chosen.0.len(),
            chosen.1
        );
        chosen
    });
    let (into, from) = codes.split_last().expect("codes to merge");
    let mut args = vec!["code".to_string(), "merge".into(), s(&b.dir).into()];
    args.extend(from.iter().map(|c| c.as_str().to_string()));
    args.extend(["--into".into(), into.as_str().into()]);
    args
}

/// The least any all-or-nothing save of the merge's files costs on this
/// disk: the files margin's merge writes, with the content it gives them,
/// replaced as its save does (a temporary file each, written on a thread a
/// core, one sync, the renames on 16 threads, one sync), with nothing read,
/// parsed, rendered or checked. Beside the merge row, it shows how much of
/// the merge is margin's own work and how much the file system's.
fn merge_floor(b: &mut Bench) -> Sample {
    let files = match b.merge_output.take() {
        Some(files) => files,
        None => {
            let args = merge_args(b);
            margin(&args.iter().map(String::as_str).collect::<Vec<_>>());
            let files = written_by_merge(&b.dir);
            reset(&b.dir);
            files
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let start = Instant::now();
    let temps: Vec<PathBuf> = std::thread::scope(|scope| {
        let chunk = files.len().div_ceil(cores).max(1);
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(write_temp_beside).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("writes"))
            .collect()
    });
    sync_file_system(&b.dir);
    let pairs: Vec<(&PathBuf, &PathBuf)> = temps.iter().zip(files.iter().map(|f| &f.0)).collect();
    std::thread::scope(|scope| {
        for part in pairs.chunks(pairs.len().div_ceil(16).max(1)) {
            scope.spawn(move || {
                for (tmp, target) in part {
                    std::fs::rename(tmp, target).expect("renames");
                }
            });
        }
    });
    sync_file_system(&b.dir);
    let time = start.elapsed();
    b.merge_output = Some(files);
    reset(&b.dir);
    Sample {
        time,
        peak_kib: None,
        cpu: None,
    }
}

/// Every file a merge just changed (what differs from the last commit),
/// with its content.
fn written_by_merge(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let out = sh(Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["diff", "--name-only", "-z"]));
    let files = out
        .stdout
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| {
            let path = dir.join(String::from_utf8_lossy(name).as_ref());
            let content = std::fs::read(&path).expect("a changed file");
            (path, content)
        })
        .collect::<Vec<_>>();
    println!("(the merge writes {} files)", files.len());
    files
}

fn write_temp_beside((path, content): &(PathBuf, Vec<u8>)) -> PathBuf {
    use std::io::Write as _;
    let mut name = path.file_name().expect("a file").to_os_string();
    name.push(".floor.tmp");
    let tmp = path.with_file_name(name);
    let mut file = std::fs::File::create_new(&tmp).expect("a new temporary file");
    file.write_all(content).expect("writes");
    tmp
}

#[cfg(target_os = "linux")]
fn sync_file_system(dir: &Path) {
    let folder = std::fs::File::open(dir).expect("the folder");
    rustix::fs::syncfs(&folder).expect("syncs");
}

#[cfg(not(target_os = "linux"))]
fn sync_file_system(_dir: &Path) {
    sh(&mut Command::new("sync"));
}

fn check_cli(b: &mut Bench) -> Sample {
    margin(&["check", s(&b.dir)])
}

/// A second commit that changes 483 codings files (one coding removed from
/// each), as in the issue's measurement.
fn make_diff_commit(dir: &Path) {
    let (mut project, mut store) = Store::open_for_writing(dir, |_| {}).expect("opens");
    let slots: Vec<(DocId, margin::model::CoderId, Coding)> = project
        .codings
        .iter()
        .flat_map(|(doc, by)| {
            by.iter().filter_map(move |(coder, list)| {
                Some((doc.clone(), coder.clone(), list.first()?.clone()))
            })
        })
        .take(483)
        .collect();
    let edit = Edit::Batch {
        label: "bench".into(),
        edits: slots
            .into_iter()
            .map(|(doc, coder, coding)| Edit::RemoveCoding { doc, coder, coding })
            .collect(),
    };
    edit.clone().apply(&mut project).expect("applies");
    store.save_edit(&project, &edit).expect("saves");
    drop(store);
    git(dir, &["commit", "-qam", "483 files changed"]);
}

fn diff_cli(b: &mut Bench) -> Sample {
    if !b.diff_ready {
        make_diff_commit(&b.dir);
        b.diff_ready = true;
    }
    margin(&["diff", s(&b.dir), "--from", "HEAD~1", "--to", "HEAD"])
}

fn agree_cli(b: &mut Bench) -> Sample {
    margin(&["agree", s(&b.dir)])
}

fn lint_cli(b: &mut Bench) -> Sample {
    // The generated corpus has near-duplicate code names: findings, exit 1.
    margin_exiting(&["lint", s(&b.dir)], &[0, 1])
}

fn autocode_dry_run_cli(b: &mut Bench) -> Sample {
    margin(&[
        "autocode",
        s(&b.dir),
        "--pattern",
        "cr[a-z]ck",
        "--code",
        "code-001",
        "--dry-run",
    ])
}
