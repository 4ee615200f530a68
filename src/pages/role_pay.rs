//! `/roles/{slug}/pay`: one role's official pay in every area it has
//! figures for: the states on a map and in a table, the other areas by
//! state.

use askama::Template;

use super::layout::{layout, title};
use super::pay::{DESCRIPTION_CHARS, TITLE_CHARS, first_within, officials};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, rendered, slugs};
use crate::address::{Missing, Page, Sides};
use crate::content::Role;
use crate::render::views::{self, Layout, PayTable, RoleAreas};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let Page::RolePay(slug) = page else {
            return Resolution::Missing(Missing::NoPage);
        };
        let exists = |page: &Page| match page {
            Page::RolePay(slug) => site
                .content
                .role(slug)
                .is_some_and(|role| officials(site.content, &[role]).is_some()),
            _ => false,
        };
        slugs::for_readers(site, page, exists, |_| slugs::one_role(site, slug))
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::RolePay(slug) = page else {
            return Err(UNKNOWN.to_owned());
        };
        let role = site.content.role(slug).ok_or(UNKNOWN)?;
        role_pay(site, role)
            .ok_or_else(|| super::pay::NO_PAY.to_owned())?
            .map(|html| Built::html(site, html))
    }

    fn listed(&self, site: Site<'_>) -> Vec<Page> {
        let roles = &site.content.roles;
        roles
            .iter()
            .map(|role| Page::RolePay(role.slug.clone()))
            .filter(|page| super::exists(site, page))
            .collect()
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        self.listed(site)
    }
}

/// One role's official pay in every area it has figures for.
pub struct RolePayView<'a> {
    pub role: &'a Role,
    /// "Network and Computer Systems Administrators (15-1244)".
    pub occupation: String,
    pub table: PayTable<'a>,
    /// The states, on a map and in a table; the other areas by state.
    pub areas: RoleAreas<'a>,
}

impl RolePayView<'_> {
    /// The columns of the areas tables: heading, and whether phones show
    /// it in the states table.
    pub fn columns(&self) -> Vec<(&'static str, bool)> {
        views::AREA_COLUMNS
            .iter()
            .map(|(_, heading, on_phones)| (*heading, *on_phones))
            .collect()
    }

    /// Each column's class in the states table: `wide-only` for those
    /// phones leave out.
    pub fn column_classes(&self) -> Vec<&'static str> {
        views::AREA_COLUMNS
            .iter()
            .map(|(_, _, on_phones)| if *on_phones { "" } else { "wide-only" })
            .collect()
    }
}

/// `/roles/{slug}/pay`. `None` if the role has no official figures.
fn role_pay(site: Site<'_>, role: &Role) -> Option<Result<String, String>> {
    let (pay, mut officials) = officials(site.content, &[role])?;
    let official = officials.pop()?;
    let partner = pay_partner(site, role);
    let areas = RoleAreas::new(pay, &official, partner.as_ref());
    let occupation = official.occupation();
    let label = official.label();
    let soc = official.soc;
    let table = PayTable::national(pay, vec![official])?;
    let release = &table.release.name;
    let mut layout = layout(
        site,
        title(
            site,
            &first_within(
                TITLE_CHARS,
                [
                    format!("Official pay by area: {label}"),
                    format!("Official pay by area: {} ({soc})", role.title),
                ],
            ),
        ),
        first_within(
            DESCRIPTION_CHARS,
            [
                format!(
                    "BLS wages of wage and salary workers by state and metropolitan area, {release}: {label}."
                ),
                format!("BLS wages by state and metropolitan area, {release}: {label}."),
                format!(
                    "BLS wages by state and metropolitan area, {release}, of the occupation closest to {}.",
                    role.title
                ),
            ],
        ),
        Some(&Page::RolePay(role.slug.clone())),
    );
    layout.picked = vec![role.slug.clone()];
    let view = RolePayView {
        role,
        occupation,
        table,
        areas,
    };
    Some(rendered(&RolePayPage { page: layout, view }))
}

/// The pair a role's area figures link to: its first curated pair with
/// official figures, else its first other role that has them.
fn pay_partner(site: Site<'_>, role: &Role) -> Option<Sides> {
    let has_figures = |other: &Role| officials(site.content, &[other]).is_some();
    let curated = site.content.comparisons.iter().find_map(|c| {
        let other = if c.a == role.slug {
            &c.b
        } else if c.b == role.slug {
            &c.a
        } else {
            return None;
        };
        let other = site.content.role(other)?;
        has_figures(other).then(|| views::canonical_sides(site.content, &[role, other]))
    });
    curated.or_else(|| {
        let other = site
            .content
            .roles
            .iter()
            .find(|other| other.slug != role.slug && has_figures(other))?;
        Some(views::canonical_sides(site.content, &[role, other]))
    })
}

#[derive(Template)]
#[template(path = "role_pay.html")]
struct RolePayPage<'a> {
    page: Layout<'a>,
    view: RolePayView<'a>,
}
