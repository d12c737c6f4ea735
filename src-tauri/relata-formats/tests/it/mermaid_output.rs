//! What the Mermaid erDiagram export looks like (expect-test snapshots reviewers read: the seed's own
//! compute-method example and the adversarial registry), and that it is deterministic.

use expect_test::expect;
use relata_formats::export::ExportOptions;
use relata_codec::folder;
use relata_formats::mermaid::Mermaid;
use relata_model::generate::adversarial;

use crate::{read_folder, registries_dir};

#[test]
fn seed_compute_method_example() {
    // The module of seed 000 section 12's DBML example, as a Mermaid erDiagram.
    let (registry, _) = folder::parse(&read_folder(
        &registries_dir().join("zayaz-compute-methods"),
    ));
    let options = ExportOptions {
        modules: vec!["Compute Method Registry".into()],
        ..ExportOptions::default()
    };
    expect![[r#"
        erDiagram
          core_engine__fact_compute_executions["core_engine.fact_compute_executions"] {
            varchar exec_id PK "Execution identifier"
            varchar method_id FK "Executed method"
            varchar version FK "Executed method version"
            varchar tenant_id "Tenant the execution ran for"
            varchar inputs_hash "Hash of the execution inputs"
            varchar options_hash "Hash of the execution options"
            varchar output_hash "Hash of the execution output"
            text dataset_hashes "Hashes of the datasets the execution used"
            varchar provenance_id "Identifier of the execution's provenance record"
            integer latency_ms "Execution latency in milliseconds"
            varchar status "Outcome status of the execution"
            varchar error_code "Error code when the execution failed"
            timestamp created_at "When the execution was recorded (DBML datetime)"
            varchar region "Region the execution ran in"
            varchar storage_ref "Where the execution output is stored"
            varchar caller_ip "IP address of the caller"
          }
          core_metadata__ref_compute_method_latest["core_metadata.ref_compute_method_latest"] {
            varchar method_id FK "Method whose latest version this row designates"
            varchar version FK "The latest version of the method"
            timestamp updated_at "When the pointer last moved (DBML datetime)"
            text note "Free-text note on the pointer"
          }
          core_metadata__ref_compute_method_registry["core_metadata.ref_compute_method_registry"] {
            varchar method_id PK "Method identifier; first part of the method-version key"
            varchar version PK "Method version; second part of the method-version key"
            varchar method_name "Human-readable method name"
            varchar status "Lifecycle status of the method-version"
            text description "What the method computes"
            json inputs_schema_json "JSON schema of the method's inputs"
            json options_schema_json "JSON schema of the method's options"
            json output_schema_json "JSON schema of the method's output"
            varchar implementation_ref "Reference to the implementation that runs the method"
            text dataset_requirements "Datasets the method needs"
            varchar acl_tags "Access-control tags"
            timestamp created_at "When the method-version was registered (DBML datetime)"
            timestamp updated_at "When the method-version was last changed (DBML datetime)"
          }
          core_metadata__ref_compute_method_registry |o--o{ core_engine__fact_compute_executions : "fact_compute_executions__method_id_version__ref_compute_method_registry"
          core_metadata__ref_compute_method_registry |o--o{ core_metadata__ref_compute_method_latest : "ref_compute_method_latest__method_id_version__ref_compute_method_registry"
    "#]].assert_eq(&Mermaid::new(&registry, &options).to_string());
}

#[test]
fn adversarial_names_and_notes() {
    let options = ExportOptions {
        include_inactive: true,
        ..ExportOptions::default()
    };
    expect![[r#"
        erDiagram
          Sales_Dept__order["Sales Dept.order"] {
            integer `Order ID` PK "Primary key part."
            text user UK "Who placed it; the column is named `user`."
            `timestamp with time zone` timestamp UK "A column named like a type."
            text text "Another one: text text."
            numeric(12,2) amount "Decimal with precision and scale, which Mermaid's grammar rejects as written."
            bigint `user select` FK "FK to order.user."
            `"Sales Dept"."order state"` state "An enum-typed column."
          }
          na_ve_schema__aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents["naïve schema.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents"] {
            uuid tenant PK "Primary key part."
            varchar(32) code PK "Primary key part."
            text 表 "A CJK column name."
          }
          na_ve_schema__bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child["naïve schema.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child"] {
            uuid id PK "Primary key part."
            uuid cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc_id FK "A 63-byte column name."
            varchar(32) `parent code` FK
          }
          order__user["order.user"] {
            bigint select PK "Primary key part."
            varchar(80) `O'Brien "nick"` "Quotes in a column name."
            real größe "Unicode: größe, 表, emoji-free."
            bigint `manager select` FK "Self-reference to user."
            integer `last order` FK "Closes a cycle with 'order'."
          }
          order__user ||--o{ Sales_Dept__order : "order__user select__user"
          Sales_Dept__order }|..o{ na_ve_schema__aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents : "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents__表__order (derives_from)"
          na_ve_schema__aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents ||--o| na_ve_schema__bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child : "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_child__cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc_id_parent code__aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_parents"
          Sales_Dept__order |o--o{ order__user : "user__last order__order"
          order__user |o--o{ order__user : "user__manager select__user"
    "#]].assert_eq(&Mermaid::new(&adversarial(), &options).to_string());
}
