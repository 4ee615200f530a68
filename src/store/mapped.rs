//! Large forms kept in files of their own that can no longer change: one
//! copy of the bytes, which the process reads through a read-only mapping
//! (hyper's writes, brotli, tests) and which the kernel can send to a
//! socket without copying them (`sendfile(2)`, as nginx sends files from
//! the page cache).
//!
//! Copying a 69 KB page into a socket took about a quarter of the server's
//! CPU under load (and the client's copy out of freshly written, still
//! cache-hot pages on another core cost it more); from a file the kernel
//! hands the socket references to its pages instead.
//!
//! Each form's file is, first choice, an unlinked file in the temporary
//! directory when that lies on a disk's file system (`O_TMPFILE`: it never
//! has a name, is readable by its owner only, and the process keeps only a
//! read-only descriptor to it); the kernel caches such a file in large
//! pages, which `sendfile` sends faster (see [`fixed`]). Otherwise it
//! is a memory file (`memfd_create(2)`), which lives only in memory, has no
//! name in any file system, and is sealed once written: neither this
//! process nor anyone else can write to it, shrink it or grow it again.
//! Either way the bytes cannot change under the mapping, which is what
//! makes it sound. Each file costs a file descriptor, so only forms of
//! [`MAP_FROM`] bytes or more are kept so, and at most a quarter of the
//! descriptors the process may open; others stay on the heap.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use bytes::Bytes;
use memmap2::Mmap;

/// Forms of this many bytes or more are kept in files of their own. Measured
/// under `wrk`: for a 69 KB page, sending from the file took the server
/// from 0.81 to 0.93 of nginx's requests per second; for 5 and 11 KB forms
/// the extra system call cost as much as the copy it saved.
pub const MAP_FROM: usize = 32 * 1024;

/// One form's file, fixed, and its read-only mapping.
pub struct Mapped {
    file: OwnedFd,
    map: Mmap,
}

/// Form files open now.
static OPEN: AtomicUsize = AtomicUsize::new(0);

/// Set once the system has refused a memory file for a reason that will
/// not pass (no `memfd_create`, a sandbox that forbids it): from then on
/// every form stays on the heap without trying again.
static REFUSED: AtomicBool = AtomicBool::new(false);

/// How many form files may be open at once: a quarter of the file
/// descriptors the process may open now (the rest are for connections and
/// content), and of the mappings it may hold (`vm.max_map_count`: past it,
/// any allocation that maps memory would fail).
fn budget() -> usize {
    static MAX_MAP_COUNT: OnceLock<u64> = OnceLock::new();
    let maps = *MAX_MAP_COUNT.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/vm/max_map_count")
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(65_530)
    });
    let files = rustix::process::getrlimit(rustix::process::Resource::Nofile)
        .current
        .unwrap_or(u64::MAX);
    usize::try_from(files.min(maps) / 4).unwrap_or(usize::MAX)
}

/// Raises the soft limit on open files to the hard limit, as nginx's
/// `worker_rlimit_nofile` and Go's runtime do: connections and form files
/// both need descriptors, and the soft limit is often a historical 1024.
/// Best effort: the limits stay as they were if this fails or the hard
/// limit is unlimited (no soft limit may be).
pub fn raise_open_files_limit() {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.maximum.is_some() && limit.current != limit.maximum {
        limit.current = limit.maximum;
        if let Err(error) = setrlimit(Resource::Nofile, limit) {
            tracing::debug!("open files limit left as it was: {error}");
        }
    }
}

impl Mapped {
    /// The file the bytes are in.
    pub fn file(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }

    /// Where `slice` starts in the file, if it lies within the mapping.
    pub fn offset_of(&self, slice: &[u8]) -> Option<u64> {
        let start = self.map.as_ptr() as usize;
        let at = slice.as_ptr() as usize;
        let end = at.checked_add(slice.len())?;
        (at >= start && end <= start + self.map.len()).then(|| (at - start) as u64)
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        OPEN.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The owner a `Bytes` of a mapped form holds.
struct Owner(Arc<Mapped>);

impl AsRef<[u8]> for Owner {
    fn as_ref(&self) -> &[u8] {
        &self.0.map
    }
}

/// `bytes` as a form to keep: in a file of its own when it is at least
/// [`MAP_FROM`] long and the budget of files allows (the `Bytes` reads
/// the mapping, and the file comes with it), else on the heap, in an
/// allocation of exactly its size.
pub fn keep(bytes: Vec<u8>) -> (Bytes, Option<Arc<Mapped>>) {
    if bytes.len() >= MAP_FROM
        && let Some(mapped) = map(&bytes)
    {
        let mapped = Arc::new(mapped);
        return (Bytes::from_owner(Owner(mapped.clone())), Some(mapped));
    }
    (exact(bytes), None)
}

/// `bytes` in an allocation of exactly their size. Buffers grown while
/// writing (a rendered page, a compressor's output) can hold up to twice
/// their length; kept as they are, a cache bounded by length would hold up
/// to twice its bound.
fn exact(mut bytes: Vec<u8>) -> Bytes {
    bytes.shrink_to_fit();
    Bytes::from(bytes)
}

/// A fixed file holding `bytes`, mapped; `None` (the bytes stay on
/// the heap) if the budget is spent or the system refuses.
fn map(bytes: &[u8]) -> Option<Mapped> {
    if REFUSED.load(Ordering::Relaxed) {
        return None;
    }
    if OPEN.fetch_add(1, Ordering::AcqRel) >= budget() {
        OPEN.fetch_sub(1, Ordering::AcqRel);
        return None;
    }
    match fixed(bytes) {
        Ok(mapped) => Some(mapped),
        Err(error) => {
            OPEN.fetch_sub(1, Ordering::AcqRel);
            // Out of descriptors or memory passes; anything else will not.
            let passes = matches!(
                error.raw_os_error(),
                Some(code) if code == rustix::io::Errno::MFILE.raw_os_error()
                    || code == rustix::io::Errno::NFILE.raw_os_error()
                    || code == rustix::io::Errno::NOMEM.raw_os_error()
            );
            if !passes && !REFUSED.swap(true, Ordering::Relaxed) {
                tracing::warn!("large pages stay on the heap (no files for them: {error})");
            }
            None
        }
    }
}

/// Set once the temporary directory has refused an unlinked file for a
/// reason that will not pass (no `O_TMPFILE` there, a read-only file
/// system): from then on forms go to sealed memory files.
static UNLINKED_REFUSED: AtomicBool = AtomicBool::new(false);

/// `tmpfs` and `ramfs` (`statfs(2)`'s `f_type`): file systems in memory,
/// whose files are no faster than a memory file and cannot be sealed.
#[cfg(target_os = "linux")]
const IN_MEMORY: [i64; 2] = [0x0102_1994, 0x8584_58f6];

/// The directory large forms' files are made in: the temporary directory
/// (`TMPDIR`, else `/tmp`) when it lies on a disk's file system. `None`
/// (sealed memory files only) when it is in memory or cannot be read.
#[cfg(target_os = "linux")]
fn files_dir() -> Option<&'static std::path::Path> {
    static DIR: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir();
        let kind = rustix::fs::statfs(&dir).ok()?.f_type;
        #[allow(clippy::useless_conversion)]
        let kind = i64::from(kind);
        (!IN_MEMORY.contains(&kind)).then_some(dir)
    })
    .as_deref()
}

/// `bytes` in a file of their own that can no longer change, mapped: an
/// unlinked file in [`files_dir`] when there is one, else a sealed memory
/// file.
///
/// Why a file on a disk's file system first: `sendfile` looks up a memory
/// file's 4 KiB pages one by one, and a file written in one go on ext4 in
/// batches (`perf`, comparison page: 8.9% of the server's samples in those
/// lookups against 1.4%), which the kernel's large pages (folios) for such
/// a file would explain. Under `wrk -t2 -c64`, alternating rounds in one
/// session, this server went from 83 to 90.5–92.5 thousand requests a
/// second on that page; nginx served it at 87–96 thousand from a freshly
/// written export and 81–83 thousand from one written an hour earlier.
#[cfg(target_os = "linux")]
fn fixed(bytes: &[u8]) -> std::io::Result<Mapped> {
    if let Some(dir) = files_dir()
        && !UNLINKED_REFUSED.load(Ordering::Relaxed)
    {
        match unlinked(dir, bytes) {
            Ok(mapped) => return Ok(mapped),
            Err(error) => {
                use rustix::io::Errno;
                let passes = matches!(
                    Errno::from_io_error(&error),
                    Some(Errno::MFILE | Errno::NFILE | Errno::NOMEM | Errno::NOSPC | Errno::DQUOT)
                );
                if !passes && !UNLINKED_REFUSED.swap(true, Ordering::Relaxed) {
                    tracing::info!(
                        "large pages are kept in memory files ({} refused an unlinked file: {error})",
                        dir.display()
                    );
                }
            }
        }
    }
    memory_file(bytes)
}

/// `bytes` in an unlinked file in `dir` (`O_TMPFILE`: it never has a name
/// there), created readable by its owner only, then mapped through a
/// descriptor opened again for reading only: the one that could write is
/// closed before the mapping is made.
#[cfg(target_os = "linux")]
fn unlinked(dir: &std::path::Path, bytes: &[u8]) -> std::io::Result<Mapped> {
    use rustix::fs::{Mode, OFlags, open};
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let writing = open(
        dir,
        OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC,
        Mode::RUSR,
    )?;
    let mut writer = std::fs::File::from(writing);
    writer.write_all(bytes)?;
    let file = open(
        format!("/proc/self/fd/{}", writer.as_raw_fd()).as_str(),
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    drop(writer);
    let map = map_fixed(&file)?;
    Ok(Mapped { file, map })
}

/// `bytes` in a new memory file, sealed, then mapped.
#[cfg(target_os = "linux")]
fn memory_file(bytes: &[u8]) -> std::io::Result<Mapped> {
    use rustix::fs::{MemfdFlags, SealFlags};
    use std::io::Write;
    let file = rustix::fs::memfd_create(
        "rolecompare-form",
        MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING,
    )?;
    let mut writer = std::fs::File::from(file);
    writer.write_all(bytes)?;
    let file = OwnedFd::from(writer);
    rustix::fs::fcntl_add_seals(
        &file,
        SealFlags::WRITE | SealFlags::SHRINK | SealFlags::GROW | SealFlags::SEAL,
    )?;
    let map = map_fixed(&file)?;
    Ok(Mapped { file, map })
}

/// Memory files (`memfd_create`, seals) and `O_TMPFILE` are Linux's:
/// elsewhere every form stays on the heap.
#[cfg(not(target_os = "linux"))]
fn fixed(_: &[u8]) -> std::io::Result<Mapped> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Maps a file whose bytes can no longer change, read-only and private
/// (`MAP_PRIVATE`: before Linux 6.7 the kernel refuses a shared mapping of
/// a file sealed against writing, even a read-only one).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn map_fixed(file: &OwnedFd) -> std::io::Result<Mmap> {
    // SAFETY: a mapping of a file is sound as long as the file's bytes and
    // length cannot change while it is mapped. Both kinds of file this is
    // called with are this process's own and fixed before they are mapped:
    // - a memory file sealed against writing, shrinking and growing
    //   (F_SEAL_WRITE, F_SEAL_SHRINK, F_SEAL_GROW) and against any change to
    //   those seals (F_SEAL_SEAL): the kernel refuses every change to it,
    //   from this process or any other;
    // - an unlinked file (O_TMPFILE) with mode 0400, of which this process
    //   holds only a read-only descriptor: it has no name in any directory,
    //   so the only way to it is /proc/<pid>/fd, where its mode refuses
    //   writing to everyone but a process that may override file
    //   permissions (CAP_DAC_OVERRIDE), which may as well write to this
    //   process's memory; its length cannot change without write access.
    // The mapping is read-only, so this process cannot write through it
    // either.
    unsafe { memmap2::MmapOptions::new().map_copy_read_only(file) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn large_forms_are_mapped_small_ones_are_not() {
        let large: Vec<u8> = (0..MAP_FROM + 5).map(|i| (i % 251) as u8).collect();
        let (bytes, mapped) = keep(large.clone());
        assert_eq!(&bytes[..], &large[..]);
        let mapped = mapped.expect("a large form is mapped");
        assert_eq!(mapped.offset_of(&bytes[10..20]), Some(10));
        assert_eq!(mapped.offset_of(&large[..]), None);
        // The file holds the same bytes and refuses to change.
        let mut read = vec![0; large.len()];
        let n = rustix::io::pread(mapped.file(), &mut read, 0).expect("pread");
        assert_eq!(&read[..n], &large[..]);
        assert!(rustix::io::pwrite(mapped.file(), b"x", 0).is_err());

        let (small, none) = keep(b"small".to_vec());
        assert_eq!(&small[..], b"small");
        assert!(none.is_none());
    }

    /// `keep` picks an unlinked file when the temporary directory is on a
    /// disk: the fallback, a sealed memory file, is checked here as well.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_memory_file_holds_the_bytes_and_refuses_writes() {
        let large: Vec<u8> = (0..MAP_FROM + 5).map(|i| (i % 241) as u8).collect();
        // Counted as `map` counts the files it makes (dropping uncounts it).
        OPEN.fetch_add(1, Ordering::AcqRel);
        let mapped = memory_file(&large).expect("a memory file");
        assert_eq!(&mapped.map[..], &large[..]);
        assert!(rustix::io::pwrite(mapped.file(), b"x", 0).is_err());
        assert!(rustix::fs::ftruncate(mapped.file(), 1).is_err());
    }
}
