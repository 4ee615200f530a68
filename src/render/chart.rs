//! Charts drawn on the server as SVG geometry: bars, ticks and labels are
//! computed here and printed as attributes by `templates/partials/chart.html`
//! (no `style` attributes; colours come from `role-{n}` classes). A chart
//! always sits next to a table that holds the same figures.

use super::format;

const WIDTH: f64 = 640.0;
const BAR: f64 = 14.0;
const BAR_GAP: f64 = 4.0;
const GROUP_GAP: f64 = 14.0;
const LEGEND: f64 = 30.0;
const AXIS: f64 = 28.0;

/// Rounds SVG coordinates to a tenth so the markup stays short.
fn r(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

pub struct BarChart {
    /// Prefix of the chart's element ids (`{id}-title`, `{id}-desc`).
    pub id: String,
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub desc: String,
    pub legend: Vec<LegendItem>,
    pub ticks: Vec<Tick>,
    pub groups: Vec<GroupLabel>,
    pub bars: Vec<Bar>,
    /// Where the plot area starts and ends, for the baseline.
    pub plot_left: f64,
    pub plot_bottom: f64,
}

pub struct LegendItem {
    pub x: f64,
    pub y: f64,
    pub position: usize,
    pub label: String,
}

impl LegendItem {
    pub fn swatch_y(&self) -> f64 {
        self.y - 10.0
    }
    pub fn text_x(&self) -> f64 {
        self.x + 16.0
    }
}

pub struct Tick {
    pub x: f64,
    pub label: String,
}

pub struct GroupLabel {
    pub y: f64,
    pub label: String,
}

pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub position: usize,
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

/// Legend entries laid out in a row.
fn legend(names: &[(usize, String)]) -> Vec<LegendItem> {
    let mut x = 0.0;
    names
        .iter()
        .map(|(position, name)| {
            let item = LegendItem {
                x: r(x),
                y: 16.0,
                position: *position,
                label: name.clone(),
            };
            x += 28.0 + 7.0 * name.chars().count() as f64;
            item
        })
        .collect()
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

/// The money axis of salary ranges: `(start, end, step)`, with room past
/// the highest figure for an open end's arrow.
fn money_axis(rows: &[(String, Vec<SalaryBar>)]) -> (f64, f64, f64) {
    let all = rows.iter().flat_map(|(_, bars)| bars.iter());
    let low = all.clone().map(|b| b.min).min().unwrap_or(0);
    let open = all.clone().any(|b| b.open_ended);
    let high = all.map(|b| b.max).max().unwrap_or(1);
    let headroom = if open {
        (high - low) as f64 * 0.08
    } else {
        0.0
    };
    let step = nice_step((high - low) as f64 + headroom, 5.0);
    let start = (low as f64 / step).floor() * step;
    let end = ((high as f64 + headroom) / step).ceil() * step;
    (start, end, step)
}

/// One salary range drawn from `x0` to `x1` at `y`, with an arrowhead past
/// `x1` when the range is open-ended.
fn range_bar(bar: &SalaryBar, level: &str, y: f64, x0: f64, x1: f64) -> Bar {
    let mid = r(y + BAR / 2.0);
    Bar {
        x: x0,
        y: r(y),
        width: r((x1 - x0).max(2.0)),
        position: bar.position,
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

/// A "nice" tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about `count` ticks.
fn nice_step(span: f64, count: f64) -> f64 {
    let raw = (span / count).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    step * magnitude
}

impl BarChart {
    /// Hours per kind of work, one bar per role per kind.
    pub fn hours_by_kind(shares: &[HoursByKind]) -> Self {
        let kinds = kinds_of_work(shares);
        let max = shares
            .iter()
            .flat_map(|s| s.kinds.iter().map(|k| k.1))
            .max()
            .unwrap_or(1)
            .max(1);
        let (left, right) = (120.0, 56.0);
        let plot = WIDTH - left - right;
        let mut y = LEGEND;
        let mut groups = Vec::new();
        let mut bars = Vec::new();
        for kind in &kinds {
            let top = y;
            for share in shares {
                let minutes = share
                    .kinds
                    .iter()
                    .find(|(k, _, _)| k == kind)
                    .map_or(0, |k| k.1);
                let width = r(plot * f64::from(minutes) / f64::from(max));
                let figure = format::hours(minutes);
                bars.push(Bar {
                    x: left,
                    y: r(y),
                    width,
                    position: share.position,
                    open_end: None,
                    label_x: r(left + width + 6.0),
                    text: format!("{}: {kind}, {figure}", share.role),
                    label: Some(figure),
                });
                y += BAR + BAR_GAP;
            }
            groups.push(GroupLabel {
                y: r((top + y - BAR_GAP) / 2.0 + 4.0),
                label: (*kind).to_owned(),
            });
            y += GROUP_GAP;
        }
        Self {
            id: "share-chart".to_owned(),
            width: WIDTH,
            height: r(y),
            title: "Hours by kind of work".to_owned(),
            desc: hours_description(shares),
            legend: legend(
                &shares
                    .iter()
                    .map(|s| (s.position, s.role.clone()))
                    .collect::<Vec<_>>(),
            ),
            ticks: Vec::new(),
            groups,
            bars,
            plot_left: left,
            plot_bottom: r(y - GROUP_GAP),
        }
    }

    /// Salary ranges: one bar per role per level, from min to max, with an
    /// arrowhead past the max when the range is open-ended.
    ///
    /// `rows` are `(level label, [(role position, role name, range)])`; all
    /// figures share `currency`.
    pub fn salary_ranges(
        id: &str,
        title: &str,
        currency: &str,
        roles: &[(usize, String)],
        rows: &[(String, Vec<SalaryBar>)],
    ) -> Self {
        let (start, end, step) = money_axis(rows);
        let (left, right) = (96.0, 24.0);
        let plot = WIDTH - left - right;
        let scale = |v: f64| r(left + plot * (v - start) / (end - start).max(1.0));

        let mut y = LEGEND;
        let mut groups = Vec::new();
        let mut bars = Vec::new();
        let mut descs = Vec::new();
        for (label, row) in rows {
            let top = y;
            for bar in row {
                let drawn = range_bar(bar, label, y, scale(bar.min as f64), scale(bar.max as f64));
                descs.push(drawn.text.clone());
                bars.push(drawn);
                y += BAR + BAR_GAP;
            }
            if !row.is_empty() {
                groups.push(GroupLabel {
                    y: r((top + y - BAR_GAP) / 2.0 + 4.0),
                    label: label.clone(),
                });
                y += GROUP_GAP;
            }
        }
        let plot_bottom = r(y - GROUP_GAP + 6.0);
        let mut ticks = Vec::new();
        let mut value = start;
        while value <= end + step / 2.0 {
            ticks.push(Tick {
                x: scale(value),
                label: format::compact_money(value as u64, currency),
            });
            value += step;
        }
        Self {
            id: id.to_owned(),
            width: WIDTH,
            height: r(plot_bottom + AXIS),
            title: title.to_owned(),
            desc: format!("{}.", descs.join("; ")),
            legend: legend(roles),
            ticks,
            groups,
            bars,
            plot_left: left,
            plot_bottom,
        }
    }

    /// Where tick labels sit.
    pub fn tick_label_y(&self) -> f64 {
        r(self.plot_bottom + 18.0)
    }
}

/// One role's scheduled time by kind of work, as the hours chart needs it.
pub struct HoursByKind {
    pub role: String,
    pub position: usize,
    /// `(kind, minutes, "4.5 h")`, in order of first appearance.
    pub kinds: Vec<(String, u16, String)>,
    pub total: String,
}

/// One role's range at one level, as the salary chart needs it.
pub struct SalaryBar {
    pub position: usize,
    pub role: String,
    pub min: u64,
    pub max: u64,
    pub open_ended: bool,
    /// `$80,000 – $110,000`
    pub range: String,
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(120_000.0, 5.0), 25_000.0);
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(7.0, 5.0), 2.0);
    }
}
