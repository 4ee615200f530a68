//! Official pay figures: the U.S. Bureau of Labor Statistics' Occupational
//! Employment and Wage Statistics (OEWS).
//!
//! - `pay` is the content folder's `official-pay.csv`: the model the site
//!   loads ([`OfficialPay`]), its reader and its writer.

pub mod pay;

pub use pay::{
    Area, AreaKind, Estimates, Figure, Footnote, FootnoteSet, Measure, NATIONAL, Occupation,
    OfficialPay, Release, Unit,
};
