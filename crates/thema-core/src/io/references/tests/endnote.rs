//! Tests of EndNote XML reading; compiled only under #[cfg(test)] (see `mod
//! tests` in references/mod.rs).

use super::{file, parse_ok, person, problem, strings};
use crate::io::references::{Format, RefKind, Reference};

/// EndNote 20's "XML" export: text in `<style>` runs, a corporate author
/// with EndNote's trailing comma, a record without title, a broken record.
pub(super) const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><database name="QES.enl" path="C:\Users\anna\Documents\QES.enl">QES.enl</database><source-app name="EndNote" version="20.2">EndNote</source-app><rec-number>12</rec-number><foreign-keys><key app="EN" db-id="x9vzz2pwk">12</key></foreign-keys><ref-type name="Journal Article">17</ref-type><contributors><authors><author><style face="normal" font="default" size="100%">Müller, Anna</style></author><author><style face="normal" font="default" size="100%">World Health Organization,</style></author></authors><secondary-authors><author>Editor, Ed</author></secondary-authors></contributors><titles><title><style face="normal" font="default" size="100%">Living with </style><style face="italic" font="default" size="100%">type 2 diabetes</style><style face="normal" font="default" size="100%">: a meta-synthesis</style></title><secondary-title><style face="normal" font="default" size="100%">Journal of Advanced Nursing</style></secondary-title><alt-title>J Adv Nurs</alt-title></titles><periodical><full-title>Journal of Advanced Nursing</full-title></periodical><pages>512-529</pages><volume>75</volume><number>3</number><keywords><keyword>Diabetes</keyword><keyword>Qualitative Research</keyword></keywords><dates><year><style face="normal" font="default" size="100%">2019</style></year><pub-dates><date>Mar 5</date></pub-dates></dates><isbn>0309-2402</isbn><urls><related-urls><url>https://onlinelibrary.wiley.com/doi/10.1111/jan.13890</url></related-urls><pdf-urls><url>internal-pdf://2345678901/Muller-2019-Living.pdf</url></pdf-urls></urls><electronic-resource-num>https://doi.org/10.1111/jan.13890</electronic-resource-num><abstract>Aim: to synthesise.&#xD;Design: meta-synthesis &amp; review.</abstract><notes>Full text screened</notes><language>eng</language></record>
<record><rec-number>13</rec-number><ref-type name="Report">27</ref-type><contributors><authors><author>World Health Organization,</author></authors></contributors><dates><year>2016</year></dates></record>
<record><rec-number>14</rec-number><ref-type name="Book Section">5</ref-type><contributors><authors><author>García-López, María José</author></authors></contributors><titles><title>Caring at home</title><secondary-title>Essays on care</secondary-title></titles><dates><year>in press</year></dates><urls><pdf-urls><url>file://C:\Users\maria\Papers\Caring%20at%20home.pdf</url></pdf-urls></urls></record>
<record><rec-number>15</rec-number><ref-type name="Thesis">32</ref-type><titles><title>A broken <style>record</title></titles><dates><year>2018</year></dates></record>
<record><rec-number>16</rec-number><ref-type>12</ref-type><titles><title>NICE guideline NG28</title></titles><dates><year>2020</year></dates></record>
</records></xml>
"#;

#[test]
fn endnote_sample() {
    let p = parse_ok(SAMPLE, "My Library.xml");
    assert_eq!(p.format, Format::EndnoteXml);
    assert_eq!(p.records.len(), 4);
    assert_eq!(
        p.records[0],
        Reference {
            record: 1,
            key: "12".into(),
            kind: RefKind::JournalArticle,
            kind_label: "Journal Article".into(),
            title: "Living with type 2 diabetes: a meta-synthesis".into(),
            authors: vec![
                person("Müller", "Anna"),
                person("World Health Organization", "")
            ],
            year: Some(2019),
            date: "2019 Mar 5".into(),
            journal: "Journal of Advanced Nursing".into(),
            volume: "75".into(),
            issue: "3".into(),
            pages: "512–529".into(),
            doi: "10.1111/jan.13890".into(),
            url: "https://onlinelibrary.wiley.com/doi/10.1111/jan.13890".into(),
            abstract_text: "Aim: to synthesise.\nDesign: meta-synthesis & review.".into(),
            keywords: strings(&["Diabetes", "Qualitative Research"]),
            language: "eng".into(),
            files: vec![file(
                "internal-pdf://2345678901/Muller-2019-Living.pdf",
                "application/pdf"
            )],
            notes: strings(&["Full text screened"]),
            ..Reference::default()
        }
    );
    let c = &p.records[1];
    assert_eq!((c.record, c.kind, c.year), (3, RefKind::Chapter, None));
    assert_eq!(c.journal, "Essays on care");
    assert_eq!(
        c.files,
        vec![file(
            r"C:\Users\maria\Papers\Caring at home.pdf",
            "application/pdf"
        )]
    );
    let t = &p.records[2];
    assert_eq!(
        (t.record, t.kind, t.title.as_str()),
        (4, RefKind::Thesis, "A broken record")
    );
    let w = &p.records[3];
    assert_eq!(
        (w.record, w.kind, w.kind_label.as_str()),
        (5, RefKind::Webpage, "Web Page")
    );

    assert_eq!(p.problems.len(), 3);
    assert_eq!(
        p.problems[..2],
        [
            problem(
                2,
                "Record 2 (13, World Health Organization, 2016) has no title and was left out."
            ),
            problem(
                3,
                "Record 3 (14): the year “in press” could not be read; the record was kept without a year."
            ),
        ]
    );
    assert_eq!(
        p.problems[2],
        problem(
            4,
            "Record 4 (15): the XML is malformed near line 4 (ill-formed document: expected `</style>`, \
             but `</title>` was found); the rest of the record was not read."
        )
    );
}

#[test]
fn entities_are_not_expanded_and_depth_is_capped() {
    let mut text = String::from(
        r#"<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY boom "BOOM">]><xml><records><record><titles><title>Safe &boom; &#233;t&#xE9;</title></titles>"#,
    );
    let depth = 100_000;
    text.push_str(&"<a>".repeat(depth));
    text.push_str(&"</a>".repeat(depth));
    text.push_str("</record><record><titles><title>Next</title></titles></record></records></xml>");
    let p = parse_ok(&text, "deep.xml");
    let titles: Vec<&str> = p.records.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Safe &boom; été", "Next"]);
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1: elements nest more than 64 levels deep; the rest of the record was not read."
        )]
    );
}

#[test]
fn an_unclosed_record_is_read_and_reported() {
    let text = "<xml><records><record><titles><title>Open</title></titles>\n<record><titles><title>Closed</title></titles></record></records></xml>";
    let p = parse_ok(text, "x.xml");
    let titles: Vec<&str> = p.records.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Open", "Closed"]);
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1: the record is not closed (“</record>” is missing); check its fields."
        )]
    );
}
