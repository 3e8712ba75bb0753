//! A PDF's title from its text, when its document information has none a
//! reviewer would recognise: the first heading of the first page — a
//! short paragraph that reads like a title, not a journal's name or issue
//! line, a venue, a date of submission, an author list, a running header
//! or a formula. A title set over two lines that the page spaced apart
//! ("Approximation Algorithms for Data Placement on" / "Arbitrary
//! Networks") is taken whole.

/// Paragraphs of the first page looked at.
const LOOKED_AT: usize = 16;

/// Words that mark a line as the journal's, the venue's or the file's,
/// not the work's title.
const NOT_A_TITLE: [&str; 18] = [
    "journal",
    "doi",
    "http",
    "©",
    "copyright",
    "vol.",
    "issn",
    "licen",
    "page",
    "proceedings",
    "submitted",
    "received",
    "accepted",
    "published",
    "subject to final review",
    "magazine",
    "creative commons",
    "et al.",
];

/// Words after which a title goes on ("… Data Placement on").
const OPEN_ENDS: [&str; 14] = [
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// The first heading of `body` (a PDF's text, paragraphs apart by blank
/// lines) that looks like the work's title, if any.
pub fn first_heading(body: &str) -> Option<String> {
    let paragraphs: Vec<&str> = body
        .split("\n\n")
        .take(LOOKED_AT + 1)
        .map(str::trim)
        .collect();
    let at = paragraphs.iter().take(LOOKED_AT).position(|p| heading(p))?;
    let mut title = without_footnote_mark(paragraphs[at]);
    let last = title.rsplit(' ').next().unwrap_or("").to_lowercase();
    if OPEN_ENDS.contains(&last.as_str())
        && let Some(next) = paragraphs.get(at + 1)
        && next.split_whitespace().count() <= 12
        && !next.ends_with(['.', ','])
    {
        title.push(' ');
        title.push_str(&without_footnote_mark(next));
    }
    Some(title)
}

/// Whether one paragraph reads like a title.
fn heading(p: &str) -> bool {
    let lower = p.to_lowercase();
    let visible: Vec<char> = p.chars().filter(|c| !c.is_whitespace()).collect();
    let letters = visible.iter().filter(|c| c.is_alphabetic()).count();
    // Scripts written without spaces count their characters, not words.
    let words = p.split_whitespace().count();
    let length_fits = if unspaced_script(p) {
        (4..=40).contains(&visible.len())
    } else {
        (4..=30).contains(&words)
    };
    // Two sentences make a passage, not a title.
    let sentences = words >= 15
        && p.split(". ")
            .skip(1)
            .any(|rest| rest.starts_with(char::is_uppercase));
    length_fits
        && letters * 10 >= visible.len() * 7
        && (!p.ends_with('.') || title_case(p))
        && !p.ends_with(['-', ','])
        && !p.starts_with(['•', '▪', '◦', '●', '–', '—', '-', '*'])
        && plausible_title(p)
        && !sentences
        && !issue_line(p)
        && !author_list(p)
        && !affiliation(p)
        && !NOT_A_TITLE.iter().any(|w| lower.contains(w))
}

/// Most words capitalised, as titles are set in many journals: such a
/// line may end with a full stop ("… of Phoenix paludosa Roxb."), where a
/// sentence may not.
fn title_case(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    let capitals = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    words.len() <= 20 && capitals * 5 >= words.len() * 2
}

/// A journal's issue line: "ReCIBE, Año 2 No.3, Diciembre 2013".
fn issue_line(p: &str) -> bool {
    let last = p.rsplit(' ').next().unwrap_or("");
    p.contains(',')
        && last.len() == 4
        && (last.starts_with("19") || last.starts_with("20"))
        && last.bytes().all(|b| b.is_ascii_digit())
}

/// An affiliation or an address: "1 Department of Pharmacy, …", "∗
/// Université François Rabelais Tours", an e-mail address.
fn affiliation(p: &str) -> bool {
    let lower = p.to_lowercase();
    let mut chars = p.chars();
    let marked = match (chars.next(), chars.next()) {
        (Some('∗' | '*' | '†' | '‡'), _) => true,
        (Some(d), Some(' ')) => d.is_ascii_digit(),
        _ => false,
    };
    marked
        || p.contains('@')
        || p.contains(',')
            && [
                "department of",
                "university of",
                "université",
                "universidad",
                "universität",
                "institute of",
                "faculty of",
                "school of",
            ]
            .iter()
            .any(|w| lower.contains(w))
}

/// Authors with their affiliation marks: "Farzana Alam1, Mohammad S.
/// Rahman2", "Julien Aligon∗, Patrick Marcel∗": two or more names that
/// end in a digit or a footnote sign.
fn author_list(p: &str) -> bool {
    let marked = p
        .split([',', ' '])
        .filter(|w| {
            let mut c = w.chars().rev();
            let last = c.next();
            let before = c.next();
            matches!(last, Some(d) if d.is_ascii_digit() || matches!(d, '∗' | '*' | '†' | '‡'))
                && before.is_some_and(char::is_alphabetic)
        })
        .count();
    marked >= 2
}

/// A title without the footnote mark after it ("… via Markov Chains∗").
pub fn without_footnote_mark(t: &str) -> String {
    t.trim_end_matches(['∗', '*', '†', '‡'])
        .trim_end()
        .to_owned()
}

/// Text in a script written without spaces between words (Chinese,
/// Japanese, Thai…): no space in it, and four or more of its letters from
/// those scripts.
pub fn unspaced_script(t: &str) -> bool {
    let unspaced = |c: &char| matches!(*c, '\u{0E00}'..='\u{0EFF}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}');
    !t.trim().contains(char::is_whitespace) && t.chars().filter(unspaced).count() >= 4
}

/// A title a reviewer would recognise: two words or more, with letters,
/// not a file name or a word processor's placeholder.
pub fn plausible_title(t: &str) -> bool {
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    let file_like = [
        ".doc", ".docx", ".pdf", ".indd", ".tex", ".dvi", ".rtf", ".odt", ".qxd",
    ]
    .iter()
    .any(|e| lower.ends_with(e));
    // A script written without spaces (Chinese, Japanese) has one "word".
    let unspaced = unspaced_script(t);
    // A journal's or venue's name alone ("AI Magazine").
    let venue = (words <= 3
        && ["magazine", "journal", "proceedings"]
            .iter()
            .any(|w| lower.contains(w)))
        || lower.starts_with("proceedings of");
    ((2..=40).contains(&words) || unspaced)
        && !venue
        && t.chars().count() <= 300
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && !file_like
        && !lower.starts_with("microsoft word")
        && !lower.starts_with("untitled")
        && !lower.contains("\\")
        && !t.contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_heading_that_reads_like_a_title() {
        let body = "BMJ Open\n\nOpen access Research\n\nWorking together in the neighbourhood: staff experiences of integrated teams\n\nAdaeze Okafor, Thomas Hale\n\nAbstract text.";
        assert_eq!(
            first_heading(body).as_deref(),
            Some("Working together in the neighbourhood: staff experiences of integrated teams")
        );
        assert_eq!(first_heading("doi:10.1136/bmjopen-2020\n\n12."), None);
        assert_eq!(
            first_heading("• Détermination de la qualité des avis"),
            None
        );
        // Lines that come before titles and are not.
        for not in [
            "COMPUTACIÓN E INFORMÁTICA ReCIBE, Año 2 No.3, Diciembre 2013",
            "Proceedings of the 45th Annual Meeting of the Association of Computational Linguistics",
            "Submitted 25 March 2016",
            "Official - Subject to Final Review",
            "Farzana Alam1, Mohammad S. Rahman2, Md. Shahanur Alam1 and Md. Khalid Hossain2",
            "Julien Aligon∗, Patrick Marcel∗, Elsa Negre∗",
            "(p<CONS,fi ..... fn>):X = (#CONS):<<CONS, fi ..... fn >,X>",
            "1 Department of Pharmacy, The University of Asia Pacific, Dhaka-1000, Bangladesh",
            "∗ Université François Rabelais Tours",
            "Mary J. O’Connell, m.oconnell@leeds.ac.uk",
            "Articles",
            "CREATURES",
            "Usually, in describing the function represented by a sequence, we shall give its overall effect rather than show how it works. Thus we would simply write",
        ] {
            assert_eq!(first_heading(not), None, "{not}");
            let body = format!(
                "{not}\n\nHerramienta para la Automatización de la Revisión Sistemática\n\nEdgar Uribe"
            );
            assert_eq!(
                first_heading(&body).as_deref(),
                Some("Herramienta para la Automatización de la Revisión Sistemática")
            );
        }
    }

    #[test]
    fn a_title_may_end_with_a_full_stop_or_name_a_department() {
        assert_eq!(
            first_heading("Phytochemical and Biological investigations of Phoenix paludosa Roxb.\n\nFarzana Alam1, Mohammad S. Rahman2").as_deref(),
            Some("Phytochemical and Biological investigations of Phoenix paludosa Roxb.")
        );
        // A sentence is not a title.
        assert_eq!(
            first_heading("The teams met every week in the new building."),
            None
        );
        assert_eq!(
            first_heading("Probabilistic XML via Markov Chains∗\n\nMichael Benedikt").as_deref(),
            Some("Probabilistic XML via Markov Chains")
        );
        let title = "Understanding the barriers to setting up a quality improvement process: a situational analysis at the Medical Department of Kamuzu Central";
        assert_eq!(first_heading(title).as_deref(), Some(title));
    }

    #[test]
    fn a_title_after_a_sidebar_is_found() {
        let body = "Submitted 25 March 2016\n\nAccepted 9 May 2017\n\nPublished 5 June 2017\n\nCorresponding author\n\nMary J. O’Connell, m.oconnell@leeds.ac.uk\n\nAcademic editor\n\nJames Procter\n\nAdditional Information and\n\nDeclarations can be found on page 13\n\nDOI 10.7717/peerj-cs.118\n\nCopyright\n\n2017 Webb et al.\n\nDistributed under\n\nCreative Commons CC-BY 4.0\n\nOPEN ACCESS\n\nVESPA: Very large-scale Evolutionary and\n\nSelective Pressure Analyses\n\nAlan T. Webb";
        assert_eq!(
            first_heading(body).as_deref(),
            Some("VESPA: Very large-scale Evolutionary and Selective Pressure Analyses")
        );
    }

    #[test]
    fn a_title_over_two_spaced_lines_is_taken_whole() {
        let body = "Approximation Algorithms for Data Placement on\n\nArbitrary Networks\n\nIvan D. Baev, Rajmohan Rajaraman";
        assert_eq!(
            first_heading(body).as_deref(),
            Some("Approximation Algorithms for Data Placement on Arbitrary Networks")
        );
        // A title that ends on its own noun stays as it is.
        let body = "Dense Passage Retrieval for Open-Domain Question Answering\n\nVladimir Karpukhin, Barlas Oğuz";
        assert_eq!(
            first_heading(body).as_deref(),
            Some("Dense Passage Retrieval for Open-Domain Question Answering")
        );
    }

    #[test]
    fn a_title_in_a_script_without_spaces_counts_its_characters() {
        let body = "披露日期：2012 年 3 月 27 日\n\n安徽安利合成革股份有限公司年度报告";
        assert_eq!(
            first_heading(body).as_deref(),
            Some("安徽安利合成革股份有限公司年度报告")
        );
    }
}
