//! The commands that run once and exit: `check`, `export`, `healthcheck`.

use std::process::ExitCode;
use std::time::Duration;

use super::args::{ContentArgs, DEFAULT_ADDR, ExportArgs, HealthcheckArgs};
use crate::build;

/// Validates the content folder, printing every problem, or what it holds.
pub(super) fn check(args: &ContentArgs) -> ExitCode {
    let content = match build::load(&args.content) {
        Ok(content) => content,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    let roles = content.roles.len();
    let comparisons = content.comparisons.len();
    let pay = content
        .official_pay
        .as_ref()
        .map(|pay| format!(", {}", pay_summary(pay)))
        .unwrap_or_default();
    println!(
        "{}: ok, {roles} role{}, {comparisons} curated comparison{}{pay}",
        args.content.display(),
        if roles == 1 { "" } else { "s" },
        if comparisons == 1 { "" } else { "s" },
    );
    ExitCode::SUCCESS
}

/// `official pay (BLS OEWS May 2025) for 2 occupations in 583 areas`.
fn pay_summary(pay: &crate::oews::OfficialPay) -> String {
    let occupations = pay.occupations().len();
    let areas = pay.areas().len();
    format!(
        "official pay (BLS OEWS {}) for {occupations} occupation{} in {areas} area{}",
        pay.release.name,
        if occupations == 1 { "" } else { "s" },
        if areas == 1 { "" } else { "s" },
    )
}

/// Writes the site as static files. Without a base URL from the flag or
/// site.yaml, links name the address `serve` listens on by default.
pub(super) fn export(args: &ExportArgs) -> ExitCode {
    let mut base_url = String::new();
    let built = build::build(&args.content.content, |content| {
        let settings = args.site.settings(content, DEFAULT_ADDR);
        if let Some(warning) = args.site.fallback_warning(content, &settings.base_url) {
            eprintln!("warning: {warning}");
        }
        base_url.clone_from(&settings.base_url);
        settings
    });
    let site = match built {
        Ok(site) => site,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    match crate::export::export(&site, &args.out) {
        Ok(summary) => {
            println!(
                "exported {} pages and files ({} files with compressed forms) to {}; canonical URLs use {base_url}",
                summary.paths.len(),
                summary.files,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write to {}: {error}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

/// The health check for container `HEALTHCHECK`s: a plain HTTP/1.1 GET over
/// a TCP socket (no HTTP client dependency), 2 seconds in all.
pub(super) fn healthcheck(args: &HealthcheckArgs) -> ExitCode {
    let url = args.url.clone().unwrap_or_else(|| {
        format!(
            "http://127.0.0.1:{}{}/healthz",
            args.addr.port(),
            args.base_path
        )
    });
    match crate::health::probe(&url, Duration::from_secs(2)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("unhealthy: {url}: {error}");
            ExitCode::FAILURE
        }
    }
}
