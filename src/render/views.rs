//! What templates see: the model arranged for a page (aligned rows, formatted
//! figures, links), so templates only loop and print.

use crate::content::{CareerStage, Comparison, Content, Role, Site};

use super::{SECTIONS, Urls, format};

/// The shared part of every page: what `base.html` needs.
pub struct Layout<'a> {
    pub site: &'a Site,
    /// Every role, for the picker.
    pub roles: &'a [Role],
    pub urls: &'a Urls,
    pub css: String,
    pub favicon: String,
    pub title: String,
    pub description: String,
    /// Absolute canonical URL, when the page has one.
    pub canonical: Option<String>,
    /// Slugs preselected in the picker, in order.
    pub picked: Vec<String>,
}

impl Layout<'_> {
    /// Whether `slug` is preselected in picker slot `slot` (0-based).
    pub fn is_picked(&self, slot: usize, slug: &str) -> bool {
        self.picked.get(slot).is_some_and(|picked| picked == slug)
    }

    pub fn link(&self, path: &str) -> String {
        self.urls.link(path)
    }

    /// "Title" by Author (Publisher), for the footer credit.
    pub fn credits(&self) -> Vec<String> {
        self.site.sources.iter().map(source_credit).collect()
    }
}

/// `"Name" by Author (Publisher), as of …`: whatever the content records.
fn source_credit(source: &crate::content::Source) -> String {
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

/// A link to a comparison of two roles.
pub struct PairLink<'a> {
    pub a: &'a Role,
    pub b: &'a Role,
    pub href: String,
    pub summary: Option<&'a str>,
}

impl<'a> PairLink<'a> {
    pub fn new(content: &'a Content, urls: &Urls, a: &str, b: &str) -> Option<Self> {
        let (a, b) = (content.role(a)?, content.role(b)?);
        Some(Self {
            a,
            b,
            href: urls.link(&format!("/compare/{}-vs-{}", a.slug, b.slug)),
            summary: content
                .comparison(&a.slug, &b.slug)
                .and_then(|c| c.summary.as_deref()),
        })
    }
}

/// The sections of one or more roles, arranged in aligned columns. A role
/// page is a comparison with one column.
pub struct CompareView<'a> {
    pub roles: Vec<&'a Role>,
    /// "AWS Engineer vs AWS Architect".
    pub title: String,
    pub description: String,
    /// The pair's canonical order: the curated file's, else alphabetical.
    pub canonical_path: String,
    pub curated: Option<&'a Comparison>,
    /// Shown when there is no curated text.
    pub generated_intro: Vec<String>,
    pub sections: &'static [(&'static str, &'static str)],
    pub ladder: Vec<LadderRow<'a>>,
    pub salaries: SalaryTable,
    /// `cols-1`, `cols-2`…: how many role columns.
    pub cols_class: String,
}

pub struct LadderRow<'a> {
    /// 1-based stage number; the row's id is `career-path-{n}`.
    pub n: usize,
    pub cells: Vec<LadderCell<'a>>,
}

pub struct LadderCell<'a> {
    pub role: &'a Role,
    pub position: usize,
    pub stage: Option<&'a CareerStage>,
}

pub struct SalaryTable {
    pub caption: String,
    pub columns: Vec<SalaryColumn>,
    pub rows: Vec<SalaryRow>,
    /// Whether column headers name their unit (when the units differ).
    pub show_units: bool,
    /// One credit per distinct source.
    pub sources: Vec<String>,
}

pub struct SalaryColumn {
    pub role: String,
    pub position: usize,
    pub unit: String,
}

pub struct SalaryRow {
    /// The level id; the row's id is `salaries-{id}`.
    pub id: String,
    pub label: String,
    pub cells: Vec<SalaryCell>,
}

pub struct SalaryCell {
    pub role: String,
    pub position: usize,
    /// `$80,000 – $110,000`, or `None` when the role lists no figure.
    pub range: Option<String>,
}

impl<'a> CompareView<'a> {
    pub fn new(content: &'a Content, roles: &[&'a Role]) -> Self {
        let roles = roles.to_vec();
        let title = roles
            .iter()
            .map(|role| role.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs ");
        let curated = match roles.as_slice() {
            [a, b] => content.comparison(&a.slug, &b.slug),
            _ => None,
        };
        let canonical_path = match (roles.as_slice(), curated) {
            ([role], _) => format!("/roles/{}", role.slug),
            (_, Some(curated)) => format!("/compare/{}-vs-{}", curated.a, curated.b),
            _ => {
                let mut slugs: Vec<&str> = roles.iter().map(|r| r.slug.as_str()).collect();
                slugs.sort_unstable();
                format!("/compare/{}", slugs.join("-vs-"))
            }
        };
        let description = match curated.and_then(|c| c.summary.as_ref()) {
            Some(summary) => summary.to_string(),
            None => format!(
                "{title}, side by side: responsibilities, skills, day-to-day work, career path, job market and salaries."
            ),
        };
        Self {
            generated_intro: generated_intro(&roles),
            ladder: ladder(&roles),
            salaries: salary_table(content, &roles),
            cols_class: format!("cols-{}", roles.len()),
            sections: &SECTIONS,
            roles,
            title,
            description,
            canonical_path,
            curated,
        }
    }

    /// 1-based column position of a role, for its colour class `role-{n}`.
    pub fn positions(&self) -> impl Iterator<Item = (usize, &&'a Role)> {
        self.roles.iter().enumerate().map(|(i, role)| (i + 1, role))
    }
}

/// A plain, factual intro for pairs without curated text.
fn generated_intro(roles: &[&Role]) -> Vec<String> {
    let mut paragraphs: Vec<String> = roles
        .iter()
        .map(|role| format!("{}: {}", role.title, role.summary))
        .collect();
    if roles.len() > 1 {
        paragraphs.push(
            "The sections below set their responsibilities, skills, typical days, career paths, job markets and salaries side by side."
                .to_owned(),
        );
    }
    paragraphs
}

fn ladder<'a>(roles: &[&'a Role]) -> Vec<LadderRow<'a>> {
    let depth = roles.iter().map(|r| r.career_path.len()).max().unwrap_or(0);
    (0..depth)
        .map(|i| LadderRow {
            n: i + 1,
            cells: roles
                .iter()
                .enumerate()
                .map(|(p, role)| LadderCell {
                    role,
                    position: p + 1,
                    stage: role.career_path.get(i),
                })
                .collect(),
        })
        .collect()
}

fn salary_table(content: &Content, roles: &[&Role]) -> SalaryTable {
    let columns: Vec<SalaryColumn> = roles
        .iter()
        .enumerate()
        .map(|(i, role)| SalaryColumn {
            role: role.title.to_string(),
            position: i + 1,
            unit: match &role.salaries.basis {
                Some(basis) => format!(
                    "{}, {basis}",
                    format::unit(role.salaries.currency.value.as_str(), role.salaries.period)
                ),
                None => format::unit(role.salaries.currency.value.as_str(), role.salaries.period),
            },
        })
        .collect();
    let rows = content
        .site
        .levels
        .value
        .iter()
        .filter(|level| {
            roles.iter().any(|role| {
                role.salaries
                    .levels
                    .value
                    .iter()
                    .any(|l| l.level.value.as_str() == level.id.value.as_str())
            })
        })
        .map(|level| SalaryRow {
            id: level.id.value.to_string(),
            label: level.label.to_string(),
            cells: roles
                .iter()
                .enumerate()
                .map(|(i, role)| SalaryCell {
                    role: role.title.to_string(),
                    position: i + 1,
                    range: role
                        .salaries
                        .levels
                        .value
                        .iter()
                        .find(|l| l.level.value.as_str() == level.id.value.as_str())
                        .map(|l| format::range(l, role.salaries.currency.value.as_str())),
                })
                .collect(),
        })
        .collect();
    let units: Vec<&str> = columns.iter().map(|c| c.unit.as_str()).collect();
    let same_unit = units.windows(2).all(|w| w[0] == w[1]);
    let caption = if same_unit {
        format!(
            "Salary ranges by level, {}",
            units.first().copied().unwrap_or("")
        )
    } else {
        "Salary ranges by level (units differ: see each column)".to_owned()
    };
    let mut sources: Vec<String> = Vec::new();
    for role in roles {
        let credit = source_credit(&role.salaries.source);
        if !sources.contains(&credit) {
            sources.push(credit);
        }
    }
    SalaryTable {
        caption,
        columns,
        rows,
        show_units: !same_unit,
        sources,
    }
}
