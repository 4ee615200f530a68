//! What every page shares: the layout `base.html` fills, its links, the
//! link-preview tags, and links to comparisons.

use std::borrow::Borrow;

use crate::address::{Page, Sides};
use crate::content::{Content, Fit, Role, Site};

use super::super::colour::colours;
use super::super::format;
use super::super::settings::Settings;
use super::roles::source_credit;

/// The shared part of every page: what `base.html` needs.
pub struct Layout<'a> {
    pub site: &'a Site,
    /// Every role, in the site-wide order, for the pickers.
    pub roles: Vec<&'a Role>,
    pub settings: &'a Settings,
    pub css: String,
    pub favicon: String,
    pub title: String,
    pub description: String,
    /// Absolute canonical URL, when the page has one.
    pub canonical: Option<String>,
    /// Slugs preselected in the picker, in order.
    pub picked: Vec<String>,
    /// The "Which role fits you?" questionnaire, if the site has one.
    pub fit: Option<&'a Fit>,
    /// Link-preview data, on pages that have a canonical URL.
    pub og: Option<OpenGraph>,
    /// schema.org data (JSON-LD), already escaped for a script element.
    pub json_ld: Option<String>,
}

impl Layout<'_> {
    /// Whether `slug` is preselected in picker slot `slot` (0-based).
    pub fn is_picked(&self, slot: usize, slug: &str) -> bool {
        self.picked.get(slot).is_some_and(|picked| picked == slug)
    }

    /// The link to `page`, under the base path: how every template links.
    pub fn href(&self, page: impl Borrow<Page>) -> String {
        self.settings.link(&page.borrow().path())
    }

    pub fn home_href(&self) -> String {
        self.href(Page::Home)
    }

    pub fn role_href(&self, slug: &str) -> String {
        self.href(Page::Role(slug.to_owned()))
    }

    /// A comparison of `sides`, in their order.
    pub fn compare_href(&self, sides: &Sides) -> String {
        self.href(Page::Compare(sides.clone()))
    }

    /// The day in the life of `sides`.
    pub fn day_href(&self, sides: &Sides) -> String {
        self.href(Page::Day(sides.clone()))
    }

    /// `/salaries`, in its default order.
    /// Every role by family, with its salary range.
    pub fn roles_href(&self) -> String {
        self.href(Page::Roles(None))
    }

    pub fn salaries_href(&self) -> String {
        self.href(Page::Salaries(None))
    }

    /// The questionnaire.
    pub fn fit_href(&self) -> String {
        self.href(Page::Fit)
    }

    /// Where the questionnaire is sent.
    pub fn fit_result_href(&self) -> String {
        self.href(Page::FitResult)
    }

    /// Where the role pickers are sent.
    pub fn picker_href(&self) -> String {
        self.href(Page::Picker)
    }

    /// Roles grouped by `family` for the pickers' `<optgroup>`s, in the
    /// site-wide order (a family where its first role stands), roles
    /// without one last under "Other roles". Empty when no role names a
    /// family (the pickers then list roles plainly).
    pub fn families(&self) -> Vec<(String, Vec<&Role>)> {
        families(&self.roles)
    }

    /// "ten short questions": how long the questionnaire is, in words.
    pub fn fit_questions(&self) -> String {
        let count = self.fit.map_or(0, |fit| fit.questions.value.len());
        let noun = if count == 1 { "question" } else { "questions" };
        format!("{} short {noun}", format::number_word(count))
    }

    /// "Title" by Author (Publisher), for the footer credit.
    pub fn credits(&self) -> Vec<String> {
        self.site.sources.iter().map(source_credit).collect()
    }
}

/// A link to a comparison of two roles.
pub struct PairLink<'a> {
    pub a: &'a Role,
    pub b: &'a Role,
    /// `a`'s and `b`'s colours, for their classes `role-{n}`.
    pub colours: [usize; 2],
    pub href: String,
    pub summary: Option<&'a str>,
}

impl<'a> PairLink<'a> {
    pub fn new(content: &'a Content, settings: &Settings, a: &str, b: &str) -> Option<Self> {
        let (a, b) = (content.role(a)?, content.role(b)?);
        let colours = match colours(content, &[a, b])[..] {
            [x, y] => [x, y],
            _ => [1, 2],
        };
        Some(Self {
            a,
            b,
            colours,
            href: settings.link(&Page::Compare(Sides::of([&a.slug, &b.slug])).path()),
            summary: content
                .comparison(&a.slug, &b.slug)
                .and_then(|c| c.summary.as_deref()),
        })
    }
}

/// Open Graph and Twitter card data for a page.
pub struct OpenGraph {
    /// `og:title`: the page's title without the site's name.
    pub title: String,
    /// `website` or `article`.
    pub kind: &'static str,
    /// Absolute URL of the 1200×630 PNG card.
    pub image: String,
    pub image_alt: String,
}

/// Where roles without a family are listed.
pub const OTHER_ROLES: &str = "Other roles";

/// `roles` by family, in their order: a family where its first role
/// stands, roles without one last under [`OTHER_ROLES`]; none when no role
/// names a family.
pub fn families<'a>(roles: &[&'a Role]) -> Vec<(String, Vec<&'a Role>)> {
    if roles.iter().all(|role| role.family.is_none()) {
        return Vec::new();
    }
    let mut groups: Vec<(String, Vec<&Role>)> = Vec::new();
    for &role in roles {
        let label = role
            .family
            .as_ref()
            .map_or_else(|| OTHER_ROLES.to_owned(), ToString::to_string);
        match groups.iter_mut().find(|(name, _)| *name == label) {
            Some((_, members)) => members.push(role),
            None => groups.push((label, vec![role])),
        }
    }
    groups.sort_by_key(|(name, _)| name == OTHER_ROLES);
    groups
}
