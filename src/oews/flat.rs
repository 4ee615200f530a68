//! Reading BLS's OEWS time-series flat files
//! (<https://download.bls.gov/pub/time.series/oe/>): tab-separated text with
//! a header row, values padded with spaces. Columns are found by their
//! header names and padding is trimmed, so extra columns and trailing tabs
//! or spaces do no harm.
//!
//! A series id is `OEU`, the area type (`N`, `S`, `M`), the area code (7),
//! the industry (6; `000000` is all industries), the occupation (6, the SOC
//! code without its hyphen) and the datatype (2).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::figures::{FootnoteSet, Measure};
use super::model::{AreaKind, Footnote, PROBLEM_LIMIT};

pub const DATA: &str = "oe.data.0.Current";
pub const AREAS: &str = "oe.area";
pub const OCCUPATIONS: &str = "oe.occupation";
pub const FOOTNOTES: &str = "oe.footnote";
pub const DATATYPES: &str = "oe.datatype";

/// A problem in a flat file: `path:line: message` (line 0: the file as a
/// whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatError {
    pub path: PathBuf,
    pub line: u64,
    pub message: String,
}

impl fmt::Display for FlatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        }
    }
}

/// Problems of one file, at most [`PROBLEM_LIMIT`], then a count.
pub(super) struct Problems {
    path: PathBuf,
    list: Vec<FlatError>,
    more: usize,
}

impl Problems {
    fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            list: Vec::new(),
            more: 0,
        }
    }

    pub(super) fn at(&mut self, line: u64, message: impl Into<String>) {
        if self.list.len() < PROBLEM_LIMIT {
            self.list.push(FlatError {
                path: self.path.clone(),
                line,
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    fn finish<T>(mut self, value: T) -> Result<T, Vec<FlatError>> {
        if self.list.is_empty() {
            return Ok(value);
        }
        if self.more > 0 {
            self.list.push(FlatError {
                path: self.path,
                line: 0,
                message: format!(
                    "{} more problem{} not shown",
                    self.more,
                    if self.more == 1 { "" } else { "s" }
                ),
            });
        }
        Err(self.list)
    }
}

/// The most columns a table is read for.
const MAX_COLUMNS: usize = 8;

/// A flat file opened for reading, with its columns found by name.
pub(super) struct Table {
    path: PathBuf,
    reader: csv::Reader<WithoutCarriageReturns<BufReader<File>>>,
    /// The position of each required column, in the order asked for.
    columns: Vec<usize>,
}

/// Opens `dir/name` and finds `required` columns in its header row; checks
/// the file ends with a line break (a file cut short does not).
pub(super) fn open(dir: &Path, name: &str, required: &[&str]) -> Result<Table, Vec<FlatError>> {
    let path = dir.join(name);
    let fail = |line: u64, message: String| {
        vec![FlatError {
            path: path.clone(),
            line,
            message,
        }]
    };
    let (file, last) = open_file(&path).map_err(|message| fail(0, message))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(true)
        .flexible(true)
        .quoting(false)
        .trim(csv::Trim::All)
        .from_reader(WithoutCarriageReturns(BufReader::with_capacity(
            1 << 20,
            file,
        )));
    let header = reader
        .byte_headers()
        .map_err(|error| fail(1, format!("cannot read the header row: {error}")))?;
    let columns = find_columns(header, name, required).map_err(|message| fail(1, message))?;
    if last != b'\n' {
        // Reported after the header, which a truncated file may still have.
        let lines = count_lines(&path).unwrap_or(0) + 1;
        return Err(fail(
            lines,
            "the last line does not end with a line break: the file looks cut short (download it again)"
                .to_owned(),
        ));
    }
    Ok(Table {
        path,
        reader,
        columns,
    })
}

/// Opens the file at `path`, rewound, with its last byte; the problem in a
/// sentence if it cannot be read or is empty.
fn open_file(path: &Path) -> Result<(File, u8), String> {
    let mut file = File::open(path).map_err(|error| {
        let hint = if error.kind() == io::ErrorKind::NotFound {
            format!(
                ": the folder must hold BLS's OEWS flat files ({DATA}, {AREAS}, {OCCUPATIONS}, {FOOTNOTES}, {DATATYPES})"
            )
        } else {
            String::new()
        };
        format!("cannot read the file: {error}{hint}")
    })?;
    let length = file
        .metadata()
        .map_err(|error| format!("cannot read the file: {error}"))?
        .len();
    if length == 0 {
        return Err("the file is empty".to_owned());
    }
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1))
        .and_then(|_| file.read_exact(&mut last))
        .and_then(|()| file.rewind())
        .map_err(|error| format!("cannot read the file: {error}"))?;
    Ok((file, last[0]))
}

/// The position of each `required` column in the header row of the file
/// `name`, in the order asked for; else which are missing and what the
/// header has.
fn find_columns(
    header: &csv::ByteRecord,
    name: &str,
    required: &[&str],
) -> Result<Vec<usize>, String> {
    let names: Vec<String> = header
        .iter()
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    let mut columns = Vec::with_capacity(required.len());
    let mut missing = Vec::new();
    for wanted in required {
        match names.iter().position(|name| name == wanted) {
            Some(index) => columns.push(index),
            None => missing.push(format!("`{wanted}`")),
        }
    }
    if missing.is_empty() {
        return Ok(columns);
    }
    let found: Vec<String> = names
        .iter()
        .filter(|name| !name.is_empty())
        .map(|name| format!("`{name}`"))
        .collect();
    Err(format!(
        "the header row has no column {} (it has {}): is this BLS's {name}?",
        missing.join(", "),
        if found.is_empty() {
            "none".to_owned()
        } else {
            found.join(", ")
        }
    ))
}

/// A reader that drops carriage returns: BLS ends lines with CRLF, and the
/// `csv` crate counts a record that follows a CRLF as starting on the line
/// before. With LF alone, its line numbers are the file's.
struct WithoutCarriageReturns<R>(R);

impl<R: Read> Read for WithoutCarriageReturns<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        loop {
            let read = self.0.read(buffer)?;
            if read == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for index in 0..read {
                let byte = buffer[index];
                if byte != b'\r' {
                    buffer[kept] = byte;
                    kept += 1;
                }
            }
            // A buffer of carriage returns alone: read on, not "end of file".
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

fn count_lines(path: &Path) -> io::Result<u64> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut buffer = vec![0u8; 1 << 20];
    let mut lines = 0u64;
    loop {
        let read = reader.read(&mut buffer)?;
        if read == 0 {
            return Ok(lines);
        }
        lines += buffer[..read].iter().filter(|&&b| b == b'\n').count() as u64;
    }
}

impl Table {
    /// Calls `row` with each row's line and its required fields (trimmed);
    /// a row whose fields stop before a required column is reported.
    pub(super) fn rows(
        mut self,
        optional_last: bool,
        mut row: impl FnMut(u64, &[&[u8]], &mut Problems),
    ) -> Result<(), Vec<FlatError>> {
        let mut problems = Problems::new(&self.path);
        let mut record = csv::ByteRecord::new();
        let needed = self.columns.iter().copied().max().unwrap_or(0) + 1;
        let empty: &[u8] = b"";
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    let line = error.position().map_or(0, csv::Position::line);
                    problems.at(line, format!("cannot read the line: {error}"));
                    break;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            // A trailing column BLS leaves empty may have lost its tab.
            let short = record.len() < needed
                && !(optional_last && record.len() + 1 == needed && self.is_last(needed - 1));
            if short {
                problems.at(
                    line,
                    format!(
                        "the line has {} field{}, but {} are needed: the line is cut short",
                        record.len(),
                        if record.len() == 1 { "" } else { "s" },
                        needed
                    ),
                );
                continue;
            }
            let mut fields = [empty; MAX_COLUMNS];
            for (slot, &index) in fields.iter_mut().zip(&self.columns) {
                *slot = record.get(index).unwrap_or(empty);
            }
            row(line, &fields[..self.columns.len()], &mut problems);
        }
        problems.finish(())
    }

    /// Whether the column at `index` is the last required one.
    fn is_last(&self, index: usize) -> bool {
        self.columns.last() == Some(&index)
    }
}

pub(super) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `oe.area`: area code → (kind, name).
pub fn areas(dir: &Path) -> Result<HashMap<String, (AreaKind, String)>, Vec<FlatError>> {
    let table = open(dir, AREAS, &["area_code", "areatype_code", "area_name"])?;
    let mut areas = HashMap::new();
    table.rows(false, |line, fields, problems| {
        let (code, kind, name) = (fields[0], fields[1], fields[2]);
        if code.len() != 7 || !code.iter().all(u8::is_ascii_digit) {
            problems.at(
                line,
                format!("`{}` is not a seven-digit area code", text(code)),
            );
            return;
        }
        let Some(kind) = AreaKind::from_code(kind) else {
            problems.at(
                line,
                format!("the area type `{}` is not N, S or M", text(kind)),
            );
            return;
        };
        if name.is_empty() {
            problems.at(line, "the area has no name");
            return;
        }
        if areas.insert(text(code), (kind, text(name))).is_some() {
            problems.at(line, format!("the area {} is listed twice", text(code)));
        }
    })?;
    Ok(areas)
}

/// `oe.occupation`: six-digit occupation code → title.
pub fn occupations(dir: &Path) -> Result<HashMap<String, String>, Vec<FlatError>> {
    let table = open(dir, OCCUPATIONS, &["occupation_code", "occupation_name"])?;
    let mut occupations = HashMap::new();
    table.rows(false, |line, fields, problems| {
        let (code, name) = (fields[0], fields[1]);
        if code.len() != 6 || !code.iter().all(u8::is_ascii_digit) {
            problems.at(
                line,
                format!("`{}` is not a six-digit occupation code", text(code)),
            );
            return;
        }
        if name.is_empty() {
            problems.at(line, "the occupation has no name");
            return;
        }
        if occupations.insert(text(code), text(name)).is_some() {
            problems.at(
                line,
                format!("the occupation {} is listed twice", text(code)),
            );
        }
    })?;
    Ok(occupations)
}

/// `oe.footnote`, in file order.
pub fn footnotes(dir: &Path) -> Result<Vec<Footnote>, Vec<FlatError>> {
    let table = open(dir, FOOTNOTES, &["footnote_code", "footnote_text"])?;
    let mut footnotes: Vec<Footnote> = Vec::new();
    table.rows(false, |line, fields, problems| {
        let (code, note) = (text(fields[0]), text(fields[1]));
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            problems.at(line, format!("`{code}` is not a footnote code"));
        } else if footnotes.iter().any(|f| f.code == code) {
            problems.at(line, format!("the footnote {code} is listed twice"));
        } else if footnotes.len() == FootnoteSet::CAPACITY {
            problems.at(
                line,
                format!("more than {} footnotes", FootnoteSet::CAPACITY),
            );
        } else {
            footnotes.push(Footnote { code, text: note });
        }
    })?;
    Ok(footnotes)
}

/// `oe.datatype`: checks that each datatype kept means what it is read as,
/// so a renumbering by BLS cannot put one figure in another's place.
pub fn check_datatypes(dir: &Path) -> Result<(), Vec<FlatError>> {
    let table = open(dir, DATATYPES, &["datatype_code", "datatype_name"])?;
    let path = table.path.clone();
    let mut found: HashSet<Measure> = HashSet::new();
    table.rows(false, |line, fields, problems| {
        let Some(measure) = Measure::from_datatype(fields[0]) else {
            return;
        };
        found.insert(measure);
        let name = text(fields[1]);
        if !name.eq_ignore_ascii_case(measure.bls_name()) {
            problems.at(
                line,
                format!(
                    "the datatype {} is `{name}`, but it is read as `{}`: BLS may have renumbered its datatypes",
                    measure.datatype(),
                    measure.bls_name()
                ),
            );
        }
    })?;
    let missing: Vec<String> = Measure::ALL
        .iter()
        .filter(|m| !found.contains(m))
        .map(|m| format!("{} ({})", m.datatype(), m.bls_name()))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(vec![FlatError {
            path,
            line: 0,
            message: format!("the file does not list the datatype {}", missing.join(", ")),
        }])
    }
}
