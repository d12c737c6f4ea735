//! Mermaid erDiagram export: one entity per table (a word alias with the schema-qualified
//! name as its label), its columns as attributes with `PK`/`FK`/`UK` markers and their
//! description as comment, and one labelled line per relationship with crow's-foot ends from
//! cardinality and `is_required`, solid for references and dashed for logical and lineage
//! relationships. Checked by Mermaid 11's own erDiagram parser in the integration tests.

pub mod parse;
pub mod text;

use std::fmt;

use relata_model::{
    AvailabilityStatus, Cardinality, Registry, Relationship, RelationshipType, TableRef, Vocabulary,
};

use crate::export::{ExportOptions, Scope};

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
    /// The entity name of each table, indexed like `scope.tables`.
    aliases: Vec<String>,
}

impl<'a> Mermaid<'a> {
    /// The erDiagram of what `options` selects from `registry`, views left out (an entity
    /// would say they are tables).
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self::from_scope(Scope::tables(registry, options))
    }

    /// The erDiagram of an already selected scope.
    pub fn from_scope(scope: Scope<'a>) -> Self {
        let mut taken = text::Aliases::default();
        let aliases = scope
            .tables
            .iter()
            .map(|t| taken.next(&t.schema, &t.name))
            .collect();
        Self { scope, aliases }
    }

    /// The entity name (alias) of an exported table.
    pub fn alias(&self, table: &TableRef) -> Option<&str> {
        let index = self.scope.table_index(&table.schema, &table.table)?;
        Some(&self.aliases[index])
    }

    /// Appends the erDiagram text to `out`: what `Display` prints, without a copy.
    pub(crate) fn write(&self, out: &mut String) {
        out.push_str("erDiagram\n");
        let scope = &self.scope;
        // A column is marked FK when a relationship that is a database FK starts from it.
        let mut fk_columns: Vec<Vec<&str>> = vec![Vec::new(); scope.tables.len()];
        for (n, r) in scope.relationships.iter().enumerate() {
            if r.emits_foreign_key() {
                let (child, _) = scope.ends(n);
                fk_columns[child].extend(r.child.columns.iter().map(String::as_str));
            }
        }
        // Quoted text is built here first, then mapped as a whole.
        let mut label = String::new();
        for (index, table) in scope.tables.iter().enumerate() {
            label.clear();
            label.push_str(&table.schema);
            label.push('.');
            label.push_str(&table.name);
            out.push_str("  ");
            out.push_str(&self.aliases[index]);
            out.push_str("[\"");
            text::push_quoted_text(out, &label);
            out.push_str("\"]");
            let columns = scope.columns_at(index);
            if columns.is_empty() {
                out.push('\n');
                continue;
            }
            out.push_str(" {\n");
            for column in columns {
                let name = column.column.as_str();
                out.push_str("    ");
                text::push_attribute_type(out, &column.data_type);
                out.push(' ');
                text::push_attribute_word(out, name);
                let keys = [
                    (table.primary_key.iter().any(|k| k == name), "PK"),
                    (fk_columns[index].contains(&name), "FK"),
                    (table.unique_constraints.iter().any(|u| u.columns.iter().any(|c| c == name)), "UK"),
                ];
                let mut first = true;
                for (_, key) in keys.into_iter().filter(|(on, _)| *on) {
                    out.push_str(if std::mem::take(&mut first) { " " } else { ", " });
                    out.push_str(key);
                }
                if let Some(description) = &column.description {
                    out.push_str(" \"");
                    text::push_quoted_text(out, description);
                    out.push('"');
                }
                out.push('\n');
            }
            out.push_str("  }\n");
        }
        for (n, r) in scope.relationships.iter().enumerate() {
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
