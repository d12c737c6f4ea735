//! The registry folder: three CSV files whose headers are the registry DDL's column names
//! (so `\copy … CSV HEADER` loads them unchanged) plus `relata.json` for Relata-only data.
//! See `docs/registry-folder.md` for the format.

use std::collections::{HashMap, HashSet};

use relata_model::{
    CheckConstraint, DbmlExtras, Diagnostic, EntryRef, EnumType, ExclusionConstraint, Index, KeptObject, Location, MermaidExtras, Module,
    Named, PartitionKey, PartitionOf, Pin, Registry, RegistryKind, TableRef, UniqueConstraint, ViewDefinition,
};
use serde::{Deserialize, Serialize};

use crate::codes;
use crate::extras::ColumnExtras;
use crate::rows::{self, Column, FieldError};

/// File name of the `table_overview` registry in a folder.
pub const TABLE_OVERVIEW_FILE: &str = "table_overview.csv";
/// File name of the `signal_registry` registry in a folder.
pub const SIGNAL_REGISTRY_FILE: &str = "signal_registry.csv";
/// File name of the `relationship_registry` registry in a folder.
pub const RELATIONSHIP_REGISTRY_FILE: &str = "relationship_registry.csv";
/// File name of Relata's own data in a folder.
pub const RELATA_FILE: &str = "relata.json";
/// Every file of a registry folder, in the order Relata writes them.
pub const FILES: [&str; 4] = [TABLE_OVERVIEW_FILE, SIGNAL_REGISTRY_FILE, RELATIONSHIP_REGISTRY_FILE, RELATA_FILE];

/// `format` value of `relata.json`.
pub const FORMAT_NAME: &str = "relata-registry-folder";
/// Highest `relata.json` version this build reads. Version 2 added the extras of real
/// PostgreSQL schemas (CHECK and EXCLUDE constraints, partitions, column specs, richer keys and
/// indexes, kept statements); a registry that uses none of them is still written as version 1,
/// so older Relatas keep reading it.
pub const FORMAT_VERSION: u32 = 2;

/// One file's bytes and the path diagnostics should name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as the user should see it, e.g. `registries/zellij/table_overview.csv`.
    pub path: String,
    /// Raw content; not trusted to be UTF-8.
    pub bytes: Vec<u8>,
}

/// The files of a registry folder as read from disk. A file that is not there is `None`;
/// a missing registry file is reported (L100), a missing `relata.json` is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFiles {
    /// The folder as the user should see it; names missing files in diagnostics.
    pub dir: String,
    /// `table_overview.csv`.
    pub table_overview: Option<SourceFile>,
    /// `signal_registry.csv`.
    pub signal_registry: Option<SourceFile>,
    /// `relationship_registry.csv`.
    pub relationship_registry: Option<SourceFile>,
    /// `relata.json`.
    pub relata_json: Option<SourceFile>,
}

/// The texts of a registry folder, e.g. embedded in a binary with `include_str!`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FolderText {
    /// `table_overview.csv`.
    pub table_overview: String,
    /// `signal_registry.csv`.
    pub signal_registry: String,
    /// `relationship_registry.csv`.
    pub relationship_registry: String,
    /// `relata.json`, which may be absent.
    pub relata_json: Option<String>,
}

/// Where each registry entry was read from, so diagnostics about entries can point at the
/// file, line and column editors jump to.
///
/// Positions are worked out when a diagnostic asks for one: a load notes only where each row
/// starts, so loading costs nothing per field (it used to compute every field's line and
/// column, most of which no diagnostic ever named). Entries are found by id
/// ([`EntryRef`]), so a relationship without a key is found like any other.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<MappedFile>,
    entries: HashMap<(RegistryKind, EntryRef), EntrySource>,
}

/// Two maps are equal when they name the same entries and every field of each resolves to the
/// same place (the same file, line and column), however the files' bytes differ (line ends, a
/// byte order mark).
impl PartialEq for SourceMap {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().all(|((registry, entry), source)| {
                let Some(theirs) = other.entries.get(&(*registry, entry.clone())) else { return false };
                let (ours, theirs) = (&self.files[source.file], &other.files[theirs.file]);
                ours.columns == theirs.columns
                    && ours.columns.iter().all(|c| {
                        let at = Location::Entry { registry: *registry, label: String::new(), field: Some(c.name.to_owned()), entry: entry.clone() };
                        self.resolve(&at) == other.resolve(&at)
                    })
            })
    }
}

impl Eq for SourceMap {}

/// A registry file the entries were read from.
#[derive(Debug, Clone)]
struct MappedFile {
    path: String,
    bytes: Vec<u8>,
    lines: LineIndex,
    columns: &'static [Column],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EntrySource {
    /// Index into [`SourceMap::files`].
    file: usize,
    /// Byte offset where the entry's row starts.
    start: usize,
}

impl SourceMap {
    /// The file location of an entry location, when the entry came from a file; the field's
    /// column when the field is one of the registry's columns, else the row's start.
    pub fn resolve(&self, location: &Location) -> Option<Location> {
        let Location::Entry { registry, field, entry, .. } = location else { return None };
        let source = self.entries.get(&(*registry, entry.clone()))?;
        let file = &self.files[source.file];
        let n = field.as_deref().and_then(|f| file.columns.iter().position(|c| c.name == f)).unwrap_or(0);
        let starts = field_starts(&file.bytes, source.start);
        let start = starts.get(n).copied().unwrap_or(source.start);
        // The value starts after a field's opening quote.
        let value = start + usize::from(file.bytes.get(start) == Some(&b'"'));
        let (line, column) = file.lines.position(&file.bytes, value);
        Some(Location::file(&file.path, line, column))
    }
}

/// The key diagnostics use for a signal: `schema.table.column`, or `concept:name` for a
/// concept outside any table.
pub fn signal_key(signal: &relata_model::Signal) -> String {
    Named::signal(signal).label
}

/// Parses folder texts; diagnostics name the files by their bare file names.
pub fn parse(text: &FolderText) -> (Registry, Vec<Diagnostic>) {
    let file = |path: &str, body: &str| Some(SourceFile { path: path.to_owned(), bytes: body.as_bytes().to_vec() });
    parse_files(&FolderFiles {
        dir: String::new(),
        table_overview: file(TABLE_OVERVIEW_FILE, &text.table_overview),
        signal_registry: file(SIGNAL_REGISTRY_FILE, &text.signal_registry),
        relationship_registry: file(RELATIONSHIP_REGISTRY_FILE, &text.relationship_registry),
        relata_json: text.relata_json.as_deref().and_then(|body| file(RELATA_FILE, body)),
    })
}

/// Parses the files of a registry folder into a registry plus every problem found, each
/// with its file, line and column. Rows that cannot be read are left out and reported.
pub fn parse_files(files: &FolderFiles) -> (Registry, Vec<Diagnostic>) {
    let (registry, diagnostics, _) = parse_files_with_sources(files);
    (registry, diagnostics)
}

/// [`parse_files`], plus where each entry was read from.
pub fn parse_files_with_sources(files: &FolderFiles) -> (Registry, Vec<Diagnostic>, SourceMap) {
    let mut read = Reader { dir: &files.dir, sources: SourceMap::default(), diagnostics: Vec::new() };
    let (tables, named_tables) = read.entries(
        TABLE_OVERVIEW_FILE,
        files.table_overview.as_ref(),
        rows::TABLE_OVERVIEW,
        rows::decode_table,
        &[
            UniqueKey { column: 0, key: |t| t.id.to_string(), duplicate: |t| format!("table_id {} is used by an earlier row; ids must be unique", t.id) },
            UniqueKey { column: 1, key: |t| format!("{:?}", t.table_ref()), duplicate: |t| format!("table {} is registered twice (to_schema_table_uq)", t.table_ref()) },
        ],
        |t| (RegistryKind::TableOverview, EntryRef::Table { id: t.id }),
    );
    let (signals, _) = read.entries(
        SIGNAL_REGISTRY_FILE,
        files.signal_registry.as_ref(),
        rows::SIGNAL_REGISTRY,
        rows::decode_signal,
        &[
            UniqueKey { column: 0, key: |s| s.id.to_string(), duplicate: |s| format!("signal_id {} is used by an earlier row; ids must be unique", s.id) },
            UniqueKey { column: 3, key: |s| format!("{:?}", (&s.table, &s.column)), duplicate: |s| format!("{} is registered twice (sr_signal_uq)", signal_key(s)) },
        ],
        |s| (RegistryKind::SignalRegistry, EntryRef::Signal { id: s.id }),
    );
    let (relationships, _) = read.entries(
        RELATIONSHIP_REGISTRY_FILE,
        files.relationship_registry.as_ref(),
        rows::RELATIONSHIP_REGISTRY,
        rows::decode_relationship,
        &[
            UniqueKey { column: 0, key: |r| r.id.to_string(), duplicate: |r| format!("relationship_id {} is used by an earlier row; ids must be unique", r.id) },
            UniqueKey { column: 1, key: |r| r.key.clone(), duplicate: |r| format!("relationship_key `{}` is used by an earlier row; keys must be unique", r.key) },
        ],
        |r| (RegistryKind::RelationshipRegistry, EntryRef::Relationship { id: r.id }),
    );
    let Reader { sources, mut diagnostics, .. } = read;
    let mut registry = Registry { tables, signals, relationships, ..Registry::default() };
    if let Some(file) = &files.relata_json {
        parse_relata_json(file, &mut registry, named_tables.as_ref(), &mut diagnostics);
    }
    (registry, diagnostics, sources)
}

/// A unique key of a registry (its DDL's PRIMARY KEY or a UNIQUE): the column a duplicate
/// is reported at, the key of an entry, and the message for a duplicate.
struct UniqueKey<T> {
    column: usize,
    key: fn(&T) -> String,
    duplicate: fn(&T) -> String,
}

/// Turns the fields of a row into an entry (see [`rows`]).
type Decode<T> = fn(&[Option<&str>]) -> Result<T, Vec<FieldError>>;

/// Reads the registry files of one folder, collecting diagnostics and entry positions.
struct Reader<'a> {
    dir: &'a str,
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// Reads, decodes and de-duplicates the entries of one registry file. Also returns the
    /// tables its rows name (for `table_overview`: readable rows or not), or `None` when the
    /// file itself could not be read.
    fn entries<T>(
        &mut self,
        name: &str,
        file: Option<&SourceFile>,
        columns: &'static [Column],
        decode: Decode<T>,
        unique: &[UniqueKey<T>],
        source_key: fn(&T) -> (RegistryKind, EntryRef),
    ) -> (Vec<T>, Option<HashSet<TableRef>>) {
        let Some(file) = file else {
            let path = if self.dir.is_empty() { name.to_owned() } else { format!("{}/{name}", self.dir.trim_end_matches('/')) };
            self.diagnostics.push(Diagnostic::error(codes::L100, Location::file(path, 1, 1), format!("{name} is missing; a registry folder has all three registry files")));
            return (Vec::new(), None);
        };
        let lines = LineIndex::new(&file.bytes);
        let at_file = self.sources.files.len();
        let mut seen: Vec<HashSet<String>> = unique.iter().map(|_| HashSet::new()).collect();
        let mut named = HashSet::new();
        let mut entries = Vec::new();
        let mut keyed = Vec::new();
        let readable = read_rows(file, &lines, columns, &mut self.diagnostics, |row, diagnostics| {
            if let Some(table) = row.table_ref() {
                named.insert(table);
            }
            let entry = match decode(&row.values) {
                Ok(entry) => entry,
                Err(errors) => {
                    row.report(errors, diagnostics);
                    return;
                }
            };
            // The first key this entry repeats, if any; otherwise record all its keys.
            let keys: Vec<String> = unique.iter().map(|u| (u.key)(&entry)).collect();
            if let Some(n) = keys.iter().zip(&seen).position(|(k, seen)| seen.contains(k)) {
                diagnostics.push(row.error(unique[n].column, codes::L115, (unique[n].duplicate)(&entry)));
                return;
            }
            for (key, seen) in keys.into_iter().zip(&mut seen) {
                seen.insert(key);
            }
            keyed.push((source_key(&entry), row.starts[0]));
            entries.push(entry);
        });
        if !readable {
            return (Vec::new(), None);
        }
        self.sources.entries.reserve(keyed.len());
        for (key, start) in keyed {
            self.sources.entries.insert(key, EntrySource { file: at_file, start });
        }
        self.sources.files.push(MappedFile { path: file.path.clone(), bytes: file.bytes.clone(), lines, columns });
        (entries, Some(named))
    }
}

/// The four files of a registry folder, printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderOutput {
    /// `table_overview.csv`.
    pub table_overview: String,
    /// `signal_registry.csv`.
    pub signal_registry: String,
    /// `relationship_registry.csv`.
    pub relationship_registry: String,
    /// `relata.json`.
    pub relata_json: String,
}

impl FolderOutput {
    /// The files as (file name, content) pairs, in [`FILES`] order.
    pub fn files(&self) -> [(&'static str, &str); 4] {
        [
            (TABLE_OVERVIEW_FILE, &self.table_overview),
            (SIGNAL_REGISTRY_FILE, &self.signal_registry),
            (RELATIONSHIP_REGISTRY_FILE, &self.relationship_registry),
            (RELATA_FILE, &self.relata_json),
        ]
    }
}

/// Prints a registry as the files of a registry folder, rows in registry order.
pub fn print(registry: &Registry) -> FolderOutput {
    FolderOutput {
        table_overview: write_csv(rows::TABLE_OVERVIEW, registry.tables.iter().map(rows::encode_table)),
        signal_registry: write_csv(rows::SIGNAL_REGISTRY, registry.signals.iter().map(rows::encode_signal)),
        relationship_registry: write_csv(rows::RELATIONSHIP_REGISTRY, registry.relationships.iter().map(rows::encode_relationship)),
        relata_json: print_relata_json(registry),
    }
}

fn write_csv(columns: &[Column], records: impl Iterator<Item = Vec<Option<String>>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer.write_record(columns.iter().map(|c| c.name)).expect("in-memory CSV");
    for record in records {
        writer.write_record(record.iter().map(|f| f.as_deref().unwrap_or(""))).expect("in-memory CSV");
    }
    let bytes = writer.into_inner().expect("in-memory CSV");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

/// Relata's own data as stored in `relata.json`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelataFile {
    format: String,
    version: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    modules: Vec<Module>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    enums: Vec<EnumType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tables: Vec<TableExtras>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pins: Vec<Pin>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    kept: Vec<KeptObject>,
    #[serde(default, skip_serializing_if = "DbmlExtras::is_empty")]
    dbml: DbmlExtras,
    #[serde(default, skip_serializing_if = "MermaidExtras::is_empty")]
    mermaid: MermaidExtras,
}

/// The Relata-only part of one table.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableExtras {
    schema: String,
    table: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unique_constraints: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    primary_key_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    checks: Vec<CheckConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exclusions: Vec<ExclusionConstraint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partition_by: Option<PartitionKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partition_of: Option<PartitionOf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    view: Option<ViewDefinition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    columns: Vec<ColumnExtras>,
}

impl TableExtras {
    /// Whether the entry says nothing beyond naming its table.
    fn is_empty(&self) -> bool {
        self.unique_constraints.is_empty() && self.indexes.is_empty() && self.color.is_none() && !self.needs_version_2()
    }

    /// Whether the entry uses what version 1 of the format did not have.
    fn needs_version_2(&self) -> bool {
        self.primary_key_name.is_some()
            || !self.checks.is_empty()
            || !self.exclusions.is_empty()
            || self.partition_by.is_some()
            || self.partition_of.is_some()
            || self.view.is_some()
            || !self.columns.is_empty()
            || self.unique_constraints.iter().any(|u| *u != UniqueConstraint::new(u.name.clone(), u.columns.clone()))
            || self.indexes.iter().any(|i| {
                i.other_method.is_some()
                    || !i.include.is_empty()
                    || i.nulls_not_distinct
                    || i.with.is_some()
                    || i.parts.iter().any(|p| !p.is_plain())
            })
    }
}

/// Prints Relata's own data of `registry` as `relata.json` text.
pub fn print_relata_json(registry: &Registry) -> String {
    let mut columns = ColumnExtras::by_table(registry);
    let tables: Vec<TableExtras> = registry
        .tables
        .iter()
        .map(|t| TableExtras {
            schema: t.schema.clone(),
            table: t.name.clone(),
            unique_constraints: t.unique_constraints.clone(),
            indexes: t.indexes.clone(),
            color: t.color.clone(),
            primary_key_name: t.primary_key_name.clone(),
            checks: t.checks.clone(),
            exclusions: t.exclusions.clone(),
            partition_by: t.partition_by.clone(),
            partition_of: t.partition_of.clone(),
            view: t.view.clone(),
            columns: columns.remove(&t.table_ref()).unwrap_or_default(),
        })
        .filter(|t| !t.is_empty())
        .collect();
    // Version 1 readers would take an implicit module for a declared one.
    let version = if registry.kept.is_empty()
        && !registry.modules.iter().any(|m| m.implicit)
        && registry.dbml.is_empty()
        && registry.mermaid.is_empty()
        && !tables.iter().any(TableExtras::needs_version_2)
    {
        1
    } else {
        FORMAT_VERSION
    };
    let file = RelataFile {
        format: FORMAT_NAME.to_owned(),
        version,
        modules: registry.modules.clone(),
        enums: registry.enums.clone(),
        tables,
        pins: registry.pins.clone(),
        kept: registry.kept.clone(),
        dbml: registry.dbml.clone(),
        mermaid: registry.mermaid.clone(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("relata.json is plain data");
    text.push('\n');
    text
}

/// Reads `relata.json` into `registry` (modules, enums, pins, and the extras of its tables).
///
/// `named_tables` are the tables `table_overview` names, readable rows or not; extras for a
/// table it does not name are reported (L122). Extras for a named table whose row could not
/// be read are dropped quietly (that row's own error says enough), and with `None` (the
/// table registry itself could not be read) no table counts as unknown.
pub fn parse_relata_json(
    file: &SourceFile,
    registry: &mut Registry,
    named_tables: Option<&HashSet<TableRef>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let lines = LineIndex::new(&file.bytes);
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = lines.position(&file.bytes, e.valid_up_to());
            diagnostics.push(Diagnostic::error(codes::L101, Location::file(&file.path, line, column), "relata.json is not valid UTF-8"));
            return;
        }
    };
    let parsed: RelataFile = match serde_json::from_str(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            let location = Location::file(&file.path, e.line().max(1) as u32, e.column().max(1) as u32);
            diagnostics.push(Diagnostic::error(codes::L120, location, format!("relata.json: {e}")));
            return;
        }
    };
    if parsed.format != FORMAT_NAME || parsed.version > FORMAT_VERSION || parsed.version == 0 {
        diagnostics.push(Diagnostic::error(
            codes::L121,
            Location::file(&file.path, 1, 1),
            format!(
                "relata.json says format `{}` version {}; this Relata reads `{FORMAT_NAME}` versions 1 to {FORMAT_VERSION}",
                parsed.format, parsed.version
            ),
        ));
        return;
    }
    registry.modules = parsed.modules;
    registry.enums = parsed.enums;
    registry.pins = parsed.pins;
    registry.kept = parsed.kept;
    registry.dbml = parsed.dbml;
    registry.mermaid = parsed.mermaid;
    // Columns by table and name, built only when some column has extras.
    let mut column_at: HashMap<(TableRef, String), usize> = HashMap::new();
    if parsed.tables.iter().any(|t| !t.columns.is_empty()) {
        for (i, signal) in registry.signals.iter().enumerate() {
            if let (Some(table), relata_model::RowType::Binding) = (&signal.table, signal.row_type) {
                column_at.insert((table.clone(), signal.column.clone()), i);
            }
        }
    }
    // Tables by name, built once: a search per extras entry made a load quadratic (a
    // 10,000-table workspace spent most of its load comparing names).
    // The first table of a name wins, as the search did.
    let mut table_at: HashMap<TableRef, usize> = HashMap::with_capacity(registry.tables.len());
    for (i, t) in registry.tables.iter().enumerate() {
        table_at.entry(t.table_ref()).or_insert(i);
    }
    for extras in parsed.tables {
        let wanted = TableRef::new(&extras.schema, &extras.table);
        match table_at.get(&wanted).map(|&i| &mut registry.tables[i]) {
            Some(table) => {
                table.unique_constraints = extras.unique_constraints;
                table.indexes = extras.indexes;
                table.color = extras.color;
                table.primary_key_name = extras.primary_key_name;
                table.checks = extras.checks;
                table.exclusions = extras.exclusions;
                table.partition_by = extras.partition_by;
                table.partition_of = extras.partition_of;
                table.view = extras.view;
                for column in extras.columns {
                    match column_at.get(&(wanted.clone(), column.column.clone())) {
                        Some(&at) => registry.signals[at].spec = column.spec(),
                        None => {
                            let (line, col) =
                                find_text(text, &format!("\"column\": \"{}\"", column.column)).unwrap_or((1, 1));
                            diagnostics.push(Diagnostic::error(
                                codes::L123,
                                Location::file(&file.path, line, col),
                                format!(
                                    "relata.json describes column {} of table {wanted}, which signal_registry.csv does not register",
                                    column.column
                                ),
                            ));
                        }
                    }
                }
            }
            None if named_tables.is_none_or(|named| named.contains(&wanted)) => {}
            None => {
                let (line, column) = find_text(text, &format!("\"table\": \"{}\"", extras.table)).unwrap_or((1, 1));
                diagnostics.push(Diagnostic::error(
                    codes::L122,
                    Location::file(&file.path, line, column),
                    format!("relata.json describes table {wanted}, which table_overview.csv does not register"),
                ));
            }
        }
    }
}

fn find_text(haystack: &str, needle: &str) -> Option<(u32, u32)> {
    let at = haystack.find(needle)?;
    let before = &haystack[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line as u32, column as u32))
}

/// One data row of a CSV file with what is needed to point at its fields; its values borrow
/// the reader's record, so reading a row allocates no string per field.
struct Row<'a, 'r> {
    file: &'a SourceFile,
    lines: &'a LineIndex,
    columns: &'static [Column],
    /// Byte offset where each field starts in the file.
    starts: Vec<usize>,
    /// Field values: `None` for NULL (empty).
    values: Vec<Option<&'r str>>,
}

impl Row<'_, '_> {
    /// The `schema_name.table_name` a row names, read from its raw fields.
    fn table_ref(&self) -> Option<TableRef> {
        let field = |name: &str| self.columns.iter().position(|c| c.name == name).and_then(|n| self.values[n]);
        Some(TableRef::new(field("schema_name")?, field("table_name")?))
    }

    /// The place of character `offset` of the (unescaped) value of field `column`.
    fn location(&self, column: usize, offset: usize) -> Location {
        let start = self.starts.get(column).copied().unwrap_or(self.starts[0]);
        let bytes = &self.file.bytes;
        // Walk the raw text: in a quoted field a doubled quote is one character of the value.
        let quoted = bytes.get(start) == Some(&b'"');
        let mut at = start + usize::from(quoted);
        for _ in 0..offset {
            if at >= bytes.len() {
                break;
            }
            at += if quoted && bytes[at] == b'"' { 2 } else { utf8_len(bytes[at]) };
        }
        let (line, col) = self.lines.position(bytes, at);
        Location::file(&self.file.path, line, col)
    }

    fn error(&self, column: usize, code: &'static str, message: String) -> Diagnostic {
        Diagnostic::error(code, self.location(column, 0), message)
    }

    fn report(&self, errors: Vec<FieldError>, diagnostics: &mut Vec<Diagnostic>) {
        for e in errors {
            let message = format!("{} (column `{}`)", e.message, self.columns[e.column].name);
            diagnostics.push(Diagnostic::error(e.code, self.location(e.column, e.offset), message));
        }
    }
}

/// Length of the UTF-8 sequence that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Reads the data rows of one registry CSV file, checking its header against `columns`, and
/// hands each to `each` as it is read. A row with a bad shape becomes a diagnostic and is
/// skipped; `false` when the file as a whole cannot be read (empty, a quote that never closes,
/// a wrong header).
fn read_rows<'a>(
    file: &'a SourceFile,
    lines: &'a LineIndex,
    columns: &'static [Column],
    diagnostics: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&Row<'a, '_>, &mut Vec<Diagnostic>),
) -> bool {
    let at = |offset: usize| {
        let (line, column) = lines.position(&file.bytes, offset);
        Location::file(&file.path, line, column)
    };
    // Excel's "CSV UTF-8" starts the file with a byte order mark; it is not part of the header.
    let bom = if file.bytes.starts_with(BOM) { BOM.len() } else { 0 };
    if file.bytes[bom..].iter().all(|b| b.is_ascii_whitespace()) {
        diagnostics.push(Diagnostic::error(codes::L117, at(0), format!("the file is empty; it needs at least the header row: {}", header_text(columns))));
        return false;
    }
    if let Some(offset) = unclosed_quote(&file.bytes[bom..]) {
        diagnostics.push(Diagnostic::error(codes::L102, at(bom + offset), "this quote is never closed, so the rest of the file would be one field; close it with `\"`"));
        return false;
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&file.bytes[bom..]);
    let mut record = csv::ByteRecord::new();
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize);
                diagnostics.push(Diagnostic::error(codes::L102, at(bom + offset), format!("cannot read CSV: {e}")));
                return false;
            }
        }
        // The csv reader places a record where the previous one stopped reading: on the `\n`
        // of a CRLF line end, or on the first of the blank lines before the record. Its first
        // field starts after them; no record starts with a line end (blank lines are skipped).
        let mut start = bom + record.position().map_or(0, |p| p.byte() as usize);
        while matches!(file.bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let starts = field_starts(&file.bytes, start);
        if first {
            first = false;
            if !check_header(&record, &starts, columns, &at, diagnostics) {
                return false;
            }
            continue;
        }
        if record.len() != columns.len() {
            let what = if record.len() < columns.len() { "short" } else { "long" };
            let place = if record.len() < columns.len() {
                // Point just past the last field the row has.
                let last = starts.last().copied().unwrap_or(start);
                let end = last + field_len(&file.bytes, last);
                at(end)
            } else {
                at(starts.get(columns.len()).copied().unwrap_or(start))
            };
            diagnostics.push(Diagnostic::error(
                codes::L106,
                place,
                format!(
                    "{what} row: {} fields where the header has {}; every row needs a field for each column (empty for NULL)",
                    record.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let mut values = Vec::with_capacity(columns.len());
        let mut bad = false;
        for (n, raw) in record.iter().enumerate() {
            match std::str::from_utf8(raw) {
                Ok("") => values.push(None),
                Ok(text) => values.push(Some(text)),
                Err(e) => {
                    bad = true;
                    let field_start = starts.get(n).copied().unwrap_or(start);
                    let quoted = usize::from(file.bytes.get(field_start) == Some(&b'"'));
                    diagnostics.push(Diagnostic::error(
                        codes::L101,
                        at(field_start + quoted + e.valid_up_to()),
                        format!("invalid UTF-8 in column `{}`; save the file as UTF-8", columns[n].name),
                    ));
                    values.push(None);
                }
            }
        }
        if !bad {
            each(&Row { file, lines, columns, starts, values }, diagnostics);
        }
    }
    true
}

fn header_text(columns: &[Column]) -> String {
    columns.iter().map(|c| c.name).collect::<Vec<_>>().join(",")
}

fn check_header(
    record: &csv::ByteRecord,
    starts: &[usize],
    columns: &[Column],
    at: &dyn Fn(usize) -> Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let names: Vec<String> = record.iter().map(|f| String::from_utf8_lossy(f).trim().to_owned()).collect();
    let before = diagnostics.len();
    for (n, name) in names.iter().enumerate() {
        if !columns.iter().any(|c| c.name == name) {
            diagnostics.push(Diagnostic::error(
                codes::L104,
                at(starts.get(n).copied().unwrap_or(0)),
                format!("unknown column `{name}` in the header; the columns are: {}", header_text(columns)),
            ));
        }
    }
    for (n, column) in columns.iter().enumerate() {
        if !names.iter().any(|name| name == column.name) {
            let after = n.checked_sub(1).map_or("at the start".to_owned(), |p| format!("after `{}`", columns[p].name));
            diagnostics.push(Diagnostic::error(
                codes::L103,
                at(starts.first().copied().unwrap_or(0)),
                format!("the header lacks column `{}` (expected {after})", column.name),
            ));
        }
    }
    if diagnostics.len() == before && names.iter().map(String::as_str).ne(columns.iter().map(|c| c.name)) {
        let n = names.iter().zip(columns).position(|(a, b)| a != b.name).unwrap_or(0);
        diagnostics.push(Diagnostic::error(
            codes::L105,
            at(starts.get(n).copied().unwrap_or(0)),
            format!(
                "column `{}` is out of place: `\\copy` maps columns by position, so the header must be in DDL order: {}",
                names[n],
                header_text(columns)
            ),
        ));
    }
    diagnostics.len() == before
}

/// Byte offsets where the fields of the record starting at `start` begin.
fn field_starts(bytes: &[u8], start: usize) -> Vec<usize> {
    let mut starts = vec![start];
    let mut i = start;
    loop {
        i += field_len(bytes, i);
        match bytes.get(i) {
            Some(b',') => {
                i += 1;
                starts.push(i);
            }
            _ => return starts,
        }
    }
}

/// Length in bytes of the raw field starting at `start` (quotes included).
fn field_len(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    if bytes.get(i) == Some(&b'"') {
        i += 1;
        while i < bytes.len() {
            if bytes[i] == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                i += 1;
                break;
            }
            i += 1;
        }
    }
    while let Some(&b) = bytes.get(i) {
        if b == b',' || b == b'\n' || b == b'\r' {
            break;
        }
        i += 1;
    }
    i - start
}

/// The offset of a quote that opens a field and never closes, if any.
fn unclosed_quote(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut field_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if field_start && b == b'"' {
            let open = i;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return Some(open),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            field_start = false;
            continue;
        }
        field_start = matches!(b, b',' | b'\n' | b'\r');
        i += 1;
    }
    None
}

/// The UTF-8 byte order mark that Excel's "CSV UTF-8" writes at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Line starts of a file, to turn byte offsets into 1-based line and character columns as
/// editors count them, whatever saved the file: a line ends at `\n`, `\r\n` (Excel on
/// Windows) or a lone `\r` (Excel for Mac), and a byte order mark, which editors do not
/// show, takes no column of line 1.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![if bytes.starts_with(BOM) { BOM.len() } else { 0 }];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Self { starts }
    }

    fn position(&self, bytes: &[u8], offset: usize) -> (u32, u32) {
        let (line, column) = self.locate(bytes, offset);
        (line as u32 + 1, column + 1)
    }

    /// The 0-based line and character column of `offset`.
    fn locate(&self, bytes: &[u8], offset: usize) -> (usize, u32) {
        let offset = self.clamp(bytes, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line, chars(&bytes[self.starts[line]..offset]))
    }

    /// `offset` inside the file; an offset inside the byte order mark is the start of line 1.
    fn clamp(&self, bytes: &[u8], offset: usize) -> usize {
        offset.clamp(self.starts[0], bytes.len())
    }
}

/// The characters of UTF-8 `bytes`: every byte but continuation bytes.
fn chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}
