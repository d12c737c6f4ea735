//! What a DBML file says that the registries have no column for, kept so a DBML export writes
//! it back as it was: the `Project` as written, tables' aliases, the refs' colours, how
//! composite keys and indexes were spelt, `TablePartial`s and where tables inject them, and
//! the whole-diagram items (sticky notes, `Records`, `DiagramView`s) verbatim.
//!
//! Everything here describes DBML text; what the registries model (tables, columns, keys,
//! notes, groups) stays in the registries, and an edit there wins over anything kept here.

use serde::{Deserialize, Serialize};

use crate::ids::TableRef;

/// DBML-only data of a workspace: see the module documentation. Empty (the default) for a
/// workspace that never came from DBML.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DbmlExtras {
    /// The `Project` element as written; `None` when the DBML source had none, or the
    /// workspace did not come from DBML (see [`Self::imported`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<DbmlProject>,
    /// Whether a DBML import made these extras: an export then writes a `Project` only when
    /// the source had one, instead of one made from the tables.
    #[serde(default, skip_serializing_if = "is_false")]
    pub imported: bool,
    /// Tables' DBML-only settings, one entry per table that has any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<DbmlTable>,
    /// Refs' DBML-only settings, by relationship key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<DbmlRef>,
    /// `TablePartial`s, verbatim, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partials: Vec<DbmlPartial>,
    /// Sticky notes, `Records` and `DiagramView`s, verbatim, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<DbmlItem>,
}

impl DbmlExtras {
    /// Whether nothing is kept (serde leaves the field out then).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The extras of the tables `keep` keeps: theirs and those of no table.
    pub fn only_tables(&self, keep: impl Fn(&TableRef) -> bool) -> Self {
        let mut out = self.clone();
        out.tables.retain(|t| keep(&t.table));
        out.items.retain(|i| i.table.as_ref().is_none_or(&keep));
        out
    }

    /// The extras of `table`, if it has any.
    pub fn table(&self, table: &TableRef) -> Option<&DbmlTable> {
        self.tables.iter().find(|t| t.table == *table)
    }

    /// The extras of the ref whose relationship has `key`, if it has any.
    pub fn ref_(&self, key: &str) -> Option<&DbmlRef> {
        self.refs.iter().find(|r| r.key == key)
    }
}

/// `Project name { database_type: '…' key: value Note: '…' }`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DbmlProject {
    /// The project's name, when written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its settings in source order, `database_type` included, each value as DBML text
    /// (`'PostgreSQL'`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<DbmlSetting>,
    /// Its note, as read (dedented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One `key: value` setting, its value as DBML text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlSetting {
    /// The key, as written.
    pub name: String,
    /// The value as DBML text: `'PostgreSQL'`, `#aabbcc`, `42`.
    pub value: String,
}

/// A table's DBML-only settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlTable {
    /// The table.
    pub table: TableRef,
    /// `Table name as alias`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The composite primary key was written `[pk, unique]`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pk_unique: bool,
    /// The indexes written with an explicit `type: btree` (the registry's default method,
    /// which the export otherwise leaves unsaid), each by [`index_key`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_btree: Vec<String>,
    /// The partials the table injects (`~name`), each with the number of the table's own
    /// columns written before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<DbmlInjection>,
    /// The indexes its partials brought (by [`index_key`]): the export leaves them to the
    /// partials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_indexes: Vec<String>,
    /// The expressions of the `checks { }` entries its partials brought.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_checks: Vec<String>,
}

impl DbmlTable {
    /// An entry for `table` saying nothing yet.
    pub fn new(table: TableRef) -> Self {
        Self {
            table,
            alias: None,
            pk_unique: false,
            typed_btree: Vec::new(),
            injects: Vec::new(),
            partial_indexes: Vec::new(),
            partial_checks: Vec::new(),
        }
    }

    /// Whether the entry says nothing beyond naming its table.
    pub fn is_empty(&self) -> bool {
        self.alias.is_none()
            && !self.pk_unique
            && self.typed_btree.is_empty()
            && self.injects.is_empty()
            && self.partial_indexes.is_empty()
            && self.partial_checks.is_empty()
    }
}

/// `~partial` in a table's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlInjection {
    /// The partial's name.
    pub partial: String,
    /// How many of the table's own columns come before it.
    pub after: usize,
    /// The columns the partial brought into the table (the table's own columns of the same
    /// name override the partial's and are not listed): the export leaves them to `~name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
}

/// A `TablePartial`, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlPartial {
    /// Its name.
    pub name: String,
    /// Its text, from `TablePartial` to its closing `}`.
    pub text: String,
}

/// A ref's DBML-only settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlRef {
    /// The relationship's key.
    pub key: String,
    /// `color: #…` (one that is not a lineage colour of Relata's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// A whole-diagram element kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbmlItem {
    /// What it is.
    pub kind: DbmlItemKind,
    /// The table it belongs to: the table of `Records`, written inside the table's body when
    /// [`Self::in_table`]; an export of part of a workspace keeps it only with its table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableRef>,
    /// `Records { }` written inside its table's body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_table: bool,
    /// Its text, from its keyword to its closing `}`.
    pub text: String,
}

/// The kind of a [`DbmlItem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DbmlItemKind {
    /// `Note name [settings] { '…' }`.
    StickyNote,
    /// `Records …`.
    Records,
    /// `DiagramView name { … }`.
    DiagramView,
}

/// How [`DbmlTable::typed_btree`] names an index: its name, else its parts as written in
/// DBML's `indexes { }` (`(a, b)`).
pub fn index_key(index: &crate::table::Index) -> String {
    match &index.name {
        Some(name) => name.clone(),
        None => {
            let parts: Vec<String> = index
                .parts
                .iter()
                .map(|p| match &p.key {
                    crate::table::IndexKey::Column(c) => c.clone(),
                    crate::table::IndexKey::Expression(e) => format!("`{e}`"),
                })
                .collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// The `Records` text `text` with its header made to name the table `to` instead of `from`
/// (a top-level `Records` names its table) and the column `column.0` as `column.1`; `None`
/// when the header names neither, or is not spelt as `Records [table] [(columns)] {`.
///
/// Only the header is rewritten: the rows are values in column order and name nothing, so a
/// renamed table or column leaves them as they are.
pub fn rename_in_records(text: &str, table: Option<(&TableRef, &TableRef)>, column: Option<(&str, &str)>) -> Option<String> {
    let header = RecordsHeader::read(text)?;
    // Replacements as (byte range, new text), applied from the back so earlier ranges hold.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    if let (Some((from, to)), Some(first), Some(last)) = (table, header.name.first(), header.name.last()) {
        let names: Vec<&str> = header.name.iter().map(|n| n.text.as_str()).collect();
        let matches = match names[..] {
            [table] => table == from.table,
            [schema, table] => schema == from.schema && table == from.table,
            _ => false,
        };
        if matches && from != to {
            let new = if names.len() == 1 && from.schema == to.schema {
                record_ident(&to.table, first.quoted)
            } else {
                format!("{}.{}", record_ident(&to.schema, first.quoted), record_ident(&to.table, last.quoted))
            };
            edits.push((first.span.start..last.span.end, new));
        }
    }
    if let Some((from, to)) = column.filter(|(from, to)| from != to) {
        for name in header.columns.iter().filter(|c| c.text == from) {
            edits.push((name.span.clone(), record_ident(to, name.quoted)));
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut out = text.to_owned();
    for (span, new) in edits {
        out.replace_range(span, &new);
    }
    Some(out)
}

/// What [`edit_view_list`] does with one name of a `DiagramView`'s list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewName {
    /// It stays.
    Keep,
    /// It becomes this DBML text (a name, quoted as it needs).
    Replace(String),
    /// It leaves the list.
    Remove,
}

/// The `DiagramView` `text` with the names of its `part` list (`Tables`, `TableGroups`) edited
/// by `edit`, which gets each name's parts (`["core", "orders"]`); `None` when nothing changes,
/// or a list is spelt in a way this does not read (a comment in it). A list that changes is
/// written on one line, its names separated by `, `.
pub fn edit_view_list(text: &str, part: &str, edit: impl Fn(&[String]) -> ViewName) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut at = 0;
    while let Some(found) = find_word(&text[at..], part) {
        let word_end = at + found + part.len();
        let open = word_end + text[word_end..].len() - text[word_end..].trim_start().len();
        if !text[open..].starts_with('{') {
            out.push_str(&text[at..word_end]);
            at = word_end;
            continue;
        }
        let close = open + text[open..].find('}')?;
        let list = &text[open + 1..close];
        if list.contains("//") || list.contains("/*") {
            return None;
        }
        let mut names: Vec<String> = Vec::new();
        let mut list_changed = false;
        for entry in list.split([',', '\n']).map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                names.push(entry.to_owned());
                continue;
            }
            let mut parts = Vec::new();
            let mut i = 0;
            loop {
                let name = RecordsHeader::name(entry, i)?;
                i = name.span.end;
                parts.push(name.text);
                if !entry[i..].starts_with('.') {
                    break;
                }
                i += 1;
            }
            if i != entry.len() {
                return None;
            }
            match edit(&parts) {
                ViewName::Keep => names.push(entry.to_owned()),
                ViewName::Replace(new) => {
                    list_changed = true;
                    names.push(new);
                }
                ViewName::Remove => list_changed = true,
            }
        }
        out.push_str(&text[at..open]);
        if list_changed {
            changed = true;
            out.push_str(&format!("{{ {} }}", names.join(", ")).replace("{  }", "{ }"));
        } else {
            out.push_str(&text[open..=close]);
        }
        at = close + 1;
    }
    out.push_str(&text[at..]);
    changed.then_some(out)
}

/// Where `word` stands as a whole word in `text` (letters on neither side), case-insensitively.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let word = word.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&word) {
        let at = from + i;
        let before = lower[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after = lower[at + word.len()..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !before && !after {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `name` as DBML spells an identifier in a list: bare when a plain word, else `"…"`.
pub fn dbml_ident(name: &str) -> String {
    record_ident(name, false)
}

/// The `Records` of a table's body written without a column list (`Records {`), whose values
/// follow the table's columns in order, given the list `columns` (the table's columns as they
/// are) and moved out of the body: `Records schema.table(columns) {`. A column added, moved or
/// deleted then leaves its values where they belong. `None` when `text` has a column list
/// already or is spelt some other way.
pub fn records_with_columns(text: &str, table: &TableRef, columns: &[&str]) -> Option<String> {
    let header = RecordsHeader::read(text)?;
    if !header.name.is_empty() || !header.columns.is_empty() {
        return None;
    }
    let names: Vec<String> = columns.iter().map(|c| record_ident(c, false)).collect();
    let keyword = &text[..text.find(|c: char| !c.is_alphabetic())?];
    Some(format!(
        "{keyword} {}.{}({}) {}",
        record_ident(&table.schema, false),
        record_ident(&table.table, false),
        names.join(", "),
        &text[header.body..]
    ))
}

/// What [`records_without_column`] makes of a `Records`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordsEdit {
    /// Its header does not name the column: it stays as it is.
    Unchanged,
    /// The text without the column in its header and its value in every row.
    Text(String),
    /// It has no column left, or its rows cannot be read value by value: it goes.
    Dropped,
}

/// The `Records` `text` (with a column list) without the column `column` and its value in
/// every row, so it still matches its table once the column is deleted.
pub fn records_without_column(text: &str, column: &str) -> RecordsEdit {
    let Some(header) = RecordsHeader::read(text) else { return RecordsEdit::Dropped };
    let Some(k) = header.columns.iter().position(|c| c.text == column) else { return RecordsEdit::Unchanged };
    if header.columns.len() == 1 {
        return RecordsEdit::Dropped;
    }
    let Some(rows) = record_rows(text, header.body) else { return RecordsEdit::Dropped };
    if rows.iter().any(|row| row.len() != header.columns.len()) {
        return RecordsEdit::Dropped;
    }
    // Each removal takes the value with the comma before it (after it, for the first), so the
    // spacing of the rest stays as written.
    let cut = |spans: &[std::ops::Range<usize>]| if k == 0 { spans[0].start..spans[1].start } else { spans[k - 1].end..spans[k].end };
    let mut cuts: Vec<std::ops::Range<usize>> = rows.iter().map(|row| cut(row)).collect();
    let names: Vec<std::ops::Range<usize>> = header.columns.iter().map(|c| c.span.clone()).collect();
    cuts.push(cut(&names));
    cuts.sort_by_key(|c| std::cmp::Reverse(c.start));
    let mut out = text.to_owned();
    for c in cuts {
        out.replace_range(c, "");
    }
    RecordsEdit::Text(out)
}

/// The rows of a `Records` body starting at the `{` at `body`, each as the spans of its values;
/// `None` when a quote or the body is not closed.
fn record_rows(text: &str, body: usize) -> Option<Vec<Vec<std::ops::Range<usize>>>> {
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut row: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = body + 1;
    let finish_value = |row: &mut Vec<std::ops::Range<usize>>, start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            row.push(s..end);
        }
    };
    while at < bytes.len() {
        match bytes[at] {
            b'}' => {
                finish_value(&mut row, &mut start, end);
                if !row.is_empty() {
                    rows.push(row);
                }
                return Some(rows);
            }
            b'\n' => {
                finish_value(&mut row, &mut start, end);
                if !row.is_empty() {
                    rows.push(std::mem::take(&mut row));
                }
                at += 1;
            }
            b',' => {
                // An empty value between commas is no value DBML reads.
                start?;
                finish_value(&mut row, &mut start, end);
                at += 1;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at += text[at..].find('\n').unwrap_or(text.len() - at);
            }
            b' ' | b'\t' | b'\r' => at += 1,
            quote @ (b'\'' | b'"' | b'`') => {
                // A triple-quoted string may run over lines; the others end on theirs.
                let triple = quote == b'\'' && text[at..].starts_with("\'\'\'");
                let close = if triple { text[at + 3..].find("\'\'\'").map(|i| at + 3 + i + 3)? } else { closing(text, at + 1, quote as char)? + 1 };
                start.get_or_insert(at);
                end = close;
                at = close;
            }
            _ => {
                start.get_or_insert(at);
                at += text[at..].find([',', '\n', '}', ' ', '\t', '\r']).unwrap_or(text.len() - at);
                end = at;
            }
        }
    }
    None
}

/// Where the `quote` closing a quoted value that starts at `from` is (after its opening quote).
fn closing(text: &str, from: usize, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text[from..].char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote != '`' {
            escaped = true;
        } else if c == quote {
            return Some(from + i);
        } else if c == '\n' && quote != '`' {
            return None;
        }
    }
    None
}

/// The names a `Records` header is spelt with, each with its place in the text.
struct RecordsHeader {
    /// `table` or `schema.table`; empty for a table's own `Records`.
    name: Vec<RecordsName>,
    /// The column list between `(` and `)`, empty when there is none.
    columns: Vec<RecordsName>,
    /// Where the `{` opening the rows is.
    body: usize,
}

/// One name of a `Records` header.
struct RecordsName {
    /// The name as it reads (quotes and escapes removed).
    text: String,
    /// Where it is spelt, quotes included.
    span: std::ops::Range<usize>,
    /// Whether it was written `"…"`.
    quoted: bool,
}

impl RecordsHeader {
    /// Reads the header of `text`, which starts with the `Records` keyword; `None` when it is
    /// spelt some other way (a comment inside it, say), so a caller leaves such text alone.
    fn read(text: &str) -> Option<Self> {
        let mut at = text.find(|c: char| !c.is_alphabetic())?;
        if !text[..at].eq_ignore_ascii_case("records") {
            return None;
        }
        let skip_space = |at: usize| at + text[at..].len() - text[at..].trim_start().len();
        at = skip_space(at);
        let mut name = Vec::new();
        while let Some(n) = Self::name(text, at) {
            at = n.span.end;
            name.push(n);
            if !text[at..].starts_with('.') {
                break;
            }
            at += 1;
        }
        at = skip_space(at);
        let mut columns = Vec::new();
        if text[at..].starts_with('(') {
            at = skip_space(at + 1);
            while let Some(n) = Self::name(text, at) {
                at = skip_space(n.span.end);
                columns.push(n);
                if !text[at..].starts_with(',') {
                    break;
                }
                at = skip_space(at + 1);
            }
            if !text[at..].starts_with(')') {
                return None;
            }
            at = skip_space(at + 1);
        }
        text[at..].starts_with('{').then_some(Self { name, columns, body: at })
    }

    /// The word or `"…"` name starting at `at`.
    fn name(text: &str, at: usize) -> Option<RecordsName> {
        let rest = &text[at..];
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut name = String::new();
            let mut chars = quoted.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => return Some(RecordsName { text: name, span: at..at + 1 + i + 1, quoted: true }),
                    '\\' => name.push(chars.next()?.1),
                    '\n' => return None,
                    c => name.push(c),
                }
            }
            return None;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        (end > 0).then(|| RecordsName { text: rest[..end].to_owned(), span: at..at + end, quoted: false })
    }
}

/// `name` as a `Records` header spells it: bare when it was bare and is still a plain word,
/// else `"…"` with DBML's escapes for `"` and `\`.
fn record_ident(name: &str, was_quoted: bool) -> String {
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain && !was_quoted {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Whether `value` is `false` (serde's test for leaving a flag out).
fn is_false(value: &bool) -> bool {
    !*value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_headers_are_rewritten_only_where_they_name_the_renamed_table_or_column() {
        let orders = TableRef::new("public", "orders");
        let renamed = TableRef::new("public", "order header");
        let moved = TableRef::new("sales", "orders");
        let rows = " {\n  1, 'a \"quoted\" (value)'\n}";
        let text = format!("Records orders(id, \"note\")\n{rows}");
        assert_eq!(rename_in_records(&text, Some((&orders, &renamed)), None), Some(format!("Records \"order header\"(id, \"note\")\n{rows}")));
        assert_eq!(rename_in_records(&text, Some((&orders, &moved)), None), Some(format!("Records sales.orders(id, \"note\")\n{rows}")));
        // A quoted name stays quoted; escapes are read and written.
        let text = format!("records \"public\".\"orders\" ( id , \"no\\\"te\" ){rows}");
        assert_eq!(
            rename_in_records(&text, None, Some(("no\"te", "memo"))),
            Some(format!("records \"public\".\"orders\" ( id , \"memo\" ){rows}"))
        );
        assert_eq!(
            rename_in_records(&text, Some((&orders, &moved)), None),
            Some(format!("records \"sales\".\"orders\" ( id , \"no\\\"te\" ){rows}"))
        );
        // Another table's records, a column not in the header, and a table's own `Records {`.
        assert_eq!(rename_in_records(&format!("Records customers(id){rows}"), Some((&orders, &renamed)), None), None);
        assert_eq!(rename_in_records(&format!("Records orders(id){rows}"), None, Some(("note", "memo"))), None);
        assert_eq!(rename_in_records(&format!("Records{rows}"), Some((&orders, &renamed)), Some(("id", "key"))), None);
        // A header spelt some other way (a comment in it) is left alone.
        assert_eq!(rename_in_records(&format!("Records orders // sample\n(id){rows}"), Some((&orders, &renamed)), None), None);
    }
    #[test]
    fn a_deleted_column_leaves_records_with_its_value_in_every_row() {
        let text = "Records orders(id, note, total) {\n  1, 'a, b', 2.5 // first\n  2, '''two\nlines, here''', -1\n  3, `now()`, null\n}";
        assert_eq!(
            records_without_column(text, "note"),
            RecordsEdit::Text("Records orders(id, total) {\n  1, 2.5 // first\n  2, -1\n  3, null\n}".into())
        );
        assert_eq!(
            records_without_column(text, "id"),
            RecordsEdit::Text("Records orders(note, total) {\n  'a, b', 2.5 // first\n  '''two\nlines, here''', -1\n  `now()`, null\n}".into())
        );
        assert_eq!(records_without_column(text, "missing"), RecordsEdit::Unchanged);
        assert_eq!(records_without_column("Records t(id) {\n  1\n}", "id"), RecordsEdit::Dropped, "no column left");
        assert_eq!(records_without_column("Records t(a, b) {\n  1\n}", "a"), RecordsEdit::Dropped, "a row that does not match its columns");
        let orders = TableRef::new("sales", "order lines");
        assert_eq!(
            records_with_columns("Records {\n    1, 2\n  }", &orders, &["id", "line no"]),
            Some("Records sales.\"order lines\"(id, \"line no\") {\n    1, 2\n  }".into())
        );
        assert_eq!(records_with_columns("Records t(id) {\n}", &orders, &["id"]), None, "it has its columns");
    }
    #[test]
    fn diagram_view_lists_are_edited_name_by_name() {
        let view = "DiagramView v\n{\n  Tables {\n    orders\n    \"core\".\"order lines\"\n  }\n  TableGroups { * }\n  Notes { orders }\n}";
        let rename = |parts: &[String]| match parts {
            [t] if t == "orders" => ViewName::Replace("purchases".into()),
            [s, t] if s == "core" && t == "order lines" => ViewName::Remove,
            _ => ViewName::Keep,
        };
        // Only the `Tables` list: a note of the same name stays.
        assert_eq!(
            edit_view_list(view, "Tables", rename),
            Some("DiagramView v\n{\n  Tables { purchases }\n  TableGroups { * }\n  Notes { orders }\n}".into())
        );
        assert_eq!(edit_view_list(view, "TableGroups", rename), None, "`*` names nothing");
        assert_eq!(edit_view_list("DiagramView v {\n  Tables { orders // kept\n  }\n}", "Tables", rename), None, "a comment in the list");
        assert_eq!(edit_view_list("DiagramView v { Tables { orders } }", "Tables", |_| ViewName::Remove), Some("DiagramView v { Tables { } }".into()));
    }
}
