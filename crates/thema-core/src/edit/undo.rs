//! The undo/redo stack and the "unsaved changes" flag.
//!
//! Every step carries a serial number that no other state shares, so a
//! save that started at one state marks exactly that state saved, even if
//! the reviewer went on editing (or undid and edited anew) while it was
//! written in the background.

use super::{Command, EditError, Target, apply};
use crate::model::Project;

/// One undoable step: a label for the menu and the command that reverts it.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    inverse: Command,
    /// Set for a step made by typing: what it changed (kind and id).
    typing: Option<Target>,
    /// Identifies the project state after this step.
    serial: u64,
}

/// A project state, as returned by `UndoStack::marker` (0: the state the
/// project was opened in).
pub type Marker = u64;

/// Undo and redo history of one open project.
#[derive(Debug)]
pub struct UndoStack {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The state last saved; `None` when no reachable state is saved.
    clean: Option<Marker>,
    next_serial: u64,
}

impl Default for UndoStack {
    fn default() -> Self {
        Self::new()
    }
}

impl UndoStack {
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            clean: Some(0),
            next_serial: 1,
        }
    }

    fn serial(&mut self) -> u64 {
        let s = self.next_serial;
        self.next_serial += 1;
        s
    }

    /// Applies `cmd` and records it for undo. Clears the redo history.
    pub fn apply(&mut self, p: &mut Project, label: &str, cmd: Command) -> Result<(), EditError> {
        let inverse = apply(p, cmd)?;
        let serial = self.serial();
        self.undo.push(Step {
            label: label.to_owned(),
            inverse,
            typing: None,
            serial,
        });
        self.redo.clear();
        Ok(())
    }

    /// Like `apply`, but typing into a field folds into the previous step
    /// when that step was typing into the same thing (same command kind,
    /// same target id) and nothing was undone since, so one undo reverts
    /// the whole edit rather than one keystroke (a save in between starts
    /// a new step). The label plays no part:
    /// two fields with one label stay two steps.
    pub fn apply_typing(
        &mut self,
        p: &mut Project,
        label: &str,
        cmd: Command,
    ) -> Result<(), EditError> {
        let target = cmd.target();
        let same = target.is_some()
            && self.redo.is_empty()
            && self.undo.last().is_some_and(|s| s.typing == target)
            // Keep the saved state reachable by undo: typing after a save
            // starts a new step.
            && self.clean != Some(self.marker());
        if !same {
            self.apply(p, label, cmd)?;
            if let Some(step) = self.undo.last_mut() {
                step.typing = target;
            }
            return Ok(());
        }
        apply(p, cmd)?;
        // The folded step now stands for a new state (a save of the old
        // one must not mark this one saved).
        let serial = self.serial();
        if let Some(step) = self.undo.last_mut() {
            step.serial = serial;
        }
        Ok(())
    }

    /// Reverts the last change; returns its label.
    pub fn undo(&mut self, p: &mut Project) -> Option<String> {
        let step = self.undo.pop()?;
        match apply(p, step.inverse) {
            Ok(redo) => {
                self.redo.push(Step {
                    label: step.label.clone(),
                    inverse: redo,
                    typing: None,
                    serial: step.serial,
                });
                Some(step.label)
            }
            Err(_) => None,
        }
    }

    /// Re-applies the last undone change; returns its label.
    pub fn redo(&mut self, p: &mut Project) -> Option<String> {
        let step = self.redo.pop()?;
        match apply(p, step.inverse) {
            Ok(undo) => {
                self.undo.push(Step {
                    label: step.label.clone(),
                    inverse: undo,
                    typing: None,
                    serial: step.serial,
                });
                Some(step.label)
            }
            Err(_) => None,
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Number of steps that can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    /// The current state, to hand to `mark_saved_at` when a save of it ends.
    pub fn marker(&self) -> Marker {
        self.undo.last().map_or(0, |s| s.serial)
    }

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.clean = Some(self.marker());
    }

    /// Marks the state `m` as saved (a save that started at `m` finished).
    pub fn mark_saved_at(&mut self, m: Marker) {
        self.clean = Some(m);
    }

    /// True when the project differs from the last saved state.
    pub fn is_dirty(&self) -> bool {
        self.clean != Some(self.marker())
    }

    /// Forces the dirty flag on (e.g. after a recovery).
    pub fn mark_dirty(&mut self) {
        self.clean = None;
    }
}
