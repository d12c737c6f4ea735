//! Identifier newtypes. Registry rows carry UUIDs (as the seed's DDL does); tables are
//! addressed by their schema-qualified name everywhere else.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        // A UUID in its hyphenated text form.
        #[cfg_attr(test, derive(ts_rs::TS), ts(type = "string"))]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random (v4) id, as `gen_random_uuid()` would give.
            pub fn new_random() -> Self {
                Self(Uuid::new_v4())
            }

            /// Parses the canonical hyphenated form.
            pub fn parse(text: &str) -> Result<Self, uuid::Error> {
                Uuid::parse_str(text).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

uuid_id!(
    /// `table_overview.table_id`.
    TableId
);
uuid_id!(
    /// `signal_registry.signal_id`.
    SignalId
);
uuid_id!(
    /// `relationship_registry.relationship_id`.
    RelationshipId
);

/// A schema-qualified table name, the key that joins the three registries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TableRef {
    /// PostgreSQL schema, e.g. `core_metadata`.
    pub schema: String,
    /// Table name, e.g. `ref_compute_method_registry`.
    pub table: String,
}

impl TableRef {
    /// Builds a reference from its two parts.
    pub fn new(schema: impl Into<String>, table: impl Into<String>) -> Self {
        Self { schema: schema.into(), table: table.into() }
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.table)
    }
}
