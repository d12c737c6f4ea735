//! Mermaid erDiagram export: one entity per table, its columns as attributes with
//! `PK`/`FK`/`UK` markers and their description as comment, and one labelled line per
//! relationship. What a Mermaid import kept (`Registry::mermaid`) comes back as written: entity
//! names, labels, classes, the order of key markers, both ends of each line, `--` or `..`,
//! labels, lines that name no columns, `classDef`/`style`, `direction`, accessibility texts,
//! subgraphs and front matter. Other tables are named as they are when every table is in
//! `public` (the importer's default schema), else `schema__table["schema.table"]`; other
//! relationships get crow's-foot ends from cardinality and `is_required`, solid for references
//! and dashed for logical and lineage ones. Checked by Mermaid 11's own parser in the tests.

pub mod parse;
pub mod text;

use std::fmt;

use std::collections::HashMap;

use relata_model::mermaid::{MermaidEnd, MermaidEntity, MermaidKey};
use relata_model::{
    AvailabilityStatus, Cardinality, Registry, Relationship, RelationshipId, RelationshipType, TableRef, Vocabulary,
};

use crate::export::scope::{ExportOptions, Scope};

/// The Mermaid erDiagram of a registry; print it with `Display` (`mermaid.to_string()`).
///
/// ```
/// # use relata_formats::{mermaid::Mermaid, export::ExportOptions};
/// let text = Mermaid::new(&relata_model::Registry::default(), &ExportOptions::default()).to_string();
/// assert_eq!(text, "erDiagram\n");
/// ```
#[derive(Debug, Clone)]
pub struct Mermaid<'a> {
    scope: Scope<'a>,
    /// The entity name of each table, indexed like `scope.tables`, as it is written.
    aliases: Vec<String>,
    /// The label of each table's entity (`NAME["label"]`), if it has one.
    labels: Vec<Option<String>>,
    /// What the registry kept of a Mermaid diagram, by table.
    entities: Vec<Option<&'a MermaidEntity>>,
}

impl<'a> Mermaid<'a> {
    /// The erDiagram of what `options` selects from `registry`, views left out (an entity
    /// would say they are tables).
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self::from_scope(Scope::tables(registry, options))
    }

    /// The erDiagram of an already selected scope. Entities keep the names (and labels) a
    /// Mermaid import kept; other tables are named as they are when every table of the
    /// registry is in the importer's default schema (`public`), and
    /// `schema__table["schema.table"]` otherwise, so the text reads back as the same tables.
    pub fn from_scope(scope: Scope<'a>) -> Self {
        let kept = &scope.registry.mermaid;
        let by_table: HashMap<&TableRef, &MermaidEntity> = kept.entities.iter().map(|e| (&e.table, e)).collect();
        // Plain names read back as tables of the importer's default schema, so a registry
        // that has only that schema needs no qualified names.
        let one_schema = scope.registry.tables.iter().all(|t| t.schema == crate::import::options::DEFAULT_SCHEMA);
        let mut taken = text::Aliases::default();
        let mut aliases = Vec::with_capacity(scope.tables.len());
        let mut labels = Vec::with_capacity(scope.tables.len());
        let mut entities = Vec::with_capacity(scope.tables.len());
        for table in &scope.tables {
            let entity = if by_table.is_empty() { None } else { by_table.get(&table.table_ref()).copied() };
            let written = entity.map(|e| (e.name.as_str(), e.label.clone())).or(one_schema.then_some((table.name.as_str(), None)));
            let name = written.and_then(|(name, label)| {
                let spelled = text::entity_name(name)?;
                taken.take(&spelled).then_some((spelled, label))
            });
            let (alias, label) = name.unwrap_or_else(|| {
                (taken.next(&table.schema, &table.name), Some(format!("{}.{}", table.schema, table.name)))
            });
            aliases.push(alias);
            labels.push(label);
            entities.push(entity);
        }
        Self { scope, aliases, labels, entities }
    }

    /// The entity name (alias) of an exported table.
    pub fn alias(&self, table: &TableRef) -> Option<&str> {
        let index = self.scope.table_index(&table.schema, &table.table)?;
        Some(&self.aliases[index])
    }

    /// Appends the erDiagram text to `out`: what `Display` prints, without a copy.
    pub(crate) fn write(&self, out: &mut String) {
        let scope = &self.scope;
        let kept = &scope.registry.mermaid;
        if let Some(front) = &kept.front_matter {
            out.push_str("---\n");
            out.push_str(front);
            if !front.is_empty() {
                out.push('\n');
            }
            out.push_str("---\n");
        }
        out.push_str("erDiagram\n");
        if let Some(direction) = &kept.direction {
            out.push_str("  direction ");
            out.push_str(direction);
            out.push('\n');
        }
        if let Some(title) = kept.acc_title.as_deref().filter(|t| !t.contains('\n')) {
            out.push_str("  accTitle: ");
            out.push_str(title);
            out.push('\n');
        }
        if let Some(descr) = kept.acc_descr.as_deref().filter(|d| !d.contains('}')) {
            out.push_str("  accDescr { ");
            out.push_str(descr);
            out.push_str(" }\n");
        }
        // A column is marked FK when a relationship that is a database FK starts from it.
        let mut fk_columns: Vec<Vec<&str>> = vec![Vec::new(); scope.tables.len()];
        for (n, r) in scope.relationships.iter().enumerate() {
            if r.emits_foreign_key() {
                let (child, _) = scope.ends(n);
                fk_columns[child].extend(r.child.columns.iter().map(String::as_str));
            }
        }
        // Entities of a kept subgraph are written inside it, the others first.
        let mut in_subgraph: Vec<Option<usize>> = vec![None; scope.tables.len()];
        for (n, subgraph) in kept.subgraphs.iter().enumerate() {
            for table in &subgraph.entities {
                if let Some(index) = scope.table_index(&table.schema, &table.table) {
                    in_subgraph[index].get_or_insert(n);
                }
            }
        }
        // Entities a Mermaid import kept come in its order, the others after them.
        let mut order: Vec<usize> = Vec::with_capacity(scope.tables.len());
        let mut placed = vec![false; scope.tables.len()];
        for e in &kept.entities {
            if let Some(index) = scope.table_index(&e.table.schema, &e.table.table) {
                if !std::mem::replace(&mut placed[index], true) {
                    order.push(index);
                }
            }
        }
        order.extend((0..scope.tables.len()).filter(|&i| !placed[i]));
        for &index in order.iter().filter(|&&i| in_subgraph[i].is_none()) {
            self.write_entity(out, index, &fk_columns[index], "  ");
        }
        for (n, subgraph) in kept.subgraphs.iter().enumerate() {
            let members: Vec<usize> = order.iter().copied().filter(|&i| in_subgraph[i] == Some(n)).collect();
            let Some(id) = text::entity_name(&subgraph.id).filter(|_| !members.is_empty()) else { continue };
            out.push_str("  subgraph ");
            out.push_str(&id);
            if let Some(title) = subgraph.title.as_deref().and_then(text::entity_name) {
                out.push_str(" [");
                out.push_str(&title);
                out.push(']');
            }
            out.push('\n');
            if let Some(direction) = &subgraph.direction {
                out.push_str("    direction ");
                out.push_str(direction);
                out.push('\n');
            }
            for index in members {
                self.write_entity(out, index, &fk_columns[index], "    ");
            }
            out.push_str("  end\n");
        }
        let mut label = String::new();
        let mut written = vec![false; scope.relationships.len()];
        let by_id: HashMap<RelationshipId, usize> = scope.relationships.iter().enumerate().map(|(n, r)| (r.id, n)).collect();
        for line in &kept.lines {
            let (Some(left), Some(right)) = (
                scope.table_index(&line.left.schema, &line.left.table),
                scope.table_index(&line.right.schema, &line.right.table),
            ) else {
                continue;
            };
            if let Some(id) = line.relationship {
                // A kept line is the relationship's only while it joins the same two tables.
                let Some(&n) = by_id.get(&id) else { continue };
                let (child, parent) = scope.ends(n);
                if written[n] || !((left, right) == (parent, child) || (left, right) == (child, parent)) {
                    continue;
                }
                written[n] = true;
            }
            out.push_str("  ");
            out.push_str(&self.aliases[left]);
            out.push(' ');
            out.push_str(end_symbol(line.left_end, true));
            out.push_str(if line.identifying { "--" } else { ".." });
            out.push_str(end_symbol(line.right_end, false));
            out.push(' ');
            out.push_str(&self.aliases[right]);
            out.push_str(" : \"");
            text::push_label_text(out, &line.label);
            out.push_str("\"\n");
        }
        for (n, r) in scope.relationships.iter().enumerate() {
            if written[n] {
                continue;
            }
            let (child, parent) = scope.ends(n);
            out.push_str("  ");
            out.push_str(&self.aliases[parent]);
            out.push(' ');
            out.extend(line_parts(r));
            out.push(' ');
            out.push_str(&self.aliases[child]);
            out.push_str(" : \"");
            label.clear();
            push_label(&mut label, r);
            text::push_quoted_text(out, &label);
            out.push_str("\"\n");
        }
        for (word, statements) in [("classDef", &kept.class_defs), ("style", &kept.styles)] {
            for s in statements.iter() {
                if s.names.is_empty() || s.styles.is_empty() {
                    continue;
                }
                out.push_str("  ");
                out.push_str(word);
                out.push(' ');
                out.push_str(&s.names.join(","));
                out.push(' ');
                out.push_str(&s.styles.join(","));
                out.push('\n');
            }
        }
    }

    /// Writes the entity of table `index`: its name, label, classes and attributes.
    fn write_entity(&self, out: &mut String, index: usize, fk_columns: &[&str], indent: &str) {
        let scope = &self.scope;
        let table = scope.tables[index];
        let entity = self.entities[index];
        out.push_str(indent);
        out.push_str(&self.aliases[index]);
        if let Some(label) = &self.labels[index] {
            out.push_str("[\"");
            text::push_quoted_text(out, label);
            out.push_str("\"]");
        }
        if let Some(e) = entity.filter(|e| !e.classes.is_empty()) {
            let classes: Vec<&str> = e.classes.iter().map(String::as_str).filter(|c| text::entity_name(c).as_deref() == Some(*c)).collect();
            if !classes.is_empty() {
                out.push_str(":::");
                out.push_str(&classes.join(","));
            }
        }
        let columns = scope.columns_at(index);
        if columns.is_empty() && !entity.is_some_and(|e| e.block) {
            out.push('\n');
            return;
        }
        out.push_str(" {\n");
        for column in columns {
            let name = column.column.as_str();
            out.push_str(indent);
            out.push_str("  ");
            text::push_attribute_type(out, &column.data_type);
            out.push(' ');
            text::push_attribute_word(out, name);
            let written = entity.and_then(|e| e.keys.iter().find(|k| k.column == name));
            let mut keys: Vec<MermaidKey> = Vec::new();
            let has = |key: MermaidKey| match key {
                MermaidKey::Pk => table.primary_key.iter().any(|k| k == name),
                MermaidKey::Fk => fk_columns.contains(&name) || written.is_some_and(|w| w.keys.contains(&MermaidKey::Fk)),
                MermaidKey::Uk => table.unique_constraints.iter().any(|u| u.columns.iter().any(|c| c == name)),
            };
            for key in written.map(|w| w.keys.as_slice()).unwrap_or_default().iter().chain(&[MermaidKey::Pk, MermaidKey::Fk, MermaidKey::Uk]) {
                if has(*key) && !keys.contains(key) {
                    keys.push(*key);
                }
            }
            for (n, key) in keys.iter().enumerate() {
                out.push_str(if n == 0 { " " } else { ", " });
                out.push_str(key.as_str());
            }
            if let Some(description) = &column.description {
                out.push_str(" \"");
                text::push_comment_text(out, description);
                out.push('"');
            }
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str("}\n");
    }
}

/// A kept end's symbol, on the left or the right of the line.
fn end_symbol(end: MermaidEnd, left: bool) -> &'static str {
    match (end, left) {
        (MermaidEnd::ZeroOrOne, true) => "|o",
        (MermaidEnd::ZeroOrOne, false) => "o|",
        (MermaidEnd::ExactlyOne, _) => "||",
        (MermaidEnd::ZeroOrMore, true) => "}o",
        (MermaidEnd::ZeroOrMore, false) => "o{",
        (MermaidEnd::OneOrMore, true) => "}|",
        (MermaidEnd::OneOrMore, false) => "|{",
        (MermaidEnd::Parent, _) => "u",
    }
}

impl fmt::Display for Mermaid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// The crow's-foot line from parent to child. The parent end says how many parents a child
/// row has (exactly one when `is_required`, else zero or one; for many:many one or more / zero
/// or more); the child end how many children a parent row has (`cardinality`, seen from the
/// parent: 1:1 → zero or one, 1:many and many:many → zero or more). Unset cardinality reads as
/// 1:many, the shape of a plain foreign key.
pub fn line(r: &Relationship) -> String {
    line_parts(r).concat()
}

/// [`line`] in its three pieces: parent end, line style, child end.
fn line_parts(r: &Relationship) -> [&'static str; 3] {
    let many_to_many = r.cardinality == Some(Cardinality::ManyToMany);
    let parent_end = match (many_to_many, r.is_required) {
        (false, true) => "||",
        (false, false) => "|o",
        (true, true) => "}|",
        (true, false) => "}o",
    };
    let child_end = match r.cardinality {
        Some(Cardinality::OneToOne) => "o|",
        Some(Cardinality::OneToMany | Cardinality::ManyToMany) | None => "o{",
    };
    // Dashed: documented-only relationships and data-flow lineage (seed 7.4).
    let dashed = r.relationship_type == RelationshipType::Logical || r.lineage_kind().is_lineage();
    [parent_end, if dashed { ".." } else { "--" }, child_end]
}

/// The relationship's label: its constraint name or key, then the lineage kind when it is not
/// a plain reference, and the availability when it is not active.
pub fn label(r: &Relationship) -> String {
    let mut label = String::new();
    push_label(&mut label, r);
    label
}

/// Appends [`label`]`(r)` to `out`.
fn push_label(out: &mut String, r: &Relationship) {
    out.push_str(r.constraint_name.as_deref().unwrap_or(&r.key));
    let kind = r.lineage_kind();
    let lineage = (kind.is_lineage() || r.relationship_type == RelationshipType::Logical).then(|| kind.as_str());
    let availability = (r.availability != AvailabilityStatus::Active).then(|| r.availability.as_str());
    match (lineage, availability) {
        (Some(k), Some(a)) => {
            out.push_str(" (");
            out.push_str(k);
            out.push_str(", ");
            out.push_str(a);
            out.push(')');
        }
        (Some(one), None) | (None, Some(one)) => {
            out.push_str(" (");
            out.push_str(one);
            out.push(')');
        }
        (None, None) => {}
    }
}
