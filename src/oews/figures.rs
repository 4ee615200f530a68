//! What one figure of BLS's OEWS estimates is: its [`Measure`] and
//! [`Unit`], its value or BLS's `-`, and its footnotes; reading and writing
//! values as BLS publishes them.

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
/// BLS's footnotes for it ([`OfficialPay::footnotes_of`](super::OfficialPay::footnotes_of)). BLS puts a
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

/// A set of footnotes, as positions in [`OfficialPay::footnotes`](super::OfficialPay::footnotes).
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
pub(super) fn value_of(text: &[u8], unit: Unit) -> Option<u32> {
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

/// The columns of `official-pay.csv` before the figures.
pub(super) const FIXED_COLUMNS: [&str; 5] = ["soc", "occupation", "area", "area_type", "area_name"];

pub(super) fn footnotes_column(measure: Measure) -> String {
    format!("{}_footnotes", measure.column())
}
