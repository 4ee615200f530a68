//! Folds: on a phone, each section of a comparison or role page shows its
//! gist (its items' names, its stages, its ranges) and keeps the rest one
//! tap away, in a `<details>` the stylesheet always opens from 40rem and
//! on paper. A link to anything inside a fold opens it: the browser opens
//! a `<details>` that holds the target of the address's fragment.

use crate::address::Section;

use super::compare::CompareView;

/// One role's gist of a section: `(colour, role title, text)`.
pub type Gist<'a> = (usize, &'a str, String);

impl<'a> CompareView<'a> {
    /// Whether sections fold on phones: on a comparison or role page, not
    /// on a section's share page (one section, shown whole) nor in the
    /// differences view (titles only).
    pub fn folds(&self) -> bool {
        !self.share && !self.differences
    }

    /// What a folded section shows of each role: the names of its items,
    /// its stages in order, or its ranges by level. Empty for a section
    /// whose gist would be its whole text (the overviews, the level grid).
    pub fn gist(&self, section: impl std::borrow::Borrow<Section>) -> Vec<Gist<'a>> {
        let names: Vec<Vec<String>> = match section.borrow() {
            Section::Responsibilities => names(&self.items.responsibilities.columns),
            Section::Skills => names(&self.items.skills.columns)
                .into_iter()
                .zip(names(&self.items.certifications.columns))
                .map(|(mut skills, certs)| {
                    skills.extend(certs);
                    skills
                })
                .collect(),
            Section::DayToDay => names(&self.items.day_to_day.columns),
            Section::JobMarket => names(&self.items.job_market.columns),
            Section::CareerPath => {
                return self.each(|role| {
                    let stages: Vec<&str> =
                        role.career_path.iter().map(|s| s.stage.as_str()).collect();
                    stages.join(" → ")
                });
            }
            Section::Salaries => {
                let rows = &self.salaries.rows;
                return self
                    .coloured()
                    .enumerate()
                    .map(|(i, (colour, role))| {
                        let ranges: Vec<String> = rows
                            .iter()
                            .filter_map(|row| {
                                let range = row.cells.get(i)?.range.as_ref()?;
                                Some(format!("{} {range}", row.label))
                            })
                            .collect();
                        (colour, role.title.as_str(), ranges.join(" · "))
                    })
                    .collect();
            }
            Section::Overview | Section::Levels => return Vec::new(),
        };
        self.coloured()
            .zip(names)
            .map(|((colour, role), names)| (colour, role.title.as_str(), names.join(" · ")))
            .collect()
    }

    /// The label of a folded section's toggle.
    pub fn fold_label(&self, section: impl std::borrow::Borrow<Section>) -> &'static str {
        let one = self.roles.len() == 1;
        match section.borrow() {
            Section::Overview if one => "Read the overview",
            Section::Overview => "Read each role’s overview",
            Section::Responsibilities => "Show what each responsibility involves",
            Section::Skills => "Show each skill and certification in full",
            Section::DayToDay => "Show what each activity involves",
            Section::CareerPath => "Show each stage in full",
            Section::JobMarket => "Show the job market in full",
            Section::Salaries => "Show the salary table, chart and official figures",
            Section::Levels => "Show stage, range and step up at each level",
        }
    }

    /// `text` of each role, with its colour and title.
    fn each(&self, text: impl Fn(&crate::content::Role) -> String) -> Vec<Gist<'a>> {
        self.coloured()
            .map(|(colour, role)| (colour, role.title.as_str(), text(role)))
            .collect()
    }
}

/// The names of each column's items, in order.
fn names<T: Named>(columns: &[super::items::ItemColumn<'_, T>]) -> Vec<Vec<String>> {
    columns
        .iter()
        .map(|column| {
            column
                .entries
                .iter()
                .map(|(item, _, _)| item.name().to_owned())
                .collect()
        })
        .collect()
}

/// An item with a name: a listed item or a certification.
trait Named {
    fn name(&self) -> &str;
}

impl Named for crate::content::Item {
    fn name(&self) -> &str {
        self.name.as_str()
    }
}

impl Named for crate::content::Certification {
    fn name(&self) -> &str {
        self.name.as_str()
    }
}
