//! Thema: a desktop workbench for qualitative evidence synthesis.
//!
//! The core (`model`, `edit`, `analysis`, `io`) lives in the `thema-core`
//! crate, which has no GUI dependency; it is re-exported here so that
//! `thema::model` and `crate::model` name the same thing. This crate adds
//! `cli` (the headless commands, built on the core alone) and `app` + `ui`
//! (the egui window).

pub use thema_core::{analysis, edit, error, io, model, words};

pub mod app;
pub mod cli;
pub mod session;
pub mod settings;
pub mod ui;
