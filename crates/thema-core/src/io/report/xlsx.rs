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
