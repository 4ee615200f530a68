//! Official pay figures: the U.S. Bureau of Labor Statistics' Occupational
//! Employment and Wage Statistics (OEWS). This module owns reading and
//! writing those figures; it must not know the content's roles, pages or
//! HTTP.
//!
//! - `figures` is one figure: its measure and unit, value or `-`, footnotes.
//! - `model` is the figures by occupation and area ([`OfficialPay`]), as
//!   the site reads them, and the `Builder` that makes one.
//! - `header`, `read` and `write` are the content folder's
//!   `official-pay.csv`.
//! - `flat` and `data` read BLS's time-series flat files (`oe.area`, …,
//!   `oe.data.0.Current`); `import` turns them into `official-pay.csv`
//!   (`rolecompare import-oews`).

pub mod data;
pub mod figures;
pub mod flat;
pub mod header;
pub mod import;
pub mod model;
pub mod read;
pub mod write;

pub use figures::{Estimates, Figure, FootnoteSet, Measure, Unit, is_date, is_soc};
pub use header::Problem;
pub use model::{
    Area, AreaKind, Builder, DATA_URL, FILE_NAME, Footnote, NATIONAL, Occupation, OfficialPay,
    Release, SOURCE_URL,
};
