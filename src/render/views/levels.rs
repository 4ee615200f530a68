//! The level-by-level grid of a comparison (`#levels`).

use crate::content::{CareerStage, Content, Role};

use super::super::colour::colours;
use super::super::format;
use super::roles::{difference, level_of};

/// One salary level across the roles: the stage the content places there,
/// the range, and the step up from the role's previous level.
pub struct LevelRow<'a> {
    pub id: String,
    pub label: String,
    pub cells: Vec<LevelCell<'a>>,
}

pub struct LevelCell<'a> {
    pub role: &'a Role,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub stage: Option<&'a CareerStage>,
    pub range: Option<String>,
    /// "+$30,000 (+37.5%) at the low end, +$30,000 (+27.3%) at the high end
    /// from Junior".
    pub step: Option<String>,
}

pub(super) fn level_rows<'a>(content: &Content, roles: &[&'a Role]) -> Vec<LevelRow<'a>> {
    let levels = &content.site.levels.value;
    let colours = colours(content, roles);
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
                            colour: colours[i],
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
