//! `/compare/{a}-vs-{b}…?view=differences`: only what differs. Its card
//! and canonical address are the comparison's.

use super::compare::comparison;
use super::{Built, PageKind, Resolution, Site, UNKNOWN, roles_found, roles_of, slugs};
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

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Differences(sides) = page else {
            return Err(UNKNOWN.to_owned());
        };
        comparison(site, &roles_found(site, sides)?, true)
    }
}
