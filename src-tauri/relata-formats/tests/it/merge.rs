//! Merging an import into a workspace (`relata_formats::import::merge`): what it would add or change,
//! and that only the shape fields of matched entries change while curated fields stay.

use relata_formats::import::ImportOptions;
use relata_formats::export::{export, ExportFormat, ExportOptions};
use relata_codec::folder;
use relata_formats::import::merge::{merge, ChangeKind, EntryChange, EntryKind, FieldChange};
use relata_formats::{dbml, sql};
use relata_model::{Registry, Timestamp};
use relata_rules::RuleSet;

use crate::{bundled, read_folder, registries_dir};

fn now() -> Timestamp {
    Timestamp::parse("2026-11-22 12:00:00+00").expect("timestamp")
}

fn rules() -> RuleSet {
    RuleSet::preset("zayaz").expect("preset")
}

/// `registry` exported as `format`, edited by `edit`, and imported back: what a round trip
/// through dbdiagram.io or a database brings in.
fn round_trip(registry: &Registry, format: ExportFormat, edit: impl Fn(String) -> String) -> Registry {
    let options = ExportOptions { include_inactive: true, ..ExportOptions::default() };
    let text = edit(export(registry, format, &options, &rules()));
    let import = match format {
        ExportFormat::Dbml => dbml::parse::import,
        ExportFormat::Sql => sql::parse::import,
        other => unreachable!("{other:?}"),
    };
    let (imported, diagnostics) = import(&text, "model", &ImportOptions::new(now()), &rules());
    assert!(!diagnostics.iter().any(|d| d.is_error()), "{diagnostics:#?}");
    imported
}

fn additions_and_changes(changes: &[EntryChange]) -> Vec<&EntryChange> {
    changes.iter().filter(|c| !matches!(c.change, ChangeKind::OnlyInWorkspace)).collect()
}

#[test]
fn an_unchanged_model_merges_to_nothing_for_every_bundled_registry() {
    // What DBML cannot hold (a default's cast, purpose and notes as one note, unique
    // constraints as unique indexes) must not read as a change.
    for dir in bundled() {
        let (existing, _) = folder::parse(&read_folder(&dir));
        for format in [ExportFormat::Dbml, ExportFormat::Sql] {
            let merged = merge(&existing, &round_trip(&existing, format, |t| t), &rules(), &now());
            assert_eq!(additions_and_changes(&merged.changes), Vec::<&EntryChange>::new(), "{} via {format:?}", dir.display());
            assert!(merged.is_empty());
            assert_eq!(merged.registry, existing, "{}: an empty merge leaves the registry as it was", dir.display());
        }
    }
}

#[test]
fn an_edited_model_shows_its_additions_and_changes_and_keeps_curated_fields() {
    let (existing, _) = folder::parse(&read_folder(&registries_dir().join("zayaz-compute-methods")));
    let edited = |text: String| {
        let text = text.replacen("method_name varchar [", "method_name varchar(400) [", 1);
        format!(
            "{text}\nTable core_metadata.fact_example_runs {{\n  run_id uuid [pk]\n  method_id varchar [not null]\n  version varchar [not null]\n}}\n\
             Ref fk_runs_method: core_metadata.fact_example_runs.(method_id, version) > core_metadata.ref_compute_method_registry.(method_id, version)\n"
        )
    };
    let incoming = round_trip(&existing, ExportFormat::Dbml, edited);
    let merged = merge(&existing, &incoming, &rules(), &now());
    let summary: Vec<String> = additions_and_changes(&merged.changes)
        .iter()
        .map(|c| match &c.change {
            ChangeKind::Added => format!("+ {} {}", c.kind.as_str(), c.name),
            ChangeKind::Changed(fields) => {
                let fields: Vec<String> =
                    fields.iter().map(|FieldChange { field, from, to }| format!("{field}: {from:?} -> {to:?}")).collect();
                format!("~ {} {}: {}", c.kind.as_str(), c.name, fields.join("; "))
            }
            ChangeKind::OnlyInWorkspace => unreachable!(),
        })
        .collect();
    let relationship = incoming.relationships.iter().find(|r| r.child.table == "fact_example_runs").expect("the new Ref");
    assert_eq!(
        summary,
        [
            "+ table core_metadata.fact_example_runs".to_owned(),
            "~ column core_metadata.ref_compute_method_registry.method_name: data_type: Some(\"varchar\") -> Some(\"varchar(400)\")".to_owned(),
            "+ column core_metadata.fact_example_runs.run_id".to_owned(),
            "+ column core_metadata.fact_example_runs.method_id".to_owned(),
            "+ column core_metadata.fact_example_runs.version".to_owned(),
            format!("+ relationship {}", relationship.key),
        ]
    );
    let (added, changed, _) = merged.counts();
    assert_eq!((added, changed), (5, 1));
    // The changed column keeps everything an architect curated; only its type and
    // updated_at move.
    let find = |r: &Registry| {
        r.signals.iter().find(|s| s.column == "method_name" && s.table.as_ref().is_some_and(|t| t.table == "ref_compute_method_registry")).cloned().expect("method_name")
    };
    let (before, after) = (find(&existing), find(&merged.registry));
    assert_eq!(after.data_type, "varchar(400)");
    assert_eq!(after.updated_at, now());
    assert_eq!((after.id, after.role, after.concept.clone(), after.connection, after.created_at.clone()), (before.id, before.role, before.concept.clone(), before.connection, before.created_at.clone()));
    // Merging the same import again changes nothing more.
    assert!(merge(&merged.registry, &incoming, &rules(), &now()).is_empty());
}

#[test]
fn a_partial_import_keeps_and_lists_what_it_does_not_mention() {
    let (existing, _) = folder::parse(&read_folder(&registries_dir().join("metastore")));
    let options = ExportOptions { modules: vec![existing.tables[0].module.clone()], include_inactive: true, ..ExportOptions::default() };
    let one_module = dbml::parse::import(&export(&existing, ExportFormat::Dbml, &options, &rules()), "part.dbml", &ImportOptions::new(now()), &rules()).0;
    let merged = merge(&existing, &one_module, &rules(), &now());
    assert!(merged.is_empty());
    assert_eq!(merged.registry, existing, "nothing the import does not mention is removed");
    let only = |kind| merged.changes.iter().filter(|c| c.kind == kind && c.change == ChangeKind::OnlyInWorkspace).count();
    let outside = existing.tables.iter().filter(|t| t.module != existing.tables[0].module).count();
    assert_eq!(only(EntryKind::Table), outside);
}

/// A DBML fixture of `tests/data/dbml/edits`, imported with no error.
fn dbml_fixture(name: &str) -> Registry {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dbml/edits").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let (registry, diagnostics) = dbml::parse::import(&text, name, &dbml::parse::ImportOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{name}: {diagnostics:#?}");
    registry
}

#[test]
fn a_dbml_merged_into_a_workspace_brings_its_extras_and_keeps_the_others() {
    // Before, `import --into` kept the tables and refs of the DBML but dropped its aliases,
    // partials, ref colours, Records and sticky notes.
    let shop = dbml_fixture("shop.dbml");
    let shipping = dbml_fixture("shop-shipping.dbml");
    let merged = merge(&shop, &shipping, &rules(), &now());
    assert!(!merged.extras.is_empty());
    let extras = &merged.registry.dbml;
    let table = |name: &str| extras.table(&relata_model::TableRef::new("public", name));
    assert_eq!(table("orders").and_then(|t| t.alias.as_deref()), Some("OR"), "the import's alias replaces the old one");
    assert_eq!(table("customers").and_then(|t| t.alias.as_deref()), Some("C"), "a table the import does not bring keeps its alias");
    let injected = |name: &str| table(name).map(|t| t.injects.iter().map(|i| i.partial.as_str()).collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(injected("shipments"), ["timestamps", "audit"]);
    assert_eq!(extras.partials.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["timestamps", "audit"]);
    assert_eq!(extras.project, shop.dbml.project, "the import has no Project: the workspace's stays");
    let colours: Vec<_> = extras.refs.iter().map(|r| r.color.as_deref().unwrap_or("")).collect();
    assert_eq!(colours, ["#aa3366", "#3366aa"]);
    assert!(extras.refs.iter().all(|r| merged.registry.relationships.iter().any(|m| m.key == r.key)), "colours keyed by the merged relationships");
    let notes: Vec<_> = extras.items.iter().filter(|i| i.table.is_none()).map(|i| i.text.as_str()).collect();
    assert_eq!(notes.len(), 1, "one note named shipping: {notes:#?}");
    assert!(notes[0].contains("two warehouses"));
    let records: Vec<_> = extras.items.iter().filter_map(|i| i.table.as_ref().map(|t| t.table.as_str())).collect();
    assert_eq!(records, ["customers", "shipments"], "the orders' own Records went with the orders the import replaced");

    // The merged workspace's DBML reads back with all of it.
    let text = export(&merged.registry, ExportFormat::Dbml, &ExportOptions::default(), &rules());
    let (back, diagnostics) = dbml::parse::import(&text, "merged.dbml", &dbml::parse::ImportOptions::new(now()), &rules());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}\n{text}");
    assert_eq!(text.matches("~timestamps").count(), 3, "{text}");
    assert!(text.contains("~audit") && text.contains("color: #3366aa") && text.contains("orders as OR"), "{text}");
    assert_eq!(back.dbml.partials, extras.partials);

    // Merging the same file again changes nothing.
    let again = merge(&merged.registry, &shipping, &rules(), &now());
    assert!(again.extras.is_empty() && again.is_empty(), "{:#?}", again.extras);
}
