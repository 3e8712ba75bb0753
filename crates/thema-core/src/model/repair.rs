//! Repairing a damaged project without losing anything: codings whose code
//! or document is gone are moved to a "Lost and found" code or document,
//! ranges past the end are clamped, unknown reviewers are recreated — each
//! change is reported, and no coding is ever deleted.
//!
//! Hostile values never size anything: a placeholder for a missing document
//! is as long as its codings need, but at most `PLACEHOLDER_MAX_CHARS`;
//! codings beyond that are clamped and reported. A range written backwards
//! (`start > end`) is swapped when both ends fit the text, clamped
//! otherwise, and the coding's memo says what was done.
//!
//! Duplicate ids: the first document (or code) with an id keeps it — it is
//! the one Thema has been showing the codings on — and every later one gets
//! a new id, reported by title (or name). A coding names only an id, so it
//! stays with the first document, unless its range does not fit the first
//! document's text but fits a later duplicate's: then it moves to the first
//! such duplicate (and says so in its memo). Codings and child codes of a
//! duplicated code id stay with the first code, as the code tree and the
//! tables already placed them.

use super::ids::{CodeId, CodingId, DocId};
use super::project::{Project, Reviewer};
use super::{Code, Document, SourceKind, text};
use std::collections::HashSet;

/// Name of the code (and document title prefix) that receives orphans.
pub const LOST_AND_FOUND: &str = "Lost and found";
/// Longest placeholder text made for a missing document, in chars
/// (1,048,576 — longer than any article or interview transcript).
pub const PLACEHOLDER_MAX_CHARS: usize = 1 << 20;

/// Repairs `p` in place; returns one sentence per change.
pub fn repair(p: &mut Project) -> Vec<String> {
    let mut notes = Vec::new();
    let moved_docs = reid_documents(p, &mut notes);
    reid_codes(p, &mut notes);
    // Codes: unknown parents and cycles become top-level codes.
    let ids: HashSet<CodeId> = p.codebook.codes.iter().map(|c| c.id).collect();
    // Cycles are found once (linear); cutting one code of a cycle makes the
    // rest of that cycle an ordinary chain under it, so their marks are
    // cleared as the cut is made.
    let parent_at = p.codebook.parent_index();
    let mut cyclic = p.codebook.on_cycle();
    for i in 0..p.codebook.codes.len() {
        let (parent, name) = {
            let c = &p.codebook.codes[i];
            (c.parent, c.name.clone())
        };
        if let Some(par) = parent
            && (!ids.contains(&par) || cyclic[i])
        {
            if cyclic[i] {
                let mut cur = parent_at[i];
                while let Some(j) = cur {
                    if j == i || !cyclic[j] {
                        break;
                    }
                    cyclic[j] = false;
                    cur = parent_at[j];
                }
                cyclic[i] = false;
            }
            p.codebook.codes[i].parent = None;
            notes.push(format!(
                "code \"{name}\" had a missing or circular parent; it is now a top-level code"
            ));
        }
    }
    let docs: HashSet<DocId> = p.documents.iter().map(|d| d.id).collect();
    let before = p.pinned.len();
    p.pinned.retain(|c| ids.contains(c));
    if p.pinned.len() != before {
        notes.push(format!(
            "{} that no longer {} unpinned",
            crate::words::count(before - p.pinned.len(), "pinned code", "pinned codes"),
            if before - p.pinned.len() == 1 {
                "exists was"
            } else {
                "exist were"
            }
        ));
    }
    // Codings.
    let mut lens: std::collections::HashMap<DocId, usize> =
        p.documents.iter().map(|d| (d.id, d.char_len())).collect();
    // Placeholders for missing documents, as long as their codings need
    // but never longer than PLACEHOLDER_MAX_CHARS.
    let mut missing: Vec<(DocId, usize)> = Vec::new();
    for c in &p.codings {
        if lens.contains_key(&c.doc) {
            continue;
        }
        match missing.iter_mut().find(|(d, _)| *d == c.doc) {
            Some((_, need)) => *need = (*need).max(c.end.max(c.start)),
            None => missing.push((c.doc, c.end.max(c.start))),
        }
    }
    for (doc, need) in missing {
        let len = placeholder_document(p, doc, need.min(PLACEHOLDER_MAX_CHARS), &mut notes);
        lens.insert(doc, len);
    }
    let code_ids: HashSet<CodeId> = p.codebook.codes.iter().map(|c| c.id).collect();
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
        if let Some(m) = moved_docs.get(&i) {
            fixed.doc = m.0;
            why.push(m.1.clone());
        }
        if !docs.contains(&c.doc) {
            why.push(format!("its document {} was missing", c.doc));
        }
        if !code_ids.contains(&c.code) {
            let lf = *lost_code.get_or_insert_with(|| {
                let code = Code {
                    id: CodeId::new(),
                    name: LOST_AND_FOUND.into(),
                    parent: None,
                    color: "#999999".into(),
                    description: "Codings whose code was missing when the project was repaired."
                        .into(),
                    origin: None,
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
        let len = lens.get(&fixed.doc).copied().unwrap_or(0);
        if fixed.start > fixed.end && fixed.start <= len {
            // Written backwards but inside the text: swapping loses nothing.
            why.push(format!(
                "its range {}..{} was written backwards and became {}..{}",
                c.start, c.end, c.end, c.start
            ));
            std::mem::swap(&mut fixed.start, &mut fixed.end);
        }
        if fixed.end > len || fixed.start >= fixed.end {
            let (s0, e0) = (fixed.start.min(fixed.end), fixed.start.max(fixed.end));
            let end = e0.min(len).max(1.min(len));
            let start = s0.min(end.saturating_sub(1));
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

/// Adds a placeholder for the missing document `id`, its text padded to
/// `len` chars (the caller caps it); returns its length in chars.
fn placeholder_document(p: &mut Project, id: DocId, len: usize, notes: &mut Vec<String>) -> usize {
    let intro = format!(
        "{LOST_AND_FOUND}: the document this passage belonged to is missing from the project."
    );
    let pad = len.saturating_sub(intro.chars().count());
    let body = format!("{intro}{}", " ".repeat(pad));
    let chars = body.chars().count();
    let reference = p.next_reference();
    if let Some(note) = p.reference_note() {
        notes.push(note);
    }
    let mut doc = Document::new(
        id,
        format!("{LOST_AND_FOUND} ({id})"),
        String::new(),
        SourceKind::Other,
        body,
    );
    doc.reference = reference;
    p.documents.push(doc);
    notes.push(format!(
        "added a placeholder document of {chars} chars for the missing document {id}"
    ));
    chars
}

/// Gives every later document with an already used id a new id (see the
/// module comment); returns, by coding index, the codings to move to a
/// duplicate with the sentence for their memo.
fn reid_documents(
    p: &mut Project,
    notes: &mut Vec<String>,
) -> std::collections::HashMap<usize, (DocId, String)> {
    let mut first: std::collections::HashMap<DocId, usize> = std::collections::HashMap::new();
    // Per original id: the new ids and lengths of its later duplicates.
    let mut dups: std::collections::HashMap<DocId, Vec<(DocId, usize)>> = Default::default();
    for i in 0..p.documents.len() {
        let id = p.documents[i].id;
        if let std::collections::hash_map::Entry::Vacant(e) = first.entry(id) {
            e.insert(i);
            continue;
        }
        let new = DocId::new();
        p.documents[i].id = new;
        notes.push(format!(
            "document \"{}\" shared its id {id} with \"{}\"; it now has the id {new}",
            p.documents[i].title, p.documents[first[&id]].title
        ));
        let len = p.documents[i].char_len();
        dups.entry(id).or_default().push((new, len));
    }
    let mut moved = std::collections::HashMap::new();
    if dups.is_empty() {
        return moved;
    }
    for (i, c) in p.codings.iter().enumerate() {
        let Some(later) = dups.get(&c.doc) else {
            continue;
        };
        let first_len = p.documents[first[&c.doc]].char_len_cached();
        let end = c.start.max(c.end);
        if end <= first_len {
            continue;
        }
        if let Some((new, _)) = later.iter().find(|(_, len)| end <= *len) {
            moved.insert(
                i,
                (
                    *new,
                    format!(
                        "its range did not fit the first document with the id {} but fits a duplicate, now {new}, so it moved there",
                        c.doc
                    ),
                ),
            );
        }
    }
    if !moved.is_empty() {
        notes.push(format!(
            "{} moved to the re-numbered duplicate {} fit",
            crate::words::count(moved.len(), "coding", "codings"),
            if moved.len() == 1 { "it" } else { "they" }
        ));
    }
    moved
}

/// Gives every later code with an already used id a new id; its codings
/// and child codes stay with the first code of the id.
fn reid_codes(p: &mut Project, notes: &mut Vec<String>) {
    let mut first: std::collections::HashMap<CodeId, usize> = std::collections::HashMap::new();
    for i in 0..p.codebook.codes.len() {
        let id = p.codebook.codes[i].id;
        if let std::collections::hash_map::Entry::Vacant(e) = first.entry(id) {
            e.insert(i);
            continue;
        }
        let new = CodeId::new();
        p.codebook.codes[i].id = new;
        notes.push(format!(
            "code \"{}\" shared its id {id} with code \"{}\"; it now has the id {new} (the codings and sub-codes of {id} stay with \"{}\")",
            p.codebook.codes[i].name,
            p.codebook.codes[first[&id]].name,
            p.codebook.codes[first[&id]].name
        ));
    }
}
