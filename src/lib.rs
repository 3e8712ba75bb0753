//! Thema: a desktop workbench for qualitative evidence synthesis.
//!
//! `model` holds the data, `edit` the only way to change it, `analysis` the
//! pure table functions, `io` files, `cli` the headless commands, and
//! `ui` + `app` the egui window.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod edit;
pub mod io;
pub mod model;
pub mod settings;
pub mod ui;
