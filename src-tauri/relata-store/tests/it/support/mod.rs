//! Helpers shared by the integration tests: a little CSV (the throwaway
//! PostgreSQL cluster lives in relata-testkit).

pub mod csv;
