//! Each check, triggered exactly once by one edit of a clean fixture; the exact
//! `(code, key, field)` set is asserted, and every message is kept in `tests/data/` so that a
//! change of wording shows in review.

use expect_test::expect_file;
use relata_model::mermaid::{MermaidEnd, MermaidLine};
use relata_model::{AvailabilityStatus, Cardinality, ReferentialAction, Registry, RowType, TableStatus};

use crate::builder::*;
use crate::{run, triples};

/// One edit of a clean fixture and the findings it must cause, as `(code, key, field)`.
struct Case {
    name: &'static str,
    edit: fn(&mut Registry),
    expect: &'static [(&'static str, &'static str, Option<&'static str>)],
}

const LONG: &str = "a_column_name_long_enough_that_generated_names_overflow_it";
const LONG_COUNTRY: &str = "fact_emission__a_column_name_long_enough_that_generated_names_overflow_it__dim_country";
const TOO_LONG: &str = "a_name_of_seventy_bytes_which_postgresql_would_silently_cut_at_63_bytes";

const ZAYAZ: &[Case] = &[
    Case {
        name: "missing prefix",
        edit: |r| table_mut(r, "core_metadata.ref_compute_method_registry").prefix = None,
        expect: &[("R101", "core_metadata.ref_compute_method_registry", Some("table_prefix"))],
    },
    Case {
        name: "unknown prefix",
        edit: |r| {
            r.tables.push(table("core_data", "xyz_things", Some("xyz_"), "Emissions", &[]));
            r.signals.push(column("core_data", "xyz_things", "thing", 1, "text", true));
        },
        expect: &[("R101", "core_data.xyz_things", Some("table_prefix"))],
    },
    Case {
        name: "prefix in the wrong schema",
        edit: |r| {
            r.tables.push(table("core_data", "ref_units", Some("ref_"), "Emissions", &[]));
            r.signals.push(column("core_data", "ref_units", "unit_code", 1, "text", false));
        },
        expect: &[("R102", "core_data.ref_units", Some("schema_name"))],
    },
    Case {
        name: "lakehouse schemas accept any prefix",
        edit: |r| {
            r.tables.push(table("silver", "ref_units", Some("ref_"), "Emissions", &[]));
            r.signals.push(column("silver", "ref_units", "unit_code", 1, "text", false));
        },
        expect: &[],
    },
    Case {
        name: "prefix column disagrees with the name",
        edit: |r| {
            r.tables.push(table("core_metadata", "units_ref", Some("ref_"), "Emissions", &[]));
            r.signals.push(column("core_metadata", "units_ref", "unit_code", 1, "text", false));
        },
        expect: &[("R103", "core_metadata.units_ref", Some("table_prefix"))],
    },
    Case {
        name: "table without columns",
        edit: |r| r.tables.push(table("core_metadata", "ref_units", Some("ref_"), "Emissions", &["unit_code"])),
        expect: &[("R104", "core_metadata.ref_units", None)],
    },
    Case {
        name: "duplicate table",
        edit: |r| {
            let mut twin = table_mut(r, "core_dim.dim_country").clone();
            twin.id = relata_model::TableId::parse("00000000-0000-4000-8000-00000000beef").unwrap();
            r.tables.push(twin);
        },
        expect: &[("R105", "core_dim.dim_country", Some("table_name"))],
    },
    Case {
        name: "unregistered primary key column",
        edit: |r| table_mut(r, "core_relations.rl_emission_country").primary_key.push("position".into()),
        expect: &[("R106", "core_relations.rl_emission_country", Some("primary_key_columns"))],
    },
    Case {
        name: "unregistered index column (expressions skipped)",
        edit: |r| {
            let idx = index(None, &["missing_col", "expr:date_trunc('day', recorded_at)"], false);
            table_mut(r, "core_data.fact_emission").indexes.push(idx);
        },
        expect: &[("R107", "core_data.fact_emission", Some("indexes"))],
    },
    Case {
        name: "unregistered unique constraint column",
        edit: |r| table_mut(r, "core_dim.dim_country").unique_constraints[0].columns.push("iso_alpha3".into()),
        expect: &[("R107", "core_dim.dim_country", Some("unique_constraints"))],
    },
    Case {
        name: "module without colour",
        edit: |r| r.modules[1].color = None,
        expect: &[("R108", "module:Emissions", Some("color"))],
    },
    Case {
        name: "undeclared module",
        edit: |r| r.modules.truncate(1),
        expect: &[("R108", "module:Emissions", Some("color"))],
    },
    Case {
        name: "explicit unique constraint name over 63 bytes",
        edit: |r| table_mut(r, "core_dim.dim_country").unique_constraints[0].name = Some(format!("uq_{TOO_LONG}")),
        expect: &[("R109", "core_dim.dim_country", Some("unique_constraints"))],
    },
    Case {
        name: "generated index name over 63 bytes: a warning, exports shorten it",
        edit: |r| {
            r.signals.push(column("core_data", "fact_emission", LONG, 7, "text", true));
            table_mut(r, "core_data.fact_emission").indexes.push(index(None, &[LONG], false));
        },
        expect: &[("R317", "core_data.fact_emission", Some("indexes"))],
    },
    Case {
        name: "explicit index name over 63 bytes",
        edit: |r| {
            r.signals.push(column("core_data", "fact_emission", "note", 7, "text", true));
            table_mut(r, "core_data.fact_emission").indexes.push(index(Some(&format!("idx_{TOO_LONG}")), &["note"], false));
        },
        expect: &[("R109", "core_data.fact_emission", Some("indexes"))],
    },
    Case {
        name: "table name over 63 bytes",
        edit: |r| {
            let name = format!("ref_{TOO_LONG}");
            r.tables.push(table("core_metadata", &name, Some("ref_"), "Emissions", &[]));
            r.signals.push(column("core_metadata", &name, "unit_code", 1, "text", false));
        },
        expect: &[(
            "R110",
            "core_metadata.ref_a_name_of_seventy_bytes_which_postgresql_would_silently_cut_at_63_bytes",
            Some("table_name"),
        )],
    },
    Case {
        name: "signal of an unknown table",
        edit: |r| r.signals.push(column("core_data", "fact_missing", "x", 1, "text", true)),
        expect: &[("R201", "core_data.fact_missing.x", Some("table_name"))],
    },
    Case {
        name: "duplicate signal",
        edit: |r| {
            let mut twin = column("core_dim", "dim_country", "country_name", 3, "text", false);
            twin.id = relata_model::SignalId::parse("00000000-0000-4000-8000-00000000beef").unwrap();
            r.signals.push(twin);
        },
        expect: &[("R202", "core_dim.dim_country.country_name", Some("column_name"))],
    },
    Case {
        name: "ordinal gap",
        edit: |r| signal_mut(r, "core_dim.dim_country.country_name").ordinal = Some(3),
        expect: &[("R203", "core_dim.dim_country.country_name", Some("ordinal_position"))],
    },
    Case {
        name: "ordinal used twice",
        edit: |r| signal_mut(r, "core_dim.dim_country.country_name").ordinal = Some(1),
        expect: &[("R203", "core_dim.dim_country.country_name", Some("ordinal_position"))],
    },
    Case {
        name: "binding of an unknown concept",
        edit: |r| signal_mut(r, "core_data.fact_emission.amount").concept = Some("emission_amount".into()),
        expect: &[("R204", "core_data.fact_emission.amount", Some("concept_name"))],
    },
    Case {
        name: "unused concept",
        edit: |r| r.signals.push(concept("unused_metric", "numeric")),
        expect: &[("R205", "concept:unused_metric", Some("column_name"))],
    },
    Case {
        name: "unknown data type",
        edit: |r| signal_mut(r, "core_dim.dim_country.country_name").data_type = "strng".into(),
        expect: &[("R206", "core_dim.dim_country.country_name", Some("data_type"))],
    },
    Case {
        name: "a domain the workspace keeps is a known data type",
        edit: |r| {
            signal_mut(r, "core_dim.dim_country.country_name").data_type = "core_dim.country_code".into();
            r.kept.push(relata_model::KeptObject {
                kind: relata_model::KeptKind::Domain,
                schema: Some("core_dim".into()),
                name: "country_code".into(),
                on: None,
                sql: "CREATE DOMAIN core_dim.country_code AS char(2)".into(),
                search_path: Vec::new(),
            });
        },
        expect: &[],
    },
    Case {
        name: "an extension's type is a known data type",
        edit: |r| {
            signal_mut(r, "core_dim.dim_country.country_name").data_type = "citext".into();
            r.kept.push(relata_model::KeptObject {
                kind: relata_model::KeptKind::Extension,
                schema: None,
                name: "citext".into(),
                on: None,
                sql: "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public".into(),
                search_path: Vec::new(),
            });
        },
        expect: &[],
    },
    Case {
        name: "column name over 63 bytes",
        edit: |r| r.signals.push(column("core_dim", "dim_country", TOO_LONG, 3, "text", true)),
        expect: &[(
            "R207",
            "core_dim.dim_country.a_name_of_seventy_bytes_which_postgresql_would_silently_cut_at_63_bytes",
            Some("column_name"),
        )],
    },
    Case {
        name: "relationship to an unknown table",
        edit: |r| {
            r.relationships.push(relationship(
                "core_data.fact_emission",
                &["country_code"],
                "core_dim.dim_region",
                &["region_code"],
                "Emissions",
            ))
        },
        expect: &[("R301", "fact_emission__country_code__dim_region", Some("parent_table"))],
    },
    Case {
        name: "relationship from an unknown column",
        edit: |r| {
            r.relationships.push(relationship(
                "core_data.fact_emission",
                &["region_code"],
                "core_dim.dim_country",
                &["country_code"],
                "Emissions",
            ))
        },
        expect: &[("R302", "fact_emission__region_code__dim_country", Some("child_columns"))],
    },
    Case {
        name: "incompatible column types",
        edit: |r| {
            r.relationships.push(relationship(
                "core_data.fact_emission",
                &["amount"],
                "core_dim.dim_country",
                &["country_code"],
                "Emissions",
            ))
        },
        expect: &[("R303", "fact_emission__amount__dim_country", Some("child_columns"))],
    },
    Case {
        name: "integer against bigint",
        edit: |r| {
            signal_mut(r, "core_dim.dim_country.country_code").data_type = "integer".into();
            signal_mut(r, "core_data.fact_emission.country_code").data_type = "int4".into();
            signal_mut(r, "core_relations.rl_emission_country.country_code").data_type = "bigint".into();
        },
        expect: &[("R316", BRIDGE_COUNTRY, Some("child_columns"))],
    },
    Case {
        name: "child and parent columns with different collations",
        edit: |r| signal_mut(r, "core_dim.dim_country.country_code").spec.collation = Some("\"C\"".into()),
        expect: &[
            ("R318", EMISSION_COUNTRY, Some("child_columns")),
            ("R318", BRIDGE_COUNTRY, Some("child_columns")),
        ],
    },
    Case {
        name: "a child column that is an identity column",
        edit: |r| {
            signal_mut(r, "core_relations.rl_emission_country.country_code").spec.identity =
                Some(relata_model::Identity { always: true, options: None })
        },
        expect: &[("R319", BRIDGE_COUNTRY, Some("child_columns"))],
    },
    Case {
        name: "many:many without an rl_ table",
        edit: |r| relationship_mut(r, EMISSION_METHOD).cardinality = Some(Cardinality::ManyToMany),
        expect: &[("R304", EMISSION_METHOD, Some("cardinality"))],
    },
    Case {
        name: "new dependency on a draft table",
        edit: |r| {
            table_mut(r, "core_dim.dim_country").status = TableStatus::Draft;
            relationship_mut(r, EMISSION_COUNTRY).availability = AvailabilityStatus::Draft;
        },
        expect: &[("R305", EMISSION_COUNTRY, Some("parent_table"))],
    },
    Case {
        name: "active dependency on a deprecated table",
        edit: |r| table_mut(r, "core_metadata.ref_compute_method_registry").status = TableStatus::Deprecated,
        expect: &[("R305", EMISSION_METHOD, Some("parent_table"))],
    },
    Case {
        name: "duplicate relationship_key",
        edit: |r| {
            let mut twin = relationship_mut(r, EMISSION_METHOD).clone();
            twin.id = relata_model::RelationshipId::parse("00000000-0000-4000-8000-00000000beef").unwrap();
            r.relationships.push(twin);
        },
        expect: &[("R306", EMISSION_METHOD, Some("relationship_key"))],
    },
    Case {
        name: "relationship_key not deterministic",
        edit: |r| relationship_mut(r, EMISSION_METHOD).key = "emission_method".into(),
        expect: &[("R307", "emission_method", Some("relationship_key"))],
    },
    Case {
        name: "explicit constraint_name over 63 bytes",
        edit: |r| relationship_mut(r, EMISSION_METHOD).constraint_name = Some(format!("fk_{TOO_LONG}")),
        expect: &[("R308", EMISSION_METHOD, Some("constraint_name"))],
    },
    Case {
        name: "explicit child_index_name over 63 bytes",
        edit: |r| relationship_mut(r, EMISSION_COUNTRY).child_index_name = Some(format!("idx_{TOO_LONG}")),
        expect: &[("R308", EMISSION_COUNTRY, Some("child_index_name"))],
    },
    Case {
        name: "generated foreign key and child index names over 63 bytes",
        edit: |r| {
            r.signals.push(column("core_data", "fact_emission", LONG, 7, "char(2)", true));
            r.relationships.push(relationship("core_data.fact_emission", &[LONG], "core_dim.dim_country", &["country_code"], "Emissions"));
        },
        expect: &[
            ("R317", LONG_COUNTRY, Some("child_index_name")),
            ("R317", LONG_COUNTRY, Some("constraint_name")),
        ],
    },
    Case {
        name: "cycle of required foreign keys",
        edit: |r| {
            r.signals.push(column("core_metadata", "ref_compute_method_registry", "emission_id", 4, "uuid", false));
            r.relationships.push(relationship(
                "core_metadata.ref_compute_method_registry",
                &["emission_id"],
                "core_data.fact_emission",
                &["emission_id"],
                "Emissions",
            ));
        },
        expect: &[("R309", EMISSION_METHOD, Some("deferrable"))],
    },
    Case {
        name: "a deferrable edge breaks the cycle",
        edit: |r| {
            r.signals.push(column("core_metadata", "ref_compute_method_registry", "emission_id", 4, "uuid", false));
            let mut back = relationship(
                "core_metadata.ref_compute_method_registry",
                &["emission_id"],
                "core_data.fact_emission",
                &["emission_id"],
                "Emissions",
            );
            back.deferrable = true;
            back.initially_deferred = true;
            r.relationships.push(back);
        },
        expect: &[],
    },
    Case {
        name: "empty child columns",
        edit: |r| relationship_mut(r, EMISSION_METHOD).child.columns.clear(),
        expect: &[("R310", EMISSION_METHOD, Some("child_columns"))],
    },
    Case {
        name: "column counts differ",
        edit: |r| relationship_mut(r, EMISSION_METHOD).parent.columns.push("method_name".into()),
        expect: &[("R311", EMISSION_METHOD, Some("parent_columns"))],
    },
    Case {
        name: "initially deferred without deferrable",
        edit: |r| relationship_mut(r, EMISSION_METHOD).initially_deferred = true,
        expect: &[("R312", EMISSION_METHOD, Some("initially_deferred"))],
    },
    Case {
        name: "set_null on a NOT NULL column",
        edit: |r| relationship_mut(r, EMISSION_METHOD).on_update = ReferentialAction::SetNull,
        expect: &[("R313", EMISSION_METHOD, Some("on_update"))],
    },
    Case {
        name: "parent columns not unique",
        edit: |r| {
            table_mut(r, "core_dim.dim_country").unique_constraints.clear();
            relationship_mut(r, EMISSION_COUNTRY).parent.columns = vec!["country_name".into()];
        },
        expect: &[("R314", EMISSION_COUNTRY, Some("parent_columns"))],
    },
    Case {
        name: "a plain unique index makes parent columns unique",
        edit: |r| {
            let dim = table_mut(r, "core_dim.dim_country");
            dim.unique_constraints.clear();
            dim.indexes.push(index(None, &["country_name"], true));
            relationship_mut(r, EMISSION_COUNTRY).parent.columns = vec!["country_name".into()];
        },
        expect: &[],
    },
    Case {
        name: "a diagram line that says no join columns",
        // `dim_country ||--o{ fact_emission`: the "many" end is the child that would hold the
        // columns, whichever side it is written on; a line that is a relationship is no finding.
        edit: |r| {
            let (country, emission) = (table_ref("core_dim.dim_country"), table_ref("core_data.fact_emission"));
            let id = relationship_mut(r, EMISSION_COUNTRY).id;
            r.mermaid.lines.push(line(None, &country, &emission, MermaidEnd::ExactlyOne, MermaidEnd::ZeroOrMore, "reported in"));
            r.mermaid.lines.push(line(None, &emission, &country, MermaidEnd::OneOrMore, MermaidEnd::ZeroOrOne, ""));
            r.mermaid.lines.push(line(Some(id), &country, &emission, MermaidEnd::ExactlyOne, MermaidEnd::ZeroOrMore, "has"));
        },
        expect: &[("R320", "core_data.fact_emission", Some("mermaid_lines")), ("R320", "core_data.fact_emission", Some("mermaid_lines"))],
    },
    Case {
        name: "a one-to-one diagram line points at its right table",
        edit: |r| {
            let (country, emission) = (table_ref("core_dim.dim_country"), table_ref("core_data.fact_emission"));
            r.mermaid.lines.push(line(None, &emission, &country, MermaidEnd::ExactlyOne, MermaidEnd::ZeroOrOne, "one"));
        },
        expect: &[("R320", "core_dim.dim_country", Some("mermaid_lines"))],
    },
    Case {
        name: "relationship of an unknown module",
        edit: |r| relationship_mut(r, EMISSION_METHOD).module = "Billing".into(),
        expect: &[("R315", EMISSION_METHOD, Some("module_name"))],
    },
];

const CONVENTIONAL: &[Case] = &[
    Case {
        name: "singular table name",
        edit: |r| {
            r.tables.push(table("public", "audit_log", None, "Identity", &["id"]));
            for (i, (c, ty)) in
                [("id", "uuid"), ("created_at", "timestamptz"), ("updated_at", "timestamptz")].iter().enumerate()
            {
                r.signals.push(column("public", "audit_log", c, i as u32 + 1, ty, false));
            }
        },
        expect: &[("R401", "public.audit_log", Some("table_name"))],
    },
    Case {
        name: "natural primary key",
        edit: |r| table_mut(r, "public.users").primary_key = vec!["email".into()],
        expect: &[("R402", "public.users", Some("primary_key_columns"))],
    },
    Case {
        name: "id of the wrong type",
        edit: |r| signal_mut(r, "public.users.id").data_type = "bigint".into(),
        expect: &[("R402", "public.users.id", Some("data_type"))],
    },
    Case {
        name: "foreign key column not {singular}_id",
        edit: |r| {
            r.signals.push(column("public", "users", "tenant_ref", 7, "uuid", true));
            r.relationships.push(relationship("public.users", &["tenant_ref"], "public.tenants", &["id"], "Identity"));
        },
        expect: &[("R403", "users__tenant_ref__tenants", Some("child_columns"))],
    },
    Case {
        name: "role-qualified foreign key column",
        edit: |r| {
            r.signals.push(column("public", "users", "home_tenant_id", 7, "uuid", true));
            r.relationships.push(relationship(
                "public.users",
                &["home_tenant_id"],
                "public.tenants",
                &["id"],
                "Identity",
            ));
        },
        expect: &[],
    },
    Case {
        name: "index name without idx_{table}_",
        edit: |r| table_mut(r, "public.users").indexes[1].name = Some("users_tenant_idx".into()),
        expect: &[("R404", "public.users", Some("indexes"))],
    },
    Case {
        name: "unique constraint name without uq_{table}_",
        edit: |r| table_mut(r, "public.roles").unique_constraints[0].name = Some("roles_name_key".into()),
        expect: &[("R404", "public.roles", Some("unique_constraints"))],
    },
    Case {
        name: "child index name without idx_{child_table}_",
        edit: |r| relationship_mut(r, USER_TENANT).child_index_name = Some("tenant_fk_idx".into()),
        expect: &[("R404", USER_TENANT, Some("child_index_name"))],
    },
    Case {
        name: "missing updated_at",
        edit: |r| {
            r.signals
                .retain(|s| !(s.column == "updated_at" && s.table.as_ref().is_some_and(|t| t.table == "permissions")))
        },
        expect: &[("R405", "public.permissions", None)],
    },
    Case {
        name: "many:many without a junction table",
        edit: |r| {
            r.signals.push(column("public", "users", "role_id", 7, "uuid", true));
            let mut direct = relationship("public.users", &["role_id"], "public.roles", &["id"], "Identity");
            direct.cardinality = Some(Cardinality::ManyToMany);
            r.relationships.push(direct);
        },
        expect: &[("R304", "users__role_id__roles", Some("cardinality"))],
    },
    Case {
        name: "prefix rules are off",
        edit: |r| table_mut(r, "public.users").prefix = Some("mod_".into()),
        expect: &[],
    },
];

fn run_cases(preset: &str, clean: fn() -> Registry, cases: &[Case]) -> String {
    let mut failures = Vec::new();
    let mut messages = String::new();
    for case in cases {
        let mut registry = clean();
        (case.edit)(&mut registry);
        let found = run(&registry, preset);
        let got = triples(&found);
        let want: Vec<_> = case.expect.iter().map(|(c, k, f)| (*c, (*k).to_owned(), f.map(str::to_owned))).collect();
        if got != want {
            failures.push(format!(
                "{}:\n  want {want:?}\n  got  {got:?}\n  {}",
                case.name,
                found.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n  ")
            ));
        }
        messages.push_str(&format!("# {}\n", case.name));
        for d in &found {
            messages.push_str(&format!("{d}\n"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    messages
}

#[test]
fn clean_zayaz_registry_has_no_findings() {
    assert_eq!(run(&zayaz_clean(), "zayaz"), []);
}

#[test]
fn clean_conventional_registry_has_no_findings() {
    assert_eq!(run(&conventional_clean(), "conventional"), []);
}

#[test]
fn each_zayaz_check_fires_once() {
    let messages = run_cases("zayaz", zayaz_clean, ZAYAZ);
    expect_file!["../data/zayaz_messages.txt"].assert_eq(&messages);
}

#[test]
fn each_conventional_check_fires_once() {
    let messages = run_cases("conventional", conventional_clean, CONVENTIONAL);
    expect_file!["../data/conventional_messages.txt"].assert_eq(&messages);
}

#[test]
fn every_code_is_exercised() {
    // A check nobody can trigger is a check nobody tested.
    let mut covered: Vec<&str> =
        ZAYAZ.iter().chain(CONVENTIONAL).flat_map(|c| c.expect.iter().map(|(code, ..)| *code)).collect();
    covered.sort();
    covered.dedup();
    let all: Vec<&str> = relata_rules::codes::CODES.iter().map(|(c, ..)| *c).collect();
    assert_eq!(covered, all);
}

#[test]
fn conventional_fixture_breaks_zayaz_prefix_rules() {
    // The same registry, judged by the other preset: no prefixes, schema `public`.
    let found = run(&conventional_clean(), "zayaz");
    let r101 = found.iter().filter(|d| d.code == "R101").count();
    assert_eq!(r101, 5, "{found:#?}");
    assert!(found.iter().all(|d| !d.code.starts_with("R4")));
}

#[test]
fn zayaz_fixture_breaks_conventional_naming() {
    let found = run(&zayaz_clean(), "conventional");
    let codes: std::collections::BTreeSet<&str> = found.iter().map(|d| d.code).collect();
    assert!(codes.contains("R401") && codes.contains("R402") && codes.contains("R405"), "{codes:?}");
    assert!(!codes.contains("R101") && !codes.contains("R102") && !codes.contains("R103"));
}

#[test]
fn concept_rows_are_not_columns() {
    // A concept row that names a table must not count as a column of it.
    let mut r = zayaz_clean();
    let mut c = concept("method_id_v2", "uuid");
    c.table = Some(relata_model::TableRef::new("core_metadata", "ref_units"));
    r.signals.push(c);
    r.tables.push(table("core_metadata", "ref_units", Some("ref_"), "Emissions", &[]));
    let found = run(&r, "zayaz");
    assert_eq!(
        triples(&found),
        [
            ("R104", "core_metadata.ref_units".to_owned(), None),
            ("R205", "core_metadata.ref_units.method_id_v2".to_owned(), Some("column_name".to_owned())),
        ]
    );
    assert!(r.signals.iter().any(|s| s.row_type == RowType::Concept));
}

/// `schema.table` as a `TableRef`.
fn table_ref(key: &str) -> relata_model::TableRef {
    let (schema, table) = key.split_once('.').unwrap();
    relata_model::TableRef::new(schema, table)
}

/// A Mermaid line from `left` to `right`, `--`, labelled `label`.
fn line(
    relationship: Option<relata_model::RelationshipId>,
    left: &relata_model::TableRef,
    right: &relata_model::TableRef,
    left_end: MermaidEnd,
    right_end: MermaidEnd,
    label: &str,
) -> MermaidLine {
    MermaidLine { relationship, left: left.clone(), right: right.clone(), left_end, right_end, identifying: true, label: label.into() }
}
