//! Codes of composite fonts: legacy CJK encodings (Shift-JIS, GBK, Big5,
//! EUC, 7-bit JIS) and CID widths (`/W`), for the second PDF reader.

use std::collections::HashMap;

use pdf_extract::{Document, Object};

use super::pdf_cmap::Code;
use super::pdf_fonts::deref;

/// A PDF number as f64.
pub fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// How a legacy CJK encoding splits bytes into characters.
#[derive(Clone, Copy)]
pub enum Legacy {
    /// Decoded by `encoding_rs`.
    Decoder(&'static encoding_rs::Encoding),
    /// JIS X 0208 in 7 bits (`H`, `V`): EUC-JP with the high bit cleared.
    Jis7,
}

pub fn legacy_for(name: &str) -> Option<Legacy> {
    use encoding_rs::{BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS};
    let enc = if name.contains("RKSJ") {
        SHIFT_JIS
    } else if name.starts_with("GB") {
        GBK
    } else if name.starts_with("KSC") {
        EUC_KR
    } else if name.contains("B5") || name.starts_with("ETen") || name.starts_with("HKscs") {
        BIG5
    } else if name.starts_with("EUC") {
        EUC_JP
    } else if name == "H" || name == "V" {
        return Some(Legacy::Jis7);
    } else {
        return None;
    };
    Some(Legacy::Decoder(enc))
}

pub fn code_bytes(code: Code) -> Vec<u8> {
    let n = usize::from(code.0);
    code.1.to_be_bytes()[4 - n..].to_vec()
}

pub fn split_legacy(l: Legacy, bytes: &[u8]) -> Vec<Code> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let two = match l {
            Legacy::Jis7 => true,
            Legacy::Decoder(e) if e == encoding_rs::SHIFT_JIS => {
                (0x81..=0x9F).contains(&b) || (0xE0..=0xFC).contains(&b)
            }
            Legacy::Decoder(_) => b >= 0x81,
        };
        let n = if two && i + 1 < bytes.len() { 2 } else { 1 };
        let v = bytes[i..i + n]
            .iter()
            .fold(0u32, |v, &b| (v << 8) | u32::from(b));
        out.push((u8::try_from(n).unwrap_or(1), v));
        i += n;
    }
    out
}

pub fn decode_legacy(l: Legacy, raw: &[u8]) -> String {
    match l {
        Legacy::Decoder(e) => e.decode_without_bom_handling(raw).0.into_owned(),
        Legacy::Jis7 => {
            let high: Vec<u8> = raw.iter().map(|b| b | 0x80).collect();
            encoding_rs::EUC_JP
                .decode_without_bom_handling(&high)
                .0
                .into_owned()
        }
    }
}

/// `/W` of a CID font: `c [w1 w2 …]` and `c_first c_last w`, bounded.
pub fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i < w.len() && out.len() < 65_536 {
        let first = num(deref(doc, &w[i])).and_then(|f| u32::try_from(f as i64).ok());
        match (first, w.get(i + 1).map(|o| deref(doc, o))) {
            (Some(first), Some(Object::Array(ws))) => {
                for (k, x) in ws.iter().enumerate().take(65_536) {
                    if let Some(x) = num(deref(doc, x)) {
                        out.insert(first + u32::try_from(k).unwrap_or(0), x);
                    }
                }
                i += 2;
            }
            (Some(first), Some(last)) => {
                let last = num(last)
                    .and_then(|l| u32::try_from(l as i64).ok())
                    .unwrap_or(first);
                let width = w
                    .get(i + 2)
                    .map(|o| deref(doc, o))
                    .and_then(num)
                    .unwrap_or(1000.0);
                for c in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(c, width);
                }
                i += 3;
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn legacy_cjk_bytes_become_letters() {
        let sjis = [0x93, 0xFA, 0x96, 0x7B, 0x41];
        let codes = split_legacy(Legacy::Decoder(encoding_rs::SHIFT_JIS), &sjis);
        assert_eq!(codes, vec![(2, 0x93FA), (2, 0x967B), (1, 0x41)]);
        let text: String = codes
            .iter()
            .map(|c| decode_legacy(Legacy::Decoder(encoding_rs::SHIFT_JIS), &code_bytes(*c)))
            .collect();
        assert_eq!(text, "日本A");
        // "日" in JIS X 0208 row/cell bytes.
        assert_eq!(decode_legacy(Legacy::Jis7, &[0x46, 0x7C]), "日");
    }

    #[test]
    fn cid_widths_in_both_forms_and_bounded() {
        let doc = Document::with_version("1.5");
        let w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(250), Object::Integer(300)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(600),
            Object::Integer(100_000),
            Object::Integer(4_000_000_000),
            Object::Integer(1),
        ];
        let mut out = HashMap::new();
        read_cid_widths(&doc, &w, &mut out);
        assert_eq!(out.get(&2), Some(&300.0));
        assert_eq!(out.get(&12), Some(&600.0));
        assert!(out.len() <= 65_536 + 5);
    }
}
