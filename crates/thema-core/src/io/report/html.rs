//! The single self-contained HTML report: scope, charts (inline SVG), every
//! table and the factor summaries, readable offline with no scripts.

use super::chart;
use super::sheets::{Cell, Sheet};
use crate::analysis::Tables;
use crate::model::Project;

use super::escape::esc;

fn table_html(s: &Sheet) -> String {
    let mut h = format!(
        "<h2 id=\"{}\">{}</h2>\n<div class=\"wrap\"><table>\n<thead><tr>",
        esc(&s.name),
        esc(&s.title)
    );
    for c in &s.columns {
        h.push_str(&format!("<th>{}</th>", esc(c)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &s.rows {
        h.push_str("<tr>");
        for c in r {
            let class = if matches!(c, Cell::Int(_) | Cell::Decimal(_)) {
                " class=\"num\""
            } else {
                ""
            };
            h.push_str("<td");
            h.push_str(class);
            h.push('>');
            h.push_str(&esc(&c.as_text()));
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    if let Some(note) = &s.note {
        h.push_str(&format!("<p class=\"scope\">{}</p>\n", esc(note)));
    }
    h
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Ubuntu,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
table{border-collapse:collapse;margin:1em 0 2em;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\
th{background:#f2f2f2;font-size:12px}td:first-child{min-width:16em}.wrap{overflow-x:auto}td.num{text-align:right;font-variant-numeric:tabular-nums}h1{margin-bottom:0}.scope{color:#555}\
blockquote{margin:.4em 0 .4em 1em;padding-left:.8em;border-left:3px solid #ccc}.cite{color:#555;font-size:90%}svg{max-width:100%;height:auto}\
table.pub{width:100%;border-top:1.5px solid #000;border-bottom:1.5px solid #000}table.pub caption{caption-side:top;text-align:left;padding:.3em 0;font-size:14px}\
table.pub th,table.pub td{border:none;padding:3px 8px}table.pub thead th{background:none;border-bottom:1px solid #000;font-size:13px;vertical-align:bottom}\
table.pub td.num,table.pub th.num{text-align:right;white-space:nowrap}table.pub tr.group th{text-align:left;padding-top:.6em}table.pub td:first-child{min-width:0}\
table.pub.prose{table-layout:fixed}table.pub.prose td{font-size:12px;overflow-wrap:anywhere}table.pub.prose th{overflow-wrap:anywhere;hyphens:auto}.footnote{font-size:12px;color:#333;margin:.2em 0}nav a{white-space:nowrap}\
@page{size:A4;margin:18mm}@media print{body{max-width:none;margin:0;font-size:11pt}.wrap{overflow:visible}table{font-size:9pt;page-break-inside:auto}tr{page-break-inside:avoid}thead{display:table-header-group}nav{display:none}h2{page-break-after:avoid}}";

/// One table as a small HTML page.
pub fn table_page(p: &Project, s: &Sheet) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} — {}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n{}</body></html>\n",
        esc(&s.title),
        esc(&p.name),
        esc(&p.name),
        table_html(s)
    )
}

/// Publication tables as one HTML page (caption, table, footnotes each).
pub fn publication_page(p: &Project, tables: &[super::publish::PubTable]) -> String {
    let body: String = tables.iter().map(super::publish_render::to_html).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n{body}</body></html>\n",
        esc(&p.name),
        esc(&p.name)
    )
}

/// The whole report as one HTML document.
pub fn report(p: &Project, t: &Tables) -> Result<String, super::ReportError> {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} — Thema report</title><style>{STYLE}</style></head><body>\n",
        esc(&p.name)
    );
    h.push_str(&format!(
        "<h1>{}</h1>\n<p class=\"scope\">{} · N = {} documents · {}</p>\n",
        esc(&p.name),
        esc(&t.describe(p)),
        t.prevalence.n_total,
        crate::model::time::now_iso()
    ));
    // The contents link only to the sections this report has.
    let tables: Vec<Sheet> = super::all_sheets(p, t)
        .into_iter()
        .filter(|s| s.name != "summary")
        .collect();
    let mut nav = vec![("charts".to_owned(), "Charts".to_owned())];
    nav.extend(tables.iter().map(|s| (s.name.clone(), s.title.clone())));
    if t.summaries
        .iter()
        .any(|f| !f.groups.is_empty() || !f.description.is_empty())
    {
        nav.push(("factor-summaries".to_owned(), "Factor summaries".to_owned()));
    }
    h.push_str("<nav>");
    h.push_str(
        &nav.iter()
            .map(|(id, title)| format!("<a href=\"#{}\">{}</a>", esc(id), esc(title)))
            .collect::<Vec<_>>()
            .join(" · "),
    );
    h.push_str("</nav>\n");
    h.push_str("<h2 id=\"charts\">Charts</h2>\n");
    h.push_str(&chart::svg(&chart::prevalence_chart(p, &t.prevalence))?);
    h.push_str(&chart::svg(&chart::category_chart(p, &t.prevalence, 2))?);
    for s in &tables {
        // Tables with a journal shape are printed in it; the others as data.
        if matches!(
            s.name.as_str(),
            "prevalence" | "characteristics" | "references" | "crosstab" | "citations"
        ) {
            h.push_str(&format!(
                "<h2 id=\"{}\">{}</h2>\n",
                esc(&s.name),
                esc(&s.title)
            ));
            for pt in super::publication_tables(p, t, &s.name, s) {
                h.push_str(&super::publish_render::to_html(&pt));
            }
        } else {
            h.push_str(&table_html(s));
        }
    }
    if nav.iter().any(|(id, _)| id == "factor-summaries") {
        h.push_str("<h2 id=\"factor-summaries\">Factor summaries</h2>\n");
    }
    if nav.iter().any(|(id, _)| id == "factor-summaries") {
        // The summary as published, then the passages behind it.
        h.push_str(&super::publish_render::to_html(
            &super::publish::factor_summary(p, t).with_abbreviations(),
        ));
        h.push_str("<h3 id=\"quotations\">Quotations behind the summary of factors</h3>\n");
    }
    for f in &t.summaries {
        if f.groups.is_empty() {
            continue;
        }
        let tag = if f.level == 1 { "h3" } else { "h4" };
        h.push_str(&format!("<{tag}>{}</{tag}>\n", esc(&f.path)));
        for g in &f.groups {
            h.push_str(&format!(
                "<p><strong>{}</strong> ({} passages)</p>\n",
                esc(&g.category),
                g.quotes.len()
            ));
            for q in &g.quotes {
                let via = q
                    .via
                    .as_ref()
                    .map(|v| format!(" · {}", esc(v)))
                    .unwrap_or_default();
                h.push_str(&format!(
                    "<blockquote>“{}” <span class=\"cite\">({}{via})</span></blockquote>\n",
                    esc(&q.text),
                    esc(&q.citation())
                ));
            }
        }
    }
    h.push_str("<p class=\"scope\">Made with Thema.</p></body></html>\n");
    Ok(h)
}
