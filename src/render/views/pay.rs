//! Official pay (BLS OEWS) as pages show it: each role's closest official
//! occupation, its figures in one area side by side, a chart of their
//! percentiles, and a table of every state. Figures are shown as BLS
//! published them: a top-coded wage as "or more" its published floor, an
//! unpublished one as "Not published" with BLS's footnote; nothing is
//! computed that BLS did not publish, but for differences between two
//! published figures.

use crate::content::{Content, Period, Role};
use crate::oews::{
    Area, AreaKind, Estimates, Figure, Measure, NATIONAL, Occupation, OfficialPay, Release,
};

use super::super::chart::{BarChart, Percentiles, Spread};
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
    /// The other occupations the note weighed (`occupation.alternatives`),
    /// in the content's order.
    pub alternatives: Vec<&'a Occupation>,
}

impl Official<'_> {
    /// "Network and Computer Systems Administrators (15-1244)".
    pub fn occupation(&self) -> String {
        format!("{} ({})", self.title, self.soc)
    }

    /// "AWS Engineer · Network and Computer Systems Administrators
    /// (15-1244)": the role and the occupation its figures are of.
    pub fn label(&self) -> String {
        format!("{} · {}", self.role.title, self.occupation())
    }
}

/// The official data and the roles' occupations in it, when any role has
/// figures.
pub fn officials_with_pay<'a>(
    content: &'a Content,
    roles: &[&'a Role],
) -> Option<(&'a crate::oews::OfficialPay, Vec<Official<'a>>)> {
    let pay = content.official_pay.as_ref()?;
    let officials = officials(content, roles);
    (!officials.is_empty()).then_some((pay, officials))
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
                alternatives: occupation
                    .alternatives
                    .iter()
                    .filter_map(|soc| pay.occupation(&soc.value))
                    .collect(),
            })
        })
        .collect()
}

/// One figure as a cell shows it, with the footnotes that explain it.
#[derive(Clone)]
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
    /// Each column's median beside its alternatives' (in column order).
    pub alternatives: Vec<Alternatives<'a>>,
    pub notes: Vec<Note>,
    pub release: &'a Release,
}

/// A role's median in one area beside the medians of the other
/// occupations its note weighed: how much the answer depends on the
/// choice.
pub struct Alternatives<'a> {
    /// The chosen occupation's median.
    pub chosen: Cell,
    /// Each alternative (its title and SOC code) and its median.
    pub others: Vec<(&'a str, &'a str, Cell)>,
}

impl PayTable<'_> {
    /// Whether any role lists alternatives.
    pub fn weighed(&self) -> bool {
        self.alternatives.iter().any(|a| !a.others.is_empty())
    }
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
        let alternatives = columns
            .iter()
            .zip(&estimates)
            .map(|(official, chosen)| alternatives(pay, official, chosen, area, &mut notes))
            .collect();
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
            alternatives,
            notes,
            release: &pay.release,
        })
    }

    /// The nation's figures of `roles` beside their salary charts: the
    /// official chart and every chart of ranges in US dollars a year
    /// share one axis, so the same figure sits at the same place on both.
    pub fn national_beside(
        content: &'a Content,
        roles: &[&'a Role],
        charts: &mut [BarChart],
    ) -> Option<Self> {
        let pay = content.official_pay.as_ref()?;
        let mut table = Self::national(pay, officials(content, roles))?;
        if let Some(official) = &mut table.chart {
            let colours = colours(content, roles);
            let in_dollars_a_year = |chart: &BarChart| {
                roles.iter().zip(&colours).any(|(role, colour)| {
                    role.salaries.currency.value.as_str() == "USD"
                        && role.salaries.period == Period::Year
                        && chart.colours().contains(colour)
                })
            };
            let mut shared: Vec<&mut BarChart> = charts
                .iter_mut()
                .filter(|chart| in_dollars_a_year(chart))
                .collect();
            shared.push(official);
            BarChart::share_axis(&mut shared);
        }
        Some(table)
    }

    /// The figures of `officials` in the nation as a whole.
    pub fn national(pay: &'a OfficialPay, officials: Vec<Official<'a>>) -> Option<Self> {
        Self::new(pay, officials, pay.area(NATIONAL)?)
    }

    /// Whom the figures count, for captions and ledes.
    pub fn who(&self) -> &'static str {
        WHO
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

/// Whom BLS's wage figures count (its footnote 1: the self-employed are
/// not included).
pub const WHO: &str = "wage and salary workers (the self-employed are not included)";

/// A role's median in `area` beside its alternatives' medians there.
fn alternatives<'a>(
    pay: &'a OfficialPay,
    official: &Official<'a>,
    chosen: &Estimates,
    area: &Area,
    notes: &mut Vec<Note>,
) -> Alternatives<'a> {
    let median = Measure::AnnualMedian;
    let others = official
        .alternatives
        .iter()
        .map(|occupation| {
            let cell = match pay.estimates(&occupation.soc, &area.code) {
                Some(found) => cell(pay, found.get(median), median, notes),
                None => Cell {
                    text: "no figures here".to_owned(),
                    marks: Vec::new(),
                    published: false,
                },
            };
            (occupation.title.as_str(), occupation.soc.as_str(), cell)
        })
        .collect();
    Alternatives {
        chosen: cell(pay, chosen.get(median), median, notes),
        others,
    }
}

/// `figure` as text: dollars a year or a count of jobs; a top-coded wage
/// as its floor "or more"; anything else BLS did not publish, "Not
/// published". Its footnotes are added to `notes` once each.
pub(super) fn cell(
    pay: &OfficialPay,
    figure: Figure,
    measure: Measure,
    notes: &mut Vec<Note>,
) -> Cell {
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

/// The percentiles drawn as a row per role: a whisker from the 10th to
/// the 90th, a box from the 25th to the 75th, a mark at the median.
/// Figures BLS published without a number or floor are left out.
fn percentile_chart(
    pay: &OfficialPay,
    columns: &[Official<'_>],
    estimates: &[&Estimates],
    area: &Area,
) -> Option<BarChart> {
    let spread = |e: &Estimates, low: Measure, high: Measure| {
        let (low, _) = chart_value(pay, e, low)?;
        let (high, open) = chart_value(pay, e, high)?;
        let (from, to) = (
            format::money(u64::from(low), "USD"),
            format::money(u64::from(high), "USD"),
        );
        Some(Spread {
            low: u64::from(low),
            high: u64::from(high),
            open,
            text: format!("{from} – {to}{}", if open { " or more" } else { "" }),
        })
    };
    let rows: Vec<Percentiles> = columns
        .iter()
        .zip(estimates)
        .map(|(official, e)| Percentiles {
            colour: official.colour,
            label: official.label(),
            role: official.role.title.to_string(),
            whisker: spread(e, Measure::AnnualP10, Measure::AnnualP90),
            middle: spread(e, Measure::AnnualP25, Measure::AnnualP75),
            median: chart_value(pay, e, Measure::AnnualMedian).map(|(value, open)| {
                let text = format::money(u64::from(value), "USD");
                (
                    u64::from(value),
                    if open {
                        format!("{text} or more")
                    } else {
                        text
                    },
                )
            }),
        })
        .collect();
    if rows
        .iter()
        .all(|p| p.whisker.is_none() && p.middle.is_none() && p.median.is_none())
    {
        return None;
    }
    let mut chart = BarChart::percentiles(
        &format!("official-chart-{}", area.slug),
        &format!("Official annual wages in {}, by percentile", place(area)),
        rows,
    );
    chart.note = Some(
        ": lines from the 10th to the 90th percentile, boxes from the 25th to the 75th, marks at the median."
            .to_owned(),
    );
    Some(chart)
}
