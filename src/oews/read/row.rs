//! Checking `official-pay.csv`'s data rows one by one, each problem at the
//! line and column of the value at fault, and adding the good ones to a
//! [`Builder`].

use std::collections::HashMap;

use super::source::Row;
use crate::oews::figures::{
    Estimates, Figure, FootnoteSet, Measure, is_soc, parse_value, value_of,
};
use crate::oews::header::{Columns, Problem, Problems};
use crate::oews::model::{AreaKind, Builder, Footnote, OfficialPay};

/// A row's values, every one of them checked.
struct Parts<'r> {
    soc: &'r str,
    title: &'r [u8],
    /// The occupation's position in the builder, if an earlier row had it.
    known: Option<usize>,
    code: [u8; 7],
    kind: AreaKind,
    name: &'r [u8],
    /// The area's position in the builder, if an earlier row had it.
    known_area: Option<u16>,
    estimates: Estimates,
}

/// The rows read so far: the model being built, and the lines each
/// occupation and area was first seen on, to point at them from a later
/// row that disagrees.
pub(super) struct RowReader {
    builder: Builder,
    footnotes: Vec<Footnote>,
    columns: Columns,
    /// Per occupation: (area, line) of each row, to find repeats.
    lines: Vec<Vec<(u16, u64)>>,
    occupation_lines: Vec<u64>,
    area_lines: HashMap<[u8; 7], u64>,
    /// Rows come grouped by occupation: the last one found is kept.
    last_occupation: Option<(Vec<u8>, usize)>,
}

impl RowReader {
    /// Reads rows into `builder`, with the file's declared `footnotes`
    /// and the header's `columns`.
    pub(super) fn new(builder: Builder, footnotes: Vec<Footnote>, columns: Columns) -> Self {
        Self {
            builder,
            footnotes,
            columns,
            lines: Vec::new(),
            occupation_lines: Vec::new(),
            area_lines: HashMap::new(),
            last_occupation: None,
        }
    }

    /// Checks one row, reporting each of its problems, and adds its
    /// figures if it has none.
    pub(super) fn read(&mut self, row: &Row<'_>, problems: &mut Problems) {
        if row.record.len() != self.columns.count {
            problems.at(
                row.line,
                1,
                format!(
                    "the row has {} fields, but the header has {}",
                    row.record.len(),
                    self.columns.count
                ),
            );
            return;
        }
        if let Some(parts) = self.check(row, problems) {
            self.add(row, parts, problems);
        }
    }

    /// Checks every value of a row, in the order of its columns: its
    /// parts, or `None` if any is wrong.
    fn check<'r>(&self, row: &Row<'r>, problems: &mut Problems) -> Option<Parts<'r>> {
        let columns = &self.columns;
        let soc = row.field(columns.soc);
        let soc_ok = check_soc(row, columns.soc, soc, problems);
        let title = row.field(columns.occupation).trim_ascii();
        let known = self.known_occupation(soc);
        let title_ok = self.check_title(row, title, known, problems);
        let code = area_code(row, columns.area, problems);
        let kind = area_kind(row, columns.area_type, problems);
        let name = row.field(columns.area_name).trim_ascii();
        let name_ok = !name.is_empty();
        if !name_ok {
            problems.at(
                row.line,
                row.column(columns.area_name),
                "the area's name is empty",
            );
        }
        let known_area = code.and_then(|code| self.builder.area_codes.get(&code).copied());
        let area_ok = self.check_area(row, (code, kind, name), known_area, problems);
        let (estimates, figures_ok) = self.estimates(row, problems);
        let ok = soc_ok && title_ok && name_ok && area_ok && figures_ok;
        let (true, Some(code), Some(kind), Ok(soc)) = (ok, code, kind, std::str::from_utf8(soc))
        else {
            return None;
        };
        Some(Parts {
            soc,
            title,
            known,
            code,
            kind,
            name,
            known_area,
            estimates,
        })
    }

    /// The position of the occupation `soc` if an earlier row had it.
    fn known_occupation(&self, soc: &[u8]) -> Option<usize> {
        match &self.last_occupation {
            Some((last, index)) if last.as_slice() == soc => Some(*index),
            _ => std::str::from_utf8(soc)
                .ok()
                .and_then(|soc| self.builder.occupation_index.get(soc).copied()),
        }
    }

    /// Whether the occupation's title is given, and is the one an earlier
    /// row gave the same occupation.
    fn check_title(
        &self,
        row: &Row<'_>,
        title: &[u8],
        known: Option<usize>,
        problems: &mut Problems,
    ) -> bool {
        let at = self.columns.occupation;
        if title.is_empty() {
            problems.at(row.line, row.column(at), "the occupation's title is empty");
            return false;
        }
        let Some(index) = known else {
            return true;
        };
        let known_title = &self.builder.occupations[index].1;
        if known_title.as_bytes() == title {
            return true;
        }
        problems.at(
            row.line,
            row.column(at),
            format!(
                "the occupation {} is called `{}` here, but `{}` on line {}",
                row.text(self.columns.soc),
                String::from_utf8_lossy(title),
                known_title,
                self.occupation_lines[index]
            ),
        );
        false
    }

    /// Whether an area an earlier row had is of the same kind and name
    /// here.
    fn check_area(
        &self,
        row: &Row<'_>,
        (code, kind, name): (Option<[u8; 7]>, Option<AreaKind>, &[u8]),
        known_area: Option<u16>,
        problems: &mut Problems,
    ) -> bool {
        let (Some(kind), Some(index)) = (kind, known_area) else {
            return true;
        };
        let (known_code, known_kind, known_name) = &self.builder.areas[usize::from(index)];
        if (kind, name) == (*known_kind, known_name.as_bytes()) {
            return true;
        }
        problems.at(
            row.line,
            row.column(self.columns.area_name),
            format!(
                "the area {known_code} is `{}` ({}) here, but `{known_name}` ({}) on line {}",
                String::from_utf8_lossy(name),
                kind.code(),
                known_kind.code(),
                code.and_then(|code| self.area_lines.get(&code).copied())
                    .unwrap_or(0)
            ),
        );
        false
    }

    /// The row's figures, measure by measure, and whether all of them and
    /// their footnotes could be read.
    fn estimates(&self, row: &Row<'_>, problems: &mut Problems) -> (Estimates, bool) {
        let mut estimates = Estimates::default();
        let mut ok = true;
        for (measure, &(value_at, notes_at)) in Measure::ALL.iter().zip(&self.columns.figures) {
            let (set, notes_ok) = self.footnote_set(row, notes_at, problems);
            ok &= notes_ok;
            match figure(row, *measure, value_at, set, problems) {
                Some(figure) => estimates.set(*measure, figure),
                None => ok = false,
            }
        }
        (estimates, ok)
    }

    /// The footnotes in field `notes_at`, and whether every one of them is
    /// declared.
    fn footnote_set(
        &self,
        row: &Row<'_>,
        notes_at: usize,
        problems: &mut Problems,
    ) -> (FootnoteSet, bool) {
        let mut set = FootnoteSet::default();
        let mut ok = true;
        for code in row
            .field(notes_at)
            .split(|&b| b == b',')
            .map(<[u8]>::trim_ascii)
            .filter(|c| !c.is_empty())
        {
            match self
                .footnotes
                .iter()
                .position(|f| f.code.as_bytes() == code)
            {
                Some(index) => set = set.with(index),
                None => {
                    let code = String::from_utf8_lossy(code);
                    problems.at(
                        row.line,
                        row.column(notes_at),
                        format!("the footnote `{code}` is not declared: add a line `# footnote {code}: …` above the header"),
                    );
                    ok = false;
                }
            }
        }
        (set, ok)
    }

    /// Adds a checked row: its area and occupation if new, then its
    /// figures.
    fn add(&mut self, row: &Row<'_>, parts: Parts<'_>, problems: &mut Problems) {
        let Some(area) = self.area(row, &parts, problems) else {
            return;
        };
        let occupation = match parts.known {
            Some(index) => index,
            None => {
                let title = String::from_utf8_lossy(parts.title);
                let index = self.builder.occupation(parts.soc, &title);
                self.occupation_lines.push(row.line);
                self.lines.push(Vec::new());
                index
            }
        };
        self.remember_last(parts.soc, occupation);
        self.lines[occupation].push((area, row.line));
        self.builder.push(occupation, area, parts.estimates);
    }

    /// The position of the row's area, added if new; `None`, reported,
    /// when there are too many areas.
    fn area(&mut self, row: &Row<'_>, parts: &Parts<'_>, problems: &mut Problems) -> Option<u16> {
        if let Some(index) = parts.known_area {
            return Some(index);
        }
        let name = String::from_utf8_lossy(parts.name);
        let code_text = String::from_utf8_lossy(&parts.code);
        let Some(index) = self.builder.area(&code_text, parts.kind, &name) else {
            problems.at(
                row.line,
                row.column(self.columns.area),
                "too many areas (at most 65,536)",
            );
            return None;
        };
        self.area_lines.insert(parts.code, row.line);
        Some(index)
    }

    /// Keeps `soc` and its position as the last occupation read.
    fn remember_last(&mut self, soc: &str, occupation: usize) {
        self.last_occupation = match self.last_occupation.take() {
            Some((mut last, _)) if last.as_slice() != soc.as_bytes() => {
                last.clear();
                last.extend_from_slice(soc.as_bytes());
                Some((last, occupation))
            }
            Some(same) => Some(same),
            None => Some((soc.as_bytes().to_vec(), occupation)),
        };
    }

    /// Reports each occupation and area pair given twice, at the later
    /// line; then the model, or every problem by line.
    pub(super) fn finish(mut self, mut problems: Problems) -> Result<OfficialPay, Vec<Problem>> {
        for (occupation, rows) in self.lines.iter_mut().enumerate() {
            rows.sort_unstable();
            for pair in rows.windows(2) {
                let ((area, first), (again, line)) = (pair[0], pair[1]);
                if area == again {
                    problems.at(
                        line,
                        1,
                        format!(
                            "line {first} already gives the figures for {} in area {}",
                            self.builder.occupations[occupation].0,
                            self.builder.areas[usize::from(area)].0
                        ),
                    );
                }
            }
        }
        if problems.list.is_empty() {
            Ok(self.builder.build())
        } else {
            problems.list.sort_by_key(|problem| problem.line);
            Err(problems.finish())
        }
    }
}

/// Whether the SOC code is one such as 15-1241.
fn check_soc(row: &Row<'_>, at: usize, soc: &[u8], problems: &mut Problems) -> bool {
    if std::str::from_utf8(soc).is_ok_and(is_soc) {
        return true;
    }
    problems.at(
        row.line,
        row.column(at),
        format!("`{}` is not a SOC code such as 15-1241", row.text(at)),
    );
    false
}

/// The seven-digit area code in field `at`; `None`, reported, for anything
/// else.
fn area_code(row: &Row<'_>, at: usize, problems: &mut Problems) -> Option<[u8; 7]> {
    let code: Option<[u8; 7]> = row
        .field(at)
        .try_into()
        .ok()
        .filter(|code: &[u8; 7]| code.iter().all(u8::is_ascii_digit));
    if code.is_none() {
        problems.at(
            row.line,
            row.column(at),
            format!(
                "`{}` is not a seven-digit BLS area code such as 0000000",
                row.text(at)
            ),
        );
    }
    code
}

/// The area type in field `at`; `None`, reported, for anything but N, S
/// or M.
fn area_kind(row: &Row<'_>, at: usize, problems: &mut Problems) -> Option<AreaKind> {
    let kind = AreaKind::from_code(row.field(at));
    if kind.is_none() {
        problems.at(
            row.line,
            row.column(at),
            format!(
                "the area type `{}` is not N (national), S (state) or M (metropolitan or nonmetropolitan area)",
                row.text(at)
            ),
        );
    }
    kind
}

/// The figure in field `value_at`, with the footnotes `set`: absent,
/// `-` or a number; `None`, reported, if it cannot be read.
fn figure(
    row: &Row<'_>,
    measure: Measure,
    value_at: usize,
    set: FootnoteSet,
    problems: &mut Problems,
) -> Option<Figure> {
    let value = row.field(value_at).trim_ascii();
    let message = match value {
        b"" if set.is_empty() => return Some(Figure::ABSENT),
        b"" => format!(
            "`{}` is empty but has footnotes: write `-` for a figure BLS published without a number",
            measure.column()
        ),
        b"-" => return Some(Figure::dash(set)),
        _ => match value_of(value, measure.unit()) {
            Some(value) => return Some(Figure::number(value, set)),
            None => {
                let message = parse_value(&String::from_utf8_lossy(value), measure.unit())
                    .err()
                    .unwrap_or_default();
                format!("{}: {message}", measure.column())
            }
        },
    };
    problems.at(row.line, row.column(value_at), message);
    None
}
