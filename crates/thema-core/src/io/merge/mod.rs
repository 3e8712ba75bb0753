//! Lossless, ID-based merge of two project files (e.g. two reviewers'
//! copies). Documents match by id, else by text hash; codes by id, else by
//! path; categories and attributes by id, else by name. Codings are united
//! and exact duplicates collapsed. Where both sides changed the same object
//! differently, the first project's version is kept, the second's is kept
//! too where it can be (as a separate document or coding), and the
//! conflict is listed — nothing is dropped silently. Merging the same file
//! twice changes nothing.
//!
//! When B holds the same coding as A (same id and passage, or an exact
//! duplicate under another id), what only B has is carried over: B's memo
//! is added to A's ("A's memo\n\n— from B: B's memo") unless A's already
//! contains it, and B's check is taken when A's coding has none. When both
//! have a different check, one stays the coding's check and the other is
//! written into the memo ("— another check: …"), listed in the report: the
//! coding keeps an unresolved dispute if either side has one (so it stays
//! in the checking queue), otherwise A's check.
//!
//! Appraisals are merged too (`appraisal.rs`): answers by study, reviewer,
//! checklist and item; a different answer to the same item is a conflict.
//!
//! A code of B whose parent is in neither project (or whose parents form a
//! cycle) is put under the top-level "Lost and found" code, the one
//! `thema check --repair` uses, and listed in the report.

mod appraisal;
mod findings;
mod notes;
mod report;
use crate::model::repair::LOST_AND_FOUND;
use crate::model::{
    AttrId, AttrKind, CategoryId, Code, CodeId, Coding, CodingId, DocId, Document, IdMap, Project,
    ReviewerId,
};
use std::collections::HashSet;

pub use report::{Conflict, MergeReport};

/// A stable id for the second project's version of a conflicting object, so
/// that merging again finds it instead of adding it twice.
fn derived(id: uuid::Uuid, salt: &str) -> uuid::Uuid {
    let h = crate::model::text::text_hash(&format!("{id}/{salt}"));
    let mut bytes = [0u8; 16];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&h[i * 2..i * 2 + 2], 16).unwrap_or(0);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5-like
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes)
}

/// Merging as an edit: the command that turns `base` into its merge with
/// `other` (applying it returns the inverse, which restores `base`), and
/// the report of what the merge did. The window and the CLI both merge
/// through this.
pub fn merge_command(base: &Project, other: &Project) -> (crate::edit::Command, MergeReport) {
    let (merged, report) = merge(base, other);
    (
        crate::edit::Command::ReplaceProject(Box::new(merged)),
        report,
    )
}

/// Merges `other` into a copy of `base`.
pub fn merge(base: &Project, other: &Project) -> (Project, MergeReport) {
    let mut p = base.clone();
    let mut r = MergeReport::default();

    // Reviewers by id.
    let mut rev_map: IdMap<ReviewerId, ReviewerId> = IdMap::default();
    for rv in &other.reviewers {
        match p.reviewers.iter().find(|x| x.id == rv.id) {
            Some(x) => {
                if x.name != rv.name || x.initials != rv.initials {
                    r.conflicts.push(Conflict {
                        what: format!("reviewer {}", rv.id),
                        kept: x.name.clone(),
                        other: rv.name.clone(),
                    });
                }
            }
            None => {
                p.reviewers.push(rv.clone());
                r.reviewers_added.push(rv.name.clone());
            }
        }
        rev_map.insert(rv.id, rv.id);
    }

    // Categories by id, else by name.
    let mut cat_map: IdMap<CategoryId, CategoryId> = IdMap::default();
    for c in &other.categories {
        let found = p.categories.iter().find(|x| x.id == c.id).or_else(|| {
            p.categories
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(&c.name))
        });
        match found {
            Some(x) => {
                if x.id == c.id && x.name != c.name {
                    r.conflicts.push(Conflict {
                        what: "category name".into(),
                        kept: x.name.clone(),
                        other: c.name.clone(),
                    });
                }
                cat_map.insert(c.id, x.id);
            }
            None => {
                p.categories.push(c.clone());
                r.categories_added.push(c.name.clone());
                cat_map.insert(c.id, c.id);
            }
        }
    }

    // Attribute definitions by id, else by name; choice lists are united.
    let mut attr_map: IdMap<AttrId, AttrId> = IdMap::default();
    for a in &other.attributes {
        let idx = p.attributes.iter().position(|x| x.id == a.id).or_else(|| {
            p.attributes
                .iter()
                .position(|x| x.name.eq_ignore_ascii_case(&a.name))
        });
        match idx {
            Some(i) => {
                let x = &mut p.attributes[i];
                attr_map.insert(a.id, x.id);
                match (&mut x.kind, &a.kind) {
                    (AttrKind::Choice(mine), AttrKind::Choice(theirs)) => {
                        for c in theirs {
                            if !mine.contains(c) {
                                mine.push(c.clone());
                            }
                        }
                    }
                    (k1, k2) if std::mem::discriminant(k1) != std::mem::discriminant(k2) => {
                        r.conflicts.push(Conflict {
                            what: format!("kind of attribute {}", x.name),
                            kept: format!("{k1:?}"),
                            other: format!("{k2:?}"),
                        });
                    }
                    _ => {}
                }
                if x.bins.is_empty() && !a.bins.is_empty() {
                    x.bins = a.bins.clone();
                }
            }
            None => {
                p.attributes.push(a.clone());
                r.attributes_added.push(a.name.clone());
                attr_map.insert(a.id, a.id);
            }
        }
    }

    // Documents by id, else by text hash.
    let mut doc_map: IdMap<DocId, DocId> = IdMap::default();
    for d in &other.documents {
        let by_id = p.documents.iter().position(|x| x.id == d.id);
        let target = match by_id {
            Some(i) if p.documents[i].source.text_hash == d.source.text_hash => Some(i),
            Some(i) => {
                // Same document, different text: keep both versions.
                let copy_id = DocId(derived(d.id.0, "text"));
                r.conflicts.push(Conflict {
                    what: format!("text of \"{}\"", d.title),
                    kept: "first project's text".into(),
                    other: "second project's text, added as a separate document".into(),
                });
                if let Some(j) = p.documents.iter().position(|x| x.id == copy_id) {
                    Some(j)
                } else {
                    let mut copy = remap_doc(d, &attr_map);
                    copy.id = copy_id;
                    copy.title = format!("{} (other version)", d.title);
                    copy.reference = p.next_reference();
                    r.documents_added.push(copy.title.clone());
                    p.documents.push(copy);
                    let _ = i;
                    Some(p.documents.len() - 1)
                }
            }
            None => match p
                .documents
                .iter()
                .position(|x| x.source.text_hash == d.source.text_hash)
            {
                Some(i) => {
                    r.documents_matched_by_text += 1;
                    Some(i)
                }
                None => None,
            },
        };
        match target {
            Some(i) => {
                doc_map.insert(d.id, p.documents[i].id);
                merge_doc_fields(&mut p.documents[i], d, &attr_map, &mut r);
            }
            None => {
                let mut copy = remap_doc(d, &attr_map);
                if p.documents.iter().any(|x| x.reference == copy.reference) || copy.reference == 0
                {
                    copy.reference = p.next_reference();
                }
                r.documents_added.push(copy.title.clone());
                doc_map.insert(d.id, d.id);
                p.documents.push(copy);
            }
        }
    }

    // Codes by id, else by path; parents before children.
    let mut code_map: IdMap<CodeId, CodeId> = IdMap::default();
    let mut lost: Option<CodeId> = p
        .codebook
        .codes
        .iter()
        .find(|c| c.name == LOST_AND_FOUND && c.parent.is_none())
        .map(|c| c.id);
    for (i, _) in other.codebook.tree() {
        let c = &other.codebook.codes[i];
        // A parent B maps, else one A has; otherwise (missing from both,
        // or a cycle) "Lost and found", made when such a code is added.
        let resolved = c.parent.map(|pa| match code_map.get(&pa) {
            Some(m) => Some(*m),
            None if p.codebook.contains(pa) => Some(pa),
            None => None,
        });
        let orphan = matches!(resolved, Some(None));
        let parent = resolved.flatten();
        if let Some(x) = p.codebook.get(c.id) {
            if x.name != c.name || x.color != c.color || x.description != c.description {
                r.conflicts.push(Conflict {
                    what: format!("code \"{}\"", x.name),
                    kept: describe_code(x),
                    other: describe_code(c),
                });
            }
            if x.parent != parent {
                r.conflicts.push(Conflict {
                    what: format!("place of code \"{}\"", x.name),
                    kept: p.codebook.path(x.id),
                    other: other.codebook.path(c.id),
                });
            }
            code_map.insert(c.id, c.id);
            continue;
        }
        let path = other.codebook.path(c.id);
        let match_parent = if orphan { lost } else { parent };
        let found = if orphan && lost.is_none() {
            None
        } else {
            p.codebook
                .codes
                .iter()
                .find(|x| x.parent == match_parent && x.name == c.name)
                .map(|x| x.id)
        };
        if let Some(found) = found {
            r.codes_matched_by_path += 1;
            code_map.insert(c.id, found);
            continue;
        }
        let parent = if orphan {
            Some(*lost.get_or_insert_with(|| {
                let code = Code {
                    id: CodeId(derived(uuid::Uuid::nil(), LOST_AND_FOUND)),
                    name: LOST_AND_FOUND.into(),
                    parent: None,
                    color: "#999999".into(),
                    description: "Codes whose parent was missing when two projects were merged."
                        .into(),
                    origin: None,
                };
                let id = code.id;
                p.codebook.codes.push(code);
                id
            }))
        } else {
            parent
        };
        if orphan {
            r.codes_reparented.push(format!(
                "code \"{}\" of the second project names a parent ({}) that neither project has; it was put under \"{LOST_AND_FOUND}\"",
                c.name,
                c.parent.map(|x| x.to_string()).unwrap_or_default()
            ));
        }
        let index = crate::edit::ops::append_index(&p, parent);
        p.codebook.codes.insert(
            index,
            Code {
                parent,
                ..c.clone()
            },
        );
        r.codes_added.push(path);
        code_map.insert(c.id, c.id);
    }
    for pin in &other.pinned {
        if let Some(m) = code_map.get(pin)
            && !p.pinned.contains(m)
            && p.pinned.len() < 9
        {
            p.pinned.push(*m);
        }
    }

    // Codings: united, exact duplicates collapsed, conflicting versions kept.
    type Key = (DocId, usize, usize, CodeId, Option<CategoryId>, ReviewerId);
    let key = |c: &Coding| -> Key { (c.doc, c.start, c.end, c.code, c.category, c.reviewer) };
    let mut keys: std::collections::HashMap<Key, usize> = Default::default();
    for (i, c) in p.codings.iter().enumerate() {
        keys.entry(key(c)).or_insert(i);
    }
    let ids: IdMap<CodingId, usize> = p
        .codings
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut present: HashSet<CodingId> = p.codings.iter().map(|c| c.id).collect();
    for c in &other.codings {
        let (Some(&doc), Some(&code), Some(&reviewer)) = (
            doc_map.get(&c.doc),
            code_map.get(&c.code),
            rev_map.get(&c.reviewer),
        ) else {
            r.conflicts.push(Conflict {
                what: format!("coding {}", c.id),
                kept: "nothing".into(),
                other: "it points to a document, code or reviewer missing from its own file".into(),
            });
            continue;
        };
        let category = c.category.and_then(|k| cat_map.get(&k).copied());
        let mapped = Coding {
            doc,
            code,
            reviewer,
            category,
            ..c.clone()
        };
        if let Some(&i) = ids.get(&c.id) {
            let mine = &p.codings[i];
            if *mine == mapped {
                continue;
            }
            if same_passage(mine, &mapped) {
                // Only the memo or the check differ: one coding with both.
                absorb(other, &mut p.codings[i], &mapped, &mut r);
                continue;
            }
            // Same coding changed on both sides: keep the other version as well.
            let alt = CodingId(derived(
                c.id.0,
                &format!(
                    "{}-{}-{}-{:?}-{}",
                    mapped.start, mapped.end, mapped.code, mapped.category, mapped.memo
                ),
            ));
            r.conflicts.push(Conflict {
                what: format!("coding {}", c.id),
                kept: describe_coding(&p, mine),
                other: describe_coding(&p, &mapped),
            });
            if present.contains(&alt) {
                continue;
            }
            if let Some(&j) = keys.get(&key(&mapped)) {
                // B's version equals another coding of A: add what it carries there.
                absorb(other, &mut p.codings[j], &mapped, &mut r);
                continue;
            }
            present.insert(alt);
            keys.insert(key(&mapped), p.codings.len());
            p.codings.push(Coding { id: alt, ..mapped });
            r.codings_added += 1;
            continue;
        }
        if let Some(&j) = keys.get(&key(&mapped)) {
            r.duplicates_collapsed += 1;
            absorb(other, &mut p.codings[j], &mapped, &mut r);
            continue;
        }
        keys.insert(key(&mapped), p.codings.len());
        present.insert(mapped.id);
        p.codings.push(mapped);
        r.codings_added += 1;
    }

    // Decisions and their log are united by id.
    for d in &other.decisions {
        if !p.decisions.iter().any(|x| x.id == d.id) {
            p.decisions.push(d.clone());
        }
    }
    notes::merge_memos_and_sets(&mut p, other, &doc_map, &code_map, &mut r);
    appraisal::merge_appraisal(&mut p, other, &doc_map, &attr_map, &mut r);
    findings::merge_findings(&mut p, other, &code_map, &mut r);
    p.revision += 1;
    (p, r)
}

/// Same passage, code, category and reviewer (memo, check, time may differ).
fn same_passage(a: &Coding, b: &Coding) -> bool {
    (a.doc, a.start, a.end, a.code, a.category, a.reviewer)
        == (b.doc, b.start, b.end, b.code, b.category, b.reviewer)
}

/// A check in words, as it is written into a memo when a coding cannot
/// hold both projects' checks: "— another check: Disputed by Chidi Dike
/// (2024-05-01T10:00:00Z): too broad; reply: narrowed". The words do not
/// depend on which side the check came from, so merging again finds them.
pub fn check_note(names: &Project, c: &crate::model::Check) -> String {
    let who = names
        .reviewer(c.by)
        .map(|r| r.name.clone())
        .unwrap_or_else(|| c.by.to_string());
    let mut s = format!("— another check: {:?} by {who} ({})", c.verdict, c.when);
    if c.resolved {
        s.push_str(", resolved");
    }
    if !c.note.is_empty() {
        s.push_str(&format!(": {}", c.note));
    }
    if !c.reply.is_empty() {
        s.push_str(&format!("; reply: {}", c.reply));
    }
    s
}

/// Adds to `mine` what B's same coding `theirs` carries that `mine` lacks:
/// its memo and its check (see the module comment for the rule).
fn absorb(other: &Project, mine: &mut Coding, theirs: &Coding, r: &mut MergeReport) {
    let add_to_memo = |mine: &mut Coding, text: &str| -> bool {
        if text.is_empty() || mine.memo.contains(text) {
            return false;
        }
        mine.memo = if mine.memo.is_empty() {
            text.to_owned()
        } else {
            format!("{}\n\n{text}", mine.memo)
        };
        true
    };
    if !theirs.memo.is_empty() && !mine.memo.contains(&theirs.memo) {
        let text = if mine.memo.is_empty() {
            theirs.memo.clone()
        } else {
            format!("— from B: {}", theirs.memo)
        };
        if add_to_memo(mine, &text) {
            r.memos_united += 1;
        }
    }
    match (&mine.check, &theirs.check) {
        (_, None) => {}
        (None, Some(t)) => {
            mine.check = Some(t.clone());
            r.checks_added += 1;
        }
        (Some(m), Some(t)) if m == t => {}
        (Some(m), Some(t)) => {
            let open = |c: &crate::model::Check| {
                c.verdict == crate::model::Verdict::Disputed && !c.resolved
            };
            if open(t) && !open(m) {
                // B's open dispute becomes the check; A's goes into the memo.
                let note = check_note(other, m);
                add_to_memo(mine, &note);
                mine.check = Some(t.clone());
                r.checks_noted.push(format!(
                    "coding {}: the second project's open dispute is its check; the first project's check was written into its memo",
                    mine.id
                ));
            } else {
                let note = check_note(other, t);
                if add_to_memo(mine, &note) {
                    r.checks_noted.push(format!(
                        "coding {}: both projects checked it differently; the first project's check is kept and the second's was written into its memo",
                        mine.id
                    ));
                }
            }
        }
    }
}

fn describe_code(c: &Code) -> String {
    format!("{} {}", c.name, c.color)
}

fn describe_coding(p: &Project, c: &Coding) -> String {
    let cat = c
        .category
        .and_then(|k| p.category(k))
        .map(|k| k.name.as_str())
        .unwrap_or("no category");
    format!("{} {}..{} {cat}", p.codebook.path(c.code), c.start, c.end)
}

fn remap_doc(d: &Document, attr_map: &IdMap<AttrId, AttrId>) -> Document {
    let mut copy = d.clone();
    copy.attributes = d
        .attributes
        .iter()
        .filter_map(|(k, v)| attr_map.get(k).map(|k| (*k, v.clone())))
        .collect();
    copy
}

fn merge_doc_fields(
    mine: &mut Document,
    theirs: &Document,
    attr_map: &IdMap<AttrId, AttrId>,
    r: &mut MergeReport,
) {
    if mine.title != theirs.title && mine.id == theirs.id {
        r.conflicts.push(Conflict {
            what: "document title".into(),
            kept: mine.title.clone(),
            other: theirs.title.clone(),
        });
    }
    if mine.short_ref.is_empty() {
        mine.short_ref = theirs.short_ref.clone();
    }
    notes::unite_document_memo(mine, theirs, r);
    for (k, v) in &theirs.attributes {
        let Some(k) = attr_map.get(k) else { continue };
        match mine.attributes.get(k) {
            None => {
                mine.attributes.insert(*k, v.clone());
            }
            Some(x) if x != v => r.conflicts.push(Conflict {
                what: format!("attribute of \"{}\"", mine.title),
                kept: x.clone(),
                other: v.clone(),
            }),
            _ => {}
        }
    }
}
