//! `serve --watch`: what reloads the content, how often, and what is served
//! meanwhile. Filesystem events and the poll are also tested apart, so that
//! neither hides the other's faults.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rolecompare::http::{AppState, app};
use rolecompare::render::Settings;
use rolecompare::store::Rendered;
use rolecompare::watch::{MAX_WAIT, SETTLE, WatchHandle, WatchOptions, WatchStats, spawn_with};

use crate::support::{BASE_URL, content_with, get, load_ok, select};

const ORIGINAL: &str = "Guides large ships safely into port.";

/// Long enough for a settled change and a poll to show in the counters,
/// even on a busy machine.
const AFTERMATH: Duration = Duration::from_millis(1500);

fn settings() -> Settings {
    Settings {
        base_url: BASE_URL.to_owned(),
        base_path: String::new(),
        noindex: false,
        page_max_age: 0,
        ..Settings::default()
    }
}

/// Filesystem events alone.
fn events_only() -> WatchOptions {
    WatchOptions {
        poll: None,
        ..WatchOptions::default()
    }
}

/// The poll alone, as on a bind mount that delivers no events.
fn poll_only() -> WatchOptions {
    WatchOptions::new(true)
}

fn stats(attempts: u64, reloads: u64, refused: u64) -> WatchStats {
    WatchStats {
        attempts,
        reloads,
        refused,
    }
}

/// A site served from a live, watched copy of the three-role fixture.
struct Watched {
    dir: tempfile::TempDir,
    state: AppState,
    handle: WatchHandle,
}

impl Watched {
    /// Watched as `serve --watch` does: events and the poll.
    fn start() -> Self {
        Self::start_with(WatchOptions::default())
    }

    fn start_with(options: WatchOptions) -> Self {
        let dir = content_with(&[]);
        let rendered = Rendered::new(load_ok(dir.path()), settings()).expect("render");
        let state = AppState::new(rendered);
        let handle = spawn_with(dir.path().to_path_buf(), settings(), state.clone(), options);
        Self { dir, state, handle }
    }

    fn role_file(&self) -> PathBuf {
        self.dir.path().join("roles/harbour-pilot.md")
    }

    fn stats(&self) -> WatchStats {
        self.handle.stats()
    }

    /// The role page as served now.
    async fn page(&self) -> String {
        get(&app(self.state.clone()), "/roles/harbour-pilot")
            .await
            .body
    }

    async fn summary(&self) -> String {
        let html = scraper::Html::parse_document(&self.page().await);
        select(&html, ".page-head .lede").join("")
    }

    /// Waits up to 10 s for the role's summary to read `expected`.
    async fn wait_for(&self, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.summary().await == expected {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "the site never showed {expected:?}; it shows {:?} ({:?})",
            self.summary().await,
            self.stats()
        );
    }

    /// Waits up to 10 s for the counters to satisfy `done`.
    async fn wait_until(&self, what: &str, done: impl Fn(WatchStats) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if done(self.stats()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("never {what}: {:?}", self.stats());
    }

    /// Lets any further reload happen, then checks the counters.
    async fn settles_at(&self, expected: WatchStats) {
        tokio::time::sleep(AFTERMATH).await;
        assert_eq!(self.stats(), expected);
    }
}

/// The role file with its summary replaced.
fn edited(path: &std::path::Path, summary: &str) -> String {
    with_summary(&fs::read_to_string(path).expect("read role"), summary)
}

/// A role's text with its summary replaced.
fn with_summary(text: &str, summary: &str) -> String {
    let (head, tail) = text.split_once("\nsummary: ").expect("a summary");
    let (_, tail) = tail.split_once('\n').expect("more after the summary");
    format!("{head}\nsummary: {summary}\n{tail}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_edits_nothing_reloads() {
    let site = Watched::start();
    // Reading the content (as the reload itself and editors do) and
    // touching only its metadata change nothing.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        for file in [
            "roles/harbour-pilot.md",
            "roles/ferry-captain.md",
            "site.yaml",
        ] {
            let path = site.dir.path().join(file);
            fs::read_to_string(&path).expect("read");
            let permissions = fs::metadata(&path).expect("metadata").permissions();
            fs::set_permissions(&path, permissions).expect("chmod");
        }
        fs::read_dir(site.dir.path().join("roles"))
            .expect("list")
            .for_each(drop);
        assert_eq!(site.summary().await, ORIGINAL);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(site.stats(), WatchStats::default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_swap_and_backup_files_do_not_reload() {
    let site = Watched::start();
    let roles = site.dir.path().join("roles");
    // Vim's probe of whether it may create files, its swap file and its
    // backup; a hidden folder such as `.git`.
    fs::write(roles.join("4913"), "").expect("probe");
    fs::remove_file(roles.join("4913")).expect("probe");
    for _ in 0..5 {
        fs::write(roles.join(".harbour-pilot.md.swp"), "swap").expect("swap");
    }
    fs::write(roles.join("harbour-pilot.md~"), "backup").expect("backup");
    fs::create_dir(site.dir.path().join(".git")).expect("hidden folder");
    fs::write(site.dir.path().join(".git/index.md"), "index").expect("hidden file");
    tokio::time::sleep(AFTERMATH).await;
    fs::remove_file(roles.join("harbour-pilot.md~")).expect("backup");
    fs::remove_file(roles.join(".harbour-pilot.md.swp")).expect("swap");
    site.settles_at(WatchStats::default()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_edit_reloads_exactly_once() {
    let site = Watched::start();
    assert_eq!(site.summary().await, ORIGINAL);
    fs::write(site.role_file(), edited(&site.role_file(), "Edited once.")).expect("write");
    site.wait_for("Edited once.").await;
    site.settles_at(stats(1, 1, 0)).await;
}

/// A burst of writes reloads once, and again only where the writes paused
/// for the settle time or kept on for the longest wait: bounds taken from
/// the pauses the writes really had, so a busy machine that stretches
/// them cannot fail the test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_writes_reloads_once_per_pause() {
    let site = Watched::start();
    let file = site.role_file();
    let started = Instant::now();
    let mut last = started;
    let mut pauses = 0;
    for i in 1..=50 {
        let summary = if i == 50 {
            "The last of a burst.".to_owned()
        } else {
            format!("Burst {i}.")
        };
        fs::write(&file, edited(&file, &summary)).expect("write");
        if last.elapsed() >= SETTLE {
            pauses += 1;
        }
        last = Instant::now();
        // Rewrites in quick succession, as a script or a sync tool makes.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let writing = last - started;
    site.wait_for("The last of a burst.").await;
    tokio::time::sleep(AFTERMATH).await;
    let stats = site.stats();
    let longest_waits = writing.as_millis().div_ceil(MAX_WAIT.as_millis());
    let most = 1 + pauses + u64::try_from(longest_waits).expect("a few");
    assert!(
        (1..=most).contains(&stats.attempts),
        "a burst of 50 writes over {writing:?} with {pauses} pauses reloaded {} times: {stats:?}",
        stats.attempts
    );
    assert_eq!(site.summary().await, "The last of a burst.");
}

/// A reload renders again what shows the edited role, and keeps the rest:
/// the other roles' data are the very pages served before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_keeps_what_it_does_not_touch() {
    let site = Watched::start();
    let data = |slug: &str| {
        let page = rolecompare::address::Page::ApiRole(slug.to_owned());
        site.state.site().lookup(&page).expect("stored")
    };
    let (edited_before, other_before) = (data("harbour-pilot"), data("ferry-captain"));
    fs::write(site.role_file(), edited(&site.role_file(), "Edited once.")).expect("write");
    site.wait_for("Edited once.").await;
    assert!(!std::sync::Arc::ptr_eq(
        &data("harbour-pilot"),
        &edited_before
    ));
    assert!(std::sync::Arc::ptr_eq(
        &data("ferry-captain"),
        &other_before
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_alone_pick_up_an_edit_in_place() {
    let site = Watched::start_with(events_only());
    fs::write(
        site.role_file(),
        edited(&site.role_file(), "Edited in place."),
    )
    .expect("write");
    site.wait_for("Edited in place.").await;
    site.settles_at(stats(1, 1, 0)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_alone_pick_up_a_rename_save() {
    let site = Watched::start_with(events_only());
    let text = edited(&site.role_file(), "Saved through a rename.");
    let temp = site.dir.path().join("roles/.harbour-pilot.md.tmp");
    fs::write(&temp, text).expect("write temp");
    fs::rename(&temp, site.role_file()).expect("rename");
    site.wait_for("Saved through a rename.").await;
    site.settles_at(stats(1, 1, 0)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_alone_picks_up_changes() {
    let site = Watched::start_with(poll_only());
    fs::write(
        site.role_file(),
        edited(&site.role_file(), "Seen by polling."),
    )
    .expect("write");
    site.wait_for("Seen by polling.").await;
    site.settles_at(stats(1, 1, 0)).await;
    // A rename-save too (a new inode).
    let text = edited(&site.role_file(), "Renamed, polled.");
    let temp = site.dir.path().join("roles/harbour-pilot.md.new");
    fs::write(&temp, text).expect("write temp");
    fs::rename(&temp, site.role_file()).expect("rename");
    site.wait_for("Renamed, polled.").await;
    site.settles_at(stats(2, 2, 0)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_edit_is_refused_and_the_last_good_site_kept() {
    let site = Watched::start();
    let broken = edited(&site.role_file(), "Broken edit.").replace("min: 45000", "min: 99000");
    fs::write(site.role_file(), &broken).expect("write");
    site.wait_until("refused", |stats| stats.refused > 0).await;
    assert_eq!(site.stats(), stats(1, 0, 1));
    assert_eq!(site.summary().await, ORIGINAL);
    // Fixing it shows the fix.
    let fixed = with_summary(&broken.replace("min: 99000", "min: 45000"), "Fixed.");
    fs::write(site.role_file(), fixed).expect("write");
    site.wait_for("Fixed.").await;
    site.settles_at(stats(2, 1, 1)).await;
}

/// Writes the role file in place in two parts with a pause between, and
/// checks that the site never shows the first part alone while the pause
/// was shorter than the settle time. The pause is measured: one that a
/// busy machine stretched to the settle time or more may be reloaded, as
/// `--watch` promises, and the test says so rather than fail.
async fn slow_write_is_never_served_half_written(site: Watched) {
    const END: &str = "The end of a slow write.";
    let full = format!("{}\n{END}\n", edited(&site.role_file(), "Written slowly."));
    // The first part is a valid role on its own: all of the front matter
    // and the start of the overview.
    let split = full.find("A pilot knows").expect("overview") + 10;
    let (first, rest) = (full[..split].to_owned(), full[split..].to_owned());
    let file = site.role_file();
    let writer = tokio::task::spawn_blocking(move || {
        let mut out = fs::File::create(&file).expect("open");
        out.write_all(first.as_bytes()).expect("first part");
        let paused = Instant::now();
        std::thread::sleep(Duration::from_millis(150));
        let pause = paused.elapsed();
        out.write_all(rest.as_bytes()).expect("rest");
        pause
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut half_written = None;
    loop {
        let page = site.page().await;
        let html = scraper::Html::parse_document(&page);
        let summary = select(&html, ".page-head .lede").join("");
        if summary == "Written slowly." {
            if !page.contains(END) {
                half_written.get_or_insert(page);
            } else if writer.is_finished() {
                break;
            }
        } else {
            assert_eq!(summary, ORIGINAL);
        }
        assert!(
            Instant::now() < deadline,
            "the slow write never showed: {:?}",
            site.stats()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let pause = writer.await.expect("writer");
    if pause < SETTLE {
        assert_eq!(
            half_written, None,
            "served half-written after a {pause:?} pause"
        );
        site.settles_at(stats(1, 1, 0)).await;
    } else {
        eprintln!("the pause took {pause:?}, over the settle time: nothing to conclude");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_write_is_never_served_half_written() {
    slow_write_is_never_served_half_written(Watched::start()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_write_is_never_polled_half_written() {
    slow_write_is_never_served_half_written(Watched::start_with(poll_only())).await;
}

/// With no request holding it, the site a reload replaced is dropped by
/// the time the reload is counted: before the freed memory is given back
/// to the system, so that it is among what goes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_releases_the_old_site() {
    let site = Watched::start();
    let old = std::sync::Arc::downgrade(&*site.state.site());
    fs::write(site.role_file(), edited(&site.role_file(), "Replaced.")).expect("write");
    site.wait_until("reloaded", |stats| stats.reloads == 1)
        .await;
    assert!(old.upgrade().is_none(), "the old site is still alive");
    site.wait_for("Replaced.").await;
}

/// A site a request still held when it was replaced goes when the request
/// lets it go.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_releases_a_site_still_in_use_once_it_is_let_go() {
    let site = Watched::start();
    let held = std::sync::Arc::clone(&*site.state.site());
    let old = std::sync::Arc::downgrade(&held);
    fs::write(site.role_file(), edited(&site.role_file(), "Replaced.")).expect("write");
    site.wait_until("reloaded", |stats| stats.reloads == 1)
        .await;
    assert!(old.upgrade().is_some(), "held, so still alive");
    drop(held);
    assert!(old.upgrade().is_none(), "the old site is still alive");
    site.wait_for("Replaced.").await;
}

/// CPU time (user and system) a process has used so far, from
/// `/proc/<pid>/stat`.
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Duration {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc stat");
    // Fields after the command name (which may hold spaces): state is the
    // 3rd field, utime the 14th, stime the 15th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .expect("command name")
        .1
        .split_whitespace()
        .collect();
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    let per_second: u64 = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100);
    Duration::from_millis(ticks * 1000 / per_second)
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_watching_server_uses_no_cpu() {
    let dir = content_with(&[]);
    let server = crate::serve::spawn_server_on(dir.path(), &["--watch"]);
    // Let start-up (rendering, background compression) finish: wait for a
    // half second without CPU use, for up to 30 s.
    let started = Instant::now();
    let mut before = cpu_time(server.pid());
    while started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(500));
        let now = cpu_time(server.pid());
        let quiet = now - before < Duration::from_millis(20);
        before = now;
        if quiet {
            break;
        }
    }
    std::thread::sleep(Duration::from_secs(4));
    let used = cpu_time(server.pid()) - before;
    let reloads: Vec<String> = server
        .log()
        .into_iter()
        .filter(|line| line.contains("content reloaded"))
        .collect();
    assert!(
        used < Duration::from_millis(200),
        "an idle server used {used:?} of CPU in 4 s; reloads: {reloads:?}"
    );
    assert!(reloads.is_empty(), "{reloads:?}");
}
