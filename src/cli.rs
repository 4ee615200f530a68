//! The command line: `rolecompare <command>`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::content::Content;

#[derive(Debug, Parser)]
#[command(name = "rolecompare", version, about = "Career roles, side by side")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the content folder; print every problem as path:line:column: message.
    Check(ContentArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// The content folder: site.yaml, roles/, comparisons/.
    #[arg(long, env = "ROLECOMPARE_CONTENT", default_value = "content")]
    pub content: PathBuf,
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(&args),
    }
}

/// Loads the content, printing every problem to stderr. `None` if any.
pub fn load_or_report(args: &ContentArgs) -> Option<Content> {
    match Content::load(&args.content) {
        Ok(content) => Some(content),
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            let count = problems.len();
            eprintln!(
                "{count} problem{} in {}",
                if count == 1 { "" } else { "s" },
                args.content.display()
            );
            None
        }
    }
}

fn check(args: &ContentArgs) -> ExitCode {
    let Some(content) = load_or_report(args) else {
        return ExitCode::FAILURE;
    };
    let roles = content.roles.len();
    let comparisons = content.comparisons.len();
    println!(
        "{}: ok, {roles} role{}, {comparisons} curated comparison{}",
        args.content.display(),
        if roles == 1 { "" } else { "s" },
        if comparisons == 1 { "" } else { "s" },
    );
    ExitCode::SUCCESS
}
