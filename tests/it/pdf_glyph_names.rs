//! Thema writes a simple font's letters as glyph names in its encoding's
//! `Differences` (pdf-extract looks those up in a table) and only what no
//! name says in a `ToUnicode` map (which pdf-extract parses again on every
//! page). These tests hold pdf-extract to reading every name Thema may
//! write as the letter Thema means.

use pdf_extract::{Document, Object, Stream, dictionary};

/// A PDF of one page per font: each font a Helvetica without a program
/// whose codes 33… are given the texts of `chunk` by a `ToUnicode` map,
/// drawn all in one string.
fn pdf_of_texts(chunks: &[Vec<String>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let mut pages = Vec::new();
    for chunk in chunks {
        let mut cmap = format!(
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n{} beginbfchar\n",
            chunk.len()
        );
        let mut shown = String::new();
        for (k, text) in chunk.iter().enumerate() {
            let code = 33 + k;
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            cmap.push_str(&format!("<{code:02X}> <{utf16}>\n"));
            shown.push_str(&format!("{code:02X}"));
        }
        cmap.push_str("endbfchar\n");
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1",
        "BaseFont" => "Helvetica", "ToUnicode" => to_unicode });
        pages.push((
            format!("BT /F1 10 Tf 40 700 Td <{shown}> Tj ET"),
            Object::from(font),
        ));
    }
    super::pdf_fonts::pdf_of(doc, &pages, 20_000)
}

#[test]
fn every_letter_thema_writes_as_a_glyph_name_is_read_back_as_that_letter() {
    // Every visible character of the Basic Multilingual Plane that has a
    // name of its own in the Adobe Glyph List, 200 to a font.
    let letters: Vec<String> = (0x21u32..=0xFFFF)
        .filter_map(char::from_u32)
        .filter(|c| !c.is_whitespace() && !c.is_control() && !('\u{300}'..='\u{36F}').contains(c))
        .filter(|&c| thema::io::pdf_glyphs::agl_name(c).is_some())
        .map(String::from)
        .collect();
    assert!(letters.len() > 3000, "{}", letters.len());
    let chunks: Vec<Vec<String>> = letters.chunks(200).map(<[String]>::to_vec).collect();
    let text = thema::io::pdf::extract(&pdf_of_texts(&chunks)).unwrap();
    for (page, chunk) in text.pages.iter().zip(&chunks) {
        let read: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(read, chunk.concat());
    }
    assert_eq!(text.pages.len(), chunks.len());
}

#[test]
fn letters_without_a_name_and_ligatures_keep_their_text_beside_named_ones() {
    // Named (é, Greek, Cyrillic, the euro), unnamed (U+2E3A two-em dash,
    // a CJK ideograph, an emoji outside the BMP) and several letters for
    // one code (a ligature spelled out) in one font.
    let texts: Vec<String> = ["é", "λ", "Ж", "€", "\u{2E3A}", "中", "😀", "fi", "Ω", "ffl"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let text = thema::io::pdf::extract(&pdf_of_texts(std::slice::from_ref(&texts))).unwrap();
    let read: String = text.pages[0]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(read, texts.concat());
}
