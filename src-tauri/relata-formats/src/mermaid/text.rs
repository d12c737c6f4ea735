//! Mermaid erDiagram's lexical forms, as the grammar of Mermaid 11 (`erDiagram.jison`) reads
//! them: entity aliases, attribute words (types and names) and quoted text.

/// An entity name made of the schema and table, `schema__table`, in the characters Mermaid's
/// entity-name token takes everywhere (ASCII letters, digits, `_`); every other character
/// becomes `_`. The `__` in the middle keeps it from ever equalling a keyword (`end`, `one`,
/// `style`), and a leading digit, which the lexer would read as a number, gets an `e_` prefix.
/// Two tables may give the same base; [`Aliases`] makes them unique.
pub fn alias_base(schema: &str, table: &str) -> String {
    relata_model::mermaid::printed_name(schema, table)
}

/// An attribute type or name as one attribute word. Mermaid's attribute token is
/// `[*A-Za-z_\u00C0-\uFFFF][A-Za-z0-9\-_\[\]().,\u00C0-\uFFFF*]*`, so `numeric(10,2)`,
/// `varchar(255)` and `text[]` pass unchanged; any other character (space, quote, `:`) becomes
/// `_`, a word that would start with a digit or `-` gets a `_` prefix, and the words `PK`,
/// `FK`, `UK` (any case), which the lexer reads as key markers, get a `_` suffix.
pub fn attribute_word(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-' | '[' | ']' | '(' | ')' | '.' | ',' => c,
            // Astral characters reach the lexer as surrogate pairs, also in \u00C0-\uFFFF.
            c if (c as u32) >= 0xC0 && !c.is_whitespace() && !c.is_control() => c,
            _ => '_',
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || (c as u32) >= 0xC0) {
        out.insert(0, '_');
    }
    if matches!(out.to_ascii_uppercase().as_str(), "PK" | "FK" | "UK") {
        out.push('_');
    }
    out
}

/// Whether `text` is one attribute word as it is: `[*A-Za-z_\u00C0-\uFFFF]` then
/// `[A-Za-z0-9\-_\[\]().,\u00C0-\uFFFF*]*`, not starting with a key marker (`PK`, `FK`, `UK`
/// followed by no word character, which the lexer takes first).
fn is_plain_attribute_word(text: &str) -> bool {
    use super::parse::lexer::{is_attribute_char, is_attribute_start};
    let mut chars = text.chars();
    let starts = chars.next().is_some_and(is_attribute_start);
    let key = text.get(..2).is_some_and(|k| ["PK", "FK", "UK"].iter().any(|m| k.eq_ignore_ascii_case(m)))
        && !text[2..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    starts && chars.all(is_attribute_char) && !key
}

/// Whether `text` reads back whole between backquotes (`` `first name` ``): Mermaid takes
/// anything but a backquote there; a line break or `%%` would meet its comment handling.
fn fits_backquotes(text: &str) -> bool {
    // A `~` would start Mermaid's generic-type word, which its lexer tries first.
    !text.is_empty() && !text.contains(['`', '\n', '\r', '~']) && !text.contains("%%") && !contains_direction(text)
}

/// Whether `data_type` is a generic type Mermaid reads whole as it is (`List~int~`): no
/// blank, two `~` or more.
fn is_generic_type(data_type: &str) -> bool {
    data_type.matches('~').count() >= 2 && !data_type.chars().any(char::is_whitespace) && !data_type.contains('`')
}

/// Appends `text` as one attribute word Mermaid reads back as `text`: as it is when it is
/// an attribute word, between backquotes otherwise (`` `timestamp with time zone` ``), and as
/// [`attribute_word`]`(text)` only where neither reads back whole (a backquote inside).
pub fn push_attribute_word(out: &mut String, text: &str) {
    if is_plain_attribute_word(text) {
        out.push_str(text);
    } else if fits_backquotes(text) {
        out.push('`');
        out.push_str(text);
        out.push('`');
    } else {
        out.push_str(&attribute_word(text));
    }
}

/// What Mermaid reads back from [`push_attribute_word`]`(text)`.
pub fn read_back_word(text: &str) -> String {
    if is_plain_attribute_word(text) || fits_backquotes(text) {
        text.to_owned()
    } else {
        attribute_word(text)
    }
}

/// What Mermaid reads back from [`push_attribute_type`]`(data_type)`.
pub fn read_back_type(data_type: &str) -> String {
    match data_type.strip_suffix('?') {
        Some(base) if is_plain_attribute_word(base) => data_type.to_owned(),
        _ if is_generic_type(data_type) => data_type.to_owned(),
        _ if is_plain_attribute_word(data_type) || fits_backquotes(data_type) => data_type.to_owned(),
        _ => attribute_type(data_type),
    }
}

/// Whether an attribute comment reads back as it is between quotes: Mermaid's comment token
/// takes anything but `"`; a line break (where a `%%` comment line or a `direction` line could
/// start) and control characters are mapped.
fn comment_as_is(text: &str) -> bool {
    !text.contains('"') && !text.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) && !contains_direction(text)
}

/// Appends an attribute comment for inside `"…"`: as it is where Mermaid reads it back so
/// (`100%` included), else as [`quoted_text`] maps it.
pub fn push_comment_text(out: &mut String, text: &str) {
    if comment_as_is(text) {
        out.push_str(text);
    } else {
        out.push_str(&quoted_text(text));
    }
}

/// What Mermaid reads back from [`push_comment_text`]`(text)`.
pub fn read_back_comment(text: &str) -> String {
    if comment_as_is(text) {
        text.to_owned()
    } else {
        quoted_text(text)
    }
}

/// Appends a relationship's label for inside `"…"`: as it is where Mermaid reads it back so
/// (no `"`, no `direction TB`), else as [`quoted_text`] maps it.
pub fn push_label_text(out: &mut String, text: &str) {
    if text.contains('"') || contains_direction(text) {
        out.push_str(&quoted_text(text));
    } else {
        out.push_str(text);
    }
}

/// A column type as one attribute word: [`attribute_word`] of the type, except that a
/// qualified SQL name (`"Sales Dept"."order state"`, an enum type) keeps its dot between the
/// parts' words (`Sales_Dept.order_state`) instead of turning its quotes into `_`.
pub fn attribute_type(data_type: &str) -> String {
    match crate::dbml::text::sql_name_parts(data_type) {
        Some(parts) if parts.len() > 1 => attribute_word(
            &parts
                .iter()
                .map(|p| attribute_word(p))
                .collect::<Vec<_>>()
                .join("."),
        ),
        _ => attribute_word(data_type),
    }
}

/// Appends a column type as [`push_attribute_word`] does, and `string?` (Mermaid's optional
/// type: a word and `?`) as it is.
pub fn push_attribute_type(out: &mut String, data_type: &str) {
    match data_type.strip_suffix('?') {
        Some(base) if is_plain_attribute_word(base) => out.push_str(data_type),
        _ if is_generic_type(data_type) => out.push_str(data_type),
        _ if is_plain_attribute_word(data_type) || fits_backquotes(data_type) => push_attribute_word(out, data_type),
        _ => out.push_str(&attribute_type(data_type)),
    }
}

/// Text for inside `"…"` (entity labels, relationship labels, attribute comments). Mermaid's
/// quoted-string tokens stop at `"` and (for labels) refuse `%` and `\`; line breaks would end
/// the statement. So `"` becomes `'`, `%` and `\` their full-width look-alikes `％` and `＼`,
/// and control characters (line breaks, tabs) a space. Mermaid's lexer also takes any line
/// holding `direction TB` (or BT, RL, LR; any case) for a direction statement, even inside
/// quotes, so the space there becomes `_`.
pub fn quoted_text(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '%' => '％',
            '\\' => '＼',
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => ' ',
            c => c,
        })
        .collect();
    break_direction(&mapped)
}

/// Appends [`quoted_text`]`(text)` to `out`.
pub fn push_quoted_text(out: &mut String, text: &str) {
    // Most text has nothing to map: no byte that starts a mapped character (`"`, `%`, `\`,
    // a control character, or 0xC2 and 0xE2, which start the C1 controls and U+2028/2029
    // among others) and no `direction`. Such text is copied whole.
    let mapped = |b: &u8| matches!(b, b'"' | b'%' | b'\\' | 0x00..=0x1F | 0x7F | 0xC2 | 0xE2);
    let unchanged = !text.bytes().any(|b| mapped(&b)) && !contains_direction(text);
    if unchanged {
        out.push_str(text);
    } else {
        out.push_str(&quoted_text(text));
    }
}

/// The word that starts a direction statement.
const DIRECTION: &str = "direction";

/// Whether `text` holds [`DIRECTION`] in any case.
fn contains_direction(text: &str) -> bool {
    // `| 0x20` lower-cases an ASCII letter: a cheap test of the first byte before the rest.
    text.as_bytes()
        .windows(DIRECTION.len())
        .any(|w| w[0] | 0x20 == b'd' && w.eq_ignore_ascii_case(DIRECTION.as_bytes()))
}

/// Replaces the whitespace of every `direction <TB|BT|RL|LR>` with `_`.
fn break_direction(text: &str) -> String {
    const WORD: &str = DIRECTION;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.to_ascii_lowercase().find(WORD) {
        let (before, from) = rest.split_at(at + WORD.len());
        out.push_str(before);
        let spaces = from.len() - from.trim_start().len();
        let after = &from[spaces..];
        let direction = after.get(..2).map(str::to_ascii_uppercase);
        if spaces > 0 && matches!(direction.as_deref(), Some("TB" | "BT" | "RL" | "LR")) {
            out.push('_');
            rest = after;
        } else {
            rest = from;
        }
    }
    out.push_str(rest);
    out
}

/// `name` as Mermaid reads it back as one entity name: as it is when it is one word of the
/// grammar (`order-items`, `größe`), else in quotes (`"line items"`); `None` when neither
/// reads back as `name` (a keyword such as `end`, a name with `%` or `"`).
pub fn entity_name(name: &str) -> Option<String> {
    if super::parse::lexer::is_bare_entity_name(name) {
        Some(name.to_owned())
    } else if super::parse::lexer::is_quotable_entity_name(name) && !contains_direction(name) {
        Some(format!("\"{name}\""))
    } else {
        None
    }
}

/// Unique aliases, handed out in call order: the second table with the same
/// [`alias_base`] gets `_2`, the third `_3`, skipping any alias already taken.
#[derive(Debug, Default)]
pub struct Aliases {
    taken: std::collections::HashSet<String>,
}

impl Aliases {
    /// Takes `name` when no table has it yet.
    pub fn take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// The alias of the next table.
    pub fn next(&mut self, schema: &str, table: &str) -> String {
        let base = alias_base(schema, table);
        let mut alias = base.clone();
        let mut n = 2;
        while !self.taken.insert(alias.clone()) {
            alias = format!("{base}_{n}");
            n += 1;
        }
        alias
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_words_and_unique() {
        let mut aliases = Aliases::default();
        assert_eq!(aliases.next("core_data", "orders"), "core_data__orders");
        assert_eq!(aliases.next("Sales Dept", "order"), "Sales_Dept__order");
        assert_eq!(aliases.next("Sales.Dept", "order"), "Sales_Dept__order_2");
        assert_eq!(aliases.next("9x", "größe"), "e_9x__gr__e");
    }

    #[test]
    fn attribute_words_keep_what_the_grammar_accepts() {
        assert_eq!(attribute_word("numeric(10,2)"), "numeric(10,2)");
        assert_eq!(
            attribute_word("timestamp with time zone"),
            "timestamp_with_time_zone"
        );
        assert_eq!(attribute_word("O'Brien \"nick\""), "O_Brien__nick_");
        assert_eq!(attribute_word("pk"), "pk_");
        assert_eq!(
            quoted_text("sort Direction  lr, \"100%\""),
            "sort Direction_lr, '100％'"
        );
        assert_eq!(attribute_word("1st"), "_1st");
        assert_eq!(attribute_word("größe"), "größe");
        assert_eq!(
            attribute_type("\"Sales Dept\".\"order state\""),
            "Sales_Dept.order_state"
        );
    }
}
