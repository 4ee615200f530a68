//! The preview card of a page: `/cards/site.png` for the home page, else
//! `/cards{path}.png`.

use super::{PageKind, Resolution, Served, Site, exists};
use crate::address::{Missing, Page};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let Page::Card(shown) = page else {
            return Resolution::Missing(Missing::NoPage);
        };
        // A card of a page that has this card, and exists.
        if shown.card().as_ref() == Some(page) && exists(site, shown) {
            Resolution::Found(page.clone())
        } else {
            Resolution::Missing(Missing::NoPage)
        }
    }

    fn served(&self) -> Served {
        Served {
            content_type: "image/png",
            shared: false,
        }
    }
}
