//! What templates see: the model arranged for a page (aligned rows, formatted
//! figures, links), so templates only loop and print.

use crate::content::{CareerStage, Comparison, Content, Role, SalaryLevel, Site, Source};

use super::chart::{BarChart, SalaryBar};
use super::{MAX_ROLES, SECTIONS, Settings, format};

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
    /// Whether the site has the "Which role fits you?" questionnaire.
    pub has_fit: bool,
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

    pub fn link(&self, path: &str) -> String {
        self.settings.link(path)
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
    fn new(source: &Source) -> Self {
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
            href: settings.link(&format!("/compare/{}-vs-{}", a.slug, b.slug)),
            summary: content
                .comparison(&a.slug, &b.slug)
                .and_then(|c| c.summary.as_deref()),
        })
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

/// The sections of one or more roles, arranged in aligned columns. A role
/// page is a comparison with one column.
pub struct CompareView<'a> {
    pub roles: Vec<&'a Role>,
    /// "AWS Engineer vs AWS Architect".
    pub title: String,
    pub description: String,
    /// The pair's canonical order: the curated file's, else alphabetical.
    pub canonical_path: String,
    /// This page's own path, in the order shown (`/compare/a-vs-b`).
    pub path: String,
    pub curated: Option<&'a Comparison>,
    /// Shown when there is no curated text.
    pub generated_intro: Vec<String>,
    pub sections: &'static [(&'static str, &'static str)],
    pub ladder: Vec<LadderRow<'a>>,
    pub salaries: SalaryTable,
    /// `cols-1`, `cols-2`…: how many role columns.
    pub cols_class: String,
    /// Only what differs (`?view=differences`).
    pub differences: bool,
    pub items: ItemSections<'a>,
    /// The level-by-level grid (`#levels`).
    pub levels: Vec<LevelRow<'a>>,
    /// The same roles in reverse order, for two roles.
    pub swap_path: Option<String>,
    /// Roles that can be added (up to four in all).
    pub addable: Vec<&'a Role>,
    /// Shown on a section's share page (no share links of its own).
    pub share: bool,
}

/// The item lists of every role, marked shared or unique.
pub struct ItemSections<'a> {
    pub responsibilities: ItemSection<'a>,
    pub skills: ItemSection<'a>,
    pub certifications: CertSection<'a>,
    pub day_to_day: ItemSection<'a>,
    pub job_market: ItemSection<'a>,
}

pub struct ItemSection<'a> {
    pub columns: Vec<ItemColumn<'a, crate::content::Item>>,
    /// Items no other role shares, and all items, across the roles.
    pub differing: usize,
    pub total: usize,
}

pub struct CertSection<'a> {
    pub columns: Vec<ItemColumn<'a, crate::content::Certification>>,
    pub differing: usize,
    pub total: usize,
}

pub struct ItemColumn<'a, T> {
    pub role: &'a Role,
    pub position: usize,
    /// `(item, shared, anchor)`: shared when another role has an item with a
    /// tag in common; the anchor is the item's id.
    pub entries: Vec<(&'a T, bool, String)>,
}

impl<T> ItemColumn<'_, T> {
    pub fn unique_count(&self) -> usize {
        self.entries.iter().filter(|(_, shared, _)| !shared).count()
    }

    /// The items to show: all of them, or with `differences` only those no
    /// other role shares.
    /// `(item, anchor)` to show: all items, or with `differences` only
    /// those no other role shares.
    pub fn shown(&self, differences: impl std::borrow::Borrow<bool>) -> Vec<(&T, &str)> {
        let differences = *differences.borrow();
        self.entries
            .iter()
            .filter(|(_, shared, _)| !(differences && *shared))
            .map(|(item, _, anchor)| (*item, anchor.as_str()))
            .collect()
    }
}

/// Item anchors: `{section}-{role}-{slug of the name}`, and `-2`, `-3`… in
/// order when a role's section has two items of the same name. Stable: they
/// depend on the content only.
pub fn anchors<'a>(section: &str, role: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    names
        .map(|name| {
            let base = format!("{section}-{role}-{}", crate::content::slug::slugify(name));
            let mut anchor = base.clone();
            let mut n = 1;
            while seen.contains(&anchor) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            seen.push(anchor.clone());
            anchor
        })
        .collect()
}

/// Marks each role's items shared or unique by their tags, and gives each
/// its anchor in `section`.
fn mark<'a, T>(
    section: &str,
    roles: &[&'a Role],
    items: impl Fn(&'a Role) -> &'a [T],
    tags: impl Fn(&T) -> Vec<&str>,
    name: impl Fn(&T) -> &str,
) -> (Vec<ItemColumn<'a, T>>, usize, usize) {
    let role_tags: Vec<Vec<&str>> = roles
        .iter()
        .map(|role| items(role).iter().flat_map(&tags).collect())
        .collect();
    let mut differing = 0;
    let mut total = 0;
    let columns = roles
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let ids = anchors(section, &role.slug, items(role).iter().map(&name));
            let entries: Vec<(&T, bool, String)> = items(role)
                .iter()
                .zip(ids)
                .map(|(item, anchor)| {
                    let shared = roles.len() > 1
                        && tags(item).iter().any(|tag| {
                            role_tags
                                .iter()
                                .enumerate()
                                .any(|(j, others)| j != i && others.contains(tag))
                        });
                    (item, shared, anchor)
                })
                .collect();
            total += entries.len();
            differing += entries.iter().filter(|(_, shared, _)| !shared).count();
            ItemColumn {
                role,
                position: i + 1,
                entries,
            }
        })
        .collect();
    (columns, differing, total)
}

fn item_section<'a>(
    section: &str,
    roles: &[&'a Role],
    items: impl Fn(&'a Role) -> &'a [crate::content::Item],
) -> ItemSection<'a> {
    let (columns, differing, total) = mark(
        section,
        roles,
        items,
        |item: &crate::content::Item| item.tags.iter().map(|t| t.value.as_str()).collect(),
        |item: &crate::content::Item| item.name.as_str(),
    );
    ItemSection {
        columns,
        differing,
        total,
    }
}

/// One salary level across the roles: the stage the content places there,
/// the range, and the step up from the role's previous level.
pub struct LevelRow<'a> {
    pub id: String,
    pub label: String,
    pub cells: Vec<LevelCell<'a>>,
}

pub struct LevelCell<'a> {
    pub role: &'a Role,
    pub position: usize,
    pub stage: Option<&'a CareerStage>,
    pub range: Option<String>,
    /// "+$30,000 (+37.5%) at the low end, +$30,000 (+27.3%) at the high end
    /// from Junior".
    pub step: Option<String>,
}

fn level_rows<'a>(content: &Content, roles: &[&'a Role]) -> Vec<LevelRow<'a>> {
    let levels = &content.site.levels.value;
    levels
        .iter()
        .enumerate()
        .filter(|(_, level)| {
            let id = level.id.value.as_str();
            roles.iter().any(|role| {
                level_of(role, id).is_some()
                    || role
                        .career_path
                        .iter()
                        .any(|s| s.level.as_ref().is_some_and(|l| l.value.as_str() == id))
            })
        })
        .map(|(index, level)| {
            let id = level.id.value.as_str();
            LevelRow {
                id: id.to_owned(),
                label: level.label.to_string(),
                cells: roles
                    .iter()
                    .enumerate()
                    .map(|(i, role)| {
                        let currency = role.salaries.currency.value.as_str();
                        let here = level_of(role, id);
                        let previous = levels[..index].iter().rev().find_map(|earlier| {
                            Some((earlier, level_of(role, earlier.id.value.as_str())?))
                        });
                        let step = here.zip(previous).map(|(now, (earlier, before))| {
                            format!(
                                "{} at the low end, {} at the high end, from {}",
                                difference(before.min.value, now.min.value, currency),
                                difference(before.max.value, now.max.value, currency),
                                earlier.label
                            )
                        });
                        LevelCell {
                            role,
                            position: i + 1,
                            stage: role.career_path.iter().find(|stage| {
                                stage.level.as_ref().is_some_and(|l| l.value.as_str() == id)
                            }),
                            range: here.map(|l| format::range(l, currency)),
                            step,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
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
    /// For two roles paid in the same unit: how the difference columns read.
    pub difference: Option<DifferenceNote>,
    /// One entry per distinct source.
    pub sources: Vec<SourceView>,
    /// One range chart per unit (currency and period) among the roles.
    pub charts: Vec<BarChart>,
}

/// How the difference columns of a two-role salary table are defined.
pub struct DifferenceNote {
    /// "AWS Architect minus AWS Engineer, as a share of AWS Engineer's figure."
    pub definition: String,
    /// Set when an open-ended top is compared.
    pub open_ended: bool,
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
    /// `(low end, high end)`: `+$20,000 (+25.0%)`, when comparable.
    pub difference: Option<(String, String)>,
}

pub struct SalaryCell {
    pub role: String,
    pub position: usize,
    /// `$80,000 – $110,000`, or `None` when the role lists no figure.
    pub range: Option<String>,
}

impl<'a> CompareView<'a> {
    pub fn new(content: &'a Content, roles: &[&'a Role]) -> Self {
        Self::with_view(content, roles, false)
    }

    /// `differences`: show only what the roles do not share.
    pub fn with_view(content: &'a Content, roles: &[&'a Role], differences: bool) -> Self {
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
        let canonical_path = match roles.as_slice() {
            [role] => format!("/roles/{}", role.slug),
            [a, b] => {
                let (a, b) = canonical_pair(content, &a.slug, &b.slug);
                format!("/compare/{a}-vs-{b}")
            }
            _ => {
                let mut slugs: Vec<&str> = roles.iter().map(|r| r.slug.as_str()).collect();
                slugs.sort_unstable();
                format!("/compare/{}", slugs.join("-vs-"))
            }
        };
        let path = match roles.as_slice() {
            [role] => format!("/roles/{}", role.slug),
            _ => format!(
                "/compare/{}",
                roles
                    .iter()
                    .map(|r| r.slug.as_str())
                    .collect::<Vec<_>>()
                    .join("-vs-")
            ),
        };
        let description = match curated.and_then(|c| c.summary.as_ref()) {
            Some(summary) => summary.to_string(),
            None => format!(
                "{title}, side by side: responsibilities, skills, day-to-day work, career path, job market and salaries."
            ),
        };
        let (cert_columns, cert_differing, cert_total) = mark(
            "certifications",
            &roles,
            |role| role.certifications.as_slice(),
            |cert: &crate::content::Certification| {
                cert.tags.iter().map(|t| t.value.as_str()).collect()
            },
            |cert: &crate::content::Certification| cert.name.as_str(),
        );
        let items = ItemSections {
            responsibilities: item_section("responsibilities", &roles, |role| {
                role.responsibilities.as_slice()
            }),
            skills: item_section("skills", &roles, |role| role.skills.as_slice()),
            certifications: CertSection {
                columns: cert_columns,
                differing: cert_differing,
                total: cert_total,
            },
            day_to_day: item_section("day-to-day", &roles, |role| role.day_to_day.as_slice()),
            job_market: item_section("job-market", &roles, |role| role.job_market.as_slice()),
        };
        let swap_path = match roles.as_slice() {
            [a, b] => Some(format!("/compare/{}-vs-{}", b.slug, a.slug)),
            _ => None,
        };
        let addable = if roles.len() >= 2 && roles.len() < MAX_ROLES {
            content
                .roles
                .iter()
                .filter(|role| !roles.iter().any(|r| r.slug == role.slug))
                .collect()
        } else {
            Vec::new()
        };
        Self {
            generated_intro: generated_intro(&roles),
            ladder: ladder(&roles),
            salaries: salary_table(content, &roles),
            levels: level_rows(content, &roles),
            cols_class: format!("cols-{}", roles.len()),
            differences,
            items,
            swap_path,
            addable,
            share: false,
            sections: &SECTIONS,
            roles,
            title,
            description,
            canonical_path,
            path,
            curated,
        }
    }

    /// The picker field name of the `index`th role (`a`, `b`, `c`, `d`).
    pub fn slot(&self, index: usize) -> &'static str {
        ["a", "b", "c", "d"].get(index).copied().unwrap_or("d")
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

/// A role's figure at a level, if it lists one.
fn level_of<'a>(role: &'a Role, level: &str) -> Option<&'a SalaryLevel> {
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
fn difference(from: u64, to: u64, currency: &str) -> String {
    let delta = i128::from(to) - i128::from(from);
    format!(
        "{} ({})",
        format::signed_money(delta, currency),
        format::signed_percent(delta, from)
    )
}

fn salary_table(content: &Content, roles: &[&Role]) -> SalaryTable {
    let columns: Vec<SalaryColumn> = roles
        .iter()
        .enumerate()
        .map(|(i, role)| SalaryColumn {
            role: role.title.to_string(),
            position: i + 1,
            unit: unit_of(role),
        })
        .collect();
    let same_unit = columns.windows(2).all(|w| w[0].unit == w[1].unit);
    let comparable = match roles {
        [a, b] if same_unit => Some((*a, *b)),
        _ => None,
    };
    let levels: Vec<_> = content
        .site
        .levels
        .value
        .iter()
        .filter(|level| {
            roles
                .iter()
                .any(|role| level_of(role, level.id.value.as_str()).is_some())
        })
        .collect();
    let mut open_compared = false;
    let rows = levels
        .iter()
        .map(|level| {
            let id = level.id.value.as_str();
            let difference = comparable.and_then(|(a, b)| {
                let (la, lb) = (level_of(a, id)?, level_of(b, id)?);
                open_compared |= la.open_ended || lb.open_ended;
                let currency = a.salaries.currency.value.as_str();
                Some((
                    difference(la.min.value, lb.min.value, currency),
                    difference(la.max.value, lb.max.value, currency),
                ))
            });
            SalaryRow {
                id: id.to_owned(),
                label: level.label.to_string(),
                cells: roles
                    .iter()
                    .enumerate()
                    .map(|(i, role)| SalaryCell {
                        role: role.title.to_string(),
                        position: i + 1,
                        range: level_of(role, id)
                            .map(|l| format::range(l, role.salaries.currency.value.as_str())),
                    })
                    .collect(),
                difference,
            }
        })
        .collect();
    let caption = if same_unit {
        format!(
            "Salary ranges by level, {}",
            columns.first().map_or("", |c| c.unit.as_str())
        )
    } else {
        "Salary ranges by level (units differ: see each column)".to_owned()
    };
    let mut sources: Vec<SourceView> = Vec::new();
    for role in roles {
        let source = SourceView::new(&role.salaries.source);
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    SalaryTable {
        caption,
        difference: comparable.map(|(a, b)| DifferenceNote {
            definition: format!(
                "Differences are {} minus {}, with the change as a share of {}’s figure.",
                b.title, a.title, a.title
            ),
            open_ended: open_compared,
        }),
        charts: salary_charts(content, roles),
        columns,
        rows,
        show_units: !same_unit,
        sources,
    }
}

/// Range charts for `roles`: one per unit, since figures in different
/// currencies or periods cannot share an axis.
pub fn salary_charts(content: &Content, roles: &[&Role]) -> Vec<BarChart> {
    let mut units: Vec<String> = Vec::new();
    for role in roles {
        let unit = unit_of(role);
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    units
        .iter()
        .enumerate()
        .map(|(index, unit)| {
            let members: Vec<(usize, &Role)> = roles
                .iter()
                .enumerate()
                .filter(|(_, role)| &unit_of(role) == unit)
                // Four role colours, reused in order past the fourth role.
                .map(|(i, role)| (i % 4 + 1, *role))
                .collect();
            let currency = members
                .first()
                .map_or("", |(_, role)| role.salaries.currency.value.as_str());
            let rows: Vec<(String, Vec<SalaryBar>)> = content
                .site
                .levels
                .value
                .iter()
                .map(|level| {
                    let bars = members
                        .iter()
                        .filter_map(|(position, role)| {
                            let l = level_of(role, level.id.value.as_str())?;
                            Some(SalaryBar {
                                position: *position,
                                role: role.title.to_string(),
                                min: l.min.value,
                                max: l.max.value,
                                open_ended: l.open_ended,
                                range: format::range(l, currency),
                            })
                        })
                        .collect();
                    (level.label.to_string(), bars)
                })
                .collect();
            let id = if index == 0 {
                "salary-chart".to_owned()
            } else {
                format!("salary-chart-{}", index + 1)
            };
            let names: Vec<(usize, String)> = members
                .iter()
                .map(|(position, role)| (*position, role.title.to_string()))
                .collect();
            BarChart::salary_ranges(
                &id,
                &format!("Salary ranges by level, {unit}"),
                currency,
                &names,
                &rows,
            )
        })
        .collect()
}

/// `/salaries`: every role's ranges by level, sortable by a level.
pub struct SalariesView<'a> {
    pub levels: Vec<SortLink>,
    /// The "Role" column's link back to the alphabetical order.
    pub by_role: SortLink,
    pub rows: Vec<SalariesRow<'a>>,
    pub sources: Vec<SourceView>,
    pub charts: Vec<BarChart>,
    /// "sorted by Senior, highest first"
    pub sorted_by: String,
}

pub struct SortLink {
    pub label: String,
    pub href: String,
    /// `aria-sort` value when this column is the sort key.
    pub aria_sort: Option<&'static str>,
}

pub struct SalariesRow<'a> {
    pub role: &'a Role,
    pub unit: String,
    pub cells: Vec<Option<String>>,
}

impl<'a> SalariesView<'a> {
    /// `sort` is a level id, or `None` for alphabetical order.
    pub fn new(content: &'a Content, settings: &Settings, sort: Option<&str>) -> Self {
        let levels = &content.site.levels.value;
        let mut roles: Vec<&Role> = content.roles.iter().collect();
        roles.sort_by(|a, b| a.title.as_str().cmp(b.title.as_str()));
        if let Some(sort) = sort {
            // Highest first within each unit; roles without the level last.
            roles.sort_by(|a, b| {
                let key = |role: &Role| {
                    level_of(role, sort).map(|l| {
                        (
                            std::cmp::Reverse(l.max.value),
                            std::cmp::Reverse(l.min.value),
                        )
                    })
                };
                match (key(a), key(b)) {
                    (Some(ka), Some(kb)) => unit_of(a).cmp(&unit_of(b)).then(ka.cmp(&kb)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            });
        }
        let rows = roles
            .iter()
            .map(|role| SalariesRow {
                role,
                unit: unit_of(role),
                cells: levels
                    .iter()
                    .map(|level| {
                        level_of(role, level.id.value.as_str())
                            .map(|l| format::range(l, role.salaries.currency.value.as_str()))
                    })
                    .collect(),
            })
            .collect();
        let mut sources: Vec<SourceView> = Vec::new();
        for role in &roles {
            let source = SourceView::new(&role.salaries.source);
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        let sorted_label = sort
            .and_then(|id| content.site.level(id))
            .map(|level| level.label.to_string());
        Self {
            levels: levels
                .iter()
                .map(|level| {
                    let id = level.id.value.as_str();
                    SortLink {
                        label: level.label.to_string(),
                        href: settings.link(&format!("/salaries?sort={id}")),
                        aria_sort: (sort == Some(id)).then_some("descending"),
                    }
                })
                .collect(),
            by_role: SortLink {
                label: "Role".to_owned(),
                href: settings.link("/salaries"),
                aria_sort: sort.is_none().then_some("ascending"),
            },
            charts: salary_charts(content, &roles),
            rows,
            sources,
            sorted_by: match sorted_label {
                Some(label) => format!("sorted by the {label} range, highest first"),
                None => "sorted by role".to_owned(),
            },
        }
    }
}

/// A sentence or two describing one section of a comparison, written from
/// its data: the share page's description and its preview's text.
pub fn section_description(view: &CompareView<'_>, section: &str) -> String {
    let per_role = |names: &dyn Fn(&Role) -> Vec<String>| -> String {
        view.roles
            .iter()
            .map(|role| format!("{}: {}", role.title, names(role).join(", ")))
            .collect::<Vec<_>>()
            .join(". ")
    };
    let item_names = |items: &[crate::content::Item]| -> Vec<String> {
        items.iter().map(|i| i.name.to_string()).collect()
    };
    let text = match section {
        "overview" => view
            .roles
            .iter()
            .map(|role| format!("{}: {}", role.title, role.summary))
            .collect::<Vec<_>>()
            .join(" "),
        "responsibilities" => format!(
            "Key responsibilities. {}.",
            per_role(&|r| item_names(&r.responsibilities))
        ),
        "skills" => format!(
            "Skills and certifications. {}.",
            per_role(&|r| {
                let mut names = item_names(&r.skills);
                names.extend(r.certifications.iter().map(|c| c.name.to_string()));
                names
            })
        ),
        "day-to-day" => format!(
            "What fills the day. {}.",
            per_role(&|r| item_names(&r.day_to_day))
        ),
        "career-path" => format!(
            "Career stages in order. {}.",
            per_role(&|r| r.career_path.iter().map(|s| s.stage.to_string()).collect())
        ),
        "job-market" => format!(
            "How the job market sees them. {}.",
            per_role(&|r| item_names(&r.job_market))
        ),
        "salaries" => {
            let levels: Vec<String> = view
                .salaries
                .rows
                .iter()
                .map(|row| {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .filter_map(|cell| Some(format!("{} {}", cell.role, cell.range.as_ref()?)))
                        .collect();
                    format!("{}: {}", row.label, cells.join(", "))
                })
                .collect();
            format!("{}. {}.", view.salaries.caption, levels.join("; "))
        }
        "levels" => format!(
            "Level by level: the career stage, salary range and step up at each level for {}.",
            view.title
        ),
        _ => view.description.clone(),
    };
    text.replace("..", ".")
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
