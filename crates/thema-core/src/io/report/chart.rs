//! Charts for reports, drawn with plotters into SVG; PNG is the same SVG
//! rasterised by resvg with Thema's built-in font, so both formats match
//! and no system font is needed.
//!
//! Two charts: prevalence per theme (horizontal bars, % of documents) and
//! documents per category for each code (stacked horizontal bars).

use crate::analysis::PrevalenceTable;
use crate::model::Project;
use plotters::prelude::*;

/// One bar, or one stack of segments.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// 0 for a theme; deeper codes are indented and not bold.
    pub depth: usize,
    /// (value, colour) segments from left to right.
    pub segments: Vec<(f64, [u8; 3])>,
}

/// A horizontal bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub x_label: String,
    pub x_max: f64,
    pub bars: Vec<Bar>,
    /// Legend entries (name, colour); empty for single-series charts.
    pub legend: Vec<(String, [u8; 3])>,
}

/// How wide a chart is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartSize {
    /// 900 units wide, for screens and the HTML report.
    Screen,
    /// One journal column: 85 mm.
    OneColumn,
    /// Two journal columns (full page width): 175 mm.
    TwoColumns,
}

impl ChartSize {
    /// Drawing width in SVG units, the width of the label column, and the
    /// printed width in millimetres (none for the screen). Fonts keep
    /// their size in units, so at 85 mm the 15-unit labels print at 7 pt.
    fn layout(self) -> (u32, u32, Option<f64>) {
        match self {
            ChartSize::Screen => (900, 260, None),
            ChartSize::OneColumn => (520, 190, Some(85.0)),
            ChartSize::TwoColumns => (900, 260, Some(175.0)),
        }
    }
}

/// The colours a chart is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Palette {
    /// The colours of the project's themes and categories.
    #[default]
    Project,
    /// Okabe and Ito's eight colours, told apart with every common colour
    /// vision deficiency.
    ColourBlindSafe,
}

/// Okabe–Ito, in the order that keeps neighbours most distinct.
const OKABE_ITO: [[u8; 3]; 8] = [
    [230, 159, 0],   // orange
    [86, 180, 233],  // sky blue
    [0, 158, 115],   // bluish green
    [213, 94, 0],    // vermillion
    [0, 114, 178],   // blue
    [204, 121, 167], // reddish purple
    [240, 228, 66],  // yellow
    [100, 100, 100], // grey
];

/// The chart in a palette: each distinct colour (legend first, then bars
/// top to bottom) takes the palette's next colour, so series keep one
/// colour each.
pub fn recolour(chart: &BarChart, palette: Palette) -> BarChart {
    if palette == Palette::Project {
        return chart.clone();
    }
    let mut seen: Vec<[u8; 3]> = Vec::new();
    let mut index = |c: [u8; 3]| -> [u8; 3] {
        let i = seen.iter().position(|s| *s == c).unwrap_or_else(|| {
            seen.push(c);
            seen.len() - 1
        });
        OKABE_ITO[i % OKABE_ITO.len()]
    };
    let legend = chart
        .legend
        .iter()
        .map(|(n, c)| (n.clone(), index(*c)))
        .collect();
    let bars = chart
        .bars
        .iter()
        .map(|b| Bar {
            segments: b.segments.iter().map(|(v, c)| (*v, index(*c))).collect(),
            ..b.clone()
        })
        .collect();
    BarChart {
        legend,
        bars,
        ..chart.clone()
    }
}

fn rgb(hex: &str) -> [u8; 3] {
    crate::model::codebook::parse_hex_color(hex).unwrap_or([120, 120, 120])
}

/// Prevalence of each top-level code (theme) as % of documents in scope.
pub fn prevalence_chart(p: &Project, t: &PrevalenceTable) -> BarChart {
    let bars = t
        .rows
        .iter()
        .filter(|r| r.level == 1)
        .map(|r| Bar {
            label: r.name.clone(),
            depth: 0,
            segments: vec![(
                crate::analysis::rounding::percent_value(r.n_documents, t.n_total),
                p.codebook
                    .get(r.code)
                    .map(|c| rgb(&c.color))
                    .unwrap_or([78, 121, 167]),
            )],
        })
        .collect();
    BarChart {
        title: format!("Prevalence of themes (N = {} documents)", t.n_total),
        x_label: "% of documents".into(),
        x_max: 100.0,
        bars,
        legend: vec![],
    }
}

/// Documents per category for every code up to `max_level`, stacked.
pub fn category_chart(p: &Project, t: &PrevalenceTable, max_level: usize) -> BarChart {
    let colors: Vec<[u8; 3]> = t
        .categories
        .iter()
        .map(|(id, _)| {
            p.category(*id)
                .map(|c| rgb(&c.color))
                .unwrap_or([120, 120, 120])
        })
        .collect();
    let bars: Vec<Bar> = t
        .rows
        .iter()
        .filter(|r| r.level <= max_level)
        .map(|r| Bar {
            label: r.name.clone(),
            depth: r.level - 1,
            segments: r
                .by_category
                .iter()
                .zip(&colors)
                .map(|(n, c)| (*n as f64, *c))
                .collect(),
        })
        .collect();
    let x_max = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.0).sum::<f64>())
        .fold(1.0, f64::max);
    BarChart {
        title: "Documents per category".into(),
        x_label: "documents (a document can count in several categories)".into(),
        x_max: x_max.ceil(),
        bars,
        legend: t
            .categories
            .iter()
            .map(|(_, n)| n.clone())
            .zip(colors)
            .collect(),
    }
}

/// A label in lines of at most `room` characters, broken between words (a
/// word longer than a line is broken inside, never dropped).
pub fn wrap_label(label: &str, room: usize) -> Vec<String> {
    let room = room.max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split_whitespace() {
        let mut word: String = word.to_owned();
        while word.chars().count() > room {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(room).collect();
            word = word.chars().skip(room).collect();
            lines.push(head);
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws the chart as an SVG document for the screen.
pub fn svg(chart: &BarChart) -> Result<String, super::ReportError> {
    svg_sized(chart, ChartSize::Screen)
}

/// Legend entries laid out in rows that fit `width`: (row, x) per entry.
fn legend_layout(legend: &[(String, [u8; 3])], x0: i32, width: u32) -> Vec<(usize, i32)> {
    let mut out = Vec::new();
    let (mut row, mut x) = (0usize, x0);
    for (name, _) in legend {
        let w = 30 + 9 * name.chars().count() as i32;
        if x > x0 && x + w > width as i32 - 8 {
            row += 1;
            x = x0;
        }
        out.push((row, x));
        x += w;
    }
    out
}

/// Draws the chart as an SVG document at a size; journal sizes carry
/// their printed width in millimetres (and a viewBox), so a word
/// processor places them at 85 or 175 mm.
pub fn svg_sized(chart: &BarChart, size: ChartSize) -> Result<String, super::ReportError> {
    let failed = |e: &dyn std::fmt::Display| super::ReportError::Chart(e.to_string());
    let row_h = 26u32;
    // Extra height per label line beyond the first.
    let line_h = 17u32;
    let (width, label_w, printed_mm) = size.layout();
    // Legend rows start at the label column, or at the left edge when the
    // chart is narrow.
    let legend_x0 = if width < 700 { 16 } else { label_w as i32 };
    let legend_pos = legend_layout(&chart.legend, legend_x0, width);
    let legend_rows = legend_pos.iter().map(|(r, _)| r + 1).max().unwrap_or(0) as u32;
    let legend_h = 28 * legend_rows;
    // Labels wrap between words instead of being cut.
    let labels: Vec<Vec<String>> = chart
        .bars
        .iter()
        .map(|b| {
            wrap_label(
                &b.label,
                (label_w as usize - 20) / 8 + 2 - 2 * b.depth.min(5),
            )
        })
        .collect();
    let rows_h: Vec<u32> = labels
        .iter()
        .map(|l| row_h + line_h * (l.len().max(1) as u32 - 1))
        .collect();
    let bars_h: u32 = rows_h.iter().sum::<u32>().max(row_h);
    let height = 70 + legend_h + bars_h + 40;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| failed(&e))?;
        let font = ("sans-serif", 15).into_font();
        root.draw(&Text::new(
            chart.title.clone(),
            (16, 14),
            ("sans-serif", 20).into_font().style(FontStyle::Bold),
        ))
        .map_err(|e| failed(&e))?;
        for ((name, c), (row, lx)) in chart.legend.iter().zip(&legend_pos) {
            let ly = 48 + 28 * *row as i32;
            root.draw(&Rectangle::new(
                [(*lx, ly), (lx + 14, ly + 14)],
                RGBColor(c[0], c[1], c[2]).filled(),
            ))
            .map_err(|e| failed(&e))?;
            root.draw(&Text::new(name.clone(), (lx + 20, ly), font.clone()))
                .map_err(|e| failed(&e))?;
        }
        let top = 56 + legend_h as i32;
        // Room on the right for the value after the longest bar ("100.0%").
        let plot_w = (width - label_w - 64) as f64;
        let scale = |v: f64| (v / chart.x_max.max(1e-9) * plot_w).round() as i32;
        let mut y = top;
        for (i, bar) in chart.bars.iter().enumerate() {
            let this_h = rows_h[i] as i32;
            let nested = chart.bars.iter().any(|b| b.depth > 0);
            let color = if bar.depth == 0 && nested {
                BLACK
            } else {
                RGBColor(70, 70, 70)
            };
            let x = 12 + 16 * bar.depth as i32;
            for (k, line) in labels[i].iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (x, y + 5 + line_h as i32 * k as i32),
                    font.clone().color(&color),
                ))
                .map_err(|e| failed(&e))?;
            }
            let mut x = label_w as i32;
            for (v, c) in &bar.segments {
                let w = scale(*v);
                if w > 0 {
                    root.draw(&Rectangle::new(
                        [(x, y + 3), (x + w, y + row_h as i32 - 3)],
                        RGBColor(c[0], c[1], c[2]).filled(),
                    ))
                    .map_err(|e| failed(&e))?;
                }
                x += w;
            }
            let total: f64 = bar.segments.iter().map(|s| s.0).sum();
            let value = if chart.legend.is_empty() {
                format!("{total:.1}%")
            } else {
                format!("{total:.0}")
            };
            root.draw(&Text::new(
                value,
                (x + 6, y + 5),
                ("sans-serif", 13).into_font(),
            ))
            .map_err(|e| failed(&e))?;
            y += this_h;
        }
        // Axis with ticks at 0, 25, 50, 75, 100 % of the range.
        let axis_y = top + bars_h as i32 + 4;
        let x0 = label_w as i32;
        root.draw(&PathElement::new(
            vec![(x0, axis_y), (x0 + plot_w as i32, axis_y)],
            BLACK.stroke_width(1),
        ))
        .map_err(|e| failed(&e))?;
        for k in 0..=4 {
            let v = chart.x_max * k as f64 / 4.0;
            let x = x0 + scale(v);
            root.draw(&PathElement::new(
                vec![(x, axis_y), (x, axis_y + 5)],
                BLACK.stroke_width(1),
            ))
            .map_err(|e| failed(&e))?;
            root.draw(&Text::new(
                format!("{v:.0}"),
                (x - 8, axis_y + 8),
                ("sans-serif", 12).into_font(),
            ))
            .map_err(|e| failed(&e))?;
        }
        root.draw(&Text::new(
            chart.x_label.clone(),
            (x0, axis_y + 24),
            ("sans-serif", 12).into_font(),
        ))
        .map_err(|e| failed(&e))?;
        root.present().map_err(|e| failed(&e))?;
    }
    if let Some(mm) = printed_mm {
        out = with_printed_size(&out, width, height, mm);
    }
    Ok(out)
}

/// Gives an SVG its printed width in millimetres (height in proportion)
/// and a viewBox of its drawing units.
fn with_printed_size(svg: &str, width: u32, height: u32, mm: f64) -> String {
    // plotters writes the viewBox already; only the size changes.
    let old = format!("width=\"{width}\" height=\"{height}\"");
    let h_mm = mm * f64::from(height) / f64::from(width);
    let new = format!("width=\"{mm}mm\" height=\"{h_mm:.1}mm\"");
    let sized = svg.replacen(&old, &new, 1);
    if sized.contains("viewBox=") {
        sized
    } else {
        sized.replacen(&new, &format!("{new} viewBox=\"0 0 {width} {height}\""), 1)
    }
}

/// Rasterises an SVG (from `svg`) to PNG at 2× for crisp text.
pub fn png(svg_text: &str) -> Result<Vec<u8>, super::ReportError> {
    raster(svg_text, None)
}

/// A chart at a journal size as a PNG at `dpi` (300 for print): 85 mm at
/// 300 dpi is 1004 pixels wide.
pub fn png_at_dpi(
    chart: &BarChart,
    size: ChartSize,
    dpi: f64,
) -> Result<Vec<u8>, super::ReportError> {
    let (width, _, mm) = size.layout();
    let mm = mm.unwrap_or(f64::from(width) / 96.0 * 25.4);
    let pixels = (mm / 25.4 * dpi).round() as u32;
    raster(&svg_sized(chart, size)?, Some(pixels))
}

/// Rasterises at twice the SVG's size, or at a given pixel width.
fn raster(svg_text: &str, pixels_wide: Option<u32>) -> Result<Vec<u8>, super::ReportError> {
    let failed = |e: &dyn std::fmt::Display| super::ReportError::Chart(e.to_string());
    let mut opt = resvg::usvg::Options::default();
    let db = std::sync::Arc::make_mut(&mut opt.fontdb);
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()));
    if let Some(family) = family {
        db.set_sans_serif_family(family);
    }
    let tree = resvg::usvg::Tree::from_str(svg_text, &opt).map_err(|e| failed(&e))?;
    let size = tree.size().to_int_size();
    let scale = match pixels_wide {
        Some(px) => px as f32 / size.width().max(1) as f32,
        None => 2.0,
    };
    let mut pixmap = resvg::tiny_skia::Pixmap::new(
        (size.width() as f32 * scale) as u32,
        (size.height() as f32 * scale) as u32,
    )
    .ok_or(super::ReportError::ChartTooLarge)?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| failed(&e))
}

#[cfg(test)]
mod wrap_tests {
    use super::{Bar, BarChart, OKABE_ITO, Palette, recolour, wrap_label};

    #[test]
    fn the_colour_blind_safe_palette_keeps_one_colour_per_series() {
        let bar = |segs: Vec<[u8; 3]>| Bar {
            label: "x".into(),
            depth: 0,
            segments: segs.into_iter().map(|c| (1.0, c)).collect(),
        };
        let c = BarChart {
            title: String::new(),
            x_label: String::new(),
            x_max: 2.0,
            bars: vec![
                bar(vec![[1, 1, 1], [2, 2, 2]]),
                bar(vec![[1, 1, 1], [2, 2, 2]]),
            ],
            legend: vec![("B".into(), [1, 1, 1]), ("F".into(), [2, 2, 2])],
        };
        let r = recolour(&c, Palette::ColourBlindSafe);
        assert_eq!(r.legend[0].1, OKABE_ITO[0]);
        assert_eq!(r.legend[1].1, OKABE_ITO[1]);
        assert_eq!(r.bars[1].segments[1].1, OKABE_ITO[1]);
        assert_eq!(recolour(&c, Palette::Project), c);
    }

    #[test]
    fn long_labels_wrap_between_words_and_lose_nothing() {
        assert_eq!(
            wrap_label("Professional identities and boundaries", 20),
            vec!["Professional", "identities and", "boundaries"]
        );
        assert_eq!(wrap_label("Short", 20), vec!["Short"]);
        assert_eq!(wrap_label("Abcdefghij", 4), vec!["Abcd", "efgh", "ij"]);
        assert_eq!(wrap_label("", 10), vec![""]);
    }
}
