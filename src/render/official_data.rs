//! BLS's official figures for a role's occupation as data for reuse: the
//! `official` object of the JSON API, the `official_*` columns of
//! `/salaries.csv`, and the occupation's code and wage distribution in
//! JSON-LD. Only what BLS published is given: a figure BLS published
//! without a number is `null` (an empty cell, a property left out) with the
//! reason beside it, never a number made up or computed from another.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::content::{Content, Role, RoleOccupation};
use crate::oews::figures::format_value;
use crate::oews::{Area, AreaKind, Estimates, Figure, Measure, NATIONAL, Occupation, OfficialPay};
use crate::oews::{SOURCE_URL, Unit};

use super::format;

/// Who publishes the figures, and the survey's name.
pub const SOURCE_NAME: &str =
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics";

/// BLS's footnote for a wage at or above the top of its survey's range.
const TOP_CODED: &str = "5";
/// BLS's footnote for an estimate it did not release.
const NOT_RELEASED: &str = "8";
/// BLS's footnote for an occupation paid only by the hour or by the year.
const ONE_BASIS_ONLY: &str = "4";

/// A role's official occupation with BLS's figures for the nation, when
/// the role names one and the data holds them.
pub struct National<'a> {
    pub pay: &'a OfficialPay,
    /// The role's title, which the figures stand for.
    pub title: &'a str,
    pub role: &'a RoleOccupation,
    pub occupation: &'a Occupation,
    pub area: &'a Area,
    pub estimates: &'a Estimates,
}

/// The national figures of `role`'s occupation, if any.
pub fn national<'a>(content: &'a Content, role: &'a Role) -> Option<National<'a>> {
    let pay = content.official_pay.as_ref()?;
    let named = role.occupation.as_ref()?;
    let soc = named.soc.value.as_str();
    Some(National {
        pay,
        title: role.title.as_str(),
        role: named,
        occupation: pay.occupation(soc)?,
        area: pay.area(NATIONAL)?,
        estimates: pay.national(soc)?,
    })
}

/// Why a figure has the value it has, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// BLS published a number.
    Published,
    /// At or above the top of the survey's range (footnote 5): BLS gives
    /// only the floor.
    TopCoded,
    /// Not released (footnote 8).
    NotReleased,
    /// An annual wage of an occupation paid only by the hour (footnote 4).
    HourlyOnly,
    /// An hourly wage of an occupation paid only by the year (footnote 4).
    AnnualOnly,
    /// `-` for another reason (see the footnotes).
    NotPublished,
    /// BLS has no such figure.
    Absent,
}

impl Status {
    pub fn of(pay: &OfficialPay, measure: Measure, figure: Figure) -> Self {
        if figure.value().is_some() {
            return Self::Published;
        }
        if !figure.is_dash() {
            return Self::Absent;
        }
        let has = |code: &str| pay.footnotes_of(figure).any(|note| note.code == code);
        if has(TOP_CODED) {
            Self::TopCoded
        } else if has(NOT_RELEASED) {
            Self::NotReleased
        } else if has(ONE_BASIS_ONLY) {
            match measure.unit() {
                Unit::DollarsPerYear => Self::HourlyOnly,
                Unit::CentsPerHour => Self::AnnualOnly,
                Unit::Jobs => Self::NotPublished,
            }
        } else {
            Self::NotPublished
        }
    }

    /// The name the API gives it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Published => "published",
            Self::TopCoded => "top_coded",
            Self::NotReleased => "not_released",
            Self::HourlyOnly => "hourly_only",
            Self::AnnualOnly => "annual_only",
            Self::NotPublished => "not_published",
            Self::Absent => "absent",
        }
    }
}

/// The key of a wage statistic within its group: `p10`, `median`, `mean`.
pub fn key(measure: Measure) -> &'static str {
    let column = measure.column();
    column
        .strip_prefix("annual_")
        .or_else(|| column.strip_prefix("hourly_"))
        .unwrap_or(column)
}

/// A value as a JSON number: jobs and dollars a year whole, an hourly
/// wage in dollars with cents (`6711` cents is `67.11`).
fn number(value: u32, unit: Unit) -> Value {
    match unit {
        Unit::CentsPerHour => json!(f64::from(value) / 100.0),
        Unit::Jobs | Unit::DollarsPerYear => json!(value),
    }
}

/// One figure: `{"value", "status", "at_least", "footnotes"}`.
fn figure_json(pay: &OfficialPay, measure: Measure, figure: Figure) -> Value {
    let unit = measure.unit();
    let status = Status::of(pay, measure, figure);
    let floor = match status {
        Status::TopCoded => pay.at_least(measure, figure),
        _ => None,
    };
    json!({
        "value": figure.value().map(|value| number(value, unit)),
        "status": status.name(),
        "at_least": floor.map(|value| number(value, unit)),
        "footnotes": pay.footnotes_of(figure).map(|note| note.code.as_str()).collect::<Vec<_>>(),
    })
}

fn group(national: &National<'_>, measures: [Measure; 6]) -> Value {
    let map = measures
        .into_iter()
        .map(|measure| {
            let figure = national.estimates.get(measure);
            (
                key(measure).to_owned(),
                figure_json(national.pay, measure, figure),
            )
        })
        .collect::<serde_json::Map<_, _>>();
    Value::Object(map)
}

fn area_kind(kind: AreaKind) -> &'static str {
    match kind {
        AreaKind::National => "national",
        AreaKind::State => "state",
        AreaKind::Metro => "metro",
    }
}

/// The API's `official` object: the occupation, the source, the area and
/// every figure, with the footnotes the figures carry.
pub fn api(national: &National<'_>) -> Value {
    let pay = national.pay;
    let release = &pay.release;
    let mut used = BTreeSet::new();
    for measure in Measure::ALL {
        used.extend(national.estimates.get(measure).footnotes().indices());
    }
    let notes: Vec<Value> = used
        .into_iter()
        .filter_map(|index| pay.footnotes.get(index))
        .map(|note| json!({ "code": note.code.as_str(), "text": note.text.as_str() }))
        .collect();
    json!({
        "occupation": {
            "soc": national.occupation.soc.as_str(),
            "title": national.occupation.title.as_str(),
            "note": national.role.note.as_str(),
        },
        "source": {
            "name": SOURCE_NAME,
            "release": release.name.as_str(),
            "published": release.published.as_deref(),
            "url": release.source.as_deref().unwrap_or(SOURCE_URL),
            "data": release.data.as_deref(),
        },
        "area": {
            "code": national.area.code.as_str(),
            "name": national.area.name.as_str(),
            "kind": area_kind(national.area.kind),
        },
        "currency": "USD",
        "employment": figure_json(pay, Measure::Employment, national.estimates.get(Measure::Employment)),
        "annual": group(national, Measure::ANNUAL),
        "hourly": group(national, Measure::HOURLY),
        "notes": notes,
    })
}

/// The measures of the CSV's official columns, in order.
const CSV_MEASURES: [Measure; 13] = [
    Measure::Employment,
    Measure::AnnualP10,
    Measure::AnnualP25,
    Measure::AnnualMedian,
    Measure::AnnualP75,
    Measure::AnnualP90,
    Measure::AnnualMean,
    Measure::HourlyP10,
    Measure::HourlyP25,
    Measure::HourlyMedian,
    Measure::HourlyP75,
    Measure::HourlyP90,
    Measure::HourlyMean,
];

/// The names of the CSV's official columns.
pub fn csv_header() -> Vec<String> {
    let mut header: Vec<String> = ["soc", "title", "release", "area"]
        .into_iter()
        .map(str::to_owned)
        .chain(CSV_MEASURES.iter().map(|m| m.column().to_owned()))
        .chain(["footnotes".to_owned()])
        .collect();
    for name in &mut header {
        name.insert_str(0, "official_");
    }
    header
}

/// A role's official cells, as written (empty without figures): numbers
/// as BLS writes them, `>=239200` (`>=115.00` an hour) for a top-coded
/// wage, empty for a figure without a number, and the footnotes as
/// `column:code` pairs (`annual_p90:5; hourly_p90:5`).
pub fn csv_cells(national: Option<&National<'_>>) -> Vec<String> {
    let Some(national) = national else {
        return vec![String::new(); csv_header().len()];
    };
    let pay = national.pay;
    let mut cells = vec![
        national.occupation.soc.clone(),
        national.occupation.title.clone(),
        pay.release.name.clone(),
        national.area.name.clone(),
    ];
    let mut footnotes = Vec::new();
    for measure in CSV_MEASURES {
        let figure = national.estimates.get(measure);
        let unit = measure.unit();
        let cell = match (figure.value(), Status::of(pay, measure, figure)) {
            (Some(value), _) => format_value(value, unit),
            (None, Status::TopCoded) => pay
                .at_least(measure, figure)
                .map(|floor| format!(">={}", format_value(floor, unit)))
                .unwrap_or_default(),
            (None, _) => String::new(),
        };
        cells.push(cell);
        let codes: Vec<&str> = pay
            .footnotes_of(figure)
            .map(|note| note.code.as_str())
            .collect();
        if !codes.is_empty() {
            footnotes.push(format!("{}:{}", measure.column(), codes.join(",")));
        }
    }
    cells.push(footnotes.join("; "));
    cells
}

/// schema.org's `occupationalCategory` for the occupation: its SOC code
/// as a `CategoryCode`.
pub fn occupational_category(national: &National<'_>) -> Value {
    json!({
        "@type": "CategoryCode",
        "codeValue": national.occupation.soc.as_str(),
        "name": national.occupation.title.as_str(),
        "inCodeSet": {
            "@type": "CategoryCodeSet",
            "name": "Standard Occupational Classification (SOC)",
            "url": "https://www.bls.gov/soc/",
        },
    })
}

/// schema.org's `occupationLocation` for national figures.
pub fn occupation_location() -> Value {
    json!({ "@type": "Country", "name": "United States" })
}

/// The schema.org properties of a `QuantitativeValueDistribution`, by
/// measure; the mean has none, and is given in words.
const PERCENTILES: [(&str, &str); 5] = [
    ("p10", "percentile10"),
    ("p25", "percentile25"),
    ("median", "median"),
    ("p75", "percentile75"),
    ("p90", "percentile90"),
];

/// `10th percentile`, `median`, `mean`.
fn words(key: &str) -> &'static str {
    match key {
        "p10" => "10th percentile",
        "p25" => "25th percentile",
        "median" => "median",
        "p75" => "75th percentile",
        "p90" => "90th percentile",
        _ => "mean",
    }
}

/// `$79,900`, `$67.11`.
fn dollars(value: u32, unit: Unit) -> String {
    match unit {
        Unit::CentsPerHour => format!(
            "${}.{:02}",
            format::thousands(u64::from(value / 100)),
            value % 100
        ),
        Unit::Jobs | Unit::DollarsPerYear => format::money(u64::from(value), "USD"),
    }
}

/// BLS's wage distribution as a schema.org `MonetaryAmountDistribution`:
/// the annual one, or the hourly one for an occupation BLS gives no annual
/// wage for; `None` when neither has a number. A percentile BLS published
/// without a number is left out, and the description says why.
pub fn salary_distribution(national: &National<'_>) -> Option<Value> {
    let (measures, duration, kind) = [
        (Measure::ANNUAL, "P1Y", "Annual"),
        (Measure::HOURLY, "PT1H", "Hourly"),
    ]
    .into_iter()
    .find(|(measures, _, _)| {
        measures
            .iter()
            .any(|m| national.estimates.get(*m).value().is_some())
    })?;
    let title = national.occupation.title.as_str();
    let soc = national.occupation.soc.as_str();
    let mut distribution = json!({
        "@type": "MonetaryAmountDistribution",
        "name": format!(
            "BLS OEWS {} national estimate for {}: {title} (SOC {soc})",
            national.pay.release.name, national.title
        ),
        "currency": "USD",
        "duration": duration,
    });
    let said = percentiles(national, measures, &mut distribution);
    distribution["description"] = distribution_description(national, kind, &said).into();
    Some(distribution)
}

/// Each measure of a distribution in words, and what else its
/// description must say.
struct Said {
    /// `median $134,050`, `90th percentile not released`.
    parts: Vec<String>,
    /// Some wage is top-coded.
    top_coded: bool,
    /// Some percentile has no number, so the distribution leaves it out.
    left_out: bool,
}

/// Sets the `distribution`'s percentiles that have a number, and says
/// each of the `measures` in words.
fn percentiles(national: &National<'_>, measures: [Measure; 6], distribution: &mut Value) -> Said {
    let pay = national.pay;
    let mut said = Said {
        parts: Vec::new(),
        top_coded: false,
        left_out: false,
    };
    for measure in measures {
        let figure = national.estimates.get(measure);
        let unit = measure.unit();
        let key = key(measure);
        let property = PERCENTILES.iter().find(|(k, _)| *k == key).map(|p| p.1);
        let words_of = match (figure.value(), Status::of(pay, measure, figure)) {
            (Some(value), _) => {
                if let Some(property) = property {
                    distribution[property] = number(value, unit);
                }
                dollars(value, unit)
            }
            (None, status) => {
                said.left_out |= property.is_some();
                said.top_coded |= status == Status::TopCoded;
                without_number(pay, measure, figure, status)
            }
        };
        said.parts.push(format!("{} {words_of}", words(key)));
    }
    said
}

/// Why a figure has no number, in words: its floor when top-coded.
fn without_number(pay: &OfficialPay, measure: Measure, figure: Figure, status: Status) -> String {
    match status {
        Status::TopCoded => pay.at_least(measure, figure).map_or_else(
            || "above the top of the survey's range".to_owned(),
            |floor| format!("{} or more", dollars(floor, measure.unit())),
        ),
        Status::NotReleased => "not released".to_owned(),
        _ => "not published".to_owned(),
    }
}

/// The distribution's description: the `kind` (`Annual`, `Hourly`) of
/// wages, each measure as `said`, why some have no number, the source.
fn distribution_description(national: &National<'_>, kind: &str, said: &Said) -> String {
    let title = national.occupation.title.as_str();
    let soc = national.occupation.soc.as_str();
    let release = &national.pay.release;
    let published = release
        .published
        .as_deref()
        .map(|day| format!(", published {day}"))
        .unwrap_or_default();
    let mut description = format!(
        "{kind} wages of wage and salary workers (the self-employed are not included) in {title} (SOC {soc}), the official occupation this site counts {} in, in the United States, all industries, as BLS published them: {}.",
        national.title,
        said.parts.join(", "),
    );
    if said.top_coded {
        description.push_str(
            " A wage at or above the top of the survey's range is top-coded: BLS publishes no number for it.",
        );
    }
    if said.left_out {
        description.push_str(" A percentile without a number is left out here.");
    }
    description.push_str(&format!(
        " Source: {SOURCE_NAME}, {}{published}.",
        release.name
    ));
    description
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_the_group() {
        assert_eq!(key(Measure::AnnualP10), "p10");
        assert_eq!(key(Measure::HourlyMedian), "median");
        assert_eq!(key(Measure::Employment), "employment");
    }
}
