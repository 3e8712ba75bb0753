//! Re-importing a changed source: each coded passage is looked up in the
//! new text (exactly, then ignoring whitespace, then by its first and last
//! words) and its coding moved there. Passages that cannot be placed stay
//! with a copy of the previous version of the document, so no coding is
//! shifted silently or lost.

use super::Command;
use crate::model::{Coding, CodingId, DocId, Document, Project, text};

/// How a passage was found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Exact,
    Whitespace,
    Ends,
}

/// The outcome for one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Reanchored {
    pub placed: Vec<(CodingId, usize, usize, Found)>,
    pub unplaced: Vec<CodingId>,
}

fn char_positions(hay: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle)
        .map(|(b, _)| hay[..b].chars().count())
        .collect()
}

/// Finds each coding's passage of `old` in `new_text`.
pub fn locate(old: &Document, new_text: &str, codings: &[&Coding]) -> Reanchored {
    let new_len = new_text.chars().count();
    let old_len = old.char_len().max(1);
    let mut placed = Vec::new();
    let mut unplaced = Vec::new();
    for c in codings {
        let passage = old.slice_chars(c.start, c.end);
        let expected = c.start * new_len / old_len;
        let n = passage.chars().count();
        // 1. Exact, nearest to where it used to be.
        let exact = char_positions(new_text, &passage)
            .into_iter()
            .min_by_key(|p| p.abs_diff(expected));
        if let Some(s) = exact {
            placed.push((c.id, s, s + n, Found::Exact));
            continue;
        }
        // 2. Same words, different spacing or line breaks.
        if let Some((s, e)) = text::find_loose(new_text, &passage) {
            placed.push((c.id, s, e, Found::Whitespace));
            continue;
        }
        // 3. The first and last few words, in order, at a similar length.
        let words: Vec<&str> = passage.split_whitespace().collect();
        if words.len() >= 8 {
            let head = words[..4].join(" ");
            let tail = words[words.len() - 4..].join(" ");
            if let Some((hs, _)) = text::find_loose(new_text, &head) {
                let after: String = new_text.chars().skip(hs).collect();
                if let Some((_, te)) = text::find_loose(&after, &tail) {
                    let len = te;
                    if len * 10 >= n * 7 && len * 10 <= n * 13 {
                        placed.push((c.id, hs, hs + len, Found::Ends));
                        continue;
                    }
                }
            }
        }
        unplaced.push(c.id);
    }
    Reanchored { placed, unplaced }
}

/// The command replacing `old_id`'s text by `new_doc`'s, moving the codings
/// found, and keeping the previous version (with the codings not found) as
/// a separate document when some could not be placed.
pub fn replace_document(
    p: &Project,
    old_id: DocId,
    new_doc: &Document,
) -> Option<(Command, Reanchored)> {
    let old = p.document(old_id)?;
    let codings: Vec<&Coding> = p.codings_of(old_id).collect();
    let result = locate(old, &new_doc.text, &codings);
    let mut cmds = Vec::new();
    let all: Vec<CodingId> = codings.iter().map(|c| c.id).collect();
    if !all.is_empty() {
        cmds.push(Command::RemoveCodings(all));
    }
    let index = p.doc_index(old_id)?;
    cmds.push(Command::RemoveDocument(old_id));
    let mut updated = new_doc.clone();
    updated.id = old_id;
    updated.title = old.title.clone();
    updated.short_ref = old.short_ref.clone();
    updated.reference = old.reference;
    updated.attributes = old.attributes.clone();
    cmds.push(Command::InsertDocument {
        index,
        doc: Box::new(updated),
    });
    let moved: Vec<Coding> = result
        .placed
        .iter()
        .filter_map(|(id, s, e, _)| {
            p.coding(*id).map(|c| Coding {
                start: *s,
                end: *e,
                ..c.clone()
            })
        })
        .collect();
    if !moved.is_empty() {
        cmds.push(Command::AddCodings(moved));
    }
    if !result.unplaced.is_empty() {
        let mut previous = old.clone();
        previous.id = DocId::new();
        previous.title = format!("{} (previous version)", old.title);
        previous.reference = p.next_reference();
        let keep: Vec<Coding> = result
            .unplaced
            .iter()
            .filter_map(|id| p.coding(*id))
            .map(|c| Coding {
                doc: previous.id,
                ..c.clone()
            })
            .collect();
        cmds.push(Command::InsertDocument {
            index: index + 1,
            doc: Box::new(previous),
        });
        cmds.push(Command::AddCodings(keep));
    }
    Some((Command::Batch(cmds), result))
}

/// Replaces several changed sources at once: one command for all of them
/// and one report line each ("Title: 12 coding(s) found again (…)").
pub fn replace_documents(p: &Project, changed: Vec<(DocId, Document)>) -> (Command, Vec<String>) {
    let mut scratch = p.clone();
    let mut cmds = Vec::new();
    let mut lines = Vec::new();
    for (old_id, new_doc) in changed {
        let title = scratch
            .document(old_id)
            .map(|d| d.title.clone())
            .unwrap_or_default();
        let Some((cmd, r)) = replace_document(&scratch, old_id, &new_doc) else {
            continue;
        };
        let count = |f: Found| r.placed.iter().filter(|x| x.3 == f).count();
        let mut line = format!(
            "{title}: changed since it was imported; {} found again ({} exactly, {} with different spacing, {} by their first and last words)",
            crate::words::count(r.placed.len(), "coding", "codings"),
            count(Found::Exact),
            count(Found::Whitespace),
            count(Found::Ends)
        );
        if !r.unplaced.is_empty() {
            line.push_str(&format!(
                "; {} could not be placed and stay on a copy of the previous version",
                r.unplaced.len()
            ));
        }
        match super::apply(&mut scratch, cmd.clone()) {
            Ok(_) => {
                cmds.push(cmd);
                lines.push(line);
            }
            Err(e) => lines.push(format!(
                "{title}: the new version could not replace the old one ({e}); nothing was changed"
            )),
        }
    }
    (Command::Batch(cmds), lines)
}
