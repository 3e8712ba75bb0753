//! Paragraph geometry of the document view: the text split into lines once,
//! running heights per line (estimated, then exact once laid out), and an
//! LRU cache of laid-out galleys. Only what is visible is ever laid out.

use egui::Galley;
use std::collections::HashMap;
use std::sync::Arc;

/// A document's text split into paragraphs (lines), width-independent.
pub struct Paragraphs {
    /// Char range `[start, end)` of each paragraph, excluding its `\n`.
    pub chars: Vec<(usize, usize)>,
    /// Byte range of each paragraph in the text.
    pub bytes: Vec<(usize, usize)>,
    /// Total chars in the text.
    pub total_chars: usize,
}

impl Paragraphs {
    pub fn split(text: &str) -> Self {
        let mut chars = Vec::new();
        let mut bytes = Vec::new();
        let (mut c0, mut b0, mut c) = (0usize, 0usize, 0usize);
        for (b, ch) in text.char_indices() {
            if ch == '\n' {
                chars.push((c0, c));
                bytes.push((b0, b));
                c0 = c + 1;
                b0 = b + 1;
            }
            c += 1;
        }
        chars.push((c0, c));
        bytes.push((b0, text.len()));
        Self {
            chars,
            bytes,
            total_chars: c,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The paragraph holding char `pos` (a `\n` belongs to the paragraph it ends).
    pub fn of_char(&self, pos: usize) -> usize {
        self.chars
            .partition_point(|&(s, _)| s <= pos)
            .saturating_sub(1)
    }

    /// Paragraphs that share at least one char with `[start, end)`.
    pub fn range_of(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.of_char(start);
        let last = self.of_char(end.saturating_sub(1).max(start));
        first..last + 1
    }
}

/// Heights of all paragraphs at one wrap width, with running offsets.
pub struct Heights {
    pub width: f32,
    pub font_size: f32,
    heights: Vec<f32>,
    exact: Vec<bool>,
    prefix: Vec<f32>,
    dirty: bool,
}

impl Heights {
    /// Estimates every paragraph's height from its length.
    pub fn estimate(
        paras: &Paragraphs,
        width: f32,
        font_size: f32,
        row_height: f32,
        avg_char_width: f32,
    ) -> Self {
        let per_row = (width / avg_char_width.max(1.0)).max(1.0);
        let heights: Vec<f32> = paras
            .chars
            .iter()
            .map(|&(s, e)| {
                let rows = (((e - s) as f32) / per_row).ceil().max(1.0);
                rows * row_height
            })
            .collect();
        let mut h = Self {
            width,
            font_size,
            exact: vec![false; heights.len()],
            heights,
            prefix: Vec::new(),
            dirty: true,
        };
        h.refresh();
        h
    }

    pub fn is_exact(&self, i: usize) -> bool {
        self.exact[i]
    }

    /// Records a measured height; returns the change.
    pub fn set_exact(&mut self, i: usize, h: f32) -> f32 {
        self.exact[i] = true;
        let delta = h - self.heights[i];
        if delta.abs() > 0.01 {
            self.heights[i] = h;
            self.dirty = true;
        }
        delta
    }

    /// Recomputes running offsets after heights changed.
    pub fn refresh(&mut self) {
        if !self.dirty {
            return;
        }
        self.prefix.clear();
        self.prefix.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.prefix.push(0.0);
        for h in &self.heights {
            y += h;
            self.prefix.push(y);
        }
        self.dirty = false;
    }

    /// Top of paragraph `i` in content coordinates.
    pub fn top(&self, i: usize) -> f32 {
        self.prefix[i.min(self.prefix.len() - 1)]
    }

    pub fn height(&self, i: usize) -> f32 {
        self.heights[i]
    }

    pub fn total(&self) -> f32 {
        *self.prefix.last().unwrap_or(&0.0)
    }

    /// The paragraph at content height `y` (clamped).
    pub fn at_y(&self, y: f32) -> usize {
        let n = self.heights.len();
        if n == 0 {
            return 0;
        }
        self.prefix
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
            .min(n - 1)
    }
}

/// Laid-out paragraphs kept across frames (egui's own cache forgets what
/// was not used in the previous frame).
#[derive(Default)]
pub struct GalleyCache {
    map: HashMap<usize, (Arc<Galley>, u64)>,
    frame: u64,
}

impl GalleyCache {
    pub const CAPACITY: usize = 1500;

    pub fn clear(&mut self) {
        self.map.clear();
    }

    pub fn next_frame(&mut self) {
        self.frame += 1;
        if self.map.len() > Self::CAPACITY {
            // Drop the least recently used half.
            let mut ages: Vec<u64> = self.map.values().map(|(_, f)| *f).collect();
            ages.sort_unstable();
            let cutoff = ages[ages.len() / 2];
            self.map.retain(|_, (_, f)| *f > cutoff);
        }
    }

    pub fn get(&mut self, para: usize) -> Option<Arc<Galley>> {
        let frame = self.frame;
        self.map.get_mut(&para).map(|(g, f)| {
            *f = frame;
            g.clone()
        })
    }

    pub fn contains(&self, para: usize) -> bool {
        self.map.contains_key(&para)
    }

    pub fn insert(&mut self, para: usize, g: Arc<Galley>) {
        self.map.insert(para, (g, self.frame));
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_with_char_and_byte_ranges() {
        let p = Paragraphs::split("ab\n\ncé\nd");
        assert_eq!(p.chars, vec![(0, 2), (3, 3), (4, 6), (7, 8)]);
        assert_eq!(p.bytes, vec![(0, 2), (3, 3), (4, 7), (8, 9)]);
        assert_eq!(p.of_char(5), 2);
        assert_eq!(p.of_char(2), 0);
        assert_eq!(p.range_of(1, 6), 0..3);
    }

    #[test]
    fn heights_find_paragraph_by_y() {
        let p = Paragraphs::split("a\nb\nc");
        let mut h = Heights::estimate(&p, 100.0, 14.0, 20.0, 7.0);
        assert_eq!(h.at_y(25.0), 1);
        h.set_exact(0, 40.0);
        h.refresh();
        assert_eq!(h.at_y(25.0), 0);
        assert_eq!(h.total(), 80.0);
    }
}

/// A paragraph as drawn: Unicode hyphens the text font has no glyph for
/// (U+2010, U+2011, as in "TF‐IDF") drawn as "-". One char for one char,
/// so every offset stays the stored text's (copying and coding are not
/// affected).
pub fn shown(text: &str) -> String {
    if text.contains(['\u{2010}', '\u{2011}']) {
        text.replace(['\u{2010}', '\u{2011}'], "-")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod shown_tests {
    #[test]
    fn unicode_hyphens_are_drawn_as_hyphens_with_the_same_char_count() {
        let t = "TF\u{2010}IDF and non\u{2011}breaking";
        let s = super::shown(t);
        assert_eq!(s, "TF-IDF and non-breaking");
        assert_eq!(s.chars().count(), t.chars().count());
    }
}
