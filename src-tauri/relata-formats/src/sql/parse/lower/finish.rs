//! Lowering's end: comments, and the foreign keys resolved into relationships once every table
//! exists.

use std::collections::HashSet;

use relata_model::{
    Cardinality, CheckConstraint, EnforcementMode, IndexMethod, KeptKind, KeptObject, Registry, Relationship,
    RelationshipEnd, Table,
};
use sqlparser::ast::{CommentObject, ObjectName};

use crate::sql::parse::ast::Pos;
use crate::sql::parse::spell::{self, ident};
use crate::codes;
use relata_model::derived_ids as ids;
use crate::import::draft::{binding_signals, ColumnDraft};

use super::{at, name_pos, ForeignKeyDraft, Lowering, TableDraft};

impl Lowering<'_> {
    pub(super) fn comment(&mut self, object: CommentObject, name: &ObjectName, comment: Option<&str>, pos: Pos) {
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
            self.keep(&crate::sql::parse::kept::KeptHead { kind: KeptKind::Comment, name: parts, on }, pos);
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
                let head = crate::sql::parse::kept::KeptHead {
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

    pub(super) fn relationships(&mut self) -> Vec<Relationship> {
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

    pub(super) fn relationship(
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

pub(super) fn name_of(column: &ColumnDraft) -> String {
    column.name.clone()
}

pub(super) fn set_of(columns: &[String]) -> HashSet<&str> {
    columns.iter().map(String::as_str).collect()
}

/// Whether the primary key, a unique constraint or a full unique index has exactly `columns`.
pub(super) fn is_unique_on(table: &Table, columns: &[String]) -> bool {
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
pub(super) fn child_index(table: &Table, columns: &[String]) -> (bool, Option<String>, IndexMethod) {
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
pub(super) fn copied_checks(table: &Table) -> impl Iterator<Item = CheckConstraint> + '_ {
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
pub(super) fn comment_literal(sql: &str) -> Option<&str> {
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
