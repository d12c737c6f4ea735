//! Lowering keys, constraints, `ALTER TABLE` and indexes: names claimed once per table, as
//! PostgreSQL refuses a second constraint of a name.


use relata_model::{
    CheckConstraint, ExclusionConstraint, Identity, Index, IndexKey, IndexMethod, IndexPart, KeptKind,
    MatchType, UniqueConstraint, Vocabulary,
};
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ConstraintCharacteristics, ConstraintReferenceMatchKind,
    CreateIndex, DeferrableInitial, Expr, ForeignKeyConstraint, GeneratedAs, Ident, IndexColumn,
    NullsDistinctOption, TableConstraint,
};

use crate::sql::parse::ast::Pos;
use crate::sql::parse::spell::{self, ident};
use crate::codes;

use super::{action, at, deferral, name_pos, qualify_calls, ForeignKeyDraft, Lowering};

impl Lowering<'_> {
    /// Records that table `t` has a constraint named `name`; a second one of the name is an
    /// error (PostgreSQL: "constraint … already exists"), and false.
    pub(super) fn claim_constraint_name(&mut self, t: usize, name: &str, pos: Pos) -> bool {
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
    pub(super) fn set_key_name(&mut self, t: usize, name: Option<String>) {
        let table = &mut self.tables[t].table;
        let default = format!("{}_pkey", table.name);
        table.primary_key_name = name.filter(|n| *n != default);
    }

    /// Sets `NULLS NOT DISTINCT`, `INCLUDE` and the deferral of a unique constraint.
    pub(super) fn unique_options(
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

    pub(super) fn set_primary_key(&mut self, t: usize, columns: Vec<String>, pos: Pos) {
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
    pub(super) fn key_columns(&mut self, t: usize, columns: &[IndexColumn], pos: Pos) -> Option<Vec<String>> {
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
    pub(super) fn has_column(&mut self, t: usize, column: &str, pos: Pos) -> bool {
        let found = self.tables[t].columns.iter().any(|c| c.name == column);
        if !found {
            let table = self.tables[t].table.table_ref();
            self.report.error(codes::S106, pos, format!("table `{table}` has no column `{column}`"));
        }
        found
    }

    pub(super) fn constraint(&mut self, t: usize, constraint: &TableConstraint, not_valid: bool, pos: Pos) {
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

    pub(super) fn foreign_key(&mut self, t: usize, fk: &ForeignKeyConstraint, pos: Pos) {
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

    pub(super) fn alter_table(&mut self, t: usize, operation: &AlterTableOperation, pos: Pos) {
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

    pub(super) fn create_index(&mut self, create: &CreateIndex, pos: Pos) {
        if self.is_kept_relation(&create.table_name) {
            let head = crate::sql::parse::kept::KeptHead {
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
    pub(super) fn push_part(&mut self, index: &mut Index, mut part: IndexPart, column: &IndexColumn) {
        part.opclass = column.operator_class.as_ref().map(|class| class.to_string());
        part.descending = matches!(column.column.options.sort, Some(sqlparser::ast::OrderBySort::Desc));
        part.nulls_first = column.column.options.nulls_first;
        index.parts.push(part);
    }
}
