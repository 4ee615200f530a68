//! What several page families show of a role or pair: its markdown at the
//! heading level a page needs, its canonical order, its pay in figures, its
//! sources.

use crate::address::Sides;
use crate::content::{Comparison, Content, Role, Salaries, SalaryLevel, Source, markdown};

use super::super::format;

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

/// The address a comparison of `roles` is known by: a curated pair in its
/// file's order, any other pair alphabetically; three or four roles with
/// their slugs sorted.
pub fn canonical_sides(content: &Content, roles: &[&Role]) -> Sides {
    match roles {
        [a, b] => {
            let (a, b) = canonical_pair(content, &a.slug, &b.slug);
            Sides::of([a, b])
        }
        _ => {
            let mut slugs: Vec<&str> = roles.iter().map(|r| r.slug.as_str()).collect();
            slugs.sort_unstable();
            Sides::of(slugs)
        }
    }
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

/// `"Name" by Author (of Affiliation), Publisher, as of …`: whatever the
/// content records. An affiliation is the author's employer, so it stays
/// with the author; a publisher is named only when the content gives one.
pub(super) fn source_credit(source: &Source) -> String {
    let mut credit = format!("“{}”", source.name);
    if let Some(author) = &source.author {
        credit.push_str(&format!(" by {author}"));
        if let Some(affiliation) = &source.author_affiliation {
            credit.push_str(&format!(" (of {})", affiliation.value));
        }
    }
    if let Some(publisher) = &source.publisher {
        credit.push_str(&format!(", published by {publisher}"));
    }
    if let Some(as_of) = &source.as_of {
        credit.push_str(&format!(", as of {as_of}"));
    }
    credit
}

/// A source as a page shows it: the credit, linked when it has a URL, and
/// how the site reads its figures when the content says (`salaries.note`).
pub struct SourceView {
    pub credit: String,
    pub url: Option<String>,
    pub notes: Vec<String>,
}

impl SourceView {
    pub(super) fn new(source: &Source) -> Self {
        Self {
            credit: source_credit(source),
            url: source.url.as_ref().map(ToString::to_string),
            notes: Vec::new(),
        }
    }

    /// Whether `other` credits the same source (whatever its notes).
    pub(super) fn is_credit_of(&self, other: &Self) -> bool {
        self.credit == other.credit && self.url == other.url
    }

    /// The source of a salary table, with the content's note on how the
    /// site reads its figures.
    pub(super) fn of_salaries(salaries: &Salaries) -> Self {
        Self {
            notes: salaries.note.iter().map(ToString::to_string).collect(),
            ..Self::new(&salaries.source)
        }
    }
}
