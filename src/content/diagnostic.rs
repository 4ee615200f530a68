//! Problems found in content, reported as `path:line:column: message`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_saphyr::{Location, Spanned};

/// One problem in one content file. Lines and columns are 1-based and count
/// from the top of the whole file, front-matter delimiter included; line 0
/// means the problem is with the path itself (a missing folder, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.path.display(), self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Collects the problems of one file, translating YAML locations (which count
/// from the start of the front matter) into lines of the whole file.
pub struct FileReport<'a> {
    path: &'a Path,
    line_offset: u64,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> FileReport<'a> {
    pub fn new(path: &'a Path, line_offset: u64) -> Self {
        Self {
            path,
            line_offset,
            diagnostics: Vec::new(),
        }
    }

    /// A problem with the file as a whole, reported at its first line.
    pub fn file(&mut self, message: impl Into<String>) {
        self.at_line(1, 1, message);
    }

    /// A problem at a line and column of the whole file.
    pub fn at_line(&mut self, line: u64, column: u64, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
        });
    }

    /// A problem at a YAML location inside the front matter.
    pub fn at(&mut self, location: Location, message: impl Into<String>) {
        let (line, column) = if location == Location::UNKNOWN {
            (1, 1)
        } else {
            (location.line() + self.line_offset, location.column())
        };
        self.at_line(line, column, message);
    }

    /// The line of the whole file a located value is on.
    pub fn line_of<T>(&self, value: &Spanned<T>) -> u64 {
        value.referenced.line() + self.line_offset
    }

    /// A problem with a value that kept its location.
    pub fn at_value<T>(&mut self, value: &Spanned<T>, message: impl Into<String>) {
        self.at(value.referenced, message);
    }
}
