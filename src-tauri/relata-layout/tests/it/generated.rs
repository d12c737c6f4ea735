//! Generated registries of 200, 1,000 and 3,000 tables (`relata_model::generate`): verify
//! passes, and the quality figures are those of a readable drawing.

use relata_layout::{quality, LayoutInput, RegistryOptions};
use relata_model::generate::{generate, GenerateOptions};

use crate::checked_layout;

#[test]
fn generated_registries_verify() {
    for tables in [200, 1_000, 3_000] {
        let input = LayoutInput::from_registry(&generate(&GenerateOptions::new(tables)), &RegistryOptions::default());
        assert_eq!(input.tables.len(), tables);
        let result = checked_layout(&input);
        let q = quality(&result);
        assert_eq!(q.overlaps, 0);
        assert!(q.aspect_ratio > 0.5 && q.aspect_ratio < 3.0, "{tables} tables: aspect ratio {}", q.aspect_ratio);
        // Every line is orthogonal: at most a handful of turns on average.
        assert!(q.bends <= input.edges.len() * 6, "{tables} tables: {} bends for {} lines", q.bends, input.edges.len());
    }
}

#[test]
fn adversarial_registry_verifies() {
    let input = LayoutInput::from_registry(&relata_model::generate::adversarial(), &RegistryOptions::default());
    assert!(!input.edges.is_empty());
    checked_layout(&input);
}
