//! Code co-occurrence on hand-computed fixtures: overlap, sentence and
//! paragraph distance, roll-up to a level, the c-coefficient and its
//! imbalance flag, Jaccard on documents.

use super::fixtures::*;
use thema::analysis::cooccurrence::{Options, Proximity, compute};
use thema::analysis::{Prepared, Scope};
use thema::model::{Project, Reviewer};

fn project(
    docs: Vec<thema::model::Document>,
    codes: Vec<thema::model::Code>,
    codings: Vec<thema::model::Coding>,
) -> Project {
    let mut p = Project::new("co");
    p.reviewers.push(Reviewer {
        id: AB,
        name: "Alex Byrne".into(),
        initials: "AB".into(),
    });
    p.documents = docs;
    p.codebook.codes = codes;
    p.codings = codings;
    p
}

fn row(m: &thema::analysis::cooccurrence::Matrix, p: &Prepared<'_>, name: &str) -> usize {
    m.codes.iter().position(|&c| p.name(c) == name).unwrap()
}

#[test]
fn codes_used_100_and_10_times_with_5_overlaps_give_c_0_048_flagged() {
    // One long document; code A on 100 passages of 10 chars every 20
    // chars, code B on 10 passages, 5 of them overlapping an A passage.
    let text = "x".repeat(3000);
    let mut codings = Vec::new();
    for i in 0..100u128 {
        let s = i as usize * 20;
        codings.push(coding(1000 + i, 1, s, s + 10, 1, AB));
    }
    for i in 0..10u128 {
        // Even i: inside an A passage; odd i: in a gap between them.
        let s = i as usize * 200 + if i % 2 == 0 { 2 } else { 11 };
        codings.push(coding(2000 + i, 1, s, s + 5, 2, AB));
    }
    let p = project(
        vec![doc(1, &text)],
        vec![code(1, "A", None), code(2, "B", None)],
        codings,
    );
    let prep = Prepared::new(&p, &Scope::default());
    let m = compute(&prep, Options::default());
    let (a, b) = (row(&m, &prep, "A"), row(&m, &prep, "B"));
    assert_eq!((m.passages[a], m.passages[b], m.pairs(a, b)), (100, 10, 5));
    let c = m.c_coefficient(a, b).unwrap();
    assert_eq!(format!("{c:.3}"), "0.048");
    assert!(m.flagged(a, b));
    assert_eq!((m.both_documents(a, b), m.jaccard(a, b)), (1, Some(1.0)));
}

#[test]
fn sentence_and_paragraph_distance_and_roll_up_to_themes() {
    // Paragraph 1: two sentences; paragraph 2: one sentence.
    let text = "Staff trusted the lead. Meetings were protected.\nFunding ran out in year two.";
    //          0         1         2         3         4          5         6         7
    //          0123456789012345678901234567890123456789012345678 9012345678901234567890123456789
    let p = project(
        vec![doc(1, text), doc(2, "Only funding here.")],
        vec![
            code(1, "Relational", None),
            code(2, "Trust", Some(1)),
            code(3, "Organisational", None),
            code(4, "Meetings", Some(3)),
            code(5, "Funding", Some(3)),
        ],
        vec![
            coding(1, 1, 6, 13, 2, AB),  // "trusted" (sentence 1)
            coding(2, 1, 18, 22, 2, AB), // "lead" (sentence 1)
            coding(3, 1, 24, 32, 4, AB), // "Meetings" (sentence 2)
            coding(4, 1, 49, 56, 5, AB), // "Funding" (paragraph 2)
            coding(5, 2, 5, 12, 5, AB),  // "funding" in document 2
        ],
    );
    let prep = Prepared::new(&p, &Scope::default());
    let at = |proximity, level| {
        compute(
            &prep,
            Options {
                level,
                proximity,
                category: None,
            },
        )
    };
    let m = at(Proximity::Overlap, None);
    let (trust, meetings, funding) = (
        row(&m, &prep, "Trust"),
        row(&m, &prep, "Meetings"),
        row(&m, &prep, "Funding"),
    );
    assert_eq!(m.pairs(trust, meetings), 0);
    let m = at(Proximity::Sentence, None);
    assert_eq!(m.pairs(trust, meetings), 0, "different sentences");
    let m = at(Proximity::Paragraph, None);
    // Both Trust passages share the paragraph with Meetings; Funding is alone.
    assert_eq!(
        (
            m.pairs(trust, meetings),
            m.pairs(trust, funding),
            m.pairs(meetings, funding)
        ),
        (2, 0, 0)
    );
    assert_eq!(m.both_documents(trust, funding), 1);
    assert_eq!(m.jaccard(trust, funding), Some(0.5));
    // Rolled up to themes at paragraph distance: Relational × Organisational.
    let m = at(Proximity::Paragraph, Some(1));
    assert_eq!(m.len(), 2);
    let (rel, org) = (
        row(&m, &prep, "Relational"),
        row(&m, &prep, "Organisational"),
    );
    assert_eq!(
        (m.passages[rel], m.passages[org], m.pairs(rel, org)),
        (2, 3, 2)
    );
    assert_eq!(
        format!("{:.3}", m.c_coefficient(rel, org).unwrap()),
        "0.667"
    );
    assert!(!m.flagged(rel, org));
    // Same sentence as themes: "Meetings" and "trusted" are in different
    // sentences; nothing co-occurs.
    assert_eq!(at(Proximity::Sentence, Some(1)).pairs(rel, org), 0);
}
