//! Integration tests of relata-model: edits as operations with exact undo and redo, on every
//! bundled registry, on generated ones, and on a small hand-written fixture.

mod cascades;
mod codes;
mod errors;
mod history;
mod parts;
mod random;
mod script;

use std::path::{Path, PathBuf};

use relata_codec::folder::{self, FolderText, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE, SIGNAL_REGISTRY_FILE, TABLE_OVERVIEW_FILE};
use relata_model::{
    ConnectionType, EnumType, EnumValue, Index, IndexMethod, IndexPart, Module, Pin, Registry, Relationship, RelationshipEnd,
    RelationshipId, RowType, Signal, SignalId, SignalRole, Table, TableId, TableRef, TableStatus, Timestamp, UniqueConstraint,
};
use uuid::Uuid;

/// Every `op` of [`relata_model::Edit`] a form produces, sorted (all but `restore`, which
/// undo produces).
pub const FORM_OPS: &[&str] = &[
    "batch", "delete_diagram_line", "delete_enum", "delete_index", "delete_module", "delete_relationship", "delete_signal", "delete_table",
    "delete_unique_constraint", "link_diagram_line", "move_signal", "put_enum", "put_index", "put_module", "put_relationship", "put_signal",
    "put_table", "put_unique_constraint", "rename_column", "rename_module", "rename_table", "set_pin",
];

/// `registry` with the diagram-only lines a Mermaid import keeps for lines that say no join
/// columns: one between the tables of the second relationship (which `link_diagram_line` can
/// make its line), then one between each table and the next (three at most); before them, one
/// line that is the first relationship's, which `delete_diagram_line` must refuse.
pub fn with_diagram_lines(mut registry: Registry) -> Registry {
    use relata_model::mermaid::{MermaidEnd, MermaidLine};
    let line = |relationship: Option<RelationshipId>, left: TableRef, right: TableRef, label: &str| MermaidLine {
        relationship,
        left,
        right,
        left_end: MermaidEnd::ExactlyOne,
        right_end: MermaidEnd::ZeroOrMore,
        identifying: true,
        label: label.to_owned(),
    };
    let refs: Vec<TableRef> = registry.tables.iter().map(|t| t.table_ref()).collect();
    if let Some(r) = registry.relationships.first() {
        let kept = line(Some(r.id), r.parent.table_ref(), r.child.table_ref(), "has");
        registry.mermaid.lines.push(kept);
    }
    if let Some(r) = registry.relationships.get(1) {
        let sketch = line(None, r.parent.table_ref(), r.child.table_ref(), "joins");
        registry.mermaid.lines.push(sketch);
    }
    for pair in refs.windows(2).take(3) {
        registry.mermaid.lines.push(line(None, pair[0].clone(), pair[1].clone(), "sketched"));
    }
    registry
}

/// Every bundled registry folder (all of `registries/` but `ddl/`), read, with its name.
pub fn bundled() -> Vec<(String, Registry)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../registries");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("registries/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "ddl"))
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 5, "expected the five bundled registries, found {dirs:?}");
    dirs.iter()
        .map(|dir| {
            let (registry, diagnostics) = folder::parse(&read_folder(dir));
            assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
            (dir.file_name().expect("named").to_string_lossy().into_owned(), registry)
        })
        .collect()
}

fn read_folder(dir: &Path) -> FolderText {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
    FolderText {
        table_overview: read(TABLE_OVERVIEW_FILE),
        signal_registry: read(SIGNAL_REGISTRY_FILE),
        relationship_registry: read(RELATIONSHIP_REGISTRY_FILE),
        relata_json: Some(read(RELATA_FILE)),
    }
}

/// A deterministic id of any kind from a number, so test entries are stable.
pub fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(0x0ed1_7000_0000_4000_8000_0000_0000_0000 | n)
}

/// The one timestamp test entries carry.
pub fn now() -> Timestamp {
    Timestamp::from_parts(2026, 1, 31, 9, 30, 0)
}

/// A table with the DDL defaults.
pub fn table(id: u128, schema: &str, name: &str, module: &str, primary_key: &[&str]) -> Table {
    Table {
        id: TableId(uuid(id)),
        name: name.into(),
        prefix: None,
        schema: schema.into(),
        module: module.into(),
        status: TableStatus::Stable,
        purpose: None,
        primary_key: primary_key.iter().map(|c| (*c).to_owned()).collect(),
        db_engine: "aurora_postgres".into(),
        db_name: None,
        owner_team: None,
        notes: None,
        created_at: now(),
        updated_at: now(),
        unique_constraints: Vec::new(),
        indexes: Vec::new(),
        color: None,
        primary_key_name: None,
        checks: Vec::new(),
        exclusions: Vec::new(),
        partition_by: None,
        partition_of: None,
        view: None,
    }
}

/// A column (binding) of `table` at `ordinal`.
pub fn column(id: u128, table: &TableRef, name: &str, ordinal: u32, data_type: &str) -> Signal {
    Signal {
        id: SignalId(uuid(id)),
        table: Some(table.clone()),
        column: name.into(),
        ordinal: Some(ordinal),
        data_type: data_type.into(),
        nullable: false,
        default: None,
        role: SignalRole::Attribute,
        row_type: RowType::Binding,
        concept: None,
        connection: ConnectionType::ReadWrite,
        description: None,
        created_at: now(),
        updated_at: now(),
        spec: Default::default(),
    }
}

/// A relationship with the DDL defaults from `child` columns to `parent` columns.
pub fn relationship(id: u128, key: &str, module: &str, child: (&TableRef, &[&str]), parent: (&TableRef, &[&str])) -> Relationship {
    let end = |(table, columns): (&TableRef, &[&str])| RelationshipEnd {
        db_engine: "aurora_postgres".into(),
        db_name: None,
        schema: table.schema.clone(),
        table: table.table.clone(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
    };
    Relationship::with_defaults(RelationshipId(uuid(id)), key, module, end(child), end(parent), now())
}

/// A small registry with one of everything: three tables in module `Sales`, keys, a unique
/// constraint, a column index and an expression index, two relationships, a concept stored by
/// a binding, a pin and an enum type.
pub fn fixture() -> Registry {
    let customers = TableRef::new("core", "customers");
    let orders = TableRef::new("core", "orders");
    let lines = TableRef::new("core", "order_lines");
    let mut orders_table = table(2, "core", "orders", "Sales", &["id"]);
    orders_table.unique_constraints.push(UniqueConstraint::new(Some("uq_orders_order_no".into()), vec!["order_no".into()]));
    orders_table.indexes.push(Index {
        name: None,
        parts: vec![IndexPart::column("customer_id"), IndexPart::expression("lower(order_no)")],
        method: IndexMethod::Btree,
        unique: false,
        predicate: None,
        note: None,
        ..Index::default()
    });
    let mut amount = column(25, &lines, "amount", 3, "numeric(12,2)");
    amount.concept = Some("revenue".into());
    let revenue = Signal {
        table: None,
        ordinal: None,
        row_type: RowType::Concept,
        role: SignalRole::Metric,
        description: Some("Money a sale brings in.".into()),
        ..column(30, &lines, "revenue", 1, "numeric(12,2)")
    };
    Registry {
        tables: vec![table(1, "core", "customers", "Sales", &["id"]), orders_table, table(3, "core", "order_lines", "Sales", &["order_id", "line_no"])],
        signals: vec![
            column(11, &customers, "id", 1, "uuid"),
            column(12, &customers, "name", 2, "text"),
            column(21, &orders, "id", 1, "uuid"),
            column(22, &orders, "order_no", 2, "varchar(32)"),
            column(23, &orders, "customer_id", 3, "uuid"),
            column(24, &lines, "order_id", 1, "uuid"),
            column(26, &lines, "line_no", 2, "integer"),
            amount,
            revenue,
        ],
        relationships: vec![
            relationship(41, "orders__customer_id__customers", "Sales", (&orders, &["customer_id"]), (&customers, &["id"])),
            relationship(42, "order_lines__order_id__orders", "Sales", (&lines, &["order_id"]), (&orders, &["id"])),
        ],
        modules: vec![Module { name: "Sales".into(), color: Some("#2F6FB0".into()), note: None, implicit: false }],
        enums: vec![EnumType {
            schema: "core".into(),
            name: "order_state".into(),
            values: vec![EnumValue { name: "new".into(), note: None }, EnumValue { name: "paid".into(), note: None }],
        }],
        pins: vec![Pin { table: orders, x: 10.0, y: 20.0 }],
        ..Registry::default()
    }
}
