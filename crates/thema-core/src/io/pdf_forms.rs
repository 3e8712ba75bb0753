//! Forms (drawings a page reuses) that draw themselves: cut so that
//! reading a page ends (pdf-extract follows them until the stack
//! overflows).

use std::collections::{BTreeMap, HashSet};

use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// Forms (drawings a page reuses) nested deeper than this are cut.
const MAX_FORM_NESTING: usize = 32;

struct Cut {
    form: ObjectId,
    name: Vec<u8>,
    /// The name was found in the form's own resources (else inherited).
    own: bool,
    /// The resources the form inherited there, when not its own.
    inherited: Option<Dictionary>,
}

fn dict_of<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Name → form object of a resource dictionary's `/XObject`.
fn forms_of(doc: &Document, resources: &Dictionary) -> BTreeMap<Vec<u8>, ObjectId> {
    let Some(xobjects) = resources.get(b"XObject").ok().and_then(|o| dict_of(doc, o)) else {
        return BTreeMap::new();
    };
    xobjects
        .iter()
        .filter_map(|(name, o)| {
            let Object::Reference(id) = o else {
                return None;
            };
            let Ok(Object::Stream(s)) = doc.get_object(*id) else {
                return None;
            };
            (s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Form"))
                .then(|| (name.clone(), *id))
        })
        .collect()
}

fn own_resources(doc: &Document, form: ObjectId) -> Option<Dictionary> {
    let Ok(Object::Stream(s)) = doc.get_object(form) else {
        return None;
    };
    s.dict
        .get(b"Resources")
        .ok()
        .and_then(|o| dict_of(doc, o))
        .cloned()
}

/// Depth-first walk over (form, whose resources it reads) — a form without
/// resources of its own reads those of whoever draws it, so the same form
/// is a different node under another owner. Each node is walked once, so
/// the work stays polynomial whatever the file's shape.
fn visit(
    doc: &Document,
    form: ObjectId,
    owner: ObjectId,
    inherited: &Dictionary,
    path: &mut Vec<ObjectId>,
    done: &mut HashSet<(ObjectId, ObjectId)>,
    cuts: &mut Vec<Cut>,
) {
    let own = own_resources(doc, form);
    let resources = own.as_ref().unwrap_or(inherited);
    let child_owner = if own.is_some() { form } else { owner };
    for (name, child) in forms_of(doc, resources) {
        if path.contains(&child) || path.len() >= MAX_FORM_NESTING {
            cuts.push(Cut {
                form,
                name,
                own: own.is_some(),
                inherited: own.is_none().then(|| inherited.clone()),
            });
            continue;
        }
        if done.contains(&(child, child_owner)) {
            continue;
        }
        path.push(child);
        visit(doc, child, child_owner, resources, path, done, cuts);
        path.pop();
    }
    done.insert((form, owner));
}

/// Cuts forms that draw themselves (directly or through others) or nest
/// deeper than [`MAX_FORM_NESTING`]: pdf-extract would follow them until
/// the stack overflows. Returns how many drawing references were cut.
pub fn cut_form_cycles(doc: &mut Document) -> usize {
    let mut cuts = Vec::new();
    let mut done = HashSet::new();
    for page in doc.get_pages().into_values() {
        let Ok(page_dict) = doc.get_dictionary(page) else {
            continue;
        };
        let Some(resources) = page_dict
            .get(b"Resources")
            .ok()
            .and_then(|o| dict_of(doc, o))
            .cloned()
        else {
            continue;
        };
        for (_, form) in forms_of(doc, &resources) {
            if done.contains(&(form, page)) {
                continue;
            }
            let mut path = vec![form];
            visit(doc, form, page, &resources, &mut path, &mut done, &mut cuts);
        }
    }
    for cut in &cuts {
        apply_cut(doc, cut);
    }
    cuts.len()
}

fn apply_cut(doc: &mut Document, cut: &Cut) {
    // The form's resources: its own (maybe an object of their own), or a
    // copy of the inherited ones given to it.
    let Ok(Object::Stream(s)) = doc.get_object(cut.form) else {
        return;
    };
    let resources_ref = match s.dict.get(b"Resources") {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };
    let xobject_ref = s
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|o| dict_of(doc, o))
        .and_then(|r| match r.get(b"XObject") {
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        });
    let has_resources = s.dict.get(b"Resources").is_ok();
    if !cut.own && !has_resources {
        let Some(mut res) = cut.inherited.clone() else {
            return;
        };
        let mut x = res
            .get(b"XObject")
            .ok()
            .and_then(|o| dict_of(doc, o))
            .cloned()
            .unwrap_or_default();
        x.remove(&cut.name);
        res.set("XObject", Object::Dictionary(x));
        if let Ok(Object::Stream(s)) = doc.get_object_mut(cut.form) {
            s.dict.set("Resources", Object::Dictionary(res));
        }
        return;
    }
    let target: Option<&mut Dictionary> = if let Some(id) = xobject_ref {
        doc.get_object_mut(id)
            .ok()
            .and_then(|o| o.as_dict_mut().ok())
    } else if let Some(id) = resources_ref {
        doc.get_object_mut(id)
            .ok()
            .and_then(|o| o.as_dict_mut().ok())
            .and_then(|r| r.get_mut(b"XObject").ok())
            .and_then(|o| o.as_dict_mut().ok())
    } else {
        match doc.get_object_mut(cut.form) {
            Ok(Object::Stream(s)) => s
                .dict
                .get_mut(b"Resources")
                .ok()
                .and_then(|o| o.as_dict_mut().ok())
                .and_then(|r| r.get_mut(b"XObject").ok())
                .and_then(|o| o.as_dict_mut().ok()),
            _ => None,
        }
    };
    if let Some(x) = target {
        x.remove(&cut.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{Stream, dictionary};
    /// Adds a one-page tree with these resources; returns the page.
    fn add_page(doc: &mut Document, resources: Dictionary) -> ObjectId {
        let pages = doc.new_object_id();
        let page = doc.add_object(
            dictionary! { "Type" => "Page", "Parent" => pages, "Resources" => resources },
        );
        let tree = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
        doc.objects.insert(pages, Object::Dictionary(tree));
        let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", cat);
        page
    }
    #[test]
    fn a_form_that_draws_itself_is_cut_once() {
        let mut doc = Document::with_version("1.5");
        let form = doc.new_object_id();
        let own = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form",
            "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form } } },
            b"/X1 Do".to_vec(),
        );
        doc.objects.insert(form, Object::Stream(own));
        let page = add_page(
            &mut doc,
            dictionary! { "XObject" => dictionary! { "X1" => form } },
        );
        assert_eq!(cut_form_cycles(&mut doc), 1);
        assert_eq!(cut_form_cycles(&mut doc), 0);
        // The page still draws the form; the form no longer draws itself.
        let page_dict = doc.get_dictionary(page).unwrap();
        assert_eq!(
            forms_of(
                &doc,
                dict_of(&doc, page_dict.get(b"Resources").unwrap()).unwrap()
            )
            .len(),
            1
        );
        assert!(forms_of(&doc, &own_resources(&doc, form).unwrap()).is_empty());
    }
    #[test]
    fn many_forms_drawing_each_other_are_walked_in_polynomial_time() {
        // 40 forms without resources of their own, each listed on the page:
        // each draws every other through the page's resources. A walk over
        // paths would take 40! steps.
        let mut doc = Document::with_version("1.5");
        let forms: Vec<ObjectId> = (0..40)
            .map(|_| {
                doc.add_object(Stream::new(
                    dictionary! { "Type" => "XObject", "Subtype" => "Form" },
                    Vec::new(),
                ))
            })
            .collect();
        let mut x = Dictionary::new();
        for (i, f) in forms.iter().enumerate() {
            x.set(format!("X{i}"), *f);
        }
        add_page(&mut doc, dictionary! { "XObject" => x });
        let cuts = cut_form_cycles(&mut doc);
        assert!(cuts >= 40, "{cuts}");
        // After the cuts, no form draws a form any more than once deep.
        assert_eq!(cut_form_cycles(&mut doc), 0);
    }
    #[test]
    fn a_form_inheriting_the_page_that_draws_it_gets_its_own_resources() {
        let mut doc = Document::with_version("1.5");
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            b"/X1 Do".to_vec(),
        ));
        let page = add_page(
            &mut doc,
            dictionary! { "XObject" => dictionary! { "X1" => form } },
        );
        assert_eq!(cut_form_cycles(&mut doc), 1);
        assert!(forms_of(&doc, &own_resources(&doc, form).unwrap()).is_empty());
        let page_dict = doc.get_dictionary(page).unwrap();
        assert_eq!(
            forms_of(
                &doc,
                dict_of(&doc, page_dict.get(b"Resources").unwrap()).unwrap()
            )
            .len(),
            1
        );
    }
}
