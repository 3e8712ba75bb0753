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

/// One page drawn with `content`, its font /F1 the font `font` builds.
fn one_page(
    content: &str,
    font: impl FnOnce(&mut pdf_extract::Document) -> pdf_extract::Object,
) -> Vec<u8> {
    use pdf_extract::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.4");
    let pages = doc.new_object_id();
    let font = font(&mut doc);
    let c = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let page = doc.add_object(
        dictionary! { "Type" => "Page", "Parent" => pages, "Contents" => c,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } } },
    );
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The two columns' words each placed on its own (as an OCR layer or a
/// plotting program does), the right column first, `per_letter` points a
/// letter; `after` follows each word inside its string.
fn words_placed_one_by_one(per_letter: f64, after: &str) -> Vec<String> {
    let mut ops = Vec::new();
    for (x, lines) in [(330.0, RIGHT), (72.0, LEFT)] {
        for (k, l) in lines.iter().enumerate() {
            let mut at = x;
            for w in l.split(' ') {
                let y = 700.0 - 14.0 * k as f64;
                ops.push(format!("1 0 0 1 {at} {y} Tm ({w}{after}) Tj"));
                at += per_letter * (w.len() as f64 + 1.0);
            }
        }
    }
    ops
}

/// The words of page 1 of `pdf`, and those of the left column then the
/// right one.
fn words_read_and_meant(pdf: &[u8]) -> (Vec<String>, Vec<String>) {
    let text = thema::io::pdf::extract(pdf).unwrap();
    let words = text.pages[0]
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let meant = LEFT
        .iter()
        .chain(&RIGHT)
        .flat_map(|l| l.split(' '))
        .map(str::to_owned)
        .collect();
    (words, meant)
}

const LEFT: [&str; 3] = [
    "Managers said the budget was",
    "the barrier they met most often",
    "in the first year of the scheme.",
];
const RIGHT: [&str; 3] = [
    "Nurses said the new rota left",
    "no time for the handover they",
    "had relied on for many years.",
];

#[test]
fn a_two_column_page_reads_by_its_layout_not_the_order_it_is_drawn_in() {
    // Drawn: the journal's footer (centred under both columns), the right
    // column, the left column, and last the title across both columns at
    // the top.
    let mut placed = vec![(230.0, 60.0, "Journal of Layout Tests 12 (2026)".to_owned())];
    placed.extend(column(330.0, 700.0, &RIGHT));
    placed.extend(column(72.0, 700.0, &LEFT));
    placed.push((72.0, 740.0, "Budgets and rotas in two hospitals".to_owned()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two-columns.pdf");
    std::fs::write(&path, pdf_with_placed_text(&[placed])).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    assert_eq!(
        imported.doc.text,
        format!(
            "Budgets and rotas in two hospitals\n\n{} {}\n\nJournal of Layout Tests 12 (2026)",
            LEFT.join(" "),
            RIGHT.join(" ")
        )
    );
}

#[test]
fn words_of_a_font_without_widths_are_laid_out_where_they_stand() {
    // Each word placed on its own with letter spacing, as an OCR layer
    // does, in a font the PDF gives no widths for; the right column drawn
    // first. With no widths every word was a point wide and the page
    // could not be laid out.
    // Times at 11 points: about 5 points a letter.
    let ops = words_placed_one_by_one(5.5, " ");
    let content = format!("BT /F1 11 Tf 0.3 Tc\n{}\nET", ops.join("\n"));
    let pdf = one_page(&content, |doc| {
        use pdf_extract::dictionary;
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "TrueType",
        "BaseFont" => "TimesNewRoman", "Encoding" => "WinAnsiEncoding" })
            .into()
    });
    let (words, meant) = words_read_and_meant(&pdf);
    assert_eq!(words, meant);
}

#[test]
fn words_of_a_type3_font_with_its_own_matrix_are_laid_out_where_they_stand() {
    // A Type 3 font whose glyph space is a hundredth of text space (its
    // widths, 50, are half an em), as bitmap and plotting fonts are; each
    // word drawn on its own, the right column first.
    use pdf_extract::{Object, Stream, dictionary};
    let ops = words_placed_one_by_one(5.0, "");
    let content = format!("BT /F1 10 Tf\n{}\nET", ops.join("\n"));
    let pdf = one_page(&content, |doc| {
        let glyph = doc.add_object(Stream::new(dictionary! {}, b"50 0 d0".to_vec()));
        // The glyphs "." and the letters, named as in the standard encoding.
        let mut differences = vec![Object::Integer(46), Object::Name(b"period".to_vec())];
        let mut procs = pdf_extract::Dictionary::new();
        procs.set("period", glyph);
        for (first, range) in [(65, 'A'..='Z'), (97, 'a'..='z')] {
            differences.push(Object::Integer(first));
            for c in range {
                differences.push(Object::Name(c.to_string().into_bytes()));
                procs.set(c.to_string().into_bytes(), glyph);
            }
        }
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type3",
        "FontBBox" => vec![0.into(), 0.into(), 50.into(), 70.into()],
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "CharProcs" => procs, "FirstChar" => 46, "LastChar" => 122,
        "Widths" => vec![Object::Integer(50); 77],
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => differences } })
            .into()
    });
    let (words, meant) = words_read_and_meant(&pdf);
    assert_eq!(words, meant);
}

#[test]
fn a_running_head_in_two_parts_is_one_line_and_leaves_the_text_on_every_page() {
    // The journal's head: its name at the left, "Page n of 4" at the
    // right, over two columns; a sentence runs over from the left column
    // into the right one. Each page says its own things (lines repeated
    // on every page would be running lines themselves).
    let who = ["Managers", "Nurses", "Doctors", "Porters"];
    let what = ["budget", "rota", "handover", "staffing"];
    let when = ["spring", "summer", "autumn", "winter"];
    let sentence = |i: usize| -> (Vec<String>, Vec<String>) {
        (
            vec![
                format!("{} said the {} was", who[i], what[i]),
                format!("the barrier met most often in {},", when[i]),
                format!("and the {} of the ward", what[(i + 1) % 4]),
            ],
            vec![
                format!("left no time for {} they", what[(i + 2) % 4]),
                format!("had relied on in {} and", when[(i + 1) % 4]),
                format!("{} before that.", when[(i + 2) % 4]),
            ],
        )
    };
    let pages: Vec<Vec<(f64, f64, String)>> = (0..4)
        .map(|i| {
            let (left, right) = sentence(i);
            let left: Vec<&str> = left.iter().map(String::as_str).collect();
            let right: Vec<&str> = right.iter().map(String::as_str).collect();
            let mut page = vec![
                (
                    72.0,
                    760.0,
                    "Salehi et al. Health Research 2026, 3:12".to_owned(),
                ),
                (470.0, 760.0, format!("Page {} of 4", i + 1)),
            ];
            page.extend(column(72.0, 720.0, &left));
            page.extend(column(330.0, 720.0, &right));
            page
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.pdf");
    std::fs::write(&path, pdf_with_placed_text(&pages)).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    let text = &imported.doc.text;
    assert!(!text.contains("Page") && !text.contains("Salehi"), "{text}");
    let read: Vec<String> = (0..4)
        .map(|i| {
            let (left, right) = sentence(i);
            format!("{} {}", left.join(" "), right.join(" "))
        })
        .collect();
    assert_eq!(text, &read.join("\n\n"));
    // One line in the memo, with its pages.
    assert!(
        imported.doc.memo.contains(
            "\u{201c}Salehi et al. Health Research 2026, 3:12 Page 1 of 4\u{201d} \u{2014} pages 1\u{2013}4"
        ),
        "{}",
        imported.doc.memo
    );
}
