//! Reference-manager exports in and out: RIS, BibTeX/BibLaTeX, CSL-JSON and
//! EndNote XML are read into [`Reference`]s; RIS and CSL-JSON are written.
//!
//! The input is untrusted and often a little broken, so reading is
//! tolerant: one bad record becomes a [`Problem`] and the others are still
//! read. Nothing the file says drives recursion, and the sizes are capped
//! (see [`Limits`]). Whatever is left out or changed is reported — a
//! reviewer must be able to account for every record of a search.

mod bibtex;
mod collect;
mod csl;
mod endnote;
mod ris;
mod text;
mod write;

#[cfg(test)]
mod tests;

pub use write::{to_csl_json, to_ris};

pub use crate::model::bib::{Attachment, Person, RefKind, Reference};

/// The export formats Thema reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Ris,
    Bibtex,
    CslJson,
    EndnoteXml,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Self::Ris => "RIS",
            Self::Bibtex => "BibTeX",
            Self::CslJson => "CSL-JSON",
            Self::EndnoteXml => "EndNote XML",
        }
    }
}

/// A record that could not be read whole, or was left out. `record` is the
/// record's 1-based position, or 0 for the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub record: usize,
    /// A full sentence a reviewer understands.
    pub message: String,
}

/// What [`parse`] read.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub format: Format,
    pub records: Vec<Reference>,
    pub problems: Vec<Problem>,
}

/// Largest file read (64 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Most records read from one file.
pub const MAX_RECORDS: usize = 100_000;
/// Longest single field kept (1 MiB); longer ones are cut.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Most problems listed; the rest are counted in one last problem.
pub const MAX_PROBLEMS: usize = 10_000;
/// Most authors, keywords, files or notes kept per record.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// The caps [`parse`] applies; [`parse_with_limits`] takes others (tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_records: usize,
    pub max_field_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: MAX_FILE_BYTES,
            max_records: MAX_RECORDS,
            max_field_bytes: MAX_FIELD_BYTES,
        }
    }
}

/// Reads an export; the format is detected from the content (the file
/// name's extension is a hint). `Err` only when the whole file is unusable
/// (not a reference file at all, too large, empty), with a sentence.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Parsed, String> {
    parse_with_limits(bytes, file_name, &Limits::default())
}

/// [`parse`] with other caps.
pub fn parse_with_limits(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Parsed, String> {
    let shown = if file_name.trim().is_empty() {
        "The file".to_owned()
    } else {
        format!("“{file_name}”")
    };
    if bytes.len() > limits.max_file_bytes {
        return Err(format!(
            "{shown} is larger than {}, the most Thema reads from a reference file.",
            text::size(limits.max_file_bytes)
        ));
    }
    let decoded = text::decode(bytes);
    if decoded.text.trim().is_empty() {
        return Err(format!("{shown} is empty."));
    }
    let Some(format) = detect(&decoded.text, file_name) else {
        return Err(format!(
            "{shown} is not a reference export Thema can read \
             (RIS, BibTeX, CSL-JSON or EndNote XML)."
        ));
    };
    let mut out = collect::Collector::new(limits, &decoded.fallback);
    if let Some(note) = decoded.note {
        out.file_problem(note);
    }
    match format {
        Format::Ris => ris::read(&decoded.text, &mut out),
        Format::Bibtex => bibtex::read(&decoded.text, &mut out),
        Format::CslJson => csl::read(&decoded.text, &mut out),
        Format::EndnoteXml => endnote::read(&decoded.text, &mut out),
    }
    if out.seen() == 0 {
        return Err(format!(
            "{shown} looks like a {} file but holds no references.",
            format.name()
        ));
    }
    Ok(out.finish(format))
}

/// Which format the text is in, trying the one the extension suggests
/// first.
fn detect(text: &str, file_name: &str) -> Option<Format> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let hint = match ext.as_str() {
        "ris" | "txt" => Some(Format::Ris),
        "bib" | "bibtex" | "biblatex" => Some(Format::Bibtex),
        "json" | "csl" => Some(Format::CslJson),
        "xml" => Some(Format::EndnoteXml),
        _ => None,
    };
    let order = [
        Format::EndnoteXml,
        Format::CslJson,
        Format::Ris,
        Format::Bibtex,
    ];
    hint.into_iter().chain(order).find(|f| looks_like(*f, text))
}

fn looks_like(format: Format, text: &str) -> bool {
    let t = text.trim_start();
    match format {
        Format::EndnoteXml => {
            (t.starts_with("<?xml") || t.starts_with("<xml"))
                && (t.contains("<records>") || t.contains("<record>"))
        }
        Format::CslJson => {
            (t.starts_with('[') || t.starts_with('{'))
                && (t.contains("\"title\"") || t.contains("\"type\""))
        }
        Format::Ris => ris::looks_like(t),
        Format::Bibtex => bibtex::looks_like(t),
    }
}
