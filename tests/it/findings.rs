//! Review findings: contributing studies derived live from codings, the
//! GRADE-CERQual evidence pre-filled from appraisal and attributes, the
//! JBI ConQual arithmetic, undo and the file.

use crate::fixtures::{AB, BARRIER, CD, FACILITATOR, code, coding, doc, two_reviewers};
use thema::analysis::findings::{
    adequacy_text, coherence_text, evidence, limitations_text, relevance_text,
};
use thema::analysis::{Prepared, ReviewerView, Scope};
use thema::edit::findings::FindingsCommand as F;
use thema::edit::{self, Command};
use thema::model::findings::{
    Credibility, Finding, JbiCategory, ResearchType, ReviewContext, Synthesised,
};
use thema::model::{AttrId, AttrKind, AttributeDef, CodeId, CodingId, FindingId, GroupId, Project};

pub const COUNTRY: AttrId = AttrId(uuid::Uuid::from_u128(0xC0));
const TEXT: &str =
    "Staff trusted each other. They shared goals. Funding was short-term and it hurt.";

/// Six studies (references 1–6); codes "Working together" (1) with
/// "Trust" (2) and "Shared goals" (3) below it, and "Funding" (4); AB's
/// codings: Trust in 1, 2 and 4 (twice in 4), Shared goals in 2 and 5,
/// Funding in 3 and 6. Countries UK (1–4), Canada (5), not stated (6).
pub fn six_studies() -> Project {
    let mut p = Project::new("findings");
    let mut cmds = two_reviewers();
    for (i, (n, name, parent)) in [
        (1, "Working together", None),
        (2, "Trust", Some(1)),
        (3, "Shared goals", Some(1)),
        (4, "Funding", None),
    ]
    .into_iter()
    .enumerate()
    {
        cmds.push(Command::InsertCode {
            index: i,
            code: code(n, name, parent),
        });
    }
    cmds.push(thema::edit::ops::add_documents(
        &p,
        (1..=6).map(|k| doc(k, TEXT)).collect(),
    ));
    cmds.push(Command::InsertAttributeDef {
        index: 0,
        def: AttributeDef {
            id: COUNTRY,
            name: "Country".into(),
            kind: AttrKind::Text,
            bins: Vec::new(),
        },
    });
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    let mut cmds = Vec::new();
    for (k, country) in [(1, "UK"), (2, "UK"), (3, "UK"), (4, "UK"), (5, "Canada")] {
        cmds.push(Command::SetAttributeValue {
            doc: thema::model::DocId::from_u128(k),
            attr: COUNTRY,
            value: Some(country.into()),
        });
    }
    let mut codings = vec![
        coding(11, 1, 0, 25, 2, AB),
        coding(12, 2, 0, 25, 2, AB),
        coding(13, 4, 0, 25, 2, AB),
        coding(14, 4, 26, 44, 2, AB),
        coding(15, 2, 26, 44, 3, AB),
        coding(16, 5, 26, 44, 3, AB),
        coding(17, 3, 45, 80, 4, AB),
        coding(18, 6, 45, 80, 4, AB),
    ];
    codings[0].category = Some(FACILITATOR);
    codings[1].category = Some(FACILITATOR);
    codings[2].category = Some(BARRIER);
    cmds.push(Command::AddCodings(codings));
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    p
}

pub fn finding(n: u128, label: &str, statement: &str, codes: &[u128]) -> Finding {
    Finding {
        id: FindingId::from_u128(n),
        label: label.into(),
        statement: statement.into(),
        codes: codes.iter().map(|c| CodeId::from_u128(*c)).collect(),
        contradicting: Vec::new(),
        ratings: Vec::new(),
    }
}

pub fn put(p: &mut Project, f: Finding) {
    edit::apply(
        p,
        Command::Findings(F::PutFinding {
            id: f.id,
            finding: Some(f),
            at: None,
        }),
    )
    .unwrap();
}

fn all_reviewers(p: &Project) -> Prepared<'_> {
    Prepared::new(p, &Scope::default())
}

#[test]
fn contributing_studies_follow_the_codings_live() {
    let mut p = six_studies();
    put(
        &mut p,
        finding(1, "F1", "Trust and shared goals hold teams together", &[1]),
    );
    let f = p.findings.findings[0].clone();
    let e = evidence(&all_reviewers(&p), &f);
    // Rolled up: Trust (1, 2, 4, 4) and Shared goals (2, 5) under the theme.
    assert_eq!(e.refs, [1, 2, 4, 5]);
    assert_eq!(
        e.citation(&thema::analysis::citations::Citer::default()),
        "4 studies (1,2,4,5)"
    );
    assert_eq!(e.passages.len(), 6);
    assert_eq!(
        e.passages
            .iter()
            .filter(|x| x.reference == 4)
            .map(|x| x.number)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    // A coding in study 3 joins it at once.
    edit::apply(
        &mut p,
        Command::AddCodings(vec![coding(19, 3, 0, 25, 3, CD)]),
    )
    .unwrap();
    let e = evidence(&all_reviewers(&p), &f);
    assert_eq!(
        e.citation(&thema::analysis::citations::Citer::default()),
        "5 studies (1\u{2013}5)"
    );
    // In CD's scope only that coding counts.
    let cd = Scope {
        reviewers: ReviewerView::One(CD),
        ..Default::default()
    };
    let e = evidence(&Prepared::new(&p, &cd), &f);
    assert_eq!(
        e.citation(&thema::analysis::citations::Citer::default()),
        "1 study (3)"
    );
    // The same passage coded by both reviewers is one passage.
    edit::apply(
        &mut p,
        Command::AddCodings(vec![coding(20, 1, 0, 25, 2, CD)]),
    )
    .unwrap();
    let e = evidence(&all_reviewers(&p), &f);
    assert_eq!(e.passages.len(), 7);
    assert_eq!(e.passages[0].reviewers, [AB, CD]);
    assert_eq!(
        e.passages[0].codings,
        [CodingId::from_u128(11), CodingId::from_u128(20)]
    );
}

#[test]
fn the_evidence_beside_each_judgement_is_counted_from_the_project() {
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::Judgement;
    let mut p = six_studies();
    let mut f = finding(1, "F1", "Trust holds teams together", &[2]);
    f.contradicting = vec![CodingId::from_u128(13)];
    put(&mut p, f.clone());
    let judge = |k: u128, level: &str| {
        let d = thema::model::DocId::from_u128(k);
        Command::Appraisal(A::SetJudgement {
            doc: d,
            judgement: Some(Judgement {
                doc: d,
                level: level.into(),
                reason: String::new(),
                by: AB,
                at: "2026-11-23T10:00:00Z".into(),
            }),
        })
    };
    edit::apply(
        &mut p,
        Command::Batch(vec![
            judge(1, "High"),
            judge(2, "Moderate"),
            judge(5, "Low"),
        ]),
    )
    .unwrap();
    let e = evidence(&all_reviewers(&p), &f);
    assert_eq!(e.refs, [1, 2, 4]);
    assert_eq!(
        limitations_text(&p, &e),
        "Of 3 contributing studies: 1 judged High and 1 Moderate; 1 not appraised."
    );
    assert_eq!(
        coherence_text(&e),
        "4 passages: 2 Facilitator, 1 Barrier and 1 no category. 1 passage marked as contradicting the finding (Author 4)."
    );
    assert_eq!(
        adequacy_text(&e),
        "3 studies, 4 passages and 15 words of supporting data; 2 studies contribute a single passage."
    );
    assert!(relevance_text(&p, &e).starts_with("The review question's context is not set"));
    edit::apply(
        &mut p,
        Command::Findings(F::SetContext(ReviewContext {
            values: vec![(COUNTRY, vec!["UK".into()])],
            ..Default::default()
        })),
    )
    .unwrap();
    assert_eq!(
        relevance_text(&p, &e),
        "Country: 3 of 3 studies match (UK)."
    );
    let g = finding(2, "F2", "Shared goals", &[3]);
    put(&mut p, g.clone());
    let e = evidence(&all_reviewers(&p), &g);
    assert_eq!(
        relevance_text(&p, &e),
        "Country: 1 of 2 studies match (UK); 1 other (Canada)."
    );
    let h = finding(3, "F3", "Funding", &[4]);
    put(&mut p, h.clone());
    let e = evidence(&all_reviewers(&p), &h);
    assert_eq!(
        relevance_text(&p, &e),
        "Country: 1 of 2 studies match (UK); 1 not stated."
    );
}

/// JBI's worked logic: a synthesised finding from qualitative research
/// starts High; most contributing studies have 2–3 Yes on questions 2, 3,
/// 4, 6 and 7 (down one for dependability) and its illustrations are a
/// mix of unequivocal and credible (down one for credibility): Low.
#[test]
fn conqual_downgrades_one_for_dependability_and_one_for_credibility_to_low() {
    use thema::analysis::conqual::{conqual, credibility};
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::{Answer, bundled};
    let mut p = six_studies();
    let jbi = bundled()
        .into_iter()
        .find(|c| c.id == "jbi-qualitative")
        .unwrap();
    let mut cmds = vec![Command::Appraisal(A::PutChecklist {
        id: jbi.id.clone(),
        checklist: Some(jbi.clone()),
    })];
    // Yes counts on 2, 3, 4, 6, 7: study 1 → 5, study 2 → 3, study 4 → 2,
    // study 5 → 2. Study 3 is not appraised with JBI.
    for (k, yes) in [(1u128, 5usize), (2, 3), (4, 2), (5, 2)] {
        for (i, item) in ["2", "3", "4", "6", "7"].iter().enumerate() {
            let a = Answer {
                doc: thema::model::DocId::from_u128(k),
                reviewer: AB,
                checklist: jbi.id.clone(),
                item: (*item).into(),
                answer: if i < yes { "yes" } else { "no" }.into(),
                note: String::new(),
                support: None,
            };
            cmds.push(Command::Appraisal(A::PutAnswer {
                key: a.key(),
                answer: Some(a),
            }));
        }
    }
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    let rate = |f: &mut Finding, n: u128, r| f.ratings.push((CodingId::from_u128(n), r));
    let mut f1 = finding(1, "F1", "Staff trusted each other", &[2]);
    rate(&mut f1, 11, Credibility::Unequivocal);
    rate(&mut f1, 12, Credibility::Unequivocal);
    rate(&mut f1, 13, Credibility::Credible);
    rate(&mut f1, 14, Credibility::Unequivocal);
    let mut f2 = finding(2, "F2", "Goals were shared", &[3]);
    rate(&mut f2, 15, Credibility::Credible);
    rate(&mut f2, 16, Credibility::Unequivocal);
    put(&mut p, f1);
    put(&mut p, f2);
    let cat = GroupId::from_u128(1);
    let syn = GroupId::from_u128(2);
    edit::apply(
        &mut p,
        Command::Batch(vec![
            Command::Findings(F::PutCategory {
                id: cat,
                category: Some(JbiCategory {
                    id: cat,
                    name: "Working relationships".into(),
                    findings: vec![FindingId::from_u128(1), FindingId::from_u128(2)],
                }),
                at: None,
            }),
            Command::Findings(F::PutSynthesised {
                id: syn,
                synthesised: Some(Synthesised {
                    id: syn,
                    statement: "Teams work when staff trust each other and share goals".into(),
                    categories: vec![cat],
                    research: ResearchType::Qualitative,
                }),
                at: None,
            }),
        ]),
    )
    .unwrap();
    let s = p.findings.synthesised[0].clone();
    let score = conqual(&all_reviewers(&p), &s);
    assert_eq!(score.refs, [1, 2, 4, 5]);
    assert_eq!(score.dependability.bands, [1, 3, 0]);
    assert_eq!(score.dependability.downgrade, Some(1));
    assert_eq!(score.credibility.downgrade, Some(1));
    assert_eq!(score.score, Some(thema::model::findings::Confidence::Low));
    assert!(!score.provisional);
    assert_eq!(
        score.steps.last().unwrap(),
        "ConQual score: High \u{2212} 1 (dependability) \u{2212} 1 (credibility) = Low."
    );
    assert_eq!(score.steps[0], "Start: High (qualitative research).");
    // The ConQual Summary of Findings: each downgrade with its reason.
    let (sheet, table) = thema::io::report::findings::conqual_table(&p, &Scope::default());
    assert_eq!(
        thema::io::report::text::csv(&sheet).lines().nth(1).unwrap(),
        "Teams work when staff trust each other and share goals,Qualitative,Downgrade 1 level a,Downgrade 1 level b,Low,\"(1,2,4,5)\""
    );
    assert!(
        table.footnotes[0].starts_with(
            "a Dependability: of 4 contributing studies appraised with JBI, 1 have 4\u{2013}5 Yes"
        ),
        "{:?}",
        table.footnotes
    );
    assert!(
        table.footnotes[1].starts_with(
            "b Credibility: 6 rated illustrations: 4 unequivocal, 2 credible, 0 unsupported"
        ),
        "{:?}",
        table.footnotes
    );
    // Text and opinion starts Low: the same downgrades end at Very low.
    let mut t = s.clone();
    t.research = ResearchType::TextAndOpinion;
    let score = conqual(&all_reviewers(&p), &t);
    assert_eq!(
        score.score,
        Some(thema::model::findings::Confidence::VeryLow)
    );
    // Every credibility mix, as JBI grades it.
    use Credibility::{Credible as C, Unequivocal as U, Unsupported as N};
    for (mix, down) in [
        (vec![U, U], 0),
        (vec![U, C], 1),
        (vec![C, C], 2),
        (vec![C, N], 3),
        (vec![N], 4),
    ] {
        let c = credibility(mix.into_iter().map(Some));
        assert_eq!(c.downgrade, Some(down), "{}", c.text);
    }
    assert_eq!(credibility([None].into_iter()).downgrade, None);
}

#[test]
fn every_findings_command_undoes_exactly_and_survives_the_file() {
    use thema::model::findings::{Assessment, AssessmentDecision, Concern, Confidence};
    let mut p = six_studies();
    let start = p.clone();
    let f = finding(1, "F1", "Trust", &[2]);
    let mut a = Assessment::new(f.id, AB);
    a.components[0].concern = Some(Concern::Minor);
    a.components[0].explanation = "two studies with moderate limitations".into();
    a.confidence = Some(Confidence::Moderate);
    let cat = GroupId::from_u128(7);
    let cmds = vec![
        F::PutFinding {
            id: f.id,
            finding: Some(f.clone()),
            at: None,
        },
        F::PutFinding {
            id: FindingId::from_u128(2),
            finding: Some(finding(2, "F2", "Goals", &[3])),
            at: None,
        },
        F::PutAssessment {
            finding: f.id,
            reviewer: AB,
            assessment: Some(a.clone()),
            at: None,
        },
        F::PutCategory {
            id: cat,
            category: Some(JbiCategory {
                id: cat,
                name: "Relationships".into(),
                findings: vec![f.id, FindingId::from_u128(2)],
            }),
            at: None,
        },
        F::SetContext(ReviewContext {
            values: vec![(COUNTRY, vec!["UK".into()])],
            title: "Integrated teams".into(),
            ..Default::default()
        }),
        F::AddDecision(AssessmentDecision {
            finding: f.id,
            from: AB,
            by: CD,
            at: "2026-11-23T11:00:00Z".into(),
            note: "agreed in the meeting".into(),
        }),
    ];
    let mut undo = Vec::new();
    let mut states = vec![p.clone()];
    for c in cmds {
        undo.push(edit::apply(&mut p, Command::Findings(c)).unwrap());
        states.push(p.clone());
    }
    // A finding in a category or with an assessment cannot be removed;
    // two findings cannot share a number.
    assert!(
        edit::apply(
            &mut p,
            Command::Findings(F::PutFinding {
                id: f.id,
                finding: None,
                at: None
            })
        )
        .is_err()
    );
    assert!(
        edit::apply(
            &mut p,
            Command::Findings(F::PutFinding {
                id: FindingId::from_u128(3),
                finding: Some(finding(3, "f1", "again", &[2])),
                at: None
            })
        )
        .is_err()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.thema.ron");
    thema::io::project_file::save(&p, &path).unwrap();
    let back = thema::io::project_file::load(&path).unwrap().project;
    assert_eq!(back.findings, p.findings);
    while let Some(inv) = undo.pop() {
        states.pop();
        edit::apply(&mut p, inv).unwrap();
        assert_eq!(p.findings, states.last().unwrap().findings);
    }
    assert_eq!(p.findings, start.findings);
    // Removing the first of two findings and undoing puts it back first.
    let mut q = start.clone();
    put(&mut q, finding(1, "F1", "a", &[2]));
    put(&mut q, finding(2, "F2", "b", &[3]));
    let before = q.findings.clone();
    let inv = edit::apply(
        &mut q,
        Command::Findings(F::PutFinding {
            id: FindingId::from_u128(1),
            finding: None,
            at: None,
        }),
    )
    .unwrap();
    edit::apply(&mut q, inv).unwrap();
    assert_eq!(q.findings, before);
}

/// A second reviewer's assessments come back with their file; a finding
/// both wrote differently is listed, the first kept.
#[test]
fn findings_and_assessments_merge_from_a_reviewers_file() {
    use thema::model::findings::{Assessment, Confidence};
    let mut a = six_studies();
    put(&mut a, finding(1, "F1", "Trust", &[2]));
    let mut b = a.copy_for_reviewer(false);
    let mut mine = Assessment::new(FindingId::from_u128(1), CD);
    mine.confidence = Some(Confidence::Low);
    edit::apply(
        &mut b,
        Command::Findings(F::PutAssessment {
            finding: mine.finding,
            reviewer: CD,
            assessment: Some(mine.clone()),
            at: None,
        }),
    )
    .unwrap();
    put(&mut b, finding(2, "F2", "Goals", &[3]));
    let (m, r) = thema::io::merge::merge(&a, &b);
    assert_eq!(m.findings.findings.len(), 2);
    assert_eq!(m.findings.assessment(mine.finding, CD), Some(&mine));
    assert_eq!(r.findings_added, 2);
    let (again, r2) = thema::io::merge::merge(&m, &b);
    assert_eq!(again.findings, m.findings);
    assert_eq!(r2.findings_added, 0);
    let mut c = a.clone();
    let mut changed = c.findings.findings[0].clone();
    changed.statement = "Trust, reworded".into();
    put(&mut c, changed);
    let (_, r3) = thema::io::merge::merge(&a, &c);
    assert_eq!(r3.conflicts.len(), 1);
    assert_eq!(r3.conflicts[0].kept, "Trust");
}

fn thema() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
}

fn report(path: &std::path::Path, args: &[&str]) -> String {
    let out = thema().arg("report").arg(path).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn findings_from_csv_give_the_evidence_profile_and_summary_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.thema.ron");
    thema::io::project_file::save(&six_studies(), &path).unwrap();
    let csv = dir.path().join("findings.csv");
    std::fs::write(
        &csv,
        "finding,statement,codes,methodological_limitations,methodological_limitations_explanation,coherence,adequacy,relevance,confidence,confidence_explanation\n\
         F1,Trust and shared goals hold teams together,Working together,Minor,two studies not appraised,No or very minor,Moderate,Minor,Moderate,Moderate concerns about adequacy\n\
         F2,Short-term funding undermines teams,Funding,,,,,,,\n",
    )
    .unwrap();
    let out = thema()
        .args(["findings"])
        .arg(&path)
        .args(["--from"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "2 findings added, 0 updated, 1 assessment entered in {}\n",
            path.display()
        )
    );
    let ep = report(&path, &["--table", "evidence-profile", "--format", "csv"]);
    let lines: Vec<&str> = ep.lines().collect();
    assert_eq!(
        lines[0],
        "finding,statement,studies,methodological_limitations,coherence,adequacy,relevance,confidence,explanation"
    );
    assert_eq!(
        lines[1],
        "F1,Trust and shared goals hold teams together,\"4 studies (1,2,4,5)\",Minor concerns (two studies not appraised),No or very minor concerns,Moderate concerns,Minor concerns,Moderate,Moderate concerns about adequacy"
    );
    assert_eq!(
        lines[2],
        "F2,Short-term funding undermines teams,\"2 studies (3,6)\",Not assessed,Not assessed,Not assessed,Not assessed,Not assessed,"
    );
    let md = report(&path, &["--table", "soqf", "--format", "md"]);
    assert!(md.contains("| Summary of review finding | GRADE-CERQual assessment of confidence | Explanation of GRADE-CERQual assessment | Studies contributing to the review finding |"), "{md}");
    assert!(md.contains("| F1. Trust and shared goals hold teams together | Moderate | Moderate concerns about adequacy | 4 studies (1,2,4,5) |"), "{md}");
    // A bad file changes nothing and names each line.
    std::fs::write(
        &csv,
        "finding,statement,codes,confidence\nF3,x,Nowhere,Sure\n",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = thema()
        .args(["findings"])
        .arg(&path)
        .arg("--from")
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2: no code is named \u{201c}Nowhere\u{201d}"),
        "{err}"
    );
    assert!(
        err.contains("line 2: \u{201c}Sure\u{201d} is not a confidence"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Word and Excel are written.
    for ext in ["docx", "xlsx", "html"] {
        let out_path = dir.path().join(format!("ep.{ext}"));
        let o = thema()
            .arg("report")
            .arg(&path)
            .args(["--table", "evidence-profile", "--format", ext, "-o"])
            .arg(&out_path)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(std::fs::metadata(&out_path).unwrap().len() > 500);
    }
}

/// The worksheet in the real window: a finding made from the selected
/// code shows its contributing studies, and a level of concern chosen
/// there is the reviewer's assessment.
#[test]
fn a_finding_is_made_and_assessed_in_the_window() {
    use egui_kittest::kittest::Queryable;
    let (_dir, mut h) = crate::ui::open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.get_all_by_label("Vision and purpose")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    h.get_by_label("+ Finding from the selected code").click();
    h.run();
    assert!(h.query_by_label_contains("8 studies (").is_some());
    h.get_by_label("Adequacy concern").click();
    h.run();
    h.get_by_label("Minor concerns").click();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    let p = &ws.project;
    let f = &p.findings.findings[0];
    assert_eq!(f.label, "F1");
    assert_eq!(f.statement, "Vision and purpose");
    let a = p.findings.assessments.first().unwrap();
    assert_eq!(Some(a.reviewer), ws.coding_as);
    assert_eq!(
        a.component(thema::model::findings::Component::Adequacy)
            .concern,
        Some(thema::model::findings::Concern::Minor)
    );
    h.get_by_label("Summary of findings").click();
    h.run();
    assert!(
        h.query_by_label("Summary of Qualitative Findings")
            .is_some()
    );
    assert!(h.query_by_label("F1. Vision and purpose").is_some());
}

/// JBI groups are made in the window and each synthesised finding shows
/// the arithmetic of its ConQual score.
#[test]
fn jbi_groups_are_made_in_the_window_and_show_their_arithmetic() {
    use egui_kittest::kittest::Queryable;
    let (_dir, mut h) = crate::ui::open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    for code in ["Vision and purpose", "Distributed leadership"] {
        h.get_all_by_label(code).next().unwrap().click();
        h.run();
        h.get_by_label("+ Finding from the selected code").click();
        h.run();
    }
    h.get_by_label("JBI ConQual").click();
    h.run();
    h.get_by_label("New category").focus();
    h.run();
    h.get_by_label("New category")
        .type_text("Leading with purpose");
    h.run();
    h.get_by_label("F1").click();
    h.run();
    h.get_by_label("F2").click();
    h.run();
    h.get_by_label("Add the category").click();
    h.run();
    h.get_by_label("Statement").focus();
    h.run();
    h.get_by_label("Statement")
        .type_text("Purpose and shared leadership sustain teams");
    h.run();
    h.get_by_label("Leading with purpose").click();
    h.run();
    h.get_by_label("Add the synthesised finding").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    assert_eq!(p.findings.categories.len(), 1);
    assert_eq!(p.findings.categories[0].findings.len(), 2);
    assert_eq!(p.findings.synthesised.len(), 1);
    assert!(
        h.query_by_label("Start: High (qualitative research).")
            .is_some()
    );
    assert!(h.query_by_label_contains("ConQual score:").is_some());
}
