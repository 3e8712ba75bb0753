//! A document: one included study, with its normalised text, where it came
//! from, its page starts (PDFs) and its attribute values.

use super::ids::{AttrId, DocId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What kind of file a document was imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    Pdf,
    Text,
    Markdown,
    Docx,
    /// Created inside Thema or by a tool that does not say.
    Other,
}

/// Where a document's text came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The path it was imported from (informational; never read again).
    pub path: String,
    pub kind: SourceKind,
    /// SHA-256 of the stored (normalised) text, hex.
    pub text_hash: String,
    /// When it was imported.
    #[serde(default)]
    pub imported: String,
}

/// One included study.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub title: String,
    /// Short reference used in quotes, e.g. "Smith 2019".
    #[serde(default)]
    pub short_ref: String,
    /// Reference number used in citation lists, e.g. the 7 in "(2,3,7)".
    pub reference: u32,
    pub source: Source,
    /// Normalised text; never changed after import.
    pub text: String,
    /// Char offsets where pages 2, 3, ... start (page 1 starts at 0). Empty
    /// for sources without pages.
    #[serde(default)]
    pub page_starts: Vec<usize>,
    /// Attribute values by attribute definition.
    #[serde(default)]
    pub attributes: BTreeMap<AttrId, String>,
    /// The reviewer's memo about this document (also what another tool
    /// wrote about the source).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// PDF pages (1-based) whose text looked garbled at import: the view
    /// and the import report say to check them against the PDF.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub garbled_pages: Vec<usize>,
    /// The bibliographic record the study came from (reference import),
    /// written back out by the RIS and CSL-JSON exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bib: Option<Box<super::bib::Reference>>,
    /// Cached char count (not saved; never part of equality).
    #[serde(skip)]
    pub char_count: CharCount,
    /// Cached sentences and paragraphs (not saved; never part of equality).
    #[serde(skip)]
    pub units: UnitsCache,
}

/// A lazily computed char count that compares equal to any other.
#[derive(Clone, Debug, Default)]
pub struct CharCount(std::sync::OnceLock<usize>);

impl CharCount {
    fn get_or_init(&self, f: impl FnOnce() -> usize) -> &usize {
        self.0.get_or_init(f)
    }
}

impl PartialEq for CharCount {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A document's sentences and paragraphs as char ranges, found once and
/// shared (texts never change after import; `SetDocumentText` resets it).
#[derive(Clone, Debug, Default)]
pub struct UnitsCache(std::sync::OnceLock<std::sync::Arc<Units>>);

impl PartialEq for UnitsCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Sentences and paragraphs of a text, each `[start, end)` in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Units {
    pub sentences: Vec<(usize, usize)>,
    pub paragraphs: Vec<(usize, usize)>,
}

impl Document {
    /// The text's sentences and paragraphs, found on first use.
    pub fn units(&self) -> std::sync::Arc<Units> {
        std::sync::Arc::clone(self.units.0.get_or_init(|| {
            let chars: Vec<char> = self.text.chars().collect();
            std::sync::Arc::new(Units {
                sentences: super::units::sentences(&chars),
                paragraphs: super::units::paragraphs(&chars),
            })
        }))
    }

    /// A document of `text` from `path` (of `kind`), imported now: its
    /// hash recorded, no reference number yet (0), no short reference,
    /// pages, attributes or memo.
    pub fn new(id: DocId, title: String, path: String, kind: SourceKind, text: String) -> Self {
        Self {
            id,
            title,
            short_ref: String::new(),
            reference: 0,
            source: Source {
                path,
                kind,
                text_hash: super::text::text_hash(&text),
                imported: super::time::now_iso(),
            },
            text,
            page_starts: Vec::new(),
            attributes: BTreeMap::new(),
            memo: String::new(),
            garbled_pages: Vec::new(),
            bib: None,
            char_count: CharCount::default(),
            units: UnitsCache::default(),
        }
    }

    /// "Smith 2019", or the title when there is no short reference.
    pub fn short_ref_or_title(&self) -> String {
        if self.short_ref.trim().is_empty() {
            self.title.clone()
        } else {
            self.short_ref.clone()
        }
    }

    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }

    /// `char_len`, counted once and remembered (texts never change).
    pub fn char_len_cached(&self) -> usize {
        *self.char_count.get_or_init(|| self.char_len())
    }

    /// 1-based page holding char offset `pos`, if the document has pages.
    pub fn page_of(&self, pos: usize) -> Option<usize> {
        if self.page_starts.is_empty() {
            return None;
        }
        Some(1 + self.page_starts.partition_point(|&s| s <= pos))
    }

    /// "p. 4", or "pp. 4–5" for a passage `[start, end)` that runs over a
    /// page break, if the document has pages.
    pub fn page_label(&self, start: usize, end: usize) -> Option<String> {
        let first = self.page_of(start)?;
        let last = self.page_of(end.saturating_sub(1).max(start))?;
        Some(if last > first {
            format!("pp. {first}\u{2013}{last}")
        } else {
            format!("p. {first}")
        })
    }

    /// The text of char range `[start, end)` (clamped to the text).
    pub fn slice_chars(&self, start: usize, end: usize) -> String {
        self.text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// Attribute value, or "" when unset.
    pub fn attribute(&self, attr: AttrId) -> &str {
        self.attributes.get(&attr).map(String::as_str).unwrap_or("")
    }
}
