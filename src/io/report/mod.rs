//! Reports: every table as a `Sheet` (named columns and typed cells), and
//! the writers that turn sheets into CSV, Markdown, JSON, XLSX and one
//! self-contained HTML report. The window's export and the command line
//! use the same sheets, built from the same analysis functions.

pub mod chart;
pub mod html;
pub mod sheets;
pub mod text;
pub mod xlsx;

pub use sheets::Sheet;

use std::fmt;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Markdown,
    Json,
    Xlsx,
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "xlsx" => Ok(Format::Xlsx),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format '{other}' (use csv, md, json, xlsx or html)"
            )),
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
        }
    }

    /// True for formats written as bytes rather than text.
    pub fn is_binary(&self) -> bool {
        matches!(self, Format::Xlsx)
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
