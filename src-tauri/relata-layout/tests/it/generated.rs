//! Generated registries of 200, 1,000 and 3,000 tables (`relata_model::generate`): verify
//! passes (every promise, the lines' included, at 200 and 1,000 tables; at 3,000 all but a
//! few lines inside one group, see the FIXME), and the quality figures are those of a
//! readable drawing.

use relata_layout::{layout, quality, verify, LayoutInput, LayoutOptions, RegistryOptions, Violation};
use relata_model::generate::{generate, GenerateOptions};

use crate::checked_layout;

#[test]
fn generated_registries_verify() {
    for tables in [200, 1_000, 3_000] {
        let input = LayoutInput::from_registry(&generate(&GenerateOptions::new(tables)), &RegistryOptions::default());
        assert_eq!(input.tables.len(), tables);
        let result = layout(&input, &LayoutOptions::default());
        let found = verify(&input, &result, &LayoutOptions::default());
        let (overlaps, others): (Vec<&Violation>, Vec<&Violation>) = found.iter().partition(|v| matches!(v, Violation::LinesOverlap { .. }));
        // No line through a table or another line's end marker, none along a frame border.
        assert!(others.is_empty(), "{tables} tables: {others:?}");
        if tables <= 1_000 {
            assert!(overlaps.is_empty(), "{tables} tables: {} pairs of lines on top of each other: {overlaps:?}", overlaps.len());
        }
        // The gaps between shelves grow until the lines between groups have a lane each
        // (before they did, about 1,150 pairs of lines shared a stretch at 3,000 tables).
        // FIXME: at 3,000 tables a dozen pairs of lines inside one group still share a
        // stretch: the layered placement's turning tracks, as in `random.rs`.
        let between: Vec<&&Violation> = overlaps
            .iter()
            .filter(|v| {
                let Violation::LinesOverlap { a, b, .. } = v else { return false };
                let group = |e: usize| (input.tables[input.edges[e].child].group, input.tables[input.edges[e].parent].group);
                let inside = |e: usize| group(e).0.is_some() && group(e).0 == group(e).1;
                !(inside(*a) && inside(*b) && group(*a).0 == group(*b).0)
            })
            .collect();
        assert!(between.is_empty(), "{tables} tables: {} pairs of lines on top of each other not inside one group: {between:?}", between.len());
        let q = quality(&result);
        assert_eq!(q.overlaps, 0);
        assert!(q.aspect_ratio > 0.5 && q.aspect_ratio < 3.0, "{tables} tables: aspect ratio {}", q.aspect_ratio);
        // Every line is orthogonal, with a handful of turns on average.
        assert!(q.bends <= input.edges.len() * 8, "{tables} tables: {} bends for {} lines", q.bends, input.edges.len());
    }
}

#[test]
fn adversarial_registry_verifies() {
    let input = LayoutInput::from_registry(&relata_model::generate::adversarial(), &RegistryOptions::default());
    assert!(!input.edges.is_empty());
    checked_layout(&input);
}
