//! The site registry: every page and resource of the site by address,
//! rendered once and kept, or rendered on request into a bounded cache.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use super::assets::Assets;
use super::resource::Resource;
use super::settings::{CachePolicy, Settings};
use super::{cache, colour, data};
use crate::address::{MAX_ROLES, Page, Sides};
use crate::content::{Content, Role};
use crate::pages::{self, Resolution, Site};

const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";

/// A page that exists but could not be rendered: a bug, answered with 500.
#[derive(Debug, thiserror::Error)]
#[error("cannot render {page}: {reason}")]
pub struct RenderError {
    pub page: String,
    pub reason: String,
}

/// The site, rendered: content, every page's bytes in every form, assets.
///
/// What is rendered when the site is built and kept costs memory and time
/// in proportion to the roles: the home page, the lists of every role
/// (salaries, the CSV, the role API's list), each role's data and the
/// site's files. Pages of one to four roles are rendered on their first
/// request into a cache bounded in bytes ([`cache::OnDemand`]): pairs and
/// more grow with the square of the roles or faster, and a role page,
/// which links to every other role, grows with the roles itself. So do the
/// sitemap files, which list every pair. Brotli forms are computed on a
/// background thread for pages that clients accepting brotli ask for (see
/// [`Resource::form`]); until one is ready, its page is served as gzip.
pub struct Rendered {
    pub content: Content,
    pub settings: Settings,
    pub assets: Assets,
    /// What was rendered with the site, by [`Page::path`]: the server's
    /// fast path finds a page by the path it was asked for, unparsed.
    pub(super) stored: HashMap<String, Arc<Resource>>,
    /// The addresses in `stored`, in the order they were rendered.
    stored_pages: Vec<Page>,
    pub(super) on_demand: cache::OnDemand,
    /// The background brotli queue, once started; shared with the sites
    /// reloaded from this one.
    pub(super) compressor: OnceLock<Arc<cache::Compressor>>,
    /// Pages rendered so far, at start and on request.
    renders: AtomicU64,
    /// The site's own pages the sitemap lists before the pairs, once known.
    listed: OnceLock<Vec<Page>>,
}

impl Rendered {
    /// Renders the site's stored pages and files, with their gzip forms.
    pub fn new(content: Content, settings: Settings) -> Result<Self, RenderError> {
        let mut site = Self::unrendered(content, settings);
        for page in site.pages_to_store() {
            let resource = Arc::new(site.render(&page)?);
            site.store(page, resource);
        }
        Ok(site)
    }

    /// The site of `content` with nothing rendered yet.
    pub(super) fn unrendered(content: Content, settings: Settings) -> Self {
        Self {
            on_demand: cache::OnDemand::new(settings.cache_bytes),
            content,
            settings,
            assets: Assets::new(),
            stored: HashMap::new(),
            stored_pages: Vec::new(),
            compressor: OnceLock::new(),
            renders: AtomicU64::new(0),
            listed: OnceLock::new(),
        }
    }

    /// Keeps `resource` as the page at `page`, for as long as the site.
    pub(super) fn store(&mut self, page: Page, resource: Arc<Resource>) {
        self.stored.insert(page.path(), resource);
        self.stored_pages.push(page);
    }

    /// The pages rendered with the site.
    pub(super) fn pages_to_store(&self) -> Vec<Page> {
        let roles = &self.content.roles;
        let mut pages = vec![Page::Home];
        pages.push(Page::Salaries(None));
        if self.content.fit.is_some() {
            pages.push(Page::Fit);
        }
        pages.extend([
            Page::Robots,
            Page::SalariesCsv,
            Page::RoleSchema,
            Page::ApiRoles,
        ]);
        pages.extend(roles.iter().map(|role| Page::ApiRole(role.slug.clone())));
        pages.extend(
            self.assets
                .files()
                .map(|(name, _)| Page::Asset(name.to_owned())),
        );
        pages
    }

    /// The pages and files rendered with the site, in order.
    pub fn stored_pages(&self) -> &[Page] {
        &self.stored_pages
    }

    /// Starts the thread that computes brotli forms, of every page once it
    /// is requested (see [`cache`]). It stops when the site, and every site
    /// reloaded from it, is dropped.
    pub fn compress_in_background(&self) {
        if self.compressor.get().is_none()
            && let Some(compressor) = cache::Compressor::start()
        {
            let _ = self.compressor.set(Arc::new(compressor));
        }
    }

    /// How many pages this site has rendered (at start, on request, and
    /// when it was reloaded from another): what a reload re-renders shows
    /// here.
    pub fn renders(&self) -> u64 {
        self.renders.load(Ordering::Relaxed)
    }

    /// The bytes and pages rendered with the site and kept.
    pub fn stored_usage(&self) -> (u64, usize) {
        let bytes = self.stored.values().map(|resource| resource.weight()).sum();
        (bytes, self.stored.len())
    }

    /// Queues `resource` for its brotli form if it needs one.
    fn offer_compression(&self, resource: &Arc<Resource>) {
        if let Some(compressor) = self.compressor.get() {
            compressor.offer(resource);
        }
    }

    /// What pages are made of: the content, settings and files, without
    /// the rendered bytes.
    pub fn site(&self) -> Site<'_> {
        Site {
            content: &self.content,
            settings: &self.settings,
            assets: &self.assets,
            listed: &self.listed,
        }
    }

    /// What `page` comes to against the content, with the request's
    /// `query` (see [`pages::resolve`]).
    pub fn resolve(&self, page: &Page, query: Option<&str>) -> Resolution {
        pages::resolve(self.site(), page, query)
    }

    /// The resource at `page`, rendering it if it is made on request and
    /// not in the cache. `Ok(None)` if the site has no such page. A render
    /// can take milliseconds: the server calls this off its request
    /// threads.
    pub fn get(&self, page: &Page) -> Result<Option<Arc<Resource>>, RenderError> {
        if let Some(resource) = self.lookup(page) {
            return Ok(Some(resource));
        }
        if !self.exists(page) {
            return Ok(None);
        }
        self.render_found(page).map(Some)
    }

    /// The resource at `page`, a page that exists ([`Resolution::Found`]):
    /// rendered already, or rendered now and kept in the cache.
    pub fn render_found(&self, page: &Page) -> Result<Arc<Resource>, RenderError> {
        if let Some(resource) = self.lookup(page) {
            return Ok(resource);
        }
        let resource = Arc::new(self.render(page)?);
        self.on_demand.insert(page.clone(), resource.clone());
        Ok(resource)
    }

    /// Whether the site has `page`, without rendering it.
    pub fn exists(&self, page: &Page) -> bool {
        pages::exists(self.site(), page)
    }

    /// The resource at `page` if it is rendered already: a lookup, never a
    /// render. A page found here is requested, so it is offered for its
    /// brotli form.
    pub fn lookup(&self, page: &Page) -> Option<Arc<Resource>> {
        let resource = match self.stored.get(&page.path()) {
            Some(resource) => resource.clone(),
            None => self.on_demand.get(page)?,
        };
        self.offer_compression(&resource);
        Some(resource)
    }

    /// The stored resource at `path` (as requested, without the base path
    /// or a query string): the server's fast path, which finds a stored
    /// page without parsing its path.
    pub fn stored_at(&self, path: &str) -> Option<Arc<Resource>> {
        let resource = self.stored.get(path)?.clone();
        self.offer_compression(&resource);
        Some(resource)
    }

    /// The resource at `page` if the on-demand cache holds it.
    pub fn cached(&self, page: &Page) -> Option<Arc<Resource>> {
        let resource = self.on_demand.get(page)?;
        self.offer_compression(&resource);
        Some(resource)
    }

    /// The bytes and pages the on-demand cache holds now.
    pub fn on_demand_usage(&self) -> (u64, usize) {
        (self.on_demand.weight(), self.on_demand.len())
    }

    /// The roles `sides` names: two to four existing, different roles.
    pub fn roles_of(&self, sides: &Sides) -> Option<Vec<&Role>> {
        pages::roles_of(&self.content, sides)
    }

    /// Renders `page` with its gzip form.
    pub(super) fn render(&self, page: &Page) -> Result<Resource, RenderError> {
        self.renders.fetch_add(1, Ordering::Relaxed);
        let fail = |reason: String| RenderError {
            page: page.path(),
            reason,
        };
        let cache = self.settings.page_cache();
        if let Some(html) = self.html(page) {
            return html
                .map(|html| Resource::new(Bytes::from(html), HTML, cache))
                .map_err(fail);
        }
        let (content, settings) = (&self.content, &self.settings);
        let json = |value| json(value, cache);
        let roles = |sides: &Sides| self.roles_of(sides).ok_or_else(|| fail(UNKNOWN.to_owned()));
        match page {
            Page::Robots => Ok(text(
                self.robots_txt(),
                "text/plain; charset=utf-8",
                settings,
            )),
            Page::Sitemap | Page::SitemapPart(_) => self
                .sitemap_xml(page)
                .map(|xml| text(xml, "application/xml; charset=utf-8", settings))
                .ok_or_else(|| fail("no such sitemap file".to_owned())),
            Page::SalariesCsv => Ok(text(
                data::salaries_csv(content),
                "text/csv; charset=utf-8",
                settings,
            )),
            Page::RoleSchema => Ok(text(
                data::role_schema(settings).to_string(),
                "application/schema+json",
                settings,
            )),
            Page::ApiRoles => Ok(json(data::roles(content, settings))),
            Page::ApiRole(slug) => match content.role(slug) {
                Some(role) => Ok(json(data::role(content, settings, role))),
                None => Err(fail(UNKNOWN.to_owned())),
            },
            Page::ApiCompare(sides) => Ok(json(data::compare(content, settings, &roles(sides)?))),
            Page::Asset(name) => match self.assets.get(name) {
                Some(asset) => Ok(Resource::new(
                    asset.bytes.clone(),
                    asset.content_type,
                    CachePolicy::Immutable,
                )),
                None => Err(fail("no such asset".to_owned())),
            },
            Page::Card(shown) => self.card(page, shown, cache),
            _ => Err(fail("not rendered on its own".to_owned())),
        }
    }

    /// `page`, the card image of the page `shown`, as PNG.
    fn card(&self, page: &Page, shown: &Page, cache: CachePolicy) -> Result<Resource, RenderError> {
        let fail = |reason: String| RenderError {
            page: page.path(),
            reason,
        };
        let card = self.card_for(shown).map_err(|why| fail(why.to_owned()))?;
        // The card's roles wear the colours they have on the page, which
        // may show roles the card leaves out (a day card drops roles
        // without a schedule).
        let on_page: Vec<&Role> = match shown {
            Page::Home => self.content.roles.iter().take(MAX_ROLES).collect(),
            _ => shown
                .slugs()
                .iter()
                .filter_map(|slug| self.content.role(slug))
                .collect(),
        };
        let colours = colour::colours_of_titles(&self.content, &on_page, &card.roles);
        let png = card
            .png(&colours)
            .map_err(|error| fail(format!("cannot draw the card: {error}")))?;
        Ok(Resource::binary(Bytes::from(png), "image/png", cache))
    }

    /// The HTML of `page`, if it is an HTML page of the site.
    fn html(&self, page: &Page) -> Option<Result<String, String>> {
        let roles = |sides: &Sides| self.roles_of(sides).ok_or(UNKNOWN);
        let html: Result<Result<String, askama::Error>, &str> = match page {
            Page::Home => Ok(self.home()),
            Page::Role(slug) => self.content.role(slug).ok_or(UNKNOWN).map(|r| self.role(r)),
            Page::Compare(sides) => roles(sides).map(|r| self.compare(&r, false)),
            Page::Differences(sides) => roles(sides).map(|r| self.compare(&r, true)),
            Page::Day(sides) => roles(sides).map(|r| self.day(&r)),
            Page::Share(sides, section) => roles(sides).map(|r| self.share(&r, *section)),
            Page::Transition(sides) => roles(sides).and_then(|r| match r.as_slice() {
                [from, to] => Ok(self.transition(from, to)),
                _ => Err(NOT_A_PAIR),
            }),
            Page::Salaries(sort) => Ok(self.salaries(sort.as_deref())),
            Page::Fit => self.fit_form(None).ok_or("the site has no questionnaire"),
            Page::Pay(sides, sort) => {
                roles(sides).and_then(|r| self.pay(&r, None, sort.as_deref()).ok_or(NO_PAY))
            }
            Page::PayIn(sides, area) => {
                roles(sides).and_then(|r| self.pay(&r, Some(area), None).ok_or(NO_PAY))
            }
            Page::RolePay(slug) => self
                .content
                .role(slug)
                .ok_or(UNKNOWN)
                .and_then(|r| self.role_pay(r).ok_or(NO_PAY)),
            _ => return None,
        };
        Some(match html {
            Ok(rendered) => rendered.map_err(|error| error.to_string()),
            Err(why) => Err(why.to_owned()),
        })
    }
}

/// Why a page naming roles the site does not have cannot be rendered.
pub(super) const UNKNOWN: &str = "it names roles the site does not have";
/// Why a page of two roles cannot be rendered for more.
pub(super) const NOT_A_PAIR: &str = "the page shows two roles";
/// Why an official pay page with nothing to show cannot be rendered.
const NO_PAY: &str = "the roles have no official figures there";

/// A file of the JSON API: cached like the pages, readable from any origin.
fn json(value: serde_json::Value, cache: CachePolicy) -> Resource {
    Resource::new(Bytes::from(value.to_string()), JSON, cache).shared_with_any_origin()
}

/// A text file of the site, cached like its pages.
fn text(body: String, content_type: &'static str, settings: &Settings) -> Resource {
    Resource::new(Bytes::from(body), content_type, settings.page_cache())
}
