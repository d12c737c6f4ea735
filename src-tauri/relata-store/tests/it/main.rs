//! Integration tests of relata-store: bundled registries through both stores, generated
//! registries through save and load (proptest), and failures that must change nothing.

mod arbitrary;
mod roundtrip;
mod pg;
mod support;
