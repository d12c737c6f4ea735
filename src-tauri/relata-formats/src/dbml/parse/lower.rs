//! Lowering: the syntax tree into the model. Resolves table names, aliases and partials,
//! checks every setting, and builds tables, signals, modules and enums; refs are lowered in
//! [`super::refs`]. The choices where DBML is silent are listed in [`super`]'s documentation.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use relata_model::{
    CheckConstraint, DbmlExtras, EnumType, Identity, EnumValue, Index, IndexMethod, IndexPart, Module, Registry, Table, TableRef, TableStatus,
    UniqueConstraint, Vocabulary,
};
use relata_model::dbml::{DbmlInjection, DbmlItem, DbmlItemKind, DbmlPartial, DbmlProject, DbmlSetting};
use relata_rules::RuleSet;

use super::ast::{self, Item, Member, Name, Pos, QualifiedName, Setting, Value};
use super::lowering::{bad_value, unknown_setting, Lowering, TableDraft};
use super::{refs, ImportOptions, Reporter};
use crate::import::draft::{binding_signals, ColumnDraft};
use relata_model::derived_ids as ids;
use crate::codes;
use crate::dbml::text;


/// Lowers `file` into a registry, reporting into `report`.
pub(crate) fn lower<'a>(file: &'a ast::File<'_>, options: &'a ImportOptions, rules: &'a RuleSet, report: &'a mut Reporter) -> Registry {
    let table_count = file.items.iter().filter(|i| matches!(i, Item::Table(_))).count();
    let mut cx = Lowering {
        options,
        rules,
        report,
        db_engine: "aurora_postgres".to_owned(),
        db_name: None,
        tables: Vec::with_capacity(table_count),
        known_prefixes: rules.prefixes().iter().map(|p| p.prefix.clone()).collect(),
        by_name: FxHashMap::with_capacity_and_hasher(table_count, Default::default()),
        aliases: FxHashMap::default(),
        enum_values: FxHashMap::default(),
        dbml: DbmlExtras { imported: true, ..DbmlExtras::default() },
    };
    for item in &file.items {
        if let Item::Enum(def) = item {
            let schema = def.name.schema.as_ref().map_or(options.default_schema.as_str(), |s| &*s.text);
            let values = def.values.iter().map(|(v, _)| &*v.text).collect();
            cx.enum_values.entry((schema, &*def.name.name.text)).or_insert(values);
        }
    }
    let mut project_seen = false;
    for item in &file.items {
        match item {
            Item::Project(project) if !project_seen => {
                project_seen = true;
                lower_project(&mut cx, project);
            }
            Item::Project(project) => {
                cx.report.error(codes::D106, project.pos, "a second `Project`: a DBML file has one");
            }
            _ => {}
        }
    }
    if let Some(engine) = &options.db_engine {
        cx.db_engine = engine.clone();
    }
    if options.db_name.is_some() {
        cx.db_name = options.db_name.clone();
    }

    let mut partials: FxHashMap<String, &ast::Table<'_>> = FxHashMap::default();
    for item in &file.items {
        if let Item::TablePartial(partial) = item {
            let name = partial.name.to_string();
            match partials.entry(name) {
                Entry::Occupied(e) => {
                    let message = format!("table partial `{}` is defined twice", e.key());
                    cx.report.error(codes::D106, partial.name.pos(), message);
                }
                Entry::Vacant(e) => {
                    e.insert(partial);
                    cx.dbml.partials.push(DbmlPartial { name: partial.name.to_string(), text: partial.text.to_owned() });
                }
            }
        }
    }
    let mut inline_refs = Vec::new();
    // One map of the column names seen, emptied for each table rather than built anew.
    let mut seen: FxHashMap<&str, Pos> = FxHashMap::default();
    for item in &file.items {
        if let Item::Table(table) = item {
            lower_table(&mut cx, table, &partials, &mut seen, &mut inline_refs);
        }
    }
    // Sticky notes, records and diagram views are kept verbatim, in source order, after
    // the tables (a `Records` names its table).
    for item in &file.items {
        let (kind, table, text) = match item {
            Item::StickyNote(note) => (DbmlItemKind::StickyNote, None, note.source),
            Item::DiagramView(view) => (DbmlItemKind::DiagramView, None, view.source),
            Item::Records(records) => {
                let table = records.table.as_ref().and_then(|t| cx.resolve(t)).map(|i| cx.tables[i].table.table_ref());
                (DbmlItemKind::Records, table, records.source)
            }
            _ => continue,
        };
        cx.dbml.items.push(DbmlItem { kind, table, in_table: false, text: text.to_owned() });
    }
    let enums = lower_enums(&mut cx, file);
    let modules = lower_groups(&mut cx, file);
    let explicit = file.items.iter().filter_map(|i| match i {
        Item::Ref(r) => Some(r),
        _ => None,
    });
    let relationships = refs::lower_refs(&mut cx, inline_refs.iter().chain(explicit));

    // Signals last: a child column of a relationship is a key. The drafts are consumed, so
    // the columns' strings move into the signals.
    let mut tables = Vec::with_capacity(cx.tables.len());
    let mut columns = Vec::with_capacity(cx.tables.len());
    for draft in cx.tables {
        tables.push(draft.table);
        columns.push(draft.columns);
    }
    let signals = binding_signals(&tables, columns, &relationships, &options.now);
    let mut dbml = cx.dbml;
    dbml.tables.retain(|t| !t.is_empty());
    Registry { tables, signals, relationships, modules, enums, pins: Vec::new(), dbml, ..Registry::default() }
}

/// The project: its name is the tables' `db_name` and its `database_type` their `db_engine`;
/// the project as written (name, every setting, note) is kept for the DBML export.
fn lower_project(cx: &mut Lowering<'_>, project: &ast::Project) {
    cx.db_name = project.name.as_ref().map(|n| n.text.to_string());
    let mut kept = DbmlProject { name: cx.db_name.clone(), ..DbmlProject::default() };
    for setting in &project.settings {
        if let ("database_type", Some(Value::Str(kind) | Value::Words(kind))) = (&*setting.name, &setting.value) {
            cx.db_engine = engine_of(kind);
        }
        if let Some(value) = &setting.value {
            kept.settings.push(DbmlSetting { name: setting.name.to_string(), value: value_text(value) });
        }
    }
    kept.note = project.note.as_ref().map(note_text);
    cx.dbml.project = Some(kept);
}

/// A setting's value as DBML text, to be written back as it was read.
fn value_text(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Str(s) => text::push_string(&mut out, s),
        Value::Number(s) | Value::Words(s) | Value::Color(s) => out.push_str(s),
        Value::Expr(s) => {
            out.push('`');
            out.push_str(s);
            out.push('`');
        }
        Value::Path(names) => {
            for (n, name) in names.iter().enumerate() {
                if n > 0 {
                    out.push('.');
                }
                text::push_ident(&mut out, &name.text);
            }
        }
        Value::Ref(..) => out.push_str(&value.describe()),
    }
    out
}

/// The registry's `db_engine` for a DBML `database_type`: `PostgreSQL` → `postgres`, else
/// the name in lower-case snake form (`SQL Server` → `sql_server`).
fn engine_of(database_type: &str) -> String {
    let lower = database_type.trim().to_lowercase();
    if lower == "postgresql" || lower == "postgres" {
        return "postgres".to_owned();
    }
    let snake: Vec<String> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if snake.is_empty() { "aurora_postgres".to_owned() } else { snake.join("_") }
}

/// A colour DBML accepts: `#rgb` or `#rrggbb`.
fn is_color(text: &str) -> bool {
    crate::dbml::text::color(text).is_some()
}

/// Takes a string value of `setting` or reports D105.
fn string_value(cx: &mut Lowering<'_>, setting: &Setting) -> Option<String> {
    match &setting.value {
        Some(Value::Str(text)) => Some(text.to_string()),
        other => {
            bad_value(cx, setting, other.as_ref(), "a string like 'text'");
            None
        }
    }
}

/// Takes a note of `setting` (any string), read as @dbml/core reads a note: see
/// [`text::note_as_read`].
fn note_value(cx: &mut Lowering<'_>, setting: &Setting) -> Option<String> {
    match &setting.value {
        // One copy of the text: most notes need no dedent and are borrowed until here.
        Some(Value::Str(note)) => Some(text::note_as_read(note).into_owned()),
        _ => string_value(cx, setting),
    }
}

/// The text of a `Note` block or `Note:` line, read as a note.
fn note_text(note: &Name) -> String {
    text::note_as_read(&note.text).into_owned()
}

/// Takes a colour value of `setting` or reports D105.
fn color_value(cx: &mut Lowering<'_>, setting: &Setting) -> Option<String> {
    match &setting.value {
        Some(Value::Color(c)) if is_color(c) => Some(c.to_string()),
        other => {
            bad_value(cx, setting, other.as_ref(), "a colour like #011B4E");
            None
        }
    }
}


/// Reports D105 when a flag setting (`pk`, `unique`, …) was given a value.
fn flag(cx: &mut Lowering<'_>, setting: &Setting) -> bool {
    if let Some(value) = &setting.value {
        cx.report.error(
            codes::D105,
            setting.pos,
            format!("`{}` takes no value; write `[{}]`, not `[{}: {}]`", setting.name, setting.name, setting.name, value.describe()),
        );
    }
    true
}

/// A setting `what` (a table, column or table group) does not know: with a string or colour
/// value it is DBML's custom metadata (`[owner: 'data team']`), which the registries have no
/// place for (a D114 warning); else it is unknown (D104), as @dbml/core has it.
fn custom_setting(cx: &mut Lowering<'_>, setting: &Setting, what: &str, known: &str) {
    match &setting.value {
        Some(value @ (Value::Str(_) | Value::Color(_))) => cx.report.warning(
            codes::D114,
            setting.pos,
            format!(
                "custom {what} setting `{}: {}` is not kept: the registries have no place for custom metadata yet",
                setting.name,
                value.describe()
            ),
        ),
        _ => unknown_setting(cx, setting, what, &format!("{known} (or a custom setting with a 'string' or #colour)")),
    }
}


fn lower_table<'a>(
    cx: &mut Lowering<'a>,
    def: &'a ast::Table<'_>,
    partials: &FxHashMap<String, &'a ast::Table<'_>>,
    seen: &mut FxHashMap<&'a str, Pos>,
    inline_refs: &mut Vec<ast::Ref<'a>>,
) {
    let schema: &'a str = match &def.name.schema {
        Some(s) => &s.text,
        None => &cx.options.default_schema,
    };
    let name: &'a str = &def.name.name.text;
    // Spelt out only for messages and inline refs.
    let table_ref = || TableRef::new(schema, name);
    if let Some(&first) = cx.by_name.get(&(schema, name)) {
        let at = cx.tables[first].pos;
        cx.report.error(codes::D106, def.name.pos(), format!("table `{}` is defined twice (first at {at}); this one is ignored", table_ref()));
        return;
    }
    let index = cx.tables.len();
    if let Some(alias) = &def.alias {
        if cx.aliases.contains_key(&*alias.text) {
            cx.report.error(codes::D106, alias.pos, format!("alias `{}` is used by two tables", alias.text));
        } else {
            cx.aliases.insert(&alias.text, index);
            cx.dbml_table(table_ref()).alias = Some(alias.text.to_string());
        }
    }
    cx.by_name.insert((schema, name), index);

    // The partials injected with `~name`: their settings, columns and indexes count as if
    // written in the table, the table's own columns winning over theirs.
    let mut used: Vec<&ast::Table> = Vec::new();
    for member in &def.members {
        if let Member::Partial(p) = member {
            match partials.get(&*p.text) {
                Some(partial) => used.push(partial),
                None => cx.report.error(codes::D108, p.pos, format!("no table partial `{}` is defined", p.text)),
            }
        }
    }
    // The table's own column names, which win over a partial's: only needed with partials.
    let own: FxHashSet<&str> = if def.members.iter().any(|m| matches!(m, Member::Partial(_))) {
        def.members
            .iter()
            .filter_map(|m| match m {
                Member::Column(c) => Some(&*c.name.text),
                Member::Partial(_) => None,
            })
            .collect()
    } else {
        FxHashSet::default()
    };

    let mut table = Table {
        id: ids::table(schema, name),
        name: name.to_owned(),
        prefix: None,
        schema: schema.to_owned(),
        module: String::new(),
        status: TableStatus::Draft,
        purpose: None,
        primary_key: Vec::new(),
        db_engine: cx.db_engine.clone(),
        db_name: cx.db_name.clone(),
        owner_team: None,
        notes: None,
        created_at: cx.options.now.clone(),
        updated_at: cx.options.now.clone(),
        unique_constraints: Vec::new(),
        indexes: Vec::new(),
        color: None,
        primary_key_name: None,
        checks: Vec::new(),
        exclusions: Vec::new(),
        partition_by: None,
        partition_of: None,
        view: None,
    };
    table.prefix = table.derived_prefix(&cx.known_prefixes).map(str::to_owned);
    // A partial's settings count as the table's, but a custom setting is the table's own.
    let settings = used.iter().flat_map(|p| &p.settings).map(|s| (s, false)).chain(def.settings.iter().map(|s| (s, true)));
    for (setting, own) in settings {
        match &*setting.name {
            "headercolor" => table.color = color_value(cx, setting),
            "note" => table.purpose = note_value(cx, setting),
            _ if own => custom_setting(cx, setting, "table", "`headercolor` and `note`"),
            _ => unknown_setting(cx, setting, "table", "`headercolor` and `note`"),
        }
    }
    if let Some(note) = used.iter().filter_map(|p| p.note.as_ref()).chain(&def.note).last() {
        table.purpose = Some(note_text(note));
    }
    for (_, text) in &def.records {
        let item = DbmlItem { kind: DbmlItemKind::Records, table: Some(table_ref()), in_table: true, text: (*text).to_owned() };
        cx.dbml.items.push(item);
    }

    let mut columns: Vec<ColumnDraft> = Vec::with_capacity(def.members.len());
    seen.clear();
    // Where each partial was injected and what it brought, so the export writes `~name`
    // there instead of the columns.
    let mut injects = Vec::new();
    let mut own_written = 0;
    for member in &def.members {
        match member {
            Member::Column(column) => {
                own_written += 1;
                lower_member_column(cx, (schema, name), column, false, &own, seen, &mut columns, inline_refs);
            }
            Member::Partial(p) => {
                let Some(partial) = partials.get(&*p.text) else { continue };
                let before = columns.len();
                for m in &partial.members {
                    if let Member::Column(column) = m {
                        lower_member_column(cx, (schema, name), column, true, &own, seen, &mut columns, inline_refs);
                    }
                }
                let brought = columns[before..].iter().map(|c| c.name.clone()).collect();
                injects.push(DbmlInjection { partial: p.text.to_string(), after: own_written, columns: brought });
            }
        }
    }
    if !injects.is_empty() {
        cx.dbml_table(table_ref()).injects = injects;
    }

    table.primary_key = columns.iter().filter(|c| c.pk).map(|c| c.name.clone()).collect();
    table.unique_constraints =
        columns.iter().filter(|c| c.unique).map(|c| UniqueConstraint::new(None, vec![c.name.clone()])).collect();
    // CHECKs: a column's `check:` settings first (in column order), then `checks { }`.
    for column in &columns {
        for expression in &column.checks {
            let check = CheckConstraint { expression: expression.clone(), column: Some(column.name.clone()), ..CheckConstraint::default() };
            table.checks.push(check);
        }
    }
    let partial_checks = used.iter().map(|p| p.checks.len()).sum::<usize>();
    for (n, def) in used.iter().flat_map(|p| &p.checks).chain(&def.checks).enumerate() {
        if n < partial_checks {
            let expression = def.expression.text.to_string();
            cx.dbml_table(table_ref()).partial_checks.push(expression);
        }
        let mut check = CheckConstraint { expression: def.expression.text.to_string(), ..CheckConstraint::default() };
        for setting in &def.settings {
            match &*setting.name {
                "name" => check.name = string_value(cx, setting),
                _ => cx.report.error(codes::D104, setting.pos, format!("`{}` is not a setting of a check; a check takes `name`", setting.name)),
            }
        }
        table.checks.push(check);
    }
    let indexes = used.iter().flat_map(|p| &p.indexes).chain(&def.indexes);
    if indexes.clone().next().is_some() {
        let names: FxHashSet<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let partial_indexes = used.iter().map(|p| p.indexes.len()).sum::<usize>();
        for (n, index) in indexes.enumerate() {
            let before = table.indexes.len();
            lower_index(cx, &mut table, &names, index);
            // A partial's index is the partial's: the export leaves it to the `~name`.
            if n < partial_indexes && table.indexes.len() > before {
                let key = relata_model::dbml::index_key(&table.indexes[before]);
                cx.dbml_table(table_ref()).partial_indexes.push(key);
            }
        }
    }
    // Primary key columns are NOT NULL, also when the key is written in `indexes { }`.
    for column in &mut columns {
        if table.primary_key.contains(&column.name) {
            column.nullable = false;
        }
    }
    cx.tables.push(TableDraft { table, columns, pos: def.pos });
}

/// One column of a table's body (`from_partial`: injected by a partial): skipped when the
/// table's own column of that name wins, reported when written twice, else lowered.
#[allow(clippy::too_many_arguments)]
fn lower_member_column<'a>(
    cx: &mut Lowering<'a>,
    table: (&'a str, &'a str),
    column: &'a ast::Column<'_>,
    from_partial: bool,
    own: &FxHashSet<&str>,
    seen: &mut FxHashMap<&'a str, Pos>,
    columns: &mut Vec<ColumnDraft>,
    inline_refs: &mut Vec<ast::Ref<'a>>,
) {
    if from_partial && own.contains(&*column.name.text) {
        return;
    }
    if let Some(first) = seen.get(&*column.name.text) {
        if !from_partial {
            cx.report.error(
                codes::D107,
                column.name.pos,
                format!("column `{}` is defined twice in table `{}` (first at {first})", column.name.text, TableRef::new(table.0, table.1)),
            );
        }
        return;
    }
    seen.insert(&column.name.text, column.name.pos);
    columns.push(lower_column(cx, table, column, inline_refs));
}

fn lower_column<'a>(
    cx: &mut Lowering<'_>,
    table: (&'a str, &'a str),
    def: &'a ast::Column<'_>,
    inline_refs: &mut Vec<ast::Ref<'a>>,
) -> ColumnDraft {
    let (schema, table) = table;
    let mut column = ColumnDraft::new(def.name.text.to_string(), def.data_type.text.to_string());
    let mut not_null = None;
    for setting in &def.settings {
        match &*setting.name {
            "pk" | "primary key" => column.pk = flag(cx, setting),
            "not null" => not_null = Some(flag(cx, setting)),
            "null" => not_null = Some(!flag(cx, setting)),
            "unique" => column.unique = flag(cx, setting),
            "note" => column.description = note_value(cx, setting),
            "default" => column.default = default_value(cx, setting),
            // DBML's auto-increment is PostgreSQL's identity column (BY DEFAULT, as a serial
            // lets a row give its own value); the export writes an identity back as `increment`.
            "increment" => {
                if flag(cx, setting) {
                    column.spec.identity = Some(Identity { always: false, options: None });
                }
            }
            "check" => match &setting.value {
                Some(Value::Expr(e)) => column.checks.push(e.to_string()),
                other => bad_value(cx, setting, other.as_ref(), "a `backtick expression`"),
            },
            "ref" => match &setting.value {
                Some(Value::Ref(op, right)) => inline_refs.push(ast::Ref {
                    name: None,
                    left: ast::Endpoint {
                        table: QualifiedName {
                            schema: Some(Name { text: schema.into(), pos: def.name.pos }),
                            name: Name { text: table.into(), pos: def.name.pos },
                        },
                        columns: vec![def.name.clone()],
                    },
                    op: *op,
                    right: right.clone(),
                    settings: Vec::new(),
                    pos: setting.pos,
                }),
                other => bad_value(cx, setting, other.as_ref(), "a relation and an endpoint, like `> users.id`"),
            },
            _ => custom_setting(
                cx,
                setting,
                "column",
                "`pk`, `primary key`, `not null`, `null`, `unique`, `increment`, `default`, `note`, `ref` and `check`",
            ),
        }
    }
    // A primary key column is NOT NULL whatever the text says.
    column.nullable = !(column.pk || not_null == Some(true));
    column
}

/// A column default as the registry spells it (an SQL expression): a number, a string (also
/// an enum value, `status.active`, which @dbml/core reads as the value's name), true, false,
/// null or an expression.
fn default_value(cx: &mut Lowering<'_>, setting: &Setting) -> Option<String> {
    match &setting.value {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Str(s)) => Some(sql_string(s)),
        Some(Value::Expr(e)) => Some(e.to_string()),
        Some(Value::Words(w)) if matches!(w.to_ascii_lowercase().as_str(), "true" | "false" | "null") => Some(w.to_ascii_lowercase()),
        Some(Value::Path(names)) if matches!(names.len(), 2 | 3) => enum_default(cx, names).map(|value| sql_string(&value)),
        other => {
            bad_value(
                cx,
                setting,
                other.as_ref(),
                "a number, a 'string', true, false, null, an enum value like `status.active` or a `backtick expression`",
            );
            None
        }
    }
}

/// `text` as an SQL string literal.
fn sql_string(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The value an enum-value default (`enum.value` or `schema.enum.value`) names, or an error
/// naming the enum or value that does not exist.
fn enum_default(cx: &mut Lowering<'_>, names: &[Name]) -> Option<String> {
    let (schema, name, value) = match names {
        [name, value] => (cx.options.default_schema.as_str(), name, value),
        [schema, name, value] => (&*schema.text, name, value),
        _ => return None,
    };
    match cx.enum_values.get(&(schema, &*name.text)) {
        None => {
            let message = format!("this default names enum `{schema}.{}`, which is not defined", name.text);
            cx.report.error(codes::D108, names[0].pos, message);
            None
        }
        Some(values) if !values.contains(&&*value.text) => {
            let message = format!("enum `{schema}.{}` has no value `{}`", name.text, value.text);
            cx.report.error(codes::D109, value.pos, message);
            None
        }
        Some(_) => Some(value.text.to_string()),
    }
}

fn lower_index(cx: &mut Lowering<'_>, table: &mut Table, columns: &FxHashSet<&str>, def: &ast::IndexDef) {
    let mut parts = Vec::new();
    let mut ok = true;
    for part in &def.parts {
        match part {
            ast::IndexPartDef::Column(c) => {
                if !columns.contains(&*c.text) {
                    cx.report.error(codes::D109, c.pos, format!("table `{}` has no column `{}`", table.table_ref(), c.text));
                    ok = false;
                }
                parts.push(IndexPart::column(c.text.to_string()));
            }
            ast::IndexPartDef::Expression(e) => parts.push(IndexPart::expression(e.text.to_string())),
        }
    }
    let mut index = Index { name: None, parts, method: IndexMethod::Btree, unique: false, predicate: None, note: None, ..Index::default() };
    let mut pk = false;
    let mut typed = false;
    for setting in &def.settings {
        match &*setting.name {
            "pk" | "primary key" => pk = flag(cx, setting),
            "unique" => index.unique = flag(cx, setting),
            "name" => index.name = string_value(cx, setting),
            "note" => index.note = note_value(cx, setting),
            "type" => match &setting.value {
                Some(Value::Words(w) | Value::Str(w)) if IndexMethod::parse(&w.to_ascii_lowercase()).is_ok() => {
                    index.method = IndexMethod::parse(&w.to_ascii_lowercase()).expect("checked");
                    typed = true;
                }
                other => bad_value(cx, setting, other.as_ref(), "an index method: btree or hash (or gin, gist, brin)"),
            },
            _ => unknown_setting(cx, setting, "index", "`pk`, `unique`, `name`, `type` and `note`"),
        }
    }
    if !ok {
        return;
    }
    if pk {
        let key: Option<Vec<String>> = index
            .parts
            .iter()
            .map(|p| p.plain_column().map(str::to_owned))
            .collect();
        match key {
            Some(key) if table.primary_key.is_empty() => {
                table.primary_key = key;
                // The key's name is the constraint's; `[pk, unique]` says no more than `[pk]`
                // but is written back as it was.
                table.primary_key_name = index.name.take();
                if index.unique {
                    cx.dbml_table(table.table_ref()).pk_unique = true;
                }
                if let Some(note) = &index.note {
                    cx.report.warning(
                        codes::D114,
                        def.pos,
                        format!("the note of the primary key of `{}` is not kept: the registries have no place for it ({note:?})", table.table_ref()),
                    );
                }
            }
            Some(_) => cx.report.error(
                codes::D105,
                def.pos,
                format!("table `{}` already has a primary key ({}); a table has one", table.table_ref(), table.primary_key.join(", ")),
            ),
            None => cx.report.error(codes::D105, def.pos, "a primary key is made of columns, not expressions"),
        }
        return;
    }
    read_relata_note(&mut index);
    if typed && index.method == IndexMethod::Btree {
        let key = relata_model::dbml::index_key(&index);
        cx.dbml_table(table.table_ref()).typed_btree.push(key);
    }
    table.indexes.push(index);
}

/// Relata's printer keeps an index method DBML does not know and a partial-index predicate as
/// the last lines of the index note (`type: gin`, `where: …`); they are read back from there.
fn read_relata_note(index: &mut Index) {
    let Some(note) = index.note.take() else { return };
    let mut lines: Vec<&str> = note.split('\n').collect();
    if let Some(predicate) = lines.last().and_then(|l| l.strip_prefix("where: ")) {
        index.predicate = Some(predicate.to_owned());
        lines.pop();
    }
    if let Some(method) = lines.last().and_then(|l| l.strip_prefix("type: ")).and_then(|m| IndexMethod::parse(m).ok()) {
        if !matches!(method, IndexMethod::Btree | IndexMethod::Hash) && index.method == IndexMethod::Btree {
            index.method = method;
            lines.pop();
        }
    }
    index.note = (!lines.is_empty()).then(|| lines.join("\n"));
}

fn lower_enums(cx: &mut Lowering<'_>, file: &ast::File) -> Vec<EnumType> {
    let mut enums: Vec<EnumType> = Vec::new();
    for item in &file.items {
        let Item::Enum(def) = item else { continue };
        let schema = def.name.schema.as_ref().map_or_else(|| cx.options.default_schema.clone(), |s| s.text.to_string());
        if enums.iter().any(|e| e.schema == schema && e.name == def.name.name.text) {
            cx.report.error(codes::D106, def.name.pos(), format!("enum `{schema}.{}` is defined twice", def.name.name.text));
            continue;
        }
        let mut values: Vec<EnumValue> = Vec::new();
        for (value, settings) in &def.values {
            let mut note = None;
            for setting in settings {
                match &*setting.name {
                    "note" => note = note_value(cx, setting),
                    _ => unknown_setting(cx, setting, "enum value", "`note`"),
                }
            }
            if values.iter().any(|v| v.name == value.text) {
                cx.report.error(codes::D106, value.pos, format!("enum value `{}` is listed twice", value.text));
                continue;
            }
            values.push(EnumValue { name: value.text.to_string(), note });
        }
        enums.push(EnumType { schema, name: def.name.name.text.to_string(), values });
    }
    enums
}

/// TableGroups become modules; each member table takes the group as its module. A table in
/// no group gets an implicit module named after its schema (see [`Module::implicit`]).
fn lower_groups(cx: &mut Lowering<'_>, file: &ast::File) -> Vec<Module> {
    let mut modules: Vec<Module> = Vec::new();
    // By table index: the module (an index into `modules`) a table was put in, and where.
    let mut member_of: Vec<Option<(usize, Pos)>> = vec![None; cx.tables.len()];
    for item in &file.items {
        let Item::TableGroup(group) = item else { continue };
        if modules.iter().any(|m| m.name == group.name.text) {
            cx.report.error(codes::D106, group.name.pos, format!("table group `{}` is defined twice", group.name.text));
            continue;
        }
        let mut module = Module::named(group.name.text.to_string());
        for setting in &group.settings {
            match &*setting.name {
                "color" => module.color = color_value(cx, setting),
                "note" => module.note = note_value(cx, setting),
                _ => custom_setting(cx, setting, "table group", "`color` and `note`"),
            }
        }
        if let Some(note) = &group.note {
            module.note = Some(note_text(note));
        }
        for name in &group.tables {
            let Some(index) = cx.resolve(name) else { continue };
            if let Some((other, at)) = member_of[index] {
                // The same group may list a table twice; it is pushed to `modules` only after.
                let other = modules.get(other).map_or(&module.name, |m| &m.name);
                cx.report.error(
                    codes::D111,
                    name.pos(),
                    format!("table `{name}` is already in table group `{other}` (at {at}); a table belongs to one group"),
                );
                continue;
            }
            member_of[index] = Some((modules.len(), name.pos()));
            cx.tables[index].table.module = module.name.clone();
        }
        modules.push(module);
    }
    let declared = modules.len();
    for draft in &mut cx.tables {
        if draft.table.module.is_empty() {
            // The registry needs a module name; the module is marked implicit so no export
            // writes a group the source never had. A declared group of the schema's name keeps
            // its name, and the implicit one steps aside.
            let schema = &draft.table.schema;
            let name = if modules[..declared].iter().any(|m| &m.name == schema) { format!("{schema} (no group)") } else { schema.clone() };
            if !modules.iter().any(|m| m.name == name) {
                modules.push(Module { implicit: true, ..Module::named(name.clone()) });
            }
            draft.table.module = name;
        }
    }
    modules
}
