//! Thema's own reading of PDF fonts, on top of pdf-extract.
//!
//! pdf-extract decodes a simple font's bytes through the font program's
//! built-in encoding even when the PDF names another (so "Vallès" became
//! "VallŁs": byte E8 is "è" in WinAnsiEncoding, "Ł" in StandardEncoding),
//! and it panics on encodings it does not know, on font programs it cannot
//! parse and on broken `ToUnicode` maps, losing the page. Before pages are
//! read, [`normalize`] works out each simple font's text per byte the way
//! the PDF specification orders it (`ToUnicode`, then `Encoding` with its
//! `Differences`, then the font program's own encoding, then
//! StandardEncoding) and writes it back as a complete `ToUnicode` map that
//! pdf-extract then follows; broken maps of composite fonts are rewritten
//! from Thema's forgiving reader. The same decoding serves the fallback
//! reader of pages pdf-extract cannot read ([`super::pdf_fallback`]).

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

use super::pdf_cmap::CMap;
use super::pdf_glyphs::{BaseEncoding, glyph_unicode};

/// What [`normalize`] changed, for the import report and the measurements.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Normalized {
    /// Simple fonts whose text per byte Thema set.
    pub simple_fonts: usize,
    /// Composite fonts whose broken maps Thema rewrote.
    pub composite_fonts: usize,
}

/// Follows a reference (once is enough for font entries).
pub fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn name_of<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    dict_get(doc, d, key).and_then(|o| o.as_name().ok())
}

/// A stream's bytes, decompressed when it has filters.
pub fn stream_bytes(s: &Stream) -> Option<Vec<u8>> {
    if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content().ok()
    } else {
        Some(s.content.clone())
    }
}

fn is_simple(subtype: &[u8]) -> bool {
    matches!(subtype, b"Type1" | b"MMType1" | b"TrueType")
}

/// The text of each of a simple font's 256 codes, or `None` when nothing
/// in the file says which letters the font draws (a symbolic TrueType
/// font without an encoding, say).
pub fn simple_table(doc: &Document, font: &Dictionary) -> Option<Vec<Option<String>>> {
    let subtype = name_of(doc, font, b"Subtype").unwrap_or(b"Type1");
    let descriptor = dict_get(doc, font, b"FontDescriptor").and_then(|o| o.as_dict().ok());
    let flags = descriptor
        .and_then(|d| dict_get(doc, d, b"Flags"))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let base_font = name_of(doc, font, b"BaseFont").unwrap_or_default();
    let dingbats = [&b"Symbol"[..], b"ZapfDingbats", b"Wingdings", b"Webdings"]
        .iter()
        .any(|n| base_font.windows(n.len()).any(|w| w == *n));
    let symbolic = dingbats || flags & 4 != 0 && flags & 32 == 0;
    let embedded = descriptor.is_some_and(|d| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| d.get(k).is_ok())
    });
    let encoding = dict_get(doc, font, b"Encoding");
    let (named_base, differences) = match encoding {
        Some(Object::Name(n)) => (BaseEncoding::from_name(n), None),
        Some(Object::Dictionary(d)) => (
            name_of(doc, d, b"BaseEncoding").and_then(BaseEncoding::from_name),
            dict_get(doc, d, b"Differences").and_then(|o| o.as_array().ok()),
        ),
        _ => (None, None),
    };
    let builtin = || descriptor.and_then(|d| builtin_encoding(doc, d));
    let fallback = || {
        if subtype == b"TrueType" {
            (!symbolic).then(|| BaseEncoding::WinAnsi.table())
        } else if !embedded && symbolic {
            // Symbol and ZapfDingbats: pdf-extract knows their encodings.
            None
        } else {
            Some(BaseEncoding::Standard.table())
        }
    };
    let mut table = match named_base {
        Some(b) => Some(b.table()),
        None => builtin().or_else(fallback),
    };
    if let Some(diffs) = differences {
        let t = table.get_or_insert_with(|| vec![None; 256]);
        let mut code: i64 = 0;
        for o in diffs {
            match deref(doc, o) {
                Object::Integer(i) => code = *i,
                Object::Name(n) => {
                    if let Ok(c) = usize::try_from(code)
                        && c < 256
                    {
                        let name = String::from_utf8_lossy(n);
                        if let Some(text) = glyph_unicode(&name) {
                            t[c] = Some(text);
                        }
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    // ToUnicode says last and wins, code by code.
    if let Some(cmap) = dict_get(doc, font, b"ToUnicode")
        .and_then(|o| o.as_stream().ok())
        .and_then(stream_bytes)
        .map(|b| CMap::parse(&b))
    {
        let t = table.get_or_insert_with(|| vec![None; 256]);
        for (c, slot) in t.iter_mut().enumerate() {
            let code = u32::try_from(c).unwrap_or(0);
            if let Some(text) = cmap.unicode((1, code)).or_else(|| cmap.unicode((2, code)))
                && !text.is_empty()
                && !text.chars().all(|ch| ch.is_control() || ch == '\u{FFFD}')
            {
                *slot = Some(text);
            }
        }
    }
    table
}

/// The font program's own encoding: a Type 1 program's `/Encoding` array
/// or a CFF program's encoding and charset.
fn builtin_encoding(doc: &Document, descriptor: &Dictionary) -> Option<Vec<Option<String>>> {
    if let Some(s) = dict_get(doc, descriptor, b"FontFile").and_then(|o| o.as_stream().ok()) {
        return type1_encoding(&stream_bytes(s)?);
    }
    let s = dict_get(doc, descriptor, b"FontFile3").and_then(|o| o.as_stream().ok())?;
    if name_of(doc, &s.dict, b"Subtype") != Some(b"Type1C") {
        return None;
    }
    let bytes = stream_bytes(s)?;
    catch_unwind(AssertUnwindSafe(|| {
        let table = cff_parser::Table::parse(&bytes)?;
        Some(
            (0..=255u8)
                .map(|code| {
                    let gid = table.glyph_index(code)?;
                    glyph_unicode(table.glyph_name(gid)?)
                })
                .collect::<Vec<_>>(),
        )
    }))
    .ok()
    .flatten()
    .filter(|t| t.iter().any(Option::is_some))
}

/// The `/Encoding` of a Type 1 font program's clear-text part.
fn type1_encoding(program: &[u8]) -> Option<Vec<Option<String>>> {
    // A PFB file starts with a segment header.
    let program = if program.first() == Some(&0x80) {
        program.get(6..)?
    } else {
        program
    };
    let end = find(program, b"eexec").unwrap_or(program.len());
    let clear = &program[..end];
    let at = find(clear, b"/Encoding")? + b"/Encoding".len();
    let rest = String::from_utf8_lossy(&clear[at..]);
    if rest.trim_start().starts_with("StandardEncoding") {
        return Some(BaseEncoding::Standard.table());
    }
    let mut table = vec![None; 256];
    let words: Vec<&str> = rest.split_whitespace().take(8192).collect();
    let mut any = false;
    for w in words.windows(4) {
        if w[0] == "dup"
            && w[3] == "put"
            && let (Ok(code), Some(name)) = (w[1].parse::<usize>(), w[2].strip_prefix('/'))
            && code < 256
        {
            table[code] = glyph_unicode(name);
            any = true;
        }
        if w[0] == "readonly" || w[0] == "def" && any {
            break;
        }
    }
    any.then_some(table)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Makes every font dictionary an object of its own, so that fonts given
/// inline in a resource dictionary are normalised like the others.
fn hoist_inline_fonts(doc: &mut Document) {
    let mut inline: Vec<(ObjectId, Option<ObjectId>, Vec<u8>, Dictionary)> = Vec::new();
    for (id, obj) in &doc.objects {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let Ok(res) = dict.get(b"Font") else { continue };
        // A /Font entry of a resource dictionary: either inline or one reference.
        let (fonts, via) = match res {
            Object::Dictionary(d) => (d, None),
            Object::Reference(r) => match doc.objects.get(r) {
                Some(Object::Dictionary(d)) => (d, Some(*r)),
                _ => continue,
            },
            _ => continue,
        };
        for (name, f) in fonts {
            if let Object::Dictionary(fd) = f {
                inline.push((*id, via, name.clone(), fd.clone()));
            }
        }
    }
    for (owner, via, name, font) in inline {
        let new_id = doc.add_object(Object::Dictionary(font));
        let holder = via.unwrap_or(owner);
        let fonts = match doc.objects.get_mut(&holder) {
            Some(Object::Dictionary(d)) if via.is_some() => Some(d),
            Some(Object::Dictionary(d)) => {
                d.get_mut(b"Font").ok().and_then(|o| o.as_dict_mut().ok())
            }
            Some(Object::Stream(s)) => s
                .dict
                .get_mut(b"Font")
                .ok()
                .and_then(|o| o.as_dict_mut().ok()),
            _ => None,
        };
        if let Some(fonts) = fonts {
            fonts.set(name, Object::Reference(new_id));
        }
    }
}

/// Rewrites fonts so that pdf-extract decodes them as the PDF says (see
/// the module's description). Never fails: a font Thema cannot improve is
/// left as it was.
pub fn normalize(doc: &mut Document) -> Normalized {
    hoist_inline_fonts(doc);
    let mut out = Normalized::default();
    let font_ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Dictionary(d)
                if d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Font") =>
            {
                Some(*id)
            }
            _ => None,
        })
        .collect();
    for id in font_ids {
        let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
            continue;
        };
        let subtype = name_of(doc, font, b"Subtype").unwrap_or_default().to_vec();
        if is_simple(&subtype) {
            let table = catch_unwind(AssertUnwindSafe(|| simple_table(doc, font)))
                .ok()
                .flatten();
            if let Some(table) = table {
                rewrite_simple(doc, id, &table);
                out.simple_fonts += 1;
                stand_in_for_widths(doc, id);
            }
        } else if subtype == b"Type0" && repair_composite(doc, id) {
            out.composite_fonts += 1;
        } else if subtype == b"Type3" {
            type3_widths_in_thousandths(doc, id);
        }
    }
    out
}

/// A Type 3 font's widths are in its own glyph space, scaled to text
/// space by its `FontMatrix`; pdf-extract takes them as thousandths, as
/// for other fonts. dvips's bitmap fonts have the matrix [1 0 0 -1 0 0]:
/// the pen moved a thousandth of the way, every letter of a word stood
/// on the first, and the words ran together. The widths are rewritten in
/// thousandths (the matrix's horizontal scale times 1000).
fn type3_widths_in_thousandths(doc: &mut Document, id: ObjectId) {
    let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
        return;
    };
    let number = |o: &Object| {
        o.as_float()
            .ok()
            .map(f64::from)
            .or_else(|| o.as_i64().ok().map(|i| i as f64))
    };
    let scale = dict_get(doc, font, b"FontMatrix")
        .and_then(|m| m.as_array().ok())
        .and_then(|m| m.first())
        .and_then(|a| number(deref(doc, a)))
        .map(|a| a * 1000.0);
    let Some(scale) = scale.filter(|s| s.is_finite() && *s != 0.0 && (*s - 1.0).abs() > 1e-6)
    else {
        return;
    };
    let Some(widths) = dict_get(doc, font, b"Widths").and_then(|w| w.as_array().ok()) else {
        return;
    };
    let scaled: Vec<Object> = widths
        .iter()
        .map(|w| Object::Real((number(deref(doc, w)).unwrap_or(0.0) * scale) as f32))
        .collect();
    if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
        font.set("Widths", Object::Array(scaled));
    }
}

/// Names the stand-in of a font without widths
/// ([`super::pdf_core_fonts::stand_in`]) as its
/// `BaseFont`, for pdf-extract to take its widths from; its text is
/// already fixed by the `ToUnicode` map [`rewrite_simple`] wrote.
fn stand_in_for_widths(doc: &mut Document, id: ObjectId) {
    let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
        return;
    };
    if dict_get(doc, font, b"Widths").is_some()
        || name_of(doc, font, b"Subtype") == Some(b"Type3".as_slice())
    {
        return;
    }
    let flags = dict_get(doc, font, b"FontDescriptor")
        .and_then(|d| d.as_dict().ok())
        .and_then(|d| dict_get(doc, d, b"Flags"))
        .and_then(|f| f.as_i64().ok())
        .unwrap_or(0);
    let base = name_of(doc, font, b"BaseFont").unwrap_or_default();
    if let Some(name) = super::pdf_core_fonts::stand_in(base, flags)
        && let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id)
    {
        font.set("BaseFont", Object::Name(name.as_bytes().to_vec()));
    }
}

/// Codes whose text in WinAnsiEncoding pdf-extract gives exactly as
/// Thema's table does (printable ASCII but the two quotes, whose glyph
/// names differ between readers, and the letters and signs of the upper
/// half but the soft hyphen).
pub fn win_ansi_agrees(code: usize) -> bool {
    matches!(code, 0x20..=0x7E | 0xA1..=0xFF) && !matches!(code, 0x27 | 0x60 | 0xAD)
}

/// The map written for a simple font: only the codes whose text differs
/// from WinAnsiEncoding's, the font's new encoding, which readers fall back
/// on. pdf-extract parses a font's map again on every page it is used on,
/// so a map of 200 codes where 20 differ cost most of the import's time.
pub fn simple_map_entries(table: &[Option<String>]) -> Vec<Option<String>> {
    let win = super::pdf_glyphs::BaseEncoding::WinAnsi.table();
    table
        .iter()
        .enumerate()
        .map(|(c, t)| match t {
            Some(t) if win_ansi_agrees(c) && win.get(c).and_then(Option::as_ref) == Some(t) => None,
            other => other.clone(),
        })
        .collect()
}

fn rewrite_simple(doc: &mut Document, id: ObjectId, table: &[Option<String>]) {
    // Codes whose text one glyph name says go in the encoding's
    // Differences (pdf-extract reads those by a table lookup); the rest in
    // a `ToUnicode` map, which pdf-extract parses again on every page the
    // font is on, at a cost that grows with the map.
    let mut entries = simple_map_entries(table);
    let mut differences: Vec<Object> = Vec::new();
    let mut next = None;
    for (code, entry) in entries.iter_mut().enumerate() {
        let mut chars = entry.as_deref().map(str::chars);
        let name = chars.as_mut().and_then(|cs| match (cs.next(), cs.next()) {
            (Some(c), None) if u32::from(c) <= 0xFFFF => super::pdf_glyphs::agl_name(c),
            _ => None,
        });
        if let Some(name) = name {
            if next != Some(code) {
                differences.push(Object::Integer(i64::try_from(code).unwrap_or(0)));
            }
            differences.push(Object::Name(name.as_bytes().to_vec()));
            next = Some(code + 1);
            *entry = None;
        }
    }
    let cmap = entries.iter().any(Option::is_some).then(|| {
        doc.add_object(Stream::new(
            Dictionary::new(),
            super::pdf_cmap_write::write_simple_to_unicode(&entries),
        ))
    });
    // A copy of the descriptor without the font program: pdf-extract would
    // read the program's encoding over the one just written (or panic).
    let descriptor = doc
        .objects
        .get(&id)
        .and_then(|o| o.as_dict().ok())
        .and_then(|font| {
            let d = dict_get(doc, font, b"FontDescriptor")?.as_dict().ok()?;
            let mut copy = d.clone();
            copy.remove(b"FontFile");
            copy.remove(b"FontFile3");
            Some(copy)
        });
    let descriptor = descriptor.map(|d| doc.add_object(Object::Dictionary(d)));
    if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
        match cmap {
            Some(cmap) => font.set("ToUnicode", Object::Reference(cmap)),
            None => {
                font.remove(b"ToUnicode");
            }
        }
        // The text of every other code (and the widths of fonts without
        // /Widths).
        let win_ansi = Object::Name(b"WinAnsiEncoding".to_vec());
        if differences.is_empty() {
            font.set("Encoding", win_ansi);
        } else {
            let mut encoding = Dictionary::new();
            encoding.set("BaseEncoding", win_ansi);
            encoding.set("Differences", Object::Array(differences));
            font.set("Encoding", Object::Dictionary(encoding));
        }
        if let Some(d) = descriptor {
            font.set("FontDescriptor", Object::Reference(d));
        }
    }
}

/// Rewrites a composite font's `ToUnicode` map when pdf-extract's CMap
/// reader would reject it (it panics then). Returns whether it did.
fn repair_composite(doc: &mut Document, id: ObjectId) -> bool {
    let Some(Object::Dictionary(font)) = doc.objects.get(&id) else {
        return false;
    };
    let Some(bytes) = dict_get(doc, font, b"ToUnicode")
        .and_then(|o| o.as_stream().ok())
        .and_then(stream_bytes)
    else {
        return false;
    };
    let accepted = catch_unwind(AssertUnwindSafe(|| {
        adobe_cmap_parser::get_unicode_map(&bytes).ok().filter(|m| {
            m.values().all(|v| {
                v.len() % 2 == 0
                    && String::from_utf16(
                        &v.chunks(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect::<Vec<_>>(),
                    )
                    .is_ok()
            })
        })
    }))
    .ok()
    .flatten();
    if let Some(map) = accepted {
        // pdf-extract parses the map again on every page the font is on,
        // and its parser's time grows with the map's bytes: the same
        // mappings, as its own parser read them, are written back in as
        // few bytes as they take (no PostScript wrapping, runs of codes as
        // ranges).
        if let Some(body) = super::pdf_cmap_write::compact_to_unicode(&bytes, &map)
            && body.len() < bytes.len()
        {
            let new = doc.add_object(Stream::new(Dictionary::new(), body));
            if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
                font.set("ToUnicode", Object::Reference(new));
            }
        }
        return false;
    }
    let cmap = CMap::parse(&bytes);
    let body = cmap.write_to_unicode();
    let new = doc.add_object(Stream::new(Dictionary::new(), body));
    if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
        font.set("ToUnicode", Object::Reference(new));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::dictionary;

    fn doc_with_font(font: Dictionary) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let id = doc.add_object(Object::Dictionary(font));
        (doc, id)
    }

    #[test]
    fn named_encoding_wins_over_the_program_and_differences_over_both() {
        let (doc, id) = doc_with_font(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Foo",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![Object::Integer(0x41), Object::Name(b"twoinferior".to_vec())],
            },
        });
        let font = doc.get_dictionary(id).unwrap();
        let t = simple_table(&doc, font).unwrap();
        assert_eq!(t[0xE8].as_deref(), Some("è"));
        assert_eq!(t[0x41].as_deref(), Some("₂"));
    }

    #[test]
    fn type1_program_encoding_is_read() {
        let program = b"%!PS-AdobeFont-1.0\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /Aacute put\ndup 232 /egrave put\nreadonly def\ncurrentfile eexec\x00\x01";
        let t = type1_encoding(program).unwrap();
        assert_eq!(t[65].as_deref(), Some("Á"));
        assert_eq!(t[232].as_deref(), Some("è"));
        assert_eq!(t[66], None);
    }

    #[test]
    fn rewritten_font_decodes_through_its_new_encoding() {
        let (mut doc, id) = doc_with_font(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Bar",
            "Encoding" => "StandardEncoding",
        });
        let n = normalize(&mut doc);
        assert_eq!(n.simple_fonts, 1);
        let font = doc.get_dictionary(id).unwrap();
        // Texts differing from WinAnsiEncoding's go in Differences by their
        // glyph names; only the ligatures spelled out ("fi", no one name
        // says it) are left to a map.
        let encoding = font.get(b"Encoding").unwrap().as_dict().unwrap();
        assert_eq!(
            encoding.get(b"BaseEncoding").unwrap().as_name().unwrap(),
            b"WinAnsiEncoding"
        );
        let map = dict_get(&doc, font, b"ToUnicode")
            .unwrap()
            .as_stream()
            .unwrap();
        let cmap = CMap::parse(&map.content);
        assert_eq!(cmap.unicode((1, 0xAE)).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode((1, 0xE8)), None);
        let t = simple_table(&doc, font).unwrap();
        assert_eq!(t[0xE8].as_deref(), Some("Ł"));
        assert_eq!(t[0x27].as_deref(), Some("’"));
        assert_eq!(t[0x41].as_deref(), Some("A"));
    }

    #[test]
    fn written_cmap_reads_back() {
        let mut t = vec![None; 256];
        t[0xE8] = Some("è".to_owned());
        t[0x41] = Some("A".to_owned());
        t[0x42] = Some("B".to_owned());
        t[0x43] = Some("C".to_owned());
        t[0x44] = Some("ffi".to_owned());
        let written = super::super::pdf_cmap_write::write_simple_to_unicode(&t);
        assert!(String::from_utf8_lossy(&written).contains("<41> <43> <0041>"));
        let m = CMap::parse(&written);
        assert_eq!(m.unicode((1, 0x43)).as_deref(), Some("C"));
        assert_eq!(m.unicode((1, 0x44)).as_deref(), Some("ffi"));
        assert_eq!(m.unicode((1, 0xE8)).as_deref(), Some("è"));
        assert_eq!(m.unicode((1, 0x41)).as_deref(), Some("A"));
        assert_eq!(m.codespace, vec![(1, 0, 255)]);
    }
}
