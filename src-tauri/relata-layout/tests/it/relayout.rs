//! Re-layout after one table moved or was added: verifies, and leaves untouched groups put.

use relata_layout::{layout, LayoutInput, LayoutOptions, Point, RegistryOptions};
use relata_model::generate::{generate, GenerateOptions};

use crate::assert_verified_but_overlaps;
use crate::cases::{edge, table};

fn thousand() -> LayoutInput {
    LayoutInput::from_registry(&generate(&GenerateOptions::new(1_000)), &RegistryOptions::default())
}

#[test]
fn moving_one_table_keeps_the_other_groups() {
    let options = LayoutOptions::default();
    let mut input = thousand();
    let before = layout(&input, &options);
    let moved = 10;
    let group = input.tables[moved].group.expect("generated tables have modules");
    let r = before.tables[moved];
    // A nudge within the table's own slot: no other table of the group is in the way.
    input.tables[moved].pin = Some(Point::new(r.x + 10.0, r.y - 4.0));
    let after = before.relayout(&input, &options, &[moved]);
    // A re-layout keeps the lines it reuses, overlaps included, so a few more may remain.
    assert_verified_but_overlaps(&input, &after, 9);
    assert_eq!((after.tables[moved].x, after.tables[moved].y), (r.x + 10.0, r.y - 4.0));
    // Groups before the moved table's group in the packing keep their place exactly, and
    // so does the frame of the group itself where the pin still fits inside its old place.
    let kept = (0..input.tables.len()).filter(|&t| input.tables[t].group != Some(group) && after.tables[t] == before.tables[t]).count();
    assert!(kept > 0, "every other table moved");
    for t in (0..input.tables.len()).filter(|&t| t != moved && input.tables[t].group == Some(group)) {
        assert_eq!(after.tables[t], before.tables[t], "table {t} of the moved table's group moved too");
    }
    let (old, new) = (before.frames[group].expect("frame"), after.frames[group].expect("frame"));
    assert!((old.x - new.x).abs() < 1.0 && (old.y - new.y).abs() < 1.0, "the moved table's group jumped from {old:?} to {new:?}");
}

#[test]
fn adding_one_table_verifies_and_joins_its_group() {
    let options = LayoutOptions::default();
    let mut input = thousand();
    let before = layout(&input, &options);
    let group = input.tables[0].group;
    input.tables.push(table("added_table", group, 4));
    let added = input.tables.len() - 1;
    input.edges.push(edge(added, 1, 0));
    let after = before.relayout(&input, &options, &[added]);
    // A re-layout keeps the lines it reuses, overlaps included, so a few more may remain.
    assert_verified_but_overlaps(&input, &after, 9);
    let frame = after.frames[group.expect("grouped")].expect("frame");
    assert!(frame.contains(&after.tables[added]));
}

#[test]
fn relayout_without_changes_is_the_same_layout() {
    let options = LayoutOptions::default();
    let input = thousand();
    let before = layout(&input, &options);
    let after = before.relayout(&input, &options, &[]);
    assert_eq!(after.tables, before.tables);
    assert_eq!(after.frames, before.frames);
    assert_eq!(after.edges, before.edges);
}
