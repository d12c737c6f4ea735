//! Stable diagnostic codes of the registry folder loader. `L1xx`: registry folder CSV files;
//! `L12x`: `relata.json`. The app switches on these; never renumber.
//!
//! The codes, their names and explanations live in the one table of every Relata code,
//! [`relata_model::codes`]; these are the same constants, re-exported, so call sites keep
//! saying `codes::L104`.

pub use relata_model::codes::{
    L100, L101, L102, L103, L104, L105, L106, L107, L108, L109, L110, L111, L112, L113, L114, L115,
    L116, L117, L120, L121, L122, L123,
};
