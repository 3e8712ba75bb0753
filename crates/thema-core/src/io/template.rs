//! Codebook templates: starting frameworks (themes > factors) that a review
//! can load in one step. The ones shipped in `assets/codebooks/` are built
//! into the binary; a reviewer can also load any template file.

use crate::edit::{Command, ops};
use crate::model::{Code, CodeId, Project};
use serde::Deserialize;

/// A codebook template file.
#[derive(Clone, Debug, Deserialize)]
pub struct Template {
    pub name: String,
    #[serde(default)]
    pub source: String,
    pub codes: Vec<TemplateCode>,
}

/// One code of a template, with its children.
#[derive(Clone, Debug, Deserialize)]
pub struct TemplateCode {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub color: String,
    #[serde(default)]
    pub children: Vec<TemplateCode>,
}

/// Templates shipped with Thema: (file name, RON text).
pub const BUILT_IN: [(&str, &str); 3] = [
    (
        "bmj_six_themes.ron",
        include_str!("../../../../assets/codebooks/bmj_six_themes.ron"),
    ),
    (
        "res_relational_organisational.ron",
        include_str!("../../../../assets/codebooks/res_relational_organisational.ron"),
    ),
    (
        "rapid_review_6x20.ron",
        include_str!("../../../../assets/codebooks/rapid_review_6x20.ron"),
    ),
];

/// A codebook template that could not be read, with where it broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the codebook template is not valid (line {line}, column {col}: {message})")]
pub struct TemplateError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Parses template text; the error names line and column.
pub fn parse(text: &str) -> Result<Template, TemplateError> {
    ron::from_str(text).map_err(|e| TemplateError {
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// All built-in templates, parsed.
pub fn built_in() -> Vec<Template> {
    BUILT_IN.iter().filter_map(|(_, t)| parse(t).ok()).collect()
}

/// The command that adds a template's codes to a project. Codes whose path
/// already exists are reused rather than duplicated.
pub fn apply_command(p: &Project, t: &Template) -> Command {
    let mut scratch = p.clone();
    let mut cmds = Vec::new();
    fn add(
        scratch: &mut Project,
        cmds: &mut Vec<Command>,
        parent: Option<CodeId>,
        codes: &[TemplateCode],
        inherited: Option<&str>,
    ) {
        for (i, tc) in codes.iter().enumerate() {
            let existing = scratch
                .codebook
                .children(parent)
                .find(|c| c.name == tc.name)
                .map(|c| c.id);
            let id = match existing {
                Some(id) => id,
                None => {
                    let color = if !tc.color.is_empty() {
                        tc.color.clone()
                    } else if let Some(c) = inherited {
                        c.to_owned()
                    } else {
                        crate::model::codebook::PALETTE[i % 12].to_owned()
                    };
                    let code = Code {
                        id: CodeId::new(),
                        name: tc.name.clone(),
                        parent,
                        color,
                        description: tc.description.clone(),
                        origin: Some(crate::model::codebook::Origin::APriori),
                    };
                    let id = code.id;
                    let cmd = Command::InsertCode {
                        index: ops::append_index(scratch, parent),
                        code,
                    };
                    let _ = crate::edit::apply(scratch, cmd.clone());
                    cmds.push(cmd);
                    id
                }
            };
            let color = scratch.codebook.get(id).map(|c| c.color.clone());
            add(scratch, cmds, Some(id), &tc.children, color.as_deref());
        }
    }
    add(&mut scratch, &mut cmds, None, &t.codes, None);
    Command::Batch(cmds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse_with_expected_shapes() {
        for (name, text) in BUILT_IN {
            parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let count = |t: &Template| {
            (
                t.codes.len(),
                t.codes.iter().map(|c| c.children.len()).sum::<usize>(),
            )
        };
        assert_eq!(count(&parse(BUILT_IN[0].1).unwrap()).0, 6);
        assert_eq!(count(&parse(BUILT_IN[2].1).unwrap()), (6, 20));
        let res = parse(BUILT_IN[1].1).unwrap();
        let tops: Vec<&str> = res.codes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(tops, ["Relational factors", "Organisational factors"]);
    }

    #[test]
    fn applying_twice_adds_nothing_new() {
        let mut p = Project::new("t");
        let t = parse(BUILT_IN[2].1).unwrap();
        let cmd = apply_command(&p, &t);
        crate::edit::apply(&mut p, cmd).unwrap();
        assert_eq!(p.codebook.codes.len(), 26);
        let again = apply_command(&p, &t);
        assert_eq!(again, Command::Batch(vec![]));
    }
}
