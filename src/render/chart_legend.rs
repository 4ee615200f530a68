//! A chart's legend: a swatch and a name per role, in rows that wrap at
//! the drawing's width. A name too long for one row (a role with its
//! official occupation) wraps onto lines of its own.

/// Height of a legend line.
pub const LEGEND_ROW: f64 = 18.0;
/// The width a legend's character takes, about, at the chart's 12 px.
const CHAR: f64 = 7.0;
/// A swatch and the gap after it.
const SWATCH: f64 = 16.0;
/// The gap after an item, before the next on its row.
const ITEM_GAP: f64 = 12.0;

pub struct LegendItem {
    pub x: f64,
    /// The baseline of its first line.
    pub y: f64,
    /// The role's colour, for its class `role-{n}`.
    pub colour: usize,
    /// The name, line by line: each line's baseline and text.
    pub lines: Vec<(f64, String)>,
}

impl LegendItem {
    pub fn swatch_y(&self) -> f64 {
        self.y - 10.0
    }
    pub fn text_x(&self) -> f64 {
        self.x + SWATCH
    }
}

/// `text` in lines of at most `chars` characters, broken between words
/// (a word longer than a line has a line of its own).
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Legend entries in a row, wrapping onto further rows at `width`; and
/// the baseline of the last line.
pub fn legend(names: &[(usize, String)], width: f64) -> (Vec<LegendItem>, f64) {
    let (mut x, mut y) = (0.0, 16.0);
    let mut last = y;
    let chars = (((width - SWATCH) / CHAR).floor() as usize).max(8);
    let items = names
        .iter()
        .map(|(colour, name)| {
            let size = SWATCH + ITEM_GAP + CHAR * name.chars().count() as f64;
            let lines = if size - ITEM_GAP > width {
                wrap(name, chars)
            } else {
                vec![name.clone()]
            };
            // A long name starts a row of its own, as does one that no
            // longer fits on this row.
            if x > 0.0 && (lines.len() > 1 || x + size - ITEM_GAP > width) {
                (x, y) = (0.0, last + LEGEND_ROW);
            }
            let item = LegendItem {
                x: (x * 10.0_f64).round() / 10.0,
                y,
                colour: *colour,
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| (y + LEGEND_ROW * i as f64, line))
                    .collect(),
            };
            last = item.lines.last().map_or(y, |(line_y, _)| *line_y);
            if item.lines.len() > 1 {
                (x, y) = (width, y);
            } else {
                x += size;
            }
            item
        })
        .collect();
    (items, last)
}

#[cfg(test)]
mod tests {
    use super::legend;

    #[test]
    fn a_narrow_legend_wraps() {
        let names: Vec<(usize, String)> = ["Ferry Captain", "Harbour Pilot", "Lighthouse Keeper"]
            .iter()
            .enumerate()
            .map(|(i, n)| (i + 1, (*n).to_owned()))
            .collect();
        let (items, last) = legend(&names, 288.0);
        assert_eq!(items[1].y, 16.0);
        assert_eq!(items[2].y, 34.0);
        assert_eq!(last, 34.0);
        let (_, last) = legend(&names, 640.0);
        assert_eq!(last, 16.0);
    }

    #[test]
    fn a_long_name_wraps_onto_lines_of_its_own() {
        let names = vec![
            (
                1,
                "AWS Engineer · Network and Computer Systems Administrators (15-1244)".to_owned(),
            ),
            (
                2,
                "AWS Architect · Computer Network Architects (15-1241)".to_owned(),
            ),
        ];
        let (items, last) = legend(&names, 288.0);
        let lines: Vec<&str> = items[0].lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            lines,
            [
                "AWS Engineer · Network and Computer",
                "Systems Administrators (15-1244)"
            ]
        );
        // Each line fits the drawing.
        for item in &items {
            for (_, line) in &item.lines {
                assert!(16.0 + 7.0 * line.chars().count() as f64 <= 288.0, "{line}");
            }
        }
        // The second name starts below the first's last line.
        assert_eq!(items[1].y, items[0].lines[1].0 + 18.0);
        assert_eq!(last, items[1].lines.last().map(|l| l.0).unwrap_or_default());
    }
}
