//! Studies from a reference manager: a Zotero-style RIS export with a
//! files folder, made here, imported into the sample project; BibTeX and
//! CSL-JSON of the same records give the same studies; re-import adds none.

use std::path::Path;
use thema::edit;
use thema::io::library::{self, Order};
use thema::model::Project;

fn sample() -> Project {
    thema::io::project_file::load(Path::new("sample_projects/neighbourhood_teams.thema.ron"))
        .unwrap()
        .project
}

const SURNAMES: [&str; 20] = [
    "Okafor",
    "Lindqvist",
    "Müller",
    "Brennan",
    "Haddad",
    "Novak",
    "Castillo",
    "Tanaka",
    "Owusu",
    "Fischer",
    "Moreau",
    "Kowalski",
    "Singh",
    "O'Neill",
    "Rossi",
    "Dubois",
    "Andersen",
    "Yilmaz",
    "Silva",
    "Murphy",
];

/// Writes `dir/export.ris` and `dir/files/N/...pdf`: 20 records, 15 with
/// a PDF (records 1–15), records 19 and 20 carrying the DOIs of two
/// studies of the sample (given below), records 14 and 15's PDFs broken.
fn zotero_export(dir: &Path, dois: [&str; 2]) -> std::path::PathBuf {
    let mut ris = String::new();
    for i in 1..=20 {
        let name = SURNAMES[i - 1];
        let year = 2010 + i;
        ris.push_str("TY  - JOUR\n");
        ris.push_str(&format!(
            "TI  - Integrated care study {i}: how {name} teams worked\n"
        ));
        ris.push_str(&format!("AU  - {name}, A.\n"));
        if i % 3 == 0 {
            ris.push_str("AU  - Lee, B.\n");
        }
        if i % 4 == 0 {
            ris.push_str("AU  - Patel, C.\nAU  - Ng, D.\n");
        }
        ris.push_str(&format!("PY  - {year}\nT2  - Journal of Integrated Care\n"));
        ris.push_str(&format!(
            "AB  - Abstract of study {i}.\nKW  - integration\nKW  - teams\n"
        ));
        match i {
            19 => ris.push_str(&format!("DO  - {}\n", dois[0])),
            20 => ris.push_str(&format!("DO  - https://doi.org/{}\n", dois[1])),
            _ => ris.push_str(&format!("DO  - 10.1234/ic.{i}\n")),
        }
        if i <= 15 || i >= 19 {
            let rel = format!("files/{i}/{name} - {year} - Study {i}.pdf");
            let path = dir.join(&rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let bytes = if i == 14 || i == 15 {
                b"%PDF-1.4 this is not a PDF at all".to_vec()
            } else {
                super::pdf_fonts::pdf_with_lines(&[vec![
                    format!("Study {i} by {name}."),
                    "Staff valued shared meetings and trust between teams.".to_owned(),
                ]])
            };
            std::fs::write(&path, bytes).unwrap();
            ris.push_str(&format!("L1  - {rel}\n"));
        }
        ris.push_str("ER  - \n\n");
    }
    let path = dir.join("export.ris");
    std::fs::write(&path, ris).unwrap();
    path
}

#[test]
fn a_zotero_export_with_files_adds_18_studies_updates_2_and_a_reimport_adds_none() {
    let mut p = sample();
    // Give two studies of the sample DOIs the export also has.
    let doi_attr = thema::model::AttributeDef {
        id: thema::model::AttrId::new(),
        name: "DOI".into(),
        kind: thema::model::AttrKind::Text,
        bins: Vec::new(),
    };
    let (a, b) = (p.documents[0].id, p.documents[1].id);
    let index = p.attributes.len();
    edit::apply(
        &mut p,
        edit::Command::Batch(vec![
            edit::Command::InsertAttributeDef {
                index,
                def: doi_attr.clone(),
            },
            edit::Command::SetAttributeValue {
                doc: a,
                attr: doi_attr.id,
                value: Some("10.5334/ijic.1111".into()),
            },
            edit::Command::SetAttributeValue {
                doc: b,
                attr: doi_attr.id,
                value: Some("10.5334/IJIC.2222".into()),
            },
        ]),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The second DOI's case differs: DOIs match whatever their case.
    let export = zotero_export(dir.path(), ["10.5334/ijic.1111", "10.5334/ijic.2222"]);
    let before_docs = p.documents.len();
    let (plan, done) = library::import_export(&p, &export, Order::File).unwrap();
    assert_eq!(
        plan.summary(),
        "20 records (RIS): 18 new studies (15 with a file), 2 updated, 0 unchanged."
    );
    assert_eq!(
        done.summary(),
        "Added 18 studies (13 with text), updated 2 studies."
    );
    // The two broken PDFs are named by record, and the studies still added.
    let broken: Vec<&String> = done
        .lines
        .iter()
        .filter(|l| l.contains("added without text"))
        .collect();
    assert_eq!(broken.len(), 2, "{:#?}", done.lines);
    assert_eq!(
        broken[0].as_str(),
        "Record 14 (O'Neill 2024): O'Neill - 2024 - Study 14.pdf was not imported: it is not a readable PDF (couldn't parse input: invalid file header). The study was added without text."
    );
    edit::apply(&mut p, done.command).unwrap();
    assert_eq!(p.documents.len(), before_docs + 18);
    let new = &p.documents[before_docs..];
    assert_eq!(new.iter().filter(|d| !d.text.is_empty()).count(), 13);
    // Short references, numbers, attributes, abstract memo.
    let first = &new[0];
    assert_eq!(first.short_ref, "Okafor 2011");
    assert_eq!(first.reference, 11);
    assert_eq!(
        new[2].short_ref,
        "Müller et al. 2013".replace("et al.", "and Lee").as_str()
    );
    assert_eq!(new[3].short_ref, "Brennan et al. 2014");
    assert_eq!(
        first.title,
        "Integrated care study 1: how Okafor teams worked"
    );
    let attr = |name: &str| p.attribute_by_name(name).unwrap().id;
    assert_eq!(first.attribute(attr("Year")), "2011");
    assert_eq!(
        first.attribute(attr("Journal")),
        "Journal of Integrated Care"
    );
    assert_eq!(first.attribute(attr("DOI")), "10.1234/ic.1");
    assert_eq!(first.attribute(attr("Publication type")), "Journal article");
    assert_eq!(first.memo, "Abstract: Abstract of study 1.");
    assert!(first.text.contains("trust between teams"));
    // The matched studies keep their text and codings, and gain the record.
    let updated = p.document(a).unwrap();
    assert_eq!(
        updated.title,
        "Integrated care study 19: how Silva teams worked"
    );
    assert_eq!(updated.attribute(attr("Year")), "2029");
    // Again: nothing added, nothing changed.
    let (plan, done) = library::import_export(&p, &export, Order::File).unwrap();
    assert_eq!(
        plan.summary(),
        "20 records (RIS): 0 new studies (0 with a file), 0 updated, 20 unchanged."
    );
    assert_eq!((done.added, done.updated), (0, 0));
    assert!(matches!(&done.command, edit::Command::Batch(v) if v.is_empty()));
}

#[test]
fn bibtex_and_csl_json_of_the_same_records_give_the_same_studies() {
    let p = sample();
    let dir = tempfile::tempdir().unwrap();
    let bib = r#"@article{okafor2011,
  title = {Trust in {Integrated} Teams},
  author = {Okafor, Ada and M{\"u}ller, Jonas},
  year = {2011},
  journal = {Journal of Integrated Care},
  doi = {10.1234/ic.1},
  abstract = {What teams said.}
}
@techreport{who2019,
  title = {Primary Care Networks},
  author = {{World Health Organization}},
  year = {2019},
  institution = {WHO}
}
"#;
    let csl = r#"[
 {"id": "okafor2011", "type": "article-journal", "title": "Trust in Integrated Teams",
  "author": [{"family": "Okafor", "given": "Ada"}, {"family": "Müller", "given": "Jonas"}],
  "issued": {"date-parts": [[2011]]}, "container-title": "Journal of Integrated Care",
  "DOI": "10.1234/ic.1", "abstract": "What teams said."},
 {"id": "who2019", "type": "report", "title": "Primary Care Networks",
  "author": [{"literal": "World Health Organization"}], "issued": {"date-parts": [[2019]]},
  "publisher": "WHO"}
]"#;
    let studies = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (_, done) = library::import_export(&p, &path, Order::File).unwrap();
        let edit::Command::Batch(cmds) = done.command else {
            panic!()
        };
        cmds.into_iter()
            .filter_map(|c| match c {
                edit::Command::InsertDocument { doc, .. } => Some((
                    doc.title.clone(),
                    doc.short_ref.clone(),
                    doc.reference,
                    doc.memo.clone(),
                    {
                        let mut v: Vec<_> = doc.attributes.values().cloned().collect();
                        v.sort();
                        v
                    },
                )),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let from_bib = studies("lib.bib", bib);
    assert_eq!(from_bib.len(), 2);
    assert_eq!(from_bib[0].1, "Okafor and Müller 2011");
    assert_eq!(from_bib[1].1, "World Health Organization 2019");
    assert_eq!(from_bib[0].0, "Trust in Integrated Teams");
    assert_eq!(from_bib, studies("lib.json", csl));
}

#[test]
fn the_command_line_imports_an_export_exports_ris_and_a_reimport_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let export = zotero_export(dir.path(), ["10.9/x.19", "10.9/x.20"]);
    let project = dir.path().join("review.thema.ron");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    let (code, out) = run(&[
        os("import-references").as_os_str(),
        project.as_os_str(),
        export.as_os_str(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(
            "20 records (RIS): 20 new studies (17 with a file), 0 updated, 0 unchanged.\n"
        ),
        "{out}"
    );
    assert!(
        out.ends_with(&format!(
            "Added 20 studies (15 with text), updated 0 studies. Saved to {}\n",
            project.display()
        )),
        "{out}"
    );
    let bytes = std::fs::read(&project).unwrap();
    let (code, out) = run(&[
        os("import-references").as_os_str(),
        project.as_os_str(),
        export.as_os_str(),
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "20 records (RIS): 0 new studies (0 with a file), 0 updated, 20 unchanged.\n"
        ),
        "{out}"
    );
    assert_eq!(std::fs::read(&project).unwrap(), bytes);
    // RIS out and back into a new project: the same titles and short references.
    let ris = dir.path().join("out.ris");
    let (code, _) = run(&[
        os("export-references").as_os_str(),
        project.as_os_str(),
        os("--to").as_os_str(),
        ris.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let again = dir.path().join("again.thema.ron");
    let (code, _) = run(&[
        os("import-references").as_os_str(),
        again.as_os_str(),
        ris.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let a = thema::io::project_file::load(&project).unwrap().project;
    let b = thema::io::project_file::load(&again).unwrap().project;
    let key = |p: &Project| {
        p.documents
            .iter()
            .map(|d| (d.title.clone(), d.short_ref.clone(), d.reference))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&a), key(&b));
}

/// Runs frames until `done` holds (background work), at most ~10 s.
fn run_until(
    h: &mut egui_kittest::Harness<'static, thema::app::ThemaApp>,
    done: impl Fn(&thema::app::ThemaApp) -> bool,
) {
    for _ in 0..1000 {
        h.run();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the background work did not finish");
}

#[test]
fn the_window_shows_the_plan_imports_on_a_worker_and_attaches_text_later() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let export = zotero_export(dir.path(), ["10.9/x.19", "10.9/x.20"]);
    let (_d, mut h) = super::ui::open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (").click();
    h.run();
    h.state_mut()
        .push(thema::ui::Intent::OpenReferenceExport(export.clone()));
    run_until(&mut h, |a| a.library_dialog.is_some());
    h.run();
    assert!(
        h.query_by_label(
            "20 records (RIS): 20 new studies (17 with a file), 0 updated, 0 unchanged."
        )
        .is_some()
    );
    assert!(
        h.query_by_label("[11] Okafor 2011: Integrated care study 1: how Okafor teams worked")
            .is_some()
    );
    // Numbered by author instead: Andersen (record 17) comes first.
    h.get_by_label("by author and year").click_accesskit();
    h.run();
    assert!(h.query_by_label_contains("[11] Andersen 2027").is_some());
    h.get_by_label("Import").click();
    run_until(&mut h, |a| a.library.is_none());
    h.run();
    assert!(
        h.query_by_label("Added 20 studies (15 with text), updated 0 studies.")
            .is_some()
    );
    let p = &h.state().ws.as_ref().unwrap().project;
    assert_eq!(p.documents.len(), 30);
    // One undo step takes the whole import back.
    h.get_by_label("OK").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.documents.len(), 10);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    // A study without text says so and takes a file later.
    let p = &h.state().ws.as_ref().unwrap().project;
    assert_eq!(
        p.documents.len(),
        30,
        "{:?}",
        p.documents.iter().map(|d| &d.short_ref).collect::<Vec<_>>()
    );
    let bare = p
        .documents
        .iter()
        .find(|d| d.short_ref == "Andersen 2027")
        .unwrap()
        .id;
    assert!(p.document(bare).unwrap().text.is_empty());
    h.state_mut().push(thema::ui::Intent::OpenDocument(bare));
    h.run();
    assert!(h.query_by_label("No text yet").is_some());
    let file = dir.path().join("andersen.txt");
    std::fs::write(&file, "Andersen study: teams met weekly.").unwrap();
    h.state_mut()
        .push(thema::ui::Intent::AttachText(bare, file));
    run_until(&mut h, |a| a.library.is_none());
    let d = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .project
        .document(bare)
        .unwrap()
        .clone();
    assert_eq!(d.text, "Andersen study: teams met weekly.");
    assert!(h.query_by_label("No text yet").is_none());
}

#[test]
fn citation_lists_follow_the_projects_style_in_tables_reports_and_the_file() {
    use thema::analysis::citations::CitationStyle;
    let mut p = sample();
    let prep = thema::analysis::Prepared::new(&p, &thema::analysis::Scope::default());
    let numeric = thema::analysis::citations::citations(&prep);
    let row = numeric
        .iter()
        .find(|r| r.name == "Distributed leadership")
        .unwrap();
    assert_eq!(row.citations, "(3,4,10)");
    let undo = edit::apply(
        &mut p,
        edit::Command::SetCitationStyle(CitationStyle::AuthorYear),
    )
    .unwrap();
    let prep = thema::analysis::Prepared::new(&p, &thema::analysis::Scope::default());
    let rows = thema::analysis::citations::citations(&prep);
    let row = rows
        .iter()
        .find(|r| r.name == "Distributed leadership")
        .unwrap();
    assert_eq!(row.citations, "(Ellery 2023; Lindqvist 2022; Rowe 2024)");
    // The live (incremental) tables cite the same way.
    let live = thema::analysis::incremental::LiveTables::build(
        &p,
        &thema::analysis::Scope::default(),
        &Default::default(),
    );
    let row = live
        .tables
        .citations
        .iter()
        .find(|r| r.name == "Distributed leadership")
        .unwrap();
    assert_eq!(row.citations, "(Ellery 2023; Lindqvist 2022; Rowe 2024)");
    // Saved and read back; undone in one step.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.thema.ron");
    thema::io::project_file::save(&p, &path).unwrap();
    let back = thema::io::project_file::load(&path).unwrap().project;
    assert_eq!(back.citation_style, CitationStyle::AuthorYear);
    edit::apply(&mut p, undo).unwrap();
    assert_eq!(p.citation_style, CitationStyle::Numeric);
}
