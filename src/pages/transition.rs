//! `/compare/{a}-vs-{b}/transition`: moving from the first role to the
//! second. Each direction is a page of its own, its own canonical address
//! and its own card.

use askama::Template;

use super::layout::{layout, title};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, pairs, rendered, roles_found, roles_of};
use crate::address::Page;
use crate::render::card::Card;
use crate::render::cards::transition_card;
use crate::render::views::{Layout, TransitionView};

pub(super) struct Kind;

/// Why a page of two roles cannot be built for more.
const NOT_A_PAIR: &str = "the page shows two roles";

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let exists = |page: &Page| match page {
            Page::Transition(sides) => roles_of(site.content, sides).is_some_and(|r| r.len() == 2),
            _ => false,
        };
        super::slugs::for_readers(site, page, exists, |asked| super::slugs::roles(site, asked))
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Transition(sides) = page else {
            return Err(UNKNOWN.to_owned());
        };
        let roles = roles_found(site, sides)?;
        let [from, to] = roles.as_slice() else {
            return Err(NOT_A_PAIR.to_owned());
        };
        let view = TransitionView::new(site.content, from, to);
        let mut page = layout(
            site,
            title(site, &view.title),
            view.description.clone(),
            Some(&view.address),
        );
        page.picked = vec![from.slug.clone(), to.slug.clone()];
        if let Some(og) = &mut page.og {
            og.kind = "article";
            og.image_alt = format!(
                "{}: the pay step at each salary level, {} minus {}.",
                view.title, to.title, from.title
            );
        }
        rendered(&TransitionPage { page, view }).map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, page: &Page) -> Result<Card, &'static str> {
        let Page::Transition(sides) = page else {
            return Err(UNKNOWN);
        };
        match roles_of(site.content, sides).ok_or(UNKNOWN)?.as_slice() {
            [from, to] => Ok(transition_card(site.content, from, to)),
            _ => Err(NOT_A_PAIR),
        }
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        pairs(site)
            .flat_map(|(canonical, other)| {
                let (one, two) = (Page::Transition(canonical), Page::Transition(other));
                [one.card(), Some(one), two.card(), Some(two)]
            })
            .flatten()
            .collect()
    }
}

#[derive(Template)]
#[template(path = "transition.html")]
struct TransitionPage<'a> {
    page: Layout<'a>,
    view: TransitionView<'a>,
}
