//! Tests of the limits on hostile reference files; compiled only under
//! #[cfg(test)] (see `mod tests` in references/mod.rs).

use super::{parse_ok, problem};
use crate::io::references::{
    Format, Limits, MAX_FIELD_BYTES, MAX_FILE_BYTES, parse, parse_with_limits,
};

#[test]
fn a_file_over_64_mib_is_refused() {
    let mut big = b"TY  - JOUR\nTI  - x\nER  - \n".to_vec();
    big.resize(MAX_FILE_BYTES + 1, b' ');
    assert_eq!(
        parse(&big, "big.ris").unwrap_err(),
        "“big.ris” is larger than 64 MiB, the most Thema reads from a reference file."
    );
    big.truncate(MAX_FILE_BYTES);
    assert_eq!(parse(&big, "big.ris").unwrap().records.len(), 1);

    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    assert_eq!(
        parse_with_limits(&[b' '; 101], "", &limits).unwrap_err(),
        "The file is larger than 100 bytes, the most Thema reads from a reference file."
    );
}

#[test]
fn records_beyond_the_cap_are_counted() {
    let limits = Limits {
        max_records: 2,
        ..Limits::default()
    };
    let text =
        "TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nTI  - B\nER  - \nTY  - JOUR\nTI  - C\nER  - \n";
    let p = parse_with_limits(text.as_bytes(), "x.ris", &limits).unwrap();
    assert_eq!(p.records.len(), 2);
    assert_eq!(
        p.problems,
        vec![problem(
            0,
            "The file holds 3 records; Thema reads at most 2, so the last one was left out."
        )]
    );
}

#[test]
fn a_huge_field_is_cut_at_a_character_boundary() {
    let text = format!(
        "TY  - JOUR\nTI  - Big\nAB  - {}\nER  - \n",
        "a".repeat(2 * MAX_FIELD_BYTES)
    );
    let p = parse_ok(&text, "x.ris");
    assert_eq!(p.records[0].abstract_text.len(), MAX_FIELD_BYTES);
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1: the abstract field is longer than 1 MiB and was cut short."
        )]
    );

    let limits = Limits {
        max_field_bytes: 9,
        ..Limits::default()
    };
    let p = parse_with_limits(
        "TY  - JOUR\nTI  - ééééé\nER  - \n".as_bytes(),
        "x.ris",
        &limits,
    )
    .unwrap();
    assert_eq!(p.records[0].title, "éééé");
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1: the title field is longer than 9 bytes and was cut short."
        )]
    );
}

#[test]
fn problems_beyond_the_cap_are_counted() {
    let text = "TY  - JOUR\nER  - \n".repeat(10_002);
    let p = parse_ok(&text, "x.ris");
    assert!(p.records.is_empty());
    assert_eq!(p.problems.len(), 10_001);
    assert_eq!(
        p.problems[9_999],
        problem(10_000, "Record 10000 has no title and was left out.")
    );
    assert_eq!(
        p.problems[10_000],
        problem(0, "2 more problems were not listed.")
    );
}

#[test]
fn unusable_files_are_refused_with_a_sentence() {
    let not = " is not a reference export Thema can read (RIS, BibTeX, CSL-JSON or EndNote XML).";
    assert_eq!(
        parse(b"", "empty.ris").unwrap_err(),
        "“empty.ris” is empty."
    );
    assert_eq!(
        parse(b" \r\n\t", "blank.bib").unwrap_err(),
        "“blank.bib” is empty."
    );
    assert_eq!(
        parse(b"Dear reviewer,\nhello.", "notes.txt").unwrap_err(),
        format!("“notes.txt”{not}")
    );
    assert_eq!(
        parse(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2], "x.ris").unwrap_err(),
        format!("“x.ris”{not}")
    );
    assert_eq!(
        parse(b"[]", "x.json").unwrap_err(),
        format!("“x.json”{not}")
    );
    assert_eq!(
        parse(b"<html><body>x</body></html>", "x.xml").unwrap_err(),
        format!("“x.xml”{not}")
    );
    assert_eq!(
        parse(b"@string{x = {y}}\n@comment{nothing}", "x.bib").unwrap_err(),
        "“x.bib” looks like a BibTeX file but holds no references."
    );
}

#[test]
fn content_decides_over_the_extension() {
    let ris = "TY  - JOUR\nTI  - A\nER  - \n";
    assert_eq!(parse_ok(ris, "library.bib").format, Format::Ris);
    let bib = "@article{k, title = {A}}";
    assert_eq!(parse_ok(bib, "export.ris").format, Format::Bibtex);
    assert_eq!(parse_ok(bib, "export.txt").format, Format::Bibtex);
    // A RIS abstract that quotes BibTeX is still RIS.
    let mixed = "TY  - JOUR\nTI  - A\nAB  - cite as @article{k, title={A}}\nER  - \n";
    assert_eq!(parse_ok(mixed, "x").format, Format::Ris);
}

#[test]
fn one_record_cannot_grow_without_bound() {
    let mut text = String::from("TY  - JOUR\nTI  - Many keywords\n");
    text.push_str(&"KW  - k\n".repeat(100_001));
    text.push_str("ER  - \n");
    let p = parse_ok(&text, "x.ris");
    assert_eq!(p.records[0].keywords.len(), 10_000);
    assert_eq!(
        p.problems,
        vec![
            problem(
                1,
                "Record 1: it has more than 100000 tagged lines; the last 3 were not read."
            ),
            problem(
                1,
                "Record 1: it names more than 10000 keywords; the last 89998 were left out."
            ),
        ]
    );

    let json = format!(
        r#"[{{"title": "Huge", "x": [{}0]}}, {{"title": "Small"}}]"#,
        "0,".repeat(100_001)
    );
    let p = parse_ok(&json, "x.json");
    assert_eq!(p.records.len(), 1);
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1 holds more than 100000 JSON values, far more than a reference has, and was left out."
        )]
    );

    let mut bib = String::from("@article{k, title = {Many fields}");
    bib.push_str(&", x = 1".repeat(100_000));
    bib.push('}');
    let p = parse_ok(&bib, "x.bib");
    assert_eq!(p.records[0].title, "Many fields");
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1 (k): it has more than 100000 fields; the last one was not read."
        )]
    );
}
