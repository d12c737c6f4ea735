//! The lines never lie: hand-made layouts that break each promise about lines, and `verify`
//! naming the break; lines that leave one row together are one bundle, not an overlap.

use relata_layout::{bundles, layout, verify, EdgeInput, GroupInput, Layout, LayoutInput, LayoutOptions, Point, Rect, Side, Violation};

use crate::cases::{edge, table};

/// Table 0 (`a`, in group 0) and table 2 (`c`) point at table 1 (`b`): line 0 from `a` row 0
/// straight to `b` row 0; line 1 from `c` row 0 down to `b` row 1; line 2 from `c` row 1 down
/// to `b` row 0, sharing its last run with line 0 (a bundle of two).
fn scene() -> (LayoutInput, Layout) {
    let input = LayoutInput {
        tables: vec![table("a", Some(0), 2), table("b", None, 2), table("c", None, 2)],
        groups: vec![GroupInput { name: "g".into(), color: None }],
        edges: vec![edge(0, 0, 1), EdgeInput { parent_rows: vec![1], ..edge(2, 0, 1) }, edge(2, 1, 1)],
    };
    let mut drawn = layout(&input, &LayoutOptions::default());
    drawn.tables = vec![Rect::new(0.0, 0.0, 120.0, 66.0), Rect::new(400.0, 0.0, 120.0, 66.0), Rect::new(200.0, -200.0, 120.0, 66.0)];
    drawn.frames = vec![Some(Rect::new(-26.0, -52.0, 172.0, 144.0))];
    let set = |l: &mut Layout, e: usize, points: &[(f64, f64)]| {
        l.edges[e].points = points.iter().map(|&(x, y)| Point::new(x, y)).collect();
        l.edges[e].child_side = Side::Right;
        l.edges[e].parent_side = Side::Left;
    };
    set(&mut drawn, 0, &[(120.0, 36.0), (400.0, 36.0)]);
    set(&mut drawn, 1, &[(320.0, -164.0), (360.0, -164.0), (360.0, 56.0), (400.0, 56.0)]);
    set(&mut drawn, 2, &[(320.0, -144.0), (340.0, -144.0), (340.0, 36.0), (400.0, 36.0)]);
    (input, drawn)
}

fn check(input: &LayoutInput, drawn: &Layout) -> Vec<Violation> {
    verify(input, drawn, &LayoutOptions::default())
}

#[test]
fn the_hand_made_scene_keeps_every_promise_and_has_one_bundle() {
    let (input, drawn) = scene();
    assert_eq!(check(&input, &drawn), vec![]);
    let found = bundles(&input, &drawn);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].table, found[0].side, found[0].edges.clone()), (1, Side::Left, vec![0, 2]));
}

#[test]
fn a_line_through_a_foreign_table_is_reported() {
    let (input, mut drawn) = scene();
    // Table c moved down onto line 0's path (its own lines now start off their rows too).
    drawn.tables[2] = Rect::new(200.0, 10.0, 120.0, 66.0);
    let found = check(&input, &drawn);
    assert!(found.contains(&Violation::LineThroughTable { edge: 0, table: 2 }), "{found:?}");
    assert!(found.iter().any(|v| v.describe(&input) == "the line from a to b passes through table c, as if it joined it"), "{found:?}");
}

#[test]
fn a_line_through_a_foreign_end_marker_is_reported() {
    let (input, mut drawn) = scene();
    // Line 1 turns 6 px before table b, through the bars line 0 ends in at b's row 0.
    drawn.edges[1].points[1].x = 394.0;
    drawn.edges[1].points[2].x = 394.0;
    let found = check(&input, &drawn);
    // Lines 0 and 2 end there together, so it passes through both their markers.
    assert_eq!(found, vec![Violation::LineThroughMarker { edge: 1, marker_of: 0, end: "parent" }, Violation::LineThroughMarker { edge: 1, marker_of: 2, end: "parent" }]);
}

#[test]
fn two_lines_on_top_of_each_other_are_reported_unless_one_bundle() {
    let (input, mut drawn) = scene();
    // Line 2's vertical run 1 px beside line 1's, for 180 px: one reads as the other.
    drawn.edges[2].points[1].x = 361.0;
    drawn.edges[2].points[2].x = 361.0;
    let found = check(&input, &drawn);
    assert!(matches!(found.as_slice(), [Violation::LinesOverlap { a: 1, b: 2, length }] if *length > 170.0), "{found:?}");
    // 21 px of shared run is past the limit; 19 px is not.
    for (run, broken) in [(21.0, true), (19.0, false)] {
        let (input, mut drawn) = scene();
        let points = [(320.0, -144.0), (361.0, -144.0), (361.0, -144.0 + run), (340.0, -144.0 + run), (340.0, 36.0), (400.0, 36.0)];
        drawn.edges[2].points = points.iter().map(|&(x, y)| Point::new(x, y)).collect();
        let found = check(&input, &drawn);
        assert_eq!(found.iter().any(|v| matches!(v, Violation::LinesOverlap { .. })), broken, "run of {run}: {found:?}");
    }
}

#[test]
fn a_line_along_a_frame_border_is_reported() {
    let (input, mut drawn) = scene();
    // Line 0 drops 1 px below group g's frame and runs 75 px along its bottom border.
    let points = [(120.0, 36.0), (135.0, 36.0), (135.0, 93.0), (60.0, 93.0), (60.0, 110.0), (380.0, 110.0), (380.0, 36.0), (400.0, 36.0)];
    drawn.edges[0].points = points.iter().map(|&(x, y)| Point::new(x, y)).collect();
    let found = check(&input, &drawn);
    assert_eq!(found, vec![Violation::LineAlongFrame { edge: 0, group: 0 }]);
}
