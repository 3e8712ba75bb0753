//! Selecting text as a reader expects, in the real window: double-click a
//! word, triple-click a sentence, four clicks or Ctrl+click a paragraph, a
//! drag that snaps to whole words (Alt for exact characters), and coding a
//! passage with the keyboard alone.

use super::ui::{open_sample, select_by_drag, text_area};
use egui::{Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use thema::app::ThemaApp;
use thema::model::units;
use thema::ui::document_view::selection;

fn click(h: &mut Harness<'_, ThemaApp>, pos: Pos2, modifiers: Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::PointerMoved(pos));
    h.event(egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.step();
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.step();
}

fn chars(h: &Harness<'_, ThemaApp>) -> Vec<char> {
    let ws = h.state().ws.as_ref().unwrap();
    ws.project
        .document(ws.open_doc.unwrap())
        .unwrap()
        .text
        .chars()
        .collect()
}

fn selected(h: &Harness<'_, ThemaApp>) -> Option<(usize, usize)> {
    h.state().doc_view.selection.map(|s| s.range())
}

fn start(h: &mut Harness<'_, ThemaApp>) {
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
}

/// Lets the click counter forget the last click.
fn pause(h: &mut Harness<'_, ThemaApp>) {
    h.run_steps(45);
}

#[test]
fn two_three_and_four_clicks_select_a_word_a_sentence_and_a_paragraph() {
    let (_dir, mut h) = open_sample();
    start(&mut h);
    let (rect, top) = text_area(&h);
    let at = egui::pos2(rect.left() + 140.0, top + 190.0);
    click(&mut h, at, Modifiers::NONE);
    let c = h.state().doc_view.caret.expect("a click places the caret");
    let text = chars(&h);
    assert!(text[c].is_alphanumeric() || text[c.saturating_sub(1)].is_alphanumeric());
    pause(&mut h);
    click(&mut h, at, Modifiers::NONE);
    click(&mut h, at, Modifiers::NONE);
    let word = selection::word_at(&text, c);
    assert!(word.1 > word.0);
    assert_eq!(selected(&h), Some(word), "double-click: the word");
    click(&mut h, at, Modifiers::NONE);
    let sentence = units::sentence_at(&text, c);
    assert_eq!(selected(&h), Some(sentence), "triple-click: the sentence");
    assert!(sentence.1 - sentence.0 > word.1 - word.0);
    click(&mut h, at, Modifiers::NONE);
    let paragraph = units::paragraph_at(&text, c);
    assert_eq!(selected(&h), Some(paragraph), "four clicks: the paragraph");
    assert!(paragraph.1 - paragraph.0 > sentence.1 - sentence.0);
    pause(&mut h);
    click(&mut h, at, Modifiers::NONE);
    assert_eq!(selected(&h), None);
    pause(&mut h);
    click(&mut h, at, Modifiers::COMMAND);
    assert_eq!(selected(&h), Some(paragraph), "Ctrl+click: the paragraph");
}

#[test]
fn a_drag_takes_whole_words_unless_alt_is_held() {
    let (_dir, mut h) = open_sample();
    start(&mut h);
    let (rect, top) = text_area(&h);
    let from = egui::pos2(rect.left() + 83.0, top + 190.0);
    let to = egui::pos2(rect.left() + 263.0, top + 190.0);
    // Where the two ends fall, character by character.
    click(&mut h, from, Modifiers::NONE);
    let a = h.state().doc_view.caret.unwrap();
    pause(&mut h);
    click(&mut h, to, Modifiers::NONE);
    let b = h.state().doc_view.caret.unwrap();
    pause(&mut h);
    let text = chars(&h);
    select_by_drag(&mut h, from, to);
    let (s, e) = selected(&h).unwrap();
    let snapped = selection::snap_to_words(&text, a, b).range();
    assert_ne!(
        snapped,
        (a.min(b), a.max(b)),
        "the drag starts and ends inside words"
    );
    assert_eq!((s, e), snapped);
    // Neither end cuts a word.
    let cuts = |i: usize| {
        i > 0 && i < text.len() && text[i - 1].is_alphanumeric() && text[i].is_alphanumeric()
    };
    assert!(!cuts(s) && !cuts(e), "{s}..{e}");

    pause(&mut h);
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    select_by_drag(&mut h, from, to);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    assert_eq!(
        selected(&h),
        Some((a.min(b), a.max(b))),
        "Alt: exact characters"
    );
}

#[test]
fn a_passage_is_coded_with_the_keyboard_alone() {
    let (_dir, mut h) = open_sample();
    start(&mut h);
    let before = h.state().ws.as_ref().unwrap().project.codings.len();
    let text = chars(&h);
    // Ctrl+Down three times: the start of the fourth paragraph.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowDown);
        h.run();
    }
    let caret = h.state().doc_view.caret.unwrap();
    // Starts of the paragraphs with text (empty lines are stepped over).
    let paragraphs: Vec<usize> = (0..text.len())
        .filter(|&i| text[i] != '\n' && (i == 0 || text[i - 1] == '\n'))
        .collect();
    assert_eq!(caret, paragraphs[3]);
    // Shift+Ctrl+Right three times: its first three words.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
        h.run();
    }
    // Shift+Left once, Shift+Right once: back where it was.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    let (s, e) = selected(&h).unwrap();
    let words: String = text[s..e].iter().collect();
    assert_eq!(words.split_whitespace().count(), 3, "{words:?}");
    assert_eq!(s, caret);
    // B for Barrier, 6 for the code pinned sixth.
    h.key_press(Key::B);
    h.run();
    h.key_press(Key::Num6);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.project.codings.len(), before + 1);
    let c = ws.project.codings.last().unwrap();
    assert_eq!((c.start, c.end), (s, e));
    assert_eq!(ws.project.codebook.name(c.code), "Information governance");
    assert_eq!(
        ws.project
            .categories
            .iter()
            .find(|k| Some(k.id) == c.category)
            .unwrap()
            .name,
        "Barrier"
    );
}

#[test]
fn the_reviewer_is_remembered_across_projects_and_logs_use_initials() {
    let (dir, mut h) = open_sample();
    start(&mut h);
    assert_eq!(
        h.state().settings.me,
        Some(("Alex Byrne".to_owned(), "AB".to_owned()))
    );
    // Another project with the same reviewer: no question asked.
    let other = dir.path().join("second.thema.ron");
    std::fs::copy("sample_projects/neighbourhood_teams.thema.ron", &other).unwrap();
    h.state_mut().open_path(other);
    h.run();
    assert!(h.query_by_label("Who is coding?").is_none());
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.project.reviewer(ws.coding_as.unwrap()).unwrap().initials,
        "AB"
    );
    assert!(
        h.query_by_label_contains("coding as Alex Byrne (AB), as in your other projects")
            .is_some()
    );
    // A decision is logged with the reviewers' initials, not "A" or "B".
    let p = &ws.project;
    let (a, b) = (p.reviewers[0].id, p.reviewers[1].id);
    let d = thema::model::Decision {
        id: uuid::Uuid::from_u128(7),
        doc: p.documents[0].id,
        code: p.codebook.codes[0].id,
        category: None,
        reviewer_a: a,
        reviewer_b: b,
        choice: thema::model::Choice::AcceptB,
        by: a,
        when: "2026-12-06".into(),
        note: String::new(),
    };
    assert_eq!(d.describe(p), "accept CD's");
}
