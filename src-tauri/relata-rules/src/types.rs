//! PostgreSQL type names as `signal_registry.data_type` spells them: recognising them
//! leniently and deciding whether two of them can meet in a foreign key.

/// A `data_type` reduced to what matters for comparison: its base type family and how many
/// array dimensions it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PgType {
    /// Canonical family name (`integer`, `text`, `timestamptz`, …) for PostgreSQL's own types;
    /// the lower-cased name without modifiers and schema for anything else.
    pub base: String,
    /// Whether `base` is a PostgreSQL built-in (or accepted extension) type.
    pub builtin: bool,
    /// Array dimensions (`text[]` has 1).
    pub dims: usize,
}

/// How well two column types fit a foreign key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// The same type family.
    Same,
    /// PostgreSQL accepts the key, but the types differ in a way that invites bugs.
    Loose,
    /// PostgreSQL refuses the key, or it could never match.
    Incompatible,
}

/// Built-in names → canonical family. Names not listed here but in [`OTHER_BUILTINS`] are
/// their own family.
const ALIASES: &[(&str, &str)] = &[
    ("int", "integer"),
    ("int4", "integer"),
    ("integer", "integer"),
    ("serial", "integer"),
    ("serial4", "integer"),
    ("bigint", "bigint"),
    ("int8", "bigint"),
    ("bigserial", "bigint"),
    ("serial8", "bigint"),
    ("smallint", "smallint"),
    ("int2", "smallint"),
    ("smallserial", "smallint"),
    ("serial2", "smallint"),
    ("text", "text"),
    ("varchar", "text"),
    ("character varying", "text"),
    ("char", "text"),
    ("character", "text"),
    ("bpchar", "text"),
    ("name", "text"),
    ("citext", "text"),
    ("numeric", "numeric"),
    ("decimal", "numeric"),
    ("real", "real"),
    ("float4", "real"),
    ("double precision", "double precision"),
    ("float8", "double precision"),
    ("float", "double precision"),
    ("bool", "boolean"),
    ("boolean", "boolean"),
    ("timestamp", "timestamp"),
    ("timestamp without time zone", "timestamp"),
    ("timestamptz", "timestamptz"),
    ("timestamp with time zone", "timestamptz"),
    ("time", "time"),
    ("time without time zone", "time"),
    ("timetz", "timetz"),
    ("time with time zone", "timetz"),
    ("bit varying", "varbit"),
    ("varbit", "varbit"),
];

/// Built-in and common extension types that are their own family.
const OTHER_BUILTINS: &[&str] = &[
    "uuid",
    "json",
    "jsonb",
    "date",
    "interval",
    "bytea",
    "money",
    "inet",
    "cidr",
    "macaddr",
    "macaddr8",
    "xml",
    "bit",
    "tsvector",
    "tsquery",
    "point",
    "line",
    "lseg",
    "box",
    "path",
    "polygon",
    "circle",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "int4multirange",
    "int8multirange",
    "nummultirange",
    "tsmultirange",
    "tstzmultirange",
    "datemultirange",
    "oid",
    "regclass",
    "regtype",
    "regproc",
    "pg_lsn",
    "txid_snapshot",
    "pg_snapshot",
    "hstore",
    "ltree",
    "geometry",
    "geography",
    "vector",
];

/// Families between which PostgreSQL has cross-type comparison operators in one operator
/// family, so a foreign key is accepted although the types differ.
const LOOSE_GROUPS: &[&[&str]] =
    &[&["smallint", "integer", "bigint"], &["real", "double precision"], &["date", "timestamp", "timestamptz"]];

/// Child families that PostgreSQL casts implicitly to a parent family, so that a foreign key from
/// the child accepts the parent's equality operator although no cross-type one exists
/// (`ATAddForeignKeyConstraint` falls back to an implicit cast of the referencing type). One way
/// only: a `numeric` child of an `integer` key is refused, an `integer` child of a `numeric` key
/// is accepted.
const IMPLICIT_CASTS: &[(&str, &[&str])] = &[
    ("smallint", &["numeric", "real", "double precision"]),
    ("integer", &["numeric", "real", "double precision"]),
    ("bigint", &["numeric", "real", "double precision"]),
    ("numeric", &["real", "double precision"]),
    ("time", &["timetz", "interval"]),
];

impl PgType {
    /// Reads a `data_type`. `extra` lists further accepted type names (lower case).
    pub fn parse(data_type: &str, extra: &[String]) -> Self {
        let mut text = data_type.trim().to_ascii_lowercase().replace('"', "");
        let mut dims = 0;
        loop {
            let trimmed = text.trim_end();
            if let Some(rest) = trimmed.strip_suffix(']') {
                // `text[]` or `integer[3]`.
                match rest.rfind('[') {
                    Some(open) => {
                        text = rest[..open].to_owned();
                        dims += 1;
                    }
                    None => break,
                }
            } else if let Some(rest) = trimmed.strip_suffix(" array") {
                text = rest.to_owned();
                dims += 1;
            } else {
                text = trimmed.to_owned();
                break;
            }
        }
        let words = strip_modifiers(&text);
        let unqualified = words.strip_prefix("pg_catalog.").unwrap_or(&words).to_owned();
        let (base, builtin) = canonical(&unqualified, extra);
        Self { base, builtin, dims }
    }

    /// How well a child column of this type can reference a parent column of `parent`.
    pub fn fit(&self, parent: &PgType) -> Fit {
        if self.dims != parent.dims {
            return Fit::Incompatible;
        }
        if self.base == parent.base {
            return Fit::Same;
        }
        if !self.builtin && !parent.builtin && unqualified(&self.base) == unqualified(&parent.base) {
            // `public.tenant_plan` against `tenant_plan`.
            return Fit::Same;
        }
        let loose = LOOSE_GROUPS.iter().any(|g| g.contains(&self.base.as_str()) && g.contains(&parent.base.as_str()))
            || IMPLICIT_CASTS.iter().any(|(child, parents)| *child == self.base && parents.contains(&parent.base.as_str()));
        if loose {
            Fit::Loose
        } else {
            Fit::Incompatible
        }
    }
}

/// Removes `(…)` modifiers anywhere (`numeric(19,4)`, `time(3) with time zone`) and collapses
/// white space.
fn strip_modifiers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn canonical(name: &str, extra: &[String]) -> (String, bool) {
    if let Some((_, family)) = ALIASES.iter().find(|(n, _)| *n == name) {
        return ((*family).to_owned(), true);
    }
    if OTHER_BUILTINS.contains(&name) || extra.iter().any(|e| e.eq_ignore_ascii_case(name)) {
        return (name.to_owned(), true);
    }
    // `interval year to month`, `interval second`: interval with a field restriction.
    if name.starts_with("interval ") {
        return ("interval".to_owned(), true);
    }
    (name.to_owned(), false)
}

fn unqualified(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::{Fit, PgType};

    fn t(s: &str) -> PgType {
        PgType::parse(s, &[])
    }

    #[test]
    fn common_spellings_are_builtin() {
        for s in [
            "varchar(255)",
            "numeric(19,4)",
            "NUMERIC(19, 4)",
            "timestamp with time zone",
            "timestamp(3) without time zone",
            "text[]",
            "integer[][]",
            "int ARRAY",
            "json",
            "jsonb",
            "inet",
            "bigint",
            "character varying(10)",
            "double precision",
            "interval day to second",
            "pg_catalog.int4",
            "bit varying(8)",
        ] {
            assert!(t(s).builtin, "{s}");
        }
        assert!(!t("tenant_plan").builtin);
        assert!(!t("strng").builtin);
        assert!(PgType::parse("Vector2", &["vector2".into()]).builtin);
    }

    #[test]
    fn fits() {
        assert_eq!(t("varchar(2)").fit(&t("char(2)")), Fit::Same);
        assert_eq!(t("text").fit(&t("character varying")), Fit::Same);
        assert_eq!(t("int").fit(&t("int4")), Fit::Same);
        assert_eq!(t("int8").fit(&t("bigint")), Fit::Same);
        assert_eq!(t("integer").fit(&t("bigint")), Fit::Loose);
        assert_eq!(t("timestamp").fit(&t("timestamptz")), Fit::Loose);
        assert_eq!(t("uuid").fit(&t("text")), Fit::Incompatible);
        assert_eq!(t("uuid").fit(&t("uuid[]")), Fit::Incompatible);
        assert_eq!(t("public.tenant_plan").fit(&t("tenant_plan")), Fit::Same);
        // PostgreSQL casts an integer child to the numeric key, never a numeric child to an integer key.
        assert_eq!(t("integer").fit(&t("numeric")), Fit::Loose);
        assert_eq!(t("numeric").fit(&t("integer")), Fit::Incompatible);
    }
}
