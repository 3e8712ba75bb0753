//! Composite fonts a PDF names but does not embed, without a text map,
//! shown by glyph number (`Identity-H`): no reader can know their letters
//! from the file (pdftotext writes the raw codes). Microsoft's core fonts
//! (Arial, Times New Roman, Courier New, as Windows and macOS ship them)
//! number their first 258 glyphs in the standard Macintosh order of
//! Apple's TrueType reference (the `post` table's standard names), so a
//! glyph number below 258 names its letter; higher ones (most letters
//! with diacritics beyond Latin-1) stay unread.
//!
//! Simple fonts named but given no widths ("TimesNewRoman,Bold", "Arial")
//! take the widths of the standard font that stands in for them
//! ([`stand_in`]).

use std::collections::HashMap;

use super::pdf_glyphs::glyph_unicode;

/// The standard fonts pdf-extract has metrics for.
const STANDARD_14: [&str; 14] = [
    "Courier",
    "Courier-Bold",
    "Courier-BoldOblique",
    "Courier-Oblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-BoldOblique",
    "Helvetica-Oblique",
    "Symbol",
    "Times-Roman",
    "Times-Bold",
    "Times-BoldItalic",
    "Times-Italic",
    "ZapfDingbats",
];

/// For a simple font without `Widths` that is not one of the standard 14
/// (Word and OCR layers write "TimesNewRoman,Bold" or "Arial" so), named
/// `base_font` with descriptor `flags`: the standard font that stands in
/// for it, by its name or else by the serif and fixed-pitch flags, as
/// poppler substitutes.
/// pdf-extract takes such a font's widths as zero, so every character
/// stood at the place of the one before, and a line's words had no extent
/// to lay the page out by.
pub fn stand_in(base_font: &[u8], flags: i64) -> Option<&'static str> {
    let base = String::from_utf8_lossy(base_font).into_owned();
    let base = base.split_once('+').map_or(&*base, |(_, n)| n);
    let lower = base.to_ascii_lowercase();
    if STANDARD_14.contains(&base)
        || ["symbol", "dingbat", "wingding"]
            .iter()
            .any(|s| lower.contains(s))
    {
        // A standard font has its widths; a symbolic one has its own
        // glyphs, whose widths no stand-in has.
        return None;
    }
    let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let family = if lower.contains("courier") || lower.contains("mono") || flags & 1 != 0 {
        0
    } else if lower.contains("times")
        || lower.contains("roman")
        || (lower.contains("serif") && !lower.contains("sans"))
        || flags & 2 != 0
    {
        1
    } else {
        2
    };
    const NAMES: [[&str; 4]; 3] = [
        [
            "Courier",
            "Courier-Bold",
            "Courier-Oblique",
            "Courier-BoldOblique",
        ],
        [
            "Times-Roman",
            "Times-Bold",
            "Times-Italic",
            "Times-BoldItalic",
        ],
        [
            "Helvetica",
            "Helvetica-Bold",
            "Helvetica-Oblique",
            "Helvetica-BoldOblique",
        ],
    ];
    Some(NAMES[family][usize::from(bold) + 2 * usize::from(italic)])
}

/// Whether a font name (`ArialMT`, `ABCDEF+TimesNewRoman,Bold`) is one of
/// the core fonts whose glyphs follow the standard order.
pub fn core_font(base_font: &[u8]) -> bool {
    let name = String::from_utf8_lossy(base_font);
    let name = name.split_once('+').map_or(&*name, |(_, n)| n);
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    ["Arial", "TimesNewRoman", "CourierNew"]
        .iter()
        .any(|f| name.starts_with(f))
        && !name.starts_with("ArialUnicode")
}

/// Glyph number → text of the glyphs the standard order names.
pub fn standard_order_texts() -> HashMap<u32, String> {
    MAC_ORDER
        .iter()
        .enumerate()
        .filter_map(|(g, name)| Some((u32::try_from(g).ok()?, glyph_unicode(name)?)))
        .collect()
}

/// The standard Macintosh glyph order (Apple's TrueType reference manual,
/// `post` table).
const MAC_ORDER: [&str; 258] = [
    ".notdef",
    ".null",
    "nonmarkingreturn",
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
    "Adieresis",
    "Aring",
    "Ccedilla",
    "Eacute",
    "Ntilde",
    "Odieresis",
    "Udieresis",
    "aacute",
    "agrave",
    "acircumflex",
    "adieresis",
    "atilde",
    "aring",
    "ccedilla",
    "eacute",
    "egrave",
    "ecircumflex",
    "edieresis",
    "iacute",
    "igrave",
    "icircumflex",
    "idieresis",
    "ntilde",
    "oacute",
    "ograve",
    "ocircumflex",
    "odieresis",
    "otilde",
    "uacute",
    "ugrave",
    "ucircumflex",
    "udieresis",
    "dagger",
    "degree",
    "cent",
    "sterling",
    "section",
    "bullet",
    "paragraph",
    "germandbls",
    "registered",
    "copyright",
    "trademark",
    "acute",
    "dieresis",
    "notequal",
    "AE",
    "Oslash",
    "infinity",
    "plusminus",
    "lessequal",
    "greaterequal",
    "yen",
    "mu",
    "partialdiff",
    "summation",
    "product",
    "pi",
    "integral",
    "ordfeminine",
    "ordmasculine",
    "Omega",
    "ae",
    "oslash",
    "questiondown",
    "exclamdown",
    "logicalnot",
    "radical",
    "florin",
    "approxequal",
    "Delta",
    "guillemotleft",
    "guillemotright",
    "ellipsis",
    "nonbreakingspace",
    "Agrave",
    "Atilde",
    "Otilde",
    "OE",
    "oe",
    "endash",
    "emdash",
    "quotedblleft",
    "quotedblright",
    "quoteleft",
    "quoteright",
    "divide",
    "lozenge",
    "ydieresis",
    "Ydieresis",
    "fraction",
    "currency",
    "guilsinglleft",
    "guilsinglright",
    "fi",
    "fl",
    "daggerdbl",
    "periodcentered",
    "quotesinglbase",
    "quotedblbase",
    "perthousand",
    "Acircumflex",
    "Ecircumflex",
    "Aacute",
    "Edieresis",
    "Egrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Igrave",
    "Oacute",
    "Ocircumflex",
    "apple",
    "Ograve",
    "Uacute",
    "Ucircumflex",
    "Ugrave",
    "dotlessi",
    "circumflex",
    "tilde",
    "macron",
    "breve",
    "dotaccent",
    "ring",
    "cedilla",
    "hungarumlaut",
    "ogonek",
    "caron",
    "Lslash",
    "lslash",
    "Scaron",
    "scaron",
    "Zcaron",
    "zcaron",
    "brokenbar",
    "Eth",
    "eth",
    "Yacute",
    "yacute",
    "Thorn",
    "thorn",
    "minus",
    "multiply",
    "onesuperior",
    "twosuperior",
    "threesuperior",
    "onehalf",
    "onequarter",
    "threequarters",
    "franc",
    "Gbreve",
    "gbreve",
    "Idotaccent",
    "Scedilla",
    "scedilla",
    "Cacute",
    "cacute",
    "Ccaron",
    "ccaron",
    "dcroat",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_fonts_name_their_first_glyphs_in_the_standard_order() {
        assert!(core_font(b"ArialMT") && core_font(b"ABCDEF+ArialBlack,Bold"));
        assert!(core_font(b"TimesNewRomanPSMT") && !core_font(b"Calibri"));
        assert!(!core_font(b"ArialUnicodeMS"));
        let texts = standard_order_texts();
        // "PLAN" in glyph numbers, and "ł" (glyph 227 of the order).
        let word: String = [0x33, 0x2F, 0x24, 0x31]
            .iter()
            .map(|g| texts[g].as_str())
            .collect();
        assert_eq!(word, "PLAN");
        assert_eq!(texts[&3], " ");
        assert_eq!(texts[&227], "ł");
        assert!(!texts.contains_key(&0));
    }

    #[test]
    fn a_font_without_widths_takes_a_standard_fonts_by_its_name_or_flags() {
        let cases = [
            ("TimesNewRoman,Bold", 0, Some("Times-Bold")),
            ("ABCDEF+Arial,Italic", 0, Some("Helvetica-Oblique")),
            ("CourierNewPSMT", 0, Some("Courier")),
            ("Verdana-BoldItalic", 0, Some("Helvetica-BoldOblique")),
            // Set with serifs (flag 2), or fixed pitch (flag 1).
            ("Garamond", 34, Some("Times-Roman")),
            ("Consolas", 33, Some("Courier")),
            ("Helvetica", 0, None),
            ("Symbol", 0, None),
            ("Wingdings", 0, None),
        ];
        for (name, flags, want) in cases {
            assert_eq!(stand_in(name.as_bytes(), flags), want, "{name}");
        }
    }
}
