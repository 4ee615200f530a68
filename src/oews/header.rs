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
    let mut comments = Comments::default();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if !line.starts_with('#') {
            break;
        }
        comments.lines += 1;
        offset += raw.len();
        comments.read(line, problems);
    }
    (comments.release, comments.footnotes, comments.lines, offset)
}

/// What the `#` lines read so far say.
#[derive(Default)]
struct Comments {
    release: Release,
    footnotes: Vec<Footnote>,
    /// How many `#` lines have been read: the line number of the last.
    lines: u64,
}

/// A `#` line's `key: value`, trimmed, with the 1-based column where the
/// value starts.
struct Entry<'a> {
    key: &'a str,
    value: &'a str,
    column: u64,
}

impl Comments {
    /// Reads one `#` line; a line without a `:` or with an unknown key is
    /// a comment.
    fn read(&mut self, line: &str, problems: &mut Problems) {
        let body = &line[1..];
        let Some((key, value)) = body.split_once(':') else {
            return;
        };
        let column = line[..line.len() - value.len()].chars().count() as u64
            + 1
            + (value.len() - value.trim_start().len()) as u64;
        let entry = Entry {
            key: key.trim(),
            value: value.trim(),
            column,
        };
        match entry.key {
            "release" => self.release_name(&entry, problems),
            "published" => self.published(&entry, problems),
            "source" | "data" => self.address(&entry, problems),
            key => {
                if let Some(code) = key.strip_prefix("footnote ") {
                    self.footnote(code.trim(), &entry, problems);
                }
            }
        }
    }

    /// `# release: May 2025`.
    fn release_name(&mut self, entry: &Entry<'_>, problems: &mut Problems) {
        if !self.release.name.is_empty() {
            problems.at(self.lines, 3, "`release` is given twice");
        }
        if entry.value.is_empty() {
            problems.at(
                self.lines,
                entry.column,
                "the release is empty: write its reference period, such as May 2025",
            );
        }
        self.release.name = entry.value.to_owned();
    }

    /// `# published: 2026-05-15`.
    fn published(&mut self, entry: &Entry<'_>, problems: &mut Problems) {
        if !is_date(entry.value) {
            problems.at(
                self.lines,
                entry.column,
                format!("`{}` is not a date such as 2026-05-15", entry.value),
            );
        }
        set_once(&mut self.release.published, entry, self.lines, problems);
    }

    /// `# source: https://…` or `# data: https://…`.
    fn address(&mut self, entry: &Entry<'_>, problems: &mut Problems) {
        let value = entry.value;
        if !(value.starts_with("https://") || value.starts_with("http://")) {
            problems.at(
                self.lines,
                entry.column,
                format!("`{value}` is not an http:// or https:// address"),
            );
        }
        let slot = if entry.key == "source" {
            &mut self.release.source
        } else {
            &mut self.release.data
        };
        set_once(slot, entry, self.lines, problems);
    }

    /// `# footnote 5: text`, declaring the footnote `code`.
    fn footnote(&mut self, code: &str, entry: &Entry<'_>, problems: &mut Problems) {
        let line = self.lines;
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            problems.at(
                line,
                3,
                format!("`{code}` is not a footnote code (letters and digits)"),
            );
        } else if entry.value.is_empty() {
            problems.at(
                line,
                entry.column,
                format!("the footnote {code} has no text"),
            );
        } else if self.footnotes.iter().any(|f| f.code == code) {
            problems.at(line, 3, format!("the footnote {code} is given twice"));
        } else if self.footnotes.len() == FootnoteSet::CAPACITY {
            problems.at(
                line,
                3,
                format!("too many footnotes: at most {}", FootnoteSet::CAPACITY),
            );
        } else {
            self.footnotes.push(Footnote {
                code: code.to_owned(),
                text: entry.value.to_owned(),
            });
        }
    }
}

/// Sets `slot` to the entry's value, reporting at `line` a key given
/// twice.
fn set_once(slot: &mut Option<String>, entry: &Entry<'_>, line: u64, problems: &mut Problems) {
    if slot.is_some() {
        problems.at(line, 3, format!("`{}` is given twice", entry.key));
    }
    *slot = Some(entry.value.to_owned());
}

/// Every column the header must have, in the order the file is written.
fn expected_columns() -> Vec<String> {
    let mut expected: Vec<String> = FIXED_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    for measure in Measure::ALL {
        expected.push(measure.column().to_owned());
        expected.push(footnotes_column(measure));
    }
    expected
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
    let expected = expected_columns();
    let known = check_names(problems, &names, &expected, line, raw);
    let complete = check_missing(problems, &names, &expected, line);
    if !(known && complete) {
        return None;
    }
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap_or(0);
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

/// Whether every column name is expected and given once; reports each
/// that is not, at its column.
fn check_names(
    problems: &mut Problems,
    names: &[&str],
    expected: &[String],
    line: u64,
    raw: &str,
) -> bool {
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
    ok
}

/// Whether every expected column is there; reports those that are not,
/// all in one problem.
fn check_missing(problems: &mut Problems, names: &[&str], expected: &[String], line: u64) -> bool {
    let missing: Vec<&str> = expected
        .iter()
        .map(String::as_str)
        .filter(|name| !names.contains(name))
        .collect();
    if missing.is_empty() {
        return true;
    }
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
    false
}
