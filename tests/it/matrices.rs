//! The framework matrix, the presence matrix and the matrices' exports on
//! a hand-computed fixture: passage counts per study × theme, a-priori and
//! emergent themes, auto-fill that never overwrites a written summary,
//! chart summaries through undo, save and merge, the CSV columns, the
//! co-occurrence drill-down and category filter, and the command line.

use super::fixtures::*;
use thema::analysis::cooccurrence::{self, Measure, Options, Proximity};
use thema::analysis::matrices::{self, MatrixOptions, StudyOrder};
use thema::analysis::{Prepared, Scope};
use thema::edit::{self, Command, UndoStack};
use thema::io::report::{self, Format};
use thema::model::codebook::Origin;
use thema::model::memos::About;
use thema::model::{AttrKind, AttributeDef, CodeId, DocId, Project, Reviewer};

const TYPE: thema::model::AttrId = thema::model::AttrId(uuid::Uuid::from_u128(0x77));

/// Three studies; themes Relational (a priori; Trust below it),
/// Organisational (a priori; Funding below it) and Digital tools
/// (emergent). Study 1 has 2 Trust passages (one a barrier) and 1 Funding;
/// study 2 has 1 Funding and 1 Digital tools; study 3 none.
fn fixture() -> Project {
    let mut p = Project::new("matrices");
    p.reviewers.push(Reviewer {
        id: AB,
        name: "Alex Byrne".into(),
        initials: "AB".into(),
    });
    let theme = |n, name: &str, origin| thema::model::Code {
        origin: Some(origin),
        ..code(n, name, None)
    };
    p.codebook.codes = vec![
        theme(1, "Relational", Origin::APriori),
        code(2, "Trust", Some(1)),
        theme(3, "Organisational", Origin::APriori),
        code(4, "Funding", Some(3)),
        theme(5, "Digital tools", Origin::Emergent),
    ];
    p.attributes.push(AttributeDef {
        id: TYPE,
        name: "Study type".into(),
        kind: AttrKind::Choice(vec!["Qualitative".into(), "Report".into()]),
        bins: Vec::new(),
    });
    let mut d1 = doc(
        1,
        "Staff trusted the lead. Meetings were protected.\nFunding ran out in year two.",
    );
    d1.attributes.insert(TYPE, "Report".into());
    let mut d2 = doc(2, "Only funding here. Tablets helped the team share notes.");
    d2.attributes.insert(TYPE, "Qualitative".into());
    let d3 = doc(3, "Nothing was coded in this one.");
    p.documents = vec![d1, d2, d3];
    let mut barrier = coding(11, 1, 0, 23, 2, AB); // "Staff trusted the lead."
    barrier.category = Some(BARRIER);
    p.codings = vec![
        barrier,
        coding(12, 1, 24, 48, 2, AB), // "Meetings were protected."
        coding(13, 1, 49, 77, 4, AB), // "Funding ran out in year two."
        coding(14, 2, 0, 18, 4, AB),  // "Only funding here."
        coding(15, 2, 19, 55, 5, AB), // "Tablets helped the team share notes."
    ];
    p
}

fn id(n: u128) -> CodeId {
    CodeId::from_u128(n)
}

fn did(n: u128) -> DocId {
    DocId::from_u128(n)
}

#[test]
fn framework_matrix_counts_each_studys_passages_per_theme() {
    let p = fixture();
    let prep = Prepared::new(&p, &Scope::default());
    let f = matrices::framework(&prep, 1, StudyOrder::Reference);
    let m = &f.matrix;
    assert_eq!(m.code_ids, vec![id(1), id(3), id(5)]);
    let rows: Vec<Vec<u32>> = (0..3)
        .map(|r| (0..3).map(|c| m.passages(r, c)).collect())
        .collect();
    assert_eq!(rows, vec![vec![2, 1, 0], vec![0, 1, 1], vec![0, 0, 0]]);
    // Ordered by study type: Qualitative (2), Report (1), then no value (3).
    let f = matrices::framework(&prep, 1, StudyOrder::Attribute(TYPE));
    let order: Vec<u32> = f
        .matrix
        .studies
        .iter()
        .map(|&d| p.documents[d].reference)
        .collect();
    assert_eq!(order, vec![2, 1, 3]);
    // Level 2: Trust and Funding only.
    let f = matrices::framework(&prep, 2, StudyOrder::Reference);
    assert_eq!(f.matrix.code_ids, vec![id(2), id(4)]);
    assert_eq!(f.matrix.passages(0, 0), 2);
    // The cell's passages, in text order.
    let cell = matrices::cell_codings(&prep, did(1), id(1));
    let ids: Vec<u128> = cell.iter().map(|&i| p.codings[i].id.0.as_u128()).collect();
    assert_eq!(ids, vec![11, 12]);
}

#[test]
fn auto_fill_drafts_from_first_sentences_and_never_overwrites_an_edited_summary() {
    let mut p = fixture();
    let mut undo = UndoStack::new();
    let prep = Prepared::new(&p, &Scope::default());
    let cells: Vec<_> = [(1, 1), (1, 3), (2, 3), (2, 5)]
        .iter()
        .map(|&(d, c)| {
            let codings = matrices::cell_codings(&prep, did(d), id(c));
            (did(d), id(c), matrices::draft(&p, &codings))
        })
        .collect();
    drop(prep);
    assert_eq!(
        cells[0].2,
        "\u{201c}Staff trusted the lead.\u{201d}\n\u{201c}Meetings were protected.\u{201d}"
    );
    let d = edit::memos::draft_charts(&p, &cells, Some(AB), "2026-12-06T10:00:00Z");
    assert_eq!((d.drafted, d.kept), (4, 0));
    undo.apply(&mut p, "Auto-fill chart", d.command.unwrap())
        .unwrap();
    let prep = Prepared::new(&p, &Scope::default());
    let f = matrices::framework(&prep, 1, StudyOrder::Reference);
    assert_eq!(f.summarised(), (4, 4));
    assert!(f.summary(0, 0).unwrap().draft);
    drop(prep);

    // The reviewer edits one cell: it is theirs, no longer a draft.
    let about = About::Chart {
        doc: did(1),
        code: id(1),
    };
    let cmd = edit::memos::write(
        &p,
        about,
        None,
        "",
        "Trust in the lead kept meetings going.",
        Some(AB),
        "2026-12-06T10:05:00Z",
    )
    .unwrap();
    undo.apply(&mut p, "Edit chart summary", cmd).unwrap();
    let memo = p.memos.iter().find(|m| m.about == about).unwrap();
    assert!(!memo.draft);
    assert_eq!(memo.modified, "2026-12-06T10:05:00Z");

    // A new passage, then auto-fill again: the edited cell is kept, the
    // drafts are refreshed only where their passages changed.
    let mut more = coding(16, 2, 0, 18, 1, AB);
    more.end = 4; // "Only" under Relational
    undo.apply(&mut p, "Code", Command::AddCodings(vec![more]))
        .unwrap();
    let prep = Prepared::new(&p, &Scope::default());
    let all: Vec<_> = [(1, 1), (1, 3), (2, 1), (2, 3), (2, 5)]
        .iter()
        .map(|&(d, c)| {
            let codings = matrices::cell_codings(&prep, did(d), id(c));
            (did(d), id(c), matrices::draft(&p, &codings))
        })
        .collect();
    drop(prep);
    let d = edit::memos::draft_charts(&p, &all, Some(AB), "2026-12-06T11:00:00Z");
    assert_eq!(
        (d.drafted, d.kept),
        (1, 1),
        "only study 2 × Relational is new"
    );
    undo.apply(&mut p, "Auto-fill chart", d.command.unwrap())
        .unwrap();
    let memo = p.memos.iter().find(|m| m.about == about).unwrap();
    assert_eq!(memo.text, "Trust in the lead kept meetings going.");
    let prep = Prepared::new(&p, &Scope::default());
    assert_eq!(
        matrices::framework(&prep, 1, StudyOrder::Reference).summarised(),
        (5, 4)
    );
    drop(prep);

    // Undo takes back the second auto-fill, the passage, the edit and the
    // first auto-fill, one step each.
    for _ in 0..4 {
        undo.undo(&mut p).unwrap();
    }
    assert!(p.memos.is_empty());
    assert_eq!(p, {
        let mut q = fixture();
        q.revision = p.revision;
        q
    });
}

#[test]
fn chart_summaries_survive_saving_and_merge_by_cell() {
    let mut mine = fixture();
    let about = About::Chart {
        doc: did(1),
        code: id(1),
    };
    let drafted = edit::memos::draft_charts(
        &mine,
        &[(
            did(1),
            id(1),
            "\u{201c}Staff trusted the lead.\u{201d}".into(),
        )],
        Some(AB),
        "2026-12-06T10:00:00Z",
    );
    edit::apply(&mut mine, drafted.command.unwrap()).unwrap();

    // Saved and read back: the draft flag and the cell stay.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.thema.ron");
    thema::io::project_file::save(&mine, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("format_version: 6"), "{text}");
    assert!(text.contains("origin: Some(APriori)"), "{text}");
    let back = thema::io::project_file::load(&path).unwrap().project;
    let m = back.memos.iter().find(|m| m.about == about).unwrap();
    assert!(m.draft);
    assert_eq!(
        back.codebook.get(id(5)).unwrap().origin,
        Some(Origin::Emergent)
    );

    // The other reviewer wrote the same cell: theirs replaces my draft.
    let mut theirs = fixture();
    let cmd = edit::memos::write(
        &theirs,
        about,
        None,
        "",
        "Trust was built in meetings.",
        Some(CD),
        "2026-12-06T12:00:00Z",
    )
    .unwrap();
    edit::apply(&mut theirs, cmd).unwrap();
    let (merged, report) = thema::io::merge::merge(&mine, &theirs);
    let cells: Vec<_> = merged.memos.iter().filter(|m| m.about == about).collect();
    assert_eq!(cells.len(), 1);
    assert_eq!(cells[0].text, "Trust was built in meetings.");
    assert!(!cells[0].draft);
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);

    // Two written summaries that differ: mine is kept, theirs listed.
    let mut mine2 = fixture();
    let cmd = edit::memos::write(&mine2, about, None, "", "Mine.", Some(AB), "t").unwrap();
    edit::apply(&mut mine2, cmd).unwrap();
    let (merged, report) = thema::io::merge::merge(&mine2, &theirs);
    let cells: Vec<_> = merged.memos.iter().filter(|m| m.about == about).collect();
    assert_eq!(cells.len(), 1);
    assert_eq!(cells[0].text, "Mine.");
    assert_eq!(report.conflicts.len(), 1);
    assert_eq!(
        report.conflicts[0].what,
        "chart summary of Author 1 × Relational"
    );
    assert_eq!(report.conflicts[0].other, "Trust was built in meetings.");
}

#[test]
fn presence_matrix_puts_attributes_first_and_counts_rolled_up() {
    let p = fixture();
    let o = MatrixOptions::default();
    let csv = String::from_utf8(
        report::matrices::render(&p, &Scope::default(), "presence", &o, Format::Csv).unwrap(),
    )
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "reference,study,Study type,Relational,Relational > Trust,Organisational,Organisational > Funding,Digital tools"
    );
    assert_eq!(lines[1], "1,Author 1,Report,1,1,1,1,0");
    assert_eq!(lines[2], "2,Author 2,Qualitative,0,0,1,1,1");
    assert_eq!(lines[3], "3,Author 3,,0,0,0,0,0");
    let counts = MatrixOptions {
        counts: true,
        level: Some(1),
        ..o
    };
    let csv = String::from_utf8(
        report::matrices::render(&p, &Scope::default(), "presence", &counts, Format::Csv).unwrap(),
    )
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "reference,study,Study type,Relational,Organisational,Digital tools"
    );
    assert_eq!(lines[1], "1,Author 1,Report,2,1,0");
    // In print: numbered code columns and their key.
    let md = String::from_utf8(
        report::matrices::render(&p, &Scope::default(), "presence", &counts, Format::Markdown)
            .unwrap(),
    )
    .unwrap();
    assert!(md.contains("| Study | 1 | 2 | 3 |"), "{md}");
    assert!(md.contains("| [1] Author 1 | 2 | 1 | 0 |"), "{md}");
    assert!(
        md.contains("Codes: 1 Relational; 2 Organisational; 3 Digital tools."),
        "{md}"
    );
}

#[test]
fn framework_and_cooccurrence_exports_have_the_documented_columns() {
    let mut p = fixture();
    let drafted = edit::memos::draft_charts(
        &p,
        &[(
            did(2),
            id(5),
            "\u{201c}Tablets helped the team share notes.\u{201d}".into(),
        )],
        Some(AB),
        "t",
    );
    edit::apply(&mut p, drafted.command.unwrap()).unwrap();
    let o = MatrixOptions::default();
    let csv = String::from_utf8(
        report::matrices::render(&p, &Scope::default(), "framework", &o, Format::Csv).unwrap(),
    )
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "study,theme,passages,summary");
    assert_eq!(lines[1], "[1] Author 1,Relational,2,");
    assert_eq!(
        lines[6],
        "[2] Author 2,Digital tools,1,Draft: \u{201c}Tablets helped the team share notes.\u{201d}"
    );
    assert_eq!(lines.len(), 10, "3 studies × 3 themes + header");
    let md = String::from_utf8(
        report::matrices::render(&p, &Scope::default(), "framework", &o, Format::Markdown).unwrap(),
    )
    .unwrap();
    assert!(
        md.contains("| Study | Relational (a priori) | Organisational (a priori) | Digital tools (emergent) |"),
        "{md}"
    );
    assert!(
        md.contains("1 of 9 cells summarised (1 drafted by Thema"),
        "{md}"
    );

    // Co-occurrence of themes at paragraph distance: study 1's Relational
    // passages fill its first paragraph and Organisational its second, so
    // they never meet though both are in study 1; in study 2 Organisational
    // and Digital tools share the one paragraph: c = 1 / (2 + 1 - 1).
    let o = MatrixOptions {
        level: Some(1),
        proximity: Proximity::Paragraph,
        ..o
    };
    let csv = String::from_utf8(
        report::matrices::render(&p, &Scope::default(), "cooccurrence", &o, Format::Csv).unwrap(),
    )
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "code_a,code_b,level,passages,documents,c_coefficient,flag"
    );
    assert_eq!(lines[1], "Relational,Organisational,1,0,1,0.000,");
    assert_eq!(lines[3], "Organisational,Digital tools,1,1,1,0.500,");
    assert_eq!(lines.len(), 4);
}

#[test]
fn cooccurrence_drill_down_and_category_filter() {
    let p = fixture();
    let prep = Prepared::new(&p, &Scope::default());
    // Study 2's paragraph holds Funding and Digital tools.
    let opts = Options {
        level: Some(1),
        proximity: Proximity::Paragraph,
        category: None,
    };
    let m = cooccurrence::compute(&prep, opts);
    assert_eq!(m.pairs(1, 2), 1);
    assert_eq!(m.text(Measure::CCoefficient, 1, 2), "0.500");
    assert_eq!(m.text(Measure::CCoefficient, 1, 1), "–");
    let b = cooccurrence::behind(&prep, opts, 1, 2);
    let ids: Vec<(u128, u128)> = b
        .pairs
        .iter()
        .map(|&(a, c)| (p.codings[a].id.0.as_u128(), p.codings[c].id.0.as_u128()))
        .collect();
    assert_eq!(ids, vec![(14, 15)]);
    assert_eq!(b.documents, vec![1]);
    // The diagonal: Relational's own passages.
    let own = cooccurrence::behind(&prep, opts, 0, 0);
    assert_eq!(own.pairs.len(), 2);
    // Only barriers: Relational has 1 passage, the others none.
    let m = cooccurrence::compute(
        &prep,
        Options {
            category: Some(BARRIER),
            ..opts
        },
    );
    assert_eq!(m.passages, vec![1, 0, 0]);
    assert_eq!(m.pairs(1, 2), 0);
}

#[test]
fn report_command_writes_the_three_matrices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.thema.ron");
    thema::io::project_file::save(&fixture(), &path).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .arg("report")
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, out, err) = run(&[
        "--table",
        "cooccurrence",
        "--level",
        "1",
        "--distance",
        "paragraph",
        "--format",
        "md",
        "--measure",
        "c",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("| 2. Organisational | 0.000 | – | 0.500 |"),
        "{out}"
    );
    let (code, out, err) = run(&["--table", "cooccurrence", "--level", "all"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1 + 10, "5 codes: 10 pairs");
    let (code, _, err) = run(&["--table", "framework", "--level", "all"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("the framework matrix needs one level"),
        "{err}"
    );
    let (code, out, _) = run(&["--table", "presence", "--counts", "--level", "1"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("\n1,Author 1,Report,2,1,0\n"), "{out}");
    let (code, out, _) = run(&["--table", "framework", "--order-by", "Study type"]);
    assert_eq!(code, Some(0));
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("[2] Author 2,Relational,"),
        "{out}"
    );
    // Bad options are one sentence and exit 2.
    let (code, _, err) = run(&["--table", "framework", "--level", "4"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("the code tree has 2 levels (--level 4 asked for)"),
        "{err}"
    );
    let (code, _, err) = run(&["--table", "cooccurrence", "--category", "Nope"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("\"Nope\" is not a category of this review"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "--table",
        "agreement",
        "--level",
        "2",
        "--reviewers",
        "AB,AB",
    ]);
    assert_eq!(code, Some(2));
    assert!(!err.is_empty());
}

mod incremental {
    use super::*;
    use proptest::prelude::*;

    /// A coding of the fixture's texts: document, range, code, category.
    fn arb_coding() -> impl Strategy<Value = (u128, usize, usize, u128, u8)> {
        (1u128..=3, 0usize..70, 1usize..30, 1u128..=5, 0u8..3)
    }

    fn make(
        n: u128,
        (d, s, len, c, k): (u128, usize, usize, u128, u8),
        p: &Project,
    ) -> thema::model::Coding {
        let chars = p.documents[(d - 1) as usize].text.chars().count();
        let start = s.min(chars - 1);
        let mut x = coding(1000 + n, d, start, (start + len).min(chars), c, AB);
        x.category = match k {
            0 => None,
            1 => Some(BARRIER),
            _ => Some(FACILITATOR),
        };
        x
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Adding codings in place gives exactly the matrices computed from
        /// scratch, at every distance, level and category filter.
        #[test]
        fn adding_codings_in_place_equals_recomputing(
            first in proptest::collection::vec(arb_coding(), 0..12),
            then in proptest::collection::vec(arb_coding(), 1..6),
            proximity in 0usize..3,
            level in 0usize..3,
            category in 0usize..2,
        ) {
            let mut p = fixture();
            let firsts: Vec<_> = first.iter().enumerate().map(|(i, c)| make(i as u128, *c, &p)).collect();
            edit::apply(&mut p, Command::AddCodings(firsts)).unwrap();
            let o = MatrixOptions {
                level: [None, Some(1), Some(2)][level],
                proximity: Proximity::ALL[proximity],
                category: [None, Some(BARRIER)][category],
                ..MatrixOptions::default()
            };
            let mut live = matrices::compute_all(&p, &Scope::default(), &o);
            let added: Vec<_> = then.iter().enumerate().map(|(i, c)| make(100 + i as u128, *c, &p)).collect();
            edit::apply(&mut p, Command::AddCodings(added.clone())).unwrap();
            prop_assert!(live.add(&p, &added));
            let fresh = matrices::compute_all(&p, &Scope::default(), &o);
            prop_assert_eq!(live.cooccurrence(), fresh.cooccurrence());
            prop_assert_eq!(&live.framework, &fresh.framework);
            prop_assert_eq!(&live.presence, &fresh.presence);
            prop_assert_eq!(live, fresh);
        }
    }
}
