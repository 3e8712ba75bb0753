//! Builds `sample_projects/neighbourhood_teams.thema.ron` from the
//! documents and `spec.ron` in `sample_projects/source/`, importing every
//! file through Thema's real importer (the two PDFs through pdf-extract)
//! and placing each coding by finding its quote in the imported text.
//!
//! Run: `cargo run --example build_sample`

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use thema::edit::{self, Command, ops};
use thema::io::{import, project_file, template};
use thema::model::{AttrId, AttrKind, AttributeDef, Project, Reviewer, ReviewerId, text};

#[derive(Deserialize)]
struct Spec {
    project_name: String,
    reviewers: Vec<SpecReviewer>,
    categories: Vec<String>,
    attributes: Vec<SpecAttr>,
    codebook: Vec<template::TemplateCode>,
    documents: Vec<SpecDoc>,
}

#[derive(Deserialize)]
struct SpecReviewer {
    id: String,
    name: String,
    initials: String,
}

#[derive(Deserialize)]
struct SpecAttr {
    name: String,
    kind: String,
    choices: Vec<String>,
}

#[derive(Deserialize)]
struct SpecDoc {
    file: String,
    title: String,
    short_ref: String,
    attributes: BTreeMap<String, String>,
    codings: Vec<SpecCoding>,
}

#[derive(Deserialize)]
struct SpecCoding {
    quote: String,
    code: String,
    category: String,
    reviewer: String,
    memo: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new("sample_projects/source");
    let spec: Spec = ron::from_str(&std::fs::read_to_string(dir.join("spec.ron"))?)?;
    let mut p = Project::new(&spec.project_name);
    assert_eq!(
        p.categories
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>(),
        spec.categories,
        "the spec's categories are Thema's defaults"
    );
    let mut reviewer_ids = BTreeMap::new();
    for (i, r) in spec.reviewers.iter().enumerate() {
        let id = ReviewerId::from_u128(0x5EED_0000 + i as u128 + 1);
        reviewer_ids.insert(r.id.clone(), id);
        edit::apply(
            &mut p,
            Command::InsertReviewer {
                index: i,
                reviewer: Reviewer {
                    id,
                    name: r.name.clone(),
                    initials: r.initials.clone(),
                },
            },
        )?;
    }
    for (i, a) in spec.attributes.iter().enumerate() {
        let kind = match a.kind.as_str() {
            "number" => AttrKind::Number,
            "choice" => AttrKind::Choice(a.choices.clone()),
            _ => AttrKind::Text,
        };
        let def = AttributeDef {
            id: AttrId::from_u128(0xA77E_0000 + i as u128 + 1),
            name: a.name.clone(),
            kind,
            bins: if a.name == "Year" {
                year_bins()
            } else {
                Vec::new()
            },
        };
        edit::apply(&mut p, Command::InsertAttributeDef { index: i, def })?;
    }
    const EMERGENT: [&str; 2] = [
        "Care navigators and case managers",
        "Information governance",
    ];
    let t = template::Template {
        name: "sample".into(),
        source: String::new(),
        codes: spec.codebook,
    };
    let cmd = template::apply_command(&p, &t);
    edit::apply(&mut p, cmd)?;
    // The framework's codes are a priori; these two emerged while coding
    // (what the framework matrix marks as best-fit additions).
    for name in EMERGENT {
        if let Some(c) = p.codebook.codes.iter_mut().find(|c| c.name == name) {
            c.origin = Some(thema::model::codebook::Origin::Emergent);
        }
    }

    for sd in &spec.documents {
        let imported = import::import_file(&dir.join(&sd.file)).map_err(|e| e.to_string())?;
        let mut doc = imported.doc;
        doc.title = sd.title.clone();
        doc.short_ref = sd.short_ref.clone();
        doc.source.path = sd.file.clone();
        for (name, value) in &sd.attributes {
            let def = p
                .attribute_by_name(name)
                .ok_or(format!("unknown attribute {name}"))?;
            doc.attributes.insert(def.id, value.clone());
        }
        let doc_id = doc.id;
        let cmd = ops::add_documents(&p, vec![doc]);
        edit::apply(&mut p, cmd)?;
        let d = p
            .document(doc_id)
            .ok_or("the added document is missing")?
            .clone();
        for c in &sd.codings {
            let (start, end) = text::find_loose(&d.text, &c.quote)
                .ok_or_else(|| format!("quote not found in {}: {}", sd.file, c.quote))?;
            let code = p
                .codebook
                .find_by_path(&c.code)
                .ok_or(format!("unknown code {}", c.code))?;
            let cat = p.category_by_name(&c.category);
            let reviewer = reviewer_ids[&c.reviewer];
            let mut coding = ops::new_coding(doc_id, start, end, code, cat, reviewer);
            coding.memo = c.memo.clone();
            edit::apply(&mut p, Command::AddCodings(vec![coding]))?;
        }
    }
    let pins: Vec<_> = [
        "Relational factors > Vision and purpose",
        "Relational factors > Leadership",
        "Relational factors > Working relationships and trust",
        "Organisational factors > Resources",
        "Organisational factors > Funding and financial mechanisms",
        "Organisational factors > Information governance",
    ]
    .iter()
    .filter_map(|path| p.codebook.find_by_path(path))
    .collect();
    edit::apply(&mut p, Command::SetPinned(pins))?;
    let problems = thema::model::validate::validate(&p);
    assert!(problems.is_empty(), "{problems:?}");
    let out = Path::new("sample_projects/neighbourhood_teams.thema.ron");
    project_file::save(&p, out)?;
    let _ = std::fs::remove_file(thema::io::paths::backup_path(out));
    println!(
        "wrote {} ({} documents, {} codes, {} codings)",
        out.display(),
        p.documents.len(),
        p.codebook.codes.len(),
        p.codings.len()
    );
    Ok(())
}

/// Publication-year ranges for the characteristics table.
fn year_bins() -> Vec<thema::model::Bin> {
    [(2015.0, 2019.0), (2020.0, 2022.0), (2023.0, 2025.0)]
        .into_iter()
        .map(|(from, to)| thema::model::Bin { from, to })
        .collect()
}
