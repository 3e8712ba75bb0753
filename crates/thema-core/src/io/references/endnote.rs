//! EndNote XML (`<xml><records><record>…`). Each `<record>` is cut out of
//! the text and read on its own with quick-xml, so a broken record costs
//! only itself. Text is collected from everything inside a field element
//! (EndNote wraps it in `<style>` runs). No DTD or entity expansion: only
//! the five predefined entities and character references are decoded.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::collect::{Collector, Draft, MAX_RECORD_PARTS, too_many_parts};
use super::text;
use super::{RefKind, Reference};

/// Deepest element nesting read inside one record.
const MAX_DEPTH: usize = 64;

/// The fields read, by the element that holds them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Key,
    TypeNumber,
    Author,
    Title,
    Secondary,
    Periodical,
    Year,
    PubDate,
    Volume,
    Number,
    Pages,
    Doi,
    Url,
    WebUrl,
    Pdf,
    Abstract,
    Keyword,
    Publisher,
    Language,
    Note,
}

fn field(parent: &str, name: &str) -> Option<Field> {
    Some(match (parent, name) {
        ("record", "rec-number") => Field::Key,
        ("record", "ref-type") => Field::TypeNumber,
        ("authors", "author") => Field::Author,
        ("titles", "title") => Field::Title,
        ("titles", "secondary-title") => Field::Secondary,
        ("periodical", "full-title") => Field::Periodical,
        ("dates", "year") => Field::Year,
        ("pub-dates", "date") => Field::PubDate,
        ("record", "volume") => Field::Volume,
        ("record", "number") => Field::Number,
        ("record", "pages") => Field::Pages,
        ("record", "electronic-resource-num") => Field::Doi,
        ("related-urls", "url") => Field::Url,
        ("web-urls", "url") => Field::WebUrl,
        ("pdf-urls", "url") => Field::Pdf,
        ("record", "abstract") => Field::Abstract,
        ("keywords", "keyword") => Field::Keyword,
        ("record", "publisher") => Field::Publisher,
        ("record", "language") => Field::Language,
        ("record", "notes" | "research-notes") => Field::Note,
        _ => return None,
    })
}

/// Where `<record>` (not `<records>`) starts at or after `from`.
fn record_start(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text[at..].find("<record").map(|i| i + at) {
        match text.as_bytes().get(i + 7) {
            Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/') => return Some(i),
            _ => at = i + 7,
        }
    }
    None
}

pub(super) fn read(text: &str, out: &mut Collector) {
    let mut pos = 0;
    let mut lines = text::Lines::default();
    while let Some(start) = record_start(text, pos) {
        let next = record_start(text, start + 7).unwrap_or(text.len());
        let end = text[start..next].find("</record>").map(|i| start + i + 9);
        let mut d = Draft::new(start..end.unwrap_or(next));
        let first_line = lines.at(text, start);
        record(&text[start..end.unwrap_or(next)], first_line, &mut d);
        if end.is_none() {
            d.issue("the record is not closed (“</record>” is missing); check its fields.");
        }
        out.push(d);
        pos = end.unwrap_or(next);
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn ref_type_name(e: &BytesStart) -> Option<String> {
    let a = e.try_get_attribute("name").ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// Text an entity reference stands for: the predefined five and character
/// references; anything else is kept as written.
fn entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        n => {
            let code = n
                .strip_prefix("#x")
                .or_else(|| n.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| n.strip_prefix('#').map(str::parse::<u32>));
            match code {
                Some(Ok(c)) => char::from_u32(c).map(String::from).unwrap_or_default(),
                _ => format!("&{n};"),
            }
        }
    }
}

/// Reads one record; `first_line` is the file's line it starts on.
fn record(xml: &str, first_line: usize, d: &mut Draft) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().allow_dangling_amp = true;
    let mut stack: Vec<String> = Vec::new();
    let mut values: Vec<(Field, String)> = Vec::new();
    // Indices into `values` of the open field elements, with their depth.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut type_name = String::new();
    let mut skipped = 0usize;
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Err(e) => {
                let upto = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
                let line = first_line
                    + xml.as_bytes()[..upto]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count();
                d.issue(format!(
                    "the XML is malformed near line {line} ({e}); the rest of the record was not read."
                ));
                break;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                if stack.len() >= MAX_DEPTH {
                    d.issue(format!(
                        "elements nest more than {MAX_DEPTH} levels deep; the rest of the record was not read."
                    ));
                    break;
                }
                let name = local(e.name().0).to_owned();
                let parent = stack.last().map_or("", String::as_str);
                if let Some(f) = field(parent, &name) {
                    if f == Field::TypeNumber {
                        type_name = ref_type_name(&e).unwrap_or_default();
                    }
                    if values.len() < MAX_RECORD_PARTS {
                        values.push((f, String::new()));
                        open.push((values.len() - 1, stack.len() + 1));
                    } else {
                        skipped += 1;
                    }
                }
                stack.push(name);
            }
            Ok(Event::Empty(e)) => {
                let name = local(e.name().0);
                if name == "ref-type" && stack.last().is_some_and(|p| p == "record") {
                    type_name = ref_type_name(&e).unwrap_or_default();
                }
            }
            Ok(Event::End(_)) => {
                if open.last().is_some_and(|(_, depth)| *depth == stack.len()) {
                    open.pop();
                }
                stack.pop();
            }
            Ok(Event::Text(t)) => {
                if let Some((i, _)) = open.last()
                    && let Some((_, v)) = values.get_mut(*i)
                {
                    v.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Ok(Event::CData(t)) => {
                if let Some((i, _)) = open.last()
                    && let Some((_, v)) = values.get_mut(*i)
                {
                    v.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some((i, _)) = open.last()
                    && let Some((_, v)) = values.get_mut(*i)
                {
                    v.push_str(&entity(&r));
                }
            }
            Ok(_) => {}
        }
    }
    if skipped > 0 {
        d.issue(too_many_parts("fields", skipped));
    }
    build(values, type_name, d);
}

fn kind(name: &str) -> RefKind {
    match name.trim().to_ascii_lowercase().as_str() {
        "journal article" | "electronic article" | "magazine article" => RefKind::JournalArticle,
        "book" | "edited book" | "electronic book" => RefKind::Book,
        "book section" | "electronic book section" => RefKind::Chapter,
        "report" | "government document" => RefKind::Report,
        "thesis" => RefKind::Thesis,
        "conference paper" | "conference proceedings" => RefKind::Conference,
        "web page" | "blog" => RefKind::Webpage,
        "dataset" => RefKind::Dataset,
        _ => RefKind::Other,
    }
}

/// EndNote's numbers for the types, for files without `name="…"`.
fn type_of_number(n: &str) -> &'static str {
    match n.trim() {
        "17" => "Journal Article",
        "6" => "Book",
        "28" => "Edited Book",
        "5" => "Book Section",
        "27" => "Report",
        "32" => "Thesis",
        "47" => "Conference Paper",
        "10" => "Conference Proceedings",
        "12" => "Web Page",
        "59" => "Dataset",
        _ => "",
    }
}

fn build(values: Vec<(Field, String)>, type_name: String, d: &mut Draft) {
    let first = |f: Field| {
        values
            .iter()
            .find(|(g, v)| *g == f && !v.trim().is_empty())
            .map_or("", |(_, v)| v.as_str())
    };
    let mut kind_label = text::line(&type_name);
    if kind_label.is_empty() {
        kind_label = type_of_number(first(Field::TypeNumber)).to_owned();
    }
    let journal = match text::line(first(Field::Secondary)) {
        j if j.is_empty() => text::line(first(Field::Periodical)),
        j => j,
    };
    let url = match first(Field::Url) {
        "" => first(Field::WebUrl),
        u => u,
    };
    d.reference = Reference {
        key: text::line(first(Field::Key)),
        kind: kind(&kind_label),
        kind_label,
        title: text::line(first(Field::Title)),
        journal,
        volume: text::line(first(Field::Volume)),
        issue: text::line(first(Field::Number)),
        pages: text::pages(first(Field::Pages)),
        publisher: text::line(first(Field::Publisher)),
        doi: text::doi(first(Field::Doi)),
        url: url.split_whitespace().next().unwrap_or("").to_owned(),
        abstract_text: text::block(first(Field::Abstract)),
        language: text::line(first(Field::Language)),
        ..Reference::default()
    };
    let year_text = text::line(first(Field::Year));
    let pub_date = text::line(first(Field::PubDate));
    if !year_text.is_empty() {
        match text::year_of(&year_text) {
            Some(y) => d.reference.year = Some(y),
            None => d.issue(text::bad_year(&year_text)),
        }
    }
    if !pub_date.is_empty() {
        if text::year_of(&pub_date).is_some() {
            d.reference.date = text::full_date(&pub_date);
            if d.reference.year.is_none() {
                d.reference.year = text::year_of(&pub_date);
            }
        } else if let Some(y) = d.reference.year {
            d.reference.date = text::full_date(&format!("{y} {pub_date}"));
        }
    }
    for (f, v) in values {
        match f {
            Field::Author => {
                if let Some(p) = text::inverted_name(&v) {
                    d.add_author(p);
                }
            }
            Field::Keyword => {
                for k in v
                    .split(['\n', '\r'])
                    .map(text::line)
                    .filter(|k| !k.is_empty())
                {
                    d.add_keyword(k);
                }
            }
            Field::Pdf => {
                for p in v.split(['\n', '\r']) {
                    if let Some(a) = text::attachment(p, "") {
                        d.add_file(a);
                    }
                }
            }
            Field::Note => d.add_note(text::block(&v)),
            _ => {}
        }
    }
}
