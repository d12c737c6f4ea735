//! The DBML importer on hand-written DBML: `features.dbml` (every feature the importer reads,
//! accepted by @dbml/core too) lowered into the registry, and the seed's own DBML example
//! (seed 000, section 12) against the bundled `zayaz-compute-methods` registry.

use expect_test::expect;
use relata_formats::dbml::parse::{import, ImportOptions};
use relata_model::{
    AvailabilityStatus, Cardinality, IndexMethod, IndexPart, LineageKind, ReferentialAction, Registry, SignalRole,
    TableRef,
};
use relata_rules::RuleSet;

use crate::dbml_import::fixture;

fn import_fixture(name: &str) -> (Registry, Vec<relata_model::Diagnostic>) {
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp");
    import(&fixture(name), name, &ImportOptions::new(now), &RuleSet::named("zayaz").expect("preset"))
}

#[test]
fn features_fixture_lowers_every_feature() {
    let (registry, diagnostics) = import_fixture("features.dbml");
    // What the registries cannot hold is reported, never silently dropped; `<>` is reported.
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    expect!["features.dbml:106:1: warning[D112]: `users.id <> products.sku` is imported as a many:many relationship, not as an rl_ join table; the house rules (R304) want a join table holding a ref to each side"].assert_eq(&lines.join("\n"));

    let users = TableRef::new("public", "users");
    let orders = TableRef::new("core", "orders");
    let table = |r: &TableRef| registry.table(r).unwrap_or_else(|| panic!("{r}"));
    // Groups → modules with colour and note (the ''' note dedented); a table in no group takes
    // its schema as module, an implicit one (no export writes it as a group).
    let modules: Vec<_> =
        registry.modules.iter().filter(|m| !m.implicit).map(|m| (m.name.as_str(), m.color.as_deref(), m.note.as_deref())).collect();
    let implicit: Vec<&str> = registry.modules.iter().filter(|m| m.implicit).map(|m| m.name.as_str()).collect();
    assert_eq!(implicit, ["public"]);
    assert_eq!(
        modules,
        [
            ("Sales", Some("#011B4E"), Some("Orders and what they hold")),
            // The closing quotes on their own line leave a last, empty line, as @dbml/core reads it.
            ("catalog", None, Some("The catalogue:\n  products only.\n")),
        ]
    );
    assert_eq!(table(&orders).module, "Sales");
    assert_eq!(table(&users).module, "public");
    assert_eq!(table(&users).color.as_deref(), Some("#AABBCC"));
    assert_eq!(table(&users).purpose.as_deref(), Some("People who buy"));
    assert_eq!(table(&orders).purpose.as_deref(), Some("Orders, one row each."));
    assert_eq!(table(&users).db_engine, "postgres");
    assert_eq!(table(&users).db_name.as_deref(), Some("shop"));

    // Columns in order, the partial's injected where `~audited` stands; types as written.
    let columns: Vec<String> = registry
        .columns_of(&users)
        .iter()
        .map(|s| format!("{} {} {}{}", s.column, s.data_type, if s.nullable { "null" } else { "not null" }, s.default.as_deref().map(|d| format!(" = {d}")).unwrap_or_default()))
        .collect();
    expect![[r#"
        id uuid not null = gen_random_uuid()
        email varchar(255) not null
        display name character varying null
        score numeric(10,2) null = 0.5
        active boolean null = true
        plan varchar null = 'free'
        tags text[] null
        created_at timestamptz not null = now()
        updated_at timestamptz null"#]].assert_eq(&columns.join("\n"));
    let email = registry.columns_of(&users).into_iter().find(|s| s.column == "email").expect("email");
    assert_eq!(email.description.as_deref(), Some("Login, lower-case"));
    assert_eq!(table(&users).unique_constraints.len(), 1);
    assert_eq!(table(&users).primary_key, ["id"]);
    assert_eq!(table(&TableRef::new("public", "items")).primary_key, ["order_id", "line"]);
    // A column's `check:` is the table's CHECK, written on that column.
    let checks = &table(&TableRef::new("public", "items")).checks;
    assert_eq!(checks.len(), 1);
    assert_eq!((checks[0].expression.as_str(), checks[0].column.as_deref()), ("sku <> ''", Some("sku")));
    assert_eq!(registry.columns_of(&orders)[2].data_type, "core.order_status");

    // Indexes: plain, composite with name and note, expression with a type, unique.
    let indexes = &table(&orders).indexes;
    assert_eq!(indexes.len(), 4);
    assert_eq!(indexes[1].name.as_deref(), Some("idx_orders_user_status"));
    assert_eq!(indexes[1].note.as_deref(), Some("Lookups by user"));
    assert_eq!(indexes[2].parts, [IndexPart::expression("lower(status::text)")]);
    assert_eq!(indexes[2].method, IndexMethod::Hash);
    assert!(indexes[3].unique && !indexes[0].unique);

    // Enums with schema and value notes.
    assert_eq!(registry.enums.len(), 1);
    assert_eq!(registry.enums[0].schema, "core");
    assert_eq!(registry.enums[0].values[1].name, "in progress");
    assert_eq!(registry.enums[0].values[1].note.as_deref(), Some("Being packed"));

    // Refs: inline through an alias, long form with actions, short form with a lineage
    // colour, `<` (the right side is the child), composite one-to-one, `<>`.
    let refs: Vec<String> = registry
        .relationships
        .iter()
        .map(|r| {
            format!(
                "{} {}.{}({}) -> {}.{}({}) {} delete {} update {} {}{}{} required={}",
                r.key,
                r.child.schema,
                r.child.table,
                r.child.columns.join(","),
                r.parent.schema,
                r.parent.table,
                r.parent.columns.join(","),
                r.cardinality.map_or("-", |c| relata_model::Vocabulary::as_str(c)),
                r.on_delete,
                r.on_update,
                r.availability,
                r.constraint_name.as_deref().map(|n| format!(" name={n}")).unwrap_or_default(),
                r.lineage.map(|l| format!(" lineage={l}")).unwrap_or_default(),
                r.is_required,
            )
        })
        .collect();
    expect![[r#"
        orders__user_id__users core.orders(user_id) -> public.users(id) 1:many delete no_action update no_action active required=true
        items__order_id__orders public.items(order_id) -> core.orders(id) 1:many delete cascade update no_action active name=items_order required=true
        items__sku__products public.items(sku) -> public.products(sku) 1:many delete set_null update no_action active lineage=feeds required=false
        order_notes__order_id__orders public.order_notes(order_id) -> core.orders(id) 1:many delete no_action update no_action draft required=false
        pairs__a_b__pair_targets public.pairs(a,b) -> public.pair_targets(a,b) 1:1 delete no_action update no_action active name=pair_ref required=false
        users__id__products public.users(id) -> public.products(sku) many:many delete no_action update no_action active required=true"#]].assert_eq(&refs.join("\n"));
    let by_key = |key: &str| registry.relationships.iter().find(|r| r.key == key).unwrap_or_else(|| panic!("{key}"));
    assert_eq!(by_key("items__order_id__orders").on_delete, ReferentialAction::Cascade);
    assert_eq!(by_key("items__sku__products").lineage, Some(LineageKind::Feeds));
    assert_eq!(by_key("order_notes__order_id__orders").availability, AvailabilityStatus::Draft);
    assert_eq!(by_key("pairs__a_b__pair_targets").cardinality, Some(Cardinality::OneToOne));
    assert_eq!(by_key("users__id__products").cardinality, Some(Cardinality::ManyToMany));

    // Signal roles: key for primary and foreign key columns.
    let role = |t: &TableRef, c: &str| registry.columns_of(t).into_iter().find(|s| s.column == c).expect("column").role;
    assert_eq!(role(&orders, "user_id"), SignalRole::Key);
    assert_eq!(role(&orders, "id"), SignalRole::Key);
    assert_eq!(role(&orders, "total"), SignalRole::Attribute);
}

/// The seed's DBML example against the registry that was built from it. What differs, and why:
/// - schemas: the example writes none (DBML's `public`); the registry puts the tables where
///   the zayaz prefix rules want them (`ref_` in `core_metadata`, `fact_` in `core_engine`);
/// - types: the example uses dbdiagram's `datetime` and `int`, the registry PostgreSQL's
///   `timestamp` and `integer`;
/// - index names and the unique index's note: the example has neither (the note is a `//`
///   comment, which DBML drops); the registry names them and keeps the comment as the note;
/// - what DBML has no word for: the module's note, table purposes and notes, statuses,
///   db_name, and the `Registry` module's three registry tables, which are not in the example.
#[test]
fn seed_000_example_imports_to_the_zayaz_compute_methods_registry() {
    let (imported, diagnostics) = import_fixture("seed-000-compute-methods.dbml");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let (bundled, _) = relata_codec::folder::parse(&crate::read_folder(&crate::registries_dir().join("zayaz-compute-methods")));
    let module = "Compute Method Registry";
    let expected: Vec<_> = bundled.tables.iter().filter(|t| t.module == module).collect();
    assert_eq!(imported.tables.len(), expected.len());
    let pg_type = |t: &str| match t {
        "datetime" => "timestamp".to_owned(),
        "int" => "integer".to_owned(),
        other => other.to_owned(),
    };
    for want in &expected {
        let got = imported.tables.iter().find(|t| t.name == want.name).unwrap_or_else(|| panic!("{}", want.name));
        assert_eq!((got.schema.as_str(), got.module.as_str()), ("public", module), "{}", want.name);
        assert_eq!(got.primary_key, want.primary_key, "{}: primary key", want.name);
        assert_eq!(got.prefix, want.prefix, "{}: prefix", want.name);
        let columns = |r: &Registry, t: &relata_model::Table| -> Vec<(String, String, bool)> {
            r.columns_of(&t.table_ref()).iter().map(|s| (s.column.clone(), pg_type(&s.data_type), s.nullable)).collect()
        };
        assert_eq!(columns(&imported, got), columns(&bundled, want), "{}: columns, types, nullability", want.name);
        let shape = |t: &relata_model::Table| -> Vec<(Vec<IndexPart>, bool)> {
            t.indexes.iter().map(|i| (i.parts.clone(), i.unique)).collect()
        };
        assert_eq!(shape(got), shape(want), "{}: indexes", want.name);
    }
    // Child table and columns, parent table and columns, cardinality.
    type Ends = (String, Vec<String>, String, Vec<String>, Option<Cardinality>);
    let ends = |r: &Registry| -> Vec<Ends> {
        let mut ends: Vec<_> = r
            .relationships
            .iter()
            .filter(|x| x.module == module)
            .map(|x| (x.child.table.clone(), x.child.columns.clone(), x.parent.table.clone(), x.parent.columns.clone(), x.cardinality))
            .collect();
        ends.sort();
        ends
    };
    assert_eq!(ends(&imported), ends(&bundled), "refs");
    let keys = |r: &Registry| -> Vec<String> {
        let mut keys: Vec<String> = r.relationships.iter().filter(|x| x.module == module).map(|x| x.key.clone()).collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&imported), keys(&bundled), "relationship keys from the rule set");
    let group = &imported.modules[0];
    assert_eq!((group.name.as_str(), group.color.as_deref()), (module, bundled.module(module).and_then(|m| m.color.as_deref())));
}
