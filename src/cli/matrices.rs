//! `thema report --table cooccurrence|framework|presence`: the options
//! that shape a matrix, read from the command line.

use super::TableArg;
use crate::analysis::Scope;
use crate::analysis::cooccurrence::{Measure, Proximity};
use crate::analysis::matrices::{MatrixOptions, StudyOrder};
use crate::error::{Error, Result};
use crate::io::report;
use crate::model::Project;

/// `--measure`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureArg {
    /// Co-occurring passage pairs.
    Passages,
    /// Documents holding both codes.
    Documents,
    /// The c-coefficient n12 / (n1 + n2 − n12).
    C,
    /// Jaccard on documents.
    Jaccard,
}

/// `--distance`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceArg {
    /// Passages sharing at least one character.
    Overlap,
    /// Passages in the same sentence.
    Sentence,
    /// Passages in the same paragraph.
    Paragraph,
}

/// The level named by `--level`: a number from 1, or "all" (`None`).
fn level(word: Option<&str>, default: Option<usize>) -> Result<Option<usize>> {
    let Some(w) = word else {
        return Ok(default);
    };
    if w.eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    match w.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(Error::Request(format!(
            "--level is a level of the code tree (1 = themes, 2 = factors, …) or \"all\", not \"{w}\""
        ))),
    }
}

/// The words of `thema report` that shape a matrix.
pub struct MatrixWords<'a> {
    pub table: TableArg,
    pub level: Option<&'a str>,
    pub measure: MeasureArg,
    pub distance: DistanceArg,
    pub category: Option<&'a str>,
    pub counts: bool,
    pub order_by: Option<&'a str>,
}

/// The matrix options `args` name.
pub fn options(p: &Project, args: &MatrixWords<'_>) -> Result<MatrixOptions> {
    let lvl = level(args.level, None)?;
    let framework_level = match level(args.level, Some(1))? {
        Some(l) => l,
        None if args.table == TableArg::Framework => {
            return Err(Error::Request(
                "the framework matrix needs one level (--level 1 for themes)".into(),
            ));
        }
        None => 1,
    };
    let depth = p
        .codebook
        .codes
        .iter()
        .map(|c| p.codebook.path_names(c.id).len())
        .max()
        .unwrap_or(0);
    if let Some(l) = lvl.or((args.table == TableArg::Framework).then_some(framework_level))
        && l > depth
    {
        return Err(Error::Request(format!(
            "the code tree has {} (--level {l} asked for)",
            crate::words::count(depth, "level", "levels")
        )));
    }
    let category = match args.category {
        Some(name) => Some(p.category_by_name(name).ok_or_else(|| {
            Error::Request(format!(
                "\"{name}\" is not a category of this review ({})",
                p.categories
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?),
        None => None,
    };
    let order = match args.order_by {
        Some(name) => StudyOrder::Attribute(
            p.attribute_by_name(name)
                .ok_or_else(|| Error::UnknownAttribute(name.to_owned()))?
                .id,
        ),
        None => StudyOrder::Reference,
    };
    Ok(MatrixOptions {
        level: lvl,
        framework_level,
        measure: match args.measure {
            MeasureArg::Passages => Measure::Passages,
            MeasureArg::Documents => Measure::Documents,
            MeasureArg::C => Measure::CCoefficient,
            MeasureArg::Jaccard => Measure::Jaccard,
        },
        proximity: match args.distance {
            DistanceArg::Overlap => Proximity::Overlap,
            DistanceArg::Sentence => Proximity::Sentence,
            DistanceArg::Paragraph => Proximity::Paragraph,
        },
        category,
        counts: args.counts,
        order,
    })
}

/// The matrix's bytes.
pub fn render(
    p: &Project,
    scope: &Scope,
    args: &MatrixWords<'_>,
    format: report::Format,
) -> Result<Vec<u8>> {
    let o = options(p, args)?;
    Ok(report::matrices::render(
        p,
        scope,
        args.table.name(),
        &o,
        format,
    )?)
}
