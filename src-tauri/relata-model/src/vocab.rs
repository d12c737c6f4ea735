//! Controlled vocabularies of the registries, one enum each, spelled exactly as the registry
//! DDL's CHECK constraints spell them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A value that is not in a controlled vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {vocabulary}; expected one of: {expected}")]
pub struct UnknownValue {
    /// The vocabulary's name, e.g. `on_delete`.
    pub vocabulary: &'static str,
    /// The rejected text.
    pub value: String,
    /// The accepted values, comma separated.
    pub expected: String,
}

/// Shared behaviour of every controlled vocabulary.
pub trait Vocabulary: Sized + Copy + 'static {
    /// The vocabulary's name as the registry column calls it.
    const NAME: &'static str;
    /// Every value, in the order the seed lists them.
    const ALL: &'static [Self];
    /// The value's registry spelling.
    fn as_str(self) -> &'static str;
    /// Parses the registry spelling.
    fn parse(text: &str) -> Result<Self, UnknownValue> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text).ok_or_else(|| UnknownValue {
            vocabulary: Self::NAME,
            value: text.to_owned(),
            expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
        })
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $column:literal, { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl Vocabulary for $name {
            const NAME: &'static str = $column;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as Vocabulary>::parse(s)
            }
        }
    };
}

vocabulary!(
    /// Lifecycle status of a table (seed section 6).
    TableStatus, "status", {
        /// Initial definition, not ready for use.
        Draft = "draft",
        /// Working but unstable.
        Experimental = "experimental",
        /// Fully supported; the only status new dependencies may target.
        Stable = "stable",
        /// Old but still required.
        Legacy = "legacy",
        /// A replacement exists.
        Deprecated = "deprecated",
        /// Removed; kept only for history.
        Retired = "retired",
    }
);

vocabulary!(
    /// What a signal (column) is for (seed section 2.2).
    SignalRole, "signal_role", {
        /// Identifies rows: primary or foreign key parts.
        Key = "key",
        /// A measured quantity.
        Metric = "metric",
        /// A descriptive value.
        Attribute = "attribute",
        /// Computed from other signals.
        Derived = "derived",
    }
);

vocabulary!(
    /// Whether a signal row is a canonical definition or its physical storage (seed 7.1).
    RowType, "row_type", {
        /// Canonical definition of a signal.
        Concept = "concept",
        /// Physical storage of a signal in a table column.
        Binding = "binding",
    }
);

vocabulary!(
    /// Read/write characteristics of a signal (seed 7.2).
    ConnectionType, "connection_type", {
        /// Read-only.
        Read = "r",
        /// Write-only.
        Write = "w",
        /// Read and write.
        ReadWrite = "rw",
    }
);

vocabulary!(
    /// Lifecycle of a relationship definition (`rr_availability_status_chk`).
    AvailabilityStatus, "availability_status", {
        /// Enforced and emitted by default.
        Active = "active",
        /// Being phased out.
        Deprecated = "deprecated",
        /// Being designed.
        Draft = "draft",
        /// Approved, waiting to be enforced.
        Pending = "pending",
        /// Planned.
        Future = "future",
    }
);

vocabulary!(
    /// How binding a relationship is (`rr_relationship_type_chk`).
    RelationshipType, "relationship_type", {
        /// Enforceable foreign key.
        ForeignKey = "foreign_key",
        /// Documented only.
        Logical = "logical",
        /// Many-to-many helper through a join table.
        JoinBridge = "join_bridge",
    }
);

vocabulary!(
    /// Who enforces a relationship (`rr_enforcement_mode_chk`).
    EnforcementMode, "enforcement_mode", {
        /// The tooling decides.
        Auto = "auto",
        /// A database foreign key.
        DbFk = "db_fk",
        /// Application logic validates it.
        AppValidated = "app_validated",
        /// Documentation only.
        DocOnly = "doc_only",
    }
);

vocabulary!(
    /// Shape of a relationship (`rr_cardinality_chk`), as seen from the parent.
    Cardinality, "cardinality", {
        /// One parent row, many child rows.
        OneToMany = "1:many",
        /// Unique pairing.
        OneToOne = "1:1",
        /// Needs a join table (`rl_`).
        ManyToMany = "many:many",
    }
);

vocabulary!(
    /// Foreign key match type (`rr_match_type_chk`).
    MatchType, "match_type", {
        /// MATCH SIMPLE, PostgreSQL's default.
        Simple = "simple",
        /// MATCH FULL, for composite keys.
        Full = "full",
    }
);

vocabulary!(
    /// What happens to child rows when a parent key is deleted or updated.
    ReferentialAction, "on_delete", {
        /// Refuse the change.
        Restrict = "restrict",
        /// Propagate the change.
        Cascade = "cascade",
        /// Null the child columns.
        SetNull = "set_null",
        /// Reset the child columns to their defaults.
        SetDefault = "set_default",
        /// Check at the end of the statement.
        NoAction = "no_action",
    }
);

vocabulary!(
    /// Index access method (`rr_child_index_method_chk`); also used for table indexes.
    IndexMethod, "child_index_method", {
        /// B-tree, the default.
        Btree = "btree",
        /// Hash.
        Hash = "hash",
        /// Generalised inverted index.
        Gin = "gin",
        /// Generalised search tree.
        Gist = "gist",
        /// Block range index.
        Brin = "brin",
    }
);

vocabulary!(
    /// Lineage kinds of seed section 7.4. The registry DDL has no column for them, so they
    /// travel in `generator_flags` under the key [`LineageKind::FLAG`].
    LineageKind, "lineage_kind", {
        /// Classic foreign-key relationship.
        References = "references",
        /// The table is calculated from another.
        DerivesFrom = "derives_from",
        /// Data flow, e.g. staging to model.
        Feeds = "feeds",
        /// Summarisation.
        Aggregates = "aggregates",
        /// Many-to-many join.
        Joins = "joins",
        /// Logical dependency, e.g. an engine needs metadata.
        DependsOn = "depends_on",
    }
);

impl LineageKind {
    /// The `generator_flags` key that carries the lineage kind.
    pub const FLAG: &'static str = "lineage_kind";

    /// Whether this kind is a data-flow lineage rather than a structural reference.
    /// Diagrams draw these dashed.
    pub fn is_lineage(self) -> bool {
        !matches!(self, Self::References | Self::Joins)
    }
}
