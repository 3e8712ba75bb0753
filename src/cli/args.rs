//! Values of `thema report`'s options.

use crate::io::report;

/// A table `thema report --table` can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableArg {
    Prevalence,
    References,
    Characteristics,
    Crosstab,
    Citations,
    Summary,
    Agreement,
    /// The studies × items appraisal grid (--reviewer A, or consensus with --reviewers A,B).
    Appraisal,
    /// Per-item agreement of two reviewers' appraisals (--reviewers A,B).
    #[value(name = "appraisal-agreement")]
    AppraisalAgreement,
    /// The GRADE-CERQual Evidence Profile of the review findings.
    #[value(name = "evidence-profile")]
    EvidenceProfile,
    /// The Summary of Qualitative Findings (GRADE-CERQual).
    Soqf,
    /// The JBI ConQual Summary of Findings of the synthesised findings.
    Conqual,
    /// Codes × codes co-occurrence (--level, --measure, --distance, --category).
    Cooccurrence,
    /// The framework matrix: studies × themes with the charted summaries (--level).
    Framework,
    /// Codes × studies presence, 1/0 or --counts, attributes first (--level).
    Presence,
    /// The whole report (html or xlsx).
    All,
}

impl TableArg {
    /// The table's name in reports and the window.
    pub fn name(self) -> &'static str {
        match self {
            TableArg::Prevalence => "prevalence",
            TableArg::References => "references",
            TableArg::Characteristics => "characteristics",
            TableArg::Crosstab => "crosstab",
            TableArg::Citations => "citations",
            TableArg::Summary => "summary",
            TableArg::Agreement => "agreement",
            TableArg::Appraisal => "appraisal",
            TableArg::AppraisalAgreement => "appraisal-agreement",
            TableArg::EvidenceProfile => "evidence-profile",
            TableArg::Soqf => "soqf",
            TableArg::Conqual => "conqual",
            TableArg::Cooccurrence => "cooccurrence",
            TableArg::Framework => "framework",
            TableArg::Presence => "presence",
            TableArg::All => "all",
        }
    }
}

/// An output format of `thema report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Csv,
    #[value(alias = "markdown")]
    Md,
    Json,
    Xlsx,
    Html,
    /// A Word document of publication tables (needs -o).
    #[value(alias = "word")]
    Docx,
}

impl From<FormatArg> for report::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Csv => report::Format::Csv,
            FormatArg::Md => report::Format::Markdown,
            FormatArg::Json => report::Format::Json,
            FormatArg::Xlsx => report::Format::Xlsx,
            FormatArg::Docx => report::Format::Docx,
            FormatArg::Html => report::Format::Html,
        }
    }
}

/// The level of `--table agreement`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LevelArg {
    Document,
    Character,
    Category,
}
