//! No lost work: saves survive being killed at any moment, and unsaved work
//! comes back from the recovery file.

use super::ui::open_sample;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::io::BufRead;
use thema::io::project_file;

/// Two versions of a large project (the sample, its documents repeated).
fn two_versions(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, String, String) {
    let mut a = project_file::load(std::path::Path::new(
        "sample_projects/neighbourhood_teams.thema.ron",
    ))
    .unwrap()
    .project;
    let docs = a.documents.clone();
    for round in 0..6u128 {
        for d in &docs {
            let mut copy = d.clone();
            copy.id =
                thema::model::DocId(uuid::Uuid::from_u128(round * 1000 + d.reference as u128));
            copy.reference += 100 * (round as u32 + 1);
            a.documents.push(copy);
        }
    }
    let mut b = a.clone();
    b.name = "second version".into();
    b.codings.truncate(40);
    let (pa, pb) = (dir.join("a.thema.ron"), dir.join("b.thema.ron"));
    project_file::save(&a, &pa).unwrap();
    project_file::save(&b, &pb).unwrap();
    (
        pa,
        pb,
        project_file::to_string(&a).unwrap(),
        project_file::to_string(&b).unwrap(),
    )
}

/// Saves two projects over one file, alternately, until killed — run as a
/// child process by the test below (it does nothing when run on its own).
#[test]
#[ignore = "a helper process of project_file_is_always_the_old_or_the_new_version_when_the_saver_is_killed"]
fn save_loop_child() {
    let Ok(paths) = std::env::var("THEMA_SAVE_LOOP") else {
        return;
    };
    let paths: Vec<&str> = paths.lines().collect();
    let a = project_file::load(std::path::Path::new(paths[0]))
        .unwrap()
        .project;
    let b = project_file::load(std::path::Path::new(paths[1]))
        .unwrap()
        .project;
    let target = std::path::Path::new(paths[2]);
    println!("saving");
    loop {
        for p in [&a, &b] {
            project_file::save(p, target).unwrap();
        }
    }
}

#[test]
fn project_file_is_always_the_old_or_the_new_version_when_the_saver_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, text_a, text_b) = two_versions(dir.path());
    let target = dir.path().join("target.thema.ron");
    std::fs::copy(&a, &target).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut survived = 0;
    for _ in 0..25 {
        // The saver is this test binary itself, running `save_loop_child`
        // (the shipped `thema` has no such helper).
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::save_loop_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(
                "THEMA_SAVE_LOOP",
                format!("{}\n{}\n{}", a.display(), b.display(), target.display()),
            )
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it is saving, then kill it at a random moment.
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.contains("saving") {
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "the saver did not start"
            );
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(std::time::Duration::from_micros(2_000 + seed % 60_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let now = std::fs::read_to_string(&target).expect("the project file always exists");
        assert!(
            now == text_a || now == text_b,
            "after a kill the file is neither version"
        );
        assert!(project_file::load(&target).is_ok());
        survived += 1;
    }
    eprintln!("survived {survived} kills");
    assert_eq!(survived, 25);
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash_and_a_clean_save_removes_it() {
    let (dir, mut h) = open_sample();
    h.run();
    h.get_by_label_contains("Alex Byrne (AB) —").click();
    h.run();
    let path = dir.path().join("sample.thema.ron");
    let (rect, top) = super::ui::text_area(&h);
    super::ui::select_by_drag(
        &mut h,
        egui::pos2(rect.left() + 60.0, top + 125.0),
        egui::pos2(rect.left() + 260.0, top + 125.0),
    );
    h.key_press(Key::Num1);
    h.run();
    h.state_mut().autosave_now();
    h.state_mut().wait_for_saves();
    let recovery = thema::io::paths::recovery_path(&path);
    assert!(recovery.exists());
    drop(h); // the window "crashes" without saving

    let path2 = path.clone();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            thema::app::ThemaApp::new(cc, thema::settings::Settings::in_memory(), Some(path2))
        });
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    assert!(
        h.query_by_label_contains("1 more coding than the saved file")
            .is_some()
    );
    h.get_by_label("Restore it").click();
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.codings.len(), 99);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.state_mut().wait_for_saves();
    assert!(!recovery.exists(), "a clean save removes the recovery file");
    assert_eq!(project_file::load(&path).unwrap().project.codings.len(), 99);
}

/// A window whose settings keep untitled autosaves in `dir`.
fn window_with_recovery_dir(
    dir: &std::path::Path,
) -> egui_kittest::Harness<'static, thema::app::ThemaApp> {
    let dir = dir.to_owned();
    egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            let mut settings = thema::settings::Settings::in_memory();
            settings.recovery_dir = Some(dir);
            thema::app::ThemaApp::new(cc, settings, None)
        })
}

/// An untitled window holding the small fixture as one unsaved change.
fn untitled_with_work(h: &mut egui_kittest::Harness<'static, thema::app::ThemaApp>) {
    let app = h.state_mut();
    app.ws = Some(thema::session::Workspace::new(
        thema::model::Project::new("Untitled review"),
        None,
    ));
    app.apply(
        "Work",
        thema::edit::Command::ReplaceProject(Box::new(super::fixtures::bmj())),
    );
    h.run();
}

#[test]
fn a_project_that_was_never_saved_is_autosaved_and_offered_back_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("untitled.thema.ron.recovery");
    let mut h = window_with_recovery_dir(dir.path());
    h.run();
    assert!(
        h.query_by_label("Restore unsaved work?").is_none(),
        "nothing to offer yet"
    );
    untitled_with_work(&mut h);
    let n = h.state().ws.as_ref().unwrap().project.codings.len();
    assert!(n > 0);
    h.state_mut().autosave_now();
    h.state_mut().wait_for_saves();
    assert!(rec.exists(), "the untitled project is autosaved");
    drop(h); // the window "crashes"

    let mut h = window_with_recovery_dir(dir.path());
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    assert!(h.query_by_label_contains("never saved").is_some());
    assert!(
        h.query_by_label_contains(&thema::words::count(n, "coding", "codings"))
            .is_some()
    );
    h.get_by_label("Restore it").click();
    h.run();
    {
        let ws = h.state().ws.as_ref().expect("the restored project is open");
        assert_eq!(ws.project.codings.len(), n);
        assert!(ws.path.is_none());
        assert!(ws.undo.is_dirty(), "restored work is still unsaved");
        assert_eq!(
            ws.open_doc,
            ws.project.documents.first().map(|d| d.id),
            "a document is open"
        );
    }
    assert!(h.query_by_label("Who is coding?").is_some());
    // Saving it under a name removes the untitled copy.
    let target = dir.path().join("kept.thema.ron");
    assert!(h.state_mut().save_to(target.clone()));
    h.state_mut().wait_for_saves();
    assert!(!rec.exists(), "a first save removes the untitled autosave");
    assert_eq!(
        project_file::load(&target).unwrap().project.codings.len(),
        n
    );
}

#[test]
fn discarding_an_untitled_autosave_deletes_it_and_dont_save_removes_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("untitled.thema.ron.recovery");
    let mut h = window_with_recovery_dir(dir.path());
    untitled_with_work(&mut h);
    h.state_mut().autosave_now();
    h.state_mut().wait_for_saves();
    drop(h);
    let mut h = window_with_recovery_dir(dir.path());
    h.run();
    h.get_by_label("Discard it").click();
    h.run();
    assert!(!rec.exists());
    assert!(h.state().ws.is_none());

    // Autosaved again, then closed with "Don't save": the copy goes too.
    untitled_with_work(&mut h);
    h.state_mut().autosave_now();
    h.state_mut().wait_for_saves();
    assert!(rec.exists());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Close project").click();
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(h.state().ws.is_none());
    assert!(
        !rec.exists(),
        "\"Don't save\" discards the autosaved copy as well"
    );
}
