//! `/salaries`: every role's salary ranges by level, in one table and one
//! chart (`?sort=` a level).

use askama::Template;

use super::layout::{layout, title};
use super::{Built, PageKind, Resolution, Site, rendered};
use crate::address::{Missing, Page};
use crate::render::views::{Layout, SalariesView};

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

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Salaries(sort) = page else {
            return Err("not the salaries".to_owned());
        };
        let page = SalariesPage {
            page: layout(
                site,
                title(site, "Salaries by level"),
                "Every role's salary ranges by level, in one table and one chart.".to_owned(),
                Some(page),
            ),
            view: SalariesView::new(site.content, site.settings, sort.as_deref()),
        };
        rendered(&page).map(|html| Built::html(site, html))
    }

    fn stored(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Salaries(None)]
    }

    fn listed(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Salaries(None)]
    }
}

#[derive(Template)]
#[template(path = "salaries.html")]
struct SalariesPage<'a> {
    page: Layout<'a>,
    view: SalariesView<'a>,
}
