//! Exchange files in the habits of the tools reviewers come from, built
//! here so that every passage's intended words are known:
//!
//! - NVivo: positions in UTF-16 units over text with CRLF (counted as 2),
//!   braced upper-case GUIDs, selections without names, a source memo and
//!   a project note ("Research plan"), a set;
//! - ATLAS.ti: `Project.qde`, quotations that carry only a comment, code
//!   comments as notes, code groups as sets;
//! - MAXQDA: document sets, variables on sources and cases;
//! - QualCoder: bare file paths, sources without names.
//!
//! Each is imported and checked passage by passage against the words the
//! tool meant; the import report's counts are checked against a count of
//! the XML made here with another parser; the project is exported (XSD
//! valid), in Unicode characters and in UTF-16 units, and re-imported the
//! same. The README's "what is carried" table is rendered from these
//! results and must match.

use super::refi::zip_of;
use std::collections::BTreeSet;
use thema::io::refi::{export, import, positions::Unit};
use thema::model::Project;

/// How a tool counts positions, for building its file.
#[derive(Clone, Copy, PartialEq)]
enum Count {
    Chars,
    Utf16,
}

/// The position of `needle` in `raw` as the tool writes it: [start, end).
fn span(raw: &str, needle: &str, count: Count) -> (usize, usize) {
    let byte = raw
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &raw[..byte];
    let measure = |s: &str| match count {
        Count::Chars => s.chars().count(),
        Count::Utf16 => s.encode_utf16().count(),
    };
    let start = measure(before);
    (start, start + measure(needle))
}

const INTERVIEW: &str = "Interviewer: What helped the team start?\r\nP1: Honestly 😀 the shared office. We could talk every day.\r\nP1: The budget 💸 was never enough for training.\r\nInterviewer: And leadership?\r\nP1: Our manager came out on visits – she knew the patients.\r\n";
const BOARD: &str = "Staff turnover was high in 2017 𝑥.\r\nFunding for the café 🎉 came late.\r\nThe board agreed to protect meeting time.";

/// (source, code, the words the tool meant).
const MEANT: [(&str, &str, &str); 5] = [
    ("Interview 1", "Co-location", "the shared office"),
    (
        "Interview 1",
        "Resources",
        "The budget 💸 was never enough for training",
    ),
    (
        "Interview 1",
        "Leadership",
        "Our manager came out on visits",
    ),
    (
        "Board report 2017",
        "Resources",
        "Funding for the café 🎉 came late",
    ),
    ("Board report 2017", "Leadership", "protect meeting time"),
];

const NS: &str = "urn:QDA-XML:project:1.0";

/// One tool's file and what the test expects of it.
struct Fixture {
    tool: &'static str,
    qdpx: Vec<u8>,
    /// The project XML, for the independent count.
    qde: String,
    /// Source names as the tool meant them (QualCoder writes none: the
    /// file names stand in).
    sources: [&'static str; 2],
    /// Positions counted in UTF-16 units.
    utf16: bool,
    /// Variables the tool wrote: (source, variable, value).
    variables: Vec<(&'static str, &'static str, &'static str)>,
    /// Selections that carry no code.
    uncoded: usize,
}

impl Fixture {
    /// A tool's file with the two texts at `sources/<guid>.txt` (GUIDs 10
    /// and 11), named as meant, positions in characters, nothing extra.
    fn named(tool: &'static str, qde_name: &str, qde: String, g: &dyn Fn(u32) -> String) -> Self {
        let (p1, p2) = (
            format!("sources/{}.txt", g(10)),
            format!("sources/{}.txt", g(11)),
        );
        Fixture {
            tool,
            qdpx: zip_of(&[
                (qde_name, qde.as_bytes()),
                (&p1, INTERVIEW.as_bytes()),
                (&p2, BOARD.as_bytes()),
            ]),
            qde,
            sources: ["Interview 1", "Board report 2017"],
            utf16: false,
            variables: vec![],
            uncoded: 0,
        }
    }
}

fn codebook(g: &dyn Fn(u32) -> String, with_notes: bool) -> String {
    let note = |n: u32| {
        if with_notes {
            format!("<NoteRef targetGUID=\"{}\"/>", g(n))
        } else {
            String::new()
        }
    };
    format!(
        r##"<CodeBook><Codes>
<Code guid="{}" name="Organisational factors" isCodable="true" color="#E69F00">
  <Code guid="{}" name="Resources" isCodable="true">{}</Code>
  <Code guid="{}" name="Co-location" isCodable="true"/>
</Code>
<Code guid="{}" name="Relational factors" isCodable="true" color="#0072B2">
  <Code guid="{}" name="Leadership" isCodable="true"/>
</Code>
</Codes></CodeBook>"##,
        g(1),
        g(2),
        note(90),
        g(3),
        g(4),
        g(5)
    )
}

fn code_guid(g: &dyn Fn(u32) -> String, name: &str) -> String {
    g(match name {
        "Resources" => 2,
        "Co-location" => 3,
        "Leadership" => 5,
        other => panic!("{other}"),
    })
}

/// The selections of one source, coded as `MEANT` says.
fn selections(
    g: &dyn Fn(u32) -> String,
    source: &str,
    raw: &str,
    count: Count,
    names: bool,
    first: u32,
) -> String {
    let mut out = String::new();
    for (i, (_, code, meant)) in MEANT.iter().filter(|m| m.0 == source).enumerate() {
        let (s, e) = span(raw, meant, count);
        let n = first + i as u32;
        let name = if names {
            format!(" name=\"{meant}\"")
        } else {
            String::new()
        };
        out.push_str(&format!(
            r#"<PlainTextSelection guid="{}"{name} startPosition="{s}" endPosition="{e}" creatingUser="{}"><Coding guid="{}" creatingUser="{}"><CodeRef targetGUID="{}"/></Coding></PlainTextSelection>"#,
            g(n),
            g(100),
            g(n + 50),
            g(100),
            code_guid(g, code)
        ));
    }
    out
}

fn nvivo() -> Fixture {
    let g = |n: u32| format!("{{{:08X}-0000-4000-8000-{:012X}}}", 0xA000 + n, n);
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Neighbourhood teams" origin="NVivo 14.24.0 (Windows)">
<Users><User guid="{u}" name="Alex Byrne" id="AB"/></Users>
{codebook}
<Sources>
<TextSource guid="{s1}" name="Interview 1" plainTextPath="internal://{s1}.txt">{sel1}<NoteRef targetGUID="{n1}"/></TextSource>
<TextSource guid="{s2}" name="Board report 2017" plainTextPath="internal://{s2}.txt">{sel2}</TextSource>
</Sources>
<Notes>
<Note guid="{n1}" name="About interview 1"><PlainTextContent>Recorded on the ward; the manager joined late.</PlainTextContent></Note>
<Note guid="{n2}" name="Research Plan"><PlainTextContent>Code every interview twice.</PlainTextContent></Note>
</Notes>
<Sets><Set guid="{set}" name="Wave 1"><MemberSource targetGUID="{s1}"/><MemberSource targetGUID="{s2}"/></Set></Sets>
</Project>"#,
        u = g(100),
        codebook = codebook(&g, false),
        s1 = g(10),
        s2 = g(11),
        n1 = g(80),
        n2 = g(81),
        set = g(70),
        sel1 = selections(&g, "Interview 1", INTERVIEW, Count::Utf16, false, 20),
        sel2 = selections(&g, "Board report 2017", BOARD, Count::Utf16, false, 30),
    );
    Fixture {
        utf16: true,
        variables: vec![],
        uncoded: 0,
        ..Fixture::named("NVivo", "project.qde", qde, &g)
    }
}

fn atlas() -> Fixture {
    let g = |n: u32| format!("{:08x}-0000-4000-8000-{:012x}", 0xB000 + n, n);
    // Uncoded quotations: one with a comment, one without.
    let (cs, ce) = span(INTERVIEW, "We could talk every day.", Count::Chars);
    let (ds, de) = span(INTERVIEW, "And leadership?", Count::Chars);
    let uncoded = format!(
        r#"<PlainTextSelection guid="{}" name="We could talk every day." startPosition="{cs}" endPosition="{ce}" creatingUser="{}"><Description>Worth a code for informal contact?</Description></PlainTextSelection><PlainTextSelection guid="{}" name="And leadership?" startPosition="{ds}" endPosition="{de}" creatingUser="{}"/>"#,
        g(40),
        g(100),
        g(41),
        g(100)
    );
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Neighbourhood teams" origin="ATLAS.ti 23.2.1">
<Users><User guid="{u}" name="Chidi Dike"/></Users>
{codebook}
<Sources>
<TextSource guid="{s1}" name="Interview 1" plainTextPath="internal://{s1}.txt">{sel1}{uncoded}</TextSource>
<TextSource guid="{s2}" name="Board report 2017" plainTextPath="internal://{s2}.txt">{sel2}</TextSource>
</Sources>
<Notes>
<Note guid="{n}" name="Comment: Resources"><PlainTextContent>Money, staff time and rooms.</PlainTextContent></Note>
</Notes>
<Sets><Set guid="{set}" name="Structural"><MemberCode targetGUID="{c2}"/><MemberCode targetGUID="{c3}"/></Set></Sets>
</Project>"#,
        u = g(100),
        codebook = codebook(&g, true),
        s1 = g(10),
        s2 = g(11),
        n = g(90),
        set = g(70),
        c2 = g(2),
        c3 = g(3),
        sel1 = selections(&g, "Interview 1", INTERVIEW, Count::Chars, true, 20),
        sel2 = selections(&g, "Board report 2017", BOARD, Count::Chars, true, 30),
    );
    Fixture {
        utf16: false,
        variables: vec![],
        uncoded: 2,
        ..Fixture::named("ATLAS.ti", "Project.qde", qde, &g)
    }
}

fn maxqda() -> Fixture {
    let g = |n: u32| format!("{:08x}-0000-4000-8000-{:012x}", 0xC000 + n, n);
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Neighbourhood teams" origin="MAXQDA 2022 (Release 22.7.0)">
<Users><User guid="{u}" name="Alex Byrne"/></Users>
{codebook}
<Variables>
<Variable guid="{v1}" name="Study type" typeOfVariable="Text"/>
<Variable guid="{v2}" name="Year" typeOfVariable="Integer"/>
</Variables>
<Cases><Case guid="{case}" name=""><VariableValue><VariableRef targetGUID="{v1}"/><TextValue>Grey literature</TextValue></VariableValue><SourceRef targetGUID="{s2}"/></Case></Cases>
<Sources>
<TextSource guid="{s1}" name="Interview 1" plainTextPath="internal://{s1}.txt">{sel1}<VariableValue><VariableRef targetGUID="{v1}"/><TextValue>Qualitative study</TextValue></VariableValue><VariableValue><VariableRef targetGUID="{v2}"/><IntegerValue>2021</IntegerValue></VariableValue></TextSource>
<TextSource guid="{s2}" name="Board report 2017" plainTextPath="internal://{s2}.txt">{sel2}</TextSource>
</Sources>
<Sets><Set guid="{set}" name="Included in synthesis"><MemberSource targetGUID="{s1}"/><MemberSource targetGUID="{s2}"/></Set></Sets>
</Project>"#,
        u = g(100),
        codebook = codebook(&g, false),
        v1 = g(60),
        v2 = g(61),
        case = g(65),
        s1 = g(10),
        s2 = g(11),
        set = g(70),
        sel1 = selections(&g, "Interview 1", INTERVIEW, Count::Chars, true, 20),
        sel2 = selections(&g, "Board report 2017", BOARD, Count::Chars, true, 30),
    );
    Fixture {
        utf16: false,
        variables: vec![
            ("Interview 1", "Study type", "Qualitative study"),
            ("Interview 1", "Year", "2021"),
            ("Board report 2017", "Study type", "Grey literature"),
        ],
        uncoded: 0,
        ..Fixture::named("MAXQDA", "project.qde", qde, &g)
    }
}

fn qualcoder() -> Fixture {
    let g = |n: u32| format!("{:08x}-0000-4000-8000-{:012x}", 0xD000 + n, n);
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Neighbourhood teams" origin="QualCoder 3.5">
<Users><User guid="{u}" name="default"/></Users>
{codebook}
<Sources>
<TextSource guid="{s1}" plainTextPath="interview_1.txt">{sel1}</TextSource>
<TextSource guid="{s2}" plainTextPath="board_2017.txt">{sel2}</TextSource>
</Sources>
</Project>"#,
        u = g(100),
        codebook = codebook(&g, false),
        s1 = g(10),
        s2 = g(11),
        sel1 = selections(&g, "Interview 1", INTERVIEW, Count::Chars, false, 20),
        sel2 = selections(&g, "Board report 2017", BOARD, Count::Chars, false, 30),
    );
    Fixture {
        tool: "QualCoder",
        qdpx: zip_of(&[
            ("project.qde", qde.as_bytes()),
            ("sources/interview_1.txt", INTERVIEW.as_bytes()),
            ("sources/board_2017.txt", BOARD.as_bytes()),
        ]),
        qde,
        sources: ["interview_1", "board_2017"],
        utf16: false,
        variables: vec![],
        uncoded: 0,
    }
}

fn fixtures() -> Vec<Fixture> {
    vec![nvivo(), atlas(), maxqda(), qualcoder()]
}

/// Counts in the XML, made with quick-xml directly (not Thema's reader).
#[derive(Debug, Default, PartialEq)]
struct XmlCount {
    sources: usize,
    codings: usize,
    notes: usize,
    sets: usize,
    uncoded_selections: usize,
}

fn count_xml(xml: &str) -> XmlCount {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut c = XmlCount::default();
    // Per open selection: did it hold a Coding?
    let mut selection_coded: Vec<bool> = Vec::new();
    loop {
        let ev = r.read_event().unwrap();
        let (name, empty) = match &ev {
            Event::Start(e) => (e.name().into_inner().to_owned(), false),
            Event::Empty(e) => (e.name().into_inner().to_owned(), true),
            Event::End(_) => {
                if stack.pop().as_deref() == Some("PlainTextSelection")
                    && selection_coded.pop() == Some(false)
                {
                    c.uncoded_selections += 1;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let parent = stack.last().map(String::as_str);
        match name.as_str() {
            "TextSource" | "PDFSource" if parent == Some("Sources") => c.sources += 1,
            "Coding" if stack.iter().any(|s| s == "Sources") => {
                c.codings += 1;
                if let Some(last) = selection_coded.last_mut() {
                    *last = true;
                }
            }
            "Note" if parent == Some("Notes") => c.notes += 1,
            "Set" if parent == Some("Sets") => c.sets += 1,
            "PlainTextSelection" => {
                if empty {
                    c.uncoded_selections += 1;
                } else {
                    selection_coded.push(false);
                }
            }
            _ => {}
        }
        if !empty {
            stack.push(name);
        }
    }
    c
}

/// Everything a reviewer would compare between two imports of the same
/// review, by names and words (not ids).
fn canonical(p: &Project) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in &p.codings {
        let d = p.document(c.doc).unwrap();
        out.insert(format!(
            "coding {} | {} | {} | {:?}",
            d.title,
            p.codebook.path(c.code),
            d.slice_chars(c.start, c.end),
            p.reviewer(c.reviewer).map(|r| r.name.clone())
        ));
    }
    for m in &p.memos {
        out.insert(format!("memo {} | {}", m.title, m.text));
    }
    for d in &p.documents {
        out.insert(format!("document {} | memo {}", d.title, d.memo));
        for a in &p.attributes {
            let v = d.attribute(a.id);
            if !v.is_empty() {
                out.insert(format!("value {} | {} | {v}", d.title, a.name));
            }
        }
    }
    for s in &p.code_sets {
        let codes: Vec<String> = s.codes.iter().map(|c| p.codebook.path(*c)).collect();
        let docs: Vec<String> = s
            .documents
            .iter()
            .filter_map(|d| p.document(*d).map(|d| d.title.clone()))
            .collect();
        out.insert(format!("set {} | {codes:?} | {docs:?}", s.name));
    }
    for c in &p.codebook.codes {
        out.insert(format!(
            "code {} | {}",
            p.codebook.path(c.id),
            c.description
        ));
    }
    out
}

/// What one tool's file carried into Thema, measured.
struct Carried {
    tool: &'static str,
    positions: String,
    passages: String,
    memos: String,
    sets: String,
    variables: String,
    uncoded: String,
}

fn check(f: &Fixture) -> Carried {
    let (p, report) = import::read_qdpx(&f.qdpx).unwrap();
    let summary = report.summary();
    // Every passage on the words the tool meant.
    let mut right = 0;
    for (i, (source, code, meant)) in MEANT.iter().enumerate() {
        let title = if *source == "Interview 1" {
            f.sources[0]
        } else {
            f.sources[1]
        };
        let d = p
            .documents
            .iter()
            .find(|d| d.title == title)
            .unwrap_or_else(|| panic!("{}: no source {title}\n{summary}", f.tool));
        let found: Vec<String> = p
            .codings
            .iter()
            .filter(|c| c.doc == d.id && p.codebook.get(c.code).is_some_and(|k| k.name == *code))
            .map(|c| d.slice_chars(c.start, c.end))
            .collect();
        assert_eq!(
            found,
            vec![meant.to_string()],
            "{}: passage {i} ({code} in {title})\n{summary}",
            f.tool
        );
        right += 1;
    }
    // The report's counts equal an independent count of the XML.
    let x = count_xml(&f.qde);
    assert_eq!(
        report.documents + report.sources_left_out,
        x.sources,
        "{}: sources",
        f.tool
    );
    assert_eq!(
        report.codings + report.category_codings + report.codings_left_out,
        x.codings,
        "{}: every coding is imported or counted as left out\n{summary}",
        f.tool
    );
    assert_eq!(
        report.memos, x.notes,
        "{}: every note is kept\n{summary}",
        f.tool
    );
    assert_eq!(
        report.code_sets + report.category_sets,
        x.sets,
        "{}: sets",
        f.tool
    );
    assert_eq!(
        report.selections_left_out, x.uncoded_selections,
        "{}",
        f.tool
    );
    assert_eq!(x.uncoded_selections, f.uncoded);
    // "Nothing was left out" exactly when nothing was.
    let nothing_left = report.codings_left_out == 0 && report.selections_left_out == 0;
    assert_eq!(
        summary.contains("nothing was left out"),
        nothing_left && report.skipped.is_empty(),
        "{}\n{summary}",
        f.tool
    );
    // The unit was decided, and said, where it matters.
    let said = report
        .notes
        .iter()
        .any(|n| n.contains("positions read as UTF-16 units"));
    assert_eq!(
        said, f.utf16,
        "{}: the report names the unit\n{summary}",
        f.tool
    );
    // Variables reach their documents.
    for (source, var, value) in &f.variables {
        let d = p.documents.iter().find(|d| d.title == *source).unwrap();
        let a = p.attribute_by_name(var).unwrap();
        assert_eq!(d.attribute(a.id), *value, "{}: {var} of {source}", f.tool);
    }
    // Exported (valid), re-imported: the same review, in both units.
    let first = canonical(&p);
    for unit in [Unit::Chars, Unit::Utf16] {
        let bytes = export::qdpx_in(&p, unit).unwrap();
        #[cfg(thema_refi_schemas)]
        super::refi::validate(&export::project_xml(&p, unit), "Project.xsd");
        let (back, back_report) = import::read_qdpx(&bytes).unwrap();
        assert_eq!(
            canonical(&back),
            first,
            "{}: re-import of the export in {unit:?}\n{}",
            f.tool,
            back_report.summary()
        );
        assert!(
            back_report.skipped.is_empty(),
            "{}: Thema's own export imports whole\n{}",
            f.tool,
            back_report.summary()
        );
    }
    let yes_or_none = |n: usize, kept: &str| {
        if n == 0 {
            "—".to_owned()
        } else {
            format!("{n} {kept}")
        }
    };
    Carried {
        tool: f.tool,
        positions: if said {
            "UTF-16 units, detected".into()
        } else {
            "characters".into()
        },
        passages: format!("{right} of {}", MEANT.len()),
        memos: yes_or_none(report.memos, "kept"),
        sets: yes_or_none(report.code_sets, "kept"),
        variables: yes_or_none(f.variables.len(), "kept"),
        uncoded: if report.selections_left_out == 0 {
            "—".into()
        } else {
            format!(
                "{} counted in the report, comments kept",
                report.selections_left_out
            )
        },
    }
}

fn table(rows: &[Carried]) -> String {
    let mut t = String::from(
        "| Tool (file habits) | Positions read as | Passages on the intended words | Notes and memos | Sets | Variable values | Quotations with no code |\n|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        t.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.tool, r.positions, r.passages, r.memos, r.sets, r.variables, r.uncoded
        ));
    }
    t
}

#[test]
fn files_in_each_tools_habits_import_on_the_intended_words_and_round_trip() {
    let rows: Vec<Carried> = fixtures().iter().map(check).collect();
    // The README's table is this one, measured.
    let readme = std::fs::read_to_string("README.md").unwrap();
    let t = table(&rows);
    assert!(
        readme.contains(&t),
        "README.md must hold the measured table:\n{t}"
    );
}

#[test]
fn utf16_positions_of_the_issue_land_on_hello() {
    let g = |n: u32| format!("{{{:08X}-0000-4000-8000-{:012X}}}", 0xE000 + n, n);
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="x" origin="NVivo 14"><CodeBook><Codes><Code guid="{c}" name="Greeting" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="{s}" name="S" plainTextPath="internal://s.txt"><PlainTextSelection guid="{sel}" startPosition="3" endPosition="8"><Coding guid="{k}"><CodeRef targetGUID="{c}"/></Coding></PlainTextSelection></TextSource></Sources></Project>"#,
        c = g(1),
        s = g(2),
        sel = g(3),
        k = g(4)
    );
    let bytes = zip_of(&[
        ("project.qde", qde.as_bytes()),
        ("sources/s.txt", "😀 hello world".as_bytes()),
    ]);
    let (p, report) = import::read_qdpx(&bytes).unwrap();
    let c = &p.codings[0];
    assert_eq!(p.documents[0].slice_chars(c.start, c.end), "hello");
    assert_eq!(
        report.notes,
        vec![
            "\"S\": positions read as UTF-16 units — 1 of 1 selections begin and end on word boundaries; read as Unicode characters, 0 of 1 would"
                .to_owned()
        ]
    );
}

#[test]
fn a_codebook_from_each_tool_joins_a_project_by_path() {
    // Taguette writes flat codes whose names may hold a backslash.
    let qdc = r#"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>
<Code guid="00000001-0000-4000-8000-000000000001" name="Barriers\Staff shortage" isCodable="true"/>
<Code guid="00000001-0000-4000-8000-000000000002" name="Organisational factors" isCodable="true"><Code guid="00000001-0000-4000-8000-000000000003" name="Resources" isCodable="true"/><Code guid="00000001-0000-4000-8000-000000000004" name="Time" isCodable="true"/></Code>
</Codes></CodeBook>"#;
    let dir = tempfile::tempdir().unwrap();
    let qdc_path = dir.path().join("taguette.qdc");
    std::fs::write(&qdc_path, qdc).unwrap();
    let project = dir.path().join("new.thema.ron");
    let thema = || std::process::Command::new(env!("CARGO_BIN_EXE_thema"));
    // A new project is created with the codes as written.
    let out = thema()
        .args(["import-qdc"])
        .arg(&project)
        .arg(&qdc_path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("4 codes added, 0 already in the project"),
        "{said}"
    );
    let p = thema::io::project_file::load(&project).unwrap().project;
    assert!(
        p.codebook
            .codes
            .iter()
            .any(|c| c.name == "Barriers\\Staff shortage" && c.parent.is_none())
    );
    // Again: everything matches by path, nothing is added.
    let out = thema()
        .args(["import-qdc"])
        .arg(&project)
        .arg(&qdc_path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("0 codes added, 4 already in the project"),
        "{said}"
    );
    // A codebook with a code group (MAXQDA, ATLAS.ti): the group becomes a
    // code set whose codes are the project's codes of the same path.
    let grouped = r#"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 2022"><Codes>
<Code guid="00000002-0000-4000-8000-000000000002" name="Organisational factors" isCodable="true"><Code guid="00000002-0000-4000-8000-000000000003" name="Resources" isCodable="true"/><Code guid="00000002-0000-4000-8000-000000000005" name="Culture" isCodable="true"/></Code>
</Codes><Sets><Set guid="00000002-0000-4000-8000-000000000009" name="Structural"><Description>Things money can fix.</Description><MemberCode guid="00000002-0000-4000-8000-000000000003"/><MemberCode guid="00000002-0000-4000-8000-000000000005"/></Set></Sets></CodeBook>"#;
    let grouped_path = dir.path().join("maxqda.qdc");
    std::fs::write(&grouped_path, grouped).unwrap();
    let out = thema()
        .args(["import-qdc"])
        .arg(&project)
        .arg(&grouped_path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("1 code added, 2 already in the project")
            && said.contains("code sets added: Structural"),
        "{said}"
    );
    let p = thema::io::project_file::load(&project).unwrap().project;
    let set = &p.code_sets[0];
    let names: Vec<String> = set.codes.iter().map(|c| p.codebook.path(*c)).collect();
    assert_eq!(
        names,
        [
            "Organisational factors > Resources",
            "Organisational factors > Culture"
        ]
    );
    // The set goes out with the codebook and comes back.
    let (back, report) = import::read_qdc(&export::codebook_xml(&p)).unwrap();
    assert!(report.skipped.is_empty(), "{}", report.summary());
    assert_eq!(back.code_sets[0].name, "Structural");
    assert_eq!(back.code_sets[0].codes.len(), 2);
    #[cfg(thema_refi_schemas)]
    super::refi::validate(&export::codebook_xml(&p), "Codebook.xsd");
    // A .qdc given to import-qdpx points to the right command.
    let out = thema()
        .args(["import-qdpx"])
        .arg(&qdc_path)
        .arg("-o")
        .arg(dir.path().join("x.thema.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("thema import-qdc PROJECT FILE"), "{err}");
}

#[test]
#[ignore = "prints the import reports of the tool fixtures (and writes them to THEMA_FIXTURES_OUT if set), to look at them"]
fn print_reports() {
    for f in fixtures() {
        let (_, report) = import::read_qdpx(&f.qdpx).unwrap();
        println!("== {}\n{}\n", f.tool, report.summary());
        if let Some(dir) = std::env::var_os("THEMA_FIXTURES_OUT") {
            let name = format!("{}.qdpx", f.tool.replace('.', "_"));
            std::fs::write(std::path::Path::new(&dir).join(name), &f.qdpx).unwrap();
        }
    }
}

/// The window shows what an ATLAS.ti file carried: the report (with the
/// unit note), the comment of an uncoded quotation in the document's memo,
/// the code group under View › Memos and code sets; the memo is edited in
/// the document's details and the edit undoes.
#[test]
fn the_window_shows_memos_and_sets_brought_in() {
    use egui_kittest::kittest::{NodeT as _, Queryable};
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("atlas.qdpx");
    std::fs::write(&q, atlas().qdpx).unwrap();
    let (_d, mut h) = super::refi::import_in_window(&q);
    assert!(
        h.query_by_label_contains("2 selections carry no code")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Note: \"Interview 1\": positions read as Unicode characters")
            .is_some()
    );
    h.get_by_label("OK").click();
    h.run();
    // The open document (Interview 1) has a memo.
    h.state_mut().ws.as_mut().unwrap().open_doc = {
        let p = &h.state().ws.as_ref().unwrap().project;
        p.documents
            .iter()
            .find(|d| d.title == "Interview 1")
            .map(|d| d.id)
    };
    h.run();
    assert!(
        h.query_by_label("Memo").is_some(),
        "the header shows there is a memo"
    );
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Memos…").click();
    h.run();
    h.get_by_label_contains("Code sets (").click();
    h.run();
    assert!(
        h.query_by_label("Structural — 2 codes, 0 documents")
            .is_some()
    );
    assert_eq!(h.query_all_by_label_contains("Document — [").count(), 1);
    assert!(
        h.query_by_label_contains("Worth a code for informal contact?")
            .is_some()
    );
    // Edit the memo in the details; undo restores it.
    h.state_mut().memos_window = None;
    h.run();
    h.get_by_label("Edit details").click();
    h.run();
    let before = {
        let ws = h.state().ws.as_ref().unwrap();
        ws.project
            .document(ws.open_doc.unwrap())
            .unwrap()
            .memo
            .clone()
    };
    fn memo_field<'h>(
        h: &'h egui_kittest::Harness<'_, thema::app::ThemaApp>,
    ) -> egui_kittest::Node<'h> {
        h.query_all_by_label("Memo")
            .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
            .expect("the memo field in the details")
    }
    memo_field(&h).focus();
    h.run();
    memo_field(&h).type_text(" Seen twice.");
    h.run();
    let after = {
        let ws = h.state().ws.as_ref().unwrap();
        ws.project
            .document(ws.open_doc.unwrap())
            .unwrap()
            .memo
            .clone()
    };
    assert_eq!(after, format!("{before} Seen twice."));
    h.state_mut()
        .handle(&egui::Context::default(), thema::ui::Intent::Undo);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.project.document(ws.open_doc.unwrap()).unwrap().memo,
        before
    );
}

/// A PDF source with no text representation (as some tools write it): its
/// text is read from the PDF, and its passages are placed by the words they
/// quote; one whose words are not in the text is left out and said so, and
/// the counts still add up.
#[test]
fn a_pdf_source_without_text_is_read_and_its_passages_placed_by_their_words() {
    let g = |n: u32| format!("{:08x}-0000-4000-8000-{:012x}", 0xF000 + n, n);
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="x" origin="ATLAS.ti 23"><CodeBook><Codes><Code guid="{c}" name="Vision" isCodable="true"/></Codes></CodeBook><Sources><PDFSource guid="{s}" name="Evaluation report" path="internal://{s}.pdf"><PlainTextSelection guid="{a}" name="a shared vision" startPosition="400" endPosition="415"><Coding guid="{ka}"><CodeRef targetGUID="{c}"/></Coding></PlainTextSelection><PlainTextSelection guid="{b}" name="words that are not there" startPosition="1" endPosition="9"><Coding guid="{kb}"><CodeRef targetGUID="{c}"/></Coding></PlainTextSelection><PDFSelection guid="{r}" page="1" firstX="1" firstY="1" secondX="9" secondY="9"><Coding guid="{kr}"><CodeRef targetGUID="{c}"/></Coding></PDFSelection></PDFSource></Sources></Project>"#,
        c = g(1),
        s = g(2),
        a = g(3),
        ka = g(4),
        b = g(5),
        kb = g(6),
        r = g(7),
        kr = g(8)
    );
    let pdf = std::fs::read("tests/fixtures/two_pages.pdf").unwrap();
    let name = format!("sources/{}.pdf", g(2));
    let bytes = zip_of(&[("project.qde", qde.as_bytes()), (&name, &pdf)]);
    let (p, report) = import::read_qdpx(&bytes).unwrap();
    let summary = report.summary();
    let d = &p.documents[0];
    assert_eq!(d.title, "Evaluation report");
    assert_eq!(d.source.kind, thema::model::SourceKind::Pdf);
    assert_eq!(d.page_starts.len(), 1, "two pages");
    assert_eq!(p.codings.len(), 1, "{summary}");
    let c = &p.codings[0];
    assert_eq!(d.slice_chars(c.start, c.end), "a shared vision");
    let x = count_xml(&qde);
    assert_eq!(
        report.codings + report.category_codings + report.codings_left_out,
        x.codings,
        "{summary}"
    );
    assert_eq!(report.codings_left_out, 2, "{summary}");
    assert!(summary.contains("its words were not found"), "{summary}");
    assert!(summary.contains("1 coding of PDF regions"), "{summary}");
    assert!(!summary.contains("nothing was left out"));
}

/// Ids that are not GUIDs ("s1", "code-1"), a path under `Sources/`
/// written after `internal://`, and no names: the project still imports
/// whole, and the report says what it did about the ids.
#[test]
fn ids_that_are_not_guids_still_tie_codings_to_codes() {
    let qde = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="hand made"><CodeBook><Codes><Code guid="code-1" name="Theme A" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="s1" plainTextPath="internal://Sources/sample.txt"><PlainTextSelection guid="sel1" name="hello" startPosition="6" endPosition="11"><Coding guid="c1"><CodeRef targetGUID="code-1"/></Coding></PlainTextSelection></TextSource></Sources></Project>"#
    );
    let bytes = zip_of(&[
        ("project.qde", qde.as_bytes()),
        ("Sources/sample.txt", b"Well, hello there"),
    ]);
    let (p, report) = import::read_qdpx(&bytes).unwrap();
    let summary = report.summary();
    assert_eq!(p.documents.len(), 1, "{summary}");
    assert_eq!(p.documents[0].title, "sample");
    let c = &p.codings[0];
    assert_eq!(p.documents[0].slice_chars(c.start, c.end), "hello");
    assert_eq!(p.codebook.get(c.code).unwrap().name, "Theme A");
    assert!(
        summary.contains("5 ids in the file are not GUIDs (e.g. \"s1\")"),
        "{summary}"
    );
    assert!(summary.contains("nothing was left out"), "{summary}");
}
