//! How the second reader ([`super::pdf_fallback`]) turns a shown string
//! into glyphs: per font, a simple font's table of codes, or a composite
//! font's codespace, encoding CMap (or legacy CJK encoding, or UTF-8
//! codes), text map and widths.

use std::collections::HashMap;

use pdf_extract::{Dictionary, Document, Object};

use super::pdf_cmap::{CMap, Code, split_by_codespace};
use super::pdf_codes::{
    Legacy, code_bytes, decode_legacy, legacy_for, num, read_cid_widths, split_legacy,
};
use super::pdf_fonts::{deref, simple_table, stream_bytes};

pub(super) enum Decoder {
    Simple {
        table: Vec<Option<String>>,
        widths: Vec<f64>,
    },
    Composite {
        codespace: Vec<(u8, u32, u32)>,
        encoding: Option<Box<CMap>>,
        to_unicode: Option<Box<CMap>>,
        utf16: bool,
        /// Codes are UTF-8 (`UniJIS-UTF8-H` and its kin).
        utf8: bool,
        legacy: Option<Legacy>,
        widths: HashMap<u32, f64>,
        default_width: f64,
    },
}

impl Decoder {
    pub(super) fn new(doc: &Document, font: &Dictionary) -> Self {
        let subtype = font
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or_default();
        if subtype == b"Type0" {
            return Self::composite(doc, font);
        }
        let table = simple_table(doc, font).unwrap_or_else(|| {
            (0..=255u8)
                .map(|b| (0x20..0x7F).contains(&b).then(|| char::from(b).to_string()))
                .collect()
        });
        let mut widths = vec![500.0; 256];
        let first = font
            .get(b"FirstChar")
            .ok()
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        if let Some(ws) = font
            .get(b"Widths")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            for (k, w) in ws.iter().enumerate() {
                let code = first + i64::try_from(k).unwrap_or(i64::MAX);
                if let (Ok(c), Some(w)) = (usize::try_from(code), num(deref(doc, w)))
                    && c < 256
                {
                    widths[c] = w;
                }
            }
        }
        Self::Simple { table, widths }
    }

    fn composite(doc: &Document, font: &Dictionary) -> Self {
        let (mut codespace, mut encoding, mut legacy) = (Vec::new(), None, None);
        let (mut utf16, mut utf8) = (false, false);
        match font.get(b"Encoding").ok().map(|o| deref(doc, o)) {
            Some(Object::Name(n)) => {
                let name = String::from_utf8_lossy(n);
                utf16 = name.contains("UTF16") || name.contains("UCS2");
                utf8 = name.contains("UTF8");
                legacy = legacy_for(&name);
                if legacy.is_none() && !utf8 {
                    codespace.push((2, 0, 0xFFFF));
                }
            }
            Some(Object::Stream(s)) => {
                let cmap = stream_bytes(s).map(|b| CMap::parse(&b)).unwrap_or_default();
                codespace.clone_from(&cmap.codespace);
                if let Some(base) = &cmap.uses {
                    legacy = legacy_for(base);
                }
                // A Unicode CMap of Adobe's embedded whole: the codes are
                // the text.
                let name = s.dict.get(b"CMapName").ok().and_then(|n| n.as_name().ok());
                let name = String::from_utf8_lossy(name.unwrap_or_default());
                utf16 =
                    name.starts_with("Uni") && (name.contains("UTF16") || name.contains("UCS2"));
                utf8 = name.starts_with("Uni") && name.contains("UTF8");
                encoding = Some(Box::new(cmap));
            }
            _ => codespace.push((2, 0, 0xFFFF)),
        }
        let to_unicode = font
            .get(b"ToUnicode")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_stream().ok())
            .and_then(stream_bytes)
            .map(|b| CMap::parse(&b))
            .filter(|m| !m.is_empty())
            .map(Box::new);
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let default_width = descendant
            .and_then(|d| d.get(b"DW").ok())
            .and_then(num)
            .unwrap_or(1000.0);
        let mut widths = HashMap::new();
        if let Some(w) = descendant
            .and_then(|d| d.get(b"W").ok())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            read_cid_widths(doc, w, &mut widths);
        }
        Self::Composite {
            codespace,
            encoding,
            to_unicode,
            utf16,
            utf8,
            legacy,
            widths,
            default_width,
        }
    }

    /// The glyphs of a shown string: text, width in text space units per
    /// 1000, and whether it is the one-byte code 32 (word spacing applies).
    pub(super) fn glyphs(&self, bytes: &[u8]) -> Vec<(String, f64, bool)> {
        match self {
            Self::Simple { table, widths } => bytes
                .iter()
                .map(|&b| {
                    let i = usize::from(b);
                    (table[i].clone().unwrap_or_default(), widths[i], b == 32)
                })
                .collect(),
            Self::Composite {
                codespace,
                encoding,
                to_unicode,
                utf16,
                utf8,
                legacy,
                widths,
                default_width,
            } => {
                let codes: Vec<Code> = match legacy {
                    Some(l) if codespace.is_empty() => split_legacy(*l, bytes),
                    _ if *utf8 && codespace.is_empty() => split_utf8(bytes),
                    _ => split_by_codespace(codespace, bytes, 2),
                };
                codes
                    .into_iter()
                    .map(|code| {
                        let cid = encoding
                            .as_ref()
                            .and_then(|e| e.cid(code))
                            .unwrap_or(code.1);
                        let text = to_unicode
                            .as_ref()
                            .and_then(|m| m.unicode(code))
                            .or_else(|| {
                                let raw = code_bytes(code);
                                if *utf16 {
                                    Some(String::from_utf16_lossy(&[
                                        u16::try_from(code.1).unwrap_or(0xFFFD)
                                    ]))
                                } else if *utf8 {
                                    String::from_utf8(raw).ok()
                                } else {
                                    legacy.map(|l| decode_legacy(l, &raw))
                                }
                            })
                            .unwrap_or_default();
                        let w = widths.get(&cid).copied().unwrap_or(*default_width);
                        (text, w, code == (1, 32))
                    })
                    .collect()
            }
        }
    }
}

/// Splits UTF-8 bytes into codes, one per character (a stray byte is a
/// code of its own).
fn split_utf8(bytes: &[u8]) -> Vec<Code> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        }
        .min(bytes.len() - i);
        let v = bytes[i..i + len]
            .iter()
            .fold(0u32, |v, &b| (v << 8) | u32::from(b));
        out.push((u8::try_from(len).unwrap_or(1), v));
        i += len;
    }
    out
}
