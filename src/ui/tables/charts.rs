//! Charts tab: theme prevalence (% of documents) and documents per category
//! for each code, drawn with egui_plot from the same chart data that the
//! SVG/PNG export draws.

use crate::io::report::chart;
use crate::session::Workspace;
use crate::ui::Intent;
use egui_plot::{Bar, BarChart, Plot};

pub fn show(ui: &mut egui::Ui, ws: &Workspace, out: &mut Vec<Intent>) {
    let (Some(t), p) = (ws.prevalence(), &ws.project) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("charts_view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut safe = ws.chart_palette == chart::Palette::ColourBlindSafe;
            if ui
                .checkbox(&mut safe, "Colour-blind-safe colours")
                .on_hover_text("Okabe and Ito's palette, told apart with every common colour vision deficiency; exports use it too")
                .changed()
            {
                out.push(Intent::SetChartPalette(if safe {
                    chart::Palette::ColourBlindSafe
                } else {
                    chart::Palette::Project
                }));
            }
            let themes = chart::recolour(&chart::prevalence_chart(p, t), ws.chart_palette);
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(&themes.title).strong());
                if ui.small_button("SVG…").clicked() {
                    out.push(Intent::ExportChart {
                        chart: 0,
                        png: false,
                        size: chart::ChartSize::Screen,
                    });
                }
                if ui.small_button("PNG…").clicked() {
                    out.push(Intent::ExportChart {
                        chart: 0,
                        png: true,
                        size: chart::ChartSize::Screen,
                    });
                }
            });
            bars(ui, "theme_chart", &themes, 100.0);
            ui.add_space(12.0);
            let cats = chart::recolour(&chart::category_chart(p, t, 2), ws.chart_palette);
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(&cats.title).strong());
                if ui.small_button("SVG…").clicked() {
                    out.push(Intent::ExportChart {
                        chart: 1,
                        png: false,
                        size: chart::ChartSize::Screen,
                    });
                }
                if ui.small_button("PNG…").clicked() {
                    out.push(Intent::ExportChart {
                        chart: 1,
                        png: true,
                        size: chart::ChartSize::Screen,
                    });
                }
            });
            bars(ui, "category_chart", &cats, cats.x_max);
        });
}

/// Horizontal (stacked) bars, first bar at the top, names on the y axis.
fn bars(ui: &mut egui::Ui, id: &str, c: &chart::BarChart, x_max: f64) {
    let n = c.bars.len();
    // Names take at most about 40% of the panel: a longer one is shortened
    // here (hovering its bar shows it whole; exported charts wrap it).
    let budget = ((ui.available_width() * 0.4 / 7.0) as usize).max(12);
    let names: Vec<String> = c
        .bars
        .iter()
        .map(|b| {
            let room = budget.saturating_sub(2 * b.depth).max(8);
            let label = if b.label.chars().count() > room {
                b.label.chars().take(room - 1).collect::<String>() + "…"
            } else {
                b.label.clone()
            };
            format!("{}{label}", "  ".repeat(b.depth))
        })
        .collect();
    // The legend above the plot, never over its bars.
    if !c.legend.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for (name, rgb) in &c.legend {
                // A square and its name as one label: they wrap together.
                let mut job = egui::text::LayoutJob::default();
                let font = egui::TextStyle::Body.resolve(ui.style());
                job.append(
                    "■ ",
                    0.0,
                    egui::TextFormat::simple(
                        font.clone(),
                        egui::Color32::from_rgb(rgb[0], rgb[1], rgb[2]),
                    ),
                );
                job.append(
                    name,
                    0.0,
                    egui::TextFormat::simple(font, ui.visuals().text_color()),
                );
                ui.add(egui::Label::new(job).wrap_mode(egui::TextWrapMode::Extend));
                ui.add_space(8.0);
            }
        });
    }
    let series = c.bars.first().map_or(0, |b| b.segments.len());
    let mut charts: Vec<BarChart> = Vec::new();
    for s in 0..series {
        let name = c
            .legend
            .get(s)
            .map(|l| l.0.clone())
            .unwrap_or_else(|| c.x_label.clone());
        let bars: Vec<Bar> = c
            .bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let (v, rgb) = b.segments[s];
                Bar::new((n - 1 - i) as f64, v)
                    .name(&b.label)
                    .fill(egui::Color32::from_rgb(rgb[0], rgb[1], rgb[2]))
                    .width(0.7)
            })
            .collect();
        let rgb = c
            .legend
            .get(s)
            .map(|l| l.1)
            .or_else(|| c.bars.first().map(|b| b.segments[s].1))
            .unwrap_or([120, 120, 120]);
        let mut chart = BarChart::new(name, bars)
            .horizontal()
            .color(egui::Color32::from_rgb(rgb[0], rgb[1], rgb[2]));
        let below: Vec<&BarChart> = charts.iter().collect();
        chart = chart.stack_on(&below);
        charts.push(chart);
    }
    let height = (n as f32 * 22.0 + 60.0).clamp(140.0, 520.0);
    let plot = Plot::new(id)
        .height(height)
        .include_x(0.0)
        .include_x(x_max)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_grid([true, false])
        .y_axis_min_width(80.0)
        .y_axis_formatter(move |mark, _range| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                names[n - 1 - i as usize].clone()
            } else {
                String::new()
            }
        });
    plot.show(ui, |plot_ui| {
        for chart in charts {
            plot_ui.bar_chart(chart);
        }
    });
}
