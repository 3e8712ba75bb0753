//! Arabic lines stored in the order they are seen, right to left read as
//! left to right ("ﺔﻴﺑﺮﻌﻟا" for "العربية"): many producers write each line
//! of right-to-left text as drawn, so the text reads backwards. Where the
//! letters are Arabic presentation forms, their shapes tell the order: a
//! word read in its own order starts with an initial form and ends with a
//! final one; read backwards, the other way round. A line whose words
//! mostly read backwards is turned round, runs of left-to-right text in
//! it (numbers, Latin words) kept in their order and brackets mirrored,
//! as poppler does. Lines without that evidence are left as they are.

/// Shape of an Arabic presentation form.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Isolated,
    Final,
    Initial,
    Medial,
}

/// Presentation Forms-B from U+FE80: each letter's forms in a row
/// (isolated, final, initial, medial), by how many it has.
const FORMS_B: [u8; 40] = [
    1, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 4, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 2, 2, 4, 2, 2, 2, 2,
];

fn form(c: char) -> Option<Form> {
    let mut at = 0xFE80u32;
    for n in FORMS_B {
        let n = u32::from(n);
        if (at..at + n).contains(&u32::from(c)) {
            return Some(
                [Form::Isolated, Form::Final, Form::Initial, Form::Medial]
                    [(u32::from(c) - at) as usize],
            );
        }
        at += n;
    }
    None
}

fn arabic(c: char) -> bool {
    matches!(c, '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Words of the line that read backwards, and words that read forwards.
fn evidence(line: &str) -> (usize, usize) {
    let (mut backwards, mut forwards) = (0, 0);
    for word in line.split(|c: char| !arabic(c)).filter(|w| !w.is_empty()) {
        let first = word.chars().next().and_then(form);
        let last = word.chars().last().and_then(form);
        if first == Some(Form::Final) || last == Some(Form::Initial) {
            backwards += 1;
        }
        if first == Some(Form::Initial) || last == Some(Form::Final) {
            forwards += 1;
        }
    }
    (backwards, forwards)
}

/// Letters and digits that read left to right.
fn left_to_right(c: char) -> bool {
    c.is_alphanumeric() && !arabic(c)
}

fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

/// The line in reading order: turned round, its left-to-right runs (from
/// the first such letter or digit to the last, with what lies between)
/// turned back.
fn turned(line: &str) -> String {
    let chars: Vec<char> = line.chars().rev().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !left_to_right(chars[i]) {
            out.push(mirrored(chars[i]));
            i += 1;
            continue;
        }
        // The run goes on through neutral characters while another
        // left-to-right one follows before any Arabic letter.
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() && !arabic(chars[j]) {
            if left_to_right(chars[j]) {
                end = j + 1;
            }
            j += 1;
        }
        out.extend(chars[i..end].iter().rev());
        i = end;
    }
    out
}

/// The page with its backwards Arabic lines in reading order.
pub fn reading_order(page: &str) -> String {
    if !page.chars().any(|c| form(c).is_some()) {
        return page.to_owned();
    }
    page.split('\n')
        .map(|line| {
            let (backwards, forwards) = evidence(line);
            if backwards > forwards {
                turned(line)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backwards_arabic_line_is_turned_round_numbers_and_brackets_kept() {
        // "أنواع الخطوط العربية (2021)" as drawn, right to left read left to
        // right.
        let seen = "(2021) ﺔﻴﺑﺮﻌﻟا طﻮﻄﳋا عاﻮﻧا";
        assert_eq!(reading_order(seen), "اﻧﻮاع اﳋﻄﻮط اﻟﻌﺮﺑﻴﺔ (2021)");
        // A line already in reading order, and one without shapes, stay.
        let read = "اﻧﻮاع اﳋﻄﻮط اﻟﻌﺮﺑﻴﺔ";
        assert_eq!(reading_order(read), read);
        assert_eq!(reading_order("العربية 2021\nText"), "العربية 2021\nText");
        assert_eq!(
            reading_order(&format!("{seen}\nPage 2")),
            "اﻧﻮاع اﳋﻄﻮط اﻟﻌﺮﺑﻴﺔ (2021)\nPage 2"
        );
    }
}
