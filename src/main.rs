use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    rolecompare::cli::run(rolecompare::cli::Cli::parse())
}
