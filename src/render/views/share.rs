//! Share pages: what one section of a comparison shows, in a sentence short
//! enough for a link preview to show whole.

use crate::address::Section;
use crate::content::Role;

use super::compare::CompareView;

/// The most characters a description has: link previews cut at about 160.
pub const DESCRIPTION_MOST: usize = 158;

/// A sentence saying what one section of a comparison shows, composed from
/// short facts (the roles and how much each lists): the share page's
/// description and its preview's text. The richest wording that fits in
/// [`DESCRIPTION_MOST`] characters is used; with very long role titles,
/// the roles are counted instead of named, and only if even that is too
/// long is the sentence cut, at a word, with "…".
pub fn section_description(view: &CompareView<'_>, section: Section) -> String {
    let named = and_list(view.roles.iter().map(|role| role.title.to_string()));
    let these = format!("these {} roles", view.roles.len());
    let candidates = match section {
        Section::Overview => vec![
            format!("What {named} do, in brief: each role’s overview, side by side."),
            format!("What {these} do, in brief: each role’s overview, side by side."),
        ],
        Section::Salaries => salaries(view, &named, &these),
        Section::Levels => {
            let levels = count(view.levels.len(), "level");
            vec![
                format!(
                    "Level by level for {named}: the career stage, salary range and step up at each of {levels}."
                ),
                format!("Level by level for {named}: stage, salary range and step up."),
                format!("Level by level for {these}: stage, salary range and step up."),
            ]
        }
        Section::Responsibilities
        | Section::Skills
        | Section::DayToDay
        | Section::CareerPath
        | Section::JobMarket => listings(view, section, &named, &these),
    };
    first_that_fits(candidates)
}

/// The sentences of a section listing items for each role: what it sets
/// side by side, with how many each role lists.
fn listings(view: &CompareView<'_>, section: Section, named: &str, these: &str) -> Vec<String> {
    let (lead, detail) = match section {
        Section::Responsibilities => (
            "The key responsibilities of",
            ", side by side, with what each involves",
        ),
        Section::Skills => ("The skills and certifications of", ", side by side"),
        Section::DayToDay => ("What fills the working day of", ", side by side"),
        Section::CareerPath => (
            "The career paths of",
            ", stage by stage, with the job titles named at each",
        ),
        _ => ("How the job market sees", ", side by side"),
    };
    let how_many = |role: &Role| match section {
        Section::Responsibilities => role.responsibilities.len().to_string(),
        Section::Skills => format!(
            "{}, {}",
            count(role.skills.len(), "skill"),
            count(role.certifications.len(), "certification")
        ),
        Section::DayToDay => count(role.day_to_day.len(), "activity"),
        Section::CareerPath => count(role.career_path.len(), "stage"),
        _ => count(role.job_market.len(), "point"),
    };
    let counted = and_list(
        view.roles
            .iter()
            .map(|role| format!("{} ({})", role.title, how_many(role))),
    );
    vec![
        format!("{lead} {counted}{detail}."),
        format!("{lead} {named}{detail}."),
        format!("{lead} {named}, side by side."),
        format!("{lead} {these}, side by side."),
    ]
}

/// The salary section's sentences: the roles, how many levels from which
/// to which, the unit when they share one, and whether the differences
/// and official figures are shown.
fn salaries(view: &CompareView<'_>, named: &str, these: &str) -> Vec<String> {
    let table = &view.salaries;
    let levels = match (table.rows.first(), table.rows.last()) {
        (Some(first), Some(last)) if table.rows.len() > 1 => format!(
            " at {}, {} to {}",
            count(table.rows.len(), "level"),
            first.label,
            last.label
        ),
        _ => String::new(),
    };
    let unit = match table.columns.first() {
        Some(column) if !table.show_units => format!(", in {}", column.unit),
        _ => String::new(),
    };
    let difference = match table.difference {
        Some(_) => ", with the difference at each level",
        None => "",
    };
    let official = match view.official {
        Some(_) => " and official U.S. figures",
        None => "",
    };
    vec![
        format!("Salary ranges of {named}{levels}{unit}{difference}{official}."),
        format!("Salary ranges of {named}{levels}{unit}{difference}."),
        format!("Salary ranges of {named}{levels}{unit}."),
        format!("Salary ranges of {named}, level by level."),
        format!("Salary ranges of {these}, level by level."),
    ]
}

/// `one`, `one and two`, `one, two and three`.
pub(super) fn and_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `1 skill`, `4 skills`, `5 activities`.
pub(super) fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

/// The first of `candidates` (richest first) that fits in
/// [`DESCRIPTION_MOST`] characters; else the last, cut at a word.
pub(super) fn first_that_fits(candidates: Vec<String>) -> String {
    let fits = |text: &String| text.chars().count() <= DESCRIPTION_MOST;
    if let Some(text) = candidates.iter().find(|text| fits(text)) {
        return text.clone();
    }
    let last = candidates.last().cloned().unwrap_or_default();
    let mut cut = String::new();
    for word in last.split_whitespace() {
        let longer = if cut.is_empty() {
            word.to_owned()
        } else {
            format!("{cut} {word}")
        };
        if longer.chars().count() + 1 > DESCRIPTION_MOST {
            break;
        }
        cut = longer;
    }
    format!("{}…", cut.trim_end_matches([',', ':', ';']))
}

#[cfg(test)]
mod tests {
    use super::{DESCRIPTION_MOST, and_list, count, first_that_fits};

    #[test]
    fn lists_and_counts_read_as_english() {
        let list = |items: &[&str]| and_list(items.iter().map(|s| (*s).to_owned()));
        assert_eq!(list(&["A", "B"]), "A and B");
        assert_eq!(list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(count(1, "activity"), "1 activity");
        assert_eq!(count(5, "activity"), "5 activities");
        assert_eq!(count(0, "certification"), "0 certifications");
    }

    #[test]
    fn only_a_sentence_too_long_in_every_wording_is_cut_at_a_word() {
        let long = "word ".repeat(60);
        assert_eq!(
            first_that_fits(vec![long.clone(), "Short.".into()]),
            "Short."
        );
        let cut = first_that_fits(vec![long]);
        assert!(cut.chars().count() <= DESCRIPTION_MOST, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
    }
}
