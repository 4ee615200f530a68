//! Charts drawn on the server as SVG geometry: bars, ticks and labels are
//! computed here and printed as attributes by `templates/partials/chart.html`
//! (no `style` attributes; colours come from `role-{n}` classes). A chart
//! always sits next to a table that holds the same figures.
//!
//! Each chart is drawn twice: a wide drawing with its labels left of the
//! bars, and a narrow one for phones, drawn at its own size on a 320 px
//! screen, with each label above its bars. The stylesheet shows one.

use super::chart_legend::{LegendItem, legend};
use super::chart_scale::{Span, axis};
use super::format;

const BAR: f64 = 14.0;
const BAR_GAP: f64 = 4.0;
const GROUP_GAP: f64 = 14.0;
const AXIS: f64 = 28.0;
/// Height of a group's label line above its bars, in the narrow drawing.
const LABEL_LINE: f64 = 18.0;
/// The narrowest a bar is drawn: a range of one figure (a median) is a
/// mark this wide, centred on it.
const MIN_MARK: f64 = 4.0;

/// Rounds SVG coordinates to a tenth so the markup stays short.
fn r(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A drawing's size and margins around its plot.
#[derive(Clone, Copy)]
struct Frame {
    width: f64,
    left: f64,
    right: f64,
    /// Group labels above their bars (else left of them).
    labels_above: bool,
}

impl Frame {
    /// The wide drawing: labels in a column of `left` units.
    fn wide(left: f64, right: f64) -> Self {
        Self {
            width: 640.0,
            left,
            right,
            labels_above: false,
        }
    }

    /// The phone drawing: 288 units, drawn 1:1 inside a 320 px screen's
    /// margins.
    fn narrow(left: f64, right: f64) -> Self {
        Self {
            width: 288.0,
            left,
            right,
            labels_above: true,
        }
    }

    fn plot(&self) -> f64 {
        self.width - self.left - self.right
    }
}

pub struct BarChart {
    /// Prefix of the chart's element ids (`{id}-title`, `{id}-desc`).
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Shown on wider screens.
    pub wide: Drawing,
    /// Shown on phones.
    pub narrow: Drawing,
    /// What a chart of ranges is drawn from, to draw it again on another
    /// axis (see [`BarChart::share_axis`]).
    ranges: Option<Ranges>,
}

/// A range chart's figures: its currency, its roles (`(colour, name)`)
/// and its rows (`(label, bars)`).
struct Ranges {
    currency: String,
    roles: Vec<(usize, String)>,
    rows: Vec<(String, Vec<SalaryBar>)>,
}

impl Ranges {
    fn span(&self) -> Option<Span> {
        Span::of(
            self.rows
                .iter()
                .flat_map(|(_, bars)| bars.iter())
                .map(|bar| (bar.min, bar.max, bar.open_ended)),
        )
    }
}

impl BarChart {
    /// The drawings, each with whether it is the narrow one.
    pub fn drawings(&self) -> [(&Drawing, bool); 2] {
        [(&self.wide, false), (&self.narrow, true)]
    }

    /// The colours of the roles it shows.
    pub fn colours(&self) -> Vec<usize> {
        self.wide.legend.iter().map(|item| item.colour).collect()
    }
}

/// One drawing of a chart.
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub legend: Vec<LegendItem>,
    pub ticks: Vec<Tick>,
    pub groups: Vec<GroupLabel>,
    pub bars: Vec<Bar>,
    /// Where the plot area starts and ends, for the baseline.
    pub plot_left: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
}

impl Drawing {
    /// Where tick labels sit.
    pub fn tick_label_y(&self) -> f64 {
        r(self.plot_bottom + 18.0)
    }
}

pub struct Tick {
    pub x: f64,
    pub label: String,
}

pub struct GroupLabel {
    pub x: f64,
    pub y: f64,
    /// `start` or `end`.
    pub anchor: &'static str,
    pub label: String,
}

pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// Points of an arrowhead after the bar when the range is open-ended.
    pub open_end: Option<String>,
    /// A figure printed after the bar.
    pub label: Option<String>,
    pub label_x: f64,
    /// What the bar shows, as text (its `<title>`).
    pub text: String,
}

impl Bar {
    pub fn height(&self) -> f64 {
        BAR
    }
    pub fn label_y(&self) -> f64 {
        r(self.y + BAR - 3.0)
    }
}

/// Bars in groups, one group per label, from the legend down: where each
/// bar goes (`y`, by group), each group's label, and where the plot area
/// starts and ends.
struct Rows {
    bar_y: Vec<Vec<f64>>,
    labels: Vec<GroupLabel>,
    top: f64,
    bottom: f64,
}

/// Lays out `groups` (`(label, bars)`; empty groups are left out) below a
/// legend ending at `legend_y`.
fn rows(frame: Frame, legend_y: f64, groups: &[(&str, usize)]) -> Rows {
    let top = legend_y + 8.0;
    let mut y = top + 6.0;
    let mut bar_y = Vec::new();
    let mut labels = Vec::new();
    for (label, count) in groups {
        if *count == 0 {
            bar_y.push(Vec::new());
            continue;
        }
        let label_y = if frame.labels_above {
            y += LABEL_LINE;
            y - 6.0
        } else {
            y + (*count as f64 * (BAR + BAR_GAP) - BAR_GAP) / 2.0 + 4.0
        };
        labels.push(GroupLabel {
            x: if frame.labels_above {
                0.0
            } else {
                frame.left - 8.0
            },
            y: r(label_y),
            anchor: if frame.labels_above { "start" } else { "end" },
            label: (*label).to_owned(),
        });
        bar_y.push(
            (0..*count)
                .map(|i| y + i as f64 * (BAR + BAR_GAP))
                .collect(),
        );
        y += *count as f64 * (BAR + BAR_GAP) + GROUP_GAP;
    }
    Rows {
        bar_y,
        labels,
        top,
        bottom: y - GROUP_GAP,
    }
}

/// The kinds of work in `shares`, in order of first appearance.
pub fn kinds_of_work(shares: &[HoursByKind]) -> Vec<&str> {
    let mut kinds: Vec<&str> = Vec::new();
    for share in shares {
        for (kind, _, _) in &share.kinds {
            if !kinds.contains(&kind.as_str()) {
                kinds.push(kind);
            }
        }
    }
    kinds
}

/// The hours chart in words, for its `<desc>`.
fn hours_description(shares: &[HoursByKind]) -> String {
    let desc = shares
        .iter()
        .map(|s| {
            let parts: Vec<String> = s.kinds.iter().map(|(k, _, h)| format!("{k} {h}")).collect();
            format!("{}: {} in all; {}", s.role, s.total, parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join(". ");
    format!("{desc}.")
}

/// One salary range drawn from `x0` to `x1` at `y`, with an arrowhead past
/// `x1` when the range is open-ended; a range too short to see is a mark
/// [`MIN_MARK`] wide, centred on it.
fn range_bar(bar: &SalaryBar, level: &str, y: f64, x0: f64, x1: f64) -> Bar {
    let mid = r(y + BAR / 2.0);
    let short = (MIN_MARK - (x1 - x0)).max(0.0) / 2.0;
    Bar {
        x: r(x0 - short),
        y: r(y),
        width: r((x1 - x0).max(MIN_MARK)),
        colour: bar.colour,
        open_end: bar.open_ended.then(|| {
            format!(
                "{},{} {},{} {},{}",
                r(x1 + 1.0),
                r(y),
                r(x1 + 11.0),
                mid,
                r(x1 + 1.0),
                r(y + BAR)
            )
        }),
        label: None,
        label_x: 0.0,
        text: format!("{} — {level}: {}", bar.role, bar.range),
    }
}

/// Hours per kind of work in `frame`: one bar per role per kind.
fn hours_drawing(frame: Frame, shares: &[HoursByKind]) -> Drawing {
    let kinds = kinds_of_work(shares);
    let max = shares
        .iter()
        .flat_map(|s| s.kinds.iter().map(|k| k.1))
        .max()
        .unwrap_or(1)
        .max(1);
    let names: Vec<(usize, String)> = shares.iter().map(|s| (s.colour, s.role.clone())).collect();
    let (legend, legend_y) = legend(&names, frame.width);
    let groups: Vec<(&str, usize)> = kinds.iter().map(|k| (*k, shares.len())).collect();
    let layout = rows(frame, legend_y, &groups);
    let mut bars = Vec::new();
    for (kind, ys) in kinds.iter().zip(&layout.bar_y) {
        for (share, y) in shares.iter().zip(ys) {
            let minutes = share
                .kinds
                .iter()
                .find(|(k, _, _)| k == kind)
                .map_or(0, |k| k.1);
            let width = r(frame.plot() * f64::from(minutes) / f64::from(max));
            let figure = format::hours(minutes);
            bars.push(Bar {
                x: frame.left,
                y: r(*y),
                width,
                colour: share.colour,
                open_end: None,
                label_x: r(frame.left + width + 6.0),
                text: format!("{}: {kind}, {figure}", share.role),
                label: Some(figure),
            });
        }
    }
    Drawing {
        width: frame.width,
        height: r(layout.bottom + GROUP_GAP),
        legend,
        ticks: Vec::new(),
        groups: layout.labels,
        bars,
        plot_left: frame.left,
        plot_top: r(layout.top),
        plot_bottom: r(layout.bottom),
    }
}

/// Salary ranges in `frame`, on an axis over `span` of about `ticks`
/// ticks.
fn ranges_drawing(frame: Frame, ticks: f64, ranges: &Ranges, span: Span) -> Drawing {
    let Ranges {
        currency,
        roles,
        rows: rows_in,
    } = ranges;
    let (start, end, step) = axis(span, ticks);
    let scale = |v: f64| r(frame.left + frame.plot() * (v - start) / (end - start).max(1.0));
    let (legend, legend_y) = legend(roles, frame.width);
    let groups: Vec<(&str, usize)> = rows_in
        .iter()
        .map(|(label, bars)| (label.as_str(), bars.len()))
        .collect();
    let layout = rows(frame, legend_y, &groups);
    let mut bars = Vec::new();
    for ((label, row), ys) in rows_in.iter().zip(&layout.bar_y) {
        for (bar, y) in row.iter().zip(ys) {
            let (x0, x1) = (scale(bar.min as f64), scale(bar.max as f64));
            bars.push(range_bar(bar, label, *y, x0, x1));
        }
    }
    let plot_bottom = r(layout.bottom + 6.0);
    // Counted, not summed: a step too small to change a huge figure cannot
    // make the loop endless, and there are never more than a few dozen.
    let steps = ((end - start) / step).round().clamp(1.0, 40.0) as u32;
    let axis: Vec<Tick> = (0..=steps)
        .map(|i| start + step * f64::from(i))
        .map(|value| Tick {
            x: scale(value),
            label: format::compact_money(value as u64, currency),
        })
        .collect();
    Drawing {
        width: frame.width,
        height: r(plot_bottom + AXIS),
        legend,
        ticks: axis,
        groups: layout.labels,
        bars,
        plot_left: frame.left,
        plot_top: r(layout.top),
        plot_bottom,
    }
}

impl BarChart {
    /// Hours per kind of work, one bar per role per kind.
    pub fn hours_by_kind(shares: &[HoursByKind]) -> Self {
        Self {
            id: "share-chart".to_owned(),
            title: "Hours by kind of work".to_owned(),
            desc: hours_description(shares),
            wide: hours_drawing(Frame::wide(120.0, 56.0), shares),
            narrow: hours_drawing(Frame::narrow(0.0, 44.0), shares),
            ranges: None,
        }
    }

    /// Salary ranges: one bar per role per level, from min to max, with an
    /// arrowhead past the max when the range is open-ended.
    ///
    /// `roles` are `(colour, role name)`; `rows` are `(level label, a bar
    /// per role listing it)`; all figures share `currency`.
    pub fn salary_ranges(
        id: &str,
        title: &str,
        currency: &str,
        roles: &[(usize, String)],
        rows: &[(String, Vec<SalaryBar>)],
    ) -> Self {
        let ranges = Ranges {
            currency: currency.to_owned(),
            roles: roles.to_vec(),
            rows: rows.to_vec(),
        };
        let span = ranges.span().unwrap_or(Span {
            low: 0,
            high: 1,
            open: false,
        });
        let wide = ranges_drawing(Frame::wide(96.0, 24.0), 5.0, &ranges, span);
        let descs: Vec<&str> = wide.bars.iter().map(|bar| bar.text.as_str()).collect();
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            desc: format!("{}.", descs.join("; ")),
            narrow: ranges_drawing(Frame::narrow(18.0, 24.0), 4.0, &ranges, span),
            wide,
            ranges: Some(ranges),
        }
    }

    /// Draws range charts of one unit again on one axis, the union of
    /// their figures, so the same figure sits at the same place on each.
    /// Charts that are not of ranges are left as they are.
    pub fn share_axis(charts: &mut [&mut BarChart]) {
        let span = charts
            .iter()
            .filter_map(|chart| chart.ranges.as_ref()?.span())
            .reduce(Span::union);
        let Some(span) = span else {
            return;
        };
        for chart in charts.iter_mut() {
            if let Some(ranges) = &chart.ranges {
                chart.wide = ranges_drawing(Frame::wide(96.0, 24.0), 5.0, ranges, span);
                chart.narrow = ranges_drawing(Frame::narrow(18.0, 24.0), 4.0, ranges, span);
            }
        }
    }
}

/// One role's scheduled time by kind of work, as the hours chart needs it.
pub struct HoursByKind {
    pub role: String,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// `(kind, minutes, "4.5 h")`, in order of first appearance.
    pub kinds: Vec<(String, u16, String)>,
    pub total: String,
}

/// One role's range at one level, as the salary chart needs it.
#[derive(Clone)]
pub struct SalaryBar {
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub role: String,
    pub min: u64,
    pub max: u64,
    pub open_ended: bool,
    /// `$80,000 – $110,000`
    pub range: String,
}
