//! A forgiving reader and a writer of PDF CMaps (`ToUnicode` and embedded
//! encodings of composite fonts).
//!
//! Real files carry CMaps with literal strings where hex strings belong,
//! missing `end…` keywords and ranges that cross their own bounds; this
//! reader keeps every mapping it can make sense of. Ranges are stored as
//! ranges: a hostile `<0000> <FFFFFFFF>` costs one entry, not four billion.

use std::collections::HashMap;

/// One code: its byte length (1 to 4) and value.
pub type Code = (u8, u32);

#[derive(Debug, Clone)]
struct UniRange {
    len: u8,
    lo: u32,
    hi: u32,
    /// UTF-16 of the first code's text; the last unit counts up.
    base: Vec<u16>,
}

#[derive(Debug, Clone, Copy)]
struct CidRange {
    len: u8,
    lo: u32,
    hi: u32,
    cid: u32,
}

/// What a CMap says.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// Code space ranges: byte length, low and high code.
    pub codespace: Vec<(u8, u32, u32)>,
    chars: HashMap<Code, String>,
    ranges: Vec<UniRange>,
    cid_chars: HashMap<Code, u32>,
    cid_ranges: Vec<CidRange>,
    /// The CMap this one builds on (`/90ms-RKSJ-H usecmap`).
    pub uses: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Bytes(Vec<u8>),
    Name(String),
    Int(i64),
    Open,
    Close,
    Word(String),
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                let hex: Vec<u8> = data[start..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let mut bytes: Vec<u8> = hex
                    .chunks(2)
                    .map(|p| {
                        let hi = (p[0] as char).to_digit(16).unwrap_or(0);
                        let lo = p
                            .get(1)
                            .and_then(|&b| (b as char).to_digit(16))
                            .unwrap_or(0);
                        u8::try_from(hi * 16 + lo).unwrap_or(0)
                    })
                    .collect();
                if bytes.is_empty() && end > start {
                    bytes.push(0);
                }
                out.push(Tok::Bytes(bytes));
                i = end + 1;
            }
            b'(' => {
                let mut depth = 1;
                let mut bytes = Vec::new();
                i += 1;
                while i < data.len() && depth > 0 {
                    match data[i] {
                        b'\\' if i + 1 < data.len() => {
                            i += 1;
                            let e = data[i];
                            if (b'0'..=b'7').contains(&e) {
                                let mut v = u32::from(e - b'0');
                                let mut k = 0;
                                while k < 2
                                    && i + 1 < data.len()
                                    && (b'0'..=b'7').contains(&data[i + 1])
                                {
                                    i += 1;
                                    k += 1;
                                    v = v * 8 + u32::from(data[i] - b'0');
                                }
                                bytes.push(u8::try_from(v & 0xFF).unwrap_or(0));
                            } else {
                                bytes.push(match e {
                                    b'n' => b'\n',
                                    b'r' => b'\r',
                                    b't' => b'\t',
                                    other => other,
                                });
                            }
                        }
                        b'(' => {
                            depth += 1;
                            bytes.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                bytes.push(b')');
                            }
                        }
                        b => bytes.push(b),
                    }
                    i += 1;
                }
                out.push(Tok::Bytes(bytes));
                continue;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i = start;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ if is_delim(c) => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                let w = String::from_utf8_lossy(&data[start..i]).into_owned();
                out.push(match w.parse::<i64>() {
                    Ok(n) => Tok::Int(n),
                    Err(_) => Tok::Word(w),
                });
            }
        }
    }
    out
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

fn code_of(bytes: &[u8]) -> Option<Code> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let v = bytes.iter().fold(0u32, |v, &b| (v << 8) | u32::from(b));
    Some((u8::try_from(bytes.len()).ok()?, v))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect()
}

fn text_of(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    /// Reads a CMap, keeping what makes sense.
    pub fn parse(data: &[u8]) -> Self {
        let toks = tokens(data);
        let mut m = CMap::default();
        let mut i = 0;
        let mut last_name: Option<String> = None;
        while i < toks.len() {
            match &toks[i] {
                Tok::Name(n) => last_name = Some(n.clone()),
                Tok::Word(w) if w == "usecmap" => m.uses = last_name.clone(),
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Tok::Bytes(a)), Some(Tok::Bytes(b))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if let (Some(lo), Some(hi)) = (code_of(a), code_of(b)) {
                            m.codespace.push((lo.0, lo.1, hi.1));
                        }
                        i += 2;
                    }
                    continue;
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(Tok::Bytes(a)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        let text = match dst {
                            Tok::Bytes(d) => Some(text_of(&utf16(d))),
                            Tok::Name(n) => super::pdf_glyphs::glyph_unicode(n),
                            _ => break,
                        };
                        if let (Some(code), Some(text)) = (code_of(a), text) {
                            m.chars.insert(code, text);
                        }
                        i += 2;
                    }
                    continue;
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Tok::Bytes(a)), Some(Tok::Bytes(b))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (lo, hi) = (code_of(a), code_of(b));
                        match toks.get(i + 2) {
                            Some(Tok::Bytes(d)) => {
                                if let (Some(lo), Some(hi)) = (lo, hi)
                                    && hi.1 >= lo.1
                                    && !d.is_empty()
                                {
                                    m.ranges.push(UniRange {
                                        len: lo.0,
                                        lo: lo.1,
                                        hi: hi.1,
                                        base: utf16(d),
                                    });
                                }
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                i += 3;
                                let mut k = 0u32;
                                while let Some(t) = toks.get(i) {
                                    i += 1;
                                    match t {
                                        Tok::Bytes(d) => {
                                            if let (Some(lo), Some(hi)) = (lo, hi)
                                                && lo.1.checked_add(k).is_some_and(|c| c <= hi.1)
                                            {
                                                m.chars
                                                    .insert((lo.0, lo.1 + k), text_of(&utf16(d)));
                                            }
                                            k += 1;
                                        }
                                        Tok::Close => break,
                                        _ => k += 1,
                                    }
                                }
                            }
                            _ => break,
                        }
                    }
                    continue;
                }
                Tok::Word(w) if w == "begincidrange" => {
                    i += 1;
                    while let (Some(Tok::Bytes(a)), Some(Tok::Bytes(b)), Some(Tok::Int(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        if let (Some(lo), Some(hi), Ok(cid)) =
                            (code_of(a), code_of(b), u32::try_from(*cid))
                            && hi.1 >= lo.1
                        {
                            m.cid_ranges.push(CidRange {
                                len: lo.0,
                                lo: lo.1,
                                hi: hi.1,
                                cid,
                            });
                        }
                        i += 3;
                    }
                    continue;
                }
                Tok::Word(w) if w == "begincidchar" => {
                    i += 1;
                    while let (Some(Tok::Bytes(a)), Some(Tok::Int(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if let (Some(code), Ok(cid)) = (code_of(a), u32::try_from(*cid)) {
                            m.cid_chars.insert(code, cid);
                        }
                        i += 2;
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        m
    }

    /// The text of a code, if the CMap maps it.
    pub fn unicode(&self, code: Code) -> Option<String> {
        if let Some(t) = self.chars.get(&code) {
            return Some(t.clone());
        }
        // Later ranges win, as later definitions do.
        let r = self
            .ranges
            .iter()
            .rev()
            .find(|r| r.len == code.0 && (r.lo..=r.hi).contains(&code.1))?;
        let mut units = r.base.clone();
        let step = code.1 - r.lo;
        if let Some(last) = units.last_mut() {
            *last = u16::try_from(u32::from(*last) + step).unwrap_or(0xFFFD);
        }
        Some(text_of(&units))
    }

    /// The CID of a code (for encoding CMaps).
    pub fn cid(&self, code: Code) -> Option<u32> {
        if let Some(c) = self.cid_chars.get(&code) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .rev()
            .find(|r| r.len == code.0 && (r.lo..=r.hi).contains(&code.1))
            .map(|r| r.cid + (code.1 - r.lo))
    }

    /// The codes an encoding CMap gives CIDs, with their CIDs: at most
    /// `limit` of them (a range of four billion codes is one entry).
    pub fn cid_codes(&self, limit: usize) -> Vec<(Code, u32)> {
        let mut out: Vec<(Code, u32)> = self.cid_chars.iter().map(|(c, cid)| (*c, *cid)).collect();
        for r in &self.cid_ranges {
            for code in r.lo..=r.hi {
                if out.len() >= limit {
                    return out;
                }
                out.push(((r.len, code), r.cid.saturating_add(code - r.lo)));
            }
        }
        out.truncate(limit);
        out
    }

    /// This map written again as a clean `ToUnicode` CMap: its code space,
    /// its ranges as ranges (a range crossing the last byte of its text is
    /// written as several ranges) and its single codes.
    pub fn write_to_unicode(&self) -> Vec<u8> {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Thema-UCS def\n/CMapType 2 def\n",
        );
        let hex = |len: u8, v: u32| format!("{v:0width$X}", width = usize::from(len) * 2);
        let space: Vec<(u8, u32, u32)> = if self.codespace.is_empty() {
            vec![(2, 0, 0xFFFF)]
        } else {
            self.codespace.clone()
        };
        s.push_str(&format!("{} begincodespacerange\n", space.len()));
        for (len, lo, hi) in &space {
            s.push_str(&format!("<{}> <{}>\n", hex(*len, *lo), hex(*len, *hi)));
        }
        s.push_str("endcodespacerange\n");
        let mut ranges: Vec<String> = Vec::new();
        for r in &self.ranges {
            let Some(&last) = r.base.last() else { continue };
            // A range may only count up the last byte of its text: one that
            // runs past it is written as several, each starting where the
            // text's next byte begins (at most 256 of them, 65,536 codes; a
            // longer range only comes from a hostile file).
            let (mut lo, mut unit) = (r.lo, u32::from(last));
            for _ in 0..256 {
                // And at most 65,536 ranges in all.
                if ranges.len() >= 65_536 {
                    break;
                }
                let room = 0xFF - (unit & 0xFF);
                let hi = r.hi.min(lo.saturating_add(room));
                let mut base = r.base.clone();
                if let Some(l) = base.last_mut() {
                    *l = u16::try_from(unit).unwrap_or(0xFFFD);
                }
                let dst: String = base.iter().map(|u| format!("{u:04X}")).collect();
                ranges.push(format!("<{}> <{}> <{dst}>", hex(r.len, lo), hex(r.len, hi)));
                if hi >= r.hi || unit + (hi - lo) + 1 > 0xFFFF {
                    break;
                }
                unit += hi - lo + 1;
                lo = hi + 1;
            }
        }
        for chunk in ranges.chunks(100) {
            s.push_str(&format!("{} beginbfrange\n", chunk.len()));
            for r in chunk {
                s.push_str(r);
                s.push('\n');
            }
            s.push_str("endbfrange\n");
        }
        let mut singles: Vec<(&Code, &String)> = self.chars.iter().collect();
        singles.sort();
        for chunk in singles.chunks(100) {
            s.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for ((len, code), text) in chunk {
                let dst: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
                let dst = if dst.is_empty() {
                    String::from("0000")
                } else {
                    dst
                };
                s.push_str(&format!("<{}> <{dst}>\n", hex(*len, *code)));
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s.into_bytes()
    }

    /// Whether the CMap maps anything to text.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// Splits a shown string into codes by the code space (two bytes each
    /// when there is none, as for `Identity-H`).
    pub fn split_codes(&self, bytes: &[u8]) -> Vec<Code> {
        split_by_codespace(&self.codespace, bytes, 2)
    }
}

/// Splits bytes into codes: at each position the shortest code space
/// range that matches; a byte no range matches is a one-byte code.
pub fn split_by_codespace(
    codespace: &[(u8, u32, u32)],
    bytes: &[u8],
    default_len: u8,
) -> Vec<Code> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let mut found = None;
        for len in 1..=4u8 {
            let l = usize::from(len);
            if i + l > bytes.len() {
                break;
            }
            let v = bytes[i..i + l]
                .iter()
                .fold(0u32, |v, &b| (v << 8) | u32::from(b));
            if codespace
                .iter()
                .any(|&(n, lo, hi)| n == len && lo <= v && v <= hi)
            {
                found = Some((len, v));
                break;
            }
        }
        let code = found.unwrap_or_else(|| {
            let l = if codespace.is_empty() {
                usize::from(default_len)
            } else {
                1
            };
            let l = l.min(bytes.len() - i);
            let v = bytes[i..i + l]
                .iter()
                .fold(0u32, |v, &b| (v << 8) | u32::from(b));
            (u8::try_from(l).unwrap_or(1), v)
        });
        i += usize::from(code.0);
        out.push(code);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chars_ranges_arrays_and_forgives_literal_strings() {
        let m = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
              2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00E9> <00E8>] endbfrange\n\
              1 begincidrange (\\000\\001) (\\000\\005) 10 endcidrange",
        );
        assert_eq!(m.unicode((2, 0x0011)).as_deref(), Some("fi"));
        assert_eq!(m.unicode((2, 0x0026)).as_deref(), Some("C"));
        assert_eq!(m.unicode((2, 0x0031)).as_deref(), Some("è"));
        assert_eq!(m.unicode((2, 0x0027)), None);
        assert_eq!(m.cid((2, 0x0003)), Some(12));
        assert_eq!(
            m.split_codes(&[0, 0x24, 0, 0x25]),
            vec![(2, 0x24), (2, 0x25)]
        );
    }

    #[test]
    fn a_huge_range_is_one_entry_and_is_written_back_without_loss() {
        let m = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.ranges.len(), 1);
        assert_eq!(m.unicode((4, 1)).as_deref(), Some("B"));
        let again = CMap::parse(&m.write_to_unicode());
        assert_eq!(again.unicode((4, 1)).as_deref(), Some("B"));
        // Written in pieces where the text's last byte would overflow, so
        // nothing is lost across the boundary.
        assert_eq!(again.unicode((4, 0xBE)).as_deref(), Some("\u{FF}"));
        assert_eq!(again.unicode((4, 0xBF)).as_deref(), Some("\u{100}"));
        assert_eq!(again.unicode((4, 0x2BF)).as_deref(), Some("\u{300}"));
    }

    #[test]
    fn mixed_width_code_space() {
        let cs = [(1u8, 0x00, 0x80), (2u8, 0x8140, 0x9FFC)];
        assert_eq!(
            split_by_codespace(&cs, &[0x41, 0x88, 0x9F, 0x42], 2),
            vec![(1, 0x41), (2, 0x889F), (1, 0x42)]
        );
    }
}
