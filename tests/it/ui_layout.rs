//! The window's layout: side panels fold to a strip of icons (F7, F8),
//! focus mode leaves the text alone (F9), the choice is remembered, and
//! the panels keep their share of a smaller window.

use super::ui::open_sample;
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn panels_fold_to_strips_focus_mode_and_shares_follow_the_window() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    let text_width = |h: &egui_kittest::Harness<'_, thema::app::ThemaApp>| {
        h.get_by_label("Document text").rect().width()
    };
    let wide = text_width(&h);
    assert!(h.query_by_label("Prevalence").is_some());

    h.key_press(Key::F8);
    h.run();
    assert!(
        h.query_by_label("Prevalence").is_none(),
        "the tables fold away"
    );
    assert!(h.query_by_label("Tables (F8)").is_some(), "to a strip");
    assert!(text_width(&h) > wide + 200.0, "the text takes the room");
    assert!(h.state().settings.layout.right_folded);
    h.get_by_label("Tables (F8)").click();
    h.run();
    assert!(h.query_by_label("Prevalence").is_some());

    h.key_press(Key::F9);
    h.run();
    assert!(h.state().settings.layout.focus);
    assert!(h.query_by_label("Prevalence").is_none());
    assert!(h.query_by_label_contains("Documents (").is_none());
    assert!(h.query_by_label_contains("Focus on the text").is_some());
    h.key_press(Key::F9);
    h.run();
    assert!(!h.state().settings.layout.focus);
    assert!(h.query_by_label("Prevalence").is_some());

    // A laptop-sized window: the text keeps a readable column.
    h.set_size(egui::vec2(1024.0, 700.0));
    h.run();
    let w = text_width(&h);
    assert!(w >= 360.0, "text column {w}");
}
