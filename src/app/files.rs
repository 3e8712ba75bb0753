//! Project files and imports from the window: new, open, save, save as,
//! document import in the background, template files.

use super::ThemaApp;
use crate::edit::ops;
use crate::io::{import::ImportJob, project_file, template};
use crate::model::Project;
use crate::session::Workspace;
use crate::ui::Intent;
use crate::ui::dialogs::Dialog;
use std::path::PathBuf;

impl ThemaApp {
    pub fn new_project(&mut self) {
        let ws = Workspace::new(Project::new("Untitled review"), None);
        self.set_workspace(ws);
        self.dialog = Some(Dialog::reviewer_setup());
        self.set_status("New project. Import documents (File > Import documents…) and load or build a codebook.");
    }

    pub fn open_dialog(&mut self) {
        let picked = rfd::FileDialog::new()
            .set_title("Open a Thema project")
            .add_filter("Thema project", &["ron"])
            .pick_file();
        if let Some(path) = picked {
            self.open_path(path);
        }
    }

    /// Opens a project file; on failure the current project stays open.
    pub fn open_path(&mut self, path: PathBuf) {
        // This window becomes the project's writer: nobody else may be.
        let lock = match crate::io::lock::ProjectLock::acquire(&path, false) {
            Ok(l) => l,
            Err(crate::io::lock::LockError::Held { project, holder }) => {
                return self.set_error(format!(
                    "{} is already open in another Thema window{}. Close it there first; two windows writing one project would lose work.",
                    project.display(),
                    if holder.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", holder.trim())
                    }
                ));
            }
            Err(e) => return self.set_error(e.to_string()),
        };
        match project_file::load(&path) {
            Err(e) => self.set_error(e.to_string()),
            Ok(loaded) => {
                let mut ws = Workspace::new(loaded.project, Some(path.clone()));
                ws.problems = loaded.problems;
                ws.lock = Some(lock);
                ws.disk_hash = Some(loaded.hash);
                let key = crate::settings::Settings::key(&path);
                ws.coding_as = self
                    .settings
                    .reviewer_for
                    .get(&key)
                    .copied()
                    .filter(|r| ws.project.reviewer(*r).is_some());
                // Not chosen in this project yet: the same person as in the
                // user's other projects, when the project knows them.
                let known_elsewhere = ws.coding_as.is_none();
                if known_elsewhere {
                    ws.coding_as = self.settings.me_in(&ws.project);
                }
                let me_again = known_elsewhere && ws.coding_as.is_some();
                if let Some(me) = ws.coding_as {
                    ws.category = super::last_category(&self.settings, &ws.project, me);
                }
                let n_problems = ws.problems.len();
                let ask_reviewer = ws.coding_as.is_none();
                self.set_workspace(ws);
                self.settings.remember(&path);
                self.dialog = None;
                if n_problems > 0 {
                    self.dialog = Some(Dialog::Problems);
                } else if ask_reviewer {
                    self.dialog = Some(Dialog::reviewer_setup_as(self.settings.me.clone()));
                }
                self.offer_recovery(&path);
                match self.ws.as_ref().and_then(|w| w.coding_as.and_then(|r| w.project.reviewer(r))) {
                    Some(r) if me_again => self.set_status(format!(
                        "Opened {}; coding as {} ({}), as in your other projects (change it from the top bar).",
                        path.display(),
                        r.name,
                        r.initials
                    )),
                    _ => self.set_status(format!("Opened {}", path.display())),
                }
            }
        }
    }

    /// Saves to the current path (asks for one if the project is new).
    /// The file is written in the background; `then` runs once it is on disk.
    pub fn save_then(&mut self, then: Vec<Intent>) -> bool {
        let Some(ws) = &self.ws else { return false };
        let Some(path) = ws.path.clone() else {
            return self.save_as_then(then);
        };
        self.start_save(path.clone(), Some(path), then);
        true
    }

    pub fn save(&mut self) -> bool {
        self.save_then(Vec::new())
    }

    pub fn save_as(&mut self) -> bool {
        self.save_as_then(Vec::new())
    }

    fn save_as_then(&mut self, then: Vec<Intent>) -> bool {
        let Some(ws) = &self.ws else { return false };
        let name = format!("{}.thema.ron", ws.project.file_stem());
        let Some(path) = rfd::FileDialog::new()
            .set_title("Save project as")
            .set_file_name(&name)
            .add_filter("Thema project", &["ron"])
            .save_file()
        else {
            return false;
        };
        self.save_to_then(path, then)
    }

    /// Saves under a new path (what Save As does once a file is chosen);
    /// the project then lives there (back where it was if the save fails).
    pub fn save_to(&mut self, path: PathBuf) -> bool {
        self.save_to_then(path, Vec::new())
    }

    fn save_to_then(&mut self, mut path: PathBuf, then: Vec<Intent>) -> bool {
        if !path.to_string_lossy().ends_with(".ron") {
            path = PathBuf::from(format!("{}.thema.ron", path.display()));
        }
        let Some(ws) = &mut self.ws else { return false };
        let old_path = ws.path.clone();
        if old_path.as_ref() != Some(&path) {
            // The new file gets this window as its only writer.
            match crate::io::lock::ProjectLock::acquire(&path, false) {
                Ok(l) => ws.previous_lock = ws.lock.replace(l),
                Err(e) => {
                    self.set_error(e.to_string());
                    return false;
                }
            }
        }
        ws.path = Some(path.clone());
        self.start_save(path, old_path, then);
        true
    }

    pub fn import_dialog(&mut self) {
        if self.ws.is_none() {
            return;
        }
        if let Some(paths) = rfd::FileDialog::new()
            .set_title("Import documents")
            .add_filter("Documents", &crate::io::import::EXTENSIONS)
            .pick_files()
        {
            self.start_import(paths);
        }
    }

    /// Starts a background import (refused while one is running).
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.ws.is_none() {
            self.new_project();
        }
        if self.import.is_some() {
            self.set_status("An import is already running; wait for it or cancel it.");
            return;
        }
        let n = paths.len();
        self.import = Some(ImportJob::start(paths));
        self.set_status(format!(
            "Importing {}…",
            crate::words::count(n, "file", "files")
        ));
    }

    /// Adds finished imports to the project as one undoable step.
    pub fn poll_import(&mut self) {
        let Some(job) = &mut self.import else { return };
        let cancelled = job.is_cancelled();
        let Some(results) = job.poll() else { return };
        self.import = None;
        let mut imported = Vec::new();
        let mut lines = Vec::new();
        for r in results {
            match r {
                Ok(imp) => {
                    for n in &imp.notes {
                        lines.push(format!("{}: {n}", imp.doc.title));
                    }
                    imported.push(imp.doc);
                }
                Err(e) => lines.push(e.to_string()),
            }
        }
        // The same source again: unchanged is skipped, changed is re-anchored.
        let Some(ws) = &self.ws else { return };
        let plan = crate::io::import::plan(&ws.project, imported, false);
        lines.extend(plan.skipped);
        let docs = plan.new;
        let changed = plan.changed;
        let n = docs.len();
        if n > 0
            && let Some(ws) = &self.ws
        {
            let first = docs[0].id;
            if let Some(note) = ws.project.reference_note() {
                lines.push(format!("Reference numbers: {note}."));
            }
            let cmd = ops::add_documents(&ws.project, docs);
            self.apply(
                &format!("Import {}", crate::words::count(n, "document", "documents")),
                cmd,
            );
            if let Some(ws) = &mut self.ws {
                ws.open_doc = Some(first);
            }
        }
        if !changed.is_empty() {
            self.prepare_reanchor(changed);
            if let Some(Dialog::Reanchor { lines: l, .. }) = &mut self.dialog {
                l.extend(lines);
            }
            return;
        }
        let summary = format!(
            "{} imported{}.",
            crate::words::count(n, "document", "documents"),
            if cancelled {
                " before the import was cancelled"
            } else {
                ""
            }
        );
        if lines.is_empty() {
            self.set_status(summary);
        } else {
            self.dialog = Some(Dialog::ImportReport { summary, lines });
        }
    }

    pub fn load_template_file(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("Load a codebook template")
            .add_filter("Codebook template", &["ron"])
            .pick_file()
        else {
            return;
        };
        match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| template::parse(&t).map_err(|e| e.to_string()))
        {
            Ok(t) => {
                let Some(ws) = &self.ws else { return };
                let cmd = template::apply_command(&ws.project, &t);
                self.apply(&format!("Load codebook \"{}\"", t.name), cmd);
            }
            Err(e) => self.set_error(format!("{} could not be loaded: {e}.", path.display())),
        }
    }
}

impl ThemaApp {
    /// Picks another reviewer's file and shows what merging it would do.
    pub fn merge_dialog(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("Merge a reviewer's file")
            .add_filter("Thema project", &["ron"])
            .pick_file()
        else {
            return;
        };
        self.prepare_merge(&path);
    }

    /// Loads `path` and asks for confirmation of the merge.
    pub fn prepare_merge(&mut self, path: &std::path::Path) {
        self.prepare_merge_of(path, false);
    }

    /// The project file changed on disk: merges that version into the open
    /// project (after the usual confirmation); the next save then writes
    /// over it.
    pub fn merge_from_disk(&mut self) {
        let Some(path) = self.ws.as_ref().and_then(|w| w.path.clone()) else {
            return;
        };
        self.prepare_merge_of(&path, true);
    }

    fn prepare_merge_of(&mut self, path: &std::path::Path, from_disk: bool) {
        let Some(ws) = &self.ws else { return };
        match project_file::load(path) {
            Err(e) => self.set_error(e.to_string()),
            Ok(other) => {
                let (command, report) =
                    crate::io::merge::merge_command(&ws.project, &other.project);
                let from = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.dialog = Some(Dialog::ConfirmMerge {
                    command: Box::new(command),
                    report: Box::new(report),
                    from,
                    disk_hash: from_disk.then_some(other.hash),
                });
            }
        }
    }

    /// Writes a copy for a second reviewer: blind on, codings optional.
    pub fn export_for_reviewer(&mut self, include_codings: bool) {
        let Some(ws) = &self.ws else { return };
        let copy = ws.project.copy_for_reviewer(include_codings);
        let name = format!("{} (second reviewer).thema.ron", ws.project.file_stem());
        let Some(path) = rfd::FileDialog::new()
            .set_title("Save copy for a second reviewer")
            .set_file_name(&name)
            .add_filter("Thema project", &["ron"])
            .save_file()
        else {
            return;
        };
        match project_file::save(&copy, &path) {
            Ok(()) => self.set_status(format!(
                "Saved a copy for a second reviewer: {}",
                path.display()
            )),
            Err(e) => self.set_error(format!("{e} Choose another folder and try again.")),
        }
    }
}

impl ThemaApp {
    /// File > Exchange > Export: writes a .qdpx project or .qdc codebook.
    pub fn export_refi(&mut self, what: crate::ui::intent::RefiExport) {
        use crate::io::refi::{export, positions::Unit};
        use crate::ui::intent::RefiExport;
        let Some(ws) = &self.ws else { return };
        let (ext, bytes) = match what {
            RefiExport::Codebook => ("qdc", Ok(export::codebook_xml(&ws.project))),
            RefiExport::Project => ("qdpx", export::qdpx_in(&ws.project, Unit::Chars)),
            RefiExport::ProjectForNvivo => ("qdpx", export::qdpx_in(&ws.project, Unit::Utf16)),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => return self.set_error(format!("The export could not be made: {e}.")),
        };
        let name = format!("{}.{ext}", ws.project.file_stem());
        let Some(path) = rfd::FileDialog::new()
            .set_title("Export for other QDA tools")
            .set_file_name(&name)
            .add_filter(ext.to_uppercase(), &[ext])
            .save_file()
        else {
            return;
        };
        let lost = if what == RefiExport::Codebook {
            Vec::new()
        } else {
            crate::io::refi::export_appraisal::not_carried(&ws.project)
        };
        match project_file::write_atomic(&path, &bytes, false) {
            Ok(()) if lost.is_empty() => self.set_status(format!("Exported {}", path.display())),
            Ok(()) => self.set_status(format!("Exported {}. {}.", path.display(), lost.join(". "))),
            Err(e) => self.set_error(format!("{e} Choose another folder and try again.")),
        }
    }

    pub fn import_qdpx_dialog(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("Import a REFI-QDA project")
            .add_filter("REFI-QDA project", &["qdpx"])
            .pick_file()
        else {
            return;
        };
        self.import_qdpx(&path);
    }

    /// Opens a .qdpx as a new, unsaved project and shows what was left out.
    /// The file is read on a worker (a large project, or PDFs read from the
    /// archive, take longer than a frame); `poll_refi_import` finishes it.
    pub fn import_qdpx(&mut self, path: &std::path::Path) {
        let path = path.to_owned();
        let (tx, rx) = std::sync::mpsc::channel();
        let job_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("thema-refi-import".into())
            .spawn(move || {
                let _ = tx.send(crate::io::refi::import::read_qdpx_file(&job_path));
            });
        match spawned {
            Ok(_) => {
                self.set_status(format!("Reading {}…", path.display()));
                self.refi_import = Some((path, rx));
            }
            Err(e) => self.set_error(format!("The import could not be started: {e}.")),
        }
    }

    /// Finishes a REFI-QDA import once its worker is done (`block`: wait).
    pub fn poll_refi_import(&mut self, block: bool) {
        let Some((path, rx)) = &self.refi_import else {
            return;
        };
        let result = if block {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(r) => Some(r),
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        let path = path.clone();
        self.refi_import = None;
        match result {
            None => self.set_error(format!(
                "{} could not be imported: the reader stopped unexpectedly.",
                path.display()
            )),
            Some(Err(e)) => self.set_error(e.to_string()),
            Some(Ok((mut project, report))) => {
                if project.name.is_empty() {
                    project.name = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                }
                let mut ws = Workspace::new(project, None);
                ws.undo.mark_dirty();
                self.set_workspace(ws);
                self.dialog = Some(Dialog::ImportReport {
                    summary: report.headline(),
                    lines: report.lines(),
                });
                self.set_status(
                    "Imported from REFI-QDA. Save it (Ctrl+S) to keep it as a Thema project.",
                );
            }
        }
    }

    /// Adds the codes of a .qdc codebook to the project (undoable).
    pub fn import_qdc_dialog(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("Import a REFI-QDA codebook")
            .add_filter("REFI-QDA codebook", &["qdc"])
            .pick_file()
        else {
            return;
        };
        let parsed = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::io::refi::import::read_qdc(&b).map_err(|e| e.to_string()));
        match parsed {
            Err(e) => self.set_error(format!("{} could not be imported: {e}.", path.display())),
            Ok((book, report)) => {
                let Some(ws) = &self.ws else { return };
                let (command, merge) = crate::io::refi::codebook::merge_by_path(&ws.project, &book);
                let n = merge.added.len();
                self.apply(&format!("Import codebook ({n} new codes)"), command);
                if report.skipped.is_empty() {
                    self.set_status(format!("Codebook imported: {}.", merge.summary()));
                } else {
                    // What the codebook file held that could not be used.
                    self.dialog = Some(Dialog::ImportReport {
                        summary: format!("Codebook imported: {}.", merge.summary()),
                        lines: report.lines(),
                    });
                }
            }
        }
    }
}

impl ThemaApp {
    /// Sources that changed since they were imported: work out where each
    /// coding goes and ask before replacing the texts.
    pub fn prepare_reanchor(
        &mut self,
        changed: Vec<(crate::model::DocId, crate::model::Document)>,
    ) {
        let Some(ws) = &self.ws else { return };
        let (command, lines) = crate::edit::reanchor::replace_documents(&ws.project, changed);
        self.dialog = Some(Dialog::Reanchor {
            lines,
            command: Box::new(command),
        });
    }
}
