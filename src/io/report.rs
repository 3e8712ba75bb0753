//! Table reports as CSV, Markdown and JSON. The command line and the
//! window's export both format tables computed by `analysis`.

use crate::analysis::PrevalenceTable;
use serde_json::json;
use std::fmt;

/// Output formats for a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Markdown,
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format '{other}' (use csv, md or json)")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Json => "json",
        })
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

/// The prevalence table in the requested format.
pub fn prevalence(t: &PrevalenceTable, format: Format) -> String {
    match format {
        Format::Csv => prevalence_csv(t),
        Format::Markdown => prevalence_md(t),
        Format::Json => prevalence_json(t),
    }
}

fn prevalence_csv(t: &PrevalenceTable) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "code".to_owned(),
        "level".into(),
        "n_documents".into(),
        "percent_documents".into(),
    ];
    header.extend(t.categories.iter().map(|(_, n)| category_column(n)));
    let _ = w.write_record(&header);
    for r in &t.rows {
        let mut rec = vec![
            r.path.clone(),
            r.level.to_string(),
            r.n_documents.to_string(),
            r.percent.clone(),
        ];
        rec.extend(r.by_category.iter().map(usize::to_string));
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

fn prevalence_md(t: &PrevalenceTable) -> String {
    let mut s = format!(
        "## Prevalence (N = {} documents)\n\n| Code | Level | n | % |",
        t.n_total
    );
    for (_, name) in &t.categories {
        s.push_str(&format!(" {} |", md_escape(name)));
    }
    s.push_str("\n|---|---:|---:|---:|");
    s.push_str(&"---:|".repeat(t.categories.len()));
    s.push('\n');
    for r in &t.rows {
        let indent = "&nbsp;&nbsp;".repeat(r.level - 1);
        s.push_str(&format!(
            "| {indent}{} | {} | {} | {} |",
            md_escape(&r.name),
            r.level,
            r.n_documents,
            r.percent
        ));
        for n in &r.by_category {
            s.push_str(&format!(" {n} |"));
        }
        s.push('\n');
    }
    s.push_str("\n### Category prevalence\n\n| Category | n | % |\n|---|---:|---:|\n");
    for c in &t.category_rows {
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            md_escape(&c.name),
            c.n_documents,
            c.percent
        ));
    }
    s
}

fn prevalence_json(t: &PrevalenceTable) -> String {
    let rows: Vec<_> = t
        .rows
        .iter()
        .map(|r| {
            let by_cat: serde_json::Map<String, serde_json::Value> = t
                .categories
                .iter()
                .zip(&r.by_category)
                .map(|((_, name), n)| (name.clone(), json!(n)))
                .collect();
            json!({
                "code": r.path,
                "level": r.level,
                "n_documents": r.n_documents,
                "percent_documents": r.percent,
                "by_category": by_cat,
            })
        })
        .collect();
    let cats: Vec<_> = t
        .category_rows
        .iter()
        .map(|c| json!({"category": c.name, "n_documents": c.n_documents, "percent_documents": c.percent}))
        .collect();
    let v = json!({"table": "prevalence", "n_documents_in_scope": t.n_total, "rows": rows, "categories": cats});
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
