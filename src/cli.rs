//! The command line: `rolecompare [serve|check] …`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::content::Content;
use crate::render::{Rendered, Urls};
use crate::routes::AppState;

#[derive(Debug, Parser)]
#[command(
    name = "rolecompare",
    version,
    about = "Career roles, side by side",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no command, rolecompare serves the site.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default command).
    Serve(ServeArgs),
    /// Validate the content folder; print every problem as path:line:column: message.
    Check(ContentArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// The content folder: site.yaml, roles/, comparisons/.
    #[arg(long, env = "ROLECOMPARE_CONTENT", default_value = "content")]
    pub content: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "ROLECOMPARE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub content: ContentArgs,
    /// Absolute URL the site is published at, for canonical links
    /// (default: `base_url` in site.yaml, else http://<listen address>).
    #[arg(long, env = "ROLECOMPARE_BASE_URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
}

/// An `http(s)://` URL without a trailing slash.
fn parse_base_url(value: &str) -> Result<String, String> {
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or("it must start with http:// or https://")?;
    if rest.is_empty() || rest.contains(['?', '#', ' ']) {
        return Err("it must be an absolute URL such as https://careers.example.org".to_owned());
    }
    Ok(trimmed.to_owned())
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check(args)) => check(&args),
        Some(Command::Serve(args)) => serve(&args),
        None => serve(&cli.serve),
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

/// The base URL: the flag or variable, else site.yaml, else the address.
fn base_url(args: &ServeArgs, content: &Content, addr: SocketAddr) -> String {
    if let Some(url) = &args.base_url {
        return url.clone();
    }
    if let Ok(url) = parse_base_url(&content.site.base_url) {
        return url;
    }
    let host = if addr.ip().is_unspecified() {
        "localhost".to_owned()
    } else {
        addr.ip().to_string()
    };
    let host = if addr.is_ipv6() && host != "localhost" {
        format!("[{host}]")
    } else {
        host
    };
    format!("http://{host}:{}", addr.port())
}

fn serve(args: &ServeArgs) -> ExitCode {
    let Some(content) = load_or_report(&args.content) else {
        return ExitCode::FAILURE;
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!(
                    "cannot listen on {} (--addr / ROLECOMPARE_ADDR): {error}",
                    args.addr
                );
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().unwrap_or(args.addr);
        let urls = Urls {
            base_url: base_url(args, &content, addr),
            base_path: String::new(),
        };
        let rendered = match Rendered::new(content, urls) {
            Ok(rendered) => rendered,
            Err(error) => {
                eprintln!("cannot render the site: {error}");
                return ExitCode::FAILURE;
            }
        };
        tracing::info!(
            "serving {} on http://{addr}",
            args.content.content.display()
        );
        match crate::server::serve(listener, AppState::new(rendered)).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("server error: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
