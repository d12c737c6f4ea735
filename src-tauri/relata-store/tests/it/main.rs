//! Integration tests of relata-store: bundled registries through both stores, generated
//! registries through save and load (proptest), failures that must change nothing, and
//! live PostgreSQL: import of a database (through pg_dump and through the catalog) and shared
//! registry sync (pull, push, conflicts).

mod arbitrary;
mod disk;
mod roundtrip;
mod pg;
mod pg_import;
mod pg_live_import;
mod pg_sync;
mod recovery;
mod support;

/// Runs a future of the store's async API to its end.
pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime").block_on(future)
}
