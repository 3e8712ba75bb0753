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
}
