//! What pages are drawn with: content arranged for templates, charts,
//! maps, the day's strips, preview cards, the data files and what error
//! pages say. Everything here is a plain function of the content and the
//! settings.
//!
//! This module owns the views templates see and the drawings; it must not
//! touch HTTP, the store of rendered bytes (`store`) or which addresses
//! exist (`pages`), and it imports neither.
//!
//! - [`views`]: the data templates show; [`chart`] and [`day`] their
//!   drawings, [`map`] the map of the states on the pay pages; [`errors`]
//!   what error pages say.
//! - [`cards`] and [`card`]: what link-preview images show and how they are
//!   drawn; [`card_text`] their text, measured and fitted.
//! - [`data`]: the JSON API, the CSV and JSON-LD; [`official_data`] the
//!   official (BLS) figures in them.
//! - [`assets`]: the fingerprinted static files; [`settings`] how the site
//!   is published, and how long caches may keep what it serves.

pub mod assets;
pub mod card;
mod card_ranges;
mod card_text;
pub(crate) mod cards;
pub mod chart;
mod chart_base;
mod chart_legend;
mod chart_percentiles;
mod chart_scale;
pub mod colour;
pub mod data;
pub mod day;
mod day_scale;
pub mod errors;
pub mod format;
pub(crate) mod map;
mod official_data;
pub(crate) mod settings;
mod suggest;
pub(crate) mod views;

pub use crate::address::MAX_ROLES;

pub use assets::Assets;
pub use errors::ErrorView;
pub use settings::{CachePolicy, DEFAULT_CACHE_BYTES, Settings};
pub use suggest::closest_roles;
