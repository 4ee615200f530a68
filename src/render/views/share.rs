//! Share pages: what one section of a comparison says, in a sentence or two.

use crate::address::Section;
use crate::content::{Item, Role};

use super::compare::CompareView;

/// A sentence or two describing one section of a comparison, written from
/// its data: the share page's description and its preview's text.
pub fn section_description(view: &CompareView<'_>, section: Section) -> String {
    let per_role = |names: &dyn Fn(&Role) -> Vec<String>| per_role(view, names);
    let text = match section {
        Section::Overview => view
            .roles
            .iter()
            .map(|role| format!("{}: {}", role.title, role.summary))
            .collect::<Vec<_>>()
            .join(" "),
        Section::Responsibilities => format!(
            "Key responsibilities. {}.",
            per_role(&|r| item_names(&r.responsibilities))
        ),
        Section::Skills => format!(
            "Skills and certifications. {}.",
            per_role(&|r| {
                let mut names = item_names(&r.skills);
                names.extend(r.certifications.iter().map(|c| c.name.to_string()));
                names
            })
        ),
        Section::DayToDay => format!(
            "What fills the day. {}.",
            per_role(&|r| item_names(&r.day_to_day))
        ),
        Section::CareerPath => format!(
            "Career stages in order. {}.",
            per_role(&|r| r.career_path.iter().map(|s| s.stage.to_string()).collect())
        ),
        Section::JobMarket => format!(
            "How the job market sees them. {}.",
            per_role(&|r| item_names(&r.job_market))
        ),
        Section::Salaries => salaries(view),
        Section::Levels => format!(
            "Level by level: the career stage, salary range and step up at each level for {}.",
            view.title
        ),
    };
    text.replace("..", ".")
}

/// `Role: a, b. Other role: c, d`: what `names` lists for each role.
fn per_role(view: &CompareView<'_>, names: &dyn Fn(&Role) -> Vec<String>) -> String {
    view.roles
        .iter()
        .map(|role| format!("{}: {}", role.title, names(role).join(", ")))
        .collect::<Vec<_>>()
        .join(". ")
}

fn item_names(items: &[Item]) -> Vec<String> {
    items.iter().map(|i| i.name.to_string()).collect()
}

/// The salary table's caption, then each level's ranges.
fn salaries(view: &CompareView<'_>) -> String {
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
