//! The typed content model: what `content/` holds once it has been parsed.
//!
//! Front matter deserializes straight into these structs with
//! `deny_unknown_fields`, so a misspelt key is an error rather than lost data.
//! Values that a later check must point at (salary figures, time blocks,
//! required lists) keep their YAML location in a [`Spanned`] wrapper.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, de};
use serde_saphyr::Spanned;

/// A non-empty piece of plain text. Whitespace-only text is rejected while
/// parsing, so the error carries the value's line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(de::Error::custom("text must not be empty"));
        }
        Ok(Self(trimmed.to_owned()))
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "pattern": "\\S",
            "description": "Plain text; not empty."
        })
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// `content/site.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title: Text,
    pub tagline: Text,
    pub description: Text,
    /// Absolute URL the site is published at; empty in the bundled content so
    /// that self-hosters never inherit a domain.
    #[serde(default)]
    pub base_url: String,
    /// Salary levels in order, lowest first. Roles may only use these ids.
    #[schemars(with = "Vec<LevelDef>")]
    pub levels: Spanned<Vec<LevelDef>>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl Site {
    pub fn level(&self, id: &str) -> Option<&LevelDef> {
        self.levels
            .value
            .iter()
            .find(|level| level.id.value.as_str() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    #[schemars(with = "Text")]
    pub id: Spanned<Text>,
    pub label: Text,
}

/// Where a fact or figure comes from.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: Text,
    pub author: Option<Text>,
    /// The organization the author works for, as the source states it:
    /// not the publisher, which the source may not name.
    #[schemars(with = "Option<Text>")]
    pub author_affiliation: Option<Spanned<Text>>,
    pub publisher: Option<Text>,
    pub url: Option<Text>,
    /// When the figures were current, as the source states it.
    pub as_of: Option<Text>,
}

/// A named point with a sentence or two about it: a responsibility, a skill,
/// a day-to-day activity, a job-market observation.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: Text,
    pub detail: Text,
    /// Labels for the ground this item covers; items of different roles that
    /// share a tag cover the same ground (the differences view hides them).
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub tags: Vec<Spanned<Text>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub name: Text,
    /// How the source rates the certification for this role.
    pub note: Text,
    /// As on items: shared tags mean shared ground.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub tags: Vec<Spanned<Text>>,
}

/// The front matter of `content/roles/<slug>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleFrontMatter {
    pub title: Text,
    /// Former slugs: their URLs redirect (301) to this role's.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub aliases: Vec<Spanned<Text>>,
    /// A group for pickers, e.g. "Cloud".
    pub family: Option<Text>,
    #[schemars(with = "Text")]
    pub summary: Spanned<Text>,
    #[schemars(with = "Vec<Item>")]
    pub responsibilities: Spanned<Vec<Item>>,
    #[schemars(with = "Vec<Item>")]
    pub skills: Spanned<Vec<Item>>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    #[schemars(with = "Vec<Item>")]
    pub day_to_day: Spanned<Vec<Item>>,
    pub day_in_the_life: Option<DayInTheLife>,
    #[schemars(with = "Vec<CareerStage>")]
    pub career_path: Spanned<Vec<CareerStage>>,
    #[schemars(with = "Vec<Item>")]
    pub job_market: Spanned<Vec<Item>>,
    pub salaries: Salaries,
    /// The official occupation whose figures (`official-pay.csv`) are shown
    /// beside the role's ranges.
    pub occupation: Option<RoleOccupation>,
}

/// The official occupation closest to a role, in the Standard Occupational
/// Classification that BLS's figures use.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleOccupation {
    /// The SOC code, `NN-NNNN` (e.g. `15-1241`); `official-pay.csv` must
    /// hold figures for it.
    #[schemars(with = "SocCode")]
    pub soc: Spanned<Text>,
    /// Why this occupation is the closest, and how the role differs from it.
    pub note: Text,
    /// The other occupations the note weighed, as SOC codes: pages show
    /// each one's median beside the chosen one's, and `official-pay.csv`
    /// must hold national figures for each.
    #[serde(default)]
    #[schemars(with = "Vec<SocCode>")]
    pub alternatives: Vec<Spanned<Text>>,
}

/// A SOC code, for the JSON Schema.
struct SocCode;

impl JsonSchema for SocCode {
    fn schema_name() -> Cow<'static, str> {
        "SocCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{2}-[0-9]{4}$",
            "description": "A Standard Occupational Classification code, NN-NNNN, e.g. 15-1241."
        })
    }
}

/// One role, loaded from `content/roles/<slug>.md`: its fields
/// ([`RoleData`]), shared rather than copied, and which text they were read
/// from, so a reload keeps the roles whose files did not change instead of
/// reading them again.
#[derive(Debug, Clone)]
pub struct Role {
    data: Arc<RoleData>,
    /// A hash of the file's text.
    source: u64,
}

impl Role {
    pub(super) fn from_file(data: RoleData, text: &str) -> Self {
        Self {
            data: Arc::new(data),
            source: source_hash(text),
        }
    }

    /// Whether the role was read from `text`.
    pub(super) fn read_from(&self, text: &str) -> bool {
        self.source == source_hash(text)
    }

    /// Whether both are one reading of a file: what a reload keeps of a
    /// role whose file did not change.
    pub fn shares_data_with(&self, other: &Role) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
    }
}

/// A hash of a file's text: the same in every run of the program.
fn source_hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

impl std::ops::Deref for Role {
    type Target = RoleData;
    fn deref(&self) -> &RoleData {
        &self.data
    }
}

impl PartialEq for Role {
    fn eq(&self, other: &Self) -> bool {
        self.shares_data_with(other) || self.data == other.data
    }
}

/// What a role file says.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleData {
    /// The file stem; the role's URL segment.
    pub slug: String,
    pub title: Text,
    /// Former slugs, with their locations in the file.
    pub aliases: Vec<Spanned<Text>>,
    pub family: Option<Text>,
    pub summary: Text,
    /// The overview: the markdown body after the front matter, as written.
    /// Pages render it at the heading level they need
    /// (`content::markdown`).
    pub overview: String,
    pub responsibilities: Vec<Item>,
    pub skills: Vec<Item>,
    pub certifications: Vec<Certification>,
    pub day_to_day: Vec<Item>,
    pub day_in_the_life: Option<DayInTheLife>,
    pub career_path: Vec<CareerStage>,
    pub job_market: Vec<Item>,
    pub salaries: Salaries,
    /// The closest official occupation, when the role names one.
    pub occupation: Option<RoleOccupation>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DayInTheLife {
    /// True when the schedule is an example rather than a record.
    pub illustrative: bool,
    #[schemars(with = "Vec<TimeBlock>")]
    pub blocks: Spanned<Vec<TimeBlock>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeBlock {
    #[schemars(with = "ClockTime")]
    pub start: Spanned<ClockTime>,
    #[schemars(with = "ClockTime")]
    pub end: Spanned<ClockTime>,
    pub activity: Text,
    pub detail: Text,
    /// What sort of work this is (`hands-on`, `meetings`, …): a lowercase
    /// label used to group hours and style blocks.
    #[schemars(with = "Text")]
    pub kind: Spanned<Text>,
}

/// A time of day, `HH:MM` from `00:00` to `24:00`, kept as minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(u16);

impl ClockTime {
    pub fn minutes(self) -> u16 {
        self.0
    }

    fn parse(text: &str) -> Option<Self> {
        let (hours, minutes) = text.split_once(':')?;
        let two_digits = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(hours) || !two_digits(minutes) {
            return None;
        }
        let hours: u16 = hours.parse().ok()?;
        let minutes: u16 = minutes.parse().ok()?;
        let valid = (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0);
        valid.then_some(Self(hours * 60 + minutes))
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "`{text}` is not a time of day: write it as \"HH:MM\", from \"00:00\" to \"24:00\""
            ))
        })
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
            "description": "A time of day, \"HH:MM\" from \"00:00\" to \"24:00\"."
        })
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CareerStage {
    pub stage: Text,
    /// Job titles the source names for this stage; may be empty when the
    /// stage is described by areas rather than titles.
    pub titles: Vec<Text>,
    pub detail: Text,
    /// The salary level (an id from `site.yaml`) this stage corresponds to,
    /// when the content states one.
    #[schemars(with = "Option<Text>")]
    pub level: Option<Spanned<Text>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Salaries {
    /// ISO 4217 code, e.g. `USD`.
    #[schemars(with = "Text")]
    pub currency: Spanned<Text>,
    pub period: Period,
    /// What the figures cover (base pay, total compensation…), when known.
    pub basis: Option<Text>,
    /// How the site reads the figures where the source leaves something
    /// open (for example dollars with no country named), shown beside them.
    pub note: Option<Text>,
    pub source: Source,
    #[schemars(with = "Vec<SalaryLevel>")]
    pub levels: Spanned<Vec<SalaryLevel>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Week,
    Day,
    Hour,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Week => "week",
            Self::Day => "day",
            Self::Hour => "hour",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SalaryLevel {
    /// An id from `site.yaml`'s `levels`.
    #[schemars(with = "Text")]
    pub level: Spanned<Text>,
    #[schemars(with = "u64")]
    pub min: Spanned<u64>,
    #[schemars(with = "u64")]
    pub max: Spanned<u64>,
    /// The top of the range is a floor rather than a ceiling ("$180,000+").
    #[serde(default)]
    pub open_ended: bool,
}

/// The front matter of `content/comparisons/<a>-vs-<b>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComparisonFrontMatter {
    pub summary: Option<Text>,
    #[schemars(with = "Vec<Item>")]
    pub key_differences: Spanned<Vec<Item>>,
    #[schemars(with = "Vec<Item>")]
    pub how_to_choose: Spanned<Vec<Item>>,
}

/// Curated text for one pair of roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The first role, as the file name orders the pair.
    pub a: String,
    pub b: String,
    pub summary: Option<Text>,
    /// The introduction: the markdown body after the front matter, as
    /// written.
    pub intro: String,
    pub key_differences: Vec<Item>,
    pub how_to_choose: Vec<Item>,
}

/// `content/fit.yaml`: the "Which role fits you?" questionnaire.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    /// A sentence or two above the questions.
    pub intro: Option<Text>,
    #[schemars(with = "Vec<Question>")]
    pub questions: Spanned<Vec<Question>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question's URL parameter: lowercase words with hyphens.
    #[schemars(with = "Text")]
    pub id: Spanned<Text>,
    pub text: Text,
    #[schemars(with = "Vec<Answer>")]
    pub answers: Spanned<Vec<Answer>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The answer's URL value, unique within its question.
    #[schemars(with = "Text")]
    pub id: Spanned<Text>,
    pub text: Text,
    /// Points this answer gives each role it speaks for (1–5), by slug.
    /// Roles not named get none; roles the questionnaire never names are not
    /// scored at all.
    #[schemars(with = "std::collections::BTreeMap<String, u8>")]
    pub weights: Spanned<std::collections::BTreeMap<String, u8>>,
    /// Why the answer points that way, shown with the result.
    pub because: Text,
}
