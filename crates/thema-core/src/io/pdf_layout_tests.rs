//! Tests of [`super`] (the layout of a page's strings into blocks in
//! reading order), on pieces placed by hand.
use super::*;

/// Words of a line: `n` words 30 points wide, 4 apart, from `x`.
fn line(x: f64, base: f64, n: usize) -> Vec<Piece> {
    (0..n)
        .map(|k| {
            let x0 = x + 34.0 * k as f64;
            Piece {
                x0,
                x1: x0 + 30.0,
                base,
                size: 10.0,
            }
        })
        .collect()
}

/// Ten lines of a column, 12 points apart from `top`.
fn column(x: f64, top: f64) -> Vec<Piece> {
    (0..10)
        .flat_map(|k| line(x, top + 12.0 * k as f64, 6))
        .collect()
}

#[test]
fn columns_drawn_right_first_read_left_first_under_a_heading_across_both() {
    // Drawn: the right column, the left column, then the heading
    // across both at the top.
    let mut pieces = column(320.0, 200.0);
    pieces.extend(column(72.0, 200.0));
    pieces.extend(line(72.0, 160.0, 13));
    let blocks = reading_order(&pieces).unwrap();
    let firsts: Vec<usize> = blocks.iter().map(|b| b[0]).collect();
    // The heading (pieces 120–132), the left column (60–119), the
    // right (0–59), each whole and in drawing order.
    assert_eq!(firsts, [120, 60, 0]);
    assert_eq!(blocks[1], (60..120).collect::<Vec<_>>());
    assert_eq!(blocks[2], (0..60).collect::<Vec<_>>());
}

#[test]
fn a_page_number_between_two_columns_does_not_join_them() {
    // The number stands in the gutter, between two lines' baselines.
    let mut pieces = column(72.0, 200.0);
    pieces.extend(column(283.0, 200.0));
    pieces.push(Piece {
        x0: 276.0,
        x1: 281.0,
        base: 266.0,
        size: 10.0,
    });
    let blocks = reading_order(&pieces).unwrap();
    assert_eq!(blocks[0], (0..60).collect::<Vec<_>>());
    assert!(blocks.iter().any(|b| b == &[120]), "{blocks:?}");
    assert!(blocks.iter().any(|b| b == &(60..120).collect::<Vec<_>>()));
}

#[test]
fn a_grid_of_cells_drawn_column_by_column_reads_row_by_row() {
    // Three rows of three cells, 100 points apart across and 30 down,
    // drawn column by column.
    let mut pieces = Vec::new();
    for c in 0..3 {
        for r in 0..3 {
            let x0 = 72.0 + 100.0 * f64::from(c);
            let base = 100.0 + 30.0 * f64::from(r);
            pieces.push(Piece {
                x0,
                x1: x0 + 40.0,
                base,
                size: 10.0,
            });
        }
    }
    let order: Vec<usize> = reading_order(&pieces).unwrap().concat();
    assert_eq!(order, [0, 3, 6, 1, 4, 7, 2, 5, 8]);
}

#[test]
fn every_piece_comes_out_once_and_oversized_pages_are_not_ordered() {
    // Scattered pieces of several sizes: none lost, none twice.
    let pieces: Vec<Piece> = (0..500u32)
        .map(|k| {
            let (a, b) = (f64::from(k * 37 % 530), f64::from(k * 91 % 760));
            Piece {
                x0: a,
                x1: a + f64::from(k % 7 * 9 + 1),
                base: b,
                size: f64::from(6 + k % 9),
            }
        })
        .collect();
    let mut all = reading_order(&pieces).unwrap().concat();
    all.sort_unstable();
    assert_eq!(all, (0..500).collect::<Vec<_>>());
    let many = vec![
        Piece {
            x0: 0.0,
            x1: 1.0,
            base: 0.0,
            size: 1.0
        };
        MAX_PIECES + 1
    ];
    assert!(reading_order(&many).is_none());
}
