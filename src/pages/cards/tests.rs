//! The bundled content's cards: each shows its own page's facts, whole.

use std::path::Path;

use crate::address::{Page, Section, Sides};
use crate::content::Content;
use crate::render::Settings;
use crate::render::card::Card;
use crate::store::Rendered;

fn site() -> Rendered {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let content = Content::load(&dir).expect("the bundled content loads");
    Rendered::new(content, Settings::default()).expect("render")
}

/// Every page of the bundled pair that has a card, with its card.
fn cards(site: &Rendered) -> Vec<(Page, Card)> {
    let pair = Sides::of(["aws-engineer", "aws-architect"]);
    let mut pages = vec![
        Page::Home,
        Page::Role("aws-engineer".into()),
        Page::Role("aws-architect".into()),
        Page::Compare(pair.clone()),
        Page::Day(pair.clone()),
        Page::Pay(pair.clone(), None),
    ];
    pages.extend(Section::ALL.map(|section| Page::Share(pair.clone(), section)));
    pages
        .into_iter()
        .map(|page| {
            let card = crate::pages::card_for(site.site(), &page).expect("a card");
            (page, card)
        })
        .collect()
}

#[test]
fn no_card_of_the_bundled_content_cuts_its_text() {
    let site = site();
    for (page, card) in cards(&site) {
        let svg = card.svg(&[1, 2]).expect("svg");
        assert!(!svg.contains('…'), "{page}:\n{svg}");
        for (_, cells) in &card.rows {
            // Every word is drawn (but those the SVG escapes).
            let words = cells.iter().flat_map(|cell| cell.split_whitespace());
            for word in words.filter(|w| !w.contains(['&', '<', '>', '"', '\''])) {
                assert!(svg.contains(word), "{page}: {word} is missing:\n{svg}");
            }
        }
    }
}

#[test]
fn each_card_shows_what_its_page_is_about() {
    let site = site();
    let cards = cards(&site);
    for (i, (page, card)) in cards.iter().enumerate() {
        for (other, other_card) in &cards[i + 1..] {
            assert!(
                card.rows != other_card.rows || card.title != other_card.title,
                "{page} and {other} show the same"
            );
        }
    }
    let rows_of = |page: Page| {
        let (_, card) = cards.iter().find(|(p, _)| *p == page).expect("listed");
        card.rows.clone()
    };
    let pair = Sides::of(["aws-engineer", "aws-architect"]);
    let text = |rows: Vec<(String, Vec<String>)>| format!("{rows:?}");
    // The titles each role's career path names.
    let career = text(rows_of(Page::Share(pair.clone(), Section::CareerPath)));
    assert!(career.contains("Junior DevOps Engineer"), "{career}");
    assert!(career.contains("Principal Architect"), "{career}");
    // The salary ranges; the role's own; the day's hours by kind.
    let salaries = text(rows_of(Page::Share(pair.clone(), Section::Salaries)));
    assert!(salaries.contains("$80,000 – $110,000"), "{salaries}");
    let role = text(rows_of(Page::Role("aws-engineer".into())));
    assert!(role.contains("$80,000 – $110,000") && role.contains("Infrastructure as code"));
    let day = text(rows_of(Page::Day(pair.clone())));
    assert!(
        day.contains("Hands-on") && day.contains("09:00–17:30"),
        "{day}"
    );
    let compare = text(rows_of(Page::Compare(pair)));
    assert!(
        compare.contains("Hands-on operations vs long-term design"),
        "{compare}"
    );
}
