//! Card text: measured, wrapped, sized to fit, and cut only without room.

use super::{Area, Face, fit, rows, width, wrap};

/// The rows area of a card with a one-line title and role chips.
const AREA: Area = Area {
    top: 268.0,
    bottom: 534.0,
    left: 72.0,
    right: 1128.0,
};

fn row(label: &str, cells: &[&str]) -> (String, Vec<String>) {
    (
        label.to_owned(),
        cells.iter().map(|c| (*c).to_owned()).collect(),
    )
}

/// Every word of `rows`, in order, as laid out.
fn words_laid(laid: &super::Laid) -> Vec<String> {
    let mut lines = laid.lines.clone();
    lines.sort_by(|a, b| (a.x, a.y).partial_cmp(&(b.x, b.y)).expect("numbers"));
    lines
        .iter()
        .flat_map(|line| line.text.split_whitespace().map(str::to_owned))
        .collect()
}

#[test]
fn measures_text_in_the_cards_font() {
    let narrow = width("iiii", 20.0, false);
    let wide = width("WWWW", 20.0, false);
    assert!(narrow < wide / 2.0, "{narrow} vs {wide}");
    assert!(width("Salaries", 26.0, true) > width("Salaries", 26.0, false));
    assert!((width("Salaries", 52.0, true) - 2.0 * width("Salaries", 26.0, true)).abs() < 0.01);
}

#[test]
fn wraps_at_spaces_and_cuts_only_a_word_wider_than_a_line() {
    let face = Face {
        size: 26.0,
        bold: true,
    };
    let (lines, cut) = wrap("Monitoring and troubleshooting", 300.0, face);
    assert_eq!(lines, ["Monitoring and", "troubleshooting"]);
    assert!(!cut);
    let (lines, cut) = wrap("Entry level\n$80,000 – $110,000", 1000.0, face);
    assert_eq!(lines, ["Entry level", "$80,000 – $110,000"]);
    assert!(!cut);
    let (lines, cut) = wrap("Supercalifragilistic", 120.0, face);
    assert!(
        cut && lines.len() == 1 && lines[0].ends_with('…'),
        "{lines:?}"
    );
}

#[test]
fn fits_a_title_on_one_line_when_it_can_then_on_two() {
    let faces = [
        (
            Face {
                size: 64.0,
                bold: true,
            },
            1,
        ),
        (
            Face {
                size: 52.0,
                bold: true,
            },
            1,
        ),
        (
            Face {
                size: 52.0,
                bold: true,
            },
            2,
        ),
    ];
    let (face, lines) = fit("AWS Engineer vs AWS Architect", 1056.0, &faces);
    assert_eq!((face.size, lines.len()), (52.0, 1), "{lines:?}");
    let long = "Harbour Pilot vs Lighthouse Keeper vs Ferry Captain vs Tug Master";
    let (face, lines) = fit(long, 1056.0, &faces);
    assert_eq!((face.size, lines.len()), (52.0, 2), "{lines:?}");
    assert!(lines.iter().all(|l| !l.contains('…')));
    // Only what cannot fit at the last size is cut, at a word.
    let (_, lines) = fit(&long.repeat(3), 1056.0, &faces);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].ends_with('…') && !lines[1].ends_with(" …"),
        "{lines:?}"
    );
}

#[test]
fn no_item_is_cut_while_the_card_has_room() {
    let names = [
        row("", &["Implementation", "Solution design"]),
        row("", &["Automation", "Stakeholder engagement"]),
        row(
            "",
            &[
                "Monitoring and troubleshooting",
                "Best practices and governance",
            ],
        ),
        row("", &["Infrastructure management", "Technical leadership"]),
        row("", &["Collaboration", "Cost optimisation and review"]),
    ];
    let laid = rows(&names, AREA);
    assert_eq!(laid.left_out, 0);
    assert!(laid.lines.iter().all(|l| !l.text.contains('…')), "{laid:?}");
    let mut expected: Vec<String> = Vec::new();
    for column in 0..2 {
        for (_, cells) in &names {
            expected.extend(cells[column].split_whitespace().map(str::to_owned));
        }
    }
    assert_eq!(words_laid(&laid), expected);
    // The first size tried fits these: the text is as large as it gets.
    assert!(laid.lines.iter().all(|l| l.face.size == 26.0));
    assert!(laid.lines.iter().all(|l| l.y <= AREA.bottom));
}

#[test]
fn long_text_wraps_and_gets_smaller_rather_than_cut() {
    let summary = "An AWS Engineer builds, deploys, automates and looks after applications \
                   and cloud infrastructure on AWS, keeping them reliable and performing well.";
    let other = "An AWS Architect designs cloud solutions on AWS that are secure, scalable \
                 and cost-effective, and guides the teams that build them.";
    let mut table = vec![row("", &[summary, other])];
    for level in ["Junior", "Mid", "Senior"] {
        table.push(row(level, &["$80,000 – $110,000", "$140,000 – $180,000+"]));
    }
    let laid = rows(&table, AREA);
    assert_eq!(laid.left_out, 0);
    assert!(laid.lines.iter().all(|l| !l.text.contains('…')), "{laid:?}");
    // Prose is set in the regular weight, figures in bold.
    let first = &laid.lines[0];
    assert!(!first.face.bold && first.text.starts_with("An AWS Engineer"));
    assert!(laid.lines.iter().any(|l| l.text == "Junior" && l.label));
    assert!(laid.columns_left > AREA.left);
    let bottom = laid.lines.iter().map(|l| l.y).fold(0.0, f64::max);
    assert!(bottom <= AREA.bottom, "{bottom}");
}

#[test]
fn rows_that_cannot_fit_even_small_are_left_out_and_counted() {
    let many: Vec<(String, Vec<String>)> = (1..=40)
        .map(|n| row(&n.to_string(), &["An item", "Another item"]))
        .collect();
    let laid = rows(&many, AREA);
    assert!(laid.left_out > 0 && laid.left_out < 40, "{}", laid.left_out);
    assert!(laid.lines.iter().all(|l| l.y <= AREA.bottom));
}
