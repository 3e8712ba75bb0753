//! The codings of the open document prepared for painting: sorted, given
//! margin lanes so overlapping codings stay visible, and bucketed by
//! paragraph so each frame touches only what is on screen.

use super::layout::Paragraphs;
use crate::model::{CodingId, DocId, Project};
use egui::Color32;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One coding as the view paints it.
#[derive(Clone, Debug)]
pub struct Mark {
    pub id: CodingId,
    pub start: usize,
    pub end: usize,
    pub color: Color32,
    pub category_color: Option<Color32>,
    /// Margin lane (0 = nearest the text).
    pub lane: usize,
    /// Drawn as an outline (the other reviewer when two are overlaid).
    pub outline: bool,
}

use crate::session::MarkStyle;

/// Decides whether and how each coding is shown.
pub type StyleFn<'a> = &'a dyn Fn(&crate::model::Coding) -> Option<MarkStyle>;

/// Marks of one document, indexed by paragraph.
#[derive(Default)]
pub struct MarkIndex {
    pub key: Option<(DocId, u64, u64)>,
    pub marks: Vec<Mark>,
    /// For each paragraph, indices into `marks` that touch it.
    pub per_para: Vec<Vec<u32>>,
    pub lanes: usize,
}

/// Parses `#RRGGBB` into a colour (grey when malformed).
pub fn color_of(hex: &str) -> Color32 {
    crate::model::codebook::parse_hex_color(hex)
        .map(|[r, g, b]| Color32::from_rgb(r, g, b))
        .unwrap_or(Color32::GRAY)
}

impl MarkIndex {
    /// Rebuilds when the document, project revision or filter changed.
    /// `visible` decides which codings are shown (reviewer view).
    pub fn update(
        &mut self,
        p: &Project,
        doc: DocId,
        paras: &Paragraphs,
        filter_key: u64,
        style: StyleFn<'_>,
    ) {
        let key = Some((doc, p.revision, filter_key));
        if self.key == key {
            return;
        }
        let previous = self.key;
        self.key = key;
        // One command that only appended codings: add their marks in place.
        if let (Some((pd, prev_rev, pf)), Some(from)) =
            (previous, p.last_change.appended_codings_from)
            && pd == doc
            && pf == filter_key
            && prev_rev + 1 == p.revision
            && !self.per_para.is_empty()
        {
            for c in p.codings[from.min(p.codings.len())..]
                .iter()
                .filter(|c| c.doc == doc && c.end > c.start)
            {
                if let Some(st) = style(c) {
                    self.append(p, c, paras, st == MarkStyle::Outline);
                }
            }
            return;
        }
        let code_colors: std::collections::HashMap<_, _> = p
            .codebook
            .codes
            .iter()
            .map(|c| (c.id, color_of(&c.color)))
            .collect();
        let cat_colors: std::collections::HashMap<_, _> = p
            .categories
            .iter()
            .map(|c| (c.id, color_of(&c.color)))
            .collect();
        let mut marks: Vec<Mark> = p
            .codings
            .iter()
            .filter(|c| c.doc == doc && c.end > c.start)
            .filter_map(|c| style(c).map(|st| (c, st)))
            .map(|(c, st)| Mark {
                outline: st == MarkStyle::Outline,
                id: c.id,
                start: c.start.min(paras.total_chars),
                end: c.end.min(paras.total_chars),
                color: code_colors.get(&c.code).copied().unwrap_or(Color32::GRAY),
                category_color: c.category.and_then(|k| cat_colors.get(&k).copied()),
                lane: 0,
            })
            .collect();
        marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // Greedy lane assignment: the lowest lane whose last mark has ended.
        let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
        let mut active: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new(); // (end, lane)
        let mut lanes = 0usize;
        for m in &mut marks {
            while let Some(&Reverse((end, l))) = active.peek()
                && end <= m.start
            {
                active.pop();
                free.push(Reverse(l));
            }
            let lane = match free.pop() {
                Some(Reverse(l)) => l,
                None => {
                    lanes += 1;
                    lanes - 1
                }
            };
            m.lane = lane;
            active.push(Reverse((m.end, lane)));
        }
        self.lanes = lanes;
        self.per_para = vec![Vec::new(); paras.len()];
        for (i, m) in marks.iter().enumerate() {
            for para in paras.range_of(m.start, m.end) {
                self.per_para[para].push(i as u32);
            }
        }
        self.marks = marks;
    }

    /// Adds one coding's mark without rebuilding: it takes the lowest lane
    /// not used by a mark it overlaps.
    fn append(&mut self, p: &Project, c: &crate::model::Coding, paras: &Paragraphs, outline: bool) {
        let (start, end) = (c.start.min(paras.total_chars), c.end.min(paras.total_chars));
        let range = paras.range_of(start, end);
        let mut used: Vec<usize> = range
            .clone()
            .flat_map(|para| self.per_para[para].iter())
            .map(|&i| &self.marks[i as usize])
            .filter(|m| m.start < end && start < m.end)
            .map(|m| m.lane)
            .collect();
        used.sort_unstable();
        used.dedup();
        let lane = used
            .iter()
            .enumerate()
            .find(|(i, l)| *i != **l)
            .map(|(i, _)| i)
            .unwrap_or(used.len());
        let color = p
            .codebook
            .get(c.code)
            .map(|k| color_of(&k.color))
            .unwrap_or(Color32::GRAY);
        let category_color = c
            .category
            .and_then(|k| p.category(k))
            .map(|k| color_of(&k.color));
        let index = self.marks.len() as u32;
        self.marks.push(Mark {
            id: c.id,
            start,
            end,
            color,
            category_color,
            lane,
            outline,
        });
        self.lanes = self.lanes.max(lane + 1);
        for para in range {
            self.per_para[para].push(index);
        }
    }

    /// Marks touching paragraph `para`.
    pub fn in_para(&self, para: usize) -> impl Iterator<Item = &Mark> {
        self.per_para
            .get(para)
            .into_iter()
            .flatten()
            .map(|&i| &self.marks[i as usize])
    }

    /// Marks covering char `pos`, shortest first (the most specific on top).
    pub fn at(&self, para: usize, pos: usize) -> Vec<&Mark> {
        let mut v: Vec<&Mark> = self
            .in_para(para)
            .filter(|m| m.start <= pos && pos < m.end)
            .collect();
        v.sort_by_key(|m| m.end - m.start);
        v
    }
}
