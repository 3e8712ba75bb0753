//! Reports: every table as a `Sheet` (named columns and typed cells), and
//! the writers that turn sheets into CSV, Markdown, JSON, XLSX and one
//! self-contained HTML report. The window's export and the command line
//! use the same sheets, built from the same analysis functions.

pub mod appraisal;
pub mod chart;
pub mod escape;
pub mod findings;
pub mod html;
pub mod matrices;
pub mod memos;
pub mod publish;
pub mod publish_render;
pub mod sheets;
pub mod text;
pub mod word;
pub mod xlsx;

pub use sheets::Sheet;

use std::fmt;

/// Why a table, report or chart could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReportError {
    #[error("unknown format '{0}' (use csv, md, json, xlsx, html or docx)")]
    UnknownFormat(String),
    #[error("unknown table '{0}'")]
    UnknownTable(String),
    #[error("all tables together are written as html, xlsx or docx, not {0}")]
    AllTablesAs(Format),
    #[error("the memo audit file is written as md, html or docx, not {0}")]
    MemosAs(Format),
    #[error("the cross-tab needs an attribute to split by")]
    NoCrosstabAttribute,
    #[error("the chart could not be drawn ({0})")]
    Chart(String),
    #[error("the chart is too large to rasterise")]
    ChartTooLarge,
    #[error("the workbook could not be written ({0})")]
    Workbook(String),
    #[error("the Word document could not be written ({0})")]
    Document(String),
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Markdown,
    Json,
    Xlsx,
    Html,
    Docx,
}

impl std::str::FromStr for Format {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, ReportError> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "xlsx" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            "docx" | "word" => Ok(Format::Docx),
            other => Err(ReportError::UnknownFormat(other.to_owned())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl Format {
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// True for formats written as bytes rather than text.
    pub fn is_binary(&self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

/// How a table is laid out: as journals print it, or as machine columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Human headings, "n (%)" cells, grouped and indented rows, captions
    /// and footnotes ([`publish`]).
    Publication,
    /// One row per code × category with the column names the README
    /// documents (what scripts read).
    Data,
}

impl Style {
    /// CSV and JSON are always data; Markdown, HTML, Excel and Word are
    /// written for publication unless data is asked for.
    pub fn default_for(format: Format) -> Self {
        match format {
            Format::Csv | Format::Json => Style::Data,
            _ => Style::Publication,
        }
    }
}

/// Column name for a category count: `n_documents_barrier`.
pub fn category_column(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    format!("n_documents_{slug}")
}

/// The prevalence table as CSV, Markdown or JSON (what the CLI prints).
pub fn prevalence(t: &crate::analysis::PrevalenceTable, format: Format) -> String {
    let sheet = sheets::prevalence(t);
    match format {
        Format::Markdown => text::prevalence_markdown(t),
        Format::Json => text::json(&sheet, t.n_total),
        _ => text::csv(&sheet),
    }
}

/// One table (or `all`) of computed tables in a format, as bytes, in the
/// format's default style ([`Style::default_for`]).
pub fn render(
    p: &crate::model::Project,
    tables: &crate::analysis::Tables,
    table: &str,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    render_styled(p, tables, table, format, Style::default_for(format))
}

/// One table (or `all`) in a format and style. CSV and JSON are data
/// whatever the style; Word is always publication.
pub fn render_styled(
    p: &crate::model::Project,
    tables: &crate::analysis::Tables,
    table: &str,
    format: Format,
    style: Style,
) -> Result<Vec<u8>, ReportError> {
    if findings::TABLES.contains(&table) {
        return findings::render(p, &tables.scope, table, None, format);
    }
    let publication = style == Style::Publication || format == Format::Docx;
    if publication && matches!(format, Format::Markdown | Format::Html | Format::Xlsx) {
        return render_publication(p, tables, table, format);
    }
    if table == "all" {
        return match format {
            Format::Html => html::report(p, tables).map(String::into_bytes),
            Format::Xlsx => xlsx::workbook(&all_sheets(p, tables)),
            Format::Docx => {
                let all: Vec<publish::PubTable> = all_sheets(p, tables)
                    .iter()
                    .flat_map(|s| publication_tables(p, tables, &s.name, s))
                    .collect();
                word::docx(&p.name, &all)
            }
            other => Err(ReportError::AllTablesAs(other)),
        };
    }
    let sheet = one_sheet(p, tables, table)?;
    let n = tables.prevalence.n_total;
    Ok(match format {
        Format::Csv => text::csv(&sheet).into_bytes(),
        Format::Markdown if table == "prevalence" => {
            let mut md = text::prevalence_markdown(&tables.prevalence);
            if let Some(note) = &sheet.note {
                md = md.replacen("\n\n", &format!("\n\n_{note}_\n\n"), 1);
            }
            md.into_bytes()
        }
        Format::Markdown => text::markdown(&sheet).into_bytes(),
        Format::Json => text::json(&sheet, n).into_bytes(),
        Format::Xlsx => xlsx::workbook(&[sheet])?,
        Format::Html => html::table_page(p, &sheet).into_bytes(),
        Format::Docx => word::docx(&p.name, &publication_tables(p, tables, table, &sheet))?,
    })
}

/// Every sheet of the whole report: the tables (noted with their scope),
/// then the appraisal grids and agreement when studies are appraised.
pub fn all_sheets(p: &crate::model::Project, t: &crate::analysis::Tables) -> Vec<Sheet> {
    let mut v = sheets::all_noted(p, t);
    v.extend(appraisal::report_sheets(p));
    v.extend(appraisal::quality_by_theme(p, t));
    if !p.findings.findings.is_empty() {
        v.push(findings::evidence_profile(p, &t.scope, None).0);
        v.push(findings::soqf(p, &t.scope, None).0);
    }
    if !p.findings.synthesised.is_empty() {
        v.push(findings::conqual_table(p, &t.scope).0);
    }
    v
}

/// The publication form of a sheet of the report: the findings tables'
/// own shapes, else [`publish::tables`].
pub fn publication_tables(
    p: &crate::model::Project,
    t: &crate::analysis::Tables,
    name: &str,
    sheet: &Sheet,
) -> Vec<publish::PubTable> {
    match name {
        "evidence-profile" => vec![findings::evidence_profile(p, &t.scope, None).1],
        "soqf" => vec![findings::soqf(p, &t.scope, None).1],
        "conqual" => vec![findings::conqual_table(p, &t.scope).1],
        _ => publish::tables(p, t, name, sheet),
    }
}

/// Markdown, HTML or Excel in publication style.
fn render_publication(
    p: &crate::model::Project,
    tables: &crate::analysis::Tables,
    table: &str,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    if table == "all" && format == Format::Html {
        return html::report(p, tables).map(String::into_bytes);
    }
    if table == "all" && format == Format::Markdown {
        return Err(ReportError::AllTablesAs(format));
    }
    let sheets_: Vec<Sheet> = if table == "all" {
        all_sheets(p, tables)
    } else {
        vec![one_sheet(p, tables, table)?]
    };
    let pubs: Vec<publish::PubTable> = sheets_
        .iter()
        .flat_map(|s| publication_tables(p, tables, &s.name, s))
        .collect();
    Ok(match format {
        Format::Markdown => pubs
            .iter()
            .map(publish_render::to_markdown)
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        Format::Html => html::publication_page(p, &pubs).into_bytes(),
        _ => xlsx::publication_workbook(&pubs)?,
    })
}

/// The data sheet of one table by its `--table` name.
fn one_sheet(
    p: &crate::model::Project,
    tables: &crate::analysis::Tables,
    table: &str,
) -> Result<Sheet, ReportError> {
    let mut sheet = match table {
        "prevalence" => sheets::prevalence(&tables.prevalence),
        "references" => sheets::references(&tables.references),
        "characteristics" => sheets::characteristics(&tables.characteristics),
        "crosstab" => sheets::crosstab(
            tables
                .crosstab
                .as_ref()
                .ok_or(ReportError::NoCrosstabAttribute)?,
        ),
        "citations" => sheets::citations(&tables.citations),
        "summary" => sheets::summary(&tables.summaries),
        other => return Err(ReportError::UnknownTable(other.to_owned())),
    };
    if tables.consensus.is_some() {
        sheet.note = Some(tables.describe(p));
    }
    Ok(sheet)
}
