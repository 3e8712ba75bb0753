//! The real window driven headless with egui_kittest: open the sample,
//! choose the reviewer, drag-select a passage, code it through the picker,
//! see the prevalence table change, undo.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use thema::app::ThemaApp;
use thema::settings::Settings;

fn open_sample() -> (tempfile::TempDir, Harness<'static, ThemaApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.thema.ron");
    std::fs::copy("sample_projects/neighbourhood_teams.thema.ron", &path).unwrap();
    let harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_eframe(move |cc| ThemaApp::new(cc, Settings::in_memory(), Some(path)));
    (dir, harness)
}

fn select_by_drag(h: &mut Harness<'_, ThemaApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

fn count(h: &Harness<'_, ThemaApp>, label: &str) -> usize {
    h.query_all_by_label(label).count()
}

#[test]
fn code_a_dragged_passage_through_the_picker_then_undo() {
    let (_dir, mut h) = open_sample();
    h.run();
    // First use: the app asks who is coding.
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    assert!(
        h.query_by_label("Coding as Alex Byrne (AB)").is_some(),
        "the top bar says who is coding"
    );

    let before = h.state().ws.as_ref().unwrap().project.codings.len();
    let care_before = count(&h, "20.0");

    // Drag across the first line of the open document.
    let rect = h.get_by_label("Document text").rect();
    let top = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .view
        .last_rect
        .top()
        .max(rect.top());
    let from = egui::pos2(rect.left() + 70.0, top + 125.0);
    let to = egui::pos2(rect.left() + 330.0, top + 125.0);
    select_by_drag(&mut h, from, to);
    let sel = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .view
        .selected_text()
        .expect("the drag selected text");
    assert!(sel.len() > 10, "selected {sel:?}");

    // Category, then the picker: type, Enter.
    h.get_by_role_and_label(egui::Role::Button, "Barrier")
        .click();
    h.run();
    h.get_by_label("Code selection…").click();
    h.run();
    h.get_by_label("Apply a code").type_text("care navigators");
    h.run();
    h.key_press(Key::Enter);
    h.run();

    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.project.codings.len(), before + 1);
    let added = ws.project.codings.last().unwrap();
    assert_eq!(
        ws.project.codebook.path(added.code),
        "Organisational factors > Care navigators and case managers"
    );
    assert_eq!(
        ws.project.category(added.category.unwrap()).unwrap().name,
        "Barrier"
    );
    assert_eq!(ws.project.reviewer(added.reviewer).unwrap().initials, "AB");
    let row = ws
        .prevalence()
        .unwrap()
        .row_by_path("Organisational factors > Care navigators and case managers")
        .unwrap();
    assert_eq!((row.n_documents, row.percent.as_str()), (3, "30.0"));
    // The table on screen changed in the same frame: one "20.0" became "30.0".
    assert_eq!(count(&h, "20.0"), care_before - 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.project.codings.len(), before);
    assert_eq!(
        ws.prevalence()
            .unwrap()
            .row_by_path("Organisational factors > Care navigators and case managers")
            .unwrap()
            .n_documents,
        2
    );
    assert_eq!(count(&h, "20.0"), care_before);
}

#[test]
fn number_key_applies_a_pinned_code_and_clicking_a_code_lists_passages() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Chidi Dike (CD) —").click();
    h.run();
    // Select a passage, then press 2 (Leadership is pinned second).
    let rect = h.get_by_label("Document text").rect();
    let top = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .view
        .last_rect
        .top()
        .max(rect.top());
    select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 125.0),
        egui::pos2(rect.left() + 260.0, top + 125.0),
    );
    assert!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .view
            .selected_range()
            .is_some()
    );
    let before = h.state().ws.as_ref().unwrap().project.codings.len();
    h.key_press(Key::Num2);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.project.codings.len(), before + 1);
    assert_eq!(
        ws.project
            .codebook
            .path(ws.project.codings.last().unwrap().code),
        "Relational factors > Leadership"
    );

    // Double-click a word: it becomes the selection.
    let at = egui::pos2(rect.left() + 90.0, top + 125.0);
    h.hover_at(at);
    h.run();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run();
    let word = h.state().ws.as_ref().unwrap().view.selected_text();
    assert!(
        word.as_deref()
            .is_some_and(|w| !w.contains(' ') && w.len() >= 2),
        "double-click selects a word: {word:?}"
    );

    // Shift-click extends the selection.
    let further = egui::pos2(rect.left() + 300.0, top + 125.0);
    h.hover_at(further);
    h.run();
    h.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: further,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::SHIFT,
        });
        h.step();
    }
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let extended = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .view
        .selected_text()
        .unwrap_or_default();
    assert!(
        extended.len() > word.unwrap().len() && extended.contains(' '),
        "shift-click extends: {extended:?}"
    );

    // Escape drops the selection; then clicking a code lists its passages.
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .view
            .selected_range()
            .is_none()
    );
    h.get_by_label("Passages").click();
    h.run();
    h.get_by_label("Information governance").click();
    h.run();
    assert!(
        h.query_by_label_contains("passages (including sub-codes)")
            .is_some()
    );
}
