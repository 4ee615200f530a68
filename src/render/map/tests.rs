use crate::oews::{Area, AreaKind};

use super::{MapEntry, MapLink, Scale, StateMap, atlas, step_for};

#[test]
fn the_atlas_draws_every_state_dc_and_the_territories() {
    let atlas = atlas();
    let drawn = atlas.shapes.iter().filter(|s| !s.path.is_empty()).count();
    assert_eq!(drawn, 51, "50 states and DC");
    let boxed: Vec<&str> = atlas
        .shapes
        .iter()
        .filter(|s| s.path.is_empty())
        .map(|s| s.postal)
        .collect();
    assert_eq!(boxed, ["GU", "PR", "VI"]);
    for shape in &atlas.shapes {
        assert!(
            shape.path.is_empty() || shape.path.starts_with('M'),
            "{}",
            shape.postal
        );
        assert!(
            !shape.path.is_empty() || shape.callout.is_some(),
            "{} has a box",
            shape.postal
        );
    }
    let dc = atlas.shapes.iter().find(|s| s.postal == "DC").expect("DC");
    assert!(
        dc.callout.is_some() && dc.leader.is_some(),
        "DC has a callout"
    );
    assert_eq!(atlas.view_box.split(' ').count(), 4);
}

#[test]
fn steps_are_round() {
    assert_eq!(step_for(26_127.0), 30_000);
    assert_eq!(step_for(16_000.0), 20_000);
    assert_eq!(step_for(1_200.0), 1_500);
}

fn state(code: &str, name: &str) -> Area {
    Area {
        code: code.to_owned(),
        kind: AreaKind::State,
        name: name.to_owned(),
        slug: name.to_lowercase(),
    }
}

#[test]
fn a_difference_is_shaded_in_the_colour_of_the_role_paid_more() {
    let (alabama, california, texas) = (
        state("0100000", "Alabama"),
        state("0600000", "California"),
        state("4800000", "Texas"),
    );
    let entry = |area, value| MapEntry {
        area,
        value,
        title: String::new(),
        link: MapLink::Fragment(String::new()),
    };
    let map = StateMap::new(
        "map",
        "Difference".to_owned(),
        vec![
            entry(&alabama, Some(-5_000)),
            entry(&california, Some(78_380)),
            entry(&texas, None),
        ],
        Scale::Diverging {
            negative: 1,
            positive: 2,
            ends: ("A".to_owned(), "B".to_owned()),
        },
    );
    let class = |postal: &str| {
        map.areas
            .iter()
            .find(|a| a.shape.postal == postal)
            .map(|a| a.class.as_str())
            .expect("drawn")
    };
    assert_eq!(class("AL"), "role-1 shade-1");
    assert_eq!(class("CA"), "role-2 shade-5");
    assert_eq!(class("TX"), "no-figure");
    // The other 48 are drawn blank, hatched too.
    assert_eq!(map.blanks.len(), 48);
    assert_eq!(map.hatched(), 49);
    // A legend centred on zero, in dollars.
    let ticks: Vec<&str> = map.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        ticks,
        ["−$90k", "−$60k", "−$30k", "$0", "+$30k", "+$60k", "+$90k"]
    );
    let swatches: Vec<&str> = map.swatches.iter().map(|s| s.class.as_str()).collect();
    assert_eq!(
        swatches,
        [
            "role-1 shade-5",
            "role-1 shade-3",
            "role-1 shade-1",
            "role-2 shade-1",
            "role-2 shade-3",
            "role-2 shade-5"
        ]
    );
}

#[test]
fn a_median_is_shaded_paler_for_less() {
    let (alabama, california) = (state("0100000", "Alabama"), state("0600000", "California"));
    let entry = |area, value| MapEntry {
        area,
        value: Some(value),
        title: String::new(),
        link: MapLink::Fragment(String::new()),
    };
    let map = StateMap::new(
        "map",
        "Median".to_owned(),
        vec![entry(&alabama, 61_000), entry(&california, 139_000)],
        Scale::Sequential(3),
    );
    let ticks: Vec<&str> = map.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(ticks, ["$60k", "$80k", "$100k", "$120k", "$140k"]);
    assert_eq!(map.areas[0].class, "role-3 shade-1");
    assert_eq!(map.areas[1].class, "role-3 shade-5");
}
