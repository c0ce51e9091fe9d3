//! Property tests: round trips of the file format, edits, REFI-QDA.
//!
//! The tests are grouped in four binaries by feature (cli, workbench, e2e,
//! properties), one module per area: linking a few binaries instead of
//! dozens keeps `cargo test` quick. `cargo test --test workbench picker`
//! runs one area.

mod edit;
mod format;
mod refi;
mod usage;
