//! What handlers share: the rendered site, and the permits to render.

use std::sync::Arc;

use arc_swap::ArcSwap;
use tokio::sync::Semaphore;

use crate::render::Rendered;

/// What handlers share: the rendered site, swapped whole when content is
/// reloaded (`serve --watch`), so a request sees one version throughout.
#[derive(Clone)]
pub struct AppState {
    pub(super) site: Arc<ArcSwap<Rendered>>,
    /// Permits to render a page on request: at most this many renders run
    /// at once, on tokio's blocking threads, so stored pages keep being
    /// answered on the request threads during a flood of new pages.
    pub(super) renders: Arc<Semaphore>,
}

/// How many pages may be rendered on request at once: one core's worth
/// less than the machine has, and at least one.
fn render_permits() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .saturating_sub(1)
        .max(1)
}

impl AppState {
    pub fn new(site: Rendered) -> Self {
        Self {
            site: Arc::new(ArcSwap::from_pointee(site)),
            renders: Arc::new(Semaphore::new(render_permits())),
        }
    }

    /// The site as it is now. The guard is cheap (no reference-count
    /// traffic shared between threads); keep it for one request at most.
    pub fn site(&self) -> arc_swap::Guard<Arc<Rendered>> {
        self.site.load()
    }

    /// Serves `site` from the next request on.
    pub fn replace(&self, site: Rendered) {
        self.site.store(Arc::new(site));
    }
}
