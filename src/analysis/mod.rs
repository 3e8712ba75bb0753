//! Analysis: pure functions over `&Project` and a `Scope`. The window's
//! tables and the command-line reports call the same functions.

pub mod frequency;
pub mod rounding;
pub mod scope;

pub use frequency::{PrevalenceRow, PrevalenceTable, prevalence};
pub use scope::{DocFilter, ReviewerView, Scope};
