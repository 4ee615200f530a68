//! `/compare/{a}-vs-{b}…/{section}`: one section of a comparison, to
//! share, with the section's card.

use askama::Template;

use super::layout::{layout, slugs, title};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, pairs, rendered, roles_found, roles_of};
use crate::address::{Page, Section};
use crate::render::card::Card;
use crate::render::cards::section_card;
use crate::render::views::{self, CompareView, Layout};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Share(sides, _) => roles_of(site.content, sides).is_some(),
            _ => false,
        };
        super::slugs::for_readers(site, page, exists, |asked| super::slugs::roles(site, asked))
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Share(sides, section) = page else {
            return Err(UNKNOWN.to_owned());
        };
        let section = *section;
        let roles = roles_found(site, sides)?;
        let mut view = CompareView::new(site.content, &roles);
        view.share = true;
        let heading = section.heading();
        let description = views::section_description(&view, section);
        let canonical = Page::Share(views::canonical_sides(site.content, &roles), section);
        let mut page = layout(
            site,
            title(site, &format!("{heading}: {}", view.title)),
            description,
            Some(&canonical),
        );
        page.picked = slugs(&roles);
        if let Some(og) = &mut page.og {
            og.kind = "article";
            og.image_alt = format!("{heading} of {}, side by side.", view.title);
        }
        let page = SharePage {
            page,
            view,
            section,
        };
        rendered(&page).map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, page: &Page) -> Result<Card, &'static str> {
        match page {
            Page::Share(sides, section) => roles_of(site.content, sides)
                .map(|roles| section_card(site.content, &roles, *section))
                .ok_or(UNKNOWN),
            _ => Err(UNKNOWN),
        }
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        pairs(site)
            .flat_map(|(canonical, other)| {
                Section::ALL.into_iter().flat_map(move |section| {
                    let page = Page::Share(canonical.clone(), section);
                    [
                        page.card(),
                        Some(page),
                        Some(Page::Share(other.clone(), section)),
                    ]
                })
            })
            .flatten()
            .collect()
    }
}

#[derive(Template)]
#[template(path = "share.html")]
struct SharePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    section: Section,
}
