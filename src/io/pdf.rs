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
