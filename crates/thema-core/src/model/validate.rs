//! Validation of a loaded project: every problem is reported by name so a
//! reviewer (or `thema check`) can see exactly what is wrong.

use super::project::Project;
use std::collections::HashSet;
use std::fmt;

/// One thing wrong with a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    DuplicateId {
        kind: &'static str,
        id: String,
    },
    CodingUnknownDocument {
        coding: String,
        doc: String,
    },
    CodingUnknownCode {
        coding: String,
        code: String,
    },
    CodingUnknownReviewer {
        coding: String,
        reviewer: String,
    },
    CodingUnknownCategory {
        coding: String,
        category: String,
    },
    CodingBadRange {
        coding: String,
        doc_title: String,
        start: usize,
        end: usize,
        len: usize,
    },
    CodeUnknownParent {
        code: String,
        parent: String,
    },
    CodeCycle {
        code: String,
    },
    PinnedUnknownCode {
        code: String,
    },
    TextHashMismatch {
        doc_title: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::DuplicateId { kind, id } => write!(f, "two {kind}s share the id {id}"),
            Problem::CodingUnknownDocument { coding, doc } => {
                write!(
                    f,
                    "coding {coding} points to document {doc}, which does not exist"
                )
            }
            Problem::CodingUnknownCode { coding, code } => {
                write!(
                    f,
                    "coding {coding} uses code {code}, which is not in the codebook"
                )
            }
            Problem::CodingUnknownReviewer { coding, reviewer } => {
                write!(
                    f,
                    "coding {coding} was made by reviewer {reviewer}, who is not in the project"
                )
            }
            Problem::CodingUnknownCategory { coding, category } => {
                write!(
                    f,
                    "coding {coding} has category {category}, which is not defined"
                )
            }
            Problem::CodingBadRange {
                coding,
                doc_title,
                start,
                end,
                len,
            } => write!(
                f,
                "coding {coding} covers chars {start}..{end} of \"{doc_title}\", which has only {len} chars"
            ),
            Problem::CodeUnknownParent { code, parent } => {
                write!(
                    f,
                    "code \"{code}\" has parent {parent}, which is not in the codebook"
                )
            }
            Problem::CodeCycle { code } => write!(f, "code \"{code}\" is its own ancestor"),
            Problem::PinnedUnknownCode { code } => {
                write!(f, "pinned code {code} is not in the codebook")
            }
            Problem::TextHashMismatch { doc_title } => write!(
                f,
                "the text of \"{doc_title}\" does not match its stored hash (edited outside Thema?)"
            ),
        }
    }
}

/// All problems found in `p`; empty when the project is consistent.
pub fn validate(p: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    dup(
        &mut problems,
        "document",
        p.documents.iter().map(|d| d.id.to_string()),
    );
    dup(
        &mut problems,
        "code",
        p.codebook.codes.iter().map(|c| c.id.to_string()),
    );
    dup(
        &mut problems,
        "coding",
        p.codings.iter().map(|c| c.id.to_string()),
    );
    dup(
        &mut problems,
        "reviewer",
        p.reviewers.iter().map(|r| r.id.to_string()),
    );
    dup(
        &mut problems,
        "category",
        p.categories.iter().map(|c| c.id.to_string()),
    );
    dup(
        &mut problems,
        "attribute",
        p.attributes.iter().map(|a| a.id.to_string()),
    );

    // One pass for ids and one for cycles: validation stays linear however
    // deep the tree is (a 20,000-deep chain checks in milliseconds).
    let code_ids: HashSet<_> = p.codebook.codes.iter().map(|c| c.id).collect();
    let cyclic = p.codebook.on_cycle();
    for (i, code) in p.codebook.codes.iter().enumerate() {
        if let Some(parent) = code.parent {
            if !code_ids.contains(&parent) {
                problems.push(Problem::CodeUnknownParent {
                    code: code.name.clone(),
                    parent: parent.to_string(),
                });
            } else if cyclic[i] {
                problems.push(Problem::CodeCycle {
                    code: code.name.clone(),
                });
            }
        }
    }
    for pin in &p.pinned {
        if !code_ids.contains(pin) {
            problems.push(Problem::PinnedUnknownCode {
                code: pin.to_string(),
            });
        }
    }
    for doc in &p.documents {
        if super::text::text_hash(&doc.text) != doc.source.text_hash {
            problems.push(Problem::TextHashMismatch {
                doc_title: doc.title.clone(),
            });
        }
    }

    let lens: std::collections::HashMap<_, _> = p
        .documents
        .iter()
        .map(|d| (d.id, (d.char_len(), d.title.as_str())))
        .collect();
    for c in &p.codings {
        let id = c.id.to_string();
        match lens.get(&c.doc) {
            None => problems.push(Problem::CodingUnknownDocument {
                coding: id.clone(),
                doc: c.doc.to_string(),
            }),
            Some((len, title)) => {
                if c.start >= c.end || c.end > *len {
                    problems.push(Problem::CodingBadRange {
                        coding: id.clone(),
                        doc_title: (*title).to_owned(),
                        start: c.start,
                        end: c.end,
                        len: *len,
                    });
                }
            }
        }
        if !code_ids.contains(&c.code) {
            problems.push(Problem::CodingUnknownCode {
                coding: id.clone(),
                code: c.code.to_string(),
            });
        }
        if p.reviewer(c.reviewer).is_none() {
            problems.push(Problem::CodingUnknownReviewer {
                coding: id.clone(),
                reviewer: c.reviewer.to_string(),
            });
        }
        if let Some(cat) = c.category
            && p.category(cat).is_none()
        {
            problems.push(Problem::CodingUnknownCategory {
                coding: id,
                category: cat.to_string(),
            });
        }
    }
    problems
}

fn dup(problems: &mut Vec<Problem>, kind: &'static str, ids: impl Iterator<Item = String>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id.clone()) {
            problems.push(Problem::DuplicateId { kind, id });
        }
    }
}
