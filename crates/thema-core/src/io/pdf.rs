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
    /// 1-based numbers of pages whose text could not be extracted.
    pub failed_pages: Vec<usize>,
}

/// Thread-name prefix of workers whose panics are expected and reported
/// as import errors rather than printed.
pub const QUIET_THREAD_PREFIX: &str = "thema-import";

/// Extracts the text of every page. Errors are sentences for the reviewer.
pub fn extract(bytes: &[u8]) -> Result<PdfText, String> {
    install_quiet_panic_hook();
    let loaded = catch_unwind(AssertUnwindSafe(|| load(bytes)));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err("the PDF reader could not make sense of its structure".to_owned()),
    };
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if page_numbers.is_empty() {
        return Err("it has no pages".to_owned());
    }
    let mut out = PdfText::default();
    for (i, n) in page_numbers.iter().enumerate() {
        let page = catch_unwind(AssertUnwindSafe(|| {
            let mut s = String::new();
            {
                let mut sink = pdf_extract::PlainTextOutput::new(&mut s);
                pdf_extract::output_doc_page(&doc, &mut sink, *n).map(|_| ())?;
            }
            Ok::<String, pdf_extract::OutputError>(s)
        }));
        match page {
            Ok(Ok(text)) => out.pages.push(text),
            _ => {
                out.pages.push(String::new());
                out.failed_pages.push(i + 1);
            }
        }
    }
    if out.failed_pages.len() == out.pages.len() {
        return Err("no page of it could be read".to_owned());
    }
    Ok(out)
}

fn load(bytes: &[u8]) -> Result<pdf_extract::Document, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| format!("it is not a readable PDF ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("it is password-protected".to_owned());
    }
    Ok(doc)
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
pub fn extract_file(path: &std::path::Path, bytes: &[u8]) -> Result<PdfText, String> {
    match ISOLATION.get() {
        Some(iso) if iso.worker.is_some() => extract_in_worker(path, iso),
        _ => extract(bytes),
    }
}

/// Runs `worker __extract-pdf path` with a time limit and memory cap and
/// reads its answer.
pub fn extract_in_worker(path: &std::path::Path, iso: &Isolation) -> Result<PdfText, String> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let worker = iso.worker.as_ref().ok_or("no PDF worker is set up")?;
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
        .map_err(|e| format!("the PDF reader could not be started ({e})"))?;
    let mut stdout = child.stdout.take().ok_or("the PDF reader gave no output")?;
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
                return Err(format!(
                    "reading it took longer than {} s, so it was stopped (a damaged or unusually complex PDF)",
                    iso.timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
            Err(e) => return Err(format!("the PDF reader failed ({e})")),
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(match status.code() {
            None => {
                "the PDF reader was stopped while reading it (it may need more memory than allowed)"
                    .to_owned()
            }
            Some(_) if out.is_empty() => {
                "the PDF reader ran out of memory or failed on it".to_owned()
            }
            Some(c) => format!("the PDF reader failed on it (code {c})"),
        });
    }
    decode_worker_answer(&out)
}

/// The worker's JSON answer: `{"pages": [...], "failed": [...]}` or `{"error": "..."}`.
pub fn encode_worker_answer(r: &Result<PdfText, String>) -> String {
    match r {
        Ok(t) => serde_json::json!({"pages": t.pages, "failed": t.failed_pages}).to_string(),
        Err(e) => serde_json::json!({"error": e}).to_string(),
    }
}

fn decode_worker_answer(s: &str) -> Result<PdfText, String> {
    let v: serde_json::Value = serde_json::from_str(s.trim())
        .map_err(|_| "the PDF reader gave an unreadable answer".to_owned())?;
    if let Some(e) = v.get("error").and_then(|e| e.as_str()) {
        return Err(e.to_owned());
    }
    let pages = v
        .get("pages")
        .and_then(|p| p.as_array())
        .ok_or("the PDF reader gave no pages")?;
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
    })
}
