//! `relationship_registry` entries: every column of the seed's DDL (section 11), typed.

use serde::{Deserialize, Serialize};

use crate::ids::{RelationshipId, TableRef};
use crate::time::Timestamp;
use crate::vocab::{
    AvailabilityStatus, Cardinality, EnforcementMode, IndexMethod, LineageKind, MatchType,
    ReferentialAction, RelationshipType,
};

/// One end of a relationship: where the table lives and which ordered columns take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RelationshipEnd {
    /// `*_db_engine`, default `aurora_postgres`.
    pub db_engine: String,
    /// `*_db_name`.
    pub db_name: Option<String>,
    /// `*_schema`, default `public`.
    pub schema: String,
    /// `*_table`.
    pub table: String,
    /// `*_columns`, ordered (composite keys).
    pub columns: Vec<String>,
}

impl RelationshipEnd {
    /// The end's schema-qualified table.
    pub fn table_ref(&self) -> TableRef {
        TableRef::new(&self.schema, &self.table)
    }

    /// Whether both ends live in the same database (engine and logical name).
    pub fn same_database(&self, other: &Self) -> bool {
        self.db_engine == other.db_engine && self.db_name == other.db_name
    }
}

/// One `relationship_registry` row, validated. Field order follows the DDL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Relationship {
    // Identity & lifecycle
    /// `relationship_id`.
    pub id: RelationshipId,
    /// `relationship_key`: stable slug used by tooling.
    pub key: String,
    /// `constraint_name`: explicit FK constraint name, else generated.
    pub constraint_name: Option<String>,
    /// `availability_status`, default `active`.
    pub availability: AvailabilityStatus,
    /// `version`, default 1.
    pub version: i32,
    /// `change_reason`.
    pub change_reason: Option<String>,
    // Ownership / grouping
    /// `module_name`.
    pub module: String,
    /// `owner_team`.
    pub owner_team: Option<String>,
    /// `created_by`.
    pub created_by: Option<String>,
    /// `approved_by`.
    pub approved_by: Option<String>,
    /// `approved_at`.
    pub approved_at: Option<Timestamp>,
    // Sides
    /// The referencing (child) side.
    pub child: RelationshipEnd,
    /// The referenced (parent) side.
    pub parent: RelationshipEnd,
    // Enforcement + semantics
    /// `relationship_type`, default `foreign_key`.
    pub relationship_type: RelationshipType,
    /// `enforcement_mode`, default `auto`.
    pub enforcement: EnforcementMode,
    /// `cardinality` (nullable).
    pub cardinality: Option<Cardinality>,
    /// `is_required`, default true.
    pub is_required: bool,
    /// `enforce_child_unique`, default false.
    pub enforce_child_unique: bool,
    /// `match_type`, default `simple`.
    pub match_type: MatchType,
    /// `deferrable`, default false.
    pub deferrable: bool,
    /// `initially_deferred`, default false; needs `deferrable`.
    pub initially_deferred: bool,
    // Actions
    /// `on_delete`, default `restrict`.
    pub on_delete: ReferentialAction,
    /// `on_update`, default `restrict`.
    pub on_update: ReferentialAction,
    // Index hints
    /// `create_child_index`, default true.
    pub create_child_index: bool,
    /// `child_index_name`.
    pub child_index_name: Option<String>,
    /// `child_index_method`, default `btree`.
    pub child_index_method: IndexMethod,
    /// `create_parent_index`, default false.
    pub create_parent_index: bool,
    // Tenant scoping
    /// `tenant_scope_column`.
    pub tenant_scope_column: Option<String>,
    /// `require_tenant_match`, default false.
    pub require_tenant_match: bool,
    // Generator control
    /// Lineage kind of seed 7.4, carried in `generator_flags` under `lineage_kind`.
    pub lineage: Option<LineageKind>,
    /// `generator_flags` without the `lineage_kind` key (a JSON object).
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub generator_flags: serde_json::Map<String, serde_json::Value>,
    /// `notes`.
    pub notes: Option<String>,
    // Timestamps
    /// `created_at`.
    pub created_at: Timestamp,
    /// `updated_at`.
    pub updated_at: Timestamp,
}

impl Relationship {
    /// A relationship with the DDL's defaults for everything but its identity and ends.
    pub fn with_defaults(
        id: RelationshipId,
        key: impl Into<String>,
        module: impl Into<String>,
        child: RelationshipEnd,
        parent: RelationshipEnd,
        now: Timestamp,
    ) -> Self {
        Self {
            id,
            key: key.into(),
            constraint_name: None,
            availability: AvailabilityStatus::Active,
            version: 1,
            change_reason: None,
            module: module.into(),
            owner_team: None,
            created_by: None,
            approved_by: None,
            approved_at: None,
            child,
            parent,
            relationship_type: RelationshipType::ForeignKey,
            enforcement: EnforcementMode::Auto,
            cardinality: None,
            is_required: true,
            enforce_child_unique: false,
            match_type: MatchType::Simple,
            deferrable: false,
            initially_deferred: false,
            on_delete: ReferentialAction::Restrict,
            on_update: ReferentialAction::Restrict,
            create_child_index: true,
            child_index_name: None,
            child_index_method: IndexMethod::Btree,
            create_parent_index: false,
            tenant_scope_column: None,
            require_tenant_match: false,
            lineage: None,
            generator_flags: serde_json::Map::new(),
            notes: None,
            created_at: now.clone(),
            updated_at: now,
        }
    }

    /// The lineage kind: the explicit one, else what the relationship type implies.
    pub fn lineage_kind(&self) -> LineageKind {
        self.lineage.unwrap_or(match self.relationship_type {
            RelationshipType::ForeignKey => LineageKind::References,
            RelationshipType::JoinBridge => LineageKind::Joins,
            RelationshipType::Logical => LineageKind::DependsOn,
        })
    }

    /// `generator_flags` as stored: the extra flags plus `lineage_kind` when set.
    pub fn stored_generator_flags(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut flags = self.generator_flags.clone();
        if let Some(kind) = self.lineage {
            flags.insert(LineageKind::FLAG.to_owned(), serde_json::Value::from(crate::Vocabulary::as_str(kind)));
        }
        flags
    }

    /// Whether this relationship is, or once active will be, a database FK: a foreign_key,
    /// enforced by the tooling or the database, with both ends in the same database.
    pub fn emits_foreign_key(&self) -> bool {
        self.relationship_type == RelationshipType::ForeignKey
            && matches!(self.enforcement, EnforcementMode::Auto | EnforcementMode::DbFk)
            && self.child.same_database(&self.parent)
    }

    /// Whether a database FK enforces this relationship now (seed section 11): it
    /// [emits a foreign key](Self::emits_foreign_key) and is active.
    pub fn is_db_enforceable(&self) -> bool {
        self.emits_foreign_key() && self.availability == AvailabilityStatus::Active
    }
}
