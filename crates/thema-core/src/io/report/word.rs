//! Publication tables as a Word document (`.docx`): each table with its
//! caption above ("Table 1. …"), a header row repeated on every page,
//! group headings spanning the row, indented factors, bold themes,
//! numbers right-aligned, journal-style rules (above and below the header,
//! below the table) and its footnotes below in a smaller size. A4
//! portrait; tables take the text width and wrap, so none is wider than
//! the page.

use std::io::Write;

use super::ReportError;
use super::publish::PubTable;

/// Escaped for XML, without the control characters XML 1.0 forbids
/// (a form feed from a PDF would make Word refuse the whole file).
fn esc(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            !(c < ' ' && c != '\t' && c != '\n' && c != '\r') && c != '\u{FFFE}' && c != '\u{FFFF}'
        })
        .collect();
    super::escape::esc(&clean).into_owned()
}

/// A run of text, bold or not, at a size in half-points.
fn run(text: &str, bold: bool, half_points: u32) -> String {
    let b = if bold { "<w:b/>" } else { "" };
    format!(
        "<w:r><w:rPr>{b}<w:sz w:val=\"{half_points}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

/// A paragraph inside a table cell.
fn cell_paragraph(text: &str, bold: bool, right: bool, indent_twips: u32) -> String {
    let jc = if right { "<w:jc w:val=\"right\"/>" } else { "" };
    let ind = if indent_twips > 0 {
        format!("<w:ind w:left=\"{indent_twips}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/>{ind}{jc}</w:pPr>{}</w:p>",
        run(text, bold, 18)
    )
}

fn rule(edge: &str) -> String {
    format!("<w:{edge} w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>")
}

fn table_xml(number: usize, t: &PubTable, text_width: usize) -> String {
    let cols = t.headings.len().max(1);
    let mut x = format!(
        "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/></w:pPr>{}{}</w:p>",
        run(&format!("Table {number}. "), true, 20),
        run(&t.caption, false, 20)
    );
    x.push_str(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>",
    );
    x.push_str(&format!(
        "<w:tblBorders>{}{}</w:tblBorders>",
        rule("top"),
        rule("bottom")
    ));
    x.push_str("<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>");
    // Each number column as wide as its longest text (about 126 twips a
    // bold character at 9 pt, plus the cell margins); the first column takes
    // the rest of the 9,638-twip text width.
    let mut widths: Vec<usize> = (0..cols)
        .map(|i| {
            // Cells never wrap; a heading may, between words.
            let cells = t
                .rows
                .iter()
                .filter(|r| !r.group)
                .filter_map(|r| r.cells.get(i))
                .map(|c| c.chars().count());
            let heading_words = t
                .headings
                .get(i)
                .into_iter()
                .flat_map(|h| h.split_whitespace())
                .map(|w| w.chars().count());
            let longest = cells.chain(heading_words).max().unwrap_or(1);
            longest * 126 + 230
        })
        .collect();
    // A table of text columns (a summary, quotations): equal shares.
    let text_table = t.numeric.iter().skip(1).any(|n| !n);
    if text_table {
        // The first column (a factor's name) 1.2 shares, the others 1 each.
        let share = text_width * 10 / (cols * 10 + 2);
        widths = vec![share; cols];
        widths[0] = text_width - share * (cols - 1);
    }
    let others: usize = widths.iter().skip(1).sum();
    let first_min = text_width * 3 / 10;
    if !text_table && cols > 1 && others + first_min > text_width {
        // Scale the number columns down to leave the first its share.
        for w in widths.iter_mut().skip(1) {
            *w = *w * (text_width - first_min) / others;
        }
    }
    let others: usize = widths.iter().skip(1).sum();
    widths[0] = text_width.saturating_sub(others);
    x.push_str("<w:tblGrid>");
    for w in &widths {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    // Header: repeated on each page, ruled below.
    x.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (i, h) in t.headings.iter().enumerate() {
        let right = t.numeric.get(i) == Some(&true);
        x.push_str(&format!(
            "<w:tc><w:tcPr><w:tcBorders>{}</w:tcBorders></w:tcPr>{}</w:tc>",
            rule("bottom"),
            cell_paragraph(h, true, right, 0)
        ));
    }
    x.push_str("</w:tr>");
    for r in &t.rows {
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        if r.group {
            x.push_str(&format!(
                "<w:tc><w:tcPr><w:gridSpan w:val=\"{cols}\"/></w:tcPr>{}</w:tc>",
                cell_paragraph(&r.cells[0], true, false, 0)
            ));
        } else {
            for (i, c) in r.cells.iter().enumerate().take(cols) {
                let right = t.numeric.get(i) == Some(&true);
                let indent = if i == 0 { 284 * u32::from(r.indent) } else { 0 };
                // "10 (100.0)" never breaks inside.
                let nowrap = if right {
                    "<w:tcPr><w:noWrap/></w:tcPr>"
                } else {
                    ""
                };
                // A cell of several lines (points of a summary) is several paragraphs.
                let paragraphs: String = c
                    .split('\n')
                    .map(|line| cell_paragraph(line, r.bold, right, indent))
                    .collect();
                x.push_str(&format!("<w:tc>{nowrap}{paragraphs}</w:tc>"));
            }
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    for f in &t.footnotes {
        x.push_str(&format!(
            "<w:p><w:pPr><w:spacing w:before=\"60\" w:after=\"0\"/></w:pPr>{}</w:p>",
            run(f, false, 16)
        ));
    }
    x
}

/// Text width between the 2 cm margins of A4, portrait and landscape, in
/// twips.
const PORTRAIT_TEXT_WIDTH: usize = 11906 - 2 * 1134;
const LANDSCAPE_TEXT_WIDTH: usize = 16838 - 2 * 1134;

/// Five or more columns of prose (a summary of factors), or more than
/// eight columns of numbers (a matrix), need a landscape page.
fn is_wide_text(t: &PubTable) -> bool {
    (t.headings.len() >= 5 && t.numeric.iter().skip(1).any(|n| !n)) || t.headings.len() > 9
}

/// Section properties: A4 with 2 cm margins, landscape or portrait.
fn section(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (16838, 11906, " w:orient=\"landscape\"")
    } else {
        (11906, 16838, "")
    };
    format!(
        "<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
         <w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
    )
}

/// The `word/document.xml` of the tables.
pub fn document_xml(title: &str, tables: &[PubTable]) -> String {
    let mut body = String::new();
    if !title.is_empty() {
        body.push_str(&format!(
            "<w:p><w:pPr><w:spacing w:after=\"240\"/></w:pPr>{}</w:p>",
            run(title, true, 28)
        ));
    }
    for (i, t) in tables.iter().enumerate() {
        if is_wide_text(t) {
            // A section of its own, turned to landscape: the text before it
            // ends a portrait section, the table ends a landscape one.
            // (The first table takes the title along to its page.)
            if i > 0 {
                body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", section(false)));
            }
            body.push_str(&table_xml(i + 1, t, LANDSCAPE_TEXT_WIDTH));
            // The last table's section is the document's last (no empty
            // portrait page after it).
            if i + 1 < tables.len() {
                body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", section(true)));
            }
        } else {
            body.push_str(&table_xml(i + 1, t, PORTRAIT_TEXT_WIDTH));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}{}</w:body></w:document>",
        section(tables.last().is_some_and(is_wide_text))
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\"/>\
<w:sz w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
</w:styles>";

/// The tables as a `.docx` file's bytes.
pub fn docx(title: &str, tables: &[PubTable]) -> Result<Vec<u8>, ReportError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let err = |e: &dyn std::fmt::Display| ReportError::Document(e.to_string());
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", RELS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/styles.xml", STYLES.to_owned()),
        ("word/document.xml", document_xml(title, tables)),
    ];
    for (name, body) in parts {
        zip.start_file(name, opts).map_err(|e| err(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_never_reach_the_xml() {
        assert_eq!(super::esc("a\u{c}b\u{0}<c>\u{FFFF}"), "ab&lt;c&gt;");
    }
}
