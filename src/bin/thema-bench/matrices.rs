//! Matrix figures (`analysis::cooccurrence`).

use super::data;
use std::time::Instant;
use thema::analysis::cooccurrence::{Options, Proximity, compute};
use thema::analysis::{Prepared, Scope};

/// Codes × codes co-occurrence, 200 codes over 100,000 codings in 2,000
/// documents: the median of 11 runs at each distance.
pub fn cooccurrence_bench() {
    let p = data::review_project(2_000, 100_000, 200);
    let prep = Prepared::new(&p, &Scope::default());
    for (name, proximity) in [
        ("overlap", Proximity::Overlap),
        ("sentence", Proximity::Sentence),
        ("paragraph", Proximity::Paragraph),
    ] {
        let opts = Options {
            level: None,
            proximity,
        };
        let mut times: Vec<f64> = (0..11)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(compute(&prep, opts));
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "cooccurrence_{name}_200codes_100000codings {:.1} ms",
            times[5]
        );
    }
}
