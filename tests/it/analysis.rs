//! Prevalence with exact numbers, as defined in the synthesis guide.

use super::fixtures::*;
use thema::analysis::{DocFilter, ReviewerView, Scope, prevalence};
use thema::edit::{self, Command};
use thema::model::{AttrId, AttrKind, AttributeDef, DocId};

#[test]
fn bmj_theme_prevalence_is_exact() {
    let p = bmj();
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
    let cats: Vec<(&str, usize, &str)> = t
        .category_rows
        .iter()
        .map(|c| (c.name.as_str(), c.n_documents, c.percent.as_str()))
        .collect();
    assert_eq!(
        cats,
        vec![
            ("Barrier", 20, "60.6"),
            ("Facilitator", 21, "63.6"),
            ("Need", 9, "27.3"),
            ("Recommendation", 16, "48.5")
        ]
    );
    let culture = t.row_by_path("Organisational culture").unwrap();
    assert_eq!(culture.by_category, vec![20, 21, 9, 16]);
}

#[test]
fn scope_filters_documents_and_reviewers() {
    let mut p = small();
    let attr = AttributeDef {
        id: AttrId::from_u128(1),
        name: "Group".into(),
        kind: AttrKind::Choice(vec!["Review".into(), "Grey".into()]),
        bins: vec![],
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
