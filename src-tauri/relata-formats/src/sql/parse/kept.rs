//! Statements Relata keeps rather than models: what kind of object each makes or changes, its
//! name, and the table it belongs to, read from its leading words. The statement's text itself
//! is kept verbatim by the lowering.

use relata_model::KeptKind;
use sqlparser::tokenizer::{Token, TokenWithSpan};

/// What a kept statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptHead {
    /// Its kind.
    pub kind: KeptKind,
    /// The object's name parts (`schema.name` or `name`); empty where the statement names
    /// none.
    pub name: Vec<String>,
    /// The name parts of the table (or view) the statement belongs to, where it belongs to
    /// one.
    pub on: Vec<String>,
}

/// The upper-case text of the `n`th word, if it is an unquoted word.
fn word(words: &[&TokenWithSpan], n: usize) -> Option<String> {
    match words.get(n).map(|t| &t.token) {
        Some(Token::Word(w)) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

/// A dotted name starting at word `n` (identifiers as PostgreSQL folds them): its parts and the
/// index after it.
fn dotted(words: &[&TokenWithSpan], mut n: usize) -> (Vec<String>, usize) {
    let mut parts = Vec::new();
    while let Some(Token::Word(w)) = words.get(n).map(|t| &t.token) {
        parts.push(if w.quote_style.is_some() { w.value.clone() } else { w.value.to_lowercase() });
        n += 1;
        if !matches!(words.get(n).map(|t| &t.token), Some(Token::Period)) {
            break;
        }
        n += 1;
    }
    (parts, n)
}

/// The index of the word naming what a `CREATE` statement makes: after `CREATE`, `OR
/// REPLACE` and the modifiers (`TEMP`, `UNLOGGED`, `UNIQUE`, `TRUSTED`, …).
pub(super) fn created_at(words: &[&TokenWithSpan]) -> usize {
    let mut n = 1;
    if word(words, n).as_deref() == Some("OR") && word(words, n + 1).as_deref() == Some("REPLACE") {
        n += 2;
    }
    while matches!(
        word(words, n).as_deref(),
        Some("TEMP" | "TEMPORARY" | "UNLOGGED" | "GLOBAL" | "LOCAL" | "UNIQUE" | "DEFAULT" | "TRUSTED" | "PROCEDURAL")
    ) {
        n += 1;
    }
    n
}

/// Skips `IF [NOT] EXISTS` and `ONLY` at word `n`.
fn skip_guards(words: &[&TokenWithSpan], mut n: usize) -> usize {
    if word(words, n).as_deref() == Some("IF") {
        n += if word(words, n + 1).as_deref() == Some("NOT") { 3 } else { 2 };
    }
    if word(words, n).as_deref() == Some("ONLY") {
        n += 1;
    }
    n
}

/// The dotted name after the first `keyword` from word `n` on (`ON`, `TO`), `ONLY` skipped.
fn after(words: &[&TokenWithSpan], n: usize, keyword: &str) -> Vec<String> {
    (n..words.len())
        .find(|&i| word(words, i).as_deref() == Some(keyword))
        .map(|i| dotted(words, skip_guards(words, i + 1)).0)
        .unwrap_or_default()
}

/// The kind of object words `n..` name (`FUNCTION`, `MATERIALIZED VIEW`, …) and how many words
/// that takes.
fn object_kind(words: &[&TokenWithSpan], n: usize) -> (KeptKind, usize) {
    let w = |i: usize| word(words, n + i).unwrap_or_default();
    match w(0).as_str() {
        "EXTENSION" => (KeptKind::Extension, 1),
        "SCHEMA" => (KeptKind::Schema, 1),
        "TYPE" => (KeptKind::Type, 1),
        "DOMAIN" => (KeptKind::Domain, 1),
        "COLLATION" => (KeptKind::Collation, 1),
        "FUNCTION" => (KeptKind::Function, 1),
        "PROCEDURE" | "ROUTINE" => (KeptKind::Procedure, 1),
        "AGGREGATE" => (KeptKind::Aggregate, 1),
        "OPERATOR" if matches!(w(1).as_str(), "CLASS" | "FAMILY") => (KeptKind::Operator, 2),
        "OPERATOR" => (KeptKind::Operator, 1),
        "CAST" => (KeptKind::Cast, 1),
        "TEXT" if w(1) == "SEARCH" => (KeptKind::TextSearch, 3),
        "SEQUENCE" => (KeptKind::Sequence, 1),
        "FOREIGN" if w(1) == "TABLE" => (KeptKind::ForeignData, 2),
        "FOREIGN" => (KeptKind::ForeignData, 4),
        "SERVER" => (KeptKind::ForeignData, 1),
        "USER" if w(1) == "MAPPING" => (KeptKind::ForeignData, 2),
        "VIEW" => (KeptKind::View, 1),
        "RECURSIVE" if w(1) == "VIEW" => (KeptKind::View, 2),
        "MATERIALIZED" => (KeptKind::MaterializedView, 2),
        "INDEX" => (KeptKind::Index, 1),
        "TRIGGER" => (KeptKind::Trigger, 1),
        "CONSTRAINT" if w(1) == "TRIGGER" => (KeptKind::Trigger, 2),
        "EVENT" => (KeptKind::EventTrigger, 2),
        "POLICY" => (KeptKind::Policy, 1),
        "RULE" => (KeptKind::Rule, 1),
        "STATISTICS" => (KeptKind::Statistics, 1),
        "PUBLICATION" | "SUBSCRIPTION" => (KeptKind::Publication, 1),
        _ => (KeptKind::Other, 1),
    }
}

/// What a `CREATE …`, `ALTER …`, `COMMENT ON …`, `GRANT`/`REVOKE` or other statement Relata
/// does not model is about. `words` are its tokens without whitespace.
pub fn head(words: &[&TokenWithSpan]) -> KeptHead {
    let first = word(words, 0).unwrap_or_default();
    match first.as_str() {
        "CREATE" => {
            let mut n = created_at(words);
            let (kind, took) = object_kind(words, n);
            n = skip_guards(words, n + took);
            if word(words, n).as_deref() == Some("CONCURRENTLY") {
                n = skip_guards(words, n + 1);
            }
            let (name, next) = dotted(words, n);
            let on = match kind {
                KeptKind::Trigger | KeptKind::Policy | KeptKind::Index => after(words, next, "ON"),
                KeptKind::Rule => after(words, next, "TO"),
                _ => Vec::new(),
            };
            KeptHead { kind, name, on }
        }
        "ALTER" => {
            if word(words, 1).as_deref() == Some("DEFAULT") {
                return KeptHead { kind: KeptKind::Grant, name: Vec::new(), on: Vec::new() };
            }
            let owner = (0..words.len()).any(|i| {
                word(words, i).as_deref() == Some("OWNER") && word(words, i + 1).as_deref() == Some("TO")
            });
            let (object, took) = match word(words, 1).as_deref() {
                Some("TABLE") => (KeptKind::Other, 1),
                _ => object_kind(words, 1),
            };
            let n = skip_guards(words, 1 + took);
            let (name, _) = dotted(words, n);
            let table = word(words, 1).as_deref() == Some("TABLE");
            let row_security = (0..words.len()).any(|i| word(words, i).as_deref() == Some("SECURITY"));
            let kind = match () {
                _ if owner => KeptKind::Owner,
                _ if table && row_security => KeptKind::Policy,
                _ => object,
            };
            let on = if table { name.clone() } else { Vec::new() };
            KeptHead { kind, name, on }
        }
        "COMMENT" => {
            // COMMENT ON <object> name [ON table] IS '…'
            let (_, took) = object_kind(words, 2);
            let (name, next) = dotted(words, 2 + took);
            let on = if word(words, next).as_deref() == Some("ON") { dotted(words, next + 1).0 } else { Vec::new() };
            KeptHead { kind: KeptKind::Comment, name, on }
        }
        "GRANT" | "REVOKE" => {
            // GRANT … ON [TABLE] name TO …: a grant on a table belongs to it.
            let on_at = (1..words.len()).find(|&i| word(words, i).as_deref() == Some("ON"));
            let on = match on_at {
                Some(i) => {
                    let mut n = i + 1;
                    match word(words, n).as_deref() {
                        Some("TABLE") => {
                            n += 1;
                            dotted(words, n).0
                        }
                        Some(
                            "SCHEMA" | "FUNCTION" | "PROCEDURE" | "ROUTINE" | "SEQUENCE" | "TYPE" | "DOMAIN" | "DATABASE"
                            | "LANGUAGE" | "FOREIGN" | "LARGE" | "TABLESPACE" | "ALL" | "PARAMETER",
                        ) => Vec::new(),
                        _ => dotted(words, n).0,
                    }
                }
                None => Vec::new(),
            };
            KeptHead { kind: KeptKind::Grant, name: on.clone(), on }
        }
        "SECURITY" => KeptHead { kind: KeptKind::Other, name: Vec::new(), on: Vec::new() },
        _ => KeptHead { kind: KeptKind::Other, name: Vec::new(), on: Vec::new() },
    }
}
