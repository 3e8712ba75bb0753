//! Appraisal answers from a CSV file (`reference,checklist,item,answer,note`),
//! for scripted entry and tests: one reviewer's answers, the study named by
//! its reference number, the answer by its key, label or symbol ("Y",
//! "yes", "Can't tell"). A file with any bad row changes nothing: every
//! problem is listed with its line.

use crate::edit::Command;
use crate::edit::appraisal::AppraisalCommand;
use crate::model::appraisal::{Answer, Checklist, bundled};
use crate::model::{Project, ReviewerId};

/// What reading the file would do.
#[derive(Debug, Default)]
pub struct Planned {
    /// One batch: checklists added from the bundled set, then the answers.
    pub command: Option<Command>,
    /// Bundled checklists the project did not have yet, added.
    pub added_checklists: Vec<String>,
    pub answers: usize,
    /// Answers that replace an earlier answer of the same reviewer.
    pub replaced: usize,
}

/// Column names, in lower case.
pub(crate) type Headers = Vec<String>;

/// A CSV reader over `text` (trimmed, rows of any length) and its column
/// names in lower case; `Err` says why the file is not CSV.
pub(crate) fn reader(text: &str) -> Result<(csv::Reader<&[u8]>, Headers), Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_lowercase).collect(),
        Err(e) => return Err(vec![format!("the file is not readable as CSV: {e}")]),
    };
    Ok((reader, headers))
}

/// Reads the CSV for `reviewer`. `Err` lists every problem ("line 4: no
/// study has reference number 41").
pub fn plan(p: &Project, reviewer: ReviewerId, text: &str) -> Result<Planned, Vec<String>> {
    let (mut reader, headers) = reader(text)?;
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c_ref), Some(c_list), Some(c_item), Some(c_answer)) = (
        col("reference"),
        col("checklist"),
        col("item"),
        col("answer"),
    ) else {
        return Err(vec![format!(
            "the first line must name the columns reference, checklist, item, answer (and note); it has: {}",
            headers.join(", ")
        )]);
    };
    let c_note = col("note");
    let bundled = bundled();
    let mut added: Vec<Checklist> = Vec::new();
    let mut problems = Vec::new();
    let mut answers: Vec<Answer> = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let field = |c: usize| row.get(c).unwrap_or("").to_owned();
        let reference = field(c_ref);
        let Some(doc) = reference
            .parse::<u32>()
            .ok()
            .and_then(|n| p.documents.iter().find(|d| d.reference == n))
        else {
            problems.push(format!(
                "line {line}: no study has reference number \u{201c}{reference}\u{201d}"
            ));
            continue;
        };
        let list_id = field(c_list);
        let checklist = match p.appraisal.checklist(&list_id) {
            Some(c) => c.clone(),
            None => match bundled.iter().find(|c| c.id == list_id) {
                Some(c) => {
                    if !added.iter().any(|a| a.id == c.id) {
                        added.push(c.clone());
                    }
                    c.clone()
                }
                None => {
                    problems.push(format!(
                        "line {line}: no checklist \u{201c}{list_id}\u{201d} in the project or among Thema's ({})",
                        bundled.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
                    ));
                    continue;
                }
            },
        };
        let item = field(c_item);
        if checklist.item(&item).is_none() {
            problems.push(format!(
                "line {line}: {} has no item \u{201c}{item}\u{201d}",
                checklist.name
            ));
            continue;
        }
        let said = field(c_answer);
        let Some(option) = checklist.answer_named(&said) else {
            problems.push(format!(
                "line {line}: \u{201c}{said}\u{201d} is not an answer of {} ({})",
                checklist.name,
                checklist
                    .answers
                    .iter()
                    .map(|a| a.label.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ")
            ));
            continue;
        };
        let answer = Answer {
            doc: doc.id,
            reviewer,
            checklist: checklist.id.clone(),
            item,
            answer: option.key.clone(),
            note: c_note.map(field).unwrap_or_default(),
            support: None,
        };
        if answers.iter().any(|a| a.key() == answer.key()) {
            problems.push(format!(
                "line {line}: study {reference}, item {} answered twice in the file",
                answer.item
            ));
            continue;
        }
        answers.push(answer);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let replaced = answers
        .iter()
        .filter(|a| p.appraisal.answer(&a.key()).is_some())
        .count();
    let mut cmds: Vec<Command> = added
        .iter()
        .map(|c| {
            Command::Appraisal(AppraisalCommand::PutChecklist {
                id: c.id.clone(),
                checklist: Some(c.clone()),
            })
        })
        .collect();
    let n = answers.len();
    cmds.extend(answers.into_iter().map(|a| {
        Command::Appraisal(AppraisalCommand::PutAnswer {
            key: a.key(),
            answer: Some(a),
        })
    }));
    Ok(Planned {
        command: (!cmds.is_empty()).then_some(Command::Batch(cmds)),
        added_checklists: added.into_iter().map(|c| c.name).collect(),
        answers: n,
        replaced,
    })
}
