//! The erDiagram syntax tree: what the text says, names unresolved. [`super::lower`] turns it
//! into tables, columns and relationships.

pub use crate::dbml::parse::ast::Pos;

/// A name and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name, unquoted.
    pub text: String,
    /// Where it starts.
    pub pos: Pos,
}

/// A whole erDiagram.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct File {
    /// The front matter's `title`, if any.
    pub title: Option<Name>,
    /// The `direction` statement's value (`TB`, `BT`, `LR`, `RL`), if any.
    pub direction: Option<Name>,
    /// Entity blocks, bare entities and relationship lines in text order.
    pub statements: Vec<Statement>,
}

/// One statement of the diagram.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// `NAME`, `NAME["label"]`, `NAME { … }`.
    Entity(Entity),
    /// `A ||--o{ B : label`.
    Relationship(Line),
}

/// An entity as written: its name, its label (`[…]`) and its attribute block, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The entity name (Relata's printer writes an alias like `core_data__orders`).
    pub name: Name,
    /// The label in `[…]` (Relata's printer writes the qualified name, `core_data.orders`).
    pub label: Option<Name>,
    /// The attributes of a `{ … }` block, in order.
    pub attributes: Vec<Attribute>,
}

/// `type name PK, FK "comment"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The type word, as written.
    pub data_type: Name,
    /// The attribute (column) name.
    pub name: Name,
    /// Its key markers, in order.
    pub keys: Vec<Key>,
    /// The comment, unquoted.
    pub comment: Option<String>,
}

/// A key marker of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// `PK`: part of the primary key.
    Primary,
    /// `FK`: a foreign-key column.
    Foreign,
    /// `UK`: unique.
    Unique,
}

/// How many rows one end of a line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `|o`, `o|`, `one or zero`, `zero or one`.
    ZeroOrOne,
    /// `||`, `only one`, `1`.
    ExactlyOne,
    /// `}o`, `o{`, `zero or more`, `zero or many`, `many(0)`, `0+`.
    ZeroOrMore,
    /// `}|`, `|{`, `one or more`, `one or many`, `many(1)`, `1+`.
    OneOrMore,
}

impl End {
    /// True for the ends that allow many rows.
    pub fn is_many(self) -> bool {
        matches!(self, End::ZeroOrMore | End::OneOrMore)
    }

    /// True for the ends that need at least one row.
    pub fn is_required(self) -> bool {
        matches!(self, End::ExactlyOne | End::OneOrMore)
    }
}

/// A relationship line: `left left_end--right_end right : label`.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The entity on the left, with its label if one was written here.
    pub left: Entity,
    /// How many `left` rows one `right` row has.
    pub left_end: End,
    /// `--` / `to` (true) or `..` / `optionally to` (false).
    pub identifying: bool,
    /// How many `right` rows one `left` row has.
    pub right_end: End,
    /// The entity on the right.
    pub right: Entity,
    /// The label after `:`, unquoted.
    pub label: Option<String>,
    /// Where the line starts.
    pub pos: Pos,
}
