//! The matrices as tables: code co-occurrence, the framework matrix and
//! the presence matrix, each as a data sheet (the CSV columns the README
//! documents: long tables for scripts) and as a wide table for reading
//! (Markdown, HTML, Word; Excel gets the wide shape with numbers kept as
//! numbers).

use super::publish::{PubRow, PubTable};
use super::sheets::{Cell, Sheet};
use super::{Format, ReportError};
use crate::analysis::cooccurrence::{self, Matrix, Measure};
use crate::analysis::matrices::{self, MatrixOptions, StudyMatrix};
use crate::analysis::{Prepared, Scope};
use crate::model::Project;

/// The `--table` names of the matrices.
pub const TABLES: [&str; 3] = ["cooccurrence", "framework", "presence"];

fn row(cells: Vec<String>, bold: bool) -> PubRow {
    PubRow {
        cells,
        indent: 0,
        bold,
        group: false,
    }
}

/// "themes (level 1)", "every code".
fn level_words(level: Option<usize>) -> String {
    match level {
        Some(1) => "themes (level 1), sub-codes rolled up".to_owned(),
        Some(l) => format!("codes of level {l}, sub-codes rolled up"),
        None => "every code".to_owned(),
    }
}

fn scope_line(prep: &Prepared<'_>) -> String {
    format!("Scope: {}.", prep.describe())
}

/// Co-occurrence: the long data sheet (one row per pair of codes) and the
/// wide matrix of the chosen measure.
pub fn cooccurrence(p: &Project, scope: &Scope, o: &MatrixOptions) -> (Sheet, PubTable) {
    let prep = Prepared::new(p, scope);
    let m = cooccurrence::compute(&prep, o.cooccurrence());
    let mut sheet = Sheet::new(
        "cooccurrence",
        "Code co-occurrence",
        &[
            "code_a",
            "code_b",
            "level",
            "passages",
            "documents",
            "c_coefficient",
            "flag",
        ],
    );
    let path = |i: usize| prep.path(m.codes[i]);
    for i in 0..m.len() {
        for j in i + 1..m.len() {
            sheet.rows.push(vec![
                Cell::Text(path(i)),
                Cell::Text(path(j)),
                Cell::from(prep.codes[m.codes[i]].1),
                Cell::from(m.pairs(i, j)),
                Cell::from(m.both_documents(i, j)),
                Cell::Decimal(
                    m.c_coefficient(i, j)
                        .map_or_else(String::new, |c| format!("{c:.3}")),
                ),
                Cell::Text(if m.flagged(i, j) { "imbalanced" } else { "" }.to_owned()),
            ]);
        }
    }
    sheet.note = Some(describe_cooccurrence(&prep, o));
    (sheet, wide_cooccurrence(&prep, &m, o))
}

fn describe_cooccurrence(prep: &Prepared<'_>, o: &MatrixOptions) -> String {
    let category = o
        .category
        .and_then(|k| prep.project.categories.iter().find(|c| c.id == k))
        .map(|c| format!(", {} passages only", c.name))
        .unwrap_or_default();
    format!(
        "Passages {} count as co-occurring; {}{category}. {}",
        o.proximity.label(),
        level_words(o.level),
        scope_line(prep)
    )
}

fn wide_cooccurrence(prep: &Prepared<'_>, m: &Matrix, o: &MatrixOptions) -> PubTable {
    // Rows numbered and named, columns numbered as the rows: a matrix of
    // long names stays legible on a page.
    let names: Vec<String> = m
        .codes
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{}. {}", i + 1, prep.name(c)))
        .collect();
    let mut headings = vec!["Code".to_owned()];
    headings.extend((1..=m.len()).map(|k| k.to_string()));
    let mut rows = Vec::new();
    let mut any_flag = false;
    for (i, name) in names.iter().enumerate() {
        let mut cells = vec![name.clone()];
        for j in 0..m.len() {
            let mut t = m.text(o.measure, i, j);
            if o.measure == Measure::CCoefficient && i != j && m.flagged(i, j) {
                t.push('\u{2020}');
                any_flag = true;
            }
            cells.push(t);
        }
        rows.push(row(cells, false));
    }
    let mut footnotes = vec![match o.measure {
        Measure::Passages => "Each cell: pairs of coded passages of the two codes that co-occur.".to_owned(),
        Measure::Documents => "Each cell: studies holding both codes (the diagonal: studies holding the code).".to_owned(),
        Measure::CCoefficient => "Each cell: c-coefficient n12 / (n1 + n2 \u{2212} n12), with n1, n2 the codes' passages and n12 their co-occurrences (0 = never together, 1 = always).".to_owned(),
        Measure::Jaccard => "Each cell: Jaccard index of the studies holding each code, d12 / (d1 + d2 \u{2212} d12).".to_owned(),
    }];
    footnotes.push("Columns are numbered as the rows.".to_owned());
    if any_flag {
        footnotes.push(format!("\u{2020} {}", cooccurrence::FLAG_WHY));
    }
    footnotes.push(describe_cooccurrence(prep, o));
    PubTable {
        name: "cooccurrence".into(),
        caption: format!(
            "Code co-occurrence: {} (N = {} studies)",
            o.measure.label(),
            prep.n_docs()
        ),
        numeric: std::iter::once(false)
            .chain(std::iter::repeat_n(true, m.len()))
            .collect(),
        headings,
        rows,
        footnotes,
    }
}

/// A study's row label: "[3] Okafor 2021".
fn study_label(p: &Project, d: usize) -> String {
    let d = &p.documents[d];
    format!("[{}] {}", d.reference, d.short_ref_or_title())
}

/// A theme's column heading with its origin: "Leadership (a priori)".
fn theme_heading(prep: &Prepared<'_>, code: usize) -> String {
    let c = prep.code(code);
    match c.origin {
        Some(o) => format!("{} ({})", c.name, o.label()),
        None => c.name.clone(),
    }
}

/// The framework matrix: the long data sheet (study, theme, passages,
/// summary) and the wide chart, one row per study.
pub fn framework(p: &Project, scope: &Scope, o: &MatrixOptions) -> (Sheet, PubTable) {
    let prep = Prepared::new(p, scope);
    let f = matrices::framework(&prep, o.framework_level, o.order);
    let m = &f.matrix;
    let mut sheet = Sheet::new(
        "framework",
        "Framework matrix",
        &["study", "theme", "passages", "summary"],
    );
    let mut rows = Vec::new();
    for (r, &d) in m.studies.iter().enumerate() {
        let mut cells = vec![study_label(p, d)];
        for (c, &code) in m.codes.iter().enumerate() {
            let s = f.summary(r, c);
            // A draft says so in its own text, as in the wide table.
            let summary = s.map_or_else(String::new, |s| {
                if s.draft {
                    format!("Draft: {}", s.text)
                } else {
                    s.text.clone()
                }
            });
            sheet.rows.push(vec![
                Cell::Text(study_label(p, d)),
                Cell::Text(prep.path(code)),
                Cell::from(m.passages(r, c)),
                Cell::Text(summary),
            ]);
            let n = m.passages(r, c);
            let mut cell = match n {
                0 => "\u{2013}".to_owned(),
                n => format!(
                    "[{}]",
                    crate::words::count(n as usize, "passage", "passages")
                ),
            };
            if let Some(s) = s {
                let draft = if s.draft { "Draft: " } else { "" };
                cell = format!("{draft}{}\n{cell}", s.text);
            }
            cells.push(cell);
        }
        rows.push(row(cells, false));
    }
    let (written, drafts) = f.summarised();
    let cells = m.studies.len() * m.codes.len();
    let mut footnotes = vec![format!(
        "Each cell: the reviewers' summary of what the study reports on the theme, then its coded passages in brackets; \u{2013}, no passage. {written} of {cells} cells summarised{}.",
        if drafts > 0 {
            format!(
                " ({drafts} drafted by Thema from the passages and not yet edited, marked \u{201c}Draft\u{201d})"
            )
        } else {
            String::new()
        }
    )];
    if m.codes.iter().any(|&c| prep.code(c).origin.is_some()) {
        footnotes.push("A priori: a theme of the framework the review started from; emergent: added while coding (best-fit framework synthesis).".to_owned());
    }
    footnotes.push(scope_line(&prep));
    sheet.note = Some(format!(
        "Themes: {}; a summary Thema drafted from the passages and nobody edited yet starts \"Draft: \". {}",
        level_words(Some(o.framework_level)),
        scope_line(&prep)
    ));
    let mut headings = vec!["Study".to_owned()];
    headings.extend(m.codes.iter().map(|&c| theme_heading(&prep, c)));
    let table = PubTable {
        name: "framework".into(),
        caption: format!(
            "Framework matrix: studies \u{00d7} {} (N = {} studies)",
            if o.framework_level == 1 {
                "themes".to_owned()
            } else {
                format!("codes of level {}", o.framework_level)
            },
            m.studies.len()
        ),
        numeric: vec![false; headings.len()],
        headings,
        rows,
        footnotes,
    };
    (sheet, table)
}

/// The presence matrix as a data sheet: reference, study, the attributes,
/// then one column per code (1/0, or passage counts).
pub fn presence_sheet(
    p: &Project,
    prep: &Prepared<'_>,
    m: &StudyMatrix,
    o: &MatrixOptions,
) -> Sheet {
    let mut sheet = Sheet::new("presence", "Codes × studies", &["reference", "study"]);
    sheet
        .columns
        .extend(p.attributes.iter().map(|a| a.name.clone()));
    sheet.columns.extend(m.codes.iter().map(|&c| prep.path(c)));
    for (r, &d) in m.studies.iter().enumerate() {
        let doc = &p.documents[d];
        let mut cells = vec![
            Cell::from(doc.reference),
            Cell::Text(doc.short_ref_or_title()),
        ];
        cells.extend(
            p.attributes
                .iter()
                .map(|a| Cell::Text(doc.attribute(a.id).to_owned())),
        );
        cells.extend((0..m.codes.len()).map(|c| {
            let n = m.passages(r, c);
            Cell::from(if o.counts { n } else { u32::from(n > 0) })
        }));
        sheet.rows.push(cells);
    }
    sheet.note = Some(format!(
        "{} per study; {}. {}",
        if o.counts {
            "Coded passages"
        } else {
            "1 = the study holds the code (or a code below it), 0 = it does not"
        },
        level_words(o.level).replace("every code", "every code with its sub-codes rolled up"),
        scope_line(prep)
    ));
    sheet
}

/// Codes × studies: the data sheet and its plain publication form.
pub fn presence(p: &Project, scope: &Scope, o: &MatrixOptions) -> (Sheet, PubTable) {
    let prep = Prepared::new(p, scope);
    let m = matrices::presence(&prep, o.level, o.order);
    let sheet = presence_sheet(p, &prep, &m, o);
    // In print: studies by row, codes as numbered columns with a key (the
    // attributes are in the data exports).
    let mut headings = vec!["Study".to_owned()];
    headings.extend((1..=m.codes.len()).map(|k| k.to_string()));
    let rows = m
        .studies
        .iter()
        .enumerate()
        .map(|(r, &d)| {
            let mut cells = vec![study_label(p, d)];
            cells.extend((0..m.codes.len()).map(|c| {
                let n = m.passages(r, c);
                if o.counts { n } else { u32::from(n > 0) }.to_string()
            }));
            row(cells, false)
        })
        .collect();
    let key: Vec<String> = m
        .codes
        .iter()
        .enumerate()
        .map(|(k, &c)| format!("{} {}", k + 1, prep.path(c)))
        .collect();
    let table = PubTable {
        name: "presence".into(),
        caption: format!("Codes \u{00d7} studies (N = {} studies)", m.studies.len()),
        numeric: std::iter::once(false)
            .chain(std::iter::repeat_n(true, m.codes.len()))
            .collect(),
        headings,
        rows,
        footnotes: vec![
            format!("Codes: {}.", key.join("; ")),
            sheet.note.clone().unwrap_or_default(),
            "Study attributes are in the CSV and Excel exports.".to_owned(),
        ],
    };
    (sheet, table)
}

/// One matrix in a format. CSV and JSON are the long data sheets (the
/// presence sheet is wide by nature); Markdown, HTML, Word and Excel the
/// wide table for reading (Excel: the presence data sheet as it is).
pub fn render(
    p: &Project,
    scope: &Scope,
    table: &str,
    o: &MatrixOptions,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    let (sheet, wide) = match table {
        "cooccurrence" => cooccurrence(p, scope, o),
        "framework" => framework(p, scope, o),
        "presence" => presence(p, scope, o),
        other => return Err(ReportError::UnknownTable(other.to_owned())),
    };
    let n = Prepared::new(p, scope).n_docs();
    Ok(match format {
        Format::Csv => super::text::csv(&sheet).into_bytes(),
        Format::Json => super::text::json(&sheet, n).into_bytes(),
        Format::Markdown => super::publish_render::to_markdown(&wide).into_bytes(),
        Format::Html => super::html::publication_page(p, &[wide]).into_bytes(),
        Format::Xlsx if table == "presence" => super::xlsx::workbook(&[sheet])?,
        Format::Xlsx => super::xlsx::publication_workbook(&[wide])?,
        Format::Docx => super::word::docx(&p.name, &[wide])?,
    })
}
