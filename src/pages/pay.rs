//! `/compare/{a}-vs-{b}…/pay`: official pay (BLS OEWS) side by side, in
//! the nation and every state (`?sort=` orders the states), with its card;
//! and the pay pages' shared builder, which the area pages use too.

use askama::Template;

use super::layout::{self, layout, slugs};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, pairs, rendered, roles_found, roles_of};
use crate::address::{Missing, Page, Sides};
use crate::content::{Content, Role};
use crate::oews::{Area, AreaKind, OfficialPay};
use crate::render::card::Card;
use crate::render::cards::pay_card;
use crate::render::views::{self, Layout, Official, PayTable, StateTable, officials_with_pay};

/// The most characters a pay page's title has before the site's name,
/// when it can: past it, the SOC codes are left out.
pub(super) const TITLE_CHARS: usize = 80;
/// The most characters of a pay page's description: each page says
/// less, in turn, until it fits.
pub(super) const DESCRIPTION_CHARS: usize = 160;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Pay(sides, sort) => roles_of(site.content, sides)
                .is_some_and(|roles| pay_exists(site.content, &roles, None, sort.as_deref())),
            _ => false,
        };
        super::slugs::for_readers(site, page, exists, |asked| {
            match (super::slugs::roles(site, asked), page) {
                // The roles exist, differ and are few enough: the sort is wrong.
                (Missing::NoPage, Page::Pay(_, Some(sort))) => {
                    Missing::UnknownSort { sort: sort.clone() }
                }
                (reason, _) => reason,
            }
        })
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Pay(sides, sort) = page else {
            return Err(UNKNOWN.to_owned());
        };
        let roles = roles_found(site, sides)?;
        pay_page(site, &roles, None, sort.as_deref())
            .ok_or_else(|| NO_PAY.to_owned())?
            .map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, page: &Page) -> Result<Card, &'static str> {
        match page {
            Page::Pay(sides, _) => {
                pay_card(site.content, &roles_of(site.content, sides).ok_or(UNKNOWN)?)
                    .ok_or("the roles have no official figures")
            }
            _ => Err(UNKNOWN),
        }
    }

    /// Each pair's official pay both ways round, with the canonical
    /// page's card, where either role has official figures.
    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        pairs(site)
            .flat_map(|(canonical, other)| {
                let (one, two) = (Page::Pay(canonical, None), Page::Pay(other, None));
                let one = [one.card(), Some(one)].into_iter().flatten();
                one.chain([two])
                    .filter(|page| super::exists(site, page))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// Why an official pay page with nothing to show cannot be built.
pub(super) const NO_PAY: &str = "the roles have no official figures there";

/// The official data and the roles' occupations in it, when any role has
/// figures.
pub fn officials<'a>(
    content: &'a Content,
    roles: &[&'a Role],
) -> Option<(&'a OfficialPay, Vec<Official<'a>>)> {
    officials_with_pay(content, roles)
}

/// Whether these roles have a pay page: a role with official figures (in
/// `area`, if given), and a sort by the difference (two roles) or by a
/// role with figures.
pub fn pay_exists(
    content: &Content,
    roles: &[&Role],
    area: Option<&str>,
    sort: Option<&str>,
) -> bool {
    let Some((pay, officials)) = officials(content, roles) else {
        return false;
    };
    let area_ok = area.is_none_or(|slug| {
        pay.area_by_slug(slug).is_some_and(|area| {
            area.kind != AreaKind::National
                && officials
                    .iter()
                    .any(|o| pay.estimates(o.soc, &area.code).is_some())
        })
    });
    let sort_ok = sort.is_none_or(|sort| {
        (sort == "difference" && officials.len() == 2)
            || officials.iter().any(|o| o.role.slug == sort)
    });
    area_ok && sort_ok && (area.is_none() || sort.is_none())
}

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

/// `/compare/{pair}/pay`, or `…/pay/{area}` for `area`; `sort` orders
/// the states. `None` if the page has nothing to show.
pub(super) fn pay_page(
    site: Site<'_>,
    roles: &[&Role],
    area: Option<&str>,
    sort: Option<&str>,
) -> Option<Result<String, String>> {
    let (pay, officials) = officials(site.content, roles)?;
    let sides = Sides::of(roles.iter().map(|role| &role.slug));
    let choices = views::area_choices(pay, &officials);
    let role_pages = officials
        .iter()
        .map(|o| (o.role, Page::RolePay(o.role.slug.clone())))
        .collect();
    let (table, states) = pay_tables(site, pay, officials, roles, &sides, area, sort)?;
    let title = roles
        .iter()
        .map(|role| role.title.as_str())
        .collect::<Vec<_>>()
        .join(" vs ");
    let mut layout = pay_layout(site, roles, &title, &table, area, sort);
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
    Some(rendered(&PayPage { page: layout, view }))
}

/// The figures of `officials` in the area whose slug is `area` (not
/// the nation's), or the nation's and every state's, sorted by
/// `sort`. `None` if there are none, or `area` or `sort` names
/// nothing.
fn pay_tables<'a>(
    site: Site<'_>,
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
            let canonical = views::canonical_sides(site.content, roles);
            let states = StateTable::new(pay, &officials, (sides, &canonical), sort)?;
            Some((PayTable::national(pay, officials)?, Some(states)))
        }
    }
}

/// A pay page's title, description, canonical address and card, for
/// the roles called `title` and the figures in `table`.
fn pay_layout<'a>(
    site: Site<'a>,
    roles: &[&Role],
    title: &str,
    table: &PayTable<'_>,
    area: Option<&str>,
    sort: Option<&str>,
) -> Layout<'a> {
    let canonical_sides = views::canonical_sides(site.content, roles);
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
    let mut layout = layout(
        site,
        layout::title(site, &headline),
        description,
        Some(&canonical),
    );
    if let Some(og) = &mut layout.og {
        og.kind = "article";
        og.image_alt = format!(
            "Official median wages, side by side: {}.",
            joined(&table.columns, Official::label)
        );
    }
    layout
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayPage<'a> {
    page: Layout<'a>,
    view: PayView<'a>,
}

/// Each official's text by `each`, joined with "vs".
pub(super) fn joined<'a>(
    officials: &[Official<'a>],
    each: impl Fn(&Official<'a>) -> String,
) -> String {
    officials.iter().map(each).collect::<Vec<_>>().join(" vs ")
}

/// The first of `texts` of at most `chars` characters, else the last.
pub(super) fn first_within<const N: usize>(chars: usize, texts: [String; N]) -> String {
    let fits = texts.iter().position(|text| text.chars().count() <= chars);
    let at = fits.unwrap_or(N.saturating_sub(1));
    texts.into_iter().nth(at).unwrap_or_default()
}
