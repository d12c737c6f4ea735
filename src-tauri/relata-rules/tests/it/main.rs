//! The relata-rules integration tests: every check triggered exactly once from a clean
//! registry, the presets, user rule sets and the output order.

mod builder;
mod candidate;
mod checks;
mod pg_types;
mod rule_sets;

use relata_model::{Diagnostic, Location, Registry};
use relata_rules::RuleSet;

/// `(code, key, field)` of each diagnostic, in output order.
pub fn triples(diagnostics: &[Diagnostic]) -> Vec<(&'static str, String, Option<String>)> {
    diagnostics
        .iter()
        .map(|d| match &d.location {
            Location::Entry { label, field, .. } => (d.code, label.clone(), field.clone()),
            other => panic!("diagnostic {d} points at {other}, not at an entry"),
        })
        .collect()
}

/// Runs `preset` over `registry`.
pub fn run(registry: &Registry, preset: &str) -> Vec<Diagnostic> {
    relata_rules::check(registry, &RuleSet::preset(preset).unwrap())
}
