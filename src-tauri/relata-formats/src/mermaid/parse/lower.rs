//! Lowering: the syntax tree into the model. Entities become tables (named by their label or
//! their name), attributes columns, lines relationships with inferred join columns. The
//! choices where Mermaid is silent are listed in [`super`]'s documentation.

use std::collections::{HashMap, HashSet};

use relata_model::{
    AvailabilityStatus, Cardinality, LineageKind, Registry, Relationship, RelationshipEnd,
    RelationshipType, Signal, SignalRole, Table, TableRef, TableStatus, UniqueConstraint, Vocabulary,
};
use relata_rules::RuleSet;

use super::ast::{self, Entity, Key, Line, Statement};
use super::{ImportOptions, Reporter};
use crate::codes;
use crate::import::ids;

/// A table being built.
struct Draft {
    table: Table,
    label: Option<String>,
    columns: Vec<Column>,
}

/// A column being built.
struct Column {
    name: String,
    data_type: String,
    description: Option<String>,
    pk: bool,
    fk: bool,
    unique: bool,
}

struct Lowering<'a> {
    options: &'a ImportOptions,
    rules: &'a RuleSet,
    report: &'a mut Reporter,
    tables: Vec<Draft>,
    by_entity: HashMap<String, usize>,
    by_table: HashMap<TableRef, usize>,
}

/// Lowers `file` into a registry, reporting into `report`.
pub(crate) fn lower(file: &ast::File, options: &ImportOptions, rules: &RuleSet, report: &mut Reporter) -> Registry {
    let mut cx = Lowering { options, rules, report, tables: Vec::new(), by_entity: HashMap::new(), by_table: HashMap::new() };
    let mut lines: Vec<(&Line, usize, usize)> = Vec::new();
    for statement in &file.statements {
        match statement {
            Statement::Entity(entity) => {
                let index = cx.entity(entity);
                cx.attributes(index, entity);
            }
            Statement::Relationship(line) => {
                let left = cx.entity(&line.left);
                let right = cx.entity(&line.right);
                lines.push((line, left, right));
            }
        }
    }
    let mut relationships: Vec<Relationship> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    for (line, left, right) in lines {
        let mut r = cx.relationship(line, left, right);
        if !keys.insert(r.key.clone()) {
            let base = r.key.clone();
            let mut n = 2;
            while !keys.insert(format!("{base}__{n}")) {
                n += 1;
            }
            r.key = format!("{base}__{n}");
            r.id = ids::relationship(&r.key);
        }
        relationships.push(r);
    }

    // A child column of a relationship is a key (as in the DBML import); an `FK` marker
    // alone only guides the join-column inference, so that export → import is stable.
    let child_columns: HashSet<(TableRef, &str)> = relationships
        .iter()
        .flat_map(|r| r.child.columns.iter().map(|c| (r.child.table_ref(), c.as_str())))
        .collect();
    let mut signals = Vec::new();
    for draft in &cx.tables {
        let table = &draft.table;
        for (n, column) in draft.columns.iter().enumerate() {
            let key = column.pk || child_columns.contains(&(table.table_ref(), column.name.as_str()));
            signals.push(Signal {
                nullable: !column.pk,
                role: if key { SignalRole::Key } else { SignalRole::Attribute },
                description: column.description.clone(),
                ..Signal::column(
                    ids::signal(&table.schema, &table.name, &column.name),
                    table.table_ref(),
                    &column.name,
                    n as u32 + 1,
                    &column.data_type,
                    options.now.clone(),
                )
            });
        }
    }
    Registry {
        tables: cx.tables.into_iter().map(|d| d.table).collect(),
        signals,
        relationships,
        modules: Vec::new(),
        enums: Vec::new(),
        pins: Vec::new(),
        ..Registry::default()
    }
}

impl Lowering<'_> {
    /// The table of `entity`, made on first sight.
    fn entity(&mut self, entity: &Entity) -> usize {
        if let Some(&index) = self.by_entity.get(&entity.name.text) {
            if let Some(label) = &entity.label {
                let first = &self.tables[index].label;
                if first.as_deref().is_some_and(|f| f != label.text) {
                    self.report.error(
                        codes::M106,
                        label.pos,
                        format!(
                            "entity `{}` already has the label \"{}\"; this one (\"{}\") is ignored",
                            entity.name.text,
                            first.as_deref().unwrap_or_default(),
                            label.text
                        ),
                    );
                } else if first.is_none() {
                    self.report.error(
                        codes::M106,
                        label.pos,
                        format!("entity `{}` is already used without a label; this label is ignored", entity.name.text),
                    );
                }
            }
            return index;
        }
        let (schema, name) = match entity.label.as_ref().and_then(|l| l.text.split_once('.')) {
            Some((schema, name)) if !schema.is_empty() && !name.is_empty() => (schema.to_owned(), name.to_owned()),
            _ => (self.options.default_schema.clone(), entity.name.text.clone()),
        };
        let table_ref = TableRef::new(&schema, &name);
        if let Some(&index) = self.by_table.get(&table_ref) {
            let at = entity.label.as_ref().map_or(entity.name.pos, |l| l.pos);
            self.report.error(
                codes::M106,
                at,
                format!("entity `{}` names table `{table_ref}`, which another entity already names; both are read as one", entity.name.text),
            );
            self.by_entity.insert(entity.name.text.clone(), index);
            return index;
        }
        let known: Vec<String> = self.rules.prefixes().iter().map(|p| p.prefix.clone()).collect();
        let mut table = Table {
            id: ids::table(&schema, &name),
            name,
            prefix: None,
            schema: schema.clone(),
            module: schema,
            status: TableStatus::Draft,
            purpose: None,
            primary_key: Vec::new(),
            db_engine: self.options.db_engine.clone().unwrap_or_else(|| "aurora_postgres".to_owned()),
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
        let index = self.tables.len();
        self.tables.push(Draft { table, label: entity.label.as_ref().map(|l| l.text.clone()), columns: Vec::new() });
        self.by_entity.insert(entity.name.text.clone(), index);
        self.by_table.insert(table_ref, index);
        index
    }

    /// Adds `entity`'s attributes to its table.
    fn attributes(&mut self, index: usize, entity: &Entity) {
        for attribute in &entity.attributes {
            let draft = &mut self.tables[index];
            if draft.columns.iter().any(|c| c.name == attribute.name.text) {
                let message = format!("attribute `{}` is defined twice in entity `{}`", attribute.name.text, entity.name.text);
                self.report.error(codes::M107, attribute.name.pos, message);
                continue;
            }
            let has = |k: Key| attribute.keys.contains(&k);
            let column = Column {
                name: attribute.name.text.clone(),
                data_type: attribute.data_type.text.clone(),
                description: attribute.comment.clone(),
                pk: has(Key::Primary),
                fk: has(Key::Foreign),
                unique: has(Key::Unique),
            };
            if column.pk {
                draft.table.primary_key.push(column.name.clone());
            }
            if column.unique {
                draft.table.unique_constraints.push(UniqueConstraint::new(None, vec![column.name.clone()]));
            }
            draft.columns.push(column);
        }
    }

    /// The relationship of `line` between the tables `left` and `right`.
    fn relationship(&mut self, line: &Line, left: usize, right: usize) -> Relationship {
        let (parent, child, parent_end, cardinality) = match (line.left_end.is_many(), line.right_end.is_many()) {
            (false, true) => (left, right, line.left_end, Cardinality::OneToMany),
            (true, false) => (right, left, line.right_end, Cardinality::OneToMany),
            (false, false) => (left, right, line.left_end, Cardinality::OneToOne),
            (true, true) => {
                self.report.warning(
                    codes::M111,
                    line.pos,
                    format!(
                        "`{}` to `{}` is many-to-many: imported as a many:many relationship, not as an rl_ join table; the house rules (R304) want a join table holding a ref to each side",
                        line.left.name.text, line.right.name.text
                    ),
                );
                (left, right, line.left_end, Cardinality::ManyToMany)
            }
        };
        let (label, kind, availability) = split_label(line.label.as_deref());
        let (child_columns, parent_columns) = match join_columns(&self.tables[child], &self.tables[parent], label) {
            Some(found) => found,
            None => {
                let guess = guess_columns(&self.tables[child], &self.tables[parent]);
                self.report.warning(
                    codes::M109,
                    line.pos,
                    format!(
                        "Mermaid does not say which columns join `{}` to `{}`, and none could be inferred: guessed `{}` → `{}`; correct them in the relationship",
                        self.tables[child].table.table_ref(),
                        self.tables[parent].table.table_ref(),
                        guess.0.join(", "),
                        guess.1.join(", ")
                    ),
                );
                guess
            }
        };
        let end = |d: &Draft, columns: Vec<String>| RelationshipEnd {
            db_engine: d.table.db_engine.clone(),
            db_name: d.table.db_name.clone(),
            schema: d.table.schema.clone(),
            table: d.table.name.clone(),
            columns,
        };
        let child_end = end(&self.tables[child], child_columns);
        let parent_end_cols = end(&self.tables[parent], parent_columns);
        let module = self.tables[child].table.module.clone();
        let mut r = Relationship::with_defaults(ids::relationship(""), String::new(), module, child_end, parent_end_cols, self.options.now.clone());
        r.cardinality = Some(cardinality);
        r.is_required = parent_end.is_required();
        if !line.identifying {
            r.relationship_type = RelationshipType::Logical;
        }
        if let Some(kind) = kind {
            // Only a kind that differs from what the type already says is kept as lineage.
            let plain = Relationship { lineage: None, ..r.clone() }.lineage_kind();
            if kind != plain {
                r.lineage = Some(kind);
            }
        }
        if let Some(availability) = availability {
            r.availability = availability;
        }
        r.key = self.rules.relationship_key(&r);
        r.id = ids::relationship(&r.key);
        r.notes = label.filter(|l| !l.is_empty() && *l != r.key).map(str::to_owned);
        r
    }
}

/// Relata's printer labels a line `key (kind, availability)`: the label without that suffix,
/// and what the suffix says. A suffix that is not made of those words stays in the label.
fn split_label(label: Option<&str>) -> (Option<&str>, Option<LineageKind>, Option<AvailabilityStatus>) {
    let Some(label) = label else { return (None, None, None) };
    let Some((base, suffix)) = label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) else {
        return (Some(label), None, None);
    };
    let (mut kind, mut availability) = (None, None);
    for word in suffix.split(", ") {
        if let (Ok(k), None) = (LineageKind::parse(word), kind) {
            kind = Some(k);
        } else if let (Ok(a), None) = (AvailabilityStatus::parse(word), availability) {
            availability = Some(a);
        } else {
            return (Some(label), None, None);
        }
    }
    (Some(base), kind, availability)
}

/// The child and parent columns of a line, inferred as [`super`] documents; `None` when
/// nothing fits.
fn join_columns(child: &Draft, parent: &Draft, label: Option<&str>) -> Option<(Vec<String>, Vec<String>)> {
    let parent_key = parent_key(parent);
    let fits = |columns: Vec<String>| -> Option<(Vec<String>, Vec<String>)> {
        (!columns.is_empty() && columns.len() == parent_key.len()).then(|| (columns, parent_key.clone()))
    };
    // 1. The label is a key `{child}__{columns}__{parent}` naming the child's columns.
    if let Some(found) = label.and_then(|l| columns_in_key(child, parent, l)).and_then(fits) {
        return Some(found);
    }
    let parent_name = parent.table.name.to_lowercase();
    let names = [format!("{parent_name}_id"), format!("{}_id", singular(&parent_name))];
    let named = |c: &Column| names.contains(&c.name.to_lowercase());
    // 2. FK-marked columns named after the parent, or whose comment names it.
    let by_name: Vec<String> = child
        .columns
        .iter()
        .filter(|c| c.fk && (named(c) || c.description.as_deref().is_some_and(|d| d.to_lowercase().contains(&parent_name))))
        .map(|c| c.name.clone())
        .collect();
    if let Some(found) = fits(by_name.into_iter().take(1).collect()) {
        return Some(found);
    }
    // 3. FK-marked columns with the type of the parent's key.
    let key_types: Vec<&str> = parent_key
        .iter()
        .filter_map(|k| parent.columns.iter().find(|c| &c.name == k).map(|c| c.data_type.as_str()))
        .collect();
    if key_types.len() == 1 {
        let typed: Vec<String> =
            child.columns.iter().filter(|c| c.fk && c.data_type == key_types[0]).map(|c| c.name.clone()).collect();
        if typed.len() == 1 {
            return fits(typed);
        }
    }
    // 4. Any column named after the parent.
    fits(child.columns.iter().filter(|c| named(c)).map(|c| c.name.clone()).take(1).collect())
}

/// The parent's key columns: its primary key, else `id`.
fn parent_key(parent: &Draft) -> Vec<String> {
    if parent.table.primary_key.is_empty() {
        vec!["id".to_owned()]
    } else {
        parent.table.primary_key.clone()
    }
}

/// The child's columns a key-shaped label names: `label` is `{child}__{a}_{b}__{parent}` and
/// `a`, `b` are child columns (the longest that fits first).
fn columns_in_key(child: &Draft, parent: &Draft, label: &str) -> Option<Vec<String>> {
    let middle = label
        .strip_prefix(&format!("{}__", child.table.name))?
        .strip_suffix(&format!("__{}", parent.table.name))?;
    let mut names: Vec<&str> = child.columns.iter().map(|c| c.name.as_str()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = Vec::new();
    let mut rest = middle;
    while !rest.is_empty() {
        let name = names.iter().find(|n| rest == **n || rest.strip_prefix(**n).is_some_and(|r| r.starts_with('_')))?;
        out.push((*name).to_owned());
        rest = rest[name.len()..].strip_prefix('_').unwrap_or("");
    }
    (!out.is_empty()).then_some(out)
}

/// The best guess when nothing fits: `{parent singular}_id` (or the one FK-marked column)
/// → the parent's first key column.
fn guess_columns(child: &Draft, parent: &Draft) -> (Vec<String>, Vec<String>) {
    let key = parent_key(parent);
    let fks: Vec<&Column> = child.columns.iter().filter(|c| c.fk).collect();
    let column = match fks.as_slice() {
        [only] => only.name.clone(),
        _ => format!("{}_id", singular(&parent.table.name.to_lowercase())),
    };
    (vec![column], vec![key[0].clone()])
}

/// An English singular, good enough for column names: `categories` → `category`,
/// `addresses` → `address`, `users` → `user`.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix("sses") {
        format!("{stem}ss")
    } else if name.ends_with('s') && !name.ends_with("ss") {
        name[..name.len() - 1].to_owned()
    } else {
        name.to_owned()
    }
}

