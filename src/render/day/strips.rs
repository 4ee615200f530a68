//! The day at a glance: each role's schedule as a strip on one time axis,
//! drawn to scale and coloured by kind of work, above the day view's
//! detailed grid. Time runs down, so the strips stand side by side on a
//! phone and, together with their legend, fit one phone screen. Each
//! block carries its activity as a `<title>` and, where it has room, as
//! its label; the stylesheet colours it by its kind's place in the day
//! view's order (`kind-1` … `kind-8`, round again past eight).

use crate::content::{Role, TimeBlock};

use super::super::chart::{HoursByKind, kinds_of_work};

/// How many kind colours the stylesheet defines.
pub const KIND_COLOURS: usize = 8;

/// Width of the time labels' column, in the drawing's units (px at a
/// 375 px phone).
const AXIS: f64 = 44.0;
/// Height of the row naming the roles.
const HEAD: f64 = 22.0;
const GAP: f64 = 8.0;
/// The most the strips are tall; a long day is drawn at a smaller scale.
const MOST: f64 = 440.0;
/// Labels' size and line height.
const FONT: f64 = 12.0;
const LINE: f64 = 14.0;

pub struct DayStrips {
    /// The drawing's size (its viewBox).
    pub width: f64,
    pub height: f64,
    /// `strips-2`, `strips-3`…: how many strips, for the drawing's width.
    pub class: String,
    pub lanes: Vec<Lane>,
    pub ticks: Vec<Tick>,
    /// Each kind of work with its colour (`kind-{n}`), in the day view's
    /// order.
    pub legend: Vec<(usize, String)>,
    /// The drawing's title: what it shows, from when to when.
    pub title: String,
    /// The drawing in words.
    pub desc: String,
}

/// One role's strip.
pub struct Lane {
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// The role's title, shortened with "…" to fit the strip.
    pub name: String,
    pub x: f64,
    pub width: f64,
    pub blocks: Vec<Block>,
}

/// A block of time, drawn to scale: its rectangle's top and height (an
/// outline in the page's background keeps neighbours apart).
pub struct Block {
    /// Its kind's colour number.
    pub kind: usize,
    pub y: f64,
    pub height: f64,
    /// "09:00–10:30, 1.5 h: Deploy and configure resources (hands-on)".
    pub title: String,
    /// The activity's lines that fit the block, each `(baseline, text)`.
    pub lines: Vec<(f64, String)>,
}

/// An hour on the axis: its line's height, its label's baseline.
pub struct Tick {
    pub y: f64,
    pub baseline: f64,
    pub label: String,
}

impl DayStrips {
    /// The strips of `roles` (in their `colours`) that have a schedule;
    /// `shares` are their hours by kind, whose kinds give the order of
    /// the colours. `None` without any schedule.
    pub fn new(roles: &[&Role], colours: &[usize], shares: &[HoursByKind]) -> Option<Self> {
        let kinds = kinds_of_work(shares);
        let scheduled: Vec<(&Role, usize)> = roles
            .iter()
            .zip(colours)
            .filter(|(role, _)| !blocks(role).is_empty())
            .map(|(role, colour)| (*role, *colour))
            .collect();
        let all = scheduled.iter().flat_map(|(role, _)| blocks(role));
        let start = all.clone().map(|b| b.start.value.minutes()).min()?;
        let end = all.map(|b| b.end.value.minutes()).max()?;
        // From the hour before the first block to the hour after the last.
        let (from, to) = (start / 60 * 60, end.div_ceil(60) * 60);
        let scale = (MOST / f64::from((to - from).max(60))).min(0.8);
        let count = scheduled.len();
        let lane = match count {
            0..=2 => 140.0,
            3 => 100.0,
            _ => 76.0,
        };
        let y_of = |minutes: u16| HEAD + f64::from(minutes - from) * scale;
        let colour_of =
            |kind: &str| kinds.iter().position(|k| *k == kind).unwrap_or(0) % KIND_COLOURS + 1;
        let lanes = scheduled
            .iter()
            .enumerate()
            .map(|(i, (role, colour))| {
                let x = AXIS + i as f64 * (lane + GAP);
                Lane {
                    colour: *colour,
                    name: fit(&role.title, chars(lane, FONT + 1.0)),
                    x,
                    width: lane,
                    blocks: blocks(role)
                        .iter()
                        .map(|block| {
                            let (s, e) = (block.start.value.minutes(), block.end.value.minutes());
                            let (y, height) = (y_of(s), f64::from(e - s) * scale);
                            let lines =
                                wrap(&block.activity, chars(lane - 8.0, FONT), lines(height));
                            Block {
                                kind: colour_of(&block.kind.value),
                                title: format!(
                                    "{}–{}, {}: {} ({})",
                                    block.start.value,
                                    block.end.value,
                                    super::super::format::hours(e - s),
                                    block.activity,
                                    block.kind.value
                                ),
                                lines: lines
                                    .into_iter()
                                    .enumerate()
                                    .map(|(n, line)| {
                                        (round(y + 1.0 + LINE * (n as f64 + 1.0)), line)
                                    })
                                    .collect(),
                                y: round(y),
                                height: round(height),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let step: u16 = if to - from > 600 { 120 } else { 60 };
        let ticks = (from..=to)
            .step_by(usize::from(step))
            .map(|minutes| Tick {
                y: round(y_of(minutes)),
                baseline: round(y_of(minutes) + 4.0),
                label: clock(minutes),
            })
            .collect();
        let desc = shares
            .iter()
            .map(|share| {
                let parts: Vec<String> = share
                    .kinds
                    .iter()
                    .map(|(k, _, h)| format!("{k} {h}"))
                    .collect();
                format!("{}: {}", share.role, parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join(". ");
        Some(Self {
            width: AXIS + count as f64 * (lane + GAP),
            height: round(y_of(to) + 4.0),
            class: format!("strips-{count}"),
            lanes,
            ticks,
            legend: kinds
                .iter()
                .map(|kind| (colour_of(kind), (*kind).to_owned()))
                .collect(),
            title: format!(
                "The days side by side from {} to {}, one strip per role, coloured by kind of work",
                clock(from),
                clock(to)
            ),
            desc: format!("Scheduled hours by kind of work. {desc}."),
        })
    }
}

/// `09:00`.
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `value` to a tenth, as the drawing writes coordinates.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// `role`'s schedule: its blocks, none without one.
pub fn blocks(role: &Role) -> &[TimeBlock] {
    role.day_in_the_life
        .as_ref()
        .map_or(&[], |day| day.blocks.value.as_slice())
}

/// How many characters of `size` px text fit `width` px.
fn chars(width: f64, size: f64) -> usize {
    (width / (size * 0.58)).floor().max(1.0) as usize
}

/// How many label lines a block `height` px tall has room for.
fn lines(height: f64) -> usize {
    ((height - 4.0) / LINE).floor().max(0.0) as usize
}

/// `text` shortened with "…" to at most `most` characters.
fn fit(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let kept: String = text.chars().take(most.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `text` in at most `count` lines of `width` characters, broken at
/// spaces; what does not fit ends the last line with "…".
fn wrap(text: &str, width: usize, count: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > count {
        lines.truncate(count);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last}…"), width);
        }
    }
    lines.into_iter().map(|line| fit(&line, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::{fit, wrap};

    #[test]
    fn labels_wrap_at_spaces_and_say_when_they_are_cut() {
        assert_eq!(
            wrap("Check overnight alerts", 12, 2),
            ["Check", "overnight…"]
        );
        assert_eq!(
            wrap("Check overnight alerts", 30, 1),
            ["Check overnight alerts"]
        );
        assert_eq!(
            wrap("Check overnight alerts", 16, 3),
            ["Check overnight", "alerts"]
        );
        assert!(wrap("Anything", 10, 0).is_empty());
        assert_eq!(fit("Lighthouse Keeper", 11), "Lighthouse…");
        assert_eq!(fit("Lighthouse Keeper", 10), "Lighthous…");
    }
}
