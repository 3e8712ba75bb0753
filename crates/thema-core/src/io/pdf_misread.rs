//! Pages pdf-extract is known to misread although it finds some text on
//! them, so that Thema's own reader ([`super::pdf_fallback`]) is asked as
//! well:
//!
//! - a composite font whose encoding CMap is embedded in the file:
//!   pdf-extract's CMap parser takes a code space range's byte length for
//!   half of it, so one-byte codes match nothing (the text is lost) and
//!   two-byte codes are read one byte at a time;
//! - forms (drawings a page reuses) with text, drawn two or more times:
//!   pdf-extract draws every form as if at the page's corner, so the
//!   copies land on one spot and all but the first are dropped as text
//!   drawn on itself ([`super::pdf_overprint`]).
//!
//! The checks read the page's resources and content bytes only, with
//! bounded work.

use std::collections::HashSet;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::pdf_fallback::page_resources;
use super::pdf_fonts::{deref, stream_bytes};

/// Forms looked into per page, and the largest looked into (bytes as
/// stored): this runs on every page.
const MAX_FORMS: usize = 64;
const MAX_FORM_BYTES: usize = 1 << 20;

/// Whether pdf-extract's text of the page is known to be short of what
/// the page shows (see the module's description).
pub fn misread(doc: &Document, page_id: ObjectId) -> bool {
    let resources = page_resources(doc, page_id);
    if fonts_of(doc, &resources).any(|f| embedded_encoding(doc, f)) {
        return true;
    }
    let text_forms = text_forms(doc, &resources);
    if text_forms.is_empty() {
        return false;
    }
    let Ok(content) = doc.get_page_content(page_id) else {
        return false;
    };
    forms_drawn(&content, &text_forms) >= 2
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, o).as_dict().ok()
}

fn fonts_of<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
) -> impl Iterator<Item = &'a Dictionary> + 'a {
    resources
        .get(b"Font")
        .ok()
        .and_then(|o| dict(doc, o))
        .into_iter()
        .flat_map(|fonts| fonts.iter())
        .filter_map(move |(_, f)| dict(doc, f))
}

/// A composite font whose `/Encoding` is a CMap stream of the file's own.
fn embedded_encoding(doc: &Document, font: &Dictionary) -> bool {
    let composite = font.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Type0");
    composite
        && font
            .get(b"Encoding")
            .is_ok_and(|e| matches!(deref(doc, e), Object::Stream(_)))
}

/// Names of the page's forms that show text.
fn text_forms(doc: &Document, resources: &Dictionary) -> HashSet<Vec<u8>> {
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| dict(doc, o)) else {
        return HashSet::new();
    };
    xobjects
        .iter()
        .take(MAX_FORMS)
        .filter(|(_, o)| {
            let Object::Stream(s) = deref(doc, o) else {
                return false;
            };
            s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Form")
                && s.content.len() <= MAX_FORM_BYTES
                && stream_bytes(s).is_some_and(|b| shows_text(&b))
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Whether content bytes hold a text object (`BT` as a word of its own).
fn shows_text(content: &[u8]) -> bool {
    content.split(u8::is_ascii_whitespace).any(|w| w == b"BT")
}

/// How many times the content draws one of `forms` (`/Name Do`).
fn forms_drawn(content: &[u8], forms: &HashSet<Vec<u8>>) -> usize {
    let words: Vec<&[u8]> = content
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[1] == b"Do" && w[0].strip_prefix(b"/").is_some_and(|n| forms.contains(n)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{Stream, dictionary};

    fn page(doc: &mut Document, resources: Dictionary, content: &str) -> ObjectId {
        let contents = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages,
        "Resources" => resources, "Contents" => contents });
        let tree = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
        doc.objects.insert(pages, Object::Dictionary(tree));
        page
    }

    #[test]
    fn a_text_form_drawn_twice_and_an_embedded_encoding_are_flagged() {
        let mut doc = Document::with_version("1.5");
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            b"BT /F1 9 Tf (Label) Tj ET".to_vec(),
        ));
        let picture = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            b"0 0 10 10 re f".to_vec(),
        ));
        let xobjects = || dictionary! { "XObject" => dictionary! { "L" => form, "P" => picture } };
        let twice = page(
            &mut doc,
            xobjects(),
            "q 1 0 0 1 0 0 cm /L Do Q q 1 0 0 1 0 50 cm /L Do Q",
        );
        let once = page(&mut doc, xobjects(), "/L Do /P Do /P Do");
        assert!(misread(&doc, twice));
        assert!(!misread(&doc, once));
        let cmap = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange".to_vec(),
        ));
        let font = dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => cmap };
        let own = page(
            &mut doc,
            dictionary! { "Font" => dictionary! { "F1" => font } },
            "",
        );
        let font =
            dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H" };
        let named = page(
            &mut doc,
            dictionary! { "Font" => dictionary! { "F1" => font } },
            "",
        );
        assert!(misread(&doc, own));
        assert!(!misread(&doc, named));
    }
}
