//! Presets, user rule sets (overrides, errors), generated names and the order of the output.

use relata_model::{Location, Severity};
use relata_rules::codes::{CODES, FIXED};
use relata_rules::{check, RuleSet, RuleSetErrorKind};

use crate::builder::*;
use crate::{run, triples};

#[test]
fn presets_load_with_their_names() {
    assert_eq!(RuleSet::preset_names(), ["zayaz", "conventional"]);
    for name in RuleSet::preset_names() {
        let rules = RuleSet::preset(name).unwrap();
        assert_eq!(rules.name(), *name);
        assert!(!rules.description().is_empty());
        assert_eq!(rules.max_identifier_bytes(), 63);
    }
}

#[test]
fn zayaz_turns_on_r1_to_r3_at_their_default_severity() {
    let rules = RuleSet::preset("zayaz").unwrap();
    for (code, default) in CODES {
        let want = if code.starts_with("R4") { None } else { Some(*default) };
        assert_eq!(rules.severity(code), want, "{code}");
    }
    assert_eq!(rules.prefixes().len(), 13);
    assert!(rules.prefixes().iter().any(|p| p.prefix == "rl_" && p.meaning.contains("many-to-many")));
}

#[test]
fn conventional_turns_off_prefix_rules_and_on_naming_rules() {
    let rules = RuleSet::preset("conventional").unwrap();
    for (code, default) in CODES {
        let want = if ["R101", "R102", "R103"].contains(code) { None } else { Some(*default) };
        assert_eq!(rules.severity(code), want, "{code}");
    }
    assert!(rules.prefixes().is_empty());
}

#[test]
fn unknown_preset_is_none_and_named_explains() {
    assert!(RuleSet::preset("zayas").is_none());
    let err = RuleSet::named("zayas").unwrap_err();
    assert!(matches!(err.kind(), RuleSetErrorKind::UnknownPreset { .. }));
    assert_eq!(err.to_string(), "unknown rule set preset `zayas`; the presets are: zayaz, conventional");
    let err = RuleSet::from_json(r#"{ "extends": "strict" }"#).unwrap_err();
    assert_eq!(err.to_string(), "unknown rule set preset `strict`; the presets are: zayaz, conventional");
}

#[test]
fn json_overrides_severities() {
    let rules = RuleSet::from_json(
        r#"{ "extends": "zayaz", "name": "strict-zayaz", "checks": { "R102": "error", "R205": "off" } }"#,
    )
    .unwrap();
    assert_eq!(rules.name(), "strict-zayaz");
    assert_eq!(rules.severity("R102"), Some(Severity::Error));
    assert_eq!(rules.severity("R205"), None);
    // Everything not mentioned keeps the preset's level.
    assert_eq!(rules.severity("R101"), Some(Severity::Warning));

    let mut registry = zayaz_clean();
    registry.tables.push(table("core_data", "ref_units", Some("ref_"), "Emissions", &[]));
    registry.signals.push(column("core_data", "ref_units", "unit_code", 1, "text", false));
    registry.signals.push(concept("unused_metric", "numeric"));
    let found = check(&registry, &rules);
    assert_eq!(triples(&found), [("R102", "core_data.ref_units".to_owned(), Some("schema_name".to_owned()))]);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(run(&registry, "zayaz").len(), 2, "the preset itself still reports both");
}

#[test]
fn json_without_extends_turns_on_only_what_it_lists() {
    let rules = RuleSet::from_json(r#"{ "name": "just-keys", "checks": { "R307": "info" } }"#).unwrap();
    assert_eq!(rules.severity("R307"), Some(Severity::Info));
    assert_eq!(rules.severity("R101"), None);
    // The DDL's own constraints are always errors.
    for code in FIXED {
        assert_eq!(rules.severity(code), Some(Severity::Error), "{code}");
    }
    let mut registry = zayaz_clean();
    relationship_mut(&mut registry, EMISSION_METHOD).key = "emission_method".into();
    registry.modules.clear();
    let found = check(&registry, &rules);
    assert_eq!(triples(&found), [("R307", "emission_method".to_owned(), Some("relationship_key".to_owned()))]);
    assert_eq!(found[0].severity, Severity::Info);
}

#[test]
fn json_changes_conventions_too() {
    // A rule set that also allows `ref_` tables in `core_data`, and longer names.
    let rules = RuleSet::from_json(
        r#"{ "extends": "zayaz", "name": "x", "schemas": { "by_prefix": { "ref_": ["core_metadata", "core_data"] } } }"#,
    )
    .unwrap();
    let mut registry = zayaz_clean();
    registry.tables.push(table("core_data", "ref_units", Some("ref_"), "Emissions", &[]));
    registry.signals.push(column("core_data", "ref_units", "unit_code", 1, "text", false));
    assert_eq!(check(&registry, &rules), []);
}

#[test]
fn generated_names_follow_the_rule_set_templates() {
    let rules = RuleSet::from_json(
        r#"{ "extends": "zayaz", "name": "qualified",
             "names": { "foreign_key": "fk_{child_schema}_{child_table}__{parent_schema}_{parent_table}__{child_columns}" } }"#,
    )
    .unwrap();
    let registry = zayaz_clean();
    let r = &registry.relationships[0];
    assert_eq!(
        rules.foreign_key_name(r),
        "fk_core_data_fact_emission__core_metadata_ref_compute_method_registry__method_id"
    );
    assert_eq!(
        RuleSet::preset("zayaz").unwrap().foreign_key_name(r),
        "fk_fact_emission__ref_compute_method_registry__method_id"
    );
    assert_eq!(RuleSet::preset("conventional").unwrap().foreign_key_name(r), "fk_fact_emission_method_id");
    assert_eq!(rules.child_index_name(r), "idx_fact_emission__method_id");
    assert_eq!(rules.relationship_key(r), EMISSION_METHOD);
    let fact = &registry.tables[1];
    assert_eq!(rules.index_name(fact, &fact.indexes[0]), "idx_fact_emission__method_id");
    let users = conventional_clean();
    let conventional = RuleSet::preset("conventional").unwrap();
    let t = &users.tables[1];
    let generated = index(None, &["tenant_id", "expr:lower(email)"], true);
    assert_eq!(conventional.index_name(t, &generated), "uq_users_tenant_id_lower_email");
    // The method foreign key now generates an 80-byte name; the country one stays at 62 bytes,
    // and the join_bridge rows create no database foreign key.
    let found = check(&registry, &rules);
    // Generated, so a warning that says what exports make of it, not an error.
    assert_eq!(triples(&found), [("R317", EMISSION_METHOD.to_owned(), Some("constraint_name".to_owned()))]);
    assert_eq!(found[0].severity, relata_model::Severity::Warning);
    let shortened = relata_rules::shorten_identifier(&rules.foreign_key_name(r), 63).into_owned();
    assert!(found[0].message.contains("is 80 bytes") && found[0].message.contains(&shortened), "{}", found[0].message);
}

#[test]
fn bad_rule_sets_are_refused_with_a_reason() {
    let cases: &[(&str, &str)] = &[
        (r#"{ "name": "x", "checks": { "R999": "error" } }"#, "unknown check `R999` in `checks`"),
        (r#"{ "name": "x", "checks": { "R101": "loud" } }"#, "rule set is not valid: unknown variant `loud`"),
        (
            r#"{ "name": "x", "checks": { "R310": "warning" } }"#,
            "check `R310` mirrors a constraint of the registry DDL and is always an error",
        ),
        (
            r#"{ "extends": "zayaz", "checks": { "R401": "warning" } }"#,
            "check `R401` is on but the rule set has no `naming` section",
        ),
        (
            r#"{ "extends": "zayaz", "names": { "foreign_key": "fk_{child}" } }"#,
            "template `names.foreign_key` = `fk_{child}` is not valid: unknown placeholder `{child}`",
        ),
        (r#"{ "extends": "zayaz", "names": { "index": "idx_{table" } }"#, "is not valid: a `{` is never closed"),
        (
            r#"{ "extends": "zayaz", "schemas": { "by_prefix": { "xyz_": ["core_data"] } } }"#,
            "`schemas.by_prefix.xyz_` is not valid",
        ),
        (r#"{ "extends": "zayaz", "colour": "blue" }"#, "unknown field `colour`"),
        (r#"{ "extends": 3 }"#, "`extends` is not valid: expected a preset name in quotes"),
        ("{ \"name\": \"x\",\n  \"checks\": [ }", "line 2 column"),
    ];
    for (json, want) in cases {
        let err = RuleSet::from_json(json).expect_err(json);
        assert!(err.to_string().contains(want), "{json}\n  want …{want}…\n  got  {err}");
    }
}

#[test]
fn rule_sets_round_trip_through_json() {
    for name in RuleSet::preset_names() {
        let rules = RuleSet::preset(name).unwrap();
        let text = serde_json::to_string_pretty(&rules).unwrap();
        assert_eq!(RuleSet::from_json(&text).unwrap(), rules, "{name}");
        let direct: RuleSet = serde_json::from_str(&text).unwrap();
        assert_eq!(direct, rules);
    }
}

/// A registry with several independent findings, none caused by a duplicate row.
fn broken() -> relata_model::Registry {
    let mut r = zayaz_clean();
    table_mut(&mut r, "core_metadata.ref_compute_method_registry").prefix = None;
    signal_mut(&mut r, "core_dim.dim_country.country_name").data_type = "strng".into();
    relationship_mut(&mut r, EMISSION_METHOD).key = "emission_method".into();
    relationship_mut(&mut r, EMISSION_COUNTRY).initially_deferred = true;
    r.relationships.push(relationship(
        "core_data.fact_emission",
        &["amount"],
        "core_dim.dim_country",
        &["country_code"],
        "Emissions",
    ));
    r.signals.push(concept("unused_metric", "numeric"));
    r.modules[1].color = None;
    r
}

#[test]
fn output_is_sorted_and_independent_of_row_order() {
    let registry = broken();
    let rules = RuleSet::preset("zayaz").unwrap();
    let first = check(&registry, &rules);
    assert_eq!(first.len(), 7, "{first:#?}");
    assert_eq!(check(&registry, &rules), first);
    let mut keys: Vec<_> = first.iter().map(|d| (d.location.clone(), d.code, d.message.clone())).collect();
    let unsorted = keys.clone();
    keys.sort();
    assert_eq!(keys, unsorted, "sorted by location, then code, then message");
    let mut reversed = registry.clone();
    reversed.tables.reverse();
    reversed.signals.reverse();
    reversed.relationships.reverse();
    reversed.modules.reverse();
    assert_eq!(check(&reversed, &rules), first);
    assert!(first.iter().all(|d| matches!(d.location, Location::Entry { .. })));
}

#[test]
fn duplicates_are_reported_once_per_extra_row() {
    // Per-table findings of a duplicated row would repeat word for word; they appear once.
    let mut registry = zayaz_clean();
    let rl = "core_relations.rl_emission_country";
    let mut twin = table_mut(&mut registry, rl).clone();
    twin.id = relata_model::TableId::parse("00000000-0000-4000-8000-00000000beef").unwrap();
    twin.primary_key.push("position".into());
    table_mut(&mut registry, rl).primary_key.push("position".into());
    registry.tables.push(twin);
    let found = run(&registry, "zayaz");
    assert_eq!(
        triples(&found),
        [
            ("R106", rl.to_owned(), Some("primary_key_columns".to_owned())),
            ("R105", rl.to_owned(), Some("table_name".to_owned())),
        ]
    );
}

#[test]
fn every_code_is_in_the_one_code_table_and_in_order() {
    for (code, _) in CODES {
        let entry = relata_model::codes::lookup(code).unwrap_or_else(|| panic!("{code} is not in relata_model::codes"));
        assert_eq!(entry.layer, relata_model::codes::Layer::Rules, "{code}");
        assert!(code.len() == 4 && code.starts_with('R'));
    }
    let rules_in_table = relata_model::codes::CODES.iter().filter(|c| c.layer == relata_model::codes::Layer::Rules).count();
    assert_eq!(rules_in_table, CODES.len(), "every rule code has a default severity");
    let mut codes: Vec<&str> = CODES.iter().map(|(c, _)| *c).collect();
    let unsorted = codes.clone();
    codes.sort();
    assert_eq!(codes, unsorted);
    assert!(FIXED.iter().all(|f| CODES.iter().any(|(c, s)| c == f && *s == Severity::Error)));
}
