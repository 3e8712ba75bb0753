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
/// Column widths (in Excel's character units) that fit each column's longest
/// line, its bold heading included, capped so prose columns wrap.
fn column_widths(t: &super::publish::PubTable, text_table: bool) -> Vec<f64> {
    let mut widths = (0..t.headings.len())
        .map(|c| {
            let longest = t
                .rows
                .iter()
                .filter(|r| !r.group)
                .filter_map(|r| {
                    r.cells.get(c).map(|x| {
                        let chars = x.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                            + 2 * usize::from(r.indent);
                        // Bold text is about a tenth wider.
                        if r.bold {
                            chars + chars / 10 + 1
                        } else {
                            chars
                        }
                    })
                })
                .chain(t.headings[c].split_whitespace().map(|w| {
                    let n = w.chars().count();
                    n + n / 8 + 1
                }))
                .max()
                .unwrap_or(0);
            let cap = if text_table { 45 } else { 60 };
            longest.clamp(6, cap) as f64 + 1.5
        })
        .collect::<Vec<f64>>();
    if text_table {
        fit_to_page(&mut widths);
    }
    widths
}

/// Prose tables wider than a landscape page share its width: wide columns
/// are narrowed in proportion (never below 12), so the printed text stays
/// readable instead of being shrunk to fit.
fn fit_to_page(widths: &mut [f64]) {
    const PAGE: f64 = 150.0;
    let total: f64 = widths.iter().sum();
    if total > PAGE {
        let scale = PAGE / total;
        for w in widths {
            *w = (*w * scale).max(12.0_f64.min(*w));
        }
    }
}

/// How many lines a cell wraps to in a column `width` characters wide:
/// each line broken at spaces, as a spreadsheet does.
fn wrapped_lines(text: &str, width: f64) -> usize {
    // A column holds about 1.1 characters of body text per width unit.
    let cap = ((width - 1.0) * 1.1).max(1.0) as usize;
    text.lines()
        .map(|l| {
            let (mut lines, mut used) = (1, 0);
            for word in l.split(' ') {
                let n = word.chars().count();
                if used > 0 && used + 1 + n > cap {
                    lines += 1;
                    used = 0;
                }
                // A word longer than the column breaks across lines.
                lines += n.saturating_sub(1) / cap;
                used = if used > 0 {
                    used + 1 + n
                } else if n > 0 && n % cap == 0 {
                    cap
                } else {
                    n % cap
                };
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

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
        let text_table = t.numeric.iter().skip(1).any(|n| !n);
        let widths = column_widths(t, text_table);
        let total: f64 = widths.iter().sum();
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(failed)?;
        }
        // The caption and each footnote span the table's width and wrap, so
        // that nothing runs off the printed page.
        let last_col = t.headings.len().saturating_sub(1) as u16;
        let spanning = |ws: &mut rust_xlsxwriter::Worksheet,
                        row: u32,
                        text: &str,
                        f: &Format|
         -> Result<(), super::ReportError> {
            let f = f.clone().set_text_wrap().set_align(FormatAlign::Top);
            if last_col == 0 {
                ws.write_string_with_format(row, 0, text, &f)
                    .map_err(failed)?;
            } else {
                ws.merge_range(row, 0, row, last_col, text, &f)
                    .map_err(failed)?;
            }
            // Roughly one line per table width of characters.
            let lines = (text.chars().count() as f64 / total.max(1.0))
                .ceil()
                .max(1.0);
            ws.set_row_height(row, 15.0 * lines).map_err(failed)?;
            Ok(())
        };
        spanning(ws, 0, &t.caption, &Format::new().set_bold())?;
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
            if r.group && last_col > 0 {
                // A group heading spans the row.
                let f = Format::new().set_bold().set_align(FormatAlign::Top);
                ws.merge_range(row, 0, row, last_col, &r.cells[0], &f)
                    .map_err(failed)?;
                continue;
            }
            if text_table {
                // Wrapped prose: the row is as tall as its longest cell
                // (spreadsheets do not grow rows they did not write).
                let lines = r
                    .cells
                    .iter()
                    .zip(&widths)
                    .map(|(cell, w)| wrapped_lines(cell, *w))
                    .max()
                    .unwrap_or(1);
                if lines > 1 {
                    ws.set_row_height(row, 12.75 * lines as f64 + 3.0)
                        .map_err(failed)?;
                }
            }
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
            spanning(ws, row, note, &Format::new().set_italic())?;
        }
        ws.set_freeze_panes(2, 0).map_err(failed)?;
        // Printed on A4, one page wide, the header row on every page;
        // landscape when the table is wider than a portrait page.
        ws.set_paper_size(9);
        if total > 95.0 {
            ws.set_landscape();
        }
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(1, 1).map_err(failed)?;
    }
    wb.save_to_buffer().map_err(failed)
}
