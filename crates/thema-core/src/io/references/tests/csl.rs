//! Tests of CSL-JSON reading; compiled only under #[cfg(test)] (see `mod
//! tests` in references/mod.rs).

use super::{file, line_of, parse_ok, person, problem, strings};
use crate::io::references::{Format, RefKind, Reference};

/// Zotero's "Export as CSL JSON" style, with a broken item (a trailing
/// comma) in the middle, an item without title and an odd date.
pub(super) const SAMPLE: &str = r#"[
	{
		"id": "http://zotero.org/users/123456/items/ABCD1234",
		"type": "article-journal",
		"abstract": "Aim: To synthesise qualitative evidence.\n\nDesign: Meta-synthesis.",
		"container-title": "Journal of Advanced Nursing",
		"DOI": "https://doi.org/10.1111/JAN.13890",
		"ISSN": "0309-2402",
		"issue": "3",
		"language": "en",
		"note": "Included at full-text stage",
		"page": "512-529",
		"source": "Wiley Online Library",
		"title": "Living with type 2 diabetes: a qualitative meta-synthesis",
		"URL": "https://onlinelibrary.wiley.com/doi/10.1111/jan.13890",
		"volume": 75,
		"keyword": "diabetes, qualitative research",
		"author": [
			{ "family": "Müller", "given": "Anna" },
			{ "literal": "World Health Organization" },
			{ "family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van" }
		],
		"issued": { "date-parts": [["2019", 3, 5]] },
		"custom": { "files": [{ "path": "files/12/Muller - 2019.pdf", "mime": "application/pdf" }] }
	},
	{
		"id": "who2016",
		"type": "report",
		"publisher": "WHO",
		"author": [{ "literal": "World Health Organization" }],
		"issued": { "date-parts": [[2016]] }
	},
	{
		"id": "broken",
		"type": "book",
		"title": "Broken item",
	},
	{
		"id": 42,
		"type": "chapter",
		"title": "Caring at home",
		"container-title": ["Essays on care"],
		"author": [{ "family": "García-López", "given": "María José" }, 17],
		"issued": { "raw": "Spring 2018" }
	},
	{
		"id": "web1",
		"type": "webpage",
		"title": "NICE guideline NG28",
		"URL": "https://www.nice.org.uk/guidance/ng28",
		"issued": { "literal": "n.d." }
	}
]
"#;

#[test]
fn zotero_sample() {
    let p = parse_ok(SAMPLE, "export.json");
    assert_eq!(p.format, Format::CslJson);
    assert_eq!(p.records.len(), 3);
    assert_eq!(
        p.records[0],
        Reference {
            record: 1,
            key: "http://zotero.org/users/123456/items/ABCD1234".into(),
            kind: RefKind::JournalArticle,
            kind_label: "article-journal".into(),
            title: "Living with type 2 diabetes: a qualitative meta-synthesis".into(),
            authors: vec![
                person("Müller", "Anna"),
                person("World Health Organization", ""),
                person("van Beethoven", "Ludwig"),
            ],
            year: Some(2019),
            date: "2019-03-05".into(),
            journal: "Journal of Advanced Nursing".into(),
            volume: "75".into(),
            issue: "3".into(),
            pages: "512–529".into(),
            doi: "10.1111/jan.13890".into(),
            url: "https://onlinelibrary.wiley.com/doi/10.1111/jan.13890".into(),
            abstract_text: "Aim: To synthesise qualitative evidence.\n\nDesign: Meta-synthesis."
                .into(),
            keywords: strings(&["diabetes", "qualitative research"]),
            language: "en".into(),
            files: vec![file("files/12/Muller - 2019.pdf", "application/pdf")],
            notes: strings(&["Included at full-text stage"]),
            ..Reference::default()
        }
    );
    let c = &p.records[1];
    assert_eq!(
        (c.record, c.key.as_str(), c.kind),
        (4, "42", RefKind::Chapter)
    );
    assert_eq!(c.journal, "Essays on care");
    assert_eq!((c.year, c.date.as_str()), (Some(2018), ""));
    assert_eq!(c.authors, vec![person("García-López", "María José")]);
    let w = &p.records[2];
    assert_eq!((w.record, w.kind, w.year), (5, RefKind::Webpage, None));

    let broken_line = line_of(SAMPLE, "\"Broken item\"") + 1;
    assert_eq!(
        p.problems,
        vec![
            problem(
                2,
                "Record 2 (who2016, World Health Organization, 2016) has no title and was left out."
            ),
            problem(
                3,
                &format!(
                    "Record 3 is not valid JSON (trailing comma, line {broken_line}) and was left out."
                )
            ),
            problem(4, "Record 4 (42): an author entry (17) could not be read."),
            problem(
                5,
                "Record 5 (web1): the year “n.d.” could not be read; the record was kept without a year."
            ),
        ]
    );
}

#[test]
fn a_single_object_and_deep_nesting() {
    let p = parse_ok(
        r#"{"type": "book", "title": "One book", "issued": "2001"}"#,
        "one.json",
    );
    assert_eq!(p.records.len(), 1);
    assert_eq!(
        (p.records[0].kind, p.records[0].year),
        (RefKind::Book, Some(2001))
    );

    let depth = 100_000;
    let text = format!(
        r#"[{{"type": "book", "title": "Kept"}}, {}{}, {{"title": "Also kept"}}]"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let p = parse_ok(&text, "deep.json");
    let titles: Vec<&str> = p.records.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Kept", "Also kept"]);
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].record, 2);
    assert!(
        p.problems[0]
            .message
            .starts_with("Record 2 is not valid JSON (recursion limit exceeded")
    );
}

#[test]
fn a_truncated_array_keeps_the_items_before_the_break() {
    let text = r#"[{"type": "book", "title": "Whole"}, {"type": "book", "title": "Cut o"#;
    let p = parse_ok(text, "cut.json");
    assert_eq!(p.records.len(), 1);
    assert_eq!(p.problems.len(), 1);
    assert!(
        p.problems[0]
            .message
            .starts_with("Record 2 is not valid JSON (EOF while parsing a string")
    );
}

#[test]
fn a_negative_or_huge_year_is_reported() {
    let text = r#"[{"title": "A", "issued": {"date-parts": [[-2019, 3]]}}, {"title": "B", "issued": {"date-parts": [[20190]]}}]"#;
    let p = parse_ok(text, "x.json");
    assert_eq!((p.records[0].year, p.records[1].year), (None, None));
    assert_eq!(
        p.problems,
        vec![
            problem(
                1,
                "Record 1: the date {\"date-parts\":[[-2019,3]]} could not be read; the record was kept without a year."
            ),
            problem(
                2,
                "Record 2: the date {\"date-parts\":[[20190]]} could not be read; the record was kept without a year."
            ),
        ]
    );
}
