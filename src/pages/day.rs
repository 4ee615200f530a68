//! `/compare/{a}-vs-{b}…/day-in-the-life`: each role's working day, hour
//! by hour, with its card.

use askama::Template;

use super::layout::{layout, slugs, title};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, pairs, rendered, roles_found, roles_of};
use crate::address::Page;
use crate::render::card::Card;
use crate::render::cards::day_card;
use crate::render::day::DayView;
use crate::render::views::{self, CompareView, Layout};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Day(sides) => roles_of(site.content, sides).is_some(),
            _ => false,
        };
        super::slugs::for_readers(site, page, exists, |asked| super::slugs::roles(site, asked))
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Day(sides) = page else {
            return Err(UNKNOWN.to_owned());
        };
        let roles = roles_found(site, sides)?;
        let view = CompareView::new(site.content, &roles);
        let canonical = Page::Day(views::canonical_sides(site.content, &roles));
        let mut page = layout(
            site,
            title(site, &format!("A day in the life: {}", view.title)),
            format!(
                "{}: an illustrative working day of each role, hour by hour, and how the hours split by kind of work.",
                view.title
            ),
            Some(&canonical),
        );
        page.picked = slugs(&roles);
        if let Some(og) = &mut page.og {
            og.image_alt = format!(
                "A day in the life of {}: when each day runs and its hours by kind of work.",
                view.title
            );
        }
        let page = DayPage {
            page,
            day: DayView::new(&roles, &view.colours),
            view,
        };
        rendered(&page).map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, page: &Page) -> Result<Card, &'static str> {
        match page {
            Page::Day(sides) => roles_of(site.content, sides)
                .map(|roles| day_card(site.content, &roles))
                .ok_or(UNKNOWN),
            _ => Err(UNKNOWN),
        }
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        pairs(site)
            .flat_map(|(canonical, other)| {
                let page = Page::Day(canonical);
                [page.card(), Some(page), Some(Page::Day(other))]
            })
            .flatten()
            .collect()
    }
}

#[derive(Template)]
#[template(path = "day.html")]
struct DayPage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    day: DayView<'a>,
}
