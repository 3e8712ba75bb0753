//! Small projects built in code for tests.

use thema::edit::{self, Command, ops};
use thema::model::{
    AttrId, AttrKind, AttributeDef, Bin, CategoryId, Code, CodeId, Coding, CodingId, DocId,
    Document, Project, Reviewer, ReviewerId, Source, SourceKind, text,
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
        memo: String::new(),
        garbled_pages: Vec::new(),
        bib: None,
        char_count: Default::default(),
        units: Default::default(),
    }
}

pub fn code(n: u128, name: &str, parent: Option<u128>) -> Code {
    Code {
        id: CodeId::from_u128(n),
        name: name.into(),
        parent: parent.map(CodeId::from_u128),
        color: "#4E79A7".into(),
        description: String::new(),
        origin: None,
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
        check: None,
    }
}

pub const AB: ReviewerId = ReviewerId(uuid::Uuid::from_u128(0xAB));
pub const CD: ReviewerId = ReviewerId(uuid::Uuid::from_u128(0xCD));

/// The commands that add reviewers AB (Alex Byrne) and CD (Chidi Dike).
pub fn two_reviewers() -> Vec<Command> {
    vec![
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
    ]
}

/// Two reviewers, three codes (a theme with two factors), two documents.
pub fn small() -> Project {
    let mut p = Project::new("small");
    let mut cmds = two_reviewers();
    cmds.extend([
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
    ]);
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

pub const BARRIER: CategoryId = CategoryId(uuid::Uuid::from_u128(0xCA7E_0001));
pub const FACILITATOR: CategoryId = CategoryId(uuid::Uuid::from_u128(0xCA7E_0002));
pub const NEED: CategoryId = CategoryId(uuid::Uuid::from_u128(0xCA7E_0003));
pub const RECOMMENDATION: CategoryId = CategoryId(uuid::Uuid::from_u128(0xCA7E_0004));

pub const STUDY_TYPE: AttrId = AttrId(uuid::Uuid::from_u128(0x51));
pub const YEAR: AttrId = AttrId(uuid::Uuid::from_u128(0x52));

/// The BMJ Open review (seed 002) in numbers: 33 articles; its six themes
/// found in 27, 25, 23, 27, 20 and 17 of them (theme 1 partly through a
/// sub-code, some articles coded twice for a theme); study types 9/15/1/5/3;
/// publication years 0/2/11/17/3 in the review's ranges; needs, barriers,
/// facilitators and recommendations in 9, 20, 21 and 16 articles.
pub fn bmj() -> Project {
    let mut p = Project::new("bmj");
    let mut cmds = vec![Command::InsertReviewer {
        index: 0,
        reviewer: Reviewer {
            id: AB,
            name: "A".into(),
            initials: "A".into(),
        },
    }];
    let themes = [
        "Organisational culture",
        "Workforce management",
        "Interorganisational collaboration",
        "Leadership ability of staff",
        "Economic factors",
        "Political factors",
    ];
    for (i, t) in themes.iter().enumerate() {
        cmds.push(Command::InsertCode {
            index: i,
            code: code(i as u128 + 1, t, None),
        });
    }
    cmds.push(Command::InsertCode {
        index: 6,
        code: code(11, "Shared values", Some(1)),
    });
    let types = [
        ("Qualitative study", 9),
        ("Report", 15),
        ("Scoping Narrative Literature Review", 1),
        ("Systematic Literature Review", 5),
        ("Case Study", 3),
    ];
    let years = [(2007, 2), (2012, 11), (2017, 17), (2021, 3)];
    cmds.push(Command::InsertAttributeDef {
        index: 0,
        def: AttributeDef {
            id: STUDY_TYPE,
            name: "Study type".into(),
            kind: AttrKind::Choice(types.iter().map(|t| t.0.to_string()).collect()),
            bins: vec![],
        },
    });
    let bins = [
        (1997.0, 2004.0),
        (2005.0, 2009.0),
        (2010.0, 2014.0),
        (2015.0, 2019.0),
        (2020.0, 2021.0),
    ];
    cmds.push(Command::InsertAttributeDef {
        index: 1,
        def: AttributeDef {
            id: YEAR,
            name: "Year".into(),
            kind: AttrKind::Number,
            bins: bins.iter().map(|&(from, to)| Bin { from, to }).collect(),
        },
    });
    let type_of: Vec<&str> = types
        .iter()
        .flat_map(|(t, n)| std::iter::repeat_n(*t, *n))
        .collect();
    let year_of: Vec<i32> = years
        .iter()
        .flat_map(|(y, n)| std::iter::repeat_n(*y, *n))
        .collect();
    let docs: Vec<_> = (1..=33u128)
        .map(|n| {
            let mut d = doc(
                1000 + n,
                "The integrated system worked because of shared values and trust.",
            );
            d.reference = 0; // numbered 1–33 on import
            d.attributes
                .insert(STUDY_TYPE, type_of[n as usize - 1].to_owned());
            d.attributes
                .insert(YEAR, year_of[n as usize - 1].to_string());
            d
        })
        .collect();
    cmds.push(ops::add_documents(&p, docs));
    edit::apply(&mut p, Command::Batch(cmds)).unwrap();
    let counts = [27usize, 25, 23, 27, 20, 17];
    let mut codings = Vec::new();
    let mut n = 0u128;
    for (t, &k) in counts.iter().enumerate() {
        for d in 1..=k as u128 {
            n += 1;
            // theme 1: even articles coded through the sub-code only
            let code_id = if t == 0 && d % 2 == 0 {
                11
            } else {
                t as u128 + 1
            };
            let c = coding(n, 1000 + d, 4, 14, code_id, AB);
            codings.push(c.clone());
            if d % 5 == 0 {
                n += 1;
                codings.push(Coding {
                    id: CodingId::from_u128(n),
                    start: 20,
                    end: 30,
                    ..c
                });
            }
        }
    }
    // Data categories, on theme 1 in articles that already hold it.
    for (cat, k) in [
        (BARRIER, 20u128),
        (FACILITATOR, 21),
        (NEED, 9),
        (RECOMMENDATION, 16),
    ] {
        for d in 1..=k {
            n += 1;
            codings.push(Coding {
                category: Some(cat),
                ..coding(n, 1000 + d, 40, 50, 1, AB)
            });
        }
    }
    edit::apply(&mut p, Command::AddCodings(codings)).unwrap();
    p
}
