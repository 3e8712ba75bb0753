//! The synthesis tables with exact numbers (references, characteristics,
//! cross-tab, citations, summaries) and the CLI producing the same output.

use super::fixtures::*;
use thema::analysis::prepare::Prepared;
use thema::analysis::references::references;
use thema::analysis::{Scope, TableOptions, Tables, characteristics, citations, crosstab, summary};
use thema::edit::{self, Command, ops};
use thema::model::{AttrKind, AttributeDef, CategoryId, Coding, CodingId, Project};

#[test]
fn bmj_characteristics_are_exact() {
    let p = bmj();
    let prep = Prepared::new(&p, &Scope::default());
    let t = characteristics::characteristics(&prep);
    let rows = |name: &str| -> Vec<(String, usize, String)> {
        t.block(name)
            .unwrap()
            .rows
            .iter()
            .map(|r| (r.value.clone(), r.n, r.percent.clone()))
            .collect()
    };
    let s = |v: &str, n: usize, pc: &str| (v.to_owned(), n, pc.to_owned());
    assert_eq!(
        rows("Study type"),
        vec![
            s("Qualitative study", 9, "27.3"),
            s("Report", 15, "45.5"),
            s("Scoping Narrative Literature Review", 1, "3.0"),
            s("Systematic Literature Review", 5, "15.2"),
            s("Case Study", 3, "9.1"),
        ]
    );
    assert_eq!(
        rows("Year"),
        vec![
            s("1997–2004", 0, "0.0"),
            s("2005–2009", 2, "6.1"),
            s("2010–2014", 11, "33.3"),
            s("2015–2019", 17, "51.5"),
            s("2020–2021", 3, "9.1")
        ]
    );
}

#[test]
fn crosstab_counts_documents_per_attribute_value() {
    let p = bmj();
    let prep = Prepared::new(&p, &Scope::default());
    let t = crosstab::crosstab(&prep, STUDY_TYPE).unwrap();
    assert_eq!(t.column_n, vec![9, 15, 1, 5, 3]);
    // Theme 5 is in articles 1–20: all 9 qualitative studies and 11 of the 15 reports.
    let r = t.row_by_path("Economic factors").unwrap();
    assert_eq!(r.n, vec![9, 11, 0, 0, 0]);
    assert_eq!(r.column_percent, vec!["100.0", "73.3", "0.0", "0.0", "0.0"]);
}

/// References fixture: 1,000 passages, 577 barriers and 423 facilitators,
/// over four themes (two with sub-codes) in eight documents, two groups.
fn references_fixture() -> Project {
    let mut p = small();
    let group = AttributeDef {
        id: STUDY_TYPE,
        name: "Group".into(),
        kind: AttrKind::Choice(vec!["Review article".into(), "Grey literature".into()]),
        bins: vec![],
    };
    let mut cmds = vec![
        Command::InsertAttributeDef {
            index: 0,
            def: group,
        },
        ops::remove_document(&p, thema::model::DocId::from_u128(100)),
        ops::remove_document(&p, thema::model::DocId::from_u128(101)),
    ];
    cmds.push(Command::Batch(vec![]));
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    p.codebook.codes.clear();
    let codes = [
        (1, "T1", None),
        (11, "S1", Some(1)),
        (12, "S2", Some(1)),
        (2, "T2", None),
        (21, "S3", Some(2)),
        (3, "T3", None),
        (4, "T4", None),
    ];
    for (i, (n, name, parent)) in codes.iter().enumerate() {
        edit::apply(
            &mut p,
            Command::InsertCode {
                index: i,
                code: code(*n, name, *parent),
            },
        )
        .unwrap();
    }
    let docs: Vec<_> = (1..=8u128)
        .map(|n| {
            let mut d = doc(200 + n, &"x".repeat(2000));
            d.attributes.insert(
                STUDY_TYPE,
                if n <= 5 {
                    "Review article".into()
                } else {
                    "Grey literature".into()
                },
            );
            d
        })
        .collect();
    let cmd = ops::add_documents(&p, docs);
    edit::apply(&mut p, cmd).unwrap();
    // (code, barriers, facilitators)
    let plan: [(u128, usize, usize); 6] = [
        (11, 200, 100),
        (12, 77, 23),
        (1, 50, 0),
        (21, 150, 100),
        (3, 100, 100),
        (4, 0, 100),
    ];
    let mut codings = Vec::new();
    let mut n = 0u128;
    for (code_id, b, f) in plan {
        for (cat, k) in [(BARRIER, b), (FACILITATOR, f)] {
            for _ in 0..k {
                n += 1;
                // Documents 1–5 (review articles) get 3 of every 5 passages.
                let d = 200 + 1 + (n % 8);
                codings.push(Coding {
                    category: Some(cat),
                    ..coding(
                        n,
                        d,
                        (n % 1900) as usize,
                        (n % 1900) as usize + 10,
                        code_id,
                        AB,
                    )
                });
            }
        }
    }
    edit::apply(&mut p, Command::AddCodings(codings)).unwrap();
    p
}

#[test]
fn references_relative_frequency_and_key_codes() {
    let p = references_fixture();
    let prep = Prepared::new(&p, &Scope::default());
    let t = references(&prep, None);
    assert_eq!(t.groups, vec!["Combined"]);
    let total = &t.totals[0];
    assert_eq!(total.all, 1000);
    assert_eq!(t.relative(total.by_category[0], 0), "57.70");
    assert_eq!(t.relative(total.by_category[1], 0), "42.30");
    let row = |path: &str| t.row_by_path(path).unwrap();
    let rf = |path: &str| t.relative(row(path).groups[0].all, 0);
    assert_eq!(
        [rf("T1"), rf("T2"), rf("T3"), rf("T4")],
        ["45.00", "25.00", "20.00", "10.00"]
    );
    assert_eq!(row("T1").groups[0].by_category, vec![327, 123, 0, 0]);
    // Upper quartile of level 1 is 30.00 (type-7 interpolation): only T1 is key.
    let keys: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r.key)
        .map(|r| r.name.as_str())
        .collect();
    // Level 2: S1 30.00, S3 25.00, S2 10.00 → Q3 27.50: only S1.
    assert_eq!(keys, vec!["T1", "S1"]);

    let by_group = references(&prep, Some(STUDY_TYPE));
    assert_eq!(
        by_group.groups,
        vec!["Review article", "Grey literature", "Combined"]
    );
    let sum: usize = by_group.totals[..2].iter().map(|c| c.all).sum();
    assert_eq!(sum, 1000);
    assert_eq!(
        by_group.totals[0].all, 625,
        "documents 1–5 hold 5 of every 8 passages"
    );
}

#[test]
fn citations_list_reference_numbers_rolled_up() {
    let p = bmj();
    let prep = Prepared::new(&p, &Scope::default());
    let rows = citations::citations(&prep);
    let get = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .unwrap()
            .citations
            .clone()
    };
    assert_eq!(get("Political factors"), "(1–17)");
    assert_eq!(get("Shared values"), "(2,4,6,8,10,12,14,16,18,20,22,24,26)");
}

#[test]
fn factor_summary_groups_quotes_by_category_with_source_and_page() {
    let mut p = small();
    let mut d = doc(102, "Page one text.\n\nPage two says funding was short.");
    d.page_starts = vec![16];
    d.short_ref = "Smith 2019".into();
    let cmd = ops::add_documents(&p, vec![d]);
    edit::apply(&mut p, cmd).unwrap();
    edit::apply(
        &mut p,
        Command::UpdateCode(thema::model::Code {
            description: "Who leads.".into(),
            ..code(2, "Leadership", Some(1))
        }),
    )
    .unwrap();
    let c1 = Coding {
        category: Some(BARRIER),
        ..coding(1, 102, 16, 47, 2, AB)
    };
    let c2 = Coding {
        id: CodingId::from_u128(2),
        reviewer: CD,
        ..c1.clone()
    }; // same passage, second reviewer
    let c3 = Coding {
        category: Some(FACILITATOR),
        ..coding(3, 100, 0, 20, 2, AB)
    };
    edit::apply(&mut p, Command::AddCodings(vec![c1, c2, c3])).unwrap();
    let prep = Prepared::new(&p, &Scope::default());
    let s = summary::summaries(&prep);
    let lead = s.iter().find(|f| f.name == "Leadership").unwrap();
    assert_eq!(lead.description, "Who leads.");
    let groups: Vec<(&str, usize)> = lead
        .groups
        .iter()
        .map(|g| (g.category.as_str(), g.quotes.len()))
        .collect();
    assert_eq!(
        groups,
        vec![("Barrier", 1), ("Facilitator", 1)],
        "the doubly coded passage is quoted once"
    );
    let q = &lead.groups[0].quotes[0];
    assert_eq!(
        (q.text.as_str(), q.citation()),
        (
            "Page two says funding was short",
            "Smith 2019, p. 2".to_owned()
        )
    );
    let theme = s.iter().find(|f| f.name == "Relational factors").unwrap();
    assert_eq!(theme.groups[0].quotes[0].via.as_deref(), Some("Leadership"));
    let _ = CategoryId::new();
}

#[test]
fn a_quote_that_runs_over_a_page_break_cites_both_pages() {
    let mut p = small();
    // The sentence runs on over the break: page 2 starts at "funding".
    let mut d = doc(102, "Managers said the budget and the funding was short.");
    d.page_starts = vec![31];
    d.short_ref = "Smith 2019".into();
    assert_eq!(d.page_label(0, 51).as_deref(), Some("pp. 1\u{2013}2"));
    assert_eq!(d.page_label(0, 31).as_deref(), Some("p. 1"));
    assert_eq!(d.page_label(31, 51).as_deref(), Some("p. 2"));
    let cmd = ops::add_documents(&p, vec![d]);
    edit::apply(&mut p, cmd).unwrap();
    let c = Coding {
        category: Some(BARRIER),
        ..coding(1, 102, 0, 51, 2, AB)
    };
    edit::apply(&mut p, Command::AddCodings(vec![c])).unwrap();
    let prep = Prepared::new(&p, &Scope::default());
    let s = summary::summaries(&prep);
    let lead = s.iter().find(|f| f.name == "Leadership").unwrap();
    assert_eq!(
        lead.groups[0].quotes[0].citation(),
        "Smith 2019, pp. 1\u{2013}2"
    );
}

#[test]
fn every_table_comes_out_of_the_cli_as_the_analysis_computes_it() {
    let path = "sample_projects/neighbourhood_teams.thema.ron";
    let p = thema::io::project_file::load(std::path::Path::new(path))
        .unwrap()
        .project;
    let by = p.attribute_by_name("Group").unwrap().id;
    let tables = Tables::compute(
        &p,
        &Scope::default(),
        &TableOptions {
            group_by: Some(by),
            crosstab_by: Some(by),
        },
    );
    use thema::io::report::{sheets, text};
    let expected = [
        (
            "prevalence",
            text::csv(&sheets::prevalence(&tables.prevalence)),
        ),
        (
            "references",
            text::csv(&sheets::references(&tables.references)),
        ),
        (
            "characteristics",
            text::csv(&sheets::characteristics(&tables.characteristics)),
        ),
        (
            "crosstab",
            text::csv(&sheets::crosstab(tables.crosstab.as_ref().unwrap())),
        ),
        (
            "citations",
            text::csv(&sheets::citations(&tables.citations)),
        ),
        ("summary", text::csv(&sheets::summary(&tables.summaries))),
    ];
    let headers = [
        "code,level,n_documents,percent_documents,n_documents_barrier,n_documents_facilitator,n_documents_need,n_documents_recommendation",
        "code,level,category,group,references,relative_frequency,key",
        "attribute,value,n,percent",
        "code,level,value,n_documents,column_percent",
        "code,level,citations",
        "code,level,description,category,source,page,quote,subcode",
    ];
    for ((table, want), header) in expected.iter().zip(headers) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .args([
                "report", path, "--table", table, "--by", "Group", "--format", "csv",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{table}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).unwrap();
        assert_eq!(&got, want, "{table}");
        assert_eq!(got.lines().next().unwrap(), header);
    }
}

#[test]
fn whole_report_as_html_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = "sample_projects/neighbourhood_teams.thema.ron";
    let html = dir.path().join("r.html");
    let xlsx = dir.path().join("r.xlsx");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .args(args)
            .output()
            .unwrap()
    };
    assert!(
        run(&[
            "report",
            path,
            "--table",
            "all",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap()
        ])
        .status
        .success()
    );
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(
        h.contains("<svg") && h.contains("Prevalence of themes") && h.contains("Factor summaries")
    );
    assert!(!h.contains("<script"), "readable offline, no scripts");
    assert!(h.contains("Relational factors &gt; Leadership"));
    assert!(
        run(&[
            "report",
            path,
            "--table",
            "all",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap()
        ])
        .status
        .success()
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX is a zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert!(
        names
            .iter()
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .count()
            >= 5,
        "{names:?}"
    );
    let out = run(&["report", path, "--table", "all", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("html, xlsx or docx"));
    // Word: needs a file, then writes a .docx of publication tables.
    let out = run(&["report", path, "--table", "all", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give an output file with -o"));
    let docx = dir.path().join("report.docx");
    let out = run(&[
        "report",
        path,
        "--table",
        "characteristics",
        "--format",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let archive = thema::io::zipsafe::read(&std::fs::read(&docx).unwrap()).unwrap();
    let xml = String::from_utf8(archive.get("word/document.xml").unwrap().clone()).unwrap();
    assert!(xml.contains(">No (n=10)</w:t>"), "{xml}");
}

#[test]
fn charts_export_as_svg_and_png() {
    let p = bmj();
    let t = thema::analysis::prevalence(&p, &Scope::default());
    let chart = thema::io::report::chart::prevalence_chart(&p, &t);
    assert_eq!(chart.bars.len(), 6);
    assert!((chart.bars[0].segments[0].0 - 81.818).abs() < 0.01);
    let svg = thema::io::report::chart::svg(&chart).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Organisational culture"));
    let png = thema::io::report::chart::png(&svg).unwrap();
    assert_eq!(&png[1..4], b"PNG");
}

#[test]
fn numbers_drill_down_to_the_documents_and_passages_behind_them() {
    use thema::analysis::drill::{Cell, documents, passages};
    let p = bmj();
    let prep = Prepared::new(&p, &Scope::default());
    let culture = p.codebook.find_by_path("Organisational culture").unwrap();
    let cell = Cell {
        code: Some(culture),
        ..Default::default()
    };
    assert_eq!(documents(&prep, &cell).len(), 27, "the 27 behind 81.8%");
    let barrier = Cell {
        code: Some(culture),
        category: Some(0),
        ..Default::default()
    };
    assert_eq!(documents(&prep, &barrier).len(), 20);
    let reports = Cell {
        value: Some((STUDY_TYPE, "Report".into())),
        ..Default::default()
    };
    assert_eq!(documents(&prep, &reports).len(), 15);
    let economic = Cell {
        code: p.codebook.find_by_path("Economic factors"),
        value: Some((STUDY_TYPE, "Report".into())),
        ..Default::default()
    };
    assert_eq!(documents(&prep, &economic).len(), 11);
    // Passages: 20 articles coded once for theme 5, 4 of them twice.
    let all = Cell {
        code: p.codebook.find_by_path("Economic factors"),
        ..Default::default()
    };
    assert_eq!(passages(&prep, &all).len(), 24);
}

mod incremental {
    use super::*;
    use proptest::prelude::*;
    use thema::analysis::incremental::LiveTables;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn adding_codings_incrementally_equals_recomputing(
            adds in proptest::collection::vec((1u128..34, 0usize..6, 0usize..5, any::<bool>()), 1..40),
            grouped in any::<bool>(),
            reviewer_scope in any::<bool>(),
        ) {
            let mut p = bmj();
            let opts = TableOptions { group_by: grouped.then_some(STUDY_TYPE), crosstab_by: Some(YEAR) };
            let scope = if reviewer_scope { Scope { reviewers: thema::analysis::ReviewerView::One(AB), ..Default::default() } } else { Scope::default() };
            let mut live = LiveTables::build(&p, &scope, &opts);
            let codes = [1u128, 2, 3, 4, 5, 11];
            let cats = [Some(BARRIER), Some(FACILITATOR), Some(NEED), None, Some(RECOMMENDATION)];
            let new: Vec<Coding> = adds
                .iter()
                .enumerate()
                .map(|(i, (d, c, k, other))| Coding {
                    category: cats[*k],
                    ..coding(900_000 + i as u128, 1000 + d, 1, 9, codes[*c], if *other { CD } else { AB })
                })
                .collect();
            edit::apply(&mut p, Command::InsertReviewer { index: 1, reviewer: thema::model::Reviewer { id: CD, name: "C".into(), initials: "C".into() } }).unwrap();
            edit::apply(&mut p, Command::AddCodings(new.clone())).unwrap();
            prop_assert!(live.add(&new));
            let full = Tables::compute_live(&p, &scope, &opts);
            prop_assert_eq!(&live.tables.prevalence, &full.prevalence);
            prop_assert_eq!(&live.tables.references, &full.references);
            prop_assert_eq!(&live.tables.crosstab, &full.crosstab);
            prop_assert_eq!(&live.tables.citations, &full.citations);
        }
    }
}

#[test]
fn publication_tables_have_the_shape_the_review_printed() {
    use thema::io::report::publish;
    let p = bmj();
    let tables = thema::analysis::Tables::compute(&p, &Scope::default(), &Default::default());
    let c = publish::characteristics(&p, &tables);
    assert_eq!(
        c.caption,
        "Characteristics of the included studies (N = 33)"
    );
    assert_eq!(
        c.headings,
        vec!["Characteristic", "No (n=33)", "Percentage (%)"]
    );
    let row = |t: &publish::PubTable, first: &str| {
        t.rows
            .iter()
            .find(|r| r.cells[0] == first)
            .unwrap_or_else(|| panic!("no row {first}"))
            .clone()
    };
    let years = row(&c, "2010–2014");
    assert_eq!(years.cells, vec!["2010–2014", "11", "33.3"]);
    assert_eq!((years.indent, years.bold, years.group), (1, false, false));
    assert!(row(&c, "Year").group);
    let barrier = row(&c, "Barrier");
    assert_eq!(barrier.cells, vec!["Barrier", "20", "60.6"]);
    assert!(row(&c, "Data categories").group);
    let prev = publish::prevalence(&p, &tables);
    assert_eq!(
        prev.caption,
        "Themes and factors cited by the included studies, n (%) (N = 33)"
    );
    assert_eq!(
        prev.headings,
        vec![
            "Theme and factor",
            "Studies",
            "Barrier",
            "Facilitator",
            "Need",
            "Recommendation"
        ]
    );
    let culture = row(&prev, "Organisational culture");
    assert_eq!(
        culture.cells[..2],
        ["Organisational culture".to_owned(), "27 (81.8)".to_owned()]
    );
    assert!(culture.bold);
    let shared = row(&prev, "Shared values");
    assert_eq!(shared.indent, 1);
    assert!(!shared.bold);
    // The same description drives every format.
    let html = thema::io::report::publish_render::to_html(&prev);
    assert!(html.contains(
        "<caption>Themes and factors cited by the included studies, n (%) (N = 33)</caption>"
    ));
    assert!(html.contains("<tr class=\"bold\"><td><strong>Organisational culture</strong></td><td class=\"num\"><strong>27 (81.8)</strong></td>"), "{html}");
    let md = thema::io::report::publish_render::to_markdown(&c);
    assert!(
        md.contains("| \u{a0}\u{a0}\u{a0}\u{a0}2010–2014 | 11 | 33.3 |"),
        "{md}"
    );
    assert!(md.contains("| **Year** |  |  |"), "{md}");
}

#[test]
fn the_word_report_holds_the_published_rows() {
    let p = bmj();
    let tables = thema::analysis::Tables::compute(&p, &Scope::default(), &Default::default());
    let bytes =
        thema::io::report::render(&p, &tables, "all", thema::io::report::Format::Docx).unwrap();
    let archive = thema::io::zipsafe::read(&bytes).unwrap();
    let xml = String::from_utf8(archive.get("word/document.xml").unwrap().clone()).unwrap();
    // Rows read back as Word holds them: the texts of each <w:tr>.
    let rows: Vec<Vec<String>> = xml
        .split("<w:tr>")
        .skip(1)
        .map(|tr| {
            let tr = tr.split("</w:tr>").next().unwrap();
            tr.split("<w:tc>")
                .skip(1)
                .map(|tc| {
                    tc.split("<w:t xml:space=\"preserve\">")
                        .skip(1)
                        .map(|t| t.split("</w:t>").next().unwrap())
                        .collect::<String>()
                })
                .collect()
        })
        .collect();
    assert!(rows.contains(&vec![
        "2010–2014".to_owned(),
        "11".to_owned(),
        "33.3".to_owned()
    ]));
    let culture = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Organisational culture"))
        .unwrap();
    assert_eq!(culture[1], "27 (81.8)");
    // The theme row is bold, its factor is not.
    let tr_of = |name: &str| {
        xml.split("<w:tr>")
            .find(|tr| tr.contains(&format!(">{name}</w:t>")))
            .unwrap()
            .to_owned()
    };
    assert!(tr_of("Organisational culture").contains("<w:b/>"));
    assert!(!tr_of("Shared values").contains("<w:b/>"));
    assert!(
        xml.contains("Table 1. ")
            && xml.contains("Characteristics of the included studies (N = 33)")
    );
    assert!(
        xml.contains("<w:tblHeader/>"),
        "the header row repeats on each page"
    );
    // The relative-frequency table and the factor summary with its
    // citation lists are there too.
    assert!(xml.contains("Relative frequency (%) of each data category by theme and factor"));
    assert!(
        xml.contains(">20 studies (1–20)</w:t>"),
        "the summary's barrier cell for theme 1"
    );
    assert!(xml.contains("Appendix: quotations behind the summary of factors"));
    // The HTML report holds the same rows.
    let html = String::from_utf8(
        thema::io::report::render(&p, &tables, "all", thema::io::report::Format::Html).unwrap(),
    )
    .unwrap();
    assert!(html.contains("<td style=\"padding-left:1.2em\">2010–2014</td><td class=\"num\">11</td><td class=\"num\">33.3</td>"), "{html}");
    assert!(html.contains(
        "<strong>Organisational culture</strong></td><td class=\"num\"><strong>27 (81.8)</strong>"
    ));
}

#[test]
fn relative_frequency_table_bolds_key_factors_and_states_the_quartile_ranges() {
    use thema::io::report::publish;
    let p = references_fixture();
    let t = thema::analysis::Tables::compute(&p, &Scope::default(), &Default::default());
    let tables = publish::relative_frequency(&p, &t);
    assert_eq!(tables.len(), 1);
    let rf = &tables[0];
    assert_eq!(
        rf.caption,
        "Relative frequency (%) of each data category by theme and factor (N = 1000 coded passages)"
    );
    assert_eq!(
        rf.headings,
        vec![
            "Theme and factor",
            "Barrier",
            "Facilitator",
            "Need",
            "Recommendation"
        ]
    );
    let row = |name: &str| rf.rows.iter().find(|r| r.cells[0] == name).unwrap().clone();
    assert_eq!(
        row("T1").cells,
        vec!["T1", "32.70", "12.30", "0.00", "0.00"]
    );
    assert!(row("T1").bold && row("S1").bold);
    assert!(!row("T2").bold && !row("S2").bold);
    assert_eq!(row("S1").indent, 1);
    assert!(
        rf.footnotes[1].contains("(themes 30.00–45.00%; level-2 factors 27.50–30.00%)"),
        "{}",
        rf.footnotes[1]
    );
    // Two groups and four categories are too wide for one page: a table
    // per group, each with its own N.
    let by_group = thema::analysis::Tables::compute(
        &p,
        &Scope::default(),
        &thema::analysis::TableOptions {
            group_by: Some(STUDY_TYPE),
            crosstab_by: None,
        },
    );
    let split = publish::relative_frequency(&p, &by_group);
    let captions: Vec<&str> = split.iter().map(|t| t.caption.as_str()).collect();
    assert_eq!(
        captions,
        vec![
            "Relative frequency (%) of each data category by theme and factor: Review article (N = 625 coded passages)",
            "Relative frequency (%) of each data category by theme and factor: Grey literature (N = 375 coded passages)",
            "Relative frequency (%) of each data category by theme and factor (N = 1000 coded passages)",
        ]
    );
}

#[test]
fn factor_summary_blocks_carry_points_and_citation_lists() {
    use thema::io::report::publish;
    let mut p = bmj();
    // A reviewer's note on two passages of article 1 and 3 (the same point).
    let ids: Vec<_> = p
        .codings
        .iter()
        .filter(|c| c.category == Some(BARRIER) && matches!(c.doc, d if d == thema::model::DocId::from_u128(1001) || d == thema::model::DocId::from_u128(1003)))
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), 2);
    for c in p.codings.iter_mut().filter(|c| ids.contains(&c.id)) {
        c.memo = "Turnover broke the teams up.".into();
    }
    let t = thema::analysis::Tables::compute(&p, &Scope::default(), &Default::default());
    let s = publish::factor_summary(&p, &t);
    assert_eq!(s.caption, "Summary of factors (N = 33 studies)");
    assert_eq!(&s.headings[..3], ["Factor", "What it is", "Barrier"]);
    let culture = s
        .rows
        .iter()
        .find(|r| r.cells[0] == "Organisational culture")
        .unwrap();
    let barrier_col = s.headings.iter().position(|h| h == "Barrier").unwrap();
    assert_eq!(
        culture.cells[barrier_col],
        "• Turnover broke the teams up. (1,3)\n20 studies (1–20)"
    );
    let need_col = s.headings.iter().position(|h| h == "Need").unwrap();
    assert_eq!(culture.cells[need_col], "9 studies (1–9)");
    // The appendix quotes each passage with its source.
    let q = publish::quotes_appendix(&p, &t);
    assert!(
        q.rows
            .iter()
            .any(|r| r.group && r.cells[0] == "Organisational culture")
    );
    let first = q.rows.iter().find(|r| !r.group).unwrap();
    assert_eq!(
        first.cells,
        vec![
            "Barrier".to_owned(),
            "\u{201c}shared val\u{201d}".to_owned(),
            "Author 1001".to_owned()
        ]
    );
}

#[test]
fn excel_in_publication_style_keeps_caption_headings_numbers_and_footnotes() {
    use thema::io::report::{Format, Style, render_styled};
    let p = bmj();
    let t = thema::analysis::Tables::compute(&p, &Scope::default(), &Default::default());
    let bytes = render_styled(&p, &t, "characteristics", Format::Xlsx, Style::Publication).unwrap();
    let archive = thema::io::zipsafe::read(&bytes).unwrap();
    let text = |name: &str| String::from_utf8(archive.get(name).unwrap().clone()).unwrap();
    let strings = text("xl/sharedStrings.xml");
    for s in [
        "Characteristics of the included studies (N = 33)",
        "No (n=33)",
        "Percentage (%)",
        "2010–2014",
        "Data categories",
    ] {
        assert!(strings.contains(s), "{s} missing");
    }
    assert!(strings.contains("Percentages are of the 33 studies"));
    let sheet = text("xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("ySplit=\"2\""),
        "caption and headings stay in view"
    );
    // 33.3 is a number shown with one decimal.
    assert!(sheet.contains("<v>33.3</v>"), "{sheet}");
    assert!(text("xl/styles.xml").contains("formatCode=\"0.0\""));
    // Data style keeps the machine columns.
    let data = render_styled(&p, &t, "characteristics", Format::Xlsx, Style::Data).unwrap();
    let archive = thema::io::zipsafe::read(&data).unwrap();
    let strings = String::from_utf8(archive.get("xl/sharedStrings.xml").unwrap().clone()).unwrap();
    assert!(
        strings.contains("percent") && !strings.contains("No (n=33)"),
        "{strings}"
    );
}

#[test]
fn charts_for_journal_columns_print_at_their_width_and_300_dpi() {
    use thema::io::report::chart::{self, ChartSize};
    let p = bmj();
    let t = thema::analysis::prevalence(&p, &Scope::default());
    let c = chart::category_chart(&p, &t, 2);
    let one = chart::svg_sized(&c, ChartSize::OneColumn).unwrap();
    assert!(one.contains("width=\"85mm\""), "{}", &one[..200]);
    assert!(one.contains("viewBox=\"0 0 520 "));
    // Every label whole (wrapped, not cut).
    assert!(!one.contains('…'));
    assert_eq!(one.matches("viewBox=").count(), 1);
    assert!(one.contains("\nOrganisational culture\n"));
    let png = chart::png_at_dpi(&c, ChartSize::OneColumn, 300.0).unwrap();
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert_eq!(width, 1004, "85 mm at 300 dpi");
    let png = chart::png_at_dpi(&c, ChartSize::TwoColumns, 300.0).unwrap();
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert_eq!(width, 2067, "175 mm at 300 dpi");
    if let Ok(dir) = std::env::var("THEMA_CHART_OUT") {
        std::fs::write(
            format!("{dir}/one.png"),
            chart::png_at_dpi(&c, ChartSize::OneColumn, 150.0).unwrap(),
        )
        .unwrap();
    }
}

#[test]
fn crosstab_as_published_gives_n_and_percent_per_column() {
    use thema::io::report::publish;
    let p = bmj();
    let t = thema::analysis::Tables::compute(
        &p,
        &Scope::default(),
        &thema::analysis::TableOptions {
            group_by: None,
            crosstab_by: Some(STUDY_TYPE),
        },
    );
    let c = publish::crosstab(&p, &t, t.crosstab.as_ref().unwrap());
    assert_eq!(c.caption, "Themes and factors by Study type, n (%)");
    assert_eq!(
        c.headings[1..3],
        [
            "Qualitative study (n=9)".to_owned(),
            "Report (n=15)".to_owned()
        ]
    );
    let row = c
        .rows
        .iter()
        .find(|r| r.cells[0] == "Economic factors")
        .unwrap();
    assert_eq!(
        row.cells[1..4],
        [
            "9 (100.0)".to_owned(),
            "11 (73.3)".to_owned(),
            "0 (0.0)".to_owned()
        ]
    );
    assert!(row.bold);
}
