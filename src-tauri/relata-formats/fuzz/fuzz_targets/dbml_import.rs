//! Any bytes as DBML: the importer returns a registry and diagnostics, never panics. Every
//! `use` reads the input itself again (or, for some paths, fails), so the module system's
//! reading, cycles and splicing are fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relata_formats::dbml::parse::{import_with, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now = relata_model::Timestamp::parse("2026-01-31 09:30:00+00").expect("timestamp");
    let rules = relata_rules::RuleSet::named("zayaz").expect("preset");
    let files = |path: &str| if path.len() % 3 == 0 { Err("no such file".to_owned()) } else { Ok(text.to_owned()) };
    let _ = import_with(text, "fuzz.dbml", &ImportOptions::new(now), &rules, &files);
});
