//! The command line on temporary projects and real git repositories: every command, safety under faults and kills, interop, reports.
//!
//! The tests are grouped in four binaries by feature (cli, workbench, e2e,
//! properties), one module per area: linking a few binaries instead of
//! dozens keeps `cargo test` quick. `cargo test --test workbench picker`
//! runs one area.

#[path = "../common/mod.rs"]
mod common;
#[path = "../refactor_common/mod.rs"]
mod refactor_common;

mod agreement;
mod agreement_hand;
mod all_or_nothing;
mod architecture;
mod attr;
mod autocode;
mod autocode_pinned;
mod cli_like_git;
mod coder_config;
mod commands;
mod fast_commands;
mod fast_paths;
mod integrity;
mod interop_transcripts;
mod kill_soak;
mod load_robustness;
mod memo_conflicts;
mod names_both_faces;
mod refactor;
mod refactor_diff;
mod refactor_sample;
mod refi_hostile;
mod refi_qdpx;
mod report;
mod resolve;
mod safety;
mod sample_project;
mod search;
mod speakers;
mod team_git;
mod team_lint;
mod team_merge;
