//! Moving from one role to another, computed from the content alone: what
//! the second role does and calls for that the first does not, the pay
//! step at each level, how the days differ, where the career paths meet,
//! and what the content cannot say.

use crate::address::{Page, Section, Sides};
use crate::content::{CareerStage, Certification, Content, Item, Role};

use super::super::chart::BarChart;
use super::super::colour;
use super::items::{ItemSection, ItemSections, anchors};
use super::roles::unit_of;
use super::salaries::{SalaryTable, salary_table};
use super::share::{and_list, count, first_that_fits};
use super::steps::{HoursShift, OfficialStep, hours_shift, official_step};

/// The page `/compare/{a}-vs-{b}/transition`: `from` is the role the
/// reader is in, `to` the one they think of moving to.
pub struct TransitionView<'a> {
    pub from: &'a Role,
    pub to: &'a Role,
    /// Each role's colour, for its class `role-{n}` (see `render::colour`).
    pub from_colour: usize,
    pub to_colour: usize,
    /// "Moving from AWS Engineer to AWS Architect".
    pub title: String,
    pub description: String,
    /// This page's address (its own canonical: each direction is a page).
    pub address: Page,
    /// The move the other way.
    pub reverse: Page,
    /// The comparison of the two, in this order.
    pub comparison: Page,
    /// Their days, hour by hour.
    pub day_in_the_life: Page,
    /// `to`'s responsibilities, day-to-day work and job market, each
    /// split into what is new and what `from` shares.
    pub work: Vec<NewItems<'a>>,
    /// `to`'s skills, split the same way.
    pub skills: NewItems<'a>,
    pub certifications: NewCertifications<'a>,
    /// The salary table of the pair, whose differences are the pay step;
    /// `difference` is `None` when the units differ.
    pub pay: SalaryTable,
    /// `from`'s and `to`'s units, when they differ.
    pub units: (String, String),
    pub official: Option<OfficialStep<'a>>,
    pub day: Option<DaySplit>,
    pub meetings: Vec<Meeting<'a>>,
    /// What the content does not say, one sentence each.
    pub unknowns: Vec<String>,
}

/// One item section of the role moved to: its items no item of the role
/// moved from shares a tag with, and those it does share.
pub struct NewItems<'a> {
    pub section: Section,
    /// `(item, anchor)`: the anchor is the item's id on the comparison.
    pub new: Vec<(&'a Item, String)>,
    /// `(item, the other role's items that share a tag with it)`.
    pub shared: Vec<(&'a Item, Vec<&'a Item>)>,
}

/// The certifications of the role moved to that the other does not list
/// (by name: a certificate is held or not).
pub struct NewCertifications<'a> {
    /// `(certification, anchor)`.
    pub new: Vec<(&'a Certification, String)>,
    /// What the role moved from lists.
    pub held: Vec<&'a Certification>,
}

/// Both roles' scheduled hours by kind of work, when both have a
/// schedule, and their chart.
pub struct DaySplit {
    pub hours: HoursShift,
    pub chart: BarChart,
}

/// A title both career paths name, or a stage of the role moved to that
/// names the role moved from.
pub struct Meeting<'a> {
    pub title: String,
    /// 1-based stage of the role moved from that lists the title; `None`
    /// when the title is that role's own.
    pub from: Option<(usize, &'a CareerStage)>,
    /// 1-based stage of the role moved to.
    pub to: (usize, &'a CareerStage),
}

impl<'a> TransitionView<'a> {
    pub fn new(content: &'a Content, from: &'a Role, to: &'a Role) -> Self {
        let pair = [from, to];
        let colours = colour::colours(content, &pair);
        let sections = ItemSections::new(&pair, &colours);
        let pay = salary_table(content, &pair);
        let official = official_step(content, from, to);
        let day = day_split(from, to, &colours);
        let certifications = new_certifications(from, to);
        let work = vec![
            new_items(Section::Responsibilities, &sections.responsibilities),
            new_items(Section::DayToDay, &sections.day_to_day),
            new_items(Section::JobMarket, &sections.job_market),
        ];
        let skills = new_items(Section::Skills, &sections.skills);
        let title = format!("Moving from {} to {}", from.title, to.title);
        let unknowns = unknowns(
            content,
            (from, to),
            &pay,
            !certifications.new.is_empty(),
            official.is_some(),
        );
        Self {
            description: description(
                &title,
                [
                    (work[0].new.len(), "responsibility"),
                    (skills.new.len(), "skill"),
                    (certifications.new.len(), "certification"),
                ],
                pay.difference.is_some(),
                day.is_some(),
            ),
            address: Page::Transition(Sides::of([&from.slug, &to.slug])),
            reverse: Page::Transition(Sides::of([&to.slug, &from.slug])),
            comparison: Page::Compare(Sides::of([&from.slug, &to.slug])),
            day_in_the_life: Page::Day(Sides::of([&from.slug, &to.slug])),
            units: (unit_of(from), unit_of(to)),
            meetings: meetings(from, to),
            title,
            from,
            to,
            from_colour: colours[0],
            to_colour: colours[1],
            work,
            skills,
            certifications,
            pay,
            official,
            day,
            unknowns,
        }
    }

    /// Whether a figure of the pay step can be given: the units match.
    pub fn has_pay_step(&self) -> bool {
        self.pay.difference.is_some()
    }

    /// Whether a level has no step, since one role lists no range there.
    pub fn has_unmatched_level(&self) -> bool {
        self.pay.rows.iter().any(|row| row.difference.is_none())
    }
}

/// The page's summary, from what it found: what is new, and the pay step
/// and the days when it can give them; under 160 characters (search
/// results cut longer ones).
fn description(title: &str, new: [(usize, &str); 3], pay: bool, day: bool) -> String {
    let counts = new
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| count(*n, noun));
    let mut parts = vec![match and_list(counts) {
        none if none.is_empty() => "nothing new in the work or skills".to_owned(),
        counts => format!("{counts} that are new"),
    }];
    if pay {
        parts.push("the pay step at each level".to_owned());
    }
    if day {
        parts.push("how the days differ".to_owned());
    }
    let long = format!("{title}: {}.", and_list(parts.into_iter()));
    first_that_fits(vec![
        long,
        format!("{title}: what is new, and what the content says of pay and days."),
    ])
}

/// The second role's column of `section`, split into new and shared.
fn new_items<'a>(section: Section, marked: &ItemSection<'a>) -> NewItems<'a> {
    let (Some(from), Some(to)) = (marked.columns.first(), marked.columns.get(1)) else {
        return NewItems {
            section,
            new: Vec::new(),
            shared: Vec::new(),
        };
    };
    let mut new = Vec::new();
    let mut shared = Vec::new();
    for (item, is_shared, anchor) in &to.entries {
        if *is_shared {
            let own = tags(item);
            let alike = from
                .entries
                .iter()
                .map(|(other, _, _)| *other)
                .filter(|other| tags(other).iter().any(|tag| own.contains(tag)))
                .collect();
            shared.push((*item, alike));
        } else {
            new.push((*item, anchor.clone()));
        }
    }
    NewItems {
        section,
        new,
        shared,
    }
}

/// An item's tags.
fn tags(item: &Item) -> Vec<&str> {
    item.tags.iter().map(|t| t.value.as_str()).collect()
}

/// `to`'s certifications whose names `from` does not list.
fn new_certifications<'a>(from: &'a Role, to: &'a Role) -> NewCertifications<'a> {
    let held = |name: &str| {
        from.certifications
            .iter()
            .any(|c| c.name.trim().eq_ignore_ascii_case(name.trim()))
    };
    let ids = anchors(
        "certifications",
        &to.slug,
        to.certifications.iter().map(|c| c.name.as_str()),
    );
    NewCertifications {
        new: to
            .certifications
            .iter()
            .zip(ids)
            .filter(|(cert, _)| !held(&cert.name))
            .collect(),
        held: from.certifications.iter().collect(),
    }
}

/// Both roles' hours by kind of work, in the day view's order, with
/// their chart; `None` unless both have a schedule.
fn day_split(from: &Role, to: &Role, colours: &[usize]) -> Option<DaySplit> {
    let hours = hours_shift(from, to, colours)?;
    let chart = BarChart::hours_by_kind(&hours.shares);
    Some(DaySplit { hours, chart })
}

/// Where the paths meet: each title of `to`'s stages that is `from`'s own
/// title or that a stage of `from` lists too. Empty when the content names
/// no such title.
fn meetings<'a>(from: &'a Role, to: &'a Role) -> Vec<Meeting<'a>> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let mut found = Vec::new();
    for (j, stage) in to.career_path.iter().enumerate() {
        for title in &stage.titles {
            let from_stage = from
                .career_path
                .iter()
                .enumerate()
                .find(|(_, s)| s.titles.iter().any(|t| same(t, title)))
                .map(|(i, s)| (i + 1, s));
            if from_stage.is_some() || same(title, &from.title) {
                found.push(Meeting {
                    title: title.to_string(),
                    from: from_stage,
                    to: (j + 1, stage),
                });
            }
        }
    }
    found
}

/// What a reader weighing the move may want that the content does not
/// give, said plainly.
fn unknowns(
    content: &Content,
    (from, to): (&Role, &Role),
    pay: &SalaryTable,
    new_certifications: bool,
    official: bool,
) -> Vec<String> {
    let mut said = vec![format!(
        "How many years of experience {} calls for, or how long the move takes: the content gives no figure.",
        to.title
    )];
    said.push(format!(
        "Whether an employer would take someone from {} straight into {} at the same level: the pay ranges describe people already in each role, not people moving between them.",
        from.title, to.title,
    ));
    if new_certifications {
        said.push("How long the certifications take to earn, or what they cost: the content names them and how the source rates them, nothing more.".to_owned());
    }
    if pay.difference.is_none() {
        said.push(format!(
            "A pay step: {} is paid in {} and {} in {}, and the content gives no rate to convert one into the other.",
            from.title,
            unit_of(from),
            to.title,
            unit_of(to)
        ));
    }
    if [from, to].iter().any(|r| r.salaries.source.as_of.is_none()) {
        said.push(
            "Where and when the pay ranges hold: their source gives no country or date for them."
                .to_owned(),
        );
    }
    for role in [from, to] {
        if role.day_in_the_life.is_none() {
            said.push(format!(
                "How {}’s hours split by kind of work: the content has no schedule for it.",
                role.title
            ));
        }
    }
    if !official && content.official_pay.is_some() {
        said.push("An official pay difference: BLS figures are shown only when both roles name an official occupation that has them.".to_owned());
    }
    said
}

#[cfg(test)]
mod tests {
    use super::description;
    use crate::render::views::share::DESCRIPTION_MOST;

    #[test]
    fn a_long_description_is_cut_at_a_word() {
        let title = "Moving from Überfahrtskapitänin der Nordseeinseln to Oberste Leuchtturmwärterin des Wattenmeers";
        let text = description(
            title,
            [(12, "responsibility"), (7, "skill"), (3, "certification")],
            true,
            true,
        );
        assert!(text.chars().count() <= DESCRIPTION_MOST + 1, "{text}");
        let kept = text.trim_end_matches('…');
        let full = format!("{title}: what is new, and what the content says of pay and days.");
        // What is kept is whole words of the shorter wording.
        assert!(full.starts_with(kept), "{text}");
        let next = full[kept.len()..].chars().next();
        assert!(
            next.is_none_or(|c| c == ' ' || c == '.'),
            "cut inside a word: {text}"
        );
    }
}
