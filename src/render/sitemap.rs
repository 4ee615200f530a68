//! The site's own list of its pages: what the sitemap lists, what
//! `robots.txt` points to, and what an export writes.
//!
//! The sitemap lists what a search engine needs to find every page, each
//! once: the home page, salaries, the questionnaire, every role and its
//! official pay, and every pair of roles once, by its comparison's
//! canonical address. A pair's other pages (its day view, the move each
//! way, its share pages, its official pay) are canonical pages too, linked
//! from the comparison, where a crawler finds them; listing them would
//! multiply the sitemap by thirteen (6.5 million URLs for 1,000 roles).
//!
//! While every URL fits in one file (50,000, the protocol's limit),
//! `/sitemap.xml` lists them; past that, it is an index of
//! `/sitemaps/{n}.xml`, each of up to 50,000 URLs in the same order. Each
//! file is made on request, from the place of its first URL, so a file
//! costs the same whichever it is, and none is kept beyond the bounded
//! cache.

use std::fmt::Write;
use std::ops::Range;

use crate::address::{Page, Section, Sides};
use crate::pages::sitemap::{self, SITEMAP_LIMIT};

use super::site::Rendered;
use super::views::canonical_pair;

/// `text` as XML character data or an attribute value: `&`, `<`, `>`, `'`
/// and `"` as entities, as the sitemap protocol requires of URLs.
fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

impl Rendered {
    /// How many pages the sitemap lists.
    pub fn listed_count(&self) -> usize {
        sitemap::listed_count(self.site())
    }

    /// The pages the sitemap lists at the places `range`, in its order.
    pub fn listed(&self, range: Range<usize>) -> Vec<Page> {
        sitemap::listed(self.site(), range)
    }

    /// Every page the sitemap lists.
    pub fn canonical_pages(&self) -> Vec<Page> {
        self.listed(0..self.listed_count())
    }

    /// How many child sitemaps `/sitemap.xml` is an index of: none while
    /// one file can list every page.
    pub fn sitemap_parts(&self) -> usize {
        sitemap::parts(self.site())
    }

    /// The XML of the sitemap file `page` (`/sitemap.xml` or
    /// `/sitemaps/{n}.xml`), if the site has it.
    pub(super) fn sitemap_xml(&self, page: &Page) -> Option<String> {
        let parts = self.sitemap_parts();
        match page {
            Page::Sitemap if parts == 0 => Some(self.urlset(0..self.listed_count())),
            Page::Sitemap => {
                let mut index = String::from(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
                );
                for n in 1..=parts {
                    let url = self.settings.absolute(&Page::SitemapPart(n).path());
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
                Some(self.urlset(start..start + SITEMAP_LIMIT))
            }
            _ => None,
        }
    }

    /// A `<urlset>` of the listed pages at the places `range`.
    fn urlset(&self, range: Range<usize>) -> String {
        let pages = self.listed(range);
        let mut xml = String::with_capacity(128 * pages.len() + 128);
        xml.push_str(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for page in pages {
            let url = self.settings.absolute(&page.path());
            let _ = writeln!(xml, "  <url><loc>{}</loc></url>", xml_escape(&url));
        }
        xml.push_str("</urlset>\n");
        xml
    }

    /// The pages of a pair in one order: its day view, the move from the
    /// first role to the second, its share pages, its official pay (if
    /// either role has figures) and the comparison.
    fn pair_pages(&self, sides: &Sides) -> Vec<Page> {
        let mut pages = vec![Page::Day(sides.clone()), Page::Transition(sides.clone())];
        pages.extend(
            Section::ALL
                .into_iter()
                .map(|section| Page::Share(sides.clone(), section)),
        );
        pages.extend(self.pay_page(sides));
        pages.push(Page::Compare(sides.clone()));
        pages
    }

    /// A pair's official pay page, if either role has official figures.
    fn pay_page(&self, sides: &Sides) -> Option<Page> {
        Some(Page::Pay(sides.clone(), None)).filter(|page| self.exists(page))
    }

    /// The pages of a curated pair's official pay in each area: the only
    /// area pages a static copy holds (every pair's would be hundreds of
    /// pages each; the server renders them on request).
    fn curated_area_pages(&self) -> Vec<Page> {
        let Some(pay) = &self.content.official_pay else {
            return Vec::new();
        };
        let mut pages = Vec::new();
        for curated in &self.content.comparisons {
            let sides = Sides::of([&curated.a, &curated.b]);
            for area in pay.areas() {
                let page = Page::PayIn(sides.clone(), area.slug.clone());
                if self.exists(&page) {
                    pages.push(page);
                }
            }
        }
        pages
    }

    /// Every page and file a static copy of the site needs, each once:
    /// what was rendered with the site; the sitemap files; every role's
    /// page and official pay; every pair's pages in both orders (pages
    /// link to a pair either way round, and each names its canonical
    /// address); the cards those pages show (the site's, each role's, and
    /// each pair's for its comparison, day view, share pages and official
    /// pay); and each pair's data. Views chosen by a query string
    /// (`?view=`, `?sort=`) and pages made for one request (questionnaire
    /// results, error pages) need the server, so they are not in it.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = self.stored_pages().to_vec();
        pages.push(Page::Sitemap);
        pages.extend((1..=self.sitemap_parts()).map(Page::SitemapPart));
        pages.push(Page::Card(Box::new(Page::Home)));
        let roles = &self.content.roles;
        for role in roles {
            let page = Page::Role(role.slug.clone());
            pages.extend(page.card());
            pages.push(page);
        }
        pages.extend(sitemap::role_pay_pages(self.site()));
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                let (a, b) = canonical_pair(&self.content, &a.slug, &b.slug);
                let canonical = Sides::of([a, b]);
                pages.extend(self.pair_pages(&canonical));
                pages.extend(self.pair_pages(&Sides::of([b, a])));
                pages.push(Page::ApiCompare(canonical.clone()));
                pages.extend(
                    [
                        Page::Compare(canonical.clone()),
                        Page::Day(canonical.clone()),
                        Page::Transition(canonical.clone()),
                        Page::Transition(Sides::of([b, a])),
                    ]
                    .into_iter()
                    .chain(self.pay_page(&canonical))
                    .chain(
                        Section::ALL
                            .into_iter()
                            .map(|section| Page::Share(canonical.clone(), section)),
                    )
                    .filter_map(|page| page.card()),
                );
            }
        }
        pages.extend(self.curated_area_pages());
        pages
    }

    pub(super) fn robots_txt(&self) -> String {
        if self.settings.noindex {
            return "User-agent: *\nDisallow: /\n".to_owned();
        }
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.settings.absolute(&Page::Sitemap.path())
        )
    }
}
