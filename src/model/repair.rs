//! Repairing a damaged project without losing anything: codings whose code
//! or document is gone are moved to a "Lost and found" code or document,
//! ranges past the end are clamped, unknown reviewers are recreated — each
//! change is reported, and no coding is ever deleted.

use super::ids::{CodeId, CodingId, DocId};
use super::project::{Project, Reviewer};
use super::{Code, Document, Source, SourceKind, text};
use std::collections::HashSet;

/// Name of the code (and document title prefix) that receives orphans.
pub const LOST_AND_FOUND: &str = "Lost and found";

/// Repairs `p` in place; returns one sentence per change.
pub fn repair(p: &mut Project) -> Vec<String> {
    let mut notes = Vec::new();
    // Codes: unknown parents and cycles become top-level codes.
    let ids: HashSet<CodeId> = p.codebook.codes.iter().map(|c| c.id).collect();
    for i in 0..p.codebook.codes.len() {
        let (id, parent, name) = {
            let c = &p.codebook.codes[i];
            (c.id, c.parent, c.name.clone())
        };
        if let Some(par) = parent
            && (!ids.contains(&par) || p.codebook.ancestors(id).contains(&id))
        {
            p.codebook.codes[i].parent = None;
            notes.push(format!(
                "code \"{name}\" had a missing or circular parent; it is now a top-level code"
            ));
        }
    }
    let before = p.pinned.len();
    p.pinned.retain(|c| ids.contains(c));
    if p.pinned.len() != before {
        notes.push(format!(
            "{} pinned code(s) that no longer exist were unpinned",
            before - p.pinned.len()
        ));
    }
    // Codings.
    let docs: HashSet<DocId> = p.documents.iter().map(|d| d.id).collect();
    let mut seen_ids: HashSet<CodingId> = HashSet::new();
    let mut lost_code: Option<CodeId> = p
        .codebook
        .codes
        .iter()
        .find(|c| c.name == LOST_AND_FOUND && c.parent.is_none())
        .map(|c| c.id);
    for i in 0..p.codings.len() {
        let c = p.codings[i].clone();
        let mut fixed = c.clone();
        let mut why = Vec::new();
        if !seen_ids.insert(c.id) {
            fixed.id = CodingId::new();
            why.push("it shared its id with another coding".to_owned());
        }
        if !docs.contains(&c.doc) {
            placeholder_document(p, c.doc, c.end, &mut notes);
            why.push(format!("its document {} was missing", c.doc));
        }
        if !p.codebook.contains(c.code) {
            let lf = *lost_code.get_or_insert_with(|| {
                let code = Code {
                    id: CodeId::new(),
                    name: LOST_AND_FOUND.into(),
                    parent: None,
                    color: "#999999".into(),
                    description: "Codings whose code was missing when the project was repaired."
                        .into(),
                };
                let id = code.id;
                p.codebook.codes.push(code);
                notes.push(format!("added the code \"{LOST_AND_FOUND}\""));
                id
            });
            fixed.code = lf;
            why.push(format!("its code {} was missing", c.code));
        }
        if p.reviewer(c.reviewer).is_none() {
            let n = p.reviewers.len() + 1;
            p.reviewers.push(Reviewer {
                id: c.reviewer,
                name: format!("Unknown reviewer {n}"),
                initials: format!("U{n}"),
            });
            notes.push(format!(
                "reviewer {} was missing and was recreated as \"Unknown reviewer {n}\"",
                c.reviewer
            ));
        }
        if let Some(cat) = c.category
            && p.category(cat).is_none()
        {
            fixed.category = None;
            why.push(format!("its category {cat} was missing"));
        }
        let len = p.document(fixed.doc).map(|d| d.char_len()).unwrap_or(0);
        if fixed.end > len || fixed.start >= fixed.end {
            let end = fixed.end.min(len).max(1.min(len));
            let start = fixed.start.min(end.saturating_sub(1));
            why.push(format!(
                "its range {}..{} did not fit the text of {len} chars and became {start}..{end}",
                c.start, c.end
            ));
            fixed.start = start;
            fixed.end = end;
        }
        if !why.is_empty() {
            let note = format!("[Repaired: {}]", why.join("; "));
            fixed.memo = if fixed.memo.is_empty() {
                note.clone()
            } else {
                format!("{}\n{note}", fixed.memo)
            };
            notes.push(format!("coding {}: {}", c.id, why.join("; ")));
            p.codings[i] = fixed;
        }
    }
    // Texts edited outside Thema: keep them, record the new hash.
    for d in &mut p.documents {
        let h = text::text_hash(&d.text);
        if h != d.source.text_hash {
            d.source.text_hash = h;
            notes.push(format!("the text of \"{}\" did not match its hash; the hash was updated (check its codings)", d.title));
        }
    }
    notes
}

fn placeholder_document(p: &mut Project, id: DocId, min_len: usize, notes: &mut Vec<String>) {
    if let Some(d) = p.documents.iter_mut().find(|d| d.id == id) {
        let need = min_len.saturating_sub(d.char_len());
        if need > 0 {
            d.text.push_str(&" ".repeat(need));
            d.source.text_hash = text::text_hash(&d.text);
        }
        return;
    }
    let intro = format!(
        "{LOST_AND_FOUND}: the document this passage belonged to is missing from the project."
    );
    let pad = min_len.saturating_sub(intro.chars().count());
    let body = format!("{intro}{}", " ".repeat(pad));
    let reference = p.next_reference();
    p.documents.push(Document {
        id,
        title: format!("{LOST_AND_FOUND} ({id})"),
        short_ref: String::new(),
        reference,
        source: Source {
            path: String::new(),
            kind: SourceKind::Other,
            text_hash: text::text_hash(&body),
            imported: super::time::now_iso(),
        },
        text: body,
        page_starts: Vec::new(),
        attributes: Default::default(),
        char_count: Default::default(),
    });
    notes.push(format!(
        "added a placeholder document for the missing document {id}"
    ));
}
