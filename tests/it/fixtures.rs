//! Small projects built in code for tests.

use thema::edit::{self, Command, ops};
use thema::model::{
    Code, CodeId, Coding, CodingId, DocId, Document, Project, Reviewer, ReviewerId, Source,
    SourceKind, text,
};

pub fn doc(n: u128, text_body: &str) -> Document {
    Document {
        id: DocId::from_u128(n),
        title: format!("Study {n}"),
        short_ref: format!("Author {n}"),
        reference: n as u32,
        source: Source {
            path: format!("study{n}.txt"),
            kind: SourceKind::Text,
            text_hash: text::text_hash(text_body),
            imported: String::new(),
        },
        text: text_body.to_owned(),
        page_starts: vec![],
        attributes: Default::default(),
    }
}

pub fn code(n: u128, name: &str, parent: Option<u128>) -> Code {
    Code {
        id: CodeId::from_u128(n),
        name: name.into(),
        parent: parent.map(CodeId::from_u128),
        color: "#4E79A7".into(),
        description: String::new(),
    }
}

pub fn coding(
    n: u128,
    doc: u128,
    start: usize,
    end: usize,
    code: u128,
    reviewer: ReviewerId,
) -> Coding {
    Coding {
        id: CodingId::from_u128(n),
        doc: DocId::from_u128(doc),
        start,
        end,
        code: CodeId::from_u128(code),
        category: None,
        reviewer,
        memo: String::new(),
        created: "2026-01-01T00:00:00Z".into(),
    }
}

pub const AB: ReviewerId = ReviewerId(uuid::Uuid::from_u128(0xAB));
pub const CD: ReviewerId = ReviewerId(uuid::Uuid::from_u128(0xCD));

/// Two reviewers, three codes (a theme with two factors), two documents.
pub fn small() -> Project {
    let mut p = Project::new("small");
    let mut cmds = vec![
        Command::InsertReviewer {
            index: 0,
            reviewer: Reviewer {
                id: AB,
                name: "Alex Byrne".into(),
                initials: "AB".into(),
            },
        },
        Command::InsertReviewer {
            index: 1,
            reviewer: Reviewer {
                id: CD,
                name: "Chidi Dike".into(),
                initials: "CD".into(),
            },
        },
        Command::InsertCode {
            index: 0,
            code: code(1, "Relational factors", None),
        },
        Command::InsertCode {
            index: 1,
            code: code(2, "Leadership", Some(1)),
        },
        Command::InsertCode {
            index: 2,
            code: code(3, "Vision and purpose", Some(1)),
        },
    ];
    cmds.push(ops::add_documents(
        &p,
        vec![
            doc(100, "Leaders opened doors.\nThe vision was shared."),
            doc(101, "Funding was short-term."),
        ],
    ));
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    p
}
