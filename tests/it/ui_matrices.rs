//! The Matrices tab driven through the real window: a co-occurrence cell
//! opens the passages behind it, a framework cell is charted beside its
//! passages, auto-fill drafts the other cells without touching the
//! written one, and undo takes each step back.

use super::ui::open_sample;
use egui_kittest::kittest::Queryable;

#[test]
fn charting_a_framework_cell_and_auto_filling_the_rest() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.get_by_label("Open in a larger window").click();
    h.run();
    h.get_by_label("Matrices").click();
    h.run();
    h.get_by_label("Framework matrix").click();
    h.run();
    let cell = "[1] Okafor 2021 × Relational factors";
    h.get_by_label(cell).click();
    h.run();
    assert!(
        h.query_by_label_contains("of this study on this theme")
            .is_some()
    );
    let field = h.get_by_label("Summary: what this study reports on this theme");
    field.focus();
    h.run();
    h.get_by_label("Summary: what this study reports on this theme")
        .type_text("Leaders made time for joint meetings.");
    h.run();
    h.get_by_label("Save summary").click();
    h.run();
    let about = |h: &egui_kittest::Harness<'_, thema::app::ThemaApp>| {
        let ws = h.state().ws.as_ref().unwrap();
        let p = &ws.project;
        let doc = p.documents[0].id;
        let code = p
            .codebook
            .codes
            .iter()
            .find(|c| c.name == "Relational factors")
            .unwrap()
            .id;
        (
            thema::model::memos::About::Chart { doc, code },
            p.memos.clone(),
        )
    };
    let (cell_about, memos) = about(&h);
    let written = memos.iter().find(|m| m.about == cell_about).unwrap();
    assert_eq!(written.text, "Leaders made time for joint meetings.");
    assert!(!written.draft);
    assert_eq!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .project
            .reviewer(written.author.unwrap())
            .unwrap()
            .initials,
        "AB"
    );

    h.get_by_label("Auto-fill drafts").click();
    h.run();
    let (_, memos) = about(&h);
    let drafts = memos.iter().filter(|m| m.draft).count();
    assert!(drafts > 5, "{drafts} cells drafted");
    assert_eq!(
        memos.iter().find(|m| m.about == cell_about).unwrap().text,
        "Leaders made time for joint meetings.",
        "auto-fill never overwrites a written summary"
    );
    assert!(
        h.query_by_label_contains("marked as drafts until edited")
            .is_some()
    );

    // One undo takes back every draft; the next one the written summary.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let (_, memos) = about(&h);
    assert_eq!(memos.iter().filter(|m| m.draft).count(), 0);
    assert!(memos.iter().any(|m| m.about == cell_about));
}

#[test]
fn a_cooccurrence_cell_lists_its_passage_pairs_side_by_side() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.get_by_label("Open in a larger window").click();
    h.run();
    h.get_by_label("Matrices").click();
    h.run();
    // Themes, paragraph distance.
    h.get_by_label("Level of codes").click();
    h.run();
    h.get_by_label("themes (level 1)").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Together when")
        .click();
    h.run();
    h.get_by_label("in the same paragraph").click();
    h.run();
    let o = h.state().ws.as_ref().unwrap().matrix_options;
    assert_eq!(o.level, Some(1));
    let ws = h.state().ws.as_ref().unwrap();
    let (m, _) = ws.matrices().unwrap();
    let n = m.cooccurrence().pairs(0, 1);
    assert!(n > 0, "the sample's two themes meet in some paragraph");
    let name = format!("Relational factors × Organisational factors: {n}");
    h.get_by_label(&name).click();
    h.run();
    let pairs = if n == 1 {
        "1 pair of passages".to_owned()
    } else {
        format!("{n} pairs of passages")
    };
    assert!(
        h.query_by_label_contains(&format!(
            "Relational factors × Organisational factors — {pairs}"
        ))
        .is_some()
    );
    // A pair shows both passages, each with a Show link.
    assert!(h.get_all_by_label("Show").count() >= 2);
}
