//! Custom appraisal checklists in the real window: made from scratch,
//! adapted from a bundled one, refused when an edit would orphan answers;
//! and checklist files through the command line.

use super::ui::open_sample;
use egui_kittest::kittest::{NodeT, Queryable};

fn appraisal_as_alex() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, thema::app::ThemaApp>,
) {
    let (dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.get_by_label("Appraisal").click();
    h.run();
    (dir, h)
}

fn type_into(
    h: &mut egui_kittest::Harness<'static, thema::app::ThemaApp>,
    label: &str,
    text: &str,
) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

#[test]
fn a_new_checklist_is_made_in_the_window_and_used_with_the_number_keys() {
    let (_dir, mut h) = appraisal_as_alex();
    h.get_by_label("Checklists").click();
    h.run();
    h.get_by_label("New checklist").click();
    h.run();
    // Empty question: cannot be added, and the window says why.
    assert!(h.query_by_label("Item 1 has no question.").is_some());
    type_into(&mut h, "Question 1", "Is the policy's issuer named?");
    h.get_by_label("+ Item").click();
    h.run();
    type_into(&mut h, "Question 2", "Is the policy dated?");
    h.get_by_label("+ Answer").click();
    h.run();
    type_into(&mut h, "Answer 4", "Not applicable");
    type_into(&mut h, "Symbol of answer 4", "NA");
    assert!(h.query_by_label("Item 1 has no question.").is_none());
    h.get_by_label("Add to the project").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    let c = p.appraisal.checklist("new-checklist").expect("added");
    let questions: Vec<&str> = c.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        questions,
        ["Is the policy's issuer named?", "Is the policy dated?"]
    );
    let keys: Vec<&str> = c.answers.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["yes", "unclear", "no", "not_applicable"]);
    // Undo removes it in one step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .project
            .appraisal
            .checklist("new-checklist")
            .is_none()
    );
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    // Appraise the open study with it; key 3 answers "No".
    h.get_by_label("This study").click();
    h.run();
    h.get_by_label_contains("New checklist —").click();
    h.run();
    h.key_press(egui::Key::Num3);
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    let given: Vec<(&str, &str)> = p
        .appraisal
        .answers
        .iter()
        .map(|a| (a.item.as_str(), a.answer.as_str()))
        .collect();
    assert_eq!(given, [("1", "no")]);
}

#[test]
fn an_edit_that_would_orphan_answers_is_refused_with_the_reason() {
    let (_dir, mut h) = appraisal_as_alex();
    h.get_by_label_contains("CASP qualitative 2018").click();
    h.run();
    h.get_all_by_label("Yes").next().unwrap().click();
    h.run();
    h.get_by_label("Checklists").click();
    h.run();
    h.get_all_by_label("Edit items").next().unwrap().click();
    h.run();
    // Remove item 1, which Alex has answered.
    h.get_all_by_label("Remove").nth(3).unwrap().click();
    h.run();
    assert!(
        h.query_by_label_contains("Item 1 has 1 answer or decision")
            .is_some()
    );
    assert!(
        h.get_by_label("Save changes")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("Cancel").click();
    h.run();
    // Editing a question's help is allowed and is one undo step.
    h.get_all_by_label("Edit items").next().unwrap().click();
    h.run();
    type_into(&mut h, "Question 1", " (revised)");
    h.get_by_label("Save changes").click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    let c = p.appraisal.checklist("casp-qualitative").unwrap();
    assert!(
        c.items[0].title.ends_with(" (revised)"),
        "{}",
        c.items[0].title
    );
    assert_eq!(c.items.len(), 10);
}

fn thema() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
}

fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = thema().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn checklist_files_travel_between_projects_and_a_changed_one_never_replaces_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.thema.ron");
    thema::io::project_file::save(&super::appraisal::studies(3), &project).unwrap();
    let file = dir.path().join("aacods.checklist.ron");
    let os = |s: &std::path::Path| s.as_os_str().to_owned();
    let p = os(&project);
    let f = os(&file);
    let (code, out, err) = run(&[
        "checklist".as_ref(),
        &p,
        "--export".as_ref(),
        "aacods".as_ref(),
        "--to".as_ref(),
        &f,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote the checklist AACODS"), "{out}");
    // The bundled checklist comes back as itself.
    let (code, out, _) = run(&["checklist".as_ref(), &p, "--import".as_ref(), &f]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Added the checklist \u{201c}AACODS\u{201d} (6 items, answers Yes / Unclear / No). (id aacods)\n"
    );
    let (_, out, _) = run(&["checklist".as_ref(), &p, "--import".as_ref(), &f]);
    assert!(out.contains("already has the checklist"), "{out}");
    // Someone's adapted copy under the same id joins beside it.
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replace("\"Authority\"", "\"Authority of the issuer\"");
    assert_ne!(changed, text);
    std::fs::write(&file, changed).unwrap();
    let (_, out, _) = run(&["checklist".as_ref(), &p, "--import".as_ref(), &f]);
    assert!(
        out.contains("as \u{201c}AACODS (imported)\u{201d}"),
        "{out}"
    );
    assert!(out.ends_with("(id aacods-2)\n"), "{out}");
    let loaded = thema::io::project_file::load(&project).unwrap().project;
    let ids: Vec<&str> = loaded
        .appraisal
        .checklists
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["aacods", "aacods-2"]);
    assert_eq!(loaded.appraisal.checklists[0].items[0].title, "Authority");
    // Hostile files: said in a sentence, project untouched.
    let before = std::fs::read(&project).unwrap();
    for (bad, says) in [
        ("[".repeat(100_000), "not a Thema checklist file"),
        ("(id: \"x\", name: \"X\", answers: [(key: \"y\", label: \"Y\", symbol: \"Y\")], items: [(id: \"1\", title: \"\")])".to_owned(), "at least two answers"),
        ("\u{0}\u{1}garbage".to_owned(), "not a Thema checklist file"),
    ] {
        std::fs::write(&file, &bad).unwrap();
        let (code, _, err) = run(&["checklist".as_ref(), &p, "--import".as_ref(), &f]);
        assert_eq!(code, 2);
        assert!(err.contains(says), "{err}");
    }
    assert_eq!(std::fs::read(&project).unwrap(), before);
    let (code, out, _) = run(&["checklist".as_ref(), &p]);
    assert_eq!(code, 0);
    assert!(out.starts_with("aacods\tAACODS 2010\t6 items\tin the project\naacods-2\tAACODS (imported) 2010\t6 items\tin the project\ncasp-qualitative\t"), "{out}");
}
