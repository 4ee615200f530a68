//! Splitting a content file into YAML front matter and a markdown body, and
//! parsing YAML into typed structs with located errors.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_saphyr::{Localizer, Location, UserMessageFormatter};

use super::diagnostic::FileReport;

/// A file split at its `---` lines.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML starts (the opening `---`), to add to YAML line
    /// numbers so they count in the whole file.
    pub yaml_line_offset: u64,
    pub body: &'a str,
}

/// Splits `---\n<yaml>\n---\n<body>`. The delimiters must be whole lines.
pub fn split(text: &str) -> Result<Split<'_>, &'static str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = strip_delimiter_line(text) else {
        return Err(
            "a content file starts with a line `---`, then YAML front matter, then another `---` line",
        );
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line_offset: 1,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err("the front matter is never closed: add a line `---` after the YAML")
}

fn strip_delimiter_line(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---")?;
    rest.strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
}

/// Parses YAML into `T`; on failure, records the first error at its location.
pub fn parse_yaml<T: DeserializeOwned>(yaml: &str, report: &mut FileReport<'_>) -> Option<T> {
    let options = serde_saphyr::options! { with_snippet: false };
    match serde_saphyr::from_str_with_options::<T>(yaml, options) {
        Ok(value) => Some(value),
        Err(error) => {
            let formatter = UserMessageFormatter.with_localizer(&WithoutLocation);
            let message = error.render_with_formatter(&formatter);
            report.at(error.location().unwrap_or(Location::UNKNOWN), message);
            None
        }
    }
}

/// Renders serde-saphyr's messages without their "at line X, column Y"
/// suffix: our own prefix already says where.
struct WithoutLocation;

impl Localizer for WithoutLocation {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _location: Location) -> Cow<'a, str> {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let split = split("---\ntitle: x\n---\nBody\n").expect("splits");
        assert_eq!(split.yaml, "title: x\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.yaml_line_offset, 1);
    }

    #[test]
    fn accepts_crlf_and_a_byte_order_mark() {
        let split = split("\u{feff}---\r\ntitle: x\r\n---\r\nBody").expect("splits");
        assert_eq!(split.yaml, "title: x\r\n");
        assert_eq!(split.body, "Body");
    }

    #[test]
    fn delimiters_must_be_whole_lines() {
        assert!(split("--- title: x\n---\n").is_err());
        assert!(split("---\ntitle: x\n----\n").is_err());
        assert!(split("---\ntitle: x\n").is_err());
    }
}
