//! What a DBML or Mermaid import keeps beyond the registries (aliases, partials, `Records`,
//! ref colours, entity labels, classes, styles, subgraphs, diagram-only lines) follows the
//! edits that rename or delete what it names, so the next export still writes it; and undo
//! restores it exactly. Before, a rename left it under the old name and the export lost it.

use relata_formats::dbml::parse::{import as import_dbml, ImportOptions as DbmlOptions};
use relata_formats::dbml::Dbml;
use relata_formats::export::ExportOptions;
use relata_formats::mermaid::parse::{import as import_mermaid, ImportOptions as MermaidOptions};
use relata_formats::mermaid::Mermaid;
use relata_model::edit::{apply, Edit};
use relata_model::{Registry, Severity, Signal, Table, TableRef, Timestamp};
use relata_rules::RuleSet;

fn now() -> Timestamp {
    Timestamp::parse("2026-12-07 09:30:00+00").expect("timestamp")
}

fn rules() -> RuleSet {
    RuleSet::named("zayaz").expect("preset")
}

fn fixture(path: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shop of `dbml/edits/shop.dbml`, imported with no error.
fn dbml_shop() -> Registry {
    let (registry, diagnostics) = import_dbml(&fixture("dbml/edits/shop.dbml"), "shop.dbml", &DbmlOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}");
    registry
}

/// The shop of `mermaid/edits/shop.mmd`, imported with no error.
fn mermaid_shop() -> Registry {
    let (registry, diagnostics) = import_mermaid(&fixture("mermaid/edits/shop.mmd"), "shop.mmd", &MermaidOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}");
    registry
}

fn dbml(registry: &Registry) -> String {
    Dbml::new(registry, &ExportOptions::default()).to_string()
}

fn mermaid(registry: &Registry) -> String {
    Mermaid::new(registry, &ExportOptions::default()).to_string()
}

/// The DBML text read back, which must import with no error.
fn reread(text: &str) -> Registry {
    let (registry, diagnostics) = import_dbml(text, "exported.dbml", &DbmlOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}\n{text}");
    registry
}

fn public(table: &str) -> TableRef {
    TableRef::new("public", table)
}

fn rename_table(registry: &Registry, from: &str, schema: &str, to: &str) -> Edit {
    let table = registry.table(&public(from)).expect("table").id;
    Edit::RenameTable { table, schema: schema.into(), name: to.into() }
}

fn rename_column(table: &str, from: &str, to: &str) -> Edit {
    Edit::RenameColumn { table: Some(public(table)), from: from.into(), to: to.into() }
}

fn column(registry: &Registry, table: &str, column: &str) -> Signal {
    registry.signals.iter().find(|s| s.table == Some(public(table)) && s.column == column).expect("column").clone()
}

/// Applies `edit` to a copy of `registry`, checks that its inverse gives `registry` back
/// exactly (extras included), and returns the edited copy.
fn edited(registry: &Registry, edit: Edit) -> Registry {
    let mut after = registry.clone();
    let applied = apply(&mut after, edit).expect("edit applies");
    let mut undone = after.clone();
    apply(&mut undone, applied.inverse).expect("undo applies");
    assert_eq!(undone, *registry, "undo of {} restores the registry and its extras", applied.label);
    after
}

#[test]
fn a_renamed_dbml_table_keeps_its_alias_partials_records_and_ref_colour() {
    let shop = dbml_shop();
    let after = edited(&shop, rename_table(&shop, "orders", "public", "order_header"));
    let text = dbml(&after);
    assert!(text.contains("order_header as O {"), "{text}");
    assert_eq!(text.matches("~timestamps").count(), 2, "both tables still inject the partial:\n{text}");
    assert!(text.contains("TablePartial timestamps"), "{text}");
    assert!(text.contains("color: #aa3366"), "{text}");
    assert!(text.contains("  Records {\n    1, 10,"), "the table's own records stay in it:\n{text}");
    assert!(text.contains("(customer_id, placed_on) [type: btree]"), "{text}");
    let back = reread(&text);
    assert_eq!(back.dbml.table(&public("order_header")).and_then(|t| t.alias.as_deref()), Some("O"));

    // A top-level `Records` names its table: the header follows the rename.
    let after = edited(&shop, rename_table(&shop, "customers", "public", "client account"));
    let text = dbml(&after);
    assert!(text.contains("Records \"client account\"(id, email) {"), "{text}");
    assert!(text.contains("\"client account\" as C {"), "{text}");
    let back = reread(&text);
    let records = back.dbml.items.iter().find(|i| i.text.starts_with("Records \"client")).expect("records kept");
    assert_eq!(records.table, Some(public("client account")));

    // Moved to another schema, the header says the schema.
    let after = edited(&shop, rename_table(&shop, "customers", "crm", "customers"));
    assert!(dbml(&after).contains("Records crm.customers(id, email) {"), "{}", dbml(&after));
}

#[test]
fn a_renamed_dbml_column_keeps_its_typed_index_and_records_header() {
    let shop = dbml_shop();
    let after = edited(&shop, rename_column("orders", "placed_on", "ordered_on"));
    let text = dbml(&after);
    assert!(text.contains("(customer_id, ordered_on) [type: btree]"), "{text}");
    assert_eq!(text.matches("~timestamps").count(), 2, "{text}");
    let after = edited(&shop, rename_column("customers", "email", "mail"));
    assert!(dbml(&after).contains("Records customers(id, mail) {"), "{}", dbml(&after));
}

/// The columns of `table` in `registry` with their types, sorted.
fn typed_columns(registry: &Registry, table: &str) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = registry.columns_of(&public(table)).into_iter().map(|s| (s.column.clone(), s.data_type.clone())).collect();
    columns.sort();
    columns
}

#[test]
fn a_partial_column_renamed_or_deleted_in_one_table_makes_that_table_define_its_columns() {
    // DBML's `~timestamps` always brings `created_at`; a table whose `created_at` is now
    // `created` can no longer say `~timestamps`, and writes its columns itself instead.
    let shop = dbml_shop();
    let renamed = edited(&shop, rename_column("customers", "created_at", "created"));
    let deleted = edited(&shop, Edit::DeleteSignal { signal: column(&shop, "customers", "updated_at").id });
    for (what, after) in [("renamed", renamed), ("deleted", deleted)] {
        assert!(after.dbml.table(&public("customers")).is_none_or(|t| t.injects.is_empty()), "{what}");
        assert_eq!(after.dbml.table(&public("orders")), shop.dbml.table(&public("orders")), "{what}: orders keeps its partial");
        let text = dbml(&after);
        assert_eq!(text.matches("~timestamps").count(), 1, "{what}:\n{text}");
        assert_eq!(typed_columns(&reread(&text), "customers"), typed_columns(&after, "customers"), "{what}: the export says the columns as they are:\n{text}");
    }
}

#[test]
fn a_partial_column_changed_in_one_table_is_defined_there_over_the_partial() {
    // The table keeps `~timestamps` for `created_at` and writes its own `updated_at`, which
    // DBML reads as overriding the partial's.
    let shop = dbml_shop();
    let changed = {
        let mut signal = column(&shop, "customers", "updated_at");
        signal.data_type = "timestamp".into();
        edited(&shop, Edit::PutSignal { signal })
    };
    let injects = &changed.dbml.table(&public("customers")).expect("entry").injects;
    assert_eq!(injects[0].columns, ["created_at"]);
    let text = dbml(&changed);
    assert_eq!(text.matches("~timestamps").count(), 2, "{text}");
    assert_eq!(typed_columns(&reread(&text), "customers"), typed_columns(&changed, "customers"), "{text}");

    // "Override here", asked for without a change, does the same and changes no column.
    let overridden = edited(&shop, Edit::OverridePartialColumn { table: public("customers"), column: "updated_at".into() });
    assert_eq!(overridden.dbml.table(&public("customers")).expect("entry").injects[0].columns, ["created_at"]);
    assert_eq!(overridden.signals, shop.signals);
    let text = dbml(&overridden);
    assert!(text.contains("  ~timestamps\n  updated_at timestamptz\n"), "{text}");
    assert_eq!(typed_columns(&reread(&text), "customers"), typed_columns(&shop, "customers"), "{text}");

    // A change DBML does not write (the column's updated_at, a registry field) leaves the
    // partial speaking for the table.
    let mut signal = column(&shop, "customers", "updated_at");
    signal.updated_at = Timestamp::parse("2026-12-07 10:00:00+00").expect("timestamp");
    assert_ne!(signal, column(&shop, "customers", "updated_at"));
    let same = edited(&shop, Edit::PutSignal { signal });
    assert_eq!(same.dbml, shop.dbml);
}

#[test]
fn deleting_a_dbml_table_drops_its_extras_and_a_ref_key_change_keeps_the_colour() {
    let shop = dbml_shop();
    let after = edited(&shop, Edit::DeleteTable { table: shop.table(&public("customers")).expect("table").id });
    assert!(after.dbml.table(&public("customers")).is_none());
    assert!(after.dbml.refs.is_empty(), "the ref went with the table, and its colour with it");
    assert!(after.dbml.items.iter().all(|i| i.table.as_ref() != Some(&public("customers"))));
    reread(&dbml(&after));

    let mut relationship = shop.relationships[0].clone();
    let old_key = relationship.key.clone();
    relationship.key = "orders_placed_by".into();
    let after = edited(&shop, Edit::PutRelationship { relationship: relationship.clone() });
    assert!(after.dbml.ref_(&old_key).is_none());
    assert_eq!(after.dbml.ref_("orders_placed_by").and_then(|r| r.color.as_deref()), Some("#aa3366"));
    assert!(dbml(&after).contains("color: #aa3366"), "{}", dbml(&after));
    let after = edited(&shop, Edit::DeleteRelationship { relationship: relationship.id });
    assert!(after.dbml.refs.is_empty());
}

#[test]
fn a_renamed_mermaid_entity_keeps_its_label_classes_style_subgraph_and_lines() {
    let shop = mermaid_shop();
    let before = mermaid(&shop);
    assert!(before.contains("customer[\"Customer\"]:::person"), "{before}");

    let after = edited(&shop, rename_table(&shop, "customer", "public", "client"));
    let text = mermaid(&after);
    assert!(text.contains("client[\"Customer\"]:::person"), "{text}");
    assert!(text.contains("client ||--o{ orders : \"places\""), "{text}");
    assert!(text.contains("client }|..|{ warehouse : \"ships from\""), "the diagram-only line follows too:\n{text}");
    assert!(!text.contains("customer[") && !text.contains(" customer "), "{text}");

    let after = edited(&shop, rename_table(&shop, "orders", "public", "purchases"));
    let text = mermaid(&after);
    assert!(text.contains("style purchases fill:#bbf"), "{text}");
    assert!(text.contains("subgraph sales") && text.contains("    purchases {"), "{text}");

    // A column rename keeps its key markers.
    let after = edited(&shop, rename_column("customer", "email", "mail"));
    assert!(mermaid(&after).contains("string mail UK"), "{}", mermaid(&after));

    // Moved to another schema, a plain entity name would read back in `public`: it is
    // written as Relata's printer writes a schema-qualified table, and reads back as it.
    let after = edited(&shop, rename_table(&shop, "customer", "crm", "customer"));
    let text = mermaid(&after);
    let (back, diagnostics) = import_mermaid(&text, "exported.mmd", &MermaidOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}");
    assert!(back.table(&TableRef::new("crm", "customer")).is_some(), "{text}");
    assert_eq!(back.mermaid.entity(&TableRef::new("crm", "customer")).map(|e| e.classes.clone()), Some(vec!["person".to_owned()]));
}

#[test]
fn deleting_a_mermaid_table_drops_its_entity_lines_style_and_subgraph_place() {
    let shop = mermaid_shop();
    let after = edited(&shop, Edit::DeleteTable { table: shop.table(&public("orders")).expect("table").id });
    assert!(after.mermaid.entity(&public("orders")).is_none());
    assert!(after.mermaid.lines.iter().all(|l| l.left != public("orders") && l.right != public("orders")));
    assert!(after.mermaid.styles.is_empty(), "the style of orders only");
    assert!(after.mermaid.subgraphs.iter().all(|s| s.entities.is_empty()));
    let text = mermaid(&after);
    assert!(text.contains("customer }|..|{ warehouse"), "{text}");
}

#[test]
fn editing_a_partial_column_rewrites_the_partial_and_every_table_using_it_in_one_step() {
    use relata_formats::dbml::partials::{column_edit, partial_of, PartialEdit};
    let shop = dbml_shop();
    let using = partial_of(&shop, &public("customers"), "updated_at").expect("from a partial");
    assert_eq!((using.partial.as_str(), using.tables, using.rewritable), ("timestamps", 2, true));
    assert_eq!(partial_of(&shop, &public("customers"), "email"), None, "the table's own column");

    let mut signal = column(&shop, "customers", "updated_at");
    signal.data_type = "timestamp".into();
    signal.nullable = false;
    signal.description = Some("Last change, by the app's clock".into());
    let Some(PartialEdit::Rewrite(edit)) = column_edit(&shop, &public("customers"), "updated_at", &signal) else { panic!("a rewrite") };
    let after = edited(&shop, edit);
    let partial = &after.dbml.partials[0].text;
    assert!(partial.contains("  updated_at timestamp [not null, note: 'Last change, by the app\\'s clock']\n"), "{partial}");
    assert!(partial.contains("  created_at timestamptz [not null, default: `now()`]\n"), "the other line as written:\n{partial}");
    for table in ["customers", "orders"] {
        let s = column(&after, table, "updated_at");
        assert_eq!((s.data_type.as_str(), s.nullable), ("timestamp", false), "{table}");
    }
    assert_eq!(after.dbml.tables, shop.dbml.tables, "both tables still leave the column to the partial");
    let text = dbml(&after);
    assert_eq!(text.matches("~timestamps").count(), 2, "{text}");
    let back = reread(&text);
    for table in ["customers", "orders"] {
        let s = column(&back, table, "updated_at");
        assert_eq!((s.data_type.as_str(), s.nullable, s.description.as_deref()), ("timestamp", false, Some("Last change, by the app's clock")), "{table}");
    }

    // A default: the setting is replaced where it stood.
    let mut signal = column(&shop, "orders", "created_at");
    signal.default = Some("clock_timestamp()".into());
    let edit = column_edit(&shop, &public("orders"), "created_at", &signal).expect("from a partial").edit();
    let after = edited(&shop, edit);
    assert!(after.dbml.partials[0].text.contains("  created_at timestamptz [not null, default: `clock_timestamp()`]\n"), "{}", after.dbml.partials[0].text);
    assert_eq!(column(&reread(&dbml(&after)), "customers", "created_at").default.as_deref(), Some("clock_timestamp()"));
}

#[test]
fn a_partial_line_that_cannot_be_rewritten_makes_every_table_using_it_override_it() {
    use relata_formats::dbml::partials::{column_edit, partial_of, PartialEdit};
    let text = fixture("dbml/edits/shop.dbml").replace("  updated_at timestamptz\n", "  updated_at /* set by a trigger */ timestamptz\n");
    let (shop, diagnostics) = import_dbml(&text, "shop.dbml", &DbmlOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}");
    assert!(!partial_of(&shop, &public("customers"), "updated_at").expect("from a partial").rewritable);
    let mut signal = column(&shop, "customers", "updated_at");
    signal.data_type = "timestamp".into();
    let Some(PartialEdit::Override(edit)) = column_edit(&shop, &public("customers"), "updated_at", &signal) else { panic!("an override") };
    let after = edited(&shop, edit);
    assert_eq!(after.dbml.partials, shop.dbml.partials, "the partial stays as written");
    let text = dbml(&after);
    assert_eq!(text.matches("~timestamps").count(), 2, "{text}");
    let back = reread(&text);
    for table in ["customers", "orders"] {
        assert_eq!(column(&back, table, "updated_at").data_type, "timestamp", "{table}:\n{text}");
    }
}

#[test]
fn every_partial_column_of_the_fixtures_is_edited_in_every_table_using_it() {
    // Partials as people lay them out (braces on their own line, settings, indexes and checks
    // in the partial, a table overriding one of its columns): a new type and note for each
    // column a partial brings reads back from the export in every table using the partial.
    use relata_formats::dbml::partials::{column_edit, partial_of};
    for path in ["dbml/spec/partials.dbml", "dbml/spec/layout_allman.dbml", "dbml/features.dbml", "dbml/edits/shop.dbml"] {
        let (registry, diagnostics) = import_dbml(&fixture(path), path, &DbmlOptions::new(now()), &rules());
        assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{path}: {diagnostics:#?}");
        let brought: Vec<(TableRef, String)> = registry
            .dbml
            .tables
            .iter()
            .flat_map(|t| t.injects.iter().flat_map(|i| i.columns.iter().map(|c| (t.table.clone(), c.clone()))))
            .collect();
        assert!(!brought.is_empty(), "{path}: has partial columns");
        for (table, name) in brought {
            let using = partial_of(&registry, &table, &name).expect("from a partial");
            assert!(using.rewritable, "{path}: {table}.{name}'s line reads as `name type [settings]`");
            let mut signal = registry.signals.iter().find(|s| s.table.as_ref() == Some(&table) && s.column == name).expect("column").clone();
            signal.data_type = "text".into();
            signal.description = Some("edited \"here\"".into());
            let after = edited(&registry, column_edit(&registry, &table, &name, &signal).expect("an edit").edit());
            let text = dbml(&after);
            assert_eq!(text.matches('~').count(), dbml(&registry).matches('~').count(), "{path}: {table}.{name}: the tables still inject it:\n{text}");
            let back = reread(&text);
            let users: Vec<&TableRef> = after.dbml.tables.iter().filter(|t| t.injects.iter().any(|i| i.columns.contains(&name))).map(|t| &t.table).collect();
            assert_eq!(users.len(), using.tables, "{path}: {table}.{name}");
            for user in users {
                let s = back.signals.iter().find(|s| s.table.as_ref() == Some(user) && s.column == name).expect("column read back");
                assert_eq!((s.data_type.as_str(), s.description.as_deref()), ("text", Some("edited \"here\"")), "{path}: {user}.{name}:\n{text}");
            }
        }
    }
}

#[test]
fn an_index_or_check_a_partial_brought_changed_in_one_table_makes_that_table_written_whole() {
    // DBML cannot take a partial's index or check away from one table: the table drops its
    // `~partial`s and writes every column, index and check itself. Before, the export kept
    // `~audited`, which brought the deleted index back.
    let path = "dbml/spec/partials.dbml";
    let (registry, diagnostics) = import_dbml(&fixture(path), path, &DbmlOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}");
    let invoices = registry.table(&public("invoices")).expect("table").clone();
    let position = invoices.indexes.iter().position(|i| i.name.as_deref() == Some("idx_created")).expect("the partial's index");
    let after = edited(&registry, Edit::DeleteIndex { table: invoices.id, position });
    assert!(after.dbml.table(&public("invoices")).is_some_and(|t| t.injects.is_empty() && t.partial_indexes.is_empty()));
    assert_eq!(after.dbml.table(&public("customers")), registry.dbml.table(&public("customers")));
    let back = reread(&dbml(&after));
    let names = |r: &Registry, t: &str| r.table(&public(t)).expect("table").indexes.iter().filter_map(|i| i.name.clone()).collect::<Vec<_>>();
    assert!(!names(&back, "invoices").contains(&"idx_created".to_owned()), "{}", dbml(&after));
    assert!(names(&back, "customers").contains(&"idx_created".to_owned()));
    assert_eq!(typed_columns(&back, "invoices"), typed_columns(&after, "invoices"));

    let mut without_check = invoices.clone();
    without_check.checks.retain(|c| !c.expression.contains("sane") && !c.expression.contains("2000-01-01"));
    assert_ne!(without_check.checks, invoices.checks, "the partial's check is gone");
    let after = edited(&registry, Edit::PutTable { table: without_check });
    let back = reread(&dbml(&after));
    assert!(back.table(&public("invoices")).expect("table").checks.iter().all(|c| !c.expression.contains("2000-01-01")), "{}", dbml(&after));

    // An edit of the table that leaves the partial's index and check as they are keeps it.
    let purpose = Table { purpose: Some("Bills sent".into()), ..invoices.clone() };
    assert_eq!(edited(&registry, Edit::PutTable { table: purpose }).dbml, registry.dbml);
}

/// Asserts that @dbml/core reads each of the DBML `texts` (name, text).
fn dbml_core_reads(texts: &[(String, String)]) {
    for result in crate::consumers::check("dbml-check.mjs", texts) {
        assert_eq!(result["ok"], true, "@dbml/core refuses {}: {}\n{}", result["name"], result["errors"], texts.iter().find(|(n, _)| *n == result["name"]).map_or("", |(_, t)| t.as_str()));
    }
}

#[test]
fn records_keep_to_their_columns_when_a_column_is_deleted_added_or_moved() {
    // @dbml/core refuses `Records` that name a column the table lacks or whose rows have
    // another number of values than the columns; before, deleting or adding a column of a
    // table with Records gave a DBML file it refuses (and moving one shifted the values).
    let shop = dbml_shop();
    let mut texts = vec![("as imported".to_owned(), dbml(&shop))];

    let deleted = edited(&shop, Edit::DeleteSignal { signal: column(&shop, "orders", "placed_on").id });
    let text = dbml(&deleted);
    assert!(text.contains("Records public.orders(id, customer_id, created_at, updated_at) {\n    1, 10, `now()`, null\n  }"), "{text}");
    texts.push(("orders.placed_on deleted".into(), text));

    let deleted = edited(&shop, Edit::DeleteSignal { signal: column(&shop, "customers", "email").id });
    let text = dbml(&deleted);
    assert!(text.contains("Records customers(id) {\n  10\n}"), "{text}");
    texts.push(("customers.email deleted".into(), text));

    let deleted = edited(&shop, Edit::DeleteSignal { signal: column(&shop, "customers", "id").id });
    let deleted = edited(&deleted, Edit::DeleteSignal { signal: column(&deleted, "customers", "email").id });
    assert!(deleted.dbml.items.iter().all(|i| i.table != Some(public("customers"))), "no column left: the records go");
    texts.push(("customers' records emptied".into(), dbml(&deleted)));

    let mut added = column(&shop, "orders", "placed_on");
    added.id = relata_model::SignalId::parse("99999999-9999-4999-8999-999999999999").expect("id");
    added.column = "shipped_on".into();
    added.ordinal = Some(6);
    let added = edited(&shop, Edit::PutSignal { signal: added });
    let text = dbml(&added);
    assert!(text.contains("Records public.orders(id, customer_id, placed_on, created_at, updated_at) {"), "{text}");
    texts.push(("orders.shipped_on added".into(), text));

    let moved = edited(&shop, Edit::MoveSignal { signal: column(&shop, "orders", "placed_on").id, to_ordinal: 1 });
    let text = dbml(&moved);
    assert!(text.contains("Records public.orders(id, customer_id, placed_on, created_at, updated_at) {"), "{text}");
    texts.push(("orders.placed_on moved first".into(), text));

    dbml_core_reads(&texts);
}

#[test]
fn dbml_core_reads_the_export_after_each_edit_that_moves_extras() {
    use relata_formats::dbml::partials::column_edit;
    let shop = dbml_shop();
    let mut retyped = column(&shop, "customers", "updated_at");
    retyped.data_type = "timestamp".into();
    retyped.default = Some("'2026-01-01 00:00:00+00'::timestamptz".into());
    let edits = [
        ("table renamed", rename_table(&shop, "customers", "public", "client account")),
        ("table moved", rename_table(&shop, "orders", "sales", "orders")),
        ("column renamed", rename_column("orders", "placed_on", "ordered_on")),
        ("partial column renamed", rename_column("customers", "created_at", "created")),
        ("partial column overridden", Edit::OverridePartialColumn { table: public("orders"), column: "updated_at".into() }),
        ("partial edited", column_edit(&shop, &public("customers"), "updated_at", &retyped).expect("an edit").edit()),
        ("table deleted", Edit::DeleteTable { table: shop.table(&public("customers")).expect("table").id }),
    ];
    let texts: Vec<(String, String)> = edits.into_iter().map(|(what, edit)| (what.to_owned(), dbml(&edited(&shop, edit)))).collect();
    dbml_core_reads(&texts);
}

#[test]
fn diagram_views_follow_renamed_and_deleted_tables_and_groups() {
    // @dbml/core refuses a DiagramView naming a table or group the file lacks; before, a
    // rename or delete in Relata left the view naming the old one.
    let text = fixture("dbml/edits/shop.dbml")
        + "\nTableGroup sales {\n  orders\n}\n\nDiagramView selling {\n  Tables { orders, public.customers }\n  TableGroups { sales }\n}\n";
    let (shop, diagnostics) = import_dbml(&text, "shop.dbml", &DbmlOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{diagnostics:#?}");
    let view = |r: &Registry| r.dbml.items.iter().find(|i| i.text.starts_with("DiagramView")).map(|i| i.text.clone()).unwrap_or_default();

    let renamed = edited(&shop, rename_table(&shop, "orders", "public", "order header"));
    assert!(view(&renamed).contains("Tables { \"order header\", public.customers }"), "{}", view(&renamed));
    let moved = edited(&shop, rename_table(&shop, "customers", "crm", "customers"));
    assert!(view(&moved).contains("Tables { orders, crm.customers }"), "{}", view(&moved));
    let deleted = edited(&shop, Edit::DeleteTable { table: shop.table(&public("customers")).expect("table").id });
    assert!(view(&deleted).contains("Tables { orders }"), "{}", view(&deleted));
    let regrouped = edited(&shop, Edit::RenameModule { from: "sales".into(), to: "Sales team".into() });
    assert!(view(&regrouped).contains("TableGroups { \"Sales team\" }"), "{}", view(&regrouped));

    let texts: Vec<(String, String)> = [("renamed", &renamed), ("moved", &moved), ("deleted", &deleted), ("regrouped", &regrouped)]
        .into_iter()
        .map(|(what, r)| (what.to_owned(), dbml(r)))
        .collect();
    dbml_core_reads(&texts);
}
