//! Text writers: CSV, Markdown and JSON for any sheet.

use super::sheets::{Cell, Sheet};
use crate::analysis::PrevalenceTable;
use serde_json::{Value, json};

pub fn csv(s: &Sheet) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&s.columns);
    for r in &s.rows {
        // A row of another width is a bug in the sheet's builder (the CSV
        // writer would refuse it and the file would lose rows).
        debug_assert_eq!(
            r.len(),
            s.columns.len(),
            "a row of sheet {} has the wrong width",
            s.name
        );
        let _ = w.write_record(r.iter().map(Cell::as_text));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(s: &Sheet) -> String {
    let mut out = format!(
        "## {}\n\n| {} |\n|",
        md_escape(&s.title),
        s.columns
            .iter()
            .map(|c| md_escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    if let Some(note) = &s.note {
        out = out.replacen("\n\n| ", &format!("\n\n_{}_\n\n| ", md_escape(note)), 1);
    }
    for c in &s.columns {
        let numeric = s
            .rows
            .first()
            .and_then(|r| r.get(s.columns.iter().position(|x| x == c)?))
            .is_some_and(|cell| matches!(cell, Cell::Int(_) | Cell::Decimal(_)));
        out.push_str(if numeric { "---:|" } else { "---|" });
    }
    out.push('\n');
    for r in &s.rows {
        out.push_str("| ");
        out.push_str(
            &r.iter()
                .map(|c| md_escape(&c.as_text()))
                .collect::<Vec<_>>()
                .join(" | "),
        );
        out.push_str(" |\n");
    }
    out
}

fn cell_json(c: &Cell) -> Value {
    match c {
        Cell::Text(s) => json!(s),
        Cell::Int(n) => json!(n),
        // Keep the exact published rounding as a string.
        Cell::Decimal(s) => json!(s),
        Cell::Bool(b) => json!(b),
    }
}

/// `{"table": name, "n_documents_in_scope": N, "rows": [{column: value}]}`
pub fn json(s: &Sheet, n_docs: usize) -> String {
    let rows: Vec<Value> = s
        .rows
        .iter()
        .map(|r| {
            Value::Object(
                s.columns
                    .iter()
                    .cloned()
                    .zip(r.iter().map(cell_json))
                    .collect(),
            )
        })
        .collect();
    let mut v = json!({"table": s.name, "n_documents_in_scope": n_docs, "columns": s.columns, "rows": rows});
    if let (Some(note), Some(obj)) = (&s.note, v.as_object_mut()) {
        obj.insert("note".into(), Value::String(note.clone()));
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// The prevalence table as readable Markdown (names indented by level).
pub fn prevalence_markdown(t: &PrevalenceTable) -> String {
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
        // Indentation stops growing past the depth paths are shown in full.
        let indent =
            "&nbsp;&nbsp;".repeat((r.level - 1).min(crate::model::codebook::PATH_FULL_DEPTH));
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
