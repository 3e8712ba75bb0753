//! `thema report`: its arguments, the scope they name (documents, whose
//! codings, the Consensus pair) and the bytes of the table or report.

use super::{FormatArg, LevelArg, TableArg, load_sound};
use crate::analysis::{DocFilter, ReviewerView, Scope};
use crate::error::{Error, Result};
use crate::io::{project_file, report};
use crate::model::Project;
use std::path::Path;

/// Builds a scope from command-line words. `pair` ("A,B") names the two
/// reviewers whose Consensus is counted when `reviewer` is "consensus"; it
/// may be left out when the project has only one pair of coders.
pub fn scope_from_args(
    p: &Project,
    filter: Option<&str>,
    reviewer: &str,
    pair: Option<&str>,
) -> Result<Scope> {
    let docs = match filter {
        None => DocFilter::All,
        Some(f) => {
            let (name, value) = f.split_once('=').ok_or_else(|| {
                Error::Request(format!("--filter needs ATTRIBUTE=VALUE, got '{f}'"))
            })?;
            let def = p
                .attribute_by_name(name.trim())
                .ok_or_else(|| Error::UnknownAttribute(name.trim().to_owned()))?;
            DocFilter::Attribute {
                attr: def.id,
                value: value.trim().to_owned(),
            }
        }
    };
    let reviewers = if reviewer.eq_ignore_ascii_case("all") {
        ReviewerView::All
    } else if reviewer.eq_ignore_ascii_case("consensus") {
        let (a, b) = match pair {
            Some(pair) => reviewer_pair(p, pair)?,
            None => crate::analysis::consensus::default_pair(p).ok_or_else(|| {
                Error::Request(
                    "the Consensus is between two reviewers: name them with --reviewers A,B".into(),
                )
            })?,
        };
        ReviewerView::Consensus(a, b)
    } else {
        ReviewerView::One(find_reviewer(p, reviewer)?)
    };
    Ok(Scope { docs, reviewers })
}

/// "AB,CD" → the two reviewers (names, initials or ids).
pub fn reviewer_pair(
    p: &Project,
    pair: &str,
) -> Result<(crate::model::ReviewerId, crate::model::ReviewerId)> {
    let (a, b) = pair.split_once(',').ok_or_else(|| {
        Error::Request("--reviewers needs two reviewers separated by a comma, e.g. AB,CD".into())
    })?;
    let (a, b) = (find_reviewer(p, a.trim())?, find_reviewer(p, b.trim())?);
    if a == b {
        return Err(Error::Request(
            "--reviewers needs two different reviewers".into(),
        ));
    }
    Ok((a, b))
}

/// What `thema report` was asked for.
#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Which table.
    #[arg(long, value_enum, default_value = "prevalence")]
    pub table: TableArg,
    /// The output format (xlsx needs -o).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// Attribute whose values split the table (crosstab columns, references groups).
    #[arg(long)]
    pub by: Option<String>,
    /// Only documents whose attribute has this value, e.g. "Group=Review article".
    #[arg(long)]
    pub filter: Option<String>,
    /// Only studies with one of these quality judgements, e.g. "High,Moderate"
    /// (a sensitivity analysis; the reviewers' judgement, else the rule's).
    #[arg(long)]
    pub quality: Option<String>,
    /// Whose codings: a reviewer's name, initials or id; "consensus"; or "all".
    #[arg(long, default_value = "all")]
    pub reviewer: String,
    /// The two reviewers, "A,B" (names, initials or ids): compared by --table
    /// agreement, and whose Consensus --reviewer consensus counts.
    #[arg(long)]
    pub reviewers: Option<String>,
    /// For evidence-profile and soqf: whose GRADE-CERQual assessments
    /// (a reviewer, or "consensus"); by default the agreed one of each
    /// finding, else its only one.
    #[arg(long)]
    pub assessed_by: Option<String>,
    /// For --table agreement: the unit compared (document, character,
    /// category; default document). For cooccurrence, framework and
    /// presence: the level of the code tree (1 = themes; sub-codes rolled
    /// up), or "all" for every code (the default, framework: 1).
    #[arg(long)]
    pub level: Option<String>,
    /// For --table cooccurrence: what a cell shows in md/html/xlsx/docx
    /// (CSV and JSON always list passages, documents and c for each pair).
    #[arg(long, value_enum, default_value = "passages")]
    pub measure: super::matrices::MeasureArg,
    /// For --table cooccurrence: when two passages co-occur.
    #[arg(long, value_enum, default_value = "overlap")]
    pub distance: super::matrices::DistanceArg,
    /// For --table cooccurrence: only passages of this category.
    #[arg(long)]
    pub category: Option<String>,
    /// For --table presence: passage counts instead of 1/0.
    #[arg(long)]
    pub counts: bool,
    /// For --table framework and presence: order the studies by this
    /// attribute (default: by reference number).
    #[arg(long)]
    pub order_by: Option<String>,
    /// Layout for md, html and xlsx: `publication` (journal tables, the
    /// default) or `data` (the machine columns). CSV and JSON are always
    /// data, Word always publication.
    #[arg(long, value_enum)]
    pub style: Option<StyleArg>,
    /// Cite studies by number "(2,3,6)" or author and year "(Smith 2019;
    /// Jones 2020)"; default: the project's setting.
    #[arg(long, value_enum)]
    pub citations: Option<CitationsArg>,
}

/// `--citations`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CitationsArg {
    Numeric,
    AuthorYear,
}

/// `--style`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StyleArg {
    Publication,
    Data,
}

/// Produces the report's bytes (text formats are UTF-8).
pub fn render_report(p: &Project, args: &ReportArgs) -> Result<Vec<u8>> {
    use crate::analysis::{TableOptions, Tables};
    let pair = if args.reviewer.eq_ignore_ascii_case("consensus") {
        args.reviewers.as_deref()
    } else {
        None
    };
    let mut scope = scope_from_args(p, args.filter.as_deref(), &args.reviewer, pair)?;
    if let Some(q) = &args.quality {
        if args.filter.is_some() {
            return Err(Error::Request(
                "give either --filter or --quality, not both".into(),
            ));
        }
        let levels: Vec<String> = q
            .split(',')
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let known = p.appraisal.levels();
        if let Some(bad) = levels.iter().find(|l| !known.contains(l)) {
            return Err(Error::Request(format!(
                "\"{bad}\" is not a quality level of this review ({})",
                known.join(", ")
            )));
        }
        scope.docs = crate::analysis::DocFilter::Quality { levels };
    }
    if args.table == TableArg::Agreement {
        return agreement_report(p, &scope, args);
    }
    if matches!(
        args.table,
        TableArg::Cooccurrence | TableArg::Framework | TableArg::Presence
    ) {
        let words = super::matrices::MatrixWords {
            table: args.table,
            level: args.level.as_deref(),
            measure: args.measure,
            distance: args.distance,
            category: args.category.as_deref(),
            counts: args.counts,
            order_by: args.order_by.as_deref(),
        };
        return super::matrices::render(p, &scope, &words, report::Format::from(args.format));
    }
    if matches!(
        args.table,
        TableArg::EvidenceProfile | TableArg::Soqf | TableArg::Conqual
    ) {
        if p.findings.findings.is_empty() {
            return Err(Error::Request(
                "the project has no review findings yet (write them in the Findings tab or load them with thema findings)".into(),
            ));
        }
        let whose = match &args.assessed_by {
            Some(w) => Some(find_reviewer(p, w)?),
            None => None,
        };
        return Ok(report::findings::render(
            p,
            &scope,
            args.table.name(),
            whose,
            report::Format::from(args.format),
        )?);
    }
    if matches!(
        args.table,
        TableArg::Appraisal | TableArg::AppraisalAgreement
    ) {
        return appraisal_report(p, args);
    }
    let by = match &args.by {
        Some(name) => Some(
            p.attribute_by_name(name)
                .ok_or_else(|| Error::UnknownAttribute(name.clone()))?
                .id,
        ),
        None => None,
    };
    if args.table == TableArg::Crosstab && by.is_none() {
        return Err(Error::Request(
            "the crosstab table needs --by ATTRIBUTE (e.g. --by \"Study type\")".into(),
        ));
    }
    let tables = Tables::compute(
        p,
        &scope,
        &TableOptions {
            group_by: by,
            crosstab_by: by,
        },
    );
    let format = report::Format::from(args.format);
    if tables.consensus.is_some() && matches!(format, report::Format::Csv) {
        // CSV keeps its machine columns: the open disagreements are told here.
        warn!("note: {}", tables.describe(p));
    }
    let style = match args.style {
        Some(StyleArg::Publication) => report::Style::Publication,
        Some(StyleArg::Data) => report::Style::Data,
        None => report::Style::default_for(format),
    };
    Ok(report::render_styled(
        p,
        &tables,
        args.table.name(),
        format,
        style,
    )?)
}

/// Finds a reviewer by name, initials or id (or "consensus").
pub fn find_reviewer(p: &Project, word: &str) -> Result<crate::model::ReviewerId> {
    p.find_reviewer(word)
        .ok_or_else(|| Error::UnknownReviewer(word.to_owned()))
}

fn agreement_report(p: &Project, scope: &Scope, args: &ReportArgs) -> Result<Vec<u8>> {
    use crate::analysis::agreement::agreement;
    use report::sheets;
    let pair = args
        .reviewers
        .as_deref()
        .ok_or_else(|| Error::Request("--table agreement needs --reviewers A,B".into()))?;
    let (a, b) = reviewer_pair(p, pair)?;
    let ag = agreement(p, scope, a, b);
    let level = match args.level.as_deref() {
        None => LevelArg::Document,
        Some(l) => <LevelArg as clap::ValueEnum>::from_str(l, true).map_err(|_| {
            Error::Request(format!(
                "--level for the agreement table is document, character or category, not \"{l}\""
            ))
        })?,
    };
    let rep = match level {
        LevelArg::Document => &ag.document,
        LevelArg::Character => &ag.character,
        LevelArg::Category => &ag.category,
    };
    let sheet = sheets::agreement(rep);
    let n = ag.per_document.len();
    sheet_bytes(p, sheet, args.format, n)
}

/// One data sheet in the requested format.
fn sheet_bytes(
    p: &Project,
    sheet: report::sheets::Sheet,
    format: FormatArg,
    n: usize,
) -> Result<Vec<u8>> {
    use report::{Format, text};
    Ok(match Format::from(format) {
        Format::Csv => text::csv(&sheet).into_bytes(),
        Format::Markdown => text::markdown(&sheet).into_bytes(),
        Format::Json => text::json(&sheet, n).into_bytes(),
        Format::Xlsx => report::xlsx::workbook(&[sheet])?,
        Format::Html => report::html::table_page(p, &sheet).into_bytes(),
        Format::Docx => {
            report::word::docx(&p.name, &[report::publish::PubTable::from_sheet(&sheet)])?
        }
    })
}

/// `--table appraisal` (the grid of one reviewer, or the consensus of
/// `--reviewers A,B` with `--reviewer consensus`) and
/// `--table appraisal-agreement` (`--reviewers A,B`), one sheet per
/// checklist in use.
fn appraisal_report(p: &Project, args: &ReportArgs) -> Result<Vec<u8>> {
    use report::appraisal::{Whose, agreement_sheet, checklists_in_use, grid};
    let lists = checklists_in_use(p);
    let Some(first) = lists.first() else {
        return Err(Error::Request(
            "no study is appraised yet (enter answers in the window or with thema appraise)".into(),
        ));
    };
    if lists.len() > 1 && FormatArg::Xlsx != args.format {
        eprintln!(
            "note: {} checklists are in use; this shows {} (xlsx writes one sheet each)",
            lists.len(),
            first.name
        );
    }
    let pair = || -> Result<(crate::model::ReviewerId, crate::model::ReviewerId)> {
        let pair = args.reviewers.as_deref().ok_or_else(|| {
            Error::Request(format!(
                "--table {} needs --reviewers A,B",
                args.table.name()
            ))
        })?;
        reviewer_pair(p, pair)
    };
    let sheets: Vec<report::sheets::Sheet> = if args.table == TableArg::Appraisal {
        let whose = if args.reviewer.eq_ignore_ascii_case("consensus") {
            let (a, b) = pair()?;
            Whose::Consensus(a, b)
        } else if args.reviewer.eq_ignore_ascii_case("all") {
            return Err(Error::Request(
                "--table appraisal needs --reviewer A (or consensus with --reviewers A,B)".into(),
            ));
        } else {
            Whose::Reviewer(find_reviewer(p, &args.reviewer)?)
        };
        lists.iter().map(|c| grid(p, c, whose)).collect()
    } else {
        let (a, b) = pair()?;
        let name = |r| p.reviewer(r).map_or_else(String::new, |r| r.name.clone());
        lists
            .iter()
            .map(|c| {
                let ag = crate::analysis::appraisal::agreement(&p.appraisal, c, a, b);
                agreement_sheet(&ag, (&name(a), &name(b)))
            })
            .collect()
    };
    let n = p.documents.len();
    if args.format == FormatArg::Xlsx {
        return Ok(report::xlsx::workbook(&sheets)?);
    }
    let first = sheets
        .into_iter()
        .next()
        .ok_or_else(|| Error::Request("no sheet".into()))?;
    sheet_bytes(p, first, args.format, n)
}

pub(super) fn report_cmd(
    path: &Path,
    args: &ReportArgs,
    output: Option<&Path>,
    force: bool,
) -> Result<std::process::ExitCode> {
    let mut p = load_sound(path, force)?;
    if let Some(c) = args.citations {
        use crate::analysis::citations::CitationStyle;
        p.citation_style = match c {
            CitationsArg::Numeric => CitationStyle::Numeric,
            CitationsArg::AuthorYear => CitationStyle::AuthorYear,
        };
    }
    let bytes = render_report(&p, args)?;
    match output {
        None if report::Format::from(args.format).is_binary() => {
            return Err(Error::Request(format!(
                "{} is a binary format: give an output file with -o",
                report::Format::from(args.format)
            )));
        }
        None => {
            use std::io::Write;
            // A reader that stops early (`| head`) is not a failure.
            let _ = std::io::stdout().write_all(&bytes);
        }
        Some(out) => {
            project_file::check_output(out, &[path], force)?;
            project_file::write_atomic(out, &bytes, false)?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
