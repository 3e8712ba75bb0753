//! Publication tables beyond the review's own four: citation lists and the
//! abbreviations journals list under a table.

use thema::analysis::{Scope, Tables};
use thema::io::report::publish;

use crate::fixtures::bmj;

#[test]
fn citation_lists_as_published_give_n_percent_and_compressed_references() {
    let p = bmj();
    let t = Tables::compute(&p, &Scope::default(), &Default::default());
    let sheet = thema::io::report::sheets::citations(&t.citations);
    let pts = publish::tables(&p, &t, "citations", &sheet);
    assert_eq!(pts.len(), 1);
    let c = &pts[0];
    assert_eq!(c.caption, "Studies citing each theme and factor (N = 33)");
    assert_eq!(
        c.headings,
        vec!["Theme and factor", "Studies, n (%)", "References"]
    );
    let culture = c
        .rows
        .iter()
        .find(|r| r.cells[0] == "Organisational culture")
        .expect("theme row");
    assert_eq!(culture.cells[1], "27 (81.8)");
    assert!(culture.bold);
    assert_eq!(culture.indent, 0);
    // The list is the analysis' own compressed list, and as long as n says.
    let row = t
        .citations
        .iter()
        .find(|r| r.name == "Organisational culture")
        .expect("citation row");
    assert_eq!(culture.cells[2], row.citations);
    assert_eq!(row.references.len(), 27);
    // The abbreviation footnote names N (in the caption) and sits before
    // the scope line, which stays last.
    let k = c.footnotes.len();
    assert!(k >= 3, "{:?}", c.footnotes);
    assert!(
        c.footnotes[k - 2].starts_with("Abbreviations: N, number of included studies"),
        "{:?}",
        c.footnotes
    );
    assert_eq!(c.footnotes[k - 1], t.describe(&p));
    // The HTML report prints it in that shape.
    let html = thema::io::report::publish_render::to_html(c);
    assert!(
        html.contains("<caption>Studies citing each theme and factor (N = 33)</caption>"),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<td><strong>Organisational culture</strong></td><td class=\"num\"><strong>27 (81.8)</strong></td><td><strong>{}</strong></td>",
            row.citations
        )),
        "{html}"
    );
}

#[test]
fn characteristics_footnotes_spell_out_no_and_n() {
    let p = bmj();
    let t = Tables::compute(&p, &Scope::default(), &Default::default());
    let sheet = thema::io::report::sheets::characteristics(&t.characteristics);
    let c = &publish::tables(&p, &t, "characteristics", &sheet)[0];
    let abbr = c
        .footnotes
        .iter()
        .find(|f| f.starts_with("Abbreviations:"))
        .expect("abbreviations");
    assert_eq!(
        abbr,
        "Abbreviations: No, number of studies; N, number of included studies (or coded passages, where stated); n, number of studies with the theme, factor or value."
    );
}

#[test]
fn excel_sheets_print_one_page_wide_with_captions_and_footnotes_wrapped_across_the_table() {
    use thema::io::report::{Format, Style, render_styled};
    let p = bmj();
    let t = Tables::compute(&p, &Scope::default(), &Default::default());
    let bytes = render_styled(&p, &t, "prevalence", Format::Xlsx, Style::Publication).unwrap();
    let archive = thema::io::zipsafe::read(&bytes).unwrap();
    let sheet =
        String::from_utf8(archive.get("xl/worksheets/sheet1.xml").unwrap().clone()).unwrap();
    // Six columns: the caption (row 1) spans A:F, as does each footnote.
    assert!(sheet.contains("<mergeCell ref=\"A1:F1\"/>"), "{sheet}");
    let rows = t.prevalence.rows.len() + 4;
    assert!(
        sheet.contains(&format!("<mergeCell ref=\"A{rows}:F{rows}\"/>")),
        "first footnote spans the table: {sheet}"
    );
    // One page wide, as long as needed, A4, the header row on each page.
    // (fitToWidth="1" is the default and so left out.)
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet}");
    assert!(
        sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\""),
        "{sheet}"
    );
    let workbook = String::from_utf8(archive.get("xl/workbook.xml").unwrap().clone()).unwrap();
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    // Prose rows of the factor summary are as tall as their wrapped text.
    let bytes = render_styled(&p, &t, "summary", Format::Xlsx, Style::Publication).unwrap();
    let archive = thema::io::zipsafe::read(&bytes).unwrap();
    let sheet =
        String::from_utf8(archive.get("xl/worksheets/sheet1.xml").unwrap().clone()).unwrap();
    assert!(sheet.contains("customHeight=\"1\""), "{sheet}");
    assert!(sheet.contains("orientation=\"landscape\""), "{sheet}");
}
