//! XLSX workbooks (rust_xlsxwriter): one worksheet per table, numbers as
//! numbers, a bold frozen header row and sensible column widths.

use super::sheets::{Cell, Sheet};
use rust_xlsxwriter::{Format, Workbook};

/// Worksheet names must be unique, at most 31 chars and free of []:*?/\.
fn sheet_name(name: &str, used: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    let mut candidate = clean.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{clean} {n}");
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// The workbook as bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, super::ReportError> {
    let failed = |e: rust_xlsxwriter::XlsxError| super::ReportError::Workbook(e.to_string());
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let mut used = Vec::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&s.name, &mut used))
            .map_err(failed)?;
        for (c, name) in s.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, name, &bold)
                .map_err(failed)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let res = match cell {
                    Cell::Text(t) => ws.write_string(r, c, t),
                    Cell::Int(n) => ws.write_number(r, c, *n as f64),
                    Cell::Decimal(d) => match d.parse::<f64>() {
                        Ok(v) => ws.write_number(r, c, v),
                        Err(_) => ws.write_string(r, c, d),
                    },
                    Cell::Bool(b) => ws.write_boolean(r, c, *b),
                };
                res.map_err(failed)?;
            }
        }
        if let Some(note) = &s.note {
            ws.write_string(s.rows.len() as u32 + 2, 0, note)
                .map_err(failed)?;
        }
        ws.set_freeze_panes(1, 0).map_err(failed)?;
        for (c, name) in s.columns.iter().enumerate() {
            let longest = s
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|x| x.as_text().chars().count())
                .max()
                .unwrap_or(0);
            let width = longest.max(name.len()).clamp(6, 60) as f64 + 1.0;
            ws.set_column_width(c as u16, width).map_err(failed)?;
        }
    }
    wb.save_to_buffer().map_err(failed)
}

/// Publication tables as a workbook: one worksheet each, the caption on
/// the first row, the headings (bold, ruled, frozen) below it, groups and
/// bold rows as printed, factors indented, numbers as numbers with the
/// decimals the table shows, the footnotes under the table.
pub fn publication_workbook(
    tables: &[super::publish::PubTable],
) -> Result<Vec<u8>, super::ReportError> {
    use rust_xlsxwriter::{FormatAlign, FormatBorder};
    let failed = |e: rust_xlsxwriter::XlsxError| super::ReportError::Workbook(e.to_string());
    let mut wb = Workbook::new();
    let mut used = Vec::new();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t.name, &mut used))
            .map_err(failed)?;
        ws.write_string_with_format(0, 0, &t.caption, &Format::new().set_bold())
            .map_err(failed)?;
        let text_table = t.numeric.iter().skip(1).any(|n| !n);
        for (c, h) in t.headings.iter().enumerate() {
            let mut f = Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap();
            if t.numeric.get(c) == Some(&true) {
                f = f.set_align(FormatAlign::Right);
            }
            ws.write_string_with_format(1, c as u16, h, &f)
                .map_err(failed)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = i as u32 + 2;
            for (c, cell) in r.cells.iter().enumerate() {
                let mut f = Format::new();
                if r.bold || r.group {
                    f = f.set_bold();
                }
                if c == 0 && r.indent > 0 {
                    f = f.set_indent(r.indent);
                }
                if text_table {
                    f = f.set_text_wrap().set_align(FormatAlign::Top);
                }
                let numeric = t.numeric.get(c) == Some(&true);
                let value = cell
                    .parse::<f64>()
                    .ok()
                    .filter(|_| numeric && !cell.is_empty());
                match value {
                    Some(v) => {
                        let decimals = cell.split_once('.').map_or(0, |(_, d)| d.len());
                        let pattern = if decimals == 0 {
                            "0".to_owned()
                        } else {
                            format!("0.{}", "0".repeat(decimals))
                        };
                        ws.write_number_with_format(row, c as u16, v, &f.set_num_format(&pattern))
                            .map_err(failed)?;
                    }
                    None => {
                        if numeric {
                            f = f.set_align(FormatAlign::Right);
                        }
                        ws.write_string_with_format(row, c as u16, cell, &f)
                            .map_err(failed)?;
                    }
                }
            }
        }
        for (row, note) in (t.rows.len() as u32 + 3..).zip(&t.footnotes) {
            ws.write_string_with_format(row, 0, note, &Format::new().set_italic())
                .map_err(failed)?;
        }
        ws.set_freeze_panes(2, 0).map_err(failed)?;
        for c in 0..t.headings.len() {
            let longest = t
                .rows
                .iter()
                .filter(|r| !r.group)
                .filter_map(|r| {
                    r.cells.get(c).map(|x| {
                        x.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                            + 2 * usize::from(r.indent)
                    })
                })
                .chain(std::iter::once(t.headings[c].chars().count()))
                .max()
                .unwrap_or(0);
            let cap = if text_table { 45 } else { 60 };
            ws.set_column_width(c as u16, longest.clamp(6, cap) as f64 + 1.0)
                .map_err(failed)?;
        }
    }
    wb.save_to_buffer().map_err(failed)
}
