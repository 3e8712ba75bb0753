//! Merging what reviewers write beside the coding: project memos, code
//! sets and document memos. Memos and sets are united by id; a set's
//! members follow the merge's id maps (a document matched by its text, a
//! code matched by its path); a document memo the first project does not
//! already hold is added below its own.

use super::MergeReport;
use crate::model::{CodeId, DocId, Document, IdMap, Project};

/// Adds the other reviewer's summary of a framework-matrix cell (`copy`,
/// already about `p`'s study and theme) unless `p` has one: theirs replaces
/// a draft of `p`'s, a draft of theirs gives way to any summary of `p`'s,
/// and two different written summaries are a conflict (`p`'s kept).
/// True when `copy` was added.
fn merge_chart_cell(p: &mut Project, copy: crate::model::Memo, r: &mut MergeReport) -> bool {
    let Some(i) = p.memos.iter().position(|x| x.about == copy.about) else {
        p.memos.push(copy);
        return true;
    };
    let mine = &p.memos[i];
    if mine.text == copy.text || copy.draft {
        return false;
    }
    if mine.draft {
        p.memos[i] = crate::model::Memo {
            id: mine.id,
            ..copy
        };
        return false;
    }
    let kept = mine.text.clone();
    r.conflicts.push(super::Conflict {
        what: format!(
            "chart summary of {}",
            crate::model::memos::link(p, copy.about)
        ),
        kept,
        other: copy.text,
    });
    false
}

/// Adds `other`'s memos and sets to `p`.
pub(super) fn merge_memos_and_sets(
    p: &mut Project,
    other: &Project,
    doc_map: &IdMap<DocId, DocId>,
    code_map: &IdMap<CodeId, CodeId>,
    r: &mut MergeReport,
) {
    use crate::model::memos::About;
    for m in &other.memos {
        match p.memos.iter().find(|x| x.id == m.id) {
            None => {
                let mut copy = m.clone();
                match m.about {
                    About::Code(c) => match code_map.get(&c) {
                        Some(mine) => copy.about = About::Code(*mine),
                        None => {
                            r.conflicts.push(super::Conflict {
                                what: format!(
                                    "memo \"{}\" on a code not in the merged codebook",
                                    m.title
                                ),
                                kept: String::new(),
                                other: m.text.clone(),
                            });
                            continue;
                        }
                    },
                    About::Chart { doc, code } => {
                        match (doc_map.get(&doc), code_map.get(&code)) {
                            (Some(d), Some(c)) => {
                                copy.about = About::Chart { doc: *d, code: *c };
                            }
                            _ => {
                                r.conflicts.push(super::Conflict {
                                    what: format!(
                                        "chart summary \"{}\" on a study or theme not in the merged project",
                                        crate::model::memos::link(other, m.about)
                                    ),
                                    kept: String::new(),
                                    other: m.text.clone(),
                                });
                                continue;
                            }
                        }
                        if !merge_chart_cell(p, copy, r) {
                            continue;
                        }
                        r.project_memos_added += 1;
                        continue;
                    }
                    _ => {}
                }
                p.memos.push(copy);
                r.project_memos_added += 1;
            }
            Some(x) if x.text != m.text => {
                // A draft gives way to a reviewer's summary of the cell.
                if x.draft && !m.draft {
                    let about = x.about;
                    if let Some(slot) = p.memos.iter_mut().find(|y| y.id == m.id) {
                        *slot = crate::model::Memo { about, ..m.clone() };
                    }
                    continue;
                }
                if m.draft {
                    continue;
                }
                r.conflicts.push(super::Conflict {
                    what: format!(
                        "{} memo \"{}\"",
                        x.about.kind().label().to_lowercase(),
                        crate::model::memos::link(p, x.about)
                    ),
                    kept: x.text.clone(),
                    other: m.text.clone(),
                });
            }
            Some(_) => {}
        }
    }
    // Who wrote document and passage memos: the later change wins.
    for st in &other.memo_stamps {
        let about = match st.about {
            About::Document(d) => match doc_map.get(&d) {
                Some(mine) => About::Document(*mine),
                None => continue,
            },
            About::Coding(c) if p.coding(c).is_some() => About::Coding(c),
            _ => continue,
        };
        let stamp = crate::model::memos::Stamp {
            about,
            ..st.clone()
        };
        match p.memo_stamps.binary_search_by(|s| s.about.cmp(&about)) {
            Ok(i) if p.memo_stamps[i].modified < stamp.modified => p.memo_stamps[i] = stamp,
            Ok(_) => {}
            Err(i) => p.memo_stamps.insert(i, stamp),
        }
    }
    for set in &other.code_sets {
        let codes = set.codes.iter().filter_map(|c| code_map.get(c).copied());
        let docs = set.documents.iter().filter_map(|d| doc_map.get(d).copied());
        match p.code_sets.iter_mut().find(|x| x.id == set.id) {
            None => {
                let mut copy = set.clone();
                copy.codes = codes.collect();
                copy.documents = docs.collect();
                p.code_sets.push(copy);
                r.code_sets_added.push(set.name.clone());
            }
            Some(mine) => {
                for c in codes {
                    if !mine.codes.contains(&c) {
                        mine.codes.push(c);
                    }
                }
                for d in docs {
                    if !mine.documents.contains(&d) {
                        mine.documents.push(d);
                    }
                }
            }
        }
    }
}

/// Adds `theirs`' memo below `mine`'s unless `mine` already holds it.
pub(super) fn unite_document_memo(mine: &mut Document, theirs: &Document, r: &mut MergeReport) {
    let t = theirs.memo.trim();
    if t.is_empty() || mine.memo.contains(t) {
        return;
    }
    if mine.memo.trim().is_empty() {
        mine.memo = theirs.memo.clone();
    } else {
        mine.memo = format!("{}\n\n{}", mine.memo.trim_end(), t);
    }
    r.document_memos_united += 1;
}
