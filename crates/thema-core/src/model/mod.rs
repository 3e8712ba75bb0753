//! The project model: plain data and invariants, with no knowledge of egui.

pub mod appraisal;
pub mod bib;
pub mod codebook;
pub mod coding;
pub mod consensus;
pub mod document;
pub mod findings;
pub mod ids;
pub mod index;
pub mod memos;
pub mod project;
pub mod repair;
pub mod text;
pub mod time;
pub mod units;
pub mod validate;

pub use codebook::{Code, Codebook};
pub use coding::Coding;
pub use consensus::{Check, Choice, Decision, Verdict};
pub use document::{Document, Source, SourceKind};
pub use ids::{
    AttrId, CategoryId, CodeId, CodingId, DocId, FindingId, GroupId, IdMap, MemoId, ReviewerId,
    SetId,
};
pub use project::{
    AttrKind, AttributeDef, Bin, Category, CodeSet, FORMAT_VERSION, Memo, Project, Reviewer,
};
