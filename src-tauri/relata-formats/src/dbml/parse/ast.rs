//! The DBML syntax tree: what the text says, as close to the text as possible. Names are
//! not resolved and settings are not checked here; [`super::lower`] does both.

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A name and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name, unquoted.
    pub text: String,
    /// Where it starts.
    pub pos: Pos,
}

/// A possibly schema-qualified name: `users`, `core.orders`, `"Sales Dept"."orders"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedName {
    /// The schema, when written.
    pub schema: Option<Name>,
    /// The last part.
    pub name: Name,
}

impl QualifiedName {
    /// Where the name starts.
    pub fn pos(&self) -> Pos {
        self.schema.as_ref().map_or(self.name.pos, |s| s.pos)
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.schema {
            Some(schema) => write!(f, "{}.{}", schema.text, self.name.text),
            None => f.write_str(&self.name.text),
        }
    }
}

/// A whole DBML file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct File {
    /// Top-level elements in text order.
    pub items: Vec<Item>,
}

/// One top-level element.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `Project name { … }`.
    Project(Project),
    /// `Table …`.
    Table(Table),
    /// `TablePartial …`: a table body other tables inject with `~name`.
    TablePartial(Table),
    /// `Enum …`.
    Enum(Enum),
    /// `Ref …` (long or short form).
    Ref(Ref),
    /// `TableGroup …`.
    TableGroup(TableGroup),
    /// `Note name { … }`: a sticky note.
    StickyNote(StickyNote),
    /// `Records …`: sample rows.
    Records(Records),
}

/// A `[…]` setting: `pk`, `not null`, `note: '…'`, `delete: set null`, `ref: > a.b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The setting's name, lower-case, words joined by one space (`not null`).
    pub name: String,
    /// Its value after `:`, if any.
    pub value: Option<Value>,
    /// Where the setting starts.
    pub pos: Pos,
}

/// A setting's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `'…'`.
    Str(String),
    /// `42`, `-1.5`.
    Number(String),
    /// `` `now()` ``.
    Expr(String),
    /// `#011B4E`.
    Color(String),
    /// Bare words: `true`, `cascade`, `set null`, `hash`.
    Words(String),
    /// `> core.orders.id`: an inline ref.
    Ref(Op, Endpoint),
}

impl Value {
    /// How the value reads in a message.
    pub fn describe(&self) -> String {
        match self {
            Value::Str(s) => format!("'{s}'"),
            Value::Number(s) | Value::Words(s) | Value::Color(s) => s.clone(),
            Value::Expr(s) => format!("`{s}`"),
            Value::Ref(op, end) => format!("{} {end}", op.as_str()),
        }
    }
}

/// `Project name { database_type: 'PostgreSQL' Note: '…' }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// The project's name.
    pub name: Option<Name>,
    /// `key: value` lines.
    pub settings: Vec<Setting>,
    /// `Note: …`.
    pub note: Option<Name>,
    /// Where `Project` is.
    pub pos: Pos,
}

/// A `Table` or `TablePartial`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The table's name.
    pub name: QualifiedName,
    /// `as alias`.
    pub alias: Option<Name>,
    /// Header settings: `headercolor`, `note`.
    pub settings: Vec<Setting>,
    /// Columns and partial injections, in text order.
    pub members: Vec<Member>,
    /// The `indexes { }` entries.
    pub indexes: Vec<IndexDef>,
    /// `Note: …` in the body.
    pub note: Option<Name>,
    /// `Records { }` inside the table, where it starts.
    pub records: Vec<Pos>,
    /// Where `Table` is.
    pub pos: Pos,
}

/// A line of a table body that brings columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// A column.
    Column(Column),
    /// `~partial_name`.
    Partial(Name),
}

/// `name type [settings]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Column name.
    pub name: Name,
    /// The type as written, unquoted: `varchar(255)`, `text[]`, `core.status`.
    pub data_type: Name,
    /// `[…]`.
    pub settings: Vec<Setting>,
}

/// One entry of `indexes { }`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    /// Key parts in order.
    pub parts: Vec<IndexPartDef>,
    /// `[…]`: `pk`, `unique`, `name`, `type`, `note`.
    pub settings: Vec<Setting>,
    /// Where the entry starts.
    pub pos: Pos,
}

/// A column or a backtick expression of an index.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexPartDef {
    /// A column name.
    Column(Name),
    /// An SQL expression.
    Expression(Name),
}

/// `Enum name { value [note: '…'] }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The type's name.
    pub name: QualifiedName,
    /// Values with their settings.
    pub values: Vec<(Name, Vec<Setting>)>,
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
pub struct Endpoint {
    /// The table (or its alias).
    pub table: QualifiedName,
    /// The columns; more than one for a composite ref.
    pub columns: Vec<Name>,
}

impl Endpoint {
    /// Where the endpoint starts.
    pub fn pos(&self) -> Pos {
        self.table.pos()
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.columns[..] {
            [one] => write!(f, "{}.{}", self.table, one.text),
            many => write!(f, "{}.({})", self.table, many.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// A relationship, from `Ref` (long or short form) or an inline `[ref: …]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    /// `Ref name`.
    pub name: Option<Name>,
    /// The left endpoint.
    pub left: Endpoint,
    /// The operator and where it is.
    pub op: Op,
    /// The right endpoint.
    pub right: Endpoint,
    /// `[delete: …, update: …, color: …, inactive]`.
    pub settings: Vec<Setting>,
    /// Where the ref starts.
    pub pos: Pos,
}

/// `TableGroup name [color: …, note: …] { tables }`.
#[derive(Debug, Clone, PartialEq)]
pub struct TableGroup {
    /// The group's name.
    pub name: Name,
    /// Header settings.
    pub settings: Vec<Setting>,
    /// Member tables.
    pub tables: Vec<QualifiedName>,
    /// `Note: …` in the body.
    pub note: Option<Name>,
    /// Where `TableGroup` is.
    pub pos: Pos,
}

/// `Note name { '…' }` at the top level.
#[derive(Debug, Clone, PartialEq)]
pub struct StickyNote {
    /// The note's name.
    pub name: Option<Name>,
    /// Its text.
    pub text: String,
    /// Where `Note` is.
    pub pos: Pos,
}

/// `Records table(columns) { rows }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Records {
    /// The table the rows are for, when written.
    pub table: Option<QualifiedName>,
    /// How many rows.
    pub rows: usize,
    /// Where `Records` is.
    pub pos: Pos,
}
