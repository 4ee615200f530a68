//! One role's official pay in every area it has figures for: the states,
//! on a map and in a table, then the metropolitan and nonmetropolitan
//! areas grouped by the state they lie in (an area across states is
//! listed under each).

use crate::address::{Page, Sides};
use crate::oews::{Area, AreaKind, Estimates, Measure, OfficialPay};

use super::super::map::{MapEntry, MapLink, Scale, StateMap, atlas};
use super::pay::{Cell, Note, Official, cell};

/// The columns of a role's areas tables, after the area: the heading, and
/// whether phones show the column in the states table (the others are in
/// each state's group). On phones the stylesheet names each figure of a
/// state's areas by these headings (`.area-figures td:nth-of-type`), so
/// some 400 areas do not repeat them in every cell.
pub const AREA_COLUMNS: [(Measure, &str, bool); 6] = [
    (Measure::AnnualP10, "10th percentile", false),
    (Measure::AnnualP25, "25th percentile", false),
    (Measure::AnnualMedian, "Median", true),
    (Measure::AnnualP75, "75th percentile", false),
    (Measure::AnnualP90, "90th percentile", false),
    (Measure::Employment, "Employment", true),
];

/// The median's place in [`AREA_COLUMNS`].
const MEDIAN: usize = 2;

/// An area's figures for one role.
#[derive(Clone)]
pub struct AreaRow<'a> {
    pub area: &'a Area,
    /// The pair's page for this area, when the role has a partner to compare.
    pub page: Option<Page>,
    pub cells: Vec<Cell>,
}

/// A state's metropolitan and nonmetropolitan areas.
pub struct StateGroup<'a> {
    /// The state, or `None` for areas in no state the data names.
    pub state: Option<&'a Area>,
    /// The group's id: `areas-{state}`.
    pub id: String,
    pub rows: Vec<AreaRow<'a>>,
}

impl StateGroup<'_> {
    /// "California", or "Other areas".
    pub fn name(&self) -> &str {
        self.state
            .map_or("Other areas", |state| state.name.as_str())
    }
}

/// Every area of one role's occupation.
pub struct RoleAreas<'a> {
    pub states: Vec<AreaRow<'a>>,
    pub groups: Vec<StateGroup<'a>>,
    /// BLS's notes on the figures it did not publish as numbers.
    pub notes: Vec<Note>,
    /// The states on a map, shaded by the median.
    pub map: StateMap,
}

impl<'a> RoleAreas<'a> {
    /// The areas of `official`'s occupation; each links to `partner`'s
    /// page for it, when there is a partner.
    pub fn new(pay: &'a OfficialPay, official: &Official<'a>, partner: Option<&Sides>) -> Self {
        let mut notes = Vec::new();
        let mut states = Vec::new();
        let mut metros = Vec::new();
        for (area, estimates) in pay.by_area(official.soc) {
            let row = AreaRow {
                area,
                page: partner.map(|sides| Page::PayIn(sides.clone(), area.slug.clone())),
                cells: AREA_COLUMNS
                    .iter()
                    .map(|(measure, _, _)| cell(pay, estimates.get(*measure), *measure, &mut notes))
                    .collect(),
            };
            match area.kind {
                AreaKind::National => {}
                AreaKind::State => states.push((row, estimates)),
                AreaKind::Metro => metros.push(row),
            }
        }
        let map = role_map(official, &states);
        let groups = groups(&states, metros);
        Self {
            states: states.into_iter().map(|(row, _)| row).collect(),
            groups,
            notes,
            map,
        }
    }
}

/// The state codes (`06`) an area lies in: a nonmetropolitan area's from
/// its code (`0600003`); a metropolitan area's from the postal codes that
/// end its name (`Boston-Cambridge-Newton, MA-NH`).
fn states_of(area: &Area) -> Vec<&'static str> {
    let shapes = &atlas().shapes;
    let code = area.code.get(..2).unwrap_or_default();
    if code != "00" {
        return shapes
            .iter()
            .filter(|shape| shape.fips == code)
            .map(|shape| shape.fips)
            .collect();
    }
    let Some((_, postal)) = area.name.rsplit_once(", ") else {
        return Vec::new();
    };
    postal
        .split('-')
        .filter_map(|postal| shapes.iter().find(|shape| shape.postal == postal.trim()))
        .map(|shape| shape.fips)
        .collect()
}

/// The metropolitan and nonmetropolitan areas grouped by state, in the
/// states' order; areas in no known state last.
fn groups<'a>(
    states: &[(AreaRow<'a>, &Estimates)],
    metros: Vec<AreaRow<'a>>,
) -> Vec<StateGroup<'a>> {
    let mut groups: Vec<StateGroup<'a>> = states
        .iter()
        .map(|(row, _)| StateGroup {
            state: Some(row.area),
            id: format!("areas-{}", row.area.slug),
            rows: Vec::new(),
        })
        .collect();
    let mut others = Vec::new();
    for metro in metros {
        let codes = states_of(metro.area);
        let mut placed = false;
        for group in &mut groups {
            let in_state = group
                .state
                .is_some_and(|state| codes.iter().any(|code| state.code.starts_with(code)));
            if in_state {
                placed = true;
                group.rows.push(metro.clone());
            }
        }
        if !placed {
            others.push(metro);
        }
    }
    groups.retain(|group| !group.rows.is_empty());
    if !others.is_empty() {
        groups.push(StateGroup {
            state: None,
            id: "areas-other".to_owned(),
            rows: others,
        });
    }
    groups
}

/// The states on a map, shaded by the role's median, each linking to its
/// row on the page (`#area-{state}`).
fn role_map(official: &Official<'_>, states: &[(AreaRow<'_>, &Estimates)]) -> StateMap {
    let entries = states
        .iter()
        .map(|(row, estimates)| {
            let median = estimates.get(Measure::AnnualMedian);
            let text = row.cells.get(MEDIAN).map_or("", |cell| cell.text.as_str());
            MapEntry {
                area: row.area,
                value: median.value().map(i64::from),
                title: format!("{}: median {text}", row.area.name),
                link: MapLink::Fragment(format!("area-{}", row.area.slug)),
            }
        })
        .collect();
    StateMap::new(
        "states-map",
        format!("Median annual wage by state: {}", official.label()),
        entries,
        Scale::Sequential(official.colour),
    )
}
