//! Editing a column that a DBML `TablePartial` brings: the table form's "edit the partial".
//! [`partial_of`] says which partial brought a table's column and how many tables use it;
//! [`column_edit`] turns a change of that column into one edit: the partial's verbatim text
//! rewritten on the column's line, and the column in every table that injects it, so the
//! export still writes `~name` and says the new definition once.
//!
//! Only the column's own line is rewritten: its type, and among its settings `null` /
//! `not null`, `default`, `note` and `increment`; every other setting, the comments and the
//! rest of the partial stay as written. Where the line cannot be read that way (settings over
//! several lines, a default DBML cannot spell) the edit is instead a put in every table, each
//! of which then defines the column itself, overriding the partial ([`PartialEdit::Override`]).

use std::collections::HashSet;

use relata_model::dbml::DbmlPartial;
use relata_model::{Edit, Registry, Signal, TableRef};

use super::text;

/// Where a table's column comes from when a partial brought it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialUse {
    /// The partial's name (`~name`).
    pub partial: String,
    /// How many tables inject the partial with this column (this one included).
    pub tables: usize,
    /// Whether the partial's text can be rewritten for this column (else an edit makes every
    /// table using it override the partial).
    pub rewritable: bool,
}

/// What [`column_edit`] does.
#[derive(Debug, Clone, PartialEq)]
pub enum PartialEdit {
    /// An [`Edit::PutPartial`]: the partial's text and the column in every table using it.
    Rewrite(Edit),
    /// An [`Edit::Batch`] of puts: every table using the partial defines the column itself.
    Override(Edit),
}

impl PartialEdit {
    /// The edit to apply.
    pub fn edit(self) -> Edit {
        match self {
            PartialEdit::Rewrite(edit) | PartialEdit::Override(edit) => edit,
        }
    }
}

/// The partial that brought `column` into `table`, if one did.
pub fn partial_of(registry: &Registry, table: &TableRef, column: &str) -> Option<PartialUse> {
    let (partial, users) = users(registry, table, column)?;
    let rewritable = registry
        .signals
        .iter()
        .find(|s| s.table.as_ref() == Some(table) && s.column == column)
        .is_some_and(|s| rewrite_column(&partial.text, column, s, &enum_names(registry)).is_some());
    Some(PartialUse { partial: partial.name.clone(), tables: users.len(), rewritable })
}

/// The edit that gives `column` of `table`, a column a partial brought, the type, nullability,
/// default, note and increment of `signal`, in every table using the partial; `None` when no
/// partial brought it.
pub fn column_edit(registry: &Registry, table: &TableRef, column: &str, signal: &Signal) -> Option<PartialEdit> {
    let (partial, users) = users(registry, table, column)?;
    let signals: Vec<Signal> = users
        .iter()
        .filter_map(|t| registry.signals.iter().find(|s| s.table.as_ref() == Some(t) && s.column == column))
        .map(|s| Signal {
            data_type: signal.data_type.clone(),
            nullable: signal.nullable,
            default: signal.default.clone(),
            description: signal.description.clone(),
            spec: relata_model::ColumnSpec { identity: signal.spec.identity.clone(), ..s.spec.clone() },
            ..s.clone()
        })
        .collect();
    Some(match rewrite_column(&partial.text, column, signal, &enum_names(registry)) {
        Some(text) => PartialEdit::Rewrite(Edit::PutPartial { name: partial.name.clone(), text, signals }),
        None => {
            let label = format!("Define {column} in the {} tables using ~{}, over the partial", signals.len(), partial.name);
            PartialEdit::Override(Edit::Batch { label, edits: signals.into_iter().map(|signal| Edit::PutSignal { signal }).collect() })
        }
    })
}

/// The partial that brought `column` into `table`, with every table that injects it with
/// that column, in registry order.
fn users<'r>(registry: &'r Registry, table: &TableRef, column: &str) -> Option<(&'r DbmlPartial, Vec<TableRef>)> {
    let dbml = &registry.dbml;
    let name = &dbml.table(table)?.injects.iter().find(|i| i.columns.iter().any(|c| c == column))?.partial;
    let partial = dbml.partials.iter().find(|p| p.name == *name)?;
    let users = dbml
        .tables
        .iter()
        .filter(|t| t.injects.iter().any(|i| i.partial == *name && i.columns.iter().any(|c| c == column)))
        .map(|t| t.table.clone())
        .collect();
    Some((partial, users))
}

fn enum_names(registry: &Registry) -> HashSet<(String, String)> {
    registry.enums.iter().map(|e| (e.schema.clone(), e.name.clone())).collect()
}

/// `text` (a `TablePartial`) with the line of `column` saying what `signal` says; `None` when
/// that line cannot be found once at the partial's top level or read as `name type [settings]`
/// on one line, or when DBML cannot spell the default.
pub fn rewrite_column(text: &str, column: &str, signal: &Signal, enums: &HashSet<(String, String)>) -> Option<String> {
    let mut depth = 0usize;
    let mut found: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if depth == 1 && leading_name(body.trim_start()).is_some_and(|n| n == column) {
            if found.is_some() {
                return None;
            }
            found = Some((at, at + body.len()));
        }
        depth = depth.checked_add_signed(brace_balance(body))?;
        at += line.len();
    }
    let (start, end) = found?;
    let line = &text[start..end];
    // A block comment may stand anywhere in the line; such a line is left as written.
    if line.contains("/*") {
        return None;
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let rest = line.trim_start();
    let name_len = leading_name(rest).map(|_| name_span(rest))??;
    let (name, after) = rest.split_at(name_len);
    let after = after.trim_start();
    // The type runs to the settings, a comment or the line's end.
    let type_end = type_span(after)?;
    let after_type = after[type_end..].trim_start();
    let (settings, tail) = match after_type.strip_prefix('[') {
        Some(inside) => {
            let close = closing_bracket(inside)?;
            (split_settings(&inside[..close]), inside[close + 1..].trim_start())
        }
        None => (Vec::new(), after_type),
    };
    if !(tail.is_empty() || tail.starts_with("//")) {
        return None;
    }

    let mut out_settings: Vec<String> = Vec::new();
    let is = |s: &str, word: &str| s.trim().eq_ignore_ascii_case(word);
    let key = |s: &str| s.split_once(':').map(|(k, _)| k.trim().to_ascii_lowercase());
    let pk = settings.iter().any(|s| is(s, "pk") || is(s, "primary key"));
    let mut placed = [false; 4];
    let wanted: [Option<String>; 4] = [
        (!signal.nullable && !pk).then(|| "not null".to_owned()),
        match &signal.default {
            Some(sql) => Some(format!("default: {}", text::default(sql)?)),
            None => None,
        },
        signal.description.as_ref().map(|d| format!("note: {}", text::string(d))),
        signal.spec.identity.is_some().then(|| "increment".to_owned()),
    ];
    for setting in &settings {
        let slot = if is(setting, "not null") || is(setting, "null") {
            Some(0)
        } else if key(setting).as_deref() == Some("default") {
            Some(1)
        } else if key(setting).as_deref() == Some("note") {
            Some(2)
        } else if is(setting, "increment") {
            Some(3)
        } else {
            None
        };
        match slot {
            // A setting of the kinds this edit decides is replaced where it stood.
            Some(n) => {
                if !placed[n] {
                    placed[n] = true;
                    out_settings.extend(wanted[n].clone());
                }
            }
            None => out_settings.push(setting.trim().to_owned()),
        }
    }
    for (n, value) in wanted.iter().enumerate() {
        if !placed[n] {
            out_settings.extend(value.clone());
        }
    }

    let mut new_line = String::with_capacity(line.len() + 16);
    new_line.push_str(indent);
    new_line.push_str(name);
    new_line.push(' ');
    let names: HashSet<(&str, &str)> = enums.iter().map(|(s, n)| (s.as_str(), n.as_str())).collect();
    super::push_column_type(&mut new_line, &names, &signal.data_type);
    if !out_settings.is_empty() {
        new_line.push_str(" [");
        new_line.push_str(&out_settings.join(", "));
        new_line.push(']');
    }
    if !tail.is_empty() {
        new_line.push(' ');
        new_line.push_str(tail);
    }
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    out.push_str(&new_line);
    out.push_str(&text[end..]);
    Some(out)
}

/// The name a column line starts with (quotes removed), if it starts with one.
fn leading_name(line: &str) -> Option<String> {
    let len = name_span(line)?;
    let name = &line[..len];
    Some(match name.strip_prefix('"') {
        Some(quoted) => unescape(&quoted[..quoted.len() - 1]),
        None => name.to_owned(),
    })
}

/// The length of the word or `"…"` name at the start of `line`.
fn name_span(line: &str) -> Option<usize> {
    if let Some(quoted) = line.strip_prefix('"') {
        let close = closing_quote(quoted, '"')?;
        return Some(close + 2);
    }
    let end = line.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(line.len());
    (end > 0).then_some(end)
}

/// The length of the column type at the start of `rest`: a `"…"` type, or text up to the
/// settings' `[`, a `//` comment or the end, its parentheses balanced; an array suffix (`[]`,
/// `[3]`) written against the type is part of it.
fn type_span(rest: &str) -> Option<usize> {
    if let Some(quoted) = rest.strip_prefix('"') {
        return Some(closing_quote(quoted, '"')? + 2);
    }
    let mut depth = 0i32;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '[' if depth == 0 => {
                let inner = &rest[i + 1..i + 1 + rest[i + 1..].find(']')?];
                let attached = !rest[..i].ends_with(char::is_whitespace);
                if !(attached && inner.chars().all(|c| c.is_ascii_digit())) {
                    return Some(rest[..i].trim_end().len()).filter(|&n| n > 0);
                }
            }
            '/' if depth == 0 && rest[i..].starts_with("//") => return Some(rest[..i].trim_end().len()).filter(|&n| n > 0),
            _ => {}
        }
    }
    let len = rest.trim_end().len();
    (len > 0).then_some(len)
}

/// Where the `]` closing settings is in `inside` (the text after `[`), skipping quoted text.
fn closing_bracket(inside: &str) -> Option<usize> {
    let mut chars = inside.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' | '"' | '`' => {
                let close = closing_quote(&inside[i + 1..], c)?;
                // Skip to the closing quote.
                for _ in inside[i + 1..i + 1 + close + 1].chars() {
                    chars.next();
                }
            }
            ']' => return Some(i),
            _ => {}
        }
    }
    None
}

/// The settings between `[` and `]`, split at the commas outside quotes and parentheses.
fn split_settings(inside: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut depth = 0i32;
    for c in inside.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q != '`' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            },
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// Where the unescaped `quote` closing the text is in `rest` (the text after the opening one).
fn closing_quote(rest: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote != '`' {
            escaped = true;
        } else if c == quote {
            return Some(i);
        }
    }
    None
}

/// The `{` less the `}` of a line, outside quotes and comments.
fn brace_balance(line: &str) -> isize {
    let mut balance = 0;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q != '`' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '/' if chars.peek() == Some(&'/') => break,
                '{' => balance += 1,
                '}' => balance -= 1,
                _ => {}
            },
        }
    }
    balance
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}
