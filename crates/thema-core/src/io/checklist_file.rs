//! Appraisal checklists as files (the format of `assets/appraisal/*.ron`):
//! what makes a checklist usable, which edits would orphan answers, and
//! how an imported checklist joins a project without replacing one the
//! reviewers already use.

use crate::edit::Command;
use crate::edit::appraisal::AppraisalCommand;
use crate::model::Project;
use crate::model::appraisal::{Checklist, bundled};

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// More items or answers than any published checklist has by far.
pub const MAX_ITEMS: usize = 300;
pub const MAX_ANSWERS: usize = 12;
/// Longest help text, in characters.
pub const MAX_TEXT: usize = 4000;

/// What keeps a checklist from being used, in sentences (empty: usable).
pub fn problems(c: &Checklist) -> Vec<String> {
    let mut out = Vec::new();
    if c.id.trim().is_empty() {
        out.push("The checklist has no id.".to_owned());
    }
    if c.name.trim().is_empty() {
        out.push("The checklist has no name.".to_owned());
    }
    if c.answers.len() < 2 {
        out.push("A checklist needs at least two answers.".to_owned());
    }
    if c.answers.len() > MAX_ANSWERS {
        out.push(format!(
            "{} answers are more than the {MAX_ANSWERS} a checklist may have.",
            c.answers.len()
        ));
    }
    if c.items.is_empty() {
        out.push("A checklist needs at least one item.".to_owned());
    }
    if c.items.len() > MAX_ITEMS {
        out.push(format!(
            "{} items are more than the {MAX_ITEMS} a checklist may have.",
            c.items.len()
        ));
    }
    if c.answers.iter().all(|a| a.not_applicable) && !c.answers.is_empty() {
        out.push("Every answer is marked \u{201c}not applicable\u{201d}.".to_owned());
    }
    for (n, a) in c.answers.iter().enumerate() {
        if a.key.trim().is_empty() || a.label.trim().is_empty() || a.symbol.trim().is_empty() {
            out.push(format!(
                "Answer {} needs a key, a label and a symbol.",
                n + 1
            ));
        }
        if c.answers[..n].iter().any(|b| b.key == a.key) {
            out.push(format!(
                "Two answers have the key \u{201c}{}\u{201d}.",
                a.key
            ));
        }
        if c.answers[..n]
            .iter()
            .any(|b| b.label.trim().eq_ignore_ascii_case(a.label.trim()))
        {
            out.push(format!(
                "Two answers are labelled \u{201c}{}\u{201d}.",
                a.label
            ));
        }
    }
    for (n, i) in c.items.iter().enumerate() {
        if i.id.trim().is_empty() {
            out.push(format!("Item {} has no number.", n + 1));
        } else if c.items[..n].iter().any(|j| j.id == i.id) {
            out.push(format!("Two items are numbered \u{201c}{}\u{201d}.", i.id));
        }
        if i.title.trim().is_empty() {
            out.push(format!("Item {} has no question.", display_id(&i.id, n)));
        }
        if i.help.chars().count() > MAX_TEXT || i.title.chars().count() > MAX_TEXT {
            out.push(format!(
                "Item {} has a text longer than {MAX_TEXT} characters.",
                display_id(&i.id, n)
            ));
        }
    }
    out
}

fn display_id(id: &str, n: usize) -> String {
    if id.trim().is_empty() {
        (n + 1).to_string()
    } else {
        id.to_owned()
    }
}

/// The checklist as a file, readable by [`from_text`] and by Thema's
/// bundled-template loader.
pub fn to_text(c: &Checklist) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .struct_names(false);
    let body = ron::ser::to_string_pretty(c, pretty).unwrap_or_default();
    format!(
        "// Appraisal checklist \u{201c}{}\u{201d} exported from Thema. Import it in\n\
         // Appraisal \u{203a} Checklists \u{203a} Import, or with\n\
         // `thema checklist PROJECT --import FILE`.\n{body}\n",
        c.name.replace('\n', " ")
    )
}

/// Reads a checklist file; the error is a sentence for the reviewer.
pub fn from_text(text: &str) -> Result<Checklist, String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} KiB; a checklist file is at most {} KiB",
            text.len() / 1024,
            MAX_FILE_BYTES / 1024
        ));
    }
    let c: Checklist = ron::Options::default()
        .with_recursion_limit(16)
        .from_str(text)
        .map_err(|e| format!("it is not a Thema checklist file ({e})"))?;
    let found = problems(&c);
    if found.is_empty() {
        Ok(c)
    } else {
        Err(format!("the checklist cannot be used: {}", found.join(" ")))
    }
}

/// What saving `new` over the project's checklist of the same id would
/// orphan: answers or decisions on items it no longer has, or with answers
/// it no longer offers. Empty when the edit is safe.
pub fn edit_conflicts(p: &Project, new: &Checklist) -> Vec<String> {
    let mut out = Vec::new();
    let a = &p.appraisal;
    let mut lost_items: Vec<(&str, usize)> = Vec::new();
    let mut lost_answers: Vec<(&str, usize)> = Vec::new();
    let used = a
        .answers
        .iter()
        .map(|x| (x.item.as_str(), x.answer.as_str()))
        .chain(
            a.decisions
                .iter()
                .map(|d| (d.item.as_str(), d.answer.as_str())),
        );
    let on_this = a
        .answers
        .iter()
        .map(|x| x.checklist.as_str())
        .chain(a.decisions.iter().map(|d| d.checklist.as_str()));
    for ((item, answer), list) in used.zip(on_this) {
        if list != new.id {
            continue;
        }
        if new.item(item).is_none() {
            bump(&mut lost_items, item);
        } else if new.answer(answer).is_none() {
            bump(&mut lost_answers, answer);
        }
    }
    for (item, n) in lost_items {
        out.push(format!(
            "Item {item} has {}; it cannot be removed or renumbered while {} {}.",
            crate::words::count(n, "answer or decision", "answers or decisions"),
            if n == 1 { "it" } else { "they" },
            if n == 1 { "exists" } else { "exist" }
        ));
    }
    for (key, n) in lost_answers {
        out.push(format!(
            "The answer \u{201c}{key}\u{201d} was given {}; it cannot be removed or given another key while it is used.",
            if n == 1 { "once".to_owned() } else { format!("{n} times") }
        ));
    }
    out
}

fn bump<'a>(list: &mut Vec<(&'a str, usize)>, key: &'a str) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key, 1)),
    }
}

/// How an imported checklist joins the project.
#[derive(Debug)]
pub struct Imported {
    /// `None` when the project already holds the same checklist.
    pub command: Option<Command>,
    /// The checklist as added (its id may have changed).
    pub checklist: Checklist,
    /// What happened, in a sentence.
    pub message: String,
}

/// Adds `c` to the project. A checklist whose id is taken by a different
/// one (in the project or bundled with Thema) is added under a new id and
/// "(imported)" after its name, so nobody's answers change meaning.
pub fn import(p: &Project, mut c: Checklist) -> Imported {
    let same = |x: &Checklist| x == &c;
    if p.appraisal.checklists.iter().any(same) {
        let message = format!(
            "The project already has the checklist \u{201c}{}\u{201d}; nothing was changed.",
            c.name
        );
        return Imported {
            command: None,
            checklist: c,
            message,
        };
    }
    let taken =
        |id: &str| p.appraisal.checklist(id).is_some() || bundled().iter().any(|b| b.id == id);
    let bundled_same = bundled().iter().any(same);
    let mut message = format!("Added the checklist \u{201c}{}\u{201d}", c.name);
    if taken(&c.id) && !bundled_same {
        let base = c.id.clone();
        let mut n = 2;
        while taken(&format!("{base}-{n}")) {
            n += 1;
        }
        c.id = format!("{base}-{n}");
        c.name = format!("{} (imported)", c.name);
        message = format!(
            "Added the checklist as \u{201c}{}\u{201d}: a different checklist already uses the id \u{201c}{base}\u{201d}",
            c.name
        );
    }
    message.push_str(&format!(
        " ({} items, answers {}).",
        c.items.len(),
        c.answers
            .iter()
            .map(|a| a.label.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    ));
    Imported {
        command: Some(Command::Appraisal(AppraisalCommand::PutChecklist {
            id: c.id.clone(),
            checklist: Some(c.clone()),
        })),
        checklist: c,
        message,
    }
}

/// A new checklist's id from its name ("My CASP" → "my-casp"), not taken
/// in the project or by a bundled checklist.
pub fn fresh_id(p: &Project, name: &str) -> String {
    let mut base: String = name
        .to_lowercase()
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { '-' })
        .collect();
    base = base
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() {
        base = "checklist".to_owned();
    }
    let taken =
        |id: &str| p.appraisal.checklist(id).is_some() || bundled().iter().any(|b| b.id == id);
    if !taken(&base) {
        return base;
    }
    let mut n = 2;
    while taken(&format!("{base}-{n}")) {
        n += 1;
    }
    format!("{base}-{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_checklists_round_trip_through_a_file() {
        for c in bundled() {
            assert!(problems(&c).is_empty(), "{}: {:?}", c.id, problems(&c));
            let back = from_text(&to_text(&c));
            assert_eq!(back.as_ref(), Ok(&c), "{}", c.id);
        }
    }

    #[test]
    fn a_broken_file_says_why() {
        let e = from_text("(id: \"x\", name: \"X\", answers: [], items: [])").unwrap_err();
        assert!(e.contains("at least two answers"), "{e}");
        assert!(e.contains("at least one item"), "{e}");
        let deep = "[".repeat(10_000);
        assert!(
            from_text(&deep)
                .unwrap_err()
                .contains("not a Thema checklist")
        );
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(from_text(&big).unwrap_err().contains("at most 1024 KiB"));
    }
}
