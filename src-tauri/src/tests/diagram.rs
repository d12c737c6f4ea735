//! The diagram the shell sends: tables of the chosen modules with their index, every colour, the
//! relationship each line draws, diagram-only lines, partitions and views, a subset unpinned.

use super::*;

#[test]
fn diagram_lays_out_every_table_of_the_chosen_modules_with_its_index() {
    let registry = two_modules();
    let all = crate::diagram::diagram(&registry, &[], None);
    assert_eq!(all.tables.len(), registry.tables.len());
    for (t, entry) in all.tables.iter().zip(&registry.tables) {
        assert_eq!(t.table_ref(), entry.table_ref(), "index i is table i of the registry");
        assert!(t.rect.width > 0.0 && t.rect.height > 0.0);
    }
    assert_eq!(all.edges.len(), 1);
    let e = &all.edges[0];
    assert!(e.points.len() >= 2 && e.child != e.parent);
    assert!(all.groups.iter().all(|g| g.frame.is_some()));
    let methods = crate::diagram::diagram(&registry, &["Methods".to_owned()], None);
    assert_eq!(methods.tables.iter().map(|t| t.table.as_str()).collect::<Vec<_>>(), ["ref_method", "ref_unit"]);
}

#[test]
fn diagram_sends_every_colour_so_the_window_keeps_no_palette() {
    // Engine (group 1) has no colour: it gets the layout palette's colour for its place, and
    // its table takes it; Methods keeps its own. The window draws these strings as they come.
    let registry = two_modules();
    let d = crate::diagram::diagram(&registry, &[], None);
    let group = |name: &str| d.groups.iter().position(|g| g.name == name).unwrap();
    assert_eq!(d.groups[group("Methods")].color, "#011B4E");
    let engine = group("Engine");
    assert_eq!(d.groups[engine].color, relata_layout::GROUP_PALETTE[engine % relata_layout::GROUP_PALETTE.len()]);
    for t in &d.tables {
        assert_eq!(t.color, d.groups[t.group.unwrap()].color, "{} takes its group's colour", t.table);
    }
}

#[test]
fn diagram_edges_name_the_relationship_each_line_draws() {
    // The example has several relationships between two modules: each edge's id is the
    // relationship joining its child and parent, in the whole diagram, one module and a focus.
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("registries/system-data-model");
    let registry = relata_store::folder::load(&folder).unwrap().registry;
    let module = registry.tables[0].module.clone();
    let whole = crate::diagram::diagram(&registry, &[], None);
    let only: Vec<relata_model::TableRef> = whole.tables.iter().step_by(2).map(|t| t.table_ref()).collect();
    let cases = [whole, crate::diagram::diagram(&registry, &[module], None), crate::diagram::diagram(&registry, &[], Some(&only))];
    for d in &cases {
        assert!(!d.edges.is_empty());
        for e in &d.edges {
            let r = registry.relationships.iter().find(|r| Some(r.id) == e.relationship).expect("a relationship of the registry");
            assert_eq!((r.child.table_ref(), r.parent.table_ref()), (d.tables[e.child].table_ref(), d.tables[e.parent].table_ref()));
        }
        let mut ids: Vec<_> = d.edges.iter().map(|e| e.relationship).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), d.edges.len(), "one line per relationship");
    }
}

#[test]
fn diagram_draws_diagram_only_lines_and_their_finding_opens_the_child_table() {
    // A README-shaped erDiagram: one line says its join column (FK attribute), the other
    // does not and stays a diagram-only line.
    let text = "erDiagram\n    CUSTOMER ||--o{ ORDER : places\n    ORDER ||--|{ LINE_ITEM : contains\n    CUSTOMER {\n        int id PK\n    }\n    ORDER {\n        int id PK\n        int customer_id FK\n    }\n    LINE_ITEM {\n        int quantity\n    }\n";
    let options = relata_formats::mermaid::parse::ImportOptions::new(relata_model::Timestamp::parse("2026-12-07 09:30:00+00").unwrap());
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let (registry, _) = relata_formats::mermaid::parse::import(text, "shop.mmd", &options, &rules);
    let d = crate::diagram::diagram(&registry, &[], None);
    assert_eq!(d.edges.len(), 2);
    let line = d.edges.iter().find(|e| e.relationship.is_none()).expect("the diagram-only line is drawn");
    assert_eq!((d.tables[line.child].table.as_str(), d.tables[line.parent].table.as_str()), ("LINE_ITEM", "ORDER"));
    assert_eq!(line.diagram_line, Some(1));
    assert_eq!(line.label.as_deref(), Some("contains"));
    assert!(line.child_rows.is_empty() && line.parent_rows.is_empty(), "it ends on the headers");
    // The rule finding asks for its columns and opens LINE_ITEM, in its inspector too.
    let findings = crate::detail::findings(&registry, &relata_rules::check(&registry, &rules));
    let r320: Vec<_> = findings.iter().filter(|f| f.code == "R320").collect();
    assert_eq!(r320.len(), 1, "{findings:#?}");
    assert_eq!(r320[0].table, Some(TableRef::new("public", "LINE_ITEM")));
    assert!(r320[0].message.contains("say which columns join them, or delete the line"), "{}", r320[0].message);
    let detail = crate::detail::table_detail(&registry, &relata_rules::check(&registry, &rules), &TableRef::new("public", "LINE_ITEM")).unwrap();
    assert!(detail.diagnostics.iter().any(|f| f.code == "R320"));
}

#[test]
fn diagram_lists_partitions_in_their_table_and_marks_views() {
    // pg15_features.sql as `relata import --from sql` reads it: orders has three partitions,
    // invoices a sub-partitioned one; a view and a materialized view.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/relata-formats/tests/data/sql/pg15_features.sql");
    let text = std::fs::read_to_string(path).unwrap();
    let options = relata_formats::sql::parse::ImportOptions::new(relata_model::Timestamp::parse("2026-01-31 09:30:00+00").unwrap());
    let rules = relata_rules::RuleSet::preset("zayaz").unwrap();
    let (mut registry, _) = relata_formats::sql::parse::import(&text, "pg15_features.sql", &options, &rules);
    // A relationship to a partition is drawn to its table's box, and still opens itself.
    let mut to_partition = registry.relationships[0].clone();
    let orders_2026 = registry.tables.iter().find(|t| t.name == "orders_2026").unwrap().table_ref();
    to_partition.parent.schema = orders_2026.schema.clone();
    to_partition.parent.table = orders_2026.table.clone();
    to_partition.id = relata_model::RelationshipId::new_random();
    registry.relationships.push(to_partition.clone());
    let d = crate::diagram::diagram(&registry, &[], None);
    assert!(d.tables.iter().all(|t| !t.table.starts_with("orders_")), "no partition is a box");
    assert_eq!(d.tables.iter().filter(|t| t.table == "orders").count(), 1);
    let orders = d.tables.iter().position(|t| t.table == "orders").unwrap();
    let listed: Vec<(&str, usize)> = d.tables[orders].partitions.iter().map(|p| (p.table.as_str(), p.depth)).collect();
    assert_eq!(listed, [("orders_2025", 0), ("orders_2026", 0), ("orders_other", 0)]);
    assert_eq!(d.tables[orders].partitions[2].bound, "DEFAULT");
    let invoices = d.tables.iter().find(|t| t.table == "invoices").unwrap();
    assert_eq!(invoices.partitions.iter().map(|p| p.depth).collect::<Vec<_>>(), [0, 1, 0], "a sub-partition under its partition");
    let edge = d.edges.iter().find(|e| e.relationship == Some(to_partition.id)).expect("the line to the partition is drawn");
    assert_eq!(edge.parent, orders);
    let kind = |name: &str| d.tables.iter().find(|t| t.table == name).unwrap().kind;
    assert_eq!(kind("active_customers"), crate::diagram::TableKind::View);
    assert_eq!(kind("daily_totals"), crate::diagram::TableKind::MaterializedView);
    assert_eq!(kind("orders"), crate::diagram::TableKind::Table);
    // The kept layout draws the same boxes (its table ids are those of the boxes).
    let (kept, _) = crate::diagram::diagram_kept(&registry, &[], None);
    assert_eq!(kept.tables.len(), d.tables.len());
}

#[test]
fn diagram_of_some_tables_lays_out_only_them_unpinned() {
    let mut registry = two_modules();
    let first = registry.tables[0].table_ref();
    registry.pins.push(relata_model::Pin { table: first.clone(), x: 5000.0, y: 5000.0 });
    let whole = crate::diagram::diagram(&registry, &[], None);
    assert!(whole.tables[0].pinned);
    assert_eq!((whole.tables[0].rect.x, whole.tables[0].rect.y), (5000.0, 5000.0), "the layout honours the registry's pin");
    let e = &whole.edges[0];
    let only = [whole.tables[e.child].table_ref(), whole.tables[e.parent].table_ref()];
    let focus = crate::diagram::diagram(&registry, &[], Some(&only));
    assert_eq!(focus.tables.len(), 2);
    assert_eq!(focus.edges.len(), 1);
    assert!(focus.tables.iter().all(|t| !t.pinned && t.rect.x < 5000.0));
    assert!(focus.groups.len() <= 2);
    for t in &focus.tables {
        assert!(t.group.is_none_or(|g| g < focus.groups.len()));
    }
}
