//! Autosave and recovery: unsaved work is written every minute (settable)
//! to `<project>.recovery` beside the project, or for a project that has
//! no file yet to one recovery file in the settings folder. Opening a
//! project with a newer recovery file (or starting with no project while
//! an untitled one is waiting) offers to restore it; a clean save or an
//! explicit "Don't save" removes it.

use super::ThemaApp;
use crate::io::project_file;
use crate::ui::dialogs::Dialog;

impl ThemaApp {
    /// Writes the recovery file when there are unsaved changes and the
    /// interval has passed. Failures are shown once in the status bar.
    pub fn autosave_if_due(&mut self) {
        let secs = self.settings.autosave_secs;
        if secs == 0 || self.last_autosave.elapsed().as_secs() < secs {
            return;
        }
        self.last_autosave = std::time::Instant::now();
        self.autosave_now();
    }

    /// Writes the recovery file now (if there is anything unsaved).
    pub fn autosave_now(&mut self) {
        let Some(ws) = &self.ws else { return };
        if !ws.undo.is_dirty() {
            return;
        }
        let rec = match &ws.path {
            Some(path) => crate::io::paths::recovery_path(path),
            None => match self.settings.untitled_recovery() {
                Some(rec) => {
                    if let Some(dir) = rec.parent() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                    rec
                }
                None => return,
            },
        };
        self.start_recovery_save(rec);
    }

    /// Removes the recovery file after a clean save.
    pub fn remove_recovery(&self, path: &std::path::Path) {
        let _ = std::fs::remove_file(crate::io::paths::recovery_path(path));
    }

    /// Removes the recovery file of the open project, whether it has a
    /// file or not (after "Don't save" or a first save).
    pub fn remove_current_recovery(&mut self, was_untitled: bool) {
        // A copy still being written would come back after the removal.
        self.wait_for_saves();
        if was_untitled {
            if let Some(rec) = self.settings.untitled_recovery() {
                let _ = std::fs::remove_file(rec);
            }
        } else if let Some(path) = self.ws.as_ref().and_then(|w| w.path.as_ref()) {
            self.remove_recovery(path);
        }
    }

    /// At start-up with no project: offers an untitled project that was
    /// autosaved but never saved (a crash or a forced quit).
    pub fn offer_untitled_recovery(&mut self) {
        let Some(rec) = self.settings.untitled_recovery().filter(|r| r.exists()) else {
            return;
        };
        match project_file::load(&rec) {
            Ok(loaded) => {
                let when = modified_iso(&rec);
                self.dialog = Some(Dialog::Recover {
                    more_codings: loaded.project.codings.len() as i64,
                    project: Box::new(loaded.project),
                    when,
                    file: rec,
                    untitled: true,
                });
            }
            Err(e) => self.set_error(format!(
                "Thema found an automatic copy of an unsaved project at {} but could not read it ({e}). The file was left where it is.",
                rec.display()
            )),
        }
    }

    /// Opens an untitled project restored from its autosave; it stays
    /// unsaved (and undoable) until the reviewer saves it.
    pub fn restore_untitled(&mut self, project: crate::model::Project) {
        let ws =
            crate::session::Workspace::new(crate::model::Project::new("Untitled review"), None);
        self.set_workspace(ws);
        self.apply(
            "Restore unsaved work",
            crate::edit::Command::ReplaceProject(Box::new(project)),
        );
        if let Some(ws) = &mut self.ws {
            ws.open_doc = ws.project.documents.first().map(|d| d.id);
        }
        self.dialog = Some(Dialog::reviewer_setup());
        self.set_status("Restored the unsaved project. Save it (Ctrl+S) to keep it in a file.");
    }

    /// After opening `path`: offers a newer recovery file, if any.
    pub fn offer_recovery(&mut self, path: &std::path::Path) {
        let Some(rec) = project_file::newer_recovery(path) else {
            return;
        };
        let Some(ws) = &self.ws else { return };
        match project_file::load(&rec) {
            Ok(loaded) => {
                let more = loaded.project.codings.len() as i64 - ws.project.codings.len() as i64;
                let when = modified_iso(&rec);
                self.dialog = Some(Dialog::Recover {
                    project: Box::new(loaded.project),
                    more_codings: more,
                    when,
                    file: rec,
                    untitled: false,
                });
            }
            Err(e) => self.set_error(format!("A recovery file was found but it is damaged ({e}). Your project opened as last saved.")),
        }
    }
}

/// When a file was last written, as "2026-11-22 19:29 UTC" ("" if unknown).
fn modified_iso(path: &std::path::Path) -> String {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| crate::model::time::iso_from_unix(d.as_secs() as i64))
        .map(|iso| match iso.get(..16) {
            Some(minute) => format!("{} UTC", minute.replace('T', " ")),
            None => iso,
        })
        .unwrap_or_default()
}
