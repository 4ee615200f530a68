//! Official pay (BLS OEWS) as pages show it: each role's closest official
//! occupation, its figures in one area side by side, a chart of their
//! percentiles, and a table of every state. Figures are shown as BLS
//! published them: a top-coded wage as "or more" its published floor, an
//! unpublished one as "Not published" with BLS's footnote; nothing is
//! computed that BLS did not publish, but for differences between two
//! published figures.

use crate::address::{Page, Sides};
use crate::content::{Content, Role};
use crate::oews::{Area, AreaKind, Estimates, Figure, Measure, NATIONAL, OfficialPay, Release};

use super::super::chart::{BarChart, SalaryBar};
use super::super::colour::colours;
use super::super::format;

/// A role's closest official occupation, as the content names it.
pub struct Official<'a> {
    /// The role's colour, 1 to 4, for its class `role-{n}`.
    pub colour: usize,
    pub role: &'a Role,
    pub soc: &'a str,
    /// BLS's title of the occupation.
    pub title: &'a str,
    /// Why the site chose it, in the content's words.
    pub note: &'a str,
}

/// The official occupations of `roles` that the data has figures for, in
/// the roles' order.
pub fn officials<'a>(content: &'a Content, roles: &[&'a Role]) -> Vec<Official<'a>> {
    let Some(pay) = &content.official_pay else {
        return Vec::new();
    };
    let colours = colours(content, roles);
    roles
        .iter()
        .enumerate()
        .filter_map(|(i, role)| {
            let occupation = role.occupation.as_ref()?;
            let found = pay.occupation(&occupation.soc.value)?;
            Some(Official {
                colour: colours[i],
                role,
                soc: found.soc.as_str(),
                title: found.title.as_str(),
                note: occupation.note.as_str(),
            })
        })
        .collect()
}

/// One figure as a cell shows it, with the footnotes that explain it.
pub struct Cell {
    pub text: String,
    /// Footnote numbers, as listed under the table.
    pub marks: Vec<String>,
    /// Whether BLS published a number (else `text` says why not).
    pub published: bool,
}

/// A row of a figures table: what it measures, a cell per role.
pub struct Row {
    pub label: &'static str,
    pub cells: Vec<Cell>,
}

/// A footnote under a table: BLS's code and text.
pub struct Note {
    pub code: String,
    pub text: String,
}

/// The official figures of some roles in one area.
pub struct PayTable<'a> {
    pub area: &'a Area,
    /// "the United States", "California".
    pub place: String,
    pub columns: Vec<Official<'a>>,
    /// Roles whose occupation has no figures in this area.
    pub missing: Vec<&'a Role>,
    pub rows: Vec<Row>,
    pub chart: Option<BarChart>,
    pub notes: Vec<Note>,
    pub release: &'a Release,
}

/// The rows of a figures table, in order.
pub(super) const ROWS: [(Measure, &str); 7] = [
    (Measure::AnnualP10, "10th percentile"),
    (Measure::AnnualP25, "25th percentile"),
    (Measure::AnnualMedian, "Median"),
    (Measure::AnnualP75, "75th percentile"),
    (Measure::AnnualP90, "90th percentile"),
    (Measure::AnnualMean, "Mean"),
    (Measure::Employment, "Employment"),
];

impl<'a> PayTable<'a> {
    /// The figures of `officials` in `area`; `None` if none has any there.
    pub fn new(pay: &'a OfficialPay, officials: Vec<Official<'a>>, area: &'a Area) -> Option<Self> {
        let mut columns = Vec::new();
        let mut estimates = Vec::new();
        let mut missing = Vec::new();
        for official in officials {
            match pay.estimates(official.soc, &area.code) {
                Some(found) => {
                    estimates.push(found);
                    columns.push(official);
                }
                None => missing.push(official.role),
            }
        }
        if columns.is_empty() {
            return None;
        }
        let mut notes = Vec::new();
        let rows = ROWS
            .iter()
            .map(|(measure, label)| Row {
                label,
                cells: estimates
                    .iter()
                    .map(|e| cell(pay, e.get(*measure), *measure, &mut notes))
                    .collect(),
            })
            .collect();
        let chart = percentile_chart(pay, &columns, &estimates, area);
        Some(Self {
            place: place(area),
            area,
            columns,
            missing,
            rows,
            chart,
            notes,
            release: &pay.release,
        })
    }

    /// The figures of `officials` in the nation as a whole.
    pub fn national(pay: &'a OfficialPay, officials: Vec<Official<'a>>) -> Option<Self> {
        Self::new(pay, officials, pay.area(NATIONAL)?)
    }

    /// "May 2025, published 2026-05-15".
    pub fn dated(&self) -> String {
        match &self.release.published {
            Some(day) => format!("{}, published {day}", self.release.name),
            None => self.release.name.clone(),
        }
    }

    pub fn source_url(&self) -> &str {
        self.release
            .source
            .as_deref()
            .unwrap_or(crate::oews::SOURCE_URL)
    }
}

/// How a page names `area`: the nation as "the United States".
pub fn place(area: &Area) -> String {
    match area.kind {
        AreaKind::National => "the United States".to_owned(),
        _ => area.name.clone(),
    }
}

/// `figure` as text: dollars a year or a count of jobs; a top-coded wage
/// as its floor "or more"; anything else BLS did not publish, "Not
/// published". Its footnotes are added to `notes` once each.
fn cell(pay: &OfficialPay, figure: Figure, measure: Measure, notes: &mut Vec<Note>) -> Cell {
    let mut marks = Vec::new();
    for footnote in pay.footnotes_of(figure) {
        if !notes.iter().any(|n| n.code == footnote.code) {
            notes.push(Note {
                code: footnote.code.clone(),
                text: footnote.text.clone(),
            });
        }
        marks.push(footnote.code.clone());
    }
    let text = match figure.value() {
        Some(value) if measure == Measure::Employment => format::thousands(u64::from(value)),
        Some(value) => format::money(u64::from(value), "USD"),
        None => match pay.at_least(measure, figure) {
            Some(floor) => format!("{} or more", format::money(u64::from(floor), "USD")),
            None => "Not published".to_owned(),
        },
    };
    Cell {
        text,
        marks,
        published: figure.value().is_some(),
    }
}

/// `figure` as a table cell's text alone (see [`cell`]).
pub fn cell_text(
    pay: &OfficialPay,
    figure: Figure,
    measure: Measure,
    notes: &mut Vec<Note>,
) -> String {
    cell(pay, figure, measure, notes).text
}

/// An annual wage for the chart: its value, or a top-coded floor (drawn
/// open-ended).
fn chart_value(pay: &OfficialPay, estimates: &Estimates, measure: Measure) -> Option<(u32, bool)> {
    let figure = estimates.get(measure);
    match figure.value() {
        Some(value) => Some((value, false)),
        None => pay.at_least(measure, figure).map(|floor| (floor, true)),
    }
}

/// The percentiles drawn as ranges: the middle 80% (10th to 90th), the
/// middle half (25th to 75th) and the median, a bar per role.
fn percentile_chart(
    pay: &OfficialPay,
    columns: &[Official<'_>],
    estimates: &[&Estimates],
    area: &Area,
) -> Option<BarChart> {
    let spans = [
        ("10th to 90th", Measure::AnnualP10, Measure::AnnualP90),
        ("25th to 75th", Measure::AnnualP25, Measure::AnnualP75),
        ("Median", Measure::AnnualMedian, Measure::AnnualMedian),
    ];
    let rows: Vec<(String, Vec<SalaryBar>)> = spans
        .iter()
        .map(|(label, low, high)| {
            let bars = columns
                .iter()
                .zip(estimates)
                .filter_map(|(official, e)| {
                    let (min, _) = chart_value(pay, e, *low)?;
                    let (max, open) = chart_value(pay, e, *high)?;
                    let range = if low == high {
                        format::money(u64::from(min), "USD")
                    } else {
                        format!(
                            "{} – {}{}",
                            format::money(u64::from(min), "USD"),
                            format::money(u64::from(max), "USD"),
                            if open { " or more" } else { "" }
                        )
                    };
                    Some(SalaryBar {
                        colour: official.colour,
                        role: official.role.title.to_string(),
                        min: u64::from(min),
                        max: u64::from(max),
                        open_ended: open,
                        range,
                    })
                })
                .collect();
            ((*label).to_owned(), bars)
        })
        .collect();
    if rows.iter().all(|(_, bars)| bars.is_empty()) {
        return None;
    }
    let names: Vec<(usize, String)> = columns
        .iter()
        .map(|o| (o.colour, o.role.title.to_string()))
        .collect();
    Some(BarChart::salary_ranges(
        &format!("official-chart-{}", area.slug),
        &format!("Official annual wages in {}, by percentile", place(area)),
        "USD",
        &names,
        &rows,
    ))
}

/// Every state with each role's median and, for two roles, the
/// difference: the table of a pair's official pay page.
pub struct StateTable<'a> {
    pub rows: Vec<StateRow<'a>>,
    /// What the table is sorted by, for its caption.
    pub sorted_by: String,
    /// Sort links: by state, by each role's median, by the difference.
    pub links: Vec<SortLink>,
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
    pub label: String,
    pub page: Page,
    /// `descending` on the column the table is sorted by.
    pub aria_sort: Option<&'static str>,
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
        let mut rows: Vec<StateRow<'a>> = pay
            .areas()
            .iter()
            .filter(|area| area.kind == AreaKind::State)
            .filter_map(|area| state_row(pay, officials, canonical, area))
            .collect();
        if let Some(key) = key {
            // Highest first; unpublished last; ties by name.
            rows.sort_by_key(|row| std::cmp::Reverse(row.keys[key].unwrap_or(i64::MIN)));
        }
        let mut links = vec![SortLink {
            label: "State".to_owned(),
            page: Page::Pay(sides.clone(), None),
            aria_sort: key.is_none().then_some("ascending"),
        }];
        for (i, official) in officials.iter().enumerate() {
            links.push(SortLink {
                label: format!("{}, median", official.role.title),
                page: Page::Pay(sides.clone(), Some(official.role.slug.clone())),
                aria_sort: (key == Some(i)).then_some("descending"),
            });
        }
        if pair {
            links.push(SortLink {
                label: format!(
                    "Difference ({} − {})",
                    officials[1].role.title, officials[0].role.title
                ),
                page: Page::Pay(sides.clone(), Some("difference".to_owned())),
                aria_sort: (key == Some(officials.len())).then_some("descending"),
            });
        }
        let sorted_by = match key {
            None => "by state".to_owned(),
            Some(i) => format!("by {}, highest first", links[i + 1].label),
        };
        Some(Self {
            rows,
            sorted_by,
            links,
        })
    }
}

/// A state's row, if any role has figures there.
fn state_row<'a>(
    pay: &'a OfficialPay,
    officials: &[Official<'a>],
    sides: &Sides,
    area: &'a Area,
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
    let mut notes = Vec::new();
    let medians = figures
        .iter()
        .map(|figure| match figure {
            Some(figure) => cell(pay, *figure, Measure::AnnualMedian, &mut notes),
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
