//! `/robots.txt`, `/sitemap.xml` and `/sitemaps/{n}.xml`, and the site's
//! own list of the pages the sitemap lists.
//!
//! The sitemap lists what a search engine needs to find every page, each
//! once: the home page, the list of roles, salaries, the questionnaire,
//! every role and its official pay, and every pair of roles once, by its
//! comparison's canonical address. While every URL fits in one file (50,000, the
//! protocol's limit), `/sitemap.xml` lists them; past that, it is an index
//! of `/sitemaps/{n}.xml`, each of up to 50,000 URLs in the same order.
//! A pair's other pages (its day view, the move each way, its share pages,
//! its official pay) are canonical pages too, linked from the comparison,
//! where a crawler finds them; listing them would multiply the sitemap by
//! thirteen (6.5 million URLs for 1,000 roles). Each file is made on
//! request, and none is kept beyond the bounded cache.

use std::fmt::Write;
use std::ops::Range;
use std::path::PathBuf;

use super::{Built, PageKind, Resolution, Served, Shows, Site};
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

    fn build(&self, site: Site<'_>, page: &Page) -> Result<Built, String> {
        if *page == Page::Robots {
            return Ok(Built::text(
                site,
                robots_txt(site),
                "text/plain; charset=utf-8",
            ));
        }
        let xml = sitemap_xml(site, page).ok_or("no such sitemap file")?;
        Ok(Built::text(site, xml, "application/xml; charset=utf-8"))
    }

    fn shows(&self, page: &Page) -> Shows {
        if *page == Page::Robots {
            Shows::Nothing
        } else {
            Shows::Listing
        }
    }

    fn stored(&self, _: Site<'_>) -> Vec<Page> {
        vec![Page::Robots]
    }

    fn exported(&self, site: Site<'_>) -> Vec<Page> {
        let mut pages = vec![Page::Sitemap];
        pages.extend((1..=parts(site)).map(Page::SitemapPart));
        pages
    }

    fn file(&self, page: &Page) -> PathBuf {
        PathBuf::from(page.path().trim_start_matches('/'))
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
    site.listed.get_or_init(|| super::listed(site))
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

/// `text` as XML character data or an attribute value: `&`, `<`, `>`, `'`
/// and `"` as entities, as the sitemap protocol requires of URLs.
fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The XML of the sitemap file `page` (`/sitemap.xml` or
/// `/sitemaps/{n}.xml`), if the site has it. Each file is made from the
/// place of its first URL, so a file costs the same whichever it is.
fn sitemap_xml(site: Site<'_>, page: &Page) -> Option<String> {
    let parts = parts(site);
    match page {
        Page::Sitemap if parts == 0 => Some(urlset(site, 0..listed_count(site))),
        Page::Sitemap => {
            let mut index = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for n in 1..=parts {
                let url = site.settings.absolute(&Page::SitemapPart(n).path());
                let _ = writeln!(
                    index,
                    "  <sitemap><loc>{}</loc></sitemap>",
                    xml_escape(&url)
                );
            }
            index.push_str("</sitemapindex>\n");
            Some(index)
        }
        Page::SitemapPart(n) if (1..=parts).contains(n) => {
            let start = (n - 1) * SITEMAP_LIMIT;
            Some(urlset(site, start..start + SITEMAP_LIMIT))
        }
        _ => None,
    }
}

/// A `<urlset>` of the listed pages at the places `range`.
fn urlset(site: Site<'_>, range: Range<usize>) -> String {
    let pages = listed(site, range);
    let mut xml = String::with_capacity(128 * pages.len() + 128);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let url = site.settings.absolute(&page.path());
        let _ = writeln!(xml, "  <url><loc>{}</loc></url>", xml_escape(&url));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything allowed, and where the sitemap is; or, for a
/// site that is not to be indexed, nothing.
fn robots_txt(site: Site<'_>) -> String {
    if site.settings.noindex {
        return "User-agent: *\nDisallow: /\n".to_owned();
    }
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.settings.absolute(&Page::Sitemap.path())
    )
}
