//! Broken registry folders: every problem is a diagnostic with a code and the exact file,
//! line and column, printed the way compilers print them. Each case breaks one thing in a
//! bundled registry; the expected place is found independently, by searching for the
//! broken text.

use relata_codec::codes;
use relata_codec::folder::{self, FolderText};
use relata_model::{Diagnostic, Location};

use crate::{read_folder, registries_dir};

#[derive(Clone, Copy)]
enum File {
    Tables,
    Signals,
    Relationships,
    Relata,
}

impl File {
    fn name(self) -> &'static str {
        match self {
            File::Tables => "table_overview.csv",
            File::Signals => "signal_registry.csv",
            File::Relationships => "relationship_registry.csv",
            File::Relata => "relata.json",
        }
    }

    fn text(self, folder: &mut FolderText) -> &mut String {
        match self {
            File::Tables => &mut folder.table_overview,
            File::Signals => &mut folder.signal_registry,
            File::Relationships => &mut folder.relationship_registry,
            File::Relata => folder.relata_json.as_mut().expect("relata.json"),
        }
    }
}

fn base() -> FolderText {
    read_folder(&registries_dir().join("schema-template"))
}

/// 1-based line and character column of the first `marker` in `text`.
fn place_of(text: &str, marker: &str) -> (u32, u32) {
    let at = text.find(marker).unwrap_or_else(|| panic!("marker {marker:?} not in the broken text"));
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
    (line, column)
}

/// Breaks `file` with `edit`, parses, and asserts exactly one diagnostic with `code` whose
/// place is where `marker` is (shifted by `shift` characters) in the broken text.
fn case(file: File, edit: impl FnOnce(&str) -> String, code: &str, marker: &str, shift: i32) -> Diagnostic {
    let mut folder = base();
    let broken = edit(file.text(&mut folder));
    assert_ne!(&broken, file.text(&mut folder), "the edit for {code} changed nothing");
    *file.text(&mut folder) = broken.clone();
    let (_, diagnostics) = folder::parse(&folder);
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{code}: expected one error, got {diagnostics:#?}");
    let d = errors[0].clone();
    assert_eq!(d.code, code, "{d}");
    let (line, column) = place_of(&broken, marker);
    let expected = Location::file(file.name(), line, (column as i32 + shift) as u32);
    assert_eq!(d.location, expected, "{d}");
    // Printed as editors expect: path:line:column: error[CODE]: message
    let printed = d.to_string();
    assert!(printed.starts_with(&format!("{}:{line}:{}: error[{code}]: ", file.name(), (column as i32 + shift))), "{printed}");
    d
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not found");
    text.replacen(from, to, 1)
}

#[test]
fn unknown_status_names_the_vocabulary() {
    let d = case(File::Tables, |t| replace_once(t, ",draft,Top-level", ",drafty,Top-level"), codes::L108, "drafty", 0);
    assert!(d.message.contains("experimental") && d.message.contains("`drafty`"), "{}", d.message);
}

#[test]
fn missing_header_column() {
    let d = case(File::Tables, |t| replace_once(t, "purpose,", ""), codes::L103, "table_id", 0);
    assert!(d.message.contains("`purpose`"), "{}", d.message);
}

#[test]
fn misspelt_header_column_is_unknown_and_missing() {
    let mut folder = base();
    folder.table_overview = replace_once(&folder.table_overview, "purpose,", "porpoise,");
    let (registry, diagnostics) = folder::parse(&folder);
    let found: Vec<(&str, String)> = diagnostics.iter().map(|d| (d.code, d.location.to_string())).collect();
    let (line, column) = place_of(&folder.table_overview, "porpoise");
    assert_eq!(
        found,
        [(codes::L104, format!("table_overview.csv:{line}:{column}")), (codes::L103, "table_overview.csv:1:1".to_owned())],
        "{diagnostics:#?}"
    );
    assert!(registry.tables.is_empty(), "a file with a broken header gives no rows");
}

#[test]
fn header_out_of_ddl_order() {
    let d = case(File::Signals, |t| replace_once(t, "data_type,is_nullable", "is_nullable,data_type"), codes::L105, "is_nullable,data_type", 0);
    assert!(d.message.contains("\\copy"), "{}", d.message);
}

#[test]
fn short_row_points_past_its_last_field() {
    // Drop the last field (updated_at) of the first signal row.
    case(
        File::Signals,
        |t| replace_once(t, "Tenant identifier,2026-11-22 00:00:00+00,2026-11-22 00:00:00+00", "Tenant identifier,2026-11-22 00:00:00+00"),
        codes::L106,
        "Tenant identifier,2026-11-22 00:00:00+00\n",
        "Tenant identifier,2026-11-22 00:00:00+00".len() as i32,
    );
}

#[test]
fn long_row_points_at_the_extra_field() {
    case(File::Signals, |t| replace_once(t, "Tenant identifier,2026-11-22 00:00:00+00,2026-11-22 00:00:00+00", "Tenant identifier,2026-11-22 00:00:00+00,2026-11-22 00:00:00+00,EXTRA"), codes::L106, "EXTRA", 0);
}

#[test]
fn bad_utf8_points_at_the_byte() {
    let mut folder = base();
    let mut bytes = folder.table_overview.clone().into_bytes();
    let at = folder.table_overview.find("System users").unwrap() + "System ".len();
    bytes.insert(at, 0xFF);
    let files = relata_codec::folder::FolderFiles {
        dir: String::new(),
        table_overview: Some(relata_codec::folder::SourceFile { path: "table_overview.csv".into(), bytes }),
        signal_registry: Some(relata_codec::folder::SourceFile { path: "signal_registry.csv".into(), bytes: std::mem::take(&mut folder.signal_registry).into_bytes() }),
        relationship_registry: Some(relata_codec::folder::SourceFile { path: "relationship_registry.csv".into(), bytes: std::mem::take(&mut folder.relationship_registry).into_bytes() }),
        relata_json: None,
    };
    let (_, diagnostics) = folder::parse_files(&files);
    let (line, column) = place_of(&folder.table_overview, "System users");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].code, codes::L101);
    assert_eq!(diagnostics[0].location, Location::file("table_overview.csv", line, column + "System ".len() as u32));
    assert!(diagnostics[0].message.contains("`purpose`"), "{}", diagnostics[0].message);
}

#[test]
fn unclosed_array_literal_points_inside_the_field() {
    // `{id` never closes: the error is where the `}` should be.
    case(File::Tables, |t| replace_once(t, ",{id},postgres,schema_template,,\"Status draft", ",{id,postgres,schema_template,,\"Status draft"), codes::L113, "{id,postgres", 3);
}

#[test]
fn quote_that_never_closes() {
    case(File::Relationships, |t| {
        // Remove every quote after the first quoted notes field opens.
        let at = t.find(",\"ER diagram").unwrap() + 1;
        format!("{}{}", &t[..=at], t[at + 1..].replace('"', ""))
    }, codes::L102, "\"ER diagram", 0);
}

#[test]
fn invalid_uuid() {
    case(File::Tables, |t| replace_once(t, "98f909bb-6aa6-5d9f-9fd8-b3647b66fb5e", "98f909bb-not-a-uuid"), codes::L109, "98f909bb-not", 0);
}

#[test]
fn upper_case_uuid_is_not_canonical() {
    case(File::Tables, |t| replace_once(t, "98f909bb-6aa6-5d9f-9fd8-b3647b66fb5e", "98F909BB-6AA6-5D9F-9FD8-B3647B66FB5E"), codes::L109, "98F909BB", 0);
}

#[test]
fn invalid_boolean() {
    case(File::Signals, |t| replace_once(t, "1,uuid,false,gen_random_uuid()", "1,uuid,nope,gen_random_uuid()"), codes::L110, "nope", 0);
}

#[test]
fn invalid_integer() {
    case(File::Signals, |t| replace_once(t, "tenants,id,1,uuid", "tenants,id,one,uuid"), codes::L111, "one,uuid", 0);
}

#[test]
fn non_positive_ordinal_breaks_the_check() {
    case(File::Signals, |t| replace_once(t, "tenants,id,1,uuid", "tenants,id,0,uuid"), codes::L116, "0,uuid", 0);
}

#[test]
fn binding_without_ordinal_breaks_the_check() {
    case(File::Signals, |t| replace_once(t, "tenants,id,1,uuid", "tenants,id,,uuid"), codes::L116, ",uuid,false,gen", 0);
}

#[test]
fn invalid_timestamp() {
    case(File::Tables, |t| replace_once(t, ",2026-11-22 00:00:00+00,2026", ",2026-11-22T00:00:00Z,2026"), codes::L112, "2026-11-22T00", 0);
}

#[test]
fn invalid_json_points_at_the_json_error() {
    // `{"a":}`: serde_json stops at the `}`, which in the raw CSV comes after doubled quotes.
    case(File::Relationships, |t| replace_once(t, ",false,{},\"ER diagram", ",false,\"{\"\"a\"\":}\",\"ER diagram"), codes::L114, ":}\"", 1);
}

#[test]
fn json_that_is_not_an_object() {
    case(File::Relationships, |t| replace_once(t, ",false,{},\"ER diagram", ",false,[1],\"ER diagram"), codes::L114, "[1]", 0);
}

#[test]
fn unknown_lineage_kind() {
    case(File::Relationships, |t| replace_once(t, ",false,{},\"ER diagram", ",false,\"{\"\"lineage_kind\"\":\"\"copies\"\"}\",\"ER diagram"), codes::L108, "{\"\"lineage_kind", 0);
}

#[test]
fn empty_required_field() {
    case(File::Tables, |t| replace_once(t, ",public,Identity & Access,draft,Top-level", ",public,,draft,Top-level"), codes::L107, ",draft,Top-level", 0);
}

#[test]
fn unknown_on_delete_action() {
    case(File::Relationships, |t| replace_once(t, "false,false,restrict,restrict,true", "false,false,explode,restrict,true"), codes::L108, "explode", 0);
}

#[test]
fn duplicate_table_id() {
    case(File::Tables, |t| replace_once(t, "0e104fc4-f262-5159-9e5a-10d2a875735d", "98f909bb-6aa6-5d9f-9fd8-b3647b66fb5e"), codes::L115, "98f909bb-6aa6-5d9f-9fd8-b3647b66fb5e,users", 0);
}

#[test]
fn empty_file_has_no_header() {
    case(File::Relationships, |_| String::new(), codes::L117, "", 0);
}

#[test]
fn relata_json_syntax_error_has_its_line() {
    // serde_json reports the column after the offending token.
    case(File::Relata, |t| replace_once(t, "\"version\": 1,", "\"version\": 1,,"), codes::L120, ",,", 1);
}

#[test]
fn relata_json_from_a_newer_relata() {
    case(File::Relata, |t| replace_once(t, "\"version\": 1,", "\"version\": 99,"), codes::L121, "{", 0);
}

#[test]
fn relata_json_names_an_unknown_table() {
    case(File::Relata, |t| replace_once(t, "\"table\": \"tenants\"", "\"table\": \"tenantz\""), codes::L122, "\"table\": \"tenantz\"", 0);
}

#[test]
fn every_row_error_is_reported_not_just_the_first() {
    let mut folder = base();
    folder.table_overview = folder.table_overview.replacen(",draft,Top-level", ",drafty,Top-level", 1).replacen(",{id},postgres,schema_template,,\"Status draft", ",{id,postgres,schema_template,,\"Status draft", 1);
    let (registry, diagnostics) = folder::parse(&folder);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [codes::L108, codes::L113]);
    // The broken row is left out; the others load.
    assert_eq!(registry.tables.len(), base_table_count() - 1);
}

fn base_table_count() -> usize {
    folder::parse(&base()).0.tables.len()
}
