//! The site's addresses: every kind of page and resource it serves, with
//! one parser ([`Page::parse`]) and one spelling ([`Page::path`]). Paths
//! here are relative to the base path (see `render::Settings::link`).
//!
//! This module owns the URL grammar and the reasons an address can name no
//! page ([`Missing`]): outside the content model (which owns the slug rule
//! and the names of `comparisons/<a>-vs-<b>.md`), no other code spells a
//! route or the `-vs-` separator. It must not touch the content, pages,
//! the store or HTTP: whether an address names a page is `pages`' question,
//! and what a reason answers is `http`'s.

use std::fmt;

mod missing;
mod section;

pub use missing::Missing;
pub use section::Section;

/// The most roles one comparison shows.
pub const MAX_ROLES: usize = 4;

/// What separates the roles of a comparison in its address.
const VS: &str = "-vs-";

/// The roles of a comparison, as the address names them: two to four
/// slugs, in order. Whether they exist is the content's question.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sides(Vec<String>);

impl Sides {
    /// The slugs of `a-vs-b[-vs-c[-vs-d]]`, refused before any role is
    /// looked up when there is one side or an empty one (404) or more than
    /// [`MAX_ROLES`] (400).
    pub fn parse(text: &str) -> Result<Self, Missing> {
        let sides: Vec<&str> = text.split(VS).collect();
        if sides.len() < 2 || sides.iter().any(|side| side.is_empty()) {
            return Err(Missing::NoPage);
        }
        if sides.len() > MAX_ROLES {
            return Err(Missing::TooManyRoles { count: sides.len() });
        }
        Ok(Self(sides.into_iter().map(str::to_owned).collect()))
    }

    /// Sides from slugs known to be two to four (roles of the content).
    pub fn of<S: AsRef<str>>(slugs: impl IntoIterator<Item = S>) -> Self {
        Self(slugs.into_iter().map(|s| s.as_ref().to_owned()).collect())
    }

    pub fn slugs(&self) -> &[String] {
        &self.0
    }

    /// The same sides with each slug replaced by `rename`'s answer.
    #[must_use]
    pub fn map(&self, rename: impl Fn(&str) -> String) -> Self {
        Self(self.0.iter().map(|slug| rename(slug)).collect())
    }
}

impl fmt::Display for Sides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(VS))
    }
}

/// Every kind of page and resource the site serves, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/`
    Home,
    /// `/roles/{slug}`
    Role(String),
    /// `/compare/{a}-vs-{b}…`
    Compare(Sides),
    /// `/compare/{a}-vs-{b}…?view=differences`
    Differences(Sides),
    /// `/compare/{a}-vs-{b}…/day-in-the-life`
    Day(Sides),
    /// `/compare/{a}-vs-{b}…/{section}`: one section, to share.
    Share(Sides, Section),
    /// `/compare/{a}-vs-{b}/transition`: moving from the first role to the
    /// second. Always two sides: three or four are refused when parsed.
    Transition(Sides),
    /// `/compare/{a}-vs-{b}…/pay`: official pay side by side for the
    /// nation and every state; `?sort=` orders the states (`difference`, or
    /// a role's slug for its median).
    Pay(Sides, Option<String>),
    /// `/compare/{a}-vs-{b}…/pay/{area}`: official pay in one area.
    PayIn(Sides, String),
    /// `/compare/{a}-vs-{b}…/pay?area={area}`: the area form's target,
    /// which redirects to [`Page::PayIn`].
    PayPicker(Sides, String),
    /// `/roles/{slug}/pay`: one role's official pay in every area.
    RolePay(String),
    /// `/salaries`, or `/salaries?sort={level}` sorted by a level's pay.
    Salaries(Option<String>),
    /// `/roles`, or `/roles?sort={key}`: every role by family, with its
    /// salary range.
    Roles(Option<String>),
    /// `/fit`: the questionnaire (its answers, if any, in the query).
    Fit,
    /// `/fit/result?…`: the questionnaire's result.
    FitResult,
    /// `/compare?a=…&b=…`: the role picker's target.
    Picker,
    /// `/healthz`
    Health,
    /// `/robots.txt`
    Robots,
    /// `/sitemap.xml`
    Sitemap,
    /// `/sitemaps/{n}.xml`, when one sitemap cannot list every page.
    SitemapPart(usize),
    /// `/static/{file}`: a fingerprinted asset.
    Asset(String),
    /// `/favicon.ico`, asked for whatever a page declares.
    Favicon,
    /// `/salaries.csv`
    SalariesCsv,
    /// `/schema/role.json`
    RoleSchema,
    /// `/api/roles`
    ApiRoles,
    /// `/api/roles/{slug}`
    ApiRole(String),
    /// `/api/compare/{a}-vs-{b}…`
    ApiCompare(Sides),
    /// The preview card of a page: `/cards/site.png` for the home page,
    /// else `/cards{path}.png` (role pages, comparisons, their day views,
    /// share pages and official pay).
    Card(Box<Page>),
}

impl Page {
    /// The address of `path` and `query` (as they arrived, without the
    /// base path). A query string only matters where it picks a view
    /// (`/compare/{pair}?view=`, `/salaries?sort=`); the forms' handlers
    /// read their own. `Err` says why there is no such address.
    pub fn parse(path: &str, query: Option<&str>) -> Result<Self, Missing> {
        let not_found = || Missing::NoPage;
        let page = match path {
            "/" => Self::Home,
            "/salaries" => Self::Salaries(sort_of(query)?),
            "/roles" => Self::Roles(sort_of(query)?),
            "/fit" => Self::Fit,
            "/fit/result" => Self::FitResult,
            "/compare" => Self::Picker,
            "/healthz" => Self::Health,
            "/robots.txt" => Self::Robots,
            "/sitemap.xml" => Self::Sitemap,
            "/favicon.ico" => Self::Favicon,
            "/salaries.csv" => Self::SalariesCsv,
            "/schema/role.json" => Self::RoleSchema,
            "/api/roles" => Self::ApiRoles,
            _ => {
                let (family, rest) = path
                    .strip_prefix('/')
                    .and_then(|p| p.split_once('/'))
                    .ok_or_else(not_found)?;
                if rest.is_empty() {
                    return Err(not_found());
                }
                match family {
                    "roles" => match rest.split_once('/') {
                        None => Self::Role(rest.to_owned()),
                        Some((slug, PAY)) if !slug.is_empty() => Self::RolePay(slug.to_owned()),
                        Some(_) => return Err(not_found()),
                    },
                    "compare" => comparison(rest, query)?,
                    "api" => match rest.split_once('/') {
                        Some(("roles", slug)) if !slug.contains('/') && !slug.is_empty() => {
                            Self::ApiRole(slug.to_owned())
                        }
                        Some(("compare", pair)) if !pair.contains('/') => {
                            Self::ApiCompare(Sides::parse(pair)?)
                        }
                        _ => return Err(not_found()),
                    },
                    "static" if !rest.contains('/') => Self::Asset(rest.to_owned()),
                    "sitemaps" => Self::SitemapPart(
                        rest.strip_suffix(".xml")
                            // One spelling per file: `1.xml`, never `01.xml` or `+1.xml`.
                            .filter(|n| {
                                n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0')
                            })
                            .and_then(|n| n.parse().ok())
                            .ok_or_else(not_found)?,
                    ),
                    "cards" => card(rest)?,
                    _ => return Err(not_found()),
                }
            }
        };
        Ok(page)
    }

    /// The path and query of this address, without the base path.
    pub fn path(&self) -> String {
        match self {
            Self::Home => "/".to_owned(),
            Self::Role(slug) => format!("/roles/{slug}"),
            Self::Compare(sides) => format!("/compare/{sides}"),
            Self::Differences(sides) => format!("/compare/{sides}?view=differences"),
            Self::Day(sides) => format!("/compare/{sides}/{DAY}"),
            Self::Share(sides, section) => format!("/compare/{sides}/{section}"),
            Self::Transition(sides) => format!("/compare/{sides}/{TRANSITION}"),
            Self::Pay(sides, None) => format!("/compare/{sides}/{PAY}"),
            Self::Pay(sides, Some(sort)) => format!("/compare/{sides}/{PAY}?sort={sort}"),
            Self::PayIn(sides, area) => format!("/compare/{sides}/{PAY}/{area}"),
            Self::PayPicker(sides, area) => format!("/compare/{sides}/{PAY}?area={area}"),
            Self::RolePay(slug) => format!("/roles/{slug}/{PAY}"),
            Self::Salaries(None) => "/salaries".to_owned(),
            Self::Salaries(Some(level)) => format!("/salaries?sort={level}"),
            Self::Roles(None) => "/roles".to_owned(),
            Self::Roles(Some(sort)) => format!("/roles?sort={sort}"),
            Self::Fit => "/fit".to_owned(),
            Self::FitResult => "/fit/result".to_owned(),
            Self::Picker => "/compare".to_owned(),
            Self::Health => "/healthz".to_owned(),
            Self::Robots => "/robots.txt".to_owned(),
            Self::Sitemap => "/sitemap.xml".to_owned(),
            Self::SitemapPart(n) => format!("/sitemaps/{n}.xml"),
            Self::Asset(file) => format!("/static/{file}"),
            Self::Favicon => "/favicon.ico".to_owned(),
            Self::SalariesCsv => "/salaries.csv".to_owned(),
            Self::RoleSchema => "/schema/role.json".to_owned(),
            Self::ApiRoles => "/api/roles".to_owned(),
            Self::ApiRole(slug) => format!("/api/roles/{slug}"),
            Self::ApiCompare(sides) => format!("/api/compare/{sides}"),
            Self::Card(page) => match **page {
                Self::Home => "/cards/site.png".to_owned(),
                ref page => format!("/cards{}.png", page.path()),
            },
        }
    }

    /// The roles this address names, in order: one for a role page, two
    /// to four for a comparison, none for the rest.
    pub fn slugs(&self) -> &[String] {
        match self {
            Self::Role(slug) | Self::ApiRole(slug) | Self::RolePay(slug) => {
                std::slice::from_ref(slug)
            }
            Self::Compare(sides)
            | Self::Differences(sides)
            | Self::Day(sides)
            | Self::Share(sides, _)
            | Self::Transition(sides)
            | Self::Pay(sides, _)
            | Self::PayIn(sides, _)
            | Self::PayPicker(sides, _)
            | Self::ApiCompare(sides) => sides.slugs(),
            Self::Card(page) => page.slugs(),
            _ => &[],
        }
    }

    /// The same kind of address for other slugs (as many as
    /// [`Page::slugs`] gives): how case and renamed roles are redirected.
    #[must_use]
    pub fn with_slugs(&self, rename: impl Fn(&str) -> String + Copy) -> Self {
        match self {
            Self::Role(slug) => Self::Role(rename(slug)),
            Self::ApiRole(slug) => Self::ApiRole(rename(slug)),
            Self::RolePay(slug) => Self::RolePay(rename(slug)),
            Self::Pay(sides, sort) => Self::Pay(sides.map(rename), sort.clone()),
            Self::PayIn(sides, area) => Self::PayIn(sides.map(rename), area.clone()),
            Self::PayPicker(sides, area) => Self::PayPicker(sides.map(rename), area.clone()),
            Self::Compare(sides) => Self::Compare(sides.map(rename)),
            Self::Differences(sides) => Self::Differences(sides.map(rename)),
            Self::Day(sides) => Self::Day(sides.map(rename)),
            Self::Share(sides, section) => Self::Share(sides.map(rename), *section),
            Self::Transition(sides) => Self::Transition(sides.map(rename)),
            Self::ApiCompare(sides) => Self::ApiCompare(sides.map(rename)),
            Self::Card(page) => Self::Card(Box::new(page.with_slugs(rename))),
            other => other.clone(),
        }
    }

    /// Whether this is in the JSON API, whose errors are JSON too.
    pub fn is_api(&self) -> bool {
        matches!(
            self,
            Self::ApiRoles | Self::ApiRole(_) | Self::ApiCompare(_)
        )
    }

    /// The card that previews this page, if it has one of its own.
    pub fn card(&self) -> Option<Self> {
        match self {
            Self::Home
            | Self::Role(_)
            | Self::Compare(_)
            | Self::Day(_)
            | Self::Share(..)
            | Self::Transition(_)
            | Self::Pay(_, None) => Some(Self::Card(Box::new(self.clone()))),
            Self::Differences(sides) => Some(Self::Card(Box::new(Self::Compare(sides.clone())))),
            Self::Pay(sides, Some(_)) => Some(Self::Card(Box::new(Self::Pay(sides.clone(), None)))),
            Self::Roles(_) => Some(Self::Card(Box::new(Self::Roles(None)))),
            _ => None,
        }
    }
}

impl fmt::Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

/// Whether `path` (with the base path `base`) is in the JSON API: `/api`
/// or under `/api/`, whether or not a page is there.
pub fn is_api_path(base: &str, path: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest == "/api" || rest.starts_with("/api/"))
}

/// The last step of a day view's address.
const DAY: &str = "day-in-the-life";

/// The step of official pay's addresses.
const PAY: &str = "pay";

/// The last step of a transition page's address.
const TRANSITION: &str = "transition";

/// `{pair}`, `{pair}/day-in-the-life`, `{pair}/transition`, `{pair}/pay…`
/// or `{pair}/{section}`, with `?view=` on the first.
fn comparison(rest: &str, query: Option<&str>) -> Result<Page, Missing> {
    let (pair, subpage) = match rest.split_once('/') {
        Some((pair, subpage)) => (pair, Some(subpage)),
        None => (rest, None),
    };
    let sides = Sides::parse(pair)?;
    match subpage {
        None => match view_of(query)? {
            false => Ok(Page::Compare(sides)),
            true => Ok(Page::Differences(sides)),
        },
        Some(DAY) => Ok(Page::Day(sides)),
        Some(TRANSITION) => transition_of(sides),
        Some(PAY) => pay_of(sides, query),
        Some(rest) if rest.starts_with("pay/") => match rest[PAY.len() + 1..].to_owned() {
            area if !area.is_empty() && !area.contains('/') => Ok(Page::PayIn(sides, area)),
            _ => Err(Missing::NoPage),
        },
        Some(section) => Section::from_id(section)
            .map(|section| Page::Share(sides, section))
            .ok_or(Missing::NoPage),
    }
}

/// A move from one role to another: two sides, never three or four (400).
fn transition_of(sides: Sides) -> Result<Page, Missing> {
    match sides.slugs() {
        [_, _] => Ok(Page::Transition(sides)),
        slugs => Err(Missing::PairOnly {
            count: slugs.len(),
            picked: slugs.to_vec(),
        }),
    }
}

/// `site.png`, or the path of a page with a card and `.png`:
/// `roles/{slug}.png`, `compare/{pair}.png`,
/// `compare/{pair}/day-in-the-life.png`, `compare/{pair}/{section}.png`,
/// `compare/{pair}/transition.png`, `compare/{pair}/pay.png`, `roles.png`.
fn card(rest: &str) -> Result<Page, Missing> {
    let name = rest.strip_suffix(".png").ok_or(Missing::NoPage)?;
    let page = match name {
        "site" => Page::Home,
        _ => match Page::parse(&format!("/{name}"), None)? {
            page @ (Page::Role(_)
            | Page::Compare(_)
            | Page::Day(_)
            | Page::Share(..)
            | Page::Transition(_)
            | Page::Pay(_, None)
            | Page::Roles(None)) => page,
            _ => return Err(Missing::NoPage),
        },
    };
    Ok(Page::Card(Box::new(page)))
}

#[derive(serde::Deserialize)]
struct ViewQuery {
    view: Option<String>,
}

/// Whether `?view=` asks for the differences alone; a malformed query is
/// no page (404), an unknown view a 400.
fn view_of(query: Option<&str>) -> Result<bool, Missing> {
    let Some(query) = query else {
        return Ok(false);
    };
    let ViewQuery { view } = serde_urlencoded::from_str(query).map_err(|_| Missing::NoPage)?;
    match view.as_deref() {
        None | Some("" | "all") => Ok(false),
        Some("differences") => Ok(true),
        Some(other) => Err(Missing::UnknownView {
            view: other.to_owned(),
        }),
    }
}

#[derive(serde::Deserialize)]
struct PayQuery {
    area: Option<String>,
    sort: Option<String>,
}

/// `/compare/{pair}/pay`: with `?area=`, the form's target; with
/// `?sort=`, the states in another order.
fn pay_of(sides: Sides, query: Option<&str>) -> Result<Page, Missing> {
    let Some(query) = query else {
        return Ok(Page::Pay(sides, None));
    };
    let PayQuery { area, sort } =
        serde_urlencoded::from_str(query).map_err(|_| Missing::BadQuery)?;
    Ok(match (area, sort) {
        (Some(area), _) => Page::PayPicker(sides, area.trim().to_owned()),
        (None, sort) => Page::Pay(sides, sort.filter(|s| !s.is_empty() && s != "state")),
    })
}

#[derive(serde::Deserialize)]
struct SortQuery {
    sort: Option<String>,
}

/// The level `/salaries?sort=` names (`role` and empty: the default order);
/// a malformed query is a 400.
fn sort_of(query: Option<&str>) -> Result<Option<String>, Missing> {
    let Some(query) = query else {
        return Ok(None);
    };
    let SortQuery { sort } = serde_urlencoded::from_str(query).map_err(|_| Missing::BadQuery)?;
    Ok(sort.filter(|sort| !sort.is_empty() && sort != "role"))
}

#[cfg(test)]
mod tests;
