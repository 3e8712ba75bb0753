//! Tests of writing references out and reading them back; compiled only
//! under #[cfg(test)] (see `mod tests` in references/mod.rs).

use super::{file, parse_ok, person, strings};
use crate::io::references::{RefKind, Reference, to_csl_json, to_ris};

/// Three records with everything a `Reference` holds; `labels` and `keys`
/// are as the target format writes them.
fn sample(labels: [&str; 3], keys: [&str; 3]) -> Vec<Reference> {
    vec![
        Reference {
            record: 1,
            key: keys[0].into(),
            kind: RefKind::JournalArticle,
            kind_label: labels[0].into(),
            title: "Vivre avec le diabète : une méta-synthèse qualitative".into(),
            authors: vec![
                person("Müller", "Anna"),
                person("World Health Organization", ""),
                person("García-López", "María José"),
                person("van Beethoven", "Ludwig"),
            ],
            year: Some(2019),
            date: "2019-03-05".into(),
            journal: "Journal of Advanced Nursing".into(),
            volume: "75".into(),
            issue: "3".into(),
            pages: "512–529".into(),
            publisher: "Wiley".into(),
            doi: "10.1111/jan.13890".into(),
            url: "https://onlinelibrary.wiley.com/doi/10.1111/jan.13890".into(),
            abstract_text: "Aim: To synthesise evidence.\nER - looks like the end tag\n\nDesign: Meta-synthesis.".into(),
            keywords: strings(&["diabetes", "qualitative research", "Ångström"]),
            language: "fr".into(),
            files: vec![
                file("files/12/Müller et al. - 2019 - Vivre.pdf", "application/pdf"),
                file("files/13/Snapshot.html", "text/html"),
            ],
            notes: strings(&["<p>Included at full text.</p>", "Second note\nover two lines"]),
        },
        Reference {
            record: 2,
            key: keys[1].into(),
            kind: RefKind::Book,
            kind_label: labels[1].into(),
            title: "Qualitative research in health care".into(),
            authors: vec![person("Pope", "Catherine"), person("Mays", "Nicholas")],
            year: Some(2006),
            publisher: "Blackwell".into(),
            pages: "xii, 156".into(),
            ..Reference::default()
        },
        Reference {
            record: 3,
            key: keys[2].into(),
            kind: RefKind::Webpage,
            kind_label: labels[2].into(),
            title: "Type 2 diabetes in adults: management (NG28)".into(),
            authors: vec![person("National Institute for Health and Care Excellence", "")],
            url: "https://www.nice.org.uk/guidance/ng28".into(),
            notes: strings(&["Accessed 2024"]),
            ..Reference::default()
        },
    ]
}

#[test]
fn ris_round_trip() {
    let x = sample(["JOUR", "BOOK", "ELEC"], ["muller2019", "", "nice"]);
    let p = parse_ok(&to_ris(&x), "out.ris");
    assert_eq!(p.problems, vec![]);
    assert_eq!(p.records, x);
}

#[test]
fn csl_json_round_trip() {
    let x = sample(
        ["article-journal", "book", "webpage"],
        ["muller2019", "pope2006", "nice"],
    );
    let p = parse_ok(&to_csl_json(&x), "out.json");
    assert_eq!(p.problems, vec![]);
    assert_eq!(p.records, x);
}

#[test]
fn ris_output_is_plain_ris() {
    let x = vec![Reference {
        key: "k1".into(),
        kind: RefKind::Chapter,
        kind_label: "incollection".into(),
        title: "Caring at home".into(),
        authors: vec![
            person("Åström", "Björn"),
            person("World Health Organization", ""),
        ],
        year: Some(2017),
        journal: "Essays on care".into(),
        pages: "45–67".into(),
        files: vec![file("C:/Papers/x.pdf", "application/pdf")],
        ..Reference::default()
    }];
    assert_eq!(
        to_ris(&x),
        "TY  - CHAP\nID  - k1\nTI  - Caring at home\nAU  - Åström, Björn\nAU  - World Health Organization\n\
         PY  - 2017\nT2  - Essays on care\nSP  - 45\nEP  - 67\nL1  - C:/Papers/x.pdf\nER  - \n\n"
    );
}

#[test]
fn csl_json_output_uses_csl_names() {
    let x = vec![Reference {
        kind: RefKind::Report,
        kind_label: "RPRT".into(),
        title: "Global report on diabetes".into(),
        authors: vec![
            person("World Health Organization", ""),
            person("Roglic", "Gojka"),
        ],
        year: Some(2016),
        date: "2016/04/07/".into(),
        doi: "10.1000/who.2016".into(),
        keywords: strings(&["diabetes, type 2", "global health"]),
        ..Reference::default()
    }];
    let v: serde_json::Value = serde_json::from_str(&to_csl_json(&x)).unwrap();
    assert_eq!(
        v,
        serde_json::json!([{
            "id": "ref-1",
            "type": "report",
            "title": "Global report on diabetes",
            "author": [{ "literal": "World Health Organization" }, { "family": "Roglic", "given": "Gojka" }],
            "issued": { "date-parts": [[2016, 4, 7]] },
            "DOI": "10.1000/who.2016",
            "keyword": "diabetes, type 2; global health"
        }])
    );
    let back = parse_ok(&to_csl_json(&x), "x.json").records;
    assert_eq!(back[0].keywords, x[0].keywords);
    assert_eq!(back[0].date, "2016-04-07");
}

/// What other formats read survives RIS and CSL-JSON, apart from the type
/// label (each format has its own names) and the record numbers.
#[test]
fn other_formats_survive_both_writers() {
    fn same(mut a: Vec<Reference>, mut b: Vec<Reference>) {
        for r in a.iter_mut().chain(b.iter_mut()) {
            r.record = 0;
            r.kind_label.clear();
        }
        assert_eq!(a, b);
    }
    for (fixture, name) in [
        (super::bibtex::SAMPLE, "bib"),
        (super::endnote::SAMPLE, "xml"),
    ] {
        let p = parse_ok(fixture, &format!("x.{name}"));
        assert!(p.records.len() >= 4, "{name}");
        same(
            p.records.clone(),
            parse_ok(&to_ris(&p.records), "x.ris").records,
        );
        if name == "bib" {
            same(
                p.records.clone(),
                parse_ok(&to_csl_json(&p.records), "x.json").records,
            );
        }
    }
}
