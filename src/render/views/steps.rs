//! What changes from one role to another, computed from the content:
//! BLS's national figures of their occupations with the differences, and
//! the hours by kind of work with the shift. The move from one role to
//! another and a comparison's "At a glance" both show them.

use crate::content::{Content, Role};
use crate::oews::{Measure, OfficialPay};

use super::super::chart::{HoursByKind, kinds_of_work};
use super::super::day::shares;
use super::super::format::hours;
use super::pay::{Note, PayTable, ROWS, cell_text, officials};
use super::roles::difference;

/// BLS's national figures of both roles' occupations, and their
/// differences where both are published numbers.
pub struct OfficialStep<'a> {
    /// Both roles' figures, for their occupations, source and release.
    pub table: PayTable<'a>,
    pub rows: Vec<OfficialRow>,
    pub notes: Vec<Note>,
}

/// One measure: each role's figure as published, and the second minus
/// the first.
pub struct OfficialRow {
    pub measure: Measure,
    pub label: &'static str,
    pub from: String,
    pub to: String,
    /// `None` when either figure is not a published number.
    pub difference: Option<String>,
}

/// Both roles' national official wages and their differences; `None`
/// unless both roles have national figures.
pub fn official_step<'a>(
    content: &'a Content,
    from: &'a Role,
    to: &'a Role,
) -> Option<OfficialStep<'a>> {
    let pay = content.official_pay.as_ref()?;
    let table = PayTable::national(pay, officials(content, &[from, to]))?;
    let (rows, notes) = official_rows(pay, &table)?;
    Some(OfficialStep { table, rows, notes })
}

/// The wage rows of `table`'s two occupations (in the official table's
/// order; employment is no wage), each with the second minus the first,
/// and the notes their figures carry; `None` unless it has two.
pub fn official_rows(
    pay: &OfficialPay,
    table: &PayTable<'_>,
) -> Option<(Vec<OfficialRow>, Vec<Note>)> {
    let [a, b] = table.columns.as_slice() else {
        return None;
    };
    let (from, to) = (pay.national(a.soc)?, pay.national(b.soc)?);
    let mut notes = Vec::new();
    let rows = ROWS
        .iter()
        .filter(|(measure, _)| *measure != Measure::Employment)
        .map(|(measure, label)| {
            let (x, y) = (from.get(*measure), to.get(*measure));
            OfficialRow {
                measure: *measure,
                label,
                from: cell_text(pay, x, *measure, &mut notes),
                to: cell_text(pay, y, *measure, &mut notes),
                difference: match (x.value(), y.value()) {
                    (Some(x), Some(y)) => Some(difference(x.into(), y.into(), "USD")),
                    _ => None,
                },
            }
        })
        .collect();
    Some((rows, notes))
}

/// Both roles' scheduled hours by kind of work, side by side.
pub struct HoursShift {
    /// Some schedule is an example, not a record.
    pub illustrative: bool,
    /// `(kind, from's hours, to's hours, to minus from)`, in the day
    /// view's order of kinds.
    pub rows: Vec<(String, String, String, String)>,
    /// The same for all scheduled time.
    pub total: (String, String, String),
    /// Each role's hours by kind, as the day view counts them.
    pub shares: Vec<HoursByKind>,
}

/// How the hours of `from` and `to` (in their `colours`) split by kind of
/// work; `None` unless both have a schedule.
pub fn hours_shift(from: &Role, to: &Role, colours: &[usize]) -> Option<HoursShift> {
    let shares = shares(&[from, to], colours);
    let [a, b] = shares.as_slice() else {
        return None;
    };
    let minutes = |share: &HoursByKind, kind: &str| {
        share
            .kinds
            .iter()
            .find(|(k, _, _)| k == kind)
            .map_or(0, |(_, m, _)| *m)
    };
    let total = |share: &HoursByKind| share.kinds.iter().map(|(_, m, _)| *m).sum::<u16>();
    let rows = kinds_of_work(&shares)
        .into_iter()
        .map(|kind| {
            let (x, y) = (minutes(a, kind), minutes(b, kind));
            (kind.to_owned(), hours(x), hours(y), signed_hours(x, y))
        })
        .collect();
    let total = (
        a.total.clone(),
        b.total.clone(),
        signed_hours(total(a), total(b)),
    );
    Some(HoursShift {
        illustrative: [from, to].iter().any(|role| {
            role.day_in_the_life
                .as_ref()
                .is_some_and(|d| d.illustrative)
        }),
        rows,
        total,
        shares,
    })
}

/// `+1.5 h`, `−5.5 h`, `0 h`: how many more hours `to` spends.
fn signed_hours(from: u16, to: u16) -> String {
    let text = hours(from.abs_diff(to));
    match to.cmp(&from) {
        std::cmp::Ordering::Greater => format!("+{text}"),
        std::cmp::Ordering::Less => format!("−{text}"),
        std::cmp::Ordering::Equal => text,
    }
}
