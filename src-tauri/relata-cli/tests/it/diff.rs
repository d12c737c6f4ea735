//! `relata diff`: two workspaces (summary, SQL, JSON), a git revision, a drift gate against a
//! live PostgreSQL, and sides that cannot be read (exit 2).

use std::process::Command;

use relata_testkit::pg::PgCluster;

use crate::{registry, relata, repo};

fn text(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn two_workspaces_differ_field_by_field_and_as_a_migration() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let changed = tmp.path().join("zellij");
    let status = Command::new("cp").args(["-r"]).arg(registry("zellij")).arg(&changed).status().expect("cp");
    assert!(status.success());
    let signals = changed.join("signal_registry.csv");
    let csv = std::fs::read_to_string(&signals).expect("signals");
    // One column of the projects table becomes bounded: a narrowing type change.
    let line = csv.lines().find(|l| l.contains(",projects,description,")).expect("projects.description").to_owned();
    std::fs::write(&signals, csv.replacen(&line, &line.replacen(",text,", ",varchar(300),", 1), 1)).expect("write");
    let old = registry("zellij");
    let (old, new) = (old.to_str().expect("utf-8"), changed.to_str().expect("utf-8"));

    let same = relata(&["diff", old, old]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same));
    let summary = relata(&["diff", old, new]);
    assert_eq!(summary.status.code(), Some(1), "{}", text(&summary));
    assert_eq!(String::from_utf8_lossy(&summary.stdout), "~ column public.projects.description\n    data_type: text -> varchar(300)\n");
    let sql = relata(&["diff", old, new, "--to", "sql"]);
    let script = String::from_utf8_lossy(&sql.stdout);
    assert!(script.contains("-- destructive, left out (--allow-destructive writes it): ALTER TABLE public.projects ALTER COLUMN description TYPE varchar(300)"), "{script}");
    assert!(text(&sql).contains("1 destructive statement(s) left out"), "{}", text(&sql));
    let written = relata(&["diff", old, new, "--to", "sql", "--allow-destructive", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&written.stdout).expect("JSON");
    assert!(json["sql"].as_str().is_some_and(|s| s.contains("-- destructive:\nALTER TABLE public.projects")), "{json}");
    assert_eq!(json["destructive"].as_array().map(Vec::len), Some(1));

    // The bundled folder at the repository's HEAD is the folder on disk, unless it is edited.
    let git = relata(&["diff", "git:HEAD:registries/zellij", "registries/zellij"]);
    let clean = Command::new("git").args(["diff", "--quiet", "HEAD", "--", "registries/zellij"]).current_dir(repo()).status().expect("git");
    assert_eq!(git.status.code(), Some(if clean.success() { 0 } else { 1 }), "{}", text(&git));

    for (args, said) in [
        (vec!["diff", "registries/nope", old], "cannot open registries/nope"),
        (vec!["diff", "git:HEAD:registries/nope", old], "registries/nope at HEAD has no table_overview.csv"),
        (vec!["diff", "git:HEAD", old], "a git side is written git:REVISION:FOLDER"),
    ] {
        let out = relata(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(said), "{args:?}: {}", text(&out));
    }
}

#[test]
fn the_migration_header_carries_governance_and_its_warnings_reach_stderr() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let changed = tmp.path().join("zellij");
    let status = Command::new("cp").args(["-r"]).arg(registry("zellij")).arg(&changed).status().expect("cp");
    assert!(status.success());
    let file = changed.join("relationship_registry.csv");
    let csv = std::fs::read_to_string(&file).expect("relationships");
    // The projects → actors relationship goes back to draft, with a new version, a reason and an approver.
    let was = ",projects__owner_id__actors,,active,1,,Core Tables,,,,,postgres,";
    assert!(csv.contains(was), "the bundled zellij has the relationship");
    std::fs::write(&file, csv.replacen(was, ",projects__owner_id__actors,,draft,2,Owners may leave.,Core Tables,,,erin,,postgres,", 1)).expect("write");
    let out = relata(&["diff", registry("zellij").to_str().expect("utf-8"), changed.to_str().expect("utf-8"), "--to", "sql"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let script = String::from_utf8_lossy(&out.stdout);
    let header: Vec<&str> = script.lines().take_while(|l| l.starts_with("--")).collect();
    assert!(
        header.contains(&"--   relationship projects__owner_id__actors changed (approved_by, availability, change_reason, version): version 2, change_reason Owners may leave., approved_by erin"),
        "{script}"
    );
    let warning = "relationship `projects__owner_id__actors` (changed (approved_by, availability, change_reason, version)) is `draft`, not `active`";
    assert!(header.iter().any(|l| l.starts_with("-- warning: ") && l.contains(warning)), "{script}");
    assert!(String::from_utf8_lossy(&out.stderr).lines().any(|l| l.starts_with("warning: ") && l.contains(warning)), "{}", text(&out));
    // A draft relationship is not in the export: its foreign key goes.
    assert!(script.contains("DROP CONSTRAINT IF EXISTS"), "{script}");
}

#[test]
fn the_drift_gate_passes_on_an_equal_database_and_fails_after_an_alter_behind_its_back() {
    let pg = PgCluster::start();
    pg.create_database("prod");
    let export = relata(&["export", "registries/zellij", "--to", "sql"]);
    assert!(export.status.success(), "{}", text(&export));
    pg.psql_single_transaction("prod", &String::from_utf8_lossy(&export.stdout)).expect("the export applies");
    let url = pg.url("prod");

    let equal = relata(&["diff", "registries/zellij", &url]);
    assert_eq!(equal.status.code(), Some(0), "{}", text(&equal));
    assert!(text(&equal).contains("no drift"), "{}", text(&equal));

    pg.psql("prod", "ALTER TABLE public.projects ADD COLUMN secret text; ALTER TABLE public.issues ALTER COLUMN body SET NOT NULL;").expect("the ALTER");
    let drifted = relata(&["diff", "registries/zellij", &url]);
    assert_eq!(drifted.status.code(), Some(1), "{}", text(&drifted));
    let said = text(&drifted);
    // OLD to NEW: from the workspace to what the database now holds.
    assert!(said.contains("ALTER TABLE public.issues ALTER COLUMN body SET NOT NULL;"), "{said}");
    assert!(said.contains("ALTER TABLE public.projects ADD COLUMN secret text;"), "{said}");
    // The other way round is the fix: the column the workspace does not have goes.
    let json = relata(&["diff", &url, "registries/zellij", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["destructive"], serde_json::json!(["ALTER TABLE public.projects DROP COLUMN secret;"]), "{value}");
    assert!(value["sql"].as_str().is_some_and(|s| s.contains("ALTER TABLE public.issues ALTER COLUMN body DROP NOT NULL;")), "{value}");

    let unreachable = relata(&["diff", "registries/zellij", "postgres://postgres@127.0.0.1:1/nowhere"]);
    assert_eq!(unreachable.status.code(), Some(2), "{}", text(&unreachable));
}

#[test]
fn a_side_with_load_errors_is_named_and_nothing_is_compared() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    for name in relata_codec::folder::FILES {
        std::fs::copy(registry("zellij").join(name), broken.join(name)).unwrap();
    }
    let file = broken.join("signal_registry.csv");
    let text_ = std::fs::read_to_string(&file).unwrap() + "<<<<<<< HEAD\n";
    std::fs::write(&file, text_).unwrap();
    let out = relata(&["diff", registry("zellij").to_str().unwrap(), broken.to_str().unwrap(), "--to", "sql"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("does not load cleanly") && said.contains("signal_registry.csv:"), "{said}");
    assert!(!said.contains("BEGIN;"), "no migration is printed: {said}");
}
