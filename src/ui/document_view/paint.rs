//! Painting codings behind one laid-out paragraph.
//!
//! Overlapping codings are merged into segments first (a sweep over their
//! boundaries), so a paragraph costs one rectangle per segment and row
//! however many codings overlap; darker tint means more codings. Margin bars
//! show each coding in its lane, up to `MAX_LANES`.

use super::marks::Mark;
use super::range_rects;
use egui::{Color32, Galley, Painter, Pos2, Stroke, pos2};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Lanes drawn in the margin; deeper overlaps share the outermost lane.
pub const MAX_LANES: usize = 6;
/// Search hits: a soft amber behind the words, the current one outlined.
pub const HIT_FILL: egui::Color32 = egui::Color32::from_rgba_premultiplied(120, 92, 0, 90);
pub const HIT_STROKE: egui::Color32 = egui::Color32::from_rgb(214, 140, 0);

pub const LANE_WIDTH: f32 = 5.0;

/// Where to paint one paragraph.
pub struct ParaGeometry<'a> {
    pub galley: &'a Galley,
    /// Screen position of the galley's top-left corner.
    pub origin: Pos2,
    /// Char range of the paragraph in the document (without its newline).
    pub start: usize,
    pub end: usize,
    /// x of the innermost margin lane.
    pub lane_x: f32,
}

/// Paints tints, category underlines, margin bars and the outline of the
/// highlighted coding for the marks that touch this paragraph.
pub fn paint_marks<'m>(
    painter: &Painter,
    geo: &ParaGeometry<'_>,
    marks: impl Iterator<Item = &'m Mark>,
    highlighted: Option<crate::model::CodingId>,
) {
    let (ps, pe) = (geo.start, geo.end);
    let local = |m: &Mark| (m.start.max(ps) - ps, m.end.min(pe + 1).saturating_sub(ps));
    let marks: Vec<&Mark> = marks.collect();
    if marks.is_empty() {
        return;
    }

    // Sweep over boundaries: a min-heap (by length) of the marks covering
    // the current segment gives its colour; lazy deletion drops ended ones.
    let mut spans: Vec<(usize, usize, usize)> = marks
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.outline)
        .map(|(i, m)| {
            let (a, b) = local(m);
            (a, b, i)
        })
        .filter(|(a, b, _)| a < b)
        .collect();
    spans.sort_unstable();
    let mut bounds: Vec<usize> = spans.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut heap: BinaryHeap<Reverse<(usize, usize, usize)>> = BinaryHeap::new(); // (len, end, index)
    let mut ends: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut next = 0usize;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < spans.len() && spans[next].0 <= a {
            let (sa, sb, i) = spans[next];
            let m = marks[i];
            heap.push(Reverse((m.end - m.start, sb, i)));
            ends.push(Reverse(sb));
            let _ = sa;
            next += 1;
        }
        while ends.peek().is_some_and(|Reverse(e)| *e <= a) {
            ends.pop();
        }
        while heap.peek().is_some_and(|Reverse((_, e, _))| *e <= a) {
            heap.pop();
        }
        let Some(Reverse((_, _, ti))) = heap.peek() else {
            continue;
        };
        let top = marks[*ti];
        let n = ends.len();
        let alpha = (0.20 + 0.10 * (n.min(4) as f32 - 1.0)).min(0.5);
        for r in range_rects(geo.galley, a, b) {
            let r = r.translate(geo.origin.to_vec2());
            painter.rect_filled(r, 1.0, top.color.gamma_multiply(alpha));
            if let Some(cc) = top.category_color {
                painter.line_segment([r.left_bottom(), r.right_bottom()], Stroke::new(1.5, cc));
            }
        }
    }

    // Margin bars, one lane per overlapping coding.
    let mut overflow: Option<(f32, f32)> = None;
    for m in &marks {
        let (a, b) = local(m);
        if a >= b {
            continue;
        }
        let is_hl = highlighted == Some(m.id);
        let rects = if is_hl || m.outline {
            range_rects(geo.galley, a, b)
        } else {
            Vec::new()
        };
        if m.outline {
            // The other reviewer's coding: an outline, no tint.
            for r in &rects {
                let r = r.translate(geo.origin.to_vec2()).shrink(0.5);
                painter.rect_stroke(r, 1.0, Stroke::new(1.5, m.color), egui::StrokeKind::Inside);
            }
        }
        let first = geo.galley.pos_from_cursor(egui::text::CCursor::new(a));
        let last = geo.galley.pos_from_cursor(egui::text::CCursor::new(b - 1));
        let (top, bottom) = (first.top(), last.bottom());
        let (y0, y1) = (geo.origin.y + top, geo.origin.y + bottom);
        if is_hl {
            for r in &rects {
                painter.rect_stroke(
                    r.translate(geo.origin.to_vec2()),
                    2.0,
                    Stroke::new(1.5, m.color),
                    egui::StrokeKind::Outside,
                );
            }
        }
        if m.lane >= MAX_LANES - 1 && highlighted != Some(m.id) {
            overflow = Some(overflow.map_or((y0, y1), |(a, b)| (a.min(y0), b.max(y1))));
            continue;
        }
        let lane = m.lane.min(MAX_LANES - 1);
        let x = geo.lane_x - lane as f32 * LANE_WIDTH;
        let w = if highlighted == Some(m.id) { 4.0 } else { 3.0 };
        painter.line_segment([pos2(x, y0), pos2(x, y1)], Stroke::new(w, m.color));
    }
    if let Some((y0, y1)) = overflow {
        // Deeper overlaps: one grey bar in the outermost lane.
        let x = geo.lane_x - (MAX_LANES - 1) as f32 * LANE_WIDTH;
        painter.line_segment(
            [pos2(x, y0), pos2(x, y1)],
            Stroke::new(3.0, Color32::from_gray(140)),
        );
    }
}

/// Width kept right of the text for page numbers ("p. 12").
pub const PAGE_MARGIN: f32 = 36.0;

/// Where a PDF page starts inside paragraph `[ps, pe]` (from page 2: page
/// 1 is where the document starts): "p. N" in the margin right of the
/// text, level with the line where the page starts. At a paragraph's start
/// a faint rule runs across the text above it; inside a paragraph (a
/// sentence that runs on over the page break) a small corner marks the
/// page's first word. A page flagged as garbled says so above its
/// rule, or with "⚠" beside its number inside a paragraph.
pub fn paint_page_markers(
    painter: &egui::Painter,
    g: &Galley,
    origin: Pos2,
    (ps, pe): (usize, usize),
    d: &crate::model::Document,
    width: f32,
) {
    if d.page_starts.is_empty() {
        return;
    }
    let starts = d.page_starts.iter().enumerate().map(|(k, &s)| (s, k + 2));
    let grey = egui::Color32::from_gray(150);
    let orange = egui::Color32::from_rgb(0xB0, 0x5A, 0x00);
    let font = egui::FontId::proportional(11.0);
    for (start, page) in starts.filter(|(s, _)| *s >= ps && *s <= pe) {
        let garbled = d.garbled_pages.contains(&page);
        let color = if garbled { orange } else { grey };
        // At a wrapped line's border, the page starts on the next row.
        let r = g.pos_from_cursor(egui::text::CCursor {
            prefer_next_row: true,
            ..egui::text::CCursor::new(start - ps)
        });
        let number = if garbled && start > ps {
            format!("p. {page} \u{26A0}")
        } else {
            format!("p. {page}")
        };
        painter.text(
            pos2(origin.x + width + 6.0, origin.y + r.top()),
            egui::Align2::LEFT_TOP,
            number,
            font.clone(),
            color,
        );
        if start == ps {
            let y = origin.y + r.top() - 3.0;
            painter.hline(
                origin.x..=origin.x + width,
                y,
                egui::Stroke::new(0.5, color.gamma_multiply(0.6)),
            );
            if garbled {
                painter.text(
                    pos2(origin.x + width, y - 1.0),
                    egui::Align2::RIGHT_BOTTOM,
                    "text may be garbled, check against the PDF",
                    font.clone(),
                    color,
                );
            }
        } else {
            // "⌜" at the page's first word: a corner, not a caret.
            let (x, top) = (origin.x + r.left() - 1.5, origin.y + r.top() + 1.0);
            let stroke = egui::Stroke::new(1.0, color);
            painter.line_segment([pos2(x, top), pos2(x, top + r.height() * 0.45)], stroke);
            painter.line_segment([pos2(x, top), pos2(x + 5.0, top)], stroke);
        }
    }
}
