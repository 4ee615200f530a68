//! Large forms kept in sealed memory files: one copy of the bytes, which
//! the process reads through a read-only mapping (hyper's writes, brotli,
//! tests) and which the kernel can send to a socket without copying them
//! (`sendfile(2)`, as nginx sends files from the page cache).
//!
//! Copying a 69 KB page into a socket took about a quarter of the server's
//! CPU under load (and the client's copy out of freshly written, still
//! cache-hot pages on another core cost it more); from a memory file the
//! kernel hands the socket references to its pages instead.
//!
//! A memory file (`memfd_create(2)`) lives only in memory, has no name in
//! any file system, and is sealed once written: neither this process nor
//! anyone else can write to it, shrink it or grow it again, which is what
//! makes the mapping sound. Each file costs a file descriptor, so only
//! forms of [`MAP_FROM`] bytes or more are kept so, and at most a quarter
//! of the descriptors the process may open; others stay on the heap.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use bytes::Bytes;
use memmap2::Mmap;

/// Forms of this many bytes or more are kept in memory files. Measured
/// under `wrk`: for a 69 KB page, sending from the file took the server
/// from 0.81 to 0.93 of nginx's requests per second; for 5 and 11 KB forms
/// the extra system call cost as much as the copy it saved.
pub const MAP_FROM: usize = 32 * 1024;

/// One sealed memory file and its read-only mapping.
pub struct Mapped {
    file: OwnedFd,
    map: Mmap,
}

/// Memory files open now.
static OPEN: AtomicUsize = AtomicUsize::new(0);

/// Set once the system has refused a memory file for a reason that will
/// not pass (no `memfd_create`, a sandbox that forbids it): from then on
/// every form stays on the heap without trying again.
static REFUSED: AtomicBool = AtomicBool::new(false);

/// How many memory files may be open at once: a quarter of the file
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
/// `worker_rlimit_nofile` and Go's runtime do: connections and memory files
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

/// `bytes` as a form to keep: in a sealed memory file when it is at least
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

/// A sealed memory file holding `bytes`, mapped; `None` (the bytes stay on
/// the heap) if the budget is spent or the system refuses.
fn map(bytes: &[u8]) -> Option<Mapped> {
    if REFUSED.load(Ordering::Relaxed) {
        return None;
    }
    if OPEN.fetch_add(1, Ordering::AcqRel) >= budget() {
        OPEN.fetch_sub(1, Ordering::AcqRel);
        return None;
    }
    match sealed(bytes) {
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
                tracing::warn!("large pages stay on the heap (no memory files: {error})");
            }
            None
        }
    }
}

/// `bytes` in a new memory file, sealed, then mapped.
#[cfg(target_os = "linux")]
fn sealed(bytes: &[u8]) -> std::io::Result<Mapped> {
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
    let map = map_sealed(&file)?;
    Ok(Mapped { file, map })
}

/// Memory files (`memfd_create`, seals) are Linux's: elsewhere every form
/// stays on the heap.
#[cfg(not(target_os = "linux"))]
fn sealed(_: &[u8]) -> std::io::Result<Mapped> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Maps a sealed memory file read-only and private (`MAP_PRIVATE`: before
/// Linux 6.7 the kernel refuses a shared mapping of a file sealed against
/// writing, even a read-only one).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn map_sealed(file: &OwnedFd) -> std::io::Result<Mmap> {
    // SAFETY: a mapping of a file is sound as long as the file's bytes and
    // length cannot change while it is mapped. The file is a memory file
    // this process created, sealed against writing, shrinking and growing
    // (F_SEAL_WRITE, F_SEAL_SHRINK, F_SEAL_GROW) and against any change to
    // those seals (F_SEAL_SEAL) before it is mapped: the kernel refuses
    // every change to it, from this process or any other. The mapping is
    // read-only, so this process cannot write through it either.
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
}
