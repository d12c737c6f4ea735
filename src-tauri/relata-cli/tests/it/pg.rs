//! `relata import postgres://…`, `relata pull` and `relata push` against a throwaway
//! PostgreSQL: exit codes (0 clean, 1 conflicts, 2 errors), messages naming the entries, and
//! no password in any message or written file.

use std::path::Path;
use std::process::{Command, Output};

use relata_testkit::pg::PgCluster;

use crate::{block_on, registry, repo};

/// A password the server (trust authentication) ignores; it must never be written or shown.
const PASSWORD: &str = "s3cret-Pw";

const SHOP_SQL: &str = r#"
CREATE SCHEMA shop;
CREATE TYPE shop.state AS ENUM ('new', 'paid');
CREATE TABLE shop.customer (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
COMMENT ON TABLE shop.customer IS 'People who buy';
CREATE TABLE shop.orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customer (id) ON DELETE CASCADE,
    state shop.state NOT NULL DEFAULT 'new'
);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
CREATE TABLE public.elsewhere (id int PRIMARY KEY);
"#;

/// `url` with [`PASSWORD`] in it.
fn with_password(url: &str) -> String {
    url.replacen("postgres://postgres@", &format!("postgres://postgres:{PASSWORD}@"), 1)
}

/// Runs `relata` with `args` and no PostgreSQL settings from the caller's environment.
fn relata_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_relata"));
    command.args(args).current_dir(repo());
    for var in ["DATABASE_URL", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    command.output().expect("relata runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Every file under `dir` whose bytes contain [`PASSWORD`].
fn files_with_password(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            found.extend(files_with_password(&path));
        } else {
            let bytes = std::fs::read(&path).expect("a readable file");
            if bytes.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()) {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn import_postgres_writes_a_workspace_and_never_the_password() {
    let pg = PgCluster::start();
    pg.create_database("shop");
    pg.psql_single_transaction("shop", SHOP_SQL).expect("the shop DDL applies");
    let url = with_password(&pg.url("shop"));
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("shop");

    let out = relata_env(&["import", &url, "--schema", "shop", "--progress", "-o", ws.to_str().unwrap()], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("tables 2") && all.contains("enum types 1"), "progress on stderr: {all}");
    assert!(all.contains("wrote ") && all.contains("2 tables, 5 signals, 1 relationships, 1 enum types"), "{all}");
    assert!(!all.contains(PASSWORD), "{all}");
    let loaded = block_on(relata_store::load(&ws)).expect("the workspace loads");
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let fk = &loaded.registry.relationships[0];
    assert_eq!((fk.child.table.as_str(), fk.parent.table.as_str()), ("orders", "customer"));

    // The environment names the database too; the SQLite workspace takes every schema.
    let ws2 = tmp.path().join("all.relata");
    let out = relata_env(&["import", "--from", "postgres", "-o", ws2.to_str().unwrap()], &[("DATABASE_URL", &url)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains("tables 3"), "no progress without --progress when stderr is no terminal");
    assert_eq!(block_on(relata_store::load(&ws2)).unwrap().registry.tables.len(), 3);
    assert!(files_with_password(tmp.path()).is_empty(), "{:?}", files_with_password(tmp.path()));

    // Errors exit 2 and do not show the password.
    let out = relata_env(&["import", &url, "-o", ws.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("already exists"), "{}", text(&out));
    let nowhere = format!("postgres://ann:{PASSWORD}@localhost:1/none?host=/nonexistent-relata-socket");
    let out = relata_env(&["import", &nowhere, "-o", tmp.path().join("x").to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("cannot connect") && text(&out).contains("postgres://ann@"), "{}", text(&out));
    assert!(!text(&out).contains(PASSWORD), "{}", text(&out));
}

/// Applies the three registry DDL files to a new database `db`.
fn registry_database(pg: &PgCluster, db: &str) {
    pg.create_database(db);
    for t in ["table_overview", "signal_registry", "relationship_registry"] {
        let sql = std::fs::read_to_string(repo().join(format!("registries/ddl/{t}.sql"))).expect("the registry DDL");
        pg.psql(db, &sql).expect("the registry DDL applies");
    }
}

fn set_notes(ws: &Path, key: &str, notes: &str) {
    let mut r = block_on(relata_store::load(ws)).unwrap().registry;
    r.relationships.iter_mut().find(|r| r.key == key).expect("the relationship").notes = Some(notes.to_owned());
    block_on(relata_store::save(ws, &r)).unwrap();
}

#[test]
fn pull_and_push_report_conflicts_with_exit_code_1_and_keep_no_password() {
    let pg = PgCluster::start();
    registry_database(&pg, "shared");
    let url = with_password(&pg.url("shared"));
    let tmp = tempfile::tempdir().unwrap();
    let (origin, one, two) = (tmp.path().join("origin"), tmp.path().join("one"), tmp.path().join("two.relata"));
    let source = block_on(relata_store::load(&registry("zellij"))).unwrap().registry;
    block_on(relata_store::save(&origin, &source)).unwrap();

    let out = relata_env(&["push", origin.to_str().unwrap(), "--url", &url], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // The registry rows and Relata's own data (relata_extras rows).
    let rows = relata_sync::registry_rows(&source).len();
    assert!(rows > source.tables.len() + source.signals.len() + source.relationships.len());
    assert!(text(&out).contains(&format!("{rows} inserted")), "{}", text(&out));
    for ws in [&one, &two] {
        let out = relata_env(&["pull", ws.to_str().unwrap(), "--url", &url], &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        assert!(text(&out).contains(&format!("{rows} added")), "{}", text(&out));
    }

    let key = source.relationships[0].key.clone();
    set_notes(&one, &key, "notes from one");
    set_notes(&two, &key, "notes from two");
    // Without --url: the database the workspace last synced with (its URL has no password;
    // the server trusts the socket).
    let out = relata_env(&["push", one.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains(&format!("updated: {key}")), "{}", text(&out));

    let out = relata_env(&["push", two.to_str().unwrap()], &[]);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains(&format!("conflict: relationship_registry {key}")), "{all}");
    assert!(all.contains("notes: workspace \"notes from two\", database \"notes from one\""), "{all}");
    let out = relata_env(&["pull", two.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1), "a pull reports the conflict too: {}", text(&out));
    let kept = block_on(relata_store::load(&two)).unwrap().registry;
    assert_eq!(kept.relationships.iter().find(|r| r.key == key).unwrap().notes.as_deref(), Some("notes from two"));

    // Keeping this workspace's version: the next push writes it over the database's.
    let out = relata_env(&["pull", two.to_str().unwrap(), "--resolve", "workspace"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains(&format!("resolved: {key}")), "{}", text(&out));
    let out = relata_env(&["push", two.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // And the first workspace, taking the database's version, drops its own.
    set_notes(&one, &key, "notes from one, again");
    let out = relata_env(&["pull", one.to_str().unwrap(), "--resolve", "database"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let taken = block_on(relata_store::load(&one)).unwrap().registry;
    assert_eq!(taken.relationships.iter().find(|r| r.key == key).unwrap().notes.as_deref(), Some("notes from two"));

    let base = std::fs::read_to_string(one.join("relata-sync.json")).expect("the folder's sync base");
    assert!(base.contains("\"url\": \"postgres://postgres@localhost:"), "{base}");
    assert!(files_with_password(tmp.path()).is_empty(), "{:?}", files_with_password(tmp.path()));

    let out = relata_env(&["push", one.to_str().unwrap(), "--url", "postgres://postgres@localhost:1/x?host=/nonexistent-relata"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    pg.create_database("empty");
    let out = relata_env(&["pull", tmp.path().join("fresh").to_str().unwrap(), "--url", &pg.url("empty")], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("has no table_overview table"), "{}", text(&out));
    assert!(!tmp.path().join("fresh").exists(), "a failed pull writes nothing");
    let out = relata_env(&["push", tmp.path().join("missing").to_str().unwrap()], &[("DATABASE_URL", &url)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("no such workspace"), "{}", text(&out));
}

/// A cluster with the registry tables in `shared` whose user `ann` must give [`PASSWORD`], its
/// URL as `ann` (no password in it), and a folder holding the workspace `ws` to sync.
fn password_cluster() -> (PgCluster, String, tempfile::TempDir) {
    let pg = PgCluster::start();
    registry_database(&pg, "shared");
    pg.require_password("ann", PASSWORD);
    let url = pg.url("shared").replacen("postgres://postgres@", "postgres://ann@", 1);
    let tmp = tempfile::tempdir().unwrap();
    let source = block_on(relata_store::load(&registry("zellij"))).unwrap().registry;
    block_on(relata_store::save(&tmp.path().join("ws"), &source)).unwrap();
    (pg, url, tmp)
}

/// A server that refuses the password: exit 2 saying how to give one (`-W` without a terminal
/// says there is none to ask on), and the right PGPASSWORD gets in; the password is never shown.
#[test]
fn a_refused_login_says_how_to_give_the_password_and_the_right_one_gets_in() {
    let (_pg, url, tmp) = password_cluster();
    let ws = tmp.path().join("ws");
    let ws = ws.to_str().unwrap();
    let no_pgpass = ("PGPASSFILE", "/nonexistent/pgpass");

    for (args, env) in [
        (vec!["push", ws, "--url", &url], vec![no_pgpass]),
        (vec!["push", ws, "--url", &url], vec![no_pgpass, ("PGPASSWORD", "not-the-password")]),
        (vec!["pull", ws, "--url", &url], vec![no_pgpass]),
        (vec!["import", &url, "-o", "/nonexistent/never-written"], vec![no_pgpass]),
    ] {
        let out = relata_env(&args, &env);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains("refused the login of `ann`: wrong or missing password"), "{}", text(&out));
        assert!(text(&out).contains("-W") && text(&out).contains("PGPASSWORD"), "says how to give it: {}", text(&out));
    }
    let out = relata_env(&["push", ws, "--url", &url, "-W"], &[no_pgpass]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("on a terminal, and there is none"), "{}", text(&out));

    let out = relata_env(&["push", ws, "--url", &url], &[no_pgpass, ("PGPASSWORD", PASSWORD)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!text(&out).contains(PASSWORD), "{}", text(&out));
    assert!(files_with_password(tmp.path()).is_empty(), "the password is in {:?}", files_with_password(tmp.path()));
}

/// On a terminal (a pseudo-terminal from util-linux `script`), a refused login asks for the
/// password once and goes on with it, as psql does.
#[test]
fn on_a_terminal_a_refused_login_asks_for_the_password() {
    let (_pg, url, tmp) = password_cluster();
    let ws = tmp.path().join("ws");
    let command = format!("'{}' push '{}' --url '{url}'", env!("CARGO_BIN_EXE_relata"), ws.display());
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("PGPASSFILE", "/nonexistent/pgpass")
        .env_remove("PGPASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs");
    // Typed once the prompt is there, like a person. rpassword prints the prompt and then
    // switches echo off, so a password typed within that instant is echoed by the terminal
    // (no person types that fast): the test does not assert on echo, only that the prompt
    // came and the push went through with what was typed.
    let mut stdout = child.stdout.take().unwrap();
    let seen = std::thread::spawn(move || {
        use std::io::Read;
        let (mut seen, mut buf) = (Vec::new(), [0u8; 256]);
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(12).any(|w| w == b"Password for") {
                break;
            }
        }
        (seen, stdout)
    });
    let (mut printed, mut stdout) = seen.join().unwrap();
    {
        use std::io::{Read, Write};
        writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
        stdout.read_to_end(&mut printed).unwrap();
    }
    let mut out = child.wait_with_output().unwrap();
    out.stdout = printed;
    assert!(text(&out).contains("Password for postgres://ann@"), "{}", text(&out));
    assert!(text(&out).contains("inserted"), "pushed after the prompt: {}", text(&out));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}
