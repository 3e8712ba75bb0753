//! Saves and autosaves run on a worker thread: the window hands it a
//! snapshot of the project (an `Arc`, no copy) and keeps painting; the
//! result comes back on a channel and is handled at the start of a frame.
//! What gets marked saved is the state the save started from (its undo
//! marker), so edits made meanwhile stay unsaved.

use super::ThemaApp;
use crate::edit::undo::Marker;
use crate::io::project_file;
use crate::model::Project;
use crate::ui::Intent;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

/// What a finished save means for the window.
pub enum SaveKind {
    /// The project itself (Save, Save As): marks it saved, then runs `then`.
    Project {
        /// The path the project had before a Save As (restored on failure).
        old_path: Option<PathBuf>,
        then: Vec<Intent>,
    },
    /// The recovery copy of unsaved work.
    Recovery,
}

/// A save running in the background.
pub struct SaveJob {
    pub path: PathBuf,
    pub marker: Marker,
    pub kind: SaveKind,
    rx: mpsc::Receiver<SaveResult>,
    /// Its result, once it arrived (kept for `wait_for_saves`).
    done: Option<SaveResult>,
}

/// The new file's hash, or why nothing was written.
type SaveResult = Result<String, project_file::ProjectFileError>;

fn stopped() -> project_file::ProjectFileError {
    project_file::ProjectFileError::Serialize(
        "the save stopped unexpectedly; the file on disk is unchanged".into(),
    )
}

impl SaveJob {
    /// Starts writing `project` to `path`: a project save (with a `.bak`,
    /// and only if the file on disk still has the hash `expected`), or a
    /// recovery copy.
    pub fn start(
        project: Arc<Project>,
        path: PathBuf,
        expected: Option<String>,
        marker: Marker,
        kind: SaveKind,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let target = path.clone();
        let is_project = matches!(kind, SaveKind::Project { .. });
        let spawned = std::thread::Builder::new()
            .name("thema-save".into())
            .spawn(move || {
                let result = if is_project {
                    project_file::save_checked(&project, &target, expected.as_deref())
                } else {
                    project_file::to_string(&project).and_then(|text| {
                        project_file::write_atomic(&target, text.as_bytes(), false)
                            .map(|()| String::new())
                    })
                };
                let _ = tx.send(result);
            });
        // If no thread could be started, the channel is closed and the
        // save reports that it did not happen.
        drop(spawned);
        Self {
            path,
            marker,
            kind,
            rx,
            done: None,
        }
    }

    /// The result, if the worker has finished.
    fn poll(&mut self, block: bool) -> Option<SaveResult> {
        if self.done.is_none() {
            self.done = if block {
                Some(self.rx.recv().unwrap_or_else(|_| Err(stopped())))
            } else {
                match self.rx.try_recv() {
                    Ok(r) => Some(r),
                    Err(mpsc::TryRecvError::Empty) => None,
                    Err(mpsc::TryRecvError::Disconnected) => Some(Err(stopped())),
                }
            };
        }
        self.done.take()
    }
}

impl ThemaApp {
    /// True while a save or autosave is being written.
    pub fn is_saving(&self) -> bool {
        !self.saves.is_empty()
    }

    /// Starts saving the open project to `path`; `then` runs once it is
    /// safely on disk (nothing runs if it fails).
    pub fn start_save(&mut self, path: PathBuf, old_path: Option<PathBuf>, then: Vec<Intent>) {
        let Some(ws) = &self.ws else { return };
        // Saving over the file it was opened from: only if it is unchanged.
        let expected = if old_path.as_ref() == Some(&path) {
            ws.disk_hash.clone()
        } else {
            None
        };
        let job = SaveJob::start(
            Arc::clone(&ws.project),
            path.clone(),
            expected,
            ws.undo.marker(),
            SaveKind::Project { old_path, then },
        );
        self.saves.push(job);
        self.set_status(format!("Saving {}…", path.display()));
    }

    /// Starts writing the recovery copy of unsaved work to `path`.
    pub fn start_recovery_save(&mut self, path: PathBuf) {
        let Some(ws) = &self.ws else { return };
        // A recovery copy still being written is enough: skip this one.
        if self
            .saves
            .iter()
            .any(|j| matches!(j.kind, SaveKind::Recovery) && j.path == path)
        {
            return;
        }
        let job = SaveJob::start(
            Arc::clone(&ws.project),
            path,
            None,
            ws.undo.marker(),
            SaveKind::Recovery,
        );
        self.saves.push(job);
    }

    /// Handles saves that have finished (each frame).
    pub fn poll_saves(&mut self) {
        self.finish_saves(false);
    }

    /// Blocks until every running save has finished and handles them
    /// (before quitting, removing a recovery file, and in tests).
    pub fn wait_for_saves(&mut self) {
        self.finish_saves(true);
    }

    fn finish_saves(&mut self, block: bool) {
        let mut i = 0;
        while i < self.saves.len() {
            let Some(result) = self.saves[i].poll(block) else {
                i += 1;
                continue;
            };
            let job = self.saves.remove(i);
            self.save_finished(job, result);
        }
    }

    fn save_finished(&mut self, job: SaveJob, result: SaveResult) {
        match (job.kind, result) {
            (SaveKind::Recovery, Ok(_)) => {
                // A save of the project that finished first makes the copy moot.
                if self.ws.as_ref().is_some_and(|w| !w.undo.is_dirty()) {
                    let _ = std::fs::remove_file(&job.path);
                }
            }
            (SaveKind::Recovery, Err(e)) => {
                self.set_status_error(format!("Autosave failed: {e}"));
            }
            (SaveKind::Project { old_path, then }, Ok(hash)) => {
                let was_untitled = old_path.is_none();
                let same_project = self
                    .ws
                    .as_ref()
                    .is_some_and(|w| w.path.as_ref() == Some(&job.path));
                if same_project {
                    if let Some(ws) = &mut self.ws {
                        ws.undo.mark_saved_at(job.marker);
                        ws.disk_hash = Some(hash);
                        ws.previous_lock = None; // a Save As lets the old file go
                    }
                    if !self.ws.as_ref().is_some_and(|w| w.undo.is_dirty()) {
                        self.remove_recovery(&job.path);
                    }
                }
                if old_path.as_ref() != Some(&job.path) {
                    self.settings.remember(&job.path);
                    if was_untitled {
                        self.remove_current_recovery(true);
                    }
                }
                self.set_status(format!("Saved {}", job.path.display()));
                for intent in then {
                    self.push(intent);
                }
            }
            (SaveKind::Project { old_path, .. }, Err(e)) => {
                if let Some(ws) = &mut self.ws
                    && ws.path.as_ref() == Some(&job.path)
                    && old_path.as_ref() != Some(&job.path)
                {
                    ws.path = old_path; // the project still lives where it was
                    ws.lock = ws.previous_lock.take();
                }
                if let project_file::ProjectFileError::ChangedOnDisk { path } = e {
                    self.dialog = Some(crate::ui::dialogs::Dialog::ChangedOnDisk { path });
                    return;
                }
                self.set_error(format!(
                    "{e} Your work is still open; try Save As to another folder."
                ));
            }
        }
    }
}
