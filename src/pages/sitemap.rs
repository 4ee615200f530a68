//! `/robots.txt`, `/sitemap.xml` and `/sitemaps/{n}.xml`, and the site's
//! own list of the pages the sitemap lists.
//!
//! The sitemap lists what a search engine needs to find every page, each
//! once: the home page, salaries, the questionnaire, every role and its
//! official pay, and every pair of roles once, by its comparison's
//! canonical address. While every URL fits in one file (50,000, the
//! protocol's limit), `/sitemap.xml` lists them; past that, it is an index
//! of `/sitemaps/{n}.xml`, each of up to 50,000 URLs in the same order.

use std::ops::Range;

use super::{PageKind, Resolution, Served, Site, exists};
use crate::address::{Missing, Page, Sides};
use crate::render::views::canonical_pair;

/// The most URLs one sitemap file lists (the sitemap protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;

pub(super) struct Kind;

impl PageKind for Kind {
    fn resolve(&self, site: Site<'_>, page: &Page, _: Option<&str>) -> Resolution {
        match page {
            Page::SitemapPart(n) if !(1..=parts(site)).contains(n) => {
                Resolution::Missing(Missing::NoPage)
            }
            page => Resolution::Found(page.clone()),
        }
    }

    fn served(&self) -> Served {
        // Only the sitemap files are made on request.
        Served {
            content_type: "application/xml; charset=utf-8",
            shared: false,
        }
    }
}

/// The site's own pages the sitemap lists, before the pairs.
fn listed_own(site: Site<'_>) -> &[Page] {
    site.listed.get_or_init(|| {
        let mut pages = vec![Page::Home, Page::Salaries(None)];
        if site.content.fit.is_some() {
            pages.push(Page::Fit);
        }
        let roles = &site.content.roles;
        pages.extend(roles.iter().map(|role| Page::Role(role.slug.clone())));
        pages.extend(role_pay_pages(site));
        pages
    })
}

/// Each role's page of official pay by area, for roles that have one.
pub fn role_pay_pages(site: Site<'_>) -> impl Iterator<Item = Page> + '_ {
    site.content
        .roles
        .iter()
        .map(|role| Page::RolePay(role.slug.clone()))
        .filter(move |page| exists(site, page))
}

/// How many pages the sitemap lists.
pub fn listed_count(site: Site<'_>) -> usize {
    let roles = site.content.roles.len();
    listed_own(site).len() + roles * roles.saturating_sub(1) / 2
}

/// The pages the sitemap lists at the places `range`, in its order: the
/// site's own pages, then every pair once, by its canonical address, the
/// pairs of the first role in the content's order first.
pub fn listed(site: Site<'_>, range: Range<usize>) -> Vec<Page> {
    let own = listed_own(site);
    let end = range.end.min(listed_count(site));
    let start = range.start.min(end);
    let mut pages = own[start.min(own.len())..end.min(own.len())].to_vec();
    // Then the pairs from place `skip` among them, `wanted` of them: the
    // first role's pairs, the second's with the roles after it…
    let mut skip = start.saturating_sub(own.len());
    let mut wanted = end.saturating_sub(own.len().max(start));
    let roles = &site.content.roles;
    for (i, a) in roles.iter().enumerate() {
        let row = &roles[i + 1..];
        if wanted == 0 {
            break;
        }
        if skip >= row.len() {
            skip -= row.len();
            continue;
        }
        let taken = (row.len() - skip).min(wanted);
        for b in &row[skip..skip + taken] {
            let (a, b) = canonical_pair(site.content, &a.slug, &b.slug);
            pages.push(Page::Compare(Sides::of([a, b])));
        }
        (skip, wanted) = (0, wanted - taken);
    }
    pages
}

/// How many child sitemaps `/sitemap.xml` is an index of: none while one
/// file can list every page.
pub fn parts(site: Site<'_>) -> usize {
    match listed_count(site) {
        count if count <= SITEMAP_LIMIT => 0,
        count => count.div_ceil(SITEMAP_LIMIT),
    }
}
