//! Cleaning the text of PDF pages: words broken across lines with a hyphen
//! are rejoined, and running headers or footers repeated on most pages are
//! found so the importer can point them out (they are kept in the text).

/// Words of a whole document, used to decide how a word broken at a line
/// end is rejoined: "short-\nterm" keeps its hyphen when the document
/// writes "short-term" elsewhere (and never "shortterm"), loses it when
/// the document writes "shortterm"; when it writes neither, a compound of
/// two words the document uses ("self-\nreported": "self" and "reported"
/// stand elsewhere, alone or in other compounds) keeps its hyphen, and a
/// word broken between syllables ("integra-\ntion") is joined.
#[derive(Default)]
pub struct Vocabulary {
    /// Lower-case words as written, hyphenated compounds included whole.
    words: std::collections::HashSet<String>,
    /// Lower-case words, hyphenated compounds taken apart.
    parts: std::collections::HashSet<String>,
}

/// Words English writes closed that a line end may break where both
/// halves are words ("Further-\nmore"): joined unless the document
/// writes them hyphenated.
const CLOSED: [&str; 64] = [
    "furthermore",
    "moreover",
    "overall",
    "however",
    "therefore",
    "nevertheless",
    "nonetheless",
    "without",
    "within",
    "throughout",
    "otherwise",
    "whereas",
    "whereby",
    "thereby",
    "therein",
    "anything",
    "something",
    "everything",
    "nothing",
    "anyone",
    "someone",
    "everyone",
    "another",
    "become",
    "becomes",
    "cannot",
    "into",
    "onto",
    "upon",
    "itself",
    "themselves",
    "meanwhile",
    "sometimes",
    "somewhat",
    "elsewhere",
    "whatever",
    "whenever",
    "wherever",
    "although",
    "understand",
    "understanding",
    "outcome",
    "outcomes",
    "output",
    "outputs",
    "input",
    "inputs",
    "overview",
    "framework",
    "frameworks",
    "workload",
    "workforce",
    "healthcare",
    "database",
    "databases",
    "feedback",
    "background",
    "guideline",
    "guidelines",
    "stakeholder",
    "stakeholders",
    "caregiver",
    "caregivers",
    "worldwide",
];

/// Endings that are words of their own but here end a word broken
/// before them ("allow-\nable", "success-\nfully", "partner-\nship").
const SUFFIXES: [&str; 24] = [
    "able", "ably", "ible", "ness", "less", "ment", "ments", "ful", "fully", "ship", "ships",
    "hood", "ward", "wards", "ing", "ings", "tion", "tions", "ity", "ally", "ize", "ise", "ous",
    "ive",
];

impl Vocabulary {
    /// Collects the words of `pages`, skipping the broken ends of lines
    /// (the word before a line-end hyphen and the one after it).
    pub fn of_pages<S: AsRef<str>>(pages: &[S]) -> Self {
        let mut words = std::collections::HashSet::new();
        let mut parts = std::collections::HashSet::new();
        for page in pages {
            let mut broken_before = false;
            for line in page.as_ref().lines() {
                let line = line.trim_end();
                let mut tokens = line
                    .split(|c: char| !(c.is_alphabetic() || c == '-'))
                    .filter(|t| !t.trim_matches('-').is_empty())
                    .peekable();
                let mut first = true;
                while let Some(t) = tokens.next() {
                    let t = t.trim_matches('-');
                    let last = tokens.peek().is_none() && line.ends_with('-');
                    // Neither half of a word broken at a line end.
                    let broken = last || (first && broken_before);
                    if !broken {
                        let lower = t.to_lowercase();
                        parts.extend(
                            lower
                                .split('-')
                                .filter(|p| !p.is_empty())
                                .map(str::to_owned),
                        );
                        words.insert(lower);
                    }
                    first = false;
                }
                broken_before = line.ends_with('-');
            }
        }
        Self { words, parts }
    }

    /// Whether "left-\nright" keeps its hyphen when rejoined (see above).
    fn keeps_hyphen(&self, left: &str, right: &str) -> bool {
        let (left, right) = (left.to_lowercase(), right.to_lowercase());
        let joined = format!("{left}{right}");
        if self.words.contains(&format!("{left}-{right}")) {
            return !self.words.contains(&joined);
        }
        if self.words.contains(&joined) || CLOSED.contains(&joined.as_str()) {
            return false;
        }
        left.chars().count() >= 3
            && right.chars().count() >= 3
            && !SUFFIXES.contains(&right.as_str())
            && self.parts.contains(&left)
            && self.parts.contains(&right)
    }
}

/// Rejoins "integra-\ntion" into "integration" when the next line starts
/// with a lower-case letter (a word broken at the line end); a compound
/// keeps its hyphen as [`Vocabulary`] says.
pub fn join_hyphenated_lines(page: &str, vocabulary: &Vocabulary) -> String {
    let chars: Vec<char> = page.chars().collect();
    let mut out = String::with_capacity(page.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The next line may start with spaces the extractor put before
        // its first word ("set-\n tings").
        let indent = chars.get(i + 2..).map_or(0, |rest| {
            rest.iter().take_while(|c| matches!(c, ' ' | '\t')).count()
        });
        let next = i + 2 + indent;
        if c == '-'
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1) == Some(&'\n')
            && chars.get(next).is_some_and(|n| n.is_lowercase())
        {
            let start = chars[..i]
                .iter()
                .rposition(|c| !c.is_alphabetic())
                .map_or(0, |p| p + 1);
            let left: String = chars[start..i].iter().collect();
            let right: String = chars[next..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if vocabulary.keeps_hyphen(&left, &right) {
                out.push('-');
            }
            i = next; // drop the line break (and the hyphen unless kept)
            continue;
        }
        // Before a capital or a digit the hyphen is part of a name or a
        // compound ("SWIFT-\nReview", "non-\nEnglish", "COVID-\n19"): kept,
        // and the line break dropped (it read "SWIFT- Review").
        if c == '-'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1) == Some(&'\n')
            && chars
                .get(next)
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
        {
            out.push('-');
            i = next;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A line with its digits left out and its spaces normalised: "Page 3 of
/// 11" and "Page 4 of 11" are the same running line.
pub fn running_key(l: &str) -> String {
    // One pass, one allocation: it runs on every line of every page.
    let mut key = String::with_capacity(l.len());
    let mut space = false;
    for c in l.chars().filter(|c| !c.is_ascii_digit()) {
        if c.is_whitespace() {
            space = !key.is_empty();
        } else {
            if space {
                key.push(' ');
                space = false;
            }
            key.push(c);
        }
    }
    key
}

/// Lines that open or close at least 60% of the pages (page numbers
/// ignored), or 60% of the odd or of the even pages (journals alternate
/// the journal's name and the authors'): running headers and footers.
/// Needs three or more pages.
pub fn running_lines(pages: &[String]) -> Vec<String> {
    if pages.len() < 3 {
        return Vec::new();
    }
    let key = running_key;
    // Per line: pages in all, odd pages, even pages, first form seen.
    let mut counts: std::collections::HashMap<String, (usize, usize, usize, String)> =
        std::collections::HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        let lines: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let mut ends: Vec<&str> = lines
            .iter()
            .take(1)
            .chain(lines.iter().rev().take(1))
            .copied()
            .collect();
        ends.dedup();
        for l in ends {
            let k = key(l);
            if k.chars().count() < 3 {
                continue;
            }
            let e = counts.entry(k).or_insert((0, 0, 0, l.to_owned()));
            e.0 += 1;
            // Page i + 1 is odd when i is even.
            if i % 2 == 0 {
                e.1 += 1;
            } else {
                e.2 += 1;
            }
        }
    }
    let share = |n: usize| (n * 3).div_ceil(5);
    let (odd, even) = (pages.len().div_ceil(2), pages.len() / 2);
    let mut out: Vec<String> = counts
        .into_values()
        .filter(|(n, o, e, _)| {
            *n >= share(pages.len())
                || (odd >= 3 && *o >= share(odd) && *o >= 3)
                || (even >= 3 && *e >= share(even) && *e >= 3)
        })
        .map(|(_, _, _, l)| l)
        .collect();
    out.sort();
    out
}

/// Lines repeated on nearly every page (four in five, three pages or
/// more) wherever the page draws them — "(page number not for citation
/// purposes)", a journal's name drawn between the columns — as their
/// `running_key`s: running lines, though not at the pages' ends. Only
/// lines of four letters or more, no more numbers than words and at most
/// twelve words: a reference list's ", 12:345-6.", a table's row of
/// figures and a sentence are never taken.
pub fn running_anywhere(pages: &[String]) -> Vec<String> {
    if pages.len() < 3 {
        return Vec::new();
    }
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in pages {
        let mut seen = std::collections::HashSet::new();
        for l in p.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let k = running_key(l);
            let letters = k.chars().filter(|c| c.is_alphabetic()).count();
            // A row of figures ("WhitePoint [ 0.9505 1.0000 1.0890 ]"):
            // more numbers than words; a table's, however often its words
            // recur ("Page 3 of 11" has as many).
            let tokens: Vec<&str> = l.split_whitespace().collect();
            let figures = tokens
                .iter()
                .filter(|t| {
                    t.chars().any(|c| c.is_ascii_digit())
                        && t.chars()
                            .all(|c| c.is_ascii_digit() || ".,;:()%-".contains(c))
                })
                .count();
            let words = tokens
                .iter()
                .filter(|t| t.chars().any(char::is_alphabetic))
                .count();
            if letters >= 4
                && figures <= words
                && k.split_whitespace().count() <= 12
                && seen.insert(k.clone())
            {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|&(_, n)| n * 5 >= pages.len() * 4)
        .map(|(k, _)| k)
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejoins_words_broken_at_line_ends() {
        let none = Vocabulary::default();
        assert_eq!(
            join_hyphenated_lines("integra-\ntion works\nwell-\nKnown", &none),
            "integration works\nwell-Known"
        );
        // Before a capital or a digit: a name or a compound, hyphen kept.
        assert_eq!(
            join_hyphenated_lines(
                "the SWIFT-\nReview tool for non-\nEnglish COVID-\n19 trials",
                &none
            ),
            "the SWIFT-Review tool for non-English COVID-19 trials"
        );
        assert_eq!(join_hyphenated_lines("a - \nb", &none), "a - \nb");
        assert_eq!(join_hyphenated_lines("short-\nterm", &none), "shortterm");
        // The next line starting with the extractor's spaces.
        assert_eq!(
            join_hyphenated_lines("in all set-\n tings, which", &none),
            "in all settings, which"
        );
    }

    #[test]
    fn keeps_the_hyphen_of_compounds_the_document_writes_hyphenated() {
        let pages = [
            "Funding was short-term and the co-\nlocated teams met.",
            "Short-\nterm money; co-location helped. The integra-\ntion of teams.",
        ];
        let vocabulary = Vocabulary::of_pages(&pages);
        assert_eq!(
            join_hyphenated_lines(pages[1], &vocabulary),
            "Short-term money; co-location helped. The integration of teams."
        );
        // "co-located" is never written whole elsewhere; "colocated" is
        // not either, so the usual guess (no hyphen) stands.
        assert_eq!(
            join_hyphenated_lines(pages[0], &vocabulary),
            "Funding was short-term and the colocated teams met."
        );
        // Written run together elsewhere: the hyphen goes.
        let v = Vocabulary::of_pages(&["a shortterm grant", "x short-term", "short-\nterm"]);
        assert_eq!(join_hyphenated_lines("short-\nterm", &v), "shortterm");
    }

    #[test]
    fn a_compound_of_two_words_the_document_uses_keeps_its_hyphen() {
        let pages = [
            "Patients reported pain; the self was a theme. A rule that is based on",
            "evidence. The self-\nreported scores and the rule-\nbased coding, a meta-\nanalysis.",
            "Further-\nmore the scale was allow-\nable and the integra-\ntion of care helped.",
            "An analysis of the meta level.",
        ];
        let v = Vocabulary::of_pages(&pages);
        assert_eq!(
            join_hyphenated_lines(pages[1], &v),
            "evidence. The self-reported scores and the rule-based coding, a meta-analysis."
        );
        // A closed English word, an ending, a word broken between
        // syllables: joined.
        assert_eq!(
            join_hyphenated_lines(pages[2], &v),
            "Furthermore the scale was allowable and the integration of care helped."
        );
        // The half after the break alone does not make it a word: "tion"
        // follows a broken line only.
        assert!(!v.parts.contains("tion"));
        assert!(!v.parts.contains("integra"));
    }

    #[test]
    fn finds_lines_repeated_on_nearly_every_page_wherever_they_stand() {
        let said = [
            "Managers met weekly.",
            "Nurses wrote it down.",
            "Porters were asked too.",
            "Doctors agreed on it.",
            "Clerks kept the notes.",
        ];
        let pages: Vec<String> = said
            .iter()
            .enumerate()
            .map(|(i, s)| {
                format!(
                    "{s}\n(page number not for citation purposes)\nBMJ Open 2020;10:e0{i}\n{i}, 72:12{i}-5.\nMean 12.{i} 3.{i}1 4.5 (8.2)\nThe end of page {i}."
                )
            })
            .collect();
        // A line of three letters or fewer (a reference's numbers) and the
        // body are not running lines.
        assert_eq!(
            running_anywhere(&pages),
            vec![
                "(page number not for citation purposes)".to_owned(),
                "BMJ Open ;:e".to_owned(),
                "The end of page .".to_owned(),
            ]
        );
        // Four pages in five, not three in five.
        assert_eq!(running_anywhere(&pages[..2]), Vec::<String>::new());
        let mut fewer = pages.clone();
        fewer[0] = "Managers met weekly.".to_owned();
        fewer[1] = "Nurses wrote it down.".to_owned();
        assert_eq!(running_anywhere(&fewer), Vec::<String>::new());
    }

    #[test]
    fn finds_running_headers() {
        let pages: Vec<String> = (1..=5)
            .map(|i| format!("Journal of Care 12\nBody text {i} here.\nPage {i}"))
            .collect();
        assert_eq!(
            running_lines(&pages),
            vec!["Journal of Care 12".to_owned(), "Page 1".to_owned()]
        );
        assert!(running_lines(&pages[..2]).is_empty());
        // Alternating: the journal on even pages, the authors on odd ones.
        let pages: Vec<String> = (1..=8)
            .map(|i| {
                let head = if i % 2 == 0 {
                    "Journal of Statistical Software"
                } else {
                    "Mullen, van Stokkum"
                };
                format!("{head}\nBody text {i} goes on here.\n{i}")
            })
            .collect();
        assert_eq!(
            running_lines(&pages),
            vec![
                "Journal of Statistical Software".to_owned(),
                "Mullen, van Stokkum".to_owned()
            ]
        );
    }
}

/// Characters that wrongly mapped glyphs typically turn into inside words
/// ("VallŁs", "dØcision", "Dispıe", "proteçªo", "COƒ"): an upper-case Ł,
/// Ø or Œ between lower-case letters, a dotless ı or an ordinal ª or º
/// inside a word, a florin sign.
const SUSPECT: [char; 8] = ['Ł', 'Ø', 'Œ', 'ı', 'ª', 'º', 'ƒ', 'Ð'];

/// Whether a page's text looks garbled: replacement characters (three or
/// more), private-use characters (more than 1 in 20: a symbol font with no
/// usable encoding), two or more suspect characters inside words, or
/// mostly symbols. Run it on text whose TeX accents are composed
/// (`pdf_reflow::compose_spacing_accents`): "ˆı" is an accented i.
pub fn looks_garbled(page: &str) -> bool {
    let chars: Vec<char> = page.chars().collect();
    let visible = chars.iter().filter(|c| !c.is_whitespace()).count();
    if visible < 40 {
        return false;
    }
    let replaced = chars.iter().filter(|c| **c == '\u{FFFD}').count();
    let private = chars
        .iter()
        .filter(|c| ('\u{E000}'..='\u{F8FF}').contains(*c))
        .count();
    let inside_words = (1..chars.len().saturating_sub(1))
        .filter(|&i| {
            SUSPECT.contains(&chars[i])
                && chars[i - 1].is_lowercase()
                && chars[i + 1].is_lowercase()
        })
        .count();
    let letters_or_digits = chars.iter().filter(|c| c.is_alphanumeric()).count();
    // A table of contents' leader dots (". . . ." or "……") are no symbols
    // in place of letters.
    let leaders = chars
        .iter()
        .filter(|c| matches!(c, '.' | '…' | '·' | '_'))
        .count();
    let soup = letters_or_digits * 2 < visible - leaders;
    replaced >= 3 || private * 20 > visible || inside_words >= 2 || soup
}

#[cfg(test)]
mod garbled_tests {
    use super::looks_garbled;

    #[test]
    fn wrongly_mapped_letters_and_symbol_soup_are_noticed() {
        let fine = "The teams in Vallès met weekly; their décision to share records helped. Proteção de dados was discussed.";
        assert!(!looks_garbled(fine));
        let wrong = "The teams in VallŁs met weekly; their dØcision to share records helped. Dispıe sobre a proteçªo.";
        assert!(looks_garbled(wrong));
        let soup = "Berkeley( CA Θ14/- ∂∑∏ ⊗⊕ ⊥∥ ∠∡ ⋄⋆ ◊○ ≈≠ ≤≥ ∝∞ ∈∉ ⊂⊃ ∪∩ ∧∨ ¬∀ ∃∄";
        assert!(looks_garbled(soup));
        // A table of contents is dots, not soup.
        let contents = "Contents\n\nNotices . . . . . . . . . . . . . . . . . . . . . . vii\nTrademarks . . . . . . . . . . . . . . . . . . . . viii\nPreface . . . . . . . . . . . . . . . . . . . . . . . ix\nWhat is cancer? .................................................. 4\nThe breasts ........................................................ 6";
        assert!(!looks_garbled(contents));
        // Polish and Norwegian words are not suspects.
        assert!(!looks_garbled(
            "Łódź and Øvre Eiker took part; the ŁÓDŹ team and Ørsta reported the same barriers to joint working."
        ));
    }
}
