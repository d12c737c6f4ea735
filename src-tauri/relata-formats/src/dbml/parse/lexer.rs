//! DBML tokens: words, quoted names, strings (`'…'` and `'''…'''`), backtick expressions,
//! numbers, colours and punctuation, each with its 1-based line and character column.
//! Comments are dropped; line breaks are tokens because DBML ends a column or a short `Ref`
//! at the end of its line. Strings and quoted names decode @dbml/parse's escapes (a
//! backslash before a line break joins the lines); a `'''` string keeps its lines as written,
//! since only notes are dedented (where they are read, as in @dbml/core).

use relata_model::Diagnostic;

use super::ast::Pos;
use super::Reporter;
use std::borrow::Cow;

use crate::codes;

/// What kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A bare word: `Table`, `users`, `varchar`, `1st`.
    Word,
    /// A `"…"` name.
    Quoted,
    /// A `'…'` or `'''…'''` string; `text` is its value.
    Str,
    /// A `` `…` `` expression; `text` is what is between the backticks.
    Expr,
    /// A number: `42`, `3.14`.
    Number,
    /// A colour: `#011B4E`.
    Color,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Colon,
    Dot,
    /// `>`
    Gt,
    /// `<`
    Lt,
    /// `-`
    Minus,
    /// `+`: a number's sign.
    Plus,
    /// `*`: everything of a kind, in a `DiagramView`.
    Star,
    /// `<>`
    Both,
    /// `~` (a TablePartial injection).
    Tilde,
    /// One or more line breaks.
    Newline,
    /// The end of the text.
    Eof,
}

/// One token, borrowing its text from the source where it is written as it reads (all but
/// strings with escapes and multi-line strings): a 1,000-table file has some 200,000 tokens.
#[derive(Debug, Clone)]
pub(crate) struct Token<'s> {
    pub kind: Kind,
    /// The decoded value (words as written, strings unescaped, punctuation as written).
    pub text: Cow<'s, str>,
    /// Where the token starts.
    pub pos: Pos,
    /// Byte offsets in the source, for slicing types such as `numeric(10, 2)`.
    pub start: usize,
    pub end: usize,
    /// A string or expression that never closed (already reported): what the parser misses
    /// right after it is not reported again.
    pub unterminated: bool,
}

impl<'s> Token<'s> {
    /// Whether this is the word `word`, compared case-insensitively as DBML keywords are.
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    /// The token's text for the syntax tree: borrowed from the source when the token is,
    /// else copied (a string whose escapes were decoded).
    pub fn to_text(&self) -> Cow<'s, str> {
        match &self.text {
            Cow::Borrowed(text) => Cow::Borrowed(text),
            Cow::Owned(text) => Cow::Owned(text.clone()),
        }
    }

    /// How the token reads in a message.
    pub fn describe(&self) -> String {
        match self.kind {
            Kind::Eof => "the end of the file".to_owned(),
            Kind::Newline => "the end of the line".to_owned(),
            Kind::Str => "a string".to_owned(),
            Kind::Quoted => format!("`\"{}\"`", self.text),
            Kind::Expr => format!("`` `{}` ``", self.text),
            _ => format!("`{}`", self.text),
        }
    }
}

/// The ASCII bytes a word is made of (`[A-Za-z0-9_]`), as a table: the word loop is the
/// lexer's hottest, and one lookup beats the three range tests.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// Splits `source` into tokens; unknown characters and unterminated strings are reported and
/// skipped, so the token list always ends with one `Eof`.
pub(crate) fn tokenize<'s>(source: &'s str, report: &mut Reporter) -> Vec<Token<'s>> {
    // DBML as Relata writes it has about one token per five bytes; sizing the list up front
    // saves growing (and copying) a list of some 200,000 tokens step by step.
    let tokens = Vec::with_capacity(source.len() / 4 + 16);
    let mut lexer = Lexer { src: source, at: 0, line: 1, column: 1, file: report.file, tokens };
    lexer.run(report);
    lexer.tokens
}

struct Lexer<'a> {
    src: &'a str,
    at: usize,
    line: u32,
    column: u32,
    /// The file's number in the import (see [`Pos::file`]).
    file: u16,
    tokens: Vec<Token<'a>>,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        // Nearly every character is ASCII: decoded only when it is not.
        match self.src.as_bytes().get(self.at) {
            Some(&b) if b.is_ascii() => Some(b as char),
            Some(_) => self.src[self.at..].chars().next(),
            None => None,
        }
    }

    /// Moves past the ASCII bytes from the cursor for which `keep` holds, none of them a
    /// line break (so the column moves by one per byte).
    fn skip_ascii(&mut self, keep: impl Fn(u8) -> bool) {
        let bytes = &self.src.as_bytes()[self.at..];
        let n = bytes.iter().position(|&b| !(b.is_ascii() && b != b'\n' && keep(b))).unwrap_or(bytes.len());
        self.at += n;
        self.column += n as u32;
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.at..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column, file: self.file }
    }

    fn mark_unterminated(&mut self) {
        if let Some(last) = self.tokens.last_mut() {
            last.unterminated = true;
        }
    }

    fn push(&mut self, kind: Kind, text: Cow<'a, str>, pos: Pos, start: usize) {
        self.tokens.push(Token { kind, text, pos, start, end: self.at, unterminated: false });
    }

    fn run(&mut self, report: &mut Reporter) {
        while let Some(c) = self.peek() {
            let pos = self.pos();
            let start = self.at;
            match c {
                '\n' => {
                    self.bump();
                    if self.tokens.last().is_none_or(|t| t.kind != Kind::Newline) {
                        self.push(Kind::Newline, Cow::Borrowed("\n"), pos, start);
                    }
                }
                ' ' | '\t' | '\r' => {
                    self.skip_ascii(|b| matches!(b, b' ' | b'\t' | b'\r'));
                }
                c if c.is_whitespace() || c == '\u{FEFF}' => {
                    self.bump();
                }
                '/' if self.peek_at(1) == Some('/') => {
                    let rest = &self.src[self.at..];
                    let end = rest.find('\n').unwrap_or(rest.len());
                    self.column += rest[..end].chars().count() as u32;
                    self.at += end;
                }
                '/' if self.peek_at(1) == Some('*') => {
                    self.bump();
                    self.bump();
                    loop {
                        match self.peek() {
                            None => {
                                report.push(Diagnostic::error(
                                    codes::D101,
                                    report.at(pos),
                                    "this `/*` comment is never closed with `*/`",
                                ));
                                break;
                            }
                            Some('*') if self.peek_at(1) == Some('/') => {
                                self.bump();
                                self.bump();
                                break;
                            }
                            Some(_) => {
                                self.bump();
                            }
                        }
                    }
                }
                '\'' if self.src[self.at..].starts_with("'''") => {
                    let count = report.count();
                    let text = self.multiline(pos, report);
                    self.push(Kind::Str, Cow::Owned(text), pos, start);
                    if report.count() > count {
                        self.mark_unterminated();
                    }
                }
                '\'' | '"' => {
                    let count = report.count();
                    let text = self.quoted(c, pos, report);
                    self.push(if c == '"' { Kind::Quoted } else { Kind::Str }, text, pos, start);
                    if report.count() > count {
                        self.mark_unterminated();
                    }
                }
                '`' => {
                    self.bump();
                    let body = self.at;
                    // An expression may span lines, as in @dbml/parse; one that never closes
                    // ends at its line's end instead, so a missing backtick costs one
                    // diagnostic rather than the rest of the file.
                    match self.src[body..].find('`') {
                        Some(end) => {
                            while self.at < body + end {
                                self.bump();
                            }
                            let text = Cow::Borrowed(&self.src[body..self.at]);
                            self.bump();
                            self.push(Kind::Expr, text, pos, start);
                        }
                        None => {
                            while self.peek().is_some_and(|c| c != '\n') {
                                self.bump();
                            }
                            report.push(Diagnostic::error(
                                codes::D101,
                                report.at(pos),
                                "this `` ` `` expression is never closed: add a `` ` `` at its end",
                            ));
                            let text = Cow::Borrowed(&self.src[body..self.at]);
                            self.push(Kind::Expr, text, pos, start);
                            self.mark_unterminated();
                        }
                    }
                }
                '#' => {
                    self.bump();
                    while self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
                        self.bump();
                    }
                    let text = Cow::Borrowed(&self.src[start..self.at]);
                    self.push(Kind::Color, text, pos, start);
                }
                c if c.is_alphanumeric() || c == '_' => {
                    loop {
                        self.skip_ascii(|b| WORD_BYTE[usize::from(b)]);
                        // A letter or digit outside ASCII goes on the word one character
                        // at a time.
                        match self.peek() {
                            Some(c) if !c.is_ascii() && c.is_alphanumeric() => {
                                self.bump();
                            }
                            _ => break,
                        }
                    }
                    let word = &self.src[start..self.at];
                    // Only a word that starts with a digit may be a number (checked first: most
                    // words are names).
                    let digit_first = word.as_bytes()[0].is_ascii_digit();
                    if digit_first && (word.bytes().all(|b| b.is_ascii_digit()) || is_exponent_start(word, self.peek(), self.peek_at(1))) {
                        self.number(start, pos, report);
                    } else {
                        self.push(Kind::Word, Cow::Borrowed(word), pos, start);
                    }
                }
                _ => {
                    self.bump();
                    let kind = match c {
                        '{' => Kind::LBrace,
                        '}' => Kind::RBrace,
                        '[' => Kind::LBracket,
                        ']' => Kind::RBracket,
                        '(' => Kind::LParen,
                        ')' => Kind::RParen,
                        ',' => Kind::Comma,
                        ':' => Kind::Colon,
                        '.' => Kind::Dot,
                        '>' => Kind::Gt,
                        '-' => Kind::Minus,
                        '+' => Kind::Plus,
                        '*' => Kind::Star,
                        '~' => Kind::Tilde,
                        '<' if self.peek() == Some('>') => {
                            self.bump();
                            Kind::Both
                        }
                        '<' => Kind::Lt,
                        other => {
                            report.push(Diagnostic::error(
                                codes::D115,
                                report.at(pos),
                                format!("unexpected character `{}` (DBML has no use for it here)", other.escape_debug()),
                            ));
                            continue;
                        }
                    };
                    let text = Cow::Borrowed(&self.src[start..self.at]);
                    self.push(kind, text, pos, start);
                }
            }
        }
        let pos = self.pos();
        let at = self.at;
        self.push(Kind::Eof, Cow::Borrowed(""), pos, at);
    }

    /// The rest of a number whose digits (or `1e`) were read from `start`: a fraction (`3.14`,
    /// `7.`) and an exponent (`1e5`, `2.5e-3`), as @dbml/parse reads numbers. A word or a
    /// second `.` right after a fraction makes it no number (`1.2.3`), reported.
    fn number(&mut self, start: usize, pos: Pos, report: &mut Reporter) {
        let word = &self.src[start..self.at];
        let mut fraction = false;
        if word.bytes().all(|b| b.is_ascii_digit()) && self.peek() == Some('.') {
            fraction = true;
            self.bump();
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
        }
        // An exponent: `e`, an optional sign, digits (the `e` may already be in the word).
        let word = &self.src[start..self.at];
        let e_read = word.ends_with(['e', 'E']);
        let next_is_exponent = |lexer: &Self| {
            let (sign, digit) = (lexer.peek_at(usize::from(!e_read)), lexer.peek_at(usize::from(!e_read) + 1));
            match sign {
                Some('+' | '-') => digit.is_some_and(|c| c.is_ascii_digit()),
                other => other.is_some_and(|c| c.is_ascii_digit()),
            }
        };
        if (e_read || matches!(self.peek(), Some('e' | 'E'))) && next_is_exponent(self) {
            if !e_read {
                self.bump();
            }
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
        }
        let follows_word = self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_' || (fraction && c == '.'));
        if follows_word {
            while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                self.bump();
            }
            let text = &self.src[start..self.at];
            let message = format!("`{text}` is not a number: a number has digits, at most one `.` and maybe an exponent like `e5`");
            report.push(Diagnostic::error(codes::D115, report.at(pos), message));
            self.push(Kind::Number, Cow::Borrowed(text), pos, start);
            self.mark_unterminated();
            return;
        }
        let text = Cow::Borrowed(&self.src[start..self.at]);
        self.push(Kind::Number, text, pos, start);
    }

    /// A one-line `'…'` string or `"…"` name. A line break ends it unterminated, so one
    /// missing quote costs one diagnostic, not the rest of the file.
    fn quoted(&mut self, quote: char, pos: Pos, report: &mut Reporter) -> Cow<'a, str> {
        self.bump();
        // Most strings and names hold no escape: borrowed from the source up to the closing
        // quote (on the same line), with the position kept as `bump` would.
        let rest = &self.src[self.at..];
        let quote_byte = quote as u8;
        if let Some(end) = rest.bytes().position(|b| b == quote_byte || b == b'\\' || b == b'\n') {
            if rest.as_bytes()[end] == quote_byte {
                let body = &rest[..end];
                self.at += end + 1;
                let chars = if body.is_ascii() { body.len() } else { body.chars().count() };
                self.column += chars as u32 + 1;
                return Cow::Borrowed(body);
            }
        }
        let mut text = String::new();
        loop {
            match self.peek() {
                None | Some('\n') => {
                    let what = if quote == '"' { "double-quoted name or string" } else { "string" };
                    report.push(Diagnostic::error(
                        codes::D101,
                        report.at(pos),
                        format!("this {what} is never closed: add a `{quote}` before the end of the line"),
                    ));
                    return Cow::Owned(text);
                }
                Some('\\') => {
                    self.bump();
                    self.escape(&mut text, report);
                }
                Some(c) if c == quote => {
                    self.bump();
                    return Cow::Owned(text);
                }
                Some(c) => {
                    self.bump();
                    text.push(c);
                }
            }
        }
    }

    /// A `'''…'''` string: its text with escapes decoded, line breaks and indentation as
    /// written (a note is dedented where it is read, as @dbml/core does).
    fn multiline(&mut self, pos: Pos, report: &mut Reporter) -> String {
        for _ in 0..3 {
            self.bump();
        }
        let mut text = String::new();
        loop {
            if self.src[self.at..].starts_with("'''") {
                for _ in 0..3 {
                    self.bump();
                }
                return text;
            }
            match self.peek() {
                None => {
                    report.push(Diagnostic::error(
                        codes::D101,
                        report.at(pos),
                        "this `'''` string is never closed with a second `'''`",
                    ));
                    return text;
                }
                Some('\\') => {
                    self.bump();
                    self.escape(&mut text, report);
                }
                Some(c) => {
                    self.bump();
                    text.push(c);
                }
            }
        }
    }

    /// Decodes the escape after a backslash (already consumed) into `out`, as @dbml/parse's
    /// lexer does: a backslash before a line break joins the lines, `\ ` stays as written,
    /// `\uHHHH` is a UTF-16 unit (two of them may make one character), and any other
    /// character stands for itself.
    fn escape(&mut self, out: &mut String, report: &mut Reporter) {
        let pos = Pos { line: self.line, column: self.column.saturating_sub(1), file: self.file };
        match self.bump() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some('0') => out.push('\0'),
            Some('\n') => {}
            Some('\r') => {
                if self.peek() == Some('\n') {
                    self.bump();
                }
            }
            Some(' ') => out.push_str("\\ "),
            Some('u') => match self.unicode_unit(pos, report) {
                Some(high @ 0xD800..=0xDBFF) => {
                    // A surrogate pair is one character, as in the JavaScript string
                    // @dbml/core builds; a lone surrogate has no character in Rust.
                    let low = self.src[self.at..]
                        .strip_prefix("\\u")
                        .and_then(|rest| rest.get(..4))
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                        .filter(|low| (0xDC00..=0xDFFF).contains(low));
                    match low {
                        Some(low) => {
                            for _ in 0..6 {
                                self.bump();
                            }
                            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                        }
                        None => out.push('\u{FFFD}'),
                    }
                }
                Some(unit) => out.push(char::from_u32(unit).unwrap_or('\u{FFFD}')),
                None => {}
            },
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }

    /// The four characters after `\u` as one UTF-16 unit, as JavaScript's `parseInt(…, 16)`
    /// reads them (the hexadecimal digits they start with; none gives 0). Fewer than four
    /// letters or digits is an error, as in @dbml/parse.
    fn unicode_unit(&mut self, pos: Pos, report: &mut Reporter) -> Option<u32> {
        let mut digits = String::new();
        for _ in 0..4 {
            match self.peek() {
                Some(c) if c.is_alphanumeric() || c == '_' => {
                    self.bump();
                    digits.push(c);
                }
                _ => {
                    report.push(Diagnostic::error(
                        codes::D115,
                        report.at(pos),
                        format!("`\\u{digits}` is not a character: `\\u` takes four hexadecimal digits, like `\\u00e9`"),
                    ));
                    return None;
                }
            }
        }
        let hex: String = digits.chars().take_while(char::is_ascii_hexdigit).collect();
        Some(u32::from_str_radix(&hex, 16).unwrap_or(0))
    }
}

/// Whether `word` (just read) with the next two characters starts a number with an exponent:
/// digits then `e` (`1e` of `1e+5`), or digits, `e` and digits (`1e5`, read whole as a word).
fn is_exponent_start(word: &str, next: Option<char>, after: Option<char>) -> bool {
    let Some(at) = word.find(['e', 'E']) else { return false };
    let (mantissa, exponent) = (&word[..at], &word[at + 1..]);
    if mantissa.is_empty() || !mantissa.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if exponent.is_empty() {
        return matches!(next, Some('+' | '-')) && after.is_some_and(|c| c.is_ascii_digit());
    }
    exponent.bytes().all(|b| b.is_ascii_digit())
}
