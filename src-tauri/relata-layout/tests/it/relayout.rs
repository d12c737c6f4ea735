//! Re-layout after one table moved or was added: verifies, and leaves untouched groups put.

use relata_layout::{layout, LayoutInput, LayoutOptions, Point, RegistryOptions};
use relata_model::generate::{generate, GenerateOptions};

use crate::assert_verified;
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
    assert_verified(&input, &after);
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
    assert_verified(&input, &after);
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

#[test]
fn adding_a_table_to_every_group_in_turn_moves_no_other_table() {
    // The window's story: a new table (no relationships yet) joins its group below or beside
    // the group's tables, and every table already drawn stays exactly where it was.
    let options = LayoutOptions::default();
    let base = thousand();
    let before = layout(&base, &options);
    for group in 0..base.groups.len() {
        let mut input = base.clone();
        input.tables.push(table("added_table", Some(group), 3));
        let added = input.tables.len() - 1;
        let after = before.relayout(&input, &options, &[added]);
        assert_verified(&input, &after);
        let moved = (0..added).filter(|&t| after.tables[t] != before.tables[t]).count();
        assert_eq!(moved, 0, "adding a table to group {group} moved {moved} others");
        assert!(after.frames[group].expect("frame").contains(&after.tables[added]));
    }
}

#[test]
fn deleting_a_relationship_keeps_every_table() {
    // Line numbers shift when a relationship goes; the blocks it did not join stay put.
    let options = LayoutOptions::default();
    let mut input = thousand();
    let before = layout(&input, &options);
    let gone = input.edges.iter().position(|e| input.tables[e.child].group != input.tables[e.parent].group).expect("a line between groups");
    input.edges.remove(gone);
    let after = before.relayout(&input, &options, &[]);
    assert_verified(&input, &after);
    assert_eq!(after.tables, before.tables);
}

#[test]
fn pinning_a_table_moves_only_it_and_its_lines() {
    // The window's story: a nudge pins one table; every other table and every line that does
    // not touch it stays exactly as it was.
    let options = LayoutOptions::default();
    let mut input = thousand();
    let before = layout(&input, &options);
    let moved = 10;
    let r = before.tables[moved];
    input.tables[moved].pin = Some(Point::new(r.x + 10.0, r.y - 4.0));
    let after = before.relayout(&input, &options, &[moved]);
    assert_verified(&input, &after);
    let tables = (0..input.tables.len()).filter(|&t| t != moved && after.tables[t] != before.tables[t]).count();
    let lines: Vec<usize> = (0..input.edges.len())
        .filter(|&e| input.edges[e].child != moved && input.edges[e].parent != moved && after.edges[e] != before.edges[e])
        .collect();
    assert_eq!((tables, lines.len()), (0, 0), "other tables moved, or other lines: {lines:?}");
}

#[test]
fn removing_a_pin_again_restores_the_layout_before_it() {
    // Undo of a drag: the table goes back to its box and its lines to their routes, and the
    // group keeps its slot among the others.
    let options = LayoutOptions::default();
    let input = thousand();
    let before = layout(&input, &options);
    let mut pinned = input.clone();
    let r = before.tables[10];
    pinned.tables[10].pin = Some(Point::new(r.x + 10.0, r.y - 4.0));
    let middle = before.relayout(&pinned, &options, &[10]);
    let mut again = pinned.clone();
    again.tables[10].pin = Some(Point::new(r.x + 14.0, r.y - 6.0));
    let moved_twice = middle.relayout(&again, &options, &[10]);
    assert_verified(&again, &moved_twice);
    let others = (0..input.tables.len()).filter(|&t| t != 10 && moved_twice.tables[t] != before.tables[t]).count();
    assert_eq!(others, 0, "a second drag of a pinned table moved others");
    let back = moved_twice.relayout(&input, &options, &[10]);
    assert_verified(&input, &back);
    assert_eq!(back.tables, before.tables);
    assert_eq!(back.frames, before.frames);
    let lines = (0..input.edges.len()).filter(|&e| back.edges[e] != before.edges[e]).count();
    assert_eq!(lines, 0, "lines did not come back");
}

#[test]
fn moving_a_table_to_another_group_moves_no_other_table() {
    // A table dragged into another group's frame changes module: it leaves a hole in its old
    // group and takes a place in the new one; every other table stays.
    let options = LayoutOptions::default();
    let mut input = thousand();
    let before = layout(&input, &options);
    let t = 10;
    let from = input.tables[t].group.expect("grouped");
    let to = (from + 1) % input.groups.len();
    // Its lines go with it; lines inside its old group that joined it are routed anew.
    input.tables[t].group = Some(to);
    let after = before.relayout(&input, &options, &[t]);
    assert_verified(&input, &after);
    let moved = (0..input.tables.len()).filter(|&o| o != t && after.tables[o] != before.tables[o]).count();
    assert_eq!(moved, 0, "moving a table to another group moved {moved} others");
    assert!(after.frames[to].expect("frame").contains(&after.tables[t]));
}

#[test]
fn moving_a_table_between_the_groups_of_every_bundled_registry_keeps_its_old_group() {
    // The window's drag into another frame, on real registries: each grouped table in turn
    // moves to the next group (while its own group keeps a table). The tables it leaves keep
    // their places in their group; a group too full to take it grows, which may push the
    // blocks after it (at 1,000 tables every group has room: the test above).
    let options = LayoutOptions::default();
    for dir in crate::bundled() {
        let base = LayoutInput::from_registry(&crate::load(&dir), &RegistryOptions::default());
        let before = layout(&base, &options);
        for t in 0..base.tables.len() {
            let Some(from) = base.tables[t].group else { continue };
            if base.groups.len() < 2 || base.tables.iter().filter(|o| o.group == Some(from)).count() < 2 {
                continue;
            }
            let mut input = base.clone();
            input.tables[t].group = Some((from + 1) % input.groups.len());
            let after = before.relayout(&input, &options, &[t]);
            assert_verified(&input, &after);
            // The old group is not laid out again: its other tables keep their places in it
            // (the whole group may shift when a group before it grew).
            let shifts: Vec<(i64, i64)> = (0..input.tables.len())
                .filter(|&o| o != t && input.tables[o].group == Some(from))
                .map(|o| ((after.tables[o].x - before.tables[o].x).round() as i64, (after.tables[o].y - before.tables[o].y).round() as i64))
                .collect();
            assert!(shifts.windows(2).all(|w| w[0] == w[1]), "{}: moving table {t} rearranged its old group: {shifts:?}", dir.display());
            let to = input.tables[t].group.expect("grouped");
            assert!(after.frames[to].expect("frame").contains(&after.tables[t]));
        }
    }
}

/// `input` without table `gone`: its lines go, later tables move down one index.
fn without(input: &LayoutInput, gone: usize) -> LayoutInput {
    let mut out = input.clone();
    out.tables.remove(gone);
    out.edges.retain(|e| e.child != gone && e.parent != gone);
    for e in &mut out.edges {
        e.child -= usize::from(e.child > gone);
        e.parent -= usize::from(e.parent > gone);
    }
    out
}

#[test]
fn deleting_a_table_and_undoing_it_moves_no_other_table() {
    // The window's delete: the table goes (its group keeps a hole), every other table stays;
    // undo puts the table back at its old index and place.
    let options = LayoutOptions::default();
    let input = thousand();
    let before = layout(&input, &options);
    let gone = 10;
    let smaller = without(&input, gone);
    let old_of_new: Vec<Option<usize>> = (0..smaller.tables.len()).map(|i| Some(i + usize::from(i >= gone))).collect();
    let groups: Vec<Option<usize>> = (0..input.groups.len()).map(Some).collect();
    let after = before.reindexed(&old_of_new, &groups).relayout(&smaller, &options, &[]);
    assert_verified(&smaller, &after);
    let moved = (0..smaller.tables.len()).filter(|&i| after.tables[i] != before.tables[old_of_new[i].unwrap()]).count();
    assert_eq!(moved, 0, "deleting a table moved {moved} others");
    // Undo: the table is back at index `gone`, new to the layout.
    let back: Vec<Option<usize>> = (0..input.tables.len()).map(|i| if i == gone { None } else { Some(i - usize::from(i > gone)) }).collect();
    let restored = after.reindexed(&back, &groups).relayout(&input, &options, &[gone]);
    assert_verified(&input, &restored);
    let moved = (0..input.tables.len()).filter(|&i| restored.tables[i] != before.tables[i]).count();
    assert_eq!(moved, 0, "undoing the delete moved {moved} tables (the restored one goes back to its place)");
    let group = input.tables[gone].group.expect("grouped");
    assert!(restored.frames[group].expect("frame").contains(&restored.tables[gone]));
}

#[test]
fn pinning_every_seventh_table_a_little_away_moves_no_other_table() {
    // The window's story 5 over many tables, one pin at a time: a table nudged 4 to 40 units
    // (inside its frame, or past its content's edge so its frame must grow) moves alone; no
    // other table's box changes, whichever group or shelf slot it sits in.
    let options = LayoutOptions::default();
    let base = thousand();
    let before = layout(&base, &options);
    let directions = [(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)];
    let (mut inside, mut at_edge) = (0, 0);
    for (i, t) in (0..base.tables.len()).step_by(7).enumerate() {
        let d = 4.0 + (i * 11 % 37) as f64;
        let r = before.tables[t];
        // The first direction (starting from a different one per pin) that does not land the
        // table on another one: a pin onto another table places its group again.
        let Some(to) = (0..4)
            .map(|k| directions[(i + k) % 4])
            .map(|(dx, dy)| r.offset(dx * d, dy * d))
            .find(|to| {
                (0..base.tables.len())
                    .all(|o| o == t || !before.tables[o].overlaps(to))
            })
        else {
            continue;
        };
        let group = base.tables[t].group.expect("generated tables have modules");
        let content = base
            .tables
            .iter()
            .enumerate()
            .filter(|(o, x)| *o != t && x.group == Some(group))
            .map(|(o, _)| before.tables[o])
            .fold(r, |a, b| a.union(&b));
        if content.contains(&to) {
            inside += 1;
        } else {
            at_edge += 1;
        }
        let mut input = base.clone();
        input.tables[t].pin = Some(Point::new(to.x, to.y));
        let after = before.relayout(&input, &options, &[t]);
        assert_eq!(
            after.tables[t], to,
            "pinned table {t} is not where it was pinned"
        );
        let others: Vec<usize> = (0..base.tables.len())
            .filter(|&o| o != t && after.tables[o] != before.tables[o])
            .collect();
        assert!(
            others.is_empty(),
            "pinning table {t} by {d} moved {} other table(s), first {:?}",
            others.len(),
            &others[..others.len().min(5)]
        );
        let found = relata_layout::verify(&input, &after, &options);
        // A frame grown around the pin: a line kept along its new border is routed again.
        let along: Vec<&relata_layout::Violation> = found.iter().filter(|v| matches!(v, relata_layout::Violation::LineAlongFrame { .. })).collect();
        assert!(along.is_empty(), "pinning table {t} by {d} left lines along a frame border: {along:?}");
        // A line the pinned table now stands on is routed again, not kept through it.
        let through: Vec<usize> = found
            .into_iter()
            .filter_map(|v| match v {
                relata_layout::Violation::LineThroughTable { edge, table } if table == t && after.edges[edge] == before.edges[edge] => Some(edge),
                _ => None,
            })
            .collect();
        assert!(through.is_empty(), "lines {through:?} were kept through table {t} pinned onto them");
        // Only the pinned table's own frame may change, growing around it.
        assert!(
            (0..base.groups.len()).all(|g| g == group || after.frames[g] == before.frames[g]),
            "pinning table {t} moved another group's frame"
        );
        assert!(
            after.frames[group].expect("frame").contains(&to),
            "the frame of table {t} does not hold it"
        );
    }
    assert!(
        inside > 20 && at_edge > 5,
        "pins inside the content {inside}, past its edge {at_edge}"
    );
}

#[test]
fn adding_a_table_then_pinning_others_moves_no_other_table() {
    // The window's story 5 in order: a table made in the dialog lands among its module's
    // tables (the window's table order puts it mid-list, so the kept layout is renumbered),
    // then one table after another is pinned a little away; only the pinned one moves.
    let options = LayoutOptions::default();
    let base = thousand();
    let before = layout(&base, &options);
    let mut added_input = base.clone();
    let group = 1;
    let at = base.tables.iter().position(|t| t.group == Some(group)).expect("a table in group 1") + 1;
    added_input.tables.insert(at, table("fact_added_runs", Some(group), 3));
    for e in &mut added_input.edges {
        e.child += usize::from(e.child >= at);
        e.parent += usize::from(e.parent >= at);
    }
    let old_of_new: Vec<Option<usize>> = (0..added_input.tables.len()).map(|i| (i != at).then(|| i - usize::from(i > at))).collect();
    let groups: Vec<Option<usize>> = (0..base.groups.len()).map(Some).collect();
    let added = before.reindexed(&old_of_new, &groups).relayout(&added_input, &options, &[at]);
    let moved = (0..added_input.tables.len()).filter(|&i| i != at && added.tables[i] != before.tables[old_of_new[i].unwrap()]).count();
    assert_eq!(moved, 0, "adding a table moved {moved} others");
    let mut failures = Vec::new();
    for t in (0..added_input.tables.len()).step_by(7).filter(|&t| t != at) {
        let r = added.tables[t];
        // About four steps of the pointer at the scale a 1,000-table diagram opens at.
        let to = r.offset(-60.0, -40.0);
        if (0..added_input.tables.len()).any(|o| o != t && added.tables[o].overlaps(&to)) {
            continue;
        }
        // The drag pins the table at each step of the pointer.
        let mut input = added_input.clone();
        input.tables[t].pin = Some(Point::new(r.x - 30.0, r.y - 20.0));
        let half = added.relayout(&input, &options, &[t]);
        input.tables[t].pin = Some(Point::new(to.x, to.y));
        let after = half.relayout(&input, &options, &[t]);
        let others = (0..input.tables.len()).filter(|&o| o != t && after.tables[o] != added.tables[o]).count();
        if others > 0 {
            failures.push((t, others));
        }
    }
    assert!(failures.is_empty(), "{} pins moved other tables, (pinned, moved) first: {:?}", failures.len(), &failures[..failures.len().min(8)]);
}

/// Two tables of one group, the parent dragged down and a little right (the shrunk case the
/// random drags found): its line ended inside the parent, entering its row from within.
#[test]
fn a_table_pinned_close_to_the_channel_it_kept_is_left_outwards_along_its_row() {
    // Why: the pinned table kept its old channel 4 units from its new side, and the line's
    // own track offset (up to 14 units) turned it inside the table.
    let options = LayoutOptions::default();
    let input = LayoutInput {
        tables: vec![table("t0", Some(0), 0), table("t1x", Some(0), 0)],
        groups: vec![relata_layout::GroupInput { name: "g0".into(), color: None }],
        edges: vec![edge(1, 0, 0)],
    };
    let before = layout(&input, &options);
    let mut moved = input.clone();
    let r = before.tables[0];
    moved.tables[0].pin = Some(Point::new(r.x + 23.71496087042868, r.y + 142.052441653571));
    let after = before.relayout(&moved, &options, &[0]);
    crate::assert_placement_verified(&moved, &after);
    // The parent's right side is where the line comes in: its last turn lies right of it.
    let points = &after.edges[0].points;
    let side = after.tables[0].right();
    assert!(points[points.len() - 2].x > side, "the line turns at {:?}, inside the parent (right side {side})", points[points.len() - 2]);
}

/// Nine tables in two groups and loose components, a table of group 0 dragged off its shelf
/// (the shrunk case the random drags found): routing panicked on a shelf left empty.
#[test]
fn a_shelf_emptied_by_a_drag_is_routed_across_without_a_panic() {
    // Why: the dragged group was its shelf's only block, and the lanes across that shelf were
    // worked out from a band of NaN (no block on it told where it was).
    let options = LayoutOptions::default();
    let columns = [4, 0, 3, 0, 0, 0, 0, 0, 0];
    let groups = [None, None, None, None, Some(0), Some(1), None, Some(0), Some(0)];
    let mut tables: Vec<_> = (0..9).map(|i| table(&format!("t{i}{}", "x".repeat(i)), groups[i], columns[i])).collect();
    tables[3].pin = Some(Point::new(291.5758244120247, 0.0));
    let input = LayoutInput {
        tables,
        groups: (0..2).map(|g| relata_layout::GroupInput { name: format!("g{g}"), color: None }).collect(),
        edges: vec![edge(0, 0, 6), edge(0, 0, 5), edge(1, 0, 0), edge(7, 0, 0), edge(4, 0, 7), edge(6, 0, 2)],
    };
    let before = layout(&input, &options);
    let mut moved = input.clone();
    let r = before.tables[4];
    moved.tables[4].pin = Some(Point::new(r.x + 115.56947677335792, r.y + 118.35287950127338));
    let after = std::panic::catch_unwind(|| before.relayout(&moved, &options, &[4])).expect("the re-layout routes without a panic");
    crate::assert_placement_verified(&moved, &after);
}

#[test]
fn a_relayout_keeps_the_gaps_widened_for_lines_between_groups() {
    // At 3,000 tables the fresh layout widens gaps between shelves for the lines that cross
    // them; a re-layout after a nudge must keep that room, or every shelf below would move up.
    let options = LayoutOptions::default();
    let mut input = LayoutInput::from_registry(&generate(&GenerateOptions::new(3_000)), &RegistryOptions::default());
    let before = layout(&input, &options);
    let same = before.relayout(&input, &options, &[]);
    let shifted = (0..input.tables.len()).filter(|&t| same.tables[t] != before.tables[t]).count();
    assert_eq!(shifted, 0, "a re-layout without changes moved {shifted} tables");
    let moved = 10;
    let r = before.tables[moved];
    input.tables[moved].pin = Some(Point::new(r.x + 10.0, r.y - 4.0));
    let after = before.relayout(&input, &options, &[moved]);
    crate::assert_placement_verified(&input, &after);
    let others = (0..input.tables.len()).filter(|&t| t != moved && after.tables[t] != before.tables[t]).count();
    assert_eq!(others, 0, "a nudge at 3,000 tables moved {others} other tables");
}
