//! The bundled registries and the imports of relata-formats' seed and feature fixtures
//! (DBML, Mermaid, PostgreSQL DDL): verify passes, every relationship is drawn, and the
//! layout is deterministic.

use relata_layout::{layout, quality, LayoutInput, LayoutOptions, RegistryOptions};

use crate::{bundled, checked_layout, load};

#[test]
fn bundled_registries_verify_and_draw_every_relationship() {
    let dirs = bundled();
    assert_eq!(dirs.len(), 5, "bundled registries: {dirs:?}");
    for dir in dirs {
        let registry = load(&dir);
        let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
        assert_eq!(input.tables.len(), registry.tables.len(), "{}", dir.display());
        assert_eq!(input.edges.len(), registry.relationships.len(), "{}: a relationship lost its tables", dir.display());
        let result = checked_layout(&input);
        assert_eq!(quality(&result).overlaps, 0);
        for (edge, route) in input.edges.iter().zip(&result.edges) {
            assert_eq!(route.child_rows, edge.child_rows);
            assert!(!edge.child_rows.is_empty(), "{}: a relationship's child columns are not rows", dir.display());
        }
    }
}

#[test]
fn same_registry_gives_the_same_layout() {
    for dir in bundled() {
        let input = LayoutInput::from_registry(&load(&dir), &RegistryOptions::default());
        let a = layout(&input, &LayoutOptions::default());
        let b = layout(&input, &LayoutOptions::default());
        assert_eq!(a.tables, b.tables, "{}", dir.display());
        assert_eq!(a.frames, b.frames);
        assert_eq!(a.edges, b.edges);
    }
}

#[test]
fn module_filter_keeps_only_that_module() {
    let registry = load(&bundled().into_iter().find(|d| d.ends_with("zellij")).expect("zellij"));
    let module = registry.tables[0].module.clone();
    let input = LayoutInput::from_registry(&registry, &RegistryOptions { modules: vec![module.clone()] });
    assert_eq!(input.groups.len(), 1);
    assert_eq!(input.groups[0].name, module);
    assert_eq!(input.tables.len(), registry.tables.iter().filter(|t| t.module == module).count());
    checked_layout(&input);
}

#[test]
fn an_implicit_module_draws_its_tables_without_a_group_frame() {
    // A DBML file with no TableGroup imports into an implicit module; drawing it must not put
    // a frame around tables the source never grouped.
    let mut registry = load(&bundled().into_iter().find(|d| d.ends_with("zellij")).expect("zellij"));
    let module = registry.tables[0].module.clone();
    match registry.modules.iter_mut().find(|m| m.name == module) {
        Some(m) => m.implicit = true,
        None => registry.modules.push(relata_model::Module { implicit: true, ..relata_model::Module::named(module.clone()) }),
    }
    let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
    assert!(input.groups.iter().all(|g| g.name != module), "no group for the implicit module");
    let in_module: Vec<usize> = (0..registry.tables.len()).filter(|&i| registry.tables[i].module == module).collect();
    assert!(!in_module.is_empty());
    assert!(in_module.iter().all(|&i| input.tables[i].group.is_none()), "its tables are in no group");
    let result = checked_layout(&input);
    assert_eq!(result.frames.len(), input.groups.len());
}

/// The seed and feature fixtures relata-formats' import tests read, imported as `relata
/// import` does and laid out: every promise holds, the lines' included.
#[test]
fn imported_seeds_keep_every_promise() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../relata-formats/tests/data");
    let files = [
        "dbml/seed-000-compute-methods.dbml",
        "dbml/features.dbml",
        "mermaid/seed_001.mmd",
        "mermaid/seed_002.mmd",
        "mermaid/features.mmd",
        "sql/seed_002.sql",
        "sql/rich.sql",
        "sql/pg15_features.sql",
        "schema-template.sql",
        "zayaz-compute-methods.sql",
    ];
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("a timestamp");
    let rules = relata_rules::RuleSet::preset("zayaz").expect("the zayaz preset");
    for file in files {
        let text = std::fs::read_to_string(format!("{data}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
        let format = relata_formats::import::Format::of_file(file).expect("a known extension");
        let (registry, _) = relata_formats::import::import(format, &text, file, &relata_formats::import::ImportOptions::new(now.clone()), &rules);
        assert!(!registry.tables.is_empty(), "{file}: no tables");
        let input = LayoutInput::from_registry(&registry, &RegistryOptions::default());
        let result = layout(&input, &LayoutOptions::default());
        let violations = relata_layout::verify(&input, &result, &LayoutOptions::default());
        assert!(violations.is_empty(), "{file}: {}", violations.iter().map(|v| v.describe(&input)).collect::<Vec<_>>().join("; "));
    }
}
