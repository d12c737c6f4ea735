//! Mermaid erDiagram export: one entity per table (a word alias with the schema-qualified
//! name as its label), its columns as attributes with `PK`/`FK`/`UK` markers and their
//! description as comment, and one labelled line per relationship with crow's-foot ends from
//! cardinality and `is_required`, solid for references and dashed for logical and lineage
//! relationships. Checked by Mermaid 11's own erDiagram parser in the integration tests.

pub mod parse;
pub mod text;

use std::collections::{HashMap, HashSet};
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
    aliases: HashMap<TableRef, String>,
}

impl<'a> Mermaid<'a> {
    /// The erDiagram of what `options` selects from `registry`.
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self::from_scope(Scope::new(registry, options))
    }

    /// The erDiagram of an already selected scope.
    pub fn from_scope(scope: Scope<'a>) -> Self {
        let mut taken = text::Aliases::default();
        let aliases = scope
            .tables
            .iter()
            .map(|t| (t.table_ref(), taken.next(&t.schema, &t.name)))
            .collect();
        Self { scope, aliases }
    }

    /// The entity name (alias) of an exported table.
    pub fn alias(&self, table: &TableRef) -> Option<&str> {
        self.aliases.get(table).map(String::as_str)
    }
}

impl fmt::Display for Mermaid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "erDiagram")?;
        let scope = &self.scope;
        // A column is marked FK when a relationship that is a database FK starts from it.
        let fk_columns: HashSet<(TableRef, &str)> = scope
            .relationships
            .iter()
            .filter(|r| r.emits_foreign_key())
            .flat_map(|r| {
                r.child
                    .columns
                    .iter()
                    .map(move |c| (r.child.table_ref(), c.as_str()))
            })
            .collect();
        for table in &scope.tables {
            let table_ref = table.table_ref();
            let label = text::quoted_text(&format!("{}.{}", table.schema, table.name));
            write!(f, "  {}[\"{label}\"]", self.aliases[&table_ref])?;
            let columns = scope.columns(table);
            if columns.is_empty() {
                writeln!(f)?;
                continue;
            }
            writeln!(f, " {{")?;
            let unique: HashSet<&str> = table
                .unique_constraints
                .iter()
                .flat_map(|u| u.columns.iter().map(String::as_str))
                .collect();
            for column in columns {
                let name = column.column.as_str();
                let keys: Vec<&str> = [
                    (table.primary_key.iter().any(|k| k == name), "PK"),
                    (fk_columns.contains(&(table_ref.clone(), name)), "FK"),
                    (unique.contains(name), "UK"),
                ]
                .into_iter()
                .filter_map(|(on, key)| on.then_some(key))
                .collect();
                write!(
                    f,
                    "    {} {}",
                    text::attribute_type(&column.data_type),
                    text::attribute_word(name)
                )?;
                if !keys.is_empty() {
                    write!(f, " {}", keys.join(", "))?;
                }
                if let Some(description) = &column.description {
                    write!(f, " \"{}\"", text::quoted_text(description))?;
                }
                writeln!(f)?;
            }
            writeln!(f, "  }}")?;
        }
        for r in &scope.relationships {
            writeln!(
                f,
                "  {} {} {} : \"{}\"",
                self.aliases[&r.parent.table_ref()],
                line(r),
                self.aliases[&r.child.table_ref()],
                text::quoted_text(&label(r))
            )?;
        }
        Ok(())
    }
}

/// The crow's-foot line from parent to child. The parent end says how many parents a child
/// row has (exactly one when `is_required`, else zero or one; for many:many one or more / zero
/// or more); the child end how many children a parent row has (`cardinality`, seen from the
/// parent: 1:1 → zero or one, 1:many and many:many → zero or more). Unset cardinality reads as
/// 1:many, the shape of a plain foreign key.
pub fn line(r: &Relationship) -> String {
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
    format!(
        "{parent_end}{}{child_end}",
        if dashed { ".." } else { "--" }
    )
}

/// The relationship's label: its constraint name or key, then the lineage kind when it is not
/// a plain reference, and the availability when it is not active.
pub fn label(r: &Relationship) -> String {
    let mut label = r.constraint_name.clone().unwrap_or_else(|| r.key.clone());
    let kind = r.lineage_kind();
    let mut about = Vec::new();
    if kind.is_lineage() || r.relationship_type == RelationshipType::Logical {
        about.push(kind.as_str());
    }
    if r.availability != AvailabilityStatus::Active {
        about.push(r.availability.as_str());
    }
    if !about.is_empty() {
        label = format!("{label} ({})", about.join(", "));
    }
    label
}
