//! Rule sets: which checks run at which severity, and the conventions they check against, all
//! as data. Presets ship as JSON beside the crate; users write the same JSON, optionally
//! `"extends"`-ing a preset and changing only what differs.

use std::collections::BTreeMap;
use std::fmt;

use relata_model::{
    AvailabilityStatus, Index, IndexKey, Relationship, Severity, Table, TableStatus, UniqueConstraint,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes;

const PRESETS: &[(&str, &str)] =
    &[("zayaz", include_str!("../presets/zayaz.json")), ("conventional", include_str!("../presets/conventional.json"))];

/// The placeholders a table-level name template (`index`, `unique_index`,
/// `unique_constraint`) may use.
const TABLE_PLACEHOLDERS: &[&str] = &["schema", "table", "columns"];

/// The placeholders a relationship-level template (`relationship_key`, `foreign_key`,
/// `child_index`) may use.
const RELATIONSHIP_PLACEHOLDERS: &[&str] =
    &["child_schema", "child_table", "child_columns", "parent_schema", "parent_table", "parent_columns"];

/// A validated rule set: the checks that are on, with their severities, and the conventions
/// (prefixes, schemas, naming) they check against.
///
/// It (de)serializes as the JSON of `presets/*.json`; deserializing validates it the way
/// [`RuleSet::from_json`] does (without `"extends"`, which only `from_json` resolves).
///
/// The JSON object has these keys (all but `name` optional; unknown keys are refused):
/// - `name`, `description`: what the rule set is called and stands for.
/// - `checks`: code → `"error" | "warning" | "info" | "off"`; a code not listed is off. The
///   [`codes::FIXED`] codes are always errors.
/// - `prefixes`: `required` (every table needs a known prefix) and `known`, a list of
///   `{ "prefix": "ref_", "meaning": "…" }`.
/// - `schemas`: `by_prefix` (prefix → schemas its tables may live in; a prefix without an
///   entry may live anywhere), `any_prefix` (schemas open to every prefix) and a `note`.
/// - `dependencies`: `stable_statuses` (table statuses new dependencies may target),
///   `new_availability` (relationship availabilities that count as new dependencies),
///   `retiring_statuses` (table statuses even active relationships should leave).
/// - `join_tables`: `prefixes` (a join table's name starts with one) and/or
///   `named_after_parents` (a junction is named after two tables it references).
/// - `names`: `max_identifier_bytes` and the templates `relationship_key`, `foreign_key`,
///   `child_index` (placeholders `{child_schema}`, `{child_table}`, `{child_columns}`,
///   `{parent_schema}`, `{parent_table}`, `{parent_columns}`) and `index`, `unique_index`,
///   `unique_constraint` (placeholders `{schema}`, `{table}`, `{columns}`); column lists are
///   joined by `_`.
/// - `naming` (needed by the R4xx checks): `id_column`, `id_type`, `fk_suffix`,
///   `fk_column_exceptions`, `index_prefix`, `unique_prefix`, `standard_columns`,
///   `standard_columns_note`, `irregular_plurals` (singular → plural) and `uncountable`.
/// - `types`: `extra`, type names accepted besides PostgreSQL's own and the workspace enums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RuleSetData", into = "RuleSetData")]
pub struct RuleSet {
    pub(crate) data: RuleSetData,
    severities: BTreeMap<&'static str, Severity>,
}

/// A severity a rule set gives a check, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the check.
    Off,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Info => Some(Severity::Info),
            Self::Off => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Off => "off",
        }
    }
}

/// A known table prefix and what it says about a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prefix {
    /// The prefix, ending in `_`, e.g. `ref_`.
    pub prefix: String,
    /// What kind of table carries it.
    pub meaning: String,
}

/// Why a rule set could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct RuleSetError {
    kind: RuleSetErrorKind,
}

impl RuleSetError {
    /// What went wrong.
    pub fn kind(&self) -> &RuleSetErrorKind {
        &self.kind
    }
}

impl From<RuleSetErrorKind> for RuleSetError {
    fn from(kind: RuleSetErrorKind) -> Self {
        Self { kind }
    }
}

/// The kinds of [`RuleSetError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleSetErrorKind {
    /// The text is not JSON of the rule-set shape; the message says where and why.
    #[error("rule set is not valid: {message}")]
    Json {
        /// serde's message, with line and column where known.
        message: String,
    },
    /// `"extends"` (or a lookup by name) names no preset.
    #[error("unknown rule set preset `{name}`; the presets are: {known}")]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The preset names, comma separated.
        known: String,
    },
    /// `checks` names a code that is not in [`codes::CODES`].
    #[error("unknown check `{code}` in `checks`; codes run from R101 to R405 (see relata_rules::codes::CODES)")]
    UnknownCheck {
        /// The unknown code.
        code: String,
    },
    /// A check that mirrors a registry DDL constraint was set to something other than `error`.
    #[error("check `{code}` mirrors a constraint of the registry DDL and is always an error; remove `\"{code}\": \"{level}\"` from `checks`")]
    FixedCheck {
        /// The code.
        code: String,
        /// The level the rule set asked for.
        level: &'static str,
    },
    /// A name template uses an unknown placeholder or unbalanced braces.
    #[error("template `names.{field}` = `{template}` is not valid: {reason}")]
    BadTemplate {
        /// Which template.
        field: &'static str,
        /// Its text.
        template: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A check is on but the section it needs is missing.
    #[error("check `{code}` is on but the rule set has no `{section}` section; add it or turn `{code}` off")]
    MissingSection {
        /// The check.
        code: &'static str,
        /// The section it needs.
        section: &'static str,
    },
    /// A value is out of range or inconsistent with another.
    #[error("`{field}` is not valid: {reason}")]
    BadValue {
        /// The field, as a JSON path.
        field: String,
        /// Why.
        reason: String,
    },
}

impl RuleSet {
    /// The preset called `name` (see [`RuleSet::preset_names`]); `None` for any other name.
    pub fn preset(name: &str) -> Option<RuleSet> {
        PRESETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Self::from_json(text).unwrap_or_else(|e| panic!("preset `{name}` is broken: {e}")))
    }

    /// The preset names, the default (`zayaz`) first.
    pub fn preset_names() -> &'static [&'static str] {
        &["zayaz", "conventional"]
    }

    /// The preset called `name`, or an error that lists the presets.
    pub fn named(name: &str) -> Result<RuleSet, RuleSetError> {
        Self::preset(name).ok_or_else(|| unknown_preset(name))
    }

    /// Reads a user-supplied rule set. With `"extends": "<preset>"` the text only needs what
    /// differs from the preset: objects merge key by key (so `checks` can change one code),
    /// arrays and plain values replace the preset's.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let mut value: Value = serde_json::from_str(text).map_err(json_error)?;
        let extends = match value.as_object_mut().and_then(|o| o.remove("extends")) {
            None => None,
            Some(Value::String(name)) => Some(name),
            Some(other) => {
                return Err(RuleSetErrorKind::BadValue {
                    field: "extends".into(),
                    reason: format!("expected a preset name in quotes, found `{other}`"),
                }
                .into())
            }
        };
        let data: RuleSetData = match extends {
            // Parse from the text so that serde's errors carry line and column.
            None => serde_json::from_str(text).map_err(json_error)?,
            Some(name) => {
                let base = PRESETS.iter().find(|(n, _)| *n == name).ok_or_else(|| unknown_preset(&name))?.1;
                let mut merged: Value = serde_json::from_str(base).map_err(json_error)?;
                merge(&mut merged, value);
                serde_json::from_value(merged).map_err(json_error)?
            }
        };
        Self::try_from(data)
    }

    /// The rule set's name, e.g. `zayaz`.
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// What the rule set stands for, in a sentence or two.
    pub fn description(&self) -> &str {
        &self.data.description
    }

    /// The severity `code` reports with, or `None` when the check is off or unknown.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.severities.get(code).copied()
    }

    /// The known table prefixes with their meanings.
    pub fn prefixes(&self) -> &[Prefix] {
        &self.data.prefixes.known
    }

    /// The identifier limit in bytes (PostgreSQL: 63).
    pub fn max_identifier_bytes(&self) -> usize {
        self.data.names.max_identifier_bytes
    }

    /// The deterministic `relationship_key` of `r`, from the `names.relationship_key` template.
    pub fn relationship_key(&self, r: &Relationship) -> String {
        expand(&self.data.names.relationship_key, &relationship_vars(r))
    }

    /// The foreign-key constraint name of `r`: its `constraint_name`, else the
    /// `names.foreign_key` template.
    pub fn foreign_key_name(&self, r: &Relationship) -> String {
        r.constraint_name.clone().unwrap_or_else(|| expand(&self.data.names.foreign_key, &relationship_vars(r)))
    }

    /// The child-index name of `r`: its `child_index_name`, else the `names.child_index`
    /// template.
    pub fn child_index_name(&self, r: &Relationship) -> String {
        r.child_index_name.clone().unwrap_or_else(|| expand(&self.data.names.child_index, &relationship_vars(r)))
    }

    /// The name of `index` on `table`: its own, else the `names.index` or `names.unique_index`
    /// template. Expression parts enter generated names as their words joined by `_`
    /// (`lower(email)` gives `lower_email`).
    pub fn index_name(&self, table: &Table, index: &Index) -> String {
        index.name.clone().unwrap_or_else(|| {
            let columns: Vec<String> = index
                .parts
                .iter()
                .map(|p| match &p.key {
                    IndexKey::Column(c) => c.clone(),
                    IndexKey::Expression(e) => expression_words(e),
                })
                .collect();
            let template = if index.unique { &self.data.names.unique_index } else { &self.data.names.index };
            expand(template, &table_vars(table, &columns))
        })
    }

    /// The name of `constraint` on `table`: its own, else the `names.unique_constraint`
    /// template.
    pub fn unique_constraint_name(&self, table: &Table, constraint: &UniqueConstraint) -> String {
        constraint
            .name
            .clone()
            .unwrap_or_else(|| expand(&self.data.names.unique_constraint, &table_vars(table, &constraint.columns)))
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.data.name)
    }
}

fn unknown_preset(name: &str) -> RuleSetError {
    RuleSetErrorKind::UnknownPreset { name: name.to_owned(), known: RuleSet::preset_names().join(", ") }.into()
}

fn json_error(e: serde_json::Error) -> RuleSetError {
    RuleSetErrorKind::Json { message: e.to_string() }.into()
}

/// Merges `patch` into `base`: objects key by key, everything else replaced.
fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(base), Value::Object(patch)) => {
            for (key, value) in patch {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

// ---------------------------------------------------------------------------------------------
// The data, as the JSON spells it.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSetData {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub checks: BTreeMap<String, Level>,
    #[serde(default)]
    pub prefixes: PrefixRules,
    #[serde(default)]
    pub schemas: SchemaRules,
    #[serde(default)]
    pub dependencies: DependencyRules,
    #[serde(default)]
    pub join_tables: JoinTableRules,
    #[serde(default)]
    pub names: NameRules,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naming: Option<NamingRules>,
    #[serde(default)]
    pub types: TypeRules,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PrefixRules {
    /// Whether every table must carry a known prefix.
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub known: Vec<Prefix>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SchemaRules {
    #[serde(default)]
    pub note: String,
    /// Prefix → the schemas its tables may live in. A prefix without an entry may live anywhere.
    #[serde(default)]
    pub by_prefix: BTreeMap<String, Vec<String>>,
    /// Schemas any table may live in, whatever its prefix (the lakehouse layers).
    #[serde(default)]
    pub any_prefix: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DependencyRules {
    /// Table statuses a new dependency may target.
    pub stable_statuses: Vec<TableStatus>,
    /// Relationship availabilities that make a relationship a new dependency.
    pub new_availability: Vec<AvailabilityStatus>,
    /// Table statuses even active relationships should no longer target.
    pub retiring_statuses: Vec<TableStatus>,
}

impl Default for DependencyRules {
    fn default() -> Self {
        Self {
            stable_statuses: vec![TableStatus::Stable],
            new_availability: vec![AvailabilityStatus::Draft, AvailabilityStatus::Pending, AvailabilityStatus::Future],
            retiring_statuses: vec![TableStatus::Deprecated, TableStatus::Retired],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JoinTableRules {
    /// A table whose name starts with one of these is a join table.
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// A table named after two of its parent tables (`role_permissions` for `roles` and
    /// `permissions`) is a join table.
    #[serde(default)]
    pub named_after_parents: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NameRules {
    #[serde(default = "default_max_identifier_bytes")]
    pub max_identifier_bytes: usize,
    #[serde(default = "default_relationship_key")]
    pub relationship_key: String,
    #[serde(default = "default_foreign_key")]
    pub foreign_key: String,
    #[serde(default = "default_child_index")]
    pub child_index: String,
    #[serde(default = "default_index")]
    pub index: String,
    #[serde(default = "default_unique")]
    pub unique_index: String,
    #[serde(default = "default_unique")]
    pub unique_constraint: String,
}

fn default_max_identifier_bytes() -> usize {
    63
}
fn default_relationship_key() -> String {
    "{child_table}__{child_columns}__{parent_table}".into()
}
fn default_foreign_key() -> String {
    "fk_{child_table}__{parent_table}__{child_columns}".into()
}
fn default_child_index() -> String {
    "idx_{child_table}__{child_columns}".into()
}
fn default_index() -> String {
    "idx_{table}__{columns}".into()
}
fn default_unique() -> String {
    "uq_{table}__{columns}".into()
}

impl Default for NameRules {
    fn default() -> Self {
        Self {
            max_identifier_bytes: default_max_identifier_bytes(),
            relationship_key: default_relationship_key(),
            foreign_key: default_foreign_key(),
            child_index: default_child_index(),
            index: default_index(),
            unique_index: default_unique(),
            unique_constraint: default_unique(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NamingRules {
    pub id_column: String,
    pub id_type: String,
    pub fk_suffix: String,
    #[serde(default)]
    pub fk_column_exceptions: Vec<String>,
    pub index_prefix: String,
    pub unique_prefix: String,
    #[serde(default)]
    pub standard_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub standard_columns_note: String,
    /// Singular → plural for words the `s` rules get wrong.
    #[serde(default)]
    pub irregular_plurals: BTreeMap<String, String>,
    /// Words that are their own plural.
    #[serde(default)]
    pub uncountable: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TypeRules {
    /// Type names accepted besides PostgreSQL's own and the workspace enums (extension types).
    #[serde(default)]
    pub extra: Vec<String>,
}

impl TryFrom<RuleSetData> for RuleSet {
    type Error = RuleSetError;

    fn try_from(data: RuleSetData) -> Result<Self, Self::Error> {
        for (code, level) in &data.checks {
            if codes::lookup(code).is_none() {
                return Err(RuleSetErrorKind::UnknownCheck { code: code.clone() }.into());
            }
            if codes::FIXED.contains(&code.as_str()) && *level != Level::Error {
                return Err(RuleSetErrorKind::FixedCheck { code: code.clone(), level: level.as_str() }.into());
            }
        }
        let mut severities = BTreeMap::new();
        for (code, ..) in codes::CODES {
            let level = if codes::FIXED.contains(code) {
                Level::Error
            } else {
                data.checks.get(*code).copied().unwrap_or(Level::Off)
            };
            if let Some(severity) = level.severity() {
                severities.insert(*code, severity);
            }
        }
        if let Some(code) = severities.keys().find(|c| c.starts_with("R4")) {
            if data.naming.is_none() {
                return Err(RuleSetErrorKind::MissingSection { code, section: "naming" }.into());
            }
        }
        let names = &data.names;
        for (field, template, allowed) in [
            ("relationship_key", &names.relationship_key, RELATIONSHIP_PLACEHOLDERS),
            ("foreign_key", &names.foreign_key, RELATIONSHIP_PLACEHOLDERS),
            ("child_index", &names.child_index, RELATIONSHIP_PLACEHOLDERS),
            ("index", &names.index, TABLE_PLACEHOLDERS),
            ("unique_index", &names.unique_index, TABLE_PLACEHOLDERS),
            ("unique_constraint", &names.unique_constraint, TABLE_PLACEHOLDERS),
        ] {
            validate_template(template, allowed).map_err(|reason| RuleSetErrorKind::BadTemplate {
                field,
                template: template.clone(),
                reason,
            })?;
        }
        if names.max_identifier_bytes == 0 {
            return Err(RuleSetErrorKind::BadValue {
                field: "names.max_identifier_bytes".into(),
                reason: "must be at least 1 (PostgreSQL: 63)".into(),
            }
            .into());
        }
        for p in &data.prefixes.known {
            if !p.prefix.ends_with('_') || p.prefix.len() < 2 {
                return Err(RuleSetErrorKind::BadValue {
                    field: "prefixes.known".into(),
                    reason: format!("prefix `{}` must be a word followed by `_`, like `ref_`", p.prefix),
                }
                .into());
            }
        }
        for prefix in data.schemas.by_prefix.keys() {
            if !data.prefixes.known.iter().any(|p| &p.prefix == prefix) {
                return Err(RuleSetErrorKind::BadValue {
                    field: format!("schemas.by_prefix.{prefix}"),
                    reason: format!("`{prefix}` is not one of `prefixes.known`; add it there first"),
                }
                .into());
            }
        }
        Ok(Self { data, severities })
    }
}

impl From<RuleSet> for RuleSetData {
    fn from(rules: RuleSet) -> Self {
        rules.data
    }
}

// ---------------------------------------------------------------------------------------------
// Name templates.

fn validate_template(template: &str, allowed: &[&str]) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` has no `{`".into());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("a `{` is never closed")?;
        let name = &after[..close];
        if !allowed.contains(&name) {
            return Err(format!("unknown placeholder `{{{name}}}`; use {}", allowed.join(", ")));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// A placeholder's value: a name, or a column list joined with `_`.
enum Var<'a> {
    Text(&'a str),
    Joined(&'a [String]),
}

/// Replaces the template's `{name}` placeholders in one pass (the templates were validated when
/// the rule set loaded). Values are inserted as they are: a name that itself contains `{…}` is
/// not expanded again. Exports name every constraint through this, so it writes straight into
/// one string.
fn expand(template: &str, vars: &[(&str, Var<'_>)]) -> String {
    let mut out = String::with_capacity(template.len() + 48);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let found = after.find('}').and_then(|close| vars.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, v)));
        match found {
            Some((close, value)) => {
                match value {
                    Var::Text(text) => out.push_str(text),
                    Var::Joined(columns) => {
                        for (i, c) in columns.iter().enumerate() {
                            if i > 0 {
                                out.push('_');
                            }
                            out.push_str(c);
                        }
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn relationship_vars(r: &Relationship) -> [(&'static str, Var<'_>); 6] {
    [
        ("child_schema", Var::Text(&r.child.schema)),
        ("child_table", Var::Text(&r.child.table)),
        ("child_columns", Var::Joined(&r.child.columns)),
        ("parent_schema", Var::Text(&r.parent.schema)),
        ("parent_table", Var::Text(&r.parent.table)),
        ("parent_columns", Var::Joined(&r.parent.columns)),
    ]
}

fn table_vars<'a>(table: &'a Table, columns: &'a [String]) -> [(&'static str, Var<'a>); 3] {
    [("schema", Var::Text(&table.schema)), ("table", Var::Text(&table.name)), ("columns", Var::Joined(columns))]
}

/// `lower(email)` → `lower_email`: the identifier characters of an expression, runs of
/// anything else collapsed to one `_`.
fn expression_words(expression: &str) -> String {
    expression
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}
