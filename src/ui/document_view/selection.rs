//! Selection logic of the document view as plain functions, so tests can
//! check it without a window.

/// A selection in global char offsets: `anchor` stays where the drag began,
/// `head` follows the pointer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn caret(pos: usize) -> Self {
        Self {
            anchor: pos,
            head: pos,
        }
    }

    /// `[start, end)` with start ≤ end.
    pub fn range(&self) -> (usize, usize) {
        (self.anchor.min(self.head), self.anchor.max(self.head))
    }

    pub fn is_empty(&self) -> bool {
        self.anchor == self.head
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The word around char `pos` as `[start, end)`; empty if `pos` is not in a word.
pub fn word_at(chars: &[char], pos: usize) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let at_word = |i: usize| chars.get(i).is_some_and(|c| is_word(*c));
    let pos = if !at_word(pos) && pos > 0 && at_word(pos - 1) {
        pos - 1
    } else {
        pos
    };
    if !at_word(pos) {
        return (pos, pos);
    }
    let mut s = pos;
    while s > 0 && at_word(s - 1) {
        s -= 1;
    }
    let mut e = pos;
    while at_word(e) {
        e += 1;
    }
    (s, e)
}

/// Trims whitespace from both ends of a selected range of `chars`.
pub fn trim_range(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let (mut s, mut e) = (start.min(chars.len()), end.min(chars.len()));
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// A word's range when `pos` lies strictly inside it (not at its edges).
fn inside_word(chars: &[char], pos: usize) -> Option<(usize, usize)> {
    let (s, e) = word_at(chars, pos);
    (s < pos && pos < e).then_some((s, e))
}

/// A dragged range widened so that neither end cuts a word in half: the
/// end the drag started from goes back to its word's start (or on to its
/// end when dragging backwards), the moving end on to its word's end (or
/// back to its start). Ends between words stay where they are.
pub fn snap_to_words(chars: &[char], anchor: usize, head: usize) -> Selection {
    let forward = head >= anchor;
    let snap = |pos: usize, to_start: bool| match inside_word(chars, pos) {
        Some((s, e)) => {
            if to_start {
                s
            } else {
                e
            }
        }
        None => pos,
    };
    Selection {
        anchor: snap(anchor, forward),
        head: snap(head, !forward),
    }
}

/// How a key moves the caret (or the moving end of a selection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    CharLeft,
    CharRight,
    WordLeft,
    WordRight,
    /// To the end of this paragraph, or of the next one when already there.
    ParagraphDown,
    /// To the start of this paragraph, or of the previous one.
    ParagraphUp,
}

/// Where `pos` moves by `step` in `chars`.
pub fn step(chars: &[char], pos: usize, step: Step) -> usize {
    let n = chars.len();
    let pos = pos.min(n);
    let is_w = |i: usize| chars.get(i).is_some_and(|c| is_word(*c));
    match step {
        Step::CharLeft => pos.saturating_sub(1),
        Step::CharRight => (pos + 1).min(n),
        Step::WordRight => {
            // Past any gap, then to the end of the word.
            let mut i = pos;
            while i < n && !is_w(i) {
                i += 1;
            }
            while i < n && is_w(i) {
                i += 1;
            }
            i
        }
        Step::WordLeft => {
            let mut i = pos;
            while i > 0 && !is_w(i - 1) {
                i -= 1;
            }
            while i > 0 && is_w(i - 1) {
                i -= 1;
            }
            i
        }
        Step::ParagraphDown => {
            let mut i = pos;
            if chars.get(i) == Some(&'\n') {
                i += 1;
            }
            while i < n && chars[i] != '\n' {
                i += 1;
            }
            i
        }
        Step::ParagraphUp => {
            let mut i = pos;
            if i > 0 && chars[i - 1] == '\n' {
                i -= 1;
            }
            while i > 0 && chars[i - 1] != '\n' {
                i -= 1;
            }
            i
        }
    }
}

/// The start of the next paragraph with text after `pos` (the text's end
/// when there is none).
pub fn next_paragraph(chars: &[char], pos: usize) -> usize {
    let n = chars.len();
    let mut i = pos.min(n);
    while i < n && chars[i] != '\n' {
        i += 1;
    }
    while i < n && chars[i] == '\n' {
        i += 1;
    }
    i
}

/// The start of the paragraph holding `pos`, or of the previous paragraph
/// with text when `pos` is already at a start.
pub fn previous_paragraph(chars: &[char], pos: usize) -> usize {
    let mut i = pos.min(chars.len());
    while i > 0 && chars[i - 1] == '\n' {
        i -= 1;
    }
    if i == pos.min(chars.len()) && i > 0 && chars.get(i) != Some(&'\n') {
        // Inside or at the end of a paragraph: its start.
        while i > 0 && chars[i - 1] != '\n' {
            i -= 1;
        }
        if i < pos {
            return i;
        }
        while i > 0 && chars[i - 1] == '\n' {
            i -= 1;
        }
    }
    while i > 0 && chars[i - 1] != '\n' {
        i -= 1;
    }
    i
}

/// The range `clicks` quick clicks at `pos` select: 2 a word, 3 the
/// sentence, 4 or more the paragraph (`None` for a single click).
pub fn multi_click(chars: &[char], pos: usize, clicks: u32) -> Option<(usize, usize)> {
    match clicks {
        0 | 1 => None,
        2 => Some(word_at(chars, pos)),
        3 => Some(crate::model::units::sentence_at(chars, pos)),
        _ => Some(crate::model::units::paragraph_at(chars, pos)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_trim() {
        let t: Vec<char> = "A shared vision, clearly.".chars().collect();
        assert_eq!(word_at(&t, 4), (2, 8));
        assert_eq!(word_at(&t, 8), (2, 8));
        assert_eq!(word_at(&t, 15), (9, 15));
        assert_eq!(trim_range(&t, 1, 9), (2, 8));
        assert_eq!(Selection { anchor: 9, head: 2 }.range(), (2, 9));
    }

    #[test]
    fn drags_snap_to_whole_words_and_keys_step_by_char_word_and_paragraph() {
        let t: Vec<char> = "Staff trusted the lead. Meetings held.\nFunding ran out."
            .chars()
            .collect();
        // From inside "trusted" to inside "lead": both words whole.
        assert_eq!(snap_to_words(&t, 8, 20).range(), (6, 22));
        // Backwards: the same words.
        assert_eq!(snap_to_words(&t, 20, 8).range(), (6, 22));
        // Ends on word edges or spaces stay.
        assert_eq!(snap_to_words(&t, 6, 13).range(), (6, 13));
        assert_eq!(step(&t, 0, Step::WordRight), 5);
        assert_eq!(step(&t, 5, Step::WordRight), 13);
        assert_eq!(step(&t, 13, Step::WordLeft), 6);
        assert_eq!(step(&t, 3, Step::CharRight), 4);
        assert_eq!(step(&t, 3, Step::ParagraphDown), 38);
        assert_eq!(step(&t, 38, Step::ParagraphDown), 55);
        assert_eq!(step(&t, 45, Step::ParagraphUp), 39);
        assert_eq!(step(&t, 39, Step::ParagraphUp), 0);
        let p: Vec<char> = "One.\n\nTwo two.\nThree.".chars().collect();
        assert_eq!(next_paragraph(&p, 0), 6);
        assert_eq!(next_paragraph(&p, 6), 15);
        assert_eq!(next_paragraph(&p, 15), 21);
        assert_eq!(previous_paragraph(&p, 15), 6);
        assert_eq!(previous_paragraph(&p, 9), 6);
        assert_eq!(previous_paragraph(&p, 6), 0);
        assert_eq!(previous_paragraph(&p, 0), 0);
        assert_eq!(multi_click(&t, 8, 2), Some((6, 13)));
        assert_eq!(multi_click(&t, 8, 3), Some((0, 23)));
        assert_eq!(multi_click(&t, 8, 4), Some((0, 38)));
        assert_eq!(multi_click(&t, 8, 1), None);
    }
}
