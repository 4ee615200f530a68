//! Reading `oe.data.0.Current`, BLS's OEWS figures, one series a line.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::figures::{Estimates, Figure, FootnoteSet, Measure, parse_value};
use super::flat::{AREAS, DATA, FOOTNOTES, FlatError, OCCUPATIONS, Problems, open, text};
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
    let mut reader = DataReader {
        data: Data::default(),
        first_line: 0,
        wanted,
        area_kinds: areas
            .iter()
            .filter_map(|(code, (kind, _))| Some((code.as_bytes().try_into().ok()?, *kind)))
            .collect(),
        known_occupations: occupations
            .keys()
            .filter_map(|code| code.as_bytes().try_into().ok())
            .collect(),
        footnotes,
    };
    table.rows(true, |line, fields, problems| {
        reader.read(line, fields, problems);
    })?;
    Ok(reader.data)
}

/// The figures kept so far, and what each line is checked against.
struct DataReader<'a> {
    data: Data,
    /// The line the release's year and period were first read on.
    first_line: u64,
    wanted: &'a Wanted<'a>,
    /// Area code → kind, from `oe.area`.
    area_kinds: HashMap<[u8; 7], AreaKind>,
    /// Six-digit occupation codes, from `oe.occupation`.
    known_occupations: HashSet<[u8; 6]>,
    footnotes: &'a [Footnote],
}

/// A series id's parts the figures are kept by.
struct Series {
    measure: Measure,
    occupation: [u8; 6],
    area: [u8; 7],
}

impl DataReader<'_> {
    /// Checks one line and keeps its figure if it is one of the wanted;
    /// the first problem of a line is reported, and the line left there.
    fn read(&mut self, line: u64, fields: &[&[u8]], problems: &mut Problems) {
        match self.check(line, fields) {
            Ok(Some((kept, figure))) => self.keep(line, fields[0], &kept, figure, problems),
            Ok(None) => {}
            Err(message) => problems.at(line, message),
        }
    }

    /// The line's figure and the series' parts it is kept by; `None` for
    /// a figure not kept; the line's first problem as an error.
    fn check(&mut self, line: u64, fields: &[&[u8]]) -> Result<Option<(Series, Figure)>, String> {
        let (series, year, period, value, notes) = (
            fields[0],
            fields[1],
            fields[2],
            fields[3],
            fields.get(4).copied().unwrap_or(b""),
        );
        check_series(series)?;
        self.check_release(line, year, period)?;
        let dash = check_value(value, series)?;
        let set = self.footnote_set(notes)?;
        let Some(kept) = self.kept(series) else {
            return Ok(None);
        };
        self.check_listed(series, &kept)?;
        let figure = figure(series, kept.measure, value, dash, set)?;
        Ok(Some((kept, figure)))
    }

    /// Checks that the line is of the release the first line is of,
    /// and takes the release from the first line.
    fn check_release(&mut self, line: u64, year: &[u8], period: &[u8]) -> Result<(), String> {
        let data = &mut self.data;
        if data.year.is_empty() {
            if year.len() != 4 || !year.iter().all(u8::is_ascii_digit) {
                return Err(format!("`{}` is not a year", text(year)));
            }
            if period != b"A01" {
                return Err(format!(
                    "the period `{}` is not A01, the annual (May) estimates OEWS publishes",
                    text(period)
                ));
            }
            data.year = text(year);
            data.period = text(period);
            self.first_line = line;
        } else if year != data.year.as_bytes() || period != data.period.as_bytes() {
            return Err(format!(
                "the year and period are {} {}, but {} {} on line {}: the file must hold one release",
                text(year),
                text(period),
                data.year,
                data.period,
                self.first_line
            ));
        }
        Ok(())
    }

    /// The footnotes of the line's `footnote_codes`, each listed in
    /// `oe.footnote`.
    fn footnote_set(&self, notes: &[u8]) -> Result<FootnoteSet, String> {
        let mut set = FootnoteSet::default();
        for code in notes.split(|&b| b == b',') {
            let code = code.trim_ascii();
            if code.is_empty() {
                continue;
            }
            match self
                .footnotes
                .iter()
                .position(|f| f.code.as_bytes() == code)
            {
                Some(index) => set = set.with(index),
                None => {
                    return Err(format!(
                        "the footnote code `{}` is not listed in {FOOTNOTES}",
                        text(code)
                    ));
                }
            }
        }
        Ok(set)
    }

    /// The series' measure, occupation and area, if its figure is kept:
    /// all industries, a measure read, a wanted occupation.
    fn kept(&self, series: &[u8]) -> Option<Series> {
        if &series[11..17] != ALL_INDUSTRIES {
            return None;
        }
        let measure = Measure::from_datatype(&series[23..25])?;
        let mut occupation = [0u8; 6];
        occupation.copy_from_slice(&series[17..23]);
        if let Wanted::Only(set) = self.wanted
            && !set.contains(&occupation)
        {
            return None;
        }
        let mut area = [0u8; 7];
        area.copy_from_slice(&series[4..11]);
        Some(Series {
            measure,
            occupation,
            area,
        })
    }

    /// Checks that the series' occupation and area are listed in
    /// `oe.occupation` and `oe.area`, the area with the series' type.
    fn check_listed(&self, series: &[u8], kept: &Series) -> Result<(), String> {
        if !self.known_occupations.contains(&kept.occupation) {
            return Err(format!(
                "the occupation {} of {} is not listed in {OCCUPATIONS}",
                text(&kept.occupation),
                text(series)
            ));
        }
        match self.area_kinds.get(&kept.area) {
            None => Err(format!(
                "the area {} of {} is not listed in {AREAS}",
                text(&kept.area),
                text(series)
            )),
            Some(kind) if kind.code().as_bytes() != &series[3..4] => Err(format!(
                "the series {} has the area type {}, but {AREAS} lists the area {} as {}",
                text(series),
                text(&series[3..4]),
                text(&kept.area),
                kind.code()
            )),
            Some(_) => Ok(()),
        }
    }

    /// Keeps the figure, unless the series was given before (reported).
    fn keep(
        &mut self,
        line: u64,
        series: &[u8],
        kept: &Series,
        figure: Figure,
        problems: &mut Problems,
    ) {
        let estimates = self
            .data
            .cells
            .entry((kept.occupation, kept.area))
            .or_default();
        if estimates.get(kept.measure) != Figure::ABSENT {
            problems.at(line, format!("the series {} is given twice", text(series)));
            return;
        }
        estimates.set(kept.measure, figure);
    }
}

/// Checks the shape of a series id: `OEU`, the area type, then digits.
fn check_series(series: &[u8]) -> Result<(), String> {
    let shaped = series.len() == 25
        && series.starts_with(b"OEU")
        && AreaKind::from_code(&series[3..4]).is_some()
        && series[4..11].iter().all(u8::is_ascii_digit)
        && series[17..25].iter().all(u8::is_ascii_digit);
    if shaped {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an OEWS series id (OEU, area type, area, industry, occupation, datatype: 25 characters)",
            text(series)
        ))
    }
}

/// Whether the value is `-` (not published) rather than a number; an
/// error if it is neither.
fn check_value(value: &[u8], series: &[u8]) -> Result<bool, String> {
    let dash = value == b"-";
    let numeric = !value.is_empty()
        && value.iter().all(|b| b.is_ascii_digit() || *b == b'.')
        && value.iter().filter(|&&b| b == b'.').count() <= 1
        && value[0] != b'.'
        && value[value.len() - 1] != b'.';
    if dash || numeric {
        Ok(dash)
    } else {
        Err(format!(
            "the value `{}` of {} is not a number, nor `-` (not published)",
            text(value),
            text(series)
        ))
    }
}

/// The figure: `-`, or the value in the measure's unit.
fn figure(
    series: &[u8],
    measure: Measure,
    value: &[u8],
    dash: bool,
    set: FootnoteSet,
) -> Result<Figure, String> {
    if dash {
        return Ok(Figure::dash(set));
    }
    // Text: every byte is a digit or a dot.
    let value = std::str::from_utf8(value).unwrap_or_default();
    parse_value(value, measure.unit())
        .map(|number| Figure::number(number, set))
        .map_err(|message| format!("{} ({}): {message}", text(series), measure.bls_name()))
}
