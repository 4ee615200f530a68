//! Link-preview cards: 1200×630 PNGs drawn from an SVG template and
//! rasterised in Rust (resvg) with an embedded font (DejaVu Sans; licence in
//! `assets/fonts/LICENSE-DejaVu.txt`), so a card looks the same wherever the
//! site runs. Cards are rendered on first request and cached like pages.

use std::sync::{Arc, OnceLock};

use askama::Template;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// What a card shows.
pub struct Card {
    /// The small line above the title ("Salaries", "Comparison").
    pub eyebrow: String,
    pub title: String,
    /// Role names, in column order, each drawn in its colour (given when
    /// drawing: see [`Card::png`]).
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

/// A card laid out: what `templates/card.svg` prints.
#[derive(Template)]
#[template(path = "card.svg")]
struct CardSvg<'a> {
    /// The eyebrow, in capitals.
    eyebrow: String,
    site: &'a str,
    title_size: f64,
    title: Vec<Line>,
    chips: Vec<Chip>,
    rows: Vec<FigureRow>,
    footer: String,
}

/// A line of the title, at height `y`.
struct Line {
    y: f64,
    text: String,
}

/// A role's name after a bar in its colour; `(x, y)` is the bar's corner.
struct Chip {
    x: f64,
    y: f64,
    colour: &'static str,
    name: String,
}

/// A row of figures: its label, then one text per role column.
struct FigureRow {
    y: f64,
    label: String,
    /// `(x, text)`, one per role.
    cells: Vec<(f64, String)>,
}

impl Card {
    /// The card as SVG markup; `colours` are the roles' colours, in the
    /// order of [`Card::roles`] (see [`super::colour`]).
    pub fn svg(&self, colours: &[usize]) -> Result<String, askama::Error> {
        // One line at 64 px when it fits, else up to two at 52 px.
        let (title_size, step, lines) = if self.title.chars().count() <= 26 {
            (64.0, 76.0, wrap(&self.title, 26, 1))
        } else {
            (52.0, 62.0, wrap(&self.title, 36, 2))
        };
        let title: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| Line {
                y: 170.0 + step * i as f64,
                text,
            })
            .collect();
        // Chips sit just above where a further title line would start.
        let chip_y = 170.0 + step * title.len() as f64 - 16.0;
        CardSvg {
            eyebrow: self.eyebrow.to_uppercase(),
            site: &self.site,
            title_size,
            title,
            chips: self.chips(chip_y, colours),
            rows: self.figure_rows(chip_y + 92.0),
            footer: shorten(&self.footer, 84),
        }
        .render()
    }

    /// Role names as chips in their `colours`, over the columns of
    /// figures when there are any.
    fn chips(&self, y: f64, colours: &[usize]) -> Vec<Chip> {
        let (left, span) = if self.rows.is_empty() {
            (72.0, 1056.0)
        } else {
            (248.0, 880.0)
        };
        let width = span / self.roles.len().max(1) as f64;
        let hex = super::assets::role_colours();
        self.roles
            .iter()
            .enumerate()
            .map(|(i, role)| Chip {
                x: left + width * i as f64,
                y,
                colour: colours
                    .get(i)
                    .and_then(|n| hex.get(n.wrapping_sub(1)))
                    .map_or("#535c69", String::as_str),
                name: shorten(role, (width / 19.0) as usize),
            })
            .collect()
    }

    /// Up to four rows of figures from `top` down, one column per role.
    fn figure_rows(&self, top: f64) -> Vec<FigureRow> {
        self.rows
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, (label, cells))| {
                let column = 880.0 / cells.len().max(1) as f64;
                FigureRow {
                    y: top + 44.0 * i as f64,
                    label: shorten(label, 12),
                    cells: cells
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            let x = 248.0 + column * i as f64;
                            (x, shorten(cell, (column / 15.0) as usize))
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// The card as a PNG, the roles in their `colours`.
    pub fn png(&self, colours: &[usize]) -> Result<Vec<u8>, String> {
        let svg = self.svg(colours).map_err(|e| e.to_string())?;
        let tree = usvg::Tree::from_str(&svg, options()).map_err(|e| e.to_string())?;
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
