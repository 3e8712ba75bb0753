//! Memos: what reviewers write about the project, a document, a code or a
//! coded passage, each with its author and dates.
//!
//! Project and code memos are `Project::memos`. A document's memo is its
//! `memo` field and a passage's memo the coding's `memo` (other tools and
//! the tables read them there); who wrote those and when is kept in
//! `Project::memo_stamps`. `all` lists every memo the same way for the
//! Memos view, the audit file and the exchange formats.

use super::{CodeId, CodingId, DocId, Document, MemoId, Project, ReviewerId};
use serde::{Deserialize, Serialize};

/// What a memo is about.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum About {
    /// The review as a whole.
    #[default]
    Project,
    Document(DocId),
    Code(CodeId),
    /// A coded passage.
    Coding(CodingId),
    /// A framework-matrix cell: what one study says about one theme (the
    /// charting step of framework synthesis).
    Chart {
        doc: DocId,
        code: CodeId,
    },
}

/// The kinds of memo, for filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemoKind {
    Project,
    Document,
    Code,
    Passage,
    Chart,
}

impl MemoKind {
    pub const ALL: [Self; 5] = [
        Self::Project,
        Self::Document,
        Self::Code,
        Self::Passage,
        Self::Chart,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Project => "Project",
            Self::Document => "Document",
            Self::Code => "Code",
            Self::Passage => "Passage",
            Self::Chart => "Chart",
        }
    }
}

impl About {
    pub fn kind(self) -> MemoKind {
        match self {
            Self::Project => MemoKind::Project,
            Self::Document(_) => MemoKind::Document,
            Self::Code(_) => MemoKind::Code,
            Self::Coding(_) => MemoKind::Passage,
            Self::Chart { .. } => MemoKind::Chart,
        }
    }
}

/// Who wrote a document's or passage's memo, and when (ISO 8601).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub about: About,
    #[serde(default)]
    pub author: Option<ReviewerId>,
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub modified: String,
}

/// One memo as it is listed and exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub about: About,
    /// Project and code memos; `None` for document and passage memos.
    pub id: Option<MemoId>,
    pub title: String,
    pub text: String,
    pub author: Option<ReviewerId>,
    pub created: String,
    pub modified: String,
    /// Drafted by Thema from the passages (a chart cell's auto-fill) and
    /// not edited by a reviewer since.
    pub draft: bool,
}

impl Entry {
    /// The later of modified and created: when it was last written.
    pub fn when(&self) -> &str {
        if self.modified.is_empty() {
            &self.created
        } else {
            &self.modified
        }
    }
}

/// Every memo of the project: project memos, then each document's memo,
/// code memos in tree order, passage memos in document order, and chart
/// summaries by study and theme.
pub fn all(p: &Project) -> Vec<Entry> {
    let stamp = |about: About| p.memo_stamps.iter().find(|s| s.about == about);
    let mut out: Vec<Entry> = p
        .memos
        .iter()
        .filter(|m| m.about == About::Project)
        .map(entry_of)
        .collect();
    for d in p.documents.iter().filter(|d| !d.memo.trim().is_empty()) {
        let about = About::Document(d.id);
        let s = stamp(about);
        out.push(Entry {
            about,
            id: None,
            title: d.short_ref_or_title(),
            text: d.memo.clone(),
            author: s.and_then(|s| s.author),
            created: s.map(|s| s.created.clone()).unwrap_or_default(),
            modified: s.map(|s| s.modified.clone()).unwrap_or_default(),
            draft: false,
        });
    }
    for c in &p.codebook.codes {
        for m in p.memos.iter().filter(|m| m.about == About::Code(c.id)) {
            out.push(entry_of(m));
        }
    }
    let pos = p.doc_positions();
    let mut codings: Vec<_> = p
        .codings
        .iter()
        .filter(|c| !c.memo.trim().is_empty())
        .collect();
    codings.sort_by_key(|c| (pos.get(&c.doc).copied().unwrap_or(usize::MAX), c.start));
    for c in codings {
        let about = About::Coding(c.id);
        let s = stamp(about);
        out.push(Entry {
            about,
            id: None,
            title: link(p, about),
            text: c.memo.clone(),
            // A passage memo without a stamp is the coder's.
            author: s.and_then(|s| s.author).or(Some(c.reviewer)),
            created: s.map_or_else(|| c.created.clone(), |s| s.created.clone()),
            modified: s.map(|s| s.modified.clone()).unwrap_or_default(),
            draft: false,
        });
    }
    let code_pos = p.codebook.positions();
    let mut charts: Vec<&super::Memo> = p
        .memos
        .iter()
        .filter(|m| matches!(m.about, About::Chart { .. }))
        .collect();
    charts.sort_by_key(|m| match m.about {
        About::Chart { doc, code } => (
            pos.get(&doc).copied().unwrap_or(usize::MAX),
            code_pos.get(&code).copied().unwrap_or(usize::MAX),
        ),
        _ => (usize::MAX, usize::MAX),
    });
    out.extend(charts.into_iter().map(|m| Entry {
        title: link(p, m.about),
        ..entry_of(m)
    }));
    out
}

fn entry_of(m: &super::Memo) -> Entry {
    Entry {
        about: m.about,
        id: Some(m.id),
        title: m.title.clone(),
        text: m.text.clone(),
        author: m.author,
        created: m.created.clone(),
        modified: m.modified.clone(),
        draft: m.draft,
    }
}

/// What a memo is about, in words: "the project", "[3] Okafor 2021",
/// "code Relational factors > Leadership", "Okafor 2021, p. 4: “…”".
pub fn link(p: &Project, about: About) -> String {
    match about {
        About::Project => "the project".to_owned(),
        About::Document(d) => p.document(d).map_or_else(
            || "a deleted document".to_owned(),
            |d| format!("[{}] {}", d.reference, d.short_ref_or_title()),
        ),
        About::Code(c) => p.codebook.get(c).map_or_else(
            || "a deleted code".to_owned(),
            |_| format!("code {}", p.codebook.path(c)),
        ),
        About::Chart { doc, code } => {
            let study = p.document(doc).map_or_else(
                || "a deleted document".to_owned(),
                Document::short_ref_or_title,
            );
            let theme = p
                .codebook
                .get(code)
                .map_or_else(|| "a deleted code".to_owned(), |k| k.name.clone());
            format!("{study} × {theme}")
        }
        About::Coding(id) => {
            let Some(c) = p.coding(id) else {
                return "a deleted passage".to_owned();
            };
            let Some(d) = p.document(c.doc) else {
                return "a passage of a deleted document".to_owned();
            };
            let page = d
                .page_label(c.start, c.end)
                .map(|l| format!(", {l}"))
                .unwrap_or_default();
            let quote = d.slice_chars(c.start, c.end.min(c.start + 80));
            let more = if c.end > c.start + 80 { "…" } else { "" };
            let code = p
                .codebook
                .get(c.code)
                .map(|k| format!(" ({})", k.name))
                .unwrap_or_default();
            format!(
                "{}{page}: \u{201c}{}{more}\u{201d}{code}",
                d.short_ref_or_title(),
                quote.replace('\n', " ")
            )
        }
    }
}

/// What the Memos view filters by; empty fields let everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: Option<MemoKind>,
    pub author: Option<ReviewerId>,
    /// Written on or after this date ("2026-11-01", or "2026-11").
    pub since: String,
    /// Words in the title or text (any case).
    pub text: String,
}

impl Filter {
    pub fn accepts(&self, e: &Entry) -> bool {
        if self.kind.is_some_and(|k| k != e.about.kind()) {
            return false;
        }
        if self.author.is_some_and(|a| Some(a) != e.author) {
            return false;
        }
        let since = self.since.trim();
        if !since.is_empty() && e.when().get(..since.len()).is_none_or(|w| w < since) {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || e.text.to_lowercase().contains(&needle)
            || e.title.to_lowercase().contains(&needle)
    }
}
