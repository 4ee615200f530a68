//! The data files: `/salaries.csv`, `/schema/role.json` and the JSON API
//! (`/api/roles`, `/api/roles/{slug}`, `/api/compare/{a}-vs-{b}…`).

use super::{JSON, PageKind, Resolution, Served, Site, roles_of, slugs};
use crate::address::Page;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::ApiRole(slug) => site.content.role(slug).is_some(),
            Page::ApiCompare(sides) => roles_of(site.content, sides).is_some(),
            _ => true,
        };
        slugs::for_programs(site, page, exists, |asked| match page {
            // The slug as it was asked for.
            Page::ApiRole(slug) => slugs::one_role(site, slug),
            _ => slugs::roles(site, asked),
        })
    }

    fn served(&self) -> Served {
        // Only the pair's data is made on request.
        Served {
            content_type: JSON,
            shared: true,
        }
    }
}
