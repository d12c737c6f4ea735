//! Stable diagnostic codes of the loaders and importers. `L1xx`: registry folder CSV files;
//! `L12x`: `relata.json`; `D1xx`: the DBML importer;
//! `M1xx`: the Mermaid erDiagram importer; `S1xx`: the PostgreSQL DDL importer. The app
//! switches on these; never renumber.

/// A required registry file is missing.
pub const L100: &str = "L100";
/// A file is not valid UTF-8.
pub const L101: &str = "L101";
/// The CSV text cannot be read (e.g. a quote that never closes).
pub const L102: &str = "L102";
/// A column the registry needs is missing from the header.
pub const L103: &str = "L103";
/// The header names a column the registry does not have.
pub const L104: &str = "L104";
/// The header's columns are in another order than the DDL's (`\copy` maps by position).
pub const L105: &str = "L105";
/// A row has more or fewer fields than the header.
pub const L106: &str = "L106";
/// A `NOT NULL` column is empty.
pub const L107: &str = "L107";
/// A value outside a controlled vocabulary (status, on_delete, …).
pub const L108: &str = "L108";
/// Not a UUID.
pub const L109: &str = "L109";
/// Not a boolean PostgreSQL reads (`true` / `false`, `TRUE` / `FALSE`, `t`, `yes`, `on`, `1`, …).
pub const L110: &str = "L110";
/// Not an integer in range.
pub const L111: &str = "L111";
/// Not a UTC timestamp in PostgreSQL's form.
pub const L112: &str = "L112";
/// Not a one-dimensional array literal.
pub const L113: &str = "L113";
/// Not a JSON object.
pub const L114: &str = "L114";
/// The same id twice (the registry's primary key).
pub const L115: &str = "L115";
/// A row breaks one of the registry DDL's CHECK constraints.
pub const L116: &str = "L116";
/// The file is empty: not even a header.
pub const L117: &str = "L117";
/// `relata.json` is not valid JSON or not in the expected shape.
pub const L120: &str = "L120";
/// `relata.json` has an unknown format name or a newer version.
pub const L121: &str = "L121";
/// `relata.json` describes a table that `table_overview.csv` does not have.
pub const L122: &str = "L122";
/// `relata.json` describes a column that `signal_registry.csv` does not register.
pub const L123: &str = "L123";

// DBML import (`dbml::parse`): `D1xx`. Every one points at a file, line and column.

/// DBML syntax: a token where another was expected.
pub const D100: &str = "D100";
/// A string, quoted name, backtick expression or `/* */` comment that never closes.
pub const D101: &str = "D101";
/// A `{`, `[` or `(` that never closes (the message says where it was opened).
pub const D102: &str = "D102";
/// An unknown top-level element (not use, Project, Table, TablePartial, Enum, Ref,
/// TableGroup, Note, Records or DiagramView).
pub const D103: &str = "D103";
/// A setting the element does not take (`[primary]` on a column, `[colour: …]` on a ref).
pub const D104: &str = "D104";
/// A setting with a value it cannot take (`delete: explode`, `headercolor: blue`), or
/// without the value it needs.
pub const D105: &str = "D105";
/// The same table, table partial, enum, table group or alias defined twice.
pub const D106: &str = "D106";
/// The same column twice in one table.
pub const D107: &str = "D107";
/// A ref, table group or `~partial` names a table (or partial) that is not defined, or an
/// enum-value default (`status.active`) an enum that is not.
pub const D108: &str = "D108";
/// A ref, index or key names a column its table does not have, or an enum-value default a
/// value its enum does not have.
pub const D109: &str = "D109";
/// A composite ref whose two ends have different numbers of columns.
pub const D110: &str = "D110";
/// A table listed in two table groups (a table has one module).
pub const D111: &str = "D111";
/// A many-to-many ref (`<>`), imported as a `many:many` relationship rather than an `rl_`
/// join table (a warning: the house rules want join tables, see R304).
pub const D112: &str = "D112";
/// A ref whose ends are the same columns, or a second ref between the same columns.
pub const D113: &str = "D113";
/// Something DBML holds that neither the registries nor the DBML extras keep (custom
/// settings, the note of a key written in `indexes { }`): reported, not kept.
pub const D114: &str = "D114";
/// A character DBML has no use for, or text DBML cannot read as a token: an escape that is
/// no character (`\u0e`), a number that is none (`1.2.3`).
pub const D115: &str = "D115";
/// A ref endpoint that is not `table.column`, `schema.table.column` or `table.(a, b)`.
pub const D116: &str = "D116";
/// A `use` whose file cannot be read, or which names an element its file does not have.
pub const D117: &str = "D117";
/// A `use` read from another file: its elements are imported, but the project's split into
/// files is not kept; the DBML export writes one file (a warning).
pub const D118: &str = "D118";

// Mermaid erDiagram import (`mermaid::parse`): `M1xx`. Every one points at a file, line and
// column.

/// erDiagram syntax: something where another thing was expected.
pub const M100: &str = "M100";
/// A `"` (name, label or comment) that never closes.
pub const M101: &str = "M101";
/// An attribute block `{` that never closes, or a `subgraph` without its `end`.
pub const M102: &str = "M102";
/// The text does not start with `erDiagram` (after front matter and comments).
pub const M103: &str = "M103";
/// Front matter opened with `---` that never closes.
pub const M104: &str = "M104";
/// No longer reported: Mermaid reads `direction` without TB, BT, LR or RL as two entities.
pub const M105: &str = "M105";
/// Two entities whose labels name the same table, or one entity given two labels.
pub const M106: &str = "M106";
/// The same attribute twice in one entity.
pub const M107: &str = "M107";
/// An attribute key marker that is not PK, FK or UK.
pub const M108: &str = "M108";
/// A line whose join columns the diagram does not say (no FK attribute named after the other
/// entity): kept as a diagram line only, not a relationship, and reported so its columns can
/// be given. No column is made up.
pub const M109: &str = "M109";
/// No longer reported: styles, classes and accessibility text are kept (`MermaidExtras`).
pub const M110: &str = "M110";
/// A many-to-many line, imported as a `many:many` relationship rather than an `rl_` join
/// table (a warning: the house rules want join tables, see R304).
pub const M111: &str = "M111";

// PostgreSQL DDL import (`sql::parse`): `S1xx`. Every one points at a file, line and column.

/// SQL syntax: a statement sqlparser (PostgreSQL dialect) cannot read, at the place it stops;
/// the import goes on with the next statement.
pub const S100: &str = "S100";
/// A string, quoted name, dollar quote or comment that never closes (or another character the
/// tokenizer cannot read).
pub const S101: &str = "S101";
/// A statement the registries have no place for (functions, views, triggers, extensions,
/// data, comments on other objects): not imported, reported as a warning.
pub const S102: &str = "S102";
/// Ownership, privileges, transaction control and psql commands: not imported (info).
pub const S103: &str = "S103";
/// A clause the registries cannot hold (CHECK, identity, collation, INCLUDE, a primary key
/// not named `{table}_pkey`, a sequence no default uses): not kept, reported as a warning.
pub const S104: &str = "S104";
/// The same table, enum type, enum value or column created twice.
pub const S105: &str = "S105";
/// A statement that names a table or column that does not exist (yet).
pub const S106: &str = "S106";
/// A foreign key whose two sides have different numbers of columns.
pub const S107: &str = "S107";
/// A second primary key on one table.
pub const S108: &str = "S108";
/// A statement of a kind the import reads (`ALTER TABLE`, `CREATE INDEX`, `COMMENT`) that it
/// could not read: kept as written, so exports write it back (warning).
pub const S109: &str = "S109";
/// A clause PostgreSQL rejects (a generated column without `STORED`, a partitioning without
/// its strategy and key).
pub const S110: &str = "S110";
