//! PDF text extraction through pdf-extract, isolated page by page.
//!
//! pdf-extract panics on purpose on many real-world PDFs. Each page is
//! extracted under `catch_unwind`, so a bad page costs that page and a bad
//! file costs that file; the panic message is kept out of the terminal.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// Text of a PDF, page by page.
#[derive(Debug, Default)]
pub struct PdfText {
    /// One entry per page, in page order (failed pages are empty).
    pub pages: Vec<String>,
    /// 1-based numbers of pages whose text could not be extracted by
    /// either reader.
    pub failed_pages: Vec<usize>,
    /// 1-based numbers of pages pdf-extract could not read (or found no
    /// text on) that Thema's own reader ([`super::pdf_fallback`]) read.
    pub second_reader_pages: Vec<usize>,
    /// The file's cross-reference table was damaged and Thema rebuilt it.
    pub repaired: bool,
    /// The page count the file states, when it differs from the pages found.
    pub declared_pages: Option<usize>,
    /// Drawings that draw themselves (or nest absurdly deep) that were cut
    /// so that reading them ends.
    pub forms_cut: usize,
    /// Per page (1-based), characters dropped as copies of text drawn on
    /// itself (shadows, fake bold): (page, characters).
    pub overprinted: Vec<(usize, usize)>,
    /// Comments, filled-in form fields and what other annotations draw
    /// (signatures, buttons), (page, text): kept out of the text
    /// ([`super::pdf_annots`]).
    pub annotations: Vec<(usize, String)>,
    /// The title in the PDF's document information, when it looks like a
    /// real title (not "Microsoft Word - draft3.docx").
    pub title: Option<String>,
}

/// Why a PDF's text could not be read. Each message is the end of a
/// sentence that starts with the file's name ("… was not imported: it is
/// password-protected."). The worker process sends it back as JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum PdfError {
    #[error("it is not a readable PDF ({0})")]
    NotPdf(String),
    #[error("it is password-protected")]
    Encrypted,
    #[error("the PDF reader could not make sense of its structure")]
    Structure,
    #[error("it has no pages")]
    NoPages,
    #[error("no page of it could be read")]
    NoPageReadable,
    #[error("it is damaged (cut short or corrupted) and no text could be recovered from it")]
    Damaged,
    #[error(
        "reading it took longer than {0} s, so it was stopped (a damaged or unusually complex PDF)"
    )]
    TimedOut(u64),
    #[error("the PDF reader was stopped while reading it (it may need more memory than allowed)")]
    Killed,
    #[error("the PDF reader ran out of memory or failed on it")]
    OutOfMemory,
    /// The worker process could not be run or answered nonsense.
    #[error("{0}")]
    Worker(String),
}

/// Thread-name prefix of workers whose panics are expected and reported
/// as import errors rather than printed.
pub const QUIET_THREAD_PREFIX: &str = "thema-import";

/// Extracts the text of every page. Errors are sentences for the reviewer.
pub fn extract(bytes: &[u8]) -> Result<PdfText, PdfError> {
    install_quiet_panic_hook();
    let loaded = catch_unwind(AssertUnwindSafe(|| load(bytes)));
    let (doc, repaired, forms_cut) = match loaded {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err(PdfError::Structure),
    };
    let title = catch_unwind(AssertUnwindSafe(|| info_title(&doc)))
        .ok()
        .flatten();
    let pages = doc.get_pages();
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())
        .and_then(|p| p.get(b"Count").ok())
        .and_then(|c| c.as_i64().ok())
        .and_then(|c| usize::try_from(c).ok())
        .filter(|&c| c != pages.len() && c < 1_000_000);
    let page_numbers: Vec<u32> = pages.keys().copied().collect();
    if page_numbers.is_empty() {
        return Err(PdfError::NoPages);
    }
    // Pages of a long PDF are read in parallel (one thread per core, up to
    // four): the document is shared read-only, each page isolated as before.
    // A short PDF is read on one thread: starting threads would cost more
    // than they save, and batch imports already read files side by side.
    let threads = if page_numbers.len() < 8 {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, 4)
            .min(page_numbers.len())
    };
    let chunk = page_numbers.len().div_ceil(threads);
    let mut texts: Vec<Option<PageRead>> = (0..page_numbers.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let (doc, pages) = (&doc, &pages);
        let handles: Vec<_> = page_numbers
            .chunks(chunk)
            .enumerate()
            .filter_map(|(c, numbers)| {
                std::thread::Builder::new()
                    .name(format!("{QUIET_THREAD_PREFIX}-page-{c}"))
                    .stack_size(8 << 20)
                    .spawn_scoped(scope, move || {
                        numbers
                            .iter()
                            .map(|n| read_page(doc, *n, pages.get(n).copied()))
                            .collect::<Vec<Option<PageRead>>>()
                    })
                    .ok()
                    .map(|h| (c, h))
            })
            .collect();
        for (c, h) in handles {
            if let Ok(pages) = h.join() {
                for (k, text) in pages.into_iter().enumerate() {
                    texts[c * chunk + k] = text;
                }
            }
        }
    });
    let mut out = PdfText::default();
    for (i, text) in texts.into_iter().enumerate() {
        match text {
            Some(PageRead {
                text,
                second,
                dropped,
            }) => {
                if second {
                    out.second_reader_pages.push(i + 1);
                }
                if dropped > 0 {
                    out.overprinted.push((i + 1, dropped));
                }
                out.pages.push(super::pdf_bidi::reading_order(&text));
            }
            None => {
                out.pages.push(String::new());
                out.failed_pages.push(i + 1);
            }
        }
    }
    if out.failed_pages.len() == out.pages.len() {
        return Err(PdfError::NoPageReadable);
    }
    if repaired && out.pages.iter().all(|p| p.trim().is_empty()) {
        return Err(PdfError::Damaged);
    }
    out.annotations = catch_unwind(AssertUnwindSafe(|| {
        pages
            .iter()
            .flat_map(|(&n, &id)| {
                super::pdf_annots::page_annotations(&doc, id)
                    .into_iter()
                    .map(move |t| (n as usize, t))
            })
            .collect()
    }))
    .unwrap_or_default();
    out.title = title;
    out.repaired = repaired;
    out.declared_pages = declared;
    out.forms_cut = forms_cut;
    Ok(out)
}

/// A page's text as read.
struct PageRead {
    text: String,
    /// Read by the second reader.
    second: bool,
    /// Characters dropped as copies drawn on themselves.
    dropped: usize,
}

/// One page's text and whether the second reader gave it, or `None` when
/// both readers fail (or panic) on it. The second reader is tried when
/// pdf-extract fails or finds no text on the page, and on pages it is
/// known to misread ([`super::pdf_misread`]), where the longer text wins.
fn read_page(
    doc: &pdf_extract::Document,
    n: u32,
    id: Option<pdf_extract::ObjectId>,
) -> Option<PageRead> {
    let first = read_page_pdf_extract(doc, n);
    let second = || {
        id.and_then(|id| {
            catch_unwind(AssertUnwindSafe(|| super::pdf_fallback::page_text(doc, id)))
                .ok()
                .flatten()
        })
    };
    if let Some((text, dropped)) = first.as_ref().filter(|(t, _)| !t.trim().is_empty()) {
        let misread = id.is_some_and(|id| {
            catch_unwind(AssertUnwindSafe(|| super::pdf_misread::misread(doc, id))).unwrap_or(false)
        });
        if misread
            && let Some((more, copies)) = second().filter(|(s, _)| non_space(s) > non_space(text))
        {
            return Some(PageRead {
                text: more,
                second: true,
                dropped: copies,
            });
        }
        return Some(PageRead {
            text: text.clone(),
            second: false,
            dropped: *dropped,
        });
    }
    let first = first.map(|(t, _)| t);
    let second = second();
    let read = |text: String, second: bool, dropped: usize| PageRead {
        text,
        second,
        dropped,
    };
    match (first, second) {
        (_, Some((t, copies))) if !t.trim().is_empty() => Some(read(t, true, copies)),
        (Some(t), _) | (None, Some((t, _))) => Some(read(t, false, 0)),
        (None, None) => None,
    }
}

fn non_space(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// pdf-extract's text of page `n`, and how many characters were dropped
/// as copies drawn on themselves ([`super::pdf_overprint`]).
fn read_page_pdf_extract(doc: &pdf_extract::Document, n: u32) -> Option<(String, usize)> {
    let page = catch_unwind(AssertUnwindSafe(|| {
        let mut s = String::new();
        let dropped = {
            let mut sink = super::pdf_overprint::Overprint::new(super::pdf_scripts::Scripts::new(
                super::pdf_order::Order::new(super::pdf_plain::PlainText::new(&mut s)),
            ));
            pdf_extract::output_doc_page(doc, &mut sink, n).map(|_| ())?;
            sink.dropped
        };
        Ok::<(String, usize), pdf_extract::OutputError>((s, dropped))
    }));
    match page {
        Ok(Ok(text)) => Some(text),
        _ => None,
    }
}

/// `/Title` of the document information dictionary, decoded (UTF-16 with
/// a byte-order mark, else PDFDocEncoding read as Latin-1), if it looks
/// like the title of a work.
fn info_title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get_deref(b"Info", doc).ok()?.as_dict().ok()?;
    let raw = info.get_deref(b"Title", doc).ok()?.as_str().ok()?;
    let text = super::pdf_annots::text_string(raw);
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = super::pdf_title::without_footnote_mark(&t);
    super::pdf_title::plausible_title(&t).then_some(t)
}

/// Loads the document; when its cross-reference table is damaged, loads it
/// again with one rebuilt by scanning the file (the flag says so).
fn load(bytes: &[u8]) -> Result<(pdf_extract::Document, bool, usize), PdfError> {
    // Junk before the header ("%PDF-"): offsets count from the header.
    let bytes = match bytes
        .get(..1024)
        .unwrap_or(bytes)
        .windows(5)
        .position(|w| w == b"%PDF-")
    {
        Some(at) if at > 0 => &bytes[at..],
        _ => bytes,
    };
    let (mut doc, repaired) = match pdf_extract::Document::load_mem(bytes) {
        Ok(mut doc) => {
            let recovered = super::pdf_repair::recover_dropped_streams(&mut doc, bytes);
            (doc, recovered > 0)
        }
        Err(e) => {
            let first = PdfError::NotPdf(e.to_string());
            let fixed = super::pdf_repair::rebuild_xref(bytes).ok_or_else(|| first.clone())?;
            let mut doc = catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::Document::load_mem(&fixed.bytes)
            }))
            .ok()
            .and_then(Result::ok)
            .filter(|d| !d.get_pages().is_empty())
            .ok_or(first)?;
            super::pdf_repair::fix_stream_lengths(&mut doc, &fixed.bytes, &fixed.objects);
            (doc, true)
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        doc = in_the_clear(&doc, bytes).ok_or(PdfError::Encrypted)?;
    }
    super::pdf_streams::empty_images(&mut doc);
    super::pdf_streams::decode_unsupported_filters(&mut doc);
    super::pdf_streams::strip_content_comments(&mut doc);
    super::pdf_fonts::normalize(&mut doc);
    super::pdf_font_program::add_text_maps(&mut doc);
    let cut = super::pdf_forms::cut_form_cycles(&mut doc);
    Ok((doc, repaired, cut))
}

/// A file whose password protects only its attachments (its encryption
/// leaves strings and streams as they are: `/StmF` and `/StrF` are
/// `/Identity`, as with `/AuthEvent /EFOpen`), loaded again as if it were
/// not encrypted: its text needs no password. `None` for any other.
fn in_the_clear(doc: &pdf_extract::Document, bytes: &[u8]) -> Option<pdf_extract::Document> {
    let encrypt = doc
        .trailer
        .get_deref(b"Encrypt", doc)
        .ok()?
        .as_dict()
        .ok()?;
    let identity = |key: &[u8]| {
        encrypt.get(key).ok().and_then(|o| o.as_name().ok()) == Some(b"Identity".as_slice())
    };
    if !(identity(b"StmF") && identity(b"StrF")) {
        return None;
    }
    // The trailer's key renamed in place (offsets stay right); a key the
    // PDF reader does not know is ignored.
    let mut copy = bytes.to_vec();
    let key = b"/Encrypt";
    let mut i = 0;
    while let Some(at) = copy[i..].windows(key.len()).position(|w| w == key) {
        let end = i + at + key.len();
        if !copy.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            copy[end - 1] = b'x';
        }
        i = end;
    }
    let clear = pdf_extract::Document::load_mem(&copy).ok()?;
    (!clear.is_encrypted() && !clear.get_pages().is_empty()).then_some(clear)
}

/// Silences panic messages from import workers (they become import errors);
/// every other thread keeps the default behaviour.
pub fn install_quiet_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let quiet = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(QUIET_THREAD_PREFIX));
            if !quiet {
                previous(info);
            }
        }));
    });
}

/// How PDF text extraction is isolated from the app.
#[derive(Clone, Debug)]
pub struct Isolation {
    /// The `thema` executable run as a worker process (`thema __extract-pdf FILE`).
    pub worker: Option<std::path::PathBuf>,
    /// A PDF that takes longer than this is given up.
    pub timeout: std::time::Duration,
    /// Address-space limit of the worker, in bytes.
    pub memory: u64,
}

impl Default for Isolation {
    fn default() -> Self {
        let secs = std::env::var("THEMA_PDF_TIMEOUT")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60);
        let mb: u64 = std::env::var("THEMA_PDF_MEMORY_MB")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(2048);
        Self {
            worker: None,
            timeout: std::time::Duration::from_secs(secs),
            memory: mb << 20,
        }
    }
}

static ISOLATION: std::sync::OnceLock<Isolation> = std::sync::OnceLock::new();

/// Set once at start-up by the `thema` binary: PDFs are then read in a
/// worker process with a time limit and a memory cap.
pub fn set_isolation(i: Isolation) {
    let _ = ISOLATION.set(i);
}

/// Extracts a PDF file's text, in a worker process when one is set up,
/// otherwise in this process (pages still isolated with `catch_unwind`).
pub fn extract_file(path: &std::path::Path, bytes: &[u8]) -> Result<PdfText, PdfError> {
    match ISOLATION.get() {
        Some(iso) if iso.worker.is_some() => extract_in_worker(path, iso),
        _ => extract(bytes),
    }
}

/// Runs `worker __extract-pdf path` with a time limit and memory cap and
/// reads its answer.
pub fn extract_in_worker(path: &std::path::Path, iso: &Isolation) -> Result<PdfText, PdfError> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let worker = iso
        .worker
        .as_ref()
        .ok_or_else(|| PdfError::Worker("no PDF worker is set up".into()))?;
    let mut cmd = Command::new(worker);
    cmd.arg("__extract-pdf")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let limit = iso.memory;
        // SAFETY: setrlimit is async-signal-safe and only affects the child.
        unsafe {
            cmd.pre_exec(move || {
                let rl = libc::rlimit {
                    rlim_cur: limit as libc::rlim_t,
                    rlim_max: limit as libc::rlim_t,
                };
                libc::setrlimit(libc::RLIMIT_AS, &rl);
                Ok(())
            });
        }
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| PdfError::Worker(format!("the PDF reader could not be started ({e})")))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| PdfError::Worker("the PDF reader gave no output".into()))?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > iso.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut(iso.timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
            Err(e) => return Err(PdfError::Worker(format!("the PDF reader failed ({e})"))),
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(match status.code() {
            None => PdfError::Killed,
            Some(_) if out.is_empty() => PdfError::OutOfMemory,
            Some(c) => PdfError::Worker(format!("the PDF reader failed on it (code {c})")),
        });
    }
    decode_worker_answer(&out)
}

/// The worker's JSON answer: `{"pages": [...], "failed": [...]}` or `{"error": "..."}`.
pub fn encode_worker_answer(r: &Result<PdfText, PdfError>) -> String {
    match r {
        Ok(t) => serde_json::json!({
            "pages": t.pages, "failed": t.failed_pages,
            "second": t.second_reader_pages, "title": t.title, "repaired": t.repaired,
            "forms_cut": t.forms_cut, "declared_pages": t.declared_pages,
            "overprinted": t.overprinted, "annotations": t.annotations,
        })
        .to_string(),
        Err(e) => serde_json::json!({ "error": e }).to_string(),
    }
}

fn decode_worker_answer(s: &str) -> Result<PdfText, PdfError> {
    let unreadable = || PdfError::Worker("the PDF reader gave an unreadable answer".into());
    let v: serde_json::Value = serde_json::from_str(s.trim()).map_err(|_| unreadable())?;
    if let Some(e) = v.get("error") {
        return Err(serde_json::from_value(e.clone()).map_err(|_| unreadable())?);
    }
    let pages = v
        .get("pages")
        .and_then(|p| p.as_array())
        .ok_or_else(|| PdfError::Worker("the PDF reader gave no pages".into()))?;
    let numbers = |key: &str| -> Vec<usize> {
        v.get(key)
            .and_then(|p| p.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(serde_json::Value::as_u64)
                    .map(|f| f as usize)
                    .collect()
            })
            .unwrap_or_default()
    };
    let failed = v
        .get("failed")
        .and_then(|p| p.as_array())
        .cloned()
        .unwrap_or_default();
    Ok(PdfText {
        pages: pages
            .iter()
            .map(|p| p.as_str().unwrap_or_default().to_owned())
            .collect(),
        failed_pages: failed
            .iter()
            .filter_map(serde_json::Value::as_u64)
            .map(|f| f as usize)
            .collect(),
        second_reader_pages: numbers("second"),
        declared_pages: v
            .get("declared_pages")
            .and_then(serde_json::Value::as_u64)
            .map(|n| n as usize),
        forms_cut: v
            .get("forms_cut")
            .and_then(serde_json::Value::as_u64)
            .map_or(0, |n| n as usize),
        repaired: v
            .get("repaired")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false),
        title: v.get("title").and_then(|t| t.as_str()).map(str::to_owned),
        annotations: v
            .get("annotations")
            .and_then(|o| serde_json::from_value(o.clone()).ok())
            .unwrap_or_default(),
        overprinted: v
            .get("overprinted")
            .and_then(|o| serde_json::from_value(o.clone()).ok())
            .unwrap_or_default(),
    })
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;
