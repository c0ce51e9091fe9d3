//! margin: a keyboard-driven terminal workbench for qualitative coding.
//!
//! The crate is a pure core (`model`, `text`, `edit`, `analysis`) that knows
//! nothing of terminals, a `store` that reads and writes the plain-text project
//! folder, and two thin faces on top: `cli` and `tui`.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod anchor;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod demo;
pub mod edit;
pub mod git;
pub mod import;
pub mod interop;
pub mod merge;
pub mod model;
pub mod refactor;
pub mod report;
pub mod session;
pub mod speakers;
pub mod stats;
pub mod store;
pub mod text;
pub mod tui;
pub mod validate;
