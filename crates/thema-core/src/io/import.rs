//! Importing study files (PDF, plain text, Markdown) as documents, one file
//! at a time or as a background batch with progress and cancel.
//!
//! Text is normalised once here and hashed; PDFs keep their page starts.
//! A file that fails gives a per-file error; the others still import.
//!
//! Before anything is opened, the path's metadata says what it is: a
//! folder, a named pipe (FIFO), a socket or a device is refused with a
//! sentence naming it — a FIFO is never opened, since reading one waits
//! for a writer forever.

use super::decode::decode_text;
use super::pdf;
pub use super::pdf_join::{Joined, join_pages, join_pages_moving_running_lines, moved_lines_memo};
use super::pdf_join::{line_numbers_said, list};
use crate::model::{DocId, Document, SourceKind, text};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// A document ready to be added, with notes for the import report.
#[derive(Debug)]
pub struct Imported {
    pub doc: Document,
    pub notes: Vec<String>,
}

/// Why one file could not be imported (the others go on).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{} was not imported: {reason}.", file_name(path))]
pub struct ImportError {
    pub path: PathBuf,
    pub reason: String,
}

fn file_name(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default()
}

/// Extensions Thema can import, for file dialogs.
pub const EXTENSIONS: [&str; 4] = ["pdf", "txt", "md", "markdown"];

/// Imports one file. The reference number is left 0 for the caller to set.
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let err = |reason: String| ImportError {
        path: path.to_owned(),
        reason,
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let kind = match ext.as_str() {
        "pdf" => Ok(SourceKind::Pdf),
        "txt" | "text" => Ok(SourceKind::Text),
        "md" | "markdown" => Ok(SourceKind::Markdown),
        "" => Err(
            "its name has no extension, so Thema cannot tell what it holds (Thema imports .pdf, .txt and .md files)"
                .to_owned(),
        ),
        _ => Err(format!(
            "Thema imports .pdf, .txt and .md files, not .{ext}"
        )),
    };
    // What the path is comes first (a folder named "x.txt" is a folder);
    // a missing file with an unsupported name says so rather than "missing".
    match std::fs::metadata(path) {
        Ok(meta) => {
            if let Some(what) = super::project_file::special_kind_of(&meta) {
                return Err(err(format!(
                    "it is {what}, not a file (Thema imports PDF, TXT and MD files)"
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && kind.is_ok() => {
            return Err(err("it does not exist".to_owned()));
        }
        Err(e) if kind.is_ok() => {
            return Err(err(format!("its details could not be read ({e})")));
        }
        Err(_) => {}
    }
    let kind = kind.map_err(err)?;
    let bytes = std::fs::read(path).map_err(|e| err(format!("it could not be read ({e})")))?;
    let mut notes = Vec::new();
    let mut moved_memo: Option<String> = None;
    let mut pdf_title = None;
    let mut garbled_pages = Vec::new();
    let (body, page_starts) = match kind {
        SourceKind::Pdf => {
            let pdf = pdf::extract_file(path, &bytes).map_err(|e| err(e.to_string()))?;
            pdf_title.clone_from(&pdf.title);
            garbled_pages = pdf
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    super::pdf_text::looks_garbled(&super::pdf_reflow::compose_spacing_accents(p))
                })
                .map(|(i, _)| i + 1)
                .collect();
            if !garbled_pages.is_empty() {
                notes.push(format!(
                    "the text of {} {} may be garbled (letters that do not fit the words around them, or mostly symbols) — check {} against the PDF",
                    crate::words::plural(garbled_pages.len(), "page", "pages"),
                    list(&garbled_pages),
                    if garbled_pages.len() == 1 { "it" } else { "them" }
                ));
            }
            let joined = join_pages_moving_running_lines(&pdf.pages);
            if !joined.moved.is_empty() {
                // Each line moved, once (page numbers in it aside).
                let mut running: Vec<&str> = Vec::new();
                let mut keys = std::collections::HashSet::new();
                for (_, line) in &joined.moved {
                    if keys.insert(super::pdf_text::running_key(line)) {
                        running.push(line);
                    }
                }
                notes.push(format!(
                    "{} (repeated from page to page) {} moved out of the text into the document's memo: {}",
                    crate::words::count(joined.moved.len(), "running header or footer line", "running header and footer lines"),
                    if joined.moved.len() == 1 { "was" } else { "were" },
                    running.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ")
                ));
                moved_memo = Some(moved_lines_memo(&joined.moved));
            }
            if !joined.line_numbers.is_empty() {
                let said = line_numbers_said(&joined.line_numbers);
                notes.push(format!(
                    "line numbers in the margin were moved out of the text into the document's memo ({said})"
                ));
                let memo = format!("Line numbers Thema moved out of the text at import: {said}.");
                moved_memo = Some(match moved_memo {
                    Some(m) => format!("{m}\n\n{memo}"),
                    None => memo,
                });
            }
            if !joined.page_numbers.is_empty() {
                let said = super::pdf_page_numbers::said(&joined.page_numbers);
                notes.push(format!(
                    "the printed page numbers were moved out of the text into the document's memo ({said})"
                ));
                let memo =
                    format!("Printed page numbers Thema moved out of the text at import: {said}.");
                moved_memo = Some(match moved_memo {
                    Some(m) => format!("{m}\n\n{memo}"),
                    None => memo,
                });
            }
            if let Some(n) = pdf.declared_pages {
                notes.push(format!(
                    "the PDF says it has {n} pages but {} could be found (the others are missing from the file)",
                    pdf.pages.len()
                ));
            }
            if pdf.repaired {
                notes.push(
                    "the PDF is damaged (its table of contents for the reader is missing or wrong); Thema rebuilt it by scanning the file — check that no page is missing".to_owned(),
                );
            }
            if !pdf.annotations.is_empty() {
                let pages: Vec<usize> = pdf.annotations.iter().map(|(p, _)| *p).collect();
                let mut pages_once = pages.clone();
                pages_once.dedup();
                notes.push(format!(
                    "{} (comments, form fields and what annotations draw) on {} {} {} not part of the text; {} put in the document's memo",
                    crate::words::count(pdf.annotations.len(), "annotation", "annotations"),
                    crate::words::plural(pages_once.len(), "page", "pages"),
                    list(&pages_once),
                    if pdf.annotations.len() == 1 { "is" } else { "are" },
                    if pdf.annotations.len() == 1 { "it was" } else { "they were" }
                ));
                let mut memo =
                    String::from("Comments and form fields in the PDF (not part of its text):");
                for (page, text) in &pdf.annotations {
                    memo.push_str(&format!("\n• p. {page} — {text}"));
                }
                moved_memo = Some(match moved_memo {
                    Some(m) => format!("{m}\n\n{memo}"),
                    None => memo,
                });
            }
            if !pdf.overprinted.is_empty() {
                let pages: Vec<usize> = pdf.overprinted.iter().map(|(p, _)| *p).collect();
                let chars: usize = pdf.overprinted.iter().map(|(_, n)| n).sum();
                notes.push(format!(
                    "on {} {}, text drawn two or more times on top of itself (a shadow or \"fake bold\") was read once: {} left out",
                    crate::words::plural(pages.len(), "page", "pages"),
                    list(&pages),
                    crate::words::count(chars, "repeated character", "repeated characters")
                ));
            }
            if pdf.forms_cut > 0 {
                notes.push(format!(
                    "{} in the PDF {} to {} (or {} more than 32 deep); {} read once, not endlessly",
                    crate::words::count(pdf.forms_cut, "drawing", "drawings"),
                    if pdf.forms_cut == 1 {
                        "refers"
                    } else {
                        "refer"
                    },
                    if pdf.forms_cut == 1 {
                        "itself"
                    } else {
                        "themselves"
                    },
                    if pdf.forms_cut == 1 { "nests" } else { "nest" },
                    if pdf.forms_cut == 1 {
                        "it was"
                    } else {
                        "they were"
                    }
                ));
            }
            if !pdf.second_reader_pages.is_empty() {
                notes.push(format!(
                    "{} {} {} read by Thema's second PDF reader (the usual one could not read {}); {} line order and spacing may differ from the page — check quotes from {} against the PDF",
                    crate::words::plural(pdf.second_reader_pages.len(), "page", "pages"),
                    list(&pdf.second_reader_pages),
                    if pdf.second_reader_pages.len() == 1 { "was" } else { "were" },
                    if pdf.second_reader_pages.len() == 1 { "it" } else { "them" },
                    if pdf.second_reader_pages.len() == 1 { "its" } else { "their" },
                    if pdf.second_reader_pages.len() == 1 { "it" } else { "them" }
                ));
            }
            if !pdf.failed_pages.is_empty() {
                notes.push(format!(
                    "pages {} could not be read by either PDF reader and are empty",
                    list(&pdf.failed_pages)
                ));
            }
            (joined.text, joined.page_starts)
        }
        _ => {
            let decoded = decode_text(&bytes).map_err(|e| err(e.to_string()))?;
            notes.extend(decoded.note);
            (text::normalize(&decoded.text), Vec::new())
        }
    };
    if body.trim().is_empty() {
        let why = if kind == SourceKind::Pdf {
            "it has no text layer (a scanned PDF needs OCR first)"
        } else {
            "it is empty"
        };
        return Err(err(why.to_owned()));
    }
    let title = match pdf_title {
        Some(t) => t,
        None => title_for(path, &body, kind),
    };
    // Stored resolved, so the same file is recognised whichever folder
    // Thema (or `thema import`) is run from.
    let stored = path
        .canonicalize()
        .unwrap_or_else(|_| path.to_owned())
        .display()
        .to_string();
    let mut doc = Document::new(DocId::new(), title, stored, kind, body);
    doc.page_starts = page_starts;
    doc.garbled_pages = garbled_pages;
    if let Some(memo) = moved_memo {
        doc.memo = memo;
    }
    Ok(Imported { doc, notes })
}

fn title_for(path: &Path, body: &str, kind: SourceKind) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if kind == SourceKind::Pdf {
        // The first heading of the first page, else the file's name.
        return super::pdf_title::first_heading(body).unwrap_or(stem);
    }
    let first = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let first = first.trim_start_matches('#').trim();
    if !first.is_empty() && first.chars().count() <= 160 {
        first.to_owned()
    } else {
        stem
    }
}

/// What a background batch import reports per file.
pub type ImportResult = Result<Imported, ImportError>;

/// A running batch import: files are read on worker threads (one per core).
pub struct ImportJob {
    pub total: usize,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<(usize, ImportResult)>,
    results: Vec<Option<ImportResult>>,
    /// Name of a file being read right now, for the progress line.
    current: Arc<Mutex<String>>,
}

impl ImportJob {
    /// Starts importing `paths` in the background.
    pub fn start(paths: Vec<PathBuf>) -> Self {
        pdf::install_quiet_panic_hook();
        let total = paths.len();
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let current = Arc::new(Mutex::new(String::new()));
        let next = Arc::new(AtomicUsize::new(0));
        let paths = Arc::new(paths);
        let (tx, rx) = mpsc::channel();
        let workers = std::thread::available_parallelism()
            .map(std::num::NonZero::get)
            .unwrap_or(2)
            .min(total.max(1));
        for w in 0..workers {
            let (paths, next, done, cancel, tx, current) = (
                paths.clone(),
                next.clone(),
                done.clone(),
                cancel.clone(),
                tx.clone(),
                current.clone(),
            );
            let spawned = std::thread::Builder::new()
                .name(format!("{}-{w}", pdf::QUIET_THREAD_PREFIX))
                .spawn(move || {
                    loop {
                        if cancel.load(Ordering::Relaxed) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        if let Ok(mut c) = current.lock() {
                            *c = path
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default();
                        }
                        let result =
                            std::panic::catch_unwind(|| import_file(path)).unwrap_or_else(|_| {
                                Err(ImportError {
                                    path: path.clone(),
                                    reason: "the file could not be read (internal error)".into(),
                                })
                            });
                        done.fetch_add(1, Ordering::Relaxed);
                        if tx.send((i, result)).is_err() {
                            break;
                        }
                    }
                });
            if spawned.is_err() {
                // Could not start a thread: the remaining workers (or none) carry on.
                continue;
            }
        }
        Self {
            total,
            done,
            cancel,
            rx,
            results: (0..total).map(|_| None).collect(),
            current,
        }
    }

    /// Files finished so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    pub fn current_file(&self) -> String {
        self.current.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// Asks the workers to stop after their current file.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Collects finished files; returns all results (in input order) once
    /// every file is done, or once cancelled and the workers have stopped.
    pub fn poll(&mut self) -> Option<Vec<ImportResult>> {
        loop {
            match self.rx.try_recv() {
                Ok((i, r)) => self.results[i] = Some(r),
                Err(mpsc::TryRecvError::Empty) => {
                    if self.results.iter().all(Option::is_some) {
                        break;
                    }
                    return None;
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        }
        Some(
            std::mem::take(&mut self.results)
                .into_iter()
                .flatten()
                .collect(),
        )
    }

    /// Blocks until the batch is finished (for the command line).
    pub fn wait(mut self) -> Vec<ImportResult> {
        loop {
            if let Some(r) = self.poll() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

/// How an imported file relates to the project it is going into.
#[derive(Debug)]
pub enum Classified {
    /// Not in the project yet.
    New(Document),
    /// Already in the project with exactly this text: skipped.
    Unchanged { existing: DocId, title: String },
    /// The same source, but its text changed since: its codings are
    /// re-anchored to the new text (`edit::reanchor`).
    Changed { existing: DocId, doc: Document },
}

/// The one de-duplication rule for imports, shared by the window and the
/// command line. A file is *unchanged* when a document of the project has
/// the same text (whatever its path), *changed* when a document came from
/// the same file (same path once resolved) but its text differs, and new
/// otherwise. `allow_duplicates` makes every file new.
pub fn classify(p: &crate::model::Project, doc: Document, allow_duplicates: bool) -> Classified {
    if allow_duplicates {
        return Classified::New(doc);
    }
    if let Some(old) = p
        .documents
        .iter()
        .find(|d| d.source.text_hash == doc.source.text_hash && d.text == doc.text)
    {
        return Classified::Unchanged {
            existing: old.id,
            title: old.title.clone(),
        };
    }
    let resolved = resolve(&doc.source.path);
    if let Some(old) = p
        .documents
        .iter()
        .find(|d| resolve(&d.source.path) == resolved)
    {
        return Classified::Changed {
            existing: old.id,
            doc,
        };
    }
    Classified::New(doc)
}

/// A source path made comparable: absolute and without `..` when the file
/// still exists, else as written.
fn resolve(path: &str) -> PathBuf {
    let p = Path::new(path);
    p.canonicalize().unwrap_or_else(|_| p.to_owned())
}

/// What an import batch will do to a project.
#[derive(Debug, Default)]
pub struct ImportPlan {
    pub new: Vec<Document>,
    pub changed: Vec<(DocId, Document)>,
    /// One line per skipped file: "Title: already in the project, unchanged; not imported again".
    pub skipped: Vec<String>,
}

/// Sorts imported documents into new, changed and unchanged (see `classify`),
/// also catching the same file given twice in one batch.
pub fn plan(p: &crate::model::Project, docs: Vec<Document>, allow_duplicates: bool) -> ImportPlan {
    let mut plan = ImportPlan::default();
    for doc in docs {
        let twice = !allow_duplicates
            && plan
                .new
                .iter()
                .any(|d| d.source.text_hash == doc.source.text_hash && d.text == doc.text);
        if twice {
            plan.skipped.push(format!(
                "{}: given twice in this import; imported once",
                doc.title
            ));
            continue;
        }
        match classify(p, doc, allow_duplicates) {
            Classified::New(d) => plan.new.push(d),
            Classified::Changed { existing, doc } => plan.changed.push((existing, doc)),
            Classified::Unchanged { title, .. } => plan.skipped.push(format!(
                "{title}: already in the project, unchanged; not imported again"
            )),
        }
    }
    plan
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn a_pdf_is_named_by_its_first_heading_or_its_file() {
        let path = Path::new("/x/city_partnership.pdf");
        let body = "BMJ Open\n\nOpen access Research\n\nWorking together in the neighbourhood: staff experiences of integrated teams\n\nAdaeze Okafor, Thomas Hale\n\nAbstract text.";
        // "BMJ Open" and "Open access Research" are too short to be titles.
        assert_eq!(
            title_for(path, body, SourceKind::Pdf),
            "Working together in the neighbourhood: staff experiences of integrated teams"
        );
        assert_eq!(
            title_for(path, "doi:10.1136/bmjopen-2020\n\n12.", SourceKind::Pdf),
            "city_partnership"
        );
        assert!(!crate::io::pdf_title::plausible_title(
            "Microsoft Word - draft3.docx"
        ));
        assert!(!crate::io::pdf_title::plausible_title("untitled"));
        assert!(!crate::io::pdf_title::plausible_title("AI Magazine"));
        assert!(!crate::io::pdf_title::plausible_title("Corporate"));
        assert!(!crate::io::pdf_title::plausible_title(
            "Proceedings of the 45th Annual Meeting of the Association of Computational Linguistics"
        ));
        assert!(!crate::io::pdf_title::plausible_title("Presentation1"));
        assert!(crate::io::pdf_title::plausible_title(
            "Integrated care: a realist review"
        ));
        assert!(crate::io::pdf_title::plausible_title(
            "安徽安利合成革股份有限公司年度报告"
        ));
    }
}
