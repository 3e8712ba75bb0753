//! The undo/redo stack and the "unsaved changes" flag.

use super::{Command, EditError, Target, apply};
use crate::model::Project;

/// One undoable step: a label for the menu and the command that reverts it.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    inverse: Command,
    /// Set for a step made by typing: what it changed (kind and id).
    typing: Option<Target>,
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
            typing: None,
        });
        self.redo.clear();
        Ok(())
    }

    /// Like `apply`, but typing into a field folds into the previous step
    /// when that step was typing into the same thing (same command kind,
    /// same target id) and nothing was undone or saved since, so one undo
    /// reverts the whole edit rather than one keystroke. The label plays
    /// no part: two fields with one label stay two steps.
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
            && self.clean_depth != Some(self.undo.len());
        if !same {
            self.apply(p, label, cmd)?;
            if let Some(step) = self.undo.last_mut() {
                step.typing = target;
            }
            return Ok(());
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
                    typing: None,
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
