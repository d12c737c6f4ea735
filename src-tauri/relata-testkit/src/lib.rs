//! Support shared by Relata's integration tests (dev-only, never published): a throwaway
//! PostgreSQL cluster per test, so tests that check SQL against the real consumer start their
//! own server instead of assuming one runs; the bundled registry folders; and the module
//! graph of a crate's source, for the architecture tests.

pub mod modules;
pub mod pg;
pub mod registries;
