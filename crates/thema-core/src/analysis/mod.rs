//! Analysis: pure functions over `&Project` and a `Scope`. The window's
//! tables and the command-line reports call the same functions.

pub mod agreement;
pub mod appraisal;
pub mod characteristics;
pub mod citations;
pub mod conqual;
pub mod consensus;
pub mod cooccurrence;
pub mod crosstab;
pub mod disagreements;
pub mod drill;
pub mod findings;
pub mod frequency;
pub mod incremental;
pub mod matrices;
pub mod prepare;
pub mod references;
pub mod rounding;
pub mod scope;
pub mod search;
pub mod summary;
pub mod tables;
pub mod visibility;

pub use frequency::{PrevalenceRow, PrevalenceTable, prevalence, prevalence_of};
pub use prepare::Prepared;
pub use scope::{DocFilter, ReviewerView, Scope};
pub use tables::{TableOptions, Tables};
pub use visibility::Viewer;
