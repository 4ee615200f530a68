//! Comparisons and role pages: the sections of one or more roles in
//! aligned columns.

use std::borrow::Borrow;

use crate::address::{Page, Section, Sides};
use crate::content::{CareerStage, Comparison, Content, Role};

use super::super::colour::colours;

use super::glance::Glance;
use super::items::ItemSections;
use super::levels::{LevelRow, level_rows};
use super::pay::PayTable;
use super::roles::{canonical_sides, intro_html, overview_html};
use super::salaries::{SalaryTable, salary_table};
use crate::address::MAX_ROLES;

/// The sections of one or more roles, arranged in aligned columns. A role
/// page is a comparison with one column.
pub struct CompareView<'a> {
    pub roles: Vec<&'a Role>,
    /// Each role's colour, in the roles' order (see [`colours`]).
    pub colours: Vec<usize>,
    /// "AWS Engineer vs AWS Architect".
    pub title: String,
    pub description: String,
    /// The address this page is known by (see [`canonical_sides`]).
    pub canonical: Page,
    /// This page's own address, with the roles in the order shown and
    /// every item (a role's page, or `/compare/a-vs-b`).
    pub address: Page,
    pub curated: Option<&'a Comparison>,
    /// Shown when there is no curated text.
    pub generated_intro: Vec<String>,
    /// The sections, in page order, for the table of contents.
    pub sections: &'static [Section],
    pub ladder: Vec<LadderRow<'a>>,
    pub salaries: SalaryTable,
    /// The official figures for the United States (BLS OEWS), when the
    /// roles name an occupation the data has.
    pub official: Option<PayTable<'a>>,
    /// `cols-1`, `cols-2`…: how many role columns.
    pub cols_class: String,
    /// Only what differs (`?view=differences`).
    pub differences: bool,
    pub items: ItemSections<'a>,
    /// "At a glance", for two to four roles.
    pub glance: Option<Glance>,
    /// The level-by-level grid (`#levels`).
    pub levels: Vec<LevelRow<'a>>,
    /// The same two roles the other way round, in the same view.
    pub swap: Option<Page>,
    /// Roles that can be added (up to four in all).
    pub addable: Vec<&'a Role>,
    /// Shown on a section's share page (no share links of its own).
    pub share: bool,
}

pub struct LadderRow<'a> {
    /// 1-based stage number; the row's id is `career-path-{n}`.
    pub n: usize,
    pub cells: Vec<LadderCell<'a>>,
}

pub struct LadderCell<'a> {
    pub role: &'a Role,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub stage: Option<&'a CareerStage>,
}

impl<'a> CompareView<'a> {
    pub fn new(content: &'a Content, roles: &[&'a Role]) -> Self {
        Self::with_view(content, roles, false)
    }

    /// `differences`: show only what the roles do not share.
    pub fn with_view(content: &'a Content, roles: &[&'a Role], differences: bool) -> Self {
        let roles = roles.to_vec();
        let colours = colours(content, &roles);
        let title = roles
            .iter()
            .map(|role| role.title.as_str())
            .collect::<Vec<_>>()
            .join(" vs ");
        let curated = match roles.as_slice() {
            [a, b] => content.comparison(&a.slug, &b.slug),
            _ => None,
        };
        let items = ItemSections::new(&roles, &colours);
        let mut salaries = salary_table(content, &roles);
        let official = PayTable::national_beside(content, &roles, &mut salaries.charts);
        let glance = (roles.len() > 1).then(|| {
            let national = content.official_pay.as_ref().zip(official.as_ref());
            Glance::new(&roles, &colours, &items, national)
        });
        Self {
            glance,
            description: description(&title, curated),
            canonical: canonical(content, &roles),
            address: address(&roles),
            swap: swap(&roles, differences),
            addable: addable(content, &roles),
            items,
            generated_intro: generated_intro(&roles),
            ladder: ladder(&roles, &colours),
            salaries,
            official,
            levels: level_rows(content, &roles),
            cols_class: format!("cols-{}", roles.len()),
            differences,
            share: false,
            sections: &Section::ALL,
            roles,
            colours,
            title,
            curated,
        }
    }

    /// The roles' slugs, in the order shown.
    fn sides(&self) -> Sides {
        Sides::of(self.roles.iter().map(|role| &role.slug))
    }

    /// This comparison showing only what differs.
    pub fn differences_address(&self) -> Page {
        Page::Differences(self.sides())
    }

    /// Moving from the first role to the second, for two roles.
    pub fn transition_address(&self) -> Option<Page> {
        (self.roles.len() == 2).then(|| Page::Transition(self.sides()))
    }

    /// The day in the life of these roles.
    pub fn day_address(&self) -> Page {
        Page::Day(self.sides())
    }

    /// The page of these roles' official pay by area: a role's every area,
    /// or the comparison's pay page.
    pub fn pay_address(&self) -> Page {
        match self.roles.as_slice() {
            [role] => Page::RolePay(role.slug.clone()),
            _ => Page::Pay(self.sides(), None),
        }
    }

    /// The share page of one section of this comparison.
    pub fn share_address(&self, section: impl Borrow<Section>) -> Page {
        Page::Share(self.sides(), *section.borrow())
    }

    /// Each role's overview as HTML, with its colour.
    pub fn overviews(&self) -> Vec<(usize, &'a Role, String)> {
        let in_column = self.roles.len() > 1;
        self.coloured()
            .map(|(n, role)| (n, *role, overview_html(role, in_column)))
            .collect()
    }

    /// The curated intro as HTML (empty without curated text).
    pub fn intro_html(&self) -> String {
        self.curated.map(intro_html).unwrap_or_default()
    }

    /// The picker field name of the `index`th role (`a`, `b`, `c`, `d`).
    pub fn slot(&self, index: usize) -> &'static str {
        ["a", "b", "c", "d"].get(index).copied().unwrap_or("d")
    }

    /// Each role with its colour, for its class `role-{n}`.
    pub fn coloured(&self) -> impl Iterator<Item = (usize, &&'a Role)> {
        self.colours.iter().copied().zip(self.roles.iter())
    }
}

/// The curated summary, else a sentence naming what the page sets side by
/// side.
fn description(title: &str, curated: Option<&Comparison>) -> String {
    match curated.and_then(|c| c.summary.as_ref()) {
        Some(summary) => summary.to_string(),
        None => format!(
            "{title}, side by side: responsibilities, skills, day-to-day work, career path, job market and salaries."
        ),
    }
}

/// The canonical address: a role's page, or the comparison as
/// [`canonical_sides`] orders it.
fn canonical(content: &Content, roles: &[&Role]) -> Page {
    match roles {
        [role] => Page::Role(role.slug.clone()),
        _ => Page::Compare(canonical_sides(content, roles)),
    }
}

/// The page's own address, with the roles in the order shown.
fn address(roles: &[&Role]) -> Page {
    match roles {
        [role] => Page::Role(role.slug.clone()),
        _ => Page::Compare(Sides::of(roles.iter().map(|r| &r.slug))),
    }
}

/// The same two roles the other way round, in the view shown.
fn swap(roles: &[&Role], differences: bool) -> Option<Page> {
    let [a, b] = roles else {
        return None;
    };
    let sides = Sides::of([&b.slug, &a.slug]);
    Some(if differences {
        Page::Differences(sides)
    } else {
        Page::Compare(sides)
    })
}

/// The roles a comparison of two or three can add, in the site-wide order.
fn addable<'a>(content: &'a Content, roles: &[&'a Role]) -> Vec<&'a Role> {
    if roles.len() >= 2 && roles.len() < MAX_ROLES {
        content
            .ordered()
            .filter(|role| !roles.iter().any(|r| r.slug == role.slug))
            .collect()
    } else {
        Vec::new()
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

fn ladder<'a>(roles: &[&'a Role], colours: &[usize]) -> Vec<LadderRow<'a>> {
    let depth = roles.iter().map(|r| r.career_path.len()).max().unwrap_or(0);
    (0..depth)
        .map(|i| LadderRow {
            n: i + 1,
            cells: roles
                .iter()
                .enumerate()
                .map(|(p, role)| LadderCell {
                    role,
                    colour: colours[p],
                    stage: role.career_path.get(i),
                })
                .collect(),
        })
        .collect()
}
