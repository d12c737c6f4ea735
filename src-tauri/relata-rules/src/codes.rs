//! The stable diagnostic codes of the rules, one constant per check, and the [`CODES`] table
//! of the default severity the presets give each.
//!
//! The codes, their names and explanations live in the one table of every Relata code,
//! [`relata_model::codes`]; the constants here are the same constants, re-exported, so
//! `relata_rules::codes::R303` and `relata_model::codes::R303` are one thing. Codes never
//! change meaning: a retired check keeps its number unused. `R1xx` are about tables, `R2xx`
//! about signals (columns and concepts), `R3xx` about relationships and `R4xx` about the
//! "conventional" naming style (plural snake_case tables, `id uuid` keys, `{singular}_id`
//! foreign keys).

use relata_model::Severity;

pub use relata_model::codes::{
    R101, R102, R103, R104, R105, R106, R107, R108, R109, R110, R201, R202, R203, R204, R205, R206,
    R207, R301, R302, R303, R304, R305, R306, R307, R308, R309, R310, R311, R312, R313, R314, R315,
    R316, R317, R318, R319, R320, R401, R402, R403, R404, R405,
};

/// Every check and its default severity, in code order: the severity a preset gives the check
/// when it turns it on; a rule set may choose another (except for the [`FIXED`] codes). The
/// check's name and explanation are its entry in [`relata_model::codes::CODES`].
pub const CODES: &[(&str, Severity)] = &[
    (R101, Severity::Warning),
    (R102, Severity::Warning),
    (R103, Severity::Error),
    (R104, Severity::Warning),
    (R105, Severity::Error),
    (R106, Severity::Error),
    (R107, Severity::Error),
    (R108, Severity::Info),
    (R109, Severity::Error),
    (R110, Severity::Error),
    (R201, Severity::Error),
    (R202, Severity::Error),
    (R203, Severity::Warning),
    (R204, Severity::Error),
    (R205, Severity::Info),
    (R206, Severity::Warning),
    (R207, Severity::Error),
    (R301, Severity::Error),
    (R302, Severity::Error),
    (R303, Severity::Error),
    (R304, Severity::Warning),
    (R305, Severity::Warning),
    (R306, Severity::Error),
    (R307, Severity::Warning),
    (R308, Severity::Error),
    (R309, Severity::Error),
    (R310, Severity::Error),
    (R311, Severity::Error),
    (R312, Severity::Error),
    (R313, Severity::Error),
    (R314, Severity::Error),
    (R315, Severity::Info),
    (R316, Severity::Warning),
    (R317, Severity::Warning),
    (R318, Severity::Warning),
    (R319, Severity::Warning),
    (R320, Severity::Warning),
    (R401, Severity::Warning),
    (R402, Severity::Warning),
    (R403, Severity::Warning),
    (R404, Severity::Warning),
    (R405, Severity::Warning),
];

/// Codes that mirror a CHECK or UNIQUE constraint of the registry DDL (`to_schema_table_uq`,
/// `sr_signal_uq`, `relationship_key UNIQUE`, `rr_columns_nonempty_chk`,
/// `rr_composite_len_match_chk`, `rr_deferrable_logic_chk`). A registry that breaks them cannot
/// be stored, so they are always on as errors and a rule set cannot change that.
pub const FIXED: &[&str] = &[R105, R202, R306, R310, R311, R312];

/// The default severity of check `code`, if it is one.
pub fn lookup(code: &str) -> Option<Severity> {
    CODES.iter().find(|(c, _)| *c == code).map(|(_, severity)| *severity)
}
