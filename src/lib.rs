//! margin: a keyboard-driven terminal workbench for qualitative coding.
//!
//! The crate is a pure core (`model`, `text`, `edit`, `refactor`, `analysis`)
//! that knows nothing of terminals, a `store` that reads and writes the
//! plain-text project folder, one `session` through which both faces apply
//! and persist edits, and two thin faces on top: `cli` and `tui`. See
//! docs/architecture.md for what may import what (tests/architecture.rs
//! holds it).

// Denied, not forbidden: the workbench's command registry (linkme) needs a
// link section, allowed in src/tui/command.rs alone.
#![deny(unsafe_code)]

pub mod analysis;
pub mod anchor;
pub mod check;
pub mod cli;
pub mod config;
pub mod edit;
pub mod import;
pub mod interop;
pub mod merge;
pub mod model;
pub mod refactor;
pub mod report;
pub mod session;
pub mod store;
pub mod testkit;
pub mod text;
pub mod tui;
