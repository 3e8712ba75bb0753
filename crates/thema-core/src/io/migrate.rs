//! Loading project files written by older Thema versions. Each format
//! change gets one explicit step from the old file's shape to the next;
//! files are never changed on disk by opening them.
//!
//! - Version 1 → 2: version 2 added the decision log and the blind-coding
//!   flag (and, inside records, coding checks and attribute ranges, which
//!   default to none). A version 1 file is read as `ProjectV1` and converted.
//! - Version 2 → 3: version 3 added project memos, code sets and document
//!   memos, all empty in a version 2 file; it reads as the current shape.
//!   (The version changed so that an older Thema refuses a file with memos
//!   instead of opening it and dropping them on its next save.)
//! - Versions 3 → 6 each added fields that are empty in older files
//!   (appraisal, findings, chart summaries and code origins); they read as
//!   the current shape. Version 6 exists so that an older Thema refuses a
//!   file with chart summaries instead of failing on them or losing them.

use crate::model::{
    AttributeDef, CodeId, Codebook, Coding, Document, FORMAT_VERSION, Project, Reviewer,
    project::Category,
};
use serde::Deserialize;

/// The shape of a format 1 project file.
#[derive(Deserialize)]
struct ProjectV1 {
    name: String,
    reviewers: Vec<Reviewer>,
    categories: Vec<Category>,
    attributes: Vec<AttributeDef>,
    codebook: Codebook,
    #[serde(default)]
    pinned: Vec<CodeId>,
    documents: Vec<Document>,
    codings: Vec<Coding>,
}

impl From<ProjectV1> for Project {
    fn from(v: ProjectV1) -> Self {
        Project {
            format_version: 2,
            name: v.name,
            reviewers: v.reviewers,
            categories: v.categories,
            attributes: v.attributes,
            codebook: v.codebook,
            pinned: v.pinned,
            documents: v.documents,
            codings: v.codings,
            decisions: Vec::new(),
            blind: false,
            memos: Vec::new(),
            code_sets: Vec::new(),
            appraisal: Default::default(),
            findings: Default::default(),
            citation_style: Default::default(),
            memo_stamps: Vec::new(),
            revision: 0,
            last_change: Default::default(),
            index_cache: Default::default(),
        }
    }
}

/// Parses `text` written in format `version` (< current) and upgrades it.
/// Errors carry the line and column where the old file is damaged.
pub fn upgrade(text: &str, version: u32) -> Result<Project, (usize, usize, String)> {
    let mut p: Project = match version {
        1 => ron::from_str::<ProjectV1>(text)
            .map_err(|e| (e.span.start.line, e.span.start.col, e.code.to_string()))?
            .into(),
        // Format 3 added nothing a reader must convert; 4 added appraisal,
        // 5 review findings, 6 framework-matrix summaries (chart memos) and
        // codes' a-priori/emergent origin, all empty in older files.
        2..=5 => ron::from_str::<Project>(text)
            .map_err(|e| (e.span.start.line, e.span.start.col, e.code.to_string()))?,
        other => return Err((1, 1, format!("format {other} is not one Thema ever wrote"))),
    };
    // Later steps (2 → 3, …) go here, each on the result of the previous one.
    p.format_version = FORMAT_VERSION;
    Ok(p)
}
