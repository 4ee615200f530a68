//! The commands that run once and exit: `check`, `export`, `healthcheck`,
//! `import-oews`.

use std::process::ExitCode;
use std::time::Duration;

use super::args::{ContentArgs, DEFAULT_ADDR, ExportArgs, HealthcheckArgs, ImportOewsArgs};
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

/// Writes the content's `official-pay.csv` from BLS's flat files; on any
/// problem, prints it and leaves the content folder as it was.
pub(super) fn import_oews(args: &ImportOewsArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let options = crate::oews::import::Options {
        from: args.from.clone(),
        content: args.content.content.clone(),
        all: args.all,
        published: args.published.clone(),
    };
    match crate::oews::import::import(&options) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            let published = summary
                .pay
                .release
                .published
                .as_ref()
                .map(|date| format!(", published {date}"))
                .unwrap_or_default();
            println!(
                "wrote {}: {}, {} rows{published} ({:.1} s)",
                summary.path.display(),
                pay_summary(&summary.pay),
                summary.pay.len(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            eprintln!(
                "nothing written: {} is unchanged",
                args.content.content.join(crate::oews::FILE_NAME).display()
            );
            ExitCode::FAILURE
        }
    }
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
