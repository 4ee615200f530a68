//! `/roles`: every role, grouped by the family its file names (roles
//! without one last, under "Other roles"), each with its salary range
//! from the bottom of its lowest level to the top of its highest, in its
//! own currency and period. `?sort=low` orders each family by the bottom
//! of the ranges, lowest first; `?sort=high` by the top, highest first;
//! without a sort, in the site's role order, as every page that lists
//! roles. Plain links sort it: no script.

use askama::Template;

use super::layout::{layout, title};
use super::{Built, PageKind, Resolution, Site, rendered};
use crate::address::{Missing, Page};
use crate::content::Role;
use crate::render::card::Card;
use crate::render::colour::colours;
use crate::render::format;
use crate::render::views::families;
use crate::render::views::{Layout, SortLink};

pub(super) struct Kind;

/// The sorts the page offers besides by title: `(key, column)`.
const SORTS: [(&str, &str); 2] = [("low", "From"), ("high", "To")];

impl PageKind for Kind {
    fn resolve(&self, _: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        match page {
            Page::Roles(Some(sort)) if !SORTS.iter().any(|(key, _)| key == sort) => {
                Resolution::Missing(Missing::NoPage)
            }
            page => Resolution::Found(page.clone()),
        }
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Roles(sort) = page else {
            return Err("not the list of roles".to_owned());
        };
        let mut page = layout(
            site,
            title(site, "Every role"),
            "Every role by family, with its salary range from the lowest level to the highest."
                .to_owned(),
            Some(page),
        );
        if let Some(og) = &mut page.og {
            og.image_alt = "Every role by family, with its salary range.".to_owned();
        }
        let view = RolesView::new(site, sort.as_deref());
        rendered(&RolesPage { page, view }).map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, _: &Page) -> Result<Card, &'static str> {
        let rows = groups(site)
            .into_iter()
            .map(|(family, roles)| {
                let titles: Vec<&str> = roles.iter().map(|role| role.title.as_str()).collect();
                (family, vec![titles.join(", ")])
            })
            .collect();
        Ok(Card {
            eyebrow: "Roles".to_owned(),
            title: "Every role, by family".to_owned(),
            roles: Vec::new(),
            rows,
            site: site.content.site.title.to_string(),
            footer: format!(
                "{} roles, each with its salary range",
                site.content.roles.len()
            ),
            ranges: Vec::new(),
        })
    }

    fn listed(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Roles(None)]
    }

    /// Built on request, like every page that grows with the roles.
    fn exported(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Card(Box::new(Page::Roles(None))), Page::Roles(None)]
    }
}

/// Every role by family, as the pickers group them (in the site's order);
/// one group of every role when no role names a family.
fn groups<'a>(site: Site<'a>) -> Vec<(String, Vec<&'a Role>)> {
    let roles: Vec<&Role> = site.content.ordered().collect();
    let groups = families(&roles);
    if groups.is_empty() {
        return vec![("All roles".to_owned(), roles)];
    }
    groups
}

/// The page's families, their roles in order, and the sort links.
pub struct RolesView<'a> {
    pub families: Vec<Family<'a>>,
    /// The "Role" column's link, and each sortable figure's.
    pub by_title: SortLink,
    pub by_figure: Vec<SortLink>,
    /// "by title", "by the bottom of the range, lowest first"…
    pub sorted_by: &'static str,
}

pub struct Family<'a> {
    pub name: String,
    /// The family's anchor: `family-{n}`.
    pub id: String,
    pub rows: Vec<RoleRow<'a>>,
}

pub struct RoleRow<'a> {
    pub role: &'a Role,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub from: String,
    pub to: String,
    pub unit: String,
}

impl<'a> RolesView<'a> {
    fn new(site: Site<'a>, sort: Option<&str>) -> Self {
        let everyone: Vec<&Role> = site.content.ordered().collect();
        let palette = colours(site.content, &everyone);
        let colour: std::collections::HashMap<&str, usize> = everyone
            .iter()
            .zip(palette)
            .map(|(role, colour)| (role.slug.as_str(), colour))
            .collect();
        let colour_of = |role: &Role| colour.get(role.slug.as_str()).copied().unwrap_or_default();
        let families = groups(site)
            .into_iter()
            .enumerate()
            .map(|(i, (name, mut roles))| {
                roles.sort_by(|a, b| order(a, b, sort));
                Family {
                    name,
                    id: format!("family-{}", i + 1),
                    rows: roles
                        .into_iter()
                        .map(|role| row(role, colour_of(role)))
                        .collect(),
                }
            })
            .collect();
        let link = |sort: Option<&str>| {
            site.settings
                .link(&Page::Roles(sort.map(str::to_owned)).path())
        };
        Self {
            families,
            by_title: SortLink {
                label: "Role".to_owned(),
                href: link(None),
                // The site's order is no column's order.
                aria_sort: None,
            },
            by_figure: SORTS
                .iter()
                .map(|(key, label)| SortLink {
                    label: (*label).to_owned(),
                    href: link(Some(key)),
                    aria_sort: (sort == Some(*key)).then_some(if *key == "low" {
                        "ascending"
                    } else {
                        "descending"
                    }),
                })
                .collect(),
            sorted_by: match sort {
                Some("low") => "each family by the bottom of its ranges, lowest first",
                Some(_) => "each family by the top of its ranges, highest first",
                None => "each family in the site's role order",
            },
        }
    }
}

/// The bottom of `role`'s lowest level and the top of its highest, and
/// whether that top is open-ended.
fn range(role: &Role) -> Option<(u64, u64, bool)> {
    let levels = &role.salaries.levels.value;
    let low = levels.iter().map(|level| level.min.value).min()?;
    let top = levels.iter().max_by_key(|level| level.max.value)?;
    Some((low, top.max.value, top.open_ended))
}

/// A role's row: its range's ends in its currency, and its unit.
fn row(role: &Role, colour: usize) -> RoleRow<'_> {
    let currency = role.salaries.currency.value.as_str();
    let (from, to) = match range(role) {
        Some((low, high, open)) => (
            format::money(low, currency),
            format!(
                "{}{}",
                format::money(high, currency),
                if open { "+" } else { "" }
            ),
        ),
        None => (String::new(), String::new()),
    };
    RoleRow {
        role,
        colour,
        from,
        to,
        unit: format::unit(currency, role.salaries.period),
    }
}

/// Roles in the site's order (the curated pairs' roles first, then by
/// title: the order they come in, kept by a stable sort); by `low`, the
/// bottom of their ranges, lowest first; by `high`, the top, highest
/// first. Figures compare within one unit only: roles paid in another come
/// after, by unit.
fn order(a: &Role, b: &Role, sort: Option<&str>) -> std::cmp::Ordering {
    let by_title = a.title.as_str().cmp(b.title.as_str());
    let unit =
        |role: &Role| format::unit(role.salaries.currency.value.as_str(), role.salaries.period);
    let figure = |role: &Role| {
        range(role).map(|(low, high, _)| match sort {
            Some("low") => low,
            _ => u64::MAX - high,
        })
    };
    match sort {
        None => std::cmp::Ordering::Equal,
        Some(_) => unit(a)
            .cmp(&unit(b))
            .then(figure(a).cmp(&figure(b)))
            .then(by_title),
    }
}

#[derive(Template)]
#[template(path = "roles.html")]
struct RolesPage<'a> {
    page: Layout<'a>,
    view: RolesView<'a>,
}
