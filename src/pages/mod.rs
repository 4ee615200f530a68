//! Page kinds: one module per kind of page, each owning what its
//! addresses mean against the content (the page exists, or why not, or
//! where it is now), how it is built (view and template), its card, its
//! entries in the sitemap and the export, and its file name in the export.
//!
//! [`kinds!`] below is the one dispatch over kinds: one line per kind,
//! expanded into an exhaustive `match` without a catch-all (a kind added
//! to the address module and forgotten here does not compile) and into
//! the ordered list the site-wide lists (stored pages, sitemap, export)
//! are gathered from.
//!
//! This module owns the meaning of addresses and the building of pages. It
//! must not touch HTTP (status codes and headers are `http`'s) or the
//! store of rendered bytes (`store`): a page is a plain function of the
//! content, the settings, the fingerprinted files and its address.
//!
//! # A request's path, from socket to bytes
//! 1. `http::server` accepts the connection; `http::App` gets the request.
//! 2. `App` refuses what no page takes (`http::middleware::refuse`: methods,
//!    sizes, a body, hosts), once. A GET or HEAD without a query whose path,
//!    under the base path, is a stored page is answered from the store
//!    there and then (`store::Rendered::stored_at`); else the path is
//!    percent-decoded and parsed once (`http::read`, [`Page::parse`]) and,
//!    if the on-demand cache holds that page, answered from it.
//! 3. Anything else goes to the router with what was read: its one handler
//!    (`http::handlers::answer`) resolves the address once ([`resolve`]):
//!    [`Resolution::Found`] is looked up in the store or rendered off the
//!    request threads ([`build`], kept in the bounded cache);
//!    [`Resolution::Redirect`] and [`Resolution::Made`] are answered as
//!    they are; [`Resolution::Missing`] becomes an `http::AppError`, whose
//!    status code and page `http::error` decides in one function.
//! 4. `http::respond` negotiates the encoding, answers 304 to a matching
//!    `If-None-Match`, and turns the resource's cache policy into headers;
//!    the middleware gives errors their body and every response its
//!    security headers.
//!
//! # Adding a kind of page
//! 1. `src/address/mod.rs`: a `Page` variant, its spelling in
//!    `Page::path` and its reading in `Page::parse` (and `Page::card` if it
//!    has a card of its own).
//! 2. `src/pages/{kind}.rs`: a `Kind` implementing [`PageKind`]: `resolve`
//!    (found, or the [`Missing`] reason), `build` (its view and template
//!    struct, `templates/{kind}.html`), and as it needs `card`, `stored`
//!    (rendered with the site), `listed` (in the sitemap) and `exported`
//!    (in a static copy, with its card).
//! 3. One line in [`kinds!`] below, and `mod {kind};`.
//! 4. Tests under `tests/testsuite/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bytes::Bytes;

use crate::address::{Missing, Page, Sides};
use crate::content::{Content, Role};
use crate::render::assets::Assets;
use crate::render::card::Card;
use crate::render::settings::{CachePolicy, Settings};
use crate::render::views::canonical_pair;

mod cards;
mod compare;
mod data;
mod day;
mod differences;
pub mod errors;
mod files;
mod fit;
mod fit_result;
mod home;
mod layout;
mod pay;
mod pay_area;
mod picker;
mod role;
mod role_pay;
mod roles;
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
#[derive(Debug)]
pub enum Resolution {
    /// The page exists: stored, cached or to build.
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

/// A page made for one request, never kept.
#[derive(Debug)]
pub enum Made {
    /// An HTML page; `complete` is false when it shows what is wrong with
    /// the request (a form sent again with its problems).
    Html {
        html: Result<String, String>,
        complete: bool,
    },
    /// A line of plain text (the health check).
    Text(&'static str),
}

/// What of the content a page shows, for a reload to know whether a
/// change touches it (`site.yaml`, the curated pairs, the questionnaire
/// and the official figures may show on any page that shows content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    /// No content: fingerprinted files, `robots.txt`, the schema.
    Nothing,
    /// The roles it names, and no other.
    ItsRoles,
    /// The roles it names in full and every role by its listing (slug,
    /// title and family: the picker, the links to each pair, each role's
    /// colour by its place in the content's order); a page that names no
    /// role shows every role.
    Listing,
}

/// What a page of a kind is served as, known before it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Served {
    pub content_type: &'static str,
    /// Whether any origin may read it (the JSON API).
    pub shared: bool,
}

pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";

/// A page built: its bytes and what they are, for the store to keep.
pub struct Built {
    pub body: Bytes,
    pub content_type: &'static str,
    pub cache: CachePolicy,
    /// Text is kept compressed too; images as they are.
    pub compressible: bool,
    /// Whether any origin may read it (the JSON API).
    pub shared: bool,
}

impl Built {
    /// Text of `content_type`, cached like the site's pages.
    pub fn text(site: Site<'_>, body: String, content_type: &'static str) -> Self {
        Self {
            body: Bytes::from(body),
            content_type,
            cache: site.settings.page_cache(),
            compressible: true,
            shared: false,
        }
    }

    /// An HTML page.
    pub fn html(site: Site<'_>, html: String) -> Self {
        Self::text(site, html, HTML)
    }

    /// A file of the JSON API: readable from any origin.
    pub fn json(site: Site<'_>, value: &serde_json::Value) -> Self {
        Self {
            shared: true,
            ..Self::text(site, value.to_string(), JSON)
        }
    }
}

/// What every kind of page says of its addresses.
pub trait PageKind: Sync {
    /// Whether `page` exists, and if not why not or where it is; `query`
    /// is the request's, for the kinds that read their own.
    fn resolve(&self, site: Site<'_>, page: &Page, query: Option<&str>) -> Resolution;

    /// The bytes of `page`, a page of this kind that exists.
    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String>;

    /// The preview card of `page`, or why it has none.
    fn card(&self, _: Site<'_>, _: &Page) -> Result<Card, &'static str> {
        Err("the page has no card")
    }

    /// What of the content `page` shows.
    fn shows(&self, _: &Page) -> Shows {
        Shows::Listing
    }

    /// What a page of this kind is served as.
    fn served(&self) -> Served {
        Served {
            content_type: HTML,
            shared: false,
        }
    }

    /// The pages of this kind built with the site and kept for as long as
    /// it is served (the rest are built on request).
    fn stored(&self, _: Site<'_>) -> Vec<Page> {
        Vec::new()
    }

    /// The pages of this kind the sitemap lists (the pairs' comparisons
    /// are listed by the sitemap itself, lazily: they are too many).
    fn listed(&self, _: Site<'_>) -> Vec<Page> {
        Vec::new()
    }

    /// The pages of this kind a static copy holds beyond the stored ones,
    /// with their cards.
    fn exported(&self, _: Site<'_>) -> Vec<Page> {
        Vec::new()
    }

    /// Where `page` lives in a static copy: an HTML page at
    /// `{path}/index.html`, a file at its path.
    fn file(&self, page: &Page) -> PathBuf {
        let path = page.path();
        Path::new(path.trim_start_matches('/')).join("index.html")
    }
}

/// The one dispatch over kinds: `pattern => module,` a line per kind, in
/// the order the site-wide lists gather them.
macro_rules! kinds {
    ($($pattern:pat => $module:ident,)*) => {
        /// The kind of `page`.
        fn kind(page: &Page) -> &'static dyn PageKind {
            match page {
                $($pattern => &$module::Kind,)*
            }
        }

        /// Every kind, in order.
        const KINDS: &[&dyn PageKind] = &[$(&$module::Kind),*];
    };
}

kinds! {
    Page::Home => home,
    Page::Salaries(_) => salaries,
    Page::Fit => fit,
    Page::Robots | Page::Sitemap | Page::SitemapPart(_) => sitemap,
    Page::SalariesCsv | Page::RoleSchema | Page::ApiRoles | Page::ApiRole(_) | Page::ApiCompare(_) => data,
    Page::Health | Page::Favicon | Page::Asset(_) => files,
    Page::Role(_) => role,
    Page::RolePay(_) => role_pay,
    Page::Compare(_) => compare,
    Page::Differences(_) => differences,
    Page::Day(_) => day,
    Page::Transition(_) => transition,
    Page::Share(..) => share,
    Page::Pay(..) => pay,
    Page::PayIn(..) | Page::PayPicker(..) => pay_area,
    Page::FitResult => fit_result,
    Page::Picker => picker,
    Page::Card(_) => cards,
    Page::Roles(_) => roles,
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

/// The bytes of `page`, a page that exists.
pub fn build(site: Site<'_>, page: &Page) -> Result<Built, String> {
    kind(page).build(site, page)
}

/// The preview card of the page `shown`, or why it has none.
pub fn card_for(site: Site<'_>, shown: &Page) -> Result<Card, &'static str> {
    kind(shown).card(site, shown)
}

/// What of the content `page` shows.
pub fn shows(page: &Page) -> Shows {
    kind(page).shows(page)
}

/// What `page` is served as, known without building it.
pub fn served(page: &Page) -> Served {
    kind(page).served()
}

/// Where `page` lives in a static copy of the site.
pub fn file_for(page: &Page) -> PathBuf {
    kind(page).file(page)
}

/// The pages built with the site and kept, in order.
pub fn stored(site: Site<'_>) -> Vec<Page> {
    KINDS.iter().flat_map(|kind| kind.stored(site)).collect()
}

/// The site's own pages the sitemap lists before the pairs, in order.
fn listed(site: Site<'_>) -> Vec<Page> {
    KINDS.iter().flat_map(|kind| kind.listed(site)).collect()
}

/// Every page and file a static copy of the site needs, each once: what
/// is built with the site, then what each kind adds (see
/// [`PageKind::exported`]). Views chosen by a query string and pages made
/// for one request need the server, so they are not in it.
pub fn exported(site: Site<'_>) -> Vec<Page> {
    let mut pages = stored(site);
    pages.extend(KINDS.iter().flat_map(|kind| kind.exported(site)));
    pages
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

/// The roles `sides` names, for a page that exists.
fn roles_found<'a>(site: Site<'a>, sides: &Sides) -> Result<Vec<&'a Role>, String> {
    roles_of(site.content, sides).ok_or_else(|| UNKNOWN.to_owned())
}

/// Why a page naming roles the site does not have cannot be built.
const UNKNOWN: &str = "it names roles the site does not have";

/// Every pair of roles once, as `(canonical, the other way round)`.
fn pairs(site: Site<'_>) -> impl Iterator<Item = (Sides, Sides)> + '_ {
    let roles = &site.content.roles;
    roles.iter().enumerate().flat_map(move |(i, a)| {
        roles[i + 1..].iter().map(move |b| {
            let (a, b) = canonical_pair(site.content, &a.slug, &b.slug);
            (Sides::of([a, b]), Sides::of([b, a]))
        })
    })
}

/// `page` and, if it has a card of its own, its card.
fn with_card(page: Page) -> Vec<Page> {
    let mut pages: Vec<Page> = page.card().into_iter().collect();
    pages.push(page);
    pages
}

/// An askama template's text, or why it failed.
fn rendered(template: &impl askama::Template) -> Result<String, String> {
    template.render().map_err(|error| error.to_string())
}
