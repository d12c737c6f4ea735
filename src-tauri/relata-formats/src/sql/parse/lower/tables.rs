//! Lowering tables and views: `CREATE TABLE` (with `LIKE` and partitions), `CREATE VIEW` and
//! columns as PostgreSQL adds them.

use std::collections::HashSet;

use relata_model::{
    CheckConstraint, ColumnSpec, ExclusionConstraint, Identity, Index, KeptKind, KeptObject, PartitionOf,
    Table, TableRef, TableStatus, UniqueConstraint, ViewDefinition,
};
use sqlparser::ast::{ColumnDef, ColumnOption, CreateTable, GeneratedAs, ObjectName};

use crate::sql::parse::ast::{self, Pos};
use crate::sql::parse::spell::{self, ident};
use crate::codes;
use relata_model::derived_ids as ids;
use crate::import::draft::ColumnDraft;

use super::{at, name_pos, partition_key, Lowering, TableDraft};
use super::finish::{comment_literal, copied_checks, name_of};

impl Lowering<'_> {
    /// A new table `table_ref` as the import makes it: a draft in the module of its schema,
    /// its prefix derived from its name.
    pub(super) fn blank_table(&self, table_ref: &TableRef) -> Table {
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
    pub(super) fn create_view(&mut self, view: &sqlparser::ast::CreateView, pos: Pos) {
        let Some(table_ref) = self.table_ref(&view.name, pos) else {
            return;
        };
        let kind = if view.materialized { KeptKind::MaterializedView } else { KeptKind::View };
        let existing = self.by_name.get(&table_ref.schema).and_then(|tables| tables.get(&table_ref.table)).copied();
        if let Some(t) = existing {
            if view.or_replace && self.tables[t].table.is_view() {
                let name = vec![table_ref.schema.clone(), table_ref.table.clone()];
                self.keep(&crate::sql::parse::kept::KeptHead { kind, name, on: Vec::new() }, pos);
            } else {
                self.report.error(codes::S105, name_pos(&view.name, pos), format!("`{table_ref}` is created twice; this one is ignored"));
            }
            return;
        }
        let mut columns = crate::sql::parse::view::columns(&view.query, self);
        for (column, named) in columns.iter_mut().zip(&view.columns) {
            column.0 = ident(&named.name);
        }
        let mut table = self.blank_table(&table_ref);
        let sql = self.statement_text().to_owned();
        table.view = Some(ViewDefinition { materialized: view.materialized, sql, search_path: self.search_path.clone() });
        let drafts = columns
            .into_iter()
            .map(|(name, data_type)| ColumnDraft::new(name, data_type.unwrap_or_else(|| crate::sql::parse::view::UNKNOWN.to_owned())))
            .collect();
        let t = self.tables.len();
        self.by_name.entry(table_ref.schema.clone()).or_default().insert(table_ref.table.clone(), t);
        self.kept_relations.insert((table_ref.schema, table_ref.table));
        self.tables.push(TableDraft { table, columns: drafts });
    }

    pub(super) fn create_table(&mut self, create: &CreateTable, pos: Pos) {
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
    pub(super) fn copy_like(&mut self, t: usize, like: &ast::LikeClause, pos: Pos) {
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
    pub(super) fn copy_constraint_comments(&mut self, source: &Table, target: &TableRef, indexes: bool, pos: Pos) {
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

    pub(super) fn add_column(&mut self, t: usize, def: &ColumnDef, pos: Pos) {
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
}
