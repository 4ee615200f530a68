//! What each preview card shows: the site's, a comparison's, and each
//! section's. Drawing them is [`super::card`]'s job.

use crate::address::{MAX_ROLES, Section};
use crate::content::Role;

use super::card;
use super::site::Rendered;
use super::views::{CompareView, PayTable};

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
}
