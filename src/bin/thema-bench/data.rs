//! Data the benchmark generates for itself: deterministic words, texts,
//! projects of any size and simple PDFs.

use thema::model::{
    Code, CodeId, Coding, CodingId, DocId, Document, Project, Reviewer, ReviewerId, Source,
    SourceKind, text,
};

/// Deterministic pseudo-random numbers (no dependency, same data every run).
pub struct Lcg(pub u64);
impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub const WORDS: [&str; 24] = [
    "integrated",
    "teams",
    "shared",
    "vision",
    "leadership",
    "trust",
    "funding",
    "staff",
    "care",
    "social",
    "health",
    "neighbourhood",
    "partners",
    "meetings",
    "records",
    "patients",
    "we",
    "the",
    "of",
    "and",
    "to",
    "was",
    "a",
    "that",
];

/// A document of about `chars` characters in paragraphs of 300–1200 chars.
pub fn generate_text(chars: usize, rng: &mut Lcg) -> String {
    let mut s = String::with_capacity(chars + 64);
    let mut para = 0usize;
    let target = 300 + rng.below(900) as usize;
    while s.len() < chars {
        let w = WORDS[rng.below(WORDS.len() as u64) as usize];
        s.push_str(w);
        para += w.len() + 1;
        if para > target && rng.below(8) == 0 {
            s.push_str(".\n\n");
            para = 0;
        } else {
            s.push(' ');
        }
    }
    s
}

pub fn project_with(chars: usize, codings: usize, seed: u64) -> (Project, DocId) {
    let mut rng = Lcg(seed);
    let body = generate_text(chars, &mut rng);
    let n = body.chars().count();
    let mut p = Project::new("bench");
    let reviewer = ReviewerId::from_u128(1);
    p.reviewers.push(Reviewer {
        id: reviewer,
        name: "Bench".into(),
        initials: "BE".into(),
    });
    for i in 0..20u128 {
        p.codebook.codes.push(Code {
            id: CodeId::from_u128(i + 1),
            name: format!("Code {i}"),
            parent: if i < 5 {
                None
            } else {
                Some(CodeId::from_u128(i % 5 + 1))
            },
            color: thema::model::codebook::PALETTE[i as usize % 12].into(),
            description: String::new(),
            origin: None,
        });
    }
    let doc = DocId::from_u128(7);
    p.documents.push(Document {
        id: doc,
        title: "Generated report".into(),
        short_ref: String::new(),
        reference: 1,
        source: Source {
            path: String::new(),
            kind: SourceKind::Text,
            text_hash: text::text_hash(&body),
            imported: String::new(),
        },
        text: body,
        page_starts: vec![],
        attributes: Default::default(),
        memo: String::new(),
        garbled_pages: Vec::new(),
        bib: None,
        char_count: Default::default(),
        units: Default::default(),
    });
    for i in 0..codings {
        let start = rng.below(n as u64 - 500) as usize;
        let len = 20 + rng.below(400) as usize;
        p.codings.push(Coding {
            id: CodingId::from_u128(i as u128 + 1),
            doc,
            start,
            end: start + len,
            code: CodeId::from_u128(rng.below(20) as u128 + 1),
            category: Some(p.categories[rng.below(4) as usize].id),
            reviewer,
            memo: String::new(),
            created: String::new(),
            check: None,
        });
    }
    (p, doc)
}

/// A review of `docs` short documents with `codings` codings over a
/// three-level codebook of `codes` codes, with Group and Year attributes.
pub fn review_project(docs: usize, codings: usize, codes: usize) -> Project {
    let mut rng = Lcg(77);
    let mut p = Project::new("bench review");
    let reviewer = ReviewerId::from_u128(1);
    p.reviewers.push(Reviewer {
        id: reviewer,
        name: "Bench".into(),
        initials: "BE".into(),
    });
    for i in 0..codes as u128 {
        let parent = match i {
            0..6 => None,
            6..24 => Some(CodeId::from_u128(i % 6 + 1)),
            _ => Some(CodeId::from_u128(7 + i % 18)),
        };
        p.codebook.codes.push(Code {
            id: CodeId::from_u128(i + 1),
            name: format!("Code {i}"),
            parent,
            color: "#4E79A7".into(),
            description: String::new(),
            origin: None,
        });
    }
    let group = thema::model::AttrId::from_u128(1);
    let year = thema::model::AttrId::from_u128(2);
    p.attributes.push(thema::model::AttributeDef {
        id: group,
        name: "Group".into(),
        kind: thema::model::AttrKind::Choice(vec![
            "Review article".into(),
            "Grey literature".into(),
        ]),
        bins: vec![],
    });
    p.attributes.push(thema::model::AttributeDef {
        id: year,
        name: "Year".into(),
        kind: thema::model::AttrKind::Number,
        bins: vec![
            thema::model::Bin {
                from: 2000.0,
                to: 2009.0,
            },
            thema::model::Bin {
                from: 2010.0,
                to: 2025.0,
            },
        ],
    });
    for d in 0..docs {
        let body = generate_text(3_000, &mut rng);
        let mut attributes = std::collections::BTreeMap::new();
        attributes.insert(
            group,
            if d % 3 == 0 {
                "Grey literature"
            } else {
                "Review article"
            }
            .to_owned(),
        );
        attributes.insert(year, (2000 + d % 25).to_string());
        p.documents.push(Document {
            id: DocId::from_u128(1_000_000 + d as u128),
            title: format!("Study {d}"),
            short_ref: String::new(),
            reference: d as u32 + 1,
            source: Source {
                path: String::new(),
                kind: SourceKind::Text,
                text_hash: text::text_hash(&body),
                imported: String::new(),
            },
            text: body,
            page_starts: vec![],
            attributes,
            memo: String::new(),
            garbled_pages: Vec::new(),
            bib: None,
            char_count: Default::default(),
            units: Default::default(),
        });
    }
    for i in 0..codings {
        let d = rng.below(docs as u64) as usize;
        let start = rng.below(2_500) as usize;
        p.codings.push(Coding {
            id: CodingId::from_u128(i as u128 + 1),
            doc: p.documents[d].id,
            start,
            end: start + 20 + rng.below(300) as usize,
            code: CodeId::from_u128(rng.below(codes as u64) as u128 + 1),
            category: Some(p.categories[rng.below(4) as usize].id),
            reviewer,
            memo: String::new(),
            created: String::new(),
            check: None,
        });
    }
    p
}

/// A plain PDF (Helvetica, A4) holding `text`, about 3,000 chars a page.
pub fn write_pdf(path: &std::path::Path, text: &str) {
    use pdf_extract::{Dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font_id));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let resources_id = doc.add_object(resources);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut kids = Vec::new();
    for page_words in words.chunks(450) {
        let mut content = String::from("BT /F1 10 Tf 12 TL 50 800 Td\n");
        for line in page_words.chunks(12) {
            let l = line.join(" ").replace(['\\', '(', ')'], "");
            content.push_str(&format!("({l}) Tj T*\n"));
        }
        content.push_str("ET");
        let stream_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set("Contents", Object::Reference(stream_id));
        page.set("Resources", Object::Reference(resources_id));
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        );
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", Object::Integer(kids.len() as i64));
    pages.set("Kids", Object::Array(kids));
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    doc.save(path).expect("write a PDF");
}
