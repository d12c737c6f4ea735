//! A throwaway PostgreSQL 15 cluster for tests: initdb into a fresh temporary directory, started
//! with pg_ctl on a Unix socket only, stopped (`-m immediate`) and deleted on drop, also when
//! the test panics.
//!
//! PostgreSQL refuses to run as root; when the tests run as root (CI), initdb and pg_ctl run as
//! the `postgres` user through `runuser`, and the temporary directory is chowned to it. psql
//! runs as the calling user either way: it connects over the socket with trust authentication.
//!
//! Every session runs with `timezone = 'UTC'` (server setting and `PGTZ`), so a `TIMESTAMPTZ`
//! prints as `2026-11-22 00:00:00+00`, the registry folder's spelling.

use std::fmt;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What to tell someone whose machine has no PostgreSQL.
const SETUP_HINT: &str = "run scripts/setup (it installs postgresql-15) and rerun the tests";

/// A PostgreSQL command failed: the command, its exit status and what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgError {
    /// What was run, for the message.
    pub command: String,
    /// Exit code, `None` when killed by a signal.
    pub code: Option<i32>,
    /// Standard error (PostgreSQL's `ERROR:` lines).
    pub stderr: String,
    /// Standard output.
    pub stdout: String,
}

impl fmt::Display for PgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` exited with {:?}: {}", self.command, self.code, self.stderr.trim_end())?;
        if !self.stdout.trim().is_empty() {
            write!(f, "\nstdout: {}", self.stdout.trim_end())?;
        }
        Ok(())
    }
}

impl std::error::Error for PgError {}

/// The query of [`PgCluster::schema_catalog`].
pub const SCHEMA_QUERY: &str = include_str!("schema_catalog.sql");

/// What the catalogs hold about every object outside PostgreSQL's own schemas, one sorted line
/// per fact. Every name and text goes through `to_json`.
pub const CATALOG_QUERY: &str = r#"
WITH rel AS (
    SELECT c.oid, c.relname, n.nspname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
),
cols AS (
    SELECT con.oid, (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS child,
           (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS parent
    FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid
)
SELECT line FROM (
    SELECT 'table ' || to_json(nspname) || ' ' || to_json(relname) || ' comment ' || coalesce(to_json(obj_description(oid, 'pg_class'))::text, 'null') AS line
    FROM rel
  UNION ALL
    SELECT 'column ' || to_json(rel.nspname) || ' ' || to_json(rel.relname) || ' ' || a.attnum || ' ' || to_json(a.attname)
        || ' type ' || to_json(format_type(a.atttypid, a.atttypmod)) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
        || ' default ' || coalesce(to_json(pg_get_expr(d.adbin, d.adrelid))::text, 'null')
        || ' comment ' || coalesce(to_json(col_description(rel.oid, a.attnum))::text, 'null')
    FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = rel.oid AND d.adnum = a.attnum
  UNION ALL
    SELECT CASE con.contype WHEN 'p' THEN 'primary key ' ELSE 'unique ' END || to_json(rel.nspname) || ' ' || to_json(rel.relname)
        || ' ' || to_json(con.conname) || ' ' || cols.child::text
    FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid JOIN cols ON cols.oid = con.oid WHERE con.contype IN ('p', 'u')
  UNION ALL
    SELECT 'foreign key ' || to_json(rel.nspname) || ' ' || to_json(rel.relname) || ' ' || to_json(con.conname) || ' ' || cols.child::text
        || ' references ' || to_json(pn.nspname) || ' ' || to_json(pc.relname) || ' ' || cols.parent::text
        || ' match ' || con.confmatchtype::text || ' delete ' || con.confdeltype::text || ' update ' || con.confupdtype::text
        || CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END || CASE WHEN con.condeferred THEN ' initially deferred' ELSE '' END
    FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid JOIN cols ON cols.oid = con.oid
    JOIN pg_class pc ON pc.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
    WHERE con.contype = 'f'
  UNION ALL
    SELECT 'index ' || to_json(rel.nspname) || ' ' || to_json(rel.relname) || ' ' || to_json(ic.relname) || ' ' || am.amname
        || CASE WHEN i.indisunique THEN ' unique' ELSE '' END || CASE WHEN i.indpred IS NOT NULL THEN ' partial' ELSE '' END
    FROM pg_index i JOIN rel ON rel.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
  UNION ALL
    SELECT 'enum ' || to_json(n.nspname) || ' ' || to_json(t.typname) || ' '
        || (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)::text
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e'
) facts ORDER BY line COLLATE "C";
"#;

/// A running throwaway PostgreSQL cluster. Dropping it stops the server and deletes its files.
pub struct PgCluster {
    /// Holds the data directory, the socket and the server log; deleted on drop.
    dir: TempDir,
    bindir: PathBuf,
    port: u16,
    /// Run server programs through `runuser -u postgres --` (we are root).
    as_postgres: bool,
    /// The server was started, so drop must stop it.
    running: bool,
}

impl PgCluster {
    /// Creates and starts a fresh cluster. Panics (failing the test, never skipping it) when
    /// PostgreSQL is not installed or the server does not come up; the panic message says why,
    /// with the server log.
    pub fn start() -> PgCluster {
        let bindir = find_bindir().unwrap_or_else(|| {
            panic!("no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via pg_config --bindir, in /usr/lib/postgresql/15/bin or on PATH; {SETUP_HINT}")
        });
        let as_postgres = is_root();
        if as_postgres {
            let have_user = Command::new("id").args(["-u", "postgres"]).output().is_ok_and(|o| o.status.success());
            assert!(have_user, "running as root, so PostgreSQL must run as the `postgres` user, which does not exist; {SETUP_HINT}");
        }
        // Under /tmp, not $TMPDIR: the socket path must stay short and the postgres user must
        // be able to reach it.
        let dir = TempDir::new_in(Path::new("/tmp"), "relata-pg-");
        set_mode(dir.path(), 0o755);
        if as_postgres {
            chown_to_postgres(dir.path());
        }
        let mut cluster = PgCluster { dir, bindir, port: free_port(), as_postgres, running: false };
        cluster.init_and_start();
        cluster
    }

    fn init_and_start(&mut self) {
        let data = self.data_dir();
        let out = self
            .server_command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run initdb: {e}; {SETUP_HINT}"));
        if !out.status.success() {
            panic!("initdb failed ({}):\n{}{}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        }
        // Settings go into postgresql.conf rather than `pg_ctl -o`, which passes through a shell.
        // max_locks_per_transaction: a DDL script of 1,000 tables applied in one transaction
        // locks every table, index and sequence it creates; the default 64 (times 20
        // connections) holds far fewer.
        let settings = format!(
            "\n# relata tests\nport = {port}\nlisten_addresses = ''\nunix_socket_directories = '{socket}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\ntimezone = 'UTC'\n\
             log_timezone = 'UTC'\nmax_connections = 20\nshared_buffers = 16MB\n\
             max_locks_per_transaction = 1024\n",
            port = self.port,
            socket = self.socket_dir().display(),
        );
        let conf = data.join("postgresql.conf");
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&conf)
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", conf.display()));
        file.write_all(settings.as_bytes()).unwrap_or_else(|e| panic!("cannot write {}: {e}", conf.display()));
        drop(file);

        let out = self
            .server_command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(self.log_path())
            .args(["-w", "-t", "60", "start"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run pg_ctl: {e}; {SETUP_HINT}"));
        // From here on drop must stop the server, even if it only half started.
        self.running = true;
        if !out.status.success() {
            panic!(
                "pg_ctl start failed ({}):\n{}{}\nserver log:\n{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                self.server_log()
            );
        }
        let ready = self.psql("postgres", "SELECT current_setting('TimeZone') || ' ' || current_setting('server_version_num')");
        match ready {
            Ok(text) => assert!(text.starts_with("UTC 15"), "expected a PostgreSQL 15 server in UTC, got `{}`", text.trim()),
            Err(e) => panic!("the server started but psql cannot connect: {e}\nserver log:\n{}", self.server_log()),
        }
    }

    /// The directory holding the server's Unix socket (psql's `-h`).
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// Creates the login role `user` with `password` and makes the server ask it for that
    /// password (scram-sha-256) on the socket, where everyone else stays trusted: a cluster for
    /// testing what a refused or prompted password does.
    pub fn require_password(&self, user: &str, password: &str) {
        let sql = format!("CREATE ROLE \"{user}\" LOGIN SUPERUSER PASSWORD '{}'", password.replace('\'', "''"));
        self.psql("postgres", &sql).unwrap_or_else(|e| panic!("cannot create role {user}: {e}"));
        // The first matching line of pg_hba.conf wins: the user's goes in front of initdb's trust.
        let hba = self.data_dir().join("pg_hba.conf");
        let rules = std::fs::read_to_string(&hba).unwrap_or_else(|e| panic!("cannot read {}: {e}", hba.display()));
        std::fs::write(&hba, format!("local all \"{user}\" scram-sha-256\n{rules}"))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", hba.display()));
        self.psql("postgres", "SELECT pg_reload_conf()").unwrap_or_else(|e| panic!("cannot reload the server's settings: {e}"));
    }

    /// The server log so far, for failure messages.
    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_else(|e| format!("(no server log: {e})"))
    }

    /// A server program (`initdb`, `pg_ctl`) run as the right user, from the cluster's
    /// directory (the postgres user may not be able to enter the test's working directory).
    fn server_command(&self, program: &str) -> Command {
        let path = self.bindir.join(program);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        };
        command.current_dir(self.dir.path()).env("LC_ALL", "C").env("TZ", "UTC").stdin(Stdio::null());
        command
    }

    /// psql connected to `db`: no psqlrc, stop at the first error, quiet, unaligned tuples only.
    fn psql_command(&self, db: &str) -> Command {
        let psql = self.bindir.join("psql");
        let mut command = Command::new(if psql.exists() { psql } else { PathBuf::from("psql") });
        command
            .args(["-X", "-v", "ON_ERROR_STOP=1", "-q", "-At", "-h"])
            .arg(self.socket_dir())
            .args(["-p", &self.port.to_string(), "-U", "postgres", "-d", db])
            .env("PGTZ", "UTC")
            .env("PGCLIENTENCODING", "UTF8")
            .env("LC_ALL", "C")
            .env_remove("PGOPTIONS")
            .env_remove("PGSERVICE")
            .env_remove("PGPASSWORD");
        command
    }

    /// Runs `command` with `stdin` as its standard input.
    fn run(command: &mut Command, description: String, stdin: &[u8]) -> Result<String, PgError> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run psql: {e}; {SETUP_HINT}"));
        // Write from another thread so a chatty child cannot deadlock on a full stdout pipe.
        let mut pipe = child.stdin.take().expect("piped stdin");
        let input = stdin.to_vec();
        let writer = std::thread::spawn(move || {
            // psql stops reading when it hits an error; a broken pipe then is expected.
            let _ = pipe.write_all(&input);
        });
        let out: Output = child.wait_with_output().expect("psql runs to its end");
        writer.join().expect("stdin writer does not panic");
        let stdout = String::from_utf8(out.stdout).expect("psql prints UTF-8 (PGCLIENTENCODING=UTF8)");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() {
            Ok(stdout)
        } else {
            Err(PgError { command: description, code: out.status.code(), stderr, stdout })
        }
    }

    /// The server's port (the socket file's name carries it).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A `postgres://` URL for `db` as user `postgres` over the cluster's Unix socket (trust
    /// authentication: any password in it is ignored by the server).
    pub fn url(&self, db: &str) -> String {
        let socket: String = self
            .socket_dir()
            .to_string_lossy()
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect();
        format!("postgres://postgres@localhost:{}/{db}?host={socket}", self.port)
    }

    /// What the catalogs of `db` hold about every object outside PostgreSQL's own schemas, one
    /// line per fact ([`CATALOG_QUERY`]): two databases with equal sets have the same schemas,
    /// tables, columns (types, defaults, NOT NULL, comments), keys, foreign keys (with their
    /// clauses), indexes and enum types.
    pub fn catalog(&self, db: &str) -> std::collections::BTreeSet<String> {
        self.psql(db, CATALOG_QUERY)
            .unwrap_or_else(|e| panic!("the catalog query runs in {db}: {e}"))
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Everything the catalogs of `db` say about the objects a schema script makes, one line per
    /// fact ([`SCHEMA_QUERY`]): more than [`PgCluster::catalog`] — every relation kind, owners,
    /// privileges, partitions, identity and generated columns, collations, every constraint,
    /// index, sequence, type, domain, function, trigger, policy, rule and comment.
    pub fn schema_catalog(&self, db: &str) -> std::collections::BTreeSet<String> {
        self.psql(db, SCHEMA_QUERY)
            .unwrap_or_else(|e| panic!("the schema query runs in {db}: {e}"))
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Creates the database `name` (a plain identifier).
    pub fn create_database(&self, name: &str) {
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') && !name.is_empty(),
            "database names in tests are plain lower-case identifiers, not `{name}`"
        );
        self.psql("postgres", &format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C';"))
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
    }

    /// Runs an SQL script (statements and psql meta-commands, fed on standard input) in `db`
    /// with `ON_ERROR_STOP`; returns what it printed (unaligned, tuples only) or the error.
    pub fn psql(&self, db: &str, sql: &str) -> Result<String, PgError> {
        let description = format!("psql -d {db} <<< {}", abbreviate(sql));
        Self::run(self.psql_command(db).args(["-f", "-"]), description, sql.as_bytes())
    }

    /// Runs an SQL script in `db` as one transaction (`psql --single-transaction`, with
    /// `ON_ERROR_STOP`): on error nothing of it stays, as a migration tool would apply it.
    pub fn psql_single_transaction(&self, db: &str, sql: &str) -> Result<String, PgError> {
        let description = format!("psql -1 -d {db} <<< {}", abbreviate(sql));
        Self::run(self.psql_command(db).args(["--single-transaction", "-f", "-"]), description, sql.as_bytes())
    }

    /// Loads CSV bytes (header row first) into `table` exactly as the registry folder format
    /// says: `\copy <table> FROM STDIN WITH (FORMAT csv, HEADER true)`, the bytes on standard
    /// input. (psql calls a `-c` command's standard input `pstdin`.) COPY is atomic: on error
    /// no row is loaded.
    pub fn copy_in(&self, db: &str, table: &str, csv: &[u8]) -> Result<(), PgError> {
        let command = format!("\\copy {table} FROM pstdin WITH (FORMAT csv, HEADER true)");
        Self::run(self.psql_command(db).args(["-c", &command]), format!("psql -d {db} -c '{command}'"), csv).map(drop)
    }

    /// What `pg_dump --schema-only` (the server's own, from its bindir) writes for `db`: the
    /// plain-text script, owners and privileges included.
    pub fn pg_dump_schema(&self, db: &str) -> Result<String, PgError> {
        self.pg_dump_schema_with(db, &[])
    }

    /// [`PgCluster::pg_dump_schema`] with more options (`--clean`, `--no-owner`, `-n app`).
    pub fn pg_dump_schema_with(&self, db: &str, options: &[&str]) -> Result<String, PgError> {
        let mut command = Command::new(self.bindir.join("pg_dump"));
        command
            .args(options)
            .args(["--schema-only", "-h"])
            .arg(self.socket_dir())
            .args(["-p", &self.port.to_string(), "-U", "postgres", "-d", db])
            .env("PGTZ", "UTC")
            .env("PGCLIENTENCODING", "UTF8")
            .env("LC_ALL", "C")
            .env_remove("PGOPTIONS")
            .env_remove("PGSERVICE")
            .env_remove("PGPASSWORD");
        Self::run(&mut command, format!("pg_dump --schema-only {} -d {db}", options.join(" ")), b"")
    }

    /// The result of a query as CSV with a header row:
    /// `\copy (<query>) TO STDOUT WITH (FORMAT csv, HEADER true)`. The query must be one line.
    pub fn copy_out(&self, db: &str, query: &str) -> Result<String, PgError> {
        assert!(!query.contains('\n'), "\\copy takes its query on one line");
        let command = format!("\\copy ({query}) TO pstdout WITH (FORMAT csv, HEADER true)");
        Self::run(self.psql_command(db).args(["-c", &command]), format!("psql -d {db} -c '{command}'"), b"")
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        if self.running {
            let stopped = self
                .server_command("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "immediate", "-w", "-t", "30", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if !stopped.is_ok_and(|s| s.success()) {
                eprintln!("warning: could not stop the test PostgreSQL in {}", self.dir.path().display());
            }
        }
        // `dir` is deleted when the TempDir drops, right after this.
    }
}

/// A fresh directory deleted (with everything in it) on drop; the standard library has none,
/// and this crate stays dependency-free.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates `<parent>/<prefix><pid>-<n>`, trying the next `n` while the name is taken.
    fn new_in(parent: &Path, prefix: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let pid = std::process::id();
        loop {
            let path = parent.join(format!("{prefix}{pid}-{}", NEXT.fetch_add(1, Ordering::Relaxed)));
            match std::fs::create_dir(&path) {
                Ok(()) => return TempDir { path },
                // A directory left behind by a killed run of a process with the same id.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => panic!("cannot create a temporary directory {}: {e}", path.display()),
            }
        }
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.path) {
            eprintln!("warning: could not delete {}: {e}", self.path.display());
        }
    }
}

/// The first line of an SQL text, for error messages.
fn abbreviate(sql: &str) -> String {
    let first = sql.lines().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with("--")).unwrap_or("");
    if first.len() < sql.trim_end().len() {
        format!("{first} …")
    } else {
        first.to_owned()
    }
}

/// The directory holding initdb, pg_ctl and postgres: `pg_config --bindir`, else
/// `/usr/lib/postgresql/15/bin`, else the directory of `initdb` on PATH.
pub fn find_bindir() -> Option<PathBuf> {
    let complete = |dir: &Path| ["initdb", "pg_ctl", "postgres"].iter().all(|p| dir.join(p).is_file());
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let debian = Some(PathBuf::from("/usr/lib/postgresql/15/bin"));
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("initdb"))
            .find(|p| p.is_file())
            .and_then(|p| p.canonicalize().ok())
            .and_then(|p| p.parent().map(Path::to_owned))
    });
    [from_pg_config, debian, on_path].into_iter().flatten().find(|d| complete(d))
}

/// Whether the effective user is root (`id -u` prints 0).
fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("`id -u` runs");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn chown_to_postgres(path: &Path) {
    let id = |flag: &str| -> u32 {
        let out = Command::new("id").args([flag, "postgres"]).output().expect("`id` runs");
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or_else(|_| panic!("`id {flag} postgres` printed no number"))
    };
    std::os::unix::fs::chown(path, Some(id("-u")), Some(id("-g")))
        .unwrap_or_else(|e| panic!("cannot chown {} to postgres: {e}", path.display()));
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("cannot chmod {}: {e}", path.display()));
}

/// A TCP port nobody listens on right now: the OS picks it for a listener we close at once.
/// The server only listens on its Unix socket, whose file name carries the port.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}
