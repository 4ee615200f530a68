//! Official pay figures: the U.S. Bureau of Labor Statistics' Occupational
//! Employment and Wage Statistics (OEWS).
//!
//! - `flat` reads BLS's time-series flat files (`oe.data.0.Current`,
//!   `oe.area`, …).
//! - `pay` is the content folder's `official-pay.csv`: the model the site
//!   loads ([`OfficialPay`]), its reader and its writer.
//! - `import` turns the first into the second (`rolecompare import-oews`).

pub mod flat;
pub mod import;
pub mod pay;

pub use pay::{
    Area, AreaKind, Estimates, Figure, Footnote, FootnoteSet, Measure, NATIONAL, Occupation,
    OfficialPay, Release, Unit,
};
