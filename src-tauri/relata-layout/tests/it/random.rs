//! Random small inputs: whatever the tables, groups, pins and lines, the layout verifies.

use proptest::prelude::*;
use relata_layout::{EdgeInput, EndMarker, GroupInput, LayoutInput, LineStyle, Point};

use crate::assert_verified;
use crate::cases::table;

fn input() -> impl Strategy<Value = LayoutInput> {
    (1usize..24, 0usize..4).prop_flat_map(|(tables, groups)| {
        let table = (prop::option::of(0..groups.max(1) + 1), 0usize..6, prop::option::weighted(0.15, (-400.0f64..1200.0, -400.0f64..1200.0)));
        let edge = (0..tables, 0usize..7, 0..tables, 0usize..7, any::<bool>());
        (prop::collection::vec(table, tables), prop::collection::vec(edge, 0..tables * 3), Just(groups))
    })
    .prop_map(|(tables, edges, groups)| LayoutInput {
        tables: tables
            .into_iter()
            .enumerate()
            .map(|(i, (group, columns, pin))| {
                let mut t = table(&format!("t{i}{}", "x".repeat(i % 9)), group.filter(|&g| g < groups), columns);
                t.pin = pin.map(|(x, y)| Point::new(x, y));
                t
            })
            .collect(),
        groups: (0..groups).map(|g| GroupInput { name: format!("g{g}"), color: None }).collect(),
        edges: edges
            .into_iter()
            .map(|(child, cr, parent, pr, dashed)| EdgeInput {
                child,
                child_rows: vec![cr],
                parent,
                parent_rows: vec![pr],
                child_end: EndMarker::ZeroOrMany,
                parent_end: EndMarker::One,
                style: if dashed { LineStyle::Dashed } else { LineStyle::Solid },
                label: None,
            })
            .collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_small_input_verifies(input in input()) {
        let result = relata_layout::layout(&input, &relata_layout::LayoutOptions::default());
        assert_verified(&input, &result);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Dragging a table anywhere (pinning it) and re-laying out still verifies.
    #[test]
    fn any_drag_relayouts_and_verifies(input in input(), pick in any::<prop::sample::Index>(), dx in -300.0f64..300.0, dy in -300.0f64..300.0) {
        let options = relata_layout::LayoutOptions::default();
        let before = relata_layout::layout(&input, &options);
        let mut moved = input.clone();
        let t = pick.index(moved.tables.len());
        let r = before.tables[t];
        moved.tables[t].pin = Some(Point::new(r.x + dx, r.y + dy));
        let after = before.relayout(&moved, &options, &[t]);
        assert_verified(&moved, &after);
    }
}
