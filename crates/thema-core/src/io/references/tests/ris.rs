//! Tests of RIS reading; compiled only under #[cfg(test)] (see `mod tests`
//! in references/mod.rs).

use super::{file, parse_ok, person, problem, strings};
use crate::io::references::{Format, RefKind, Reference, parse};

/// Zotero "Export with files", an EndNote-style `T1`/`A1`/`Y1` record, a
/// record without title, a missing space after a dash and a missing final
/// `ER`.
pub(super) const SAMPLE: &str = "TY  - JOUR
TI  - Living with type 2 diabetes: a qualitative
      meta-synthesis
AU  - Müller, Anna
AU  - O'Brien, S.
AU  - World Health Organization
A2  - Editor, Ed
T2  - Journal of Advanced Nursing
J2  - J Adv Nurs
VL  - 75
IS  - 3
SP  - 512
EP  - 529
PY  - 2019
DA  - 2019/03/05/
DO  - https://doi.org/10.1111/JAN.13890
UR  - https://onlinelibrary.wiley.com/doi/10.1111/jan.13890
AB  - Aim: To synthesise qualitative evidence on
self-management.

Design: Meta-synthesis.
KW  - diabetes
KW  - qualitative research; meta-synthesis
LA  - en
SN  - 0309-2402
L1  - files/12/Müller et al. - 2019 - Living with type 2 diabetes.pdf
L2  - https://onlinelibrary.wiley.com/doi/full/10.1111/jan.13890
L2  - files/14/Snapshot.html
L4  - files/13/jan13890-fig-0001.png
N1  - <p>Included at full-text stage.</p>
ER  - 

TY  - RPRT
AU  - World Health Organization
PY  - 2016
PB  - WHO
ER  - 

TY  - BOOK
T1  - Qualitative research in health care
A1  - Pope, Catherine
A1  - Mays, Nicholas
Y1  - 2006///
PB  - Blackwell
L1  - file:///C:/Users/anna/Zotero/storage/AB12CD34/Pope%20and%20Mays%20-%202006.pdf
N1  - Fourth edition
N1  - Cited by 120
ER  -

TY  - CHAP
TI  -Patients' experiences of stroke rehabilitation
AU  - García-López, María José
PY  - in press
T2  - Rehabilitation in practice
SP  - 45-67
";

fn expected_first() -> Reference {
    Reference {
        record: 1,
        kind: RefKind::JournalArticle,
        kind_label: "JOUR".into(),
        title: "Living with type 2 diabetes: a qualitative meta-synthesis".into(),
        authors: vec![
            person("Müller", "Anna"),
            person("O'Brien", "S."),
            person("World Health Organization", ""),
        ],
        year: Some(2019),
        date: "2019/03/05/".into(),
        journal: "Journal of Advanced Nursing".into(),
        volume: "75".into(),
        issue: "3".into(),
        pages: "512–529".into(),
        doi: "10.1111/jan.13890".into(),
        url: "https://onlinelibrary.wiley.com/doi/10.1111/jan.13890".into(),
        abstract_text: "Aim: To synthesise qualitative evidence on\nself-management.\n\nDesign: Meta-synthesis.".into(),
        keywords: strings(&["diabetes", "qualitative research", "meta-synthesis"]),
        language: "en".into(),
        files: vec![
            file(
                "files/12/Müller et al. - 2019 - Living with type 2 diabetes.pdf",
                "application/pdf",
            ),
            file("files/14/Snapshot.html", "text/html"),
            file("files/13/jan13890-fig-0001.png", "image/png"),
        ],
        notes: strings(&["<p>Included at full-text stage.</p>"]),
        ..Reference::default()
    }
}

#[test]
fn zotero_endnote_sample() {
    let p = parse_ok(SAMPLE, "export.ris");
    assert_eq!(p.format, Format::Ris);
    assert_eq!(p.records.len(), 3);
    assert_eq!(p.records[0], expected_first());

    let book = &p.records[1];
    assert_eq!(book.record, 3);
    assert_eq!(book.kind, RefKind::Book);
    assert_eq!(book.title, "Qualitative research in health care");
    assert_eq!(
        book.authors,
        vec![person("Pope", "Catherine"), person("Mays", "Nicholas")]
    );
    assert_eq!((book.year, book.date.as_str()), (Some(2006), ""));
    assert_eq!(book.publisher, "Blackwell");
    assert_eq!(
        book.files,
        vec![file(
            "C:/Users/anna/Zotero/storage/AB12CD34/Pope and Mays - 2006.pdf",
            "application/pdf"
        )]
    );
    assert_eq!(book.notes, strings(&["Fourth edition", "Cited by 120"]));

    let chapter = &p.records[2];
    assert_eq!(chapter.record, 4);
    assert_eq!(chapter.kind, RefKind::Chapter);
    assert_eq!(
        chapter.title,
        "Patients' experiences of stroke rehabilitation"
    );
    assert_eq!(chapter.authors, vec![person("García-López", "María José")]);
    assert_eq!(chapter.year, None);
    assert_eq!(chapter.journal, "Rehabilitation in practice");
    assert_eq!(chapter.pages, "45–67");

    assert_eq!(
        p.problems,
        vec![
            problem(
                2,
                "Record 2 (World Health Organization, 2016) has no title and was left out."
            ),
            problem(
                4,
                "Record 4: the year “in press” could not be read; the record was kept without a year."
            ),
        ]
    );
}

#[test]
fn crlf_bom_and_utf16_read_the_same() {
    let crlf = format!("\u{FEFF}{}", SAMPLE.replace('\n', "\r\n"));
    let p = parse_ok(&crlf, "export.ris");
    assert_eq!(p.records[0], expected_first());
    assert_eq!(p.records.len(), 3);

    let mut utf16 = vec![0xFF, 0xFE];
    for u in SAMPLE.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let p = parse(&utf16, "export.ris").unwrap();
    assert_eq!(p.records[0], expected_first());

    let mac = SAMPLE.replace('\n', "\r");
    let p = parse_ok(&mac, "export.ris");
    assert_eq!(p.records[0], expected_first());
}

#[test]
fn windows_1252_is_reported_per_record() {
    let mut bytes =
        b"TY  - JOUR\r\nTI  - Plain ASCII title\r\nAU  - Smith, John\r\nER  - \r\n".to_vec();
    bytes.extend_from_slice(b"TY  - JOUR\r\nTI  - \x93Caf\xe9\x94 culture in M\xfcnchen\r\nAU  - M\xfcller, J\xfcrgen\r\nER  - \r\n");
    let p = parse(&bytes, "pubmed.ris").unwrap();
    assert_eq!(p.records.len(), 2);
    assert_eq!(p.records[1].title, "“Café” culture in München");
    assert_eq!(p.records[1].authors, vec![person("Müller", "Jürgen")]);
    assert_eq!(
        p.problems,
        vec![problem(
            2,
            "Record 2: the text is not valid UTF-8; read as Windows-1252 — check the accents."
        )]
    );
}

#[test]
fn good_utf8_next_to_bad_bytes_keeps_its_accents() {
    let mut bytes = "TY  - JOUR\nTI  - Résumé of care\nER  - \n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"TY  - JOUR\nTI  - R\xe9sum\xe9 of care\nER  - \n");
    let p = parse(&bytes, "x.ris").unwrap();
    assert_eq!(p.records[0].title, "Résumé of care");
    assert_eq!(p.records[1].title, "Résumé of care");
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].record, 2);
}

#[test]
fn replacement_characters_in_a_title_are_reported() {
    let p = parse_ok("TY  - JOUR\nTI  - Caf\u{FFFD} society\nER  - \n", "x.ris");
    assert_eq!(p.records.len(), 1);
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1: the title has characters that could not be decoded (shown as “\u{FFFD}”); \
             check it against the source."
        )]
    );
}

#[test]
fn id_becomes_key_and_a_non_doi_is_reported() {
    let text = "Provider: Example Database\n\nTY  - ELEC\nID  - web_2020\nTI  - NICE guideline\nDO  - PMC123456\nY1  - 2020/11/02\nER  - \n";
    let p = parse_ok(text, "x.ris");
    let r = &p.records[0];
    assert_eq!((r.key.as_str(), r.kind), ("web_2020", RefKind::Webpage));
    assert_eq!((r.year, r.date.as_str()), (Some(2020), "2020/11/02"));
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1 (web_2020): the DOI “pmc123456” does not look like a DOI (they begin with “10.”); \
             it was kept as written."
        )]
    );
}

#[test]
fn a_new_ty_closes_a_record_left_open() {
    let text = "TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\nER  - \n";
    let p = parse_ok(text, "x.ris");
    let titles: Vec<&str> = p.records.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["First", "Second"]);
    assert!(p.problems.is_empty());
}

/// Found by the round-trip fuzz test: each of these read differently once
/// written back.
#[test]
fn odd_values_read_the_same_after_writing() {
    let text = "TY  - JOUR\nTI  - T\nAU  - , Mays, Nicholas\nKW  - Diabetes Mellitus, Type 2\nSP  - 512\nEP  - - 529\n\
                L1  - file:///home/a/Pope%20\nER  - \n";
    let p = parse_ok(text, "x.ris");
    let r = &p.records[0];
    assert_eq!(r.authors, vec![person("Mays", "Nicholas")]);
    assert_eq!(r.keywords, strings(&["Diabetes Mellitus, Type 2"]));
    assert_eq!(r.pages, "512–529");
    assert_eq!(r.files, vec![file("/home/a/Pope", "")]);
    let again = parse_ok(&crate::io::references::to_ris(&p.records), "again.ris");
    assert_eq!(again.records, p.records);
}
