//! The top of `official-pay.csv`: its `#` lines (the release's details
//! and the footnotes) and its header row; and the problems of the file,
//! each at a line and column.

use super::figures::{FIXED_COLUMNS, FootnoteSet, Measure, footnotes_column, is_date};
use super::model::{Footnote, PROBLEM_LIMIT, Release};

/// A problem in the file: 1-based line and column (line 0: the file as a
/// whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// Problems of one file, at most [`PROBLEM_LIMIT`] of them.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) list: Vec<Problem>,
    pub(super) more: usize,
}

impl Problems {
    pub(super) fn at(&mut self, line: u64, column: u64, message: impl Into<String>) {
        if self.list.len() < PROBLEM_LIMIT {
            self.list.push(Problem {
                line,
                column,
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    pub(super) fn finish(mut self) -> Vec<Problem> {
        if self.more > 0 {
            self.list.push(Problem {
                line: 0,
                column: 0,
                message: format!(
                    "{} more problem{} not shown",
                    self.more,
                    if self.more == 1 { "" } else { "s" }
                ),
            });
        }
        self.list
    }
}

/// Where each column is, by position in a row.
pub(super) struct Columns {
    pub(super) soc: usize,
    pub(super) occupation: usize,
    pub(super) area: usize,
    pub(super) area_type: usize,
    pub(super) area_name: usize,
    /// (value, footnotes) per measure.
    pub(super) figures: [(usize, usize); 13],
    pub(super) count: usize,
}

/// The 1-based column, in characters, where field `index` of a CSV line
/// starts.
pub(super) fn field_column(line: &str, index: usize) -> u64 {
    let mut field = 0;
    let mut quoted = false;
    for (offset, c) in line.char_indices() {
        if field == index {
            return line[..offset].chars().count() as u64 + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() as u64 + 1
}

/// The `#` lines before the header: the release's details and the
/// footnotes. Returns them, how many lines they take, and where the
/// header starts.
pub(super) fn read_comments(
    problems: &mut Problems,
    text: &str,
) -> (Release, Vec<Footnote>, u64, usize) {
    let mut release = Release::default();
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut lines = 0;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if !line.starts_with('#') {
            break;
        }
        lines += 1;
        offset += raw.len();
        let body = &line[1..];
        let Some((key, value)) = body.split_once(':') else {
            continue;
        };
        let key = key.trim();
        let value_column = line[..line.len() - value.len()].chars().count() as u64
            + 1
            + (value.len() - value.trim_start().len()) as u64;
        let value = value.trim();
        let set = |slot: &mut Option<String>, what: &str, problems: &mut Problems| {
            if slot.is_some() {
                problems.at(lines, 3, format!("`{what}` is given twice"));
            }
            *slot = Some(value.to_owned());
        };
        match key {
            "release" => {
                if !release.name.is_empty() {
                    problems.at(lines, 3, "`release` is given twice");
                }
                if value.is_empty() {
                    problems.at(
                        lines,
                        value_column,
                        "the release is empty: write its reference period, such as May 2025",
                    );
                }
                release.name = value.to_owned();
            }
            "published" => {
                if !is_date(value) {
                    problems.at(
                        lines,
                        value_column,
                        format!("`{value}` is not a date such as 2026-05-15"),
                    );
                }
                set(&mut release.published, "published", problems);
            }
            "source" | "data" => {
                if !(value.starts_with("https://") || value.starts_with("http://")) {
                    problems.at(
                        lines,
                        value_column,
                        format!("`{value}` is not an http:// or https:// address"),
                    );
                }
                if key == "source" {
                    set(&mut release.source, "source", problems);
                } else {
                    set(&mut release.data, "data", problems);
                }
            }
            _ => {
                let Some(code) = key.strip_prefix("footnote ") else {
                    continue;
                };
                let code = code.trim();
                if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    problems.at(
                        lines,
                        3,
                        format!("`{code}` is not a footnote code (letters and digits)"),
                    );
                } else if value.is_empty() {
                    problems.at(
                        lines,
                        value_column,
                        format!("the footnote {code} has no text"),
                    );
                } else if footnotes.iter().any(|f| f.code == code) {
                    problems.at(lines, 3, format!("the footnote {code} is given twice"));
                } else if footnotes.len() == FootnoteSet::CAPACITY {
                    problems.at(
                        lines,
                        3,
                        format!("too many footnotes: at most {}", FootnoteSet::CAPACITY),
                    );
                } else {
                    footnotes.push(Footnote {
                        code: code.to_owned(),
                        text: value.to_owned(),
                    });
                }
            }
        }
    }
    (release, footnotes, lines, offset)
}

/// Finds every column by name in the header row.
pub(super) fn columns(
    problems: &mut Problems,
    header: &csv::ByteRecord,
    line: u64,
    raw: &str,
) -> Option<Columns> {
    let names: Vec<&str> = header
        .iter()
        .map(|name| std::str::from_utf8(name).unwrap_or("").trim())
        .collect();
    let mut expected: Vec<String> = FIXED_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    for measure in Measure::ALL {
        expected.push(measure.column().to_owned());
        expected.push(footnotes_column(measure));
    }
    let mut ok = true;
    for (index, name) in names.iter().enumerate() {
        if !expected.iter().any(|e| e == name) {
            problems.at(
                line,
                field_column(raw, index),
                format!("unknown column `{name}`"),
            );
            ok = false;
        } else if names[..index].contains(name) {
            problems.at(
                line,
                field_column(raw, index),
                format!("the column `{name}` is given twice"),
            );
            ok = false;
        }
    }
    let find = |name: &str| names.iter().position(|n| *n == name);
    let missing: Vec<&str> = expected
        .iter()
        .map(String::as_str)
        .filter(|name| find(name).is_none())
        .collect();
    if !missing.is_empty() {
        problems.at(
            line,
            1,
            format!(
                "the header has no column{} {}",
                if missing.len() == 1 { "" } else { "s" },
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let at = |name: &str| find(name).unwrap_or(0);
    let mut figures = [(0, 0); 13];
    for (slot, measure) in figures.iter_mut().zip(Measure::ALL) {
        *slot = (at(measure.column()), at(&footnotes_column(measure)));
    }
    Some(Columns {
        soc: at("soc"),
        occupation: at("occupation"),
        area: at("area"),
        area_type: at("area_type"),
        area_name: at("area_name"),
        figures,
        count: names.len(),
    })
}
