//! Agreement statistics against values computed with scikit-learn's
//! `cohen_kappa_score` (tests/fixtures/agreement_expected.py).

use super::fixtures::*;
use thema::analysis::Scope;
use thema::analysis::agreement::{Table2, agreement, fmt_stat};
use thema::edit::{self, Command, ops};
use thema::model::{Coding, Project};

/// A document's length and the intervals AB and CD coded in it.
type Doc = (usize, Vec<(usize, usize)>, Vec<(usize, usize)>);

/// One code ("Leadership", id 2) coded by AB and CD with these intervals,
/// in documents of these lengths.
fn coded(docs: &[Doc]) -> Project {
    let mut p = small();
    let ids: Vec<_> = p.documents.iter().map(|d| d.id).collect();
    for id in ids {
        let cmd = ops::remove_document(&p, id);
        edit::apply(&mut p, cmd).unwrap();
    }
    let new: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, (len, _, _))| doc(300 + i as u128, &"x".repeat(*len)))
        .collect();
    let cmd = ops::add_documents(&p, new);
    edit::apply(&mut p, cmd).unwrap();
    let mut codings = Vec::new();
    let mut n = 0;
    for (i, (_, a, b)) in docs.iter().enumerate() {
        for (reviewer, ivs) in [(AB, a), (CD, b)] {
            for &(s, e) in ivs {
                n += 1;
                codings.push(coding(n, 300 + i as u128, s, e, 2, reviewer));
            }
        }
    }
    edit::apply(&mut p, Command::AddCodings(codings)).unwrap();
    p
}

fn char_table(p: &Project) -> Table2 {
    let a = agreement(p, &Scope::default(), AB, CD);
    a.character
        .rows
        .iter()
        .find(|r| r.path.ends_with("Leadership"))
        .unwrap()
        .table
}

fn k(t: &Table2) -> String {
    fmt_stat(t.kappa(), 6)
}

#[test]
fn character_level_matches_scikit_learn() {
    let t = char_table(&coded(&[(100, vec![(10, 30)], vec![(10, 30)])]));
    assert_eq!(
        (t, k(&t)),
        (
            Table2 {
                a: 20,
                b: 0,
                c: 0,
                d: 80
            },
            "1.000000".into()
        )
    );

    let t = char_table(&coded(&[(100, vec![(0, 20)], vec![(50, 70)])]));
    assert_eq!(
        (k(&t), fmt_stat(t.pabak(), 6)),
        ("-0.250000".into(), "0.200000".into())
    );

    let t = char_table(&coded(&[(100, vec![(10, 40)], vec![])]));
    assert_eq!(
        (k(&t), fmt_stat(t.percent_agreement(), 6)),
        ("0.000000".into(), "0.700000".into())
    );

    // AB's two overlapping codings count once: union [10,60).
    let t = char_table(&coded(&[(100, vec![(10, 40), (30, 60)], vec![(20, 70)])]));
    assert_eq!(
        t,
        Table2 {
            a: 40,
            b: 10,
            c: 10,
            d: 40
        }
    );
    assert_eq!(
        (k(&t), fmt_stat(t.pabak(), 6)),
        ("0.600000".into(), "0.600000".into())
    );

    // Pooled over two documents: tables are added before computing.
    let t = char_table(&coded(&[
        (100, vec![(10, 40)], vec![(20, 50)]),
        (60, vec![(0, 30)], vec![(10, 20)]),
    ]));
    assert_eq!(
        (k(&t), fmt_stat(t.percent_agreement(), 6)),
        ("0.428571".into(), "0.750000".into())
    );
}

#[test]
fn undefined_kappa_is_a_dash_not_nan() {
    let p = coded(&[(100, vec![], vec![])]);
    let t = char_table(&p);
    assert_eq!(
        t,
        Table2 {
            a: 0,
            b: 0,
            c: 0,
            d: 100
        }
    );
    assert_eq!(t.kappa(), None);
    assert_eq!(fmt_stat(t.kappa(), 3), "—");
    assert_eq!(fmt_stat(t.percent_agreement(), 3), "1.000");
}

#[test]
fn document_level_matches_scikit_learn_and_rolls_up() {
    // Ten documents: AB codes 0–5, CD codes 0–3 and 6–8.
    let docs: Vec<_> = (0..10)
        .map(|i| {
            let a = if i <= 5 { vec![(0, 5)] } else { vec![] };
            let b = if i <= 3 || (6..=8).contains(&i) {
                vec![(2, 8)]
            } else {
                vec![]
            };
            (20usize, a, b)
        })
        .collect();
    let p = coded(&docs);
    let ag = agreement(&p, &Scope::default(), AB, CD);
    let row = |path: &str| {
        ag.document
            .rows
            .iter()
            .find(|r| r.path == path)
            .unwrap()
            .table
    };
    let t = row("Relational factors > Leadership");
    assert_eq!(
        t,
        Table2 {
            a: 4,
            b: 2,
            c: 3,
            d: 1
        }
    );
    assert_eq!(
        (
            k(&t),
            fmt_stat(t.percent_agreement(), 6),
            fmt_stat(t.pabak(), 6)
        ),
        ("-0.086957".into(), "0.500000".into(), "0.000000".into())
    );
    // The theme holds the same codings (rolled up).
    assert_eq!(row("Relational factors"), t);
    // Pooled = sum of the code tables (3 codes × 10 documents).
    assert_eq!(ag.document.pooled.table.n(), 30);
}

#[test]
fn category_level_separates_categories() {
    let mut p = coded(&[(100, vec![], vec![])]);
    let d = p.documents[0].id;
    let mk = |n: u128, r, cat| Coding {
        category: Some(cat),
        ..coding(n, 0, 0, 10, 2, r)
    };
    let mut a = mk(1, AB, BARRIER);
    let mut b = mk(2, CD, FACILITATOR);
    a.doc = d;
    b.doc = d;
    edit::apply(&mut p, Command::AddCodings(vec![a, b])).unwrap();
    let ag = agreement(&p, &Scope::default(), AB, CD);
    let cat = |c: &str| {
        ag.category
            .rows
            .iter()
            .find(|r| r.path.ends_with("Leadership") && r.category.as_deref() == Some(c))
            .unwrap()
            .table
    };
    assert_eq!(
        cat("Barrier"),
        Table2 {
            a: 0,
            b: 1,
            c: 0,
            d: 0
        }
    );
    assert_eq!(
        cat("Facilitator"),
        Table2 {
            a: 0,
            b: 0,
            c: 1,
            d: 0
        }
    );
    // Ignoring categories they agree on the document.
    let doc_row = ag
        .document
        .rows
        .iter()
        .find(|r| r.path.ends_with("Leadership"))
        .unwrap()
        .table;
    assert_eq!(
        doc_row,
        Table2 {
            a: 1,
            b: 0,
            c: 0,
            d: 0
        }
    );
}

#[test]
fn cli_agreement_report_has_the_documented_columns() {
    let path = "sample_projects/neighbourhood_teams.thema.ron";
    let run = |level: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .args([
                "report",
                path,
                "--table",
                "agreement",
                "--reviewers",
                "AB,CD",
                "--level",
                level,
                "--format",
                "csv",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let doc = run("document");
    assert_eq!(
        doc.lines().next().unwrap(),
        "code,level,a,b,c,d,percent_agreement,kappa,pabak"
    );
    assert!(doc.lines().last().unwrap().starts_with("(pooled),0,"));
    let cat = run("category");
    assert_eq!(
        cat.lines().next().unwrap(),
        "code,level,category,a,b,c,d,percent_agreement,kappa,pabak"
    );
    assert!(cat.contains(",—,"), "undefined kappa is a dash");
    // Same numbers as the analysis function.
    let p = thema::io::project_file::load(std::path::Path::new(path))
        .unwrap()
        .project;
    let ag = agreement(
        &p,
        &Scope::default(),
        thema::cli::find_reviewer(&p, "AB").unwrap(),
        thema::cli::find_reviewer(&p, "CD").unwrap(),
    );
    let expected =
        thema::io::report::text::csv(&thema::io::report::sheets::agreement(&ag.character));
    assert_eq!(run("character"), expected);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
        .args(["report", path, "--table", "agreement"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--reviewers"));
}
