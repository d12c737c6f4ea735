//! Registry rows as ordered text fields, shared by every store: the column lists of the
//! registry DDL and the conversions between validated entries and their fields.
//!
//! A field is `None` for SQL NULL. Decoding reports every bad field of a row, not just the
//! first, with the column it concerns.

use relata_model::{
    AvailabilityStatus, Cardinality, ColumnSpec, ConnectionType, EnforcementMode, IndexMethod, LineageKind,
    MatchType, ReferentialAction, Relationship, RelationshipEnd, RelationshipId,
    RelationshipType, RowType, Signal, SignalId, SignalRole, Table, TableId, TableRef,
    TableStatus, Timestamp, Vocabulary,
};
use serde_json::Value;

use crate::codes;
use crate::{json, pg_array};

/// The storage type of a registry column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `UUID`.
    Uuid,
    /// `TEXT` (vocabularies included).
    Text,
    /// `INTEGER`.
    Int,
    /// `BOOLEAN`.
    Bool,
    /// `TIMESTAMPTZ`.
    Timestamp,
    /// `TEXT[]`.
    TextArray,
    /// `JSONB`.
    Json,
}

/// One registry column: its PostgreSQL name, type and nullability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The PostgreSQL column name (and CSV header).
    pub name: &'static str,
    /// Storage type.
    pub kind: Kind,
    /// `NOT NULL` in the DDL.
    pub required: bool,
}

const fn col(name: &'static str, kind: Kind, required: bool) -> Column {
    Column { name, kind, required }
}

use Kind::{Bool, Int, Json, Text, TextArray, Timestamp as Ts, Uuid};

/// `table_overview` columns in DDL order.
pub const TABLE_OVERVIEW: &[Column] = &[
    col("table_id", Uuid, true),
    col("table_name", Text, true),
    col("table_prefix", Text, false),
    col("schema_name", Text, true),
    col("module_name", Text, true),
    col("status", Text, true),
    col("purpose", Text, false),
    col("primary_key_columns", TextArray, true),
    col("db_engine", Text, true),
    col("db_name", Text, false),
    col("owner_team", Text, false),
    col("notes", Text, false),
    col("created_at", Ts, true),
    col("updated_at", Ts, true),
];

/// `signal_registry` columns in DDL order.
pub const SIGNAL_REGISTRY: &[Column] = &[
    col("signal_id", Uuid, true),
    col("schema_name", Text, false),
    col("table_name", Text, false),
    col("column_name", Text, true),
    col("ordinal_position", Int, false),
    col("data_type", Text, true),
    col("is_nullable", Bool, true),
    col("column_default", Text, false),
    col("signal_role", Text, true),
    col("row_type", Text, true),
    col("concept_name", Text, false),
    col("connection_type", Text, true),
    col("semantic_description", Text, false),
    col("created_at", Ts, true),
    col("updated_at", Ts, true),
];

/// `relationship_registry` columns in DDL order (all 41 of the registry design).
pub const RELATIONSHIP_REGISTRY: &[Column] = &[
    col("relationship_id", Uuid, true),
    col("relationship_key", Text, true),
    col("constraint_name", Text, false),
    col("availability_status", Text, true),
    col("version", Int, true),
    col("change_reason", Text, false),
    col("module_name", Text, true),
    col("owner_team", Text, false),
    col("created_by", Text, false),
    col("approved_by", Text, false),
    col("approved_at", Ts, false),
    col("child_db_engine", Text, true),
    col("child_db_name", Text, false),
    col("child_schema", Text, true),
    col("child_table", Text, true),
    col("child_columns", TextArray, true),
    col("parent_db_engine", Text, true),
    col("parent_db_name", Text, false),
    col("parent_schema", Text, true),
    col("parent_table", Text, true),
    col("parent_columns", TextArray, true),
    col("relationship_type", Text, true),
    col("enforcement_mode", Text, true),
    col("cardinality", Text, false),
    col("is_required", Bool, true),
    col("enforce_child_unique", Bool, true),
    col("match_type", Text, true),
    col("deferrable", Bool, true),
    col("initially_deferred", Bool, true),
    col("on_delete", Text, true),
    col("on_update", Text, true),
    col("create_child_index", Bool, true),
    col("child_index_name", Text, false),
    col("child_index_method", Text, true),
    col("create_parent_index", Bool, true),
    col("tenant_scope_column", Text, false),
    col("require_tenant_match", Bool, true),
    col("generator_flags", Json, true),
    col("notes", Text, false),
    col("created_at", Ts, true),
    col("updated_at", Ts, true),
];

/// A bad field of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Index of the column in the registry's column list.
    pub column: usize,
    /// Character offset inside the field where the problem is (0 for the whole field).
    pub offset: usize,
    /// Diagnostic code (see [`crate::codes`]).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// Receives the fields of a row one by one, in column order (`None` for SQL NULL); the text
/// is borrowed for the call only.
pub type FieldSink<'f> = &'f mut dyn FnMut(Option<&str>);

/// Encodes a table row.
pub fn encode_table(t: &Table) -> Vec<Option<String>> {
    collect(TABLE_OVERVIEW.len(), |field| table_fields(t, field))
}

/// Calls `field` with each field of `t`'s row, in [`TABLE_OVERVIEW`] order: the text
/// [`encode_table`] gives, borrowed where the entry holds it, so a printer can write a row
/// without building it first.
pub fn table_fields(t: &Table, field: FieldSink<'_>) {
    let mut text = Scratch::default();
    field(Some(text.display(&t.id)));
    field(Some(&t.name));
    field(t.prefix.as_deref());
    field(Some(&t.schema));
    field(Some(&t.module));
    field(Some(t.status.as_str()));
    field(t.purpose.as_deref());
    field(Some(text.array(&t.primary_key)));
    field(Some(&t.db_engine));
    field(t.db_name.as_deref());
    field(t.owner_team.as_deref());
    field(t.notes.as_deref());
    field(Some(t.created_at.as_str()));
    field(Some(t.updated_at.as_str()));
}

/// Decodes a table row. Relata-only extras (indexes, colour) start empty.
pub fn decode_table(fields: &[Option<&str>]) -> Result<Table, Vec<FieldError>> {
    let mut d = Decoder::new(TABLE_OVERVIEW, fields);
    let table = Table {
        id: TableId(d.uuid("table_id")),
        name: d.text("table_name"),
        prefix: d.opt("table_prefix"),
        schema: d.text("schema_name"),
        module: d.text("module_name"),
        status: d.vocab("status", TableStatus::Draft),
        purpose: d.opt("purpose"),
        primary_key: d.array("primary_key_columns"),
        db_engine: d.text("db_engine"),
        db_name: d.opt("db_name"),
        owner_team: d.opt("owner_team"),
        notes: d.opt("notes"),
        created_at: d.timestamp("created_at"),
        updated_at: d.timestamp("updated_at"),
        unique_constraints: Vec::new(),
        indexes: Vec::new(),
        color: None,
        primary_key_name: None,
        checks: Vec::new(),
        exclusions: Vec::new(),
        partition_by: None,
        partition_of: None,
        view: None,
    };
    if let Some(prefix) = &table.prefix {
        let ok = prefix.len() >= 2
            && prefix.ends_with('_')
            && prefix.starts_with(|c: char| c.is_ascii_lowercase())
            && prefix[..prefix.len() - 1].chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !ok {
            d.fail("table_prefix", codes::L116, format!("table_prefix `{prefix}` must be lower-case letters and digits ending in `_`, like `ref_` (to_prefix_format_chk)"));
        }
    }
    d.finish(table)
}

/// Encodes a signal row.
pub fn encode_signal(s: &Signal) -> Vec<Option<String>> {
    collect(SIGNAL_REGISTRY.len(), |field| signal_fields(s, field))
}

/// Calls `field` with each field of `s`'s row, in [`SIGNAL_REGISTRY`] order (see
/// [`table_fields`]).
pub fn signal_fields(s: &Signal, field: FieldSink<'_>) {
    let mut text = Scratch::default();
    field(Some(text.display(&s.id)));
    field(s.table.as_ref().map(|t| t.schema.as_str()));
    field(s.table.as_ref().map(|t| t.table.as_str()));
    field(Some(&s.column));
    field(s.ordinal.map(|n| text.display(&n)));
    field(Some(&s.data_type));
    field(Some(bool_text(s.nullable)));
    field(s.default.as_deref());
    field(Some(s.role.as_str()));
    field(Some(s.row_type.as_str()));
    field(s.concept.as_deref());
    field(Some(s.connection.as_str()));
    field(s.description.as_deref());
    field(Some(s.created_at.as_str()));
    field(Some(s.updated_at.as_str()));
}

/// Decodes a signal row, enforcing the DDL's CHECKs that the model's types cannot.
pub fn decode_signal(fields: &[Option<&str>]) -> Result<Signal, Vec<FieldError>> {
    let mut d = Decoder::new(SIGNAL_REGISTRY, fields);
    let schema = d.opt("schema_name");
    let table = d.opt("table_name");
    let ordinal = d.opt_int("ordinal_position");
    let signal = Signal {
        id: SignalId(d.uuid("signal_id")),
        table: None,
        column: d.text("column_name"),
        ordinal: None,
        data_type: d.text("data_type"),
        nullable: d.bool("is_nullable"),
        default: d.opt("column_default"),
        role: d.vocab("signal_role", SignalRole::Attribute),
        row_type: d.vocab("row_type", RowType::Binding),
        concept: d.opt("concept_name"),
        connection: d.vocab("connection_type", ConnectionType::ReadWrite),
        description: d.opt("semantic_description"),
        created_at: d.timestamp("created_at"),
        updated_at: d.timestamp("updated_at"),
        spec: ColumnSpec::default(),
    };
    let table = match (schema, table) {
        (Some(schema), Some(table)) => Some(TableRef { schema, table }),
        (None, None) => None,
        (Some(_), None) => {
            d.fail("table_name", codes::L107, "schema_name is set but table_name is empty; give both or neither (sr_table_pair_chk)");
            None
        }
        (None, Some(_)) => {
            d.fail("schema_name", codes::L107, "table_name is set but schema_name is empty; give both or neither (sr_table_pair_chk)");
            None
        }
    };
    let ordinal = match ordinal {
        Some(n) if n < 1 => {
            d.fail("ordinal_position", codes::L116, format!("ordinal_position {n} must be 1 or more (sr_ordinal_chk)"));
            None
        }
        Some(n) => Some(n as u32),
        None => None,
    };
    if signal.row_type == RowType::Binding && (table.is_none() || ordinal.is_none()) && !d.failed() {
        let field = if table.is_none() { "table_name" } else { "ordinal_position" };
        d.fail(field, codes::L116, "a binding (a physical column) needs schema_name, table_name and ordinal_position (sr_binding_location_chk)");
    }
    if signal.row_type == RowType::Concept && signal.concept.is_some() {
        d.fail("concept_name", codes::L116, "only a binding names a concept; a concept row leaves concept_name empty (sr_concept_ref_chk)");
    }
    d.finish(Signal { table, ordinal, ..signal })
}

/// Encodes a relationship row.
pub fn encode_relationship(r: &Relationship) -> Vec<Option<String>> {
    collect(RELATIONSHIP_REGISTRY.len(), |field| relationship_fields(r, field))
}

/// Calls `field` with each field of `r`'s row, in [`RELATIONSHIP_REGISTRY`] order (see
/// [`table_fields`]).
pub fn relationship_fields(r: &Relationship, field: FieldSink<'_>) {
    let mut text = Scratch::default();
    let bool = |b: bool| Some(bool_text(b));
    field(Some(text.display(&r.id)));
    field(Some(&r.key));
    field(r.constraint_name.as_deref());
    field(Some(r.availability.as_str()));
    field(Some(text.display(&r.version)));
    field(r.change_reason.as_deref());
    field(Some(&r.module));
    field(r.owner_team.as_deref());
    field(r.created_by.as_deref());
    field(r.approved_by.as_deref());
    field(r.approved_at.as_ref().map(|t| t.as_str()));
    field(Some(&r.child.db_engine));
    field(r.child.db_name.as_deref());
    field(Some(&r.child.schema));
    field(Some(&r.child.table));
    field(Some(text.array(&r.child.columns)));
    field(Some(&r.parent.db_engine));
    field(r.parent.db_name.as_deref());
    field(Some(&r.parent.schema));
    field(Some(&r.parent.table));
    field(Some(text.array(&r.parent.columns)));
    field(Some(r.relationship_type.as_str()));
    field(Some(r.enforcement.as_str()));
    field(r.cardinality.map(|c| c.as_str()));
    field(bool(r.is_required));
    field(bool(r.enforce_child_unique));
    field(Some(r.match_type.as_str()));
    field(bool(r.deferrable));
    field(bool(r.initially_deferred));
    field(Some(r.on_delete.as_str()));
    field(Some(r.on_update.as_str()));
    field(bool(r.create_child_index));
    field(r.child_index_name.as_deref());
    field(Some(r.child_index_method.as_str()));
    field(bool(r.create_parent_index));
    field(r.tenant_scope_column.as_deref());
    field(bool(r.require_tenant_match));
    field(Some(text.json(&Value::Object(r.stored_generator_flags()))));
    field(r.notes.as_deref());
    field(Some(r.created_at.as_str()));
    field(Some(r.updated_at.as_str()));
}

/// A row as owned fields, from a `*_fields` function.
fn collect(columns: usize, fields: impl FnOnce(FieldSink<'_>)) -> Vec<Option<String>> {
    let mut row = Vec::with_capacity(columns);
    fields(&mut |field| row.push(field.map(str::to_owned)));
    row
}

/// A boolean as the registries spell it (`Display`'s `true`/`false`).
fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// One reused buffer for the fields an entry does not hold as text (ids, numbers, arrays,
/// JSON): each call overwrites the previous field, which the caller has used by then.
#[derive(Default)]
struct Scratch(String);

impl Scratch {
    fn display(&mut self, value: &dyn std::fmt::Display) -> &str {
        use std::fmt::Write as _;
        self.0.clear();
        let _ = write!(self.0, "{value}");
        &self.0
    }

    fn array(&mut self, items: &[String]) -> &str {
        self.0.clear();
        pg_array::push(&mut self.0, items);
        &self.0
    }

    fn json(&mut self, value: &Value) -> &str {
        self.0.clear();
        json::push_canonical(&mut self.0, value);
        &self.0
    }
}

/// Decodes a relationship row. The DDL's relationship CHECKs (non-empty, equal-length column
/// lists; initially_deferred needs deferrable) are the rules' business, so such rows load.
pub fn decode_relationship(fields: &[Option<&str>]) -> Result<Relationship, Vec<FieldError>> {
    let mut d = Decoder::new(RELATIONSHIP_REGISTRY, fields);
    let mut flags = d.json_object("generator_flags");
    let lineage = match flags.remove(LineageKind::FLAG) {
        None => None,
        Some(Value::String(kind)) => match LineageKind::parse(&kind) {
            Ok(kind) => Some(kind),
            Err(e) => {
                d.fail("generator_flags", codes::L108, format!("generator_flags.lineage_kind: {e}"));
                None
            }
        },
        Some(other) => {
            d.fail("generator_flags", codes::L108, format!("generator_flags.lineage_kind must be a string, not {other}"));
            None
        }
    };
    let version = d.int("version");
    let relationship = Relationship {
        id: RelationshipId(d.uuid("relationship_id")),
        key: d.text("relationship_key"),
        constraint_name: d.opt("constraint_name"),
        availability: d.vocab("availability_status", AvailabilityStatus::Active),
        version,
        change_reason: d.opt("change_reason"),
        module: d.text("module_name"),
        owner_team: d.opt("owner_team"),
        created_by: d.opt("created_by"),
        approved_by: d.opt("approved_by"),
        approved_at: d.opt_timestamp("approved_at"),
        child: RelationshipEnd {
            db_engine: d.text("child_db_engine"),
            db_name: d.opt("child_db_name"),
            schema: d.text("child_schema"),
            table: d.text("child_table"),
            columns: d.array("child_columns"),
        },
        parent: RelationshipEnd {
            db_engine: d.text("parent_db_engine"),
            db_name: d.opt("parent_db_name"),
            schema: d.text("parent_schema"),
            table: d.text("parent_table"),
            columns: d.array("parent_columns"),
        },
        relationship_type: d.vocab("relationship_type", RelationshipType::ForeignKey),
        enforcement: d.vocab("enforcement_mode", EnforcementMode::Auto),
        cardinality: d.opt_vocab::<Cardinality>("cardinality"),
        is_required: d.bool("is_required"),
        enforce_child_unique: d.bool("enforce_child_unique"),
        match_type: d.vocab("match_type", MatchType::Simple),
        deferrable: d.bool("deferrable"),
        initially_deferred: d.bool("initially_deferred"),
        on_delete: d.vocab("on_delete", ReferentialAction::Restrict),
        on_update: d.vocab("on_update", ReferentialAction::Restrict),
        create_child_index: d.bool("create_child_index"),
        child_index_name: d.opt("child_index_name"),
        child_index_method: d.vocab("child_index_method", IndexMethod::Btree),
        create_parent_index: d.bool("create_parent_index"),
        tenant_scope_column: d.opt("tenant_scope_column"),
        require_tenant_match: d.bool("require_tenant_match"),
        lineage,
        generator_flags: flags,
        notes: d.opt("notes"),
        created_at: d.timestamp("created_at"),
        updated_at: d.timestamp("updated_at"),
    };
    d.finish(relationship)
}

/// A boolean as PostgreSQL's `boolin` reads it, so that a file `\copy` loads, Relata loads
/// too: `true`/`false` (the registry's spelling), the `TRUE`/`FALSE` spreadsheets write, in
/// any case any prefix of `true`, `false`, `yes`, `no`, of `on`/`off` at least two letters
/// long, or `1`/`0`, with whitespace around. `None` for what PostgreSQL refuses.
fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" => return Some(true),
        "false" => return Some(false),
        _ => {}
    }
    let text = text.trim_matches(is_pg_space);
    let prefix_of = |word: &str, shortest: usize| {
        (shortest..=word.len()).contains(&text.len()) && word.as_bytes()[..text.len()].eq_ignore_ascii_case(text.as_bytes())
    };
    if prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || text == "1" {
        Some(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || text == "0" {
        Some(false)
    } else {
        None
    }
}

/// The whitespace PostgreSQL's input functions skip around a value (C's `isspace`).
fn is_pg_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C')
}

/// Reads the fields of one row against a column list, collecting every problem.
struct Decoder<'a> {
    columns: &'static [Column],
    fields: &'a [Option<&'a str>],
    errors: Vec<FieldError>,
}

impl<'a> Decoder<'a> {
    fn new(columns: &'static [Column], fields: &'a [Option<&'a str>]) -> Self {
        debug_assert_eq!(columns.len(), fields.len());
        Self { columns, fields, errors: Vec::new() }
    }

    fn index(&self, name: &str) -> usize {
        self.columns.iter().position(|c| c.name == name).unwrap_or_else(|| panic!("no column {name}"))
    }

    fn fail(&mut self, name: &str, code: &'static str, message: impl Into<String>) {
        let column = self.index(name);
        self.errors.push(FieldError { column, offset: 0, code, message: message.into() });
    }

    fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }

    fn raw(&self, name: &str) -> Option<&'a str> {
        self.fields[self.index(name)].filter(|s| !s.is_empty())
    }

    fn opt(&mut self, name: &str) -> Option<String> {
        self.raw(name).map(str::to_owned)
    }

    fn required(&mut self, name: &str) -> Option<&'a str> {
        let value = self.raw(name);
        if value.is_none() {
            self.fail(name, codes::L107, format!("{name} is required (NOT NULL) but empty"));
        }
        value
    }

    fn text(&mut self, name: &str) -> String {
        self.required(name).unwrap_or_default().to_owned()
    }

    fn vocab<V: Vocabulary>(&mut self, name: &str, fallback: V) -> V {
        match self.required(name) {
            Some(text) => self.parse_vocab(name, text).unwrap_or(fallback),
            None => fallback,
        }
    }

    fn opt_vocab<V: Vocabulary>(&mut self, name: &str) -> Option<V> {
        let text = self.raw(name)?;
        self.parse_vocab(name, text)
    }

    fn parse_vocab<V: Vocabulary>(&mut self, name: &str, text: &str) -> Option<V> {
        match V::parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(name, codes::L108, format!("`{}` is not a valid {name}; expected one of: {}", e.value, e.expected));
                None
            }
        }
    }

    fn uuid(&mut self, name: &str) -> uuid::Uuid {
        let Some(text) = self.required(name) else { return uuid::Uuid::nil() };
        match uuid::Uuid::parse_str(text) {
            Ok(id) if id.hyphenated().to_string() == text => id,
            Ok(id) => {
                self.fail(name, codes::L109, format!("write {name} `{text}` as lower-case hyphenated `{}`", id.hyphenated()));
                id
            }
            Err(_) => {
                self.fail(name, codes::L109, format!("{name} `{text}` is not a UUID like 123e4567-e89b-12d3-a456-426614174000"));
                uuid::Uuid::nil()
            }
        }
    }

    fn bool(&mut self, name: &str) -> bool {
        let Some(text) = self.required(name) else { return false };
        match parse_bool(text) {
            Some(b) => b,
            None => {
                self.fail(name, codes::L110, format!("{name} `{text}` is not a boolean; write true or false"));
                false
            }
        }
    }

    fn parse_int(&mut self, name: &str, text: &str) -> Option<i32> {
        // PostgreSQL's int4 input allows whitespace around the number; the registry's own
        // spelling has none, so the trim is only tried when the plain parse fails.
        match text.parse::<i32>().or_else(|e| text.trim_matches(is_pg_space).parse::<i32>().map_err(|_| e)) {
            Ok(n) => Some(n),
            Err(_) => {
                self.fail(name, codes::L111, format!("{name} `{text}` is not an integer"));
                None
            }
        }
    }

    fn int(&mut self, name: &str) -> i32 {
        let Some(text) = self.required(name) else { return 0 };
        self.parse_int(name, text).unwrap_or(0)
    }

    fn opt_int(&mut self, name: &str) -> Option<i32> {
        let text = self.raw(name)?;
        self.parse_int(name, text)
    }

    fn parse_timestamp(&mut self, name: &str, text: &str) -> Option<Timestamp> {
        match Timestamp::parse(text) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(name, codes::L112, format!("{name}: {e}"));
                None
            }
        }
    }

    fn timestamp(&mut self, name: &str) -> Timestamp {
        let fallback = || Timestamp::from_parts(1970, 1, 1, 0, 0, 0);
        let Some(text) = self.required(name) else { return fallback() };
        self.parse_timestamp(name, text).unwrap_or_else(fallback)
    }

    fn opt_timestamp(&mut self, name: &str) -> Option<Timestamp> {
        let text = self.raw(name)?;
        self.parse_timestamp(name, text)
    }

    fn array(&mut self, name: &str) -> Vec<String> {
        let Some(text) = self.required(name) else { return Vec::new() };
        match pg_array::parse(text) {
            Ok(items) => items,
            Err(e) => {
                let column = self.index(name);
                self.errors.push(FieldError {
                    column,
                    offset: e.offset,
                    code: codes::L113,
                    message: format!("{name} `{text}` is not an array literal like {{a,b}}: {}", e.message),
                });
                Vec::new()
            }
        }
    }

    fn json_object(&mut self, name: &str) -> serde_json::Map<String, Value> {
        let Some(text) = self.required(name) else { return serde_json::Map::new() };
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            Ok(other) => {
                self.fail(name, codes::L114, format!("{name} must be a JSON object like {{}}, not {other}"));
                serde_json::Map::new()
            }
            Err(e) => {
                let column = self.index(name);
                // serde_json counts columns from 1 on the line it stopped at.
                let offset = text.lines().take(e.line().saturating_sub(1)).map(|l| l.chars().count() + 1).sum::<usize>()
                    + e.column().saturating_sub(1);
                self.errors.push(FieldError { column, offset, code: codes::L114, message: format!("{name} is not valid JSON: {e}") });
                serde_json::Map::new()
            }
        }
    }
}
