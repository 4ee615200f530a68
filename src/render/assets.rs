//! Static assets, embedded in the binary at build time and served under
//! content-hashed names (`/static/style.1a2b3c4d5e6f7a8b.css`), so they can be
//! cached as immutable and a new build never serves a stale stylesheet.

use bytes::Bytes;

use crate::address::Page;

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
    /// The favicon's address, what `/favicon.ico` redirects to.
    pub favicon: Page,
    files: Vec<(String, Asset)>,
}

impl Assets {
    pub fn new() -> Self {
        let mut assets = Self {
            css_path: String::new(),
            favicon_path: String::new(),
            favicon: Page::Home,
            files: Vec::new(),
        };
        assets.css_path = assets.add("style", "css", STYLE, "text/css; charset=utf-8");
        assets.favicon_path = assets.add("favicon", "svg", FAVICON, "image/svg+xml");
        if let Some((name, _)) = assets.files.last() {
            assets.favicon = Page::Asset(name.clone());
        }
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
        let path = Page::Asset(name.clone()).path();
        self.files.push((
            name,
            Asset {
                bytes: Bytes::from_static(bytes),
                content_type,
            },
        ));
        path
    }

    /// The asset called `name` (its fingerprinted file name).
    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.files
            .iter()
            .find(|(file, _)| file == name)
            .map(|(_, asset)| asset)
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

/// The role colours of the light scheme, in position order, as the
/// stylesheet defines them (`--role-1-bar: #2563eb;` …): the one place they
/// are written. Images drawn outside the browser (preview cards) use them.
pub fn role_colours() -> &'static [String] {
    static COLOURS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    COLOURS.get_or_init(|| {
        let css = String::from_utf8_lossy(STYLE);
        let mut colours: Vec<String> = Vec::new();
        for n in 1.. {
            let property = format!("--role-{n}-bar:");
            // The first definition is the light scheme's `:root`.
            let Some(value) = css
                .split_once(&property)
                .and_then(|(_, rest)| rest.split(';').next())
            else {
                break;
            };
            colours.push(value.trim().to_owned());
        }
        colours
    })
}

/// 64-bit FNV-1a: a stable, dependency-free fingerprint for file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn role_colours_come_from_the_stylesheet() {
        let colours = super::role_colours();
        assert_eq!(colours.len(), 4, "{colours:?}");
        assert_eq!(colours[0], "#2563eb");
        assert!(colours.iter().all(|c| c.starts_with('#') && c.len() == 7));
    }
}
