//! One integration-test binary (linking egui once): model and commands,
//! analysis with exact numbers, files, the command line and the real UI.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed setup fails the test with its message"
)]

mod agreement;
mod analysis;
mod appraisal;
mod cli;
mod consensus;
mod cooccurrence;
mod crash;
mod edit;
mod files;
mod findings;
mod fixtures;
mod hostile;
mod io;
mod layers;
mod library;
mod matrices;
mod memos;
mod merge;
mod pdf_fonts;
mod pdf_glyph_names;
mod pdf_layout;
mod publish;
mod refi;
mod refi_tools;
mod search;
mod tables;
mod ui;
mod ui_checklists;
mod ui_exact;
mod ui_layout;
mod ui_matrices;
mod ui_review;
mod ui_selection;
mod ui_tables;
mod undo;
