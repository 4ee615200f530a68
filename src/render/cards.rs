//! What each preview card shows: the site's, a role's, a comparison's, its
//! day's, each section's, a move's from one role to another and its
//! official pay's, each drawn from what its page is about. Which page has
//! which card is its kind's to say (`pages`); drawing them is
//! [`super::card`]'s job.

use crate::address::{MAX_ROLES, Section};
use crate::content::{CareerStage, Content, Item, Role};

use super::card::Card;
use super::colour;
use super::day::DayView;
use super::views::{CompareView, TransitionView};

/// A row of a card: a label (empty for none) and one text per column.
type Row = (String, Vec<String>);

/// The most key differences the comparison's card lists after its summary.
const DIFFERENCES_AFTER_SUMMARY: usize = 3;

pub fn site_card(content: &Content) -> Card {
    let site = &content.site;
    Card {
        eyebrow: "Career comparisons".to_owned(),
        title: site.tagline.to_string(),
        roles: content
            .roles
            .iter()
            .take(MAX_ROLES)
            .map(|role| role.title.to_string())
            .collect(),
        rows: vec![full_width(site.description.to_string())],
        site: site.title.to_string(),
        footer: match content.roles.len() {
            0 | 1 => String::new(),
            n => format!("{n} roles to compare, two to four at a time"),
        },
        ranges: Vec::new(),
    }
}

/// A role's card: its summary, its salary range at each level and its
/// skills.
pub fn role_card(content: &Content, role: &Role) -> Card {
    let view = CompareView::new(content, &[role]);
    let mut rows = vec![(String::new(), vec![role.summary.to_string()])];
    rows.extend(salary_rows(&view));
    rows.push(("Skills".to_owned(), vec![names(&role.skills).join(", ")]));
    Card {
        eyebrow: "Role".to_owned(),
        title: role.title.to_string(),
        roles: Vec::new(),
        rows,
        site: content.site.title.to_string(),
        footer: credit(&view),
        ranges: Vec::new(),
    }
}

/// A card over the columns of `view`'s roles.
fn columns_card(content: &Content, view: &CompareView<'_>, eyebrow: &str, rows: Vec<Row>) -> Card {
    Card {
        eyebrow: eyebrow.to_owned(),
        title: view.title.clone(),
        roles: view
            .roles
            .iter()
            .map(|role| role.title.to_string())
            .collect(),
        rows,
        site: content.site.title.to_string(),
        footer: credit(view),
        ranges: Vec::new(),
    }
}

/// A comparison's card: the curated summary and key differences, or
/// else each role's summary and their salaries.
pub fn compare_card(content: &Content, roles: &[&Role]) -> Card {
    let view = CompareView::new(content, roles);
    let curated = view
        .curated
        .filter(|c| c.summary.is_some() || !c.key_differences.is_empty());
    let rows = match curated {
        Some(curated) => {
            let summary = curated.summary.iter().map(|s| full_width(s.to_string()));
            let most = match curated.summary {
                Some(_) => DIFFERENCES_AFTER_SUMMARY,
                None => usize::MAX,
            };
            let differences = curated.key_differences.iter().take(most);
            summary
                .chain(differences.map(|item| full_width(format!("• {}", item.name))))
                .collect()
        }
        None => {
            let summaries = roles.iter().map(|role| role.summary.to_string());
            let mut rows = vec![(String::new(), summaries.collect())];
            rows.extend(salary_rows(&view));
            rows
        }
    };
    columns_card(content, &view, "Comparison", rows)
}

/// A day view's card: when each role's day runs, its hours in all and
/// by kind of work; without schedules, what fills each role's day.
pub fn day_card(content: &Content, roles: &[&Role]) -> Card {
    let view = CompareView::new(content, roles);
    let day = DayView::new(roles, &colour::colours(content, roles));
    let mut card = columns_card(content, &view, "A day in the life", Vec::new());
    if day.shares.is_empty() {
        card.rows = listed(roles, |role| names(&role.day_to_day));
        return card;
    }
    let scheduled: Vec<&Role> = day
        .shares
        .iter()
        .filter_map(|share| {
            roles
                .iter()
                .find(|r| r.title.as_str() == share.role)
                .copied()
        })
        .collect();
    card.roles = scheduled.iter().map(|r| r.title.to_string()).collect();
    let days = scheduled.iter().zip(&day.shares);
    card.rows = vec![(
        "Day".to_owned(),
        days.map(|(role, share)| format!("{} ({})", span_of_day(role), share.total))
            .collect(),
    )];
    // Hours by kind of work; a kind a role does not do at all is a dash.
    let none = super::format::hours(0);
    card.rows.extend(day.share_rows.iter().map(|(kind, cells)| {
        let cells = cells.iter().map(|h| {
            if *h == none {
                "—".to_owned()
            } else {
                h.clone()
            }
        });
        (capitalised(kind), cells.collect())
    }));
    if day.illustrative {
        card.footer = "An illustrative day, hour by hour: an example, not a record".to_owned();
    }
    card
}

/// A section's card: what that section sets side by side.
pub fn section_card(content: &Content, roles: &[&Role], section: Section) -> Card {
    let view = CompareView::new(content, roles);
    let rows = match section {
        Section::Overview => vec![(
            String::new(),
            roles.iter().map(|role| role.summary.to_string()).collect(),
        )],
        Section::Responsibilities => listed(roles, |role| names(&role.responsibilities)),
        Section::Skills => skill_rows(roles),
        Section::DayToDay => listed(roles, |role| names(&role.day_to_day)),
        Section::CareerPath => career_rows(roles),
        Section::JobMarket => listed(roles, |role| names(&role.job_market)),
        Section::Salaries => salary_rows(&view),
        Section::Levels => level_rows(&view),
    };
    columns_card(content, &view, section.heading(), rows)
}

/// The card of a move from one role to another: the pay step at each
/// level (`to` minus `from`, at the low and the high end of the
/// ranges); when their pay is in different units, how much of `to`'s
/// work and skills is new.
pub fn transition_card(content: &Content, from: &Role, to: &Role) -> Card {
    let view = TransitionView::new(content, from, to);
    let (eyebrow, rows, footer) = if view.has_pay_step() {
        let sources: Vec<&str> = view.pay.sources.iter().map(|s| s.credit.as_str()).collect();
        (
            "Moving roles: the pay step",
            pay_steps(&view),
            format!("Pay ranges: {}", sources.join("; ")),
        )
    } else {
        (
            "Moving roles: what is new",
            new_counts(&view),
            "Shared ground, as the content's tags mark it, is not counted as new".to_owned(),
        )
    };
    Card {
        eyebrow: eyebrow.to_owned(),
        title: format!("{} → {}", from.title, to.title),
        roles: Vec::new(),
        rows,
        site: content.site.title.to_string(),
        footer,
        ranges: Vec::new(),
    }
}

/// A move's pay step at each level, at the low and the high end.
fn pay_steps(view: &TransitionView<'_>) -> Vec<(String, Vec<String>)> {
    let steps = view.pay.rows.iter().map(|row| {
        let cells = match &row.difference {
            Some((low, high)) => vec![low.clone(), high.clone()],
            None => vec!["n/a".to_owned(), "n/a".to_owned()],
        };
        (row.label.clone(), cells)
    });
    std::iter::once((
        "Pay step".to_owned(),
        vec!["Low end".to_owned(), "High end".to_owned()],
    ))
    .chain(steps)
    .take(4)
    .collect()
}

/// How many of the responsibilities, skills and certifications of the
/// role moved to are new.
fn new_counts(view: &TransitionView<'_>) -> Vec<(String, Vec<String>)> {
    let of = |new: usize, total: usize| match total {
        0 => vec!["none listed".to_owned()],
        _ => vec![format!("{new} of {total} new")],
    };
    let to = view.to;
    let duties = view
        .work
        .first()
        .map_or(0, |w| w.new.len() + w.shared.len());
    vec![
        (
            "Duties".to_owned(),
            of(view.work.first().map_or(0, |w| w.new.len()), duties),
        ),
        (
            "Skills".to_owned(),
            of(view.skills.new.len(), to.skills.len()),
        ),
        (
            "Certificates".to_owned(),
            of(view.certifications.new.len(), to.certifications.len()),
        ),
    ]
}

/// Who the figures are from: the salary sources of `view`'s roles.
fn credit(view: &CompareView<'_>) -> String {
    let sources: Vec<&str> = view
        .salaries
        .sources
        .iter()
        .map(|s| s.credit.as_str())
        .collect();
    format!("Source: {}", sources.join("; "))
}

/// A row of one text across the whole card.
fn full_width(text: String) -> Row {
    (String::new(), vec![text])
}

fn names(items: &[Item]) -> Vec<String> {
    items.iter().map(|item| item.name.to_string()).collect()
}

/// Each role's list side by side, a row per place in the lists.
fn listed(roles: &[&Role], names: impl Fn(&Role) -> Vec<String>) -> Vec<Row> {
    let lists: Vec<Vec<String>> = roles.iter().map(|role| names(role)).collect();
    let depth = lists.iter().map(Vec::len).max().unwrap_or(0);
    (0..depth)
        .map(|i| {
            let cells = lists
                .iter()
                .map(|list| list.get(i).cloned().unwrap_or_default())
                .collect();
            (String::new(), cells)
        })
        .collect()
}

/// Each role's skills, then how many certifications it lists.
fn skill_rows(roles: &[&Role]) -> Vec<Row> {
    let mut rows = listed(roles, |role| names(&role.skills));
    if roles.iter().any(|role| !role.certifications.is_empty()) {
        let counts = roles.iter().map(|role| match role.certifications.len() {
            0 => String::new(),
            1 => "+ 1 certification".to_owned(),
            n => format!("+ {n} certifications"),
        });
        rows.push((String::new(), counts.collect()));
    }
    rows
}

/// A row per career stage: labelled with the stage's name where every
/// role's path names it alike (else "Stage 4"), with the job titles each
/// path names there.
fn career_rows(roles: &[&Role]) -> Vec<Row> {
    let depth = roles.iter().map(|r| r.career_path.len()).max().unwrap_or(0);
    (0..depth)
        .map(|i| {
            let stages: Vec<Option<&CareerStage>> =
                roles.iter().map(|role| role.career_path.get(i)).collect();
            let first = stages.first().copied().flatten().map(|s| s.stage.as_str());
            let shared = first.filter(|name| {
                stages
                    .iter()
                    .all(|stage| stage.is_some_and(|s| s.stage.as_str() == *name))
            });
            let cells = stages
                .iter()
                .map(|stage| match stage {
                    None => String::new(),
                    Some(s) if s.titles.is_empty() => s.stage.to_string(),
                    Some(s) if shared.is_some() => titles(s),
                    Some(s) => format!("{}: {}", s.stage, titles(s)),
                })
                .collect();
            let label = shared.map_or_else(|| format!("Stage {}", i + 1), str::to_owned);
            (label, cells)
        })
        .collect()
}

fn titles(stage: &CareerStage) -> String {
    let titles: Vec<&str> = stage.titles.iter().map(|t| t.as_str()).collect();
    titles.join(", ")
}

/// Each level's salary range per role.
fn salary_rows(view: &CompareView<'_>) -> Vec<Row> {
    view.salaries
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .map(|cell| cell.range.clone().unwrap_or_else(|| "—".to_owned()))
                .collect();
            (row.label.clone(), cells)
        })
        .collect()
}

/// Each level's career stage and salary range per role.
fn level_rows(view: &CompareView<'_>) -> Vec<Row> {
    view.levels
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .map(|cell| {
                    let range = cell.range.as_deref().unwrap_or("—");
                    match cell.stage {
                        Some(stage) => format!("{}\n{range}", stage.stage),
                        None => range.to_owned(),
                    }
                })
                .collect();
            (row.label.clone(), cells)
        })
        .collect()
}

/// From the start of a role's first block to the end of its last.
fn span_of_day(role: &Role) -> String {
    let blocks = role
        .day_in_the_life
        .as_ref()
        .map_or(&[][..], |day| day.blocks.value.as_slice());
    let start = blocks.iter().map(|b| b.start.value).min();
    let end = blocks.iter().map(|b| b.end.value).max();
    match (start, end) {
        (Some(start), Some(end)) => format!("{start}–{end}"),
        _ => String::new(),
    }
}

/// `text` with its first letter in capitals: a kind of work as a label.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

mod pay;

pub use pay::pay_card;
