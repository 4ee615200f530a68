//! The day in the life: several roles' schedules on one time axis.
//!
//! The axis is cut into equal slots as long as the greatest common divisor of
//! every block boundary, so each block starts on a row and spans whole rows:
//! a block starting at 10:00 sits on the 10:00 row in every column.

mod strips;

pub use strips::DayStrips;
use strips::blocks;

use crate::content::{ClockTime, Role, TimeBlock};

use super::chart::{BarChart, HoursByKind, kinds_of_work};
use super::day_scale::{CellText, row_classes};
use super::format::hours;

pub struct DayView<'a> {
    pub roles: Vec<&'a Role>,
    /// Some schedule shown is an example, not a record.
    pub illustrative: bool,
    /// Rows of the time axis; empty when no role has a schedule.
    pub rows: Vec<DayRow<'a>>,
    /// Minutes per row.
    pub slot_minutes: u16,
    /// The table's classes: how many role columns (`day-cols-{n}`) and
    /// how tall a row is drawn (see [`super::day_scale`]).
    pub table_class: String,
    /// Hours per kind of work, per role with a schedule.
    pub shares: Vec<HoursByKind>,
    /// The same as a table: `(kind, hours per share)`, then the totals.
    pub share_rows: Vec<(String, Vec<String>)>,
    pub share_chart: Option<BarChart>,
    /// The days at a glance, above the grid.
    pub strips: Option<DayStrips>,
}

pub struct DayRow<'a> {
    /// `09:00`
    pub time: String,
    /// `day-0900`: the row's id.
    pub id: String,
    /// Whether the row starts a half hour (labelled boldly).
    pub major: bool,
    /// The cells that start on this row, one per column at most; columns
    /// covered by a block from an earlier row have none.
    pub cells: Vec<DayCell<'a>>,
}

pub struct DayCell<'a> {
    pub role: &'a Role,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    pub rowspan: usize,
    pub content: CellContent<'a>,
}

pub enum CellContent<'a> {
    Block {
        block: &'a TimeBlock,
        /// `09:00–10:30`
        span: String,
        /// `1.5 h`
        duration: String,
    },
    /// Time with nothing scheduled.
    Gap,
    /// A role without a schedule: its day-to-day list instead.
    List,
}

impl CellContent<'_> {
    pub fn block(&self) -> Option<&TimeBlock> {
        match self {
            Self::Block { block, .. } => Some(block),
            _ => None,
        }
    }
    pub fn span(&self) -> &str {
        match self {
            Self::Block { span, .. } => span,
            _ => "",
        }
    }
    pub fn duration(&self) -> &str {
        match self {
            Self::Block { duration, .. } => duration,
            _ => "",
        }
    }
    pub fn is_gap(&self) -> bool {
        matches!(self, Self::Gap)
    }
}

fn gcd(a: u16, b: u16) -> u16 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl<'a> DayView<'a> {
    /// The day of `roles`, in their `colours` (see [`super::colour`]).
    pub fn new(roles: &[&'a Role], colours: &[usize]) -> Self {
        let roles = roles.to_vec();
        let illustrative = roles.iter().any(|role| {
            role.day_in_the_life
                .as_ref()
                .is_some_and(|d| d.illustrative)
        });
        let all: Vec<&TimeBlock> = roles.iter().flat_map(|role| blocks(role)).collect();
        let Some(axis) = Axis::of(&all) else {
            return Self {
                roles,
                illustrative,
                rows: Vec::new(),
                slot_minutes: 0,
                table_class: String::new(),
                shares: Vec::new(),
                share_rows: Vec::new(),
                share_chart: None,
                strips: None,
            };
        };
        let mut rows = axis.rows();
        for (role, colour) in roles.iter().zip(colours) {
            axis.place(&mut rows, role, *colour);
        }
        let shares = shares(&roles, colours);
        let share_chart = BarChart::hours_by_kind(&shares);
        let table_class = format!(
            "day-cols-{} {}",
            roles.len(),
            row_classes(roles.len(), &cell_texts(&rows))
        );
        Self {
            strips: DayStrips::new(&roles, colours, &shares),
            table_class,
            roles,
            illustrative,
            rows,
            slot_minutes: axis.slot,
            share_rows: share_rows(&shares),
            shares,
            share_chart: Some(share_chart),
        }
    }
}

/// The time axis: from the earliest start to the latest end of any block,
/// in `count` rows of `slot` minutes.
struct Axis {
    start: ClockTime,
    slot: u16,
    count: usize,
}

impl Axis {
    /// The axis of `blocks`; `None` when there are none.
    fn of(blocks: &[&TimeBlock]) -> Option<Self> {
        let start = blocks.iter().map(|b| b.start.value).min()?;
        let end = blocks.iter().map(|b| b.end.value).max()?;
        let slot = blocks
            .iter()
            .flat_map(|b| [b.start.value, b.end.value])
            .map(|t| t.minutes() - start.minutes())
            .fold(0, gcd)
            .max(1);
        let count = usize::from((end.minutes() - start.minutes()) / slot);
        Some(Self { start, slot, count })
    }

    /// The row `time` falls on.
    fn row_of(&self, time: ClockTime) -> usize {
        usize::from((time.minutes() - self.start.minutes()) / self.slot)
    }

    /// The rows, labelled with their times and without cells.
    fn rows<'a>(&self) -> Vec<DayRow<'a>> {
        (0..self.count)
            .map(|i| {
                let minutes = self.start.minutes() + self.slot * i as u16;
                let time = format!("{:02}:{:02}", minutes / 60, minutes % 60);
                DayRow {
                    id: format!("day-{}", time.replace(':', "")),
                    major: minutes.is_multiple_of(30),
                    time,
                    cells: Vec::new(),
                }
            })
            .collect()
    }

    /// Adds `role`'s column (in its `colour`) to `rows`: each block on
    /// the row it starts, spanning the rows it lasts, with gaps between;
    /// without a schedule, one cell for its day-to-day list.
    fn place<'a>(&self, rows: &mut [DayRow<'a>], role: &'a Role, colour: usize) {
        let cell = |rowspan, content| DayCell {
            role,
            colour,
            rowspan,
            content,
        };
        let mut own: Vec<&TimeBlock> = blocks(role).iter().collect();
        if own.is_empty() {
            rows[0].cells.push(cell(self.count, CellContent::List));
            return;
        }
        own.sort_by_key(|b| b.start.value);
        let mut row = 0;
        for block in own {
            let (first, last) = (self.row_of(block.start.value), self.row_of(block.end.value));
            if first > row {
                rows[row].cells.push(cell(first - row, CellContent::Gap));
            }
            let content = CellContent::Block {
                block,
                span: format!("{}–{}", block.start.value, block.end.value),
                duration: hours(block.end.value.minutes() - block.start.value.minutes()),
            };
            rows[first].cells.push(cell(last - first, content));
            row = last;
        }
        if row < self.count {
            rows[row]
                .cells
                .push(cell(self.count - row, CellContent::Gap));
        }
    }
}

/// What every cell of `rows` shows, with the rows it spans, for the
/// height of a row.
fn cell_texts<'a>(rows: &'a [DayRow<'a>]) -> Vec<(usize, CellText<'a>)> {
    rows.iter()
        .flat_map(|row| &row.cells)
        .map(|cell| {
            let text = match &cell.content {
                CellContent::Block {
                    block,
                    span,
                    duration,
                } => CellText::Block {
                    time: span,
                    activity: &block.activity,
                    kind: &block.kind.value,
                    detail: &block.detail,
                    duration,
                },
                CellContent::Gap => CellText::Gap,
                CellContent::List => CellText::List {
                    title: &cell.role.title,
                    items: cell
                        .role
                        .day_to_day
                        .iter()
                        .map(|item| (item.name.as_str(), item.detail.as_str()))
                        .collect(),
                },
            };
            (cell.rowspan, text)
        })
        .collect()
}

/// Hours by kind of work of each of `roles` (in their `colours`) that has
/// a schedule, in the roles' order.
pub fn shares(roles: &[&Role], colours: &[usize]) -> Vec<HoursByKind> {
    roles
        .iter()
        .zip(colours)
        .filter(|(role, _)| !blocks(role).is_empty())
        .map(|(role, colour)| share(role, *colour))
        .collect()
}

/// Rows of the hours-by-kind table: every kind any role has.
pub fn share_rows(shares: &[HoursByKind]) -> Vec<(String, Vec<String>)> {
    kinds_of_work(shares)
        .into_iter()
        .map(|kind| {
            let cells = shares
                .iter()
                .map(|share| {
                    share
                        .kinds
                        .iter()
                        .find(|(k, _, _)| k == kind)
                        .map_or_else(|| hours(0), |(_, _, h)| h.clone())
                })
                .collect();
            (kind.to_owned(), cells)
        })
        .collect()
}

fn share(role: &Role, colour: usize) -> HoursByKind {
    let mut kinds: Vec<(String, u16, String)> = Vec::new();
    let mut total = 0;
    for block in blocks(role) {
        let minutes = block.end.value.minutes() - block.start.value.minutes();
        total += minutes;
        let kind = block.kind.value.as_str();
        match kinds.iter_mut().find(|(k, _, _)| k == kind) {
            Some(entry) => entry.1 += minutes,
            None => kinds.push((kind.to_owned(), minutes, String::new())),
        }
    }
    for entry in &mut kinds {
        entry.2 = hours(entry.1);
    }
    HoursByKind {
        role: role.title.to_string(),
        colour,
        kinds,
        total: hours(total),
    }
}
