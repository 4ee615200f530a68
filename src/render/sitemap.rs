//! The site's own list of its pages: what the sitemap lists, what
//! `robots.txt` points to, and what an export writes.

use crate::address::{Page, Section, Sides};

use super::site::Rendered;
use super::views::canonical_pair;

/// The most URLs one sitemap file lists (the sitemap protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;

/// `text` as XML character data or an attribute value: `&`, `<`, `>`, `'`
/// and `"` as entities, as the sitemap protocol requires of URLs.
fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

impl Rendered {
    /// Every canonical page: what the sitemap lists.
    pub fn canonical_pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Home, Page::Salaries(None)];
        if self.content.fit.is_some() {
            pages.push(Page::Fit);
        }
        let roles = &self.content.roles;
        pages.extend(roles.iter().map(|role| Page::Role(role.slug.clone())));
        pages.extend(self.role_pay_pages());
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                let (a, b) = canonical_pair(&self.content, &a.slug, &b.slug);
                pages.extend(self.pair_pages(&Sides::of([a, b])));
                // A move each way is a page of its own, each its own
                // canonical; the pair's pages name the first.
                pages.push(Page::Transition(Sides::of([b, a])));
            }
        }
        pages
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

    /// Each role's page of official pay by area, for roles that have one.
    fn role_pay_pages(&self) -> impl Iterator<Item = Page> + '_ {
        self.content
            .roles
            .iter()
            .map(|role| Page::RolePay(role.slug.clone()))
            .filter(|page| self.exists(page))
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
    /// what was rendered with the site; every pair's pages in both orders
    /// (pages link to a pair either way round, and each names its
    /// canonical address); the cards those pages show (the site's, each
    /// role's, and each pair's for its comparison, day view, share pages
    /// and official pay); and each pair's data. Views chosen by a query
    /// string (`?view=`, `?sort=`) and pages made for one request
    /// (questionnaire results, error pages) need the server, so they are
    /// not in it.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages: Vec<Page> = self
            .stored_pages()
            .iter()
            .filter(|page| !matches!(page, Page::Salaries(Some(_))))
            .cloned()
            .collect();
        pages.push(Page::Card(Box::new(Page::Home)));
        let roles = &self.content.roles;
        pages.extend(
            roles
                .iter()
                .filter_map(|role| Page::Role(role.slug.clone()).card()),
        );
        pages.extend(self.role_pay_pages());
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

    /// The sitemap files: `/sitemap.xml` alone when every URL fits in one
    /// (50,000 at most, as the protocol allows), else `/sitemap.xml` as an
    /// index of `/sitemaps/{n}.xml`.
    pub fn sitemap_files(&self) -> Vec<(Page, String)> {
        let urls: Vec<String> = self
            .canonical_pages()
            .iter()
            .map(|page| xml_escape(&self.settings.absolute(&page.path())))
            .collect();
        let urlset = |urls: &[String]| {
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for url in urls {
                xml.push_str(&format!("  <url><loc>{url}</loc></url>\n"));
            }
            xml.push_str("</urlset>\n");
            xml
        };
        if urls.len() <= SITEMAP_LIMIT {
            return vec![(Page::Sitemap, urlset(&urls))];
        }
        let mut files = Vec::new();
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
            let part = Page::SitemapPart(n + 1);
            index.push_str(&format!(
                "  <sitemap><loc>{}</loc></sitemap>\n",
                xml_escape(&self.settings.absolute(&part.path()))
            ));
            files.push((part, urlset(chunk)));
        }
        index.push_str("</sitemapindex>\n");
        files.insert(0, (Page::Sitemap, index));
        files
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
