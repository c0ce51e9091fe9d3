//! The workbench in-process: keys in, screens (TestBackend + insta) and the project out.
//!
//! The tests are grouped in four binaries by feature (cli, workbench, e2e,
//! properties), one module per area: linking a few binaries instead of
//! dozens keeps `cargo test` quick. `cargo test --test workbench picker`
//! runs one area.

#[path = "../common/mod.rs"]
mod common;

mod agreement;
mod agreement_help;
mod analysis;
mod autocode;
mod decisions;
mod first_look;
mod keymap;
mod long_transcript;
mod long_work;
mod motions;
mod overlay_keys;
mod overview;
mod picker;
mod refactor;
mod regressions;
mod reload;
mod resolver;
mod resume;
mod review_blind;
mod review_reading;
mod screen_keys;
mod screen_stack;
mod scripted;
mod selection_turns;
mod smaller;
mod snapshots;
mod split_coders;
mod stripes;
mod unplaced;
