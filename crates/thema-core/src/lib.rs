//! Thema's core: everything about a review project that needs no window.
//!
//! - `model`: plain data and its invariants (project, codebook, documents,
//!   codings, consensus decisions), typed ids, validation and repair;
//! - `edit`: the only way to change a project — `Command`s whose `apply`
//!   returns the inverse, and the undo stack;
//! - `analysis`: pure functions over `&Project` and a `Scope` — every table,
//!   agreement, consensus and the one visibility rule;
//! - `io`: files — the project file (locking, atomic save), imports,
//!   REFI-QDA exchange, merging and report rendering.
//!
//! No egui, eframe, rfd or winit may appear in this crate's dependency
//! tree; the `thema` binary (window and command line) is built on top.

pub mod analysis;
pub mod edit;
pub mod error;
pub mod io;
pub mod model;
pub mod words;

pub use error::{Error, Result};
