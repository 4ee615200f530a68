//! Wage distributions drawn on a preview card (the official pay card): a
//! bar per role from the 10th to the 90th percentile, a box from the 25th
//! to the 75th, and a mark at the median, on one money axis.

use super::chart_scale::{Span, axis};
use super::format;

/// One role's percentiles, in dollars a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardRange {
    pub p10: u64,
    pub p25: u64,
    pub median: u64,
    pub p75: u64,
    pub p90: u64,
}

/// The height of a role's row, and of the axis under the rows.
const ROW: f64 = 46.0;
const AXIS: f64 = 36.0;
/// The heights of the bar, the box and the median's mark.
const BAR: f64 = 8.0;
const BOX: f64 = 26.0;
const MARK: f64 = 36.0;

/// A rectangle and its fill.
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub fill: String,
}

/// A tick of the axis: a gridline and its label.
pub struct Tick {
    pub x: f64,
    pub top: f64,
    pub bottom: f64,
    pub label: String,
    pub label_y: f64,
}

/// What the template draws.
#[derive(Default)]
pub struct Drawn {
    pub rects: Vec<Rect>,
    pub ticks: Vec<Tick>,
}

/// The height `count` ranges take.
pub fn height(count: usize) -> f64 {
    ROW * count as f64 + AXIS
}

fn r(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// `ranges` drawn between `left` and `right` from `top`, each in its
/// colour (`fills`, in the same order); the median's mark in `ink`.
pub fn draw(
    ranges: &[CardRange],
    fills: &[&str],
    (left, right, top): (f64, f64, f64),
    ink: &str,
) -> Drawn {
    let Some(span) = Span::of(ranges.iter().map(|r| (r.p10, r.p90, false))) else {
        return Drawn::default();
    };
    let (start, end, step) = axis(span, 5.0);
    let x = |value: u64| r(left + (right - left) * (value as f64 - start) / (end - start).max(1.0));
    let mut drawn = Drawn::default();
    for (i, (range, fill)) in ranges.iter().zip(fills).enumerate() {
        let middle = top + ROW * i as f64 + ROW / 2.0;
        let fill = (*fill).to_owned();
        drawn.rects.push(Rect {
            x: x(range.p10),
            y: r(middle - BAR / 2.0),
            width: r(x(range.p90) - x(range.p10)),
            height: BAR,
            fill: fill.clone(),
        });
        drawn.rects.push(Rect {
            x: x(range.p25),
            y: r(middle - BOX / 2.0),
            width: r(x(range.p75) - x(range.p25)),
            height: BOX,
            fill,
        });
        drawn.rects.push(Rect {
            x: r(x(range.median) - 3.0),
            y: r(middle - MARK / 2.0),
            width: 6.0,
            height: MARK,
            fill: ink.to_owned(),
        });
    }
    let bottom = top + ROW * ranges.len() as f64;
    let steps = ((end - start) / step).round().clamp(1.0, 40.0) as u32;
    drawn.ticks = (0..=steps)
        .map(|i| start + step * f64::from(i))
        .map(|value| Tick {
            x: x(value as u64),
            top,
            bottom: r(bottom + 4.0),
            label: format::compact_money(value as u64, "USD"),
            label_y: r(bottom + 28.0),
        })
        .collect();
    drawn
}

#[cfg(test)]
mod tests {
    use super::{CardRange, draw, height};

    #[test]
    fn ranges_share_one_axis_and_the_median_is_marked() {
        let ranges = [
            CardRange {
                p10: 62_640,
                p25: 78_010,
                median: 99_130,
                p75: 126_640,
                p90: 155_050,
            },
            CardRange {
                p10: 79_900,
                p25: 104_620,
                median: 134_050,
                p75: 168_200,
                p90: 202_680,
            },
        ];
        let drawn = draw(&ranges, &["#a", "#b"], (100.0, 1100.0, 400.0), "#000");
        assert_eq!(drawn.rects.len(), 6);
        // Each bar lies within the axis, and the second starts right of
        // the first, as its 10th percentile is higher.
        assert!(
            drawn
                .rects
                .iter()
                .all(|r| r.x >= 100.0 && r.x + r.width <= 1100.0)
        );
        assert!(drawn.rects[3].x > drawn.rects[0].x);
        assert_eq!(drawn.rects[2].fill, "#000");
        let labels: Vec<&str> = drawn.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"$50k"));
        assert_eq!(height(2), 128.0);
    }
}
