//! Lowering: the syntax tree into the model. Entities become tables (named as written, or by
//! the `schema.table` label of Relata's own printer), attributes columns, lines relationships
//! where the diagram says their join columns, and everything Mermaid says that the registries
//! have no column for goes into [`MermaidExtras`]. The choices where Mermaid is silent are
//! listed in [`super`]'s documentation.

use std::collections::{HashMap, HashSet};

use relata_model::mermaid::{MermaidEntity, MermaidKey, MermaidKeys, MermaidLine, MermaidStyle, MermaidSubgraph};
use relata_model::{
    AvailabilityStatus, Cardinality, LineageKind, MermaidExtras, Registry, Relationship, RelationshipEnd, RelationshipType,
    Signal, SignalRole, Table, TableRef, TableStatus, UniqueConstraint, Vocabulary,
};
use relata_rules::RuleSet;

use super::ast::{self, End, Entity, Key, Line, Statement};
use super::{ImportOptions, Reporter};
use crate::codes;
use relata_model::derived_ids as ids;

/// A table being built.
struct Draft {
    table: Table,
    label: Option<String>,
    columns: Vec<Column>,
    extras: MermaidEntity,
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
    extras: MermaidExtras,
    /// The rule set's table prefixes, read once.
    known_prefixes: Vec<String>,
}

/// Lowers `file` into a registry, reporting into `report`.
pub(crate) fn lower(file: &ast::File, options: &ImportOptions, rules: &RuleSet, report: &mut Reporter) -> Registry {
    let mut cx = Lowering {
        options,
        rules,
        report,
        tables: Vec::new(),
        by_entity: HashMap::new(),
        by_table: HashMap::new(),
        extras: MermaidExtras::default(),
        known_prefixes: rules.prefixes().iter().map(|p| p.prefix.clone()).collect(),
    };
    cx.extras.front_matter = file.front_matter.clone();
    cx.extras.direction = file.direction.as_ref().map(|d| d.text.clone());
    let mut lines: Vec<(&Line, usize, usize)> = Vec::new();
    let mut classes: Vec<&ast::ClassAssignment> = Vec::new();
    cx.statements(&file.statements, &mut lines, &mut classes, None);
    for assignment in classes {
        for entity in &assignment.entities {
            // Mermaid makes an entity a class statement names, as any other mention does.
            let index = cx.entity(&Entity { name: entity.clone(), label: None, classes: Vec::new(), attributes: Vec::new(), block: false });
            let draft = &mut cx.tables[index];
            draft.extras.classes.extend(assignment.classes.iter().map(|c| c.text.clone()));
        }
    }
    let mut relationships: Vec<Relationship> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut kept_lines = Vec::new();
    let mut joined: HashSet<(TableRef, Vec<String>, TableRef)> = HashSet::new();
    for (line, left, right) in lines {
        let mut r = cx.relationship(line, left, right, &mut joined);
        if let Some(r) = &mut r {
            if !keys.insert(r.key.clone()) {
                let base = r.key.clone();
                let mut n = 2;
                while !keys.insert(format!("{base}__{n}")) {
                    n += 1;
                }
                r.key = format!("{base}__{n}");
                r.id = ids::relationship(&r.key);
            }
        }
        kept_lines.push(MermaidLine {
            relationship: r.as_ref().map(|r| r.id),
            left: cx.tables[left].table.table_ref(),
            right: cx.tables[right].table.table_ref(),
            left_end: end(line.left_end),
            right_end: end(line.right_end),
            identifying: line.identifying,
            label: line.label.clone().unwrap_or_default(),
        });
        relationships.extend(r);
    }
    cx.extras.lines = kept_lines;

    // A child column of a relationship is a key (as in the DBML import).
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
    let mut extras = cx.extras;
    let mut tables = Vec::with_capacity(cx.tables.len());
    for draft in cx.tables {
        extras.entities.push(draft.extras);
        tables.push(draft.table);
    }
    Registry { tables, signals, relationships, mermaid: extras, ..Registry::default() }
}

/// The model's end of a syntax tree's end.
fn end(end: End) -> relata_model::mermaid::MermaidEnd {
    use relata_model::mermaid::MermaidEnd as M;
    match end {
        End::ZeroOrOne => M::ZeroOrOne,
        End::ExactlyOne => M::ExactlyOne,
        End::ZeroOrMore => M::ZeroOrMore,
        End::OneOrMore => M::OneOrMore,
        End::Parent => M::Parent,
    }
}

impl Lowering<'_> {
    /// Walks `statements` (and those of subgraphs), making tables and collecting lines.
    fn statements<'f>(
        &mut self,
        statements: &'f [Statement],
        lines: &mut Vec<(&'f Line, usize, usize)>,
        classes: &mut Vec<&'f ast::ClassAssignment>,
        mut subgraph: Option<&mut MermaidSubgraph>,
    ) {
        for statement in statements {
            match statement {
                Statement::Entity(entity) => {
                    let index = self.entity(entity);
                    self.attributes(index, entity);
                    if let Some(s) = subgraph.as_deref_mut() {
                        let table = self.tables[index].table.table_ref();
                        if !s.entities.contains(&table) {
                            s.entities.push(table);
                        }
                    }
                }
                Statement::Relationship(line) => {
                    let left = self.entity(&line.left);
                    let right = self.entity(&line.right);
                    lines.push((line, left, right));
                }
                Statement::ClassDef(s) => self.extras.class_defs.push(style(s)),
                Statement::Style(s) => self.extras.styles.push(style(s)),
                Statement::Class(c) => classes.push(c),
                Statement::AccTitle(t) => self.extras.acc_title = Some(t.text.clone()),
                Statement::AccDescr(t) => self.extras.acc_descr = Some(t.text.clone()),
                Statement::Direction(d) => {
                    // The diagram's direction is the file's; one inside a subgraph is its own.
                    if let Some(s) = subgraph.as_deref_mut() {
                        s.direction = Some(d.text.clone());
                    }
                }
                Statement::Subgraph(s) => {
                    let mut kept = MermaidSubgraph {
                        id: s.id.text.clone(),
                        title: s.title.as_ref().map(|t| t.text.clone()),
                        direction: None,
                        entities: Vec::new(),
                    };
                    self.statements(&s.statements, lines, classes, Some(&mut kept));
                    self.extras.subgraphs.push(kept);
                }
            }
        }
    }

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
                    // Mermaid lets a later statement give an entity its label.
                    self.tables[index].label = Some(label.text.clone());
                    self.tables[index].extras.label = Some(label.text.clone());
                }
            }
            let classes = entity.classes.iter().map(|c| c.text.clone());
            self.tables[index].extras.classes.extend(classes);
            return index;
        }
        // Relata's own printer writes `schema__table["schema.table"]`; any other label is a
        // label, and the entity's name is the table's.
        let printed = entity.label.as_ref().and_then(|l| l.text.split_once('.')).filter(|(schema, name)| {
            !schema.is_empty() && !name.is_empty() && entity.name.text.starts_with(&crate::mermaid::text::alias_base(schema, name))
        });
        let (schema, name) = match printed {
            Some((schema, name)) => (schema.to_owned(), name.to_owned()),
            None => (self.options.default_schema.clone(), entity.name.text.clone()),
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
        table.prefix = table.derived_prefix(&self.known_prefixes).map(str::to_owned);
        let extras = MermaidEntity {
            table: table_ref.clone(),
            name: entity.name.text.clone(),
            label: entity.label.as_ref().map(|l| l.text.clone()),
            classes: entity.classes.iter().map(|c| c.text.clone()).collect(),
            block: false,
            keys: Vec::new(),
        };
        let index = self.tables.len();
        self.tables.push(Draft { table, label: entity.label.as_ref().map(|l| l.text.clone()), columns: Vec::new(), extras });
        self.by_entity.insert(entity.name.text.clone(), index);
        self.by_table.insert(table_ref, index);
        index
    }

    /// Adds `entity`'s attributes to its table.
    fn attributes(&mut self, index: usize, entity: &Entity) {
        let draft = &mut self.tables[index];
        draft.extras.block |= entity.block;
        for attribute in &entity.attributes {
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
            if !attribute.keys.is_empty() {
                let keys = attribute
                    .keys
                    .iter()
                    .map(|k| match k {
                        Key::Primary => MermaidKey::Pk,
                        Key::Foreign => MermaidKey::Fk,
                        Key::Unique => MermaidKey::Uk,
                    })
                    .collect();
                draft.extras.keys.push(MermaidKeys { column: column.name.clone(), keys });
            }
            draft.columns.push(column);
        }
    }

    /// The relationship of `line` between the tables `left` and `right`, when the diagram
    /// says its join columns; `None` (and a warning) when it does not.
    /// `joined` holds the child columns and parent of every relationship made so far: a line
    /// that would make one of them again is a diagram line (a foreign key is made once).
    fn relationship(
        &mut self,
        line: &Line,
        left: usize,
        right: usize,
        joined: &mut HashSet<(TableRef, Vec<String>, TableRef)>,
    ) -> Option<Relationship> {
        let (parent, child, parent_end, cardinality) = match (line.left_end.is_many(), line.right_end.is_many()) {
            (false, true) => (left, right, line.left_end, Cardinality::OneToMany),
            (true, false) => (right, left, line.right_end, Cardinality::OneToMany),
            (false, false) => (left, right, line.left_end, Cardinality::OneToOne),
            (true, true) => (left, right, line.left_end, Cardinality::ManyToMany),
        };
        let (label, kind, availability) = split_label(line.label.as_deref());
        // Where either side may hold the key (1:1, many:many), the side whose FK names the
        // other is the child.
        let found = self.join_columns(child, parent, label).map(|c| (parent, child, parent_end, c)).or_else(|| {
            (cardinality != Cardinality::OneToMany)
                .then(|| self.join_columns(parent, child, label).map(|c| (child, parent, line.right_end, c)))
                .flatten()
        });
        let found = found.filter(|(parent, child, _, (columns, _))| {
            joined.insert((self.tables[*child].table.table_ref(), columns.clone(), self.tables[*parent].table.table_ref()))
        });
        let Some((parent, child, parent_end, (child_columns, parent_columns))) = found else {
            let (a, b) = (&self.tables[left].table, &self.tables[right].table);
            self.report.warning(
                codes::M109,
                line.pos,
                format!(
                    "the diagram does not say which columns join `{}` and `{}`: the line is kept as a diagram line only, not as a foreign key; mark the joining attribute FK and name it after the other entity (like `{}_id`)",
                    a.name,
                    b.name,
                    singular(&self.tables[parent].table.name.to_lowercase())
                ),
            );
            return None;
        };
        if cardinality == Cardinality::ManyToMany {
            self.report.warning(
                codes::M111,
                line.pos,
                format!(
                    "`{}` to `{}` is many-to-many: imported as a many:many relationship, not as an rl_ join table; the house rules (R304) want a join table holding a ref to each side",
                    line.left.name.text, line.right.name.text
                ),
            );
        }
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
        // `..` is non-identifying, not "not enforced": the foreign key stays. Only Relata's
        // own printer's `(depends_on)` suffix on a dashed line says a logical relationship.
        if !line.identifying && kind == Some(LineageKind::DependsOn) {
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
        Some(r)
    }

    /// The child and parent columns of a line as the diagram says them (see [`super`]);
    /// `None` when it does not.
    fn join_columns(&self, child: usize, parent: usize, label: Option<&str>) -> Option<(Vec<String>, Vec<String>)> {
        let (child, parent) = (&self.tables[child], &self.tables[parent]);
        let parent_key = parent_key(parent)?;
        // 1. The label is Relata's key `{child}__{columns}__{parent}` naming FK columns.
        let named = label.and_then(|l| columns_in_key(child, parent, l));
        if let Some(columns) = named.filter(|c| c.len() == parent_key.len()) {
            if columns.iter().all(|c| child.columns.iter().any(|k| &k.name == c && k.fk)) {
                return Some((columns, parent_key));
            }
        }
        // 2. FK-marked columns whose names refer to the parent: `user_id`, `userId`, `UserID`,
        // `user`, `user_email` for the key `email`.
        let mut stems: Vec<String> = [parent.table.name.as_str(), parent.extras.name.as_str()]
            .into_iter()
            .chain(parent.label.as_deref())
            .flat_map(|n| [squash(n), squash(&singular(&n.to_lowercase()))])
            .filter(|s| !s.is_empty())
            .collect();
        stems.sort();
        stems.dedup();
        let fks: Vec<&Column> = child.columns.iter().filter(|c| c.fk).collect();
        let mut columns = Vec::new();
        for key in &parent_key {
            let k = squash(key);
            let refers = |c: &&&Column| {
                let n = squash(&c.name);
                stems.iter().any(|s| n == format!("{s}{k}") || (parent_key.len() == 1 && (n == format!("{s}id") || n == *s)))
                    || (parent_key.len() > 1 && n == k)
            };
            let found: Vec<&&Column> = fks.iter().filter(refers).collect();
            match found.as_slice() {
                [one] => columns.push(one.name.clone()),
                _ => {
                    columns.clear();
                    break;
                }
            }
        }
        if !columns.is_empty() {
            return Some((columns, parent_key));
        }
        // 3. The one FK-marked column whose comment names the parent.
        let name = parent.table.name.to_lowercase();
        let commented: Vec<&&Column> =
            fks.iter().filter(|c| c.description.as_deref().is_some_and(|d| d.to_lowercase().contains(&name))).collect();
        match (commented.as_slice(), parent_key.len()) {
            ([one], 1) => Some((vec![one.name.clone()], parent_key)),
            _ => None,
        }
    }
}

/// A name reduced to its lower-case letters and digits: `user_id`, `userId` and `UserID`
/// all give `userid`.
fn squash(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A `classDef`/`style` statement as kept.
fn style(s: &ast::Styling) -> MermaidStyle {
    MermaidStyle { names: s.names.iter().map(|n| n.text.clone()).collect(), styles: s.styles.clone() }
}

/// The parent's key columns: its primary key, else its column `id`; `None` when it has
/// neither (then nothing says what a line to it joins).
fn parent_key(parent: &Draft) -> Option<Vec<String>> {
    if !parent.table.primary_key.is_empty() {
        return Some(parent.table.primary_key.clone());
    }
    parent.columns.iter().find(|c| c.name.eq_ignore_ascii_case("id")).map(|c| vec![c.name.clone()])
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
