//! Prevalence with exact numbers, as defined in the synthesis guide.

use super::fixtures::*;
use thema::analysis::{DocFilter, ReviewerView, Scope, prevalence};
use thema::edit::{self, Command, ops};
use thema::model::{AttrId, AttrKind, AttributeDef, CategoryId, Coding, CodingId, DocId, Project};

const BARRIER: CategoryId = CategoryId(uuid::Uuid::from_u128(0xCA7E_0001));
const FACILITATOR: CategoryId = CategoryId(uuid::Uuid::from_u128(0xCA7E_0002));

/// 33 documents and the BMJ review's six themes, coded so that the themes
/// are found in 27, 25, 23, 27, 20 and 17 documents. Theme 1 is reached
/// partly through a sub-code (rollup), some documents hold several codings
/// of the same theme (counted once), and 20 documents hold a barrier.
fn bmj_like() -> Project {
    let mut p = Project::new("bmj");
    let mut cmds = vec![Command::InsertReviewer {
        index: 0,
        reviewer: thema::model::Reviewer {
            id: AB,
            name: "A".into(),
            initials: "A".into(),
        },
    }];
    let themes = [
        "Organisational culture",
        "Workforce management",
        "Interorganisational collaboration",
        "Leadership ability of staff",
        "Economic factors",
        "Political factors",
    ];
    for (i, t) in themes.iter().enumerate() {
        cmds.push(Command::InsertCode {
            index: i,
            code: code(i as u128 + 1, t, None),
        });
    }
    cmds.push(Command::InsertCode {
        index: 6,
        code: code(11, "Shared values", Some(1)),
    });
    let docs: Vec<_> = (1..=33)
        .map(|n| {
            doc(
                1000 + n,
                "The integrated system worked because of shared values and trust.",
            )
        })
        .collect();
    cmds.push(ops::add_documents(&p, docs));
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    let counts = [27usize, 25, 23, 27, 20, 17];
    let mut codings = Vec::new();
    let mut n = 0u128;
    for (t, &k) in counts.iter().enumerate() {
        for d in 1..=k as u128 {
            n += 1;
            // theme 1: even documents coded through the sub-code only
            let code_id = if t == 0 && d % 2 == 0 {
                11
            } else {
                t as u128 + 1
            };
            let mut c = coding(n, 1000 + d, 4, 14, code_id, AB);
            c.category = Some(if t == 0 && d <= 20 {
                BARRIER
            } else {
                FACILITATOR
            });
            codings.push(c.clone());
            if d % 5 == 0 {
                n += 1;
                codings.push(Coding {
                    id: CodingId::from_u128(n),
                    start: 20,
                    end: 30,
                    ..c.clone()
                });
            }
        }
    }
    edit::apply(&mut p, Command::AddCodings(codings)).unwrap();
    p
}

#[test]
fn bmj_theme_prevalence_is_exact() {
    let p = bmj_like();
    let t = prevalence(&p, &Scope::default());
    assert_eq!(t.n_total, 33);
    let got: Vec<(usize, &str)> = t
        .rows
        .iter()
        .filter(|r| r.level == 1)
        .map(|r| (r.n_documents, r.percent.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (27, "81.8"),
            (25, "75.8"),
            (23, "69.7"),
            (27, "81.8"),
            (20, "60.6"),
            (17, "51.5")
        ]
    );
    let sub = t
        .row_by_path("Organisational culture > Shared values")
        .unwrap();
    assert_eq!(
        (sub.n_documents, sub.level, sub.percent.as_str()),
        (13, 2, "39.4")
    );
    let barrier = &t.category_rows[0];
    assert_eq!(
        (
            barrier.name.as_str(),
            barrier.n_documents,
            barrier.percent.as_str()
        ),
        ("Barrier", 20, "60.6")
    );
    let culture = t.row_by_path("Organisational culture").unwrap();
    assert_eq!(culture.by_category, vec![20, 7, 0, 0]);
}

#[test]
fn scope_filters_documents_and_reviewers() {
    let mut p = small();
    let attr = AttributeDef {
        id: AttrId::from_u128(1),
        name: "Group".into(),
        kind: AttrKind::Choice(vec!["Review".into(), "Grey".into()]),
    };
    edit::apply(
        &mut p,
        Command::InsertAttributeDef {
            index: 0,
            def: attr,
        },
    )
    .unwrap();
    edit::apply(
        &mut p,
        Command::SetAttributeValue {
            doc: DocId::from_u128(100),
            attr: AttrId::from_u128(1),
            value: Some("Review".into()),
        },
    )
    .unwrap();
    edit::apply(
        &mut p,
        Command::SetAttributeValue {
            doc: DocId::from_u128(101),
            attr: AttrId::from_u128(1),
            value: Some("Grey".into()),
        },
    )
    .unwrap();
    edit::apply(
        &mut p,
        Command::AddCodings(vec![
            coding(1, 100, 0, 7, 2, AB),
            coding(2, 101, 0, 7, 3, CD),
        ]),
    )
    .unwrap();

    let all = prevalence(&p, &Scope::default());
    assert_eq!(
        all.row_by_path("Relational factors").unwrap().n_documents,
        2
    );
    assert_eq!(
        all.row_by_path("Relational factors").unwrap().percent,
        "100.0"
    );

    let only_ab = prevalence(
        &p,
        &Scope {
            docs: DocFilter::All,
            reviewers: ReviewerView::One(AB),
        },
    );
    assert_eq!(
        only_ab
            .row_by_path("Relational factors")
            .unwrap()
            .n_documents,
        1
    );
    assert_eq!(
        only_ab
            .row_by_path("Relational factors > Vision and purpose")
            .unwrap()
            .n_documents,
        0
    );

    let grey = prevalence(
        &p,
        &Scope {
            docs: DocFilter::Attribute {
                attr: AttrId::from_u128(1),
                value: "Grey".into(),
            },
            reviewers: ReviewerView::All,
        },
    );
    assert_eq!(grey.n_total, 1);
    assert_eq!(
        grey.row_by_path("Relational factors > Vision and purpose")
            .unwrap()
            .percent,
        "100.0"
    );
    assert_eq!(
        grey.row_by_path("Relational factors > Leadership")
            .unwrap()
            .percent,
        "0.0"
    );
}

#[test]
fn empty_project_has_zero_percent_not_nan() {
    let p = small();
    let t = prevalence(
        &p,
        &Scope {
            docs: DocFilter::Attribute {
                attr: AttrId::from_u128(9),
                value: "none".into(),
            },
            reviewers: ReviewerView::All,
        },
    );
    assert_eq!(t.n_total, 0);
    assert!(t.rows.iter().all(|r| r.percent == "0.0"));
}

#[test]
fn sample_project_numbers() {
    let p = thema::io::project_file::load(std::path::Path::new(
        "sample_projects/neighbourhood_teams.thema.ron",
    ))
    .unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let t = prevalence(&p.project, &Scope::default());
    assert_eq!(t.n_total, 10);
    let lead = t.row_by_path("Relational factors > Leadership").unwrap();
    assert_eq!((lead.n_documents, lead.percent.as_str()), (9, "90.0"));
    let vision = t
        .row_by_path("Relational factors > Vision and purpose")
        .unwrap();
    assert_eq!((vision.n_documents, vision.percent.as_str()), (8, "80.0"));
    assert_eq!(p.project.codings.len(), 98);
    assert!(
        p.project
            .documents
            .iter()
            .filter(|d| !d.page_starts.is_empty())
            .count()
            >= 2,
        "two documents came from PDFs"
    );
}
