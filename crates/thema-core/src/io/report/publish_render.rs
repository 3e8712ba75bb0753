//! Publication tables ([`super::publish::PubTable`]) as HTML and Markdown.

use super::publish::PubTable;

fn esc(s: &str) -> String {
    super::escape::esc(s).into_owned()
}

/// The table as an HTML `<table>` with its caption and footnotes; cells
/// wrap, so it fits a printed page.
pub fn to_html(t: &PubTable) -> String {
    let lines = |c: &str| c.split('\n').map(esc).collect::<Vec<_>>().join("<br>");
    // Columns of prose share the width evenly (a browser would squeeze an
    // empty column to nothing).
    let prose = t.numeric.iter().skip(1).any(|n| !n);
    let mut h = format!(
        "<table class=\"pub{}\" id=\"pub-{}\">\n<caption>{}</caption>\n<thead><tr>",
        if prose { " prose" } else { "" },
        esc(&t.name),
        esc(&t.caption)
    );
    for (i, head) in t.headings.iter().enumerate() {
        let class = if t.numeric.get(i) == Some(&true) {
            " class=\"num\""
        } else {
            ""
        };
        h.push_str(&format!("<th{class}>{}</th>", esc(head)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        if r.group {
            h.push_str(&format!(
                "<tr class=\"group\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>\n",
                t.headings.len(),
                esc(&r.cells[0])
            ));
            continue;
        }
        h.push_str(if r.bold {
            "<tr class=\"bold\">"
        } else {
            "<tr>"
        });
        for (i, c) in r.cells.iter().enumerate() {
            let text = if r.bold {
                format!("<strong>{}</strong>", lines(c))
            } else {
                lines(c)
            };
            if i == 0 {
                let pad = if r.indent > 0 {
                    format!(" style=\"padding-left:{}em\"", f32::from(r.indent) * 1.2)
                } else {
                    String::new()
                };
                h.push_str(&format!("<td{pad}>{text}</td>"));
            } else {
                let class = if t.numeric.get(i) == Some(&true) {
                    " class=\"num\""
                } else {
                    ""
                };
                h.push_str(&format!("<td{class}>{text}</td>"));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    for f in &t.footnotes {
        h.push_str(&format!("<p class=\"footnote\">{}</p>\n", esc(f)));
    }
    h
}

/// The table as Markdown: the caption as a bold line, group headings as
/// bold rows, indentation with no-break spaces, footnotes in italics.
pub fn to_markdown(t: &PubTable) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut m = format!(
        "**{}**\n\n| {} |\n|",
        cell(&t.caption),
        t.headings
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    for i in 0..t.headings.len() {
        m.push_str(if t.numeric.get(i) == Some(&true) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    m.push('\n');
    for r in &t.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c = cell(c).replace('\n', "<br>");
                let c = if (r.bold || r.group) && !c.is_empty() {
                    format!("**{c}**")
                } else {
                    c
                };
                if i == 0 {
                    format!("{}{c}", "\u{a0}".repeat(4 * usize::from(r.indent)))
                } else {
                    c
                }
            })
            .collect();
        m.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    m.push('\n');
    for f in &t.footnotes {
        m.push_str(&format!("_{}_\n\n", cell(f)));
    }
    m
}
