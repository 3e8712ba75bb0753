//! Builders for the compound changes a reviewer makes (delete a code with
//! its codings, merge two codes, code a passage...). Each returns a plain
//! `Command`, so undo works for all of them.

use super::Command;
use crate::model::{
    CategoryId, Code, CodeId, Coding, CodingId, DocId, Project, ReviewerId, codebook::PALETTE, time,
};

/// Index in the code vector just after `parent`'s last descendant (or at the
/// end for top-level codes): where a new child appears last among siblings.
pub fn append_index(p: &Project, parent: Option<CodeId>) -> usize {
    match parent {
        None => p.codebook.codes.len(),
        Some(par) => {
            let mut family = p.codebook.descendants(par);
            family.push(par);
            p.codebook
                .codes
                .iter()
                .enumerate()
                .filter(|(_, c)| family.contains(&c.id))
                .map(|(i, _)| i + 1)
                .max()
                .unwrap_or(p.codebook.codes.len())
        }
    }
}

/// A new code under `parent` (last among its siblings). Children inherit
/// their parent's colour; top-level codes take the next palette colour.
pub fn add_code(
    p: &Project,
    parent: Option<CodeId>,
    name: &str,
    description: &str,
) -> (CodeId, Command) {
    let color = match parent.and_then(|id| p.codebook.get(id)) {
        Some(par) => par.color.clone(),
        None => {
            let n = p.codebook.children(None).count();
            PALETTE[n % PALETTE.len()].to_owned()
        }
    };
    let code = Code {
        id: CodeId::new(),
        name: name.to_owned(),
        parent,
        color,
        description: description.to_owned(),
        // Added in Thema after the framework was loaded: it emerged.
        origin: Some(crate::model::codebook::Origin::Emergent),
    };
    let id = code.id;
    (
        id,
        Command::InsertCode {
            index: append_index(p, parent),
            code,
        },
    )
}

/// Codings of `code` and of all its descendants.
pub fn codings_under(p: &Project, code: CodeId) -> Vec<CodingId> {
    let mut family = p.codebook.descendants(code);
    family.push(code);
    p.codings
        .iter()
        .filter(|c| family.contains(&c.code))
        .map(|c| c.id)
        .collect()
}

/// Deletes `code`, its descendants and every coding that uses them.
pub fn delete_code(p: &Project, code: CodeId) -> Command {
    let mut family = p.codebook.descendants(code);
    let mut cmds = vec![Command::RemoveCodings(codings_under(p, code))];
    family.insert(0, code);
    let pins: Vec<CodeId> = p
        .pinned
        .iter()
        .copied()
        .filter(|c| !family.contains(c))
        .collect();
    if pins != p.pinned {
        cmds.push(Command::SetPinned(pins));
    }
    // Children before parents: descendants() lists parents first.
    for id in family.iter().rev() {
        cmds.push(Command::RemoveCode(*id));
    }
    Command::Batch(cmds)
}

/// Merges `from` into `into`: its codings and children move to `into`, then
/// `from` is removed. Exact duplicates that result are removed too.
pub fn merge_codes(p: &Project, from: CodeId, into: CodeId) -> Option<Command> {
    if from == into || p.codebook.ancestors(into).contains(&from) {
        return None;
    }
    let mut cmds = Vec::new();
    let existing: Vec<(DocId, usize, usize, Option<CategoryId>, ReviewerId)> = p
        .codings
        .iter()
        .filter(|c| c.code == into)
        .map(|c| (c.doc, c.start, c.end, c.category, c.reviewer))
        .collect();
    let mut moved = Vec::new();
    let mut dupes = Vec::new();
    for c in p.codings.iter().filter(|c| c.code == from) {
        if existing.contains(&(c.doc, c.start, c.end, c.category, c.reviewer)) {
            dupes.push(c.id);
        } else {
            moved.push(Coding {
                code: into,
                ..c.clone()
            });
        }
    }
    if !dupes.is_empty() {
        cmds.push(Command::RemoveCodings(dupes));
    }
    if !moved.is_empty() {
        cmds.push(Command::ReplaceCodings(moved));
    }
    let children: Vec<CodeId> = p.codebook.children(Some(from)).map(|c| c.id).collect();
    let mut scratch = p.clone();
    for child in children {
        let index = append_index(&scratch, Some(into));
        let cmd = Command::MoveCode {
            code: child,
            parent: Some(into),
            index,
        };
        let _ = super::apply(&mut scratch, cmd.clone());
        cmds.push(cmd);
    }
    if p.pinned.contains(&from) {
        let mut pins: Vec<CodeId> = p.pinned.iter().copied().filter(|c| *c != from).collect();
        if !pins.contains(&into) {
            pins.push(into);
        }
        cmds.push(Command::SetPinned(pins));
    }
    cmds.push(Command::RemoveCode(from));
    Some(Command::Batch(cmds))
}

/// Moves `code` under `parent`, placed before sibling `before` (or last).
pub fn move_code(
    p: &Project,
    code: CodeId,
    parent: Option<CodeId>,
    before: Option<CodeId>,
) -> Option<Command> {
    if p.codebook.would_cycle(code, parent) {
        return None;
    }
    // Positions are computed on the vector without the moved subtree's root.
    let mut scratch = p.codebook.clone();
    scratch.codes.retain(|c| c.id != code);
    let index = match before.and_then(|b| scratch.index_of(b)) {
        Some(i) => i,
        None => {
            let mut tmp = p.clone();
            tmp.codebook = scratch;
            append_index(&tmp, parent)
        }
    };
    Some(Command::MoveCode {
        code,
        parent,
        index,
    })
}

/// A new coding by `reviewer`, stamped now.
pub fn new_coding(
    doc: DocId,
    start: usize,
    end: usize,
    code: CodeId,
    category: Option<CategoryId>,
    reviewer: ReviewerId,
) -> Coding {
    Coding {
        id: CodingId::new(),
        doc,
        start: start.min(end),
        end: start.max(end),
        code,
        category,
        reviewer,
        memo: String::new(),
        created: time::now_iso(),
        check: None,
    }
}

/// Renumbers every document 1..n in list order.
pub fn renumber_documents(p: &Project) -> Command {
    Command::Batch(
        p.documents
            .iter()
            .enumerate()
            .map(|(i, d)| Command::SetDocumentMeta {
                doc: d.id,
                title: d.title.clone(),
                short_ref: d.short_ref.clone(),
                reference: i as u32 + 1,
            })
            .collect(),
    )
}

/// Removes a document together with its codings.
pub fn remove_document(p: &Project, doc: DocId) -> Command {
    let codings: Vec<CodingId> = p.codings_of(doc).map(|c| c.id).collect();
    let mut cmds = Vec::new();
    if !codings.is_empty() {
        cmds.push(Command::RemoveCodings(codings));
    }
    cmds.push(Command::RemoveDocument(doc));
    Command::Batch(cmds)
}

/// Adds imported documents at the end of the list, numbering them on from
/// the highest reference number in use.
///
/// Documents without a reference get the free numbers of
/// `Project::next_references` (never a wrapped 0; `Project::reference_note`
/// says when they had to be taken from below the largest).
pub fn add_documents(p: &Project, docs: Vec<crate::model::Document>) -> Command {
    let wanted = docs.iter().filter(|d| d.reference == 0).count();
    let mut free = p.next_references(wanted).into_iter();
    let base = p.documents.len();
    Command::Batch(
        docs.into_iter()
            .enumerate()
            .map(|(i, mut doc)| {
                if doc.reference == 0 {
                    doc.reference = free.next().unwrap_or(0);
                }
                Command::InsertDocument {
                    index: base + i,
                    doc: Box::new(doc),
                }
            })
            .collect(),
    )
}
