//! Each table as a sheet: the column names documented in the README and
//! typed cells. One definition per table serves every output format.

use crate::analysis::PrevalenceTable;
use crate::analysis::characteristics::CharacteristicsTable;
use crate::analysis::citations::CitationRow;
use crate::analysis::crosstab::CrosstabTable;
use crate::analysis::references::ReferencesTable;
use crate::analysis::summary::FactorSummary;

/// A typed cell: numbers stay numbers in XLSX and JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A decimal kept with its exact published rounding, e.g. "81.8".
    Decimal(String),
    Bool(bool),
}

impl Cell {
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Decimal(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Int(n as i64)
    }
}
impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Int(n as i64)
    }
}
impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Cell::Bool(b)
    }
}

/// A table ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// Short name: "prevalence", "references", ...
    pub name: String,
    /// Human title for HTML/XLSX.
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A sentence every format must carry with the table (e.g. how many
    /// Consensus disagreements are still open and not counted).
    pub note: Option<String>,
}

impl Sheet {
    pub fn new(name: &str, title: &str, columns: &[&str]) -> Self {
        Self {
            name: name.into(),
            title: title.into(),
            columns: columns
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            rows: Vec::new(),
            note: None,
        }
    }
}

pub fn prevalence(t: &PrevalenceTable) -> Sheet {
    let mut s = Sheet::new(
        "prevalence",
        "Prevalence (documents per code)",
        &["code", "level", "n_documents", "percent_documents"],
    );
    s.columns
        .extend(t.categories.iter().map(|(_, n)| super::category_column(n)));
    for r in &t.rows {
        let mut row = vec![
            Cell::from(r.path.clone()),
            r.level.into(),
            r.n_documents.into(),
            Cell::Decimal(r.percent.clone()),
        ];
        row.extend(r.by_category.iter().map(|n| Cell::from(*n)));
        s.rows.push(row);
    }
    s
}

/// Label for the rows that total every code.
pub const ALL_CODES: &str = "(all codes)";
/// Category label for counts over every category.
pub const ALL_CATEGORIES: &str = "All";

pub fn references(t: &ReferencesTable) -> Sheet {
    let mut s = Sheet::new(
        "references",
        "References and relative frequency",
        &[
            "code",
            "level",
            "category",
            "group",
            "references",
            "relative_frequency",
            "key",
        ],
    );
    for (g, group) in t.groups.iter().enumerate() {
        for (k, cat) in t.categories.iter().enumerate() {
            let n = t.totals[g].by_category[k];
            s.rows.push(vec![
                ALL_CODES.into(),
                Cell::Int(0),
                cat.clone().into(),
                group.clone().into(),
                n.into(),
                Cell::Decimal(t.relative(n, g)),
                false.into(),
            ]);
        }
    }
    for r in &t.rows {
        for (g, group) in t.groups.iter().enumerate() {
            let c = &r.groups[g];
            for (k, cat) in t.categories.iter().enumerate() {
                let n = c.by_category[k];
                s.rows.push(vec![
                    r.path.clone().into(),
                    r.level.into(),
                    cat.clone().into(),
                    group.clone().into(),
                    n.into(),
                    Cell::Decimal(t.relative(n, g)),
                    r.key.into(),
                ]);
            }
            s.rows.push(vec![
                r.path.clone().into(),
                r.level.into(),
                ALL_CATEGORIES.into(),
                group.clone().into(),
                c.all.into(),
                Cell::Decimal(t.relative(c.all, g)),
                r.key.into(),
            ]);
        }
    }
    s
}

pub fn characteristics(t: &CharacteristicsTable) -> Sheet {
    let mut s = Sheet::new(
        "characteristics",
        "Study characteristics",
        &["attribute", "value", "n", "percent"],
    );
    for a in &t.attributes {
        for r in &a.rows {
            s.rows.push(vec![
                a.name.clone().into(),
                r.value.clone().into(),
                r.n.into(),
                Cell::Decimal(r.percent.clone()),
            ]);
        }
    }
    s
}

pub fn crosstab(t: &CrosstabTable) -> Sheet {
    let mut s = Sheet::new(
        "crosstab",
        &format!("Codes by {}", t.attribute),
        &["code", "level", "value", "n_documents", "column_percent"],
    );
    for r in &t.rows {
        for (k, v) in t.values.iter().enumerate() {
            s.rows.push(vec![
                r.path.clone().into(),
                r.level.into(),
                v.clone().into(),
                r.n[k].into(),
                Cell::Decimal(r.column_percent[k].clone()),
            ]);
        }
    }
    s
}

pub fn citations(rows: &[CitationRow]) -> Sheet {
    let mut s = Sheet::new(
        "citations",
        "Citations per code",
        &["code", "level", "citations"],
    );
    for r in rows {
        s.rows.push(vec![
            r.path.clone().into(),
            r.level.into(),
            r.citations.clone().into(),
        ]);
    }
    s
}

pub fn summary(rows: &[FactorSummary]) -> Sheet {
    let mut s = Sheet::new(
        "summary",
        "Factor summaries",
        &[
            "code",
            "level",
            "description",
            "category",
            "source",
            "page",
            "quote",
            "subcode",
        ],
    );
    for f in rows {
        for g in &f.groups {
            for q in &g.quotes {
                s.rows.push(vec![
                    f.path.clone().into(),
                    f.level.into(),
                    f.description.clone().into(),
                    g.category.clone().into(),
                    q.source.clone().into(),
                    match (q.page, q.last_page) {
                        (Some(p), Some(l)) if l > p => Cell::Text(format!("{p}\u{2013}{l}")),
                        (Some(p), _) => Cell::Int(p as i64),
                        (None, _) => Cell::Text(String::new()),
                    },
                    q.text.clone().into(),
                    q.via.clone().unwrap_or_default().into(),
                ]);
            }
        }
    }
    s
}

/// Every table of a `Tables` as sheets, in report order.
pub fn all(t: &crate::analysis::Tables) -> Vec<Sheet> {
    let mut v = vec![
        prevalence(&t.prevalence),
        references(&t.references),
        characteristics(&t.characteristics),
    ];
    if let Some(c) = &t.crosstab {
        v.push(crosstab(c));
    }
    v.push(citations(&t.citations));
    v.push(summary(&t.summaries));
    v
}

/// Every sheet of `t`, each carrying the scope note when the tables count
/// a Consensus (so no export can hide open disagreements).
pub fn all_noted(p: &crate::model::Project, t: &crate::analysis::Tables) -> Vec<Sheet> {
    let mut v = all(t);
    if t.consensus.is_some() {
        for s in &mut v {
            s.note = Some(t.describe(p));
        }
    }
    v
}

/// Agreement between two reviewers: one row per code (and category at the
/// category level), then the pooled row.
pub fn agreement(r: &crate::analysis::agreement::AgreementReport) -> Sheet {
    use crate::analysis::agreement::{Level, fmt_stat};
    let with_cat = r.level == Level::Category;
    let mut cols = vec!["code", "level"];
    if with_cat {
        cols.push("category");
    }
    cols.extend(["a", "b", "c", "d", "percent_agreement", "kappa", "pabak"]);
    let title = match r.level {
        Level::Document => "Agreement (documents)",
        Level::Character => "Agreement (characters)",
        Level::Category => "Agreement (documents, per category)",
    };
    let mut s = Sheet::new("agreement", title, &cols);
    for row in r.rows.iter().chain(std::iter::once(&r.pooled)) {
        let t = &row.table;
        let mut cells: Vec<Cell> = vec![row.path.clone().into(), row.level.into()];
        if with_cat {
            cells.push(row.category.clone().unwrap_or_default().into());
        }
        cells.extend([
            Cell::Int(t.a as i64),
            Cell::Int(t.b as i64),
            Cell::Int(t.c as i64),
            Cell::Int(t.d as i64),
            Cell::Decimal(fmt_stat(t.percent_agreement(), 4)),
            Cell::Decimal(fmt_stat(t.kappa(), 4)),
            Cell::Decimal(fmt_stat(t.pabak(), 4)),
        ]);
        s.rows.push(cells);
    }
    s
}
