//! Every bundled registry folder (`registries/<name>/`) loads into a real PostgreSQL 15 with the
//! registry DDL (`registries/ddl/`) exactly as the folder format promises (`\copy … FROM … WITH
//! (FORMAT csv, HEADER true)`, the files unchanged), and reads back as the same registry; and
//! the DDL's CHECK constraints are live in PostgreSQL and mirrored by Relata's loader.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::Path;
use std::time::{Duration, Instant};

use relata_codec::codes;
use relata_codec::folder::{
    self as format, FolderText, RELATA_FILE, RELATIONSHIP_REGISTRY_FILE, SIGNAL_REGISTRY_FILE,
    TABLE_OVERVIEW_FILE,
};
use relata_codec::rows::{self, Column, Kind};
use relata_model::{Location, Registry};

use crate::support::csv;
use relata_testkit::pg::PgCluster;
use relata_testkit::registries::{bundled as bundled_registries, create_registry_database, name_of};

/// One registry table: its name, its file in a registry folder and its columns in DDL order.
struct RegistryTable {
    table: &'static str,
    file: &'static str,
    columns: &'static [Column],
}

/// The three registry tables, in the order their DDL is applied and their files are loaded.
const TABLES: [RegistryTable; 3] = [
    RegistryTable { table: "table_overview", file: TABLE_OVERVIEW_FILE, columns: rows::TABLE_OVERVIEW },
    RegistryTable { table: "signal_registry", file: SIGNAL_REGISTRY_FILE, columns: rows::SIGNAL_REGISTRY },
    RegistryTable { table: "relationship_registry", file: RELATIONSHIP_REGISTRY_FILE, columns: rows::RELATIONSHIP_REGISTRY },
];

/// A database name for a registry folder: `reg_` plus the folder name as an identifier.
fn database_for(folder: &Path) -> String {
    let name: String =
        name_of(folder).chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    format!("reg_{name}")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A query that prints `table`'s rows in the registry folder's spelling. PostgreSQL's own text
/// output already is that spelling for UUIDs, integers, arrays and (with timezone UTC)
/// timestamps; booleans print as `t`/`f` in COPY, so they are cast to text (`true`/`false`).
/// JSONB prints with spaces and in PostgreSQL's key order: still JSON, which is all Relata's
/// loader needs.
fn select_in_folder_spelling(t: &RegistryTable) -> String {
    let list: Vec<String> = t
        .columns
        .iter()
        .map(|c| match c.kind {
            Kind::Bool => format!("{0}::text AS {0}", quote_ident(c.name)),
            _ => quote_ident(c.name),
        })
        .collect();
    format!("SELECT {} FROM {}", list.join(", "), t.table)
}

/// `registry` with its rows sorted by id: row order is not part of PostgreSQL's contract.
fn sorted_by_id(mut registry: Registry) -> Registry {
    registry.tables.sort_by_key(|t| t.id);
    registry.signals.sort_by_key(|s| s.id);
    registry.relationships.sort_by_key(|r| r.id);
    registry
}

/// Where two row lists (sorted the same way) first differ, if they do.
fn first_difference<T: PartialEq + Debug>(what: &str, expected: &[T], actual: &[T]) -> Option<String> {
    if expected.len() != actual.len() {
        return Some(format!("{what}: {} rows on disk, {} read back from PostgreSQL", expected.len(), actual.len()));
    }
    let n = expected.iter().zip(actual).position(|(a, b)| a != b)?;
    Some(format!("{what}: row {n} (by id) differs\n  on disk:         {:?}\n  from PostgreSQL: {:?}", expected[n], actual[n]))
}

/// Loads one registry folder into its own database of `pg` and reads it back; returns every
/// problem found (an empty list when the folder survives PostgreSQL unchanged).
fn load_and_read_back(pg: &PgCluster, folder: &Path) -> Vec<String> {
    let name = name_of(folder);
    let mut problems = Vec::new();
    let mut problem = |text: String| problems.push(format!("{name}: {text}"));

    let loaded = relata_store::folder::load(folder).unwrap_or_else(|e| panic!("cannot load {}: {e}", folder.display()));
    for d in &loaded.diagnostics {
        problem(format!("Relata's loader reports {d}"));
    }

    let db = database_for(folder);
    create_registry_database(pg, &db);
    let mut read_back = BTreeMap::new();
    for t in &TABLES {
        let path = folder.join(t.file);
        let bytes = read(&path);
        let text = String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", path.display()));

        // `\copy` maps CSV columns by position; the header names them. They must agree.
        let header = csv::records(&text).first().map(|r| r.fields.join(",")).unwrap_or_default();
        let columns = pg
            .psql(
                &db,
                &format!(
                    "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = '{}';",
                    t.table
                ),
            )
            .expect("information_schema is readable");
        if header != columns.trim_end() {
            problem(format!("{} header is `{header}` but the DDL's columns are `{}`", t.file, columns.trim_end()));
        }

        if let Err(e) = pg.copy_in(&db, t.table, &bytes) {
            problem(format!("PostgreSQL rejects {}: {}", path.display(), e.stderr.trim_end()));
            continue;
        }

        let count: usize = pg
            .psql(&db, &format!("SELECT count(*) FROM {};", t.table))
            .expect("count rows")
            .trim()
            .parse()
            .expect("count(*) is a number");
        let in_file = csv::data_rows(&text);
        if count != in_file {
            problem(format!("{}: PostgreSQL holds {count} rows, the file has {in_file}", t.file));
        }

        // Relata reads an empty field as "not set"; PostgreSQL reads a quoted empty field ("")
        // as an empty string. Both stores must hold the same thing, so no text is empty.
        let id = quote_ident(t.columns[0].name);
        let empties: Vec<String> = t
            .columns
            .iter()
            .filter(|c| c.kind == Kind::Text)
            .map(|c| format!("SELECT {id}::text || ' ' || '{0}' FROM {1} WHERE {2} = ''", c.name, t.table, quote_ident(c.name)))
            .collect();
        let empty = pg.psql(&db, &format!("{};", empties.join(" UNION ALL "))).expect("empty-string query runs");
        for line in empty.lines() {
            problem(format!("{}: row {line} is an empty string in PostgreSQL but NULL in Relata (write an empty field, not \"\")", t.file));
        }

        let out = pg
            .copy_out(&db, &select_in_folder_spelling(t))
            .unwrap_or_else(|e| panic!("cannot read {} back from PostgreSQL: {e}", t.table));
        read_back.insert(t.table, out);
    }
    if read_back.len() < TABLES.len() {
        return problems;
    }

    let relata_json = folder.join(RELATA_FILE);
    let text = FolderText {
        table_overview: read_back.remove("table_overview").expect("read back"),
        signal_registry: read_back.remove("signal_registry").expect("read back"),
        relationship_registry: read_back.remove("relationship_registry").expect("read back"),
        relata_json: relata_json
            .exists()
            .then(|| String::from_utf8(read(&relata_json)).expect("relata.json is UTF-8")),
    };
    let (from_pg, diagnostics) = format::parse(&text);
    for d in &diagnostics {
        problem(format!("what PostgreSQL printed does not load back into Relata: {d}"));
    }
    let expected = sorted_by_id(loaded.registry);
    let actual = sorted_by_id(from_pg);
    let differences = [
        first_difference("table_overview", &expected.tables, &actual.tables),
        first_difference("signal_registry", &expected.signals, &actual.signals),
        first_difference("relationship_registry", &expected.relationships, &actual.relationships),
        first_difference("modules", &expected.modules, &actual.modules),
        first_difference("enums", &expected.enums, &actual.enums),
        first_difference("pins", &expected.pins, &actual.pins),
    ];
    for d in differences.into_iter().flatten() {
        problem(d);
    }
    if problems.is_empty() {
        assert_eq!(expected, actual, "{name}: the registries compare equal row by row, so they are equal");
    }
    problems
}

fn seconds(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

#[test]
fn every_bundled_registry_folder_loads_into_postgresql_and_reads_back_unchanged() {
    let folders = bundled_registries();
    let started = Instant::now();
    let pg = PgCluster::start();
    let cluster_up = started.elapsed();
    let mut timings = Vec::new();
    let mut problems = Vec::new();
    for folder in &folders {
        let t0 = Instant::now();
        problems.extend(load_and_read_back(&pg, folder));
        timings.push(format!("{} {}", name_of(folder), seconds(t0.elapsed())));
    }
    drop(pg);
    eprintln!(
        "PostgreSQL round trip of {} registry folders: {} in all (cluster up in {}; {}; stop included)",
        folders.len(),
        seconds(started.elapsed()),
        seconds(cluster_up),
        timings.join(", ")
    );
    assert!(problems.is_empty(), "{} problem(s) loading the bundled registries into PostgreSQL:\n{}", problems.len(), problems.join("\n"));
}

/// One way to break one CHECK constraint of the registry DDL by editing one row.
struct Breakage {
    /// The constraint PostgreSQL must name.
    constraint: &'static str,
    table: &'static str,
    /// Which rows of the bundled file can be edited this way.
    eligible: fn(&Fields) -> bool,
    /// (column, new value); an empty value is NULL.
    edits: &'static [(&'static str, &'static str)],
    /// The diagnostic code Relata's loader reports at the row's line, if it checks this itself
    /// (the relationship CHECKs on column lists and deferral are the rules' business).
    relata_code: Option<&'static str>,
}

/// A CSV row's fields by column name.
type Fields = BTreeMap<&'static str, String>;

const BREAKAGES: &[Breakage] = &[
    Breakage {
        constraint: "to_status_chk",
        table: "table_overview",
        eligible: |_| true,
        edits: &[("status", "bogus")],
        relata_code: Some(codes::L108),
    },
    Breakage {
        constraint: "rr_on_delete_chk",
        table: "relationship_registry",
        eligible: |_| true,
        edits: &[("on_delete", "explode")],
        relata_code: Some(codes::L108),
    },
    Breakage {
        constraint: "rr_deferrable_logic_chk",
        table: "relationship_registry",
        eligible: |_| true,
        edits: &[("deferrable", "false"), ("initially_deferred", "true")],
        relata_code: None,
    },
    Breakage {
        constraint: "rr_composite_len_match_chk",
        table: "relationship_registry",
        eligible: |_| true,
        edits: &[("child_columns", "{tenant_id,parent_id}"), ("parent_columns", "{id}")],
        relata_code: None,
    },
    Breakage {
        constraint: "rr_columns_nonempty_chk",
        table: "relationship_registry",
        eligible: |_| true,
        edits: &[("child_columns", "{}"), ("parent_columns", "{}")],
        relata_code: None,
    },
    Breakage {
        constraint: "sr_binding_location_chk",
        table: "signal_registry",
        eligible: |row| row["row_type"] == "binding",
        edits: &[("ordinal_position", "")],
        relata_code: Some(codes::L116),
    },
];

fn table(name: &str) -> &'static RegistryTable {
    TABLES.iter().find(|t| t.table == name).expect("a registry table")
}

/// The data rows of a registry CSV text as (record index, line, fields by column name).
fn rows_of(t: &RegistryTable, text: &str) -> Vec<(usize, u32, Fields)> {
    csv::records(text)
        .into_iter()
        .enumerate()
        .skip(1)
        .map(|(n, r)| {
            assert_eq!(r.fields.len(), t.columns.len(), "{} line {} has {} fields", t.file, r.line, r.fields.len());
            (n, r.line, t.columns.iter().map(|c| c.name).zip(r.fields).collect())
        })
        .collect()
}

#[test]
fn postgresql_rejects_rows_that_break_the_registry_check_constraints() {
    let started = Instant::now();
    // The rows to break come from a bundled registry: the first with rows of every kind needed.
    let source = bundled_registries()
        .into_iter()
        .find(|folder| {
            BREAKAGES.iter().all(|b| {
                let t = table(b.table);
                let text = String::from_utf8(read(&folder.join(t.file))).expect("UTF-8");
                rows_of(t, &text).iter().any(|(_, _, fields)| (b.eligible)(fields))
            })
        })
        .expect("a bundled registry with a table, a binding and a relationship");
    let name = name_of(&source);

    let pg = PgCluster::start();
    let db = "check_constraints";
    create_registry_database(&pg, db);
    // Control: the unedited files load, so each rejection below is the edit's doing.
    for t in &TABLES {
        pg.copy_in(db, t.table, &read(&source.join(t.file)))
            .unwrap_or_else(|e| panic!("the unedited {name}/{} does not load: {e}", t.file));
    }
    pg.psql(db, "TRUNCATE table_overview, signal_registry, relationship_registry;").expect("truncate");

    let mut problems = Vec::new();
    for b in BREAKAGES {
        let t = table(b.table);
        let original = String::from_utf8(read(&source.join(t.file))).expect("UTF-8");
        let candidates: Vec<_> = rows_of(t, &original).into_iter().filter(|(_, _, f)| (b.eligible)(f)).collect();
        // A row from the middle of the file, so line numbers are tested somewhere non-trivial.
        let (index, line, mut fields) = candidates[candidates.len() / 2].clone();
        for (column, value) in b.edits {
            *fields.get_mut(column).expect("a registry column") = (*value).to_owned();
        }
        let values: Vec<String> = t.columns.iter().map(|c| fields[c.name].clone()).collect();
        let edited = csv::replace_record(&original, index, &values);
        let what = format!("{name}/{} line {line} with {:?}", t.file, b.edits);

        match pg.copy_in(db, t.table, edited.as_bytes()) {
            Ok(()) => {
                let why = if b.edits.iter().any(|(_, v)| *v == "{}") {
                    "array_length('{}', 1) is NULL, not 0, and a CHECK whose expression is NULL passes; \
                     cardinality(…) >= 1 would reject the row"
                } else {
                    "a CHECK whose expression is NULL passes"
                };
                problems.push(format!("PostgreSQL accepted {what}, which breaks {}: the CHECK is not live ({why})", b.constraint));
            }
            Err(e) if e.stderr.contains(&format!("violates check constraint \"{}\"", b.constraint)) => {}
            Err(e) => problems.push(format!("PostgreSQL rejected {what}, but not for {}: {}", b.constraint, e.stderr.trim_end())),
        }
        pg.psql(db, "TRUNCATE table_overview, signal_registry, relationship_registry;").expect("truncate");

        // Relata's loader, on the same folder with the same edit.
        let Some(code) = b.relata_code else { continue };
        let copy = tempfile::tempdir().expect("a temporary folder");
        for file in [TABLE_OVERVIEW_FILE, SIGNAL_REGISTRY_FILE, RELATIONSHIP_REGISTRY_FILE, RELATA_FILE] {
            let from = source.join(file);
            if from.exists() {
                std::fs::copy(&from, copy.path().join(file)).expect("copy a registry file");
            }
        }
        std::fs::write(copy.path().join(t.file), &edited).expect("write the edited file");
        let loaded = relata_store::folder::load(copy.path()).expect("the edited folder loads");
        let hit = loaded.diagnostics.iter().any(|d| {
            d.code == code && matches!(&d.location, Location::File { path, line: l, .. } if path.ends_with(t.file) && *l == line)
        });
        if !hit {
            let found: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
            problems.push(format!("Relata's loader does not report {code} at {what} ({}); it reports: {found:?}", b.constraint));
        }
    }
    drop(pg);
    eprintln!("CHECK constraint test against PostgreSQL: {}", seconds(started.elapsed()));
    assert!(problems.is_empty(), "{} CHECK constraint problem(s):\n{}", problems.len(), problems.join("\n"));
}
