//! Wage percentiles as a chart: a row per role, a whisker from the 10th to
//! the 90th percentile, a box from the 25th to the 75th and a mark at the
//! median, on one money axis (the official figures' chart).

use super::chart_base::{BAR, Bar, Drawing, Frame, MIN_MARK, MoneyAxis, money_drawing, r};
use super::chart_scale::Span;

/// The height of a whisker and of a median's mark.
const WHISKER: f64 = 4.0;
const MARK: f64 = 20.0;

/// A range of one role's percentiles: its ends, whether the top is only
/// a floor (top-coded, drawn open-ended), and its figures in words.
#[derive(Clone)]
pub struct Spread {
    pub low: u64,
    pub high: u64,
    pub open: bool,
    /// `$62,640 – $155,050`.
    pub text: String,
}

/// One role's percentiles, as far as they have numbers.
#[derive(Clone)]
pub struct Percentiles {
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// What the figures are of, for the legend and each part's title.
    pub label: String,
    /// The row's label: the role.
    pub role: String,
    /// 10th to 90th percentile.
    pub whisker: Option<Spread>,
    /// 25th to 75th percentile.
    pub middle: Option<Spread>,
    /// The median (its value, or a top-coded floor) and its text.
    pub median: Option<(u64, String)>,
}

impl Percentiles {
    fn parts(&self) -> impl Iterator<Item = (u64, u64, bool)> + '_ {
        [&self.whisker, &self.middle]
            .into_iter()
            .flatten()
            .map(|s| (s.low, s.high, s.open))
            .chain(self.median.iter().map(|(m, _)| (*m, *m, false)))
    }
}

/// What `rows` span.
pub fn span(rows: &[Percentiles]) -> Option<Span> {
    Span::of(rows.iter().flat_map(Percentiles::parts))
}

/// `rows` in `frame`, on an axis over `span` of about `ticks` ticks.
pub fn drawing(frame: Frame, ticks: f64, rows: &[Percentiles], span: Span) -> Drawing {
    let roles: Vec<(usize, String)> = rows.iter().map(|p| (p.colour, p.label.clone())).collect();
    // On a phone the legend above names each row, in the rows' order.
    let groups: Vec<(&str, usize)> = rows
        .iter()
        .map(|p| {
            (
                if frame.labels_above {
                    ""
                } else {
                    p.role.as_str()
                },
                1,
            )
        })
        .collect();
    money_drawing(
        frame,
        (ticks, "USD", span),
        &roles,
        &groups,
        |money, places| {
            rows.iter()
                .zip(places)
                .filter_map(|(row, ys)| Some((row, *ys.first()?)))
                .flat_map(|(row, y)| parts(row, money, y + BAR / 2.0))
                .collect()
        },
    )
}

/// A row's whisker, box and median mark, centred on `middle`.
fn parts(row: &Percentiles, money: &MoneyAxis, middle: f64) -> Vec<Bar> {
    let bar = |part: &'static str, (x0, x1): (f64, f64), height: f64, open: bool, text: String| {
        let y = r(middle - height / 2.0);
        Bar {
            x: x0,
            y,
            width: r((x1 - x0).max(1.0)),
            height,
            part,
            colour: row.colour,
            open_end: open.then(|| {
                format!(
                    "{},{} {},{} {},{}",
                    r(x1 + 1.0),
                    r(middle - 5.0),
                    r(x1 + 9.0),
                    r(middle),
                    r(x1 + 1.0),
                    r(middle + 5.0)
                )
            }),
            label: None,
            label_x: 0.0,
            text: format!("{} — {text}", row.label),
        }
    };
    let mut bars = Vec::new();
    if let Some(s) = &row.whisker {
        let ends = (money.x(s.low), money.x(s.high));
        bars.push(bar(
            "whisker",
            ends,
            WHISKER,
            s.open,
            format!("10th to 90th: {}", s.text),
        ));
    }
    if let Some(s) = &row.middle {
        let ends = (money.x(s.low), money.x(s.high));
        bars.push(bar(
            "box",
            ends,
            BAR,
            s.open,
            format!("25th to 75th: {}", s.text),
        ));
    }
    if let Some((value, text)) = &row.median {
        let x = money.x(*value);
        let ends = (r(x - MIN_MARK / 2.0), r(x + MIN_MARK / 2.0));
        bars.push(bar("median", ends, MARK, false, format!("Median: {text}")));
    }
    bars
}
