//! Publication tables: the shapes journals print, built once from the
//! computed tables and rendered to every format from that one description
//! (so an HTML table and a Markdown one cannot disagree).
//!
//! A [`PubTable`] has human headings, "n (%)" cells, rows grouped under
//! headings and indented by level, bold rows (themes, key factors), a
//! caption that states N and the scope, and footnotes that say how each
//! number is computed. The data sheets ([`super::sheets`]) keep their
//! machine columns for CSV and JSON.

use crate::analysis::Tables;
use crate::model::Project;

/// One row of a publication table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PubRow {
    /// One text per column.
    pub cells: Vec<String>,
    /// 0 = flush left; each level indents the first cell once.
    pub indent: u8,
    pub bold: bool,
    /// A group heading ("Publication year"): its text spans the row.
    pub group: bool,
}

/// A table as a journal prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PubTable {
    /// Short name, as in `--table` ("prevalence").
    pub name: String,
    /// "Characteristics of the included studies (N = 33)".
    pub caption: String,
    pub headings: Vec<String>,
    /// Per column: numbers (right-aligned) or text.
    pub numeric: Vec<bool>,
    pub rows: Vec<PubRow>,
    /// How the numbers are computed, the scope, abbreviations.
    pub footnotes: Vec<String>,
}

fn data(cells: Vec<String>, indent: u8, bold: bool) -> PubRow {
    PubRow {
        cells,
        indent,
        bold,
        group: false,
    }
}

fn group(title: &str, width: usize) -> PubRow {
    let mut cells = vec![title.to_owned()];
    cells.resize(width, String::new());
    PubRow {
        cells,
        indent: 0,
        bold: true,
        group: true,
    }
}

/// A code's row: indented by its level, a theme (level 1) in bold, padded
/// to the table's width.
fn code_row(mut cells: Vec<String>, level: usize, width: usize) -> PubRow {
    cells.resize(width, String::new());
    data(
        cells,
        u8::try_from(level.saturating_sub(1)).unwrap_or(u8::MAX),
        level == 1,
    )
}

/// A table whose first column names the row and the others are numbers.
fn label_then_numbers(width: usize) -> Vec<bool> {
    std::iter::once(false)
        .chain(std::iter::repeat_n(true, width.saturating_sub(1)))
        .collect()
}

/// "27 (81.8)".
pub fn n_percent(n: usize, percent: &str) -> String {
    format!("{n} ({percent})")
}

/// The scope sentence of a caption: "all 33 studies" or the consensus or
/// reviewer the tables count.
fn scope_note(p: &Project, t: &Tables) -> String {
    t.describe(p)
}

/// Characteristics of the included studies: one group per attribute with
/// its values, then the data categories; columns "No (n=N)" and
/// "Percentage (%)".
pub fn characteristics(p: &Project, t: &Tables) -> PubTable {
    let n = t.characteristics.n_total;
    let mut rows = Vec::new();
    for block in &t.characteristics.attributes {
        rows.push(group(&block.name, 3));
        for r in &block.rows {
            rows.push(data(
                vec![r.value.clone(), r.n.to_string(), r.percent.clone()],
                1,
                false,
            ));
        }
    }
    if !t.prevalence.category_rows.is_empty() {
        rows.push(group("Data categories", 3));
        for c in &t.prevalence.category_rows {
            rows.push(data(
                vec![c.name.clone(), c.n_documents.to_string(), c.percent.clone()],
                1,
                false,
            ));
        }
    }
    PubTable {
        name: "characteristics".into(),
        caption: format!("Characteristics of the included studies (N = {n})"),
        headings: vec![
            "Characteristic".into(),
            format!("No (n={n})"),
            "Percentage (%)".into(),
        ],
        numeric: vec![false, true, true],
        rows,
        footnotes: vec![
            format!(
                "Percentages are of the {n} studies, rounded half up to one decimal; a study is counted in a data category when at least one of its passages is coded in it, so a study can count in several."
            ),
            scope_note(p, t),
        ],
    }
}

/// Theme prevalence: each theme (bold) and its factors (indented) with the
/// studies citing it as "n (%)", and one "n (%)" column per data category.
pub fn prevalence(p: &Project, t: &Tables) -> PubTable {
    let pt = &t.prevalence;
    let n = pt.n_total;
    let mut headings = vec!["Theme and factor".to_owned(), "Studies".to_owned()];
    headings.extend(pt.categories.iter().map(|(_, name)| name.clone()));
    let width = headings.len();
    let rows = pt
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.name.clone(), n_percent(r.n_documents, &r.percent)];
            cells.extend(
                r.by_category
                    .iter()
                    .map(|&k| n_percent(k, &crate::analysis::rounding::percent(k, n, 1))),
            );
            code_row(cells, r.level, width)
        })
        .collect();
    PubTable {
        name: "prevalence".into(),
        caption: format!("Themes and factors cited by the included studies, n (%) (N = {n})"),
        headings,
        numeric: label_then_numbers(width),
        rows,
        footnotes: vec![
            format!(
                "n: studies with at least one passage coded with the theme or factor (a theme counts the passages of its factors too), in all and per data category; %: n of the {n} studies, rounded half up to one decimal. Themes in bold, their factors indented."
            ),
            scope_note(p, t),
        ],
    }
}

/// Relative frequency of each category by theme and factor, per document
/// group (the rapid review's Table 1): key factors (upper quartile of
/// their level) in bold, the quartile ranges in a footnote. One table when
/// the columns fit a page (eight or fewer), else one table per group.
pub fn relative_frequency(p: &Project, t: &Tables) -> Vec<PubTable> {
    use crate::analysis::rounding::{percent_value, upper_quartile};
    let r = &t.references;
    let combined = r.combined();
    let cats = &r.categories;
    // Without groups, the combined figures alone.
    let groups: Vec<usize> = if r.groups.len() == 1 {
        vec![combined]
    } else {
        (0..r.groups.len()).collect()
    };
    let per_table: Vec<Vec<usize>> = if groups.len() * cats.len() <= 8 {
        vec![groups.clone()]
    } else {
        groups.iter().map(|&g| vec![g]).collect()
    };
    // The upper quartile of each level (combined, all categories) to the
    // largest value: the range a key factor falls in.
    let total = r.totals[combined].all;
    let mut by_level: std::collections::BTreeMap<usize, Vec<f64>> =
        std::collections::BTreeMap::new();
    for row in &r.rows {
        by_level
            .entry(row.level)
            .or_default()
            .push(percent_value(row.groups[combined].all, total));
    }
    let two = |x: f64| format!("{:.2}", (x * 100.0).round() / 100.0);
    let ranges: Vec<String> = by_level
        .iter()
        .filter_map(|(level, v)| {
            let q3 = upper_quartile(v)?;
            let max = v.iter().copied().fold(f64::MIN, f64::max);
            let what = if *level == 1 {
                "themes".to_owned()
            } else {
                format!("level-{level} factors")
            };
            Some(format!("{what} {}–{}%", two(q3), two(max)))
        })
        .collect();
    per_table
        .iter()
        .map(|gs| {
            let several = gs.len() > 1;
            let mut headings = vec!["Theme and factor".to_owned()];
            for &g in gs {
                for c in cats {
                    headings.push(if several { format!("{}: {c}", r.groups[g]) } else { c.clone() });
                }
            }
            let rows = r
                .rows
                .iter()
                .map(|row| {
                    let mut cells = vec![row.name.clone()];
                    for &g in gs {
                        for k in 0..cats.len() {
                            cells.push(r.relative(row.groups[g].by_category[k], g));
                        }
                    }
                    data(cells, u8::try_from(row.level.saturating_sub(1)).unwrap_or(u8::MAX), row.key)
                })
                .collect();
            let scope_of = |g: usize| format!("{} coded passages of {}", r.totals[g].all, if g == combined { "all groups".to_owned() } else { r.groups[g].clone() });
            let caption = if several {
                "Relative frequency (%) of each data category by theme and factor, per group".to_owned()
            } else if gs[0] == combined {
                format!("Relative frequency (%) of each data category by theme and factor (N = {} coded passages)", r.totals[combined].all)
            } else {
                format!("Relative frequency (%) of each data category by theme and factor: {} (N = {} coded passages)", r.groups[gs[0]], r.totals[gs[0]].all)
            };
            let width = headings.len();
            PubTable {
                name: "references".into(),
                caption,
                headings,
                numeric: label_then_numbers(width),
                rows,
                footnotes: vec![
                    format!(
                        "Relative frequency: passages coded with the theme or factor (its factors' passages included) in the category, as a share of all coded passages of the group ({}), two decimals.",
                        gs.iter().map(|&g| scope_of(g)).collect::<Vec<_>>().join("; ")
                    ),
                    format!(
                        "Bold: key factors, whose relative frequency over all categories and groups is in the upper quartile of their level ({}).",
                        ranges.join("; ")
                    ),
                    scope_note(p, t),
                ],
            }
        })
        .collect()
}

/// The factor summary as journals print it: one row per factor with what
/// it is (the code's description) and, per data category, the points made
/// (the reviewers' coding memos, each with the studies making it) and the
/// studies citing it, e.g. "9 studies (2,3,6,7,11,13–17)". Factors with no
/// passage and no description are left out (and counted in a footnote).
pub fn factor_summary(p: &Project, t: &Tables) -> PubTable {
    let citer = crate::analysis::citations::Citer::of(p);
    let compress = |refs: &[u32]| citer.cite(refs);
    let categories: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for f in &t.summaries {
            for g in &f.groups {
                if !seen.contains(&g.category) {
                    seen.push(g.category.clone());
                }
            }
        }
        // In the project's category order, "No category" last.
        let mut ordered: Vec<String> = p
            .categories
            .iter()
            .map(|c| c.name.clone())
            .filter(|n| seen.contains(n))
            .collect();
        ordered.extend(
            seen.into_iter()
                .filter(|n| !p.categories.iter().any(|c| &c.name == n)),
        );
        ordered
    };
    let mut headings = vec!["Factor".to_owned(), "What it is".to_owned()];
    headings.extend(categories.iter().cloned());
    let width = headings.len();
    let mut left_out = 0;
    let mut rows = Vec::new();
    for f in &t.summaries {
        if f.groups.is_empty() && f.description.trim().is_empty() {
            left_out += 1;
            continue;
        }
        let mut cells = vec![f.name.clone(), f.description.trim().to_owned()];
        for c in &categories {
            let Some(g) = f.groups.iter().find(|g| &g.category == c) else {
                cells.push(String::new());
                continue;
            };
            let mut lines = Vec::new();
            // Points: distinct memos, each with the studies that make it.
            let mut points: Vec<(String, Vec<u32>)> = Vec::new();
            for q in g.quotes.iter().filter(|q| !q.memo.is_empty()) {
                match points.iter_mut().find(|(m, _)| *m == q.memo) {
                    Some((_, refs)) => refs.push(q.reference),
                    None => points.push((q.memo.clone(), vec![q.reference])),
                }
            }
            for (memo, mut refs) in points {
                refs.sort_unstable();
                refs.dedup();
                lines.push(format!("• {memo} {}", compress(&refs)));
            }
            let mut all: Vec<u32> = g.quotes.iter().map(|q| q.reference).collect();
            all.sort_unstable();
            all.dedup();
            let studies = if all.len() == 1 { "study" } else { "studies" };
            lines.push(format!("{} {studies} {}", all.len(), compress(&all)));
            cells.push(lines.join("\n"));
        }
        cells.resize(width, String::new());
        // Themes stand out by their place (not indented), not by bold text
        // across a whole row of prose.
        rows.push(data(
            cells,
            u8::try_from(f.level.saturating_sub(1)).unwrap_or(u8::MAX),
            false,
        ));
    }
    let mut footnotes = vec![
        "Points are the reviewers' notes on coded passages, each followed by the reference numbers of the studies it comes from; the last line of each cell counts the studies with a passage of the factor (or its sub-factors) in that category. The passages are quoted in the appendix.".to_owned(),
    ];
    if left_out > 0 {
        footnotes.push(format!(
            "{} with no coded passage and no description {} not shown.",
            crate::words::count(left_out, "factor", "factors"),
            if left_out == 1 { "is" } else { "are" }
        ));
    }
    footnotes.push(scope_note(p, t));
    PubTable {
        name: "summary".into(),
        caption: format!("Summary of factors (N = {} studies)", t.prevalence.n_total),
        headings,
        numeric: vec![false; width],
        rows,
        footnotes,
    }
}

/// The quotes appendix of the factor summary: every passage quoted once
/// per factor, with its category and source ("Smith 2019, p. 4").
pub fn quotes_appendix(p: &Project, t: &Tables) -> PubTable {
    let mut rows = Vec::new();
    for f in t.summaries.iter().filter(|f| !f.groups.is_empty()) {
        rows.push(group(&f.path, 3));
        for g in &f.groups {
            for q in &g.quotes {
                let via = q
                    .via
                    .as_ref()
                    .map(|v| format!(" (via {v})"))
                    .unwrap_or_default();
                rows.push(data(
                    vec![
                        g.category.clone(),
                        format!("\u{201c}{}\u{201d}{via}", q.text),
                        q.citation(),
                    ],
                    1,
                    false,
                ));
            }
        }
    }
    PubTable {
        name: "quotes".into(),
        caption: "Appendix: quotations behind the summary of factors".into(),
        headings: vec!["Category".into(), "Quotation".into(), "Source".into()],
        numeric: vec![false; 3],
        rows,
        footnotes: vec![
            "Each coded passage is quoted once under each factor it was coded with (passages of sub-factors under their factor too), with its source and page.".into(),
            scope_note(p, t),
        ],
    }
}

/// Themes and factors by an attribute's values (the cross-tab): per value
/// "n (%)" of the studies with that value, its n in the heading.
pub fn crosstab(p: &Project, t: &Tables, c: &crate::analysis::crosstab::CrosstabTable) -> PubTable {
    let mut headings = vec!["Theme and factor".to_owned()];
    headings.extend(
        c.values
            .iter()
            .zip(&c.column_n)
            .map(|(v, n)| format!("{v} (n={n})")),
    );
    let width = headings.len();
    let rows = c
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![r.name.clone()];
            cells.extend(
                r.n.iter()
                    .zip(&r.column_percent)
                    .map(|(n, pc)| n_percent(*n, pc)),
            );
            code_row(cells, r.level, width)
        })
        .collect();
    PubTable {
        name: "crosstab".into(),
        caption: format!("Themes and factors by {}, n (%)", c.attribute),
        headings,
        numeric: label_then_numbers(width),
        rows,
        footnotes: vec![
            format!(
                "n: studies with the value of {} that cite the theme or factor; %: n of the studies with that value (the n in each heading), rounded half up to one decimal. Themes in bold.",
                c.attribute
            ),
            scope_note(p, t),
        ],
    }
}

/// The studies citing each theme and factor: "n (%)" and the compressed
/// list of their reference numbers, "(2,3,6,7,11,13–17)".
pub fn citations(p: &Project, t: &Tables) -> PubTable {
    let n = t.prevalence.n_total;
    let width = 3;
    let rows = t
        .citations
        .iter()
        .map(|r| {
            let k = r.references.len();
            let list = if k == 0 {
                "—".to_owned()
            } else {
                r.citations.clone()
            };
            code_row(
                vec![
                    r.name.clone(),
                    n_percent(k, &crate::analysis::rounding::percent(k, n, 1)),
                    list,
                ],
                r.level,
                width,
            )
        })
        .collect();
    PubTable {
        name: "citations".into(),
        caption: format!("Studies citing each theme and factor (N = {n})"),
        headings: vec![
            "Theme and factor".into(),
            "Studies, n (%)".into(),
            "References".into(),
        ],
        numeric: vec![false, true, false],
        rows,
        footnotes: vec![
            format!(
                "References: the numbers of the studies in the list of included studies, consecutive numbers joined by an en dash; a theme lists the studies of its factors too. %: n of the {n} studies, rounded half up to one decimal. Themes in bold, their factors indented."
            ),
            scope_note(p, t),
        ],
    }
}

/// The abbreviations a table uses, as journals list them under it:
/// "Abbreviations: N, …; n, …". Only those that occur as a word in the
/// caption, the headings or the cells.
fn abbreviations(t: &PubTable) -> Option<String> {
    const KNOWN: [(&str, &str); 4] = [
        ("No", "number of studies"),
        (
            "N",
            "number of included studies (or coded passages, where stated)",
        ),
        ("n", "number of studies with the theme, factor or value"),
        ("p.", "page"),
    ];
    let words: std::collections::BTreeSet<&str> = std::iter::once(t.caption.as_str())
        .chain(t.headings.iter().map(String::as_str))
        .chain(
            t.rows
                .iter()
                .flat_map(|r| r.cells.iter().map(String::as_str)),
        )
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || "()=,;:".contains(c)))
        .collect();
    let used: Vec<String> = KNOWN
        .iter()
        .filter(|(a, _)| words.contains(a))
        .map(|(a, what)| format!("{a}, {what}"))
        .collect();
    (!used.is_empty()).then(|| format!("Abbreviations: {}.", used.join("; ")))
}

impl PubTable {
    /// The table with its abbreviations footnote added (before the scope
    /// line, which stays last).
    #[must_use]
    pub fn with_abbreviations(mut self) -> Self {
        if let Some(a) = abbreviations(&self) {
            let at = self.footnotes.len().saturating_sub(1);
            self.footnotes.insert(at, a);
        }
        self
    }

    /// A data sheet shown as a plain publication table (for tables that
    /// have no journal shape of their own yet): column names in words,
    /// numbers right-aligned, the sheet's note as a footnote.
    pub fn from_sheet(sheet: &super::sheets::Sheet) -> Self {
        use super::sheets::Cell;
        let headings = sheet
            .columns
            .iter()
            .map(|c| {
                let words = c.replace('_', " ");
                let mut chars = words.chars();
                chars
                    .next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
            })
            .collect::<Vec<_>>();
        let numeric = (0..headings.len())
            .map(|i| {
                sheet
                    .rows
                    .iter()
                    .all(|r| matches!(r.get(i), Some(Cell::Int(_) | Cell::Decimal(_))))
                    && !sheet.rows.is_empty()
            })
            .collect();
        Self {
            name: sheet.name.clone(),
            caption: sheet.title.clone(),
            headings,
            numeric,
            rows: sheet
                .rows
                .iter()
                .map(|r| data(r.iter().map(Cell::as_text).collect(), 0, false))
                .collect(),
            footnotes: sheet.note.iter().cloned().collect(),
        }
    }
}

/// The publication form of a table by its `--table` name: the journal
/// shape where Thema has one (a wide one split into several tables), else
/// the data sheet shown plainly.
pub fn tables(p: &Project, t: &Tables, name: &str, sheet: &super::sheets::Sheet) -> Vec<PubTable> {
    let tables = match name {
        "prevalence" => vec![prevalence(p, t)],
        "citations" => vec![citations(p, t)],
        "characteristics" => vec![characteristics(p, t)],
        "references" => relative_frequency(p, t),
        "summary" => vec![factor_summary(p, t), quotes_appendix(p, t)],
        "crosstab" => match &t.crosstab {
            Some(c) => vec![crosstab(p, t, c)],
            None => vec![PubTable::from_sheet(sheet)],
        },
        _ => vec![PubTable::from_sheet(sheet)],
    };
    tables
        .into_iter()
        .map(PubTable::with_abbreviations)
        .collect()
}
