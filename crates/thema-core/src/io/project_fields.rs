//! The project file's writer (`project_file::to_string`) writes its
//! fields by hand, one per line; this names each field once so that a
//! field added to `Project` fails to compile until it is written there too.

use crate::model::Project;

/// Every saved field of the project, named once: adding a field to
/// `Project` fails to compile here until `to_string` writes it.
pub(crate) fn every_field_is_written(p: &Project) {
    let Project {
        format_version: _,
        name: _,
        reviewers: _,
        categories: _,
        attributes: _,
        codebook: _,
        pinned: _,
        documents: _,
        codings: _,
        decisions: _,
        blind: _,
        memos: _,
        code_sets: _,
        appraisal: _,
        findings: _,
        citation_style: _,
        memo_stamps: _,
        // Not saved: derived, rebuilt on load.
        revision: _,
        last_change: _,
        index_cache: _,
    } = p;
}
