//! Autosave and recovery: unsaved work is written every minute (settable)
//! to `<project>.recovery` beside the project; opening a project with a
//! newer recovery file offers to restore it; a clean save removes it.

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
        let Some(path) = &ws.path else { return };
        if !ws.undo.is_dirty() {
            return;
        }
        let rec = project_file::recovery_path(path);
        let result = project_file::to_string(&ws.project)
            .and_then(|t| project_file::write_atomic(&rec, t.as_bytes(), false));
        if let Err(e) = result {
            self.status = Some(super::Status {
                text: format!("Autosave failed: {e}"),
                error: true,
            });
        }
    }

    /// Removes the recovery file after a clean save.
    pub fn remove_recovery(&self, path: &std::path::Path) {
        let _ = std::fs::remove_file(project_file::recovery_path(path));
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
                let when = std::fs::metadata(&rec)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map(|d| crate::model::time::iso_from_unix(d.as_secs() as i64))
                    .unwrap_or_default();
                self.dialog = Some(Dialog::Recover { project: Box::new(loaded.project), more_codings: more, when, file: rec });
            }
            Err(e) => self.set_error(format!("A recovery file was found but it is damaged ({e}). Your project opened as last saved.")),
        }
    }
}
