//! What a DBML file says that the registries have no column for, kept so a DBML export writes
//! it back as it was: the `Project` as written, tables' aliases, the refs' colours, how
//! composite keys and indexes were spelt, `TablePartial`s and where tables inject them, and
//! the whole-diagram items (sticky notes, `Records`, `DiagramView`s) verbatim.
//!
//! Everything here describes DBML text; what the registries model (tables, columns, keys,
//! notes, groups) stays in the registries, and an edit there wins over anything kept here.

use serde::{Deserialize, Serialize};

use crate::ids::TableRef;

/// DBML-only data of a workspace: see the module documentation. Empty (the default) for a
/// workspace that never came from DBML.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DbmlExtras {
    /// The `Project` element as written; `None` when the DBML source had none, or the
    /// workspace did not come from DBML (see [`Self::imported`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<DbmlProject>,
    /// Whether a DBML import made these extras: an export then writes a `Project` only when
    /// the source had one, instead of one made from the tables.
    #[serde(default, skip_serializing_if = "is_false")]
    pub imported: bool,
    /// Tables' DBML-only settings, one entry per table that has any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<DbmlTable>,
    /// Refs' DBML-only settings, by relationship key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<DbmlRef>,
    /// `TablePartial`s, verbatim, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partials: Vec<DbmlPartial>,
    /// Sticky notes, `Records` and `DiagramView`s, verbatim, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DbmlItem>,
}

impl DbmlExtras {
    /// Whether nothing is kept (serde leaves the field out then).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The extras of the tables `keep` keeps: theirs and those of no table.
    pub fn only_tables(&self, keep: impl Fn(&TableRef) -> bool) -> Self {
        let mut out = self.clone();
        out.tables.retain(|t| keep(&t.table));
        out.items.retain(|i| i.table.as_ref().is_none_or(&keep));
        out
    }

    /// The extras of `table`, if it has any.
    pub fn table(&self, table: &TableRef) -> Option<&DbmlTable> {
        self.tables.iter().find(|t| t.table == *table)
    }

    /// The extras of the ref whose relationship has `key`, if it has any.
    pub fn ref_(&self, key: &str) -> Option<&DbmlRef> {
        self.refs.iter().find(|r| r.key == key)
    }
}

/// `Project name { database_type: '…' key: value Note: '…' }`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DbmlProject {
    /// The project's name, when written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its settings in source order, `database_type` included, each value as DBML text
    /// (`'PostgreSQL'`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<DbmlSetting>,
    /// Its note, as read (dedented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One `key: value` setting, its value as DBML text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlSetting {
    /// The key, as written.
    pub name: String,
    /// The value as DBML text: `'PostgreSQL'`, `#aabbcc`, `42`.
    pub value: String,
}

/// A table's DBML-only settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlTable {
    /// The table.
    pub table: TableRef,
    /// `Table name as alias`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The composite primary key was written `[pk, unique]`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pk_unique: bool,
    /// The indexes written with an explicit `type: btree` (the registry's default method,
    /// which the export otherwise leaves unsaid), each by [`index_key`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_btree: Vec<String>,
    /// The partials the table injects (`~name`), each with the number of the table's own
    /// columns written before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<DbmlInjection>,
    /// The indexes its partials brought (by [`index_key`]): the export leaves them to the
    /// partials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_indexes: Vec<String>,
    /// The expressions of the `checks { }` entries its partials brought.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_checks: Vec<String>,
}

impl DbmlTable {
    /// An entry for `table` saying nothing yet.
    pub fn new(table: TableRef) -> Self {
        Self {
            table,
            alias: None,
            pk_unique: false,
            typed_btree: Vec::new(),
            injects: Vec::new(),
            partial_indexes: Vec::new(),
            partial_checks: Vec::new(),
        }
    }

    /// Whether the entry says nothing beyond naming its table.
    pub fn is_empty(&self) -> bool {
        self.alias.is_none()
            && !self.pk_unique
            && self.typed_btree.is_empty()
            && self.injects.is_empty()
            && self.partial_indexes.is_empty()
            && self.partial_checks.is_empty()
    }
}

/// `~partial` in a table's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlInjection {
    /// The partial's name.
    pub partial: String,
    /// How many of the table's own columns come before it.
    pub after: usize,
    /// The columns the partial brought into the table (the table's own columns of the same
    /// name override the partial's and are not listed): the export leaves them to `~name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
}

/// A `TablePartial`, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlPartial {
    /// Its name.
    pub name: String,
    /// Its text, from `TablePartial` to its closing `}`.
    pub text: String,
}

/// A ref's DBML-only settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlRef {
    /// The relationship's key.
    pub key: String,
    /// `color: #…` (one that is not a lineage colour of Relata's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// A whole-diagram element kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlItem {
    /// What it is.
    pub kind: DbmlItemKind,
    /// The table it belongs to: the table of `Records`, written inside the table's body when
    /// [`Self::in_table`]; an export of part of a workspace keeps it only with its table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableRef>,
    /// `Records { }` written inside its table's body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_table: bool,
    /// Its text, from its keyword to its closing `}`.
    pub text: String,
}

/// The kind of a [`DbmlItem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DbmlItemKind {
    /// `Note name [settings] { '…' }`.
    StickyNote,
    /// `Records …`.
    Records,
    /// `DiagramView name { … }`.
    DiagramView,
}

/// How [`DbmlTable::typed_btree`] names an index: its name, else its parts as written in
/// DBML's `indexes { }` (`(a, b)`).
pub fn index_key(index: &crate::table::Index) -> String {
    match &index.name {
        Some(name) => name.clone(),
        None => {
            let parts: Vec<String> = index
                .parts
                .iter()
                .map(|p| match &p.key {
                    crate::table::IndexKey::Column(c) => c.clone(),
                    crate::table::IndexKey::Expression(e) => format!("`{e}`"),
                })
                .collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Whether `value` is `false` (serde's test for leaving a flag out).
fn is_false(value: &bool) -> bool {
    !*value
}
