//! The memo audit file: every memo of the project with what it is about,
//! its author and dates, as one table (Markdown, HTML or Word).

use super::publish::{PubRow, PubTable};
use super::{Format, ReportError};
use crate::model::Project;
use crate::model::memos::{self, Filter};

/// The memos `filter` lets through, oldest first within their kind order
/// (`memos::all`), as a table.
pub fn table(p: &Project, filter: &Filter) -> PubTable {
    let who = |r: Option<crate::model::ReviewerId>| {
        r.and_then(|r| p.reviewer(r))
            .map(|r| format!("{} ({})", r.name, r.initials))
            .unwrap_or_else(|| "Not recorded".to_owned())
    };
    let date = |d: &str| d.get(..10).unwrap_or(d).to_owned();
    let entries: Vec<memos::Entry> = memos::all(p)
        .into_iter()
        .filter(|e| filter.accepts(e))
        .collect();
    let rows = entries
        .iter()
        .map(|e| PubRow {
            cells: vec![
                e.about.kind().label().to_owned(),
                about_cell(p, e),
                who(e.author),
                date(&e.created),
                date(&e.modified),
                e.text.trim().to_owned(),
            ],
            indent: 0,
            bold: false,
            group: false,
        })
        .collect();
    PubTable {
        name: "memos".into(),
        caption: format!(
            "Memos of the review ({})",
            crate::words::count(entries.len(), "memo", "memos")
        ),
        headings: ["Kind", "About", "Author", "Written", "Changed", "Memo"]
            .map(str::to_owned)
            .to_vec(),
        numeric: vec![false; 6],
        rows,
        footnotes: vec![
            "Dates are when a memo was written and last changed (YYYY-MM-DD); \"Not recorded\" where the memo came from a file or tool that did not say.".into(),
        ],
    }
}

/// "the project", "[3] Okafor 2021", "code Theme > Factor", or the
/// passage with its page, and a project memo's title.
fn about_cell(p: &Project, e: &memos::Entry) -> String {
    let link = memos::link(p, e.about);
    match e.about {
        memos::About::Project | memos::About::Code(_) if !e.title.trim().is_empty() => {
            format!("{link}: {}", e.title.trim())
        }
        _ => link,
    }
}

/// The audit file in `format` (Markdown, HTML or Word).
pub fn audit(p: &Project, filter: &Filter, format: Format) -> Result<Vec<u8>, ReportError> {
    let t = table(p, filter);
    Ok(match format {
        Format::Markdown => super::publish_render::to_markdown(&t).into_bytes(),
        Format::Html => super::html::publication_page(p, std::slice::from_ref(&t)).into_bytes(),
        Format::Docx => super::word::docx(&p.name, std::slice::from_ref(&t))?,
        other => return Err(ReportError::MemosAs(other)),
    })
}
