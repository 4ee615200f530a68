//! Static assets, embedded in the binary at build time and served under
//! content-hashed names (`/static/style.1a2b3c4d5e6f7a8b.css`), so they can be
//! cached as immutable and a new build never serves a stale stylesheet.

use axum::body::Bytes;

const STYLE: &[u8] = include_bytes!("../../static/style.css");
const FAVICON: &[u8] = include_bytes!("../../static/favicon.svg");

pub struct Asset {
    pub bytes: Bytes,
    pub content_type: &'static str,
}

pub struct Assets {
    /// `/static/style.<hash>.css`
    pub css_path: String,
    /// `/static/favicon.<hash>.svg`
    pub favicon_path: String,
    files: Vec<(String, Asset)>,
}

impl Assets {
    pub fn new() -> Self {
        let mut assets = Self {
            css_path: String::new(),
            favicon_path: String::new(),
            files: Vec::new(),
        };
        assets.css_path = assets.add("style", "css", STYLE, "text/css; charset=utf-8");
        assets.favicon_path = assets.add("favicon", "svg", FAVICON, "image/svg+xml");
        assets
    }

    fn add(
        &mut self,
        stem: &str,
        ext: &str,
        bytes: &'static [u8],
        content_type: &'static str,
    ) -> String {
        let name = format!("{stem}.{:016x}.{ext}", fnv1a(bytes));
        let path = crate::address::Page::Asset(name.clone()).path();
        self.files.push((
            name,
            Asset {
                bytes: Bytes::from_static(bytes),
                content_type,
            },
        ));
        path
    }

    /// Every asset: `(file name, asset)`.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Asset)> {
        self.files
            .iter()
            .map(|(name, asset)| (name.as_str(), asset))
    }
}

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

/// 64-bit FNV-1a: a stable, dependency-free fingerprint for file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
