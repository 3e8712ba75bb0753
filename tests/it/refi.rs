//! REFI-QDA: schema-valid export, exact round trip, files in the styles of
//! other tools, and hostile archives.

use std::io::Write;
use thema::io::refi::{export, import, positions::Unit};
use thema::model::Project;

fn sample() -> Project {
    thema::io::project_file::load(std::path::Path::new(
        "sample_projects/neighbourhood_teams.thema.ron",
    ))
    .unwrap()
    .project
}

/// Builds a zip from (name, bytes) pairs.
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Validates XML against a schema from ../shared/refi with xmllint. The
/// tests that call it are ignored (with the reason) on a machine without
/// them; where they run, a missing prerequisite is a failure.
pub fn validate(xml: &[u8], schema: &str) {
    let xsd = std::path::Path::new("../shared/refi").join(schema);
    assert!(xsd.exists(), "{} is missing", xsd.display());
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.xml");
    std::fs::write(&f, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} does not validate: {}",
        schema,
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[cfg_attr(
    not(thema_refi_schemas),
    ignore = "needs ../shared/refi and xmllint (Debian libxml2-utils), not both on this machine (CI has them)"
)]
fn exports_validate_against_the_refi_schemas() {
    let p = sample();
    validate(&export::project_xml(&p, Unit::Chars), "Project.xsd");
    validate(&export::codebook_xml(&p), "Codebook.xsd");
    // A project with no documents, codings or reviewers writes no empty containers.
    validate(
        &export::project_xml(&Project::new("empty"), Unit::Chars),
        "Project.xsd",
    );
    // Year ranges and page starts travel in Thema's own place, still valid.
    let mut q = sample();
    if let Some(a) = q
        .attributes
        .iter_mut()
        .find(|a| matches!(a.kind, thema::model::AttrKind::Number))
    {
        a.bins = vec![thema::model::Bin {
            from: 1997.0,
            to: 2004.0,
        }];
    }
    q.documents[0].page_starts = vec![10, 40];
    validate(&export::project_xml(&q, Unit::Chars), "Project.xsd");
}

#[test]
fn round_trip_keeps_every_coding_code_attribute_and_memo() {
    let p = sample();
    let bytes = export::qdpx(&p).unwrap();
    let (back, report) = import::read_qdpx(&bytes).unwrap();
    assert!(report.skipped.is_empty(), "{}", report.summary());
    // Codes: ids, names, parents, colours, definitions, order.
    assert_eq!(back.codebook, p.codebook);
    assert_eq!(
        back.categories
            .iter()
            .map(|c| (c.id, c.name.clone(), c.color.clone()))
            .collect::<Vec<_>>(),
        p.categories
            .iter()
            .map(|c| (c.id, c.name.clone(), c.color.clone()))
            .collect::<Vec<_>>()
    );
    assert_eq!(back.reviewers, p.reviewers);
    // Codings: every field that matters, by id.
    let key = |c: &thema::model::Coding| {
        (
            c.id,
            c.doc,
            c.start,
            c.end,
            c.code,
            c.category,
            c.reviewer,
            c.memo.clone(),
            c.created.clone(),
        )
    };
    let mut a: Vec<_> = p.codings.iter().map(key).collect();
    let mut b: Vec<_> = back.codings.iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // Documents: text, title, reference, short reference, attributes.
    for (x, y) in p.documents.iter().zip(&back.documents) {
        assert_eq!(
            (x.id, &x.title, &x.text, x.reference, &x.short_ref),
            (y.id, &y.title, &y.text, y.reference, &y.short_ref)
        );
        assert_eq!(x.attributes, y.attributes);
    }
    assert_eq!(
        back.attributes
            .iter()
            .map(|a| (a.id, a.name.clone(), a.kind.clone()))
            .collect::<Vec<_>>(),
        p.attributes
            .iter()
            .map(|a| (a.id, a.name.clone(), a.kind.clone()))
            .collect::<Vec<_>>()
    );
}

const GUID_CODE: &str = "{0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}";
const GUID_USER: &str = "{11111111-2222-4333-8444-555555555555}";

/// A project.qde in the style of another tool: upper-case braced GUIDs, a
/// memo as a Note, variables on a nameless Case, a PDF with a text
/// representation, a docx-only source, an audio source.
fn foreign_qde(name_of_text_file: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews">
  <Users><User guid="{GUID_USER}" name="Sam Reviewer"/></Users>
  <CodeBook><Codes>
    <Code guid="{GUID_CODE}" name="Trust" isCodable="true" color="#FF8800"><Description>Trust between staff.</Description>
      <Code guid="{{0A1B2C3D-4E5F-4A6B-8C7D-000000000002}}" name="Respect" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables><Variable guid="{{AAAAAAAA-0000-4000-8000-000000000001}}" name="Role" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="{{BBBBBBBB-0000-4000-8000-000000000001}}"><VariableValue><VariableRef targetGUID="{{AAAAAAAA-0000-4000-8000-000000000001}}"/><TextValue>district nurse</TextValue></VariableValue><SourceRef targetGUID="{{CCCCCCCC-0000-4000-8000-000000000001}}"/></Case></Cases>
  <Sources>
    <TextSource guid="{{CCCCCCCC-0000-4000-8000-000000000001}}" name="Interview 1" plainTextPath="internal://{name_of_text_file}">
      <PlainTextSelection guid="{{DDDDDDDD-0000-4000-8000-000000000001}}" name="We trust" startPosition="6" endPosition="14" creatingUser="{GUID_USER}">
        <Coding guid="{{EEEEEEEE-0000-4000-8000-000000000001}}" creatingUser="{GUID_USER}" creationDateTime="2024-03-01T10:00:00Z"><CodeRef targetGUID="{GUID_CODE}"/></Coding>
        <NoteRef targetGUID="{{FFFFFFFF-0000-4000-8000-000000000001}}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="{{DDDDDDDD-0000-4000-8000-000000000002}}" name="them" startPosition="15" endPosition="18">
        <Coding guid="{{EEEEEEEE-0000-4000-8000-000000000002}}" creatingUser="{GUID_USER}"><CodeRef targetGUID="{{0A1B2C3D-4E5F-4A6B-8C7D-000000000002}}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="{{CCCCCCCC-0000-4000-8000-000000000002}}" name="Report" path="internal://report.pdf">
      <Representation guid="{{CCCCCCCC-0000-4000-8000-000000000003}}" plainTextPath="internal://report.txt">
        <PlainTextSelection guid="{{DDDDDDDD-0000-4000-8000-000000000003}}" startPosition="0" endPosition="6"><Coding guid="{{EEEEEEEE-0000-4000-8000-000000000003}}" creatingUser="{GUID_USER}"><CodeRef targetGUID="{GUID_CODE}"/></Coding></PlainTextSelection>
      </Representation>
    </PDFSource>
    <TextSource guid="{{CCCCCCCC-0000-4000-8000-000000000004}}" name="Word only" richTextPath="internal://notes.docx"/>
    <AudioSource guid="{{CCCCCCCC-0000-4000-8000-000000000005}}" name="Recording" path="internal://a.mp3"/>
  </Sources>
  <Notes><Note guid="{{FFFFFFFF-0000-4000-8000-000000000001}}" name="memo"><PlainTextContent>Said with feeling.</PlainTextContent></Note></Notes>
</Project>"##
    )
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

#[test]
fn reads_projects_in_other_tools_styles() {
    // BOM, CRLF line endings with offsets that count CRLF as one character.
    let text = "\u{FEFF}Line1\r\nWe trust them a lot.\r\n";
    let report_txt = "Budget cuts hurt.";
    let word = docx(&["First paragraph of notes.", "Second &amp; last."]);
    let qde = foreign_qde("Interview1.TXT");
    let bytes = zip_of(&[
        ("My Interviews.qde", qde.as_bytes()),
        ("Sources/interview1.txt", text.as_bytes()),
        ("sources/report.txt", report_txt.as_bytes()),
        ("sources/notes.docx", &word),
        ("sources/.root", b""),
    ]);
    let (p, report) = import::read_qdpx(&bytes).unwrap();
    assert_eq!(p.documents.len(), 3, "{}", report.summary());
    let doc = &p.documents[0];
    assert_eq!(doc.text, "Line1\nWe trust them a lot.\n");
    let trust = thema::model::CodeId(thema::io::refi::parse_guid(GUID_CODE).unwrap());
    let c = p
        .codings
        .iter()
        .find(|c| c.doc == doc.id && c.code == trust)
        .unwrap();
    assert_eq!(
        doc.slice_chars(c.start, c.end),
        "We trust",
        "offsets counted CRLF as one; the name decided"
    );
    assert_eq!(c.memo, "Said with feeling.");
    assert_eq!(p.reviewer(c.reviewer).unwrap().name, "Sam Reviewer");
    assert_eq!(c.created, "2024-03-01T10:00:00Z");
    let respect = p
        .codings
        .iter()
        .find(|c| c.doc == doc.id && c.code != trust)
        .unwrap();
    assert_eq!(doc.slice_chars(respect.start, respect.end), "them");
    // Variables on a nameless case reach the source.
    let role = p.attribute_by_name("Role").unwrap().id;
    assert_eq!(doc.attribute(role), "district nurse");
    // PDF representation text and its coding; the docx-only source's text.
    let pdf = p.documents.iter().find(|d| d.title == "Report").unwrap();
    assert_eq!(pdf.source.kind, thema::model::SourceKind::Pdf);
    assert!(
        p.codings
            .iter()
            .any(|c| c.doc == pdf.id && pdf.slice_chars(c.start, c.end) == "Budget")
    );
    let w = p.documents.iter().find(|d| d.title == "Word only").unwrap();
    assert_eq!(w.text, "First paragraph of notes.\nSecond & last.\n");
    // The audio source is reported, not silently dropped.
    assert!(
        report.skipped.iter().any(|s| s.contains("Recording")),
        "{}",
        report.summary()
    );
    assert_eq!(
        p.codebook.path(thema::model::CodeId(
            thema::io::refi::parse_guid("0a1b2c3d-4e5f-4a6b-8c7d-000000000002").unwrap()
        )),
        "Trust > Respect"
    );
}

#[test]
fn selections_past_the_end_are_shortened_and_reported() {
    let qde = foreign_qde("i.txt").replace(
        r#"startPosition="0" endPosition="6""#,
        r#"startPosition="2" endPosition="999""#,
    );
    let bytes = zip_of(&[
        ("project.qde", qde.as_bytes()),
        ("sources/i.txt", "Line1\nWe trust them a lot.\n".as_bytes()),
        ("sources/report.txt", b"Budget"),
        ("sources/notes.docx", &docx(&["x"])),
    ]);
    let (p, report) = import::read_qdpx(&bytes).unwrap();
    let pdf = p.documents.iter().find(|d| d.title == "Report").unwrap();
    let c = p.codings.iter().find(|c| c.doc == pdf.id).unwrap();
    assert_eq!(pdf.slice_chars(c.start, c.end), "dget");
    assert!(
        report.skipped.iter().any(|s| s.contains("shortened")),
        "{}",
        report.summary()
    );
    // In the first document "them" was written with an inclusive end (15..18
    // counting CRLF as one); its name made Thema read it as 15..19.
    let doc = &p.documents[0];
    assert!(
        p.codings
            .iter()
            .any(|c| c.doc == doc.id && doc.slice_chars(c.start, c.end) == "them")
    );
}

#[test]
fn hostile_and_broken_archives_are_refused_with_the_entry_named() {
    let qde = foreign_qde("i.txt");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            zip_of(&[("project.qde", qde.as_bytes()), ("../evil.txt", b"x")]),
            "\"../evil.txt\" points outside",
        ),
        (
            zip_of(&[("project.qde", qde.as_bytes()), ("/etc/passwd", b"x")]),
            "\"/etc/passwd\" points outside",
        ),
        (
            zip_of(&[("sources/x.txt", b"no project")]),
            "no project (.qde) file",
        ),
        (
            zip_of(&[("a.qde", qde.as_bytes()), ("b.qde", qde.as_bytes())]),
            "2 project files",
        ),
        (
            zip_of(&[("project.qde", b"<Project><Users></Project>")]),
            "malformed",
        ),
        (b"not a zip at all".to_vec(), "not a readable zip"),
    ];
    for (bytes, want) in cases {
        let err = import::read_qdpx(&bytes)
            .err()
            .unwrap_or_else(|| panic!("expected an error containing {want}"))
            .to_string();
        assert!(err.contains(want), "{err}");
    }
    // A zip bomb: 50 MB of zeros compressed.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file(
        "project.qde",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    z.write_all(&vec![0u8; 50 << 20]).unwrap();
    let bomb = z.finish().unwrap().into_inner();
    let err = import::read_qdpx(&bomb).err().unwrap().to_string();
    assert!(
        err.contains("zip bomb") && err.contains("project.qde"),
        "{err}"
    );
    // A symbolic link entry.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.add_symlink(
        "sources/link.txt",
        "/etc/passwd",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let link = z.finish().unwrap().into_inner();
    let err = import::read_qdpx(&link).err().unwrap().to_string();
    assert!(
        err.contains("symbolic link") && err.contains("sources/link.txt"),
        "{err}"
    );
    // A missing source file is reported for that source; the rest imports.
    let bytes = zip_of(&[
        ("project.qde", qde.as_bytes()),
        ("sources/report.txt", b"Budget"),
        ("sources/notes.docx", &docx(&["x"])),
    ]);
    let (p, report) = import::read_qdpx(&bytes).unwrap();
    assert_eq!(p.documents.len(), 2);
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.contains("Interview 1") && s.contains("missing")),
        "{}",
        report.summary()
    );
}

#[test]
fn cli_export_and_import_qdpx() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("s.qdpx");
    let back = dir.path().join("back.thema.ron");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&[
        "export",
        "sample_projects/neighbourhood_teams.thema.ron",
        "--format",
        "qdpx",
        "-o",
        q.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&[
        "import-qdpx",
        q.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && s.contains("98 codings") && s.contains("nothing was left out"),
        "{s}"
    );
    // An existing project is never replaced without --force.
    let o = run(&[
        "import-qdpx",
        q.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is an existing Thema project"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let fresh = back.with_file_name("fresh.thema.ron");
    let o = run(&[
        "import-qdpx",
        "tests/fixtures/cp1252.txt",
        "-o",
        fresh.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a readable zip"));
    assert!(!fresh.exists());
}

#[test]
fn window_imports_a_qdpx_as_a_new_project_and_lists_what_was_left_out() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("interviews.qdpx");
    let qde = foreign_qde("i.txt");
    std::fs::write(
        &q,
        zip_of(&[
            ("project.qde", qde.as_bytes()),
            ("sources/i.txt", b"Line1\nWe trust them a lot.\n"),
            ("sources/report.txt", b"Budget"),
            ("sources/notes.docx", &docx(&["x"])),
        ]),
    )
    .unwrap();
    let (_d, h) = import_in_window(&q);
    assert!(h.query_by_label("Import finished").is_some());
    assert!(
        h.query_by_label_contains("Recording").is_some(),
        "the audio source is listed as left out"
    );
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.project.name, "Interviews");
    assert_eq!(ws.project.documents.len(), 3);
    assert!(
        ws.undo.is_dirty(),
        "an imported project is unsaved until saved"
    );
}

/// The sample project open in the window as Alex Byrne, then `qdpx`
/// imported through the window (its worker waited for).
pub fn import_in_window(
    qdpx: &std::path::Path,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, thema::app::ThemaApp>,
) {
    use egui_kittest::kittest::Queryable;
    let (d, mut h) = super::ui::open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    h.state_mut().import_qdpx(qdpx);
    h.state_mut().poll_refi_import(true);
    h.run();
    (d, h)
}
