//! A small XML layer on quick-xml: writing elements with escaped attributes
//! and text, and reading a whole document into a tree of elements with
//! local names (namespace prefixes dropped), for the lenient importer.

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

/// An element of a parsed document.
#[derive(Clone, Debug, Default)]
pub struct El {
    /// Local name (no namespace prefix).
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<El>,
    pub text: String,
}

impl El {
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

fn element(e: &BytesStart<'_>) -> Result<El, String> {
    let mut el = El {
        name: local(e.name().as_ref()),
        ..Default::default()
    };
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

/// Parses a whole document; the error says where it broke.
pub fn parse(text: &str) -> Result<El, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<El> = vec![El {
        name: "#document".into(),
        ..Default::default()
    }];
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Err(e) => return Err(format!("the XML is malformed near byte {pos} ({e})")),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => stack.push(element(&e)?),
            Ok(Event::Empty(e)) => {
                let el = element(&e)?;
                stack.last_mut().expect("document root").children.push(el);
            }
            Ok(Event::End(_)) => {
                if stack.len() < 2 {
                    return Err(format!(
                        "the XML is malformed near byte {pos} (an end tag without a start)"
                    ));
                }
                let el = stack.pop().expect("checked length");
                stack.last_mut().expect("checked length").children.push(el);
            }
            Ok(Event::Text(t)) => {
                let s = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                stack.last_mut().expect("document root").text.push_str(&s);
            }
            Ok(Event::CData(t)) => {
                stack
                    .last_mut()
                    .expect("document root")
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
                stack.last_mut().expect("document root").text.push_str(&ch);
            }
            Ok(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err("the XML ends before all its elements are closed".into());
    }
    stack
        .pop()
        .expect("root")
        .children
        .into_iter()
        .next()
        .ok_or_else(|| "the XML has no root element".to_owned())
}
