//! Accents set apart from their letters, as TeX sets them, composed back
//! into the accented letters.

/// TeX sets an accented letter as two glyphs, the accent and the letter
/// (a dotless ı under a circumflex), which extractors give as two
/// characters: "Lemaˆıtre". Each (spacing accent, letter) pair with a
/// precomposed form becomes that letter: "Lemaître".
pub fn compose_spacing_accents(text: &str) -> String {
    // Most pages have no spacing accent at all: nothing to do.
    let is_accent = |c: char| {
        matches!(
            c,
            '\u{00A8}'
                | '\u{00AF}'
                | '\u{00B4}'
                | '\u{00B8}'
                | '\u{02C6}'
                | '\u{02C7}'
                | '\u{02D8}'
                | '\u{02DA}'
                | '\u{02DC}'
        )
    };
    if !text.chars().any(is_accent) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // "don´t", "Peter´s": an acute typed as an apostrophe, not an accent.
        let apostrophe = chars[i] == '\u{00B4}' && i > 0 && chars[i - 1].is_alphabetic() && {
            let tail: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            matches!(tail.as_str(), "s" | "t" | "re" | "ll" | "ve" | "d" | "m")
        };
        if let Some(&base) = chars
            .get(i + 1)
            .filter(|_| is_accent(chars[i]) && !apostrophe)
        {
            let base = match base {
                'ı' => 'i',
                'ȷ' => 'j',
                b => b,
            };
            if let Some((_, _, composed)) = ACCENTED
                .iter()
                .find(|(a, b, _)| *a == chars[i] && *b == base)
            {
                out.push(*composed);
                i += 2;
                continue;
            }
            // No precomposed letter ("ˆσ", an estimate in maths): the
            // letter with the combining accent, "σ̂".
            // Only for an accent that starts a word: inside one it may be
            // a stray mark the precomposed table does not know.
            if base.is_alphabetic()
                && (i == 0 || !chars[i - 1].is_alphabetic())
                && let Some(mark) = combining(chars[i])
            {
                out.push(chars[i + 1]);
                out.push(mark);
                i += 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The combining form of a spacing accent.
fn combining(accent: char) -> Option<char> {
    Some(match accent {
        '\u{00A8}' => '\u{0308}',
        '\u{00AF}' => '\u{0304}',
        '\u{00B4}' => '\u{0301}',
        '\u{00B8}' => '\u{0327}',
        '\u{02C6}' => '\u{0302}',
        '\u{02C7}' => '\u{030C}',
        '\u{02D8}' => '\u{0306}',
        '\u{02DA}' => '\u{030A}',
        '\u{02DC}' => '\u{0303}',
        _ => return None,
    })
}

/// (spacing accent, letter, the accented letter), from Unicode's
/// canonical compositions of the accent's combining form.
pub const ACCENTED: &[(char, char, char)] = &[
    ('\u{02C6}', 'a', 'â'),
    ('\u{02C6}', 'c', 'ĉ'),
    ('\u{02C6}', 'e', 'ê'),
    ('\u{02C6}', 'g', 'ĝ'),
    ('\u{02C6}', 'h', 'ĥ'),
    ('\u{02C6}', 'i', 'î'),
    ('\u{02C6}', 'j', 'ĵ'),
    ('\u{02C6}', 'o', 'ô'),
    ('\u{02C6}', 's', 'ŝ'),
    ('\u{02C6}', 'u', 'û'),
    ('\u{02C6}', 'w', 'ŵ'),
    ('\u{02C6}', 'y', 'ŷ'),
    ('\u{02C6}', 'z', 'ẑ'),
    ('\u{02C6}', 'A', 'Â'),
    ('\u{02C6}', 'C', 'Ĉ'),
    ('\u{02C6}', 'E', 'Ê'),
    ('\u{02C6}', 'G', 'Ĝ'),
    ('\u{02C6}', 'H', 'Ĥ'),
    ('\u{02C6}', 'I', 'Î'),
    ('\u{02C6}', 'J', 'Ĵ'),
    ('\u{02C6}', 'O', 'Ô'),
    ('\u{02C6}', 'S', 'Ŝ'),
    ('\u{02C6}', 'U', 'Û'),
    ('\u{02C6}', 'W', 'Ŵ'),
    ('\u{02C6}', 'Y', 'Ŷ'),
    ('\u{02C6}', 'Z', 'Ẑ'),
    ('\u{00A8}', 'a', 'ä'),
    ('\u{00A8}', 'e', 'ë'),
    ('\u{00A8}', 'h', 'ḧ'),
    ('\u{00A8}', 'i', 'ï'),
    ('\u{00A8}', 'o', 'ö'),
    ('\u{00A8}', 't', 'ẗ'),
    ('\u{00A8}', 'u', 'ü'),
    ('\u{00A8}', 'w', 'ẅ'),
    ('\u{00A8}', 'y', 'ÿ'),
    ('\u{00A8}', 'A', 'Ä'),
    ('\u{00A8}', 'E', 'Ë'),
    ('\u{00A8}', 'H', 'Ḧ'),
    ('\u{00A8}', 'I', 'Ï'),
    ('\u{00A8}', 'O', 'Ö'),
    ('\u{00A8}', 'U', 'Ü'),
    ('\u{00A8}', 'W', 'Ẅ'),
    ('\u{00A8}', 'Y', 'Ÿ'),
    ('\u{00B4}', 'a', 'á'),
    ('\u{00B4}', 'c', 'ć'),
    ('\u{00B4}', 'e', 'é'),
    ('\u{00B4}', 'g', 'ǵ'),
    ('\u{00B4}', 'i', 'í'),
    ('\u{00B4}', 'k', 'ḱ'),
    ('\u{00B4}', 'l', 'ĺ'),
    ('\u{00B4}', 'n', 'ń'),
    ('\u{00B4}', 'o', 'ó'),
    ('\u{00B4}', 'r', 'ŕ'),
    ('\u{00B4}', 's', 'ś'),
    ('\u{00B4}', 'u', 'ú'),
    ('\u{00B4}', 'w', 'ẃ'),
    ('\u{00B4}', 'y', 'ý'),
    ('\u{00B4}', 'z', 'ź'),
    ('\u{00B4}', 'A', 'Á'),
    ('\u{00B4}', 'C', 'Ć'),
    ('\u{00B4}', 'E', 'É'),
    ('\u{00B4}', 'G', 'Ǵ'),
    ('\u{00B4}', 'I', 'Í'),
    ('\u{00B4}', 'K', 'Ḱ'),
    ('\u{00B4}', 'L', 'Ĺ'),
    ('\u{00B4}', 'N', 'Ń'),
    ('\u{00B4}', 'O', 'Ó'),
    ('\u{00B4}', 'R', 'Ŕ'),
    ('\u{00B4}', 'S', 'Ś'),
    ('\u{00B4}', 'U', 'Ú'),
    ('\u{00B4}', 'W', 'Ẃ'),
    ('\u{00B4}', 'Y', 'Ý'),
    ('\u{00B4}', 'Z', 'Ź'),
    ('\u{02DC}', 'a', 'ã'),
    ('\u{02DC}', 'e', 'ẽ'),
    ('\u{02DC}', 'i', 'ĩ'),
    ('\u{02DC}', 'n', 'ñ'),
    ('\u{02DC}', 'o', 'õ'),
    ('\u{02DC}', 'u', 'ũ'),
    ('\u{02DC}', 'y', 'ỹ'),
    ('\u{02DC}', 'A', 'Ã'),
    ('\u{02DC}', 'E', 'Ẽ'),
    ('\u{02DC}', 'I', 'Ĩ'),
    ('\u{02DC}', 'N', 'Ñ'),
    ('\u{02DC}', 'O', 'Õ'),
    ('\u{02DC}', 'U', 'Ũ'),
    ('\u{02DC}', 'Y', 'Ỹ'),
    ('\u{02C7}', 'a', 'ǎ'),
    ('\u{02C7}', 'c', 'č'),
    ('\u{02C7}', 'd', 'ď'),
    ('\u{02C7}', 'e', 'ě'),
    ('\u{02C7}', 'g', 'ǧ'),
    ('\u{02C7}', 'h', 'ȟ'),
    ('\u{02C7}', 'i', 'ǐ'),
    ('\u{02C7}', 'j', 'ǰ'),
    ('\u{02C7}', 'k', 'ǩ'),
    ('\u{02C7}', 'l', 'ľ'),
    ('\u{02C7}', 'n', 'ň'),
    ('\u{02C7}', 'o', 'ǒ'),
    ('\u{02C7}', 'r', 'ř'),
    ('\u{02C7}', 's', 'š'),
    ('\u{02C7}', 't', 'ť'),
    ('\u{02C7}', 'u', 'ǔ'),
    ('\u{02C7}', 'z', 'ž'),
    ('\u{02C7}', 'A', 'Ǎ'),
    ('\u{02C7}', 'C', 'Č'),
    ('\u{02C7}', 'D', 'Ď'),
    ('\u{02C7}', 'E', 'Ě'),
    ('\u{02C7}', 'G', 'Ǧ'),
    ('\u{02C7}', 'H', 'Ȟ'),
    ('\u{02C7}', 'I', 'Ǐ'),
    ('\u{02C7}', 'K', 'Ǩ'),
    ('\u{02C7}', 'L', 'Ľ'),
    ('\u{02C7}', 'N', 'Ň'),
    ('\u{02C7}', 'O', 'Ǒ'),
    ('\u{02C7}', 'R', 'Ř'),
    ('\u{02C7}', 'S', 'Š'),
    ('\u{02C7}', 'T', 'Ť'),
    ('\u{02C7}', 'U', 'Ǔ'),
    ('\u{02C7}', 'Z', 'Ž'),
    ('\u{00B8}', 'c', 'ç'),
    ('\u{00B8}', 'd', 'ḑ'),
    ('\u{00B8}', 'e', 'ȩ'),
    ('\u{00B8}', 'g', 'ģ'),
    ('\u{00B8}', 'h', 'ḩ'),
    ('\u{00B8}', 'k', 'ķ'),
    ('\u{00B8}', 'l', 'ļ'),
    ('\u{00B8}', 'n', 'ņ'),
    ('\u{00B8}', 'r', 'ŗ'),
    ('\u{00B8}', 's', 'ş'),
    ('\u{00B8}', 't', 'ţ'),
    ('\u{00B8}', 'C', 'Ç'),
    ('\u{00B8}', 'D', 'Ḑ'),
    ('\u{00B8}', 'E', 'Ȩ'),
    ('\u{00B8}', 'G', 'Ģ'),
    ('\u{00B8}', 'H', 'Ḩ'),
    ('\u{00B8}', 'K', 'Ķ'),
    ('\u{00B8}', 'L', 'Ļ'),
    ('\u{00B8}', 'N', 'Ņ'),
    ('\u{00B8}', 'R', 'Ŗ'),
    ('\u{00B8}', 'S', 'Ş'),
    ('\u{00B8}', 'T', 'Ţ'),
    ('\u{02DA}', 'a', 'å'),
    ('\u{02DA}', 'u', 'ů'),
    ('\u{02DA}', 'w', 'ẘ'),
    ('\u{02DA}', 'y', 'ẙ'),
    ('\u{02DA}', 'A', 'Å'),
    ('\u{02DA}', 'U', 'Ů'),
    ('\u{00AF}', 'a', 'ā'),
    ('\u{00AF}', 'e', 'ē'),
    ('\u{00AF}', 'g', 'ḡ'),
    ('\u{00AF}', 'i', 'ī'),
    ('\u{00AF}', 'o', 'ō'),
    ('\u{00AF}', 'u', 'ū'),
    ('\u{00AF}', 'y', 'ȳ'),
    ('\u{00AF}', 'A', 'Ā'),
    ('\u{00AF}', 'E', 'Ē'),
    ('\u{00AF}', 'G', 'Ḡ'),
    ('\u{00AF}', 'I', 'Ī'),
    ('\u{00AF}', 'O', 'Ō'),
    ('\u{00AF}', 'U', 'Ū'),
    ('\u{00AF}', 'Y', 'Ȳ'),
    ('\u{02D8}', 'a', 'ă'),
    ('\u{02D8}', 'e', 'ĕ'),
    ('\u{02D8}', 'g', 'ğ'),
    ('\u{02D8}', 'i', 'ĭ'),
    ('\u{02D8}', 'o', 'ŏ'),
    ('\u{02D8}', 'u', 'ŭ'),
    ('\u{02D8}', 'A', 'Ă'),
    ('\u{02D8}', 'E', 'Ĕ'),
    ('\u{02D8}', 'G', 'Ğ'),
    ('\u{02D8}', 'I', 'Ĭ'),
    ('\u{02D8}', 'O', 'Ŏ'),
    ('\u{02D8}', 'U', 'Ŭ'),
];
