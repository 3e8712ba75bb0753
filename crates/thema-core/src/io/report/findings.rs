//! The confidence tables of a review's findings: the GRADE-CERQual
//! Evidence Profile and Summary of Qualitative Findings, and the JBI
//! ConQual Summary of Findings. Each is a data sheet (CSV, JSON) and a
//! publication table (Markdown, HTML, Excel, Word) built from the same
//! rows; contributing studies are derived live in the given scope.

use super::publish::{PubRow, PubTable};
use super::sheets::Sheet;
use super::{Format, ReportError};
use crate::analysis::conqual::conqual;
use crate::analysis::findings::evidence;
use crate::analysis::{Prepared, Scope};
use crate::model::findings::{Assessment, Component};
use crate::model::{FindingId, Project, ReviewerId};

/// The tables this module writes, by `--table` name.
pub const TABLES: [&str; 3] = ["evidence-profile", "soqf", "conqual"];

/// The assessment a table shows for a finding: `whose` own, else the
/// agreed (Consensus) one, else the only one; two differing reviewers'
/// assessments without an agreed one give the sentence that says so.
pub fn shown(
    p: &Project,
    finding: FindingId,
    whose: Option<ReviewerId>,
) -> Result<Option<&Assessment>, String> {
    let f = &p.findings;
    if let Some(r) = whose {
        return Ok(f.assessment(finding, r));
    }
    if let Some(a) = f.assessment(finding, ReviewerId::CONSENSUS) {
        return Ok(Some(a));
    }
    let own: Vec<&Assessment> = f
        .assessments
        .iter()
        .filter(|a| a.finding == finding && !a.is_blank())
        .collect();
    match own.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        [first, rest @ ..]
            if rest
                .iter()
                .all(|a| a.components == first.components && a.confidence == first.confidence) =>
        {
            Ok(Some(first))
        }
        many => Err(format!(
            "Not agreed yet ({})",
            many.iter()
                .map(|a| format!(
                    "{}: {}",
                    p.reviewer(a.reviewer).map_or("?", |r| r.initials.as_str()),
                    a.confidence.map_or("not assessed", |c| c.label())
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

fn component_cell(a: Option<&Assessment>, c: Component) -> String {
    let Some(a) = a else {
        return "Not assessed".to_owned();
    };
    let j = a.component(c);
    match (j.concern, j.explanation.trim()) {
        (None, "") => "Not assessed".to_owned(),
        (None, e) => e.to_owned(),
        (Some(k), "") => k.label().to_owned(),
        (Some(k), e) => format!("{} ({e})", k.label()),
    }
}

/// One row per finding: label, statement, studies, the four components,
/// the confidence and its explanation.
struct Row {
    label: String,
    statement: String,
    studies: String,
    components: [String; 4],
    confidence: String,
    explanation: String,
}

fn rows(p: &Project, scope: &Scope, whose: Option<ReviewerId>) -> Vec<Row> {
    let prep = Prepared::new(p, scope);
    let citer = crate::analysis::citations::Citer::of(p);
    p.findings
        .findings
        .iter()
        .map(|f| {
            let e = evidence(&prep, f);
            let (components, confidence, explanation) = match shown(p, f.id, whose) {
                Ok(a) => (
                    Component::ALL.map(|c| component_cell(a, c)),
                    a.and_then(|a| a.confidence)
                        .map_or_else(|| "Not assessed".to_owned(), |c| c.label().to_owned()),
                    a.map(|a| a.explanation.trim().to_owned())
                        .unwrap_or_default(),
                ),
                Err(why) => (
                    Component::ALL.map(|_| why.clone()),
                    why.clone(),
                    String::new(),
                ),
            };
            Row {
                label: f.label.clone(),
                statement: f.statement.clone(),
                studies: e.citation(&citer),
                components,
                confidence,
                explanation,
            }
        })
        .collect()
}

fn whose_note(p: &Project, scope: &Scope, whose: Option<ReviewerId>) -> String {
    let who = match whose {
        Some(r) if r == ReviewerId::CONSENSUS => "the agreed assessments".to_owned(),
        Some(r) => format!(
            "the assessments of {}",
            p.reviewer(r).map_or("?", |x| x.name.as_str())
        ),
        None => "the agreed assessment of each finding (or its only one)".to_owned(),
    };
    format!(
        "Contributing studies derived from the codings in scope ({}), cited by reference number; {who}.",
        scope.describe(p)
    )
}

fn publication(
    name: &str,
    caption: &str,
    headings: &[&str],
    cells: Vec<Vec<String>>,
    footnotes: Vec<String>,
) -> PubTable {
    PubTable {
        name: name.to_owned(),
        caption: caption.to_owned(),
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        numeric: vec![false; headings.len()],
        rows: cells
            .into_iter()
            .map(|cells| PubRow {
                cells,
                indent: 0,
                bold: false,
                group: false,
            })
            .collect(),
        footnotes,
    }
}

fn sheet(name: &str, title: &str, columns: &[&str], cells: &[Vec<String>], note: String) -> Sheet {
    let mut s = Sheet::new(name, title, columns);
    s.rows = cells
        .iter()
        .map(|r| r.iter().map(|c| c.clone().into()).collect())
        .collect();
    s.note = Some(note);
    s
}

/// The GRADE-CERQual Evidence Profile.
pub fn evidence_profile(
    p: &Project,
    scope: &Scope,
    whose: Option<ReviewerId>,
) -> (Sheet, PubTable) {
    let rows = rows(p, scope, whose);
    let data: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut v = vec![r.label.clone(), r.statement.clone(), r.studies.clone()];
            v.extend(r.components.iter().cloned());
            v.push(r.confidence.clone());
            v.push(r.explanation.clone());
            v
        })
        .collect();
    let note = whose_note(p, scope, whose);
    let s = sheet(
        "evidence-profile",
        "GRADE-CERQual Evidence Profile",
        &[
            "finding",
            "statement",
            "studies",
            "methodological_limitations",
            "coherence",
            "adequacy",
            "relevance",
            "confidence",
            "explanation",
        ],
        &data,
        note.clone(),
    );
    let cells = rows
        .iter()
        .map(|r| {
            let mut v = vec![format!("{}. {}", r.label, r.statement), r.studies.clone()];
            v.extend(r.components.iter().cloned());
            v.push(r.confidence.clone());
            v.push(r.explanation.clone());
            v
        })
        .collect();
    let t = publication(
        "evidence-profile",
        "GRADE-CERQual Evidence Profile",
        &[
            "Summary of review finding",
            "Studies contributing to the review finding",
            "Methodological limitations",
            "Coherence",
            "Adequacy",
            "Relevance",
            "GRADE-CERQual assessment of confidence",
            "Explanation of GRADE-CERQual assessment",
        ],
        cells,
        vec![note],
    );
    (s, t)
}

/// The Summary of Qualitative Findings table.
pub fn soqf(p: &Project, scope: &Scope, whose: Option<ReviewerId>) -> (Sheet, PubTable) {
    let rows = rows(p, scope, whose);
    let note = whose_note(p, scope, whose);
    let data: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.statement.clone(),
                r.confidence.clone(),
                r.explanation.clone(),
                r.studies.clone(),
            ]
        })
        .collect();
    let s = sheet(
        "soqf",
        "Summary of Qualitative Findings",
        &[
            "finding",
            "statement",
            "confidence",
            "explanation",
            "studies",
        ],
        &data,
        note.clone(),
    );
    let cells = rows
        .iter()
        .map(|r| {
            vec![
                format!("{}. {}", r.label, r.statement),
                r.confidence.clone(),
                r.explanation.clone(),
                r.studies.clone(),
            ]
        })
        .collect();
    let t = publication(
        "soqf",
        "Summary of Qualitative Findings",
        &[
            "Summary of review finding",
            "GRADE-CERQual assessment of confidence",
            "Explanation of GRADE-CERQual assessment",
            "Studies contributing to the review finding",
        ],
        cells,
        vec![note],
    );
    (s, t)
}

/// The JBI ConQual Summary of Findings, the reason for each downgrade as
/// a lettered footnote.
pub fn conqual_table(p: &Project, scope: &Scope) -> (Sheet, PubTable) {
    let prep = Prepared::new(p, scope);
    let ctx = &p.findings.context;
    let mut data = Vec::new();
    let mut cells = Vec::new();
    let mut footnotes = Vec::new();
    let mut letter = b'a';
    let mut mark = |text: String, footnotes: &mut Vec<String>| {
        let l = char::from(letter);
        letter = if letter < b'z' { letter + 1 } else { letter };
        footnotes.push(format!("{l} {text}"));
        l
    };
    for s in &p.findings.synthesised {
        let c = conqual(&prep, s);
        // "Downgrade 1 level a", the reason in footnote a.
        let mut cell = |down: Option<usize>, reason: String| match down {
            None => "Not graded".to_owned(),
            Some(0) => "No downgrade".to_owned(),
            Some(d) => format!(
                "Downgrade {d} level{} {}",
                if d == 1 { "" } else { "s" },
                mark(reason, &mut footnotes)
            ),
        };
        let dep = cell(
            c.dependability.downgrade,
            format!("Dependability: {}.", c.dependability.text),
        );
        let cred = cell(
            c.credibility.downgrade,
            format!("Credibility: {}.", c.credibility.text),
        );
        let score = match c.score {
            None => "Not graded".to_owned(),
            Some(x) if c.provisional => {
                format!("{} (provisional: illustrations not all rated)", x.label())
            }
            Some(x) => x.label().to_owned(),
        };
        let studies = crate::analysis::citations::Citer::of(p).cite(&c.refs);
        data.push(vec![
            s.statement.clone(),
            s.research.label().to_owned(),
            dep.clone(),
            cred.clone(),
            score.clone(),
            studies.clone(),
        ]);
        cells.push(vec![
            format!("{} {studies}", s.statement).trim().to_owned(),
            s.research.label().to_owned(),
            dep,
            cred,
            score,
        ]);
    }
    let mut head = Vec::new();
    for (k, v) in [
        ("Population", &ctx.population),
        ("Phenomenon of interest", &ctx.phenomenon),
        ("Context", &ctx.context),
    ] {
        if !v.trim().is_empty() {
            head.push(format!("{k}: {}.", v.trim()));
        }
    }
    let caption = if ctx.title.trim().is_empty() {
        "ConQual Summary of Findings".to_owned()
    } else {
        format!("ConQual Summary of Findings: {}", ctx.title.trim())
    };
    let note = format!(
        "ConQual (Munn et al. 2014): start High for qualitative research, Low for text and opinion; dependability from JBI questions 2, 3, 4, 6 and 7 of the contributing studies (the band most appraised studies are in; a tie takes the lower); credibility from the ratings of the findings' illustrations. Scope: {}.",
        scope.describe(p)
    );
    let mut notes = head;
    notes.extend(footnotes);
    notes.push(note.clone());
    let s = sheet(
        "conqual",
        &caption,
        &[
            "synthesised_finding",
            "type_of_research",
            "dependability",
            "credibility",
            "conqual_score",
            "studies",
        ],
        &data,
        notes.join(" "),
    );
    let t = publication(
        "conqual",
        &caption,
        &[
            "Synthesised finding",
            "Type of research",
            "Dependability",
            "Credibility",
            "ConQual score",
        ],
        cells,
        notes,
    );
    (s, t)
}

/// One of [`TABLES`] in a format.
pub fn render(
    p: &Project,
    scope: &Scope,
    table: &str,
    whose: Option<ReviewerId>,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    let (sheet, table) = match table {
        "evidence-profile" => evidence_profile(p, scope, whose),
        "soqf" => soqf(p, scope, whose),
        "conqual" => conqual_table(p, scope),
        other => return Err(ReportError::UnknownTable(other.to_owned())),
    };
    let n = p.documents.len();
    Ok(match format {
        Format::Csv => super::text::csv(&sheet).into_bytes(),
        Format::Json => super::text::json(&sheet, n).into_bytes(),
        Format::Markdown => super::publish_render::to_markdown(&table).into_bytes(),
        Format::Html => super::html::publication_page(p, &[table]).into_bytes(),
        Format::Xlsx => super::xlsx::publication_workbook(&[table])?,
        Format::Docx => super::word::docx(&p.name, &[table])?,
    })
}
