//! Analysis over a loaded project: pure queries, no files, no terminals.

pub mod agreement;
pub mod changes;
pub mod coders;
pub mod disagreement;
pub mod intervals;
pub mod lint;
pub mod overview;
pub mod pairwise;
pub mod query;
pub mod refs;
pub mod stats;
pub mod tally;
pub mod usage;

pub use agreement::{Comparison, Group, Report, compare, disagreements};
pub use tally::{Scores, Tally};
