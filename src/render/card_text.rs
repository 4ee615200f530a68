//! Text on preview cards: how wide a line is in the card's font (DejaVu
//! Sans, measured glyph by glyph), and how rows of text are laid out to use
//! the room a card has: wrapped at spaces and set at the largest size at
//! which everything fits. Text is cut, at a word and with "…", only when
//! it cannot fit even at the smallest size.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The sizes rows of text are tried at, largest first.
const ROW_SIZES: [f64; 6] = [26.0, 24.0, 22.0, 20.0, 18.0, 16.0];
/// The height of a line, as a multiple of the font size.
pub const LEADING: f64 = 1.22;
/// From the top of a line to its baseline, as a multiple of the size.
pub const ASCENT: f64 = 0.95;
/// The space between columns.
const GUTTER: f64 = 28.0;
/// The space between rows, as a multiple of the font size.
const ROW_GAP: f64 = 0.6;
/// A row with a text of more words than this is prose, set in the
/// regular weight; rows of names and figures are bold.
const NAME_WORDS: usize = 12;
/// The widest a column of row labels gets, as a share of the width.
const MOST_LABEL: f64 = 0.25;

/// How wide `text` is at `size` px, in the bold or the regular face.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let Ok(font) = FontRef::new(if bold { BOLD } else { REGULAR }) else {
        // Not reached: the fonts are built in. An average glyph's width.
        return text.chars().count() as f64 * 0.62 * size;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
    let ems: f64 = text
        .chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .map_or(0.62, f64::from)
        })
        .sum();
    ems * size
}

/// A way to set some text: a size and a weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    pub size: f64,
    pub bold: bool,
}

/// `text` in lines no wider than `room`, broken at spaces; a line break
/// in `text` always starts a new line. A word wider than `room` is cut to
/// fit, with "…"; the flag says whether any was.
fn wrap(text: &str, room: f64, face: Face) -> (Vec<String>, bool) {
    let fits = |line: &str| width(line, face.size, face.bold) <= room;
    let mut lines = Vec::new();
    let mut cut = false;
    for paragraph in text.lines() {
        let mut current = String::new();
        for word in paragraph.split_whitespace() {
            let longer = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if fits(&longer) {
                current = longer;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current = word.to_owned();
            if !fits(word) {
                current = ellipsis(word, "", &fits);
                cut = true;
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
    }
    (lines, cut)
}

/// `text` shortened to what fits, then `after` and "…": at a word when one
/// fits, else within the first word.
fn ellipsis(text: &str, after: &str, fits: &dyn Fn(&str) -> bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    for keep in (1..=words.len()).rev() {
        let line = format!("{}{after}…", words[..keep].join(" "));
        if fits(&line) {
            return line;
        }
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let line = format!("{}…", chars.iter().collect::<String>().trim_end());
        if fits(&line) {
            return line;
        }
    }
    "…".to_owned()
}

/// `text` in at most `lines` lines no wider than `room`, at the first of
/// `faces` (largest first) at which it fits whole; else at the last, with
/// its last line cut at a word, with "…".
pub fn fit(text: &str, room: f64, faces: &[(Face, usize)]) -> (Face, Vec<String>) {
    let mut last = (
        Face {
            size: 16.0,
            bold: false,
        },
        1,
    );
    for &(face, lines) in faces {
        last = (face, lines);
        let (wrapped, cut) = wrap(text, room, face);
        if !cut && wrapped.len() <= lines {
            return (face, wrapped);
        }
    }
    let (face, lines) = last;
    let (mut wrapped, _) = wrap(text, room, face);
    if wrapped.len() > lines {
        let rest = wrapped[lines - 1..].join(" ");
        wrapped.truncate(lines - 1);
        wrapped.push(ellipsis(&rest, "", &|line| {
            width(line, face.size, face.bold) <= room
        }));
    }
    (face, wrapped)
}

/// A line of text placed on the card: its baseline starts at `(x, y)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub face: Face,
    /// A row's label, drawn in the quieter colour.
    pub label: bool,
    pub text: String,
}

/// Where rows of text go: from `top` to `bottom`, between `left` and
/// `right`.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
}

/// Where each of `count` columns starts between `left` and `right`, and
/// how wide each is: equal columns with a gutter between them.
pub fn columns(left: f64, right: f64, count: usize) -> (Vec<f64>, f64) {
    let count = count.max(1);
    let width = (right - left - GUTTER * (count - 1) as f64) / count as f64;
    let starts = (0..count)
        .map(|i| left + (width + GUTTER) * i as f64)
        .collect();
    (starts, width)
}

/// Rows laid out: every line placed, where the columns start (after any
/// labels), and how many rows were left out for want of room.
#[derive(Debug, Default)]
pub struct Laid {
    pub lines: Vec<Placed>,
    pub columns_left: f64,
    pub left_out: usize,
}

/// One row, wrapped at one size: its label's lines and each cell's.
struct Wrapped {
    label: Vec<String>,
    cells: Vec<(Face, Vec<String>)>,
    cut: bool,
}

impl Wrapped {
    fn height(&self, size: f64) -> f64 {
        let lines = self.cells.iter().map(|(_, l)| l.len());
        let most = lines.chain([self.label.len()]).max().unwrap_or(0).max(1);
        most as f64 * size * LEADING
    }
}

/// Lays out `rows` (a label, empty for none, then one text per column) in
/// `area`: a row with a label has it in a column of labels, and its cells
/// after it; a row without one spreads its cells over the whole width.
/// Every row is set at the largest size at which all of them fit whole;
/// at the smallest size, rows that do not fit are left out.
pub fn rows(rows: &[(String, Vec<String>)], area: Area) -> Laid {
    let room = area.bottom - area.top;
    let last = ROW_SIZES.len() - 1;
    for (i, &size) in ROW_SIZES.iter().enumerate() {
        let label_width = label_column(rows, size, area);
        let wrapped: Vec<Wrapped> = rows
            .iter()
            .map(|row| wrap_row(row, size, label_width, area))
            .collect();
        let heights: Vec<f64> = wrapped.iter().map(|w| w.height(size)).collect();
        let gaps = size * ROW_GAP * heights.len().saturating_sub(1) as f64;
        let fits = heights.iter().sum::<f64>() + gaps <= room;
        if (fits && !wrapped.iter().any(|w| w.cut)) || i == last {
            return place(&wrapped, size, label_width, area);
        }
    }
    Laid::default()
}

/// The width of the column of labels at `size`: the widest label (at
/// most a quarter of the width; longer ones wrap) and a gutter; none if
/// no row has a label.
fn label_column(rows: &[(String, Vec<String>)], size: f64, area: Area) -> f64 {
    let whole = rows
        .iter()
        .map(|(label, _)| width(label, size, false))
        .fold(0.0, f64::max);
    if whole == 0.0 {
        return 0.0;
    }
    let most = (area.right - area.left) * MOST_LABEL;
    whole.min(most) + GUTTER
}

/// One row wrapped at `size`.
fn wrap_row(row: &(String, Vec<String>), size: f64, label_width: f64, area: Area) -> Wrapped {
    let (label, cells) = row;
    let left = if label.is_empty() {
        area.left
    } else {
        area.left + label_width
    };
    let (_, column) = columns(left, area.right, cells.len());
    let regular = Face { size, bold: false };
    let (label, mut cut) = wrap(label, (label_width - GUTTER).max(1.0), regular);
    let bold = cells
        .iter()
        .all(|text| text.split_whitespace().count() <= NAME_WORDS);
    let cells = cells
        .iter()
        .map(|text| {
            let face = Face { size, bold };
            let (lines, cut_here) = wrap(text, column, face);
            cut |= cut_here;
            (face, lines)
        })
        .collect();
    Wrapped { label, cells, cut }
}

/// Places wrapped rows from the top of `area`, leaving out those that
/// reach past its bottom.
fn place(wrapped: &[Wrapped], size: f64, label_width: f64, area: Area) -> Laid {
    let mut laid = Laid {
        columns_left: area.left + label_width,
        ..Laid::default()
    };
    let mut top = area.top;
    for (n, row) in wrapped.iter().enumerate() {
        if top + row.height(size) > area.bottom {
            laid.left_out = wrapped.len() - n;
            break;
        }
        let line_y = |i: usize| top + size * ASCENT + size * LEADING * i as f64;
        for (i, text) in row.label.iter().enumerate() {
            laid.lines.push(Placed {
                x: area.left,
                y: line_y(i),
                face: Face { size, bold: false },
                label: true,
                text: text.clone(),
            });
        }
        let left = if row.label.is_empty() {
            area.left
        } else {
            area.left + label_width
        };
        let (starts, _) = columns(left, area.right, row.cells.len());
        for ((face, lines), x) in row.cells.iter().zip(starts) {
            for (i, text) in lines.iter().enumerate() {
                laid.lines.push(Placed {
                    x,
                    y: line_y(i),
                    face: *face,
                    label: false,
                    text: text.clone(),
                });
            }
        }
        top += row.height(size) + size * ROW_GAP;
    }
    laid
}

#[cfg(test)]
mod tests;
