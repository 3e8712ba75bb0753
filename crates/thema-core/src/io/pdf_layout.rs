//! Reading order of a page's text from where its strings stand, as
//! poppler's `pdftotext` reads a page: the shown strings are gathered
//! into blocks (lines of one size set close under each other, and what
//! stands on those lines), and the blocks are put in reading order by the
//! two rules of Breuel's "High Performance Document Layout Analysis"
//! (2003): a block comes before another that it overlaps in width and
//! stands above, and before one entirely to its right unless something
//! between them spans both (a heading across both columns). A grid of
//! aligned blocks is read as a table, row by row. Geometry only: the
//! text sink that uses it is [`super::pdf_order`].
//!
//! Sizes are bounded: a page of more than [`MAX_PIECES`] strings or
//! [`MAX_BLOCKS`] blocks is not ordered (the rules compare blocks with
//! every pair of others), and the sort is an explicit stack, not
//! recursion.

/// Strings on a page above which it keeps its drawing order.
pub const MAX_PIECES: usize = 20_000;
/// Blocks on a page above which it keeps its drawing order.
pub const MAX_BLOCKS: usize = 600;

/// Font ascent and descent as shares of the size, when a block's height
/// is needed (poppler's defaults for a font without metrics).
const ASCENT: f64 = 0.95;
const DESCENT: f64 = 0.35;

/// Where a shown string's visible characters stand: from `x0` to `x1`,
/// on baseline `base` (growing down the page), at font size `size`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    pub x0: f64,
    pub x1: f64,
    pub base: f64,
    pub size: f64,
}

impl Piece {
    fn top(&self) -> f64 {
        self.base - ASCENT * self.size
    }
    fn bottom(&self) -> f64 {
        self.base + DESCENT * self.size
    }
}

#[derive(Clone, Debug)]
struct Block {
    /// Pieces, in drawing order once the block is done.
    pieces: Vec<usize>,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    /// The size of the piece the block grew from.
    size: f64,
    table: Option<usize>,
    /// The box the ordering rules compare: widened into the white space
    /// beside the block, or a table's whole extent.
    ex0: f64,
    ex1: f64,
    ey0: f64,
    ey1: f64,
}

impl Block {
    fn new(p: &Piece, i: usize) -> Self {
        Self {
            pieces: vec![i],
            x0: p.x0,
            x1: p.x1,
            y0: p.top(),
            y1: p.bottom(),
            size: p.size,
            table: None,
            ex0: 0.0,
            ex1: 0.0,
            ey0: 0.0,
            ey1: 0.0,
        }
    }
    fn add(&mut self, p: &Piece, i: usize) {
        self.pieces.push(i);
        self.x0 = self.x0.min(p.x0);
        self.x1 = self.x1.max(p.x1);
        self.y0 = self.y0.min(p.top());
        self.y1 = self.y1.max(p.bottom());
    }
    fn overlaps_y(&self, o: &Block) -> bool {
        o.y0 <= self.y1 && o.y1 >= self.y0
    }
    fn overlaps_x(&self, o: &Block) -> bool {
        o.x0 <= self.x1 && o.x1 >= self.x0
    }
    /// Rule 1: `self` overlaps `o` in (widened) width and starts above it.
    fn above(&self, o: &Block) -> bool {
        let overlap =
            (self.ex0 <= o.ex0 && o.ex0 <= self.ex1) || (o.ex0 <= self.ex0 && self.ex0 <= o.ex1);
        overlap && self.ey0 < o.ey0
    }
    /// Rule 2's first half: `self` ends where `o` starts or further left.
    fn left_of(&self, o: &Block) -> bool {
        self.ex1 <= o.ex0
    }
}

/// Baselines in bands of four points, as poppler pools its words: the
/// block to grow next starts from the left-most string of the top four
/// bands left.
fn band(base: f64) -> i64 {
    // Saturating: a baseline far off the page still has a band.
    (base / 4.0).floor() as i64
}

/// The pieces' indices in reading order, block by block. Every index
/// appears once.
pub fn reading_order(pieces: &[Piece]) -> Option<Vec<Vec<usize>>> {
    if pieces.len() > MAX_PIECES {
        return None;
    }
    let mut blocks = grow_blocks(pieces);
    if blocks.len() > MAX_BLOCKS {
        return None;
    }
    for b in &mut blocks {
        b.pieces.sort_unstable();
    }
    mark_tables(&mut blocks);
    widen(&mut blocks);
    let order = sort_blocks(&blocks);
    Some(
        order
            .into_iter()
            .map(|b| std::mem::take(&mut blocks[b].pieces))
            .collect(),
    )
}

/// Indices of pieces by baseline (then left edge), to find those on a band
/// of baselines.
struct ByBase<'a> {
    pieces: &'a [Piece],
    sorted: Vec<usize>,
}

impl ByBase<'_> {
    /// Pieces with a baseline from `lo` to `hi`, both included.
    fn between(&self, lo: f64, hi: f64) -> impl Iterator<Item = usize> + '_ {
        let start = self.sorted.partition_point(|&i| self.pieces[i].base < lo);
        self.sorted[start..]
            .iter()
            .copied()
            .take_while(move |&i| self.pieces[i].base <= hi)
    }
}

fn grow_blocks(p: &[Piece]) -> Vec<Block> {
    let mut sorted: Vec<usize> = (0..p.len()).collect();
    sorted.sort_by(|&a, &b| {
        p[a].base
            .total_cmp(&p[b].base)
            .then(p[a].x0.total_cmp(&p[b].x0))
    });
    let index = ByBase { pieces: p, sorted };
    let mut taken = vec![false; p.len()];
    let largest = p.iter().map(|q| q.size).fold(0.0, f64::max);
    let mut blocks = Vec::new();
    // The page's top and bottom lines, when set apart from the rest (a
    // running head "Howard et al. Systematic Reviews … Page 2 of 16"),
    // are one block each however far apart their parts stand: read as
    // two blocks, the right-hand part came after the left column, inside
    // a sentence, and was no longer the line repeated on every page that
    // is moved out of the text.
    for band in [
        edge_line(p, &index.sorted, true),
        edge_line(p, &index.sorted, false),
    ]
    .into_iter()
    .flatten()
    {
        let band: Vec<usize> = band.into_iter().filter(|&i| !taken[i]).collect();
        let Some(&seed) = band.first() else { continue };
        let mut block = Block::new(&p[seed], seed);
        taken[seed] = true;
        for &i in &band[1..] {
            block.add(&p[i], i);
            taken[i] = true;
        }
        blocks.push(block);
    }
    let mut first = 0;
    loop {
        while first < index.sorted.len() && taken[index.sorted[first]] {
            first += 1;
        }
        let Some(&top) = index.sorted.get(first) else {
            break;
        };
        let last_band = band(p[top].base).saturating_add(3);
        let seed = index.sorted[first..]
            .iter()
            .copied()
            .take_while(|&i| band(p[i].base) <= last_band)
            .filter(|&i| !taken[i])
            .min_by(|&a, &b| p[a].x0.total_cmp(&p[b].x0))
            .unwrap_or(top);
        taken[seed] = true;
        blocks.push(grow(p, &index, &mut taken, seed, largest));
    }
    blocks
}

/// The pieces of the page's top line (or bottom line) when they stand
/// on one baseline and the next line is well apart (more than 1.6 times
/// their size): a running head or foot. `None` when the line is a
/// page's only one or closes up on the next (the first line of a
/// paragraph).
fn edge_line(p: &[Piece], sorted: &[usize], top: bool) -> Option<Vec<usize>> {
    let order: Vec<usize> = if top {
        sorted.to_vec()
    } else {
        sorted.iter().rev().copied().collect()
    };
    let &first = order.first()?;
    let base = p[first].base;
    let line: Vec<usize> = order
        .iter()
        .copied()
        .take_while(|&i| (p[i].base - base).abs() <= 0.3 * p[first].size)
        .collect();
    let size = line.iter().map(|&i| p[i].size).fold(0.0, f64::max);
    let next = order.get(line.len())?;
    ((p[*next].base - base).abs() > 1.6 * size && line.len() > 1).then_some(line)
}

/// Same size as the block's first piece, within a share of it.
fn near_size(p: &Piece, size: f64, share: f64) -> bool {
    (p.size - size).abs() < share * size
}

/// A block as it grows: its baselines, sorted, and their range.
struct Growing {
    block: Block,
    bases: Vec<f64>,
    min_base: f64,
    max_base: f64,
}

impl Growing {
    /// Takes piece `i` into the block; `widen`: its baseline may widen the
    /// range searched for lines above and below.
    fn take(&mut self, p: &[Piece], i: usize, taken: &mut [bool], widen: bool) {
        taken[i] = true;
        self.block.add(&p[i], i);
        let base = p[i].base;
        let at = self.bases.partition_point(|&b| b < base);
        if self.bases.get(at) != Some(&base) {
            self.bases.insert(at, base);
        }
        if widen {
            self.min_base = self.min_base.min(base);
            self.max_base = self.max_base.max(base);
        }
    }

    /// Whether `q` stands on one of the block's lines: its baseline within
    /// half the larger of the two sizes of one of the block's (a page
    /// number standing between the last lines of two columns is not, and
    /// does not join them into one block; a superscript that opens a line
    /// stands on the line of the word after it).
    fn on_line(&self, q: &Piece) -> bool {
        let within = 0.5 * q.size.max(self.block.size);
        let at = self.bases.partition_point(|&b| b < q.base - within);
        self.bases.get(at).is_some_and(|&b| b <= q.base + within)
    }
}

/// The block grown from `seed`: lines of its size just above and below
/// that overlap it, pieces on its lines near it, and when nothing else
/// is found a few pieces just beside it.
fn grow(p: &[Piece], index: &ByBase, taken: &mut [bool], seed: usize, largest: f64) -> Block {
    let size = p[seed].size;
    let line_space = 1.5 * size;
    let (reach, column_gap) = (0.7 * size, 1.0 * size);
    let mut g = Growing {
        block: Block::new(&p[seed], seed),
        bases: vec![p[seed].base],
        min_base: p[seed].base,
        max_base: p[seed].base,
    };
    // Baselines as far as that from the block's: the page's largest size.
    let window = 0.5 * largest.max(size);
    loop {
        let mut found = false;
        // Lines above and below, of the same size, overlapping it (the
        // band searched is from the edge line as it was before this pass).
        for above in [true, false] {
            let edge = if above { g.min_base } else { g.max_base };
            let (lo, hi) = if above {
                (edge - line_space, edge)
            } else {
                (edge, edge + line_space)
            };
            for i in index.between(lo, hi) {
                let beyond = if above {
                    p[i].base < edge
                } else {
                    p[i].base > edge
                };
                if !taken[i]
                    && beyond
                    && p[i].x0 < g.block.x1
                    && p[i].x1 > g.block.x0
                    && near_size(&p[i], size, 0.05)
                {
                    g.take(p, i, taken, true);
                    found = true;
                }
            }
        }
        // On its lines and overlapping it, or nearly: any size close enough
        // (superscripts, inline formulas).
        for i in index.between(g.min_base - window, g.max_base + window) {
            if !taken[i]
                && g.on_line(&p[i])
                && p[i].x0 < g.block.x1 + reach
                && p[i].x1 > g.block.x0 - reach
                && near_size(&p[i], size, 0.6)
            {
                g.take(p, i, taken, false);
                found = true;
            }
        }
        if found {
            continue;
        }
        // Just beside it, within a column gap, on at most three of its
        // bands: a hanging label or a line's last word set apart.
        for left in [true, false] {
            let beside = |q: &Piece, b: &Block| {
                if left {
                    q.x1 <= b.x0 && q.x1 > b.x0 - column_gap
                } else {
                    q.x0 >= b.x1 && q.x0 < b.x1 + column_gap
                }
            };
            let mut bands: Vec<(i64, usize)> = Vec::new();
            for i in index.between(g.min_base - window, g.max_base + window) {
                if !taken[i]
                    && beside(&p[i], &g.block)
                    && near_size(&p[i], size, 0.2)
                    && g.on_line(&p[i])
                {
                    let b = band(p[i].base);
                    if bands.last().is_none_or(|&(last, _)| last != b) {
                        bands.push((b, i));
                    }
                    if bands.len() > 3 {
                        break;
                    }
                }
            }
            if (1..=3).contains(&bands.len()) {
                for (_, i) in bands {
                    g.take(p, i, taken, true);
                }
                found = true;
            }
        }
        if !found {
            return g.block;
        }
    }
}

/// Grids of blocks: a block, the nearest block to its right on its
/// height, the nearest under it on its width, and the nearest under and
/// right of it, aligned (centred, or flush left, right, top or bottom in
/// both directions) are cells of one table.
fn mark_tables(blocks: &mut [Block]) {
    let mut tables = 0;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        let (mut right, mut under, mut corner) = (None::<usize>, None::<usize>, None::<usize>);
        for (j, o) in blocks.iter().enumerate() {
            if j == i {
                continue;
            }
            if b.overlaps_y(o) && o.x0 > b.x1 {
                if right.is_none_or(|r| o.x0 < blocks[r].x0) {
                    right = Some(j);
                }
            } else if b.overlaps_x(o) && o.y0 > b.y1 {
                if under.is_none_or(|u| o.y0 < blocks[u].y0) {
                    under = Some(j);
                }
            } else if o.x0 > b.x1
                && o.y0 > b.y1
                && corner.is_none_or(|c| o.x0 < blocks[c].x0 && o.y0 < blocks[c].y0)
            {
                corner = Some(j);
            }
        }
        let (Some(r), Some(u), Some(c)) = (right, under, corner) else {
            continue;
        };
        let (rb, ub, cb) = (&blocks[r], &blocks[u], &blocks[c]);
        let misplaced = ub.overlaps_x(cb)
            || rb.overlaps_y(cb)
            || rb.overlaps_x(ub)
            || rb.overlaps_y(ub)
            || cb.x0 > rb.x1
            || cb.x1 < rb.x0
            || cb.y0 > ub.y1
            || cb.y1 < ub.y0;
        if misplaced {
            continue;
        }
        let small = b.size.min(rb.size).min(ub.size).min(cb.size);
        let (dx, dy) = (small * 0.7, small * 0.5);
        let mid_x = |k: &Block| (k.x0 + k.x1) / 2.0;
        let mid_y = |k: &Block| (k.y0 + k.y1) / 2.0;
        let near = |a: f64, b: f64, d: f64| (a - b).abs() <= d;
        let across = (near(mid_x(b), mid_x(ub), dx) && near(mid_x(rb), mid_x(cb), dx))
            || (near(b.x0, ub.x0, dx) && near(rb.x0, cb.x0, dx))
            || (near(b.x1, ub.x1, dx) && near(rb.x1, cb.x1, dx));
        let down = (near(mid_y(b), mid_y(rb), dy) && near(mid_y(ub), mid_y(cb), dy))
            || (near(b.y0, rb.y0, dy) && near(ub.y0, cb.y0, dy))
            || (near(b.y1, rb.y1, dy) && near(ub.y1, cb.y1, dy));
        if across && down {
            let id = [i, r, u, c].iter().filter_map(|&k| blocks[k].table).max();
            let id = id.unwrap_or_else(|| {
                tables += 1;
                tables - 1
            });
            for k in [i, r, u, c] {
                blocks[k].table = Some(id);
            }
        }
    }
}

/// Sets the boxes the ordering compares: a table's cells take the whole
/// table's; any other block widens sideways over the blocks under it, as
/// far as the nearest block beside it.
fn widen(blocks: &mut [Block]) {
    let n_tables = blocks
        .iter()
        .filter_map(|b| b.table)
        .max()
        .map_or(0, |t| t + 1);
    let mut extent = vec![
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY
        );
        n_tables
    ];
    for b in blocks.iter() {
        if let Some(t) = b.table {
            let e = &mut extent[t];
            *e = (e.0.min(b.x0), e.1.max(b.x1), e.2.min(b.y0), e.3.max(b.y1));
        }
    }
    let plain: Vec<(f64, f64)> = (0..blocks.len())
        .map(|i| {
            let b = &blocks[i];
            let (mut stop_left, mut stop_right) = (f64::NEG_INFINITY, f64::INFINITY);
            for (j, o) in blocks.iter().enumerate() {
                if j != i && b.overlaps_y(o) {
                    if o.x0 > b.x1 {
                        stop_right = stop_right.min(o.x0);
                    }
                    if o.x1 < b.x0 {
                        stop_left = stop_left.max(o.x1);
                    }
                }
            }
            let (mut x0, mut x1) = (b.x0, b.x1);
            for (j, o) in blocks.iter().enumerate() {
                if j != i && o.y0 >= b.y1 {
                    if o.x1 > x1 && o.x1 <= stop_right {
                        x1 = o.x1;
                    }
                    if o.x0 < x0 && o.x0 >= stop_left {
                        x0 = o.x0;
                    }
                }
            }
            (x0, x1)
        })
        .collect();
    for (b, (x0, x1)) in blocks.iter_mut().zip(plain) {
        (b.ex0, b.ex1, b.ey0, b.ey1) = match b.table {
            Some(t) => extent[t],
            None => (x0, x1, b.y0, b.y1),
        };
    }
}

/// Whether `b` is read before `a`.
fn before(blocks: &[Block], b: usize, a: usize) -> bool {
    let (bb, ab) = (&blocks[b], &blocks[a]);
    if let (Some(t), Some(u)) = (ab.table, bb.table)
        && t == u
    {
        // Cells of one table: row by row, left to right.
        return (bb.x1 <= ab.x0 && bb.y0 <= ab.y1 && bb.y1 >= ab.y0) || bb.y1 <= ab.y0;
    }
    if bb.above(ab) {
        return true;
    }
    // Left of it, unless a block below `a` and above `b` spans both.
    bb.left_of(ab)
        && !blocks
            .iter()
            .enumerate()
            .any(|(k, c)| k != a && k != b && ab.above(c) && c.above(bb))
}

/// A topological sort of the blocks by [`before`], depth first, each block
/// after every unvisited block read before it; an explicit stack, not
/// recursion.
fn sort_blocks(blocks: &[Block]) -> Vec<usize> {
    let n = blocks.len();
    let mut visited = vec![false; n];
    let mut order = Vec::with_capacity(n);
    // (block, next candidate to look at).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        stack.push((start, 0));
        while let Some(top) = stack.last_mut() {
            let (a, next) = *top;
            let found = (next..n).find(|&b| !visited[b] && before(blocks, b, a));
            match found {
                Some(b) => {
                    top.1 = b + 1;
                    visited[b] = true;
                    stack.push((b, 0));
                }
                None => {
                    stack.pop();
                    order.push(a);
                }
            }
        }
    }
    order
}

#[cfg(test)]
#[path = "pdf_layout_tests.rs"]
mod tests;
