//! The command line: `rolecompare [serve|check|export|healthcheck|import-oews] …`.
//! This module owns the flags, their variables and what each command
//! prints; it must not hold what the library's layers do: it calls
//! `build`, `http`, `export`, `watch` and `oews`.
//!
//! Every setting is a flag and a `ROLECOMPARE_*` environment variable; a bad
//! value is refused by clap with the flag's name. Each command reads only
//! the variables of its own flags: with no command, `serve` is implied by
//! [`with_default_command`] rather than by flattening `serve`'s flags into
//! the top level, where clap would read their variables for every command.
//!
//! The flags are in `args`; `serve` is in its own module, the other
//! commands in `commands`.

mod args;
mod commands;
mod serve;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::{
    ContentArgs, DEFAULT_ADDR, ExportArgs, HealthcheckArgs, ImportOewsArgs, LimitArgs, ServeArgs,
    SiteArgs,
};

#[derive(Debug, Parser)]
#[command(
    name = "rolecompare",
    version,
    about = "Career roles, side by side",
    override_usage = "rolecompare [COMMAND] [OPTIONS]",
    after_help = "With no command, rolecompare serves the site: `rolecompare [FLAGS]` is `rolecompare serve [FLAGS]`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses this process's arguments, `serve` when no command is given.
    pub fn parse_args() -> Self {
        Self::parse_from(with_default_command(std::env::args_os()))
    }
}

/// The command names and the top-level flags, which need no implied `serve`.
const TOP_LEVEL: &[&str] = &[
    "serve",
    "check",
    "export",
    "healthcheck",
    "import-oews",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];

/// `args` with `serve` inserted after the program name when no command is
/// given: no arguments at all, or a flag first (`rolecompare --addr …`).
/// Anything else is left for clap to accept or report.
pub fn with_default_command(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    let implied = match args.get(1).and_then(|first| first.to_str()) {
        None => args.len() < 2,
        Some(first) => first.starts_with('-') && !TOP_LEVEL.contains(&first),
    };
    if implied {
        args.insert(args.len().min(1), OsString::from("serve"));
    }
    args
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default command).
    Serve(ServeArgs),
    /// Validate the content folder; print every problem as path:line:column: message.
    Check(ContentArgs),
    /// Write every page reachable from / as static files, with .gz and .br forms.
    Export(ExportArgs),
    /// Exit 0 if the server's health endpoint answers 200 within 2 seconds.
    Healthcheck(HealthcheckArgs),
    /// Write the content's official-pay.csv from BLS's OEWS flat files, for
    /// the occupations role files name (or every one with --all).
    ImportOews(ImportOewsArgs),
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => commands::check(&args),
        Command::Serve(args) => serve::serve(&args),
        Command::Export(args) => commands::export(&args),
        Command::Healthcheck(args) => commands::healthcheck(&args),
        Command::ImportOews(args) => commands::import_oews(&args),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::with_default_command;

    #[test]
    fn serve_is_implied_only_without_a_command() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        let implied = |given: &[&str], expected: &[&str]| {
            assert_eq!(
                with_default_command(args(given)),
                args(expected),
                "{given:?}"
            );
        };
        implied(&["rc"], &["rc", "serve"]);
        implied(&["rc", "--addr", "x"], &["rc", "serve", "--addr", "x"]);
        implied(&["rc", "--noindex"], &["rc", "serve", "--noindex"]);
        for kept in [
            &["rc", "check"][..],
            &["rc", "serve", "--watch"],
            &["rc", "export", "--out", "x"],
            &["rc", "healthcheck"],
            &["rc", "import-oews", "--from", "x"],
            &["rc", "--help"],
            &["rc", "-V"],
            &["rc", "help", "serve"],
            &["rc", "unknown"],
        ] {
            implied(kept, kept);
        }
    }
}
