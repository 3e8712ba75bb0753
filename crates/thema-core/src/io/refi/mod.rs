//! REFI-QDA exchange: `.qdpx` projects and `.qdc` codebooks, the open
//! standard NVivo, ATLAS.ti, MAXQDA and QualCoder read and write.
//!
//! Thema's categories have no REFI element: they are exported as codes in a
//! separate non-codable group ("Thema categories"), each categorised passage
//! carrying a second coding of its category code, and read back losslessly.
//!
//! Other Thema-only data rides where the REFI schema allows free text and
//! other tools ignore it: reference numbers, short references and page
//! starts as `Thema: …` variables, and year ranges as a "Thema ranges: …"
//! line in a number variable's `<Description>`.

pub mod codebook;
pub mod export;
pub mod export_appraisal;
pub mod import;
mod import_codes;
mod import_notes;
mod import_report;
mod import_source;
mod import_util;
pub mod positions;
mod xml;

use std::path::PathBuf;

/// Why an exchange file (`.qdpx`, `.qdc`) could not be read. Whatever
/// could be read of a file that *was* imported is in the import report
/// instead; this is for files that could not be taken at all.
#[derive(Debug, thiserror::Error)]
pub enum RefiError {
    #[error("{} could not be read ({source})", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Any of the errors below, for a named file.
    #[error("{} could not be imported: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: Box<RefiError>,
    },
    /// The zip container: not a zip, damaged, or refused by one of the
    /// limits that keep hostile archives out (the sentence says which).
    #[error(transparent)]
    Archive(#[from] crate::io::zipsafe::ArchiveError),
    /// An export could not be written.
    #[error("the archive could not be written ({0})")]
    Write(String),
    #[error("the archive holds no project (.qde) file at its top level")]
    NoProject,
    /// A `.qdc` codebook given where a `.qdpx` project was expected.
    #[error(
        "it is a REFI-QDA codebook (.qdc), not a project: add its codes to a project with File › Exchange › Import codebook, or `thema import-qdc PROJECT FILE`"
    )]
    IsCodebook,
    /// A `.qdpx` archive given where a `.qdc` codebook was expected.
    #[error(
        "it is a REFI-QDA project (.qdpx), not a codebook: open it with File › Exchange › Import project, or `thema import-qdpx FILE -o PROJECT`"
    )]
    IsProject,
    #[error(
        "the archive holds {} project files at its top level ({}); expected one",
        .0.len(),
        .0.join(", ")
    )]
    SeveralProjects(Vec<String>),
    /// The XML could not be read; `file` is the archive entry (empty for
    /// a codebook file on its own).
    #[error("{}{reason}", in_file(.file))]
    Xml { file: String, reason: String },
    #[error("{}it is not a REFI-QDA {expected} (its root element is <{root}>)", in_file(.file))]
    WrongRoot {
        file: String,
        expected: &'static str,
        root: String,
    },
    #[error("the imported project is inconsistent: {0}")]
    Inconsistent(String),
}

fn in_file(file: &str) -> String {
    if file.is_empty() {
        String::new()
    } else {
        format!("{file}: ")
    }
}

/// Name of the code group holding Thema's categories.
pub const CATEGORY_GROUP: &str = "Thema categories";
/// Variables that carry Thema's document fields.
pub const VAR_REFERENCE: &str = "Thema: reference number";
pub const VAR_SHORT_REF: &str = "Thema: short reference";
/// Variable carrying a document's page starts (char offsets, space
/// separated), declared only when some document has pages. Other tools
/// show it as an ordinary text variable and ignore it.
pub const VAR_PAGE_STARTS: &str = "Thema: page starts";
/// Line of a number variable's `<Description>` carrying Thema's year ranges
/// (`bins`): "Thema ranges: 1997..2004; 2005..2009", numbers written so they
/// read back exactly. The REFI schema allows any text there.
pub const RANGES_PREFIX: &str = "Thema ranges: ";
/// Line of a text variable's `<Description>` listing its choices.
pub const CHOICES_PREFIX: &str = "Choices: ";

/// Last line of a code's `<Description>` carrying its framework origin:
/// "Thema framework: a priori" or "… emergent" (other tools show it as
/// part of the description; Thema reads it back into `Code::origin`).
pub const ORIGIN_PREFIX: &str = "Thema framework: ";

/// A code's description as written to REFI-QDA: its own, then the origin
/// line when it has one.
pub fn description_with_origin(c: &crate::model::Code) -> String {
    match c.origin {
        None => c.description.clone(),
        Some(o) if c.description.is_empty() => format!("{ORIGIN_PREFIX}{}", o.label()),
        Some(o) => format!("{}\n\n{ORIGIN_PREFIX}{}", c.description, o.label()),
    }
}

/// A REFI-QDA code description split into the description and the origin
/// its last line names (the line removed), if any.
pub fn split_origin(text: &str) -> (String, Option<crate::model::codebook::Origin>) {
    use crate::model::codebook::Origin;
    let trimmed = text.trim_end();
    let (before, last) = trimmed.rsplit_once('\n').unwrap_or(("", trimmed));
    let origin = match last.trim().strip_prefix(ORIGIN_PREFIX) {
        Some("a priori") => Some(Origin::APriori),
        Some("emergent") => Some(Origin::Emergent),
        _ => None,
    };
    match origin {
        Some(o) => (before.trim().to_owned(), Some(o)),
        None => (text.trim().to_owned(), None),
    }
}

/// "Thema ranges: 1997..2004; 2005..2009" for `bins`.
pub fn ranges_line(bins: &[crate::model::Bin]) -> String {
    let list: Vec<String> = bins
        .iter()
        .map(|b| format!("{}..{}", b.from, b.to))
        .collect();
    format!("{RANGES_PREFIX}{}", list.join("; "))
}

/// The ranges of a "Thema ranges: " line (without the prefix); `None` if
/// any range is not two numbers.
pub fn parse_ranges(list: &str) -> Option<Vec<crate::model::Bin>> {
    list.split("; ")
        .filter(|s| !s.trim().is_empty())
        .map(|r| {
            let (a, b) = r.split_once("..")?;
            Some(crate::model::Bin {
                from: a.trim().parse().ok()?,
                to: b.trim().parse().ok()?,
            })
        })
        .collect()
}

/// A GUID as REFI files write it, normalised: no braces, lower case.
pub fn parse_guid(s: &str) -> Option<uuid::Uuid> {
    let t = s.trim().trim_start_matches('{').trim_end_matches('}');
    uuid::Uuid::parse_str(t).ok()
}

/// A stable GUID derived from another plus a purpose, so exporting twice
/// writes the same file.
pub fn derived_guid(id: uuid::Uuid, purpose: &str) -> uuid::Uuid {
    let h = crate::model::text::text_hash(&format!("{id}:{purpose}"));
    let mut b = [0u8; 16];
    for (i, x) in b.iter_mut().enumerate() {
        *x = u8::from_str_radix(&h[i * 2..i * 2 + 2], 16).unwrap_or(0);
    }
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::parse_guid;

    #[test]
    fn guids_in_every_spelling() {
        let a = parse_guid("{4F3A2B1C-0D9E-4F8A-B7C6-D5E4F3A2B1C0}").unwrap();
        let b = parse_guid("4f3a2b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0").unwrap();
        assert_eq!(a, b);
        assert!(parse_guid("not-a-guid").is_none());
    }
}
