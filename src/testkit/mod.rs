//! What tests, benchmarks and examples share: synthetic projects of any size
//! (`corpus`). Not used by margin itself.

pub mod corpus;
