//! Charts drawn on the server as SVG geometry: bars, ticks and labels are
//! computed here and printed as attributes by `templates/partials/chart.html`
//! (no `style` attributes; colours come from `role-{n}` classes). A chart
//! always sits next to a table that holds the same figures.
//!
//! Each chart is drawn twice: a wide drawing with its labels left of the
//! bars, and a narrow one for phones, drawn at its own size on a 320 px
//! screen, with each label above its bars. The stylesheet shows one.

use super::chart_base::{BAR, Frame, GROUP_GAP, MIN_MARK, money_drawing, r, rows};
pub use super::chart_base::{Bar, Drawing, GroupLabel, Tick};
use super::chart_legend::legend;
use super::chart_percentiles;
pub use super::chart_percentiles::{Percentiles, Spread};
use super::chart_scale::Span;
use super::format;

pub struct BarChart {
    /// Prefix of the chart's element ids (`{id}-title`, `{id}-desc`).
    pub id: String,
    pub title: String,
    pub desc: String,
    /// Shown on wider screens.
    pub wide: Drawing,
    /// Shown on phones.
    pub narrow: Drawing,
    /// What the caption says after the title, when not the chart kind's
    /// own words.
    pub note: Option<String>,
    /// What a chart of money is drawn from, to draw it again on another
    /// axis (see [`BarChart::share_axis`]).
    money: Option<Money>,
}

/// A range chart's figures: its currency, its roles (`(colour, name)`)
/// and its rows (`(label, bars)`).
struct Ranges {
    currency: String,
    roles: Vec<(usize, String)>,
    rows: Vec<(String, Vec<SalaryBar>)>,
}

/// What a chart of money is drawn from.
enum Money {
    Ranges(Ranges),
    Percentiles(Vec<Percentiles>),
}

impl Money {
    fn span(&self) -> Option<Span> {
        match self {
            Self::Ranges(ranges) => ranges.span(),
            Self::Percentiles(rows) => chart_percentiles::span(rows),
        }
    }

    /// The room the wide drawing's labels take, left of the plot: at
    /// least 96 units, more for a longer label (a role's name).
    fn labels_width(&self) -> f64 {
        let longest = match self {
            Self::Ranges(ranges) => ranges.rows.iter().map(|(l, _)| l.chars().count()).max(),
            Self::Percentiles(rows) => rows.iter().map(|p| p.role.chars().count()).max(),
        };
        (16.0 + 7.5 * longest.unwrap_or(0) as f64).max(96.0)
    }

    /// The wide drawing and the narrow one, on an axis over `span`, the
    /// wide one's plot `left` units from its edge.
    fn draw(&self, span: Span, left: f64) -> (Drawing, Drawing) {
        let (wide, narrow) = (Frame::wide(left, 24.0), Frame::narrow(18.0, 24.0));
        match self {
            Self::Ranges(ranges) => (
                ranges_drawing(wide, 5.0, ranges, span),
                ranges_drawing(narrow, 4.0, ranges, span),
            ),
            Self::Percentiles(rows) => (
                chart_percentiles::drawing(wide, 5.0, rows, span),
                chart_percentiles::drawing(narrow, 4.0, rows, span),
            ),
        }
    }

    /// A chart of `self`, drawn on its own axis.
    fn chart(self, id: &str, title: &str) -> BarChart {
        let span = self.span().unwrap_or(Span {
            low: 0,
            high: 1,
            open: false,
        });
        let (wide, narrow) = self.draw(span, self.labels_width());
        let descs: Vec<&str> = wide.bars.iter().map(|bar| bar.text.as_str()).collect();
        BarChart {
            id: id.to_owned(),
            title: title.to_owned(),
            desc: format!("{}.", descs.join("; ")),
            wide,
            narrow,
            note: None,
            money: Some(self),
        }
    }
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
        height: BAR,
        part: "",
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
                height: BAR,
                part: "",
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
    let groups: Vec<(&str, usize)> = ranges
        .rows
        .iter()
        .map(|(label, bars)| (label.as_str(), bars.len()))
        .collect();
    money_drawing(
        frame,
        (ticks, &ranges.currency, span),
        &ranges.roles,
        &groups,
        |money, places| {
            let mut bars = Vec::new();
            for ((label, row), ys) in ranges.rows.iter().zip(places) {
                for (bar, y) in row.iter().zip(ys) {
                    let (x0, x1) = (money.x(bar.min), money.x(bar.max));
                    bars.push(range_bar(bar, label, *y, x0, x1));
                }
            }
            bars
        },
    )
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
            note: None,
            money: None,
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
        Money::Ranges(Ranges {
            currency: currency.to_owned(),
            roles: roles.to_vec(),
            rows: rows.to_vec(),
        })
        .chart(id, title)
    }

    /// Percentiles: a row per role, a whisker from the 10th to the 90th
    /// percentile, a box from the 25th to the 75th, a mark at the median.
    pub fn percentiles(id: &str, title: &str, rows: Vec<Percentiles>) -> Self {
        Money::Percentiles(rows).chart(id, title)
    }

    /// Draws charts of money in one unit again on one axis, the union of
    /// their figures, with labels as wide as the widest's, so the same
    /// figure sits at the same place on each.
    /// Charts that are not of money are left as they are.
    pub fn share_axis(charts: &mut [&mut BarChart]) {
        let moneys = || charts.iter().filter_map(|chart| chart.money.as_ref());
        let Some(span) = moneys().filter_map(Money::span).reduce(Span::union) else {
            return;
        };
        let left = moneys().map(Money::labels_width).fold(0.0, f64::max);
        for chart in charts.iter_mut() {
            if let Some(money) = &chart.money {
                (chart.wide, chart.narrow) = money.draw(span, left);
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
