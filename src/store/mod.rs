//! The store of rendered bytes: every page and file of the site by
//! address, built once and kept, or built on request into a bounded cache
//! ([`cache`]), each in every form it is served in ([`resource`]), with
//! its brotli form made in the background; and a reload that builds again
//! only what a change touches ([`renew`]).
//!
//! This module owns bytes, encodings, ETags and the cache's bounds. It
//! must not decide which pages exist or how they look (it asks `pages`,
//! which never sees the store) and must not touch HTTP: a resource carries
//! a [`CachePolicy`], which only `http` turns into headers.

pub mod cache;
pub mod mapped;
mod renew;
pub mod resource;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use crate::address::Page;
use crate::content::Content;
use crate::pages::{self, Resolution, Site};
use crate::render::assets::Assets;
use crate::render::settings::Settings;

pub use crate::render::settings::CachePolicy;
pub use resource::Resource;

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
        pages::stored(self.site())
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
        self.on_demand.insert(page, resource.clone());
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

    /// The resource whose path is `path` (as requested, without the base
    /// path or a query string) if the on-demand cache holds it: like
    /// [`Rendered::stored_at`], without reading the path as an address.
    pub fn cached_at(&self, path: &str) -> Option<Arc<Resource>> {
        let resource = self.on_demand.at(path)?;
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

    /// Renders `page` with its gzip form.
    pub(super) fn render(&self, page: &Page) -> Result<Resource, RenderError> {
        self.renders.fetch_add(1, Ordering::Relaxed);
        let built = pages::build(self.site(), page).map_err(|reason| RenderError {
            page: page.path(),
            reason,
        })?;
        let resource = if built.compressible {
            Resource::new(built.body, built.content_type, built.cache)
        } else {
            Resource::binary(built.body, built.content_type, built.cache)
        };
        Ok(if built.shared {
            resource.shared_with_any_origin()
        } else {
            resource
        })
    }

    /// Every page and file a static copy of the site needs, each once
    /// ([`pages::exported`]).
    pub fn pages(&self) -> Vec<Page> {
        pages::exported(self.site())
    }

    /// How many pages the sitemap lists.
    pub fn listed_count(&self) -> usize {
        pages::sitemap::listed_count(self.site())
    }

    /// Every page the sitemap lists, in its order.
    pub fn canonical_pages(&self) -> Vec<Page> {
        pages::sitemap::listed(self.site(), 0..self.listed_count())
    }
}
