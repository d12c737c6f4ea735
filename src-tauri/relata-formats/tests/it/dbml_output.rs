//! What the DBML export looks like (expect-test snapshots reviewers read: the seed's own
//! compute-method example and the adversarial registry). Determinism: `exports.rs`.

use expect_test::expect;
use relata_formats::dbml::Dbml;
use relata_formats::export::ExportOptions;
use relata_codec::folder;
use relata_model::generate::adversarial;

use crate::{read_folder, registries_dir};

#[test]
fn seed_compute_method_example() {
    // The module of seed 000 section 12's DBML example, exported back to DBML.
    let (registry, _) = folder::parse(&read_folder(
        &registries_dir().join("zayaz-compute-methods"),
    ));
    let options = ExportOptions {
        modules: vec!["Compute Method Registry".into()],
        ..ExportOptions::default()
    };
    expect![[r#"
        // Exported by Relata from the registries: 3 tables, 2 relationships.

        Project zayaz_core {
          database_type: 'PostgreSQL'
        }

        TableGroup "Compute Method Registry" [color: #011B4E, note: 'ZAYAZ compute method versioning: the method-version catalogue, the latest-version pointer and the execution facts (seed 000, section 12, TableGroup of the DBML example).'] {
          core_engine.fact_compute_executions
          core_metadata.ref_compute_method_latest
          core_metadata.ref_compute_method_registry
        }

        Table core_engine.fact_compute_executions {
          exec_id varchar [pk, note: 'Execution identifier']
          method_id varchar [note: 'Executed method']
          version varchar [note: 'Executed method version']
          tenant_id varchar [note: 'Tenant the execution ran for']
          inputs_hash varchar [note: 'Hash of the execution inputs']
          options_hash varchar [note: 'Hash of the execution options']
          output_hash varchar [note: 'Hash of the execution output']
          dataset_hashes text [note: 'Hashes of the datasets the execution used']
          provenance_id varchar [note: 'Identifier of the execution\'s provenance record']
          latency_ms integer [note: 'Execution latency in milliseconds']
          status varchar [note: 'Outcome status of the execution']
          error_code varchar [note: 'Error code when the execution failed']
          created_at timestamp [note: 'When the execution was recorded (DBML datetime)']
          region varchar [note: 'Region the execution ran in']
          storage_ref varchar [note: 'Where the execution output is stored']
          caller_ip varchar [note: 'IP address of the caller']

          indexes {
            (method_id, version) [name: 'idx_fact_compute_executions_method_id_version']
            (tenant_id) [name: 'idx_fact_compute_executions_tenant_id']
            (created_at) [name: 'idx_fact_compute_executions_created_at']
          }

          Note: '''
            One row per execution of a compute method-version: tenant, input/option/output hashes, provenance, latency, outcome and where the output is stored.

            From the DBML example of seed 000 section 12. Types mapped to PostgreSQL: DBML varchar -> varchar (no length given), datetime -> timestamp (without time zone), json -> json, int -> integer, text -> text. DBML declares no NOT NULL, so only primary-key columns are non-nullable; no defaults are given. Connection types are seen from the compute engine, which reads the method catalogue and writes execution facts. Schema core_engine (not core_data): executions are engine computation records. Index names were not given by the DBML and follow idx_{table}_{columns}.'''
        }

        Table core_metadata.ref_compute_method_latest {
          method_id varchar [note: 'Method whose latest version this row designates']
          version varchar [note: 'The latest version of the method']
          updated_at timestamp [note: 'When the pointer last moved (DBML datetime)']
          "note" text [note: 'Free-text note on the pointer']

          indexes {
            (method_id) [unique, name: 'uq_ref_compute_method_latest_method_id', note: 'One row per method_id (designates the latest version)']
          }

          Note: '''
            Latest-version pointer: one row per method_id designating its latest version.

            From the DBML example of seed 000 section 12. Types mapped to PostgreSQL: DBML varchar -> varchar (no length given), datetime -> timestamp (without time zone), json -> json, int -> integer, text -> text. DBML declares no NOT NULL, so only primary-key columns are non-nullable; no defaults are given. Connection types are seen from the compute engine, which reads the method catalogue and writes execution facts. No primary key in the source; the unique index on method_id keeps one row per method.'''
        }

        Table core_metadata.ref_compute_method_registry {
          method_id varchar [not null, note: 'Method identifier; first part of the method-version key']
          version varchar [not null, note: 'Method version; second part of the method-version key']
          method_name varchar [note: 'Human-readable method name']
          status varchar [note: 'Lifecycle status of the method-version']
          description text [note: 'What the method computes']
          inputs_schema_json json [note: 'JSON schema of the method\'s inputs']
          options_schema_json json [note: 'JSON schema of the method\'s options']
          output_schema_json json [note: 'JSON schema of the method\'s output']
          implementation_ref varchar [note: 'Reference to the implementation that runs the method']
          dataset_requirements text [note: 'Datasets the method needs']
          acl_tags varchar [note: 'Access-control tags']
          created_at timestamp [note: 'When the method-version was registered (DBML datetime)']
          updated_at timestamp [note: 'When the method-version was last changed (DBML datetime)']

          indexes {
            (method_id, version) [pk]
          }

          Note: '''
            Catalogue of compute methods: one row per method-version, with input, option and output schemas and the implementation reference.

            From the DBML example of seed 000 section 12. Types mapped to PostgreSQL: DBML varchar -> varchar (no length given), datetime -> timestamp (without time zone), json -> json, int -> integer, text -> text. DBML declares no NOT NULL, so only primary-key columns are non-nullable; no defaults are given. Connection types are seen from the compute engine, which reads the method catalogue and writes execution facts. Composite primary key (method_id, version): the canonical identity of a method-version.'''
        }

        // Relationships (relationship_registry)

        // Execution -> Registry method-version (many-to-one). DBML: Ref: fact_compute_executions.(method_id, version) > ref_compute_method_registry.(method_id, version). The DBML columns are nullable, so the relationship is optional.
        Ref: core_engine.fact_compute_executions.(method_id, version) > core_metadata.ref_compute_method_registry.(method_id, version) [delete: restrict, update: restrict]

        // Latest pointer -> Registry method-version (many-to-one in relational terms). DBML: Ref: ref_compute_method_latest.(method_id, version) > ref_compute_method_registry.(method_id, version). The DBML columns are nullable, so the relationship is optional.
        Ref: core_metadata.ref_compute_method_latest.(method_id, version) > core_metadata.ref_compute_method_registry.(method_id, version) [delete: restrict, update: restrict]
    "#]].assert_eq(&Dbml::new(&registry, &options).to_string());
}

#[test]
fn adversarial_names_and_notes() {
    let options = ExportOptions {
        include_inactive: true,
        ..ExportOptions::default()
    };
    expect![[r#"
        // Exported by Relata from the registries: 4 tables, 5 relationships.

        Project generated {
          database_type: 'PostgreSQL'
        }

        Enum "Sales Dept"."order state" {
          "new"
          "it's shipped" [note: 'A quote in a value.']
          "Ünpaid"
        }

        TableGroup "Sales & \"Ops\"" [color: #B03A48, note: 'Quotes "double" and \'single\', a backslash \\ and\na second line.'] {
          "Sales Dept".order
        }

        TableGroup "naïve module" {
          "naïve schema".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents
          "naïve schema".bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child
        }

        TableGroup order [color: #2E8B57] {
          order.user
        }

        Table "Sales Dept".order {
          "Order ID" integer [pk, note: 'Primary key part.']
          user text [default: 'anonymous', note: 'Who placed it; the column is named `user`.']
          timestamp "timestamp with time zone" [not null, default: `now()`, note: 'A column named like a type.']
          text text [note: 'Another one: text text.']
          amount numeric(12,2) [not null, default: 0, note: 'Decimal with precision and scale, which Mermaid\'s grammar rejects as written.']
          "user select" bigint [not null, note: 'FK to order.user.']
          state "Sales Dept"."order state" [not null, default: 'new', note: 'An enum-typed column.']

          indexes {
            (user, timestamp) [unique]
            (`lower("text")`) [note: 'An expression index with a predicate.\nwhere: "text" IS NOT NULL']
          }

          Note: '''
            The customer's "order" header.
            Second line with a backslash \\.'''
        }

        Table "naïve schema".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents {
          tenant uuid [not null, note: 'Primary key part.']
          code varchar(32) [not null, note: 'Primary key part.']
          "表" text [default: 'n/a', note: 'A CJK column name.']

          indexes {
            (tenant, code) [pk]
          }

          Note: 'A 63-byte table name with a composite key.'
        }

        Table "naïve schema".bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child {
          id uuid [pk, note: 'Primary key part.']
          cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc_id uuid [not null, note: 'A 63-byte column name.']
          "parent code" varchar(32) [not null]

          indexes {
            (cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc_id) [type: hash]
          }
        }

        Table order.user {
          select bigint [pk, note: 'Primary key part.']
          "O'Brien \"nick\"" varchar(80) [note: 'Quotes in a column name.']
          "größe" real [note: 'Unicode: größe, 表, emoji-free.']
          "manager select" bigint [note: 'Self-reference to user.']
          "last order" integer [note: 'Closes a cycle with "order".']

          Note: 'A reserved word in a reserved-word schema.'
        }

        // Relationships (relationship_registry)

        // Order → "user"; it's the main FK.
        Ref: "Sales Dept".order."user select" > order.user.select [delete: cascade, update: restrict]

        // derives_from, logical, doc_only
        Ref: "naïve schema".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents."表" <> "Sales Dept".order.text [color: #8E44AD]

        // match full
        Ref: "naïve schema".bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child.(cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc_id, "parent code") - "naïve schema".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents.(tenant, code) [delete: restrict, update: cascade]

        // deferrable initially deferred
        Ref: order.user."last order" > "Sales Dept".order."Order ID" [delete: set null, update: restrict]

        Ref: order.user."manager select" > order.user.select [delete: set null, update: restrict]
    "#]].assert_eq(&Dbml::new(&adversarial(), &options).to_string());
}
