//! The layering holds by construction, not by discipline: no module
//! imports from a module that imports it back, at any level, in either
//! crate. (The core crate's freedom from GUI crates is checked by
//! `.ci/run` with `cargo tree`; the compiler guards the crate boundary.)
//!
//! A module is a file (`src/app/files.rs` is `app::files`). An import is a
//! `crate::…`, `super::…` or `self::…` path, braces expanded. Between two
//! modules the edge joins their ancestors just below the common parent, so
//! `ui::tables::summary` using `session` is the edge `ui → session`; a
//! child using its own parent's items is not an edge (that is how Rust
//! modules share). Every set of siblings must then form no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/app/files.rs` → `["app", "files"]`; `mod.rs` and `lib.rs` name
/// their folder (the crate root is `[]`).
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).unwrap();
    let mut parts: Module = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code of a file without `//` comments (doc comments name paths in
/// prose).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths after `crate::`/`super::`/`self::`, with `{a, b::c}` groups
/// expanded: each as (anchor, segments).
fn imported_paths(code: &str) -> Vec<(&'static str, Vec<String>)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for anchor in ["crate", "super", "self"] {
        let pat = format!("{anchor}::");
        let mut from = 0;
        while let Some(i) = code[from..].find(&pat) {
            let at = from + i;
            from = at + pat.len();
            let boundary = at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'_'
                    || bytes[at - 1] == b':');
            if !boundary {
                continue;
            }
            let mut prefix = Vec::new();
            // `super::super::x`
            let mut rest = &code[from..];
            let mut anchor_name = anchor;
            if anchor == "super" {
                let mut depth = 1;
                while let Some(r) = rest.strip_prefix("super::") {
                    depth += 1;
                    rest = r;
                }
                anchor_name = ["super", "super2", "super3", "super4"][(depth - 1).min(3)];
            }
            expand(rest, &mut prefix, &mut |segs| out.push((anchor_name, segs)));
        }
    }
    out
}

/// Reads `a::b::{c, d::e}` from the start of `s`, calling `emit` per path.
fn expand(s: &str, prefix: &mut Vec<String>, emit: &mut dyn FnMut(Vec<String>)) -> usize {
    let s_trim = s.trim_start();
    let skipped = s.len() - s_trim.len();
    if let Some(inner) = s_trim.strip_prefix('{') {
        let mut used = 1;
        let mut rest = inner;
        loop {
            let n = expand(rest, &mut prefix.clone(), emit);
            rest = &rest[n..];
            used += n;
            let t = rest.trim_start();
            used += rest.len() - t.len();
            rest = t;
            if let Some(r) = rest.strip_prefix(',') {
                rest = r;
                used += 1;
                continue;
            }
            if let Some(_r) = rest.strip_prefix('}') {
                used += 1;
            }
            break;
        }
        return skipped + used;
    }
    let ident_len = s_trim
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s_trim.len());
    if ident_len == 0 {
        emit(prefix.clone());
        return skipped;
    }
    prefix.push(s_trim[..ident_len].to_owned());
    let after = &s_trim[ident_len..];
    if let Some(r) = after.strip_prefix("::") {
        let n = expand(r, prefix, emit);
        return skipped + ident_len + 2 + n;
    }
    emit(prefix.clone());
    skipped + ident_len
}

struct CrateGraph {
    modules: BTreeSet<Module>,
    /// (from, to) between siblings, with one example of the import.
    edges: BTreeMap<(Module, Module), String>,
}

fn graph(root: &Path) -> CrateGraph {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    // `src/bin` holds other crates (the benchmark).
    files.retain(|f| !f.strip_prefix(root).unwrap().starts_with("bin"));
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(root, f)).collect();
    let mut edges = BTreeMap::new();
    for f in &files {
        let from = module_of(root, f);
        // A `foo.rs` or `foo/mod.rs` is module `foo`; `super` of its items
        // is its parent.
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        for (anchor, segs) in imported_paths(&code) {
            let mut target: Module = match anchor {
                "crate" => Vec::new(),
                "self" => from.clone(),
                a => {
                    let up = match a {
                        "super" => 1,
                        "super2" => 2,
                        "super3" => 3,
                        _ => 4,
                    };
                    from[..from.len().saturating_sub(up)].to_vec()
                }
            };
            // The deepest module the path names (the rest are items).
            for s in segs {
                let mut next = target.clone();
                next.push(s);
                if modules.contains(&next) {
                    target = next;
                } else {
                    break;
                }
            }
            let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == target.len() {
                continue; // one contains the other
            }
            let a = from[..=common].to_vec();
            let b = target[..=common].to_vec();
            edges
                .entry((a, b))
                .or_insert_with(|| format!("{} uses {}", from.join("::"), target.join("::")));
        }
    }
    CrateGraph { modules, edges }
}

/// A cycle among the edges, as the modules on it, if there is one.
fn find_cycle(edges: &BTreeMap<(Module, Module), String>) -> Option<Vec<Module>> {
    let mut next: BTreeMap<&Module, Vec<&Module>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    // Iterative depth-first search with colours.
    let mut colour: BTreeMap<&Module, u8> = BTreeMap::new();
    for start in next.keys() {
        if colour.get(start).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut stack: Vec<(&Module, usize)> = vec![(start, 0)];
        colour.insert(start, 1);
        while let Some((node, i)) = stack.pop() {
            let succ = next.get(node).map(Vec::as_slice).unwrap_or(&[]);
            if i < succ.len() {
                stack.push((node, i + 1));
                let s = succ[i];
                match colour.get(s).copied().unwrap_or(0) {
                    0 => {
                        colour.insert(s, 1);
                        stack.push((s, 0));
                    }
                    1 => {
                        let mut cycle: Vec<Module> = stack
                            .iter()
                            .map(|(m, _)| (*m).clone())
                            .skip_while(|m| m != s)
                            .collect();
                        cycle.push(s.clone());
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                colour.insert(node, 2);
            }
        }
    }
    None
}

fn assert_acyclic(root: &Path, expect_modules: &[&str]) {
    let g = graph(root);
    for m in expect_modules {
        assert!(
            g.modules.contains(&vec![(*m).to_owned()]),
            "module {m} not found under {}: the check would pass for nothing",
            root.display()
        );
    }
    assert!(
        !g.edges.is_empty(),
        "no imports found under {}",
        root.display()
    );
    if let Some(cycle) = find_cycle(&g.edges) {
        let mut lines = Vec::new();
        for w in cycle.windows(2) {
            let why = &g.edges[&(w[0].clone(), w[1].clone())];
            lines.push(format!(
                "  {} → {} ({why})",
                w[0].join("::"),
                w[1].join("::")
            ));
        }
        panic!(
            "modules import each other under {}:\n{}",
            root.display(),
            lines.join("\n")
        );
    }
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_acyclic(
        &here.join("src"),
        &["app", "ui", "session", "cli", "settings"],
    );
    assert_acyclic(
        &here.join("crates/thema-core/src"),
        &["model", "edit", "analysis", "io", "error"],
    );
}

#[test]
fn the_cycle_check_finds_a_cycle_and_names_the_imports() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("ui/tables")).unwrap();
    std::fs::create_dir_all(src.join("session")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod ui; pub mod session;").unwrap();
    std::fs::write(src.join("ui/mod.rs"), "pub mod tables; pub struct Intent;").unwrap();
    std::fs::write(
        src.join("ui/tables/mod.rs"),
        "use crate::{session::{Workspace, ViewFilter}, ui::Intent};\nuse super::Intent as I;",
    )
    .unwrap();
    // A doc comment naming a path is not an import …
    std::fs::write(
        src.join("session/mod.rs"),
        "//! Read by `crate::ui::tables`.\npub struct Workspace; pub enum ViewFilter {}",
    )
    .unwrap();
    let g = graph(src);
    assert_eq!(
        g.edges.keys().cloned().collect::<Vec<_>>(),
        vec![(vec!["ui".to_owned()], vec!["session".to_owned()])]
    );
    assert!(find_cycle(&g.edges).is_none());
    // … but a real one back is.
    std::fs::write(
        src.join("session/mod.rs"),
        "use crate::ui::tables::Thing;\npub struct Workspace;",
    )
    .unwrap();
    let g = graph(src);
    let cycle = find_cycle(&g.edges).expect("ui ↔ session");
    assert_eq!(cycle.len(), 3, "{cycle:?}");
    let r = std::panic::catch_unwind(|| assert_acyclic(src, &["ui", "session"]));
    let msg = *r.unwrap_err().downcast::<String>().unwrap();
    assert!(msg.contains("session uses ui::tables"), "{msg}");
    assert!(msg.contains("ui::tables uses session"), "{msg}");
}

/// Counts in messages go through `words::count` ("1 coding", "2 codings"):
/// no string in the code writes "coding(s)" or "categor(ies)".
#[test]
fn no_message_counts_with_a_bracketed_plural() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    rust_files(Path::new("crates/thema-core/src"), &mut files);
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            // Only inside string literals: after an odd number of quotes.
            let in_string = |k: usize| {
                let before = &line[..k];
                (before.matches('"').count() - before.matches("\\\"").count()) % 2 == 1
            };
            let bracketed = line.match_indices("(ies)").any(|(k, _)| in_string(k))
                || line.match_indices("(s)").any(|(k, _)| {
                    line[..k].chars().last().is_some_and(char::is_alphabetic) && in_string(k)
                });
            if bracketed {
                found.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "bracketed plurals:\n{}", found.join("\n"));
}
