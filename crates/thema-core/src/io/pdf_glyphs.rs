//! Glyph names and the standard 8-bit encodings of PDF simple fonts.
//!
//! A simple font maps each byte to a glyph name (through its encoding and
//! `Differences`), and the name to Unicode through the Adobe Glyph List
//! (`data/glyphlist.txt`, Adobe's file with its licence) and the
//! `uniXXXX` / `uXXXXX` conventions.

use std::collections::HashMap;
use std::sync::OnceLock;

static GLYPH_LIST: &str = include_str!("../../data/glyphlist.txt");

fn glyph_list() -> &'static HashMap<&'static str, String> {
    static MAP: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        GLYPH_LIST
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, codes) = l.split_once(';')?;
                let text: Option<String> = codes
                    .split(' ')
                    .map(|h| u32::from_str_radix(h, 16).ok().and_then(char::from_u32))
                    .collect();
                Some((name, text?))
            })
            .collect()
    })
}

/// The Adobe Glyph List's name for a character, when one name there
/// stands for it alone (the first such in the list's order), to write in
/// an encoding's `Differences`.
pub fn agl_name(c: char) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            let mut names = HashMap::new();
            for line in GLYPH_LIST.lines().filter(|l| !l.starts_with('#')) {
                let Some((name, codes)) = line.split_once(';') else {
                    continue;
                };
                if let Some(c) = u32::from_str_radix(codes, 16).ok().and_then(char::from_u32) {
                    names.entry(c).or_insert(name);
                }
            }
            names
        })
        .get(&c)
        .copied()
}

/// Unicode text of a glyph name, or `None` for names that say nothing
/// about the letter (`.notdef`, `g123`, `cid45`).
pub fn glyph_unicode(name: &str) -> Option<String> {
    if name.is_empty() || name.starts_with('.') {
        return None;
    }
    // "a.sc", "one.oldstyle": the part before the first full stop.
    let base = name.split('.').next().unwrap_or(name);
    if base.contains('_') {
        // Ligatures: "f_f_i".
        return base
            .split('_')
            .map(single_glyph)
            .collect::<Option<String>>();
    }
    single_glyph(base)
}

fn single_glyph(name: &str) -> Option<String> {
    if let Some(fix) = TEX_AND_PRIVATE.iter().find(|(n, _)| *n == name) {
        return Some(fix.1.to_owned());
    }
    if let Some(t) = glyph_list().get(name) {
        return Some(t.clone());
    }
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        return String::from_utf16(&units).ok().filter(|s| !s.is_empty());
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    None
}

/// Names the glyph list maps to private-use code points (or not at all)
/// that TeX and older fonts use for ordinary letters.
const TEX_AND_PRIVATE: &[(&str, &str)] = &[
    ("dotlessj", "\u{237}"),
    ("ff", "ff"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("visiblespace", "\u{2423}"),
    ("hyphen", "-"),
    ("minus", "\u{2212}"),
    ("suppress", ""),
];

/// The 8-bit encodings a font dictionary can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    PdfDoc,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"StandardEncoding" => Some(Self::Standard),
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" => Some(Self::MacRoman),
            b"PDFDocEncoding" => Some(Self::PdfDoc),
            _ => None,
        }
    }

    /// The text of every byte (`None` where the encoding has no glyph).
    pub fn table(self) -> Vec<Option<String>> {
        (0..=255u8)
            .map(|b| match self {
                Self::Standard => glyph_unicode(STANDARD_ENCODING[usize::from(b)]),
                Self::WinAnsi => single_byte(encoding_rs::WINDOWS_1252, b),
                Self::MacRoman => single_byte(encoding_rs::MACINTOSH, b),
                Self::PdfDoc => (b >= 0x20).then(|| char::from(b).to_string()),
            })
            .collect()
    }
}

fn single_byte(enc: &'static encoding_rs::Encoding, b: u8) -> Option<String> {
    if b < 0x20 {
        return None;
    }
    let bytes = [b];
    let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Adobe StandardEncoding: the glyph name of every byte ("" where none).
#[rustfmt::skip]
pub const STANDARD_ENCODING: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quoteright",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "quoteleft", "a", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "exclamdown", "cent", "sterling", "fraction", "yen", "florin", "section",
    "currency", "quotesingle", "quotedblleft", "guillemotleft", "guilsinglleft", "guilsinglright", "fi", "fl",
    "", "endash", "dagger", "daggerdbl", "periodcentered", "", "paragraph", "bullet",
    "quotesinglbase", "quotedblbase", "quotedblright", "guillemotright", "ellipsis", "perthousand", "", "questiondown",
    "", "grave", "acute", "circumflex", "tilde", "macron", "breve", "dotaccent",
    "dieresis", "", "ring", "cedilla", "", "hungarumlaut", "ogonek", "caron",
    "emdash", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "AE", "", "ordfeminine", "", "", "", "",
    "Lslash", "Oslash", "OE", "ordmasculine", "", "", "", "",
    "", "ae", "", "", "", "dotlessi", "", "",
    "lslash", "oslash", "oe", "germandbls", "", "", "", "",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_letters() {
        assert_eq!(glyph_unicode("egrave").as_deref(), Some("è"));
        assert_eq!(glyph_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_unicode("uni00E90301").as_deref(), Some("é\u{301}"));
        assert_eq!(glyph_unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_unicode("twoinferior").as_deref(), Some("₂"));
        assert_eq!(glyph_unicode("g123"), None);
        assert_eq!(glyph_unicode(".notdef"), None);
    }

    #[test]
    fn standard_and_winansi_differ_where_letters_went_wrong() {
        let std = BaseEncoding::Standard.table();
        let win = BaseEncoding::WinAnsi.table();
        assert_eq!(std[0xE8].as_deref(), Some("Ł"));
        assert_eq!(win[0xE8].as_deref(), Some("è"));
        assert_eq!(win[0xF5].as_deref(), Some("õ"));
        assert_eq!(std[0x27].as_deref(), Some("’"));
        assert_eq!(BaseEncoding::MacRoman.table()[0x8E].as_deref(), Some("é"));
    }
}
