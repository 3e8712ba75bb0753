//! LaTeX in BibTeX values to plain Unicode: accents (`{\"u}`, `\'{e}`,
//! `{\c c}`, `\~n`), special letters (`{\aa}`, `{\o}`, `\ss`), dashes and
//! quotes, escaped specials (`\&`, `\%`), formatting commands dropped with
//! their argument kept, protective braces and math dollars removed. One
//! pass over the characters; no recursion.

use unicode_normalization::UnicodeNormalization;

/// The combining mark an accent command puts on its letter.
fn combining(accent: &str) -> Option<char> {
    Some(match accent {
        "\"" => '\u{308}',
        "'" => '\u{301}',
        "`" => '\u{300}',
        "^" => '\u{302}',
        "~" => '\u{303}',
        "=" => '\u{304}',
        "." => '\u{307}',
        "u" => '\u{306}',
        "v" => '\u{30C}',
        "H" => '\u{30B}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        "r" => '\u{30A}',
        "d" => '\u{323}',
        "b" => '\u{331}',
        "t" => '\u{361}',
        _ => return None,
    })
}

/// Control words that stand for a character or a short text.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "aa" => "å",
        "AA" => "Å",
        "o" => "ø",
        "O" => "Ø",
        "ss" => "ß",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "l" => "ł",
        "L" => "Ł",
        "i" => "ı",
        "j" => "ȷ",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        "dj" => "đ",
        "DJ" => "Đ",
        "textendash" => "–",
        "textemdash" => "—",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "guillemotleft" | "guillemetleft" => "«",
        "guillemotright" | "guillemetright" => "»",
        "textregistered" => "®",
        "texttrademark" => "™",
        "copyright" | "textcopyright" => "©",
        "ldots" | "dots" | "textellipsis" => "…",
        "textasciitilde" | "sim" => "~",
        "backslash" | "textbackslash" => "\\",
        "textbar" => "|",
        "textless" => "<",
        "textgreater" => ">",
        "textdegree" | "degree" => "°",
        "S" => "§",
        "P" => "¶",
        "pounds" | "textsterling" => "£",
        "euro" | "texteuro" => "€",
        "textperiodcentered" | "cdot" => "·",
        "times" => "×",
        "pm" => "±",
        "le" | "leq" => "≤",
        "ge" | "geq" => "≥",
        "neq" | "ne" => "≠",
        "approx" => "≈",
        "textmu" => "µ",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" => "θ",
        "iota" => "ι",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "rho" => "ρ",
        "sigma" => "σ",
        "tau" => "τ",
        "upsilon" => "υ",
        "phi" | "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Xi" => "Ξ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        _ => return None,
    })
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.s[self.i..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        Some(c)
    }

    fn letters(&mut self) -> &str {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        &self.s[start..self.i]
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// The letter an accent goes on: `u`, `{u}`, `{\i}`, `\i`. `None` for
    /// an empty group (`\~{}` is the accent itself).
    fn accent_base(&mut self) -> Option<String> {
        self.skip_spaces();
        match self.peek()? {
            '{' => {
                self.bump();
                let mut inner = String::new();
                let mut depth = 1usize;
                while let Some(c) = self.bump() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => inner.push(c),
                    }
                }
                let inner = inner.trim();
                let inner = match inner {
                    "\\i" => "i",
                    "\\j" => "j",
                    other => other,
                };
                (!inner.is_empty()).then(|| inner.to_owned())
            }
            '\\' => {
                self.bump();
                let name = self.letters().to_owned();
                Some(match name.as_str() {
                    "i" => "i".to_owned(),
                    "j" => "j".to_owned(),
                    other => symbol(other).unwrap_or("").to_owned(),
                })
            }
            _ => self.bump().map(String::from),
        }
    }
}

/// The accent's own character, for an accent with nothing to sit on.
fn spacing_accent(accent: &str) -> &'static str {
    match accent {
        "~" => "~",
        "^" => "^",
        "\"" => "¨",
        "'" => "´",
        "`" => "`",
        _ => "",
    }
}

/// Decodes LaTeX to Unicode (NFC); whitespace is left as written.
pub(super) fn to_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut cur = Cursor { s: raw, i: 0 };
    while let Some(c) = cur.bump() {
        match c {
            '\\' => command(&mut cur, &mut out),
            '{' | '}' | '$' => {}
            '~' => out.push(' '),
            '-' => {
                let mut n = 1;
                while cur.peek() == Some('-') {
                    cur.bump();
                    n += 1;
                }
                out.push_str(match n {
                    1 => "-",
                    2 => "–",
                    3 => "—",
                    _ => "——",
                });
            }
            '`' if cur.peek() == Some('`') => {
                cur.bump();
                out.push('“');
            }
            '\'' if cur.peek() == Some('\'') => {
                cur.bump();
                out.push('”');
            }
            _ => out.push(c),
        }
    }
    out.nfc().collect()
}

/// After a backslash.
fn command(cur: &mut Cursor, out: &mut String) {
    let Some(c) = cur.peek() else {
        return;
    };
    if c.is_ascii_alphabetic() {
        let name = cur.letters().to_owned();
        if let Some(mark) = combining(&name) {
            accent(cur, out, &name, mark);
        } else if let Some(sym) = symbol(&name) {
            out.push_str(sym);
            // `Stra\ss e`: the space only ends the control word.
            if cur.peek() == Some(' ')
                && cur.peek2().is_some_and(char::is_lowercase)
                && sym.chars().all(char::is_alphabetic)
            {
                cur.bump();
            }
        }
        // Any other command (\textit, \emph, \mkbibquote …) is dropped and
        // its argument kept: its braces are removed like any others.
        return;
    }
    cur.bump();
    let s = c.to_string();
    if let Some(mark) = combining(&s) {
        accent(cur, out, &s, mark);
        return;
    }
    match c {
        '\\' | ' ' | ',' | ';' | ':' | '!' => out.push(' '),
        '-' | '/' => {}
        _ => out.push(c),
    }
}

fn accent(cur: &mut Cursor, out: &mut String, name: &str, mark: char) {
    match cur.accent_base() {
        Some(base) => {
            let mut chars = base.chars();
            if let Some(first) = chars.next() {
                out.push(first);
                out.push(mark);
                out.extend(chars);
            }
        }
        None => out.push_str(spacing_accent(name)),
    }
}

/// One line of text: decoded, whitespace collapsed.
pub(super) fn line(raw: &str) -> String {
    super::super::text::line(&to_text(raw))
}

/// A block of text (abstract, note): decoded; a blank line starts a new
/// paragraph, other line breaks are spaces.
pub(super) fn block(raw: &str) -> String {
    let t = to_text(raw).replace("\r\n", "\n");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur = String::new();
    for l in t.split('\n') {
        if l.trim().is_empty() {
            if !cur.trim().is_empty() {
                paragraphs.push(super::super::text::line(&cur));
            }
            cur.clear();
        } else {
            cur.push(' ');
            cur.push_str(l);
        }
    }
    if !cur.trim().is_empty() {
        paragraphs.push(super::super::text::line(&cur));
    }
    paragraphs.join("\n\n")
}

/// A value that is not prose (DOI, URL): braces removed, `\_`, `\%`, `\&`,
/// `\#`, `\~` and Mendeley's `{\_}` / `$\sim$` decoded; nothing else.
pub(super) fn verbatim(raw: &str) -> String {
    let t = raw.replace("$\\sim$", "~").replace("\\textasciitilde", "~");
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' if chars.peek().is_some_and(|n| "_%&#~$".contains(*n)) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
    }
    super::super::text::line(&out)
}

#[cfg(test)]
mod tests {
    use super::{block, line, verbatim};

    #[test]
    fn accents_letters_and_punctuation() {
        let cases = [
            (r#"{\"u}ber M\"{u}ller"#, "über Müller"),
            (r"\'{e}t\'e \`a la cr\`eme", "été à la crème"),
            (r"{\c c}a, Fran{\c{c}}ois, \c{S}ahin", "ça, François, Şahin"),
            (r"Espa\~na, Se\~{n}or", "España, Señor"),
            (
                r#"{\aa}se {\AA}ngstr{\"o}m {\o}l {\O}re"#,
                "åse Ångström øl Øre",
            ),
            (
                r"Stra\ss e, {\ss}, \ae{}sir, {\oe}uvre",
                "Straße, ß, æsir, œuvre",
            ),
            (
                r"\L{}\'od\'z, {\v{S}}koda, Dvo\v{r}\'ak",
                "Łódź, Škoda, Dvořák",
            ),
            (
                r"Erd\H{o}s, \k{a}, \u{g}, \={o}, \.{Z}",
                "Erdős, ą, ğ, ō, Ż",
            ),
            (r#"na\"{\i}ve, \'{\i}, \^\i"#, "naïve, í, î"),
            (
                r"pages 12--19 --- and ``quoted'' text",
                "pages 12–19 — and “quoted” text",
            ),
            (
                r"R\&D costs 5\% of \$10 \#1 a\_b",
                "R&D costs 5% of $10 #1 a_b",
            ),
            (
                r"\textit{Italic} and \emph{emphasis} in {\bfseries bold}",
                "Italic and emphasis in bold",
            ),
            (
                r"The $\alpha$-helix, $\beta$ and $\Omega$",
                "The α-helix, β and Ω",
            ),
            (r"non~breaking and \~{} alone", "non breaking and ~ alone"),
        ];
        for (raw, want) in cases {
            assert_eq!(line(raw), want, "{raw}");
        }
    }

    #[test]
    fn blocks_keep_paragraphs_only() {
        assert_eq!(
            block("First line\n  wrapped.\n\n\n  Second {para}.  "),
            "First line wrapped.\n\nSecond para."
        );
    }

    #[test]
    fn verbatim_fields_lose_only_escapes() {
        assert_eq!(
            verbatim(r"http://example.org/a{\_}b\%20c?x=1\&y=$\sim$z--w"),
            "http://example.org/a_b%20c?x=1&y=~z--w"
        );
    }
}
