//! `/roles/{slug}/pay`: one role's official pay in every area.

use super::pay::officials;
use super::{PageKind, Resolution, Site, slugs};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let Page::RolePay(slug) = page else {
            return Resolution::Missing(Missing::NoPage);
        };
        let exists = |page: &Page| match page {
            Page::RolePay(slug) => site
                .content
                .role(slug)
                .is_some_and(|role| officials(site.content, &[role]).is_some()),
            _ => false,
        };
        slugs::for_readers(site, page, exists, |_| slugs::one_role(site, slug))
    }
}
