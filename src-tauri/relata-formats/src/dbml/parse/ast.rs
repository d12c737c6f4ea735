//! The DBML syntax tree: what the text says, as close to the text as possible. Names are
//! not resolved and settings are not checked here; [`super::lower`] does both. Texts borrow
//! from the source (`'s`) unless decoding changed them (escapes, `'''` strings, joined
//! words), so a 1,000-table file builds its tree with few allocations.

use std::borrow::Cow;

/// A 1-based line and character column, in the file the import started from (`file` 0) or in
/// one a `use` brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Which file: 0 for the one imported, else the n-th file a `use` read.
    pub file: u16,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A name and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name<'s> {
    /// The name, unquoted.
    pub text: Cow<'s, str>,
    /// Where it starts.
    pub pos: Pos,
}

/// A possibly schema-qualified name: `users`, `core.orders`, `"Sales Dept"."orders"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedName<'s> {
    /// The schema, when written.
    pub schema: Option<Name<'s>>,
    /// The last part.
    pub name: Name<'s>,
}

impl QualifiedName<'_> {
    /// Where the name starts.
    pub fn pos(&self) -> Pos {
        self.schema.as_ref().map_or(self.name.pos, |s| s.pos)
    }
}

impl std::fmt::Display for QualifiedName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{}.{}", schema.text, self.name.text),
            None => f.write_str(&self.name.text),
        }
    }
}

/// A whole DBML file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct File<'s> {
    /// Top-level elements in text order.
    pub items: Vec<Item<'s>>,
}

/// One top-level element.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'s> {
    /// `Project name { … }`.
    Project(Project<'s>),
    /// `Table …`.
    Table(Table<'s>),
    /// `TablePartial …`: a table body other tables inject with `~name`.
    TablePartial(Table<'s>),
    /// `Enum …`.
    Enum(Enum<'s>),
    /// `Ref …` (long or short form).
    Ref(Ref<'s>),
    /// `TableGroup …`.
    TableGroup(TableGroup<'s>),
    /// `Note name { … }`: a sticky note.
    StickyNote(StickyNote<'s>),
    /// `Records …`: sample rows.
    Records(Records<'s>),
    /// `DiagramView name { Tables { … } … }`: a saved view of the diagram.
    DiagramView(DiagramView<'s>),
    /// `use … from './file'` or `reuse … from './file'`: elements of another file.
    Use(Use<'s>),
}

/// `use * from './file'`, or `use { table core.users as u  enum status } from './file'`;
/// `reuse` also passes them on to a file that uses this one.
#[derive(Debug, Clone, PartialEq)]
pub struct Use<'s> {
    /// `reuse` rather than `use`.
    pub reuse: bool,
    /// The elements named, or `None` for `*` (everything).
    pub elements: Option<Vec<UseElement<'s>>>,
    /// The path as written (relative to the file it is written in).
    pub path: Name<'s>,
    /// Where `use` is.
    pub pos: Pos,
}

/// One element of a selective `use`: `table core.users as u`.
#[derive(Debug, Clone, PartialEq)]
pub struct UseElement<'s> {
    /// `table`, `enum`, `tablepartial`, `note`, `schema` or `tablegroup`, lower-case.
    pub kind: Cow<'s, str>,
    /// The element's name in its file.
    pub name: QualifiedName<'s>,
    /// `as alias`.
    pub alias: Option<Name<'s>>,
}

/// A `[…]` setting: `pk`, `not null`, `note: '…'`, `delete: set null`, `ref: > a.b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<'s> {
    /// The setting's name, lower-case, words joined by one space (`not null`).
    pub name: Cow<'s, str>,
    /// Its value after `:`, if any.
    pub value: Option<Value<'s>>,
    /// Where the setting starts.
    pub pos: Pos,
}

/// A setting's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'s> {
    /// `'…'`.
    Str(Cow<'s, str>),
    /// `42`, `-1.5`, `1e5`: the sign folded in (`+1` is `1`, `--3` is `3`).
    Number(Cow<'s, str>),
    /// `` `now()` ``.
    Expr(Cow<'s, str>),
    /// `#011B4E`.
    Color(Cow<'s, str>),
    /// Bare words: `true`, `cascade`, `set null`, `hash`.
    Words(Cow<'s, str>),
    /// Names joined by dots: `status.active`, `core.status."on hold"` (an enum value).
    Path(Vec<Name<'s>>),
    /// `> core.orders.id`: an inline ref.
    Ref(Op, Endpoint<'s>),
}

impl Value<'_> {
    /// How the value reads in a message.
    pub fn describe(&self) -> String {
        match self {
            Value::Str(s) => format!("'{s}'"),
            Value::Number(s) | Value::Words(s) | Value::Color(s) => s.to_string(),
            Value::Expr(s) => format!("`{s}`"),
            Value::Path(names) => names.iter().map(|n| &*n.text).collect::<Vec<_>>().join("."),
            Value::Ref(op, end) => format!("{} {end}", op.as_str()),
        }
    }
}

/// `Project name { database_type: 'PostgreSQL' Note: '…' }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Project<'s> {
    /// The project's name.
    pub name: Option<Name<'s>>,
    /// `key: value` lines.
    pub settings: Vec<Setting<'s>>,
    /// `Note: …`.
    pub note: Option<Name<'s>>,
    /// Where `Project` is.
    pub pos: Pos,
}

/// A `Table` or `TablePartial`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'s> {
    /// The table's name.
    pub name: QualifiedName<'s>,
    /// `as alias`.
    pub alias: Option<Name<'s>>,
    /// Header settings: `headercolor`, `note`.
    pub settings: Vec<Setting<'s>>,
    /// Columns and partial injections, in text order.
    pub members: Vec<Member<'s>>,
    /// The `indexes { }` entries.
    pub indexes: Vec<IndexDef<'s>>,
    /// `Note: …` in the body.
    pub note: Option<Name<'s>>,
    /// `Records { }` inside the table: where each starts, and its text verbatim.
    pub records: Vec<(Pos, &'s str)>,
    /// The `checks { }` entries.
    pub checks: Vec<CheckDef<'s>>,
    /// Where `Table` is.
    pub pos: Pos,
    /// The whole element verbatim, from its keyword to its `}` (a `TablePartial` is kept so).
    pub text: &'s str,
}

/// One entry of `checks { }`: `` `expression` [name: '…'] ``.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckDef<'s> {
    /// The expression, without its backticks.
    pub expression: Name<'s>,
    /// `[…]`: `name`.
    pub settings: Vec<Setting<'s>>,
    /// Where the entry starts.
    pub pos: Pos,
}

/// A line of a table body that brings columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Member<'s> {
    /// A column.
    Column(Column<'s>),
    /// `~partial_name`.
    Partial(Name<'s>),
}

/// `name type [settings]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Column<'s> {
    /// Column name.
    pub name: Name<'s>,
    /// The type as written, unquoted: `varchar(255)`, `text[]`, `core.status`.
    pub data_type: Name<'s>,
    /// `[…]`.
    pub settings: Vec<Setting<'s>>,
}

/// One entry of `indexes { }`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef<'s> {
    /// Key parts in order.
    pub parts: Vec<IndexPartDef<'s>>,
    /// `[…]`: `pk`, `unique`, `name`, `type`, `note`.
    pub settings: Vec<Setting<'s>>,
    /// Where the entry starts.
    pub pos: Pos,
}

/// A column or a backtick expression of an index.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexPartDef<'s> {
    /// A column name.
    Column(Name<'s>),
    /// An SQL expression.
    Expression(Name<'s>),
}

/// `Enum name { value [note: '…'] }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum<'s> {
    /// The type's name.
    pub name: QualifiedName<'s>,
    /// Values with their settings.
    pub values: Vec<(Name<'s>, Vec<Setting<'s>>)>,
    /// Where `Enum` is.
    pub pos: Pos,
}

/// The relation of a `Ref`, as written between its endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `>`: many-to-one (the left is the child).
    ManyToOne,
    /// `<`: one-to-many (the right is the child).
    OneToMany,
    /// `-`: one-to-one.
    OneToOne,
    /// `<>`: many-to-many.
    ManyToMany,
}

impl Op {
    /// The operator as DBML spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::ManyToOne => ">",
            Op::OneToMany => "<",
            Op::OneToOne => "-",
            Op::ManyToMany => "<>",
        }
    }
}

/// `table.column`, `schema.table.column` or `table.(a, b)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint<'s> {
    /// The table (or its alias).
    pub table: QualifiedName<'s>,
    /// The columns; more than one for a composite ref.
    pub columns: Vec<Name<'s>>,
}

impl Endpoint<'_> {
    /// Where the endpoint starts.
    pub fn pos(&self) -> Pos {
        self.table.pos()
    }
}

impl std::fmt::Display for Endpoint<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.columns[..] {
            [one] => write!(f, "{}.{}", self.table, one.text),
            many => write!(f, "{}.({})", self.table, many.iter().map(|c| &*c.text).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// A relationship, from `Ref` (long or short form) or an inline `[ref: …]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref<'s> {
    /// `Ref name`.
    pub name: Option<Name<'s>>,
    /// The left endpoint.
    pub left: Endpoint<'s>,
    /// The operator and where it is.
    pub op: Op,
    /// The right endpoint.
    pub right: Endpoint<'s>,
    /// `[delete: …, update: …, color: …, inactive]`.
    pub settings: Vec<Setting<'s>>,
    /// Where the ref starts.
    pub pos: Pos,
}

/// `TableGroup name [color: …, note: …] { tables }`.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGroup<'s> {
    /// The group's name.
    pub name: Name<'s>,
    /// Header settings.
    pub settings: Vec<Setting<'s>>,
    /// Member tables.
    pub tables: Vec<QualifiedName<'s>>,
    /// `Note: …` in the body.
    pub note: Option<Name<'s>>,
    /// Where `TableGroup` is.
    pub pos: Pos,
}

/// `Note name { '…' }` at the top level.
#[derive(Debug, Clone, PartialEq)]
pub struct StickyNote<'s> {
    /// The note's name.
    pub name: Option<Name<'s>>,
    /// Its text.
    pub text: Cow<'s, str>,
    /// Where `Note` is.
    pub pos: Pos,
    /// The whole element verbatim, from `Note` to its `}`.
    pub source: &'s str,
}

/// `DiagramView name { Tables { … } Notes { … } TableGroups { … } Schemas { … } }`.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramView<'s> {
    /// The view's name.
    pub name: Name<'s>,
    /// Where `DiagramView` is.
    pub pos: Pos,
    /// The whole element verbatim, from `DiagramView` to its `}`.
    pub source: &'s str,
}

/// `Records table(columns) { rows }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Records<'s> {
    /// The table the rows are for, when written.
    pub table: Option<QualifiedName<'s>>,
    /// How many rows.
    pub rows: usize,
    /// Where `Records` is.
    pub pos: Pos,
    /// The whole element verbatim, from `Records` to its `}`.
    pub source: &'s str,
}
