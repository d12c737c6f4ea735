//! Helpers shared by the integration tests: a throwaway PostgreSQL cluster and a little CSV.

pub mod csv;
pub mod pg;
