//! Lowering: the statements into the model. Tables, columns, keys, indexes and comments are
//! built statement by statement (as PostgreSQL would run them); foreign keys are resolved at
//! the end, when every table exists, and become relationships the SQL exporter prints back
//! as the same constraints. The choices where SQL is silent are listed in [`super`]'s
//! documentation.

use std::borrow::Cow;
use std::collections::HashSet;

use relata_model::{
    Cardinality, CheckConstraint, ColumnSpec, Deferral, EnforcementMode, EnumType, EnumValue, ExclusionConstraint,
    Identity, Index, IndexKey, IndexMethod, IndexPart, KeptKind, KeptObject, MatchType, PartitionKey, PartitionOf,
    PartitionStrategy, ReferentialAction, Registry, Relationship,
    RelationshipEnd, Severity, Table, TableRef, TableStatus, UniqueConstraint, ViewDefinition, Vocabulary,
};
use relata_rules::RuleSet;
use rustc_hash::FxHashMap;
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnDef, ColumnOption, CommentObject, ConstraintCharacteristics,
    ConstraintReferenceMatchKind, CreateIndex, CreateTable, DeferrableInitial, Expr, ForeignKeyConstraint,
    GeneratedAs, Ident, IndexColumn, NullsDistinctOption, ObjectName, TableConstraint,
    UserDefinedTypeRepresentation,
};
use sqlparser::tokenizer::Span;

use super::ast::{self, Pos, SkipReason, StatementKind};
use super::spell::{self, ident};
use super::statements::to_pos;
use super::{ImportOptions, Reporter};
use crate::codes;
use relata_model::derived_ids as ids;
use crate::import::draft::{binding_signals, ColumnDraft};

/// A table being built.
struct TableDraft {
    table: Table,
    columns: Vec<ColumnDraft>,
}


/// A foreign key, resolved once every table exists.
struct ForeignKeyDraft {
    child: usize,
    name: Option<String>,
    columns: Vec<(String, Pos)>,
    parent: ObjectName,
    parent_columns: Vec<(String, Pos)>,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
    match_type: MatchType,
    deferrable: bool,
    initially_deferred: bool,
    pos: Pos,
    /// The statement as written (and its search path) when it adds this foreign key alone
    /// (`ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`, as pg_dump writes them): kept as written
    /// when the table it references is not in the script (a dump of one schema).
    alone: Option<(String, Vec<String>)>,
}

/// The registry being built from a script's statements, in order.
pub(crate) struct Lowering<'a> {
    options: &'a ImportOptions,
    rules: &'a RuleSet,
    report: &'a mut Reporter,
    db_engine: String,
    tables: Vec<TableDraft>,
    /// Table indices by schema, then name: nested so a lookup borrows both parts (no
    /// `TableRef` is built per comment), and FxHash, which hashes short names several times
    /// faster than SipHash.
    by_name: FxHashMap<String, FxHashMap<String, usize>>,
    enums: Vec<EnumType>,
    foreign_keys: Vec<ForeignKeyDraft>,
    /// The script's text, for statements kept as written.
    source: &'a str,
    /// The byte range of the statement being lowered.
    current: std::ops::Range<usize>,
    /// Statements kept as written, in order.
    kept: Vec<KeptObject>,
    /// Relations Relata keeps rather than models (views, materialized views, foreign
    /// tables), by schema and name: statements on them are kept too.
    kept_relations: HashSet<(String, String)>,
    /// The schemas user types (enums, domains, composite and range types) of each name were
    /// created in, for names a search path resolves.
    types: FxHashMap<String, Vec<String>>,
    /// The same for functions and procedures.
    functions: FxHashMap<String, Vec<String>>,
    /// The same for sequences (which `nextval('name')` names in a string).
    sequences: FxHashMap<String, Vec<String>>,
    /// The identity options of the statement being lowered, not yet given to a column.
    identity_options: std::collections::VecDeque<String>,
    /// The `LIKE` elements of the `CREATE TABLE` being lowered.
    likes: Vec<ast::LikeClause>,
    /// Whether the statement being lowered is an `ALTER TABLE` of one operation.
    alone: bool,
    /// `SET search_path`: where unqualified names are created and looked for; empty is
    /// [`ImportOptions::default_schema`] alone.
    search_path: Vec<String>,
}

impl<'a> Lowering<'a> {
    /// An empty lowering that reports into `report`; statements go in with [`Self::item`] as
    /// they are read, so each is dropped while still in cache rather than the whole script's
    /// syntax trees at the end.
    pub(crate) fn new(options: &'a ImportOptions, rules: &'a RuleSet, report: &'a mut Reporter, source: &'a str) -> Self {
        Lowering {
            options,
            rules,
            report,
            db_engine: options.db_engine.clone().unwrap_or_else(|| "aurora_postgres".to_owned()),
            tables: Vec::new(),
            by_name: FxHashMap::default(),
            enums: Vec::new(),
            foreign_keys: Vec::new(),
            source,
            current: 0..0,
            kept: Vec::new(),
            kept_relations: HashSet::new(),
            search_path: Vec::new(),
            alone: false,
            identity_options: std::collections::VecDeque::new(),
            likes: Vec::new(),
            types: FxHashMap::default(),
            functions: FxHashMap::default(),
            sequences: FxHashMap::default(),
        }
    }

    /// Where statements are read into and diagnostics go.
    pub(crate) fn report(&mut self) -> &mut Reporter {
        self.report
    }

    /// Lowers one statement, in script order.
    pub(crate) fn item(&mut self, statement: &ast::Statement) {
        let cx = self;
        let pos = statement.pos;
        cx.current = statement.span.clone();
        cx.identity_options = statement.identity_options.iter().cloned().collect();
        cx.likes.clone_from(&statement.likes);
        match &statement.kind {
            StatementKind::Sql(sql) => cx.statement(sql, pos),
            // A sequence is kept as written (its type, start and steps); the export writes it
            // instead of the bare one it makes for a serial default.
            StatementKind::CreateSequence { name } => {
                let head = super::kept::KeptHead { kind: KeptKind::Sequence, name: name.iter().map(ident).collect(), on: Vec::new() };
                cx.keep(&head, pos);
            }
            StatementKind::SequenceOwnedBy { sequence, owner } => {
                // `schema.table.column`, or `NONE`: the table is all but the last part.
                let on = owner.split_last().map_or_else(Vec::new, |(_, table)| table.iter().map(ident).collect());
                let head = super::kept::KeptHead { kind: KeptKind::SequenceOwnership, name: sequence.iter().map(ident).collect(), on };
                cx.keep(&head, pos);
            }
            StatementKind::AddIdentity { table, column, always, options } => {
                let name =
                    ObjectName(table.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier(i.clone())).collect());
                let Some(t) = cx.existing(&name, pos) else {
                    return;
                };
                let column_name = ident(column);
                let column_pos = at(column.span, pos);
                if cx.has_column(t, &column_name, column_pos) {
                    let twice = cx.tables[t].columns.iter().any(|c| c.name == column_name && c.spec.identity.is_some());
                    if twice {
                        let table = cx.tables[t].table.table_ref();
                        cx.report.error(codes::S105, column_pos, format!("column `{table}.{column_name}` is already an identity column"));
                        return;
                    }
                    if let Some(c) = cx.tables[t].columns.iter_mut().find(|c| c.name == column_name) {
                        c.spec.identity = Some(Identity { always: *always, options: options.clone() });
                        // An identity column is NOT NULL; pg_dump writes it so, a person may not.
                        c.nullable = false;
                    }
                }
            }
            StatementKind::Setting => {}
            StatementKind::Skipped { words, reason } => cx.skipped(words, *reason, pos),
            StatementKind::SearchPath(schemas) => cx.search_path = schemas.clone(),
            StatementKind::Kept { head, administration } => {
                if !*administration && matches!(head.kind, KeptKind::View | KeptKind::MaterializedView | KeptKind::ForeignData) {
                    if let Some(relation) = cx.qualified(&head.name) {
                        cx.kept_relations.insert(relation);
                    }
                }
                cx.keep(head, pos);
            }
            StatementKind::Unread { head, message, at } => {
                let line = first_line(cx.statement_text());
                cx.warning(codes::S109, *at, format!("`{line}` is kept as written: Relata could not read it ({message})"));
                cx.keep_quietly(head);
            }
            StatementKind::Drop { words, table: Some(table) } => {
                let name = ObjectName(table.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier(i.clone())).collect());
                if cx.find(&spell::parts(&name)).is_none() {
                    cx.report.error(codes::S106, name_pos(&name, pos), format!("`{words} {name}`: no table `{name}` is created before this statement, and PostgreSQL drops only what exists (`IF EXISTS` would skip it)"));
                } else {
                    cx.warning(codes::S102, pos, format!("`{words} {name}` is not imported: the table stays in the registry"));
                }
            }
            StatementKind::Drop { words, table: None } => cx.info(
                codes::S103,
                pos,
                format!("`{words}` is not imported: a schema file drops only what it is about to create"),
            ),
            StatementKind::AttachPartition { parent, child, bound } => {
                let object = |parts: &[Ident]| {
                    ObjectName(parts.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier(i.clone())).collect())
                };
                let (Some(p), Some(c)) = (cx.existing(&object(parent), pos), cx.existing(&object(child), pos)) else {
                    return;
                };
                let parent = cx.tables[p].table.table_ref();
                cx.tables[c].table.partition_of = Some(PartitionOf { parent, bound: bound.clone() });
            }
            StatementKind::ColumnSetting { table, column, setting } => {
                let name =
                    ObjectName(table.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier(i.clone())).collect());
                let Some(t) = cx.existing(&name, pos) else { return };
                let column_name = ident(column);
                if !cx.has_column(t, &column_name, at(column.span, pos)) {
                    return;
                }
                if let Some(c) = cx.tables[t].columns.iter_mut().find(|c| c.name == column_name) {
                    match setting {
                        ast::ColumnSetting::Statistics(n) => c.spec.statistics = Some(*n),
                        ast::ColumnSetting::Storage(s) => c.spec.storage = Some(s.clone()),
                    }
                }
            }
        }
    }
}

/// `text` with each unqualified call of a function in `schemas` (`name(`, outside strings and
/// quoted names, not after a `.`) qualified with its schema.
fn qualify_calls(text: &str, schemas: &FxHashMap<&str, &str>) -> String {
    if schemas.is_empty() {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\'' || b == b'"' {
            // A string or a quoted name runs to its closing quote (a doubled one stays inside).
            let mut j = i + 1;
            while j < bytes.len() {
                if bytes[j] == b && bytes.get(j + 1) == Some(&b) {
                    j += 2;
                } else if bytes[j] == b {
                    break;
                } else {
                    j += 1;
                }
            }
            let end = (j + 1).min(bytes.len());
            out.push_str(&text[i..end]);
            i = end;
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$') {
                i += 1;
            }
            let word = &text[start..i];
            let qualified = start > 0 && bytes[start - 1] == b'.';
            if let (false, Some(b'('), Some(schema)) = (qualified, bytes.get(i), schemas.get(word)) {
                out.push_str(&crate::sql::Dialect::quote_identifier(&crate::sql::Postgres, schema));
                out.push('.');
            }
            out.push_str(word);
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    out
}

/// The first line of a statement, cut at 80 characters, for a message.
fn first_line(sql: &str) -> String {
    let line = sql.lines().next().unwrap_or_default().trim_end();
    match line.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// Whether Relata models what an `ALTER TABLE` operation does.
fn is_modelled(operation: &AlterTableOperation) -> bool {
    matches!(
        operation,
        AlterTableOperation::AddConstraint { .. } | AlterTableOperation::AddColumn { .. } | AlterTableOperation::AlterColumn { .. }
    )
}

/// `RANGE (created_at)`, as sqlparser prints `PARTITION BY RANGE (created_at)` (a call):
/// the strategy and the key as written.
fn partition_key(text: &str) -> Option<PartitionKey> {
    let open = text.find('(')?;
    let strategy = match text[..open].trim().to_ascii_uppercase().as_str() {
        "RANGE" => PartitionStrategy::Range,
        "LIST" => PartitionStrategy::List,
        "HASH" => PartitionStrategy::Hash,
        _ => return None,
    };
    let key = text[open + 1..].strip_suffix(')')?.trim().to_owned();
    Some(PartitionKey { strategy, key })
}

/// The deferral of a constraint's characteristics.
fn deferral(characteristics: Option<&ConstraintCharacteristics>) -> Deferral {
    let Some(c) = characteristics else { return Deferral::Immediate };
    match (c.deferrable, c.initially) {
        (Some(true), Some(DeferrableInitial::Deferred)) => Deferral::Deferred,
        (Some(true), _) => Deferral::Deferrable,
        _ => Deferral::Immediate,
    }
}

/// The position of `span`'s start, or `fallback` where sqlparser gives none.
fn at(span: Span, fallback: Pos) -> Pos {
    if span.start.line == 0 {
        fallback
    } else {
        to_pos(span.start)
    }
}

fn name_pos(name: &ObjectName, fallback: Pos) -> Pos {
    spell::parts(name).first().map_or(fallback, |i| at(i.span, fallback))
}

fn action(a: Option<sqlparser::ast::ReferentialAction>) -> ReferentialAction {
    use sqlparser::ast::ReferentialAction as A;
    match a {
        // PostgreSQL's default when no action is written.
        None | Some(A::NoAction) => ReferentialAction::NoAction,
        Some(A::Restrict) => ReferentialAction::Restrict,
        Some(A::Cascade) => ReferentialAction::Cascade,
        Some(A::SetNull) => ReferentialAction::SetNull,
        Some(A::SetDefault) => ReferentialAction::SetDefault,
    }
}

impl Lowering<'_> {
    fn default_schema(&self) -> &str {
        &self.options.default_schema
    }

    /// The schema an unqualified name is created in: the first of `search_path`.
    fn creation_schema(&self) -> &str {
        self.search_path.first().map_or(self.options.default_schema.as_str(), String::as_str)
    }

    /// `name` qualified as the search path resolves it now: foreign keys are resolved at the
    /// end, when the path may have changed. A table not created yet is in the creation
    /// schema.
    fn resolved(&self, name: &ObjectName) -> ObjectName {
        let parts = spell::parts(name);
        let [table] = parts.as_slice() else { return name.clone() };
        if self.search_path.is_empty() {
            return name.clone();
        }
        let wanted = spell::ident_cow(table);
        let schema = self
            .search_path
            .iter()
            .find(|s| self.by_name.get(s.as_str()).is_some_and(|t| t.contains_key(wanted.as_ref())))
            .map_or(self.creation_schema(), String::as_str);
        let schema = Ident::with_quote('"', schema);
        ObjectName(vec![sqlparser::ast::ObjectNamePart::Identifier(schema), sqlparser::ast::ObjectNamePart::Identifier((*table).clone())])
    }

    /// The schema the search path finds a user type or function named `name` in, when it is
    /// not the default schema (where an unqualified name already points).
    fn path_schema<'s>(&'s self, names: &'s FxHashMap<String, Vec<String>>, name: &str) -> Option<&'s str> {
        let homes = names.get(name)?;
        let found = self.search_path.iter().find(|s| homes.contains(s))?;
        (*found != self.options.default_schema).then_some(found.as_str())
    }

    /// A column type as the registry spells it; an unqualified user type the search path
    /// finds outside the default schema gets that schema, so the export means the same type.
    fn spell_type(&self, data_type: &sqlparser::ast::DataType) -> String {
        let text = spell::data_type(data_type, self.default_schema());
        if self.search_path.is_empty() {
            return text;
        }
        let base = text.split(['(', '[']).next().unwrap_or_default();
        match self.path_schema(&self.types, base) {
            Some(schema) if !base.contains(['.', '"']) => {
                format!("{}.{text}", crate::sql::Dialect::quote_identifier(&crate::sql::Postgres, schema))
            }
            _ => text,
        }
    }

    /// An expression as the registry spells it; calls of functions the search path finds
    /// outside the default schema get that schema.
    fn spell_expr(&self, expr: &Expr) -> String {
        let text = spell::expression(expr, self.default_schema());
        if self.search_path.is_empty() {
            return text;
        }
        let text = self.qualify_sequences(text);
        if self.functions.is_empty() {
            return text;
        }
        qualify_calls(&text, &self.function_schemas())
    }

    /// `text` with each `nextval('name'` of a sequence the search path finds outside the
    /// default schema spelled `nextval('schema.name'`.
    fn qualify_sequences(&self, text: String) -> String {
        const CALL: &str = "nextval('";
        if self.sequences.is_empty() || !text.contains(CALL) {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text.as_str();
        while let Some(at) = rest.find(CALL) {
            let start = at + CALL.len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('\'').unwrap_or(rest.len());
            let name = &rest[..end];
            let plain = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if let (true, Some(schema)) = (plain, self.path_schema(&self.sequences, name)) {
                // Inside a string literal: a quote in the schema's quoted name is doubled.
                let quoted = crate::sql::Dialect::quote_identifier(&crate::sql::Postgres, schema).replace('\'', "''");
                out.push_str(&quoted);
                out.push('.');
            }
        }
        out.push_str(rest);
        out
    }

    /// Function names the search path resolves outside the default schema, with that schema.
    fn function_schemas(&self) -> FxHashMap<&str, &str> {
        if self.search_path.is_empty() {
            return FxHashMap::default();
        }
        self.functions.keys().filter_map(|name| Some((name.as_str(), self.path_schema(&self.functions, name)?))).collect()
    }

    /// The text of the statement being lowered, as written.
    fn statement_text(&self) -> &str {
        self.source.get(self.current.clone()).unwrap_or_default().trim_end()
    }

    /// `(schema, name)` of name parts, unqualified ones in the creation schema.
    fn qualified(&self, parts: &[String]) -> Option<(String, String)> {
        match parts {
            [name] => Some((self.creation_schema().to_owned(), name.clone())),
            [.., schema, name] => Some((schema.clone(), name.clone())),
            [] => None,
        }
    }

    /// Keeps the statement being lowered as written, as `head` describes it, and says so.
    fn keep(&mut self, head: &super::kept::KeptHead, pos: Pos) {
        let sql = self.statement_text().to_owned();
        self.info(
            codes::S102,
            pos,
            format!(
                "`{}` is kept as written ({}): Relata does not model it, and the SQL export writes it back",
                first_line(&sql),
                head.kind.as_str()
            ),
        );
        self.keep_quietly(head);
    }

    /// Keeps the statement being lowered as written, as `head` describes it.
    fn keep_quietly(&mut self, head: &super::kept::KeptHead) {
        let (schema, name) = match head.name.as_slice() {
            [name] => (None, name.clone()),
            [.., schema, name] => (Some(schema.clone()), name.clone()),
            [] => (None, String::new()),
        };
        let on = self.qualified(&head.on).map(|(schema, table)| TableRef::new(schema, table));
        let sql = self.statement_text().to_owned();
        let kind = head.kind;
        let home = schema.clone().unwrap_or_else(|| self.creation_schema().to_owned());
        // An object that lives in a schema is in the one it was created in, named or not.
        let scoped = matches!(
            kind,
            KeptKind::Type
                | KeptKind::Domain
                | KeptKind::Collation
                | KeptKind::Function
                | KeptKind::Procedure
                | KeptKind::Aggregate
                | KeptKind::Sequence
                | KeptKind::View
                | KeptKind::MaterializedView
                | KeptKind::TextSearch
        );
        let schema = if scoped && !name.is_empty() { Some(home.clone()) } else { schema };
        match kind {
            KeptKind::Type | KeptKind::Domain => self.types.entry(name.clone()).or_default().push(home),
            KeptKind::Function | KeptKind::Procedure => self.functions.entry(name.clone()).or_default().push(home),
            KeptKind::Sequence => self.sequences.entry(name.clone()).or_default().push(home),
            _ => {}
        }
        let search_path = self.search_path.clone();
        self.kept.push(KeptObject { kind, schema, name, on, sql, search_path });
    }

    /// Whether `name` is a relation Relata keeps rather than models.
    fn is_kept_relation(&self, name: &ObjectName) -> bool {
        let parts: Vec<String> = spell::parts(name).iter().map(|i| ident(i)).collect();
        let wanted = match parts.as_slice() {
            [name] => {
                let mut path = self.search_path.iter().map(String::as_str).collect::<Vec<_>>();
                if path.is_empty() {
                    path.push(self.options.default_schema.as_str());
                }
                return path.iter().any(|s| self.kept_relations.contains(&((*s).to_owned(), name.clone())));
            }
            [.., schema, name] => (schema.clone(), name.clone()),
            [] => return false,
        };
        self.kept_relations.contains(&wanted)
    }

    fn warning(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        self.report.warning(code, pos, message);
    }

    fn info(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        self.report.push_with(Severity::Info, code, pos, message.into());
    }

    /// `schema.table` of a name (`db.schema.table` keeps the last two), or an error.
    fn table_ref(&mut self, name: &ObjectName, pos: Pos) -> Option<TableRef> {
        let parts = spell::parts(name);
        match parts.as_slice() {
            [table] => Some(TableRef::new(self.creation_schema(), ident(table))),
            [.., schema, table] if parts.len() <= 3 => Some(TableRef::new(ident(schema), ident(table))),
            _ => {
                self.report.error(codes::S100, name_pos(name, pos), format!("`{name}` is not a table name"));
                None
            }
        }
    }

    /// The table named by the name `parts`, when there is one; reports nothing (a miss goes
    /// through [`Self::existing`]'s general path, which says why).
    fn find(&self, parts: &[&Ident]) -> Option<usize> {
        let options = self.options;
        if let ([table], false) = (parts, self.search_path.is_empty()) {
            let table = spell::ident_cow(table);
            return self.search_path.iter().find_map(|schema| self.by_name.get(schema)?.get(table.as_ref()).copied());
        }
        let (schema, table) = match parts {
            [table] => (Cow::Borrowed(options.default_schema.as_str()), spell::ident_cow(table)),
            [.., schema, table] if parts.len() <= 3 => (spell::ident_cow(schema), spell::ident_cow(table)),
            _ => return None,
        };
        self.by_name.get(schema.as_ref())?.get(table.as_ref()).copied()
    }

    /// The table `name` names, or an S106 error.
    fn existing(&mut self, name: &ObjectName, pos: Pos) -> Option<usize> {
        if let Some(t) = self.find(&spell::parts(name)) {
            return Some(t);
        }
        let table = self.table_ref(name, pos)?;
        let found = self.by_name.get(&table.schema).and_then(|tables| tables.get(&table.table)).copied();
        if found.is_none() {
            self.report.error(
                codes::S106,
                name_pos(name, pos),
                format!("no table `{table}` is created before this statement"),
            );
        }
        found
    }

    fn identity_not_kept(&mut self, table: &TableRef, column: &str, pos: Pos) {
        self.warning(
            codes::S104,
            pos,
            format!("identity of `{table}.{column}` is not kept: the registries have no identity columns (a serial default `nextval(…)` is kept)"),
        );
    }

    fn skipped(&mut self, words: &str, reason: SkipReason, pos: Pos) {
        match reason {
            SkipReason::Administration => self.info(
                codes::S103,
                pos,
                format!("`{words}` is not imported: ownership, privileges and transactions are not part of the registries"),
            ),
            SkipReason::PsqlCommand => self.info(codes::S103, pos, format!("psql command `{words}` is not imported")),
            SkipReason::Object => self.warning(
                codes::S102,
                pos,
                format!("`{words}` is not imported: the registries hold tables, columns, keys, indexes, enum types and comments"),
            ),
        }
    }

    fn statement(&mut self, sql: &sqlparser::ast::Statement, pos: Pos) {
        use sqlparser::ast::Statement as S;
        match sql {
            // A schema a fresh database has needs nothing; any other is kept as written, so its
            // owner and options come along and the export creates it first.
            S::CreateSchema { schema_name, .. } => {
                let name = schema_name.to_string();
                let name = name.trim_matches('"');
                if !crate::sql::Dialect::schema_exists_by_default(&crate::sql::Postgres, name) {
                    let name = vec![match schema_name {
                        sqlparser::ast::SchemaName::Simple(n) | sqlparser::ast::SchemaName::NamedAuthorization(n, _) => {
                            spell::parts(n).last().map(|i| ident(i)).unwrap_or_default()
                        }
                        sqlparser::ast::SchemaName::UnnamedAuthorization(i) => ident(i),
                    }];
                    self.keep(&super::kept::KeptHead { kind: KeptKind::Schema, name, on: Vec::new() }, pos);
                }
            }
            S::CreateType { name, representation } => self.create_type(name, representation.as_ref(), pos),
            S::CreateTable(create) => self.create_table(create, pos),
            S::CreateView(view) => self.create_view(view, pos),
            S::AlterTable(alter) => {
                if self.is_kept_relation(&alter.name) {
                    let head = super::kept::KeptHead {
                        kind: KeptKind::Other,
                        name: spell::parts(&alter.name).iter().map(|i| ident(i)).collect(),
                        on: spell::parts(&alter.name).iter().map(|i| ident(i)).collect(),
                    };
                    self.keep(&head, pos);
                    return;
                }
                if alter.if_exists && self.find(&spell::parts(&alter.name)).is_none() {
                    self.info(codes::S103, pos, format!("`ALTER TABLE IF EXISTS {}` does nothing here: the table is not created yet", alter.name));
                    return;
                }
                let Some(t) = self.existing(&alter.name, pos) else {
                    return;
                };
                // A statement of what Relata does not model (row security, clustering, replica
                // identity, triggers on or off) is kept whole, as written.
                if !alter.operations.is_empty() && alter.operations.iter().all(|o| !is_modelled(o)) {
                    let table = self.tables[t].table.table_ref();
                    let security = alter.operations.iter().any(|o| {
                        matches!(
                            o,
                            AlterTableOperation::EnableRowLevelSecurity
                                | AlterTableOperation::DisableRowLevelSecurity
                                | AlterTableOperation::ForceRowLevelSecurity
                                | AlterTableOperation::NoForceRowLevelSecurity
                        )
                    });
                    let head = super::kept::KeptHead {
                        kind: if security { KeptKind::Policy } else { KeptKind::Other },
                        name: vec![table.schema.clone(), table.table.clone()],
                        on: vec![table.schema, table.table],
                    };
                    self.keep(&head, pos);
                    return;
                }
                self.alone = alter.operations.len() == 1;
                for operation in &alter.operations {
                    self.alter_table(t, operation, pos);
                }
                self.alone = false;
            }
            S::CreateIndex(index) => self.create_index(index, pos),
            S::Comment { object_type, object_name, comment, .. } => {
                self.comment(*object_type, object_name, comment.as_deref(), pos)
            }
            other => {
                let words: String = other.to_string().split_whitespace().take(2).collect::<Vec<_>>().join(" ");
                self.skipped(&words, SkipReason::Object, pos);
            }
        }
    }

    fn create_type(&mut self, name: &ObjectName, representation: Option<&UserDefinedTypeRepresentation>, pos: Pos) {
        let Some(UserDefinedTypeRepresentation::Enum { labels }) = representation else {
            let head = super::kept::KeptHead {
                kind: KeptKind::Type,
                name: spell::parts(name).iter().map(|i| ident(i)).collect(),
                on: Vec::new(),
            };
            self.keep(&head, pos);
            return;
        };
        let Some(type_ref) = self.table_ref(name, pos) else {
            return;
        };
        if self.enums.iter().any(|e| e.schema == type_ref.schema && e.name == type_ref.table) {
            self.report.error(codes::S105, name_pos(name, pos), format!("enum type `{type_ref}` is created twice"));
            return;
        }
        let mut values: Vec<EnumValue> = Vec::new();
        for label in labels {
            if values.iter().any(|v| v.name == label.value) {
                // sqlparser gives enum labels no place; the type's name stands for them.
                let label_pos = at(label.span, name_pos(name, pos));
                self.report.error(
                    codes::S105,
                    label_pos,
                    format!("enum type `{type_ref}` lists '{}' twice", label.value),
                );
                continue;
            }
            values.push(EnumValue { name: label.value.clone(), note: None });
        }
        self.types.entry(type_ref.table.clone()).or_default().push(type_ref.schema.clone());
        self.enums.push(EnumType { schema: type_ref.schema, name: type_ref.table, values });
    }

    /// A new table `table_ref` as the import makes it: a draft in the module of its schema,
    /// its prefix derived from its name.
    fn blank_table(&self, table_ref: &TableRef) -> Table {
        let known: Vec<String> = self.rules.prefixes().iter().map(|p| p.prefix.clone()).collect();
        let mut table = Table {
            id: ids::table(&table_ref.schema, &table_ref.table),
            name: table_ref.table.clone(),
            prefix: None,
            schema: table_ref.schema.clone(),
            module: table_ref.schema.clone(),
            status: TableStatus::Draft,
            purpose: None,
            primary_key: Vec::new(),
            db_engine: self.db_engine.clone(),
            db_name: self.options.db_name.clone(),
            owner_team: None,
            notes: None,
            created_at: self.options.now.clone(),
            updated_at: self.options.now.clone(),
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
        table.prefix = table.derived_prefix(&known).map(str::to_owned);
        table
    }

    /// `CREATE [MATERIALIZED] VIEW`: a read-only table whose columns are its query's, with the
    /// statement kept as written for the export. What is said of it later (`ALTER`, indexes,
    /// comments) is kept as written too, after it. pg_dump's second statement for a view in a
    /// dependency cycle (`CREATE OR REPLACE VIEW` of one made as a placeholder) is kept where
    /// it stands.
    fn create_view(&mut self, view: &sqlparser::ast::CreateView, pos: Pos) {
        let Some(table_ref) = self.table_ref(&view.name, pos) else {
            return;
        };
        let kind = if view.materialized { KeptKind::MaterializedView } else { KeptKind::View };
        let existing = self.by_name.get(&table_ref.schema).and_then(|tables| tables.get(&table_ref.table)).copied();
        if let Some(t) = existing {
            if view.or_replace && self.tables[t].table.is_view() {
                let name = vec![table_ref.schema.clone(), table_ref.table.clone()];
                self.keep(&super::kept::KeptHead { kind, name, on: Vec::new() }, pos);
            } else {
                self.report.error(codes::S105, name_pos(&view.name, pos), format!("`{table_ref}` is created twice; this one is ignored"));
            }
            return;
        }
        let mut columns = super::view::columns(&view.query, self);
        for (column, named) in columns.iter_mut().zip(&view.columns) {
            column.0 = ident(&named.name);
        }
        let mut table = self.blank_table(&table_ref);
        let sql = self.statement_text().to_owned();
        table.view = Some(ViewDefinition { materialized: view.materialized, sql, search_path: self.search_path.clone() });
        let drafts = columns
            .into_iter()
            .map(|(name, data_type)| ColumnDraft::new(name, data_type.unwrap_or_else(|| super::view::UNKNOWN.to_owned())))
            .collect();
        let t = self.tables.len();
        self.by_name.entry(table_ref.schema.clone()).or_default().insert(table_ref.table.clone(), t);
        self.kept_relations.insert((table_ref.schema, table_ref.table));
        self.tables.push(TableDraft { table, columns: drafts });
    }

    fn create_table(&mut self, create: &CreateTable, pos: Pos) {
        let Some(table_ref) = self.table_ref(&create.name, pos) else {
            return;
        };
        if self.by_name.get(&table_ref.schema).is_some_and(|tables| tables.contains_key(&table_ref.table)) {
            self.report.error(
                codes::S105,
                name_pos(&create.name, pos),
                format!("table `{table_ref}` is created twice; this one is ignored"),
            );
            return;
        }
        if create.query.is_some() || create.like.is_some() || create.inherits.is_some() {
            self.warning(
                codes::S104,
                name_pos(&create.name, pos),
                format!("`{table_ref}`: AS and INHERITS are not kept; only the columns written here are imported"),
            );
        }
        let partition_by = create.partition_by.as_deref().and_then(|e| partition_key(&e.to_string()));
        if create.partition_by.is_some() && partition_by.is_none() {
            self.report.error(
                codes::S110,
                name_pos(&create.name, pos),
                format!("`{table_ref}`: PARTITION BY takes RANGE, LIST or HASH and the key in parentheses, such as `PARTITION BY RANGE (created_at)`"),
            );
        }
        let mut table = self.blank_table(&table_ref);
        table.partition_by = partition_by;
        // A partition declared with PARTITION OF has its parent's columns.
        let mut inherited = Vec::new();
        if let Some(parent) = &create.partition_of {
            let Some(p) = self.existing(parent, pos) else { return };
            inherited = self.tables[p].columns.clone();
            // And its CHECK constraints (but NO INHERIT ones), under the names PostgreSQL
            // gives them: what a partition made any other way must have to be attached.
            table.checks = copied_checks(&self.tables[p].table).filter(|c| !c.no_inherit).collect();
            let bound = create.for_values.as_ref().map_or_else(|| "DEFAULT".to_owned(), |v| v.to_string());
            table.partition_of = Some(PartitionOf { parent: self.tables[p].table.table_ref(), bound });
        }
        let t = self.tables.len();
        self.by_name.entry(table_ref.schema).or_default().insert(table_ref.table, t);
        self.tables.push(TableDraft { table, columns: inherited });
        // `LIKE` elements copy their columns where they stand among the ones written here.
        let likes = std::mem::take(&mut self.likes);
        let mut likes = likes.iter().peekable();
        for (n, column) in create.columns.iter().enumerate() {
            while let Some(like) = likes.next_if(|l| l.columns_before <= n) {
                self.copy_like(t, like, pos);
            }
            self.add_column(t, column, pos);
        }
        for like in likes {
            self.copy_like(t, like, pos);
        }
        for constraint in &create.constraints {
            self.constraint(t, constraint, false, pos);
        }
    }

    /// Copies what `LIKE source …` copies into table `t`, as PostgreSQL 15 does: names, types,
    /// collations and NOT NULL always; defaults, generation, identity, storage, comments, CHECK
    /// constraints and the key, unique, exclusion and index definitions as the options say
    /// (indexes and constraints unnamed, so PostgreSQL names them for the new table as it
    /// does for the copy); foreign keys never.
    fn copy_like(&mut self, t: usize, like: &ast::LikeClause, pos: Pos) {
        let source_pos = like.source.first().map_or(pos, |i| at(i.span, pos));
        let Some(s) = self.existing(&ObjectName::from(like.source.clone()), source_pos) else {
            return;
        };
        let o = like.including;
        let table = self.tables[t].table.table_ref();
        for c in self.tables[s].columns.clone() {
            if self.tables[t].columns.iter().any(|x| x.name == c.name) {
                let source = self.tables[s].table.table_ref();
                let message = format!("column `{}` is defined twice in table `{table}`: LIKE `{source}` copies it too", c.name);
                self.report.error(codes::S105, source_pos, message);
                continue;
            }
            let spec = ColumnSpec {
                identity: c.spec.identity.filter(|_| o.identity),
                generated: c.spec.generated.filter(|_| o.generated),
                storage: c.spec.storage.filter(|_| o.storage),
                statistics: None,
                ..c.spec
            };
            let column = ColumnDraft {
                default: c.default.filter(|_| o.defaults),
                description: c.description.filter(|_| o.comments),
                pk: false,
                unique: false,
                checks: Vec::new(),
                spec,
                ..c
            };
            self.tables[t].columns.push(column);
        }
        let source = self.tables[s].table.clone();
        let note = |n: &Option<String>| n.clone().filter(|_| o.comments);
        if o.constraints {
            let checks: Vec<CheckConstraint> = copied_checks(&source).map(|c| CheckConstraint { note: note(&c.note), not_valid: false, ..c }).collect();
            self.tables[t].table.checks.extend(checks);
        }
        if o.indexes {
            if !source.primary_key.is_empty() {
                self.set_primary_key(t, source.primary_key.clone(), source_pos);
            }
            let target = &mut self.tables[t].table;
            target.unique_constraints.extend(source.unique_constraints.iter().map(|u| UniqueConstraint { name: None, ..u.clone() }));
            target.exclusions.extend(source.exclusions.iter().map(|x| ExclusionConstraint { name: None, ..x.clone() }));
            target.indexes.extend(source.indexes.iter().map(|i| Index { name: None, note: note(&i.note), ..i.clone() }));
        }
        let source_ref = source.table_ref();
        if o.comments {
            let target = self.tables[t].table.table_ref();
            self.copy_constraint_comments(&source, &target, o.indexes, source_pos);
        }
        let statistics = self.kept.iter().any(|k| k.kind == KeptKind::Statistics && k.on.as_ref() == Some(&source_ref));
        if o.statistics && statistics {
            self.warning(
                codes::S104,
                source_pos,
                format!("the extended statistics of `{source_ref}` are not copied to `{table}`: write their CREATE STATISTICS for it"),
            );
        }
    }

    /// `LIKE … INCLUDING COMMENTS`: the comments kept on `source`'s CHECK constraints (the
    /// copies keep their names) are kept again for `target`. Those of its keys and indexes,
    /// when `indexes` copies them, cannot be, since PostgreSQL names the copies itself: a
    /// warning says so.
    fn copy_constraint_comments(&mut self, source: &Table, target: &TableRef, indexes: bool, pos: Pos) {
        use crate::sql::dialect::Dialect;
        let quote = |name: &str| crate::sql::dialect::Postgres.quote_identifier(name).into_owned();
        let source_ref = source.table_ref();
        let checks: HashSet<&str> = source.checks.iter().filter_map(|c| c.name.as_deref()).collect();
        let keys: HashSet<&str> = (source.unique_constraints.iter().map(|u| u.name.as_deref()))
            .chain(source.exclusions.iter().map(|x| x.name.as_deref()))
            .chain([source.primary_key_name.as_deref()])
            .flatten()
            .collect();
        let index_names: HashSet<&str> = source.indexes.iter().filter_map(|i| i.name.as_deref()).collect();
        let mut copies = Vec::new();
        let mut lost = Vec::new();
        for comment in self.kept.iter().filter(|k| k.kind == KeptKind::Comment) {
            let on_source = comment.on.as_ref() == Some(&source_ref);
            let name = comment.name.as_str();
            let check = on_source && checks.contains(name);
            let key = on_source && keys.contains(name);
            let index = comment.on.is_none()
                && comment.schema.as_deref().is_none_or(|s| s == source.schema)
                && index_names.contains(name);
            match comment_literal(&comment.sql).filter(|_| check) {
                Some(literal) => copies.push(KeptObject {
                    sql: format!("COMMENT ON CONSTRAINT {} ON {}.{} IS {literal}", quote(name), quote(&target.schema), quote(&target.table)),
                    on: Some(target.clone()),
                    ..comment.clone()
                }),
                None if (key || index) && indexes => lost.push(format!("`{name}`")),
                None => {}
            }
        }
        self.kept.extend(copies);
        if !lost.is_empty() {
            self.warning(
                codes::S104,
                pos,
                format!("the comments on {} of `{source_ref}` are not copied to `{target}`: PostgreSQL names the copies itself", lost.join(", ")),
            );
        }
    }

    fn add_column(&mut self, t: usize, def: &ColumnDef, pos: Pos) {
        let name = ident(&def.name);
        let column_pos = at(def.name.span, pos);
        let table = self.tables[t].table.table_ref();
        if self.tables[t].columns.iter().any(|c| c.name == name) {
            self.report.error(codes::S105, column_pos, format!("column `{name}` is defined twice in table `{table}`"));
            return;
        }
        let mut column = ColumnDraft::new(name.clone(), self.spell_type(&def.data_type));
        let mut pk = false;
        let mut references = Vec::new();
        for option in &def.options {
            let option_name = option.name.as_ref().map(ident);
            match &option.option {
                ColumnOption::Null => column.nullable = true,
                ColumnOption::NotNull => column.nullable = false,
                ColumnOption::Default(e) => column.default = Some(self.spell_expr(e)),
                ColumnOption::Comment(text) => column.description = Some(text.clone()),
                ColumnOption::PrimaryKey(key) => {
                    pk = true;
                    self.set_key_name(t, option_name.or_else(|| key.name.as_ref().map(ident)));
                }
                ColumnOption::Unique(u) => {
                    let name = option_name.clone().or_else(|| u.name.as_ref().map(ident));
                    let mut constraint = UniqueConstraint::new(name, vec![name_of(&column)]);
                    self.unique_options(&mut constraint, u.nulls_distinct, &u.include, u.characteristics.as_ref());
                    self.tables[t].table.unique_constraints.push(constraint);
                }
                ColumnOption::Check(check) => {
                    let constraint = CheckConstraint {
                        name: option_name.clone().or_else(|| check.name.as_ref().map(ident)),
                        expression: self.spell_expr(&check.expr),
                        column: Some(name.clone()),
                        not_valid: false,
                        no_inherit: check.no_inherit,
                        note: None,
                    };
                    self.tables[t].table.checks.push(constraint);
                }
                ColumnOption::Collation(collation) => column.spec.collation = Some(collation.to_string()),
                ColumnOption::Generated { generated_as, generation_expr: None, .. } => {
                    column.nullable = false;
                    column.spec.identity = Some(Identity {
                        always: !matches!(generated_as, GeneratedAs::ByDefault),
                        options: self.identity_options.pop_front().filter(|o| !o.is_empty()),
                    });
                }
                ColumnOption::Generated { generation_expr: Some(_), generation_expr_mode, .. }
                    if *generation_expr_mode != Some(sqlparser::ast::GeneratedExpressionMode::Stored) =>
                {
                    self.report.error(
                        codes::S110,
                        column_pos,
                        format!("generated column `{table}.{name}` needs STORED: PostgreSQL 15 has no virtual generated columns"),
                    );
                }
                ColumnOption::Generated { generation_expr: Some(expression), .. } => {
                    column.spec.generated = Some(self.spell_expr(expression));
                }
                ColumnOption::ForeignKey(fk) => {
                    let mut fk = fk.clone();
                    if fk.name.is_none() {
                        fk.name = option.name.clone();
                    }
                    fk.columns = vec![def.name.clone()];
                    references.push(fk);
                }
                ColumnOption::Identity(_) => {
                    column.nullable = false;
                    self.identity_not_kept(&table, &name, column_pos);
                }
                other => self.warning(
                    codes::S104,
                    column_pos,
                    format!("`{other}` on `{table}.{name}` is not kept: the registries have no place for it"),
                ),
            }
        }
        self.tables[t].columns.push(column);
        if pk {
            self.set_primary_key(t, vec![name], column_pos);
        }
        // Inline references once the column exists.
        for fk in references {
            let fk_pos = spell::parts(&fk.foreign_table).first().map_or(column_pos, |i| at(i.span, column_pos));
            self.foreign_key(t, &fk, fk_pos);
        }
    }

    /// Records that table `t` has a constraint named `name`; a second one of the name is an
    /// error (PostgreSQL: "constraint … already exists"), and false.
    fn claim_constraint_name(&mut self, t: usize, name: &str, pos: Pos) -> bool {
        let table = &self.tables[t].table;
        let taken = table.checks.iter().any(|c| c.name.as_deref() == Some(name))
            || table.unique_constraints.iter().any(|u| u.name.as_deref() == Some(name))
            || table.exclusions.iter().any(|x| x.name.as_deref() == Some(name))
            || table.primary_key_name.as_deref() == Some(name);
        if taken {
            let table = table.table_ref();
            self.report.error(codes::S105, pos, format!("table `{table}` already has a constraint named `{name}`"));
        }
        !taken
    }

    /// Keeps a primary key's name when it is not PostgreSQL's default `{table}_pkey` (the
    /// name the exporter writes for none).
    fn set_key_name(&mut self, t: usize, name: Option<String>) {
        let table = &mut self.tables[t].table;
        let default = format!("{}_pkey", table.name);
        table.primary_key_name = name.filter(|n| *n != default);
    }

    /// Sets `NULLS NOT DISTINCT`, `INCLUDE` and the deferral of a unique constraint.
    fn unique_options(
        &mut self,
        constraint: &mut UniqueConstraint,
        nulls: NullsDistinctOption,
        include: &[Ident],
        characteristics: Option<&ConstraintCharacteristics>,
    ) {
        constraint.nulls_not_distinct = matches!(nulls, NullsDistinctOption::NotDistinct);
        constraint.include = include.iter().map(ident).collect();
        constraint.deferral = deferral(characteristics);
    }

    fn set_primary_key(&mut self, t: usize, columns: Vec<String>, pos: Pos) {
        let table = &mut self.tables[t].table;
        if !table.primary_key.is_empty() {
            let message = format!(
                "table `{}` already has a primary key ({}); a table has one",
                table.table_ref(),
                table.primary_key.join(", ")
            );
            self.report.error(codes::S108, pos, message);
            return;
        }
        table.primary_key = columns;
    }

    /// The plain column names of key columns; an expression is an error.
    fn key_columns(&mut self, t: usize, columns: &[IndexColumn], pos: Pos) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for c in columns {
            match &c.column.expr {
                Expr::Identifier(i) => {
                    let name = ident(i);
                    if !self.has_column(t, &name, at(i.span, pos)) {
                        return None;
                    }
                    out.push(name);
                }
                other => {
                    self.report.error(codes::S100, pos, format!("a key is made of columns, not `{other}`"));
                    return None;
                }
            }
        }
        Some(out)
    }

    /// Whether table `t` has `column`; an S106 error when not.
    fn has_column(&mut self, t: usize, column: &str, pos: Pos) -> bool {
        let found = self.tables[t].columns.iter().any(|c| c.name == column);
        if !found {
            let table = self.tables[t].table.table_ref();
            self.report.error(codes::S106, pos, format!("table `{table}` has no column `{column}`"));
        }
        found
    }

    fn constraint(&mut self, t: usize, constraint: &TableConstraint, not_valid: bool, pos: Pos) {
        let table = self.tables[t].table.table_ref();
        match constraint {
            TableConstraint::PrimaryKey(key) => {
                let key_pos = key.name.as_ref().map_or(pos, |n| at(n.span, pos));
                if let Some(columns) = self.key_columns(t, &key.columns, key_pos) {
                    self.set_key_name(t, key.name.as_ref().map(ident));
                    self.set_primary_key(t, columns, key_pos);
                }
            }
            TableConstraint::Unique(u) => {
                let unique_pos = u.name.as_ref().map_or(pos, |n| at(n.span, pos));
                if !u.include.iter().all(|i| self.has_column(t, &ident(i), at(i.span, unique_pos))) {
                    return;
                }
                if let Some(columns) = self.key_columns(t, &u.columns, unique_pos) {
                    let mut constraint = UniqueConstraint::new(u.name.as_ref().map(ident), columns);
                    self.unique_options(&mut constraint, u.nulls_distinct, &u.include, u.characteristics.as_ref());
                    self.tables[t].table.unique_constraints.push(constraint);
                }
            }
            TableConstraint::ForeignKey(fk) => {
                let fk_pos = fk.name.as_ref().map_or(pos, |n| at(n.span, pos));
                self.foreign_key(t, fk, fk_pos);
            }
            TableConstraint::Check(check) => {
                if let Some(name) = &check.name {
                    if !self.claim_constraint_name(t, &ident(name), at(name.span, pos)) {
                        return;
                    }
                }
                let constraint = CheckConstraint {
                    name: check.name.as_ref().map(ident),
                    expression: self.spell_expr(&check.expr),
                    column: None,
                    not_valid,
                    no_inherit: check.no_inherit,
                    note: None,
                };
                self.tables[t].table.checks.push(constraint);
            }
            TableConstraint::Exclude(exclude) => {
                let mut unnamed = exclude.clone();
                unnamed.name = None;
                let text = unnamed.to_string();
                let definition = text.strip_prefix("EXCLUDE ").unwrap_or(&text).to_owned();
                let constraint = ExclusionConstraint { name: exclude.name.as_ref().map(ident), definition };
                self.tables[t].table.exclusions.push(constraint);
            }
            other => self.warning(
                codes::S104,
                pos,
                format!("`{other}` on `{table}` is not kept: the registries have no place for it"),
            ),
        }
    }

    fn foreign_key(&mut self, t: usize, fk: &ForeignKeyConstraint, pos: Pos) {
        let names = |idents: &[Ident]| idents.iter().map(|i| (ident(i), at(i.span, pos))).collect::<Vec<_>>();
        let columns = names(&fk.columns);
        for (column, column_pos) in &columns {
            if !self.has_column(t, column, *column_pos) {
                return;
            }
        }
        let match_type = match fk.match_kind {
            Some(ConstraintReferenceMatchKind::Full) => MatchType::Full,
            Some(ConstraintReferenceMatchKind::Partial) => {
                self.warning(
                    codes::S104,
                    pos,
                    "MATCH PARTIAL is not kept (PostgreSQL does not implement it); the relationship matches simple",
                );
                MatchType::Simple
            }
            _ => MatchType::Simple,
        };
        let characteristics = fk.characteristics.unwrap_or_default();
        let deferrable = characteristics.deferrable.unwrap_or(false);
        self.foreign_keys.push(ForeignKeyDraft {
            child: t,
            name: fk.name.as_ref().map(ident),
            columns,
            parent: self.resolved(&fk.foreign_table),
            parent_columns: names(&fk.referred_columns),
            on_delete: action(fk.on_delete),
            on_update: action(fk.on_update),
            match_type,
            deferrable,
            initially_deferred: deferrable && characteristics.initially == Some(DeferrableInitial::Deferred),
            pos,
            alone: self.alone.then(|| (self.statement_text().to_owned(), self.search_path.clone())),
        });
    }

    fn alter_table(&mut self, t: usize, operation: &AlterTableOperation, pos: Pos) {
        let table = self.tables[t].table.table_ref();
        match operation {
            AlterTableOperation::AddConstraint { constraint, not_valid } => self.constraint(t, constraint, *not_valid, pos),
            AlterTableOperation::AddColumn { column_def, .. } => self.add_column(t, column_def, pos),
            AlterTableOperation::AlterColumn { column_name, op } => {
                let name = ident(column_name);
                let column_pos = at(column_name.span, pos);
                if !self.has_column(t, &name, column_pos) {
                    return;
                }
                let spelled_default = match op {
                    AlterColumnOperation::SetDefault { value } => Some(self.spell_expr(value)),
                    _ => None,
                };
                let spelled_type = match op {
                    AlterColumnOperation::SetDataType { data_type, .. } => Some(self.spell_type(data_type)),
                    _ => None,
                };
                let Some(column) = self.tables[t].columns.iter_mut().find(|c| c.name == name) else { return };
                match op {
                    AlterColumnOperation::SetNotNull => column.nullable = false,
                    AlterColumnOperation::DropNotNull => column.nullable = true,
                    AlterColumnOperation::SetDefault { .. } => column.default = spelled_default,
                    AlterColumnOperation::DropDefault => column.default = None,
                    AlterColumnOperation::SetDataType { .. } => {
                        column.data_type = spelled_type.unwrap_or_default();
                    }
                    AlterColumnOperation::AddGenerated { generated_as, .. } => {
                        column.nullable = false;
                        column.spec.identity = Some(Identity {
                            always: !matches!(generated_as, Some(GeneratedAs::ByDefault)),
                            options: self.identity_options.pop_front().filter(|o| !o.is_empty()),
                        });
                    }
                }
            }
            other => self.warning(
                codes::S104,
                pos,
                format!("`ALTER TABLE {table} {other}` is not kept: the registries have no place for it"),
            ),
        }
    }

    fn create_index(&mut self, create: &CreateIndex, pos: Pos) {
        if self.is_kept_relation(&create.table_name) {
            let head = super::kept::KeptHead {
                kind: KeptKind::Index,
                name: create.name.as_ref().map(|n| spell::parts(n).iter().map(|i| ident(i)).collect()).unwrap_or_default(),
                on: spell::parts(&create.table_name).iter().map(|i| ident(i)).collect(),
            };
            self.keep(&head, pos);
            return;
        }
        let Some(t) = self.existing(&create.table_name, pos) else {
            return;
        };
        let table = self.tables[t].table.table_ref();
        let default_schema = self.options.default_schema.clone();
        let index_pos = create.name.as_ref().map_or(pos, |n| name_pos(n, pos));
        let mut index = Index { unique: create.unique, ..Index::default() };
        if let Some(using) = &create.using {
            let method = using.to_string().to_lowercase();
            match IndexMethod::parse(&method) {
                Ok(known) => index.method = known,
                Err(_) => index.other_method = Some(method),
            }
        }
        if !create.include.iter().all(|i| self.has_column(t, &ident(i), at(i.span, pos))) {
            return;
        }
        index.include = create.include.iter().map(ident).collect();
        index.nulls_not_distinct = create.nulls_distinct == Some(false);
        if !create.with.is_empty() {
            index.with = Some(create.with.iter().map(|w| self.spell_expr(w)).collect::<Vec<_>>().join(", "));
        }
        for c in &create.columns {
            let key = match &c.column.expr {
                Expr::Identifier(i) => {
                    let name = ident(i);
                    if !self.has_column(t, &name, at(i.span, pos)) {
                        return;
                    }
                    IndexKey::Column(name)
                }
                // `(a COLLATE "C")` comes as a collated expression; its collation is the part's.
                Expr::Collate { expr, collation } if matches!(**expr, Expr::Identifier(_)) => {
                    let Expr::Identifier(i) = &**expr else { unreachable!("matched above") };
                    let name = ident(i);
                    if !self.has_column(t, &name, at(i.span, pos)) {
                        return;
                    }
                    let mut part = IndexPart::column(name);
                    part.collation = Some(collation.to_string());
                    self.push_part(&mut index, part, c);
                    continue;
                }
                other => IndexKey::Expression(self.spell_expr(other)),
            };
            self.push_part(&mut index, IndexPart::plain(key), c);
        }
        index.name = create.name.as_ref().and_then(|n| spell::parts(n).last().map(|i| ident(i)));
        index.predicate = create.predicate.as_ref().map(|p| qualify_calls(&spell::predicate(p, &default_schema), &self.function_schemas()));
        let _ = (&table, index_pos);
        self.tables[t].table.indexes.push(index);
    }

    /// Adds `part` to `index` with the operator class and order `column` gives it.
    fn push_part(&mut self, index: &mut Index, mut part: IndexPart, column: &IndexColumn) {
        part.opclass = column.operator_class.as_ref().map(|class| class.to_string());
        part.descending = matches!(column.column.options.sort, Some(sqlparser::ast::OrderBySort::Desc));
        part.nulls_first = column.column.options.nulls_first;
        index.parts.push(part);
    }

    fn comment(&mut self, object: CommentObject, name: &ObjectName, comment: Option<&str>, pos: Pos) {
        let text = comment.map(str::to_owned);
        let parts: Vec<String> = spell::parts(name).iter().map(|i| ident(i)).collect();
        let relation = match object {
            CommentObject::Column if parts.len() > 1 => {
                ObjectName(spell::parts(name)[..parts.len() - 1].iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier((*i).clone())).collect())
            }
            _ => name.clone(),
        };
        if matches!(object, CommentObject::Table | CommentObject::Column) && self.is_kept_relation(&relation) {
            let on = spell::parts(&relation).iter().map(|i| ident(i)).collect();
            self.keep(&super::kept::KeptHead { kind: KeptKind::Comment, name: parts, on }, pos);
            return;
        }
        match object {
            CommentObject::Table => {
                let Some(t) = self.existing(name, pos) else { return };
                self.tables[t].table.purpose = text;
            }
            CommentObject::Column => {
                let parts = spell::parts(name);
                let Some((column, table)) = parts.split_last() else { return };
                if table.is_empty() {
                    self.report.error(codes::S100, name_pos(name, pos), "COMMENT ON COLUMN needs `table.column`");
                    return;
                }
                let t = match self.find(table) {
                    Some(t) => t,
                    None => {
                        let table_name = ObjectName(table.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier((*i).clone())).collect());
                        let Some(t) = self.existing(&table_name, pos) else { return };
                        t
                    }
                };
                let column_name = ident(column);
                if !self.has_column(t, &column_name, at(column.span, pos)) {
                    return;
                }
                if let Some(c) = self.tables[t].columns.iter_mut().find(|c| c.name == column_name) {
                    c.description = text;
                }
            }
            _ => {
                let head = super::kept::KeptHead {
                    kind: KeptKind::Comment,
                    name: spell::parts(name).iter().map(|i| ident(i)).collect(),
                    on: Vec::new(),
                };
                self.keep(&head, pos);
            }
        }
    }

    /// The registry of every statement lowered, once foreign keys and sequences resolve.
    pub(crate) fn finish(mut self) -> Registry {
        // PRIMARY KEY makes its columns NOT NULL.
        for draft in &mut self.tables {
            let key = draft.table.primary_key.clone();
            for column in draft.columns.iter_mut().filter(|c| key.contains(&c.name)) {
                column.nullable = false;
            }
        }
        let relationships = self.relationships();
        // The drafts are consumed, so the columns' strings move into the signals.
        let mut tables = Vec::with_capacity(self.tables.len());
        let mut columns = Vec::with_capacity(self.tables.len());
        for draft in self.tables {
            tables.push(draft.table);
            columns.push(draft.columns);
        }
        let signals = binding_signals(&tables, columns, &relationships, &self.options.now);
        Registry {
            tables,
            signals,
            relationships,
            modules: Vec::new(),
            enums: self.enums,
            pins: Vec::new(),
            kept: self.kept,
            ..Registry::default()
        }
    }

    fn relationships(&mut self) -> Vec<Relationship> {
        let drafts = std::mem::take(&mut self.foreign_keys);
        let mut out: Vec<Relationship> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        for fk in drafts {
            // A foreign key to a table the script does not create (a dump of one schema, meant
            // for a database that has the others) is kept as written, where it can be.
            if let (None, Some((sql, search_path))) = (self.find(&spell::parts(&fk.parent)), &fk.alone) {
                let child = self.tables[fk.child].table.table_ref();
                self.info(
                    codes::S102,
                    fk.pos,
                    format!("the foreign key of `{child}` to `{}`, a table this file does not create, is kept as written", fk.parent),
                );
                let name = fk.name.clone().unwrap_or_default();
                let kept = KeptObject { kind: KeptKind::Other, schema: Some(child.schema.clone()), name, on: Some(child), sql: sql.clone(), search_path: search_path.clone() };
                self.kept.push(kept);
                continue;
            }
            let Some(parent) = self.existing(&fk.parent, fk.pos) else {
                continue;
            };
            let parent_columns: Vec<String> = if fk.parent_columns.is_empty() {
                let key = self.tables[parent].table.primary_key.clone();
                if key.is_empty() {
                    let table = self.tables[parent].table.table_ref();
                    self.report.error(
                        codes::S106,
                        name_pos(&fk.parent, fk.pos),
                        format!("`{table}` has no primary key for this foreign key to reference"),
                    );
                    continue;
                }
                key
            } else {
                if !fk.parent_columns.iter().all(|(c, p)| self.has_column(parent, c, *p)) {
                    continue;
                }
                fk.parent_columns.iter().map(|(c, _)| c.clone()).collect()
            };
            let child_columns: Vec<String> = fk.columns.iter().map(|(c, _)| c.clone()).collect();
            if child_columns.len() != parent_columns.len() {
                self.report.error(
                    codes::S107,
                    fk.pos,
                    format!(
                        "this foreign key has {} column(s) but references {}: both sides need as many",
                        child_columns.len(),
                        parent_columns.len()
                    ),
                );
                continue;
            }
            let relationship = self.relationship(&fk, parent, child_columns, parent_columns);
            let mut relationship = relationship;
            if !keys.insert(relationship.key.clone()) {
                let base = relationship.key.clone();
                let mut n = 2;
                while !keys.insert(format!("{base}__{n}")) {
                    n += 1;
                }
                relationship.key = format!("{base}__{n}");
                relationship.id = ids::relationship(&relationship.key);
            }
            out.push(relationship);
        }
        out
    }

    fn relationship(
        &self,
        fk: &ForeignKeyDraft,
        parent: usize,
        child_columns: Vec<String>,
        parent_columns: Vec<String>,
    ) -> Relationship {
        let child = &self.tables[fk.child];
        let end = |draft: &TableDraft, columns: Vec<String>| RelationshipEnd {
            db_engine: draft.table.db_engine.clone(),
            db_name: draft.table.db_name.clone(),
            schema: draft.table.schema.clone(),
            table: draft.table.name.clone(),
            columns,
        };
        let required = child_columns.iter().all(|c| child.columns.iter().any(|col| &col.name == c && !col.nullable));
        let unique = is_unique_on(&child.table, &child_columns);
        let (create_child_index, child_index_name, child_index_method) = child_index(&child.table, &child_columns);
        let mut r = Relationship::with_defaults(
            ids::relationship(""),
            String::new(),
            child.table.module.clone(),
            end(child, child_columns),
            end(&self.tables[parent], parent_columns),
            self.options.now.clone(),
        );
        r.enforcement = EnforcementMode::DbFk;
        r.cardinality = Some(if unique { Cardinality::OneToOne } else { Cardinality::OneToMany });
        r.is_required = required;
        r.match_type = fk.match_type;
        r.deferrable = fk.deferrable;
        r.initially_deferred = fk.initially_deferred;
        r.on_delete = fk.on_delete;
        r.on_update = fk.on_update;
        r.create_child_index = create_child_index;
        r.child_index_name = child_index_name;
        r.child_index_method = child_index_method;
        r.key = self.rules.relationship_key(&r);
        r.id = ids::relationship(&r.key);
        // An unnamed foreign key has the name PostgreSQL gives it, which is what the database
        // the script makes holds (a rule set's name would be a name the source never had).
        r.constraint_name = fk.name.clone().or_else(|| {
            let columns: Vec<&str> = r.child.columns.iter().map(String::as_str).collect();
            let name = format!("{}_{}_fkey", r.child.table, columns.join("_"));
            (name.len() <= 63).then_some(name)
        });
        r
    }
}

fn name_of(column: &ColumnDraft) -> String {
    column.name.clone()
}

fn set_of(columns: &[String]) -> HashSet<&str> {
    columns.iter().map(String::as_str).collect()
}

/// Whether the primary key, a unique constraint or a full unique index has exactly `columns`.
fn is_unique_on(table: &Table, columns: &[String]) -> bool {
    let wanted = set_of(columns);
    set_of(&table.primary_key) == wanted
        || table.unique_constraints.iter().any(|u| set_of(&u.columns) == wanted)
        || table.indexes.iter().any(|i| {
            i.unique
                && i.predicate.is_none()
                && i.parts.iter().all(|p| p.plain_column().is_some())
                && i.columns().collect::<HashSet<_>>() == wanted
        })
}

/// The child index of a foreign key on `columns`, as the exporter reads it: an index on exactly
/// these columns is the child index (named, with its method); a key or B-tree index they lead
/// also serves (no name); otherwise there is none, and the exporter must not add one.
fn child_index(table: &Table, columns: &[String]) -> (bool, Option<String>, IndexMethod) {
    let exact = table.indexes.iter().find(|i| {
        i.predicate.is_none()
            && i.parts.len() == columns.len()
            && i.parts.iter().zip(columns).all(|(p, c)| p.plain_column() == Some(c.as_str()))
    });
    if let Some(index) = exact {
        return (true, index.name.clone(), index.method);
    }
    let leads = |key: &[String]| key.starts_with(columns);
    let by_key = leads(&table.primary_key) || table.unique_constraints.iter().any(|u| leads(&u.columns));
    let by_index = table.indexes.iter().any(|i| {
        let leading: Vec<String> = i
            .parts
            .iter()
            .map_while(|p| p.plain_column().map(str::to_owned))
            .collect();
        i.predicate.is_none() && i.method == IndexMethod::Btree && leading.starts_with(columns)
    });
    (by_key || by_index, None, IndexMethod::Btree)
}

/// The CHECK constraints of `table` as a copy (a partition, or `LIKE … INCLUDING
/// CONSTRAINTS`) has them: table-level, and each under the name it has in `table`,
/// PostgreSQL's default where it has none.
fn copied_checks(table: &Table) -> impl Iterator<Item = CheckConstraint> + '_ {
    table.checks.iter().map(|c| CheckConstraint {
        name: Some(c.name.clone().unwrap_or_else(|| match &c.column {
            Some(column) => format!("{}_{column}_check", table.name),
            None => format!("{}_check", table.name),
        })),
        column: None,
        ..c.clone()
    })
}

/// The literal of a `COMMENT ON … IS literal` statement: what follows the first `IS` outside
/// double-quoted names.
fn comment_literal(sql: &str) -> Option<&str> {
    let bytes = sql.as_bytes();
    let mut quoted = false;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'I' | b'i' if !quoted && i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                let is = bytes.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b's'));
                if is && bytes.get(i + 2).is_some_and(u8::is_ascii_whitespace) {
                    return Some(sql[i + 2..].trim());
                }
            }
            _ => {}
        }
    }
    None
}

/// What a view's query reads: the tables and views created before it.
impl super::view::Catalog for Lowering<'_> {
    fn relation(&mut self, name: &ObjectName) -> Option<Vec<super::view::ViewColumn>> {
        let t = self.find(&spell::parts(name))?;
        let unknown = |data_type: &str| data_type == super::view::UNKNOWN;
        Some(self.tables[t].columns.iter().map(|c| (c.name.clone(), Some(c.data_type.clone()).filter(|d| !unknown(d)))).collect())
    }

    fn spell_type(&mut self, data_type: &sqlparser::ast::DataType) -> String {
        Lowering::spell_type(self, data_type)
    }
}
