//! Quality appraisal: answers entered from CSV on the command line,
//! agreement equal to scikit-learn's, the grid, undo.

use std::process::Command as Proc;
use thema::edit::{self, Command};
use thema::model::Project;

use crate::fixtures::{AB, CD, doc};

fn thema() -> Proc {
    Proc::new(env!("CARGO_BIN_EXE_thema"))
}

/// 20 studies (reference numbers 1–20), reviewers AB and CD.
fn twenty_studies() -> Project {
    studies(20)
}

/// `n` studies (reference numbers 1–n), reviewers AB and CD.
pub fn studies(n: u128) -> Project {
    let mut p = Project::new("appraisal");
    let mut cmds = crate::fixtures::two_reviewers();
    cmds.push(thema::edit::ops::add_documents(
        &p,
        (1..=n)
            .map(|k| doc(k, &format!("Study {k} text.")))
            .collect(),
    ));
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    p
}

const FIXTURES: &str = "tests/fixtures";

/// AB's studies × items grid of the project at `path`, as `thema report`
/// writes it in CSV.
pub fn grid_csv(path: &std::path::Path) -> String {
    let out = thema()
        .args([
            "report",
            path.to_str().unwrap(),
            "--table",
            "appraisal",
            "--reviewer",
            "AB",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{csv}");
    csv
}

/// (item, percent agreement, kappa, linear weighted kappa, pairs counted by
/// weighted kappa): printed by tests/fixtures/appraisal_expected.py with
/// scikit-learn's cohen_kappa_score.
const EXPECTED: [(&str, f64, f64, f64, u64); 10] = [
    ("1", 0.750000, 0.607843, 0.522124, 18),
    ("2", 0.800000, 0.705882, 0.808989, 17),
    ("3", 0.800000, 0.550562, 0.683333, 19),
    ("4", 0.850000, 0.638554, 0.670520, 19),
    ("5", 0.900000, 0.840000, 0.727273, 15),
    ("6", 0.850000, 0.636364, 0.595745, 19),
    ("7", 0.850000, 0.784173, 0.793103, 16),
    ("8", 0.850000, 0.605263, 0.678571, 18),
    ("9", 0.800000, 0.653680, 0.657143, 18),
    ("10", 0.850000, 0.788732, 0.815884, 17),
];
const POOLED: (f64, f64, f64, u64) = (0.830000, 0.712850, 0.722081, 176);

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 5e-7)
}

#[test]
fn answers_from_csv_give_the_agreement_scikit_learn_computes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraisal.thema.ron");
    thema::io::project_file::save(&twenty_studies(), &path).unwrap();
    for (who, file) in [("AB", "appraisal_a.csv"), ("Chidi Dike", "appraisal_b.csv")] {
        let out = thema()
            .args([
                "appraise",
                path.to_str().unwrap(),
                "--reviewer",
                who,
                "--from",
            ])
            .arg(format!("{FIXTURES}/{file}"))
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("200 answers of"), "{said}");
    }
    let p = thema::io::project_file::load(&path).unwrap().project;
    assert_eq!(p.appraisal.answers.len(), 400);
    let jbi = p.appraisal.checklist("jbi-qualitative").unwrap();
    let ag = thema::analysis::appraisal::agreement(&p.appraisal, jbi, AB, CD);
    for (row, (item, po, k, kw, nw)) in ag.items.iter().zip(EXPECTED) {
        assert_eq!(row.item, item);
        assert_eq!(row.n, 20);
        assert!(
            close(row.percent, po),
            "item {item}: {:?} vs {po}",
            row.percent
        );
        assert!(close(row.kappa, k), "item {item}: {:?} vs {k}", row.kappa);
        assert!(
            close(row.weighted, kw),
            "item {item}: {:?} vs {kw}",
            row.weighted
        );
        assert_eq!(row.n_weighted, nw, "item {item}");
    }
    let (po, k, kw, nw) = POOLED;
    assert!(
        close(ag.pooled.percent, po) && close(ag.pooled.kappa, k) && close(ag.pooled.weighted, kw)
    );
    assert_eq!((ag.pooled.n, ag.pooled.n_weighted), (200, nw));
    // The same numbers come out of `thema report`.
    let out = thema()
        .args([
            "report",
            path.to_str().unwrap(),
            "--table",
            "appraisal-agreement",
            "--reviewers",
            "AB,CD",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{csv}");
    assert!(
        csv.contains("All items,,200,166,0.8300,0.7128,0.7221,176"),
        "{csv}"
    );
    // The grid: one row per study, a symbol per item, the total of Yes.
    let grid = grid_csv(&path);
    let header = grid.lines().next().unwrap();
    assert_eq!(
        header,
        "reference,study,1,2,3,4,5,6,7,8,9,10,total_yes,judgement"
    );
    assert_eq!(
        grid.lines()
            .filter(|l| l.starts_with(char::is_numeric))
            .count(),
        20
    );
    // The whole report carries the consensus grid and the agreement.
    {
        use thema::io::report::{Format, Style, render_styled};
        let t = thema::analysis::Tables::compute(&p, &Default::default(), &Default::default());
        let html = String::from_utf8(
            render_styled(&p, &t, "all", Format::Html, Style::Publication).unwrap(),
        )
        .unwrap();
        assert!(html.contains("Quality appraisal: JBI qualitative research 2020 (consensus of Alex Byrne and Chidi Dike)"), "grid in the HTML report");
        assert!(
            html.contains("href=\"#appraisal-agreement-jbi-qualitative\""),
            "listed in the contents"
        );
        let xlsx = render_styled(&p, &t, "all", Format::Xlsx, Style::Data).unwrap();
        let archive = thema::io::zipsafe::read(&xlsx).unwrap();
        let strings =
            String::from_utf8(archive.get("xl/sharedStrings.xml").unwrap().clone()).unwrap();
        assert!(strings.contains("weighted_kappa"));
    }
    // A stated rule and one judgement the reviewers set themselves.
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::{Judgement, JudgementStep};
    let mut p = p;
    let first = p.documents[0].id;
    edit::apply(
        &mut p,
        Command::Batch(vec![
            Command::Appraisal(A::SetRule {
                levels: vec![],
                rule: vec![
                    JudgementStep {
                        at_least: 8,
                        level: "High".into(),
                    },
                    JudgementStep {
                        at_least: 5,
                        level: "Moderate".into(),
                    },
                    JudgementStep {
                        at_least: 0,
                        level: "Low".into(),
                    },
                ],
            }),
            Command::Appraisal(A::SetJudgement {
                doc: first,
                judgement: Some(Judgement {
                    doc: first,
                    level: "Exclude".into(),
                    reason: "not a qualitative study".into(),
                    by: AB,
                    at: "2026-11-23T09:00:00Z".into(),
                }),
            }),
        ]),
    )
    .unwrap();
    let sheet = thema::io::report::appraisal::grid(
        &p,
        p.appraisal.checklist("jbi-qualitative").unwrap(),
        thema::io::report::appraisal::Whose::Reviewer(AB),
    );
    let last = |row: &Vec<thema::io::report::sheets::Cell>| row.last().unwrap().as_text();
    assert_eq!(last(&sheet.rows[0]), "Exclude");
    for row in &sheet.rows[1..] {
        let total: u32 = row[12].as_text().parse().unwrap();
        let expected = match total {
            8.. => "High (rule)",
            5..=7 => "Moderate (rule)",
            _ => "Low (rule)",
        };
        assert_eq!(last(row), expected);
    }
    let note = sheet.note.unwrap();
    assert!(
        note.contains("Y = Yes, ? = Unclear, N = No, NA = Not applicable"),
        "{note}"
    );
    assert!(note.contains("derived from the total by the review's rule: \u{2265} 8 Yes: High; \u{2265} 5 Yes: Moderate; \u{2265} 0 Yes: Low."), "{note}");
}

#[test]
fn a_csv_with_bad_rows_changes_nothing_and_names_each_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("appraisal.thema.ron");
    thema::io::project_file::save(&twenty_studies(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "reference,checklist,item,answer,note\n\
         1,casp-qualitative,1,Yes,clear aims\n\
         41,casp-qualitative,1,Yes,\n\
         2,casp-qualitative,11,No,\n\
         3,casp-qualitative,2,Maybe,\n\
         4,nice-checklist,1,Yes,\n",
    )
    .unwrap();
    let out = thema()
        .args([
            "appraise",
            path.to_str().unwrap(),
            "--reviewer",
            "AB",
            "--from",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for said in [
        "line 3: no study has reference number \u{201c}41\u{201d}",
        "line 4: CASP qualitative has no item \u{201c}11\u{201d}",
        "line 5: \u{201c}Maybe\u{201d} is not an answer of CASP qualitative (Yes / Can't tell / No)",
        "line 6: no checklist \u{201c}nice-checklist\u{201d}",
        "4 problems in",
        "the project was not changed",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn every_appraisal_command_undoes_exactly() {
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::{Answer, AppraisalDecision, bundled};
    let mut p = twenty_studies();
    let start = p.clone();
    let casp = bundled().into_iter().next().unwrap();
    let d1 = p.documents[0].id;
    let answer = |r, a: &str| Answer {
        doc: d1,
        reviewer: r,
        checklist: casp.id.clone(),
        item: "4".into(),
        answer: a.into(),
        note: String::new(),
        support: Some((0, 5)),
    };
    let cmds = vec![
        A::PutChecklist {
            id: casp.id.clone(),
            checklist: Some(casp.clone()),
        },
        A::PutAnswer {
            key: answer(AB, "yes").key(),
            answer: Some(answer(AB, "yes")),
        },
        A::PutAnswer {
            key: answer(AB, "no").key(),
            answer: Some(answer(AB, "no")),
        },
        A::PutAnswer {
            key: answer(CD, "cant_tell").key(),
            answer: Some(answer(CD, "cant_tell")),
        },
        A::SetFinished {
            doc: d1,
            reviewer: AB,
            finished: true,
        },
        A::SetChecklistFor {
            doc: d1,
            checklist: Some(casp.id.clone()),
        },
        A::AddDecision(AppraisalDecision {
            doc: d1,
            checklist: casp.id.clone(),
            item: "4".into(),
            answer: "no".into(),
            by: AB,
            at: "2026-11-23T09:00:00Z".into(),
            note: "the sampling frame is described on p. 3".into(),
        }),
    ];
    let mut undo = Vec::new();
    let mut states = vec![p.clone()];
    for c in cmds {
        undo.push(edit::apply(&mut p, Command::Appraisal(c)).unwrap());
        states.push(p.clone());
    }
    assert_eq!(p.appraisal.answers.len(), 2);
    assert_eq!(
        p.appraisal.decision(d1, &casp.id, "4").unwrap().answer,
        "no"
    );
    let log = thema::io::report::appraisal::decision_log(&p).unwrap();
    let csv = thema::io::report::text::csv(&log);
    assert!(
        csv.contains("1,Author 1,CASP qualitative,4,No,Alex Byrne,2026-11-23T09:00:00Z,the sampling frame is described on p. 3"),
        "{csv}"
    );
    // A checklist in use cannot be removed.
    assert!(
        edit::apply(
            &mut p,
            Command::Appraisal(A::PutChecklist {
                id: casp.id.clone(),
                checklist: None
            })
        )
        .is_err()
    );
    // An answer that is not an option of the checklist is refused.
    assert!(
        edit::apply(
            &mut p,
            Command::Appraisal(A::PutAnswer {
                key: answer(CD, "maybe").key(),
                answer: Some(answer(CD, "maybe"))
            })
        )
        .is_err()
    );
    while let Some(inv) = undo.pop() {
        states.pop();
        edit::apply(&mut p, inv).unwrap();
        assert_eq!(p.appraisal, states.last().unwrap().appraisal);
    }
    assert_eq!(p.appraisal, start.appraisal);
}

#[test]
fn blind_reviewers_see_each_others_answers_only_when_both_have_finished() {
    use thema::analysis::Viewer;
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::{Answer, bundled};
    let mut p = twenty_studies();
    let casp = bundled().into_iter().next().unwrap();
    let d = p.documents[0].id;
    let ans = |r, a: &str| Answer {
        doc: d,
        reviewer: r,
        checklist: casp.id.clone(),
        item: "1".into(),
        answer: a.into(),
        note: String::new(),
        support: None,
    };
    let mut cmds = vec![
        Command::SetBlind(true),
        Command::Appraisal(A::PutChecklist {
            id: casp.id.clone(),
            checklist: Some(casp.clone()),
        }),
    ];
    for a in [ans(AB, "yes"), ans(CD, "no")] {
        cmds.push(Command::Appraisal(A::PutAnswer {
            key: a.key(),
            answer: Some(a),
        }));
    }
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    let ab = Viewer::of(&p, Some(AB));
    let theirs = ans(CD, "no");
    assert!(
        ab.may_see_answer(&p, &ans(AB, "yes")),
        "one's own answers always"
    );
    assert!(!ab.may_see_answer(&p, &theirs));
    let finish = |p: &mut Project, r| {
        edit::apply(
            p,
            Command::Appraisal(A::SetFinished {
                doc: d,
                reviewer: r,
                finished: true,
            }),
        )
        .unwrap();
    };
    finish(&mut p, AB);
    assert!(!ab.may_see_answer(&p, &theirs), "CD has not finished");
    finish(&mut p, CD);
    assert!(ab.may_see_answer(&p, &theirs), "both finished");
    // Without blind mode everyone sees everything.
    edit::apply(&mut p, Command::SetBlind(false)).unwrap();
    assert!(Viewer::of(&p, Some(CD)).may_see_answer(&p, &ans(AB, "yes")));
}

#[test]
fn a_quality_filter_is_a_sensitivity_analysis_of_every_table() {
    use thema::analysis::{DocFilter, Scope, Tables};
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::Judgement;
    let mut p = crate::fixtures::bmj();
    let all = Tables::compute(&p, &Scope::default(), &Default::default());
    // Studies with reference numbers 1–10 judged High, the rest Low.
    let cmds: Vec<Command> = p
        .documents
        .iter()
        .map(|d| {
            let level = if d.reference <= 10 { "High" } else { "Low" };
            Command::Appraisal(A::SetJudgement {
                doc: d.id,
                judgement: Some(Judgement {
                    doc: d.id,
                    level: level.into(),
                    reason: String::new(),
                    by: AB,
                    at: "2026-11-23T09:00:00Z".into(),
                }),
            })
        })
        .collect();
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    let scope = Scope {
        docs: DocFilter::Quality {
            levels: vec!["High".into()],
        },
        ..Scope::default()
    };
    let high = Tables::compute(&p, &scope, &Default::default());
    assert_eq!(high.prevalence.n_total, 10);
    // Each theme's count is the number of its citing studies among 1–10.
    for (row, cites) in high.prevalence.rows.iter().zip(&all.citations) {
        let expected = cites.references.iter().filter(|&&r| r <= 10).count();
        assert_eq!(row.n_documents, expected, "{}", row.name);
    }
    let culture = high
        .prevalence
        .rows
        .iter()
        .find(|r| r.name == "Organisational culture")
        .unwrap();
    assert!(culture.n_documents < 27);
    assert_eq!(
        scope.describe(&p),
        "studies judged High · codings of all reviewers"
    );
    // Judging one more study High moves it into the analysis.
    let eleventh = p.documents.iter().find(|d| d.reference == 11).unwrap().id;
    edit::apply(
        &mut p,
        Command::Appraisal(A::SetJudgement {
            doc: eleventh,
            judgement: Some(Judgement {
                doc: eleventh,
                level: "High".into(),
                reason: "re-appraised".into(),
                by: CD,
                at: "2026-11-23T10:00:00Z".into(),
            }),
        }),
    )
    .unwrap();
    assert_eq!(
        Tables::compute(&p, &scope, &Default::default())
            .prevalence
            .n_total,
        11
    );
    // Per theme, the citing studies by quality (over all studies).
    let sheet = thema::io::report::appraisal::quality_by_theme(&p, &all).unwrap();
    assert_eq!(
        sheet.columns,
        vec![
            "code",
            "level",
            "studies",
            "High",
            "Moderate",
            "Low",
            "Exclude",
            "no judgement"
        ]
    );
    let row = sheet
        .rows
        .iter()
        .find(|r| r[0].as_text() == "Organisational culture")
        .unwrap();
    let refs = &all
        .citations
        .iter()
        .find(|c| c.name == "Organisational culture")
        .unwrap()
        .references;
    let high = refs.iter().filter(|&&r| r <= 11).count();
    let cells: Vec<String> = row
        .iter()
        .map(thema::io::report::sheets::Cell::as_text)
        .collect();
    assert_eq!(
        cells[2..],
        [
            "27".to_owned(),
            high.to_string(),
            "0".into(),
            (27 - high).to_string(),
            "0".into(),
            "0".into()
        ]
    );
}

#[test]
fn appraisals_travel_to_refi_qda_as_document_variables() {
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::io::refi::{export, import};
    use thema::model::appraisal::{Answer, bundled};
    let mut p = twenty_studies();
    let casp = bundled().into_iter().next().unwrap();
    let d = p.documents[2].id;
    let ans = |r, item: &str, a: &str| Answer {
        doc: d,
        reviewer: r,
        checklist: casp.id.clone(),
        item: item.into(),
        answer: a.into(),
        note: String::new(),
        support: None,
    };
    let mut cmds = vec![Command::Appraisal(A::PutChecklist {
        id: casp.id.clone(),
        checklist: Some(casp.clone()),
    })];
    for a in [
        ans(AB, "4", "yes"),
        ans(CD, "4", "yes"),
        ans(AB, "5", "no"),
        ans(CD, "5", "cant_tell"),
    ] {
        cmds.push(Command::Appraisal(A::PutAnswer {
            key: a.key(),
            answer: Some(a),
        }));
    }
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    assert!(
        thema::io::refi::export_appraisal::not_carried(&p).is_empty(),
        "no note, passage, reason or decision: nothing is lost"
    );
    let mut with_note = ans(AB, "6", "yes");
    with_note.note = "Interviews and observation".into();
    with_note.support = Some((0, 5));
    edit::apply(
        &mut p,
        Command::Appraisal(A::PutAnswer {
            key: with_note.key(),
            answer: Some(with_note),
        }),
    )
    .unwrap();
    assert_eq!(
        thema::io::refi::export_appraisal::not_carried(&p),
        [
            "REFI-QDA has no place for quality appraisal: the answers travel as document variables, but 1 appraisal note and 1 supporting passage stay only in the Thema project"
        ]
    );
    let xml = export::project_xml(&p, thema::io::refi::positions::Unit::Chars);
    let text = String::from_utf8_lossy(&xml);
    assert!(
        text.contains("name=\"Appraisal: CASP qualitative 4 (AB)\""),
        "{text}"
    );
    assert!(text.contains("name=\"Appraisal: CASP qualitative 4 (consensus)\""));
    // Item 5 differs and is not decided: no consensus variable for it.
    assert!(!text.contains("name=\"Appraisal: CASP qualitative 5 (consensus)\""));
    if std::path::Path::new("../shared/refi/Project.xsd").exists() {
        crate::refi::validate(&xml, "Project.xsd");
    }
    let (back, _) = import::read_qdpx(&export::qdpx(&p).unwrap()).unwrap();
    let attr = |name: &str| {
        back.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.id)
    };
    let doc = back.documents.iter().find(|x| x.id == d).unwrap();
    assert_eq!(
        doc.attribute(attr("Appraisal: CASP qualitative 5 (CD)").unwrap()),
        "Can't tell"
    );
    assert_eq!(
        doc.attribute(attr("Appraisal: CASP qualitative 4 (consensus)").unwrap()),
        "Yes"
    );
}

/// Judgements, the judgement levels and the rule were once left out of
/// the file: every part of an appraisal must come back from disk.
#[test]
fn every_part_of_an_appraisal_survives_save_and_load() {
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::{Answer, Judgement, JudgementStep, bundled};
    let mut p = twenty_studies();
    let casp = bundled().into_iter().next().unwrap();
    let d = p.documents[1].id;
    let a = Answer {
        doc: d,
        reviewer: AB,
        checklist: casp.id.clone(),
        item: "3".into(),
        answer: "yes".into(),
        note: "design fits".into(),
        support: Some((2, 9)),
    };
    let cmds = vec![
        A::PutChecklist {
            id: casp.id.clone(),
            checklist: Some(casp.clone()),
        },
        A::PutAnswer {
            key: a.key(),
            answer: Some(a),
        },
        A::SetFinished {
            doc: d,
            reviewer: AB,
            finished: true,
        },
        A::SetRule {
            levels: vec!["Include".into(), "Exclude".into()],
            rule: vec![JudgementStep {
                at_least: 7,
                level: "Include".into(),
            }],
        },
        A::SetJudgement {
            doc: d,
            judgement: Some(Judgement {
                doc: d,
                level: "Exclude".into(),
                reason: "no findings on the phenomenon".into(),
                by: CD,
                at: "2026-11-23T10:00:00Z".into(),
            }),
        },
    ];
    edit::apply(
        &mut p,
        Command::Batch(cmds.into_iter().map(Command::Appraisal).collect()),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.thema.ron");
    thema::io::project_file::save(&p, &path).unwrap();
    let back = thema::io::project_file::load(&path).unwrap().project;
    assert_eq!(back.appraisal, p.appraisal);
    assert_eq!(back.appraisal.judgement(d).unwrap().level, "Exclude");
}
