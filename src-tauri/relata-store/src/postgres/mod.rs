//! Live PostgreSQL: where a database is ([`Database`]: a URL, `DATABASE_URL`, the standard
//! `PG*` variables and `~/.pgpass`, as sqlx's `PgConnectOptions` reads them), importing its
//! catalog as a registry ([`import`]), reading a script the way the server spells it ([`scratch`]) and syncing a workspace with the three registry tables
//! and `relata_extras` in it ([`sync`]). Passwords are never shown or stored: every message and every sync base
//! names the database by [`Database::url_without_password`].

pub mod import;
pub mod scratch;
pub mod sync;

use std::path::PathBuf;
use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::Connection;

use crate::error::{ErrorKind, StoreError};

/// SQLSTATE `invalid_password`: the server refused the login's password (or its absence).
const INVALID_PASSWORD: &str = "28P01";

/// A PostgreSQL database to connect to.
#[derive(Debug, Clone)]
pub struct Database {
    options: PgConnectOptions,
    /// The password given in the URL or by [`Database::with_password`], for a `pg_dump`
    /// child process (its `PGPASSWORD`); sqlx keeps its own copy and shows neither.
    password: Option<Secret>,
}

/// A password: its `Debug` shows `***`, so a `Database` can be debug-printed safely.
#[derive(Clone)]
struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl Database {
    /// A database from a `postgres://` or `postgresql://` URL (a password in it is used but
    /// never shown; without one, `PGPASSWORD` or `~/.pgpass` supply it).
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            // sqlx's message may quote the URL; say what is wrong without it.
            let what = match e {
                sqlx::Error::Configuration(inner) => inner.to_string(),
                other => other.to_string(),
            };
            StoreError::new(ErrorKind::Connect, redact(url), format!("not a PostgreSQL connection URL: {}", redact(&what)))
        })?;
        Ok(Self { options, password: url_password(url).map(Secret) })
    }

    /// The database the environment names: `DATABASE_URL`, else the standard `PG*` variables
    /// (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`) and `~/.pgpass`.
    pub fn from_env() -> Result<Self, StoreError> {
        match std::env::var("DATABASE_URL") {
            Ok(url) if !url.is_empty() => Self::from_url(&url),
            _ => Ok(Self { options: PgConnectOptions::new(), password: None }),
        }
    }

    /// `url` when given, else [`Self::from_env`].
    pub fn resolve(url: Option<&str>) -> Result<Self, StoreError> {
        match url {
            Some(url) => Self::from_url(url),
            None => Self::from_env(),
        }
    }

    /// The same database with `password` for the login (typed into a prompt, say): used to
    /// connect, never shown or stored, like a password in the URL.
    pub fn with_password(self, password: &str) -> Self {
        Self { options: self.options.password(password), password: Some(Secret(password.to_owned())) }
    }

    /// The connection as libpq's environment variables, for a client program (`pg_dump`)
    /// run against the same database: `PGHOST` (the socket directory for a Unix socket),
    /// `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGAPPNAME`, `PGOPTIONS` where set, and
    /// `PGPASSWORD` where the URL or a prompt gave one (else the child reads `PGPASSWORD` and
    /// `~/.pgpass` as sqlx did). Environment variables, not arguments, so the password never
    /// shows in a process list and a database name is never read as a connection string.
    pub(crate) fn libpq_env(&self) -> Vec<(&'static str, String)> {
        use sqlx::postgres::PgSslMode;
        let o = &self.options;
        let host = match o.get_socket() {
            Some(socket) => socket.to_string_lossy().into_owned(),
            None => o.get_host().to_owned(),
        };
        let ssl = match o.get_ssl_mode() {
            PgSslMode::Disable => "disable",
            PgSslMode::Allow => "allow",
            PgSslMode::Prefer => "prefer",
            PgSslMode::Require => "require",
            PgSslMode::VerifyCa => "verify-ca",
            PgSslMode::VerifyFull => "verify-full",
        };
        let mut env = vec![
            ("PGHOST", host),
            ("PGPORT", o.get_port().to_string()),
            ("PGUSER", o.get_username().to_owned()),
            ("PGSSLMODE", ssl.to_owned()),
            ("PGAPPNAME", "relata".to_owned()),
        ];
        if let Some(db) = o.get_database() {
            env.push(("PGDATABASE", db.to_owned()));
        }
        if let Some(options) = o.get_options() {
            env.push(("PGOPTIONS", options.to_owned()));
        }
        if let Some(Secret(password)) = &self.password {
            env.push(("PGPASSWORD", password.clone()));
        }
        env
    }

    /// The database name, if one is set.
    pub fn name(&self) -> Option<&str> {
        self.options.get_database()
    }

    /// The database as a URL without its password: what messages and sync bases show. A Unix
    /// socket directory travels as the `host` parameter.
    pub fn url_without_password(&self) -> String {
        let o = &self.options;
        let mut url = format!("postgres://{}@", encode(o.get_username()));
        match o.get_socket() {
            Some(_) => url.push_str("localhost"),
            None => url.push_str(&encode_host(o.get_host())),
        }
        url.push_str(&format!(":{}", o.get_port()));
        if let Some(db) = o.get_database() {
            url.push('/');
            url.push_str(&encode(db));
        }
        if let Some(socket) = o.get_socket() {
            url.push_str("?host=");
            url.push_str(&encode(&socket.to_string_lossy()));
        }
        url
    }

    /// Opens a session in UTC with ISO dates, so timestamps print in the registry's spelling.
    pub(crate) async fn connect(&self) -> Result<PgConnection, StoreError> {
        let options = self.options.clone().application_name("relata").options([("TimeZone", "UTC"), ("DateStyle", "ISO, YMD")]);
        PgConnection::connect_with(&options).await.map_err(|e| {
            let refused = matches!(&e, sqlx::Error::Database(d) if d.code().as_deref() == Some(INVALID_PASSWORD));
            let (kind, message) = if refused {
                let user = self.options.get_username();
                (ErrorKind::Authentication, format!("the server refused the login of `{user}`: wrong or missing password"))
            } else {
                (ErrorKind::Connect, format!("cannot connect: {}", redact(&e.to_string())))
            };
            StoreError { kind, path: PathBuf::from(self.url_without_password()), message, source: None }
        })
    }

    /// A database error on this database.
    pub(crate) fn error(&self, doing: &str, err: sqlx::Error) -> StoreError {
        StoreError {
            kind: ErrorKind::Database,
            path: PathBuf::from(self.url_without_password()),
            message: format!("cannot {doing}: {}", redact(&err.to_string())),
            source: Some(Box::new(err)),
        }
    }
}

/// `text` with the password of any `scheme://user:password@` in it replaced by `***`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        out.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let end = rest.find(['/', '?', ' ', '"', '\'']).unwrap_or(rest.len());
        let authority = &rest[..end];
        match (authority.rfind('@'), authority.find(':')) {
            (Some(at), Some(colon)) if colon < at => {
                out.push_str(&authority[..colon]);
                out.push_str(":***");
                out.push_str(&authority[at..]);
            }
            _ => out.push_str(authority),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The password in a `scheme://user:password@host/…` URL, percent-decoded as sqlx decodes it.
fn url_password(url: &str) -> Option<String> {
    let rest = &url[url.find("://")? + 3..];
    let authority = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let userinfo = &authority[..authority.rfind('@')?];
    let encoded = &userinfo[userinfo.find(':')? + 1..];
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A host as a URL writes it: IPv6 addresses in brackets.
fn encode_host(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{redact, Database};

    #[test]
    fn urls_lose_their_password_and_keep_the_rest() {
        let db = Database::from_url("postgres://ann:s3cret@db.example:6543/erd?sslmode=disable").unwrap();
        assert_eq!(db.url_without_password(), "postgres://ann@db.example:6543/erd");
        let db = Database::from_url("postgresql://ann:s3cret@localhost:5433/erd?host=/tmp/pg%20dir").unwrap();
        assert_eq!(db.url_without_password(), "postgres://ann@localhost:5433/erd?host=%2Ftmp%2Fpg%20dir");
        assert_eq!(redact("error: postgres://ann:s3cret@h/db failed"), "error: postgres://ann:***@h/db failed");
        assert_eq!(redact("postgres://ann@h/db"), "postgres://ann@h/db");
    }

    #[test]
    fn the_password_of_a_url_reaches_a_child_process_decoded_and_nothing_else_carries_it() {
        let db = Database::from_url("postgres://ann:s3%40cret%2F@db.example:6543/erd?sslmode=require").unwrap();
        let env = db.libpq_env();
        let get = |k: &str| env.iter().find(|(key, _)| *key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("PGPASSWORD"), Some("s3@cret/"));
        assert_eq!((get("PGHOST"), get("PGPORT"), get("PGUSER"), get("PGDATABASE")), (Some("db.example"), Some("6543"), Some("ann"), Some("erd")));
        assert_eq!(get("PGSSLMODE"), Some("require"));
        assert!(env.iter().filter(|(k, _)| *k != "PGPASSWORD").all(|(_, v)| !v.contains("s3")), "{env:?}");
        let db = Database::from_url("postgres://ann@localhost:5433/erd?host=/tmp/pg").unwrap();
        assert_eq!(db.libpq_env().iter().find(|(k, _)| *k == "PGPASSWORD"), None);
        assert_eq!(db.libpq_env()[0], ("PGHOST", "/tmp/pg".to_owned()));
        assert_eq!(db.clone().with_password("typed").libpq_env().last(), Some(&("PGPASSWORD", "typed".to_owned())));
    }
}
