//! Integration tests of relata-store: bundled registries through both stores, generated
//! registries through save and load (proptest), failures that must change nothing, the
//! bundled registries in a real PostgreSQL, and what relata-store depends on (no SQL parser).
//! The live import and shared sync, whose tests need the SQL import and export, are tested in
//! relata-workspace.

mod arbitrary;
mod deps;
mod disk;
mod roundtrip;
mod pg;
mod recovery;
mod support;

/// Runs a future of the store's async API to its end.
pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime").block_on(future)
}
