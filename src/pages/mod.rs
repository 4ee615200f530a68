//! Page kinds: what each kind of address means against the content. A
//! request's address ([`Page`]) is resolved here, once, into a page that
//! exists ([`Resolution::Found`]), a redirect, a page made for that request
//! alone, or a typed reason why there is none ([`Missing`]).
//!
//! Each kind of page has its own module; [`kind`] is the one dispatch over
//! kinds, an exhaustive `match` without a catch-all, so a kind that is
//! added to the address module and forgotten here does not compile.
//!
//! This module owns the meaning of addresses against content. It must not
//! touch HTTP (status codes and headers are `http`'s) or the store of
//! rendered bytes: it answers from the content, the settings and the
//! fingerprinted files alone.

use std::sync::OnceLock;

use crate::address::{Missing, Page, Sides};
use crate::content::{Content, Role};
use crate::fit::Reading;
use crate::render::assets::Assets;
use crate::render::settings::Settings;

mod cards;
mod compare;
mod data;
mod day;
mod differences;
mod files;
mod fit;
mod fit_result;
mod home;
pub mod pay;
mod pay_area;
mod picker;
mod role;
mod role_pay;
mod salaries;
mod share;
pub mod sitemap;
mod slugs;
mod transition;

/// What pages are made of: the content, how the site is published, and
/// its fingerprinted files. No rendered bytes: the store holds those.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub content: &'a Content,
    pub settings: &'a Settings,
    pub assets: &'a Assets,
    /// The site's own pages the sitemap lists before the pairs, once
    /// worked out.
    pub listed: &'a OnceLock<Vec<Page>>,
}

/// What an address comes to against the content.
pub enum Resolution {
    /// The page exists: stored, cached or to render.
    Found(Page),
    /// The page is elsewhere.
    Redirect(Page, Why),
    /// There is no such page, for this reason.
    Missing(Missing),
    /// A page made for this request alone, from its query string.
    Made(Made),
}

/// Why a request is sent elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The page has another address for good: a slug's case, the favicon.
    Moved,
    /// A role it names was renamed; its old slug leads to the new one.
    Renamed,
    /// A form's target: the page the reader chose.
    Chosen,
}

/// A page made for one request.
pub enum Made {
    /// The health check.
    Health,
    /// The questionnaire with these answers checked.
    FitForm(Reading),
    /// The questionnaire's result for complete answers.
    FitResult(Reading, Vec<usize>),
    /// The questionnaire again, with what is wrong with these answers.
    FitProblems(Reading),
}

/// What a page of a kind is served as, known before it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Served {
    pub content_type: &'static str,
    /// Whether any origin may read it (the JSON API).
    pub shared: bool,
}

pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";

/// What every kind of page says of its addresses.
trait PageKind: Sync {
    /// Whether `page` exists, and if not why not or where it is; `query`
    /// is the request's, for the kinds that read their own.
    fn resolve(&self, site: Site<'_>, page: &Page, query: Option<&str>) -> Resolution;

    /// What a page of this kind is served as.
    fn served(&self) -> Served {
        Served {
            content_type: HTML,
            shared: false,
        }
    }
}

/// The kind of `page`: the one dispatch over kinds.
fn kind(page: &Page) -> &'static dyn PageKind {
    match page {
        Page::Home => &home::Kind,
        Page::Role(_) => &role::Kind,
        Page::RolePay(_) => &role_pay::Kind,
        Page::Compare(_) => &compare::Kind,
        Page::Differences(_) => &differences::Kind,
        Page::Day(_) => &day::Kind,
        Page::Share(..) => &share::Kind,
        Page::Transition(_) => &transition::Kind,
        Page::Pay(..) => &pay::Kind,
        Page::PayIn(..) | Page::PayPicker(..) => &pay_area::Kind,
        Page::Salaries(_) => &salaries::Kind,
        Page::Fit => &fit::Kind,
        Page::FitResult => &fit_result::Kind,
        Page::Picker => &picker::Kind,
        Page::SalariesCsv
        | Page::RoleSchema
        | Page::ApiRoles
        | Page::ApiRole(_)
        | Page::ApiCompare(_) => &data::Kind,
        Page::Robots | Page::Sitemap | Page::SitemapPart(_) => &sitemap::Kind,
        Page::Health | Page::Favicon | Page::Asset(_) => &files::Kind,
        Page::Card(_) => &cards::Kind,
    }
}

/// What `page` comes to against `site`'s content (with the request's
/// `query`, which a few kinds read).
pub fn resolve(site: Site<'_>, page: &Page, query: Option<&str>) -> Resolution {
    kind(page).resolve(site, page, query)
}

/// Whether `page` is a page of the site.
pub fn exists(site: Site<'_>, page: &Page) -> bool {
    matches!(resolve(site, page, None), Resolution::Found(_))
}

/// What `page` is served as, known without rendering it.
pub fn served(page: &Page) -> Served {
    kind(page).served()
}

/// The roles `sides` names: two to four existing, different roles.
pub fn roles_of<'a>(content: &'a Content, sides: &Sides) -> Option<Vec<&'a Role>> {
    let mut roles: Vec<&Role> = Vec::new();
    for slug in sides.slugs() {
        let role = content.role(slug)?;
        if roles.iter().any(|r| r.slug == role.slug) {
            return None;
        }
        roles.push(role);
    }
    Some(roles)
}
