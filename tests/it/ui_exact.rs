//! Issue 10 in the real window: blind coding applies to every surface,
//! category keys never switch a category off, the project can be named,
//! and a re-imported source of the same length shows its new text.

use super::ui::{open_sample, select_by_drag, text_area};
use egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable};
use thema::analysis::drill::Cell;
use thema::analysis::{ReviewerView, Scope};
use thema::io::report::Format;
use thema::model::ReviewerId;
use thema::ui::Intent;
use thema::ui::grid::Behind;

type H = egui_kittest::Harness<'static, thema::app::ThemaApp>;

fn start_as(name: &str) -> (tempfile::TempDir, H) {
    let (dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains(&format!("{name} (")).click();
    h.run();
    (dir, h)
}

fn me(h: &H) -> ReviewerId {
    h.state().ws.as_ref().unwrap().coding_as.unwrap()
}

/// Blind coding: the text, every table, the lists behind numbers, the
/// passages tab, exports, charts and summaries show only my codings, and
/// the comparison tabs are hidden with a sentence why.
#[test]
fn blind_coding_applies_to_every_surface() {
    let (_dir, mut h) = start_as("Chidi Dike");
    let cd = me(&h);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Blind coding").click();
    h.run();
    // Ask for every reviewer's codings: blind mode still counts only mine.
    h.state_mut()
        .push(Intent::SetScopeReviewers(ReviewerView::All));
    h.run();
    let (mine_prevalence, mine_count) = {
        let p = &h.state().ws.as_ref().unwrap().project;
        let mine = Scope {
            reviewers: ReviewerView::One(cd),
            ..Default::default()
        };
        (
            thema::analysis::prevalence(p, &mine),
            p.codings.iter().filter(|c| c.reviewer == cd).count(),
        )
    };
    assert!(mine_count > 0 && mine_count < 98);
    // Tables and charts (the charts draw `ws.prevalence()`).
    {
        let ws = h.state().ws.as_ref().unwrap();
        assert_eq!(ws.prevalence().unwrap(), &mine_prevalence);
        let other = ws
            .project
            .codings
            .iter()
            .find(|c| c.reviewer != cd)
            .unwrap();
        assert_eq!(ws.mark_style(other), None, "text: others' codings hidden");
    }
    // The passages behind a number.
    h.state_mut().push(Intent::ShowBehind {
        title: "all passages".into(),
        behind: Behind::Passages(Cell::default()),
    });
    h.run();
    {
        let app = h.state();
        let behind = app.behind.as_ref().expect("the list opened");
        let p = &app.ws.as_ref().unwrap().project;
        assert_eq!(behind.passages.len(), mine_count);
        assert!(
            behind
                .passages
                .iter()
                .all(|id| p.coding(*id).unwrap().reviewer == cd)
        );
    }
    // The documents behind a number equal the number shown.
    let lead = {
        let p = &h.state().ws.as_ref().unwrap().project;
        p.codebook
            .codes
            .iter()
            .find(|c| c.name == "Leadership")
            .unwrap()
            .id
    };
    h.state_mut().push(Intent::ShowBehind {
        title: "Leadership".into(),
        behind: Behind::Documents(Cell {
            code: Some(lead),
            ..Default::default()
        }),
    });
    h.run();
    let shown = mine_prevalence
        .row_by_path("Relational factors > Leadership")
        .unwrap()
        .n_documents;
    assert_eq!(h.state().behind.as_ref().unwrap().docs.len(), shown);
    // Exports.
    let csv =
        String::from_utf8(h.state().export_bytes("prevalence", Format::Csv).unwrap()).unwrap();
    let expected = thema::io::report::prevalence(&mine_prevalence, Format::Csv);
    assert_eq!(csv, expected, "the exported table is the blind one");
    // Factor summaries quote only my passages.
    h.state_mut().ws.as_mut().unwrap().refresh_summaries();
    let quotes: usize = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .summaries()
        .unwrap()
        .iter()
        .filter(|f| f.level == 1)
        .flat_map(|f| f.groups.iter().map(|g| g.quotes.len()))
        .sum();
    assert!(quotes <= mine_count && quotes > 0);
    // The passages tab of a code lists only mine.
    h.state_mut().push(Intent::SelectCode(Some(lead)));
    h.get_by_label("Passages").click();
    h.run();
    let n_lead = {
        let p = &h.state().ws.as_ref().unwrap().project;
        let mut family = p.codebook.descendants(lead);
        family.push(lead);
        p.codings
            .iter()
            .filter(|c| c.reviewer == cd && family.contains(&c.code))
            .count()
    };
    assert!(
        h.query_by_label(&format!("{n_lead} passages (including sub-codes)"))
            .is_some()
    );
    // No comparison tabs while blind, and a sentence why.
    assert!(h.query_by_label("Agreement").is_none());
    assert!(h.query_by_label("Disagreements").is_none());
    assert!(h.query_by_label("hidden while coding blind").is_some());
}

/// B/F/N/R choose a category and never switch it off; 0 is an explicit
/// "No category"; the last choice is remembered for the reviewer; with
/// Edit › Require a category a coding without one is refused.
#[test]
fn category_keys_select_and_never_deselect() {
    let (_dir, mut h) = start_as("Alex Byrne");
    let category = |h: &H| h.state().ws.as_ref().unwrap().category;
    let barrier = h.state().ws.as_ref().unwrap().project.categories[0].id;
    let facilitator = h.state().ws.as_ref().unwrap().project.categories[1].id;
    h.key_press(Key::B);
    h.run();
    assert_eq!(category(&h), Some(barrier));
    h.key_press(Key::B);
    h.run();
    assert_eq!(
        category(&h),
        Some(barrier),
        "pressing B again keeps Barrier"
    );
    h.key_press(Key::Num0);
    h.run();
    assert_eq!(category(&h), None, "0 chooses No category");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Facilitator")
        .click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Facilitator")
        .click();
    h.run();
    assert_eq!(
        category(&h),
        Some(facilitator),
        "clicking the chip again keeps it"
    );
    // Code a passage: it gets Facilitator.
    let (rect, top) = text_area(&h);
    select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 125.0),
        egui::pos2(rect.left() + 260.0, top + 125.0),
    );
    h.key_press(Key::Num1);
    h.run();
    let last = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .codings
        .last()
        .unwrap()
        .clone();
    assert_eq!(last.category, Some(facilitator));
    // With the coding selected, B gives it Barrier; B again keeps it.
    h.key_press(Key::B);
    h.run();
    h.key_press(Key::B);
    h.run();
    let now = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .coding(last.id)
        .unwrap()
        .clone();
    assert_eq!(now.category, Some(barrier));
    // The reviewer's last choice is remembered for the next session.
    assert_eq!(
        h.state().settings.last_category.get(&me(&h)).copied(),
        Some(Some(facilitator))
    );
    let settings = h.state().settings.clone();
    // Another project (this one is open, and locked, in the first window).
    let open = h.state().ws.as_ref().unwrap().path.clone().unwrap();
    let path = open.with_file_name("another.thema.ron");
    std::fs::copy(&open, &path).unwrap();
    let mut h2: H = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_eframe(move |cc| thema::app::ThemaApp::new(cc, settings, Some(path)));
    h2.run();
    // The same reviewer as in the first project: no question asked.
    assert!(h2.query_by_label("Who is coding?").is_none());
    assert_eq!(h2.state().ws.as_ref().unwrap().category, Some(facilitator));

    // Require a category: no category chosen, a coding is refused.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Require a category").click();
    h.run();
    assert!(h.state().settings.require_category);
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Num0);
    h.run();
    let before = h.state().ws.as_ref().unwrap().project.codings.len();
    let (rect, top) = text_area(&h);
    select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 150.0),
        egui::pos2(rect.left() + 260.0, top + 150.0),
    );
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.codings.len(), before);
    let status = h.state().status.clone().unwrap();
    assert!(
        status.error && status.text.contains("choose a category first"),
        "{}",
        status.text
    );
}

/// Without Require, a coding made with no category is made, and the
/// status bar says so.
#[test]
fn a_coding_without_a_category_is_pointed_out() {
    let (_dir, mut h) = start_as("Alex Byrne");
    h.key_press(Key::Num0);
    h.run();
    let (rect, top) = text_area(&h);
    select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 125.0),
        egui::pos2(rect.left() + 260.0, top + 125.0),
    );
    h.key_press(Key::Num1);
    h.run();
    let last = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .codings
        .last()
        .unwrap()
        .clone();
    assert_eq!(last.category, None);
    let status = h.state().status.clone().unwrap();
    assert!(status.text.contains("with no category"), "{}", status.text);
}

/// File › Project settings… names the project: the title bar, the report
/// heading and suggested file names follow, and it undoes.
#[test]
fn the_project_is_named_in_project_settings_and_it_undoes() {
    let (_dir, mut h) = start_as("Alex Byrne");
    let old = h.state().ws.as_ref().unwrap().project.name.clone();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Project settings…").click();
    h.run();
    assert!(h.query_by_label("Project settings").is_some());
    if let Some(thema::ui::dialogs::Dialog::ProjectSettings { name }) = &mut h.state_mut().dialog {
        *name = "  Integrated teams: a rapid review  ".into();
    }
    h.run();
    h.get_by_label("Rename").click();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.project.name, "Integrated teams: a rapid review");
    assert!(
        ws.title()
            .starts_with("● Integrated teams: a rapid review ("),
        "{}",
        ws.title()
    );
    assert_eq!(ws.project.file_stem(), "Integrated teams- a rapid review");
    let html = String::from_utf8(h.state().export_bytes("all", Format::Html).unwrap()).unwrap();
    assert!(html.contains("<h1>Integrated teams: a rapid review</h1>"));
    // The Word export carries the name as its title, and its tables.
    let docx = h.state().export_bytes("all", Format::Docx).unwrap();
    let archive = thema::io::zipsafe::read(&docx).unwrap();
    let xml = String::from_utf8(archive.get("word/document.xml").unwrap().clone()).unwrap();
    assert!(xml.contains(">Integrated teams: a rapid review</w:t>"));
    assert!(xml.contains(">Table 1. </w:t>"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.name, old);
}

/// A source re-imported with a typo fixed (same byte length): the view
/// shows the new text, and a new coding lands on the words shown.
#[test]
fn a_same_length_reimport_shows_the_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("interviews.txt");
    std::fs::write(
        &file,
        "The manger said the team met weekly.\n\nFunding was short.",
    )
    .unwrap();
    let project = dir.path().join("p.thema.ron");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
        .args(["import", project.to_str().unwrap(), file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = project.clone();
    let mut h: H = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_eframe(move |cc| {
            thema::app::ThemaApp::new(cc, thema::settings::Settings::in_memory(), Some(path))
        });
    h.run();
    // The view lays out the old text once.
    h.state_mut().doc_view.select(4, 10);
    h.run();
    assert_eq!(
        h.state().doc_view.selected_text().as_deref(),
        Some("manger")
    );
    // The typo is fixed: same length in bytes and characters.
    std::fs::write(
        &file,
        "The manager said the team met weekly\n\nFunding was short.",
    )
    .unwrap();
    h.state_mut().push(Intent::Import(vec![file.clone()]));
    h.run();
    for _ in 0..500 {
        if h.state().import.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    h.run();
    h.get_by_label("Update the texts and move the codings")
        .click();
    h.run();
    h.state_mut().doc_view.select(4, 11);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    let d = ws.project.document(ws.open_doc.unwrap()).unwrap();
    assert_eq!(d.slice_chars(4, 11), "manager");
    assert_eq!(
        h.state().doc_view.selected_text().as_deref(),
        Some("manager")
    );
}

/// The text's "Consensus of AB and CD" shows exactly the codings the
/// Consensus tables count.
#[test]
fn the_text_shows_the_same_consensus_the_tables_count() {
    let (_dir, mut h) = start_as("Alex Byrne");
    let (ab, cd) = {
        let p = &h.state().ws.as_ref().unwrap().project;
        (p.reviewers[0].id, p.reviewers[1].id)
    };
    h.state_mut().push(Intent::SetViewFilter(
        thema::session::ViewFilter::Consensus(ab, cd),
    ));
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    let doc = ws.open_doc.unwrap();
    let counted = thema::analysis::consensus::consensus(&ws.project, ab, cd, |d| d == doc);
    let shown: Vec<usize> = ws
        .project
        .codings
        .iter()
        .enumerate()
        .filter(|(_, c)| ws.mark_style(c).is_some())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(shown, counted.codings);
    assert!(
        !shown.is_empty(),
        "the sample has passages both coded alike"
    );
}

/// Issue 10, problem 8: saving runs on a worker. A change made while the
/// file is written stays unsaved; the file holds the state the save began at.
#[test]
fn a_change_made_while_saving_stays_unsaved() {
    let (dir, mut h) = start_as("Alex Byrne");
    let path = dir.path().join("sample.thema.ron");
    h.state_mut().apply(
        "Rename",
        thema::edit::Command::RenameProject("Before the save".into()),
    );
    assert!(h.state_mut().save());
    assert!(h.state().is_saving(), "the save runs on a worker");
    // Edit on while it writes.
    h.state_mut().apply(
        "Rename",
        thema::edit::Command::RenameProject("After the save".into()),
    );
    h.state_mut().wait_for_saves();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert!(ws.undo.is_dirty(), "the later change is not marked saved");
    assert_eq!(
        thema::io::project_file::load(&path).unwrap().project.name,
        "Before the save"
    );
    // Undo returns to the saved state: clean again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().ws.as_ref().unwrap().undo.is_dirty());
}

/// One command table drives the menus, the keys and the shortcut overlay.
#[test]
fn the_command_table_drives_menus_keys_and_the_overlay() {
    use thema::ui::commands::Action;
    let (_dir, mut h) = start_as("Alex Byrne");
    let ctx = h.ctx.clone();
    // F1 opens the overlay; every action with a key is listed with it.
    h.key_press(Key::F1);
    h.run();
    assert!(
        h.query_all_by_label("Keyboard shortcuts").count() >= 2,
        "title and row"
    );
    for a in Action::ALL {
        let keys = a.all_shortcuts_text(&ctx);
        if keys.is_empty() {
            continue;
        }
        assert!(h.query_all_by_label(&keys).count() >= 1, "{a:?}: {keys}");
    }
    assert!(
        h.query_by_label("Category: Barrier").is_some(),
        "project keys too"
    );
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.query_all_by_label("Keyboard shortcuts").count(), 0);
    // The menu shows the same label and key.
    h.get_by_label("File").click();
    h.run();
    let key = Action::Save.shortcut_text(&ctx).unwrap();
    assert!(
        h.query_all_by_label_contains(Action::Save.info().label)
            .any(|n| n.accesskit_node().label().is_some_and(|l| l.contains(&key))),
        "the Save item shows {key}"
    );
    h.key_press(Key::Escape);
    h.run();
    // And the key does what the menu does: Ctrl+Z undoes, Ctrl+Y redoes.
    h.state_mut()
        .apply("Rename", thema::edit::Command::RenameProject("X".into()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(h.state().ws.as_ref().unwrap().project.name, "X");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.name, "X");
}

/// A PDF document shows where its pages start, Ctrl+G goes to a page, and
/// a coding's description names its page.
#[test]
fn pages_are_marked_and_reachable_by_go_to_page() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    let (doc, pages) = {
        let p = &h.state().ws.as_ref().unwrap().project;
        let d = p
            .documents
            .iter()
            .find(|d| !d.page_starts.is_empty())
            .expect("the sample has PDFs");
        (d.id, d.page_starts.len() + 1)
    };
    h.state_mut().push(Intent::OpenDocument(doc));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::G);
    h.run();
    assert!(h.query_by_label("Go to page").is_some());
    // A page that does not exist is refused in words.
    h.get_by_label("Page").type_text(&format!("{}", pages + 5));
    h.run();
    assert!(
        h.query_by_label(&format!("A page from 1 to {pages}"))
            .is_some()
    );
    for _ in 0..4 {
        h.key_press(Key::Backspace);
        h.run();
    }
    h.get_by_label("Page").type_text("2");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.query_by_label("Go to page").is_none());
    assert_eq!(h.state().status.as_ref().unwrap().text, "Page 2");
    // A page flagged at import as possibly garbled is pointed out.
    {
        let ws = h.state_mut().ws.as_mut().unwrap();
        let p = ws.project_mut();
        p.documents
            .iter_mut()
            .find(|d| d.id == doc)
            .unwrap()
            .garbled_pages = vec![2];
    }
    h.run();
    assert!(
        h.query_by_label_contains("The text of page 2 may be garbled")
            .is_some()
    );
    // A coding on page 2 says so.
    let ws = h.state().ws.as_ref().unwrap();
    let d = ws.project.document(doc).unwrap();
    if let Some(c) = ws
        .project
        .codings
        .iter()
        .find(|c| c.doc == doc && d.page_of(c.start) == Some(2))
    {
        let text = thema::ui::document_view::describe_coding(&ws.project, c);
        assert!(text.contains(" · p. 2"), "{text}");
    }
}
