//! The tables panel driven through the real window: tabs change with a
//! coding, numbers open the documents behind them, headers sort.

use super::ui::{open_sample, select_by_drag, text_area};
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn references_update_when_a_coding_is_added_and_numbers_show_their_documents() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.get_by_label("References").click();
    h.run();
    assert!(h.query_by_label_contains("98 coded passages").is_some());

    let (rect, top) = text_area(&h);
    select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 125.0),
        egui::pos2(rect.left() + 300.0, top + 125.0),
    );
    h.key_press(Key::B);
    h.run();
    h.key_press(Key::Num6); // Information governance is pinned sixth
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.codings.len(), 99);
    assert!(
        h.query_by_label_contains("99 coded passages: Barrier 47.47%")
            .is_some(),
        "the references tab changed in the same frame"
    );

    // Prevalence: click "10 / 10" next to Barrier to list the documents behind it.
    h.get_by_label("Prevalence").click();
    h.run();
    h.get_all_by_label("10 / 10").next().unwrap().click();
    h.run();
    assert!(h.query_by_label("Behind this number").is_some());
    let second = h.state().ws.as_ref().unwrap().project.documents[1].clone();
    h.get_by_label(&format!("[{}] {}", second.reference, second.title))
        .click();
    h.run();
    assert_eq!(
        h.state().ws.as_ref().unwrap().open_doc,
        Some(second.id),
        "clicking a listed document opens it"
    );
}

#[test]
fn column_headers_sort_and_characteristics_ranges_are_editable() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.get_by_label("%").click();
    h.run();
    let sort = h.state().tables_ui.sort.values().next().copied().unwrap();
    assert_eq!((sort.column, sort.descending), (Some(2), true));

    h.get_by_label("Characteristics").click();
    h.run();
    assert!(h.query_by_label("2020–2022").is_some());
    let field = h.get_by_label("Ranges");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Ranges").type_text("2015-2020, 2021-2025");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.query_by_label("2021–2025").is_some(),
        "the year ranges changed"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.query_by_label("2020–2022").is_some(),
        "and undo brings the old ranges back"
    );
}

#[test]
fn the_charts_tab_switches_to_colour_blind_safe_colours() {
    let (_dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.get_by_label("Charts").click();
    h.run();
    // The legend is drawn as labels above the plot, a coloured square
    // and the category's name each.
    assert!(h.query_by_label("■ Recommendation").is_some());
    h.get_by_label("Colour-blind-safe colours").click();
    h.run();
    assert_eq!(
        h.state().ws.as_ref().unwrap().chart_palette,
        thema::io::report::chart::Palette::ColourBlindSafe
    );
    h.get_by_label("Colour-blind-safe colours").click();
    h.run();
    assert_eq!(
        h.state().ws.as_ref().unwrap().chart_palette,
        thema::io::report::chart::Palette::Project
    );
}
