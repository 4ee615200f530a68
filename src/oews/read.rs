//! Reading `official-pay.csv`'s rows: every problem at the line and column
//! of the value at fault.

mod row;
mod source;

use row::RowReader;
use source::{Row, Source};

use super::header::{Problem, Problems, columns, read_comments};
use super::model::{Builder, OfficialPay};

impl OfficialPay {
    /// Reads the file's text: the model, or every problem (at most
    /// [`PROBLEM_LIMIT`](super::model::PROBLEM_LIMIT), then how many more), each at the line and column
    /// of the value at fault.
    pub fn parse(text: &str) -> Result<Self, Vec<Problem>> {
        read(text)
    }
}

/// Reads the `#` lines, the header row and every data row, in that order.
fn read(text: &str) -> Result<OfficialPay, Vec<Problem>> {
    let mut problems = Problems::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The `csv` crate counts a record after a CRLF as starting on the
    // line before; with LF alone its line numbers are the file's.
    let owned;
    let text = if text.contains('\r') {
        owned = text.replace("\r\n", "\n");
        owned.as_str()
    } else {
        text
    };
    let (release, footnotes, header_lines, offset) = read_comments(&mut problems, text);
    let source = Source {
        rest: &text[offset..],
        header_lines,
    };
    let mut reader = source.reader();
    let Some(header) = read_header(&mut reader, header_lines, &mut problems) else {
        return Err(problems.finish());
    };
    let header_line = source.line_of(&header);
    let Some(columns) = columns(
        &mut problems,
        &header,
        header_line,
        source.raw_line(&header),
    ) else {
        return Err(problems.finish());
    };
    if release.name.is_empty() {
        problems.at(
            1,
            1,
            "the file does not say which release it holds: add a line `# release: May 2025` above the header",
        );
    }
    let builder = Builder::new(release, footnotes.clone());
    let mut rows = RowReader::new(builder, footnotes, columns);
    read_rows(&mut reader, &source, header_line, &mut rows, &mut problems);
    rows.finish(problems)
}

/// The header row, the first after the `#` lines; `None`, reported, if
/// the file has none or it cannot be read.
fn read_header(
    reader: &mut csv::Reader<&[u8]>,
    header_lines: u64,
    problems: &mut Problems,
) -> Option<csv::ByteRecord> {
    let mut header = csv::ByteRecord::new();
    match reader.read_byte_record(&mut header) {
        Ok(true) => Some(header),
        Ok(false) => {
            problems.at(
                header_lines + 1,
                1,
                "the header row is missing: the file ends after its `#` lines",
            );
            None
        }
        Err(error) => {
            problems.at(header_lines + 1, 1, format!("cannot read the row: {error}"));
            None
        }
    }
}

/// Hands every data row to `rows`, until the end of the file or a row
/// the `csv` crate cannot read (reported).
fn read_rows(
    reader: &mut csv::Reader<&[u8]>,
    source: &Source<'_>,
    header_line: u64,
    rows: &mut RowReader,
    problems: &mut Problems,
) {
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(header_line + 1, |p| source.header_lines + p.line());
                problems.at(line, 1, format!("cannot read the row: {error}"));
                break;
            }
        }
        let row = Row {
            record: &record,
            line: source.line_of(&record),
            source,
        };
        rows.read(&row, problems);
    }
}

#[cfg(test)]
mod tests;
