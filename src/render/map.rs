//! The map of the states on the official pay pages: each state a shape
//! in a link, shaded by a figure (the difference of two medians on a
//! diverging scale centred on zero, or one median on a sequential scale),
//! hatched where there is no figure, with a legend in dollars. Drawn on
//! the server as SVG and printed by `templates/partials/us-map.html`;
//! colours come from classes (`role-{n}`, `shade-{n}`, `no-figure`).
//!
//! The shapes are `assets/map/us-states.txt`, written once by
//! `scripts/us_map.py` from us-atlas (ISC; the Census Bureau's
//! cartographic boundary files), embedded in the binary and read once.

use std::sync::OnceLock;

use crate::address::Page;
use crate::oews::Area;

use super::format;

const ATLAS: &str = include_str!("../../assets/map/us-states.txt");

/// The legend's ramp: its width, and the width of each step.
const RAMP_WIDTH: f64 = 288.0;
/// The side of a callout's box, in the atlas's units.
pub const CALLOUT: i32 = 20;

/// A state, DC or a territory, as the atlas draws it.
pub struct Shape {
    /// The state's FIPS code (`06`), the first two digits of its BLS area
    /// code (`0600000`).
    pub fips: &'static str,
    /// `CA`.
    pub postal: &'static str,
    /// `California`.
    pub name: &'static str,
    /// SVG path data in the atlas's frame; empty for a territory, which
    /// is drawn as a box.
    pub path: &'static str,
    /// A box beside the map, for a state too small to point at, or a
    /// territory.
    pub callout: Option<(i32, i32)>,
    /// Where a callout's leader line starts: the state's centre.
    pub leader: Option<(i32, i32)>,
}

/// Every shape, and the frame they are drawn in.
pub struct Atlas {
    pub view_box: &'static str,
    pub shapes: Vec<Shape>,
}

fn point(text: &'static str) -> Option<(i32, i32)> {
    let (x, y) = text.split_once(',')?;
    Some((x.parse().ok()?, y.parse().ok()?))
}

/// The embedded atlas, read on first use. (A unit test holds it to every
/// state, DC and the three territories.)
pub fn atlas() -> &'static Atlas {
    static ATLAS_READ: OnceLock<Atlas> = OnceLock::new();
    ATLAS_READ.get_or_init(|| {
        let mut view_box = "0 0 975 610";
        let mut shapes = Vec::new();
        for line in ATLAS.lines().filter(|line| !line.starts_with('#')) {
            if let Some(frame) = line.strip_prefix("viewbox ") {
                view_box = frame;
                continue;
            }
            let fields: Vec<&'static str> = line.split('\t').collect();
            if let [fips, postal, name, callout, leader, path] = fields.as_slice() {
                shapes.push(Shape {
                    fips,
                    postal,
                    name,
                    path,
                    callout: point(callout),
                    leader: point(leader),
                });
            }
        }
        Atlas { view_box, shapes }
    })
}

/// Where a state's shape links to.
pub enum MapLink {
    /// Another page (a pair's page for the state).
    Page(Page),
    /// A place on the same page (`area-california`).
    Fragment(String),
}

/// A state's figure, as a page gives it to the map.
pub struct MapEntry<'a> {
    pub area: &'a Area,
    /// The figure shaded, when there is one: dollars a year.
    pub value: Option<i64>,
    /// What the state's `<title>` says: its name and figures.
    pub title: String,
    pub link: MapLink,
}

/// How figures become shades.
pub enum Scale {
    /// A difference: below zero in the colour `negative`, above in
    /// `positive`, paler towards zero. `ends` says what each side means.
    Diverging {
        negative: usize,
        positive: usize,
        ends: (String, String),
    },
    /// One figure, paler for less, in the colour given.
    Sequential(usize),
}

/// A state on the map.
pub struct MapArea {
    pub link: MapLink,
    pub title: String,
    /// `role-2 shade-4`, or `no-figure` (hatched).
    pub class: String,
    pub shape: &'static Shape,
}

impl MapArea {
    /// Whether it is hatched: no figure to shade.
    pub fn hatched(&self) -> bool {
        self.class == "no-figure"
    }

    /// The page it links to, if another page.
    pub fn page(&self) -> Option<&Page> {
        match &self.link {
            MapLink::Page(page) => Some(page),
            MapLink::Fragment(_) => None,
        }
    }

    /// The place on this page it links to, if on this page.
    pub fn fragment(&self) -> &str {
        match &self.link {
            MapLink::Page(_) => "",
            MapLink::Fragment(id) => id,
        }
    }
}

impl Shape {
    /// A callout's box: its corner.
    pub fn callout_box(&self) -> Option<(i32, i32)> {
        self.callout
    }

    /// A callout's label: its baseline, right of the box.
    pub fn label_at(&self) -> (i32, i32) {
        self.callout
            .map_or((0, 0), |(x, y)| (x + CALLOUT + 6, y + CALLOUT - 3))
    }

    /// A callout's leader line: from the state's centre to the box.
    pub fn leader_line(&self) -> Option<(i32, i32, i32, i32)> {
        let ((x1, y1), (x2, y2)) = (self.leader?, self.callout?);
        Some((x1, y1, x2, y2 + CALLOUT / 2))
    }
}

/// A state with no figures for any of the page's occupations: drawn
/// hatched, linking nowhere.
pub struct Blank {
    pub title: String,
    pub shape: &'static Shape,
}

/// One step of the legend's ramp.
pub struct Swatch {
    pub x: f64,
    pub width: f64,
    pub class: String,
}

/// A tick under the ramp.
pub struct RampTick {
    pub x: f64,
    pub label: String,
}

/// The map of the states, with its legend.
pub struct StateMap {
    /// Prefix of its element ids.
    pub id: String,
    pub title: String,
    pub view_box: &'static str,
    pub areas: Vec<MapArea>,
    pub blanks: Vec<Blank>,
    pub swatches: Vec<Swatch>,
    pub ticks: Vec<RampTick>,
    /// The legend in words, for its accessible name.
    pub legend: String,
    /// What the two ends of a diverging scale mean.
    pub ends: Option<(String, String)>,
}

impl StateMap {
    /// The states of `entries` shaded on `scale`; states the atlas draws
    /// that no entry names are blank. A territory is shown only when an
    /// entry names it.
    pub fn new(id: &str, title: String, entries: Vec<MapEntry<'_>>, scale: Scale) -> Self {
        let atlas = atlas();
        let values: Vec<i64> = entries.iter().filter_map(|e| e.value).collect();
        let bins = Bins::new(&values, &scale);
        let mut areas = Vec::new();
        for entry in entries {
            let Some(shape) = atlas
                .shapes
                .iter()
                .find(|s| entry.area.code.starts_with(s.fips))
            else {
                continue;
            };
            areas.push(MapArea {
                link: entry.link,
                class: entry
                    .value
                    .map_or_else(|| "no-figure".to_owned(), |v| bins.class(v)),
                title: entry.title,
                shape,
            });
        }
        let blanks = atlas
            .shapes
            .iter()
            .filter(|shape| !shape.path.is_empty())
            .filter(|shape| !areas.iter().any(|a| a.shape.fips == shape.fips))
            .map(|shape| Blank {
                title: format!("{}: no figures published", shape.name),
                shape,
            })
            .collect();
        let (swatches, ticks) = bins.ramp();
        Self {
            id: id.to_owned(),
            title,
            view_box: atlas.view_box,
            areas,
            blanks,
            swatches,
            ticks,
            legend: bins.words(),
            ends: match scale {
                Scale::Diverging { ends, .. } => Some(ends),
                Scale::Sequential(_) => None,
            },
        }
    }

    /// How many areas have no figure (hatched).
    pub fn hatched(&self) -> usize {
        self.areas.iter().filter(|a| a.hatched()).count() + self.blanks.len()
    }
}

/// The shades of a scale: where each step starts and ends, in dollars.
struct Bins {
    /// The steps' lower bounds, in order, and one more: the top.
    bounds: Vec<i64>,
    /// For a diverging scale, the colours below and above zero.
    colours: (usize, usize),
    diverging: bool,
}

/// A round step in dollars at least `raw`: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or
/// 7.5 times a power of ten (a legend reads best in such steps).
fn step_for(raw: f64) -> i64 {
    let raw = raw.max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    let factor = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    (factor * magnitude).round() as i64
}

/// The shades a scale of `steps` steps uses, palest first.
fn shades(steps: usize) -> Vec<usize> {
    match steps {
        0 | 1 => vec![3],
        2 => vec![2, 5],
        3 => vec![1, 3, 5],
        4 => vec![1, 2, 4, 5],
        _ => (1..=steps).map(|i| 1 + (i - 1) * 4 / (steps - 1)).collect(),
    }
}

impl Bins {
    fn new(values: &[i64], scale: &Scale) -> Self {
        match scale {
            Scale::Diverging {
                negative, positive, ..
            } => {
                let largest = values.iter().map(|v| v.unsigned_abs()).max().unwrap_or(0);
                let step = step_for(largest.max(3) as f64 / 3.0);
                let bounds = (-3..=3).map(|i| i * step).collect();
                Self {
                    bounds,
                    colours: (*negative, *positive),
                    diverging: true,
                }
            }
            Scale::Sequential(colour) => {
                let low = values.iter().copied().min().unwrap_or(0);
                let high = values.iter().copied().max().unwrap_or(0);
                let step = step_for((high - low).max(10) as f64 / 5.0);
                let start = low.div_euclid(step) * step;
                let mut bounds = vec![start];
                while bounds.last().is_some_and(|b| *b <= high) {
                    bounds.push(bounds.last().map_or(start, |b| b + step));
                }
                Self {
                    bounds,
                    colours: (*colour, *colour),
                    diverging: false,
                }
            }
        }
    }

    fn steps(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// The class of a value: its colour and shade.
    fn class(&self, value: i64) -> String {
        if self.diverging {
            let half = self.steps() / 2;
            if value == 0 {
                return "shade-0".to_owned();
            }
            let step = self.bounds.get(half + 1).copied().unwrap_or(1).max(1);
            let k = ((value.unsigned_abs() as i64 + step - 1) / step).clamp(1, half.max(1) as i64);
            let shade = shades(half)[(k - 1) as usize];
            let colour = if value < 0 {
                self.colours.0
            } else {
                self.colours.1
            };
            return format!("role-{colour} shade-{shade}");
        }
        let i = self
            .bounds
            .windows(2)
            .position(|w| value >= w[0] && value < w[1])
            .unwrap_or(self.steps().saturating_sub(1));
        format!("role-{} shade-{}", self.colours.0, shades(self.steps())[i])
    }

    /// The legend's ramp: a swatch per step, a tick at each bound.
    fn ramp(&self) -> (Vec<Swatch>, Vec<RampTick>) {
        let steps = self.steps().max(1);
        let width = RAMP_WIDTH / steps as f64;
        let swatches = self
            .bounds
            .windows(2)
            .enumerate()
            .map(|(i, w)| Swatch {
                x: (width * i as f64 * 10.0).round() / 10.0,
                width: (width * 10.0).round() / 10.0,
                // The class of the step's middle value.
                class: self.class((w[0] + w[1]) / 2),
            })
            .collect();
        let ticks = self
            .bounds
            .iter()
            .enumerate()
            .map(|(i, bound)| RampTick {
                x: (width * i as f64 * 10.0).round() / 10.0,
                label: self.label(*bound, true),
            })
            .collect();
        (swatches, ticks)
    }

    /// `$60k`, `−$20k`, `+$20k` (short) or `$60,000` (long).
    fn label(&self, value: i64, short: bool) -> String {
        let amount = value.unsigned_abs();
        let text = if short {
            format::compact_money(amount, "USD")
        } else {
            format::money(amount, "USD")
        };
        match (self.diverging, value.signum()) {
            (true, 1) => format!("+{text}"),
            (_, -1) => format!("−{text}"),
            _ => text,
        }
    }

    /// The steps in words: "−$90,000 to −$60,000, …".
    fn words(&self) -> String {
        let steps: Vec<String> = self
            .bounds
            .windows(2)
            .map(|w| format!("{} to {}", self.label(w[0], false), self.label(w[1], false)))
            .collect();
        format!(
            "Colour scale, one shade per step: {}; hatched: no figure published.",
            steps.join(", ")
        )
    }
}

#[cfg(test)]
mod tests;
