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
    /// The YAML front matter between its `---` lines, as written, if any.
    pub front_matter: Option<String>,
    /// The front matter's `title`, if any.
    pub title: Option<Name>,
    /// The last `direction` statement's value (`TB`, `BT`, `LR`, `RL`), if any.
    pub direction: Option<Name>,
    /// Every statement in text order.
    pub statements: Vec<Statement>,
}

/// One statement of the diagram.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// `NAME`, `NAME["label"]`, `NAME:::class`, `NAME { … }`.
    Entity(Entity),
    /// `A ||--o{ B : label`.
    Relationship(Line),
    /// `classDef name[, name] styles`: the names and the styles as written.
    ClassDef(Styling),
    /// `class A[, B] name[, name]`: the entities and the classes.
    Class(ClassAssignment),
    /// `style A[, B] styles`: the entities and the styles as written.
    Style(Styling),
    /// `accTitle: text`.
    AccTitle(Name),
    /// `accDescr: text` or `accDescr { text }`.
    AccDescr(Name),
    /// `direction TB` (also kept in [`File::direction`]).
    Direction(Name),
    /// `subgraph id [title]` … `end`.
    Subgraph(Subgraph),
}

/// A `classDef` or `style` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Styling {
    /// The class names (`classDef`) or entity names (`style`).
    pub names: Vec<Name>,
    /// The styles, each as the words Mermaid read, `,` between them.
    pub styles: Vec<String>,
    /// Where the statement starts.
    pub pos: Pos,
}

/// A `class` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassAssignment {
    /// The entities.
    pub entities: Vec<Name>,
    /// The classes given to them.
    pub classes: Vec<Name>,
    /// Where the statement starts.
    pub pos: Pos,
}

/// A `subgraph` block and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Subgraph {
    /// Its id.
    pub id: Name,
    /// Its title (`subgraph id [title]`).
    pub title: Option<Name>,
    /// The statements inside, in text order.
    pub statements: Vec<Statement>,
}

/// An entity as written: its name, its label (`[…]`), its classes and its attribute block.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The entity name, unquoted.
    pub name: Name,
    /// The label in `[…]` (Mermaid's alias), unquoted.
    pub label: Option<Name>,
    /// The classes after `:::`.
    pub classes: Vec<Name>,
    /// The attributes of a `{ … }` block, in order.
    pub attributes: Vec<Attribute>,
    /// Whether it was written with a `{ … }` block (which may be empty).
    pub block: bool,
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
    /// `u`: Mermaid's "parent" end (drawn like exactly one).
    Parent,
    /// `||`, `only one`, `one`, `1`.
    ExactlyOne,
    /// `}o`, `o{`, `zero or more`, `zero or many`, `many(0)`, `many`, `0+`.
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
        matches!(self, End::ExactlyOne | End::OneOrMore | End::Parent)
    }

    /// The end's symbol on the left of a line (`|o`, `||`, `}o`, `}|`, `u`).
    pub fn left_symbol(self) -> &'static str {
        match self {
            End::ZeroOrOne => "|o",
            End::Parent => "u",
            End::ExactlyOne => "||",
            End::ZeroOrMore => "}o",
            End::OneOrMore => "}|",
        }
    }

    /// The end's symbol on the right of a line (`o|`, `||`, `o{`, `|{`, `u`).
    pub fn right_symbol(self) -> &'static str {
        match self {
            End::ZeroOrOne => "o|",
            End::Parent => "u",
            End::ExactlyOne => "||",
            End::ZeroOrMore => "o{",
            End::OneOrMore => "|{",
        }
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
    /// The label after `:`, unquoted (Mermaid requires one; it may be `""`).
    pub label: Option<String>,
    /// Where the line starts.
    pub pos: Pos,
}
