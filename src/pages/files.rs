//! The site's files: its fingerprinted assets (`/static/{file}`), kept
//! for a year, the favicon browsers ask for whatever a page declares, and
//! the health check.

use std::path::PathBuf;

use super::{Built, Made, PageKind, Resolution, Shows, Site, Why};
use crate::address::{Missing, Page};
use crate::render::settings::CachePolicy;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        match page {
            Page::Health => Resolution::Made(Made::Text("ok")),
            Page::Favicon => Resolution::Redirect(site.assets.favicon.clone(), Why::Moved),
            Page::Asset(name) if site.assets.get(name).is_some() => Resolution::Found(page.clone()),
            _ => Resolution::Missing(Missing::NoPage),
        }
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Asset(name) = page else {
            return Err("not a file".to_owned());
        };
        let asset = site.assets.get(name).ok_or("no such asset")?;
        Ok(Built {
            body: asset.bytes.clone(),
            content_type: asset.content_type,
            cache: CachePolicy::Immutable,
            compressible: true,
            shared: false,
        })
    }

    fn shows(&self, _: &Page) -> Shows {
        Shows::Nothing
    }

    fn stored(&self, site: Site<'_>) -> Vec<Page> {
        let files = site.assets.files();
        files
            .map(|(name, _)| Page::Asset(name.to_owned()))
            .collect()
    }

    fn file(&self, page: &Page) -> PathBuf {
        PathBuf::from(page.path().trim_start_matches('/'))
    }
}
