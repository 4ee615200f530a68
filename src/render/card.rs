//! Link-preview cards: 1200×630 PNGs drawn from an SVG template and
//! rasterised in Rust (resvg) with an embedded font (DejaVu Sans; licence in
//! `assets/fonts/LICENSE-DejaVu.txt`), so a card looks the same wherever the
//! site runs. Cards are rendered on first request and cached like pages.

use std::sync::{Arc, OnceLock};

use askama::Template;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

use super::card_ranges::{self, CardRange, Drawn};
use super::card_text::{self, ASCENT, Area, BOLD, Face, LEADING, Placed, REGULAR};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// What a card shows.
pub struct Card {
    /// The small line above the title ("Salaries", "Comparison").
    pub eyebrow: String,
    pub title: String,
    /// Role names, in column order, each drawn in its colour.
    pub roles: Vec<String>,
    /// Rows of text: `(label, one text per column)`. A row with a label
    /// has it in a column of labels, and one text per role; a row without
    /// one spreads its texts over the whole width. Text wraps and the rows
    /// are sized to fit the card (see [`card_text::rows`]).
    pub rows: Vec<(String, Vec<String>)>,
    /// The site's name, top right.
    pub site: String,
    /// What to credit, at the bottom.
    pub footer: String,
    /// Wage distributions drawn under the rows, one per role in the
    /// roles' order (the official pay card's); none on other cards.
    pub ranges: Vec<CardRange>,
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

/// The left and right edges of what a card shows.
const LEFT: f64 = 72.0;
const RIGHT: f64 = 1128.0;
/// Where the title starts, under the eyebrow.
const TITLE_TOP: f64 = 112.0;
/// The lowest a row of text reaches: above the footer's rule.
const ROWS_BOTTOM: f64 = 536.0;
/// The height of a role's chip.
const CHIP: f64 = 40.0;

/// The title's sizes, largest first: one line at the larger sizes, then two.
const TITLE_FACES: [(Face, usize); 7] = [
    (bold(64.0), 1),
    (bold(58.0), 1),
    (bold(52.0), 1),
    (bold(48.0), 1),
    (bold(52.0), 2),
    (bold(46.0), 2),
    (bold(40.0), 2),
];

/// The footer's sizes: one line, else two smaller ones.
const FOOTER_FACES: [(Face, usize); 3] =
    [(regular(22.0), 1), (regular(20.0), 1), (regular(18.0), 2)];

const fn bold(size: f64) -> Face {
    Face { size, bold: true }
}

const fn regular(size: f64) -> Face {
    Face { size, bold: false }
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
    /// The rows' text, line by line.
    lines: Vec<Placed>,
    footer_size: f64,
    footer: Vec<Line>,
    /// The ranges drawn, if any.
    ranges: Drawn,
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
    size: f64,
    name: String,
}

impl Card {
    /// The card as SVG markup; `colours` are the roles' colours, in the
    /// order of [`Card::roles`] (see [`super::colour`]).
    pub fn svg(&self, colours: &[usize]) -> Result<String, askama::Error> {
        let (face, lines) = card_text::fit(&self.title, RIGHT - LEFT, &TITLE_FACES);
        let step = face.size * 1.15;
        let title: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| Line {
                y: TITLE_TOP + face.size * ASCENT + step * i as f64,
                text,
            })
            .collect();
        let below_title = TITLE_TOP + step * title.len() as f64 + 20.0;
        let rows_top = if self.roles.is_empty() {
            below_title + 12.0
        } else {
            below_title + CHIP + 30.0
        };
        // Ranges take the bottom of the rows' room.
        let ranges_top = ROWS_BOTTOM - card_ranges::height(self.ranges.len());
        let laid = card_text::rows(
            &self.rows,
            Area {
                top: rows_top,
                bottom: if self.ranges.is_empty() {
                    ROWS_BOTTOM
                } else {
                    ranges_top - 20.0
                },
                left: LEFT,
                right: RIGHT,
            },
        );
        let (footer_face, footer) = card_text::fit(&self.footer, RIGHT - LEFT, &FOOTER_FACES);
        // Under the rule at 552: one line at 596, or two.
        let footer_top = if footer.len() > 1 { 584.0 } else { 596.0 };
        let footer = footer
            .into_iter()
            .enumerate()
            .map(|(i, text)| Line {
                y: footer_top + footer_face.size * LEADING * i as f64,
                text,
            })
            .collect();
        let labelled = self.rows.iter().any(|(label, _)| !label.is_empty());
        let chips_left = if labelled { laid.columns_left } else { LEFT };
        let fills: Vec<&str> = (0..self.ranges.len()).map(|i| fill(colours, i)).collect();
        let ranges = card_ranges::draw(
            &self.ranges,
            &fills,
            (chips_left, RIGHT - 24.0, ranges_top),
            "#1a1d21",
        );
        CardSvg {
            eyebrow: self.eyebrow.to_uppercase(),
            site: &self.site,
            title_size: face.size,
            title,
            chips: self.chips(chips_left, below_title, colours),
            lines: laid.lines,
            footer_size: footer_face.size,
            footer,
            ranges,
        }
        .render()
    }

    /// Role names as coloured chips from `left`, over the columns of the
    /// rows (after their labels, when they have any).
    fn chips(&self, left: f64, y: f64, colours: &[usize]) -> Vec<Chip> {
        let (starts, width) = card_text::columns(left, RIGHT, self.roles.len());
        self.roles
            .iter()
            .zip(starts)
            .enumerate()
            .map(|(i, (role, x))| {
                let faces = [30.0, 26.0, 22.0, 20.0].map(|size| (bold(size), 1));
                let (face, name) = card_text::fit(role, width - 22.0, &faces);
                Chip {
                    x,
                    y,
                    colour: fill(colours, i),
                    size: face.size,
                    name: name.join(" "),
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

/// The colour of the `i`th role of a card whose roles wear `colours`.
fn fill(colours: &[usize], i: usize) -> &'static str {
    colours
        .get(i)
        .and_then(|n| super::assets::role_colours().get(n.wrapping_sub(1)))
        .map_or("#535c69", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::Card;

    /// A card of a section listing `names` for two roles.
    fn listing(names: &[(&str, &str)]) -> Card {
        Card {
            eyebrow: "Responsibilities".to_owned(),
            title: "AWS Engineer vs AWS Architect".to_owned(),
            roles: vec!["AWS Engineer".to_owned(), "AWS Architect".to_owned()],
            rows: names
                .iter()
                .enumerate()
                .map(|(i, (a, b))| ((i + 1).to_string(), vec![(*a).to_owned(), (*b).to_owned()]))
                .collect(),
            site: "rolecompare".to_owned(),
            footer: "Source: Vaibhav Umarvaishya, NovelVista".to_owned(),
            ranges: Vec::new(),
        }
    }

    #[test]
    fn no_item_is_cut_while_the_card_has_room() {
        let card = listing(&[
            ("Implementation", "Solution design"),
            ("Automation", "Stakeholder engagement"),
            (
                "Monitoring and troubleshooting",
                "Best practices and governance",
            ),
            ("Infrastructure management", "Technical leadership"),
            ("Collaboration", "Cost optimisation and review"),
        ]);
        let svg = card.svg(&[1, 2]).expect("svg");
        assert!(!svg.contains('…'), "{svg}");
        for word in ["troubleshooting", "governance", "Collaboration", "review"] {
            assert!(svg.contains(word), "{word} is missing:\n{svg}");
        }
    }
}
