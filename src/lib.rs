//! rolecompare: a self-hostable, server-rendered website that puts career
//! roles side by side.
//!
//! - `content` loads and validates the content folder.
//! - `address` is the URL grammar: every page and resource as a `Page`.
//! - `pages` says what each kind of address means against the content:
//!   found, redirected, or missing and why, resolved once per request.
//! - `render` draws what pages show (views, charts, cards, data files);
//!   `store` keeps every page's bytes in every form, built once or on
//!   request into a bounded cache; `build` loads and builds a site for
//!   `serve`, `export` and `--watch`.
//! - `http` answers requests from those bytes and runs the server.
//! - `export` writes the site as static files; `watch` reloads it.
//! - `fit` scores the questionnaire; `health` is the healthcheck probe.
//! - `oews` reads BLS's official pay figures and the content's copy of them.
//! - `cli` is the command line; `main.rs` only parses arguments, sets up
//!   logging and calls [`cli::run`].
//!
//! The code map in docs/ARCHITECTURE.md shows the files of each.

pub mod address;
pub mod build;
pub mod cli;
pub mod content;
pub mod export;
pub mod fit;
pub mod health;
pub mod http;
pub mod oews;
pub mod pages;
pub mod render;
pub mod store;
pub mod watch;
