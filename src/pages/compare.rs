//! `/compare/{a}-vs-{b}…`: roles side by side, with the comparison's card.

use askama::Template;

use super::layout::{layout, slugs, title};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, pairs, rendered, roles_found, roles_of};
use crate::address::Page;
use crate::content::Role;
use crate::render::card::Card;
use crate::render::cards::compare_card;
use crate::render::data;
use crate::render::views::{self, CompareView, Layout};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Compare(sides) => roles_of(site.content, sides).is_some(),
            _ => false,
        };
        super::slugs::for_readers(site, page, exists, |asked| super::slugs::roles(site, asked))
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Compare(sides) = page else {
            return Err(UNKNOWN.to_owned());
        };
        comparison(site, &roles_found(site, sides)?, false)
    }

    fn card(&self, site: Site<'_>, page: &Page) -> Result<Card, &'static str> {
        match page {
            Page::Compare(sides) => roles_of(site.content, sides)
                .map(|roles| compare_card(site.content, &roles))
                .ok_or(UNKNOWN),
            _ => Err(UNKNOWN),
        }
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        pairs(site)
            .flat_map(|(canonical, other)| {
                let page = Page::Compare(canonical);
                [page.card(), Some(page), Some(Page::Compare(other))]
            })
            .flatten()
            .collect()
    }
}

/// A comparison of `roles`, whole or (`differences`) only what differs.
pub(super) fn comparison(
    site: Site<'_>,
    roles: &[&Role],
    differences: bool,
) -> Result<Built, String> {
    let view = CompareView::with_view(site.content, roles, differences);
    let heading = if differences {
        format!("Differences: {}", view.title)
    } else {
        view.title.clone()
    };
    let canonical = Page::Compare(views::canonical_sides(site.content, roles));
    let mut page = layout(
        site,
        title(site, &heading),
        view.description.clone(),
        Some(&canonical),
    );
    page.picked = slugs(roles);
    page.json_ld = Some(data::json_ld(site.content, site.settings, roles));
    if let Some(og) = &mut page.og {
        og.image_alt = format!(
            "{}: responsibilities, skills, a day in the life, career path, job market and salaries side by side.",
            view.title
        );
    }
    rendered(&ComparePage { page, view }).map(|html| Built::html(site, html))
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
}
