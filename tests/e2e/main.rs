//! End to end: the real binary driven in a pseudo-terminal.
//!
//! The tests are grouped in four binaries by feature (cli, workbench, e2e,
//! properties), one module per area: linking a few binaries instead of
//! dozens keeps `cargo test` quick. `cargo test --test workbench picker`
//! runs one area.

#[path = "../common/mod.rs"]
mod common;

mod agreement;
mod first_look;
mod hangup;
mod refactor;
mod reload;
mod resolve;
mod resume;
mod signals;
mod workbench;
