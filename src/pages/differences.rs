//! `/compare/{a}-vs-{b}…?view=differences`: only what differs.

use super::{PageKind, Resolution, Site, roles_of, slugs};
use crate::address::Page;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Differences(sides) => roles_of(site.content, sides).is_some(),
            _ => false,
        };
        slugs::for_readers(site, page, exists, |asked| slugs::roles(site, asked))
    }
}
