//! `relata export`: every format for every bundled registry, deterministic, scoped by module
//! and status, written atomically; bad requests and broken workspaces write nothing.

use std::collections::BTreeSet;

use crate::{registry, relata};

const FORMATS: [&str; 4] = ["dbml", "mermaid", "sql", "registry-sql"];
const BUNDLED: [&str; 5] = ["zayaz-compute-methods", "zellij", "schema-template", "metastore", "system-data-model"];

fn export(args: &[&str]) -> String {
    let out = relata(&[&["export"], args].concat());
    assert!(out.status.success(), "relata export {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("exports are UTF-8")
}

#[test]
fn every_format_exports_every_bundled_registry_the_same_twice() {
    for name in BUNDLED {
        let path = registry(name);
        let path = path.to_str().unwrap();
        for format in FORMATS {
            let first = export(&[path, "--to", format]);
            assert!(first.len() > 200, "{name} as {format}: {first}");
            assert_eq!(first, export(&[path, "--to", format]), "{name} as {format} is not deterministic");
        }
    }
}

#[test]
fn output_file_holds_what_stdout_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("zellij.dbml");
    let out = relata(&["export", "registries/zellij", "--to", "dbml", "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), export(&["registries/zellij", "--to", "dbml"]));
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("zellij.dbml")]);
}

/// `Table schema.name` lines of a DBML export.
fn dbml_tables(dbml: &str) -> BTreeSet<String> {
    dbml.lines().filter_map(|l| l.strip_prefix("Table ")).map(|l| l.trim_end_matches(" {").to_owned()).collect()
}

#[test]
fn module_and_status_scope_every_format() {
    let zellij = crate::block_on(relata_store::load(&registry("zellij"))).unwrap().registry;
    let expected: BTreeSet<String> = zellij
        .tables
        .iter()
        .filter(|t| t.module == "Version Control")
        .map(|t| format!("{}.{}", t.schema, t.name))
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    let dbml = export(&["registries/zellij", "--to", "dbml", "--module", "Version Control"]);
    assert_eq!(dbml_tables(&dbml), expected);
    let sql = export(&["registries/zellij", "--to", "sql", "--module", "Version Control"]);
    assert_eq!(sql.matches("CREATE TABLE ").count(), expected.len(), "{sql}");
    let mermaid = export(&["registries/zellij", "--to", "mermaid", "--module", "Version Control"]);
    assert_eq!(mermaid.lines().filter(|l| l.ends_with("\"] {") || l.ends_with(" {") && !l.contains("erDiagram")).count(), expected.len(), "{mermaid}");
    // Every table of zellij is draft: a status filter of stable leaves nothing, draft everything.
    assert!(dbml_tables(&export(&["registries/zellij", "--to", "dbml", "--status", "stable"])).is_empty());
    assert_eq!(
        dbml_tables(&export(&["registries/zellij", "--to", "dbml", "--status", "draft"])),
        dbml_tables(&export(&["registries/zellij", "--to", "dbml"]))
    );
}

#[test]
fn bad_requests_name_the_problem_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("out.sql");
    std::fs::write(&file, "previous").unwrap();
    let target = file.to_str().unwrap();
    for (args, message) in [
        (vec!["registries/zellij", "--module", "Nope"], "no module named `Nope`"),
        (vec!["registries/zellij", "--status", "bogus"], "unknown status `bogus`"),
        (vec!["registries/zellij", "--preset", "nope"], "nope"),
        (vec!["registries/no-such", "--module", "x"], "no-such"),
    ] {
        let out = relata(&[&["export", "--to", "sql", "-o", target], args.as_slice()].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "previous", "{args:?} wrote the file");
    }
}

#[test]
fn workspace_with_load_errors_is_not_exported() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("broken");
    std::fs::create_dir(&src).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(registry("metastore").join(name), src.join(name)).unwrap();
    }
    let overview = src.join("table_overview.csv");
    let text = std::fs::read_to_string(&overview).unwrap();
    std::fs::write(&overview, text.replacen(",stable,", ",solid,", 1)).unwrap();
    let file = tmp.path().join("out.dbml");
    let out = relata(&["export", src.to_str().unwrap(), "--to", "dbml", "-o", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("table_overview.csv:2:") && stderr.contains("nothing was exported"), "{stderr}");
    assert!(!file.exists());
}

/// An order book whose `orders.customer_code varchar(20)` references `customers.id bigint`,
/// which PostgreSQL refuses to build (R303).
const MISTYPED_FK: &str = "\
Table sales.customers {
  id bigint [pk]
  name text [not null]
}

Table sales.orders {
  id bigint [pk]
  customer_code varchar(20)
}

Ref: sales.orders.customer_code > sales.customers.id
";

#[test]
fn sql_export_that_postgresql_would_refuse_writes_nothing_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dbml = tmp.path().join("orders.dbml");
    std::fs::write(&dbml, MISTYPED_FK).unwrap();
    let ws = tmp.path().join("orders");
    let out = relata(&["import", dbml.to_str().unwrap(), "--from", "dbml", "-o", ws.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ws = ws.to_str().unwrap();

    let file = tmp.path().join("orders.sql");
    let target = file.to_str().unwrap();
    let out = relata(&["export", ws, "--to", "sql", "-o", target]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[R303]") && stderr.contains("customer_code"), "names the finding: {stderr}");
    assert!(stderr.contains("PostgreSQL") && stderr.contains("nothing was written") && stderr.contains("--force"), "{stderr}");
    assert!(!file.exists(), "nothing is written");
    // Standard output gets nothing either.
    let out = relata(&["export", ws, "--to", "sql"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());

    // DBML draws the same reference without complaint from @dbml/core.
    assert!(!export(&[ws, "--to", "dbml"]).is_empty());

    let out = relata(&["export", ws, "--to", "sql", "-o", target, "--force"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("[R303]") && stderr.contains("--force"), "still names it: {stderr}");
    let sql = std::fs::read_to_string(&file).unwrap();
    assert!(sql.contains("FOREIGN KEY (customer_code)"), "{sql}");
}

#[test]
fn a_reader_that_stops_reading_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    // Outputs far longer than a pipe holds: the writer meets the closed pipe.
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.relata");
    assert!(crate::relata(&["generate", "1000", "-o", big.to_str().unwrap()]).status.success());
    for args in [vec!["export", big.to_str().unwrap(), "--to", "sql"], vec!["check", big.to_str().unwrap()]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_relata"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // As `| head -1`: one line read, then the pipe closed.
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(out.status.success() || out.status.signal() == Some(13), "{args:?}: ended by the closed pipe, not {:?}", out.status);
    }
}

#[test]
fn generate_postgres_adds_checks_identity_kept_types_and_partitions_that_check_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let (plain, rich) = (tmp.path().join("plain"), tmp.path().join("rich"));
    assert!(crate::relata(&["generate", "60", "-o", plain.to_str().unwrap()]).status.success());
    let made = crate::relata(&["generate", "60", "--postgres", "-o", rich.to_str().unwrap()]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let checked = crate::relata(&["check", rich.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&checked.stderr).contains(" 0 error(s)"), "{}", String::from_utf8_lossy(&checked.stderr));
    let sql = |ws: &std::path::Path| String::from_utf8_lossy(&crate::relata(&["export", ws.to_str().unwrap(), "--to", "sql"]).stdout).into_owned();
    let (plain, rich) = (sql(&plain), sql(&rich));
    for construct in ["CREATE DOMAIN core.positive_amount", "CREATE TYPE core.price_pair AS (", "CREATE TYPE core.priority AS ENUM", "CREATE FUNCTION core.non_negative", "AS IDENTITY", "CHECK (", "PARTITION BY RANGE (at)", "ATTACH PARTITION"] {
        assert!(rich.contains(construct), "--postgres writes {construct}");
        assert!(!plain.contains(construct), "the plain registry has no {construct}");
    }
    let both = crate::relata(&["generate", "0", "--adversarial", "--postgres", "-o", tmp.path().join("x").to_str().unwrap()]);
    assert_eq!(both.status.code(), Some(2), "--postgres is not for the adversarial registry");
}
