//! DBML export, as a dbdiagram.io user writes it: a `Project`, `Enum`s, one `TableGroup` per
//! module with its colour and note, schema-qualified `Table`s with column settings, indexes
//! and notes, and one `Ref` per relationship. Checked by `@dbml/core` 10.x (the dbmlv2
//! parser) in the integration tests.
//!
//! Where DBML has no place for a registry fact, the fact goes into a note or a `//` comment
//! rather than being lost: index methods other than btree/hash and partial-index predicates
//! (index note), the kind of a logical or lineage relationship (comment and ref colour), and
//! relationships DBML cannot hold (a `Ref` whose two ends are the same columns, a second `Ref`
//! between the same columns, or one naming a column no signal binds) as a commented-out `Ref`;
//! a table without columns, which DBML rejects, as a comment too.

pub mod parse;
pub mod text;

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use relata_model::{
    AvailabilityStatus, Cardinality, EnumType, IndexMethod, IndexPart, LineageKind, MatchType,
    ReferentialAction, Registry, Relationship, RelationshipEnd, RelationshipType, Table, TableRef,
    Vocabulary,
};

use crate::export::{ExportOptions, Scope};

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
    /// The DBML of what `options` selects from `registry`.
    pub fn new(registry: &'a Registry, options: &ExportOptions) -> Self {
        Self {
            scope: Scope::new(registry, options),
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

    /// Each relationship of the scope with the reason it cannot be a `Ref`, if any.
    fn ref_plan(&self) -> Vec<(&'a Relationship, Option<&'static str>)> {
        let mut seen = HashSet::new();
        self.scope
            .relationships
            .iter()
            .map(|&r| {
                let reason = if !self.scope.has_columns(&r.child.table_ref(), &r.child.columns)
                    || !self.scope.has_columns(&r.parent.table_ref(), &r.parent.columns)
                {
                    Some("a column it names is not in the signal registry")
                } else if r.child.columns.is_empty() || r.child.columns.len() != r.parent.columns.len() {
                    Some("its column lists are empty or of different lengths")
                } else {
                    // @dbml/parse compares endpoints as sets of columns, in either direction.
                    let child = end_key(&r.child);
                    let parent = end_key(&r.parent);
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
        let scope = &self.scope;
        writeln!(
            f,
            "// Exported by Relata from the registries: {} tables, {} relationships.",
            scope.tables.len(),
            scope.relationships.len()
        )?;
        writeln!(f)?;
        writeln!(f, "Project {} {{", text::ident(&project_name(scope)))?;
        writeln!(f, "  database_type: 'PostgreSQL'")?;
        writeln!(f, "}}")?;
        for e in enums(scope.registry) {
            writeln!(f)?;
            write_enum(f, e)?;
        }
        write_groups(f, scope)?;
        for table in &scope.tables {
            writeln!(f)?;
            if scope.columns(table).is_empty() {
                let name = text::qualified(&table.schema, &table.name);
                write!(
                    f,
                    "{}",
                    text::comment(
                        &format!(
                            "Table {name}: no column in the signal registry, and DBML needs one."
                        ),
                        ""
                    )
                )?;
            } else {
                write_table(f, scope, table)?;
            }
        }
        let plan = self.ref_plan();
        if !plan.is_empty() {
            writeln!(f)?;
            writeln!(f, "// Relationships (relationship_registry)")?;
        }
        for (relationship, skip) in plan {
            writeln!(f)?;
            write_ref(f, relationship, skip)?;
        }
        Ok(())
    }
}

/// The common `db_name` of the exported tables, else `relata`.
fn project_name(scope: &Scope<'_>) -> String {
    let names: HashSet<Option<&str>> = scope.tables.iter().map(|t| t.db_name.as_deref()).collect();
    match names.into_iter().collect::<Vec<_>>()[..] {
        [Some(name)] => name.to_owned(),
        _ => "relata".to_owned(),
    }
}

fn enums(registry: &Registry) -> Vec<&EnumType> {
    let mut enums: Vec<&EnumType> = registry.enums.iter().collect();
    enums.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    enums.dedup_by(|a, b| a.schema == b.schema && a.name == b.name);
    enums
}

fn write_enum(f: &mut fmt::Formatter<'_>, e: &EnumType) -> fmt::Result {
    writeln!(f, "Enum {} {{", text::qualified(&e.schema, &e.name))?;
    let mut seen = HashSet::new();
    for value in e.values.iter().filter(|v| seen.insert(v.name.as_str())) {
        // Enum values are always quoted: a value may be any text (`it's shipped`, `1st`).
        write!(f, "  {}", text::ident_quoted(&value.name))?;
        if let Some(note) = &value.note {
            write!(f, " [note: {}]", text::string(note))?;
        }
        writeln!(f)?;
    }
    writeln!(f, "}}")
}

/// One `TableGroup` per module that owns an exported table, sorted by module name. DBML lets
/// a table belong to one group only, which the model guarantees (one `module_name` a table).
fn write_groups(f: &mut fmt::Formatter<'_>, scope: &Scope<'_>) -> fmt::Result {
    let mut groups: BTreeMap<&str, Vec<&Table>> = BTreeMap::new();
    for table in scope.tables.iter().filter(|t| !scope.columns(t).is_empty()) {
        groups.entry(table.module.as_str()).or_default().push(table);
    }
    for (name, tables) in groups {
        writeln!(f)?;
        let module = scope.registry.module(name);
        let mut settings = Vec::new();
        let mut bad_color = None;
        if let Some(c) = module.and_then(|m| m.color.as_deref()) {
            match text::color(c) {
                Some(c) => settings.push(format!("color: {c}")),
                None => bad_color = Some(c),
            }
        }
        if let Some(note) = module.and_then(|m| m.note.as_deref()) {
            settings.push(format!("note: {}", text::string(note)));
        }
        if let Some(c) = bad_color {
            write!(
                f,
                "{}",
                text::comment(&format!("colour {c} is not a DBML colour"), "")
            )?;
        }
        write!(f, "TableGroup {}", text::ident(name))?;
        if !settings.is_empty() {
            write!(f, " [{}]", settings.join(", "))?;
        }
        writeln!(f, " {{")?;
        for table in tables {
            writeln!(f, "  {}", text::qualified(&table.schema, &table.name))?;
        }
        writeln!(f, "}}")?;
    }
    Ok(())
}

fn write_table(f: &mut fmt::Formatter<'_>, scope: &Scope<'_>, table: &Table) -> fmt::Result {
    let columns = scope.columns(table);
    let has = |name: &str| columns.iter().any(|c| c.column == name);
    let single_pk = match &table.primary_key[..] {
        [one] if has(one) => Some(one.as_str()),
        _ => None,
    };
    let unique: HashSet<&str> = table
        .unique_constraints
        .iter()
        .filter_map(|u| match &u.columns[..] {
            [one] => Some(one.as_str()),
            _ => None,
        })
        .collect();

    if let Some(c) = table.color.as_deref().filter(|c| text::color(c).is_none()) {
        write!(
            f,
            "{}",
            text::comment(&format!("colour {c} is not a DBML colour"), "")
        )?;
    }
    write!(f, "Table {}", text::qualified(&table.schema, &table.name))?;
    if let Some(c) = table.color.as_deref().and_then(text::color) {
        write!(f, " [headercolor: {c}]")?;
    }
    writeln!(f, " {{")?;
    for column in columns {
        let mut settings = Vec::new();
        let is_pk = single_pk == Some(column.column.as_str());
        if is_pk {
            settings.push("pk".to_owned());
        } else if !column.nullable {
            settings.push("not null".to_owned());
        }
        if unique.contains(column.column.as_str()) {
            settings.push("unique".to_owned());
        }
        let mut note = column.description.clone();
        if let Some(sql) = &column.default {
            match text::default(sql) {
                Some(value) => settings.push(format!("default: {value}")),
                None => {
                    note = Some(format!(
                        "{}Default: {sql}",
                        note.map(|n| n + "\n").unwrap_or_default()
                    ))
                }
            }
        }
        if let Some(note) = note {
            settings.push(format!("note: {}", text::string(&note)));
        }
        write!(
            f,
            "  {} {}",
            text::ident(&column.column),
            column_type(scope.registry, &column.data_type)
        )?;
        if !settings.is_empty() {
            write!(f, " [{}]", settings.join(", "))?;
        }
        writeln!(f)?;
    }
    write_indexes(f, table, &has)?;
    let note = match (&table.purpose, &table.notes) {
        (Some(p), Some(n)) => Some(format!("{p}\n\n{n}")),
        (Some(one), None) | (None, Some(one)) => Some(one.clone()),
        (None, None) => None,
    };
    if let Some(note) = note {
        writeln!(f)?;
        writeln!(f, "  Note: {}", text::note(&note, "    "))?;
    }
    writeln!(f, "}}")
}

/// The `indexes { }` block: a composite primary key, composite unique constraints, and the
/// table's indexes. An entry naming a column the table does not have is left as a comment.
fn write_indexes(
    f: &mut fmt::Formatter<'_>,
    table: &Table,
    has: &dyn Fn(&str) -> bool,
) -> fmt::Result {
    let mut lines = Vec::new();
    let columns = |cols: &[String]| {
        cols.iter()
            .map(|c| text::ident(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if table.primary_key.len() > 1 {
        let line = format!("({}) [pk]", columns(&table.primary_key));
        lines.push(if table.primary_key.iter().all(|c| has(c)) {
            line
        } else {
            missing(&line)
        });
    }
    for u in table
        .unique_constraints
        .iter()
        .filter(|u| u.columns.len() > 1)
    {
        let mut settings = vec!["unique".to_owned()];
        if let Some(name) = &u.name {
            settings.push(format!("name: {}", text::string(name)));
        }
        let line = format!("({}) [{}]", columns(&u.columns), settings.join(", "));
        lines.push(if u.columns.iter().all(|c| has(c)) {
            line
        } else {
            missing(&line)
        });
    }
    for index in &table.indexes {
        let parts: Option<Vec<String>> = index
            .parts
            .iter()
            .map(|p| match p {
                IndexPart::Column(c) => Some(text::ident(c)),
                IndexPart::Expression(e) => (!e.contains('`')).then(|| format!("`{e}`")),
            })
            .collect();
        let mut settings = Vec::new();
        if index.unique {
            settings.push("unique".to_owned());
        }
        if let Some(name) = &index.name {
            settings.push(format!("name: {}", text::string(name)));
        }
        // DBML knows only btree and hash; the other methods and a partial index's predicate
        // are kept in the index note.
        let mut note: Vec<String> = index.note.iter().cloned().collect();
        match index.method {
            // btree is DBML's default, written by nobody.
            IndexMethod::Btree => {}
            IndexMethod::Hash => settings.push("type: hash".to_owned()),
            other => note.push(format!("type: {}", other.as_str())),
        }
        if let Some(predicate) = &index.predicate {
            note.push(format!("where: {predicate}"));
        }
        if !note.is_empty() {
            settings.push(format!("note: {}", text::string(&note.join("\n"))));
        }
        let line = format!(
            "({}) [{}]",
            parts.clone().unwrap_or_default().join(", "),
            settings.join(", ")
        );
        lines.push(match parts {
            Some(_) if index.columns().all(has) => line,
            _ => missing(&line),
        });
    }
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(f)?;
    writeln!(f, "  indexes {{")?;
    for line in lines {
        writeln!(f, "    {line}")?;
    }
    writeln!(f, "  }}")
}

fn missing(line: &str) -> String {
    format!("// {line} (names a column the signal registry does not bind)")
}

/// A column's type: a registry enum by its qualified DBML name, else the PostgreSQL type.
fn column_type(registry: &Registry, data_type: &str) -> String {
    if let Some(parts) = text::sql_name_parts(data_type) {
        if let [schema, name] = &parts[..] {
            if registry
                .enums
                .iter()
                .any(|e| &e.schema == schema && &e.name == name)
            {
                return text::qualified(schema, name);
            }
        }
    }
    text::column_type(data_type)
}

fn write_ref(f: &mut fmt::Formatter<'_>, r: &Relationship, skip: Option<&str>) -> fmt::Result {
    let kind = r.lineage_kind();
    let mut about = Vec::new();
    if r.availability != AvailabilityStatus::Active {
        about.push(format!("{} (availability_status)", r.availability.as_str()));
    }
    if r.relationship_type != RelationshipType::ForeignKey || kind != LineageKind::References {
        about.push(format!(
            "{}, {}, {}",
            kind.as_str(),
            r.relationship_type.as_str(),
            r.enforcement.as_str()
        ));
    }
    // What DBML's Ref settings cannot say about a database FK.
    if r.emits_foreign_key() {
        let mut fk = Vec::new();
        if r.match_type == MatchType::Full {
            fk.push("match full");
        }
        if r.deferrable {
            fk.push(if r.initially_deferred {
                "deferrable initially deferred"
            } else {
                "deferrable"
            });
        }
        if !fk.is_empty() {
            about.push(fk.join(", "));
        }
    }
    let mut comment = about.join("; ");
    if let Some(notes) = &r.notes {
        comment = if comment.is_empty() {
            notes.clone()
        } else {
            format!("{comment}: {notes}")
        };
    }
    if !comment.is_empty() {
        write!(f, "{}", text::comment(&comment, ""))?;
    }

    let name = r.constraint_name.as_deref().unwrap_or(&r.key);
    let op = match r.cardinality {
        Some(Cardinality::OneToOne) => "-",
        Some(Cardinality::ManyToMany) => "<>",
        Some(Cardinality::OneToMany) | None => ">",
    };
    let mut settings = Vec::new();
    // Referential actions mean something only for a database FK (seed section 11); they are
    // always written because DBML-to-SQL tools default to NO ACTION, not the registry's RESTRICT.
    if r.emits_foreign_key() {
        settings.push(format!("delete: {}", action(r.on_delete)));
        settings.push(format!("update: {}", action(r.on_update)));
    }
    if let Some(color) = lineage_color(kind) {
        settings.push(format!("color: {color}"));
    }
    if r.availability != AvailabilityStatus::Active {
        settings.push("inactive".to_owned());
    }
    let mut line = format!(
        "Ref {}: {} {op} {}",
        text::ident(name),
        endpoint(&r.child),
        endpoint(&r.parent)
    );
    if !settings.is_empty() {
        line = format!("{line} [{}]", settings.join(", "));
    }
    match skip {
        None => writeln!(f, "{line}"),
        Some(reason) => writeln!(f, "// Not a Ref: {reason}.\n// {line}"),
    }
}

fn endpoint(end: &RelationshipEnd) -> String {
    let table = text::qualified(&end.schema, &end.table);
    match &end.columns[..] {
        [one] => format!("{table}.{}", text::ident(one)),
        many => format!(
            "{table}.({})",
            many.iter()
                .map(|c| text::ident(c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What @dbml/parse compares to find equal endpoints: the table and its set of columns.
fn end_key(end: &RelationshipEnd) -> (TableRef, Vec<String>) {
    let mut columns = end.columns.clone();
    columns.sort();
    columns.dedup();
    (end.table_ref(), columns)
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
