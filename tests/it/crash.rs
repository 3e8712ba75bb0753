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

#[test]
fn project_file_is_always_the_old_or_the_new_version_when_the_saver_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, text_a, text_b) = two_versions(dir.path());
    let target = dir.path().join("target.thema.ron");
    std::fs::copy(&a, &target).unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut survived = 0;
    for _ in 0..25 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_thema"))
            .args([
                "__save-loop",
                a.to_str().unwrap(),
                b.to_str().unwrap(),
                target.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it is saving, then kill it at a random moment.
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
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
    let recovery = project_file::recovery_path(&path);
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
    assert!(h.query_by_label_contains("1 more coding(s)").is_some());
    h.get_by_label("Restore it").click();
    h.run();
    assert_eq!(h.state().ws.as_ref().unwrap().project.codings.len(), 99);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!recovery.exists(), "a clean save removes the recovery file");
    assert_eq!(project_file::load(&path).unwrap().project.codings.len(), 99);
}
