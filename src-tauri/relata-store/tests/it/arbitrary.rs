//! Proptest strategies for whole registries, with the awkward text registries meet in the
//! wild: commas, quotes, braces, backslashes, line breaks, non-ASCII.

use proptest::collection::{btree_set, vec};
use proptest::option;
use proptest::prelude::*;
use relata_model::*;

/// Text that must survive CSV, array literals, JSON and SQLite unchanged.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,\"'{}\\\\\n\r_:é漢-]{1,12}"
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    option::of(text())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (1990u16..2100, 1u8..=12, 1u8..=28, 0u8..24, 0u8..60, 0u8..60, option::of(1u32..1_000_000)).prop_map(
        |(y, mo, d, h, mi, s, micros)| {
            let base = Timestamp::from_parts(y, mo, d, h, mi, s).to_string();
            match micros {
                Some(m) => {
                    let frac = format!("{m:06}");
                    let frac = frac.trim_end_matches('0');
                    Timestamp::parse(&base.replace("+00", &format!(".{frac}+00"))).expect("valid")
                }
                None => Timestamp::parse(&base).expect("valid"),
            }
        },
    )
}

fn vocab<V: Vocabulary + std::fmt::Debug>() -> impl Strategy<Value = V> {
    proptest::sample::select(V::ALL.to_vec())
}

fn uuid() -> impl Strategy<Value = uuid::Uuid> {
    any::<u128>().prop_map(uuid::Uuid::from_u128)
}

fn end() -> impl Strategy<Value = RelationshipEnd> {
    (text(), opt_text(), text(), text(), vec(proptest::string::string_regex("[a-z ,\"{}\\\\]{0,6}").unwrap(), 0..4)).prop_map(
        |(db_engine, db_name, schema, table, columns)| RelationshipEnd { db_engine, db_name, schema, table, columns },
    )
}

fn table(name: String) -> impl Strategy<Value = Table> {
    (
        (uuid(), option::of("[a-z][a-z0-9]{0,4}_"), text(), text(), vocab::<TableStatus>(), opt_text(), vec(text(), 0..3)),
        (text(), opt_text(), opt_text(), opt_text(), timestamp(), timestamp()),
        (vec(unique(), 0..2), vec(index(), 0..2), option::of("#[0-9a-f]{6}"), opt_text(), vec(check(), 0..2), vec((opt_text(), text()), 0..2), option::of(partition_key()), option::of(partition_of())),
    )
        .prop_map(move |((id, prefix, schema, module, status, purpose, primary_key), (db_engine, db_name, owner_team, notes, created_at, updated_at), (unique_constraints, indexes, color, primary_key_name, checks, exclusions, partition_by, partition_of))| Table {
            id: TableId(id),
            name: name.clone(),
            prefix,
            schema,
            module,
            status,
            purpose,
            primary_key,
            db_engine,
            db_name,
            owner_team,
            notes,
            created_at,
            updated_at,
            unique_constraints,
            indexes,
            color,
            primary_key_name,
            checks,
            exclusions: exclusions.into_iter().map(|(name, definition)| ExclusionConstraint { name, definition }).collect(),
            partition_by,
            partition_of,
        })
}

fn deferral() -> impl Strategy<Value = Deferral> {
    prop_oneof![Just(Deferral::Immediate), Just(Deferral::Deferrable), Just(Deferral::Deferred)]
}

fn unique() -> impl Strategy<Value = UniqueConstraint> {
    (option::of(text()), vec(text(), 1..3), any::<bool>(), vec(text(), 0..2), deferral()).prop_map(
        |(name, columns, nulls_not_distinct, include, deferral)| UniqueConstraint { name, columns, nulls_not_distinct, include, deferral },
    )
}

fn check() -> impl Strategy<Value = CheckConstraint> {
    (opt_text(), text(), opt_text(), any::<bool>(), any::<bool>(), opt_text()).prop_map(
        |(name, expression, column, not_valid, no_inherit, note)| CheckConstraint { name, expression, column, not_valid, no_inherit, note },
    )
}

fn partition_key() -> impl Strategy<Value = PartitionKey> {
    (prop_oneof![Just(PartitionStrategy::Range), Just(PartitionStrategy::List), Just(PartitionStrategy::Hash)], text())
        .prop_map(|(strategy, key)| PartitionKey { strategy, key })
}

fn partition_of() -> impl Strategy<Value = PartitionOf> {
    (text(), text(), text()).prop_map(|(schema, table, bound)| PartitionOf { parent: TableRef { schema, table }, bound })
}

fn index_part() -> impl Strategy<Value = IndexPart> {
    (prop_oneof![text().prop_map(IndexKey::Column), text().prop_map(IndexKey::Expression)], opt_text(), opt_text(), any::<bool>(), option::of(any::<bool>()))
        .prop_map(|(key, collation, opclass, descending, nulls_first)| IndexPart { key, collation, opclass, descending, nulls_first })
}

fn column_spec() -> impl Strategy<Value = ColumnSpec> {
    (option::of((any::<bool>(), opt_text())), opt_text(), opt_text(), opt_text(), option::of(-1i32..10_000)).prop_map(
        |(identity, generated, collation, storage, statistics)| ColumnSpec {
            identity: identity.map(|(always, options)| Identity { always, options }),
            generated,
            collation,
            storage,
            statistics,
        },
    )
}

fn kept() -> impl Strategy<Value = KeptObject> {
    (proptest::sample::select(KeptKind::ALL.to_vec()), opt_text(), text(), option::of((text(), text())), text(), vec(text(), 0..3))
        .prop_map(|(kind, schema, name, on, sql, search_path)| KeptObject {
            kind,
            schema,
            name,
            on: on.map(|(schema, table)| TableRef { schema, table }),
            sql,
            search_path,
        })
}

fn index() -> impl Strategy<Value = Index> {
    (
        option::of(text()),
        vec(index_part(), 1..3),
        vocab::<IndexMethod>(),
        any::<bool>(),
        opt_text(),
        opt_text(),
        (opt_text(), vec(text(), 0..2), any::<bool>(), opt_text()),
    )
        .prop_map(|(name, parts, method, unique, predicate, note, (other_method, include, nulls_not_distinct, with))| Index {
            name,
            parts,
            method,
            unique,
            predicate,
            note,
            other_method,
            include,
            nulls_not_distinct,
            with,
        })
}

fn signal(n: usize) -> impl Strategy<Value = Signal> {
    (
        (uuid(), option::of((text(), text())), text(), 1u32..500, text(), any::<bool>(), opt_text()),
        (vocab::<SignalRole>(), any::<bool>(), opt_text(), vocab::<ConnectionType>(), opt_text(), timestamp(), timestamp(), column_spec()),
    )
        .prop_map(move |((id, table, column, ordinal, data_type, nullable, default), (role, concept_row, concept, connection, description, created_at, updated_at, spec))| {
            // Keep the DDL's CHECKs: a binding has a table and an ordinal, a concept names none.
            let binding = table.is_some() || !concept_row;
            let table = if binding { Some(table.unwrap_or_else(|| ("s".into(), "t".into()))) } else { None };
            Signal {
                id: SignalId(id),
                table: table.map(|(schema, table)| TableRef { schema, table }),
                // The index makes (table, column) unique.
                column: format!("{column}{n}"),
                ordinal: binding.then_some(ordinal),
                data_type,
                nullable,
                default,
                role,
                row_type: if binding { RowType::Binding } else { RowType::Concept },
                concept: if binding { concept } else { None },
                connection,
                description,
                created_at,
                updated_at,
                // Kept only where the registry keeps it (a column of a registered table): see
                // `registry`.
                spec,
            }
        })
}

fn flags() -> impl Strategy<Value = serde_json::Map<String, serde_json::Value>> {
    proptest::collection::btree_map("[a-z_\"\\\\]{1,8}", prop_oneof![any::<bool>().prop_map(serde_json::Value::from), any::<i32>().prop_map(serde_json::Value::from), text().prop_map(serde_json::Value::from)], 0..3)
        .prop_map(|m| m.into_iter().filter(|(k, _)| k != LineageKind::FLAG).collect())
}

fn relationship(key: String) -> impl Strategy<Value = Relationship> {
    (
        (uuid(), opt_text(), vocab::<AvailabilityStatus>(), -5i32..100, opt_text(), text(), opt_text(), opt_text(), opt_text(), option::of(timestamp())),
        (end(), end(), vocab::<RelationshipType>(), vocab::<EnforcementMode>(), option::of(vocab::<Cardinality>()), any::<[bool; 9]>(), vocab::<MatchType>()),
        (vocab::<ReferentialAction>(), vocab::<ReferentialAction>(), opt_text(), vocab::<IndexMethod>(), opt_text(), option::of(vocab::<LineageKind>()), flags(), opt_text(), timestamp(), timestamp()),
    )
        .prop_map(move |(a, b, c)| {
            let (id, constraint_name, availability, version, change_reason, module, owner_team, created_by, approved_by, approved_at) = a;
            let (child, parent, relationship_type, enforcement, cardinality, flags9, match_type) = b;
            let (on_delete, on_update, child_index_name, child_index_method, tenant_scope_column, lineage, generator_flags, notes, created_at, updated_at) = c;
            Relationship {
                id: RelationshipId(id),
                key: key.clone(),
                constraint_name,
                availability,
                version,
                change_reason,
                module,
                owner_team,
                created_by,
                approved_by,
                approved_at,
                child,
                parent,
                relationship_type,
                enforcement,
                cardinality,
                is_required: flags9[0],
                enforce_child_unique: flags9[1],
                match_type,
                deferrable: flags9[2] || flags9[3],
                initially_deferred: flags9[3],
                on_delete,
                on_update,
                create_child_index: flags9[4],
                child_index_name,
                child_index_method,
                create_parent_index: flags9[5],
                tenant_scope_column,
                require_tenant_match: flags9[6],
                lineage,
                generator_flags,
                notes,
                created_at,
                updated_at,
            }
        })
}

/// A registry of up to a few dozen entries of every kind, valid against the registry DDL.
pub fn registry() -> impl Strategy<Value = Registry> {
    (
        btree_set("[a-z_]{1,10}", 0..6),
        0usize..12,
        btree_set("[a-z_]{1,10}", 0..6),
        vec((text(), option::of("#[0-9A-F]{6}"), opt_text()), 0..3),
        vec((text(), text(), vec((text(), opt_text()), 0..3)), 0..2),
        vec((text(), text(), -1000.0f64..1000.0, -1000.0f64..1000.0), 0..3),
        vec(kept(), 0..3),
    )
        .prop_flat_map(|(table_names, signal_count, keys, modules, enums, pins, kept)| {
            let tables: Vec<_> = table_names.into_iter().map(table).collect();
            let signals: Vec<_> = (0..signal_count).map(signal).collect();
            let relationships: Vec<_> = keys.into_iter().map(relationship).collect();
            (tables, signals, relationships, Just((modules, enums, pins, kept)))
        })
        .prop_map(|(tables, mut signals, relationships, (modules, enums, pins, kept))| {
            // A column's spec lives with its table's extras: only a column of a registered table
            // has one to keep.
            let registered: std::collections::HashSet<TableRef> = tables.iter().map(Table::table_ref).collect();
            for s in &mut signals {
                if !s.table.as_ref().is_some_and(|t| registered.contains(t)) {
                    s.spec = ColumnSpec::default();
                }
            }
            (tables, signals, relationships, (modules, enums, pins, kept))
        })
        .prop_map(|(tables, signals, relationships, (modules, enums, pins, kept))| Registry {
            // Table names are unique but schemas are random: force one schema per name.
            tables,
            signals,
            relationships,
            modules: modules.into_iter().map(|(name, color, note)| Module { name, color, note }).collect(),
            enums: enums
                .into_iter()
                .map(|(schema, name, values)| EnumType { schema, name, values: values.into_iter().map(|(name, note)| EnumValue { name, note }).collect() })
                .collect(),
            pins: pins.into_iter().map(|(schema, table, x, y)| Pin { table: TableRef { schema, table }, x, y }).collect(),
            kept,
            ..Registry::default()
        })
}
