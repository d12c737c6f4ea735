//! What differs between SQL databases, as documented methods with defaults on one trait, so
//! the printers never ask "is this PostgreSQL?". The defaults are PostgreSQL's; [`Postgres`]
//! takes them all. Another dialect overrides what differs.

use std::borrow::Cow;

use relata_model::{IndexMethod, MatchType, ReferentialAction};

use super::keywords;

/// The SQL dialect a printer writes.
pub trait Dialect {
    /// The dialect's name, for the header comment of a script.
    fn name(&self) -> &'static str;

    /// The longest identifier in bytes. PostgreSQL keeps 63 (`NAMEDATALEN - 1`) and silently
    /// truncates longer ones; printers shorten longer names themselves instead.
    fn max_identifier_bytes(&self) -> usize {
        63
    }

    /// Whether `word` is a keyword that cannot be a bare table, column or other object name.
    /// Default: PostgreSQL 15's reserved and type/function-name keywords.
    fn is_reserved(&self, word: &str) -> bool {
        keywords::is_reserved(word)
    }

    /// Whether `name` may be written without quotes: it would read back as itself. Default:
    /// lower-case ASCII letters, digits and `_`, not starting with a digit, and not
    /// [reserved](Dialect::is_reserved). (PostgreSQL folds unquoted names to lower case, so
    /// `Order` must be quoted to stay `Order`.)
    fn is_bare_identifier(&self, name: &str) -> bool {
        // Bytes rather than chars: a bare name is ASCII, and any byte of a multi-byte
        // character fails the test just as the character would.
        let bytes = name.as_bytes();
        let first_ok = bytes.first().is_some_and(|b| b.is_ascii_lowercase() || *b == b'_');
        first_ok && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_') && !self.is_reserved(name)
    }

    /// `name` as an identifier: bare when [allowed](Dialect::is_bare_identifier), else in
    /// double quotes with `"` doubled.
    fn quote_identifier<'a>(&self, name: &'a str) -> Cow<'a, str> {
        if self.is_bare_identifier(name) {
            Cow::Borrowed(name)
        } else {
            Cow::Owned(format!("\"{}\"", name.replace('"', "\"\"")))
        }
    }

    /// `text` as a string literal: in single quotes with `'` doubled. That is exact in
    /// PostgreSQL with `standard_conforming_strings = on`, the default since 9.1 (backslashes
    /// are then plain characters).
    fn string_literal(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 2);
        self.push_string_literal(&mut out, text);
        out
    }

    /// Appends [`Dialect::string_literal`]`(text)` to `out`; printers call this one, so a
    /// dialect that spells literals otherwise overrides both.
    fn push_string_literal(&self, out: &mut String, text: &str) {
        out.push('\'');
        for (n, piece) in text.split('\'').enumerate() {
            if n > 0 {
                out.push_str("''");
            }
            out.push_str(piece);
        }
        out.push('\'');
    }

    /// The column type to write for a `signal_registry.data_type`. Default: as written, since
    /// the registry spells types the PostgreSQL way.
    fn column_type<'a>(&self, data_type: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(data_type)
    }

    /// Whether the database has schemas (`CREATE SCHEMA IF NOT EXISTS`, qualified names).
    fn supports_schemas(&self) -> bool {
        true
    }

    /// Whether `schema` exists in a fresh database, so a script need not (and, without the
    /// right to create schemas, must not try to) create it. Default: `public`.
    fn schema_exists_by_default(&self, schema: &str) -> bool {
        schema == "public"
    }

    /// Whether enum types are declared apart from tables (`CREATE TYPE … AS ENUM`).
    fn supports_enum_types(&self) -> bool {
        true
    }

    /// Whether foreign keys may be `DEFERRABLE [INITIALLY DEFERRED]`.
    fn supports_deferrable(&self) -> bool {
        true
    }

    /// Whether foreign keys may say `MATCH FULL`.
    fn supports_match_full(&self) -> bool {
        true
    }

    /// Whether tables and columns take comments (`COMMENT ON …`).
    fn supports_comments(&self) -> bool {
        true
    }

    /// Whether indexes may be partial (`CREATE INDEX … WHERE …`).
    fn supports_partial_indexes(&self) -> bool {
        true
    }

    /// Whether `method` can index several columns at once. Default: all but hash (PostgreSQL's
    /// hash indexes take one column). Printers index several columns with B-tree instead, and
    /// say so in a comment.
    fn supports_multicolumn_index(&self, method: IndexMethod) -> bool {
        method != IndexMethod::Hash
    }

    /// The access-method clause of `CREATE INDEX … ON table <clause> (…)`, or `None` for the
    /// default method. Default: nothing for B-tree, `USING <method>` otherwise.
    fn index_method_clause(&self, method: IndexMethod) -> Option<String> {
        match method {
            IndexMethod::Btree => None,
            other => Some(format!("USING {}", relata_model::Vocabulary::as_str(other))),
        }
    }

    /// The `MATCH` clause of a foreign key, or `None` for the default (`MATCH SIMPLE`).
    fn match_clause(&self, match_type: MatchType) -> Option<&'static str> {
        match match_type {
            MatchType::Simple => None,
            MatchType::Full => self.supports_match_full().then_some("MATCH FULL"),
        }
    }

    /// The words of a referential action (`ON DELETE <words>`), or `None` when it is the
    /// database's default (`NO ACTION`) and need not be written.
    fn referential_action(&self, action: ReferentialAction) -> Option<&'static str> {
        match action {
            ReferentialAction::Restrict => Some("RESTRICT"),
            ReferentialAction::Cascade => Some("CASCADE"),
            ReferentialAction::SetNull => Some("SET NULL"),
            ReferentialAction::SetDefault => Some("SET DEFAULT"),
            ReferentialAction::NoAction => None,
        }
    }
}

/// PostgreSQL (15 and later): every default of [`Dialect`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Postgres;

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }
}
