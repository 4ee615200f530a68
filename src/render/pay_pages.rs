//! The pages of official pay (BLS OEWS): a comparison's pay with its
//! states, one area, and one role's every area. Each shows the figures as
//! [`super::views::PayTable`] arranges them.

use askama::Template;

use super::pages::slugs;
use super::site::Rendered;
use super::views::{self, Layout, Official, PayTable, RoleAreas, StateTable};
use crate::address::{Page, Sides};
use crate::content::Role;
use crate::oews::{Area, AreaKind, OfficialPay};

/// The most characters a pay page's title has before the site's name,
/// when it can: past it, the SOC codes are left out.
const TITLE_CHARS: usize = 80;
/// The most characters of a pay page's description: each page says
/// less, in turn, until it fits.
const DESCRIPTION_CHARS: usize = 160;

/// A comparison's official pay: in the nation or one area, with the area
/// form, and on the nation's page every state.
pub struct PayView<'a> {
    /// "AWS Engineer vs AWS Architect".
    pub title: String,
    pub sides: Sides,
    /// The figures in the area shown.
    pub table: PayTable<'a>,
    /// Every state, on the nation's page.
    pub states: Option<StateTable<'a>>,
    /// States, then metropolitan and nonmetropolitan areas, for the form.
    pub choices: (Vec<&'a Area>, Vec<&'a Area>),
    /// The area shown, to preselect in the form (none for the nation).
    pub chosen: Option<&'a str>,
    /// Each role's page of every area.
    pub role_pages: Vec<(&'a Role, Page)>,
}

impl PayView<'_> {
    /// The comparison these roles' pay belongs to.
    pub fn comparison(&self) -> Page {
        Page::Compare(self.sides.clone())
    }

    /// The nation's pay page (the form's target too).
    pub fn national(&self) -> Page {
        Page::Pay(self.sides.clone(), None)
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

impl Rendered {
    /// The official data and the roles' occupations in it, when any role
    /// has figures.
    pub(super) fn officials<'a>(
        &'a self,
        roles: &[&'a Role],
    ) -> Option<(&'a OfficialPay, Vec<Official<'a>>)> {
        crate::pages::pay::officials(&self.content, roles)
    }

    /// `/compare/{pair}/pay`, or `…/pay/{area}` for `area`; `sort` orders
    /// the states. `None` if the page has nothing to show.
    pub(super) fn pay(
        &self,
        roles: &[&Role],
        area: Option<&str>,
        sort: Option<&str>,
    ) -> Option<Result<String, askama::Error>> {
        let (pay, officials) = self.officials(roles)?;
        let sides = Sides::of(roles.iter().map(|role| &role.slug));
        let choices = views::area_choices(pay, &officials);
        let role_pages = officials
            .iter()
            .map(|o| (o.role, Page::RolePay(o.role.slug.clone())))
            .collect();
        let (table, states) = self.pay_tables(pay, officials, roles, &sides, area, sort)?;
        let title = roles
            .iter()
            .map(|role| role.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs ");
        let mut layout = self.pay_layout(roles, &title, &table, area, sort);
        layout.picked = slugs(roles);
        let view = PayView {
            title,
            sides,
            chosen: area,
            table,
            states,
            choices,
            role_pages,
        };
        Some(PayPage { page: layout, view }.render())
    }

    /// The figures of `officials` in the area whose slug is `area` (not
    /// the nation's), or the nation's and every state's, sorted by
    /// `sort`. `None` if there are none, or `area` or `sort` names
    /// nothing.
    fn pay_tables<'a>(
        &self,
        pay: &'a OfficialPay,
        officials: Vec<Official<'a>>,
        roles: &[&Role],
        sides: &Sides,
        area: Option<&str>,
        sort: Option<&str>,
    ) -> Option<(PayTable<'a>, Option<StateTable<'a>>)> {
        match area {
            Some(slug) => {
                let area = pay
                    .area_by_slug(slug)
                    .filter(|a| a.kind != AreaKind::National)?;
                Some((PayTable::new(pay, officials, area)?, None))
            }
            None => {
                // Area pages are linked in the pair's canonical order: one
                // page per area, whichever way round the pair is read.
                let canonical = views::canonical_sides(&self.content, roles);
                let states = StateTable::new(pay, &officials, (sides, &canonical), sort)?;
                Some((PayTable::national(pay, officials)?, Some(states)))
            }
        }
    }

    /// A pay page's title, description, canonical address and card, for
    /// the roles called `title` and the figures in `table`.
    fn pay_layout(
        &self,
        roles: &[&Role],
        title: &str,
        table: &PayTable<'_>,
        area: Option<&str>,
        sort: Option<&str>,
    ) -> Layout<'_> {
        let canonical_sides = views::canonical_sides(&self.content, roles);
        let canonical = match area {
            Some(slug) => Page::PayIn(canonical_sides, slug.to_owned()),
            None => Page::Pay(canonical_sides, sort.map(str::to_owned)),
        };
        let place = views::place(table.area);
        let short_place = match table.area.kind {
            AreaKind::National => "the US",
            _ => place.as_str(),
        };
        let coded = |official: &Official<'_>| format!("{} ({})", official.role.title, official.soc);
        let headline = first_within(
            TITLE_CHARS,
            [
                format!("Official pay in {place}: {}", joined(&table.columns, coded)),
                format!(
                    "Official pay in {short_place}: {}",
                    joined(&table.columns, coded)
                ),
                format!("Official pay in {place}: {title}"),
            ],
        );
        let release = &table.release.name;
        let named = joined(&table.columns, |o| {
            format!("{} as {}", o.role.title, o.occupation())
        });
        let named = named.replace(" vs ", "; ");
        let description = first_within(
            DESCRIPTION_CHARS,
            [
                format!("BLS wages of wage and salary workers in {place}, {release}: {named}."),
                format!("BLS wages in {place}, {release}: {named}."),
                format!("BLS wages, {release}, {short_place}: {named}."),
                format!(
                    "BLS wages in {place}, {release}, of the occupations closest to {}.",
                    joined(&table.columns, coded)
                ),
                format!("BLS wages in {place}, {release}, of the occupations closest to {title}."),
            ],
        );
        let mut layout = self.layout(self.title(&headline), description, Some(&canonical));
        if let Some(og) = &mut layout.og {
            og.kind = "article";
            og.image_alt = format!(
                "Official median wages, side by side: {}.",
                joined(&table.columns, Official::label)
            );
        }
        layout
    }

    /// `/roles/{slug}/pay`. `None` if the role has no official figures.
    pub(super) fn role_pay(&self, role: &Role) -> Option<Result<String, askama::Error>> {
        let (pay, mut officials) = self.officials(&[role])?;
        let official = officials.pop()?;
        let partner = self.pay_partner(role);
        let areas = RoleAreas::new(pay, &official, partner.as_ref());
        let occupation = official.occupation();
        let label = official.label();
        let soc = official.soc;
        let table = PayTable::national(pay, vec![official])?;
        let release = &table.release.name;
        let mut layout = self.layout(
            self.title(&first_within(
                TITLE_CHARS,
                [
                    format!("Official pay by area: {label}"),
                    format!("Official pay by area: {} ({soc})", role.title),
                ],
            )),
            first_within(
                DESCRIPTION_CHARS,
                [
                    format!("BLS wages of wage and salary workers by state and metropolitan area, {release}: {label}."),
                    format!("BLS wages by state and metropolitan area, {release}: {label}."),
                    format!("BLS wages by state and metropolitan area, {release}, of the occupation closest to {}.", role.title),
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
        Some(RolePayPage { page: layout, view }.render())
    }

    /// The pair a role's area figures link to: its first curated pair with
    /// official figures, else its first other role that has them.
    fn pay_partner(&self, role: &Role) -> Option<Sides> {
        let has_figures = |other: &Role| self.officials(&[other]).is_some();
        let curated = self.content.comparisons.iter().find_map(|c| {
            let other = if c.a == role.slug {
                &c.b
            } else if c.b == role.slug {
                &c.a
            } else {
                return None;
            };
            let other = self.content.role(other)?;
            has_figures(other).then(|| views::canonical_sides(&self.content, &[role, other]))
        });
        curated.or_else(|| {
            let other = self
                .content
                .roles
                .iter()
                .find(|other| other.slug != role.slug && has_figures(other))?;
            Some(views::canonical_sides(&self.content, &[role, other]))
        })
    }
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayPage<'a> {
    page: Layout<'a>,
    view: PayView<'a>,
}

#[derive(Template)]
#[template(path = "role_pay.html")]
struct RolePayPage<'a> {
    page: Layout<'a>,
    view: RolePayView<'a>,
}

/// Each official's text by `each`, joined with "vs".
fn joined<'a>(officials: &[Official<'a>], each: impl Fn(&Official<'a>) -> String) -> String {
    officials.iter().map(each).collect::<Vec<_>>().join(" vs ")
}

/// The first of `texts` of at most `chars` characters, else the last.
fn first_within<const N: usize>(chars: usize, texts: [String; N]) -> String {
    let fits = texts.iter().position(|text| text.chars().count() <= chars);
    let at = fits.unwrap_or(N.saturating_sub(1));
    texts.into_iter().nth(at).unwrap_or_default()
}
