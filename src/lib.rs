//! rolecompare: a self-hostable, server-rendered website that puts career
//! roles side by side.
//!
//! `content` loads and validates the content folder; `render` turns it into
//! page bytes once; `routes` serves those bytes; `server` runs it and writes
//! the `access_log`; `cli` is the command line. The binary (`main.rs`) only parses arguments, sets up
//! logging and calls [`cli::run`].

pub mod access_log;
pub mod address;
pub mod build;
pub mod cli;
pub mod content;
pub mod error;
pub mod export;
pub mod fit;
pub mod health;
pub mod render;
pub mod routes;
pub mod server;
pub mod watch;
