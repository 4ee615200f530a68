//! How the site is published, and how long caches may keep what it serves.

/// The default bound of the on-demand cache: 64 MiB of page bytes in all
/// their forms. On a 200-role site a pair page is about 80 KB with its
/// gzip and brotli forms, so about 800 pages stay in memory.
pub const DEFAULT_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// How the site is published: where it lives (for links and canonical
/// URLs), whether search engines may index it, how long caches may keep
/// its pages, and how much memory pages rendered on request may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Absolute origin for canonical links, without a trailing slash, e.g.
    /// `https://careers.example.org`.
    pub base_url: String,
    /// Prefix for every root-relative link, e.g. `/careers`, or empty.
    pub base_path: String,
    /// A staging site: robots.txt disallows everything and pages carry
    /// `noindex`.
    pub noindex: bool,
    /// How long browsers and proxies may reuse a page without asking again
    /// (0: always revalidate, as while content is being edited).
    pub page_max_age: u32,
    /// The bound, in bytes, of the cache of pages rendered on request.
    pub cache_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: String::new(),
            base_path: String::new(),
            noindex: false,
            page_max_age: 0,
            cache_bytes: DEFAULT_CACHE_BYTES,
        }
    }
}

impl Settings {
    /// How long caches may keep a page of this site.
    pub fn page_cache(&self) -> CachePolicy {
        match self.page_max_age {
            0 => CachePolicy::Revalidate,
            seconds => CachePolicy::MaxAge(seconds),
        }
    }

    /// A root-relative link inside the site; the home page under a base
    /// path is the base path itself, without a trailing slash.
    pub fn link(&self, path: &str) -> String {
        if path == "/" && !self.base_path.is_empty() {
            return self.base_path.clone();
        }
        format!("{}{path}", self.base_path)
    }

    /// The absolute URL of a page.
    pub fn absolute(&self, path: &str) -> String {
        let path = if path == "/" && !self.base_path.is_empty() {
            ""
        } else {
            path
        };
        format!("{}{}{path}", self.base_url, self.base_path)
    }
}

/// How long browsers and proxies may keep a response: a value on each
/// resource, which only the HTTP layer turns into headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Ask again every time (a conditional request answers 304).
    Revalidate,
    /// Reuse for this many seconds without asking, browsers and shared
    /// caches (CDNs) alike; then, for as long again, a shared cache may
    /// answer with the stale copy while it revalidates.
    MaxAge(u32),
    /// Keep for a year: fingerprinted assets, whose names change with them.
    Immutable,
    /// Never store: error pages and answers made for one request.
    NoStore,
}
