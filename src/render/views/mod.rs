//! What templates see: the model arranged for a page (aligned rows, formatted
//! figures, links), so templates only loop and print. One file per family
//! of pages: comparisons and role pages (`compare`, with their `items` and
//! `levels`), salaries (`salaries`), share pages (`share`); what every page
//! shares is here.

mod compare;
mod items;
mod levels;
mod salaries;
mod share;

use std::borrow::Borrow;

use crate::address::{Page, Sides};
use crate::content::{Comparison, Content, Fit, Role, SalaryLevel, Site, Source, markdown};

use super::{Settings, format};

pub use compare::CompareView;
pub use items::anchors;
pub use salaries::SalariesView;
pub use share::section_description;

/// The shared part of every page: what `base.html` needs.
pub struct Layout<'a> {
    pub site: &'a Site,
    /// Every role, for the picker.
    pub roles: &'a [Role],
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

    /// Roles grouped by `family` for the pickers' `<optgroup>`s, families
    /// alphabetical, roles without one last under "Other roles". Empty when
    /// no role names a family (the pickers then list roles plainly).
    pub fn families(&self) -> Vec<(String, Vec<&Role>)> {
        if self.roles.iter().all(|role| role.family.is_none()) {
            return Vec::new();
        }
        let mut groups: Vec<(String, Vec<&Role>)> = Vec::new();
        for role in self.roles {
            let label = role
                .family
                .as_ref()
                .map_or_else(|| "Other roles".to_owned(), ToString::to_string);
            match groups.iter_mut().find(|(name, _)| *name == label) {
                Some((_, members)) => members.push(role),
                None => groups.push((label, vec![role])),
            }
        }
        groups.sort_by(|(a, _), (b, _)| {
            (a == "Other roles", a.as_str()).cmp(&(b == "Other roles", b.as_str()))
        });
        for (_, members) in &mut groups {
            members.sort_by(|a, b| a.title.as_str().cmp(b.title.as_str()));
        }
        groups
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

/// `"Name" by Author (Publisher), as of …`: whatever the content records.
fn source_credit(source: &Source) -> String {
    let mut credit = format!("“{}”", source.name);
    if let Some(author) = &source.author {
        credit.push_str(&format!(" by {author}"));
    }
    if let Some(publisher) = &source.publisher {
        credit.push_str(&format!(" ({publisher})"));
    }
    if let Some(as_of) = &source.as_of {
        credit.push_str(&format!(", as of {as_of}"));
    }
    credit
}

/// A source as a page shows it: the credit, linked when it has a URL.
#[derive(PartialEq, Eq)]
pub struct SourceView {
    pub credit: String,
    pub url: Option<String>,
}

impl SourceView {
    pub(super) fn new(source: &Source) -> Self {
        Self {
            credit: source_credit(source),
            url: source.url.as_ref().map(ToString::to_string),
        }
    }
}

/// A link to a comparison of two roles.
pub struct PairLink<'a> {
    pub a: &'a Role,
    pub b: &'a Role,
    pub href: String,
    pub summary: Option<&'a str>,
}

impl<'a> PairLink<'a> {
    pub fn new(content: &'a Content, settings: &Settings, a: &str, b: &str) -> Option<Self> {
        let (a, b) = (content.role(a)?, content.role(b)?);
        Some(Self {
            a,
            b,
            href: settings.link(&Page::Compare(Sides::of([&a.slug, &b.slug])).path()),
            summary: content
                .comparison(&a.slug, &b.slug)
                .and_then(|c| c.summary.as_deref()),
        })
    }
}

/// A role's overview as HTML: in a column under the role's name on a
/// comparison (`#` → `h4`), else right under the section's heading, as on
/// the role's own page (`#` → `h3`). Heading ids start with the slug.
pub fn overview_html(role: &Role, in_column: bool) -> String {
    if in_column {
        markdown::to_html(&role.overview, &role.slug)
    } else {
        markdown::to_html_demoted(&role.overview, &role.slug, 1)
    }
}

/// A curated comparison's intro as HTML. It follows the page's `h1`
/// directly (`#` → `h2`); heading ids start with the pair, as its file
/// names it.
pub fn intro_html(curated: &Comparison) -> String {
    let pair = Sides::of([&curated.a, &curated.b]);
    markdown::to_html_demoted(&curated.intro, &pair.to_string(), 1)
}

/// The order a pair's canonical URL names it in: the curated file's, else
/// alphabetical.
pub fn canonical_pair<'a>(content: &'a Content, a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    match content.comparison(a, b) {
        Some(curated) => (curated.a.as_str(), curated.b.as_str()),
        None if a <= b => (a, b),
        None => (b, a),
    }
}

/// A role's figure at a level, if it lists one.
pub(super) fn level_of<'a>(role: &'a Role, level: &str) -> Option<&'a SalaryLevel> {
    role.salaries
        .levels
        .value
        .iter()
        .find(|l| l.level.value.as_str() == level)
}

/// `USD per year` (with the pay basis when the content records one).
pub fn unit_of(role: &Role) -> String {
    let unit = format::unit(role.salaries.currency.value.as_str(), role.salaries.period);
    match &role.salaries.basis {
        Some(basis) => format!("{unit}, {basis}"),
        None => unit,
    }
}

/// `+$20,000 (+25.0%)`: how far `to` is from `from`.
pub(super) fn difference(from: u64, to: u64, currency: &str) -> String {
    let delta = i128::from(to) - i128::from(from);
    format!(
        "{} ({})",
        format::signed_money(delta, currency),
        format::signed_percent(delta, from)
    )
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
