//! The undo/redo stack and the "unsaved changes" flag.

use super::{Command, EditError, apply};
use crate::model::Project;

/// One undoable step: a label for the menu and the command that reverts it.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    inverse: Command,
}

/// Undo and redo history of one open project.
#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Undo depth at the last save; `None` when that state is unreachable.
    clean_depth: Option<usize>,
}

impl UndoStack {
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            clean_depth: Some(0),
        }
    }

    /// Applies `cmd` and records it for undo. Clears the redo history.
    pub fn apply(&mut self, p: &mut Project, label: &str, cmd: Command) -> Result<(), EditError> {
        let inverse = apply(p, cmd)?;
        if let Some(clean) = self.clean_depth
            && clean > self.undo.len()
        {
            self.clean_depth = None;
        }
        self.undo.push(Step {
            label: label.to_owned(),
            inverse,
        });
        self.redo.clear();
        Ok(())
    }

    /// Like `apply`, but typing into a field (same label as the previous
    /// step, nothing undone since) folds into that step, so one undo
    /// reverts the whole edit rather than one keystroke.
    pub fn apply_typing(
        &mut self,
        p: &mut Project,
        label: &str,
        cmd: Command,
    ) -> Result<(), EditError> {
        let same = self.redo.is_empty()
            && self.undo.last().is_some_and(|s| s.label == label)
            && self.clean_depth != Some(self.undo.len());
        if !same {
            return self.apply(p, label, cmd);
        }
        apply(p, cmd)?;
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

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.clean_depth = Some(self.undo.len());
    }

    /// True when the project differs from the last saved state.
    pub fn is_dirty(&self) -> bool {
        self.clean_depth != Some(self.undo.len())
    }

    /// Forces the dirty flag on (e.g. after a recovery).
    pub fn mark_dirty(&mut self) {
        self.clean_depth = None;
    }
}
