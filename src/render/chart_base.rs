//! What every chart is drawn with: its frame (wide, or narrow for
//! phones), a drawing's parts (ticks, group labels, bars) and bars laid
//! out in groups below the legend. The charts are in [`super::chart`].

use super::chart_legend::{LegendItem, legend};
use super::chart_scale::{Span, axis};
use super::format;

pub(super) const BAR: f64 = 14.0;
pub(super) const BAR_GAP: f64 = 4.0;
pub(super) const GROUP_GAP: f64 = 14.0;
pub(super) const AXIS: f64 = 28.0;
/// Height of a group's label line above its bars, in the narrow drawing.
pub(super) const LABEL_LINE: f64 = 18.0;
/// The narrowest a bar is drawn: a range of one figure (a median) is a
/// mark this wide, centred on it.
pub(super) const MIN_MARK: f64 = 6.0;

/// Rounds SVG coordinates to a tenth so the markup stays short.
pub(super) fn r(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A drawing's size and margins around its plot.
#[derive(Clone, Copy)]
pub(super) struct Frame {
    pub(super) width: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    /// Group labels above their bars (else left of them).
    pub(super) labels_above: bool,
}

impl Frame {
    /// The wide drawing: labels in a column of `left` units.
    pub(super) fn wide(left: f64, right: f64) -> Self {
        Self {
            width: 640.0,
            left,
            right,
            labels_above: false,
        }
    }

    /// The phone drawing: 288 units, drawn 1:1 inside a 320 px screen's
    /// margins.
    pub(super) fn narrow(left: f64, right: f64) -> Self {
        Self {
            width: 288.0,
            left,
            right,
            labels_above: true,
        }
    }

    pub(super) fn plot(&self) -> f64 {
        self.width - self.left - self.right
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
    pub height: f64,
    /// What part of a distribution it draws, for its class: empty for a
    /// plain bar, `whisker`, `box` or `median`.
    pub part: &'static str,
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
    pub fn label_y(&self) -> f64 {
        r(self.y + BAR - 3.0)
    }
}

/// Bars in groups, one group per label, from the legend down: where each
/// bar goes (`y`, by group), each group's label, and where the plot area
/// starts and ends.
pub(super) struct Rows {
    pub(super) bar_y: Vec<Vec<f64>>,
    pub(super) labels: Vec<GroupLabel>,
    pub(super) top: f64,
    pub(super) bottom: f64,
}

/// Lays out `groups` (`(label, bars)`; empty groups are left out, and an
/// empty label takes no room) below a legend ending at `legend_y`.
pub(super) fn rows(frame: Frame, legend_y: f64, groups: &[(&str, usize)]) -> Rows {
    let top = legend_y + 8.0;
    let mut y = top + 6.0;
    let mut bar_y = Vec::new();
    let mut labels = Vec::new();
    for (label, count) in groups {
        if *count == 0 {
            bar_y.push(Vec::new());
            continue;
        }
        // A group without a label (the legend names it) takes no line.
        if !label.is_empty() {
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
        }
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

/// A money axis in a frame: where a figure goes.
pub(super) struct MoneyAxis {
    start: f64,
    end: f64,
    step: f64,
    left: f64,
    plot: f64,
}

impl MoneyAxis {
    /// An axis over `span` of about `ticks` ticks in `frame`.
    fn new(frame: Frame, span: Span, ticks: f64) -> Self {
        let (start, end, step) = axis(span, ticks);
        Self {
            start,
            end,
            step,
            left: frame.left,
            plot: frame.plot(),
        }
    }

    /// Where `value` goes.
    pub(super) fn x(&self, value: u64) -> f64 {
        r(self.left + self.plot * (value as f64 - self.start) / (self.end - self.start).max(1.0))
    }

    /// A tick at each step, labelled in `currency`.
    fn ticks(&self, currency: &str) -> Vec<Tick> {
        // Counted, not summed: a step too small to change a huge figure
        // cannot make the loop endless, and there are never more than a
        // few dozen.
        let steps = ((self.end - self.start) / self.step)
            .round()
            .clamp(1.0, 40.0) as u32;
        (0..=steps)
            .map(|i| self.start + self.step * f64::from(i))
            .map(|value| Tick {
                x: self.x(value as u64),
                label: format::compact_money(value as u64, currency),
            })
            .collect()
    }
}

/// A chart of money in `frame`: the legend of `roles`, `groups` (`(label,
/// bars)`) of bars on an axis over `span` of about `ticks` ticks in
/// `currency`; `bars` draws them, given the axis and each group's bars'
/// places.
pub(super) fn money_drawing(
    frame: Frame,
    (ticks, currency, span): (f64, &str, Span),
    roles: &[(usize, String)],
    groups: &[(&str, usize)],
    bars: impl Fn(&MoneyAxis, &[Vec<f64>]) -> Vec<Bar>,
) -> Drawing {
    let money = MoneyAxis::new(frame, span, ticks);
    let (legend, legend_y) = legend(roles, frame.width);
    let layout = rows(frame, legend_y, groups);
    let plot_bottom = r(layout.bottom + 6.0);
    Drawing {
        width: frame.width,
        height: r(plot_bottom + AXIS),
        legend,
        ticks: money.ticks(currency),
        bars: bars(&money, &layout.bar_y),
        groups: layout.labels,
        plot_left: frame.left,
        plot_top: r(layout.top),
        plot_bottom,
    }
}
