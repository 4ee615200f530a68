//! What templates see: the model arranged for a page (aligned rows, formatted
//! figures, links), so templates only loop and print. One file per family
//! of pages: comparisons and role pages (`compare`, with their `items` and
//! `levels`), salaries (`salaries`), share pages (`share`), a move from
//! one role to another (`transition`), official pay (`pay`, with a pair's
//! states in `pay_states` and a role's areas in `pay_areas`); what every
//! page shares (`layout`)
//! and what several show of a role (`roles`).

mod compare;
mod fold;
mod glance;
mod items;
mod layout;
mod levels;
mod pay;
mod pay_areas;
mod pay_states;
mod roles;
mod salaries;
mod share;
mod steps;
mod transition;

pub use compare::CompareView;
pub use items::anchors;
pub use layout::{Layout, OpenGraph, PairLink, families};
pub use pay::{Official, PayTable, officials_with_pay, place};
pub use pay_areas::{AREA_COLUMNS, RoleAreas};
pub use pay_states::{StateTable, area_choices};
pub use roles::{canonical_pair, canonical_sides, intro_html, overview_html};
pub use salaries::{SalariesView, SortLink};
pub use share::section_description;
pub use transition::TransitionView;
