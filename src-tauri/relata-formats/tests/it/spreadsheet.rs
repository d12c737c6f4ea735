//! Registry folders as spreadsheets save them: Excel's "CSV UTF-8" (a byte order mark, CRLF
//! line ends, `\n` inside a quoted cell), Excel for Mac (lone CR line ends), LibreOffice Calc
//! (`TRUE`/`FALSE`, every text cell quoted), a trailing empty line, numbers in quotes. Each
//! loads as the LF file Relata writes, and every diagnostic names the line and column it
//! names in that LF file.

use relata_codec::codes;
use relata_codec::folder::{self, FolderFiles, FolderText, SourceFile, SourceMap};
use relata_codec::rows;
use relata_model::{Diagnostic, Location, Named, Registry, RegistryKind};
use proptest::prelude::*;

use crate::{bundled, read_folder, registries_dir};

/// How a spreadsheet saves a CSV file, applied to a file Relata wrote.
#[derive(Clone, Copy, Debug)]
struct Save {
    /// What the case is called in failure messages.
    name: &'static str,
    /// A UTF-8 byte order mark in front.
    bom: bool,
    /// What ends a record. A line break inside a quoted cell stays `\n`, as Excel writes it.
    line_end: &'static str,
    /// One more line end after the last record.
    trailing_empty_line: bool,
}

const BOM: Save = Save { name: "BOM", bom: true, line_end: "\n", trailing_empty_line: false };
const CRLF: Save = Save { name: "CRLF", bom: false, line_end: "\r\n", trailing_empty_line: false };
const CR: Save = Save { name: "lone CR", bom: false, line_end: "\r", trailing_empty_line: false };
const TRAILING_EMPTY_LINE: Save = Save { name: "trailing empty line", bom: false, line_end: "\n", trailing_empty_line: true };
/// Excel's "CSV UTF-8 (Comma delimited)".
const EXCEL: Save = Save { name: "BOM + CRLF", bom: true, line_end: "\r\n", trailing_empty_line: false };
/// Every way of saving at once, with lone CRs as Excel for Mac ends lines.
const ALL_AT_ONCE: Save = Save { name: "BOM + lone CR + trailing empty line", bom: true, line_end: "\r", trailing_empty_line: true };

/// Every save the diagnostics are compared under.
const SAVES: [Save; 6] = [BOM, CRLF, CR, TRAILING_EMPTY_LINE, EXCEL, ALL_AT_ONCE];

/// `text` (a CSV file as Relata writes it) as `save` writes it.
fn saved(text: &str, save: Save) -> String {
    let mut out = String::with_capacity(text.len() * 11 / 10);
    if save.bom {
        out.push('\u{FEFF}');
    }
    // Only line ends outside quotes end records. As the csv crate reads it: a quote opens a
    // quoted field only at the start of a field (elsewhere it is a character), `""` inside is
    // a quote, and after the closing quote the field goes on unquoted.
    enum At {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut at = At::FieldStart;
    for c in text.chars() {
        if c == '\n' && !matches!(at, At::Quoted) {
            out.push_str(save.line_end);
        } else {
            out.push(c);
        }
        at = match (at, c) {
            (At::Quoted, '"') => At::QuoteInQuoted,
            (At::Quoted, _) | (At::QuoteInQuoted | At::FieldStart, '"') => At::Quoted,
            (_, ',' | '\n') => At::FieldStart,
            _ => At::Unquoted,
        };
    }
    if save.trailing_empty_line {
        out.push_str(save.line_end);
    }
    out
}

/// The folder with its three CSV files saved as `save` writes them; relata.json is Relata's
/// own file, which no spreadsheet opens.
fn saved_folder(text: &FolderText, save: Save) -> FolderText {
    FolderText {
        table_overview: saved(&text.table_overview, save),
        signal_registry: saved(&text.signal_registry, save),
        relationship_registry: saved(&text.relationship_registry, save),
        relata_json: text.relata_json.clone(),
    }
}

/// Reads folder texts the way the store reads a folder from disk.
fn read(text: &FolderText) -> (Registry, Vec<Diagnostic>, SourceMap) {
    let file = |path: &str, body: &str| Some(SourceFile { path: path.to_owned(), bytes: body.as_bytes().to_vec() });
    folder::parse_files_with_sources(&FolderFiles {
        dir: String::new(),
        table_overview: file(folder::TABLE_OVERVIEW_FILE, &text.table_overview),
        signal_registry: file(folder::SIGNAL_REGISTRY_FILE, &text.signal_registry),
        relationship_registry: file(folder::RELATIONSHIP_REGISTRY_FILE, &text.relationship_registry),
        relata_json: text.relata_json.as_deref().and_then(|body| file(folder::RELATA_FILE, body)),
    })
}

/// Asserts that `lf` saved as `save` reads to the same registry, the same diagnostics (code,
/// file, line, column and message) and the same place for every field of every entry.
fn assert_reads_as_lf(lf: &FolderText, save: Save, what: &str) {
    let (want_registry, want_diagnostics, want_sources) = read(lf);
    let (registry, diagnostics, sources) = read(&saved_folder(lf, save));
    assert_eq!(diagnostics, want_diagnostics, "{what}, saved with {}: the diagnostics differ from the LF file's", save.name);
    assert!(registry == want_registry, "{what}, saved with {}: the registry differs from the LF file's", save.name);
    assert!(sources == want_sources, "{what}, saved with {}: entries point at other places than in the LF file", save.name);
}

/// Every bundled registry saved as `save` loads without a diagnostic, as its LF files do.
fn every_bundled_registry_reads_as_lf(save: Save) {
    for dir in bundled() {
        let lf = read_folder(&dir);
        let (registry, diagnostics, _) = read(&lf);
        assert!(diagnostics.is_empty() && !registry.signals.is_empty(), "{}: {diagnostics:#?}", dir.display());
        assert_reads_as_lf(&lf, save, &dir.display().to_string());
    }
}

#[test]
fn byte_order_mark_loads_as_without() {
    every_bundled_registry_reads_as_lf(BOM);
}

#[test]
fn crlf_line_ends_load_as_lf() {
    every_bundled_registry_reads_as_lf(CRLF);
}

#[test]
fn lone_cr_line_ends_load_as_lf() {
    every_bundled_registry_reads_as_lf(CR);
}

#[test]
fn trailing_empty_line_loads_as_without() {
    every_bundled_registry_reads_as_lf(TRAILING_EMPTY_LINE);
    every_bundled_registry_reads_as_lf(Save { name: "CRLF + trailing empty line", line_end: "\r\n", ..TRAILING_EMPTY_LINE });
}

#[test]
fn excel_csv_utf8_loads_as_lf() {
    every_bundled_registry_reads_as_lf(EXCEL);
    every_bundled_registry_reads_as_lf(ALL_AT_ONCE);
}

/// `text` with every field of `column` in quotes, as a spreadsheet writes a number its cell
/// holds as text; the other fields are quoted only where they must be.
fn quote_column(text: &str, column: &str) -> String {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut out = String::new();
    let mut index = None;
    for record in reader.records() {
        let record = record.expect("a file Relata wrote is valid CSV");
        let n = *index.get_or_insert_with(|| record.iter().position(|f| f == column).expect("the column is in the header"));
        let fields: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if (i == n && !f.is_empty()) || f.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.to_owned()
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[test]
fn quoted_numbers_load_as_bare() {
    for dir in bundled() {
        let lf = read_folder(&dir);
        let quoted = FolderText {
            signal_registry: quote_column(&lf.signal_registry, "ordinal_position"),
            relationship_registry: quote_column(&lf.relationship_registry, "version"),
            ..lf.clone()
        };
        assert!(quoted.signal_registry.contains(",\"1\",") && quoted.relationship_registry.contains(",\"1\","), "{}: numbers are quoted", dir.display());
        let (want, _, _) = read(&lf);
        let (registry, diagnostics, _) = read(&quoted);
        assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", dir.display());
        assert!(registry == want, "{}: quoted numbers read differently from bare ones", dir.display());
    }
}

#[test]
fn numbers_libreoffice_quoted_load_as_bare() {
    let bundled = read_folder(&registries_dir().join("schema-template"));
    let calc = FolderText { signal_registry: libreoffice_file("signal_registry.ordinal-as-text.csv"), ..bundled.clone() };
    assert!(calc.signal_registry.contains(",\"1\",\"uuid\","), "Calc quoted the numbers");
    let (registry, diagnostics, _) = read(&calc);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert!(registry == read(&bundled).0, "Calc's quoted numbers read differently from bare ones");
}

#[test]
fn quoted_number_that_is_not_one_points_inside_its_quotes() {
    let lf = read_folder(&registries_dir().join("zellij"));
    let quoted = FolderText { signal_registry: quote_column(&lf.signal_registry, "ordinal_position").replacen(",\"2\",", ",\"two\",", 1), ..lf };
    let (_, diagnostics, _) = read(&quoted);
    let at = quoted.signal_registry.find("two\"").expect("the broken field");
    let line = quoted.signal_registry[..at].matches('\n').count() as u32 + 1;
    let column = quoted.signal_registry[..at].rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    let found: Vec<(&str, &Location)> = diagnostics.iter().map(|d| (d.code, &d.location)).collect();
    assert_eq!(found, [(codes::L111, &Location::file(folder::SIGNAL_REGISTRY_FILE, line, column))], "{diagnostics:#?}");
}

/// One error put into one line of a file of the zellij registry.
struct Injected {
    what: &'static str,
    file: &'static str,
    /// 1-based line of the LF file.
    line: usize,
    edit: fn(&str) -> String,
}

const INJECTED: &[Injected] = &[
    Injected { what: "unknown status", file: folder::TABLE_OVERVIEW_FILE, line: 6, edit: |l| l.replacen(",draft,", ",drafty,", 1) },
    Injected { what: "bad table prefix", file: folder::TABLE_OVERVIEW_FILE, line: 10, edit: |l| l.replacen(",,public,", ",Bad_,public,", 1) },
    Injected { what: "unclosed array in the key", file: folder::TABLE_OVERVIEW_FILE, line: 20, edit: |l| l.replacen(",{id},", ",{id,", 1) },
    Injected { what: "misspelt header column", file: folder::TABLE_OVERVIEW_FILE, line: 1, edit: |l| l.replacen("purpose,", "porpoise,", 1) },
    Injected { what: "not a boolean", file: folder::SIGNAL_REGISTRY_FILE, line: 40, edit: |l| set_field(l, 6, "maybe") },
    Injected { what: "short row", file: folder::SIGNAL_REGISTRY_FILE, line: 100, edit: |l| l.rsplit_once(',').expect("a field").0.to_owned() },
    Injected { what: "long row", file: folder::SIGNAL_REGISTRY_FILE, line: 170, edit: |l| format!("{l},EXTRA") },
    Injected { what: "header out of order", file: folder::SIGNAL_REGISTRY_FILE, line: 1, edit: |l| l.replacen("data_type,is_nullable", "is_nullable,data_type", 1) },
    Injected { what: "JSON error inside a quoted field", file: folder::RELATIONSHIP_REGISTRY_FILE, line: 10, edit: |l| l.replacen("\"\"joins\"\"}", "\"\"joins\"\",}", 1) },
    Injected { what: "unknown on_delete", file: folder::RELATIONSHIP_REGISTRY_FILE, line: 30, edit: |l| l.replacen(",restrict,restrict,", ",explode,restrict,", 1) },
    Injected { what: "not a boolean in the last row", file: folder::RELATIONSHIP_REGISTRY_FILE, line: 45, edit: |l| l.replacen(",btree,false,", ",btree,maybe,", 1) },
    Injected { what: "duplicate relationship id", file: folder::RELATIONSHIP_REGISTRY_FILE, line: 21, edit: |l| format!("81d117b7-9764-5a71-bab7-2b37270f40fe{}", &l[36..]) },
];

/// `line` (a row without quotes) with field `n` (0-based) set to `value`.
fn set_field(line: &str, n: usize, value: &str) -> String {
    assert!(!line.contains('"'), "a row without quoted fields: {line}");
    let mut fields: Vec<&str> = line.split(',').collect();
    fields[n] = value;
    fields.join(",")
}

fn file_text<'a>(folder: &'a mut FolderText, file: &str) -> &'a mut String {
    match file {
        folder::TABLE_OVERVIEW_FILE => &mut folder.table_overview,
        folder::SIGNAL_REGISTRY_FILE => &mut folder.signal_registry,
        _ => &mut folder.relationship_registry,
    }
}

/// `text` with line `line` (1-based) changed by `edit`.
fn edit_line(text: &str, line: usize, edit: fn(&str) -> String) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let changed = edit(&lines[line - 1]);
    assert_ne!(changed, lines[line - 1], "the edit changes line {line}");
    lines[line - 1] = changed;
    lines.join("\n")
}

#[test]
fn diagnostics_of_a_spreadsheet_save_are_where_the_lf_file_has_them() {
    let base = read_folder(&registries_dir().join("zellij"));
    for injected in INJECTED {
        let mut lf = base.clone();
        let text = file_text(&mut lf, injected.file);
        *text = edit_line(text, injected.line, injected.edit);
        let (_, diagnostics, _) = read(&lf);
        // The LF file's own diagnostics are right (tests/it/broken_input.rs); here they must
        // at least name the broken line, so the comparison below compares something.
        assert!(
            diagnostics.iter().any(|d| matches!(&d.location, Location::File { path, line, .. } if path == injected.file && *line as usize == injected.line)),
            "{}: no diagnostic on {}:{}: {diagnostics:#?}",
            injected.what,
            injected.file,
            injected.line
        );
        for save in SAVES {
            assert_reads_as_lf(&lf, save, injected.what);
        }
    }
}

#[test]
fn crlf_diagnostics_named_the_end_of_the_line_before() {
    // The issue's case: the csv reader starts a record on the `\n` of the CRLF before it, so
    // every diagnostic of a CRLF file named the end of the previous line (5:702 for 6:43).
    let mut lf = read_folder(&registries_dir().join("metastore"));
    lf.table_overview = edit_line(&lf.table_overview, 6, |l| l.replacen(",tags,,public,", ",tags,Tags,public,", 1));
    for text in [lf.clone(), saved_folder(&lf, CRLF)] {
        let (_, diagnostics, _) = read(&text);
        let found: Vec<(&str, String)> = diagnostics.iter().map(|d| (d.code, d.location.to_string())).collect();
        assert_eq!(found, [(codes::L116, "table_overview.csv:6:43".to_owned())], "{diagnostics:#?}");
    }
}

#[test]
fn blank_line_between_rows_moved_diagnostics_to_the_line_before() {
    // The same cause in an LF file: a record after blank lines started on the first of them.
    let mut lf = read_folder(&registries_dir().join("metastore"));
    lf.table_overview = edit_line(&lf.table_overview, 6, |l| format!("\n\n{}", l.replacen(",tags,,public,", ",tags,Tags,public,", 1)));
    let (_, diagnostics, _) = read(&lf);
    let found: Vec<(&str, String)> = diagnostics.iter().map(|d| (d.code, d.location.to_string())).collect();
    assert_eq!(found, [(codes::L116, "table_overview.csv:8:43".to_owned())], "{diagnostics:#?}");
}

#[test]
fn byte_order_mark_moved_header_diagnostics_one_column_right() {
    // The mark is three bytes and one character that no editor shows: line 1 starts after it.
    let mut lf = read_folder(&registries_dir().join("zellij"));
    lf.signal_registry = edit_line(&lf.signal_registry, 1, |l| l.replacen("signal_id,", "signal_ident,", 1));
    let (_, diagnostics, _) = read(&saved_folder(&lf, BOM));
    let unknown = diagnostics.iter().find(|d| d.code == codes::L104).expect("an unknown column");
    assert_eq!(unknown.location.to_string(), "signal_registry.csv:1:1", "{diagnostics:#?}");
}

#[test]
fn lone_cr_line_ends_put_every_diagnostic_on_line_one() {
    // Lines were counted at `\n` only, so a file Excel for Mac saved was one long line.
    let mut lf = read_folder(&registries_dir().join("metastore"));
    lf.table_overview = edit_line(&lf.table_overview, 6, |l| l.replacen(",tags,,public,", ",tags,Tags,public,", 1));
    let (_, diagnostics, _) = read(&saved_folder(&lf, CR));
    let found: Vec<String> = diagnostics.iter().map(|d| d.location.to_string()).collect();
    assert_eq!(found, ["table_overview.csv:6:43"], "{diagnostics:#?}");
}

#[test]
fn line_break_inside_a_cell_stays_lf_in_a_crlf_file() {
    // Excel ends records with CRLF but a line break typed in a cell (Alt+Enter) with `\n`
    // alone; the value keeps its `\n`, and the rows after it keep their lines.
    let mut lf = read_folder(&registries_dir().join("zellij"));
    lf.table_overview = edit_line(&lf.table_overview, 3, |l| l.replacen(",Central entity for organizing semantic patterns.,", ",\"Central entity\nfor organizing\nsemantic patterns.\",", 1));
    lf.table_overview = edit_line(&lf.table_overview, 12, |l| l.replacen(",draft,", ",drafty,", 1));
    let (registry, diagnostics, _) = read(&lf);
    let purpose = registry.tables.iter().find(|t| t.name == "projects").and_then(|t| t.purpose.as_deref());
    assert_eq!(purpose, Some("Central entity\nfor organizing\nsemantic patterns."));
    // Line 12 counts the two line breaks inside the cell, as an editor shows them.
    let found: Vec<(&str, u32)> = diagnostics.iter().filter_map(|d| match &d.location { Location::File { line, .. } => Some((d.code, *line)), _ => None }).collect();
    assert_eq!(found, [(codes::L108, 12)], "{diagnostics:#?}");
    for save in SAVES {
        assert_reads_as_lf(&lf, save, "a multi-line purpose");
    }
}

/// A file of `tests/data/folder/libreoffice/` (see its README): files LibreOffice Calc saved.
fn libreoffice_file(name: &str) -> String {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/folder/libreoffice").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The LibreOffice fixture (`tests/data/folder/libreoffice/`, see its README) with the
/// bundled registry's relata.json, which Calc never opens.
fn libreoffice_folder() -> FolderText {
    FolderText {
        table_overview: libreoffice_file(folder::TABLE_OVERVIEW_FILE),
        signal_registry: libreoffice_file(folder::SIGNAL_REGISTRY_FILE),
        relationship_registry: libreoffice_file(folder::RELATIONSHIP_REGISTRY_FILE),
        relata_json: read_folder(&registries_dir().join("schema-template")).relata_json,
    }
}

#[test]
fn folder_saved_by_libreoffice_loads_as_the_bundled_one() {
    let bundled = read(&read_folder(&registries_dir().join("schema-template"))).0;
    let calc = libreoffice_folder();
    assert!(calc.signal_registry.contains(",FALSE,") && calc.relationship_registry.contains(",TRUE,"), "Calc wrote its booleans");
    // Calc also read a `column_default` of `false` as a boolean and wrote it `FALSE`: the same
    // SQL, and the reader keeps what the file says.
    let mut expected = bundled.clone();
    for signal in &mut expected.signals {
        if let Some(default @ ("true" | "false")) = signal.default.as_deref() {
            signal.default = Some(default.to_uppercase());
        }
    }
    assert_ne!(expected, bundled, "the fixture has a boolean default");
    for save in [None, Some(EXCEL)] {
        let text = save.map_or_else(|| calc.clone(), |save| saved_folder(&calc, save));
        let (registry, diagnostics, _) = read(&text);
        assert!(diagnostics.is_empty(), "{save:?}: {diagnostics:#?}");
        assert!(registry == expected, "{save:?}: the Calc-saved folder reads differently from the bundled one");
    }
}

/// Boolean spellings and what PostgreSQL's `boolin` makes of them (`None`: it refuses them).
/// The registry's own is `true`/`false`; spreadsheets write `TRUE`/`FALSE`.
pub const BOOLEANS: &[(&str, Option<bool>)] = &[
    ("true", Some(true)),
    ("TRUE", Some(true)),
    ("True", Some(true)),
    ("t", Some(true)),
    ("tru", Some(true)),
    ("yes", Some(true)),
    ("Y", Some(true)),
    ("on", Some(true)),
    ("1", Some(true)),
    (" true ", Some(true)),
    ("false", Some(false)),
    ("FALSE", Some(false)),
    ("f", Some(false)),
    ("fal", Some(false)),
    ("no", Some(false)),
    ("N", Some(false)),
    ("off", Some(false)),
    ("OF", Some(false)),
    ("0", Some(false)),
    ("\tFALSE", Some(false)),
    ("o", None),
    ("truth", None),
    ("yess", None),
    ("2", None),
    ("01", None),
    ("t rue", None),
    ("nope", None),
    ("vrai", None),
];

#[test]
fn booleans_load_as_postgresql_reads_them() {
    let registry = read(&read_folder(&registries_dir().join("zellij"))).0;
    let is_nullable = rows::SIGNAL_REGISTRY.iter().position(|c| c.name == "is_nullable").expect("the column");
    for (spelling, value) in BOOLEANS {
        for signal in &registry.signals[..2] {
            let mut fields = rows::encode_signal(signal);
            fields[is_nullable] = Some((*spelling).to_owned());
            let fields: Vec<Option<&str>> = fields.iter().map(Option::as_deref).collect();
            match (rows::decode_signal(&fields), value) {
                (Ok(read), Some(value)) => assert_eq!(read.nullable, *value, "{spelling:?}"),
                (Err(errors), None) => assert_eq!(errors.iter().map(|e| e.code).collect::<Vec<_>>(), [codes::L110], "{spelling:?}"),
                (result, _) => panic!("{spelling:?} reads as {result:?}; PostgreSQL reads it as {value:?}"),
            }
        }
    }
}

/// Integer spellings and what PostgreSQL's `int4in` makes of them (`None`: it refuses them).
pub const INTEGERS: &[(&str, Option<i32>)] = &[
    ("1", Some(1)),
    ("+2", Some(2)),
    (" 3 ", Some(3)),
    ("\t4\r", Some(4)),
    ("-5", Some(-5)),
    ("1.0", None),
    ("1e3", None),
    ("1 000", None),
    ("one", None),
    ("2147483648", None),
];

#[test]
fn integers_load_as_postgresql_reads_them() {
    let registry = read(&read_folder(&registries_dir().join("zellij"))).0;
    let version = rows::RELATIONSHIP_REGISTRY.iter().position(|c| c.name == "version").expect("the column");
    for (spelling, value) in INTEGERS {
        let mut fields = rows::encode_relationship(&registry.relationships[0]);
        fields[version] = Some((*spelling).to_owned());
        let fields: Vec<Option<&str>> = fields.iter().map(Option::as_deref).collect();
        match (rows::decode_relationship(&fields), value) {
            (Ok(read), Some(value)) => assert_eq!(read.version, *value, "{spelling:?}"),
            (Err(errors), None) => assert_eq!(errors.iter().map(|e| e.code).collect::<Vec<_>>(), [codes::L111], "{spelling:?}"),
            (result, _) => panic!("{spelling:?} reads as {result:?}; PostgreSQL reads it as {value:?}"),
        }
    }
}

#[test]
fn boolean_and_integer_spellings_are_what_postgresql_reads() {
    // The two tables above, checked by the reference: the folder's files are `\copy`'s input.
    let pg = relata_testkit::pg::PgCluster::start();
    let verdict = |sql: String| pg.psql("postgres", &sql).ok().map(|out| out.trim().to_owned());
    for (spelling, value) in BOOLEANS {
        let read = verdict(format!("SELECT $v${spelling}$v$::boolean;"));
        assert_eq!(read, value.map(|b| if b { "t" } else { "f" }.to_owned()), "PostgreSQL on boolean {spelling:?}");
    }
    for (spelling, value) in INTEGERS {
        let read = verdict(format!("SELECT $v${spelling}$v$::integer;"));
        assert_eq!(read, value.map(|n| n.to_string()), "PostgreSQL on integer {spelling:?}");
    }
}

/// Where the value of each field of each data row starts (1-based line and character column),
/// found by walking `text` character by character: a second way to count than the reader's.
fn value_starts(text: &str) -> Vec<Vec<(u32, u32)>> {
    let mut rows = vec![Vec::new()];
    let (mut line, mut column) = (1, 1);
    let (mut quoted, mut field_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A line end where a row would start is an empty line, not a field.
        let empty_line = rows.last().is_some_and(Vec::is_empty) && matches!(c, '\r' | '\n');
        if field_start && !empty_line {
            field_start = false;
            rows.last_mut().expect("a row").push(if c == '"' { (line, column + 1) } else { (line, column) });
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field_start = true,
            '\r' | '\n' if !quoted => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                rows.push(Vec::new());
                field_start = true;
            }
            _ => {}
        }
        // Editors end a line at `\n`, `\r\n` or a lone `\r`; the `\n` of a CRLF that ends a
        // row was taken above, and a `\r` before a `\n` in a cell is no character.
        if c == '\n' || (c == '\r' && (!quoted || chars.peek() != Some(&'\n'))) {
            (line, column) = (line + 1, 1);
        } else if c != '\r' {
            column += 1;
        }
    }
    rows.retain(|r| !r.is_empty());
    rows.remove(0); // the header
    rows
}

/// One registry file of a folder and the keys of its entries, in row order.
struct RegistryFile<'a> {
    file: &'static str,
    body: &'a str,
    kind: RegistryKind,
    columns: &'static [rows::Column],
    keys: Vec<Named>,
}

#[test]
fn entries_point_at_the_first_character_of_each_field() {
    let mut lf = read_folder(&registries_dir().join("zellij"));
    // A cell with a comma, line breaks and characters of several bytes, so places are counted
    // in characters and across the lines of one row.
    lf.table_overview = lf.table_overview.replacen(",Central entity for organizing semantic patterns.,", ",\"Zentrale Entität, für\nMuster – „Felder“\",", 1);
    for save in [None, Some(EXCEL), Some(ALL_AT_ONCE)] {
        let text = save.map_or_else(|| lf.clone(), |save| saved_folder(&lf, save));
        let (registry, diagnostics, sources) = read(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        let files = [
            RegistryFile { file: folder::TABLE_OVERVIEW_FILE, body: &text.table_overview, kind: RegistryKind::TableOverview, columns: rows::TABLE_OVERVIEW, keys: registry.tables.iter().map(|t| Named::table(t.id, &t.table_ref())).collect() },
            RegistryFile { file: folder::SIGNAL_REGISTRY_FILE, body: &text.signal_registry, kind: RegistryKind::SignalRegistry, columns: rows::SIGNAL_REGISTRY, keys: registry.signals.iter().map(Named::signal).collect() },
            RegistryFile { file: folder::RELATIONSHIP_REGISTRY_FILE, body: &text.relationship_registry, kind: RegistryKind::RelationshipRegistry, columns: rows::RELATIONSHIP_REGISTRY, keys: registry.relationships.iter().map(Named::relationship).collect() },
        ];
        for RegistryFile { file, body, kind, columns, keys } in files {
            let starts = value_starts(body.trim_start_matches('\u{FEFF}'));
            assert_eq!(starts.len(), keys.len(), "{save:?} {file}: one row per entry");
            for (key, row) in keys.iter().zip(&starts) {
                for (column, &(line, col)) in columns.iter().zip(row) {
                    let place = sources.resolve(&Location::entry(kind, key, Some(column.name)));
                    assert_eq!(place, Some(Location::file(file, line, col)), "{save:?}: {key}.{}", column.name);
                }
            }
        }
    }
}

#[test]
fn folder_saved_by_a_spreadsheet_copies_into_postgresql_as_relata_reads_it() {
    // The folder's promise is that `\copy … CSV HEADER` loads its files unchanged; the reader
    // must agree with it on what a spreadsheet's file says. The Calc-saved folder, also as
    // Excel would hold it, loads into the registry DDL, and what PostgreSQL then holds, copied
    // out in the folder's spelling, reads as the registry Relata read from the same files.
    // PostgreSQL reads an empty line as a row of one NULL field and refuses it (a trailing
    // empty line is checked below), so every save but that one.
    let saves = [BOM, CRLF, CR, EXCEL, Save { trailing_empty_line: false, ..ALL_AT_ONCE }];
    let pg = relata_testkit::pg::PgCluster::start();
    let ddl_dir = registries_dir().join("ddl");
    for (n, save) in [None].into_iter().chain(saves.map(Some)).enumerate() {
        let text = save.map_or_else(libreoffice_folder, |save| saved_folder(&libreoffice_folder(), save));
        let (registry, diagnostics, _) = read(&text);
        assert!(diagnostics.is_empty(), "{save:?}: {diagnostics:#?}");
        let db = format!("sheet_{n}");
        pg.create_database(&db);
        for (table, _) in crate::sql_pg::REGISTRY_TABLES {
            let ddl = std::fs::read_to_string(ddl_dir.join(format!("{table}.sql"))).expect("the registry DDL");
            pg.psql(&db, &ddl).unwrap_or_else(|e| panic!("the registry DDL of {table}: {e}"));
            let file = pg.socket_dir().join(format!("{db}-{table}.csv"));
            let body = match table {
                "table_overview" => &text.table_overview,
                "signal_registry" => &text.signal_registry,
                _ => &text.relationship_registry,
            };
            std::fs::write(&file, body).expect("a file beside the cluster");
            let copy = format!("\\copy {table} FROM '{}' WITH (FORMAT csv, HEADER true)\n", file.display());
            pg.psql(&db, &copy).unwrap_or_else(|e| panic!("{save:?}: PostgreSQL refuses {table}: {e}"));
        }
        let copied = |table: &str, columns: &[rows::Column]| {
            pg.copy_out(&db, &crate::sql_pg::select_in_folder_spelling(table, columns)).expect("COPY out runs")
        };
        let held = FolderText {
            table_overview: copied("table_overview", rows::TABLE_OVERVIEW),
            signal_registry: copied("signal_registry", rows::SIGNAL_REGISTRY),
            relationship_registry: copied("relationship_registry", rows::RELATIONSHIP_REGISTRY),
            relata_json: text.relata_json.clone(),
        };
        let (back, diagnostics, _) = read(&held);
        assert!(diagnostics.is_empty(), "{save:?}: {diagnostics:#?}");
        let (relata, postgres) = (crate::sql_pg::sorted_by_id(registry), crate::sql_pg::sorted_by_id(back));
        assert!(relata.tables == postgres.tables, "{save:?}: table_overview");
        assert!(relata.signals == postgres.signals, "{save:?}: signal_registry");
        assert!(relata.relationships == postgres.relationships, "{save:?}: relationship_registry");
    }
    // Relata reads past an empty line at the end, which `\copy` refuses: docs/registry-folder.md
    // says so, and Relata's next save drops the line.
    let file = pg.socket_dir().join("trailing-empty-line.csv");
    std::fs::write(&file, saved(&libreoffice_folder().table_overview, TRAILING_EMPTY_LINE)).expect("a file beside the cluster");
    pg.create_database("sheet_empty_line");
    let ddl = std::fs::read_to_string(ddl_dir.join("table_overview.sql")).expect("the registry DDL");
    pg.psql("sheet_empty_line", &ddl).unwrap_or_else(|e| panic!("the registry DDL of table_overview: {e}"));
    let refused = pg.psql("sheet_empty_line", &format!("\\copy table_overview FROM '{}' WITH (FORMAT csv, HEADER true)\n", file.display()));
    let error = refused.expect_err("PostgreSQL refuses an empty line");
    assert!(error.stderr.contains("missing data for column"), "{}", error.stderr);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Up to four random edits of each CSV file of a bundled registry (quotes, commas, line
    /// breaks, braces put in, runs deleted or repeated): whatever breaks, the file saved as
    /// Excel or Excel for Mac saves it gives the LF file's diagnostics, registry and places.
    #[test]
    fn broken_files_saved_by_a_spreadsheet_read_as_the_lf_files(
        tables in proptest::collection::vec(crate::mutate::mutation(SIGNIFICANT), 0..4),
        signals in proptest::collection::vec(crate::mutate::mutation(SIGNIFICANT), 0..4),
        relationships in proptest::collection::vec(crate::mutate::mutation(SIGNIFICANT), 0..4),
    ) {
        let mut lf = read_folder(&registries_dir().join("schema-template"));
        for (text, edits) in [(&mut lf.table_overview, &tables), (&mut lf.signal_registry, &signals), (&mut lf.relationship_registry, &relationships)] {
            for edit in edits {
                *text = crate::mutate::apply(text, edit);
            }
        }
        for save in [EXCEL, ALL_AT_ONCE] {
            assert_reads_as_lf(&lf, save, "edited files");
        }
    }
}

/// What the random edits put into a CSV file: what means something in it or in its fields.
const SIGNIFICANT: &[char] = &[',', '"', '\n', '{', '}', 'x', ' ', 'é'];

