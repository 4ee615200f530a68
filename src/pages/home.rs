//! `/`: the home page, with the site's card.

use askama::Template;
use std::path::PathBuf;

use super::layout::layout;
use super::{Built, PageKind, Resolution, Site, rendered};
use crate::address::Page;
use crate::content::Role;
use crate::render::card::Card;
use crate::render::cards::site_card;
use crate::render::views::{Layout, PairLink};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, _: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        Resolution::Found(page.clone())
    }

    fn build(&self, site: Site<'_>, _: &Page) -> Result<Built, String> {
        let about = &site.content.site;
        let page = HomePage {
            page: layout(
                site,
                format!("{}: {}", about.title, about.tagline),
                about.description.to_string(),
                Some(&Page::Home),
            ),
            roles: site.content.ordered().collect(),
            curated: site
                .content
                .comparisons
                .iter()
                .filter_map(|c| PairLink::new(site.content, site.settings, &c.a, &c.b))
                .collect(),
        };
        rendered(&page).map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, _: &Page) -> Result<Card, &'static str> {
        Ok(site_card(site.content))
    }

    fn stored(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Home]
    }

    fn listed(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Home]
    }

    fn exported(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Card(Box::new(Page::Home))]
    }

    fn file(&self, _: &Page) -> PathBuf {
        PathBuf::from("index.html")
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: Layout<'a>,
    roles: Vec<&'a Role>,
    curated: Vec<PairLink<'a>>,
}
