//! Any bytes as PostgreSQL DDL: the importer returns a registry and diagnostics, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relata_formats::dbml::parse::ImportOptions;
use relata_formats::sql::parse::import;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp");
    let rules = relata_rules::RuleSet::named("zayaz").expect("preset");
    let _ = import(text, "fuzz.sql", &ImportOptions::new(now), &rules);
});
