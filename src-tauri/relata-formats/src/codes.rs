//! Stable diagnostic codes of the importers. `D1xx`: the DBML importer; `M1xx`: the Mermaid
//! erDiagram importer; `S1xx`: the PostgreSQL DDL importer (the registry folder's `L1xx` are
//! relata-codec's). The app switches on these; never renumber.
//!
//! The codes, their names and explanations live in the one table of every Relata code,
//! [`relata_model::codes`]; these are the same constants, re-exported, so call sites keep
//! saying `codes::D104`.

pub use relata_model::codes::{
    D100, D101, D102, D103, D104, D105, D106, D107, D108, D109, D110, D111, D112, D113, D114, D115, D116, D117, D118, M100, M101, M102, M103, M104, M105, M106,
    M107, M108, M109, M110, M111, S100, S101, S102, S103, S104, S105, S106, S107, S108, S109, S110,
};
