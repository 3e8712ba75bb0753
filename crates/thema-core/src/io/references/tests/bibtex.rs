//! Tests of BibTeX reading; compiled only under #[cfg(test)] (see `mod
//! tests` in references/mod.rs).

use super::{file, line_of, parse_ok, person, problem, strings};
use crate::io::references::{Format, RefKind, Reference};

/// Zotero, Mendeley, JabRef and Better BibTeX styles in one file, with a
/// broken entry in the middle and an entry without title.
pub(super) const SAMPLE: &str = r#"% Exported from Zotero and Mendeley, merged by hand
@string{jadvnurs = {Journal of Advanced Nursing}}

@comment{jabref-meta: databaseType:bibtex;}

@article{muller_living_2019,
	title = {Living with type 2 diabetes: a {qualitative} meta-synthesis},
	volume = {75},
	issn = {0309-2402},
	url = {https://onlinelibrary.wiley.com/doi/10.1111/jan.13890},
	doi = {10.1111/jan.13890},
	abstract = {Aim: To synthesise qualitative evidence.

Design: Meta-synthesis of
  twelve studies.},
	number = {3},
	journal = jadvnurs,
	author = {M{\"u}ller, Anna and O'Brien, S. and {World Health Organization}},
	month = mar,
	year = {2019},
	pages = {512--529},
	file = {Full Text PDF:files/12/Muller et al. - 2019 - Living with type 2 diabetes.pdf:application/pdf;Snapshot:files/13/jan.html:text/html},
	keywords = {diabetes, qualitative research, meta-synthesis},
}

@article{Garcia2018,
author = {Garc{\'{i}}a-L{\'o}pez, Mar{\'{\i}}a Jos{\'e} and van der Berg, Jan and {\AA}str{\"o}m, Bj{\"o}rn},
doi = {https://doi.org/10.1016/J.SOCSCIMED.2018.01.002},
file = {:C$\backslash$:/Users/maria/Documents/Mendeley Desktop/Garcia-Lopez et al. - 2018 - Caring{\_}at{\_}home.pdf:pdf},
journal = {Social Science {\&} Medicine},
keywords = {Carers,Dementia,Qualitative},
mendeley-groups = {QES},
pages = {1--10},
title = {{Caring at home: a {\c c}ase study of Fran{\c{c}}oise and Se{\~n}or Pe\~na}},
volume = {200},
year = {2018}
}

@article{broken2020,
  title = {An entry whose title never closes,
  author = {Nobody, A.},
  year = 2020,
}

@incollection{ludwig_essays_2017,
  author = "Ludwig van Beethoven and Jean de La Fontaine",
  title = "The " # "Stra\ss e" # " and the {\o}resund --- a journey",
  booktitle = {Essays in {Honour} of {\O}rsted},
  publisher = {Routledge},
  address = {London},
  year = {2017},
  note = {Cited in chapter 2},
  file = {/home/anna/Zotero/storage/XYZ/beethoven.pdf},
}

@misc{who_2016,
  author = {{World Health Organization}},
  year = {2016},
  note = {Guideline}
}

@online{smith_stigma_2021,
  author = {Smith, Jane},
  title = {Stigma and {HIV}: a preprint},
  date = {2021-06-15},
  eprinttype = {medRxiv},
  doi = {10.1101/2021.06.15.21258912},
  langid = {english},
}
"#;

#[test]
fn zotero_mendeley_jabref_sample() {
    let p = parse_ok(SAMPLE, "library.bib");
    assert_eq!(p.format, Format::Bibtex);
    assert_eq!(p.records.len(), 4);
    assert_eq!(
        p.records[0],
        Reference {
            record: 1,
            key: "muller_living_2019".into(),
            kind: RefKind::JournalArticle,
            kind_label: "article".into(),
            title: "Living with type 2 diabetes: a qualitative meta-synthesis".into(),
            authors: vec![
                person("Müller", "Anna"),
                person("O'Brien", "S."),
                person("World Health Organization", ""),
            ],
            year: Some(2019),
            date: "2019-03".into(),
            journal: "Journal of Advanced Nursing".into(),
            volume: "75".into(),
            issue: "3".into(),
            pages: "512–529".into(),
            doi: "10.1111/jan.13890".into(),
            url: "https://onlinelibrary.wiley.com/doi/10.1111/jan.13890".into(),
            abstract_text: "Aim: To synthesise qualitative evidence.\n\nDesign: Meta-synthesis of twelve studies."
                .into(),
            keywords: strings(&["diabetes", "qualitative research", "meta-synthesis"]),
            files: vec![
                file(
                    "files/12/Muller et al. - 2019 - Living with type 2 diabetes.pdf",
                    "application/pdf"
                ),
                file("files/13/jan.html", "text/html"),
            ],
            ..Reference::default()
        }
    );

    let g = &p.records[1];
    assert_eq!(g.record, 2);
    assert_eq!(
        g.authors,
        vec![
            person("García-López", "María José"),
            person("van der Berg", "Jan"),
            person("Åström", "Björn"),
        ]
    );
    assert_eq!(
        g.title,
        "Caring at home: a çase study of Françoise and Señor Peña"
    );
    assert_eq!(g.journal, "Social Science & Medicine");
    assert_eq!(g.doi, "10.1016/j.socscimed.2018.01.002");
    assert_eq!(g.pages, "1–10");
    assert_eq!((g.year, g.date.as_str()), (Some(2018), ""));
    assert_eq!(g.keywords, strings(&["Carers", "Dementia", "Qualitative"]));
    assert_eq!(
        g.files,
        vec![file(
            "C:/Users/maria/Documents/Mendeley Desktop/Garcia-Lopez et al. - 2018 - Caring_at_home.pdf",
            "application/pdf"
        )]
    );

    let l = &p.records[2];
    assert_eq!(
        (l.record, l.kind, l.kind_label.as_str()),
        (4, RefKind::Chapter, "incollection")
    );
    assert_eq!(
        l.authors,
        vec![
            person("van Beethoven", "Ludwig"),
            person("de La Fontaine", "Jean")
        ]
    );
    assert_eq!(l.title, "The Straße and the øresund — a journey");
    assert_eq!(l.journal, "Essays in Honour of Ørsted");
    assert_eq!(l.publisher, "Routledge");
    assert_eq!(l.notes, strings(&["Cited in chapter 2"]));
    assert_eq!(
        l.files,
        vec![file(
            "/home/anna/Zotero/storage/XYZ/beethoven.pdf",
            "application/pdf"
        )]
    );

    let s = &p.records[3];
    assert_eq!((s.record, s.kind), (6, RefKind::Preprint));
    assert_eq!((s.year, s.date.as_str()), (Some(2021), "2021-06-15"));
    assert_eq!(s.title, "Stigma and HIV: a preprint");
    assert_eq!(s.language, "english");

    let broken_line = line_of(SAMPLE, "@article{broken2020");
    assert_eq!(
        p.problems,
        vec![
            problem(
                3,
                &format!(
                    "Record 3 (broken2020) could not be read (a brace is not closed, near line {broken_line}) \
                     and was left out."
                )
            ),
            problem(
                5,
                "Record 5 (who_2016, World Health Organization, 2016) has no title and was left out."
            ),
        ]
    );
}

#[test]
fn parentheses_quotes_and_an_early_closing_brace() {
    let text = "@Article(key1,\n  Title = \"A {\\\"U}berblick\",\n  Year = \"1999\"\n)\n\n\
                @article{key2, title = {Closed too soon}}, year = {2001}}\n\n\
                @article{key3, title = {Undefined macro}, journal = jrnl}\n";
    let p = parse_ok(text, "x.bib");
    let titles: Vec<&str> = p.records.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        ["A Überblick", "Closed too soon", "Undefined macro"]
    );
    assert_eq!(p.records[0].year, Some(1999));
    assert_eq!(p.records[0].kind_label, "Article");
    assert_eq!(
        p.problems,
        vec![
            problem(
                2,
                "Record 2 (key2): a closing brace ends the entry early; fields after it were not read."
            ),
            problem(
                3,
                "Record 3 (key3): the abbreviation “jrnl” in the journal field is not defined (no @string); \
                 it was left out of the field."
            ),
        ]
    );
}

#[test]
fn deep_braces_are_refused_without_recursion() {
    let depth = 100_000;
    let mut text = String::from("@article{deep, title = {");
    text.push_str(&"{".repeat(depth));
    text.push('x');
    text.push_str(&"}".repeat(depth));
    text.push_str("}}\n@article{fine, title = {Still read}}\n");
    let p = parse_ok(&text, "deep.bib");
    assert_eq!(p.records.len(), 1);
    assert_eq!(p.records[0].title, "Still read");
    assert_eq!(
        p.problems,
        vec![problem(
            1,
            "Record 1 (deep) could not be read (braces nest more than 64 levels deep, near line 1) \
             and was left out."
        )]
    );
}

#[test]
fn names_corporate_von_and_suffixes() {
    let text = r"@book{k, title = {T}, author = {de la Cruz, Juan and Doe, Jr., John and {Ministry of Health, Ghana} and Plato and Smith, J. and others}}";
    let p = parse_ok(text, "x.bib");
    assert_eq!(
        p.records[0].authors,
        vec![
            person("de la Cruz", "Juan"),
            person("Doe", "John, Jr."),
            person("Ministry of Health, Ghana", ""),
            person("Plato", ""),
            person("Smith", "J."),
        ]
    );
}

#[test]
fn bad_year_and_month_keep_the_record() {
    let text = "@article{k, title = {T}, year = {forthcoming}}\n@article{m, title = {U}, year = 2020, month = {Spring}}\n";
    let p = parse_ok(text, "x.bib");
    assert_eq!(p.records.len(), 2);
    assert_eq!(p.records[1].year, Some(2020));
    assert_eq!(
        p.problems,
        vec![
            problem(
                1,
                "Record 1 (k): the year “forthcoming” could not be read; the record was kept without a year."
            ),
            problem(
                2,
                "Record 2 (m): the month “Spring” could not be read; only the year was kept."
            ),
        ]
    );
}

#[test]
fn jabref_and_escaped_zotero_file_fields() {
    let text = r"@article{k, title = {T},
  file = {:C:/Users/a/Paper.pdf:PDF;Supplement:C\:/Users/a/S1\;S2.docx:Word}}
@article{m, title = {Mendeley, escaped colon}, file = {:C\:/Users/a/x.pdf:pdf}}";
    let p = parse_ok(text, "x.bib");
    assert_eq!(
        p.records[0].files,
        vec![
            file("C:/Users/a/Paper.pdf", "application/pdf"),
            file(
                "C:/Users/a/S1;S2.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        ]
    );
    assert_eq!(
        p.records[1].files,
        vec![file("C:/Users/a/x.pdf", "application/pdf")]
    );
}

#[test]
fn windows_1252_outside_the_entries_is_reported_for_the_file() {
    let bytes = b"% Export de la biblioth\xe8que\n@article{k, title = {Plain}}\n";
    let p = crate::io::references::parse(bytes, "x.bib").unwrap();
    assert_eq!(p.records.len(), 1);
    assert_eq!(
        p.problems,
        vec![problem(
            0,
            "Parts of the file outside its records are not valid UTF-8; they were read as Windows-1252."
        )]
    );
}

/// Found by fuzzing: a line break inside a file path, and a corporate name
/// whose braces hold a stray comma.
#[test]
fn wrapped_paths_and_stray_commas() {
    let text = "@article{k, title = {T}, author = {{,World Health Organization}},\n  \
                file = {:C:/Users/a/A long\n     name.pdf:PDF}}";
    let p = parse_ok(text, "x.bib");
    assert_eq!(
        p.records[0].authors,
        vec![person("World Health Organization", "")]
    );
    assert_eq!(
        p.records[0].files,
        vec![file("C:/Users/a/A long name.pdf", "application/pdf")]
    );
}
