//! The item sections of a comparison (responsibilities, skills and
//! certifications, day to day, job market): each role's items, marked shared
//! or unique, with their anchors.

use crate::address::Section;
use crate::content::Role;

/// The item lists of every role, marked shared or unique.
pub struct ItemSections<'a> {
    pub responsibilities: ItemSection<'a>,
    pub skills: ItemSection<'a>,
    pub certifications: CertSection<'a>,
    pub day_to_day: ItemSection<'a>,
    pub job_market: ItemSection<'a>,
}

impl<'a> ItemSections<'a> {
    /// Every item section of `roles`, marked and anchored.
    /// `colours`: each role's colour (see [`crate::render::colour`]).
    pub fn new(roles: &[&'a Role], colours: &[usize]) -> Self {
        let (cert_columns, cert_differing, cert_total) = mark(
            "certifications",
            (roles, colours),
            |role| role.certifications.as_slice(),
            |cert: &crate::content::Certification| {
                cert.tags.iter().map(|t| t.value.as_str()).collect()
            },
            |cert: &crate::content::Certification| cert.name.as_str(),
        );
        Self {
            responsibilities: item_section("responsibilities", (roles, colours), |role| {
                role.responsibilities.as_slice()
            }),
            skills: item_section("skills", (roles, colours), |role| role.skills.as_slice()),
            certifications: CertSection {
                columns: cert_columns,
                differing: cert_differing,
                total: cert_total,
            },
            day_to_day: item_section("day-to-day", (roles, colours), |role| {
                role.day_to_day.as_slice()
            }),
            job_market: item_section("job-market", (roles, colours), |role| {
                role.job_market.as_slice()
            }),
        }
    }
}

/// What only one role lists in a section: its colour, the role, and the
/// names and anchors of those items.
pub type OnlyOne<'a, 'b> = (usize, &'a Role, Vec<(&'a str, &'b str)>);

/// How much of one item section differs.
pub struct SectionCount {
    pub section: Section,
    /// What its items are, in the plural: "responsibilities".
    pub noun: &'static str,
    /// Items no other role shares, and all items, across the roles.
    pub differing: usize,
    pub total: usize,
}

impl<'a> ItemSections<'a> {
    /// How much of `section` differs (skills with certifications);
    /// `None` for a section that lists no items.
    pub fn count(&self, section: impl std::borrow::Borrow<Section>) -> Option<SectionCount> {
        let section = *section.borrow();
        let (noun, differing, total) = match section {
            Section::Responsibilities => (
                "responsibilities",
                self.responsibilities.differing,
                self.responsibilities.total,
            ),
            Section::Skills => (
                "skills and certifications",
                self.skills.differing + self.certifications.differing,
                self.skills.total + self.certifications.total,
            ),
            Section::DayToDay => (
                "activities",
                self.day_to_day.differing,
                self.day_to_day.total,
            ),
            Section::JobMarket => ("points", self.job_market.differing, self.job_market.total),
            Section::Overview | Section::CareerPath | Section::Salaries | Section::Levels => {
                return None;
            }
        };
        Some(SectionCount {
            section,
            noun,
            differing,
            total,
        })
    }

    /// What only one role lists in `section` (skills with
    /// certifications): each role's colour, the role, and the names and
    /// anchors of its items no other role shares, in order.
    pub fn only(&self, section: impl std::borrow::Borrow<Section>) -> Vec<OnlyOne<'a, '_>> {
        let items = match section.borrow() {
            Section::Responsibilities => &self.responsibilities,
            Section::Skills => &self.skills,
            Section::DayToDay => &self.day_to_day,
            Section::JobMarket => &self.job_market,
            Section::Overview | Section::CareerPath | Section::Salaries | Section::Levels => {
                return Vec::new();
            }
        };
        let with_certs = matches!(section.borrow(), Section::Skills);
        items
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let mut names = unique(&column.entries, |item| item.name.as_str());
                if let Some(certs) = self.certifications.columns.get(i).filter(|_| with_certs) {
                    names.extend(unique(&certs.entries, |cert| cert.name.as_str()));
                }
                (column.colour, column.role, names)
            })
            .collect()
    }

    /// Every item section's count, in page order.
    pub fn counts(&self) -> Vec<SectionCount> {
        Section::ALL.iter().filter_map(|s| self.count(s)).collect()
    }
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
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// `(item, shared, anchor)`: shared when another role has an item with a
    /// tag in common; the anchor is the item's id.
    pub entries: Vec<(&'a T, bool, String)>,
}

impl<T> ItemColumn<'_, T> {
    pub fn unique_count(&self) -> usize {
        self.entries.iter().filter(|(_, shared, _)| !shared).count()
    }

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
/// its anchor in `section`; `roles` come with their colours.
fn mark<'a, T>(
    section: &str,
    (roles, colours): (&[&'a Role], &[usize]),
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
                colour: colours[i],
                entries,
            }
        })
        .collect();
    (columns, differing, total)
}

fn item_section<'a>(
    section: &str,
    roles: (&[&'a Role], &[usize]),
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

/// The names and anchors of the `entries` no other role shares.
fn unique<'a, 'e, T>(
    entries: &'e [(&'a T, bool, String)],
    name: impl Fn(&'a T) -> &'a str,
) -> Vec<(&'a str, &'e str)> {
    entries
        .iter()
        .filter(|(_, shared, _)| !shared)
        .map(|(item, _, anchor)| (name(item), anchor.as_str()))
        .collect()
}
