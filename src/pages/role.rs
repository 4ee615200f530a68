//! `/roles/{slug}`: a role's page, with its card.

use askama::Template;

use super::layout::{layout, title};
use super::{Built, PageKind, Resolution, Site, UNKNOWN, rendered, slugs, with_card};
use crate::address::{Missing, Page};
use crate::render::card::Card;
use crate::render::cards::role_card;
use crate::render::data;
use crate::render::views::{CompareView, Layout, PairLink};

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        let Page::Role(slug) = page else {
            return Resolution::Missing(Missing::NoPage);
        };
        let exists =
            |page: &Page| matches!(page, Page::Role(slug) if site.content.role(slug).is_some());
        slugs::for_readers(site, page, exists, |_| slugs::one_role(site, slug))
    }

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        let Page::Role(slug) = page else {
            return Err(UNKNOWN.to_owned());
        };
        let role = site.content.role(slug).ok_or(UNKNOWN)?;
        let others = site
            .content
            .ordered()
            .filter(|other| other.slug != role.slug)
            .filter_map(|other| PairLink::new(site.content, site.settings, &role.slug, &other.slug))
            .collect();
        let mut page = layout(
            site,
            title(site, &role.title),
            role.summary.to_string(),
            Some(&Page::Role(role.slug.clone())),
        );
        page.picked = vec![role.slug.clone()];
        if let Some(og) = &mut page.og {
            og.image_alt = format!(
                "{}: what the role does, its salary range at each level and its skills.",
                role.title
            );
        }
        page.json_ld = Some(data::json_ld(site.content, site.settings, &[role]));
        let page = RolePage {
            page,
            view: CompareView::new(site.content, &[role]),
            others,
        };
        rendered(&page).map(|html| Built::html(site, html))
    }

    fn card(&self, site: Site<'_>, page: &Page) -> Result<Card, &'static str> {
        match page {
            Page::Role(slug) => site
                .content
                .role(slug)
                .map(|role| role_card(site.content, role))
                .ok_or(UNKNOWN),
            _ => Err(UNKNOWN),
        }
    }

    fn listed(&self, site: Site<'_>) -> Vec<Page> {
        let roles = &site.content.roles;
        roles
            .iter()
            .map(|role| Page::Role(role.slug.clone()))
            .collect()
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        self.listed(site).into_iter().flat_map(with_card).collect()
    }
}

#[derive(Template)]
#[template(path = "role.html")]
struct RolePage<'a> {
    page: Layout<'a>,
    view: CompareView<'a>,
    others: Vec<PairLink<'a>>,
}
