//! The page's characters written as plain text: pdf-extract's own text
//! output, line for line (the same gaps make a space, a line break, a
//! blank line), with one thing added. A line set in another size than the
//! line before it (a heading over its paragraph, a caption, a footnote)
//! is set apart by a blank line: the text carries no font, and without it
//! a heading a full line long ran into the paragraph below it ("… National
//! Cybersecurity Strategy In April 2023, we reported"). A line's size is
//! its largest character's, so a superscript mark changes nothing.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Sizes that differ by less than this share are one size (a heading set
/// a point larger than 12-point text differs by 8%).
const SAME_SIZE: f64 = 0.06;

/// Plain text of a page, into a string.
pub struct PlainText<'a> {
    out: &'a mut String,
    last_end: f64,
    last_y: f64,
    first_char: bool,
    /// The page's height (pdf-extract's text output flips y with it).
    height: f64,
    /// Where the current line starts in `out`, and its largest size.
    line_start: usize,
    line_size: f64,
    /// The largest size of the line before, and where that line starts.
    previous_size: Option<f64>,
    previous_start: usize,
    /// The next character starts a block of the page's layout.
    block_starts: bool,
}

impl<'a> PlainText<'a> {
    pub fn new(out: &'a mut String) -> Self {
        Self {
            out,
            last_end: 100_000.0,
            last_y: 0.0,
            first_char: false,
            height: 0.0,
            line_start: 0,
            line_size: 0.0,
            previous_size: None,
            previous_start: 0,
            block_starts: false,
        }
    }

    /// A line break was just written: the line before it is done. When
    /// its size differs from the one before it, no blank line stands
    /// between them, and the two read as separate blocks — the line opens
    /// with a capital, a digit or a sign (never a sentence going on in
    /// lower case), and the line before ends a sentence or is the larger
    /// (a heading over its paragraph) — a blank line is put at its start.
    fn line_ended(&mut self, break_at: usize) {
        if self.line_size > 0.0 {
            if let Some(before) = self.previous_size {
                let larger = before.max(self.line_size);
                let differs = (before - self.line_size).abs() > larger * SAME_SIZE;
                let blank_before =
                    self.out[..self.line_start].ends_with("\n\n") || self.line_start == 0;
                let opens = self.out[self.line_start..break_at]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase());
                let previous = self.out[self.previous_start..self.line_start].trim_end();
                let closed = previous.trim_end_matches(['"', '”', '’', ')']);
                // Not after an initial ("… M. J. Carey, I.").
                let initial = closed.strip_suffix('.').is_some_and(|w| {
                    let mut last = w.chars().rev();
                    last.next().is_some_and(char::is_uppercase)
                        && last.next().is_none_or(|c| !c.is_alphabetic())
                });
                let ends_sentence = closed.ends_with(['.', '!', '?', ':']) && !initial;
                let heading_above = before > self.line_size && heading(previous);
                if differs
                    && !blank_before
                    && opens
                    && (ends_sentence || heading_above)
                    && self.line_start < break_at
                {
                    self.out.insert(self.line_start, '\n');
                }
            }
            self.previous_size = Some(self.line_size);
            self.previous_start = self.line_start;
        }
        self.line_start = self.out.len();
        self.line_size = 0.0;
    }
}

/// A line that reads like a heading: mostly letters, at least half its
/// words capitalised, and no full stop after a word inside it (a
/// reference's "Dolobowsky. XML support in" is not one; "3.3 Blackboard
/// Architecture" is).
fn heading(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    let chars: Vec<char> = line.chars().collect();
    let full_stop_inside = chars
        .windows(3)
        .any(|w| w[0].is_alphabetic() && w[1] == '.' && w[2] == ' ');
    !words.is_empty() && letters * 2 > visible && capitals * 2 >= words.len() && !full_stop_inside
}

impl OutputDev for PlainText<'_> {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let end = self.out.len();
        self.line_ended(end);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // As pdf-extract's PlainTextOutput: the place with y flipped, and
        // the font size scaled by the text matrix.
        let (x, y) = (trm.m31, self.height - trm.m32);
        let (vx, vy) = (
            font_size * trm.m11 + font_size * trm.m21,
            font_size * trm.m12 + font_size * trm.m22,
        );
        let size = (vx * vy).sqrt();
        if char == super::pdf_order::LINE_BREAK {
            // A block of the page's layout starts with the next character:
            // on a line of its own, if the pen's move does not break the
            // line already.
            self.block_starts = true;
            return Ok(());
        }
        if self.first_char {
            let mut broke = false;
            if (y - self.last_y).abs() > size * 1.5 {
                self.out.push('\n');
                broke = true;
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                self.out.push('\n');
                broke = true;
            }
            // A new block the pen's move did not break for (the top of the
            // next column a line higher): it starts a line, without a space.
            let block_break = !broke
                && std::mem::take(&mut self.block_starts)
                && !self.out.is_empty()
                && !self.out.ends_with('\n');
            if block_break {
                self.out.push('\n');
                broke = true;
            }
            if broke {
                // The line ended before the breaks just written.
                let at = self.out.trim_end_matches('\n').len();
                self.line_ended(at);
            }
            if x > self.last_end + size * 0.1 && !block_break {
                self.out.push(' ');
            }
        }
        self.out.push_str(char);
        if !char.trim().is_empty() && size.is_finite() {
            self.line_size = self.line_size.max(size);
        }
        self.first_char = false;
        self.block_starts = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
