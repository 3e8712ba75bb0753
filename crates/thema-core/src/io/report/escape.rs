//! Escaping text for HTML and XML, shared by the report writers.

/// HTML-escaped text, in one pass (a report of 20,000 codes escapes
/// every path several times; four `replace` calls each allocated anew).
pub fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut last = 0;
    // The four characters are ASCII, so byte positions are char boundaries.
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    std::borrow::Cow::Owned(out)
}
