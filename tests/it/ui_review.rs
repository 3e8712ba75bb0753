//! Second-reviewer work in the real window: agreement, resolving a
//! disagreement into Consensus, checking with the keyboard, blind coding,
//! and merging another reviewer's file.

use super::ui::open_sample;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use thema::model::{ReviewerId, Verdict};

fn start_as(
    name: &str,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, thema::app::ThemaApp>,
) {
    let (dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains(&format!("{name} (")).click();
    h.run();
    (dir, h)
}

#[test]
fn agreement_tab_shows_kappa_for_the_two_reviewers() {
    let (_dir, mut h) = start_as("Alex Byrne");
    h.get_by_label("Agreement").click();
    h.run();
    assert!(h.query_by_label("kappa").is_some());
    assert!(h.query_by_label("(pooled)").is_some());
    h.get_by_label("Characters").click();
    h.run();
    assert!(h.query_by_label_contains("Per document").is_some());
}

#[test]
fn resolving_a_disagreement_creates_consensus_codings_and_can_be_undone() {
    let (_dir, mut h) = start_as("Alex Byrne");
    h.get_by_label("Disagreements").click();
    h.run();
    assert!(h.query_by_label_contains("0 of ").is_some());
    // Open the first disagreement in the queue, then accept both.
    h.get_all_by_label_contains(" — AB ")
        .next()
        .expect("a queue entry")
        .click();
    h.run();
    assert!(matches!(
        h.state().ws.as_ref().unwrap().view_filter,
        thema::session::ViewFilter::Overlay(_, _)
    ));
    h.get_by_label("Note").focus();
    h.run();
    h.get_by_label("Note").type_text("agreed in meeting");
    h.run();
    h.get_by_label("Accept both").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    assert_eq!(p.decisions.len(), 1);
    assert_eq!(p.decisions[0].note, "agreed in meeting");
    assert!(
        p.codings
            .iter()
            .any(|c| c.reviewer == ReviewerId::CONSENSUS)
    );
    assert!(
        h.query_by_label_contains("1 of ").is_some(),
        "progress counts the decision"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    assert!(p.decisions.is_empty());
    assert!(
        p.codings
            .iter()
            .all(|c| c.reviewer != ReviewerId::CONSENSUS)
    );
}

#[test]
fn checking_steps_through_codings_with_the_keyboard() {
    let (_dir, mut h) = start_as("Chidi Dike");
    h.get_by_label("Checking").click();
    h.run();
    assert!(
        h.query_by_label_contains("unchecked of 77").is_some(),
        "CD checks AB's 77 codings"
    );
    h.key_press(Key::Y);
    h.run();
    h.get_by_label("Note").focus();
    h.run();
    h.get_by_label("Note").type_text("not about leadership");
    h.run();
    h.get_by_label("Dispute (D)").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    let verdicts: Vec<Verdict> = p
        .codings
        .iter()
        .filter_map(|c| c.check.as_ref().map(|k| k.verdict))
        .collect();
    assert_eq!(verdicts.len(), 2);
    assert!(verdicts.contains(&Verdict::Confirmed) && verdicts.contains(&Verdict::Disputed));
    assert!(
        h.query_by_label_contains("1 confirmed, 1 disputed")
            .is_some()
    );
}

#[test]
fn blind_coding_hides_the_other_reviewer_everywhere() {
    let (_dir, mut h) = start_as("Chidi Dike");
    let all = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .tables()
        .unwrap()
        .prevalence
        .row_by_path("Relational factors > Leadership")
        .unwrap()
        .n_documents;
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Blind coding").click();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert!(ws.project.blind);
    let mine = ws
        .tables()
        .unwrap()
        .prevalence
        .row_by_path("Relational factors > Leadership")
        .unwrap()
        .n_documents;
    assert!(
        mine < all,
        "tables count only CD's codings ({mine} < {all})"
    );
    let c = ws
        .project
        .codings
        .iter()
        .find(|c| c.reviewer != ws.coding_as.unwrap())
        .unwrap();
    assert_eq!(
        ws.mark_style(c),
        None,
        "others' codings are not shown in the text"
    );
    assert!(h.query_by_label("Blind: only your codings").is_some());
}

#[test]
fn merging_a_second_reviewers_file_asks_then_merges() {
    let (dir, mut h) = start_as("Alex Byrne");
    // The second reviewer's copy: blind, no codings, then one coding of their own.
    let mut other = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .copy_for_reviewer(false);
    assert!(other.blind && other.codings.is_empty());
    let doc = other.documents[0].id;
    let code = other
        .codebook
        .find_by_path("Organisational factors > Co-location")
        .unwrap();
    let reviewer = other.reviewers[1].id;
    thema::edit::apply(
        &mut other,
        thema::edit::Command::AddCodings(vec![thema::edit::ops::new_coding(
            doc, 0, 40, code, None, reviewer,
        )]),
    )
    .unwrap();
    let path = dir.path().join("second.thema.ron");
    thema::io::project_file::save(&other, &path).unwrap();
    let before = h.state().ws.as_ref().unwrap().project.codings.len();
    h.state_mut().prepare_merge(&path);
    h.run();
    assert!(h.query_by_label("Merge second.thema.ron?").is_some());
    h.get_by_label("Merge").click();
    h.run();
    assert_eq!(
        h.state().ws.as_ref().unwrap().project.codings.len(),
        before + 1
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().ws.as_ref().unwrap().project.codings.len(),
        before,
        "a merge is one undoable step"
    );
}

#[test]
fn appraising_in_the_window_with_blind_answers_hidden_until_both_finish() {
    use thema::edit::Command;
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::model::appraisal::Answer;
    let (_dir, mut h) = start_as("Alex Byrne");
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Blind coding").click();
    h.run();
    h.get_by_label("Appraisal").click();
    h.run();
    h.get_by_label_contains("CASP qualitative 2018").click();
    h.run();
    assert!(
        h.query_by_label_contains("0 of 10 items answered")
            .is_some()
    );
    // The first item's "Yes", with the mouse.
    h.get_all_by_label("Yes").next().unwrap().click();
    h.run();
    assert!(
        h.query_by_label_contains("1 of 10 items answered")
            .is_some()
    );
    // The keyboard: down to item 2, N for No.
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::N);
    h.run();
    let (doc, ab) = {
        let ws = h.state().ws.as_ref().unwrap();
        (ws.open_doc.unwrap(), ws.coding_as.unwrap())
    };
    let answer_of = |h: &egui_kittest::Harness<'static, thema::app::ThemaApp>, item: &str| {
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .project
            .appraisal
            .answers
            .iter()
            .find(|a| a.doc == doc && a.reviewer == ab && a.item == item)
            .map(|a| a.answer.clone())
    };
    assert_eq!(answer_of(&h, "1").as_deref(), Some("yes"));
    assert_eq!(answer_of(&h, "2").as_deref(), Some("no"));
    // The other reviewer answered item 1 too: hidden while blind.
    let cd = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .reviewers
        .iter()
        .find(|r| r.initials == "CD")
        .unwrap()
        .id;
    let theirs = Answer {
        doc,
        reviewer: cd,
        checklist: "casp-qualitative".into(),
        item: "1".into(),
        answer: "cant_tell".into(),
        note: String::new(),
        support: None,
    };
    let ws = h.state_mut().ws.as_mut().unwrap();
    ws.apply(
        "CD's answer",
        Command::Appraisal(A::PutAnswer {
            key: theirs.key(),
            answer: Some(theirs),
        }),
    )
    .unwrap();
    ws.apply(
        "CD finished",
        Command::Appraisal(A::SetFinished {
            doc,
            reviewer: cd,
            finished: true,
        }),
    )
    .unwrap();
    h.run();
    assert!(
        h.query_by_label("CD: hidden until you both finish")
            .is_some()
    );
    assert!(h.query_by_label("CD: Can't tell").is_none());
    h.get_by_label("I have finished appraising this study")
        .click();
    h.run();
    let finished = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .appraisal
        .is_finished(doc, ab);
    assert!(finished, "the checkbox marked the study finished");
    assert!(h.query_by_label("CD: Can't tell").is_some());
    // Undo takes the finished mark back, and the answer is hidden again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.query_by_label("CD: hidden until you both finish")
            .is_some()
    );
    // Finished again: the two answers differ, and one is accepted as the
    // consensus; the reviewers' own answers stay.
    h.get_by_label("I have finished appraising this study")
        .click();
    h.run();
    assert!(h.query_by_label("Answers differ — consensus:").is_some());
    h.get_by_label("Accept Can't tell (CD)").click();
    h.run();
    let a = &h.state().ws.as_ref().unwrap().project.appraisal;
    assert_eq!(
        a.decision(doc, "casp-qualitative", "1").unwrap().answer,
        "cant_tell"
    );
    assert_eq!(answer_of(&h, "1").as_deref(), Some("yes"));
    assert!(
        h.query_by_label_contains("Consensus: Can't tell (decided by AB")
            .is_some()
    );
    // The study's overall judgement, from the drop-down.
    h.get_by_label("Overall judgement").click();
    h.run();
    h.get_by_label("Moderate").click();
    h.run();
    let a = &h.state().ws.as_ref().unwrap().project.appraisal;
    let j = a.judgement(doc).unwrap();
    assert_eq!((j.level.as_str(), j.by), ("Moderate", ab));
}

#[test]
fn a_checklist_rule_gives_every_study_of_a_type_its_checklist() {
    let (_dir, mut h) = start_as("Alex Byrne");
    h.get_by_label("Appraisal").click();
    h.run();
    h.get_by_label_contains("JBI qualitative research 2020")
        .click();
    h.run();
    h.get_by_label("chosen for this study").click();
    h.run();
    h.get_by_label("Study type = Qualitative study").click();
    h.run();
    h.get_by_label("chosen for this study").click();
    h.run();
    h.get_by_label("Let the rules choose for this study")
        .click();
    h.run();
    assert!(
        h.query_by_label("by the rule Study type = Qualitative study")
            .is_some()
    );
    let ws = h.state().ws.as_ref().unwrap();
    let p = &ws.project;
    let qualitative: Vec<_> = p
        .documents
        .iter()
        .filter(|d| d.attributes.values().any(|v| v == "Qualitative study"))
        .collect();
    assert!(qualitative.len() > 1);
    for d in qualitative {
        assert_eq!(
            thema::analysis::appraisal::checklist_for(p, d.id).map(|c| c.id.as_str()),
            Some("jbi-qualitative"),
            "{}",
            d.title
        );
    }
    assert!(
        p.appraisal.assigned.is_empty(),
        "the study follows the rule now"
    );
}

#[test]
fn the_judgement_rule_is_set_in_the_grid_view() {
    let (_dir, mut h) = start_as("Alex Byrne");
    h.get_by_label("Appraisal").click();
    h.run();
    h.get_by_label_contains("CASP qualitative 2018").click();
    h.run();
    h.get_all_by_label("Yes").next().unwrap().click();
    h.run();
    h.get_by_label("Studies × items").click();
    h.run();
    h.get_by_label("Derive judgements from the count of best answers")
        .click();
    h.run();
    h.get_by_label("Use this rule").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    let rule: Vec<(u32, &str)> = p
        .appraisal
        .rule
        .iter()
        .map(|s| (s.at_least, s.level.as_str()))
        .collect();
    assert_eq!(rule, vec![(8, "High"), (5, "Moderate"), (0, "Low")]);
    // One Yes: the study is Low by the rule, and the grid says so.
    assert!(h.query_by_label("Low (rule)").is_some());
}

#[test]
fn the_windows_appraisal_grid_shows_exactly_the_csvs_cells() {
    use thema::edit::appraisal::AppraisalCommand as A;
    use thema::edit::{self, Command};
    use thema::model::appraisal::{Answer, bundled};
    // Ten studies appraised by AB with CASP, answers varied.
    let mut p = crate::appraisal::studies(10);
    let casp = bundled().into_iter().next().unwrap();
    let mut cmds = vec![Command::Appraisal(A::PutChecklist {
        id: casp.id.clone(),
        checklist: Some(casp.clone()),
    })];
    let keys = ["yes", "cant_tell", "no"];
    for (k, d) in p.documents.iter().enumerate() {
        for (i, item) in casp.items.iter().enumerate() {
            if (k + i) % 7 == 6 {
                continue; // some items unanswered
            }
            let a = Answer {
                doc: d.id,
                reviewer: crate::fixtures::AB,
                checklist: casp.id.clone(),
                item: item.id.clone(),
                answer: keys[(k * 3 + i) % 3].into(),
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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grid.thema.ron");
    thema::io::project_file::save(&p, &path).unwrap();
    let csv = crate::appraisal::grid_csv(&path);
    let open = path.clone();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            thema::app::ThemaApp::new(cc, thema::settings::Settings::in_memory(), Some(open))
        });
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.get_by_label("Appraisal").click();
    h.run();
    h.get_by_label("Studies × items").click();
    h.run();
    let shown: Vec<String> = h
        .state()
        .tables_ui
        .appraisal
        .shown
        .iter()
        .map(|row| row.join(","))
        .collect();
    // The CSV's data lines (after the header, before the note), byte for byte.
    let data: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| l.starts_with(char::is_numeric))
        .collect();
    assert_eq!(shown.len(), 10);
    assert_eq!(shown, data);
}
