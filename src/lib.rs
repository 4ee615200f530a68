//! rolecompare: a self-hostable, server-rendered website that puts career
//! roles side by side.
//!
//! The binary (`main.rs`) only parses the command line and calls [`cli::run`].

pub mod cli;
pub mod content;
