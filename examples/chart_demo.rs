//! Writes the sample project's two charts as SVG and PNG into a folder, to
//! look at them. Run: `cargo run --example chart_demo -- OUT_DIR`
#![allow(
    clippy::expect_used,
    reason = "a developer tool run by hand; a failure stops it with the reason"
)]
use thema::io::report::chart;
fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let p = thema::io::project_file::load(std::path::Path::new(
        "sample_projects/neighbourhood_teams.thema.ron",
    ))
    .expect("sample")
    .project;
    let t = thema::analysis::prevalence(&p, &Default::default());
    for (name, c) in [
        ("prevalence", chart::prevalence_chart(&p, &t)),
        ("categories", chart::category_chart(&p, &t, 2)),
    ] {
        let svg = chart::svg(&c).expect("svg");
        std::fs::write(out.join(format!("{name}.svg")), &svg).expect("write");
        std::fs::write(
            out.join(format!("{name}.png")),
            chart::png(&svg).expect("png"),
        )
        .expect("write");
    }
}
