//! The rows of `official-pay.csv` below its `#` lines, as text: where each
//! record starts, its line number in the whole file, and one field of it.

use crate::oews::header::field_column;

/// The file's text after its leading `#` lines, which the `csv` crate
/// reads; line numbers are counted from the top of the whole file.
pub(super) struct Source<'t> {
    /// The text from the header row on.
    pub(super) rest: &'t str,
    /// How many `#` lines come before `rest`.
    pub(super) header_lines: u64,
}

impl<'t> Source<'t> {
    /// A `csv` reader of the rows: no header of its own, rows of any
    /// length, `#` lines skipped.
    pub(super) fn reader(&self) -> csv::Reader<&'t [u8]> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(self.rest.as_bytes())
    }

    /// Where a record starts: its line in the file and its byte in `rest`.
    /// The `csv` crate's position is where it began reading, before any
    /// `#` or empty lines it skipped.
    fn start(&self, record: &csv::ByteRecord) -> (u64, usize) {
        let rest = self.rest;
        let (mut line, mut byte) = record.position().map_or((1, 0), |p| {
            (p.line(), usize::try_from(p.byte()).unwrap_or(usize::MAX))
        });
        while let Some(next) = rest.as_bytes().get(byte)
            && matches!(next, b'#' | b'\n')
        {
            byte = rest[byte..]
                .find('\n')
                .map_or(rest.len(), |end| byte + end + 1);
            line += 1;
        }
        (self.header_lines + line, byte.min(rest.len()))
    }

    /// The line in the file where `record` starts.
    pub(super) fn line_of(&self, record: &csv::ByteRecord) -> u64 {
        self.start(record).0
    }

    /// The text of the line where `record` starts.
    pub(super) fn raw_line(&self, record: &csv::ByteRecord) -> &'t str {
        let line = self.rest.get(self.start(record).1..).unwrap_or("");
        line.split(['\n', '\r']).next().unwrap_or("")
    }
}

/// One data row being read: its record, its line, and where its text is.
pub(super) struct Row<'r> {
    pub(super) record: &'r csv::ByteRecord,
    pub(super) line: u64,
    pub(super) source: &'r Source<'r>,
}

impl<'r> Row<'r> {
    /// Field `index`, or nothing past the last.
    pub(super) fn field(&self, index: usize) -> &'r [u8] {
        self.record.get(index).unwrap_or(b"")
    }

    /// Field `index` as text. Fields split at ASCII bytes of valid UTF-8
    /// text are UTF-8.
    pub(super) fn text(&self, index: usize) -> String {
        String::from_utf8_lossy(self.field(index)).into_owned()
    }

    /// The 1-based column, in characters, where field `index` starts.
    pub(super) fn column(&self, index: usize) -> u64 {
        field_column(self.source.raw_line(self.record), index)
    }
}
