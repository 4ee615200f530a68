//! The site's files: its fingerprinted assets (`/static/{file}`), the
//! favicon browsers ask for whatever a page declares, and the health
//! check.

use super::{Made, PageKind, Resolution, Site, Why};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        match page {
            Page::Health => Resolution::Made(Made::Health),
            Page::Favicon => Resolution::Redirect(site.assets.favicon.clone(), Why::Moved),
            Page::Asset(name) if site.assets.get(name).is_some() => Resolution::Found(page.clone()),
            _ => Resolution::Missing(Missing::NoPage),
        }
    }
}
