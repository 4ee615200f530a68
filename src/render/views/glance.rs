//! "At a glance": what sets the roles of a comparison apart, first on the
//! page, computed from the content for any pair (curated or not): how
//! many items of each section differ, the difference of the official
//! medians and the shift in hours by kind of work. The pay step per level
//! and the curated key differences come from the comparison itself
//! (its salary table, its curated text). Three or four roles get what
//! makes sense for more than two: the counts and each role's hours.

use crate::content::Role;
use crate::oews::{Measure, OfficialPay};

use super::super::chart::HoursByKind;
use super::super::day::{share_rows, shares};
use super::items::{ItemSections, SectionCount};
use super::pay::PayTable;
use super::steps::{HoursShift, hours_shift, official_rows};

pub struct Glance {
    /// How much of each item section differs, in page order.
    pub counts: Vec<SectionCount>,
    /// Two roles whose occupations both have a published national median.
    pub median: Option<MedianStep>,
    /// Two roles with schedules: hours by kind of work, and the shift.
    pub hours: Option<HoursShift>,
    /// Three or four roles, two or more with a schedule: each one's hours
    /// by kind of work.
    pub hours_by_role: Option<HoursByRole>,
}

/// The difference of two roles' official national medians (BLS).
pub struct MedianStep {
    /// Each role's colour, what the figure stands for ("AWS Engineer ·
    /// Network and Computer Systems Administrators (15-1244)") and its
    /// median ("$99,130").
    pub roles: Vec<(usize, String, String)>,
    /// The second minus the first: "+$34,920 (+35.2%)".
    pub difference: String,
    /// "May 2025".
    pub release: String,
}

/// Hours by kind of work of several roles, as the day view counts them.
pub struct HoursByRole {
    pub shares: Vec<HoursByKind>,
    /// `(kind, hours per share)`, in the day view's order.
    pub rows: Vec<(String, Vec<String>)>,
}

impl Glance {
    /// The glance of `roles` (two to four, in their `colours`), whose
    /// items are marked in `items` and whose national official figures
    /// are `official`.
    pub fn new(
        roles: &[&Role],
        colours: &[usize],
        items: &ItemSections<'_>,
        official: Option<(&OfficialPay, &PayTable<'_>)>,
    ) -> Self {
        let two = match roles {
            [a, b] => Some((*a, *b)),
            _ => None,
        };
        let hours_by_role = if two.is_none() {
            let shares = shares(roles, colours);
            (shares.len() >= 2).then(|| HoursByRole {
                rows: share_rows(&shares),
                shares,
            })
        } else {
            None
        };
        Self {
            counts: items.counts(),
            median: two
                .and(official)
                .and_then(|(pay, table)| median_step(pay, table)),
            hours: two.and_then(|(a, b)| hours_shift(a, b, colours)),
            hours_by_role,
        }
    }
}

/// The medians of `table`'s two occupations and their difference, when
/// both are published numbers.
fn median_step(pay: &OfficialPay, table: &PayTable<'_>) -> Option<MedianStep> {
    let (rows, _) = official_rows(pay, table)?;
    let median = rows
        .into_iter()
        .find(|r| r.measure == Measure::AnnualMedian)?;
    let difference = median.difference?;
    let roles = table
        .columns
        .iter()
        .zip([median.from, median.to])
        .map(|(official, figure)| {
            (
                official.colour,
                format!(
                    "{} · {} ({})",
                    official.role.title, official.title, official.soc
                ),
                figure,
            )
        })
        .collect();
    Some(MedianStep {
        roles,
        difference,
        release: table.release.name.clone(),
    })
}
