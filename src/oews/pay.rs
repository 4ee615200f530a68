//! `official-pay.csv`: the BLS OEWS figures the content folder keeps, the
//! model they load into ([`OfficialPay`]), and the file's reader and writer.
//!
//! ```text
//! # release: May 2025
//! # published: 2026-05-15
//! # source: https://www.bls.gov/oes/
//! # data: https://download.bls.gov/pub/time.series/oe/
//! # footnote 5: This wage is equal to or greater than $115.00 per hour or $239,200 per year.
//! soc,occupation,area,area_type,area_name,employment,employment_footnotes,annual_mean,annual_mean_footnotes,…
//! 15-1241,Computer Network Architects,0000000,N,National,179740,,139580,,…
//! ```
//!
//! Lines starting with `#` before the header are comments; those of the
//! form `# key: value` with a key above are the release's details. One row
//! per occupation and area; each figure has a `…_footnotes` column beside it
//! holding BLS's footnote codes (comma-separated). A figure is a number as
//! BLS published it, `-` when BLS published a dash instead (the footnote
//! says why), or empty when BLS has no such series.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use crate::content::Diagnostic;
use crate::content::slug::slugify;

/// The data file's name in the content folder.
pub const FILE_NAME: &str = "official-pay.csv";
/// BLS's OEWS home page.
pub const SOURCE_URL: &str = "https://www.bls.gov/oes/";
/// Where BLS publishes the flat files the figures are imported from.
pub const DATA_URL: &str = "https://download.bls.gov/pub/time.series/oe/";
/// The area code of the nation as a whole.
pub const NATIONAL: &str = "0000000";

/// At most this many problems are reported per file; a summary follows.
pub(crate) const PROBLEM_LIMIT: usize = 20;

/// What a figure measures: employment, or a wage statistic by the year or
/// by the hour. BLS publishes both wage forms; neither is computed from the
/// other here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Employment,
    AnnualMean,
    AnnualP10,
    AnnualP25,
    AnnualMedian,
    AnnualP75,
    AnnualP90,
    HourlyMean,
    HourlyP10,
    HourlyP25,
    HourlyMedian,
    HourlyP75,
    HourlyP90,
}

/// The unit of a figure's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A count of jobs (BLS rounds employment to tens).
    Jobs,
    /// Whole US dollars a year.
    DollarsPerYear,
    /// US cents an hour: `6711` is $67.11.
    CentsPerHour,
}

impl Measure {
    pub const ALL: [Self; 13] = [
        Self::Employment,
        Self::AnnualMean,
        Self::AnnualP10,
        Self::AnnualP25,
        Self::AnnualMedian,
        Self::AnnualP75,
        Self::AnnualP90,
        Self::HourlyMean,
        Self::HourlyP10,
        Self::HourlyP25,
        Self::HourlyMedian,
        Self::HourlyP75,
        Self::HourlyP90,
    ];

    /// The annual wage statistics, lowest percentile first, then the mean.
    pub const ANNUAL: [Self; 6] = [
        Self::AnnualP10,
        Self::AnnualP25,
        Self::AnnualMedian,
        Self::AnnualP75,
        Self::AnnualP90,
        Self::AnnualMean,
    ];

    /// The hourly wage statistics, in the same order.
    pub const HOURLY: [Self; 6] = [
        Self::HourlyP10,
        Self::HourlyP25,
        Self::HourlyMedian,
        Self::HourlyP75,
        Self::HourlyP90,
        Self::HourlyMean,
    ];

    /// The column of `official-pay.csv` that holds it.
    pub fn column(self) -> &'static str {
        match self {
            Self::Employment => "employment",
            Self::AnnualMean => "annual_mean",
            Self::AnnualP10 => "annual_p10",
            Self::AnnualP25 => "annual_p25",
            Self::AnnualMedian => "annual_median",
            Self::AnnualP75 => "annual_p75",
            Self::AnnualP90 => "annual_p90",
            Self::HourlyMean => "hourly_mean",
            Self::HourlyP10 => "hourly_p10",
            Self::HourlyP25 => "hourly_p25",
            Self::HourlyMedian => "hourly_median",
            Self::HourlyP75 => "hourly_p75",
            Self::HourlyP90 => "hourly_p90",
        }
    }

    /// BLS's datatype code (the last two characters of a series id).
    pub fn datatype(self) -> &'static str {
        match self {
            Self::Employment => "01",
            Self::HourlyMean => "03",
            Self::AnnualMean => "04",
            Self::HourlyP10 => "06",
            Self::HourlyP25 => "07",
            Self::HourlyMedian => "08",
            Self::HourlyP75 => "09",
            Self::HourlyP90 => "10",
            Self::AnnualP10 => "11",
            Self::AnnualP25 => "12",
            Self::AnnualMedian => "13",
            Self::AnnualP75 => "14",
            Self::AnnualP90 => "15",
        }
    }

    /// BLS's name for the datatype, as `oe.datatype` gives it.
    pub fn bls_name(self) -> &'static str {
        match self {
            Self::Employment => "Employment",
            Self::HourlyMean => "Hourly mean wage",
            Self::AnnualMean => "Annual mean wage",
            Self::HourlyP10 => "Hourly 10th percentile wage",
            Self::HourlyP25 => "Hourly 25th percentile wage",
            Self::HourlyMedian => "Hourly median wage",
            Self::HourlyP75 => "Hourly 75th percentile wage",
            Self::HourlyP90 => "Hourly 90th percentile wage",
            Self::AnnualP10 => "Annual 10th percentile wage",
            Self::AnnualP25 => "Annual 25th percentile wage",
            Self::AnnualMedian => "Annual median wage",
            Self::AnnualP75 => "Annual 75th percentile wage",
            Self::AnnualP90 => "Annual 90th percentile wage",
        }
    }

    /// The measure of a BLS datatype code, if it is one kept here.
    pub fn from_datatype(code: &[u8]) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|measure| measure.datatype().as_bytes() == code)
    }

    pub fn unit(self) -> Unit {
        match self {
            Self::Employment => Unit::Jobs,
            Self::AnnualMean
            | Self::AnnualP10
            | Self::AnnualP25
            | Self::AnnualMedian
            | Self::AnnualP75
            | Self::AnnualP90 => Unit::DollarsPerYear,
            _ => Unit::CentsPerHour,
        }
    }
}

/// The largest value a figure can hold.
pub const MAX_VALUE: u32 = u32::MAX - 2;
/// BLS published `-`.
const DASH: u32 = u32::MAX;
/// BLS has no such series.
const ABSENT: u32 = u32::MAX - 1;

/// One published figure: a value in its measure's [`Unit`], or none, with
/// BLS's footnotes for it ([`OfficialPay::footnotes_of`]). BLS puts a
/// footnote on every `-` to say why there is no number: footnote 5, a wage
/// at or above the top of its survey's range; 8, an estimate not released;
/// 4, an occupation paid only by the hour or only by the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    value: u32,
    footnotes: FootnoteSet,
}

impl Figure {
    /// No such series.
    pub const ABSENT: Self = Self {
        value: ABSENT,
        footnotes: FootnoteSet(0),
    };

    /// A published value (at most [`MAX_VALUE`]).
    pub fn number(value: u32, footnotes: FootnoteSet) -> Self {
        Self {
            value: value.min(MAX_VALUE),
            footnotes,
        }
    }

    /// BLS's `-`: published without a number.
    pub fn dash(footnotes: FootnoteSet) -> Self {
        Self {
            value: DASH,
            footnotes,
        }
    }

    /// The value, in the measure's unit; `None` when BLS gave no number.
    pub fn value(self) -> Option<u32> {
        (self.value <= MAX_VALUE).then_some(self.value)
    }

    /// BLS published `-` for it (see the footnotes for why).
    pub fn is_dash(self) -> bool {
        self.value == DASH
    }

    pub fn footnotes(self) -> FootnoteSet {
        self.footnotes
    }
}

/// A set of footnotes, as positions in [`OfficialPay::footnotes`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FootnoteSet(u16);

impl FootnoteSet {
    /// How many footnotes a file may declare.
    pub const CAPACITY: usize = 16;

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set with the footnote at `index` added (below [`Self::CAPACITY`]).
    pub fn with(self, index: usize) -> Self {
        if index < Self::CAPACITY {
            Self(self.0 | (1 << index))
        } else {
            self
        }
    }

    pub fn contains(self, index: usize) -> bool {
        index < Self::CAPACITY && self.0 & (1 << index) != 0
    }

    /// The positions in the set, in order.
    pub fn indices(self) -> impl Iterator<Item = usize> {
        (0..Self::CAPACITY).filter(move |&index| self.contains(index))
    }
}

/// The figures for one occupation in one area, by [`Measure`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimates([Figure; 13]);

impl Default for Estimates {
    fn default() -> Self {
        Self([Figure::ABSENT; 13])
    }
}

impl Estimates {
    pub fn get(&self, measure: Measure) -> Figure {
        self.0[measure as usize]
    }

    pub fn set(&mut self, measure: Measure, figure: Figure) {
        self.0[measure as usize] = figure;
    }

    /// Jobs in the occupation, when BLS published the number.
    pub fn employment(&self) -> Option<u32> {
        self.get(Measure::Employment).value()
    }
}

/// What kind of area BLS estimates for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AreaKind {
    /// The United States (`N`).
    National,
    /// A state, the District of Columbia, Puerto Rico, Guam or the Virgin
    /// Islands (`S`).
    State,
    /// A metropolitan area, or a state's nonmetropolitan area (`M`).
    Metro,
}

impl AreaKind {
    /// BLS's area type code: `N`, `S` or `M`.
    pub fn code(self) -> &'static str {
        match self {
            Self::National => "N",
            Self::State => "S",
            Self::Metro => "M",
        }
    }

    pub fn from_code(code: &[u8]) -> Option<Self> {
        match code {
            b"N" => Some(Self::National),
            b"S" => Some(Self::State),
            b"M" => Some(Self::Metro),
            _ => None,
        }
    }
}

/// An area BLS estimates for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// BLS's seven-digit area code (`0000000` for the nation).
    pub code: String,
    pub kind: AreaKind,
    /// BLS's name: `National`, `California`, `San Francisco-Oakland-Fremont, CA`.
    pub name: String,
    /// The name in lowercase ASCII, other runs of characters as one hyphen
    /// (`san-francisco-oakland-fremont-ca`), unique among the file's areas
    /// (a repeat gets `-2`, `-3`… in area order).
    pub slug: String,
}

/// An occupation of the Standard Occupational Classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    /// The SOC code, `15-1241`.
    pub soc: String,
    /// BLS's title, `Computer Network Architects`.
    pub title: String,
    rows: Range<usize>,
}

/// A footnote BLS attaches to figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub code: String,
    pub text: String,
}

/// Which release the figures are, and where they come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Release {
    /// The reference period, `May 2025`.
    pub name: String,
    /// The day BLS published it, `2026-05-15`, when known.
    pub published: Option<String>,
    /// BLS's page for the survey.
    pub source: Option<String>,
    /// Where the flat files are.
    pub data: Option<String>,
}

/// `official-pay.csv`, loaded: BLS's figures by occupation and area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialPay {
    pub release: Release,
    /// Every footnote the file declares; a [`FootnoteSet`] indexes this.
    pub footnotes: Vec<Footnote>,
    /// Sorted by SOC code.
    occupations: Vec<Occupation>,
    /// The nation, then states, then metropolitan and nonmetropolitan
    /// areas, each by area code.
    areas: Vec<Area>,
    /// Grouped by occupation (see `Occupation::rows`), by area within one.
    rows: Vec<Row>,
    by_code: HashMap<String, u16>,
    by_slug: HashMap<String, u16>,
}

impl OfficialPay {
    /// Every occupation with figures, by SOC code.
    pub fn occupations(&self) -> &[Occupation] {
        &self.occupations
    }

    pub fn occupation(&self, soc: &str) -> Option<&Occupation> {
        self.occupations
            .binary_search_by(|occupation| occupation.soc.as_str().cmp(soc))
            .ok()
            .map(|index| &self.occupations[index])
    }

    /// Every area with figures for some occupation: the nation, the
    /// states, then metropolitan and nonmetropolitan areas.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// The area with BLS's code `code`.
    pub fn area(&self, code: &str) -> Option<&Area> {
        self.by_code
            .get(code)
            .map(|&index| &self.areas[usize::from(index)])
    }

    /// The area whose slug is `slug`.
    pub fn area_by_slug(&self, slug: &str) -> Option<&Area> {
        self.by_slug
            .get(slug)
            .map(|&index| &self.areas[usize::from(index)])
    }

    /// The figures for the occupation `soc` in the area with code `area`.
    pub fn estimates(&self, soc: &str, area: &str) -> Option<&Estimates> {
        let occupation = self.occupation(soc)?;
        let area = *self.by_code.get(area)?;
        let rows = &self.rows[occupation.rows.clone()];
        rows.binary_search_by_key(&area, |(index, _)| *index)
            .ok()
            .map(|found| &rows[found].1)
    }

    /// The figures for the occupation `soc` in the nation as a whole.
    pub fn national(&self, soc: &str) -> Option<&Estimates> {
        self.estimates(soc, NATIONAL)
    }

    /// Every area with figures for the occupation `soc`, in area order.
    pub fn by_area(&self, soc: &str) -> impl Iterator<Item = (&Area, &Estimates)> {
        let rows = self
            .occupation(soc)
            .map_or(&[][..], |occupation| &self.rows[occupation.rows.clone()]);
        rows.iter()
            .map(|(area, estimates)| (&self.areas[usize::from(*area)], estimates))
    }

    /// The footnotes of a figure, in the order the file declares them.
    pub fn footnotes_of(&self, figure: Figure) -> impl Iterator<Item = &Footnote> {
        figure
            .footnotes()
            .indices()
            .filter_map(|index| self.footnotes.get(index))
    }

    /// The footnote with BLS's code `code`.
    pub fn footnote(&self, code: &str) -> Option<&Footnote> {
        self.footnotes.iter().find(|footnote| footnote.code == code)
    }

    /// How many rows (occupation and area pairs) the file holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// An area's position and an occupation's figures there.
type Row = (u16, Estimates);

/// Collects occupations, areas and figures in any order, for
/// [`OfficialPay`]: the import and the file's reader both build with it.
#[derive(Debug, Default)]
pub struct Builder {
    release: Release,
    footnotes: Vec<Footnote>,
    /// (SOC, title, rows as (area position, figures)).
    occupations: Vec<(String, String, Vec<Row>)>,
    occupation_index: HashMap<String, usize>,
    /// (code, kind, name).
    areas: Vec<(String, AreaKind, String)>,
    area_codes: HashMap<[u8; 7], u16>,
}

impl Builder {
    pub fn new(release: Release, footnotes: Vec<Footnote>) -> Self {
        Self {
            release,
            footnotes,
            ..Self::default()
        }
    }

    /// Adds an area, or finds it by its code (seven digits); `None` past
    /// 65,536 areas or for another code.
    pub fn area(&mut self, code: &str, kind: AreaKind, name: &str) -> Option<u16> {
        let key: [u8; 7] = code.as_bytes().try_into().ok()?;
        if let Some(&index) = self.area_codes.get(&key) {
            return Some(index);
        }
        let index = u16::try_from(self.areas.len()).ok()?;
        self.areas
            .push((code.to_owned(), kind, name.trim().to_owned()));
        self.area_codes.insert(key, index);
        Some(index)
    }

    /// The position of the occupation `soc`, added with `title` if new.
    pub fn occupation(&mut self, soc: &str, title: &str) -> usize {
        if let Some(&index) = self.occupation_index.get(soc) {
            return index;
        }
        self.occupations
            .push((soc.to_owned(), title.trim().to_owned(), Vec::new()));
        self.occupation_index
            .insert(soc.to_owned(), self.occupations.len() - 1);
        self.occupations.len() - 1
    }

    /// Adds the figures of an occupation (by [`Self::occupation`]'s
    /// position) in an area (by [`Self::area`]'s). Each pair once.
    pub fn push(&mut self, occupation: usize, area: u16, estimates: Estimates) {
        if let Some((_, _, rows)) = self.occupations.get_mut(occupation) {
            rows.push((area, estimates));
        }
    }

    /// The model: areas in order (nation, states, metropolitan areas, each
    /// by code), unique slugs, occupations by SOC code.
    pub fn build(self) -> OfficialPay {
        let mut order: Vec<usize> = (0..self.areas.len()).collect();
        order.sort_by(|&a, &b| {
            let (code_a, kind_a, _) = &self.areas[a];
            let (code_b, kind_b, _) = &self.areas[b];
            (kind_a, code_a).cmp(&(kind_b, code_b))
        });
        let mut position = vec![0u16; self.areas.len()];
        let mut areas = Vec::with_capacity(self.areas.len());
        let mut by_code = HashMap::with_capacity(self.areas.len());
        let mut by_slug = HashMap::with_capacity(self.areas.len());
        for (new, &old) in order.iter().enumerate() {
            let (code, kind, name) = &self.areas[old];
            // At most 65,536 areas: `area` refuses more.
            let new = u16::try_from(new).unwrap_or(u16::MAX);
            position[old] = new;
            let base = if name.bytes().any(|b| b.is_ascii_alphanumeric()) {
                slugify(name)
            } else {
                format!("area-{code}")
            };
            let mut slug = base.clone();
            let mut n = 2;
            while by_slug.contains_key(&slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            by_code.insert(code.clone(), new);
            by_slug.insert(slug.clone(), new);
            areas.push(Area {
                code: code.clone(),
                kind: *kind,
                name: name.clone(),
                slug,
            });
        }
        let mut occupations = self.occupations;
        occupations.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rows = Vec::with_capacity(occupations.iter().map(|o| o.2.len()).sum());
        let occupations = occupations
            .into_iter()
            .map(|(soc, title, mut own)| {
                for row in &mut own {
                    row.0 = position[usize::from(row.0)];
                }
                own.sort_by_key(|(area, _)| *area);
                let start = rows.len();
                rows.extend(own);
                Occupation {
                    soc,
                    title,
                    rows: start..rows.len(),
                }
            })
            .collect();
        OfficialPay {
            release: self.release,
            footnotes: self.footnotes,
            occupations,
            areas,
            rows,
            by_code,
            by_slug,
        }
    }
}

/// `YYYY-MM-DD`, a real day.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        text[..4].parse::<i32>(),
        text[5..7].parse::<u8>(),
        text[8..].parse::<u8>(),
    ) else {
        return false;
    };
    time::Month::try_from(month)
        .ok()
        .and_then(|month| time::Date::from_calendar_date(year, month, day).ok())
        .is_some()
}

/// `NN-NNNN`, the shape of a SOC code.
pub fn is_soc(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[2] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit())
}

/// Parses a published value in `unit`: whole numbers, or dollars and
/// cents for hourly wages.
pub fn parse_value(text: &str, unit: Unit) -> Result<u32, String> {
    value_of(text.as_bytes(), unit).ok_or_else(|| match unit {
        Unit::Jobs | Unit::DollarsPerYear => {
            format!("`{text}` is not a whole number, nor `-` (no figure published)")
        }
        Unit::CentsPerHour => format!(
            "`{text}` is not an hourly wage in dollars and cents (such as 67.11), nor `-` (no figure published)"
        ),
    })
}

/// [`parse_value`] on bytes, without saying why not.
fn value_of(text: &[u8], unit: Unit) -> Option<u32> {
    let whole = |digits: &[u8]| -> Option<u32> {
        if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            digits
                .iter()
                .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0')),
        )
    };
    let value = match unit {
        Unit::Jobs | Unit::DollarsPerYear => whole(text)?,
        Unit::CentsPerHour => {
            let (dollars, cents) = match text.iter().position(|&b| b == b'.') {
                Some(dot) => (&text[..dot], &text[dot + 1..]),
                None => (text, &b"00"[..]),
            };
            let cents = match cents {
                [tens] => whole(&[*tens])? * 10,
                [_, _] => whole(cents)?,
                _ => return None,
            };
            whole(dollars)?.checked_mul(100)?.checked_add(cents)?
        }
    };
    (value <= MAX_VALUE).then_some(value)
}

/// Writes a value as BLS does: hourly wages with two decimals.
pub fn format_value(value: u32, unit: Unit) -> String {
    match unit {
        Unit::CentsPerHour => format!("{}.{:02}", value / 100, value % 100),
        _ => value.to_string(),
    }
}

/// The fixed columns, before the figures.
const FIXED_COLUMNS: [&str; 5] = ["soc", "occupation", "area", "area_type", "area_name"];

fn footnotes_column(measure: Measure) -> String {
    format!("{}_footnotes", measure.column())
}

impl OfficialPay {
    /// Writes the file: the release's details and the footnotes as `#`
    /// lines, then one row per occupation and area, by SOC code, then
    /// area order. Line ends are `\n`.
    pub fn write(&self, out: impl Write) -> io::Result<()> {
        let mut out = io::BufWriter::new(out);
        writeln!(
            out,
            "# Official pay figures: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS)."
        )?;
        writeln!(
            out,
            "# Written by `rolecompare import-oews` from BLS's flat files: import them again rather than editing this file."
        )?;
        writeln!(
            out,
            "# Employment is a count of jobs; annual wages are dollars a year, hourly wages dollars an hour, as BLS published them."
        )?;
        writeln!(
            out,
            "# `-` means BLS published no number (the footnote codes beside it say why); an empty cell, that BLS has no such figure."
        )?;
        writeln!(out, "# release: {}", self.release.name)?;
        if let Some(published) = &self.release.published {
            writeln!(out, "# published: {published}")?;
        }
        if let Some(source) = &self.release.source {
            writeln!(out, "# source: {source}")?;
        }
        if let Some(data) = &self.release.data {
            writeln!(out, "# data: {data}")?;
        }
        for footnote in &self.footnotes {
            writeln!(out, "# footnote {}: {}", footnote.code, footnote.text)?;
        }
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        for measure in Measure::ALL {
            header.push(measure.column().to_owned());
            header.push(footnotes_column(measure));
        }
        csv.write_record(&header)?;
        let mut record: Vec<String> = Vec::with_capacity(header.len());
        for occupation in &self.occupations {
            for (area, estimates) in &self.rows[occupation.rows.clone()] {
                let area = &self.areas[usize::from(*area)];
                record.clear();
                record.extend([
                    occupation.soc.clone(),
                    occupation.title.clone(),
                    area.code.clone(),
                    area.kind.code().to_owned(),
                    area.name.clone(),
                ]);
                for measure in Measure::ALL {
                    let figure = estimates.get(measure);
                    record.push(match figure.value() {
                        Some(value) => format_value(value, measure.unit()),
                        None if figure.is_dash() => "-".to_owned(),
                        None => String::new(),
                    });
                    let codes: Vec<&str> = self
                        .footnotes_of(figure)
                        .map(|footnote| footnote.code.as_str())
                        .collect();
                    record.push(codes.join(","));
                }
                csv.write_record(&record)?;
            }
        }
        csv.flush()?;
        Ok(())
    }

    /// Reads the file's text; `path` names it in problems, each at the
    /// line and column of the value at fault.
    pub fn parse(text: &str, path: &Path) -> Result<Self, Vec<Diagnostic>> {
        Reader::new(path).read(text)
    }
}

/// Problems of one file, at most [`PROBLEM_LIMIT`] of them.
struct Problems<'a> {
    path: &'a Path,
    list: Vec<Diagnostic>,
    more: usize,
}

impl<'a> Problems<'a> {
    fn at(&mut self, line: u64, column: u64, message: impl Into<String>) {
        if self.list.len() < PROBLEM_LIMIT {
            self.list.push(Diagnostic {
                path: self.path.to_path_buf(),
                line,
                column,
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        if self.more > 0 {
            self.list.push(Diagnostic {
                path: self.path.to_path_buf(),
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

struct Reader<'a> {
    problems: Problems<'a>,
}

/// Where each column is, by position in a row.
struct Columns {
    soc: usize,
    occupation: usize,
    area: usize,
    area_type: usize,
    area_name: usize,
    /// (value, footnotes) per measure.
    figures: [(usize, usize); 13],
    count: usize,
}

/// The 1-based column, in characters, where field `index` of a CSV line
/// starts.
fn field_column(line: &str, index: usize) -> u64 {
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

impl<'a> Reader<'a> {
    fn new(path: &'a Path) -> Self {
        Self {
            problems: Problems {
                path,
                list: Vec::new(),
                more: 0,
            },
        }
    }

    fn read(mut self, text: &str) -> Result<OfficialPay, Vec<Diagnostic>> {
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
        let (release, footnotes, header_lines, offset) = self.read_comments(text);
        let rest = &text[offset..];
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(rest.as_bytes());
        let mut record = csv::ByteRecord::new();
        // Where a record starts: the `csv` crate's position is where it
        // began reading, before any `#` or empty lines it skipped.
        let start = |record: &csv::ByteRecord| -> (u64, usize) {
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
            (header_lines + line, byte.min(rest.len()))
        };
        let line_of = |record: &csv::ByteRecord| start(record).0;
        let raw_line = |record: &csv::ByteRecord| -> &str {
            let line = rest.get(start(record).1..).unwrap_or("");
            line.split(['\n', '\r']).next().unwrap_or("")
        };
        let header = match reader.read_byte_record(&mut record) {
            Ok(true) => record.clone(),
            Ok(false) => {
                self.problems.at(
                    header_lines + 1,
                    1,
                    "the header row is missing: the file ends after its `#` lines",
                );
                return Err(self.problems.finish());
            }
            Err(error) => {
                self.problems
                    .at(header_lines + 1, 1, format!("cannot read the row: {error}"));
                return Err(self.problems.finish());
            }
        };
        let header_line = line_of(&header);
        let Some(columns) = self.columns(&header, header_line, raw_line(&header)) else {
            return Err(self.problems.finish());
        };
        if release.name.is_empty() {
            self.problems.at(
                1,
                1,
                "the file does not say which release it holds: add a line `# release: May 2025` above the header",
            );
        }
        let mut builder = Builder::new(release.clone(), footnotes.clone());
        // Per occupation: (area, line) of each row, to find repeats.
        let mut lines: Vec<Vec<(u16, u64)>> = Vec::new();
        let mut occupation_lines: Vec<u64> = Vec::new();
        let mut area_lines: HashMap<[u8; 7], u64> = HashMap::new();
        // Rows come grouped by occupation: the last one found is kept.
        let mut last_occupation: Option<(Vec<u8>, usize)> = None;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    let line = error
                        .position()
                        .map_or(header_line + 1, |p| header_lines + p.line());
                    self.problems
                        .at(line, 1, format!("cannot read the row: {error}"));
                    break;
                }
            }
            let line = line_of(&record);
            let field = |index: usize| -> &[u8] { record.get(index).unwrap_or(b"") };
            // Fields split at ASCII bytes of valid UTF-8 text are UTF-8.
            let text = |index: usize| String::from_utf8_lossy(field(index)).into_owned();
            let column = |index: usize| field_column(raw_line(&record), index);
            if record.len() != columns.count {
                self.problems.at(
                    line,
                    1,
                    format!(
                        "the row has {} fields, but the header has {}",
                        record.len(),
                        columns.count
                    ),
                );
                continue;
            }
            let mut ok = true;
            let soc = field(columns.soc);
            let soc_ok = std::str::from_utf8(soc).is_ok_and(is_soc);
            if !soc_ok {
                self.problems.at(
                    line,
                    column(columns.soc),
                    format!("`{}` is not a SOC code such as 15-1241", text(columns.soc)),
                );
                ok = false;
            }
            let title = field(columns.occupation).trim_ascii();
            let known = match &last_occupation {
                Some((last, index)) if last.as_slice() == soc => Some(*index),
                _ => std::str::from_utf8(soc)
                    .ok()
                    .and_then(|soc| builder.occupation_index.get(soc).copied()),
            };
            if title.is_empty() {
                self.problems.at(
                    line,
                    column(columns.occupation),
                    "the occupation's title is empty",
                );
                ok = false;
            } else if let Some(index) = known
                && builder.occupations[index].1.as_bytes() != title
            {
                self.problems.at(
                    line,
                    column(columns.occupation),
                    format!(
                        "the occupation {} is called `{}` here, but `{}` on line {}",
                        text(columns.soc),
                        String::from_utf8_lossy(title),
                        builder.occupations[index].1,
                        occupation_lines[index]
                    ),
                );
                ok = false;
            }
            let code = field(columns.area);
            let code: Option<[u8; 7]> = code
                .try_into()
                .ok()
                .filter(|code: &[u8; 7]| code.iter().all(u8::is_ascii_digit));
            if code.is_none() {
                self.problems.at(
                    line,
                    column(columns.area),
                    format!(
                        "`{}` is not a seven-digit BLS area code such as 0000000",
                        text(columns.area)
                    ),
                );
                ok = false;
            }
            let kind = AreaKind::from_code(field(columns.area_type));
            if kind.is_none() {
                self.problems.at(
                    line,
                    column(columns.area_type),
                    format!(
                        "the area type `{}` is not N (national), S (state) or M (metropolitan or nonmetropolitan area)",
                        text(columns.area_type)
                    ),
                );
                ok = false;
            }
            let name = field(columns.area_name).trim_ascii();
            if name.is_empty() {
                self.problems
                    .at(line, column(columns.area_name), "the area's name is empty");
                ok = false;
            }
            let known_area = code.and_then(|code| builder.area_codes.get(&code).copied());
            if let (Some(kind), Some(index)) = (kind, known_area) {
                let (known_code, known_kind, known_name) = &builder.areas[usize::from(index)];
                if (kind, name) != (*known_kind, known_name.as_bytes()) {
                    self.problems.at(
                        line,
                        column(columns.area_name),
                        format!(
                            "the area {known_code} is `{}` ({}) here, but `{known_name}` ({}) on line {}",
                            String::from_utf8_lossy(name),
                            kind.code(),
                            known_kind.code(),
                            code.and_then(|code| area_lines.get(&code).copied()).unwrap_or(0)
                        ),
                    );
                    ok = false;
                }
            }
            let mut estimates = Estimates::default();
            for (measure, &(value_at, notes_at)) in Measure::ALL.iter().zip(&columns.figures) {
                let mut set = FootnoteSet::default();
                for code in field(notes_at)
                    .split(|&b| b == b',')
                    .map(<[u8]>::trim_ascii)
                    .filter(|c| !c.is_empty())
                {
                    match footnotes.iter().position(|f| f.code.as_bytes() == code) {
                        Some(index) => set = set.with(index),
                        None => {
                            let code = String::from_utf8_lossy(code);
                            self.problems.at(
                                line,
                                column(notes_at),
                                format!("the footnote `{code}` is not declared: add a line `# footnote {code}: …` above the header"),
                            );
                            ok = false;
                        }
                    }
                }
                let value = field(value_at).trim_ascii();
                let figure = match value {
                    b"" if set.is_empty() => Figure::ABSENT,
                    b"" => {
                        self.problems.at(
                            line,
                            column(value_at),
                            format!("`{}` is empty but has footnotes: write `-` for a figure BLS published without a number", measure.column()),
                        );
                        ok = false;
                        continue;
                    }
                    b"-" => Figure::dash(set),
                    _ => match value_of(value, measure.unit()) {
                        Some(value) => Figure::number(value, set),
                        None => {
                            let message =
                                parse_value(&String::from_utf8_lossy(value), measure.unit())
                                    .err()
                                    .unwrap_or_default();
                            self.problems.at(
                                line,
                                column(value_at),
                                format!("{}: {message}", measure.column()),
                            );
                            ok = false;
                            continue;
                        }
                    },
                };
                estimates.set(*measure, figure);
            }
            let (true, Some(code), Some(kind), Ok(soc)) =
                (ok, code, kind, std::str::from_utf8(soc))
            else {
                continue;
            };
            let area = match known_area {
                Some(index) => index,
                None => {
                    let name = String::from_utf8_lossy(name);
                    let code_text = String::from_utf8_lossy(&code);
                    let Some(index) = builder.area(&code_text, kind, &name) else {
                        self.problems.at(
                            line,
                            column(columns.area),
                            "too many areas (at most 65,536)",
                        );
                        continue;
                    };
                    area_lines.insert(code, line);
                    index
                }
            };
            let occupation = match known {
                Some(index) => index,
                None => {
                    let index = builder.occupation(soc, &String::from_utf8_lossy(title));
                    occupation_lines.push(line);
                    lines.push(Vec::new());
                    index
                }
            };
            last_occupation = match last_occupation {
                Some((mut last, _)) if last.as_slice() != soc.as_bytes() => {
                    last.clear();
                    last.extend_from_slice(soc.as_bytes());
                    Some((last, occupation))
                }
                Some(same) => Some(same),
                None => Some((soc.as_bytes().to_vec(), occupation)),
            };
            lines[occupation].push((area, line));
            builder.push(occupation, area, estimates);
        }
        // A pair given twice: the later line is the problem.
        for (occupation, rows) in lines.iter_mut().enumerate() {
            rows.sort_unstable();
            for pair in rows.windows(2) {
                let ((area, first), (again, line)) = (pair[0], pair[1]);
                if area == again {
                    self.problems.at(
                        line,
                        1,
                        format!(
                            "line {first} already gives the figures for {} in area {}",
                            builder.occupations[occupation].0,
                            builder.areas[usize::from(area)].0
                        ),
                    );
                }
            }
        }
        if self.problems.list.is_empty() {
            Ok(builder.build())
        } else {
            self.problems.list.sort_by_key(|problem| problem.line);
            Err(self.problems.finish())
        }
    }

    /// The `#` lines before the header: the release's details and the
    /// footnotes. Returns them, how many lines they take, and where the
    /// header starts.
    fn read_comments(&mut self, text: &str) -> (Release, Vec<Footnote>, u64, usize) {
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
            let set = |slot: &mut Option<String>, what: &str, problems: &mut Problems<'_>| {
                if slot.is_some() {
                    problems.at(lines, 3, format!("`{what}` is given twice"));
                }
                *slot = Some(value.to_owned());
            };
            match key {
                "release" => {
                    if !release.name.is_empty() {
                        self.problems.at(lines, 3, "`release` is given twice");
                    }
                    if value.is_empty() {
                        self.problems.at(
                            lines,
                            value_column,
                            "the release is empty: write its reference period, such as May 2025",
                        );
                    }
                    release.name = value.to_owned();
                }
                "published" => {
                    if !is_date(value) {
                        self.problems.at(
                            lines,
                            value_column,
                            format!("`{value}` is not a date such as 2026-05-15"),
                        );
                    }
                    set(&mut release.published, "published", &mut self.problems);
                }
                "source" | "data" => {
                    if !(value.starts_with("https://") || value.starts_with("http://")) {
                        self.problems.at(
                            lines,
                            value_column,
                            format!("`{value}` is not an http:// or https:// address"),
                        );
                    }
                    if key == "source" {
                        set(&mut release.source, "source", &mut self.problems);
                    } else {
                        set(&mut release.data, "data", &mut self.problems);
                    }
                }
                _ => {
                    let Some(code) = key.strip_prefix("footnote ") else {
                        continue;
                    };
                    let code = code.trim();
                    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                        self.problems.at(
                            lines,
                            3,
                            format!("`{code}` is not a footnote code (letters and digits)"),
                        );
                    } else if value.is_empty() {
                        self.problems.at(
                            lines,
                            value_column,
                            format!("the footnote {code} has no text"),
                        );
                    } else if footnotes.iter().any(|f| f.code == code) {
                        self.problems
                            .at(lines, 3, format!("the footnote {code} is given twice"));
                    } else if footnotes.len() == FootnoteSet::CAPACITY {
                        self.problems.at(
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
    fn columns(&mut self, header: &csv::ByteRecord, line: u64, raw: &str) -> Option<Columns> {
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
                self.problems.at(
                    line,
                    field_column(raw, index),
                    format!("unknown column `{name}`"),
                );
                ok = false;
            } else if names[..index].contains(name) {
                self.problems.at(
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
            self.problems.at(
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
}

#[cfg(test)]
mod tests;
