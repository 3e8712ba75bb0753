//! A small XML layer on quick-xml: writing elements with escaped attributes
//! and text, and reading a whole document into a tree of elements with
//! local names (namespace prefixes dropped), for the lenient importer.
//!
//! Reading trusts nothing about the file: it is a loop over events with an
//! explicit stack (no recursion), refuses nesting deeper than `MAX_DEPTH`
//! and more than `MAX_ELEMENTS` elements with a sentence naming the limit,
//! and the tree it builds is dropped iteratively, so no input can overflow
//! the stack or grow the tree without bound.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

/// Builds an XML document.
pub struct Out {
    w: Writer<Vec<u8>>,
}

impl Out {
    pub fn new() -> Self {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        Self { w }
    }

    /// `<name attrs…>` (attributes with empty values are left out).
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs.iter().filter(|(_, v)| !v.is_empty()) {
            e.push_attribute((*k, *v));
        }
        let _ = self.w.write_event(Event::Start(e));
    }

    /// `<name attrs…/>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs.iter().filter(|(_, v)| !v.is_empty()) {
            e.push_attribute((*k, *v));
        }
        let _ = self.w.write_event(Event::Empty(e));
    }

    pub fn close(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    /// `<name>text</name>`
    pub fn text_element(&mut self, name: &str, text: &str) {
        let _ = self.w.write_event(Event::Start(BytesStart::new(name)));
        let _ = self.w.write_event(Event::Text(BytesText::new(text)));
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    pub fn finish(self) -> Vec<u8> {
        let mut v = self.w.into_inner();
        v.push(b'\n');
        v
    }
}

/// Deepest nesting of elements accepted. REFI-QDA projects nest codes a
/// handful of levels deep; 256 leaves room for any real codebook.
pub const MAX_DEPTH: usize = 256;
/// Most elements accepted in one document. A 500-document project with
/// 100,000 codings holds well under a million.
pub const MAX_ELEMENTS: usize = 3_000_000;

/// An element of a parsed document.
#[derive(Clone, Debug, Default)]
pub struct El {
    /// Local name (no namespace prefix).
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<El>,
    pub text: String,
}

/// Drops the subtree with a work list instead of recursion, so a tree of
/// any depth is freed without touching the stack.
impl Drop for El {
    fn drop(&mut self) {
        if self.children.is_empty() {
            return;
        }
        let mut pending = std::mem::take(&mut self.children);
        while let Some(mut el) = pending.pop() {
            pending.append(&mut el.children);
        }
    }
}

impl El {
    fn named(name: String) -> Self {
        Self {
            name,
            attrs: Vec::new(),
            children: Vec::new(),
            text: String::new(),
        }
    }

    /// Attribute by local name, case-insensitive.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children
            .iter()
            .filter(move |c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn child(&self, name: &str) -> Option<&El> {
        self.children
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// Text of a child element, if present.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name).map(|c| c.text.clone())
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_owned(),
        None => name.to_owned(),
    }
}

/// The element being read (the document node at the bottom never leaves
/// the stack; an error rather than a panic if it somehow did).
fn top(stack: &mut [El], pos: u64) -> Result<&mut El, String> {
    stack
        .last_mut()
        .ok_or_else(|| format!("the XML is malformed near byte {pos}"))
}

fn element(e: &BytesStart<'_>) -> Result<El, String> {
    let mut el = El::named(local(e.name().as_ref()));
    for a in e.attributes() {
        let a = a.map_err(|x| format!("a malformed attribute ({x})"))?;
        let key = local(a.key.as_ref());
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|x| format!("a malformed attribute value ({x})"))?
            .into_owned();
        el.attrs.push((key, value));
    }
    Ok(el)
}

fn too_deep(pos: u64) -> String {
    format!(
        "the XML nests elements more than {MAX_DEPTH} levels deep (near byte {pos}); \
         Thema reads at most {MAX_DEPTH} levels, so the file was refused"
    )
}

/// Parses a whole document; the error says where it broke.
pub fn parse(text: &str) -> Result<El, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<El> = vec![El::named("#document".into())];
    let mut count = 0usize;
    let mut counted = |pos: u64| {
        count += 1;
        if count > MAX_ELEMENTS {
            Err(format!(
                "the XML holds more than {MAX_ELEMENTS} elements (near byte {pos}); \
                 Thema reads at most {MAX_ELEMENTS}, so the file was refused"
            ))
        } else {
            Ok(())
        }
    };
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Err(e) => return Err(format!("the XML is malformed near byte {pos} ({e})")),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                counted(pos)?;
                // The document node is on the stack too: depth = len - 1.
                if stack.len() > MAX_DEPTH {
                    return Err(too_deep(pos));
                }
                stack.push(element(&e)?);
            }
            Ok(Event::Empty(e)) => {
                counted(pos)?;
                if stack.len() > MAX_DEPTH {
                    return Err(too_deep(pos));
                }
                let el = element(&e)?;
                top(&mut stack, pos)?.children.push(el);
            }
            Ok(Event::End(_)) => {
                if stack.len() < 2 {
                    return Err(format!(
                        "the XML is malformed near byte {pos} (an end tag without a start)"
                    ));
                }
                let Some(el) = stack.pop() else {
                    return Err(format!("the XML is malformed near byte {pos}"));
                };
                top(&mut stack, pos)?.children.push(el);
            }
            Ok(Event::Text(t)) => {
                let s = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                top(&mut stack, pos)?.text.push_str(&s);
            }
            Ok(Event::CData(t)) => {
                top(&mut stack, pos)?
                    .text
                    .push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
            }
            Ok(Event::GeneralRef(r)) => {
                let name: String = r.to_string();
                let ch = match name.as_str() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                    n if n.starts_with('#') => n[1..]
                        .parse::<u32>()
                        .ok()
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                top(&mut stack, pos)?.text.push_str(&ch);
            }
            Ok(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err("the XML ends before all its elements are closed".into());
    }
    let Some(mut document) = stack.pop() else {
        return Err("the XML has no root element".to_owned());
    };
    let mut top = std::mem::take(&mut document.children);
    if top.is_empty() {
        return Err("the XML has no root element".to_owned());
    }
    Ok(top.swap_remove(0))
}
