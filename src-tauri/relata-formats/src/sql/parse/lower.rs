//! Lowering: the statements into the model. Tables, columns, keys, indexes and comments are
//! built statement by statement (as PostgreSQL would run them); foreign keys are resolved at
//! the end, when every table exists, and become relationships the SQL exporter prints back
//! as the same constraints. The choices where SQL is silent are listed in [`super`]'s
//! documentation.

use std::borrow::Cow;
use std::collections::HashSet;

use relata_model::{
    Cardinality, EnforcementMode, EnumType, EnumValue, Index, IndexMethod, IndexPart, MatchType, ReferentialAction,
    Registry, Relationship, RelationshipEnd, Severity, Table, TableRef, TableStatus,
    UniqueConstraint, Vocabulary,
};
use relata_rules::RuleSet;
use rustc_hash::FxHashMap;
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnDef, ColumnOption, CommentObject, ConstraintReferenceMatchKind,
    CreateIndex, CreateTable, DeferrableInitial, Expr, ForeignKeyConstraint, Ident, IndexColumn, ObjectName,
    TableConstraint, UserDefinedTypeRepresentation,
};
use sqlparser::tokenizer::Span;

use super::ast::{self, Pos, SkipReason, StatementKind};
use super::spell::{self, ident};
use super::statements::to_pos;
use super::{ImportOptions, Reporter};
use crate::codes;
use crate::dbml::parse::ids;
use crate::dbml::parse::lower::{binding_signals, ColumnDraft};

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
    /// Sequences created in the script, spelled as a default names them, and where.
    sequences: Vec<(String, Pos)>,
}

impl<'a> Lowering<'a> {
    /// An empty lowering that reports into `report`; statements go in with [`Self::item`] as
    /// they are read, so each is dropped while still in cache rather than the whole script's
    /// syntax trees at the end.
    pub(crate) fn new(options: &'a ImportOptions, rules: &'a RuleSet, report: &'a mut Reporter) -> Self {
        Lowering {
            options,
            rules,
            report,
            db_engine: options.db_engine.clone().unwrap_or_else(|| "aurora_postgres".to_owned()),
            tables: Vec::new(),
            by_name: FxHashMap::default(),
            enums: Vec::new(),
            foreign_keys: Vec::new(),
            sequences: Vec::new(),
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
        match &statement.kind {
            StatementKind::Sql(sql) => cx.statement(sql, pos),
            StatementKind::CreateSequence { name } => {
                let name =
                    ObjectName(name.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier(i.clone())).collect());
                let spelled = spell::object_name(&name, cx.default_schema());
                cx.sequences.push((spelled, name_pos(&name, pos)));
            }
            StatementKind::AddIdentity { table, column } => {
                let name =
                    ObjectName(table.iter().map(|i| sqlparser::ast::ObjectNamePart::Identifier(i.clone())).collect());
                let Some(t) = cx.existing(&name, pos) else {
                    return;
                };
                let column_name = ident(column);
                let column_pos = at(column.span, pos);
                if cx.has_column(t, &column_name, column_pos) {
                    let table = cx.tables[t].table.table_ref();
                    cx.identity_not_kept(&table, &column_name, column_pos);
                }
            }
            StatementKind::SequenceOwnedBy { .. } | StatementKind::Setting => {}
            StatementKind::Skipped { words, reason } => cx.skipped(words, *reason, pos),
        }
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
            [table] => Some(TableRef::new(self.default_schema(), ident(table))),
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
            S::CreateSchema { .. } => {}
            S::CreateType { name, representation } => self.create_type(name, representation.as_ref(), pos),
            S::CreateTable(create) => self.create_table(create, pos),
            S::AlterTable(alter) => {
                let Some(t) = self.existing(&alter.name, pos) else {
                    return;
                };
                for operation in &alter.operations {
                    self.alter_table(t, operation, pos);
                }
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
            self.warning(
                codes::S102,
                pos,
                format!("type `{name}` is not imported: the registries hold enum types only"),
            );
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
        self.enums.push(EnumType { schema: type_ref.schema, name: type_ref.table, values });
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
        if create.query.is_some()
            || create.like.is_some()
            || create.inherits.is_some()
            || create.partition_by.is_some()
            || create.partition_of.is_some()
        {
            self.warning(
                codes::S104,
                name_pos(&create.name, pos),
                format!("`{table_ref}`: AS, LIKE, INHERITS and PARTITION BY / OF are not kept; only the columns written here are imported"),
            );
        }
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
        };
        table.prefix = table.derived_prefix(&known).map(str::to_owned);
        let t = self.tables.len();
        self.by_name.entry(table_ref.schema).or_default().insert(table_ref.table, t);
        self.tables.push(TableDraft { table, columns: Vec::new() });
        for column in &create.columns {
            self.add_column(t, column, pos);
        }
        for constraint in &create.constraints {
            self.constraint(t, constraint, pos);
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
        let mut column = ColumnDraft {
            name: name.clone(),
            data_type: spell::data_type(&def.data_type, self.default_schema()),
            nullable: true,
            default: None,
            description: None,
            pk: false,
            unique: false,
        };
        let mut pk = false;
        let mut references = Vec::new();
        for option in &def.options {
            let option_name = option.name.as_ref().map(ident);
            match &option.option {
                ColumnOption::Null => column.nullable = true,
                ColumnOption::NotNull => column.nullable = false,
                ColumnOption::Default(e) => column.default = Some(spell::expression(e, self.default_schema())),
                ColumnOption::Comment(text) => column.description = Some(text.clone()),
                ColumnOption::PrimaryKey(key) => {
                    pk = true;
                    self.check_key_name(t, option_name.as_ref().or(key.name.as_ref().map(ident).as_ref()), column_pos);
                }
                ColumnOption::Unique(u) => {
                    let name = option_name.clone().or_else(|| u.name.as_ref().map(ident));
                    self.tables[t]
                        .table
                        .unique_constraints
                        .push(UniqueConstraint { name, columns: vec![name_of(&column)] });
                }
                ColumnOption::ForeignKey(fk) => {
                    let mut fk = fk.clone();
                    if fk.name.is_none() {
                        fk.name = option.name.clone();
                    }
                    fk.columns = vec![def.name.clone()];
                    references.push(fk);
                }
                ColumnOption::Generated { generation_expr: None, .. } | ColumnOption::Identity(_) => {
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

    /// Reports a primary key whose name is not PostgreSQL's default `{table}_pkey`, which the
    /// registry cannot hold (the exporter always prints that name).
    fn check_key_name(&mut self, t: usize, name: Option<&String>, pos: Pos) {
        let table = &self.tables[t].table;
        // As the exporter prints it: shortened past the identifier limit.
        let limit =
            crate::sql::Dialect::max_identifier_bytes(&crate::sql::Postgres).min(self.rules.max_identifier_bytes());
        let default = relata_rules::shorten_identifier(&format!("{}_pkey", table.name), limit).into_owned();
        if let Some(name) = name.filter(|n| **n != default) {
            let message = format!(
                "primary key name `{name}` of `{}` is not kept: the registries name it `{default}`",
                table.table_ref()
            );
            self.warning(codes::S104, pos, message);
        }
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

    fn constraint(&mut self, t: usize, constraint: &TableConstraint, pos: Pos) {
        let table = self.tables[t].table.table_ref();
        match constraint {
            TableConstraint::PrimaryKey(key) => {
                let key_pos = key.name.as_ref().map_or(pos, |n| at(n.span, pos));
                self.check_key_name(t, key.name.as_ref().map(ident).as_ref(), key_pos);
                if let Some(columns) = self.key_columns(t, &key.columns, key_pos) {
                    self.set_primary_key(t, columns, key_pos);
                }
            }
            TableConstraint::Unique(u) => {
                let unique_pos = u.name.as_ref().map_or(pos, |n| at(n.span, pos));
                if u.characteristics.is_some() || !u.include.is_empty() {
                    self.warning(
                        codes::S104,
                        unique_pos,
                        format!("INCLUDE and DEFERRABLE of a unique constraint on `{table}` are not kept"),
                    );
                }
                if let Some(columns) = self.key_columns(t, &u.columns, unique_pos) {
                    self.tables[t]
                        .table
                        .unique_constraints
                        .push(UniqueConstraint { name: u.name.as_ref().map(ident), columns });
                }
            }
            TableConstraint::ForeignKey(fk) => {
                let fk_pos = fk.name.as_ref().map_or(pos, |n| at(n.span, pos));
                self.foreign_key(t, fk, fk_pos);
            }
            TableConstraint::Check(check) => {
                let check_pos = check.name.as_ref().map_or(pos, |n| at(n.span, pos));
                self.warning(
                    codes::S104,
                    check_pos,
                    format!(
                        "check constraint on `{table}` is not kept: the registries have no place for CHECK constraints"
                    ),
                );
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
            parent: fk.foreign_table.clone(),
            parent_columns: names(&fk.referred_columns),
            on_delete: action(fk.on_delete),
            on_update: action(fk.on_update),
            match_type,
            deferrable,
            initially_deferred: deferrable && characteristics.initially == Some(DeferrableInitial::Deferred),
            pos,
        });
    }

    fn alter_table(&mut self, t: usize, operation: &AlterTableOperation, pos: Pos) {
        let table = self.tables[t].table.table_ref();
        match operation {
            AlterTableOperation::AddConstraint { constraint, .. } => self.constraint(t, constraint, pos),
            AlterTableOperation::AddColumn { column_def, .. } => self.add_column(t, column_def, pos),
            AlterTableOperation::AlterColumn { column_name, op } => {
                let name = ident(column_name);
                let column_pos = at(column_name.span, pos);
                if !self.has_column(t, &name, column_pos) {
                    return;
                }
                let default_schema = self.options.default_schema.clone();
                let Some(column) = self.tables[t].columns.iter_mut().find(|c| c.name == name) else { return };
                match op {
                    AlterColumnOperation::SetNotNull => column.nullable = false,
                    AlterColumnOperation::DropNotNull => column.nullable = true,
                    AlterColumnOperation::SetDefault { value } => {
                        column.default = Some(spell::expression(value, &default_schema))
                    }
                    AlterColumnOperation::DropDefault => column.default = None,
                    AlterColumnOperation::SetDataType { data_type, .. } => {
                        column.data_type = spell::data_type(data_type, &default_schema)
                    }
                    AlterColumnOperation::AddGenerated { .. } => self.identity_not_kept(&table, &name, column_pos),
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
        let Some(t) = self.existing(&create.table_name, pos) else {
            return;
        };
        let table = self.tables[t].table.table_ref();
        let default_schema = self.options.default_schema.clone();
        let index_pos = create.name.as_ref().map_or(pos, |n| name_pos(n, pos));
        let method = match &create.using {
            None => IndexMethod::Btree,
            Some(using) => match IndexMethod::parse(&using.to_string().to_lowercase()) {
                Ok(method) => method,
                Err(_) => {
                    self.warning(
                        codes::S104,
                        index_pos,
                        format!("index method `{using}` is not one the registries know; the index is a B-tree"),
                    );
                    IndexMethod::Btree
                }
            },
        };
        if !create.include.is_empty() || create.nulls_distinct.is_some() || !create.with.is_empty() {
            self.warning(
                codes::S104,
                index_pos,
                format!("INCLUDE, NULLS NOT DISTINCT and WITH of an index on `{table}` are not kept"),
            );
        }
        let mut parts = Vec::new();
        for c in &create.columns {
            let plain =
                c.operator_class.is_none() && c.column.options.sort.is_none() && c.column.options.nulls_first.is_none();
            match &c.column.expr {
                Expr::Identifier(i) if plain => {
                    let name = ident(i);
                    if !self.has_column(t, &name, at(i.span, pos)) {
                        return;
                    }
                    parts.push(IndexPart::Column(name));
                }
                expr => {
                    let mut text = match expr {
                        Expr::Identifier(i) => {
                            crate::sql::Dialect::quote_identifier(&crate::sql::Postgres, &ident(i)).into_owned()
                        }
                        other => spell::expression(other, &default_schema),
                    };
                    if let Some(class) = &c.operator_class {
                        text.push(' ');
                        text.push_str(&class.to_string());
                    }
                    text.push_str(&c.column.options.to_string());
                    parts.push(IndexPart::Expression(text));
                }
            }
        }
        let name = create.name.as_ref().and_then(|n| spell::parts(n).last().map(|i| ident(i)));
        let predicate = create.predicate.as_ref().map(|p| spell::predicate(p, &default_schema));
        self.tables[t].table.indexes.push(Index { name, parts, method, unique: create.unique, predicate, note: None });
    }

    fn comment(&mut self, object: CommentObject, name: &ObjectName, comment: Option<&str>, pos: Pos) {
        let text = comment.map(str::to_owned);
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
            other => self.warning(codes::S102, pos, format!("the comment on {other} `{name}` is not imported: the registries keep comments on tables and columns")),
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
        let used: HashSet<String> = self
            .tables
            .iter()
            .flat_map(|d| &d.columns)
            .filter_map(|c| c.default.as_deref().and_then(crate::sql::ddl::sequence_of_default))
            .collect();
        for (sequence, pos) in std::mem::take(&mut self.sequences) {
            if !used.contains(&sequence) {
                self.warning(
                    codes::S104,
                    pos,
                    format!("sequence `{sequence}` is not kept: no column default draws from it"),
                );
            }
        }
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
        }
    }

    fn relationships(&mut self) -> Vec<Relationship> {
        let drafts = std::mem::take(&mut self.foreign_keys);
        let mut out: Vec<Relationship> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        for fk in drafts {
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
        r.constraint_name = fk.name.clone();
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
                && i.parts.iter().all(|p| matches!(p, IndexPart::Column(_)))
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
            && i.parts.iter().zip(columns).all(|(p, c)| matches!(p, IndexPart::Column(x) if x == c))
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
            .map_while(|p| match p {
                IndexPart::Column(c) => Some(c.clone()),
                IndexPart::Expression(_) => None,
            })
            .collect();
        i.predicate.is_none() && i.method == IndexMethod::Btree && leading.starts_with(columns)
    });
    (by_key || by_index, None, IndexMethod::Btree)
}
