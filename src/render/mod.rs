//! Content → bytes. Every page is rendered once when content loads (or,
//! for pages of one to four roles, on its first request) and kept in every
//! form it is served in; the HTTP layer only looks pages up. Nothing here
//! knows HTTP: a page is bytes, their compressed forms, an ETag, a content
//! type and a [`CachePolicy`].
//!
//! - [`site`]: the registry of pages by address, and the build.
//! - [`pages`]: the HTML pages, one builder each; [`views`] the data they
//!   show; [`chart`] and [`day`] their drawings, [`map`] the map of the
//!   states on the pay pages; [`errors`] what error pages say.
//! - [`sitemap`]: the list of pages, the sitemap and robots.txt.
//! - [`cards`] and [`card`]: link-preview images; [`card_text`] their
//!   text, measured and fitted.
//! - [`data`]: the JSON API, the CSV and JSON-LD; [`official_data`] the
//!   official (BLS) figures in them.
//! - [`resource`], [`cache`], [`assets`]: bytes in every form, the bounded
//!   cache and compression, the fingerprinted static files.
//! - [`renew`]: a reload, re-rendering only what a change touches.

pub mod assets;
pub mod cache;
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
mod renew;
pub mod resource;
pub(crate) mod settings;
mod site;
mod suggest;
pub(crate) mod views;

pub use crate::address::MAX_ROLES;

pub use assets::Assets;
pub use errors::ErrorView;
pub use renew::Changes;
pub use resource::Resource;
pub use settings::{CachePolicy, DEFAULT_CACHE_BYTES, Settings};
pub use site::{RenderError, Rendered};
pub use suggest::closest_roles;
