//! Share pages: what one section of a comparison says, in a sentence or two.

use crate::content::Role;

use super::CompareView;

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
