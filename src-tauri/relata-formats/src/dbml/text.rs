//! DBML's lexical forms: identifiers, string literals, notes, comments, colours, column types
//! and defaults, spelled the way `@dbml/parse` (the parser inside `@dbml/core`) reads them.

use std::fmt::Write;

/// Words that mean something at the start of a line inside a DBML block; a name spelled like
/// one is always quoted so the parser never mistakes a column for a `Note:` or `indexes {`.
const KEYWORDS: &[&str] = &[
    "as",
    "checks",
    "dep",
    "diagramview",
    "enum",
    "false",
    "indexes",
    "note",
    "null",
    "pk",
    "project",
    "records",
    "ref",
    "table",
    "tablegroup",
    "tablepartial",
    "true",
    "unique",
];

/// An identifier: bare when it is a plain ASCII word, else `"…"` with DBML's escapes.
pub fn ident(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_ident(&mut out, name);
    out
}

/// Appends [`ident`]`(name)` to `out`.
pub fn push_ident(out: &mut String, name: &str) {
    if is_plain(name) {
        out.push_str(name);
    } else {
        push_quoted(out, name, '"');
    }
}

/// An identifier always quoted, `"…"`: for enum values, which may be any text.
pub fn ident_quoted(name: &str) -> String {
    quoted(name, '"')
}

/// A schema-qualified name, `schema.table`, each part quoted as it needs.
pub fn qualified(schema: &str, name: &str) -> String {
    let mut out = String::with_capacity(schema.len() + name.len() + 1);
    push_qualified(&mut out, schema, name);
    out
}

/// Appends [`qualified`]`(schema, name)` to `out`.
pub fn push_qualified(out: &mut String, schema: &str, name: &str) {
    push_ident(out, schema);
    out.push('.');
    push_ident(out, name);
}

/// A single-line string literal `'…'`: every quote, backslash and line break escaped.
pub fn string(text: &str) -> String {
    quoted(text, '\'')
}

/// Appends [`string`]`(text)` to `out`.
pub fn push_string(out: &mut String, text: &str) {
    push_quoted(out, text, '\'');
}

/// A `Note:` value: a `'''` multi-line string when the text has several lines, else a
/// single-line literal. `indent` is the indentation of the lines inside the `'''` block.
///
/// `@dbml/parse` reads every note through [`note_as_read`], whatever its quoting, so a note's
/// leading blank lines and the indentation common to all its lines do not survive DBML (a limit
/// of the format's reader, not of this printer). The closing `'''` follows the last line
/// directly: on a line of its own, its indentation would be read as one more line.
pub fn note(text: &str, indent: &str) -> String {
    let mut out = String::new();
    push_note(&mut out, text, indent);
    out
}

/// Appends [`note`]`(text, indent)` to `out`.
pub fn push_note(out: &mut String, text: &str, indent: &str) {
    if !text.contains('\n') {
        return push_string(out, text);
    }
    out.push_str("'''");
    // A note of blank lines only is read as its last line, indentation and all: nothing is
    // added to it then.
    let indent = if text.chars().all(|c| c == '\n' || js_space(c)) { "" } else { indent };
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(indent);
            // The closing quotes follow the last line: a quote there is next to them.
            escape_multiline_into(line, lines.peek().is_none(), out);
        }
    }
    out.push_str("'''");
}

/// A note's text as @dbml/core reads it, whatever its quoting (its `Np` step, after the
/// escapes are decoded): the lines before the first non-blank one are dropped, then the
/// smallest indentation of the non-blank lines is removed from every line. A text of blank
/// lines only keeps its last line. Whitespace is JavaScript's (`trimStart`), so U+FEFF counts
/// and U+0085 does not. Borrowed when nothing changes.
///
/// So a note's leading blank lines, and an indentation common to all its lines, cannot
/// survive DBML: no quoting or escape keeps them from this step.
pub fn note_as_read(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let space = js_space;
    let blank = |l: &str| l.chars().all(space);
    let indent = |l: &str| l.chars().take_while(|&c| space(c)).count();
    // Most notes are one line that starts with a letter: nothing to do.
    if !text.starts_with(space) && !text.contains('\n') {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len() - 1);
    let lines = &lines[first..];
    let Some(common) = lines.iter().filter(|l| !blank(l)).map(|l| indent(l)).min() else {
        return Cow::Owned(lines.join("\n"));
    };
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.char_indices().nth(common).map_or("", |(at, _)| &l[at..]))
        .collect();
    let joined = kept.join("\n");
    if joined == text { Cow::Borrowed(text) } else { Cow::Owned(joined) }
}

/// Whether `c` is whitespace to JavaScript's `trimStart` (which @dbml/core dedents notes
/// with): Unicode's White_Space but U+0085, plus U+FEFF.
fn js_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}'
}

/// `// …` comment lines (each ending in a newline) holding `text`, at `indent`.
pub fn comment(text: &str, indent: &str) -> String {
    let mut out = String::new();
    push_comment(&mut out, text, indent);
    out
}

/// Appends [`comment`]`(text, indent)` to `out`.
pub fn push_comment(out: &mut String, text: &str, indent: &str) {
    for line in text.split('\n') {
        let line = line.trim_end();
        out.push_str(indent);
        out.push_str(if line.is_empty() { "//" } else { "// " });
        out.push_str(line);
        out.push('\n');
    }
}

/// A colour DBML accepts as a colour literal (`#rgb` or `#rrggbb`), as given.
pub fn color(text: &str) -> Option<&str> {
    let hex = text.strip_prefix('#')?;
    (matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(text)
}

/// A column type: bare when DBML reads it back unchanged (`uuid`, `varchar(255)`,
/// `numeric(10,2)`, `text[]`), else quoted whole (`"timestamp with time zone"`).
pub fn column_type(data_type: &str) -> String {
    let mut out = String::with_capacity(data_type.len() + 2);
    push_column_type(&mut out, data_type);
    out
}

/// Appends [`column_type`]`(data_type)` to `out`.
pub fn push_column_type(out: &mut String, data_type: &str) {
    if is_bare_type(data_type) {
        out.push_str(data_type);
    } else {
        push_quoted(out, data_type, '"');
    }
}

/// A column default as DBML spells it: a number, a string, `true`/`false`/`null`, or a
/// backtick expression for anything else (`now()`, `gen_random_uuid()`). `None` when the
/// expression holds a backtick, which a DBML expression cannot contain.
pub fn default(sql: &str) -> Option<String> {
    let text = sql.trim();
    if is_number(text) {
        return Some(text.to_owned());
    }
    if let Some(value) = sql_string(text) {
        return Some(string(&value));
    }
    let lower = text.to_ascii_lowercase();
    if matches!(lower.as_str(), "true" | "false" | "null") {
        return Some(lower);
    }
    (!text.contains('`')).then(|| format!("`{text}`"))
}

/// The value of an SQL string literal `'…'` (quotes doubled inside), with any trailing cast
/// (`'free'::text`) dropped, since a DBML default is the literal itself.
pub fn sql_string(text: &str) -> Option<String> {
    let rest = text.strip_prefix('\'')?;
    let mut value = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\'' {
            value.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == '\'') {
            chars.next();
            value.push('\'');
        } else {
            let after = &rest[at + 1..];
            return (after.is_empty() || after.starts_with("::")).then_some(value);
        }
    }
    None
}

/// Splits an SQL type name into its dot-separated parts, unquoting `"…"` parts: `a.b`,
/// `"Sales Dept"."order state"`. `None` when the text is not a plain qualified name.
pub fn sql_name_parts(text: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut part = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        part.push('"');
                    }
                    '"' => break,
                    c => part.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == '.' {
                    break;
                }
                if !(c.is_alphanumeric() || c == '_') {
                    return None;
                }
                part.push(c);
                chars.next();
            }
            if part.is_empty() {
                return None;
            }
        }
        parts.push(part);
        match chars.next() {
            None => return Some(parts),
            Some('.') => {}
            Some(_) => return None,
        }
    }
}

fn is_plain(name: &str) -> bool {
    // Bytes rather than chars: a plain name is ASCII, and any byte of a multi-byte character
    // fails the test just as the character would.
    let bytes = name.as_bytes();
    bytes.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        && !KEYWORDS.iter().any(|k| name.eq_ignore_ascii_case(k))
}

fn is_bare_type(data_type: &str) -> bool {
    let (base, rest) = data_type.split_at(data_type.find(['(', '[']).unwrap_or(data_type.len()));
    if !is_plain(base) {
        return false;
    }
    let rest = match rest.strip_prefix('(') {
        Some(args) => match args.split_once(')') {
            Some((inner, after))
                if inner
                    .split(',')
                    .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
            {
                after
            }
            _ => return false,
        },
        None => rest,
    };
    is_array_suffix(rest)
}

/// Whether `rest` is nothing or array dimensions DBML reads after a type: `[]`, `[3]`,
/// `[2][3]`, `[1,2]`.
fn is_array_suffix(rest: &str) -> bool {
    let mut rest = rest;
    while let Some(inner) = rest.strip_prefix('[') {
        let Some((sizes, after)) = inner.split_once(']') else { return false };
        if !sizes.is_empty() && !sizes.split(',').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            return false;
        }
        rest = after;
    }
    rest.is_empty()
}

/// Whether `text` is a DBML number: digits with an optional fraction (`3.14`, `7.`) and
/// exponent (`1e5`, `2.5e-3`), after an optional `-`.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(at) => (&digits[..at], Some(&digits[at + 1..])),
        None => (digits, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()) && exponent_ok
}

/// Escapes inside a multi-line string: as [`escape_into`], but a lone `'` stays as written
/// (`the customer's`); only quotes next to another quote are escaped, so `'''` never appears.
fn escape_multiline_into(line: &str, quote_after: bool, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    for (n, &c) in chars.iter().enumerate() {
        let next = chars.get(n + 1).copied().or(quote_after.then_some('\''));
        let next_to_quote = (n > 0 && chars[n - 1] == '\'') || next == Some('\'');
        if c == '\'' && !next_to_quote {
            out.push(c);
        } else {
            escape_into(c.encode_utf8(&mut [0; 4]), '\'', out);
        }
    }
}

fn quoted(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text, quote);
    out
}

fn push_quoted(out: &mut String, text: &str, quote: char) {
    out.push(quote);
    escape_into(text, quote, out);
    if text.is_empty() && quote == '"' {
        // An empty quoted identifier is not a name; DBML has no way to spell one. An empty
        // string (`''`) is a value like any other and stays empty.
        out.push('_');
    }
    out.push(quote);
}

/// DBML string escapes (`@dbml/parse`'s lexer): backslash, the quote, and line breaks; other
/// control characters as `\uHHHH`, which the lexer decodes.
fn escape_into(text: &str, quote: char, out: &mut String) {
    // Most text needs no escape: copy it whole up to the first byte that may need one, and go
    // character by character only from there.
    let clean = text.bytes().position(|b| may_need_escape(b, quote)).unwrap_or(text.len());
    out.push_str(&text[..clean]);
    for c in text[clean..].chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() && (c as u32) < 0x1_0000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Whether byte `b` may start a character [`escape_into`] escapes: the quote, a backslash, an
/// ASCII control character, or `0xC2`, the first byte of the C1 controls U+0080–U+009F (and
/// of other characters, which the slow path then copies as they are). Always a character
/// boundary, so the text can be cut there.
fn may_need_escape(b: u8, quote: char) -> bool {
    b == quote as u8 || b == b'\\' || b < 0x20 || b == 0x7F || b == 0xC2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_map_to_dbml_literals() {
        assert_eq!(default("0").as_deref(), Some("0"));
        assert_eq!(default("-1.5").as_deref(), Some("-1.5"));
        assert_eq!(default("1e5").as_deref(), Some("1e5"));
        assert_eq!(default("7.").as_deref(), Some("7."));
        assert_eq!(default("'it''s'::text").as_deref(), Some("'it\\'s'"));
        assert_eq!(default("FALSE").as_deref(), Some("false"));
        assert_eq!(default("now()").as_deref(), Some("`now()`"));
        assert_eq!(default("'a' || 'b'").as_deref(), Some("`'a' || 'b'`"));
        assert_eq!(default("`x`"), None);
    }

    #[test]
    fn notes_read_as_dbml_core_reads_them() {
        assert_eq!(note_as_read("plain"), "plain");
        assert_eq!(note_as_read("  lead"), "lead");
        assert_eq!(note_as_read("\n\n  a\n    b\n  "), "a\n  b\n");
        // Blank lines only: @dbml/core keeps the last one as it is.
        assert_eq!(note_as_read("\n  \n "), " ");
        assert_eq!(note_as_read(""), "");
        // JavaScript's whitespace: U+FEFF is some, U+0085 is none.
        assert_eq!(note_as_read("\u{FEFF}x"), "x");
        assert_eq!(note_as_read("\u{85}x"), "\u{85}x");
    }

    #[test]
    fn empty_strings_stay_empty_and_multi_line_notes_close_after_their_last_line() {
        // Regression: an empty default was written as '_' (issue 13).
        assert_eq!(string(""), "''");
        assert_eq!(default("''").as_deref(), Some("''"));
        assert_eq!(ident(""), "\"_\"");
        assert_eq!(note("a\nb", "    "), "'''\n    a\n    b'''");
        // A quote at the very end would close the string early: it is escaped.
        assert_eq!(note("a\nit's'", "  "), "'''\n  a\n  it's\\''''");
        // Regression (the string proptest): a note of blank lines only gets no indentation,
        // which DBML would read as part of its last line.
        assert_eq!(note("\n\t", "    "), "'''\n\n\\t'''");
    }

    #[test]
    fn types_are_bare_only_when_dbml_reads_them_back_unchanged() {
        assert_eq!(column_type("numeric(10,2)"), "numeric(10,2)");
        assert_eq!(column_type("text[]"), "text[]");
        assert_eq!(column_type("int[2][3]"), "int[2][3]");
        assert_eq!(column_type("int[x]"), "\"int[x]\"");
        assert_eq!(column_type("numeric(10, 2)"), "\"numeric(10, 2)\"");
        assert_eq!(
            column_type("timestamp with time zone"),
            "\"timestamp with time zone\""
        );
    }

    #[test]
    fn sql_names_split_into_unquoted_parts() {
        assert_eq!(
            sql_name_parts("\"Sales Dept\".\"order state\""),
            Some(vec!["Sales Dept".into(), "order state".into()])
        );
        assert_eq!(
            sql_name_parts("public.tenant_plan"),
            Some(vec!["public".into(), "tenant_plan".into()])
        );
        assert_eq!(sql_name_parts("numeric(10,2)"), None);
    }
}
