//! A rendered resource kept in memory in every form it is served in: the
//! bytes, their gzip and brotli forms, a strong ETag per form, its content
//! type and its cache policy (which `http` turns into headers). Serving one is a lookup, a negotiation and a copy of
//! reference-counted bytes: nothing is rendered or compressed per request.

use std::any::Any;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use super::mapped::{self, Mapped};
use crate::render::assets::fnv1a;
use crate::render::settings::CachePolicy;

/// Brotli quality for the background pass. Measured with this crate on a
/// 200-role site's pages (74–278 KB): quality 11 took 130–540 ms a page for
/// outputs 3–7% smaller than quality 10, which took 40–175 ms; quality 9
/// and below gave outputs 15–35% larger than 10. At 11, such a site spent
/// about 100 s of CPU after start before it was idle; at 10 it spends a
/// tenth of that. On the bundled pages 10 and 11 differ by under 5%.
pub const BROTLI_QUALITY: u32 = 10;
/// Brotli quality for files of [`LARGE`] bytes or more (sitemap files).
/// Quality 10 costs up to 0.85 s of CPU per MiB (measured on a 5.2 MB
/// sitemap: 4.1 s), so a large file would cost seconds; quality 5 took
/// 57 ms for an output 1.4% larger.
pub const BROTLI_QUALITY_LARGE: u32 = 5;
/// From this size on, a file is compressed at [`BROTLI_QUALITY_LARGE`]:
/// no brotli form costs more than about 0.85 s of CPU.
pub const LARGE: usize = 1 << 20;
/// gzip level for the synchronous pass: fast enough to run at render time.
pub const GZIP_LEVEL: u32 = 9;

/// A content coding a resource has a form in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The codings a client accepts (identity is always sent when nothing
/// else is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accepted {
    pub brotli: bool,
    pub gzip: bool,
}

/// What the serving layer makes once for a form and keeps with it (its
/// response heads): opaque here, made on the form's first response and
/// dropped with it.
#[derive(Default)]
pub struct Prepared(OnceLock<Box<dyn Any + Send + Sync>>);

impl Prepared {
    /// What was prepared, made by `make` the first time. `None` only if
    /// something of another type was prepared here before.
    pub fn get_or_init<T: Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Option<&T> {
        self.0.get_or_init(|| Box::new(make())).downcast_ref()
    }
}

/// One form of a resource, ready to send.
pub struct Form<'a> {
    pub encoding: Encoding,
    pub body: &'a Bytes,
    /// The strong ETag of this form, quotes included.
    pub etag: &'a Bytes,
    /// The file `body` is mapped from, for a large form.
    pub file: Option<&'a Arc<Mapped>>,
    /// What the serving layer prepared for this form.
    pub prepared: &'a Prepared,
}

/// A form's bytes, and the file they are mapped from if they are
/// large (see [`mapped`]).
struct Kept {
    bytes: Bytes,
    file: Option<Arc<Mapped>>,
    prepared: Prepared,
}

impl Kept {
    fn new(bytes: Vec<u8>) -> Self {
        let (bytes, file) = mapped::keep(bytes);
        Self {
            bytes,
            file,
            prepared: Prepared::default(),
        }
    }

    fn empty() -> Self {
        Self {
            bytes: Bytes::new(),
            file: None,
            prepared: Prepared::default(),
        }
    }
}

pub struct Resource {
    /// Whether compressed forms exist (not for PNGs and the like).
    compressible: bool,
    /// Whether any origin may read it (`Access-Control-Allow-Origin: *`).
    cors: bool,
    content_type: &'static str,
    cache: CachePolicy,
    identity: Kept,
    gzip: Kept,
    brotli: OnceLock<Kept>,
    /// Whether the brotli form is queued or being computed.
    compressing: AtomicBool,
    /// Whether a client that accepts brotli has asked for it: only then is
    /// its brotli form worth making.
    asked_in_brotli: AtomicBool,
    /// `"<hash>"`, `"<hash>-gz"`, `"<hash>-br"`.
    etags: [Bytes; 3],
    /// The bytes this resource holds once compressed, for cache bounds
    /// (the brotli form, not made yet, is counted as large as gzip's).
    weight: u64,
}

/// What a resource costs beyond its bytes: the struct, its headers and the
/// allocator's rounding, roughly.
const RESOURCE_OVERHEAD: u64 = 512;

fn compress_gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// The brotli quality for `len` bytes: [`BROTLI_QUALITY`], or
/// [`BROTLI_QUALITY_LARGE`] from [`LARGE`] bytes on.
pub fn brotli_quality(len: usize) -> u32 {
    if len >= LARGE {
        BROTLI_QUALITY_LARGE
    } else {
        BROTLI_QUALITY
    }
}

/// Brotli at the quality for its size ([`brotli_quality`]).
pub fn compress_brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: brotli_quality(bytes.len()) as i32,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    // Reading from a slice and writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

impl Resource {
    /// Keeps `bytes` and its gzip form; brotli comes later
    /// ([`Resource::compress`]).
    pub fn new(bytes: Bytes, content_type: &'static str, cache: CachePolicy) -> Self {
        let hash = format!("{:016x}", fnv1a(&bytes));
        let etag = |suffix: &str| Bytes::from(format!("\"{hash}{suffix}\""));
        let gzip = compress_gzip(&bytes);
        if gzip.len() >= bytes.len() {
            // Too small to gain from compression (robots.txt, say): a
            // compressed form would only be larger.
            return Self::binary(bytes, content_type, cache);
        }
        let weight = (bytes.len() + 2 * gzip.len()) as u64 + RESOURCE_OVERHEAD;
        let bytes = Kept::new(Vec::from(bytes));
        let gzip = Kept::new(gzip);
        Self {
            compressible: true,
            cors: false,
            content_type,
            cache,
            gzip,
            identity: bytes,
            brotli: OnceLock::new(),
            compressing: AtomicBool::new(false),
            asked_in_brotli: AtomicBool::new(false),
            etags: [etag(""), etag("-gz"), etag("-br")],
            weight,
        }
    }

    /// Bytes that compression would not shrink (images): served as they are.
    pub fn binary(bytes: Bytes, content_type: &'static str, cache: CachePolicy) -> Self {
        let etag = Bytes::from(format!("\"{:016x}\"", fnv1a(&bytes)));
        let weight = bytes.len() as u64 + RESOURCE_OVERHEAD;
        let bytes = Kept::new(Vec::from(bytes));
        Self {
            compressible: false,
            cors: false,
            content_type,
            cache,
            gzip: Kept::empty(),
            identity: bytes,
            brotli: OnceLock::new(),
            compressing: AtomicBool::new(false),
            asked_in_brotli: AtomicBool::new(false),
            etags: [etag.clone(), etag.clone(), etag],
            weight,
        }
    }

    /// Lets pages on any origin read this resource (the JSON API).
    #[must_use]
    pub fn shared_with_any_origin(mut self) -> Self {
        self.cors = true;
        self
    }

    pub fn is_compressible(&self) -> bool {
        self.compressible
    }

    /// The bytes it holds, for the on-demand cache's bound.
    pub fn weight(&self) -> u64 {
        self.weight
    }

    /// Whether it still needs a brotli form that a client has asked for
    /// and nobody is computing; if so, the caller now owns that work.
    pub fn claim_compression(&self) -> bool {
        self.compressible
            && self.brotli.get().is_none()
            && self.asked_in_brotli.load(Ordering::Relaxed)
            && !self.compressing.load(Ordering::Acquire)
            && !self.compressing.swap(true, Ordering::AcqRel)
    }

    /// Gives the claimed work back (the queue was full).
    pub fn release_compression(&self) {
        self.compressing.store(false, Ordering::Release);
    }

    /// Computes the brotli form, once.
    pub fn compress(&self) {
        if self.compressible {
            self.brotli();
        }
    }

    pub fn identity(&self) -> &Bytes {
        &self.identity.bytes
    }

    pub fn gzip(&self) -> &Bytes {
        &self.gzip.bytes
    }

    /// The brotli form, computing it now if the background pass has not.
    pub fn brotli(&self) -> &Bytes {
        &self
            .brotli
            .get_or_init(|| Kept::new(compress_brotli(&self.identity.bytes)))
            .bytes
    }

    pub fn content_type(&self) -> &'static str {
        self.content_type
    }

    pub fn cache(&self) -> CachePolicy {
        self.cache
    }

    /// Whether any origin may read it.
    pub fn is_shared(&self) -> bool {
        self.cors
    }

    /// The best form for a client that accepts `accepted`: brotli when it
    /// is ready and smaller than gzip, else gzip, else the bytes as they
    /// are. A client that accepts brotli before it is ready marks the
    /// resource as worth compressing, so its next request queues it: no
    /// brotli is made for clients that cannot use it.
    pub fn form(&self, accepted: Accepted) -> Form<'_> {
        let brotli = self.brotli.get();
        if brotli.is_none() && self.compressible && accepted.brotli {
            self.asked_in_brotli.store(true, Ordering::Relaxed);
        }
        let (encoding, kept, etag) = match brotli {
            Some(kept)
                if self.compressible
                    && accepted.brotli
                    && kept.bytes.len() < self.gzip.bytes.len() =>
            {
                (Encoding::Brotli, kept, &self.etags[2])
            }
            _ if self.compressible && accepted.gzip => (Encoding::Gzip, &self.gzip, &self.etags[1]),
            _ => (Encoding::Identity, &self.identity, &self.etags[0]),
        };
        Form {
            encoding,
            body: &kept.bytes,
            etag,
            file: kept.file.as_ref(),
            prepared: &kept.prepared,
        }
    }

    /// The strong ETags of its forms, quotes included: identity, gzip,
    /// brotli.
    pub fn etags(&self) -> &[Bytes; 3] {
        &self.etags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses_round_trip() {
        let text = "<p>hello hello hello hello</p>".repeat(50);
        let resource = Resource::new(
            Bytes::from(text.clone()),
            "text/html; charset=utf-8",
            CachePolicy::Revalidate,
        );
        resource.compress();
        let mut gunzip = flate2::read::GzDecoder::new(&resource.gzip.bytes[..]);
        let mut out = String::new();
        std::io::Read::read_to_string(&mut gunzip, &mut out).expect("gunzip");
        assert_eq!(out, text);
        let mut unbrotli = Vec::new();
        let brotli = &resource.brotli.get().expect("compressed").bytes;
        brotli::BrotliDecompress(&mut &brotli[..], &mut unbrotli).expect("unbrotli");
        assert_eq!(unbrotli, text.as_bytes());
        assert!(brotli.len() < resource.gzip.bytes.len());
    }
}
