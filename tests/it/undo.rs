//! Undo never loses a step: random sequences of every `Command` variant,
//! applied through the undo stack (some as typing), then all undone give
//! back the original project exactly, and all redone give the final one.

use super::fixtures::*;
use proptest::prelude::*;
use thema::edit::{self, Command, UndoStack};
use thema::model::{
    AttrId, AttrKind, AttributeDef, Category, CategoryId, Choice, CodingId, Decision, DocId,
    Project, Reviewer, ReviewerId,
};

/// Number of `Command` variants; `variant` below must name each.
const VARIANTS: usize = 38;

/// The position of a command's variant (an exhaustive match, so a new
/// variant does not compile until this test generates it too).
fn variant(c: &Command) -> usize {
    use Command::*;
    match c {
        Batch(_) => 0,
        RenameProject(_) => 1,
        InsertDocument { .. } => 2,
        RemoveDocument(_) => 3,
        SetDocumentMeta { .. } => 4,
        SetAttributeValue { .. } => 5,
        InsertAttributeDef { .. } => 6,
        RemoveAttributeDef(_) => 7,
        UpdateAttributeDef(_) => 8,
        InsertCode { .. } => 9,
        RemoveCode(_) => 10,
        UpdateCode(_) => 11,
        MoveCode { .. } => 12,
        SetPinned(_) => 13,
        AddCodings(_) => 14,
        RemoveCodings(_) => 15,
        RestoreCodings(_) => 16,
        ReplaceCodings(_) => 17,
        InsertCategory { .. } => 18,
        RemoveCategory(_) => 19,
        UpdateCategory(_) => 20,
        AddDecision(_) => 21,
        RemoveDecision(_) => 22,
        InsertDecision { .. } => 23,
        SetBlind(_) => 24,
        ReplaceProject(_) => 25,
        InsertReviewer { .. } => 26,
        RemoveReviewer(_) => 27,
        UpdateReviewer(_) => 28,
        SetDocumentMemo { .. } => 29,
        InsertCodeSet { .. } => 30,
        RemoveCodeSet(_) => 31,
        Appraisal(_) => 32,
        Findings(_) => 33,
        SetDocumentText { .. } => 34,
        SetDocumentBib { .. } => 35,
        SetCitationStyle(_) => 36,
        Memo(_) => 37,
    }
}

/// Picks from a slice by a random number (None when empty).
fn pick<T: Clone>(v: &[T], r: u64) -> Option<T> {
    (!v.is_empty()).then(|| v[(r % v.len() as u64) as usize].clone())
}

/// A command of variant `k` aimed at what `p` holds now (or, now and
/// then, at something it does not hold, which must fail cleanly).
fn make(k: usize, p: &Project, r: u64) -> Command {
    let n = |m: u64| (r >> 8) % m.max(1);
    let fresh = 1_000_000 + (r % 100_000) as u128;
    let docs: Vec<DocId> = p.documents.iter().map(|d| d.id).collect();
    let codes: Vec<_> = p.codebook.codes.iter().map(|c| c.id).collect();
    let codings: Vec<_> = p.codings.iter().map(|c| c.id).collect();
    let attrs: Vec<AttrId> = p.attributes.iter().map(|a| a.id).collect();
    match k {
        0 => Command::Batch(vec![
            make(1, p, r / 3),
            make(14, p, r / 7),
            make(13, p, r / 11),
        ]),
        1 => Command::RenameProject(format!("Review {}", n(5))),
        2 => Command::InsertDocument {
            index: n(4) as usize,
            doc: Box::new(doc(fresh, "A new study about leaders and funding.")),
        },
        3 => Command::RemoveDocument(pick(&docs, r).unwrap_or_default()),
        4 => {
            let d = pick(&docs, r).unwrap_or_default();
            Command::SetDocumentMeta {
                doc: d,
                title: format!("Title {}", n(4)),
                short_ref: format!("Author {}", n(3)),
                reference: n(9) as u32,
            }
        }
        5 => Command::SetAttributeValue {
            doc: pick(&docs, r).unwrap_or_default(),
            attr: pick(&attrs, r / 5).unwrap_or(STUDY_TYPE),
            value: (n(3) != 0).then(|| format!("value {}", n(4))),
        },
        6 => Command::InsertAttributeDef {
            index: n(3) as usize,
            def: AttributeDef {
                id: AttrId::from_u128(fresh),
                name: "Country".into(),
                kind: AttrKind::Choice(vec!["UK".into(), "NL".into()]),
                bins: vec![],
            },
        },
        7 => Command::RemoveAttributeDef(pick(&attrs, r).unwrap_or_default()),
        8 => Command::UpdateAttributeDef(AttributeDef {
            id: pick(&attrs, r).unwrap_or_default(),
            name: format!("Attribute {}", n(4)),
            kind: AttrKind::Text,
            bins: vec![],
        }),
        9 => Command::InsertCode {
            index: n(5) as usize,
            code: code(
                fresh,
                "Emergent",
                pick(&codes, r / 3)
                    .map(|c| c.0.as_u128())
                    .filter(|_| n(2) == 0),
            ),
        },
        10 => Command::RemoveCode(pick(&codes, r).unwrap_or_default()),
        11 => {
            let mut c = pick(&p.codebook.codes, r).unwrap_or_else(|| code(fresh, "x", None));
            c.name = format!("Renamed {}", n(4));
            c.description = "changed".into();
            Command::UpdateCode(c)
        }
        12 => Command::MoveCode {
            code: pick(&codes, r).unwrap_or_default(),
            parent: pick(&codes, r / 13).filter(|_| n(2) == 0),
            index: n(6) as usize,
        },
        13 => Command::SetPinned(codes.iter().take(n(4) as usize).copied().collect()),
        14 => {
            let Some(d) = p
                .documents
                .get((r % p.documents.len().max(1) as u64) as usize)
            else {
                return Command::AddCodings(vec![]);
            };
            let len = d.char_len().max(2);
            let s = (n(len as u64 - 1)) as usize;
            let e = (s + 1 + (r % 9) as usize).min(len);
            let mut c = coding(fresh, 0, s, e, 0, if r.is_multiple_of(2) { AB } else { CD });
            c.doc = d.id;
            c.code = pick(&codes, r / 17).unwrap_or_default();
            c.category = pick(&p.categories, r / 19)
                .map(|k| k.id)
                .filter(|_| n(3) != 0);
            Command::AddCodings(vec![c])
        }
        15 => Command::RemoveCodings(
            codings
                .iter()
                .enumerate()
                .filter(|(i, _)| (r >> (i % 60)) & 1 == 1)
                .map(|(_, c)| *c)
                .take(3)
                .collect(),
        ),
        16 => {
            // Only valid for codings that are not in the project: a removed
            // one re-inserted, or a clash that must be refused.
            let c = pick(&p.codings, r).map(|mut c| {
                if n(2) == 0 {
                    c.id = CodingId::from_u128(fresh);
                }
                c
            });
            Command::RestoreCodings(c.into_iter().map(|c| (n(5) as usize, c)).collect())
        }
        17 => Command::ReplaceCodings(
            pick(&p.codings, r)
                .map(|mut c| {
                    c.memo = format!("memo {}", n(5));
                    c.category = pick(&p.categories, r / 3)
                        .map(|k| k.id)
                        .filter(|_| n(2) == 0);
                    c
                })
                .into_iter()
                .collect(),
        ),
        18 => Command::InsertCategory {
            index: n(5) as usize,
            category: Category {
                id: CategoryId::from_u128(fresh),
                name: "Outcome".into(),
                color: "#777777".into(),
                key: Some('O'),
            },
        },
        19 => Command::RemoveCategory(pick(&p.categories, r).map(|c| c.id).unwrap_or_default()),
        20 => Command::UpdateCategory(
            pick(&p.categories, r)
                .map(|mut c| {
                    c.name = format!("Category {}", n(4));
                    c
                })
                .unwrap_or(Category {
                    id: CategoryId::new(),
                    name: "gone".into(),
                    color: "#000000".into(),
                    key: None,
                }),
        ),
        21 | 23 => {
            let decision = Decision {
                id: uuid::Uuid::from_u128(fresh),
                doc: pick(&docs, r).unwrap_or_default(),
                code: pick(&codes, r / 3).unwrap_or_default(),
                category: None,
                reviewer_a: AB,
                reviewer_b: CD,
                choice: Choice::AcceptA,
                by: AB,
                when: "2026-11-22T10:00:00Z".into(),
                note: String::new(),
            };
            if k == 21 {
                Command::AddDecision(decision)
            } else {
                Command::InsertDecision {
                    index: n(3) as usize,
                    decision,
                }
            }
        }
        22 => Command::RemoveDecision(pick(&p.decisions, r).map(|d| d.id).unwrap_or_default()),
        24 => Command::SetBlind(r.is_multiple_of(2)),
        25 => {
            let mut other = small();
            other.name = "Replaced".into();
            Command::ReplaceProject(Box::new(other))
        }
        26 => Command::InsertReviewer {
            index: n(3) as usize,
            reviewer: Reviewer {
                id: ReviewerId::from_u128(fresh),
                name: "Eve Fox".into(),
                initials: "EF".into(),
            },
        },
        27 => Command::RemoveReviewer(pick(&p.reviewers, r).map(|x| x.id).unwrap_or_default()),
        28 => Command::UpdateReviewer(
            pick(&p.reviewers, r)
                .map(|mut x| {
                    x.name = format!("Reviewer {}", n(4));
                    x
                })
                .unwrap_or(Reviewer {
                    id: ReviewerId::new(),
                    name: "nobody".into(),
                    initials: "NB".into(),
                }),
        ),
        29 => Command::SetDocumentMemo {
            doc: pick(&docs, r).unwrap_or_default(),
            memo: format!("Memo {}", n(4)),
        },
        30 => Command::InsertCodeSet {
            index: n(3) as usize,
            set: thema::model::CodeSet {
                id: thema::model::SetId::from_u128(fresh),
                name: format!("Set {}", n(4)),
                description: String::new(),
                codes: p.codebook.codes.iter().take(2).map(|c| c.id).collect(),
                documents: docs.iter().take(1).copied().collect(),
            },
        },
        31 => Command::RemoveCodeSet(
            pick(&p.code_sets, r)
                .map(|s| s.id)
                .unwrap_or_else(|| thema::model::SetId::from_u128(fresh)),
        ),
        32 => {
            use thema::edit::appraisal::AppraisalCommand as A;
            use thema::model::appraisal::{Answer, AppraisalDecision, bundled};
            let casp = bundled().into_iter().next().expect("bundled CASP");
            let doc = pick(&docs, r).unwrap_or_else(|| DocId::from_u128(fresh));
            let reviewer = if r.is_multiple_of(2) { AB } else { CD };
            let key = ["yes", "cant_tell", "no", "maybe"][(n(4)) as usize];
            let answer = Answer {
                doc,
                reviewer,
                checklist: casp.id.clone(),
                item: format!("{}", 1 + n(10)),
                answer: key.to_owned(),
                note: String::new(),
                support: None,
            };
            Command::Appraisal(match (r >> 3) % 9 {
                7 => A::SetJudgement {
                    doc,
                    judgement: (n(3) > 0).then(|| thema::model::appraisal::Judgement {
                        doc,
                        level: "Moderate".into(),
                        reason: "no reflexivity".into(),
                        by: reviewer,
                        at: "2026-11-23T09:00:00Z".into(),
                    }),
                },
                8 => A::SetRule {
                    levels: vec![],
                    rule: vec![thema::model::appraisal::JudgementStep {
                        at_least: u32::try_from(n(10)).unwrap_or(0),
                        level: "High".into(),
                    }],
                },
                0 => A::PutChecklist {
                    id: casp.id.clone(),
                    checklist: (n(3) > 0).then_some(casp),
                },
                1 | 2 => A::PutAnswer {
                    key: answer.key(),
                    answer: (n(5) > 0).then_some(answer),
                },
                3 => A::SetFinished {
                    doc,
                    reviewer,
                    finished: n(2) == 0,
                },
                4 => A::SetChecklistFor {
                    doc,
                    checklist: (n(2) == 0).then_some(casp.id),
                },
                5 => A::AddDecision(AppraisalDecision {
                    doc,
                    checklist: casp.id,
                    item: "3".into(),
                    answer: "no".into(),
                    by: reviewer,
                    at: "2026-11-23T09:00:00Z".into(),
                    note: String::new(),
                }),
                _ => A::RemoveLastDecision,
            })
        }
        33 => {
            use thema::edit::findings::FindingsCommand as F;
            use thema::model::findings::{
                Assessment, AssessmentDecision, Confidence, Credibility, Finding, JbiCategory,
                ReviewContext,
            };
            use thema::model::{FindingId, GroupId};
            let ids: Vec<FindingId> = p.findings.findings.iter().map(|f| f.id).collect();
            let id = pick(&ids, r).unwrap_or_else(|| FindingId::from_u128(fresh));
            let reviewer = if r.is_multiple_of(2) { AB } else { CD };
            Command::Findings(match (r >> 3) % 7 {
                0 | 1 => F::PutFinding {
                    id,
                    finding: (n(4) > 0).then(|| Finding {
                        id,
                        label: format!("F{}", n(1000)),
                        statement: "Leaders matter".into(),
                        codes: codes.iter().take(1 + n(2) as usize).copied().collect(),
                        contradicting: codings.iter().take(1).copied().collect(),
                        ratings: codings
                            .iter()
                            .skip(1)
                            .take(1)
                            .map(|c| (*c, Credibility::Credible))
                            .collect(),
                    }),
                    at: Some(n(3) as usize),
                },
                2 => F::PutAssessment {
                    finding: id,
                    reviewer,
                    assessment: (n(3) > 0).then(|| {
                        let mut a = Assessment::new(id, reviewer);
                        a.confidence = Some(Confidence::Low);
                        a
                    }),
                    at: None,
                },
                3 => {
                    let g = GroupId::from_u128(7);
                    F::PutCategory {
                        id: g,
                        category: (n(3) > 0).then(|| JbiCategory {
                            id: g,
                            name: "Leadership".into(),
                            findings: ids.iter().take(2).copied().collect(),
                        }),
                        at: None,
                    }
                }
                4 => F::SetContext(ReviewContext {
                    title: format!("Q{}", n(9)),
                    ..Default::default()
                }),
                5 => F::AddDecision(AssessmentDecision {
                    finding: id,
                    from: reviewer,
                    by: reviewer,
                    at: "2026-11-23T09:00:00Z".into(),
                    note: String::new(),
                }),
                _ => F::RemoveLastDecision,
            })
        }
        // Often refused (the document has codings): must leave it intact.
        34 => Command::SetDocumentText {
            doc: pick(&docs, r).unwrap_or_default(),
            text: format!("Attached text {}", n(3)),
            source: thema::model::Source {
                path: format!("/studies/{}.pdf", n(3)),
                kind: thema::model::SourceKind::Pdf,
                text_hash: format!("{:x}", n(1000)),
                imported: String::new(),
            },
            page_starts: vec![4],
            garbled_pages: Vec::new(),
        },
        35 => Command::SetDocumentBib {
            doc: pick(&docs, r).unwrap_or_default(),
            bib: (n(3) > 0).then(|| {
                Box::new(thema::model::bib::Reference {
                    title: format!("Record {}", n(5)),
                    year: Some(2000 + n(20) as i32),
                    ..Default::default()
                })
            }),
        },
        36 => Command::SetCitationStyle(if n(2) == 0 {
            thema::analysis::citations::CitationStyle::Numeric
        } else {
            thema::analysis::citations::CitationStyle::AuthorYear
        }),
        37 => {
            use thema::edit::memos::MemoCommand as M;
            use thema::model::memos::{About, Stamp};
            let ids: Vec<_> = p.memos.iter().map(|m| m.id).collect();
            let memo = |id| thema::model::Memo {
                id,
                about: match n(4) {
                    1 => About::Code(pick(&codes, r).unwrap_or_default()),
                    2 => About::Chart {
                        doc: pick(&docs, r / 5).unwrap_or_default(),
                        code: pick(&codes, r).unwrap_or_default(),
                    },
                    _ => About::Project,
                },
                title: format!("Memo {}", n(7)),
                text: format!("**Note** {}", n(11)),
                author: (n(2) == 0).then_some(AB),
                created: "2026-11-23T10:00:00Z".into(),
                modified: String::new(),
                draft: n(2) == 1,
            };
            let any = pick(&ids, r).unwrap_or_else(|| thema::model::MemoId::from_u128(fresh));
            Command::Memo(match (r >> 5) % 4 {
                0 => M::Insert {
                    index: n(3) as usize,
                    memo: memo(thema::model::MemoId::from_u128(fresh)),
                },
                1 => M::Remove(any),
                2 => M::Update(memo(any)),
                _ => {
                    let about = match n(3) {
                        0 => About::Document(pick(&docs, r).unwrap_or_default()),
                        1 => About::Coding(pick(&codings, r).unwrap_or_default()),
                        _ => About::Document(pick(&docs, r / 3).unwrap_or_default()),
                    };
                    M::SetStamp {
                        about,
                        stamp: (n(4) > 0).then(|| Stamp {
                            about,
                            author: Some(CD),
                            created: format!("2026-11-{:02}", 1 + n(28)),
                            modified: String::new(),
                        }),
                    }
                }
            })
        }
        _ => unreachable!("k < VARIANTS"),
    }
}

/// A project with something of everything to change.
fn start() -> Project {
    let mut p = small();
    let mut a = coding(1, 100, 0, 7, 2, AB);
    a.category = Some(BARRIER);
    let cmds = vec![
        Command::InsertAttributeDef {
            index: 0,
            def: AttributeDef {
                id: STUDY_TYPE,
                name: "Study type".into(),
                kind: AttrKind::Choice(vec!["Report".into(), "Qualitative".into()]),
                bins: vec![],
            },
        },
        Command::AddCodings(vec![
            a,
            coding(2, 100, 8, 20, 3, CD),
            coding(3, 101, 0, 7, 2, AB),
            coding(4, 101, 3, 12, 3, CD),
        ]),
    ];
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    p
}

fn same(a: &Project, b: &Project) -> bool {
    let mut b = b.clone();
    b.revision = a.revision;
    *a == b
}

#[test]
fn every_command_variant_is_generated() {
    let p = start();
    for k in 0..VARIANTS {
        assert_eq!(variant(&make(k, &p, 12345)), k);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn undoing_everything_restores_the_project_and_redo_returns(
        steps in proptest::collection::vec((0..VARIANTS, any::<u64>(), any::<bool>()), 1..40)
    ) {
        let original = start();
        let mut p = original.clone();
        let mut undo = UndoStack::new();
        let mut applied = 0;
        for (k, r, typing) in steps {
            let cmd = make(k, &p, r);
            let before = p.clone();
            let result = if typing {
                undo.apply_typing(&mut p, "Typing", cmd)
            } else {
                undo.apply(&mut p, "Step", cmd)
            };
            match result {
                Ok(()) => applied += 1,
                Err(_) => prop_assert!(same(&before, &p), "a refused command changed the project"),
            }
            // The cached coding index never goes stale: tables from the
            // live project equal those of a fresh copy (which has none).
            let scope = thema::analysis::Scope::default();
            prop_assert_eq!(
                thema::analysis::Tables::compute_live(&p, &scope, &Default::default()),
                thema::analysis::Tables::compute_live(&p.clone(), &scope, &Default::default())
            );
        }
        let last = p.clone();
        while undo.undo(&mut p).is_some() {}
        prop_assert!(same(&original, &p), "undoing all did not restore the original after {} steps", applied);
        while undo.redo(&mut p).is_some() {}
        prop_assert!(same(&last, &p), "redoing all did not return to the final project");
    }
}

/// Issue 10, problem 3: two title edits of two documents are two steps.
#[test]
fn typing_into_two_documents_titles_gives_two_undo_steps() {
    let mut p = start();
    let mut undo = UndoStack::new();
    let meta = |d: u128, title: &str| Command::SetDocumentMeta {
        doc: DocId::from_u128(d),
        title: title.into(),
        short_ref: format!("Author {d}"),
        reference: d as u32,
    };
    for t in ["A", "A n", "A new"] {
        undo.apply_typing(&mut p, "Edit title", meta(100, t))
            .unwrap();
    }
    for t in ["B", "B t"] {
        undo.apply_typing(&mut p, "Edit title", meta(101, t))
            .unwrap();
    }
    assert_eq!(p.document(DocId::from_u128(100)).unwrap().title, "A new");
    assert_eq!(p.document(DocId::from_u128(101)).unwrap().title, "B t");
    undo.undo(&mut p).unwrap();
    assert_eq!(
        p.document(DocId::from_u128(101)).unwrap().title,
        "Study 101"
    );
    assert_eq!(p.document(DocId::from_u128(100)).unwrap().title, "A new");
    undo.undo(&mut p).unwrap();
    assert_eq!(
        p.document(DocId::from_u128(100)).unwrap().title,
        "Study 100"
    );
    assert!(undo.undo(&mut p).is_none());
}

/// Renaming two categories, one after the other, is two steps too.
#[test]
fn renaming_two_categories_gives_two_undo_steps() {
    let mut p = start();
    let mut undo = UndoStack::new();
    let rename = |p: &Project, id: CategoryId, name: &str| {
        let mut c = p.category(id).unwrap().clone();
        c.name = name.into();
        Command::UpdateCategory(c)
    };
    let c1 = rename(&p, BARRIER, "Obstacle");
    undo.apply_typing(&mut p, "Rename category", c1).unwrap();
    let c2 = rename(&p, FACILITATOR, "Enabler");
    undo.apply_typing(&mut p, "Rename category", c2).unwrap();
    undo.undo(&mut p).unwrap();
    assert_eq!(p.category(FACILITATOR).unwrap().name, "Facilitator");
    assert_eq!(p.category(BARRIER).unwrap().name, "Obstacle");
    undo.undo(&mut p).unwrap();
    assert_eq!(p.category(BARRIER).unwrap().name, "Barrier");
}

/// A save that started before more typing marks only its own state saved.
#[test]
fn a_save_marks_the_state_it_started_from() {
    let mut p = start();
    let mut undo = UndoStack::new();
    undo.apply(&mut p, "Rename", Command::RenameProject("One".into()))
        .unwrap();
    let at_save = undo.marker();
    undo.apply_typing(&mut p, "Rename", Command::RenameProject("One two".into()))
        .unwrap();
    undo.mark_saved_at(at_save);
    assert!(undo.is_dirty(), "the later edit is not saved");
    // Undo back, and a different edit at the same depth: still unsaved.
    undo.undo(&mut p).unwrap();
    undo.apply(&mut p, "Rename", Command::RenameProject("Other".into()))
        .unwrap();
    assert!(undo.is_dirty());
    undo.mark_saved();
    assert!(!undo.is_dirty());
}
