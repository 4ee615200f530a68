//! What is made on request, bounded: pages rendered on their first request
//! live in a cache bounded in bytes, and brotli forms come from one
//! background thread fed by a bounded queue that never keeps a page alive.
//!
//! The pages rendered at start (home, role pages, salaries, data files,
//! assets) are not in the cache: they are kept for as long as the site is
//! served and are never evicted by on-demand ones. Every page, stored or
//! not, gets its brotli form once it is requested (a stored page on its
//! first request, an on-demand page on its second: its first paid for the
//! render), so start-up and reloads compress nothing.

use std::sync::mpsc::{self, SyncSender, TrySendError};
use std::sync::{Arc, Weak};

use quick_cache::Weighter;
use quick_cache::sync::Cache;

use super::resource::Resource;
use crate::address::Page;

/// Pages waiting for their brotli form, at most. When the queue is full a
/// page is served as gzip until a later request finds room for it.
pub const COMPRESS_QUEUE: usize = 64;

/// Weighs a cached page by the bytes it holds.
#[derive(Clone)]
struct ByBytes;

impl Weighter<String, Arc<Resource>> for ByBytes {
    fn weight(&self, _: &String, resource: &Arc<Resource>) -> u64 {
        // The address is small next to its page (and counted in the
        // resource's overhead).
        resource.weight()
    }
}

/// Pages rendered on request, by address, evicted when their bytes pass the bound
/// (quick_cache's S3-FIFO policy: a flood of pages seen once does not push
/// out pages that are requested again).
///
/// A page is kept under its path ([`Page::path`], query included): a request
/// whose path is exactly a rendered page's finds it without reading its
/// path as an address.
pub struct OnDemand {
    pages: Cache<String, Arc<Resource>, ByBytes>,
    bytes: u64,
}

impl OnDemand {
    pub fn new(bytes: u64) -> Self {
        // quick_cache sizes its tables from an estimate of the entries.
        let estimated = usize::try_from(bytes / (32 * 1024))
            .unwrap_or(usize::MAX)
            .clamp(16, 1 << 16);
        Self {
            pages: Cache::with_weighter(estimated, bytes.max(1), ByBytes),
            bytes,
        }
    }

    /// A cache of the same bound holding the pages of this one that `keep`
    /// keeps: the same resources, not copies. Pages added here afterwards
    /// are not in it.
    pub fn keeping(&self, keep: impl Fn(&Page) -> bool) -> Self {
        let kept = Self::new(self.bytes);
        for (path, resource) in self.pages.iter() {
            let (path_only, query) = match path.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (path.as_str(), None),
            };
            // Every key is a page's own path, which reads as that page.
            if Page::parse(path_only, query).is_ok_and(|page| keep(&page)) {
                kept.pages.insert(path, resource);
            }
        }
        kept
    }

    pub fn get(&self, page: &Page) -> Option<Arc<Resource>> {
        self.pages.get(page.path().as_str())
    }

    /// The page whose path, query included, is `path`.
    pub fn at(&self, path: &str) -> Option<Arc<Resource>> {
        self.pages.get(path)
    }

    pub fn insert(&self, page: &Page, resource: Arc<Resource>) {
        self.pages.insert(page.path(), resource);
    }

    /// The bytes held now.
    pub fn weight(&self) -> u64 {
        self.pages.weight()
    }

    /// The pages held now.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// The background brotli thread's queue. The thread holds only weak
/// references: a page evicted from the cache, or a site replaced by a
/// reload, is freed at once and its compression skipped; the thread ends
/// when the site that started it is dropped.
pub struct Compressor {
    queue: SyncSender<Weak<Resource>>,
}

impl Compressor {
    /// Starts the thread: it compresses whatever is queued, in order.
    /// `None` if no thread could be started (pages stay gzip).
    pub fn start() -> Option<Self> {
        let (queue, queued) = mpsc::sync_channel::<Weak<Resource>>(COMPRESS_QUEUE);
        let spawned = std::thread::Builder::new()
            .name("brotli".to_owned())
            .spawn(move || {
                for page in queued {
                    if let Some(resource) = page.upgrade() {
                        resource.compress();
                    }
                }
            });
        match spawned {
            Ok(_) => Some(Self { queue }),
            Err(error) => {
                tracing::warn!("no background compression ({error}): serving gzip");
                None
            }
        }
    }

    /// Queues `resource` for its brotli form unless it has one, is queued
    /// already, or the queue is full.
    pub fn offer(&self, resource: &Arc<Resource>) {
        if !resource.claim_compression() {
            return;
        }
        match self.queue.try_send(Arc::downgrade(resource)) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                resource.release_compression();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::Sides;
    use crate::render::settings::CachePolicy;

    fn resource() -> Arc<Resource> {
        Arc::new(Resource::new(
            bytes::Bytes::from("<p>a page</p>".repeat(40)),
            "text/html; charset=utf-8",
            CachePolicy::Revalidate,
        ))
    }

    #[test]
    fn finds_a_page_by_its_path_and_keeps_pages_with_queries_across_a_reload() {
        let cache = OnDemand::new(1 << 20);
        let pair = Sides::of(["a", "b"]);
        let other = Sides::of(["a", "c"]);
        let pages = [
            Page::Compare(pair.clone()),
            Page::Differences(pair.clone()),
            Page::PayPicker(pair.clone(), "oregon".to_owned()),
            Page::Day(other.clone()),
        ];
        for page in &pages {
            cache.insert(page, resource());
        }
        for page in &pages {
            let path = page.path();
            assert!(cache.at(&path).is_some(), "{path} by its path");
            assert!(cache.get(page).is_some(), "{path} by its page");
        }
        // A path that reads as a page but is not the page's own path is not
        // found by the path as written.
        let compare = Page::Compare(pair).path();
        assert!(cache.at(&format!("{compare}?view=all")).is_none());
        assert!(cache.at(&format!("{compare}/")).is_none());

        // Keys are read back as pages when a reload keeps some of them.
        let kept = cache.keeping(|page| *page != Page::Day(other.clone()));
        assert_eq!(kept.len(), 3);
        for page in &pages[..3] {
            assert!(kept.get(page).is_some(), "{} kept", page.path());
        }
        assert!(kept.get(&pages[3]).is_none());
    }
}
