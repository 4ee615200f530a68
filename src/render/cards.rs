//! What each preview card shows: the site's, a comparison's, each
//! section's, and a move's from one role to another. Drawing them is [`super::card`]'s job.

use crate::address::{MAX_ROLES, Section};
use crate::content::Role;

use super::card;
use super::site::Rendered;
use super::views::{CompareView, PayTable, TransitionView};

impl Rendered {
    pub(super) fn site_card(&self) -> card::Card {
        let site = &self.content.site;
        card::Card {
            eyebrow: "Career comparisons".to_owned(),
            title: site.tagline.to_string(),
            roles: self
                .content
                .roles
                .iter()
                .take(MAX_ROLES)
                .map(|role| role.title.to_string())
                .collect(),
            rows: Vec::new(),
            site: site.title.to_string(),
            footer: site.description.to_string(),
        }
    }

    pub(super) fn pair_card(&self, roles: &[&Role], section: Option<Section>) -> card::Card {
        let view = CompareView::new(&self.content, roles);
        let salary_rows = || -> Vec<(String, Vec<String>)> {
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
        };
        let numbered = |names: &dyn Fn(&Role) -> Vec<String>| -> Vec<(String, Vec<String>)> {
            let lists: Vec<Vec<String>> = roles.iter().map(|role| names(role)).collect();
            let depth = lists.iter().map(Vec::len).max().unwrap_or(0).min(4);
            (0..depth)
                .map(|i| {
                    let cells = lists
                        .iter()
                        .map(|list| list.get(i).cloned().unwrap_or_default())
                        .collect();
                    ((i + 1).to_string(), cells)
                })
                .collect()
        };
        let items =
            |list: &[crate::content::Item]| list.iter().map(|i| i.name.to_string()).collect();
        let rows = match section {
            None | Some(Section::Salaries | Section::Levels) => salary_rows(),
            Some(Section::Responsibilities) => numbered(&|r| items(&r.responsibilities)),
            Some(Section::Skills) => numbered(&|r| items(&r.skills)),
            Some(Section::DayToDay) => numbered(&|r| items(&r.day_to_day)),
            Some(Section::JobMarket) => numbered(&|r| items(&r.job_market)),
            Some(Section::CareerPath) => {
                numbered(&|r| r.career_path.iter().map(|s| s.stage.to_string()).collect())
            }
            Some(Section::Overview) => Vec::new(),
        };
        let eyebrow = section.map_or("Comparison", Section::heading);
        let sources: Vec<&str> = view
            .salaries
            .sources
            .iter()
            .map(|s| s.credit.as_str())
            .collect();
        card::Card {
            eyebrow: eyebrow.to_owned(),
            title: view.title.clone(),
            roles: roles.iter().map(|role| role.title.to_string()).collect(),
            rows,
            site: self.content.site.title.to_string(),
            footer: format!("Source: {}", sources.join("; ")),
        }
    }

    /// The card of a comparison's official pay: each role's national
    /// percentiles. `None` if no role has official figures.
    pub(super) fn pay_card(&self, roles: &[&Role]) -> Option<card::Card> {
        let (pay, officials) = self.officials(roles)?;
        let table = PayTable::national(pay, officials)?;
        // Median, then the 10th and 90th percentiles.
        let rows = [2, 0, 4]
            .into_iter()
            .filter_map(|i| table.rows.get(i))
            .map(|row| {
                let cells = row.cells.iter().map(|cell| cell.text.clone()).collect();
                (row.label.to_owned(), cells)
            })
            .collect();
        Some(card::Card {
            eyebrow: "Official pay".to_owned(),
            title: roles
                .iter()
                .map(|role| role.title.as_str())
                .collect::<Vec<_>>()
                .join(" vs "),
            roles: table
                .columns
                .iter()
                .map(|o| o.role.title.to_string())
                .collect(),
            rows,
            site: self.content.site.title.to_string(),
            footer: format!(
                "Source: U.S. Bureau of Labor Statistics, OEWS, {}",
                table.release.name
            ),
        })
    }

    /// The card of a move from one role to another: the pay step at each
    /// level (`to` minus `from`, at the low and the high end of the
    /// ranges); when their pay is in different units, how much of `to`'s
    /// work and skills is new.
    pub(super) fn transition_card(&self, from: &Role, to: &Role) -> card::Card {
        let view = TransitionView::new(&self.content, from, to);
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
        card::Card {
            eyebrow: eyebrow.to_owned(),
            title: format!("{} → {}", from.title, to.title),
            roles: Vec::new(),
            rows,
            site: self.content.site.title.to_string(),
            footer,
        }
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
