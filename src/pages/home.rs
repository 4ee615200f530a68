//! `/`: the home page.

use super::{PageKind, Resolution, Site};
use crate::address::Page;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, _: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        Resolution::Found(page.clone())
    }
}
