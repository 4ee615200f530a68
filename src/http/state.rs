//! What handlers share: the rendered site, and the render threads.

use std::sync::Arc;

use arc_swap::ArcSwap;

use super::renders::{RenderLimits, Renders};
use crate::store::Rendered;

/// What handlers share: the rendered site, swapped whole when content is
/// reloaded (`serve --watch`), so a request sees one version throughout.
#[derive(Clone)]
pub struct AppState {
    pub(super) site: Arc<ArcSwap<Rendered>>,
    /// The render threads for pages made on request, and their queue (see
    /// [`Renders`]).
    pub(super) renders: Arc<Renders>,
}

impl AppState {
    /// `site`, rendering pages on request within the default bounds.
    pub fn new(site: Rendered) -> Self {
        Self::with_renders(site, RenderLimits::default())
    }

    /// `site`, rendering pages on request within `limits`.
    pub fn with_renders(site: Rendered, limits: RenderLimits) -> Self {
        Self {
            site: Arc::new(ArcSwap::from_pointee(site)),
            renders: Arc::new(Renders::new(limits)),
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

    /// The render threads and their queue.
    pub fn renders(&self) -> &Renders {
        &self.renders
    }
}
