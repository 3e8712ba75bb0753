//! A study's bibliographic record as a reference manager holds it: read
//! from RIS, BibTeX, CSL-JSON or EndNote XML (`io::references`), kept on
//! the document it became, and written back out as RIS or CSL-JSON.

use serde::{Deserialize, Serialize};

/// One bibliographic record as read from an export file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reference {
    /// 1-based position of the record in the file (for messages).
    pub record: usize,
    /// Citation key / id / EndNote rec-number, as written.
    pub key: String,
    /// Normalised publication type.
    pub kind: RefKind,
    /// The type as the file named it ("JOUR", "article", "article-journal",
    /// "Journal Article").
    pub kind_label: String,
    /// Unicode, LaTeX accents and braces resolved, whitespace collapsed.
    pub title: String,
    pub authors: Vec<Person>,
    pub year: Option<i32>,
    /// Full date if given ("2019-03-05", "2019/03/05/"), else "".
    pub date: String,
    /// Container title (journal, book title, website).
    pub journal: String,
    pub volume: String,
    pub issue: String,
    pub pages: String,
    pub publisher: String,
    /// Normalised: lower-case, without "https://doi.org/" or "doi:".
    pub doi: String,
    pub url: String,
    pub abstract_text: String,
    pub keywords: Vec<String>,
    pub language: String,
    /// Attachments named in the record.
    pub files: Vec<Attachment>,
    /// N1 / note / annote fields.
    pub notes: Vec<String>,
}

/// An author. A corporate author has the whole name in `family` and an
/// empty `given`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub family: String,
    pub given: String,
}

/// A file a record names. `path` is as the export wrote it, after escapes
/// are decoded and a `file://` prefix is stripped (and percent-decoded);
/// relative paths stay relative and EndNote's `internal-pdf://…` is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub path: String,
    /// MIME type if the file said or the extension tells ("" if unknown).
    pub mime: String,
}

/// Publication type, reduced to what a qualitative evidence synthesis
/// distinguishes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefKind {
    JournalArticle,
    Book,
    Chapter,
    Report,
    Thesis,
    Conference,
    Webpage,
    Dataset,
    Preprint,
    #[default]
    Other,
}

impl RefKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::JournalArticle => "Journal article",
            Self::Book => "Book",
            Self::Chapter => "Book chapter",
            Self::Report => "Report",
            Self::Thesis => "Thesis",
            Self::Conference => "Conference paper",
            Self::Webpage => "Web page",
            Self::Dataset => "Dataset",
            Self::Preprint => "Preprint",
            Self::Other => "Other",
        }
    }
}
