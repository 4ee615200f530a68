//! Salaries: a comparison's salary table and charts, and `/salaries`.

use crate::address::Page;
use crate::content::{Content, Role};

use super::super::chart::{BarChart, SalaryBar};
use super::super::colour::colours;
use super::super::format;
use super::super::settings::Settings;
use super::roles::{SourceView, difference, level_of, unit_of};

pub struct SalaryTable {
    pub caption: String,
    pub columns: Vec<SalaryColumn>,
    pub rows: Vec<SalaryRow>,
    /// Whether column headers name their unit (when the units differ).
    pub show_units: bool,
    /// For two roles paid in the same unit: how the difference columns read.
    pub difference: Option<DifferenceNote>,
    /// One entry per distinct source.
    pub sources: Vec<SourceView>,
    /// One range chart per unit (currency and period) among the roles.
    pub charts: Vec<BarChart>,
}

/// How the difference columns of a two-role salary table are defined.
pub struct DifferenceNote {
    /// "AWS Architect minus AWS Engineer, as a share of AWS Engineer's figure."
    pub definition: String,
    /// Set when an open-ended top is compared.
    pub open_ended: bool,
}

pub struct SalaryColumn {
    pub role: String,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub unit: String,
}

pub struct SalaryRow {
    /// The level id; the row's id is `salaries-{id}`.
    pub id: String,
    pub label: String,
    pub cells: Vec<SalaryCell>,
    /// `(low end, high end)`: `+$20,000 (+25.0%)`, when comparable.
    pub difference: Option<(String, String)>,
}

pub struct SalaryCell {
    pub role: String,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// `$80,000 – $110,000`, or `None` when the role lists no figure.
    pub range: Option<String>,
}

pub(super) fn salary_table(content: &Content, roles: &[&Role]) -> SalaryTable {
    let colours = colours(content, roles);
    let columns: Vec<SalaryColumn> = roles
        .iter()
        .zip(&colours)
        .map(|(role, colour)| SalaryColumn {
            role: role.title.to_string(),
            colour: *colour,
            unit: unit_of(role),
        })
        .collect();
    let same_unit = columns.windows(2).all(|w| w[0].unit == w[1].unit);
    let comparable = match roles {
        [a, b] if same_unit => Some((*a, *b)),
        _ => None,
    };
    let (rows, open_compared) = salary_rows(content, (roles, &colours), comparable);
    let caption = if same_unit {
        format!(
            "Salary ranges by level, {}",
            columns.first().map_or("", |c| c.unit.as_str())
        )
    } else {
        "Salary ranges by level (units differ: see each column)".to_owned()
    };
    SalaryTable {
        caption,
        difference: comparable.map(|(a, b)| DifferenceNote {
            definition: format!(
                "Differences are {} minus {}, with the change as a share of {}’s figure.",
                b.title, a.title, a.title
            ),
            open_ended: open_compared,
        }),
        charts: salary_charts(content, roles),
        columns,
        rows,
        show_units: !same_unit,
        sources: sources(roles),
    }
}

/// A row per level any of `roles` lists, with the differences of the
/// `comparable` pair; and whether an open-ended top was compared. `roles`
/// come with their colours.
fn salary_rows(
    content: &Content,
    (roles, colours): (&[&Role], &[usize]),
    comparable: Option<(&Role, &Role)>,
) -> (Vec<SalaryRow>, bool) {
    let mut open_compared = false;
    let rows = content
        .site
        .levels
        .value
        .iter()
        .filter(|level| {
            roles
                .iter()
                .any(|role| level_of(role, level.id.value.as_str()).is_some())
        })
        .map(|level| {
            let id = level.id.value.as_str();
            let difference = comparable.and_then(|(a, b)| {
                let (la, lb) = (level_of(a, id)?, level_of(b, id)?);
                open_compared |= la.open_ended || lb.open_ended;
                let currency = a.salaries.currency.value.as_str();
                Some((
                    difference(la.min.value, lb.min.value, currency),
                    difference(la.max.value, lb.max.value, currency),
                ))
            });
            SalaryRow {
                id: id.to_owned(),
                label: level.label.to_string(),
                cells: roles
                    .iter()
                    .zip(colours)
                    .map(|(role, colour)| SalaryCell {
                        role: role.title.to_string(),
                        colour: *colour,
                        range: range_at(role, id),
                    })
                    .collect(),
                difference,
            }
        })
        .collect();
    (rows, open_compared)
}

/// `role`'s range at `level`, if it lists one.
fn range_at(role: &Role, level: &str) -> Option<String> {
    level_of(role, level).map(|l| format::range(l, role.salaries.currency.value.as_str()))
}

/// The salary sources of `roles`, each once, in order.
fn sources(roles: &[&Role]) -> Vec<SourceView> {
    let mut sources: Vec<SourceView> = Vec::new();
    for role in roles {
        let source = SourceView::of_salaries(&role.salaries);
        // One credit per source, with each different note its roles give.
        match sources.iter_mut().find(|s| s.is_credit_of(&source)) {
            Some(seen) => {
                for note in source.notes {
                    if !seen.notes.contains(&note) {
                        seen.notes.push(note);
                    }
                }
            }
            None => sources.push(source),
        }
    }
    sources
}

/// Range charts for `roles`: one per unit, since figures in different
/// currencies or periods cannot share an axis.
fn salary_charts(content: &Content, roles: &[&Role]) -> Vec<BarChart> {
    let colours = colours(content, roles);
    let mut units: Vec<String> = Vec::new();
    for role in roles {
        let unit = unit_of(role);
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    units
        .iter()
        .enumerate()
        .map(|(index, unit)| {
            let members: Vec<(usize, &Role)> = colours
                .iter()
                .zip(roles)
                .filter(|(_, role)| &unit_of(role) == unit)
                .map(|(colour, role)| (*colour, *role))
                .collect();
            let currency = members
                .first()
                .map_or("", |(_, role)| role.salaries.currency.value.as_str());
            let id = if index == 0 {
                "salary-chart".to_owned()
            } else {
                format!("salary-chart-{}", index + 1)
            };
            let names: Vec<(usize, String)> = members
                .iter()
                .map(|(colour, role)| (*colour, role.title.to_string()))
                .collect();
            BarChart::salary_ranges(
                &id,
                &format!("Salary ranges by level, {unit}"),
                currency,
                &names,
                &chart_rows(content, &members, currency),
            )
        })
        .collect()
}

/// A chart's bars by level: `(level label, a bar per member listing it)`;
/// `members` are `(colour, role)`, all paid in `currency`.
fn chart_rows(
    content: &Content,
    members: &[(usize, &Role)],
    currency: &str,
) -> Vec<(String, Vec<SalaryBar>)> {
    content
        .site
        .levels
        .value
        .iter()
        .map(|level| {
            let bars = members
                .iter()
                .filter_map(|(colour, role)| {
                    let l = level_of(role, level.id.value.as_str())?;
                    Some(SalaryBar {
                        colour: *colour,
                        role: role.title.to_string(),
                        min: l.min.value,
                        max: l.max.value,
                        open_ended: l.open_ended,
                        range: format::range(l, currency),
                    })
                })
                .collect();
            (level.label.to_string(), bars)
        })
        .collect()
}

/// `/salaries`: every role's ranges by level, sortable by a level.
pub struct SalariesView<'a> {
    pub levels: Vec<SortLink>,
    /// The "Role" column's link back to the site-wide role order.
    pub by_role: SortLink,
    pub rows: Vec<SalariesRow<'a>>,
    pub sources: Vec<SourceView>,
    pub charts: Vec<BarChart>,
    /// "sorted by Senior, highest first"
    pub sorted_by: String,
}

pub struct SortLink {
    pub label: String,
    pub href: String,
    /// `aria-sort` value when this column is the sort key.
    pub aria_sort: Option<&'static str>,
}

pub struct SalariesRow<'a> {
    pub role: &'a Role,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub unit: String,
    pub cells: Vec<Option<String>>,
}

impl<'a> SalariesView<'a> {
    /// `sort` is a level id, or `None` for the site-wide role order.
    pub fn new(content: &'a Content, settings: &Settings, sort: Option<&str>) -> Self {
        let levels = &content.site.levels.value;
        let roles = sorted_roles(content, sort);
        let colours = colours(content, &roles);
        let rows = roles
            .iter()
            .zip(colours)
            .map(|(role, colour)| SalariesRow {
                role,
                colour,
                unit: unit_of(role),
                cells: levels
                    .iter()
                    .map(|level| range_at(role, level.id.value.as_str()))
                    .collect(),
            })
            .collect();
        let sorted_label = sort
            .and_then(|id| content.site.level(id))
            .map(|level| level.label.to_string());
        Self {
            levels: levels
                .iter()
                .map(|level| {
                    let id = level.id.value.as_str();
                    SortLink {
                        label: level.label.to_string(),
                        href: settings.link(&Page::Salaries(Some(id.to_owned())).path()),
                        aria_sort: (sort == Some(id)).then_some("descending"),
                    }
                })
                .collect(),
            by_role: SortLink {
                label: "Role".to_owned(),
                href: settings.link(&Page::Salaries(None).path()),
                // The site's order is no sort by the column's text.
                aria_sort: sort.is_none().then_some("other"),
            },
            charts: salary_charts(content, &roles),
            rows,
            sources: sources(&roles),
            sorted_by: match sorted_label {
                Some(label) => format!("sorted by the {label} range, highest first"),
                None => "roles in the site’s order: curated pairs first, then by title".to_owned(),
            },
        }
    }
}

/// Every role, in the site-wide order; with `sort`, by that level's range
/// instead, highest first within each unit, roles without the level last.
fn sorted_roles<'a>(content: &'a Content, sort: Option<&str>) -> Vec<&'a Role> {
    let mut roles: Vec<&Role> = content.ordered().collect();
    if let Some(sort) = sort {
        roles.sort_by(|a, b| {
            let key = |role: &Role| {
                level_of(role, sort).map(|l| {
                    (
                        std::cmp::Reverse(l.max.value),
                        std::cmp::Reverse(l.min.value),
                    )
                })
            };
            match (key(a), key(b)) {
                (Some(ka), Some(kb)) => unit_of(a).cmp(&unit_of(b)).then(ka.cmp(&kb)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        });
    }
    roles
}
