//! Lowering: the statements into the model. Tables, columns, keys, indexes and comments are
//! built statement by statement (as PostgreSQL would run them); foreign keys are resolved at
//! the end, when every table exists, and become relationships the SQL exporter prints back
//! as the same constraints. The choices where SQL is silent are listed in [`super`]'s
//! documentation.

use std::borrow::Cow;
use std::collections::HashSet;

use relata_model::{
    Deferral, EnumType, EnumValue, Identity, KeptKind, KeptObject, MatchType, PartitionKey, PartitionOf,
    PartitionStrategy, ReferentialAction, Severity, Table, TableRef,
};
use relata_rules::RuleSet;
use rustc_hash::FxHashMap;
use sqlparser::ast::{
    AlterTableOperation, ConstraintCharacteristics, DeferrableInitial, Expr, Ident, ObjectName,
    UserDefinedTypeRepresentation,
};
use sqlparser::tokenizer::Span;

use super::ast::{self, Pos, SkipReason, StatementKind};
use super::spell::{self, ident};
use super::statements::to_pos;
use super::{ImportOptions, Reporter};
use crate::codes;
use crate::import::draft::ColumnDraft;

mod constraints;
mod finish;
mod tables;

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
