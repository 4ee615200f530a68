//! Reading `oe.data.0.Current`, BLS's OEWS figures, one series a line.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::figures::{Estimates, Figure, FootnoteSet, Measure, parse_value};
use super::flat::{AREAS, DATA, FOOTNOTES, FlatError, OCCUPATIONS, open, text};
use super::model::{AreaKind, Footnote};

/// All industries together: the only industry code kept.
const ALL_INDUSTRIES: &[u8] = b"000000";

/// The figures kept from `oe.data.0.Current`.
#[derive(Debug, Default)]
pub struct Data {
    /// The reference year, `2025`.
    pub year: String,
    /// BLS's period code: `A01` (annual, May reference).
    pub period: String,
    /// (six-digit occupation code, area code) → figures.
    pub cells: HashMap<([u8; 6], [u8; 7]), Estimates>,
}

/// What `data` keeps: every occupation, or these six-digit codes.
pub enum Wanted<'a> {
    All,
    Only(&'a HashSet<[u8; 6]>),
}

/// Reads `oe.data.0.Current`, keeping the all-industries figures of the
/// measures in [`Measure::ALL`], for the wanted occupations and every
/// area. Every line is checked; areas, occupations and footnote codes must
/// be listed in `areas`, `occupations` and `footnotes`.
pub fn data(
    dir: &Path,
    wanted: &Wanted<'_>,
    areas: &HashMap<String, (AreaKind, String)>,
    occupations: &HashMap<String, String>,
    footnotes: &[Footnote],
) -> Result<Data, Vec<FlatError>> {
    let table = open(
        dir,
        DATA,
        &["series_id", "year", "period", "value", "footnote_codes"],
    )?;
    let mut data = Data::default();
    let mut first_line = 0;
    let area_kinds: HashMap<[u8; 7], AreaKind> = areas
        .iter()
        .filter_map(|(code, (kind, _))| Some((code.as_bytes().try_into().ok()?, *kind)))
        .collect();
    let known_occupations: HashSet<[u8; 6]> = occupations
        .keys()
        .filter_map(|code| code.as_bytes().try_into().ok())
        .collect();
    table.rows(true, |line, fields, problems| {
        let (series, year, period, value, notes) =
            (fields[0], fields[1], fields[2], fields[3], fields.get(4).copied().unwrap_or(b""));
        let shaped = series.len() == 25
            && series.starts_with(b"OEU")
            && AreaKind::from_code(&series[3..4]).is_some()
            && series[4..11].iter().all(u8::is_ascii_digit)
            && series[17..25].iter().all(u8::is_ascii_digit);
        if !shaped {
            problems.at(
                line,
                format!(
                    "`{}` is not an OEWS series id (OEU, area type, area, industry, occupation, datatype: 25 characters)",
                    text(series)
                ),
            );
            return;
        }
        if data.year.is_empty() {
            if year.len() != 4 || !year.iter().all(u8::is_ascii_digit) {
                problems.at(line, format!("`{}` is not a year", text(year)));
                return;
            }
            if period != b"A01" {
                problems.at(
                    line,
                    format!(
                        "the period `{}` is not A01, the annual (May) estimates OEWS publishes",
                        text(period)
                    ),
                );
                return;
            }
            data.year = text(year);
            data.period = text(period);
            first_line = line;
        } else if year != data.year.as_bytes() || period != data.period.as_bytes() {
            problems.at(
                line,
                format!(
                    "the year and period are {} {}, but {} {} on line {first_line}: the file must hold one release",
                    text(year),
                    text(period),
                    data.year,
                    data.period
                ),
            );
            return;
        }
        let dash = value == b"-";
        let numeric = !value.is_empty()
            && value.iter().all(|b| b.is_ascii_digit() || *b == b'.')
            && value.iter().filter(|&&b| b == b'.').count() <= 1
            && value[0] != b'.'
            && value[value.len() - 1] != b'.';
        if !dash && !numeric {
            problems.at(
                line,
                format!(
                    "the value `{}` of {} is not a number, nor `-` (not published)",
                    text(value),
                    text(series)
                ),
            );
            return;
        }
        let mut set = FootnoteSet::default();
        for code in notes.split(|&b| b == b',') {
            let code = code.trim_ascii();
            if code.is_empty() {
                continue;
            }
            match footnotes.iter().position(|f| f.code.as_bytes() == code) {
                Some(index) => set = set.with(index),
                None => {
                    problems.at(
                        line,
                        format!(
                            "the footnote code `{}` is not listed in {FOOTNOTES}",
                            text(code)
                        ),
                    );
                    return;
                }
            }
        }
        if &series[11..17] != ALL_INDUSTRIES {
            return;
        }
        let Some(measure) = Measure::from_datatype(&series[23..25]) else {
            return;
        };
        let mut occupation = [0u8; 6];
        occupation.copy_from_slice(&series[17..23]);
        if let Wanted::Only(set) = wanted
            && !set.contains(&occupation)
        {
            return;
        }
        if !known_occupations.contains(&occupation) {
            problems.at(
                line,
                format!(
                    "the occupation {} of {} is not listed in {OCCUPATIONS}",
                    text(&occupation),
                    text(series)
                ),
            );
            return;
        }
        let mut area = [0u8; 7];
        area.copy_from_slice(&series[4..11]);
        match area_kinds.get(&area) {
            None => {
                problems.at(
                    line,
                    format!(
                        "the area {} of {} is not listed in {AREAS}",
                        text(&area),
                        text(series)
                    ),
                );
                return;
            }
            Some(kind) if kind.code().as_bytes() != &series[3..4] => {
                problems.at(
                    line,
                    format!(
                        "the series {} has the area type {}, but {AREAS} lists the area {} as {}",
                        text(series),
                        text(&series[3..4]),
                        text(&area),
                        kind.code()
                    ),
                );
                return;
            }
            Some(_) => {}
        }
        let figure = if dash {
            Figure::dash(set)
        } else {
            // Text: every byte is a digit or a dot.
            let value = std::str::from_utf8(value).unwrap_or_default();
            match parse_value(value, measure.unit()) {
                Ok(number) => Figure::number(number, set),
                Err(message) => {
                    problems.at(
                        line,
                        format!("{} ({}): {message}", text(series), measure.bls_name()),
                    );
                    return;
                }
            }
        };
        let estimates = data.cells.entry((occupation, area)).or_default();
        if estimates.get(measure) != Figure::ABSENT {
            problems.at(line, format!("the series {} is given twice", text(series)));
            return;
        }
        estimates.set(measure, figure);
    })?;
    Ok(data)
}
