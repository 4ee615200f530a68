//! BLS's OEWS figures by occupation and area, as the site reads them
//! ([`OfficialPay`]), and the [`Builder`] that both the import and the
//! reader of `official-pay.csv` make one with.

use std::collections::HashMap;
use std::ops::Range;

use super::figures::{Estimates, Figure, Measure, Unit, parse_value};

/// The data file's name in the content folder.
pub const FILE_NAME: &str = "official-pay.csv";
/// BLS's OEWS home page.
pub const SOURCE_URL: &str = "https://www.bls.gov/oes/";
/// Where BLS publishes the flat files the figures are imported from.
pub const DATA_URL: &str = "https://download.bls.gov/pub/time.series/oe/";
/// The area code of the nation as a whole.
pub const NATIONAL: &str = "0000000";

/// At most this many problems are reported per file; a count follows.
pub const PROBLEM_LIMIT: usize = 20;

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
    pub(super) rows: Range<usize>,
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
    /// Every footnote the file declares; a [`FootnoteSet`](super::FootnoteSet) indexes this.
    pub footnotes: Vec<Footnote>,
    /// Sorted by SOC code.
    pub(super) occupations: Vec<Occupation>,
    /// The nation, then states, then metropolitan and nonmetropolitan
    /// areas, each by area code.
    pub(super) areas: Vec<Area>,
    /// Grouped by occupation (see `Occupation::rows`), by area within one.
    pub(super) rows: Vec<Row>,
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

    /// The floor BLS states for a top-coded figure, in the measure's unit,
    /// read from its footnote ("equal to or greater than $115.00 per hour or
    /// $239,200 per year"), so a new release's floor is the one it states.
    pub fn at_least(&self, measure: Measure, figure: Figure) -> Option<u32> {
        let suffix = match measure.unit() {
            Unit::DollarsPerYear => " per year",
            Unit::CentsPerHour => " per hour",
            Unit::Jobs => return None,
        };
        self.footnotes_of(figure)
            .filter(|note| note.code == TOP_CODED)
            .find_map(|note| amount_before(&note.text, suffix, measure.unit()))
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
    pub(super) occupations: Vec<(String, String, Vec<Row>)>,
    pub(super) occupation_index: HashMap<String, usize>,
    /// (code, kind, name).
    pub(super) areas: Vec<(String, AreaKind, String)>,
    pub(super) area_codes: HashMap<[u8; 7], u16>,
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
        let areas = order_areas(&self.areas);
        let mut occupations = self.occupations;
        occupations.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rows = Vec::with_capacity(occupations.iter().map(|o| o.2.len()).sum());
        let occupations = occupations
            .into_iter()
            .map(|(soc, title, mut own)| {
                for row in &mut own {
                    row.0 = areas.position[usize::from(row.0)];
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
            areas: areas.areas,
            rows,
            by_code: areas.by_code,
            by_slug: areas.by_slug,
        }
    }
}

/// The areas in the model's order, and how to find them.
struct OrderedAreas {
    areas: Vec<Area>,
    /// The new position of each area, by its position in the builder.
    position: Vec<u16>,
    by_code: HashMap<String, u16>,
    by_slug: HashMap<String, u16>,
}

/// The builder's areas (code, kind, name) in the model's order: the
/// nation, states, then metropolitan areas, each by code; each with a
/// slug no area before it has.
fn order_areas(built: &[(String, AreaKind, String)]) -> OrderedAreas {
    let mut order: Vec<usize> = (0..built.len()).collect();
    order.sort_by(|&a, &b| {
        let (code_a, kind_a, _) = &built[a];
        let (code_b, kind_b, _) = &built[b];
        (kind_a, code_a).cmp(&(kind_b, code_b))
    });
    let mut ordered = OrderedAreas {
        areas: Vec::with_capacity(built.len()),
        position: vec![0u16; built.len()],
        by_code: HashMap::with_capacity(built.len()),
        by_slug: HashMap::with_capacity(built.len()),
    };
    for (new, &old) in order.iter().enumerate() {
        let (code, kind, name) = &built[old];
        // At most 65,536 areas: `area` refuses more.
        let new = u16::try_from(new).unwrap_or(u16::MAX);
        ordered.position[old] = new;
        let base = slug(name).unwrap_or_else(|| format!("area-{code}"));
        let mut slug = base.clone();
        let mut n = 2;
        while ordered.by_slug.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        ordered.by_code.insert(code.clone(), new);
        ordered.by_slug.insert(slug.clone(), new);
        ordered.areas.push(Area {
            code: code.clone(),
            kind: *kind,
            name: name.clone(),
            slug,
        });
    }
    ordered
}

/// A name in lowercase ASCII letters and digits, other runs of characters
/// as one hyphen (`San Francisco-Oakland-Fremont, CA` →
/// `san-francisco-oakland-fremont-ca`), as the content's anchors are made;
/// `None` if nothing is left.
pub fn slug(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// BLS's footnote for a top-coded wage ("equal to or greater than …").
pub const TOP_CODED: &str = "5";

/// The dollar amount in `text` written just before `suffix`
/// (`$239,200 per year`).
fn amount_before(text: &str, suffix: &str, unit: Unit) -> Option<u32> {
    text.match_indices('$').find_map(|(at, _)| {
        let rest = &text[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        if !rest[end..].starts_with(suffix) {
            return None;
        }
        let digits: String = rest[..end].chars().filter(|&c| c != ',').collect();
        parse_value(&digits, unit).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_top_code_from_the_footnote() {
        let text = "This wage is equal to or greater than $115.00 per hour or $239,200 per year.";
        assert_eq!(
            amount_before(text, " per year", Unit::DollarsPerYear),
            Some(239_200)
        );
        assert_eq!(
            amount_before(text, " per hour", Unit::CentsPerHour),
            Some(11_500)
        );
        assert_eq!(
            amount_before("Estimate not released.", " per year", Unit::DollarsPerYear),
            None
        );
    }
}
