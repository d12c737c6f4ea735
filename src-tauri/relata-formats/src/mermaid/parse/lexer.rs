//! A character cursor over the text with 1-based line and column, and the lexical forms of
//! Mermaid 11's erDiagram grammar (`erDiagram.jison`, case-insensitive): words, quoted
//! strings and the cardinality notations.

use super::ast::{End, Name, Pos};

/// A cursor over the text's characters.
pub(crate) struct Cursor {
    chars: Vec<char>,
    at: usize,
    line: u32,
    column: u32,
}

impl Cursor {
    /// A cursor at the start of `text`.
    pub fn new(text: &str) -> Self {
        Self { chars: text.chars().collect(), at: 0, line: 1, column: 1 }
    }

    /// Where the cursor is.
    pub fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column, file: 0 }
    }

    /// The character `n` ahead, if any.
    pub fn peek_n(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    /// The next character, if any.
    pub fn peek(&self) -> Option<char> {
        self.peek_n(0)
    }

    /// True at the end of the text.
    pub fn at_end(&self) -> bool {
        self.at >= self.chars.len()
    }

    /// Takes one character.
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Skips spaces and tabs (not line breaks).
    pub fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\r')) {
            self.bump();
        }
    }

    /// Skips spaces, line breaks, `;` and `%%` comments.
    pub fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r' | '\n' | ';') => {
                    self.bump();
                }
                Some('%') if self.peek_n(1) == Some('%') => self.skip_line(),
                _ => return,
            }
        }
    }

    /// True when the rest of the line is blank or a comment (or a `;` ends the statement).
    pub fn at_line_end(&mut self) -> bool {
        self.skip_blanks();
        matches!(self.peek(), None | Some('\n' | ';')) || (self.peek() == Some('%') && self.peek_n(1) == Some('%'))
    }

    /// Skips to the start of the next line.
    pub fn skip_line(&mut self) {
        while let Some(c) = self.bump() {
            if c == '\n' {
                return;
            }
        }
    }

    /// The rest of the line (without the line break), trimmed; the cursor stays before the
    /// line break.
    pub fn rest_of_line(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            out.push(c);
            self.bump();
        }
        out.trim().to_owned()
    }

    /// Takes `word` (case-insensitive) when it comes next and is not followed by a word
    /// character.
    pub fn eat_keyword(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        let matches = word.chars().enumerate().all(|(i, w)| self.peek_n(i).is_some_and(|c| c.eq_ignore_ascii_case(&w)));
        if matches && !self.peek_n(n).is_some_and(is_word_char) {
            for _ in 0..n {
                self.bump();
            }
            return true;
        }
        false
    }

    /// Takes an entity-name word: letters, digits, `_`, non-ASCII, and `-` between them.
    pub fn entity_word(&mut self) -> Option<Name> {
        let pos = self.pos();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            let joins = c == '-' && !text.is_empty() && self.peek_n(1).is_some_and(is_word_char);
            if is_word_char(c) || joins {
                text.push(c);
                self.bump();
            } else {
                break;
            }
        }
        (!text.is_empty()).then_some(Name { text, pos })
    }

    /// Takes the rest of an attribute word (a type or a name):
    /// `[A-Za-z0-9\-_\[\]().,\u00C0-\uFFFF*]*`; the parser checks its first character with
    /// [`is_attribute_start`].
    pub fn attribute_word(&mut self) -> Option<Name> {
        let pos = self.pos();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if is_attribute_char(c) {
                text.push(c);
                self.bump();
            } else {
                break;
            }
        }
        (!text.is_empty()).then_some(Name { text, pos })
    }

    /// Takes a `"…"` string that ends on this line; `Err(start)` when it does not close.
    pub fn quoted(&mut self) -> Result<Name, Pos> {
        let pos = self.pos();
        self.bump();
        let mut text = String::new();
        loop {
            match self.peek() {
                Some('"') => {
                    self.bump();
                    return Ok(Name { text, pos });
                }
                None | Some('\n') => return Err(pos),
                Some(c) => {
                    text.push(c);
                    self.bump();
                }
            }
        }
    }

    /// Takes a cardinality end (a symbol pair or a word form), if one comes next.
    pub fn end(&mut self) -> Option<End> {
        const SYMBOLS: [(&str, End); 7] = [
            ("|o", End::ZeroOrOne),
            ("o|", End::ZeroOrOne),
            ("||", End::ExactlyOne),
            ("}o", End::ZeroOrMore),
            ("o{", End::ZeroOrMore),
            ("}|", End::OneOrMore),
            ("|{", End::OneOrMore),
        ];
        for (symbol, end) in SYMBOLS {
            if self.eat_exact(symbol) {
                return Some(end);
            }
        }
        const WORDS: [(&str, End); 12] = [
            ("one or zero", End::ZeroOrOne),
            ("zero or one", End::ZeroOrOne),
            ("one or more", End::OneOrMore),
            ("one or many", End::OneOrMore),
            ("many(1)", End::OneOrMore),
            ("1+", End::OneOrMore),
            ("zero or more", End::ZeroOrMore),
            ("zero or many", End::ZeroOrMore),
            ("many(0)", End::ZeroOrMore),
            ("0+", End::ZeroOrMore),
            ("only one", End::ExactlyOne),
            ("1", End::ExactlyOne),
        ];
        WORDS.into_iter().find_map(|(w, end)| self.eat_words(w).then_some(end))
    }

    /// Takes a line (`--`, `..`, `.-`, `-.`, `to`, `optionally to`): `Some(identifying)`.
    pub fn line(&mut self) -> Option<bool> {
        if self.eat_exact("--") {
            return Some(true);
        }
        if self.eat_exact("..") || self.eat_exact(".-") || self.eat_exact("-.") {
            return Some(false);
        }
        if self.eat_words("optionally to") {
            return Some(false);
        }
        self.eat_words("to").then_some(true)
    }

    fn eat_exact(&mut self, symbol: &str) -> bool {
        if symbol.chars().enumerate().all(|(i, s)| self.peek_n(i) == Some(s)) {
            for _ in symbol.chars() {
                self.bump();
            }
            return true;
        }
        false
    }

    /// Takes words separated by one or more blanks (case-insensitive), ending at a word end.
    fn eat_words(&mut self, words: &str) -> bool {
        let mut n = 0;
        for (i, part) in words.split(' ').enumerate() {
            if i > 0 {
                let blanks = (0..).take_while(|k| matches!(self.peek_n(n + k), Some(' ' | '\t'))).count();
                if blanks == 0 {
                    return false;
                }
                n += blanks;
            }
            for w in part.chars() {
                if !self.peek_n(n).is_some_and(|c| c.eq_ignore_ascii_case(&w)) {
                    return false;
                }
                n += 1;
            }
        }
        let last = words.chars().last().unwrap_or(' ');
        if is_word_char(last) && self.peek_n(n).is_some_and(is_word_char) {
            return false;
        }
        for _ in 0..n {
            self.bump();
        }
        true
    }
}

/// A character of an entity name.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (c as u32) >= 0xC0 && !c.is_whitespace() && !c.is_control()
}

/// A character of an attribute word.
pub(crate) fn is_attribute_char(c: char) -> bool {
    is_word_char(c) || matches!(c, '-' | '[' | ']' | '(' | ')' | '.' | ',' | '*')
}

/// A character Mermaid lets an attribute word start with.
pub(crate) fn is_attribute_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '*' || (c as u32) >= 0xC0
}
