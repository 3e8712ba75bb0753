//! How a PDF's layout reaches the text a reviewer reads: printed page
//! numbers, sentences that run over a column's foot, double-spaced pages.

use super::pdf_fonts::pdf_with_placed_text;

/// Lines set 12 points apart from `top` down, at `x`.
fn column(x: f64, top: f64, lines: &[&str]) -> Vec<(f64, f64, String)> {
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| (x, top - 12.0 * k as f64, (*l).to_owned()))
        .collect()
}

#[test]
fn printed_page_numbers_leave_the_text_and_a_sentence_runs_on_over_the_columns() {
    // Four two-column journal pages, printed 624–627. The content stream
    // draws the left column, then the page number at the foot, then the
    // right column; a sentence and a word ("typ-ically") run over.
    // Each page its own speakers and seasons (lines repeated on every
    // page would be running headers).
    let who = ["Managers", "Nurses", "Doctors", "Porters"];
    let when = ["spring", "summer", "autumn", "winter"];
    let pages: Vec<Vec<(f64, f64, String)>> = (0..4)
        .map(|i| {
            let mut page = column(
                72.0,
                720.0,
                &[
                    &format!("{} said the budget was the barrier", who[i]),
                    "they met most often, and that the typ-",
                ],
            );
            page.push((300.0, 60.0, (624 + i).to_string()));
            page.extend(column(
                320.0,
                720.0,
                &[
                    "ical answer was to wait for the next",
                    &format!("round of funding in {}.", when[i]),
                ],
            ));
            page
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.pdf");
    std::fs::write(&path, pdf_with_placed_text(&pages)).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    let text = &imported.doc.text;
    let pages_read: Vec<String> = (0..4)
        .map(|i| format!("{} said the budget was the barrier they met most often, and that the typical answer was to wait for the next round of funding in {}.", who[i], when[i]))
        .collect();
    assert_eq!(text, &pages_read.join("\n\n"));
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    assert!(
        imported.doc.memo.contains(
            "Printed page numbers Thema moved out of the text at import: 624\u{2013}627 on pages 1\u{2013}4."
        ),
        "{}",
        imported.doc.memo
    );
    let notes = imported.notes.join("; ");
    assert!(
        notes.contains("the printed page numbers were moved out of the text into the document's memo (624\u{2013}627 on pages 1\u{2013}4)"),
        "{notes}"
    );
    // Each page starts with its own text.
    for (i, &start) in imported.doc.page_starts.iter().enumerate() {
        let head: String = text.chars().skip(start).take(who[i + 1].len()).collect();
        assert_eq!(head, who[i + 1]);
    }
}

#[test]
fn a_double_spaced_report_reads_as_paragraphs() {
    // Lines 24 points apart (double spacing of 10-point text): pdf-extract
    // puts a blank line between every two.
    let lines = [
        "A systematic review gives the researchers of a field a",
        "reliable means to find and weigh the studies that exist",
        "on a question, in software engineering as elsewhere.",
        "Another paragraph starts here and runs on to the margin,",
        "Los Angeles and San Diego among the places it names, and",
        "the reviewers who visited them in the spring.",
    ];
    let placed: Vec<(f64, f64, String)> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| (72.0, 700.0 - 24.0 * k as f64, (*l).to_owned()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("informe.pdf");
    std::fs::write(&path, pdf_with_placed_text(&[placed])).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    assert_eq!(
        imported.doc.text,
        "A systematic review gives the researchers of a field a reliable means to find and weigh the studies that exist on a question, in software engineering as elsewhere.\n\nAnother paragraph starts here and runs on to the margin, Los Angeles and San Diego among the places it names, and the reviewers who visited them in the spring."
    );
}

#[test]
fn a_sentence_over_a_page_break_is_one_paragraph_and_the_page_still_starts_at_its_word() {
    let pages = vec![
        column(
            72.0,
            720.0,
            &[
                "Staff said the search space was already in the order of",
                "trillions. In",
            ],
        ),
        column(
            72.0,
            720.0,
            &[
                "this paper, we introduce a more direct approach.",
                "Ends here.",
            ],
        ),
        column(72.0, 720.0, &["The next page opens a section."]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("over.pdf");
    std::fs::write(&path, pdf_with_placed_text(&pages)).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    let text = &imported.doc.text;
    assert_eq!(
        text,
        "Staff said the search space was already in the order of trillions. In this paper, we introduce a more direct approach. Ends here.\n\nThe next page opens a section."
    );
    let page2: String = text
        .chars()
        .skip(imported.doc.page_starts[0])
        .take(10)
        .collect();
    assert_eq!(page2, "this paper");
}
