//! `/salaries`: every role's salary ranges by level (`?sort=` a level).

use super::{PageKind, Resolution, Site};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        match page {
            Page::Salaries(Some(sort)) if site.content.site.level(sort).is_none() => {
                Resolution::Missing(Missing::UnknownSort { sort: sort.clone() })
            }
            page => Resolution::Found(page.clone()),
        }
    }
}
