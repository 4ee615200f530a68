//! `/roles/{slug}`: a role's page.

use super::{PageKind, Resolution, Site, slugs};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let Page::Role(slug) = page else {
            return Resolution::Missing(Missing::NoPage);
        };
        let exists =
            |page: &Page| matches!(page, Page::Role(slug) if site.content.role(slug).is_some());
        slugs::for_readers(site, page, exists, |_| slugs::one_role(site, slug))
    }
}
