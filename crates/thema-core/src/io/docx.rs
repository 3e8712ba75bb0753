//! Plain text from a `.docx` (for REFI-QDA sources whose text lives only in
//! a Word file): the paragraphs of word/document.xml, one per line.

use std::io::Read;

/// Why a Word document's text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("it is not a readable Word document ({0})")]
    NotDocx(#[source] super::zipsafe::ArchiveError),
    #[error("it has no word/document.xml")]
    NoBody,
    #[error("its text could not be read ({0})")]
    Damaged(String),
}

/// Extracts the text of a .docx given as bytes.
pub fn text(bytes: &[u8]) -> Result<String, DocxError> {
    let archive = super::zipsafe::read(bytes).map_err(DocxError::NotDocx)?;
    let xml = archive.get("word/document.xml").ok_or(DocxError::NoBody)?;
    let mut s = String::new();
    let _ = xml.as_slice().read_to_string(&mut s);
    let mut out = String::new();
    let mut reader = quick_xml::Reader::from_str(&s);
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                let name = e.name();
                let local = name.local_name();
                in_text = local.as_ref() == "t";
                if local.as_ref() == "tab" {
                    out.push('\t');
                }
            }
            Ok(quick_xml::events::Event::Empty(e)) => match e.name().local_name().as_ref() {
                "tab" => out.push('\t'),
                "br" => out.push('\n'),
                _ => {}
            },
            Ok(quick_xml::events::Event::End(e)) => match e.name().local_name().as_ref() {
                "p" => out.push('\n'),
                "t" => in_text = false,
                _ => {}
            },
            Ok(quick_xml::events::Event::Text(t)) if in_text => {
                out.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
            }
            Ok(quick_xml::events::Event::GeneralRef(r)) if in_text => {
                let ch = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                out.push_str(ch);
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => return Err(DocxError::Damaged(e.to_string())),
            _ => {}
        }
    }
    Ok(out.trim_end_matches('\n').to_owned() + "\n")
}
