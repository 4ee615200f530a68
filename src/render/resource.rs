//! A rendered resource kept in memory in every form it is served in: the
//! bytes, their gzip and brotli forms, a strong ETag, and the headers that
//! never change. Serving one is a lookup, a negotiation and a copy of
//! reference-counted bytes: nothing is rendered or compressed per request.

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::body::{Body, Bytes};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Response, StatusCode};

use super::assets::fnv1a;

/// Brotli quality for the background pass. Measured with this crate on a
/// 200-role site's pages (74–278 KB): quality 11 took 130–540 ms a page for
/// outputs 3–7% smaller than quality 10, which took 40–175 ms; quality 9
/// and below gave outputs 15–35% larger than 10. At 11, such a site spent
/// about 100 s of CPU after start before it was idle; at 10 it spends a
/// tenth of that. On the bundled pages 10 and 11 differ by under 5%.
pub const BROTLI_QUALITY: u32 = 10;
/// gzip level for the synchronous pass: fast enough to run at render time.
pub const GZIP_LEVEL: u32 = 9;

/// Headers every response carries, error pages included.
pub const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Adds the security headers to `headers`.
pub fn add_security_headers(headers: &mut HeaderMap) {
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// A content coding we can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// Which codings `accept_encoding` allows, best first: br > gzip > identity,
/// honouring q-values (`br;q=0` refuses brotli) and `*`.
pub fn negotiate(accept_encoding: Option<&HeaderValue>) -> [bool; 3] {
    let Some(value) = accept_encoding.and_then(|v| v.to_str().ok()) else {
        return [false, false, true];
    };
    let (mut br, mut gzip, mut identity, mut star) = (None, None, None, None);
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let coding = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let mut q = 1.0_f32;
        for parameter in pieces {
            if let Some((key, value)) = parameter.split_once('=')
                && key.trim().eq_ignore_ascii_case("q")
            {
                q = value.trim().parse().unwrap_or(0.0);
            }
        }
        match coding.as_str() {
            "br" => br = Some(q),
            "gzip" | "x-gzip" => gzip = Some(q),
            "identity" => identity = Some(q),
            "*" => star = Some(q),
            _ => {}
        }
    }
    let allowed = |q: Option<f32>, default: f32| q.or(star).unwrap_or(default) > 0.0;
    [
        allowed(br, 0.0),
        allowed(gzip, 0.0),
        // Identity is acceptable unless refused explicitly (or by `*;q=0`).
        identity.or(star).is_none_or(|q| q > 0.0),
    ]
}

pub struct Resource {
    /// Whether compressed forms exist (not for PNGs and the like).
    compressible: bool,
    /// Whether any origin may read it (`Access-Control-Allow-Origin: *`).
    cors: bool,
    content_type: HeaderValue,
    cache_control: HeaderValue,
    identity: Bytes,
    gzip: Bytes,
    brotli: OnceLock<Bytes>,
    /// Whether the brotli form is queued or being computed.
    compressing: AtomicBool,
    /// `"<hash>"`, `"<hash>-gz"`, `"<hash>-br"`.
    etags: [HeaderValue; 3],
    /// The bytes this resource holds once compressed, for cache bounds
    /// (the brotli form, not made yet, is counted as large as gzip's).
    weight: u64,
}

/// What a resource costs beyond its bytes: the struct, its headers and the
/// allocator's rounding, roughly.
const RESOURCE_OVERHEAD: u64 = 512;

fn compress_gzip(bytes: &[u8]) -> Bytes {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    exact(encoder.finish().unwrap_or_default())
}

/// Brotli at [`BROTLI_QUALITY`].
pub fn compress_brotli(bytes: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY as i32,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    // Reading from a slice and writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    exact(out)
}

/// `bytes` in an allocation of exactly their size. Buffers grown while
/// writing (a rendered page, a compressor's output) can hold up to twice
/// their length; kept as they are, a cache bounded by length would hold up
/// to twice its bound.
fn exact(mut bytes: Vec<u8>) -> Bytes {
    bytes.shrink_to_fit();
    Bytes::from(bytes)
}

impl Resource {
    /// Keeps `bytes` and its gzip form; brotli comes later
    /// ([`Resource::compress`]).
    pub fn new(bytes: Bytes, content_type: &'static str, cache_control: HeaderValue) -> Self {
        let bytes = exact(Vec::from(bytes));
        let hash = format!("{:016x}", fnv1a(&bytes));
        let etag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{hash}{suffix}\""))
                .unwrap_or(HeaderValue::from_static("\"\""))
        };
        let gzip = compress_gzip(&bytes);
        if gzip.len() >= bytes.len() {
            // Too small to gain from compression (robots.txt, say): a
            // compressed form would only be larger.
            return Self::binary(bytes, content_type, cache_control);
        }
        let weight = (bytes.len() + 2 * gzip.len()) as u64 + RESOURCE_OVERHEAD;
        Self {
            compressible: true,
            cors: false,
            content_type: HeaderValue::from_static(content_type),
            cache_control,
            gzip,
            identity: bytes,
            brotli: OnceLock::new(),
            compressing: AtomicBool::new(false),
            etags: [etag(""), etag("-gz"), etag("-br")],
            weight,
        }
    }

    /// Bytes that compression would not shrink (images): served as they are.
    pub fn binary(bytes: Bytes, content_type: &'static str, cache_control: HeaderValue) -> Self {
        let bytes = exact(Vec::from(bytes));
        let hash = format!("\"{:016x}\"", fnv1a(&bytes));
        let etag = HeaderValue::from_str(&hash).unwrap_or(HeaderValue::from_static("\"\""));
        let weight = bytes.len() as u64 + RESOURCE_OVERHEAD;
        Self {
            compressible: false,
            cors: false,
            content_type: HeaderValue::from_static(content_type),
            cache_control,
            gzip: Bytes::new(),
            identity: bytes,
            brotli: OnceLock::new(),
            compressing: AtomicBool::new(false),
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

    /// Whether it still needs a brotli form that nobody is computing; if so,
    /// the caller now owns that work.
    pub fn claim_compression(&self) -> bool {
        self.compressible
            && self.brotli.get().is_none()
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
        &self.identity
    }

    pub fn gzip(&self) -> &Bytes {
        &self.gzip
    }

    /// The brotli form, computing it now if the background pass has not.
    pub fn brotli(&self) -> &Bytes {
        self.brotli.get_or_init(|| compress_brotli(&self.identity))
    }

    pub fn content_type(&self) -> &HeaderValue {
        &self.content_type
    }

    /// The best form `request` accepts, or 304 when it already has it.
    pub fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let [br, gzip, _] = if self.compressible {
            negotiate(request.get(header::ACCEPT_ENCODING))
        } else {
            [false, false, true]
        };
        let (encoding, body, etag) = match (br, self.brotli.get()) {
            (true, Some(bytes)) if bytes.len() < self.gzip.len() => {
                (Encoding::Brotli, bytes, &self.etags[2])
            }
            _ if gzip => (Encoding::Gzip, &self.gzip, &self.etags[1]),
            _ => (Encoding::Identity, &self.identity, &self.etags[0]),
        };
        let not_modified = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| self.matches(tags));
        let mut response = if not_modified {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            response
        } else {
            Response::new(Body::from(body.clone()))
        };
        let headers = response.headers_mut();
        // Room for every header below and hyper's `date`, allocated once.
        headers.reserve(16);
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        headers.insert(header::CACHE_CONTROL, self.cache_control.clone());
        headers.insert(header::ETAG, etag.clone());
        if self.compressible {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        match encoding {
            Encoding::Brotli => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            }
            Encoding::Gzip => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            Encoding::Identity => {}
        }
        if !not_modified {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
        if self.cors {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        add_security_headers(headers);
        response
    }

    /// `If-None-Match` (weak comparison): `*`, or any of our tags.
    fn matches(&self, header: &str) -> bool {
        header.split(',').any(|tag| {
            let tag = tag.trim();
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag == "*"
                || self
                    .etags
                    .iter()
                    .any(|ours| ours.as_bytes() == tag.as_bytes())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> [bool; 3] {
        negotiate(Some(&HeaderValue::from_str(value).expect("header")))
    }

    #[test]
    fn negotiates_codings_with_q_values() {
        assert_eq!(negotiate(None), [false, false, true]);
        assert_eq!(accepts("gzip, deflate, br"), [true, true, true]);
        assert_eq!(accepts("br;q=0, gzip"), [false, true, true]);
        assert_eq!(accepts("br;q=0.0,gzip;q=0"), [false, false, true]);
        assert_eq!(accepts("*"), [true, true, true]);
        assert_eq!(accepts("*;q=0, identity"), [false, false, true]);
        assert_eq!(accepts("identity;q=0, br"), [true, false, false]);
        assert_eq!(accepts("BR;Q=0.5"), [true, false, true]);
    }

    #[test]
    fn compresses_round_trip() {
        let text = "<p>hello hello hello hello</p>".repeat(50);
        let resource = Resource::new(
            Bytes::from(text.clone()),
            "text/html; charset=utf-8",
            HeaderValue::from_static("no-cache"),
        );
        resource.compress();
        let mut gunzip = flate2::read::GzDecoder::new(&resource.gzip[..]);
        let mut out = String::new();
        std::io::Read::read_to_string(&mut gunzip, &mut out).expect("gunzip");
        assert_eq!(out, text);
        let mut unbrotli = Vec::new();
        let brotli = resource.brotli.get().expect("compressed");
        brotli::BrotliDecompress(&mut &brotli[..], &mut unbrotli).expect("unbrotli");
        assert_eq!(unbrotli, text.as_bytes());
        assert!(brotli.len() < resource.gzip.len());
    }
}
