//! The statements of a script as read, close to the text: sqlparser's syntax tree for the
//! statements the import lowers, plus what sqlparser does not read (`ALTER SEQUENCE … OWNED
//! BY`) and what is only named (statements the registries have no place for).

use std::fmt;

/// A 1-based line and (character) column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counting characters.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A script: its statements in order. Statements that could not be read are left out (each
/// has a diagnostic).
#[derive(Debug, Clone, Default)]
pub struct File {
    /// The statements.
    pub statements: Vec<Statement>,
}

/// One statement and where it starts.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Where its first word is.
    pub pos: Pos,
    /// Its text's byte range in the file, without the final `;`.
    pub span: std::ops::Range<usize>,
    /// The sequence options of its identity columns, in order, as written (taken out before
    /// sqlparser reads the statement, which wants them in one order).
    pub identity_options: Vec<String>,
    /// The `LIKE source [options]` elements of a `CREATE TABLE`, taken out before sqlparser
    /// reads the statement (it reads only a lone `(LIKE source)`).
    pub likes: Vec<LikeClause>,
    /// What it is.
    pub kind: StatementKind,
}

/// One `LIKE source [INCLUDING|EXCLUDING option]…` element of a `CREATE TABLE`.
#[derive(Debug, Clone)]
pub struct LikeClause {
    /// The source table's name parts.
    pub source: Vec<sqlparser::ast::Ident>,
    /// How many column definitions are written before it: the copied columns go there.
    pub columns_before: usize,
    /// What is copied besides names, types and NOT NULL.
    pub including: LikeOptions,
}

/// The `INCLUDING` options of a `LIKE` element after its `EXCLUDING`s, in PostgreSQL's
/// order of application (the last word on an option wins; `ALL` sets every one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LikeOptions {
    /// `COMMENTS`: the comments of columns, constraints and indexes.
    pub comments: bool,
    /// `CONSTRAINTS`: CHECK constraints.
    pub constraints: bool,
    /// `DEFAULTS`: column defaults.
    pub defaults: bool,
    /// `GENERATED`: generation expressions.
    pub generated: bool,
    /// `IDENTITY`: identity specifications.
    pub identity: bool,
    /// `INDEXES`: the primary key, unique and exclusion constraints and plain indexes.
    pub indexes: bool,
    /// `STATISTICS`: extended statistics.
    pub statistics: bool,
    /// `STORAGE`: columns' storage modes.
    pub storage: bool,
    /// `COMPRESSION`: columns' compression methods.
    pub compression: bool,
}

/// What a statement is, as far as the import cares.
#[derive(Debug, Clone)]
pub enum StatementKind {
    /// A statement read by sqlparser (PostgreSQL dialect): schemas, types, tables, sequences,
    /// `ALTER TABLE`, indexes, comments.
    Sql(Box<sqlparser::ast::Statement>),
    /// `CREATE SEQUENCE name …`: only its name matters (sqlparser wants its options in an
    /// order `pg_dump` does not write them in).
    CreateSequence {
        /// The sequence's name parts.
        name: Vec<sqlparser::ast::Ident>,
    },
    /// `ALTER TABLE t ALTER [COLUMN] c ADD GENERATED … AS IDENTITY (SEQUENCE NAME …)`, as
    /// `pg_dump` writes identity columns (sqlparser does not read `SEQUENCE NAME`).
    AddIdentity {
        /// The table's name parts.
        table: Vec<sqlparser::ast::Ident>,
        /// The column.
        column: sqlparser::ast::Ident,
        /// `ALWAYS` rather than `BY DEFAULT`.
        always: bool,
        /// The sequence options inside the parentheses, spaces collapsed.
        options: Option<String>,
    },
    /// `ALTER TABLE parent ATTACH PARTITION child <bound>`, which sqlparser does not read.
    AttachPartition {
        /// The partitioned table's name parts.
        parent: Vec<sqlparser::ast::Ident>,
        /// The partition's name parts.
        child: Vec<sqlparser::ast::Ident>,
        /// `FOR VALUES …` or `DEFAULT`, as written.
        bound: String,
    },
    /// `ALTER TABLE t ALTER COLUMN c SET STATISTICS n | SET STORAGE s`.
    ColumnSetting {
        /// The table's name parts.
        table: Vec<sqlparser::ast::Ident>,
        /// The column.
        column: sqlparser::ast::Ident,
        /// What is set.
        setting: ColumnSetting,
    },
    /// `SET search_path = …` (or `set_config('search_path', …)`): the schemas, in order.
    SearchPath(Vec<String>),
    /// A statement Relata keeps as written: what it is about.
    Kept {
        /// Its kind, name and table.
        head: super::kept::KeptHead,
        /// Ownership or privileges (which an export may leave out).
        administration: bool,
    },
    /// A statement of a kind Relata reads (`ALTER TABLE`, `CREATE INDEX`, `COMMENT`) that
    /// sqlparser could not read: kept as written, with a warning saying why.
    Unread {
        /// Its kind, name and table.
        head: super::kept::KeptHead,
        /// sqlparser's reason.
        message: String,
        /// Where sqlparser stopped.
        at: Pos,
    },
    /// `DROP …`: what a schema file drops before creating it again is not there yet.
    Drop {
        /// Its leading words.
        words: String,
        /// The table of a `DROP TABLE name` without `IF EXISTS`, which PostgreSQL rejects when
        /// the table is not there.
        table: Option<Vec<sqlparser::ast::Ident>>,
    },
    /// `ALTER SEQUENCE name OWNED BY table.column | NONE`, which sqlparser does not read.
    SequenceOwnedBy {
        /// The sequence's name parts.
        sequence: Vec<sqlparser::ast::Ident>,
        /// `schema.table.column` parts; empty for `NONE`.
        owner: Vec<sqlparser::ast::Ident>,
    },
    /// A session setting (`SET`, `RESET`, `SELECT pg_catalog.set_config(…)`): skipped silently.
    Setting,
    /// A statement the registries have no place for, named by its leading words.
    Skipped {
        /// Its leading words, upper case (`CREATE FUNCTION`, `ALTER TABLE … OWNER TO`).
        words: String,
        /// Why it is skipped.
        reason: SkipReason,
    },
}

/// A column setting of `ALTER TABLE … ALTER COLUMN … SET …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnSetting {
    /// `SET STATISTICS n`.
    Statistics(i32),
    /// `SET STORAGE s`, upper case.
    Storage(String),
}

/// Why a statement is not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Ownership, privileges and transaction control: not part of a data model (info).
    Administration,
    /// An object the registries do not describe (functions, views, triggers, extensions,
    /// data…): a warning, so nobody thinks it came along.
    Object,
    /// A psql backslash command.
    PsqlCommand,
}
