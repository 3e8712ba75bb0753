//! Matrix figures (`analysis::cooccurrence`, `analysis::matrices`): 200
//! codes over 100,000 codings in 2,000 documents.

use super::data;
use std::time::Instant;
use thema::analysis::cooccurrence::{Options, Proximity, compute};
use thema::analysis::matrices::{self, StudyOrder};
use thema::analysis::{Prepared, Scope};

/// The median of 11 runs of `f`, in milliseconds.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..11)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[5]
}

/// Codes × codes co-occurrence at each distance, the framework matrix and
/// the presence matrix. The first sentence/paragraph run also finds each
/// document's sentences (kept with the document afterwards): that one-off
/// cost is printed apart.
pub fn cooccurrence_bench() {
    let p = data::review_project(2_000, 100_000, 200);
    let prep = Prepared::new(&p, &Scope::default());
    let opts = |proximity| Options {
        level: None,
        proximity,
        category: None,
    };
    let first = Instant::now();
    std::hint::black_box(compute(&prep, opts(Proximity::Sentence)));
    println!(
        "cooccurrence_first_sentence_run_200codes_100000codings {:.1} ms (finds every document's sentences and paragraphs once)",
        first.elapsed().as_secs_f64() * 1000.0
    );
    for proximity in Proximity::ALL {
        let ms = median_ms(|| {
            std::hint::black_box(compute(&prep, opts(proximity)));
        });
        println!(
            "cooccurrence_{}_200codes_100000codings {ms:.1} ms",
            proximity.name()
        );
    }
    let ms = median_ms(|| {
        std::hint::black_box(matrices::framework(&prep, 1, StudyOrder::Reference));
    });
    println!("framework_matrix_themes_2000studies_100000codings {ms:.1} ms");
    let ms = median_ms(|| {
        std::hint::black_box(matrices::presence(&prep, None, StudyOrder::Reference));
    });
    println!("presence_matrix_200codes_2000studies_100000codings {ms:.1} ms");
    let o = matrices::MatrixOptions::default();
    let ms = median_ms(|| {
        std::hint::black_box(matrices::compute_all(&p, &Scope::default(), &o));
    });
    println!("all_three_matrices_with_scope_200codes_100000codings {ms:.1} ms");
    // A coding added: the three matrices updated in place.
    let mut live = matrices::compute_all(&p, &Scope::default(), &o);
    let mut q = p.clone();
    let mut extra = q.codings[0].clone();
    extra.id = thema::model::CodingId::new();
    q.codings.push(extra.clone());
    let ms = median_ms(|| {
        std::hint::black_box(live.add(&q, std::slice::from_ref(&extra)));
    });
    println!("all_three_matrices_one_coding_added_in_place {ms:.3} ms");
}
