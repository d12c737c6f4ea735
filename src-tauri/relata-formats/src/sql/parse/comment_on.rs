//! A fast path for `COMMENT ON TABLE | COLUMN name IS '…' | NULL`, which is most of an
//! exported script's statements (one per described table and column) and, through sqlparser's
//! tokenizer, most of the import's time. A small exact scanner reads the statement's text
//! into the very [`Statement::Comment`] sqlparser would build (the same identifiers, quote
//! styles and spans); anything it does not fully recognise — comments inside the statement,
//! `IF EXISTS`, `E'…'` and other prefixed strings, backslashes, spaces around a `.`, non-ASCII
//! or `$` in an unquoted name — is left to sqlparser, so results and diagnostics never differ.

use sqlparser::ast::{CommentObject, Ident, ObjectName, ObjectNamePart, Statement};
use sqlparser::tokenizer::{Location, Span};

use super::ast::Pos;

/// Reads `text` (one statement without its `;`, starting at `start` in the file) when it is a
/// plain `COMMENT ON TABLE | COLUMN`; `None` leaves it to sqlparser.
pub(crate) fn comment_on(text: &str, start: Pos) -> Option<Statement> {
    let mut s = Scanner { bytes: text.as_bytes(), text, at: 0, line: u64::from(start.line), column: u64::from(start.column) };
    s.keyword("COMMENT")?;
    s.whitespace()?;
    s.keyword("ON")?;
    s.whitespace()?;
    let object_type = if s.keyword("TABLE").is_some() {
        CommentObject::Table
    } else if s.keyword("COLUMN").is_some() {
        CommentObject::Column
    } else {
        return None;
    };
    s.whitespace()?;
    let mut parts = Vec::new();
    loop {
        parts.push(ObjectNamePart::Identifier(s.identifier()?));
        if s.peek() != Some(b'.') {
            break;
        }
        s.advance(1);
    }
    s.whitespace()?;
    s.keyword("IS")?;
    s.whitespace()?;
    let comment = if s.peek() == Some(b'\'') {
        Some(s.literal()?)
    } else {
        s.keyword("NULL")?;
        None
    };
    // Only whitespace may follow (the `;` is not part of the text); `'a' 'b'` and the like
    // are sqlparser's to read.
    if s.at < s.bytes.len() {
        s.whitespace()?;
        if s.at < s.bytes.len() {
            return None;
        }
    }
    Some(Statement::Comment { object_type, object_name: ObjectName(parts), comment, if_exists: false })
}

/// A cursor over one statement's text that keeps sqlparser's notion of place: lines counted
/// at `\n`, columns in characters, both 1-based and already in the file's coordinates.
struct Scanner<'a> {
    /// The statement's text as bytes, for the ASCII tests.
    bytes: &'a [u8],
    /// The statement's text, for slicing names and literals.
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
    /// The file line of the next character.
    line: u64,
    /// The file column (in characters) of the next character.
    column: u64,
}

impl Scanner<'_> {
    /// The next byte, if any.
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Where the next character is, as sqlparser's tokenizer would say.
    fn location(&self) -> Location {
        Location::new(self.line, self.column)
    }

    /// Moves past `n` bytes of ASCII text with no line break.
    fn advance(&mut self, n: usize) {
        self.at += n;
        self.column += n as u64;
    }

    /// Moves past the text up to byte `end`, counting its lines and characters.
    fn advance_counting(&mut self, end: usize) {
        for c in self.text[self.at..end].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.at = end;
    }

    /// The unquoted word `keyword` (any case), ending where a word must end.
    fn keyword(&mut self, keyword: &str) -> Option<()> {
        let end = self.at + keyword.len();
        let word = self.bytes.get(self.at..end)?;
        if !word.eq_ignore_ascii_case(keyword.as_bytes()) || self.bytes.get(end).is_some_and(|&b| continues_word(b)) {
            return None;
        }
        self.advance(keyword.len());
        Some(())
    }

    /// One or more of the characters sqlparser's tokenizer reads as whitespace.
    fn whitespace(&mut self) -> Option<()> {
        let from = self.at;
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.column = 1;
                }
                b' ' | b'\t' | b'\r' => self.advance(1),
                _ => break,
            }
        }
        (self.at > from).then_some(())
    }

    /// An unquoted ASCII name or a `"…"` name (`""` inside is one `"`), with its span.
    fn identifier(&mut self) -> Option<Ident> {
        let start = self.location();
        match self.peek()? {
            b'"' => {
                let mut value = String::new();
                let mut from = self.at + 1;
                let mut i = from;
                loop {
                    match *self.bytes.get(i)? {
                        b'"' if self.bytes.get(i + 1) == Some(&b'"') => {
                            value.push_str(&self.text[from..=i]);
                            i += 2;
                            from = i;
                        }
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                value.push_str(&self.text[from..i]);
                // sqlparser's reading of an empty quoted name is not worth copying here.
                if value.is_empty() {
                    return None;
                }
                self.advance_counting(i + 1);
                Some(Ident { value, quote_style: Some('"'), span: Span::new(start, self.location()) })
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let len = self.bytes[self.at..].iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_').count();
                let end = self.at + len;
                // `$`, a non-ASCII letter or a quote would make the tokenizer read something
                // else (a longer word, a prefixed string).
                if self.bytes.get(end).is_some_and(|&b| b == b'$' || b >= 0x80 || b == b'\'' || b == b'"') {
                    return None;
                }
                let value = self.text[self.at..end].to_owned();
                self.advance(len);
                Some(Ident { value, quote_style: None, span: Span::new(start, self.location()) })
            }
            _ => None,
        }
    }

    /// A `'…'` literal (`''` inside is one `'`); a backslash is left to sqlparser.
    fn literal(&mut self) -> Option<String> {
        let mut value = String::new();
        let mut from = self.at + 1;
        let mut i = from;
        loop {
            match *self.bytes.get(i)? {
                b'\'' if self.bytes.get(i + 1) == Some(&b'\'') => {
                    value.push_str(&self.text[from..=i]);
                    i += 2;
                    from = i;
                }
                b'\'' => break,
                b'\\' => return None,
                _ => i += 1,
            }
        }
        value.push_str(&self.text[from..i]);
        // Nothing after the literal has a span, so its characters need not be counted.
        self.at = i + 1;
        Some(value)
    }
}

/// Whether byte `b` would continue an unquoted word in sqlparser's PostgreSQL tokenizer (or
/// start a string glued to it), so the word read so far is not a whole token.
fn continues_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 || b == b'\'' || b == b'"'
}

#[cfg(test)]
mod tests {
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;

    use super::*;

    /// What sqlparser reads from `text`, spans included (its `PartialEq` ignores spans, so
    /// trees are compared through `Debug`).
    fn sqlparser_reads(text: &str) -> String {
        let statements = Parser::parse_sql(&PostgreSqlDialect {}, text).expect("sqlparser reads it");
        format!("{:?}", statements[0])
    }

    #[test]
    fn recognised_comments_read_exactly_as_sqlparser_reads_them() {
        let start = Pos { line: 1, column: 1 };
        for text in [
            "COMMENT ON TABLE t IS 'x'",
            "comment on column public.t.c is 'it''s'",
            "COMMENT ON TABLE \"We\"\"ird\".\"T\" IS 'two\nlines, é'",
            "COMMENT ON COLUMN \"A b\".c IS NULL",
            "COMMENT\tON\r\nTABLE Mixed_Case9 IS ''  \n",
            "COMMENT ON TABLE \"t\"\n  IS\n'x'",
        ] {
            let ours = comment_on(text, start).unwrap_or_else(|| panic!("recognised: {text}"));
            assert_eq!(format!("{ours:?}"), sqlparser_reads(text), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_sqlparser() {
        let start = Pos { line: 1, column: 1 };
        for text in [
            "COMMENT ON SCHEMA s IS 'x'",
            "COMMENT IF EXISTS ON TABLE t IS 'x'",
            "COMMENT ON TABLE t IS E'x'",
            "COMMENT ON TABLE t IS 'a\\b'",
            "COMMENT ON TABLE t IS 'x' 'y'",
            "COMMENT ON TABLE t IS $$x$$",
            "COMMENT ON TABLE t IS 'x' -- note",
            "COMMENT ON TABLE t . c IS 'x'",
            "COMMENT ON TABLE t$1 IS 'x'",
            "COMMENT ON TABLE té IS 'x'",
            "COMMENT ON TABLE \"\" IS 'x'",
            "COMMENT ON TABLE t IS 'never closed",
            "COMMENTS ON TABLE t IS 'x'",
        ] {
            assert!(comment_on(text, start).is_none(), "{text}");
        }
    }
}
