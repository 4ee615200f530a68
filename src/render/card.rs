//! Link-preview cards: 1200×630 PNGs drawn from an SVG template and
//! rasterised in Rust (resvg) with an embedded font (DejaVu Sans; licence in
//! `assets/fonts/LICENSE-DejaVu.txt`), so a card looks the same wherever the
//! site runs. Cards are rendered on first request and cached like pages.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Role colours, as on the pages (light scheme).
const ROLE_COLOURS: [&str; 4] = ["#2563eb", "#d47000", "#0c8f7a", "#9340e6"];

/// What a card shows.
pub struct Card {
    /// The small line above the title ("Salaries", "Comparison").
    pub eyebrow: String,
    pub title: String,
    /// Role names, in column order, each drawn in its colour.
    pub roles: Vec<String>,
    /// Up to four rows of figures: `(label, one text per role)`.
    pub rows: Vec<(String, Vec<String>)>,
    /// The site's name, top right.
    pub site: String,
    /// What to credit, at the bottom.
    pub footer: String,
}

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options = usvg::Options {
            font_family: "DejaVu Sans".to_owned(),
            ..usvg::Options::default()
        };
        let fonts = options.fontdb_mut();
        fonts.load_font_data(REGULAR.to_vec());
        fonts.load_font_data(BOLD.to_vec());
        options.fontdb = Arc::new(options.fontdb.as_ref().clone());
        options
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Splits `text` into lines of at most `width` characters, at spaces;
/// at most `lines` lines, the last one shortened with "…".
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", keep.trim_end());
        }
    }
    out
}

fn shorten(text: &str, width: usize) -> String {
    wrap(text, width, 1).into_iter().next().unwrap_or_default()
}

impl Card {
    /// The card as SVG markup.
    pub fn svg(&self) -> String {
        let mut svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="#f5f7fa"/>
<rect width="{WIDTH}" height="14" fill="#1a4fc4"/>
<text x="72" y="96" font-size="30" font-weight="bold" fill="#1a4fc4" letter-spacing="2">{}</text>
<text x="1128" y="96" font-size="26" font-weight="bold" fill="#535c69" text-anchor="end">{}</text>
"##,
            escape(&self.eyebrow.to_uppercase()),
            escape(&self.site)
        );
        // One line at 64 px when it fits, else up to two at 52 px.
        let (size, step, lines) = if self.title.chars().count() <= 26 {
            (64.0, 76.0, wrap(&self.title, 26, 1))
        } else {
            (52.0, 62.0, wrap(&self.title, 36, 2))
        };
        let mut y = 170.0;
        for line in &lines {
            svg.push_str(&format!(
                r##"<text x="72" y="{y}" font-size="{size}" font-weight="bold" fill="#1a1d21">{}</text>
"##,
                escape(line)
            ));
            y += step;
        }
        // Role names as coloured chips, over the columns of figures when
        // there are any.
        let (left, span) = if self.rows.is_empty() {
            (72.0, 1056.0)
        } else {
            (248.0, 880.0)
        };
        let chip_width = span / self.roles.len().max(1) as f64;
        let chip_y = y - 16.0;
        for (i, role) in self.roles.iter().enumerate() {
            let colour = ROLE_COLOURS[i % ROLE_COLOURS.len()];
            let x = left + chip_width * i as f64;
            svg.push_str(&format!(
                r##"<rect x="{x}" y="{chip_y}" width="10" height="40" rx="3" fill="{colour}"/>
<text x="{}" y="{}" font-size="30" font-weight="bold" fill="#1a1d21">{}</text>
"##,
                x + 22.0,
                chip_y + 30.0,
                escape(&shorten(role, (chip_width / 19.0) as usize))
            ));
        }
        // Rows of figures, one column per role.
        let mut row_y = chip_y + 92.0;
        for (label, cells) in self.rows.iter().take(4) {
            svg.push_str(&format!(
                r##"<text x="72" y="{row_y}" font-size="26" fill="#535c69">{}</text>
"##,
                escape(&shorten(label, 12))
            ));
            let column = 880.0 / cells.len().max(1) as f64;
            for (i, cell) in cells.iter().enumerate() {
                svg.push_str(&format!(
                    r##"<text x="{}" y="{row_y}" font-size="26" font-weight="bold" fill="#1a1d21">{}</text>
"##,
                    248.0 + column * i as f64,
                    escape(&shorten(cell, (column / 15.0) as usize))
                ));
            }
            row_y += 44.0;
        }
        svg.push_str(&format!(
            r##"<rect y="{}" width="{WIDTH}" height="2" fill="#dde1e7"/>
<text x="72" y="{}" font-size="22" fill="#535c69">{}</text>
</svg>
"##,
            HEIGHT - 78,
            HEIGHT - 34,
            escape(&shorten(&self.footer, 84))
        ));
        svg
    }

    /// The card as a PNG.
    pub fn png(&self) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(&self.svg(), options()).map_err(|e| e.to_string())?;
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate the card")?;
        resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
        pixmap.encode_png().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_shortens_the_last_line() {
        assert_eq!(
            wrap("AWS Engineer vs AWS Architect", 34, 2),
            ["AWS Engineer vs AWS Architect"]
        );
        assert_eq!(wrap("one two three four", 9, 2), ["one two", "three…"]);
    }
}
