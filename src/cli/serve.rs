//! `serve`: load the content, listen, render the site and serve it until
//! SIGTERM or ctrl-c, reloading it on changes under `--watch`.

use std::process::ExitCode;

use super::Cli;
use super::args::ServeArgs;
use crate::build;
use crate::content::Content;
use crate::http::AppState;
use crate::render::Settings;
use crate::watch::{self, Fingerprint, WatchHandle, WatchOptions};

pub(super) fn serve(args: &ServeArgs) -> ExitCode {
    if args.watch_poll && !args.watch {
        return watch_poll_needs_watch();
    }
    // Connections and large pages' memory files both take descriptors.
    crate::store::mapped::raise_open_files_limit();
    // Taken before loading, so a change made while the site first renders
    // is reloaded.
    let baseline = args.watch.then(|| Fingerprint::of(&args.content.content));
    // Loaded before listening: broken content is reported before the
    // address is taken.
    let content = match build::load(&args.content.content) {
        Ok(content) => content,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    // The accept loop, the watcher and signals: connections are served on
    // per-core workers of their own (`http::server`).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(listen_and_serve(args, content, baseline))
}

/// `--watch-poll` without `--watch`: a usage error, exit 2, as clap reports
/// its own.
fn watch_poll_needs_watch() -> ExitCode {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let mut command = cli.find_subcommand("serve").cloned().unwrap_or(cli);
    let error = command.error(
        clap::error::ErrorKind::MissingRequiredArgument,
        "--watch-poll (ROLECOMPARE_WATCH_POLL) needs --watch (ROLECOMPARE_WATCH)",
    );
    let _ = error.print();
    ExitCode::from(2)
}

/// Listens on the address, renders `content` (its base URL may name the
/// address, when port 0 picked one) and serves it.
async fn listen_and_serve(
    args: &ServeArgs,
    content: Content,
    baseline: Option<Fingerprint>,
) -> ExitCode {
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
    let settings = args.settings(&content, addr);
    let fallback = args.site.fallback_warning(&content, &settings.base_url);
    let rendered = match build::render(content, settings.clone()) {
        Ok(rendered) => rendered,
        Err(error) => {
            error.eprint();
            return ExitCode::FAILURE;
        }
    };
    rendered.compress_in_background();
    let state = AppState::with_renders(rendered, args.limits.render_limits());
    let _watcher = args
        .watch
        .then(|| start_watch(args, settings, &state, baseline));
    tracing::info!(
        "serving {} on http://{addr}{}",
        args.content.content.display(),
        state.site().settings.base_path
    );
    if let Some(warning) = fallback {
        tracing::warn!("{warning}");
    }
    match crate::http::server::serve(listener, state, args.server_limits()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `--watch`: reloads the site into `state` as the content changes, with
/// the settings it was first rendered with.
fn start_watch(
    args: &ServeArgs,
    settings: Settings,
    state: &AppState,
    baseline: Option<Fingerprint>,
) -> WatchHandle {
    let options = WatchOptions {
        baseline,
        ..WatchOptions::new(args.watch_poll)
    };
    watch::spawn_with(
        args.content.content.clone(),
        settings,
        state.clone(),
        options,
    )
}
