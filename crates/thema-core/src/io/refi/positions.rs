//! How a tool counted the positions of its text selections.
//!
//! The REFI-QDA standard counts Unicode characters, but NVivo counts UTF-16
//! code units (a character outside the Basic Multilingual Plane — an emoji,
//! some symbols — counts 2) and some tools count a Windows line break
//! (CRLF) as one position. Read in the wrong unit, every passage after such
//! a character lands on other words.
//!
//! Each source is decided on its own. Only the readings that differ for its
//! text are compared (a text with no such character and no CRLF has one
//! reading). Each reading is scored on the selections: a selection whose
//! `name` quotes its text decides strongly; otherwise a passage that starts
//! and ends on word boundaries counts for the reading; a position that
//! falls outside the text or inside a character counts against it. A tie
//! goes to what the producing tool is known to write (`origin`), then to
//! the standard.

/// The unit positions are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values, as the REFI-QDA standard says.
    Chars,
    /// UTF-16 code units, as NVivo counts.
    Utf16,
}

/// One way of reading positions: the unit, and whether CRLF counts as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub unit: Unit,
    pub crlf_as_one: bool,
}

impl Reading {
    pub const STANDARD: Reading = Reading {
        unit: Unit::Chars,
        crlf_as_one: false,
    };

    /// "UTF-16 units", "Unicode characters, a line break (CRLF) as one".
    pub fn describe(self) -> String {
        let unit = match self.unit {
            Unit::Chars => "Unicode characters",
            Unit::Utf16 => "UTF-16 units",
        };
        if self.crlf_as_one {
            format!("{unit}, each Windows line break (CRLF) as one")
        } else {
            unit.to_owned()
        }
    }
}

/// A position that falls inside a character (between the halves of a
/// UTF-16 surrogate pair, or between CR and LF when CRLF counts as one).
pub const INSIDE: usize = usize::MAX;

/// For each position of `reading`, the index of the char of `raw` it
/// stands before; `INSIDE` where it splits a character. One entry more
/// than there are positions (the end of the text).
pub fn to_raw_map(raw: &[char], reading: Reading) -> Vec<usize> {
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        map.push(i);
        if reading.unit == Unit::Utf16 && c.len_utf16() == 2 {
            map.push(INSIDE);
        }
        if reading.crlf_as_one && c == '\r' && raw.get(i + 1) == Some(&'\n') {
            i += 2;
        } else {
            i += 1;
        }
    }
    map.push(raw.len());
    map
}

/// The readings that differ for this text, the standard first.
pub fn candidates(raw: &[char]) -> Vec<Reading> {
    let wide = raw.iter().any(|c| c.len_utf16() == 2);
    let crlf = raw.windows(2).any(|w| w == ['\r', '\n']);
    let mut out = vec![Reading::STANDARD];
    if crlf {
        out.push(Reading {
            unit: Unit::Chars,
            crlf_as_one: true,
        });
    }
    if wide {
        out.push(Reading {
            unit: Unit::Utf16,
            crlf_as_one: false,
        });
        if crlf {
            out.push(Reading {
                unit: Unit::Utf16,
                crlf_as_one: true,
            });
        }
    }
    out
}

/// What the producing tool is known to write, from the project's `origin`
/// (e.g. "NVivo 14.23.0"); `None` for tools that follow the standard.
pub fn prior_of(origin: &str) -> Option<Reading> {
    let o = origin.to_ascii_lowercase();
    (o.contains("nvivo") || o.contains("utf-16")).then_some(Reading {
        unit: Unit::Utf16,
        crlf_as_one: false,
    })
}

/// A selection as written: its positions and its name, if any.
pub struct Written<'a> {
    pub start: i64,
    pub end: i64,
    pub name: Option<&'a str>,
}

/// How one reading fared on a source's selections.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub reading: Reading,
    /// Selections that fit the text (both positions inside it, between
    /// characters).
    pub fitting: usize,
    /// Selections whose name quotes the passage this reading gives.
    pub named: usize,
    /// Selections that start and end on word boundaries.
    pub on_words: usize,
    score: i64,
}

/// Scores `reading` on the selections; `same(start, end, name)` says
/// whether the raw chars `start..end` are what `name` quotes.
pub fn fit(
    raw: &[char],
    reading: Reading,
    selections: &[Written<'_>],
    same: &dyn Fn(usize, usize, &str) -> bool,
) -> Fit {
    let map = to_raw_map(raw, reading);
    let word = |i: usize| raw.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut f = Fit {
        reading,
        fitting: 0,
        named: 0,
        on_words: 0,
        score: 0,
    };
    for s in selections {
        let (a, b) = (s.start.min(s.end), s.start.max(s.end));
        let at = |p: i64| {
            usize::try_from(p)
                .ok()
                .and_then(|p| map.get(p).copied())
                .filter(|&r| r != INSIDE)
        };
        let (Some(rs), Some(re)) = (at(a), at(b)) else {
            f.score -= 2;
            continue;
        };
        f.fitting += 1;
        if let Some(name) = s.name
            && (same(rs, re, name) || at(b + 1).is_some_and(|re1| same(rs, re1, name)))
        {
            f.named += 1;
            f.score += 4;
        }
        let start_ok = rs == 0 || !word(rs - 1) || !word(rs);
        let end_ok = re == raw.len() || re == 0 || !word(re - 1) || !word(re);
        if start_ok && end_ok {
            f.on_words += 1;
            f.score += 2;
        }
    }
    f
}

/// The reading to use for a source, and — when the readings differ — a
/// sentence for the import report saying which was chosen and why.
pub fn decide(
    raw: &[char],
    title: &str,
    origin: &str,
    selections: &[Written<'_>],
    same: &dyn Fn(usize, usize, &str) -> bool,
) -> (Reading, Option<String>) {
    let options = candidates(raw);
    if options.len() == 1 || selections.is_empty() {
        return (Reading::STANDARD, None);
    }
    let fits: Vec<Fit> = options
        .iter()
        .map(|r| fit(raw, *r, selections, same))
        .collect();
    // The same passages either way: nothing to decide.
    let maps: Vec<Vec<(usize, usize)>> = options
        .iter()
        .map(|r| {
            let m = to_raw_map(raw, *r);
            selections
                .iter()
                .map(|s| {
                    let g = |p: i64| usize::try_from(p).ok().and_then(|p| m.get(p).copied());
                    (g(s.start).unwrap_or(INSIDE), g(s.end).unwrap_or(INSIDE))
                })
                .collect()
        })
        .collect();
    if maps.iter().all(|m| *m == maps[0]) {
        return (Reading::STANDARD, None);
    }
    let prior = prior_of(origin);
    let rank = |f: &Fit| {
        let preferred = prior.is_some_and(|p| p == f.reading);
        (f.score, preferred, f.reading == Reading::STANDARD)
    };
    let best = fits
        .iter()
        .max_by_key(|f| rank(f))
        .cloned()
        .unwrap_or_else(|| fits[0].clone());
    let runner = fits
        .iter()
        .filter(|f| f.reading != best.reading)
        .max_by_key(|f| rank(f));
    let n = selections.len();
    let evidence = |f: &Fit| {
        if f.named > 0 {
            format!("{} of {n} selections match the text they quote", f.named)
        } else {
            format!(
                "{} of {n} selections begin and end on word boundaries",
                f.on_words
            )
        }
    };
    let mut note = format!(
        "\"{title}\": positions read as {} — {}",
        best.reading.describe(),
        evidence(&best)
    );
    if let Some(r) = runner {
        let theirs = if best.named > 0 {
            format!("{} of {n}", r.named)
        } else {
            format!("{} of {n}", r.on_words)
        };
        note.push_str(&format!(
            "; read as {}, {theirs} would",
            r.reading.describe()
        ));
    }
    if best.score == runner.map_or(i64::MIN, |r| r.score) {
        note.push_str(&format!(
            " (the selections do not tell the readings apart; {} is what {} writes)",
            best.reading.describe(),
            if prior.is_some_and(|p| p == best.reading) {
                origin_name(origin)
            } else {
                "the REFI-QDA standard".to_owned()
            }
        ));
    }
    (best.reading, Some(note))
}

fn origin_name(origin: &str) -> String {
    if origin.trim().is_empty() {
        "the producing tool".to_owned()
    } else {
        origin.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn utf16_positions_map_past_wide_characters() {
        let raw = chars("😀 hello world");
        let m = to_raw_map(
            &raw,
            Reading {
                unit: Unit::Utf16,
                crlf_as_one: false,
            },
        );
        // 😀 is two units: position 1 is inside it, 3 is before "h".
        assert_eq!(m[0], 0);
        assert_eq!(m[1], INSIDE);
        assert_eq!(m[3], 2);
        let hello: String = raw[m[3]..m[8]].iter().collect();
        assert_eq!(hello, "hello");
        assert_eq!(m.len(), 15);
    }

    #[test]
    fn crlf_as_one_position() {
        let raw = chars("a\r\nb");
        let m = to_raw_map(
            &raw,
            Reading {
                unit: Unit::Chars,
                crlf_as_one: true,
            },
        );
        assert_eq!(m, vec![0, 1, 3, 4]);
    }

    #[test]
    fn word_boundaries_pick_utf16_when_names_are_absent() {
        let raw = chars("😀 hello world, 🎉 goodbye now");
        let sels = [
            Written {
                start: 3,
                end: 8,
                name: None,
            },
            Written {
                start: 19,
                end: 26,
                name: None,
            },
        ];
        let same = |_: usize, _: usize, _: &str| false;
        let (r, note) = decide(&raw, "Interview 1", "", &sels, &same);
        assert_eq!(r.unit, Unit::Utf16);
        let note = note.unwrap();
        assert!(note.contains("UTF-16 units — 2 of 2 selections begin and end on word boundaries; read as Unicode characters, 0 of 2 would"), "{note}");
    }

    #[test]
    fn a_text_without_wide_characters_or_crlf_needs_no_decision() {
        let raw = chars("plain text only");
        let sels = [Written {
            start: 0,
            end: 5,
            name: None,
        }];
        let (r, note) = decide(&raw, "t", "NVivo 14", &sels, &|_, _, _| false);
        assert_eq!(r, Reading::STANDARD);
        assert!(note.is_none());
    }
}
