//! DBML export, as a dbdiagram.io user writes it: a `Project`, `Enum`s, one `TableGroup` per
//! module with its colour and note (none for an implicit module), schema-qualified `Table`s
//! with column settings, indexes and notes, and one `Ref` per relationship. Checked by
//! `@dbml/core` 10.x (the dbmlv2 parser) in the integration tests.
//!
//! Nothing is said that the source did not say: a registry imported from DBML gets back its
//! own `Project` (or none), a `Ref` is named only by its `constraint_name`, `no_action` is
//! no setting; and what [`relata_model::DbmlExtras`] kept (aliases, ref colours, partials
//! with `~name` where they were injected, sticky notes, `Records`, `DiagramView`s, …) is
//! written back where it was.
//!
//! Where DBML has no place for a registry fact, the fact goes into a note or a `//` comment
//! rather than being lost: index methods other than btree/hash and partial-index predicates
//! (index note), the kind of a logical or lineage relationship (comment and ref colour), and
//! relationships DBML cannot hold (a `Ref` whose two ends are the same columns, a second `Ref`
//! between the same columns, or one naming a column no signal binds) as a commented-out `Ref`;
//! a table without columns, which DBML rejects, as a comment too.

pub mod parse;
pub mod partials;
pub mod text;

use std::collections::{BTreeMap, HashSet};
use std::fmt::{self, Write as _};

use relata_model::dbml::{DbmlRef, DbmlTable};
use relata_model::{
    AvailabilityStatus, Cardinality, EnumType, IndexKey, IndexMethod, LineageKind, MatchType,
    ReferentialAction, Registry, Relationship, RelationshipEnd, RelationshipType, Signal, Table,
    Vocabulary,
};

use crate::export::scope::{ExportOptions, Scope};

/// The DBML text of a registry; print it with `Display` (`dbml.to_string()`).
///
/// ```
/// # use relata_formats::{dbml::Dbml, export::ExportOptions};
/// let text = Dbml::new(&relata_model::Registry::default(), &ExportOptions::default()).to_string();
/// assert!(text.contains("database_type: 'PostgreSQL'"));
/// ```
#[derive(Debug, Clone)]
pub struct Dbml<'a> {
    scope: Scope<'a>,
}

impl<'a> Dbml<'a> {
    /// The DBML of what `options` selects from `registry`, views left out (DBML has none).
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self {
            scope: Scope::tables(registry, options),
        }
    }

    /// The DBML of an already selected scope.
    pub fn from_scope(scope: Scope<'a>) -> Self {
        Self { scope }
    }

    /// The relationships printed as `Ref`s (the rest of the scope's relationships are printed
    /// as comments, see the module documentation), in output order.
    pub fn refs(&self) -> Vec<&'a Relationship> {
        self.ref_plan()
            .into_iter()
            .filter_map(|(r, skip)| skip.is_none().then_some(r))
            .collect()
    }

    /// Appends the DBML text to `out`: what `Display` prints, without a copy.
    pub(crate) fn write(&self, out: &mut String) {
        let scope = &self.scope;
        let _ = writeln!(
            out,
            "// Exported by Relata from the registries: {} tables, {} relationships.",
            scope.tables.len(),
            scope.relationships.len()
        );
        write_project(out, scope);
        for e in enums(scope.registry) {
            out.push('\n');
            write_enum(out, e);
        }
        write_groups(out, scope);
        // The TablePartials a DBML source had, verbatim, before the tables that inject them.
        for partial in &scope.registry.dbml.partials {
            out.push('\n');
            out.push_str(&partial.text);
            out.push('\n');
        }
        let enum_names: HashSet<(&str, &str)> = scope.registry.enums.iter().map(|e| (e.schema.as_str(), e.name.as_str())).collect();
        for (index, table) in scope.tables.iter().enumerate() {
            out.push('\n');
            let columns = scope.columns_at(index);
            if columns.is_empty() {
                let name = text::qualified(&table.schema, &table.name);
                text::push_comment(out, &format!("Table {name}: no column in the signal registry, and DBML needs one."), "");
            } else {
                let dbml = &scope.registry.dbml;
                write_table(out, &enum_names, table, columns, dbml);
            }
        }
        let plan = self.ref_plan();
        if !plan.is_empty() {
            out.push_str("\n// Relationships (relationship_registry)\n");
        }
        for (relationship, skip) in plan {
            out.push('\n');
            write_ref(out, relationship, skip, scope.registry.dbml.ref_(&relationship.key));
        }
        write_items(out, scope);
    }

    /// Each relationship of the scope with the reason it cannot be a `Ref`, if any.
    fn ref_plan(&self) -> Vec<(&'a Relationship, Option<&'static str>)> {
        let scope = &self.scope;
        let mut seen = HashSet::new();
        scope
            .relationships
            .iter()
            .enumerate()
            .map(|(n, &r)| {
                let (child_table, parent_table) = scope.ends(n);
                let reason = if !scope.has_columns_at(child_table, &r.child.columns)
                    || !scope.has_columns_at(parent_table, &r.parent.columns)
                {
                    Some("a column it names is not in the signal registry")
                } else if r.child.columns.is_empty() || r.child.columns.len() != r.parent.columns.len() {
                    Some("its column lists are empty or of different lengths")
                } else {
                    // @dbml/parse compares endpoints as sets of columns, in either direction.
                    let child = (child_table, column_set(&r.child.columns));
                    let parent = (parent_table, column_set(&r.parent.columns));
                    if child == parent {
                        Some("DBML rejects a Ref whose two ends are the same columns")
                    } else if !seen.insert(if child < parent { (child, parent) } else { (parent, child) }) {
                        Some("DBML allows one Ref between the same columns and an earlier one has them")
                    } else {
                        None
                    }
                };
                (r, reason)
            })
            .collect()
    }
}

impl fmt::Display for Dbml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

/// A `[a, b]` settings list written as it goes: ` [` before the first setting, `, ` between
/// settings, and `]` at the end if there was any.
struct Settings<'o> {
    out: &'o mut String,
    any: bool,
}

impl<'o> Settings<'o> {
    fn new(out: &'o mut String) -> Self {
        Self { out, any: false }
    }

    /// Starts the next setting and returns the text to write it into.
    fn next(&mut self) -> &mut String {
        self.out.push_str(if self.any { ", " } else { " [" });
        self.any = true;
        self.out
    }

    /// Appends `setting` as the next setting.
    fn push(&mut self, setting: &str) {
        self.next().push_str(setting);
    }

    fn end(self) {
        if self.any {
            self.out.push(']');
        }
    }
}

/// The `Project`: the one a DBML source had, as written; none when a DBML source had none;
/// else one named after the tables' common `db_name` (or `relata`), for PostgreSQL.
fn write_project(out: &mut String, scope: &Scope<'_>) {
    let dbml = &scope.registry.dbml;
    let Some(project) = &dbml.project else {
        if !dbml.imported {
            out.push_str("\nProject ");
            text::push_ident(out, project_name(scope));
            out.push_str(" {\n  database_type: 'PostgreSQL'\n}\n");
        }
        return;
    };
    out.push_str("\nProject ");
    if let Some(name) = &project.name {
        text::push_ident(out, name);
        out.push(' ');
    }
    out.push_str("{\n");
    for setting in &project.settings {
        // The key as DBML reads it: a word, else quoted.
        out.push_str("  ");
        text::push_ident(out, &setting.name);
        out.push_str(": ");
        out.push_str(&setting.value);
        out.push('\n');
    }
    if let Some(note) = &project.note {
        out.push_str("  Note: ");
        text::push_note(out, note, "    ");
        out.push('\n');
    }
    out.push_str("}\n");
}

/// The sticky notes, records and diagram views a DBML source had, verbatim and in its order
/// (records only with their table in scope; records written in a table are in its body).
fn write_items(out: &mut String, scope: &Scope<'_>) {
    let in_scope = |t: &relata_model::TableRef| scope.table_index(&t.schema, &t.table).is_some();
    for item in scope.registry.dbml.items.iter().filter(|i| !i.in_table && i.table.as_ref().is_none_or(in_scope)) {
        out.push('\n');
        out.push_str(&item.text);
        out.push('\n');
    }
}

/// The common `db_name` of the exported tables, else `relata`.
fn project_name<'a>(scope: &Scope<'a>) -> &'a str {
    match scope.tables.first().map(|t| t.db_name.as_deref()) {
        Some(Some(name)) if scope.tables.iter().all(|t| t.db_name.as_deref() == Some(name)) => name,
        _ => "relata",
    }
}

fn enums(registry: &Registry) -> Vec<&EnumType> {
    let mut enums: Vec<&EnumType> = registry.enums.iter().collect();
    enums.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    enums.dedup_by(|a, b| a.schema == b.schema && a.name == b.name);
    enums
}

fn write_enum(out: &mut String, e: &EnumType) {
    out.push_str("Enum ");
    text::push_qualified(out, &e.schema, &e.name);
    out.push_str(" {\n");
    let mut seen = HashSet::new();
    for value in e.values.iter().filter(|v| seen.insert(v.name.as_str())) {
        // Enum values are always quoted: a value may be any text (`it's shipped`, `1st`).
        out.push_str("  ");
        out.push_str(&text::ident_quoted(&value.name));
        if let Some(note) = &value.note {
            out.push_str(" [note: ");
            text::push_string(out, note);
            out.push(']');
        }
        out.push('\n');
    }
    out.push_str("}\n");
}

/// One `TableGroup` per module that owns an exported table, sorted by module name. DBML lets
/// a table belong to one group only, which the model guarantees (one `module_name` a table).
fn write_groups(out: &mut String, scope: &Scope<'_>) {
    let mut groups: BTreeMap<&str, Vec<&Table>> = BTreeMap::new();
    for (index, table) in scope.tables.iter().enumerate() {
        if !scope.columns_at(index).is_empty() {
            groups.entry(table.module.as_str()).or_default().push(table);
        }
    }
    for (name, tables) in groups {
        let module = scope.registry.module(name);
        // A module no source declared is no group: its tables stay ungrouped.
        if module.is_some_and(|m| m.implicit) {
            continue;
        }
        out.push('\n');
        let color = module.and_then(|m| m.color.as_deref());
        if let Some(c) = color.filter(|c| text::color(c).is_none()) {
            text::push_comment(out, &format!("colour {c} is not a DBML colour"), "");
        }
        out.push_str("TableGroup ");
        text::push_ident(out, name);
        let mut settings = Settings::new(out);
        if let Some(c) = color.and_then(text::color) {
            let _ = write!(settings.next(), "color: {c}");
        }
        if let Some(note) = module.and_then(|m| m.note.as_deref()) {
            let out = settings.next();
            out.push_str("note: ");
            text::push_string(out, note);
        }
        settings.end();
        out.push_str(" {\n");
        for table in tables {
            out.push_str("  ");
            text::push_qualified(out, &table.schema, &table.name);
            out.push('\n');
        }
        out.push_str("}\n");
    }
}

/// A table with its `columns` (at least one); `enum_names` are the registry's enum types.
fn write_table(
    out: &mut String,
    enum_names: &HashSet<(&str, &str)>,
    table: &Table,
    columns: &[&Signal],
    extras: &relata_model::DbmlExtras,
) {
    let has = |name: &str| columns.iter().any(|c| c.column == name);
    let dbml = extras.table(&table.table_ref());
    // The partials speak for the table only while it still has every column they brought
    // and they are still kept; else the table is written whole, with no `~name`.
    let partials_hold = dbml.is_some_and(|d| {
        d.injects.iter().all(|i| i.columns.iter().all(|c| has(c)) && extras.partials.iter().any(|p| p.name == i.partial))
    });
    let partial_parts;
    let dbml = match dbml {
        Some(d) if !partials_hold => {
            partial_parts = DbmlTable { injects: Vec::new(), partial_indexes: Vec::new(), partial_checks: Vec::new(), ..d.clone() };
            Some(&partial_parts)
        }
        other => other,
    };
    // A named key (or one a DBML source wrote `[pk, unique]`) is written in `indexes { }`,
    // where a key can have settings.
    let pk_in_indexes = table.primary_key_name.is_some() || dbml.is_some_and(|d| d.pk_unique);
    let single_pk = match &table.primary_key[..] {
        [one] if has(one) && !pk_in_indexes => Some(one.as_str()),
        _ => None,
    };
    let single_unique = |name: &str| {
        table.unique_constraints.iter().any(|u| matches!(&u.columns[..], [one] if one == name))
    };

    if let Some(c) = table.color.as_deref().filter(|c| text::color(c).is_none()) {
        text::push_comment(out, &format!("colour {c} is not a DBML colour"), "");
    }
    out.push_str("Table ");
    text::push_qualified(out, &table.schema, &table.name);
    if let Some(alias) = dbml.and_then(|d| d.alias.as_deref()) {
        out.push_str(" as ");
        text::push_ident(out, alias);
    }
    if let Some(c) = table.color.as_deref().and_then(text::color) {
        let _ = write!(out, " [headercolor: {c}]");
    }
    out.push_str(" {\n");
    // Columns a partial brought are left to its `~name`, written where the source had it.
    let injects: &[relata_model::dbml::DbmlInjection] = dbml.map_or(&[], |d| &d.injects);
    let from_partial = |name: &str| injects.iter().any(|i| i.columns.iter().any(|c| c == name));
    let mut own_written = 0;
    let mut injected = injects.iter().peekable();
    let mut write_injects = |out: &mut String, own_written: usize| {
        while let Some(i) = injected.next_if(|i| i.after <= own_written) {
            out.push_str("  ~");
            text::push_ident(out, &i.partial);
            out.push('\n');
        }
    };
    for column in columns {
        if from_partial(&column.column) {
            continue;
        }
        write_injects(out, own_written);
        own_written += 1;
        out.push_str("  ");
        text::push_ident(out, &column.column);
        out.push(' ');
        push_column_type(out, enum_names, &column.data_type);
        let mut settings = Settings::new(out);
        if single_pk == Some(column.column.as_str()) {
            settings.push("pk");
        } else if !column.nullable {
            settings.push("not null");
        }
        // DBML's auto-increment is an identity column.
        if column.spec.identity.is_some() {
            settings.push("increment");
        }
        if single_unique(&column.column) {
            settings.push("unique");
        }
        for check in table.checks.iter().filter(|c| inline_check(c, &column.column)) {
            let out = settings.next();
            let _ = write!(out, "check: `{}`", check.expression);
        }
        // A default DBML cannot spell goes into the note instead.
        let mut unwritten_default = None;
        if let Some(sql) = &column.default {
            match text::default(sql) {
                Some(value) => {
                    let out = settings.next();
                    out.push_str("default: ");
                    out.push_str(&value);
                }
                None => unwritten_default = Some(sql),
            }
        }
        match (&column.description, unwritten_default) {
            (None, None) => {}
            (Some(description), None) => {
                let out = settings.next();
                out.push_str("note: ");
                text::push_string(out, description);
            }
            (description, Some(sql)) => {
                let note = match description {
                    Some(d) => format!("{d}\nDefault: {sql}"),
                    None => format!("Default: {sql}"),
                };
                let out = settings.next();
                out.push_str("note: ");
                text::push_string(out, &note);
            }
        }
        settings.end();
        out.push('\n');
    }
    write_injects(out, usize::MAX);
    write_indexes(out, table, &has, single_pk.is_none(), dbml);
    write_checks(out, table, dbml.map_or(&[], |d| &d.partial_checks));
    for item in extras.items.iter().filter(|i| i.in_table && i.table.as_ref() == Some(&table.table_ref())) {
        out.push_str("\n  ");
        out.push_str(&item.text);
        out.push('\n');
    }
    let both;
    let note = match (&table.purpose, &table.notes) {
        (Some(p), Some(n)) => {
            both = format!("{p}\n\n{n}");
            Some(both.as_str())
        }
        (Some(one), None) | (None, Some(one)) => Some(one.as_str()),
        (None, None) => None,
    };
    if let Some(note) = note {
        out.push_str("\n  Note: ");
        text::push_note(out, note, "    ");
        out.push('\n');
    }
    out.push_str("}\n");
}

/// The `indexes { }` block: a composite primary key, composite unique constraints, and the
/// table's indexes. An entry naming a column the table does not have is left as a comment.
fn write_indexes(out: &mut String, table: &Table, has: &dyn Fn(&str) -> bool, pk_here: bool, dbml: Option<&DbmlTable>) {
    let composite_uniques = || table.unique_constraints.iter().filter(|u| u.columns.len() > 1);
    let pk_here = pk_here && !table.primary_key.is_empty();
    // A partial's indexes are left to its `~name`.
    let from_partials: &[String] = dbml.map_or(&[], |d| &d.partial_indexes);
    let indexes: Vec<&relata_model::Index> =
        table.indexes.iter().filter(|i| !from_partials.contains(&relata_model::dbml::index_key(i))).collect();
    if !pk_here && composite_uniques().next().is_none() && indexes.is_empty() {
        return;
    }
    out.push_str("\n  indexes {\n");
    if pk_here {
        let line = start_line(out, table.primary_key.iter().all(|c| has(c)));
        push_columns(out, &table.primary_key);
        out.push_str(" [pk");
        if dbml.is_some_and(|d| d.pk_unique) {
            out.push_str(", unique");
        }
        if let Some(name) = &table.primary_key_name {
            out.push_str(", name: ");
            text::push_string(out, name);
        }
        out.push(']');
        end_line(out, line);
    }
    for u in composite_uniques() {
        let line = start_line(out, u.columns.iter().all(|c| has(c)));
        push_columns(out, &u.columns);
        out.push_str(" [unique");
        if let Some(name) = &u.name {
            out.push_str(", name: ");
            text::push_string(out, name);
        }
        out.push(']');
        end_line(out, line);
    }
    for index in indexes {
        // An expression holding a backtick cannot be a DBML expression: the whole key is
        // left out and the entry commented.
        let writable = index.parts.iter().all(|p| !crate::sql::ddl::index_part_text(p).contains('`'));
        let line = start_line(out, writable && index.columns().all(has));
        out.push('(');
        if writable {
            for (n, part) in index.parts.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                // DBML has no word for a part's collation, operator class or order: such a
                // part is written as the expression PostgreSQL would read.
                match &part.key {
                    IndexKey::Column(c) if part.is_plain() => text::push_ident(out, c),
                    _ => {
                        out.push('`');
                        out.push_str(&crate::sql::ddl::index_part_text(part));
                        out.push('`');
                    }
                }
            }
        }
        // Unlike a column's, an index's settings are written even when empty (`[]`).
        out.push_str(") [");
        let mut first = true;
        let mut setting = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push_str(", ");
            }
        };
        if index.unique {
            setting(out);
            out.push_str("unique");
        }
        if let Some(name) = &index.name {
            setting(out);
            out.push_str("name: ");
            text::push_string(out, name);
        }
        // DBML knows only btree and hash; the other methods and a partial index's predicate
        // are kept in the index note.
        let mut note: Vec<String> = index.note.iter().cloned().collect();
        match index.method {
            // btree is DBML's default, written only where the source wrote it.
            IndexMethod::Btree => {
                if dbml.is_some_and(|d| d.typed_btree.contains(&relata_model::dbml::index_key(index))) {
                    setting(out);
                    out.push_str("type: btree");
                }
            }
            IndexMethod::Hash => {
                setting(out);
                out.push_str("type: hash");
            }
            other => note.push(format!("type: {}", other.as_str())),
        }
        if let Some(predicate) = &index.predicate {
            note.push(format!("where: {predicate}"));
        }
        if !note.is_empty() {
            setting(out);
            out.push_str("note: ");
            text::push_string(out, &note.join("\n"));
        }
        out.push(']');
        end_line(out, line);
    }
    out.push_str("  }\n");
}

/// Whether `check` is written as a `check:` setting of `column`: one written on that column,
/// unnamed (a column setting has no name) and writable between backticks.
fn inline_check(check: &relata_model::CheckConstraint, column: &str) -> bool {
    check.column.as_deref() == Some(column) && check.name.is_none() && !check.expression.contains('`')
}

/// The `checks { }` block: every CHECK not written on its column, with its name. One whose
/// expression holds a backtick (which DBML cannot quote) is left as a comment.
fn write_checks(out: &mut String, table: &Table, from_partials: &[String]) {
    let block: Vec<&relata_model::CheckConstraint> = table
        .checks
        .iter()
        .filter(|c| !c.column.as_deref().is_some_and(|column| inline_check(c, column)))
        .filter(|c| !(c.column.is_none() && from_partials.contains(&c.expression)))
        .collect();
    if block.is_empty() {
        return;
    }
    out.push_str("\n  checks {\n");
    for check in block {
        if check.expression.contains('`') {
            text::push_comment(out, &format!("CHECK ({}) holds a backtick, which DBML cannot quote", check.expression), "    ");
            continue;
        }
        let _ = write!(out, "    `{}`", check.expression);
        if let Some(name) = &check.name {
            out.push_str(" [name: ");
            text::push_string(out, name);
            out.push(']');
        }
        out.push('\n');
    }
    out.push_str("  }\n");
}

/// Starts a line of the `indexes` block; one naming a column the table does not have
/// (`ok` false) is a comment. Returns what [`end_line`] needs.
fn start_line(out: &mut String, ok: bool) -> bool {
    out.push_str(if ok { "    " } else { "    // " });
    ok
}

fn end_line(out: &mut String, ok: bool) {
    if !ok {
        out.push_str(" (names a column the signal registry does not bind)");
    }
    out.push('\n');
}

/// `(a, b)`: columns as DBML identifiers.
fn push_columns(out: &mut String, columns: &[String]) {
    out.push('(');
    for (n, c) in columns.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        text::push_ident(out, c);
    }
    out.push(')');
}

/// A column's type: a registry enum by its qualified DBML name, else the PostgreSQL type.
pub(crate) fn push_column_type(out: &mut String, enum_names: &HashSet<(&str, &str)>, data_type: &str) {
    // Only a dotted name can have the two parts of a schema-qualified enum type.
    if data_type.contains('.') {
        if let Some(parts) = text::sql_name_parts(data_type) {
            if let [schema, name] = &parts[..] {
                if enum_names.contains(&(schema.as_str(), name.as_str())) {
                    return text::push_qualified(out, schema, name);
                }
            }
        }
    }
    text::push_column_type(out, data_type);
}

fn write_ref(out: &mut String, r: &Relationship, skip: Option<&str>, dbml: Option<&DbmlRef>) {
    let kind = r.lineage_kind();
    let mut comment = String::new();
    let mut about = |part: std::fmt::Arguments<'_>| {
        if !comment.is_empty() {
            comment.push_str("; ");
        }
        let _ = comment.write_fmt(part);
    };
    if r.availability != AvailabilityStatus::Active {
        about(format_args!("{} (availability_status)", r.availability.as_str()));
    }
    if r.relationship_type != RelationshipType::ForeignKey || kind != LineageKind::References {
        about(format_args!(
            "{}, {}, {}",
            kind.as_str(),
            r.relationship_type.as_str(),
            r.enforcement.as_str()
        ));
    }
    // What DBML's Ref settings cannot say about a database FK.
    if r.emits_foreign_key() {
        let deferrable = r.deferrable.then_some(if r.initially_deferred {
            "deferrable initially deferred"
        } else {
            "deferrable"
        });
        match (r.match_type == MatchType::Full, deferrable) {
            (true, Some(d)) => about(format_args!("match full, {d}")),
            (true, None) => about(format_args!("match full")),
            (false, Some(d)) => about(format_args!("{d}")),
            (false, None) => {}
        }
    }
    if let Some(notes) = &r.notes {
        if !comment.is_empty() {
            comment.push_str(": ");
        }
        comment.push_str(notes);
    }
    if !comment.is_empty() {
        text::push_comment(out, &comment, "");
    }

    if let Some(reason) = skip {
        let _ = write!(out, "// Not a Ref: {reason}.\n// ");
    }
    let op = match r.cardinality {
        Some(Cardinality::OneToOne) => "-",
        Some(Cardinality::ManyToMany) => "<>",
        Some(Cardinality::OneToMany) | None => ">",
    };
    // A ref is named only by its constraint's name: no name is made up for it.
    out.push_str("Ref");
    if let Some(name) = &r.constraint_name {
        out.push(' ');
        text::push_ident(out, name);
    }
    out.push_str(": ");
    push_endpoint(out, &r.child);
    let _ = write!(out, " {op} ");
    push_endpoint(out, &r.parent);
    let mut settings = Settings::new(out);
    // Referential actions mean something only for a database FK (seed section 11). NO ACTION
    // is what a Ref without an action means (PostgreSQL's default, and what DBML-to-SQL tools
    // write), so it is left unsaid; every other action, the registry's RESTRICT default
    // included, is written.
    if r.emits_foreign_key() {
        if r.on_delete != ReferentialAction::NoAction {
            let _ = write!(settings.next(), "delete: {}", action(r.on_delete));
        }
        if r.on_update != ReferentialAction::NoAction {
            let _ = write!(settings.next(), "update: {}", action(r.on_update));
        }
    }
    if let Some(color) = dbml.and_then(|d| d.color.as_deref()).or(lineage_color(kind)) {
        let _ = write!(settings.next(), "color: {color}");
    }
    if r.availability != AvailabilityStatus::Active {
        settings.push("inactive");
    }
    settings.end();
    out.push('\n');
}

fn push_endpoint(out: &mut String, end: &RelationshipEnd) {
    text::push_qualified(out, &end.schema, &end.table);
    out.push('.');
    match &end.columns[..] {
        [one] => text::push_ident(out, one),
        many => push_columns(out, many),
    }
}

/// What @dbml/parse compares to find equal endpoints (with the table): the set of columns.
fn column_set(columns: &[String]) -> Vec<&str> {
    let mut set: Vec<&str> = columns.iter().map(String::as_str).collect();
    set.sort_unstable();
    set.dedup();
    set
}

fn action(action: ReferentialAction) -> &'static str {
    match action {
        ReferentialAction::Restrict => "restrict",
        ReferentialAction::Cascade => "cascade",
        ReferentialAction::SetNull => "set null",
        ReferentialAction::SetDefault => "set default",
        ReferentialAction::NoAction => "no action",
    }
}

/// A line colour per lineage kind, so data flow reads apart from plain references.
fn lineage_color(kind: LineageKind) -> Option<&'static str> {
    match kind {
        LineageKind::References | LineageKind::Joins => None,
        LineageKind::DerivesFrom => Some("#8E44AD"),
        LineageKind::Feeds => Some("#2980B9"),
        LineageKind::Aggregates => Some("#D35400"),
        LineageKind::DependsOn => Some("#7F8C8D"),
    }
}
