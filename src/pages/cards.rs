//! The preview card of a page: `/cards/site.png` for the home page, else
//! `/cards{path}.png`. What a card shows is its page's kind's to say
//! ([`super::card_for`]); here it is drawn, in the colours its roles wear
//! on the page.

use std::path::PathBuf;

use bytes::Bytes;

use super::{Built, PageKind, Resolution, Served, Site, card_for, exists};
use crate::address::{MAX_ROLES, Missing, Page};
use crate::content::Role;
use crate::render::colour;

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

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Card(shown) = page else {
            return Err("not a card".to_owned());
        };
        let card = card_for(site, shown).map_err(str::to_owned)?;
        // The card's roles wear the colours they have on the page, which
        // may show roles the card leaves out (a day card drops roles
        // without a schedule); a page that names no role (the site's)
        // shows the first few.
        let on_page: Vec<&Role> = match shown.slugs() {
            [] => site.content.roles.iter().take(MAX_ROLES).collect(),
            slugs => slugs
                .iter()
                .filter_map(|slug| site.content.role(slug))
                .collect(),
        };
        let colours = colour::colours_of_titles(site.content, &on_page, &card.roles);
        let png = card
            .png(&colours)
            .map_err(|error| format!("cannot draw the card: {error}"))?;
        Ok(Built {
            body: Bytes::from(png),
            content_type: "image/png",
            cache: site.settings.page_cache(),
            compressible: false,
            shared: false,
        })
    }

    fn served(&self) -> Served {
        Served {
            content_type: "image/png",
            shared: false,
        }
    }

    fn file(&self, page: &Page) -> PathBuf {
        PathBuf::from(page.path().trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests;
