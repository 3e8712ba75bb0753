//! Lossless, ID-based merge of two project files (e.g. two reviewers'
//! copies). Documents match by id, else by text hash; codes by id, else by
//! path; categories and attributes by id, else by name. Codings are united
//! and exact duplicates collapsed. Where both sides changed the same object
//! differently, the first project's version is kept, the second's is kept
//! too where it can be (as a separate document or coding), and the
//! conflict is listed — nothing is dropped silently. Merging the same file
//! twice changes nothing.

use crate::model::{
    AttrId, AttrKind, CategoryId, Code, CodeId, Coding, CodingId, DocId, Document, IdMap, Project,
    ReviewerId,
};
use std::collections::HashSet;

/// One place where the two projects disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub what: String,
    pub kept: String,
    pub other: String,
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    pub reviewers_added: Vec<String>,
    pub categories_added: Vec<String>,
    pub attributes_added: Vec<String>,
    pub documents_added: Vec<String>,
    /// Documents of the second project found in the first by their text.
    pub documents_matched_by_text: usize,
    /// Paths of codes that the second project adds.
    pub codes_added: Vec<String>,
    pub codes_matched_by_path: usize,
    pub codings_added: usize,
    pub duplicates_collapsed: usize,
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// True when the merge changed nothing.
    pub fn is_empty(&self) -> bool {
        self.reviewers_added.is_empty()
            && self.categories_added.is_empty()
            && self.attributes_added.is_empty()
            && self.documents_added.is_empty()
            && self.codes_added.is_empty()
            && self.codings_added == 0
    }

    /// A few lines for the command line and the window.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} coding(s) added, {} exact duplicate(s) collapsed\n{} document(s) added ({} matched by text)\n{} code(s) added ({} matched by path)\n{} reviewer(s), {} categor(ies), {} attribute(s) added\n{} conflict(s)",
            self.codings_added,
            self.duplicates_collapsed,
            self.documents_added.len(),
            self.documents_matched_by_text,
            self.codes_added.len(),
            self.codes_matched_by_path,
            self.reviewers_added.len(),
            self.categories_added.len(),
            self.attributes_added.len(),
            self.conflicts.len()
        );
        for c in &self.conflicts {
            s.push_str(&format!(
                "\n  - {}: kept \"{}\", other \"{}\"",
                c.what, c.kept, c.other
            ));
        }
        s
    }
}

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
    for (id, _) in other.codebook.tree_order() {
        let Some(c) = other.codebook.get(id) else {
            continue;
        };
        let parent = c.parent.and_then(|pa| code_map.get(&pa).copied());
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
        if let Some(found) = p
            .codebook
            .codes
            .iter()
            .find(|x| x.parent == parent && x.name == c.name)
            .map(|x| x.id)
        {
            r.codes_matched_by_path += 1;
            code_map.insert(c.id, found);
            continue;
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
    let mut keys: HashSet<Key> = p.codings.iter().map(key).collect();
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
            if present.contains(&alt) || keys.contains(&key(&mapped)) && mapped.memo == mine.memo {
                continue;
            }
            present.insert(alt);
            keys.insert(key(&mapped));
            p.codings.push(Coding { id: alt, ..mapped });
            r.codings_added += 1;
            continue;
        }
        if keys.contains(&key(&mapped)) {
            r.duplicates_collapsed += 1;
            continue;
        }
        keys.insert(key(&mapped));
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
    p.revision += 1;
    (p, r)
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
