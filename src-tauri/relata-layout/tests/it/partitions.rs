//! Partitions and views in the diagram, from a real PostgreSQL schema (relata-formats'
//! `pg15_features.sql`): a partitioned table is one box that lists its partitions (a
//! sub-partition under its partition), relationships of a partition end on that box, and
//! views are marked as views.

use relata_layout::{short_bound, LayoutInput, RegistryOptions, TableKind};
use relata_model::Registry;

use crate::checked_layout;

/// `pg15_features.sql` imported by the SQL importer, as `relata import --from sql` does.
fn features() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../relata-formats/tests/data/sql/pg15_features.sql");
    let text = std::fs::read_to_string(path).expect("the fixture");
    let options = relata_formats::sql::parse::ImportOptions::new(relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("a timestamp"));
    let rules = relata_rules::RuleSet::preset("zayaz").expect("the zayaz preset");
    relata_formats::sql::parse::import(&text, "pg15_features.sql", &options, &rules).0
}

#[test]
fn partitions_are_listed_in_their_table_not_laid_out_as_boxes() {
    let registry = features();
    let partitions = registry.tables.iter().filter(|t| t.partition_of.is_some()).count();
    assert!(partitions >= 8, "the fixture's partitions: {partitions}");
    let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
    assert_eq!(input.tables.len(), registry.tables.len() - partitions, "one box per table that is not a partition");
    assert!(input.tables.iter().all(|t| !t.name.starts_with("orders_") && !t.name.starts_with("invoices_") && !t.name.starts_with("payments_")));
    let orders = input.tables.iter().find(|t| t.name == "orders").expect("orders is drawn");
    let listed: Vec<(&str, &str)> = orders.partitions.iter().map(|p| (p.name.as_str(), p.bound.as_str())).collect();
    assert_eq!(
        listed,
        [("orders_2025", "FROM ('2025-01-01') TO ('2026-01-01')"), ("orders_2026", "FROM ('2026-01-01') TO ('2027-01-01')"), ("orders_other", "DEFAULT")]
    );
    // The sub-partition folds under its partition, one level deeper.
    let invoices = input.tables.iter().find(|t| t.name == "invoices").expect("invoices is drawn");
    let tree: Vec<(&str, usize)> = invoices.partitions.iter().map(|p| (p.name.as_str(), p.depth)).collect();
    assert_eq!(tree, [("invoices_eu", 0), ("invoices_eu_2025", 1), ("invoices_us", 0)]);
    // Every relationship is still drawn, between boxes that exist.
    assert_eq!(input.edges.len(), registry.relationships.len());
    let options = relata_layout::LayoutOptions::default();
    let layout = checked_layout(&input);
    let (_, plain_height) = options.table_size(&relata_layout::TableInput { partitions: Vec::new(), ..orders.clone() });
    let i = input.tables.iter().position(|t| t.name == "orders").expect("orders");
    assert_eq!(layout.tables[i].height, plain_height + 4.0 * options.row_height, "a title row and three partition rows");
}

#[test]
fn a_relationship_of_a_partition_is_drawn_to_its_table() {
    let mut registry = features();
    // A foreign key to one partition, as a schema may declare it.
    let mut to_partition = registry.relationships[0].clone();
    to_partition.parent.table = "orders_2025".into();
    to_partition.parent.schema = registry.tables.iter().find(|t| t.name == "orders_2025").expect("orders_2025").schema.clone();
    to_partition.id = relata_model::RelationshipId::new_random();
    registry.relationships.push(to_partition);
    let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
    let edge = input.edges.last().expect("the new line is drawn");
    assert_eq!(input.tables[edge.parent].name, "orders");
    checked_layout(&input);
}

#[test]
fn views_are_marked_and_drawn_dashed() {
    let input = LayoutInput::from_registry(&features(), &RegistryOptions::default());
    let kind = |name: &str| input.tables.iter().find(|t| t.name == name).map(|t| t.kind);
    assert_eq!(kind("active_customers"), Some(TableKind::View));
    assert_eq!(kind("daily_totals"), Some(TableKind::MaterializedView));
    assert_eq!(kind("customers"), Some(TableKind::Table));
    let options = relata_layout::LayoutOptions::default();
    let svg = relata_layout::render_svg(&input, &checked_layout(&input), &options, &relata_layout::SvgOptions::default());
    assert_eq!(svg.matches(r#"class="view-border""#).count(), 2);
    assert!(svg.contains(">materialized view</text>") && svg.contains(">view</text>"));
    assert_eq!(svg.matches(r#"<g class="partitions""#).count(), 3, "orders, invoices and payments list partitions");
    assert!(svg.contains(">orders_other</text>") && svg.contains(">DEFAULT</text>"));
}

#[test]
fn short_bounds_drop_for_values_and_stay_short() {
    assert_eq!(short_bound("FOR VALUES IN ('US')"), "IN ('US')");
    assert_eq!(short_bound("DEFAULT"), "DEFAULT");
    let long = short_bound(&format!("FOR VALUES IN ({})", (0..40).map(|i| format!("'{i}'")).collect::<Vec<_>>().join(", ")));
    assert_eq!(long.chars().count(), relata_layout::BOUND_CHARS);
    assert!(long.ends_with('…'));
}

#[test]
fn a_year_of_daily_partitions_is_listed_as_eleven_and_a_count() {
    // pg_partman-style: orders gets 365 daily partitions; its box lists the first
    // MAX_PARTITION_ROWS - 1 and one row for the rest, so it stays a box.
    let mut registry = features();
    let template = registry.tables.iter().find(|t| t.name == "orders_2025").expect("orders_2025").clone();
    for day in 0..365 {
        let mut t = template.clone();
        t.id = relata_model::TableId::new_random();
        t.name = format!("orders_p{day:03}");
        registry.tables.push(t);
    }
    let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
    let orders = input.tables.iter().find(|t| t.name == "orders").expect("orders is drawn");
    assert_eq!(orders.partitions.len(), relata_layout::MAX_PARTITION_ROWS - 1);
    assert_eq!(orders.partitions.len() + orders.more_partitions, 368);
    let options = relata_layout::LayoutOptions::default();
    assert_eq!(options.partition_rows(orders), relata_layout::MAX_PARTITION_ROWS + 1, "a title, the listed ones, the count");
    let svg = relata_layout::render_svg(&input, &checked_layout(&input), &options, &relata_layout::SvgOptions::default());
    assert!(svg.contains(r#"<g class="partitions" data-count="368">"#) && svg.contains(">… 357 more</text>"));
}
