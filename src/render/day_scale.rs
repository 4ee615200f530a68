//! How tall the day view draws a row, so time is to scale: every row has
//! one height, so a block spanning n rows is n times as tall as one row,
//! and that height is enough for the text of the most crowded cell.
//!
//! Pages carry no inline styles, so the height is a class of the table:
//! `phone-rows-{n}` on phones, `rows-{n}` from 40rem and `desk-rows-{n}`
//! from 64rem, each `n`
//! quarter rems (`static/style.css` defines every one in [`STEPS`]). The
//! text's height is estimated from its length, for the narrowest screen of
//! each layout, the way the stylesheet sets it (fonts, paddings, column
//! widths); the estimate errs on the generous side.

/// The row heights the stylesheet defines, in quarter rems: every half rem
/// to 10rem, then every rem to 24rem.
pub const STEPS: [u32; 31] = [
    8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 44, 48, 52, 56, 60, 64, 68,
    72, 76, 80, 84, 88, 92, 96,
];

/// What a cell of the day table shows, for its height.
pub enum CellText<'a> {
    /// A block: its times and duration, activity, kind and detail.
    Block {
        time: &'a str,
        duration: &'a str,
        activity: &'a str,
        kind: &'a str,
        detail: &'a str,
    },
    /// "Nothing scheduled".
    Gap,
    /// A role without a schedule (its title): a note and its day-to-day
    /// items `(name, detail)`.
    List {
        title: &'a str,
        items: Vec<(&'a str, &'a str)>,
    },
}

/// One layout of the table, as the stylesheet sets it, in px at a 16 px
/// root.
struct Layout {
    /// Text width of a role column.
    column: f64,
    /// The table's font size.
    font: f64,
    /// Padding and borders above and below a cell's text.
    frame: f64,
}

impl Layout {
    /// Phones (under 40rem), from 320 px: a 2.75rem time column, columns
    /// no narrower than at two roles (more roles scroll sideways).
    fn phone() -> Self {
        Self {
            column: 94.0,
            font: 14.0,
            frame: 20.0,
        }
    }

    /// Wider screens, from `viewport` px: `columns` role columns beside a
    /// 4rem time column in the page's width (at most 72rem, less its
    /// margins of 4vw, 2rem at most).
    fn wide(viewport: f64, columns: usize) -> Self {
        let columns = columns.max(1) as f64;
        let page = viewport.min(1152.0) - 2.0 * (viewport * 0.04).min(32.0);
        let table = page - 64.0 - 6.0 * (columns + 1.0);
        Self {
            column: (table / columns - 30.0).max(60.0),
            font: 15.0,
            frame: 24.0,
        }
    }

    /// Lines `text` takes at `size` px (`bold` runs wider), wrapped at
    /// spaces.
    fn lines(&self, text: &str, size: f64, bold: bool) -> f64 {
        let per_char = size * if bold { 0.64 } else { 0.58 };
        let width = ((self.column / per_char).floor() as usize).max(4);
        let mut lines = 0;
        let mut current = 0;
        for word in text.split_whitespace() {
            let length = word.chars().count();
            if current > 0 && current + 1 + length <= width {
                current += 1 + length;
            } else {
                lines += length.div_ceil(width).max(1);
                current = length % width;
            }
        }
        lines.max(1) as f64
    }

    /// The px height `cell` needs.
    fn height(&self, cell: &CellText<'_>) -> f64 {
        let font = self.font;
        match cell {
            CellText::Block {
                time,
                duration,
                activity,
                kind,
                detail,
            } => {
                let time = format!("{time} · {duration}");
                self.frame
                    + self.lines(&time, 13.0, true) * 13.0 * 1.45
                    + 2.0
                    + self.lines(activity, font, true) * font * 1.35
                    + 5.0
                    + self.lines(kind, 12.0, true) * 18.0
                    + 2.0
                    + 5.0
                    + self.lines(detail, font, false) * font * 1.45
            }
            CellText::Gap => self.frame + self.lines("Nothing scheduled", 13.0, false) * 13.0 * 1.6,
            CellText::List { title, items } => {
                let note = format!("No schedule for {title}; what the role does day to day:");
                let note = self.lines(&note, font, false) * font * 1.6 + 8.0;
                let items: f64 = items
                    .iter()
                    .map(|(name, detail)| {
                        24.0 + self.lines(name, font, true) * font * 1.4
                            + self.lines(detail, font, false) * font * 1.6
                    })
                    .sum();
                self.frame + note + items
            }
        }
    }

    /// The smallest row height (in quarter rems, one of [`STEPS`]) that
    /// fits each of `cells`, `(rows spanned, text)`.
    fn rows(&self, cells: &[(usize, CellText<'_>)]) -> u32 {
        let needed = cells
            .iter()
            .map(|(rows, cell)| self.height(cell) / (*rows).max(1) as f64)
            .fold(0.0, f64::max);
        let quarters = (needed / 4.0).ceil() as u32;
        STEPS
            .into_iter()
            .find(|&step| step >= quarters)
            .unwrap_or(STEPS[STEPS.len() - 1])
    }
}

/// The table's row-height classes for `cells`, `(rows spanned, text)`, in
/// `columns` role columns: `phone-rows-{a} rows-{b} desk-rows-{c}`.
pub fn row_classes(columns: usize, cells: &[(usize, CellText<'_>)]) -> String {
    format!(
        "phone-rows-{} rows-{} desk-rows-{}",
        Layout::phone().rows(cells),
        Layout::wide(640.0, columns).rows(cells),
        Layout::wide(1024.0, columns).rows(cells),
    )
}

#[cfg(test)]
mod tests {
    use super::{CellText, Layout, row_classes};

    #[test]
    fn words_wrap_at_the_column_width() {
        let layout = Layout {
            column: 60.0,
            font: 10.0,
            frame: 0.0,
        };
        // Ten characters a line at 10 px.
        assert_eq!(layout.lines("one two three", 10.0, false), 2.0);
        assert_eq!(layout.lines("abcdefghijklmnopqrstuvwxy", 10.0, false), 3.0);
        assert_eq!(layout.lines("", 10.0, false), 1.0);
    }

    #[test]
    fn crowded_short_blocks_make_taller_rows() {
        let block = |detail| CellText::Block {
            time: "09:00–09:30",
            duration: "0.5 h",
            activity: "Check overnight alerts",
            kind: "monitoring",
            detail,
        };
        let short = row_classes(2, &[(2, block("A few words."))]);
        let long = row_classes(2, &[(2, block(&"word ".repeat(40)))]);
        assert_ne!(short, long);
        let number = |classes: &str| -> u32 {
            classes
                .split(['-', ' '])
                .nth(2)
                .and_then(|n| n.parse().ok())
                .unwrap()
        };
        assert!(number(&long) > number(&short), "{short} / {long}");
    }
}
