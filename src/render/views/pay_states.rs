//! A pair's official pay by state: every state's medians and their
//! difference, as a table sortable by any column and as a map shaded by
//! the difference; and the areas its form offers.

use crate::address::{Page, Sides};
use crate::oews::{Area, AreaKind, Figure, Measure, OfficialPay};

use super::super::format;
use super::super::map::{MapEntry, MapLink, Scale, StateMap};
use super::pay::{Cell, Note, Official, cell};

/// Every state with each role's median and, for two roles, the
/// difference: the table of a pair's official pay page.
pub struct StateTable<'a> {
    pub rows: Vec<StateRow<'a>>,
    /// What the table is sorted by, for its caption: empty when by
    /// state.
    pub sorted_by: String,
    /// Sort links: by state, by each role's median, by the difference.
    pub links: Vec<SortLink>,
    /// BLS's notes on the medians it did not publish as numbers.
    pub notes: Vec<Note>,
    /// The states on a map, shaded by the difference (two roles) or the
    /// first role's median.
    pub map: StateMap,
}

pub struct StateRow<'a> {
    pub area: &'a Area,
    pub area_page: Page,
    pub medians: Vec<Cell>,
    pub difference: Option<String>,
    /// Values to sort by: each median, then the difference.
    keys: Vec<Option<i64>>,
}

/// A column heading that sorts the table.
pub struct SortLink {
    /// The role, or what else the column holds.
    pub label: String,
    /// What the heading shows of `label`, where a word may break with a
    /// hyphen (a soft hyphen) on the narrowest phones.
    pub heading: String,
    /// What a heading adds to `label` on wider screens: the order of a
    /// difference.
    pub detail: Option<String>,
    /// A role's column: its official occupation, "Computer Network
    /// Architects", and SOC code.
    pub occupation: Option<(String, String)>,
    pub page: Page,
    /// `descending` on the column the table is sorted by.
    pub aria_sort: Option<&'static str>,
    /// The role's colour, on a role's column.
    pub colour: Option<usize>,
}

impl SortLink {
    /// The column's name in words, as a stacked cell or a caption says it.
    pub fn name(&self) -> String {
        match &self.occupation {
            Some((title, soc)) => format!("{} · {title} ({soc})", self.label),
            None => match &self.detail {
                Some(detail) => format!("{} {detail}", self.label),
                None => self.label.clone(),
            },
        }
    }
}

impl<'a> StateTable<'a> {
    /// The states for `officials`, sorted by `sort`: `None` (by name),
    /// `difference` or a role's slug. `None` if `sort` names neither.
    /// Sort links keep `sides`; area pages are linked under `canonical`.
    pub fn new(
        pay: &'a OfficialPay,
        officials: &[Official<'a>],
        (sides, canonical): (&Sides, &Sides),
        sort: Option<&str>,
    ) -> Option<Self> {
        let pair = officials.len() == 2;
        let key = match sort {
            None => None,
            Some("difference") if pair => Some(officials.len()),
            Some(slug) => Some(officials.iter().position(|o| o.role.slug == slug)?),
        };
        let mut notes = Vec::new();
        let mut rows: Vec<StateRow<'a>> = pay
            .areas()
            .iter()
            .filter(|area| area.kind == AreaKind::State)
            .filter_map(|area| state_row(pay, officials, canonical, area, &mut notes))
            .collect();
        let map = state_map(officials, &rows);
        if let Some(key) = key {
            // Highest first; unpublished last; ties by name.
            rows.sort_by_key(|row| std::cmp::Reverse(row.keys[key].unwrap_or(i64::MIN)));
        }
        let links = sort_links(officials, sides, key);
        let sorted_by = match key {
            None => String::new(),
            Some(i) => format!(", sorted by {}, highest first", links[i + 1].name()),
        };
        Some(Self {
            rows,
            sorted_by,
            links,
            notes,
            map,
        })
    }

    /// Whether the table has a difference column.
    pub fn has_difference(&self) -> bool {
        self.links.len() > self.rows.first().map_or(0, |row| row.medians.len()) + 1
    }
}

/// The table's column headings: the state, each role's median, and for
/// two roles their difference; `key` is the column sorted by.
fn sort_links(officials: &[Official<'_>], sides: &Sides, key: Option<usize>) -> Vec<SortLink> {
    let mut links = vec![SortLink {
        label: "State".to_owned(),
        heading: "State".to_owned(),
        detail: None,
        occupation: None,
        page: Page::Pay(sides.clone(), None),
        aria_sort: key.is_none().then_some("ascending"),
        colour: None,
    }];
    for (i, official) in officials.iter().enumerate() {
        links.push(SortLink {
            label: official.role.title.to_string(),
            heading: official.role.title.to_string(),
            detail: None,
            occupation: Some((official.title.to_owned(), official.soc.to_owned())),
            page: Page::Pay(sides.clone(), Some(official.role.slug.clone())),
            aria_sort: (key == Some(i)).then_some("descending"),
            colour: Some(official.colour),
        });
    }
    if let [a, b] = officials {
        links.push(SortLink {
            label: "Difference".to_owned(),
            heading: "Differ\u{ad}ence".to_owned(),
            detail: Some(format!("({} − {})", b.role.title, a.role.title)),
            occupation: None,
            page: Page::Pay(sides.clone(), Some("difference".to_owned())),
            aria_sort: (key == Some(officials.len())).then_some("descending"),
            colour: None,
        });
    }
    links
}

/// A state's row, if any role has figures there; BLS's notes on its
/// medians are added to `notes`.
fn state_row<'a>(
    pay: &'a OfficialPay,
    officials: &[Official<'a>],
    sides: &Sides,
    area: &'a Area,
    notes: &mut Vec<Note>,
) -> Option<StateRow<'a>> {
    let figures: Vec<Option<Figure>> = officials
        .iter()
        .map(|o| {
            pay.estimates(o.soc, &area.code)
                .map(|e| e.get(Measure::AnnualMedian))
        })
        .collect();
    if figures.iter().all(Option::is_none) {
        return None;
    }
    let medians = figures
        .iter()
        .map(|figure| match figure {
            Some(figure) => cell(pay, *figure, Measure::AnnualMedian, notes),
            None => Cell {
                text: "No figures".to_owned(),
                marks: Vec::new(),
                published: false,
            },
        })
        .collect();
    let values: Vec<Option<i64>> = figures
        .iter()
        .map(|f| f.and_then(Figure::value).map(i64::from))
        .collect();
    let delta = match values.as_slice() {
        [Some(a), Some(b)] => Some(b - a),
        _ => None,
    };
    let mut keys = values;
    keys.push(delta);
    Some(StateRow {
        area,
        area_page: Page::PayIn(sides.clone(), area.slug.clone()),
        medians,
        difference: delta.map(|d| format::signed_money(i128::from(d), "USD")),
        keys,
    })
}

/// The states on a map: for two roles shaded by the difference of their
/// medians, centred on zero, each linking to the pair's page for it;
/// else by the one role's median.
fn state_map(officials: &[Official<'_>], rows: &[StateRow<'_>]) -> StateMap {
    let pair = officials.len() == 2;
    let key = if pair { 2 } else { 0 };
    let entries = rows
        .iter()
        .map(|row| {
            let mut parts: Vec<String> = officials
                .iter()
                .zip(&row.medians)
                .map(|(official, median)| {
                    let title = &official.role.title;
                    match (median.published, median.marks.is_empty()) {
                        (true, _) => format!("{title} median {}", median.text),
                        (false, true) => format!("{title}: no figures published"),
                        (false, false) => format!("{title} median: {}", median.text),
                    }
                })
                .collect();
            match &row.difference {
                Some(difference) => parts.push(format!("difference {difference}")),
                None if pair => parts.push("no difference".to_owned()),
                None => {}
            }
            MapEntry {
                area: row.area,
                value: row.keys.get(key).copied().flatten(),
                title: format!("{}: {}", row.area.name, parts.join("; ")),
                link: MapLink::Page(row.area_page.clone()),
            }
        })
        .collect();
    match officials {
        [a, b] => StateMap::new(
            "states-map",
            format!(
                "Difference of the median annual wages by state: {} − {}",
                b.role.title, a.role.title
            ),
            entries,
            Scale::Diverging {
                negative: a.colour,
                positive: b.colour,
                ends: (
                    format!("{}’s higher", a.role.title),
                    format!("{}’s higher", b.role.title),
                ),
            },
        ),
        _ => StateMap::new(
            "states-map",
            "Median annual wage by state".to_owned(),
            entries,
            Scale::Sequential(officials.first().map_or(1, |o| o.colour)),
        ),
    }
}

/// The areas to choose from on a pair's pay page: states, then
/// metropolitan and nonmetropolitan areas, where any role has figures.
pub fn area_choices<'a>(
    pay: &'a OfficialPay,
    officials: &[Official<'a>],
) -> (Vec<&'a Area>, Vec<&'a Area>) {
    let has_figures = |area: &&Area| {
        officials
            .iter()
            .any(|o| pay.estimates(o.soc, &area.code).is_some())
    };
    let of_kind = |kind: AreaKind| {
        pay.areas()
            .iter()
            .filter(|area| area.kind == kind)
            .filter(has_figures)
            .collect()
    };
    (of_kind(AreaKind::State), of_kind(AreaKind::Metro))
}
