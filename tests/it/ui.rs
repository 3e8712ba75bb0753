//! The real window driven headless with egui_kittest: open the sample,
//! choose the reviewer, drag-select a passage, code it through the picker,
//! see the prevalence table change, undo.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use thema::app::ThemaApp;
use thema::settings::Settings;

pub fn open_sample() -> (tempfile::TempDir, Harness<'static, ThemaApp>) {
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

/// The document view's rect and the screen y of the text's first line.
pub fn text_area(h: &Harness<'_, ThemaApp>) -> (egui::Rect, f32) {
    let rect = h.get_by_label("Document text").rect();
    let top = h.state().doc_view.last_rect.top().max(rect.top());
    (rect, top)
}

pub fn select_by_drag(h: &mut Harness<'_, ThemaApp>, from: egui::Pos2, to: egui::Pos2) {
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

pub fn count(h: &Harness<'_, ThemaApp>, label: &str) -> usize {
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
    let (rect, top) = text_area(&h);
    let from = egui::pos2(rect.left() + 70.0, top + 125.0);
    let to = egui::pos2(rect.left() + 330.0, top + 125.0);
    select_by_drag(&mut h, from, to);
    let sel = h
        .state()
        .doc_view
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
    let (rect, top) = text_area(&h);
    select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 125.0),
        egui::pos2(rect.left() + 260.0, top + 125.0),
    );
    assert!(h.state().doc_view.selected_range().is_some());
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
    let word = h.state().doc_view.selected_text();
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
    let extended = h.state().doc_view.selected_text().unwrap_or_default();
    assert!(
        extended.len() > word.unwrap().len() && extended.contains(' '),
        "shift-click extends: {extended:?}"
    );

    // Escape drops the selection; then clicking a code lists its passages.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().doc_view.selected_range().is_none());
    h.get_by_label("Passages").click();
    h.run();
    h.get_by_label("Information governance").click();
    h.run();
    assert!(
        h.query_by_label_contains("passages (including sub-codes)")
            .is_some()
    );
}

/// A file "dropped" on the window, as the windowing layer reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn fresh_app() -> Harness<'static, ThemaApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_eframe(|cc| ThemaApp::new(cc, Settings::in_memory(), None))
}

#[test]
fn new_project_asks_who_is_codes_then_imports_dropped_files_with_per_file_errors() {
    let mut h = fresh_app();
    h.run();
    h.get_by_label("New project").click();
    h.run();
    h.get_by_label("Name").focus();
    h.run();
    h.get_by_label("Name").type_text("Sam Reviewer");
    h.run();
    h.get_by_label("Add and start coding").click();
    h.run();
    assert!(h.query_by_label("Coding as Sam Reviewer (SR)").is_some());

    let cwd = std::env::current_dir().unwrap();
    for f in [
        "tests/fixtures/two_pages.pdf",
        "tests/fixtures/truncated.pdf",
        "tests/fixtures/interview.md",
    ] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(cwd.join(f))));
    }
    h.run();
    // The import runs on worker threads; let it finish.
    for _ in 0..200 {
        if h.state().import.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.project.documents.len(),
        2,
        "the broken PDF is skipped, the others import"
    );
    assert!(h.query_by_label("Import finished").is_some());
    assert!(
        h.query_by_label_contains("truncated.pdf was not imported")
            .is_some()
    );
    h.get_by_label("OK").click();
    h.run();
    // One undo removes the whole import.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.documents.len(), 0);
}

#[test]
fn save_writes_the_file_and_closing_with_changes_asks_first() {
    let (dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    // Delete a code with its codings, after confirming.
    h.get_by_role_and_label(egui::Role::Button, "Co-location")
        .click_secondary();
    h.run();
    h.get_by_label("Delete…").click();
    h.run();
    assert!(h.query_by_label_contains("This also deletes").is_some());
    h.get_by_role_and_label(egui::Role::Button, "Delete")
        .click();
    h.run();
    let n = h.state().ws.as_ref().unwrap().project.codings.len();
    assert!(n < 98, "the code's codings went with it");
    assert!(h.state().ws.as_ref().unwrap().undo.is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.state_mut().wait_for_saves();
    let path = dir.path().join("sample.thema.ron");
    let saved = thema::io::project_file::load(&path).unwrap().project;
    assert_eq!(saved.codings.len(), n);
    assert!(
        thema::io::paths::backup_path(&path).exists(),
        "the previous version is kept"
    );
    assert!(!h.state().ws.as_ref().unwrap().undo.is_dirty());

    // A new change, then Close project: Thema asks; "Don't save" closes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Close project").click();
    h.run();
    assert!(h.query_by_label("Save changes?").is_some());
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().ws.is_none(), "back on the start screen");
    assert_eq!(
        thema::io::project_file::load(&path)
            .unwrap()
            .project
            .codings
            .len(),
        n,
        "file unchanged"
    );
}

#[test]
fn document_attributes_are_edited_in_the_window_and_undone() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.get_by_label("Edit details").click();
    h.run();
    h.get_by_role_and_label(egui::Role::ComboBox, "Study type")
        .click();
    h.run();
    h.get_by_label("Systematic review").click();
    h.run();
    let value = |h: &Harness<'_, ThemaApp>| {
        let p = &h.state().ws.as_ref().unwrap().project;
        let attr = p.attribute_by_name("Study type").unwrap().id;
        p.documents[0].attribute(attr).to_owned()
    };
    assert_eq!(value(&h), "Systematic review");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(value(&h), "Qualitative study");
}

#[test]
fn window_title_names_the_project_and_unsaved_state() {
    let mut ws = thema::session::Workspace::new(
        thema::model::Project::new("My review"),
        Some("/tmp/my_review.thema.ron".into()),
    );
    assert_eq!(ws.title(), "My review (my_review.thema.ron) — Thema");
    ws.undo
        .apply(
            std::sync::Arc::make_mut(&mut ws.project),
            "Rename",
            thema::edit::Command::RenameProject("Renamed".into()),
        )
        .unwrap();
    assert_eq!(ws.title(), "● Renamed (my_review.thema.ron) — Thema");
}

#[test]
fn importing_a_changed_source_again_offers_to_move_its_codings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("study.txt");
    std::fs::write(&file, "Title\n\nThe team met every week.\nFunding ended.\n").unwrap();
    let mut h = fresh_app();
    h.run();
    h.get_by_label("New project").click();
    h.run();
    h.get_by_label("Name").focus();
    h.run();
    h.get_by_label("Name").type_text("Sam Reviewer");
    h.run();
    h.get_by_label("Add and start coding").click();
    h.run();
    let import = |h: &mut Harness<'static, ThemaApp>| {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(file.clone())));
        h.run();
        for _ in 0..200 {
            if h.state().import.is_none() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            h.step();
        }
        h.run();
    };
    import(&mut h);
    // Code "Funding ended." through the model (as the window would).
    let (doc, code) = {
        let ws = h.state_mut().ws.as_mut().unwrap();
        let (_, cmd) = thema::edit::ops::add_code(&ws.project, None, "Funding", "");
        ws.undo
            .apply(std::sync::Arc::make_mut(&mut ws.project), "Add code", cmd)
            .unwrap();
        (ws.project.documents[0].id, ws.project.codebook.codes[0].id)
    };
    {
        let ws = h.state_mut().ws.as_mut().unwrap();
        let start = ws.project.documents[0].text.find("Funding").unwrap();
        let me = ws.coding_as.unwrap();
        let c = thema::edit::ops::new_coding(doc, start, start + 14, code, None, me);
        ws.undo
            .apply(
                std::sync::Arc::make_mut(&mut ws.project),
                "Code",
                thema::edit::Command::AddCodings(vec![c]),
            )
            .unwrap();
    }
    // The same file again, unchanged: not imported twice.
    import(&mut h);
    assert_eq!(h.state().ws.as_ref().unwrap().project.documents.len(), 1);
    h.get_by_label("OK").click();
    h.run();
    // Changed on disk: Thema offers to move the coding.
    std::fs::write(
        &file,
        "Title\n\nA new first line.\nThe team met every week.\nFunding ended.\n",
    )
    .unwrap();
    import(&mut h);
    assert!(h.query_by_label("Sources have changed").is_some());
    h.get_by_label("Update the texts and move the codings")
        .click();
    h.run();
    let p = &h.state().ws.as_ref().unwrap().project;
    assert_eq!(p.documents.len(), 1);
    let c = &p.codings[0];
    assert_eq!(p.documents[0].slice_chars(c.start, c.end), "Funding ended.");
}
