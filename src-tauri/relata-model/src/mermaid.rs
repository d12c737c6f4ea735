//! What a Mermaid erDiagram says that the registries have no column for, kept in Relata's own
//! data so the diagram goes back out as it came in: entity names as written, labels
//! (aliases), classes, key markers in their order, both ends of every line (minimum and
//! maximum each), identifying or not, labels, lines that name no join columns, `classDef` and
//! `style` statements, `direction`, accessibility text, subgraphs and the front matter.

use serde::{Deserialize, Serialize};

use crate::ids::{RelationshipId, TableRef};

/// Relata's record of a Mermaid erDiagram's own data (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MermaidExtras {
    /// The YAML front matter between its `---` lines, as written (title, config).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front_matter: Option<String>,
    /// The `direction` (`TB`, `BT`, `LR`, `RL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// The `accTitle` text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acc_title: Option<String>,
    /// The `accDescr` text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acc_descr: Option<String>,
    /// One entry per entity, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<MermaidEntity>,
    /// One entry per relationship line, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<MermaidLine>,
    /// `classDef` statements, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub class_defs: Vec<MermaidStyle>,
    /// `style` statements, in text order (their names are entity names as written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub styles: Vec<MermaidStyle>,
    /// `subgraph` blocks, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subgraphs: Vec<MermaidSubgraph>,
}

impl MermaidExtras {
    /// Whether nothing is kept (then a registry stores no Mermaid extras at all).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The entry of the entity that is `table`.
    pub fn entity(&self, table: &TableRef) -> Option<&MermaidEntity> {
        self.entities.iter().find(|e| &e.table == table)
    }

    /// The line that is the relationship `id`.
    pub fn line(&self, id: RelationshipId) -> Option<&MermaidLine> {
        self.lines.iter().find(|l| l.relationship == Some(id))
    }

    /// The lines that say no join columns (no registry relationship), with their index in
    /// [`MermaidExtras::lines`]: Relata keeps, draws and exports them, and a rule asks for
    /// their columns.
    pub fn diagram_only_lines(&self) -> impl Iterator<Item = (usize, &MermaidLine)> {
        self.lines.iter().enumerate().filter(|(_, l)| l.relationship.is_none())
    }
}

/// The entity name Relata's Mermaid printer gives a table it labels `schema.table`
/// (`schema__table`, every character that is not an ASCII letter or digit as `_`, and `e_`
/// before a leading digit); an import reads such an entity back as that table.
pub fn printed_name(schema: &str, table: &str) -> String {
    let word = |s: &str| s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>();
    let name = format!("{}__{}", word(schema), word(table));
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("e_{name}")
    } else {
        name
    }
}

/// An entity as the diagram wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MermaidEntity {
    /// The table it is.
    pub table: TableRef,
    /// Its name as written (unquoted).
    pub name: String,
    /// Its label (`NAME["label"]`, Mermaid's alias).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Its classes (`:::a,b` and `class` statements), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// Whether it was written with a `{ }` block (an empty block is a statement of its own).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub block: bool,
    /// The key markers of its attributes as written, for those that had any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<MermaidKeys>,
}

/// The key markers of one attribute, in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MermaidKeys {
    /// The attribute (column).
    pub column: String,
    /// Its markers.
    pub keys: Vec<MermaidKey>,
}

/// A key marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MermaidKey {
    /// `PK`.
    #[serde(rename = "PK")]
    Pk,
    /// `FK`.
    #[serde(rename = "FK")]
    Fk,
    /// `UK`.
    #[serde(rename = "UK")]
    Uk,
}

impl MermaidKey {
    /// The marker as Mermaid writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            MermaidKey::Pk => "PK",
            MermaidKey::Fk => "FK",
            MermaidKey::Uk => "UK",
        }
    }
}

/// One end of a line: how many rows it stands for, at least and at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MermaidEnd {
    /// 0..1: `|o`, `zero or one`.
    ZeroOrOne,
    /// 1..1: `||`, `only one`, `1`.
    ExactlyOne,
    /// 0..n: `}o`, `zero or more`, `many(0)`, `0+`.
    ZeroOrMore,
    /// 1..n: `}|`, `one or more`, `many(1)`, `1+`.
    OneOrMore,
    /// Mermaid's `u` (a parent end), 1..1.
    Parent,
}

impl MermaidEnd {
    /// The least number of rows.
    pub fn min(self) -> u32 {
        match self {
            MermaidEnd::ZeroOrOne | MermaidEnd::ZeroOrMore => 0,
            MermaidEnd::ExactlyOne | MermaidEnd::OneOrMore | MermaidEnd::Parent => 1,
        }
    }

    /// The most rows, `None` for many.
    pub fn max(self) -> Option<u32> {
        match self {
            MermaidEnd::ZeroOrMore | MermaidEnd::OneOrMore => None,
            MermaidEnd::ZeroOrOne | MermaidEnd::ExactlyOne | MermaidEnd::Parent => Some(1),
        }
    }
}

/// A relationship line as the diagram wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MermaidLine {
    /// The registry relationship it is; `None` for a line that says no join columns, which
    /// Relata keeps only here (drawn and exported, with a finding asking for its columns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<RelationshipId>,
    /// The entity written on the left.
    pub left: TableRef,
    /// The entity written on the right.
    pub right: TableRef,
    /// The left end (how many `left` rows one `right` row has).
    pub left_end: MermaidEnd,
    /// The right end.
    pub right_end: MermaidEnd,
    /// `--` (true) or `..` (false). Non-identifying is not "not enforced": it changes no key.
    pub identifying: bool,
    /// The label after `:`.
    pub label: String,
}

impl MermaidLine {
    /// The table that would hold the join columns (the child) and the one they would point
    /// at (the parent), as the Mermaid import reads the ends: the table at a "many" end is
    /// the child; where both ends are "one" or both "many", the right one is.
    pub fn child_and_parent(&self) -> (&TableRef, &TableRef) {
        let many = |end: MermaidEnd| end.max().is_none();
        if many(self.left_end) && !many(self.right_end) {
            (&self.left, &self.right)
        } else {
            (&self.right, &self.left)
        }
    }
}

/// A `classDef` or `style` statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MermaidStyle {
    /// Class names (`classDef`) or entity names (`style`).
    pub names: Vec<String>,
    /// The styles, as Mermaid reads them (`fill:#f9f`).
    pub styles: Vec<String>,
}

/// A `subgraph` block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MermaidSubgraph {
    /// Its id.
    pub id: String,
    /// Its title, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The `direction` written inside it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// The entities declared inside it, in order.
    pub entities: Vec<TableRef>,
}
