//! Studies from a reference manager in the window: the export is read and
//! planned on a worker, the plan shown (`ui::library_dialog`), the attached
//! files read by a background import, and the whole import applied as one
//! undo step with its report.

use super::ThemaApp;
use crate::io::library::{self, Order, Plan};
use crate::io::references::Parsed;
use crate::ui::dialogs::Dialog;
use std::path::PathBuf;
use std::sync::mpsc;

/// Where a reference import is.
pub enum LibraryJob {
    /// Reading and planning the export.
    Planning(mpsc::Receiver<Result<(Parsed, Plan), String>>, PathBuf),
    /// The plan is shown; `parsed` re-plans when the order changes.
    Shown { parsed: Parsed, export: PathBuf },
    /// Reading the attached files.
    Reading(Plan, crate::io::import::ImportJob),
    /// Reading a file to attach as a study's text.
    Attaching(crate::model::DocId, crate::io::import::ImportJob),
}

/// Extensions of reference exports, for the file dialog.
pub const EXTENSIONS: [&str; 6] = ["ris", "bib", "json", "xml", "txt", "bibtex"];

impl ThemaApp {
    pub fn reference_import_dialog(&mut self) {
        if self.ws.is_none() {
            return;
        }
        if let Some(path) = rfd::FileDialog::new()
            .set_title("Import studies from a reference manager")
            .add_filter("RIS, BibTeX, CSL-JSON, EndNote XML", &EXTENSIONS)
            .pick_file()
        {
            self.open_reference_export(path);
        }
    }

    /// Reads and plans `export` on a worker.
    pub fn open_reference_export(&mut self, export: PathBuf) {
        let Some(ws) = &self.ws else { return };
        let p = std::sync::Arc::clone(&ws.project);
        let (tx, rx) = mpsc::channel();
        let path = export.clone();
        let spawned = std::thread::Builder::new()
            .name("thema-references".into())
            .spawn(move || {
                let answer = (|| {
                    let bytes = std::fs::read(&path)
                        .map_err(|e| format!("{} could not be read: {e}.", path.display()))?;
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let parsed = crate::io::references::parse(&bytes, &name)?;
                    let plan = library::plan(&p, parsed.clone(), &path, Order::File);
                    Ok((parsed, plan))
                })();
                let _ = tx.send(answer);
            });
        match spawned {
            Ok(_) => {
                self.library = Some(LibraryJob::Planning(rx, export));
                self.set_status("Reading the reference export…");
            }
            Err(e) => self.set_error(format!("The export could not be read: {e}.")),
        }
    }

    /// Moves a reference import on; called every frame.
    pub fn poll_library(&mut self) {
        match self.library.take() {
            Some(LibraryJob::Planning(rx, export)) => match rx.try_recv() {
                Ok(Ok((parsed, plan))) => {
                    self.library_dialog = Some(crate::ui::library_dialog::LibraryDialog {
                        plan,
                        order: Order::File,
                    });
                    self.library = Some(LibraryJob::Shown { parsed, export });
                    self.set_status("");
                }
                Ok(Err(e)) => self.set_error(e),
                Err(mpsc::TryRecvError::Empty) => {
                    self.library = Some(LibraryJob::Planning(rx, export));
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.set_error("The export could not be read (the reader stopped).");
                }
            },
            Some(LibraryJob::Attaching(doc, mut job)) => match job.poll() {
                Some(results) => self.finish_attach(doc, results),
                None => self.library = Some(LibraryJob::Attaching(doc, job)),
            },
            Some(LibraryJob::Reading(plan, mut job)) => match job.poll() {
                Some(results) => self.finish_library(plan, results),
                None => self.library = Some(LibraryJob::Reading(plan, job)),
            },
            other => self.library = other,
        }
    }

    /// The reviewer chose another numbering: plan again.
    pub fn reorder_library(&mut self, order: Order) {
        if let (Some(LibraryJob::Shown { parsed, export }), Some(ws), Some(d)) =
            (&self.library, &self.ws, &mut self.library_dialog)
        {
            d.plan = library::plan(&ws.project, parsed.clone(), export, order);
            d.order = order;
        }
    }

    /// The reviewer said Import: read the attached files in the background.
    pub fn run_library(&mut self) {
        let Some(d) = self.library_dialog.take() else {
            return;
        };
        let files: Vec<PathBuf> = d.plan.new.iter().filter_map(|n| n.file.clone()).collect();
        let job = crate::io::import::ImportJob::start(files);
        self.library = Some(LibraryJob::Reading(d.plan, job));
    }

    fn finish_library(&mut self, plan: Plan, results: Vec<crate::io::import::ImportResult>) {
        let Some(ws) = &self.ws else { return };
        let done = library::finish(&ws.project, plan, results);
        let summary = done.summary();
        if done.added + done.updated > 0 {
            self.apply(
                &format!(
                    "Import {}",
                    crate::words::count(done.added + done.updated, "reference", "references")
                ),
                done.command,
            );
        }
        self.dialog = Some(Dialog::ImportReport {
            summary,
            lines: done.lines,
        });
    }

    /// The progress line while files are read.
    pub fn library_progress(&self) -> Option<String> {
        match &self.library {
            Some(LibraryJob::Reading(_, job)) => Some(format!(
                "Reading the studies' files: {} of {}",
                job.done(),
                job.total
            )),
            Some(LibraryJob::Planning(..)) => Some("Reading the reference export…".into()),
            Some(LibraryJob::Attaching(..)) => Some("Reading the study's file…".into()),
            _ => None,
        }
    }
}

impl ThemaApp {
    /// File › Export studies: RIS or CSL-JSON, to a file the reviewer picks.
    pub fn export_references(&mut self, csl: bool) {
        let Some(ws) = &self.ws else { return };
        let (ext, what) = if csl {
            ("json", "CSL-JSON")
        } else {
            ("ris", "RIS")
        };
        let name = format!(
            "{}.{ext}",
            crate::cli::project_name_from_path(
                ws.path
                    .as_deref()
                    .unwrap_or(std::path::Path::new("studies")),
            )
        );
        let Some(to) = rfd::FileDialog::new()
            .set_title(format!("Export the studies as {what}"))
            .set_file_name(name)
            .add_filter(what, &[ext])
            .save_file()
        else {
            return;
        };
        let text = library::export(&ws.project, csl);
        let n = ws.project.documents.len();
        match crate::io::project_file::write_atomic(&to, text.as_bytes(), false) {
            Ok(()) => self.set_status(format!(
                "Wrote {} to {}.",
                crate::words::count(n, "study", "studies"),
                to.display()
            )),
            Err(e) => self.set_error(format!("The studies were not exported: {e}")),
        }
    }
}

impl ThemaApp {
    /// Reads `path` in the background to become `doc`'s text.
    pub fn attach_text(&mut self, doc: crate::model::DocId, path: PathBuf) {
        if self.library.is_some() {
            self.set_error("Wait until the reference import has finished.");
            return;
        }
        let job = crate::io::import::ImportJob::start(vec![path]);
        self.library = Some(LibraryJob::Attaching(doc, job));
    }

    fn finish_attach(
        &mut self,
        doc: crate::model::DocId,
        results: Vec<crate::io::import::ImportResult>,
    ) {
        let Some(ws) = &self.ws else { return };
        match results.into_iter().next() {
            Some(Ok(imp)) => {
                if let Some(same) = ws
                    .project
                    .documents
                    .iter()
                    .find(|d| d.id != doc && d.source.text_hash == imp.doc.source.text_hash)
                {
                    self.set_error(format!(
                        "Not attached: that file holds the text of [{}] {}.",
                        same.reference,
                        same.short_ref_or_title()
                    ));
                    return;
                }
                let d = imp.doc;
                let name = ws
                    .project
                    .document(doc)
                    .map(crate::model::Document::short_ref_or_title)
                    .unwrap_or_default();
                self.apply(
                    &format!("Attach the text of {name}"),
                    crate::edit::Command::SetDocumentText {
                        doc,
                        text: d.text,
                        source: d.source,
                        page_starts: d.page_starts,
                        garbled_pages: d.garbled_pages,
                    },
                );
                if imp.notes.is_empty() {
                    self.set_status(format!("Attached the text of {name}."));
                } else {
                    self.dialog = Some(Dialog::ImportReport {
                        summary: format!("Attached the text of {name}."),
                        lines: imp.notes,
                    });
                }
            }
            Some(Err(e)) => self.set_error(e.to_string()),
            None => self.set_error("The file was not read (cancelled)."),
        }
    }
}
