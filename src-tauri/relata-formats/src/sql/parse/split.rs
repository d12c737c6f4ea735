//! Splitting a script into statements at top-level `;`, before any statement is parsed, so
//! one statement sqlparser cannot read costs that statement and not the rest of the file.
//! This is not an SQL parser: it only knows what can hide a `;` (strings, quoted names,
//! dollar quotes, comments) and psql's backslash commands, which end at the line's end.

use super::ast::Pos;

/// One statement's text: `text[start..end]` (without its `;`), starting at `pos`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// Byte offset of the statement's first character.
    pub start: usize,
    /// Byte offset just past its last character (the `;` or the end of the text).
    pub end: usize,
    /// Where it starts.
    pub pos: Pos,
    /// A psql backslash command (`\connect`, `\restrict`), not SQL.
    pub meta: bool,
}

/// Something that never closes: what, and where it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unclosed {
    /// `a /* comment`.
    pub what: &'static str,
    /// Where it opens.
    pub pos: Pos,
}

/// The statements of `text`, in order, and a comment that never closes outside any statement
/// (inside one, the tokenizer reports what never closes).
pub(crate) fn split(text: &str) -> (Vec<Chunk>, Option<Unclosed>) {
    let mut scanner = Scanner { bytes: text.as_bytes(), text, at: 0, line: 1, column: 1 };
    let mut chunks = Vec::new();
    loop {
        // Between statements: whitespace and comments.
        let unclosed = scanner.skip_trivia();
        if unclosed.is_some() {
            return (chunks, unclosed);
        }
        if scanner.at >= scanner.bytes.len() {
            return (chunks, None);
        }
        let start = scanner.at;
        let pos = scanner.pos();
        if scanner.bytes[start] == b'\\' {
            // A psql meta-command runs to the end of its line.
            while scanner.at < scanner.bytes.len() && scanner.bytes[scanner.at] != b'\n' {
                scanner.bump();
            }
            chunks.push(Chunk { start, end: scanner.at, pos, meta: true });
            continue;
        }
        let end = scanner.statement();
        chunks.push(Chunk { start, end, pos, meta: false });
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    line: u32,
    column: u32,
}

impl Scanner<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    /// Moves past one character, counting lines and (character) columns.
    fn bump(&mut self) {
        let Some(&b) = self.bytes.get(self.at) else {
            return;
        };
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
        self.at += 1;
        // Continuation bytes of a multi-byte character count with their first byte.
        while self.at < self.bytes.len() && self.bytes[self.at] & 0xC0 == 0x80 {
            self.at += 1;
        }
    }

    /// Moves past the run of ASCII bytes from the cursor for which `plain` holds, none of them
    /// a line break, so the column moves by one per byte; at least one character (through
    /// [`Scanner::bump`] when the first is not plain). Most of a statement is such runs.
    fn skip_run(&mut self, plain: impl Fn(u8) -> bool) {
        let bytes = &self.bytes[self.at..];
        let n = bytes.iter().position(|&b| !(b.is_ascii() && b != b'\n' && plain(b))).unwrap_or(bytes.len());
        if n == 0 {
            self.bump();
        } else {
            self.at += n;
            self.column += n as u32;
        }
    }

    fn peek(&self, n: usize) -> Option<u8> {
        self.bytes.get(self.at + n).copied()
    }

    /// Skips whitespace and comments; a `/*` that never closes is returned.
    fn skip_trivia(&mut self) -> Option<Unclosed> {
        loop {
            match (self.peek(0), self.peek(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.bump(),
                (Some(b'-'), Some(b'-')) => self.line_comment(),
                (Some(b'/'), Some(b'*')) => {
                    let pos = self.pos();
                    if !self.block_comment() {
                        return Some(Unclosed { what: "a /* comment", pos });
                    }
                }
                _ => return None,
            }
        }
    }

    fn line_comment(&mut self) {
        while self.at < self.bytes.len() && self.bytes[self.at] != b'\n' {
            self.bump();
        }
    }

    /// Skips a (nesting) block comment; false when it never closes.
    fn block_comment(&mut self) -> bool {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            match (self.peek(0), self.peek(1)) {
                (Some(b'/'), Some(b'*')) => {
                    depth += 1;
                    self.bump();
                    self.bump();
                }
                (Some(b'*'), Some(b'/')) => {
                    depth -= 1;
                    self.bump();
                    self.bump();
                    if depth == 0 {
                        return true;
                    }
                }
                _ => self.bump(),
            }
        }
        false
    }

    /// Scans one statement up to its `;` (consumed) or the end; returns where its text ends.
    fn statement(&mut self) -> usize {
        while let Some(b) = self.peek(0) {
            match b {
                b';' => {
                    let end = self.at;
                    self.bump();
                    return end;
                }
                b'-' if self.peek(1) == Some(b'-') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => {
                    self.block_comment();
                }
                b'\'' => {
                    // E'…' strings take backslash escapes.
                    let escapes = self.at > 0 && matches!(self.bytes[self.at - 1], b'E' | b'e');
                    self.quoted(b'\'', escapes);
                }
                b'"' => self.quoted(b'"', false),
                b'$' => self.dollar(),
                _ => self.skip_run(|b| !matches!(b, b';' | b'-' | b'/' | b'\'' | b'"' | b'$')),
            }
        }
        self.at
    }

    /// Skips a `'…'` or `"…"` run (the quote doubled inside), to the end if it never closes.
    fn quoted(&mut self, quote: u8, escapes: bool) {
        self.bump();
        while let Some(b) = self.peek(0) {
            if escapes && b == b'\\' {
                self.bump();
                self.bump();
            } else if b == quote {
                self.bump();
                if self.peek(0) != Some(quote) {
                    return;
                }
                self.bump();
            } else {
                self.skip_run(|b| b != quote && b != b'\\');
            }
        }
    }

    /// Skips a dollar-quoted string `$tag$…$tag$` (or just the `$` of `$1` or a name).
    fn dollar(&mut self) {
        let rest = &self.text[self.at + 1..];
        let tag_len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b >= 0x80).count();
        let starts_like_tag = rest.as_bytes().first().is_none_or(|b| !b.is_ascii_digit());
        if !starts_like_tag || rest.as_bytes().get(tag_len) != Some(&b'$') {
            self.bump();
            return;
        }
        let delimiter = &self.text[self.at..self.at + tag_len + 2];
        let body_start = self.at + delimiter.len();
        let close =
            self.text[body_start..].find(delimiter).map_or(self.bytes.len(), |i| body_start + i + delimiter.len());
        while self.at < close {
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    fn texts(text: &str) -> Vec<&str> {
        split(text).0.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn semicolons_inside_strings_comments_and_dollar_quotes_do_not_split() {
        let text = "SET a = 'x;y';\n-- c;\nCREATE FUNCTION f() AS $body$ a; b $body$;\n/* x; /* y; */ */ SELECT \"a;b\";\nSELECT $1;";
        assert_eq!(
            texts(text),
            ["SET a = 'x;y'", "CREATE FUNCTION f() AS $body$ a; b $body$", "SELECT \"a;b\"", "SELECT $1"]
        );
        let (chunks, _) = split(text);
        assert_eq!((chunks[2].pos.line, chunks[2].pos.column), (4, 19));
    }

    #[test]
    fn a_meta_command_ends_at_its_line_and_an_open_comment_is_reported() {
        let (chunks, unclosed) = split("\\connect db\nSELECT 1;\n/* never");
        assert!(chunks[0].meta && !chunks[1].meta);
        assert_eq!(unclosed.map(|u| (u.pos.line, u.pos.column)), Some((3, 1)));
    }
}
