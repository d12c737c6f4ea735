//! The tokens of Mermaid 11's erDiagram grammar (`erDiagram.jison`), read as its lexer reads
//! them: rules tried in order, the first that matches wins (not the longest), case-insensitive,
//! with its states (the body of an entity block, a backquoted attribute word, the rest of a
//! `style`/`classDef` line). Mermaid's preprocessing is done here too, keeping every place:
//! `%%` comment lines and `%%{…}%%` directives become blanks, `\r\n` and a lone `\r` end a line.

use super::ast::{End, Pos};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `accTitle:` and the rest of its line (the token's text).
    AccTitle,
    /// `accDescr:` and the rest of its line.
    AccDescr,
    /// `accDescr { … }`: the text up to `}`.
    AccDescrBlock,
    /// A line holding `direction TB` (BT, RL, LR); the text is the direction.
    Direction,
    /// One or more line breaks.
    Newline,
    /// `"…"` without `%`, `\` or a line break: an entity name (the text is unquoted).
    EntityName,
    /// Any other `"…"`: a label (the text is unquoted).
    Word,
    /// `erDiagram`.
    ErDiagram,
    /// `{`, which opens an entity's attributes.
    BlockStart,
    /// `}`, which closes them.
    BlockStop,
    /// `#`.
    Brkt,
    /// `,`.
    Comma,
    /// `:::`.
    StyleSeparator,
    /// `:`.
    Colon,
    /// `[`.
    Sqs,
    /// `]`.
    Sqe,
    /// `PK`, `FK`, `UK` in a block.
    AttributeKey,
    /// A type or name in a block.
    AttributeWord,
    /// A `"…"` comment in a block.
    Comment,
    /// `style`.
    Style,
    /// `classDef`.
    ClassDef,
    /// `class`.
    Class,
    /// `subgraph`.
    Subgraph,
    /// `end`.
    End,
    /// A cardinality end.
    Card(End),
    /// `1.5`: a number with a fraction (an entity name).
    DecimalNum,
    /// `1` on its own (an entity name).
    EntityOne,
    /// Digits (an entity name).
    Num,
    /// A line between two ends: `--`/`to` (true) or `..`/`.-`/`-.`/`optionally to` (false).
    Line(bool),
    /// A word of a `style`/`classDef` line.
    StyleText,
    /// `;` in a `style`/`classDef` line.
    Semi,
    /// A word: an entity name, a bare label, a class name.
    UnicodeText,
    /// Any other character.
    Char(char),
    /// A character no rule of a `style`/`classDef` line takes (Mermaid's lexical error); the
    /// lexer goes on at the next line.
    Unrecognized(char),
    /// The end of the text.
    Eof,
}

/// A token, its text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: Kind,
    /// Its text (unquoted for quoted tokens).
    pub text: String,
    /// Where it starts.
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Initial,
    Block,
    Style,
}

/// The tokens of `text` (already without its front matter), starting at line `line`, ending
/// with [`Kind::Eof`].
pub(crate) fn tokens(text: &str, line: u32) -> Vec<Token> {
    let chars = preprocess(text);
    // About one token per eight characters in real diagrams: sized once, not grown by copies.
    let out = Vec::with_capacity(chars.len() / 8);
    let mut lx = Lexer { no_direction_until: 0, chars, at: 0, line, column: 1, state: State::Initial, out };
    lx.run();
    lx.out
}

/// Mermaid's preprocessing, each removed character made a blank so places stay: a line whose
/// first non-blank text is `%%` (not `%%{`) and at least one more character is a comment, a
/// `%%{ word … }%%` directive goes (to the end of the text when it never closes), `\r\n` and
/// `\r` become line breaks.
fn preprocess(text: &str) -> Vec<char> {
    // Most diagrams have no `\r` and few `%%`: a plain copy then.
    if !text.contains('\r') && !text.contains("%%") {
        return text.chars().collect();
    }
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\r' {
            if it.peek() == Some(&'\n') {
                chars.push(' ');
            } else {
                chars.push('\n');
            }
        } else {
            chars.push(c);
        }
    }
    let mut at_line_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '%' && chars.get(i + 1) == Some(&'%') {
            if chars.get(i + 2) == Some(&'{') && directive_word(&chars, i + 3) {
                let mut j = i;
                let mut closed = false;
                while j < chars.len() {
                    if chars[j] == '}' && chars.get(j + 1) == Some(&'%') && chars.get(j + 2) == Some(&'%') {
                        blank(&mut chars[j..j + 3]);
                        j += 3;
                        closed = true;
                        break;
                    }
                    if chars[j] != '\n' {
                        chars[j] = ' ';
                    }
                    j += 1;
                }
                let _ = closed;
                i = j;
                continue;
            }
            if at_line_start && chars.get(i + 2) != Some(&'{') && chars.get(i + 2).is_some_and(|&n| n != '\n') {
                let mut j = i;
                while j < chars.len() && chars[j] != '\n' {
                    chars[j] = ' ';
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        if c == '\n' {
            at_line_start = true;
        } else if !c.is_whitespace() {
            at_line_start = false;
        }
        i += 1;
    }
    chars
}

/// Whether a directive's word (`init`, `wrap`) follows blanks at `i`.
fn directive_word(chars: &[char], mut i: usize) -> bool {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

fn blank(chars: &mut [char]) {
    for c in chars {
        if *c != '\n' {
            *c = ' ';
        }
    }
}

struct Lexer {
    /// Up to where (an index into `chars`, the end of a line) no `direction` can start: the
    /// direction rule is tried before every token, and most lines hold none.
    no_direction_until: usize,
    chars: Vec<char>,
    at: usize,
    line: u32,
    column: u32,
    state: State,
    out: Vec<Token>,
}

/// A JavaScript `\w`.
fn is_w(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A character of Mermaid's entity-name word (`([^\x00-\x7F]|\w|-|\*|\.)+`).
pub(crate) fn is_unicode_text_char(c: char) -> bool {
    !c.is_ascii() || is_w(c) || matches!(c, '-' | '*' | '.')
}

/// A character of a `style` line's word (`([^\x00-\x7F]|\w|-|\*)+`).
fn is_style_char(c: char) -> bool {
    !c.is_ascii() || is_w(c) || matches!(c, '-' | '*')
}

/// The first character of an attribute word: `[*A-Za-z_\u00C0-\uFFFF]` (an astral character
/// is two UTF-16 units in that range).
pub(crate) fn is_attribute_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '*' || (c as u32) >= 0xC0
}

/// A later character of an attribute word: `[A-Za-z0-9\-_\[\]().,\u00C0-\uFFFF*]`.
pub(crate) fn is_attribute_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '[' | ']' | '(' | ')' | '.' | ',' | '*') || (c as u32) >= 0xC0
}

/// A JavaScript `\s` (what `String.prototype.trim` removes).
fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// A character JavaScript's `.` does not match.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The cardinality and line words of the grammar, in its rule order, each with its token:
/// `true` when a word boundary must follow.
const WORDS: &[(&str, bool, Kind)] = &[
    ("one or zero", true, Kind::Card(End::ZeroOrOne)),
    ("one or more", true, Kind::Card(End::OneOrMore)),
    ("one or many", true, Kind::Card(End::OneOrMore)),
    ("1+", false, Kind::Card(End::OneOrMore)),
    ("|o", true, Kind::Card(End::ZeroOrOne)),
    ("zero or one", true, Kind::Card(End::ZeroOrOne)),
    ("zero or more", true, Kind::Card(End::ZeroOrMore)),
    ("zero or many", true, Kind::Card(End::ZeroOrMore)),
    ("0+", false, Kind::Card(End::ZeroOrMore)),
    ("}o", true, Kind::Card(End::ZeroOrMore)),
    ("many(0)", false, Kind::Card(End::ZeroOrMore)),
    ("many(1)", false, Kind::Card(End::OneOrMore)),
    ("many", true, Kind::Card(End::ZeroOrMore)),
    ("}|", false, Kind::Card(End::OneOrMore)),
    ("one", true, Kind::Card(End::ExactlyOne)),
    ("only one", true, Kind::Card(End::ExactlyOne)),
];

/// The symbols after the `1` rules, in rule order.
const SYMBOLS: &[(&str, Kind)] = &[
    ("||", Kind::Card(End::ExactlyOne)),
    ("o|", Kind::Card(End::ZeroOrOne)),
    ("o{", Kind::Card(End::ZeroOrMore)),
    ("|{", Kind::Card(End::OneOrMore)),
];

impl Lexer {
    fn peek_n(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column, file: 0 }
    }

    fn bump_n(&mut self, n: usize) {
        let end = (self.at + n).min(self.chars.len());
        let taken = &self.chars[self.at..end];
        match taken.iter().rposition(|&c| c == '\n') {
            None => self.column += taken.len() as u32,
            Some(last) => {
                self.line += taken.iter().filter(|&&c| c == '\n').count() as u32;
                self.column = (taken.len() - last) as u32;
            }
        }
        self.at = end;
    }

    fn push(&mut self, kind: Kind, text: String, pos: Pos) {
        self.out.push(Token { kind, text, pos });
    }

    /// Takes `n` characters as a token of `kind` whose text is what was taken (none for line
    /// breaks and punctuation, whose kind says it all: most tokens are those, and each text is
    /// an allocation).
    fn take(&mut self, kind: Kind, n: usize) {
        let pos = self.pos();
        let wordless = matches!(
            kind,
            Kind::Newline
                | Kind::BlockStart
                | Kind::BlockStop
                | Kind::Brkt
                | Kind::Comma
                | Kind::StyleSeparator
                | Kind::Colon
                | Kind::Sqs
                | Kind::Sqe
                | Kind::Semi
                | Kind::ErDiagram
                | Kind::Char(_)
                | Kind::Unrecognized(_)
        );
        let text: String = if wordless { String::new() } else { self.chars[self.at..self.at + n].iter().collect() };
        self.bump_n(n);
        self.push(kind, text, pos);
    }

    /// Whether `word` (case-insensitive) comes next, followed by a word boundary when `bounded`.
    fn matches(&self, word: &str, bounded: bool) -> Option<usize> {
        let mut n = 0;
        for w in word.chars() {
            if !self.peek_n(n).is_some_and(|c| c.eq_ignore_ascii_case(&w)) {
                return None;
            }
            n += 1;
        }
        if bounded {
            let last = word.chars().last().is_some_and(is_w);
            let next = self.peek_n(n).is_some_and(is_w);
            if last == next {
                return None;
            }
        }
        Some(n)
    }

    /// How many characters of `pred` come from `n` on.
    fn run_of(&self, n: usize, pred: impl Fn(char) -> bool) -> usize {
        (n..).take_while(|&k| self.peek_n(k).is_some_and(&pred)).count()
    }

    fn run(&mut self) {
        loop {
            if self.at >= self.chars.len() {
                let pos = self.pos();
                self.push(Kind::Eof, String::new(), pos);
                return;
            }
            match self.state {
                State::Initial => self.initial(),
                State::Block => self.block(),
                State::Style => self.style(),
            }
        }
    }

    /// `accTitle\s*:\s*` and the like: the length of `word`, blanks, `:`, blanks.
    fn acc(&self, word: &str, open: char) -> Option<usize> {
        let n = self.matches(word, false)?;
        let k = n + self.run_of(n, is_js_space);
        if self.peek_n(k) != Some(open) {
            return None;
        }
        Some(k + 1 + self.run_of(k + 1, is_js_space))
    }

    /// The rest of the line from `n` on (what `[^\n]*` takes), its length.
    fn line_from(&self, n: usize) -> usize {
        self.run_of(n, |c| c != '\n')
    }

    fn initial(&mut self) {
        let pos = self.pos();
        if let Some(n) = self.acc("accTitle", ':') {
            self.bump_n(n);
            let len = self.line_from(0);
            let text: String = self.chars[self.at..self.at + len].iter().collect();
            self.bump_n(len);
            self.push(Kind::AccTitle, text, pos);
            return;
        }
        if let Some(n) = self.acc("accDescr", ':') {
            self.bump_n(n);
            let len = self.line_from(0);
            let text: String = self.chars[self.at..self.at + len].iter().collect();
            self.bump_n(len);
            self.push(Kind::AccDescr, text, pos);
            return;
        }
        if let Some(n) = self.acc("accDescr", '{') {
            self.bump_n(n);
            let len = self.run_of(0, |c| c != '}');
            let text: String = self.chars[self.at..self.at + len].iter().collect();
            self.bump_n(len);
            if self.peek_n(0) == Some('}') {
                self.bump_n(1);
            }
            self.push(Kind::AccDescrBlock, text, pos);
            return;
        }
        if let Some((direction, n)) = self.direction_line() {
            self.bump_n(n);
            self.push(Kind::Direction, direction.to_owned(), pos);
            return;
        }
        let c = self.peek_n(0).unwrap_or('\0');
        match c {
            ' ' | '\t' | '\r' => {
                let n = self.run_of(0, |c| matches!(c, ' ' | '\t' | '\r'));
                self.bump_n(n);
                return;
            }
            '\n' => {
                let n = self.run_of(0, |c| c == '\n');
                self.take(Kind::Newline, n);
                return;
            }
            '"' => {
                let len = self.run_of(1, |c| c != '"');
                if self.peek_n(1 + len) == Some('"') {
                    let inner: String = self.chars[self.at + 1..self.at + 1 + len].iter().collect();
                    let entity = len > 0 && !inner.chars().any(|c| matches!(c, '%' | '\r' | '\n' | '\u{b}' | '\u{8}' | '\\'));
                    self.bump_n(len + 2);
                    self.push(if entity { Kind::EntityName } else { Kind::Word }, inner, pos);
                    return;
                }
                // An unclosed quote is a character by itself.
                self.take(Kind::Char('"'), 1);
                return;
            }
            _ => {}
        }
        if let Some(n) = self.matches("erDiagram", true) {
            return self.take(Kind::ErDiagram, n);
        }
        let single = match c {
            '{' => Some(Kind::BlockStart),
            '#' => Some(Kind::Brkt),
            ',' => Some(Kind::Comma),
            _ => None,
        };
        if let Some(kind) = single {
            self.take(kind, 1);
            if kind == Kind::BlockStart {
                self.state = State::Block;
            }
            return;
        }
        if self.matches(":::", false).is_some() {
            return self.take(Kind::StyleSeparator, 3);
        }
        match c {
            ':' => return self.take(Kind::Colon, 1),
            '[' => return self.take(Kind::Sqs, 1),
            ']' => return self.take(Kind::Sqe, 1),
            _ => {}
        }
        if let Some(n) = self.matches("style", true) {
            self.take(Kind::Style, n);
            self.state = State::Style;
            return;
        }
        if let Some(n) = self.matches("classDef", true) {
            self.take(Kind::ClassDef, n);
            self.state = State::Style;
            return;
        }
        if let Some(n) = self.matches("class", true) {
            return self.take(Kind::Class, n);
        }
        if let Some(n) = self.matches("subgraph", true) {
            return self.take(Kind::Subgraph, n);
        }
        if let Some(n) = self.matches("end", true) {
            let n = n + self.run_of(n, is_js_space);
            let text = "end".to_owned();
            self.bump_n(n);
            self.push(Kind::End, text, pos);
            return;
        }
        for &(word, bounded, kind) in WORDS {
            if let Some(n) = self.matches(word, bounded) {
                return self.take(kind, n);
            }
        }
        if let Some(n) = self.decimal() {
            return self.take(Kind::DecimalNum, n);
        }
        if c == '1' {
            let next = self.peek_n(1);
            let blanks = self.run_of(1, is_js_space);
            let after = self.peek_n(1 + blanks);
            let line_follows = ["--", "..", ".-", "-."]
                .iter()
                .any(|l| l.chars().enumerate().all(|(i, x)| self.peek_n(1 + i) == Some(x)));
            if blanks > 0 && after.is_some_and(|a| a.is_ascii_alphabetic() || matches!(a, '_' | '"' | '\'' | '0'..='9')) || line_follows {
                return self.take(Kind::Card(End::ExactlyOne), 1);
            }
            if !next.is_some_and(is_w) {
                return self.take(Kind::EntityOne, 1);
            }
        }
        if c.is_ascii_digit() {
            let n = self.run_of(0, |c| c.is_ascii_digit());
            return self.take(Kind::Num, n);
        }
        for &(symbol, kind) in SYMBOLS {
            if self.matches(symbol, false).is_some() {
                return self.take(kind, 2);
            }
        }
        if c.eq_ignore_ascii_case(&'u') && matches!(self.peek_n(1), Some('.' | '-' | '|')) {
            return self.take(Kind::Card(End::Parent), 1);
        }
        for (line, identifying) in [("..", false), ("--", true)] {
            if self.matches(line, false).is_some() {
                return self.take(Kind::Line(identifying), 2);
            }
        }
        if let Some(n) = self.matches("to", true) {
            return self.take(Kind::Line(true), n);
        }
        if let Some(n) = self.matches("optionally to", true) {
            return self.take(Kind::Line(false), n);
        }
        for line in [".-", "-."] {
            if self.matches(line, false).is_some() {
                return self.take(Kind::Line(false), 2);
            }
        }
        let n = self.run_of(0, is_unicode_text_char);
        if n > 0 {
            return self.take(Kind::UnicodeText, n);
        }
        self.take(Kind::Char(c), 1);
    }

    /// `[0-9]+\.[0-9]+`.
    fn decimal(&self) -> Option<usize> {
        let whole = self.run_of(0, |c| c.is_ascii_digit());
        if whole == 0 || self.peek_n(whole) != Some('.') {
            return None;
        }
        let fraction = self.run_of(whole + 1, |c| c.is_ascii_digit());
        (fraction > 0).then_some(whole + 1 + fraction)
    }

    /// Mermaid's `.*direction\s+TB[^\n]*` (then BT, RL, LR): a line holding a direction
    /// statement anywhere from here is one token, whatever else it holds.
    fn direction_line(&mut self) -> Option<(&'static str, usize)> {
        if self.at < self.no_direction_until {
            return None;
        }
        let rest = &self.chars[self.at..];
        let line_len = rest.iter().position(|&c| is_line_terminator(c)).unwrap_or(rest.len());
        let line = &rest[..line_len];
        if !line.windows(9).any(|w| w.iter().zip("direction".chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b))) {
            self.no_direction_until = self.at + line_len;
            return None;
        }
        for direction in ["TB", "BT", "RL", "LR"] {
            // The last place on the line where `direction\s+XX` starts (`.*` is greedy).
            let mut found = None;
            for start in 0..line_len {
                let word = rest[start..].iter().take(9).copied().collect::<String>();
                if !word.eq_ignore_ascii_case("direction") {
                    continue;
                }
                let mut k = start + 9;
                let blanks = rest[k..].iter().take_while(|c| is_js_space(**c)).count();
                if blanks == 0 {
                    continue;
                }
                k += blanks;
                let two: String = rest[k..].iter().take(2).collect();
                if two.eq_ignore_ascii_case(direction) {
                    found = Some(k + 2);
                }
            }
            if let Some(end) = found {
                let tail = rest[end..].iter().take_while(|&&c| c != '\n').count();
                return Some((direction, end + tail));
            }
        }
        None
    }

    fn block(&mut self) {
        let c = self.peek_n(0).unwrap_or('\0');
        if is_js_space(c) {
            let n = self.run_of(0, is_js_space);
            self.bump_n(n);
            return;
        }
        for key in ["PK", "FK", "UK"] {
            let boundary_before = self.at == 0 || !self.chars[self.at - 1].is_ascii_alphanumeric() && self.chars[self.at - 1] != '_';
            if boundary_before {
                if let Some(n) = self.matches(key, true) {
                    return self.take(Kind::AttributeKey, n);
                }
            }
        }
        if let Some(n) = self.generic_word() {
            return self.take(Kind::AttributeWord, n);
        }
        if is_attribute_start(c) {
            let n = 1 + self.run_of(1, is_attribute_char);
            return self.take(Kind::AttributeWord, n);
        }
        match c {
            '`' => {
                let pos = self.pos();
                self.bump_n(1);
                let len = self.run_of(0, |c| c != '`');
                if len > 0 {
                    let text: String = self.chars[self.at..self.at + len].iter().collect();
                    self.bump_n(len);
                    self.push(Kind::AttributeWord, text, pos);
                }
                // The closing backquote; at the end of the text there is none.
                self.bump_n(1);
            }
            '"' => {
                let len = self.run_of(1, |c| c != '"');
                if self.peek_n(1 + len) == Some('"') {
                    let pos = self.pos();
                    let inner: String = self.chars[self.at + 1..self.at + 1 + len].iter().collect();
                    self.bump_n(len + 2);
                    self.push(Kind::Comment, inner, pos);
                } else {
                    self.take(Kind::Char('"'), 1);
                }
            }
            '}' => {
                self.take(Kind::BlockStop, 1);
                self.state = State::Initial;
            }
            c => self.take(Kind::Char(c), 1),
        }
    }

    /// `([^\s]*)[~].*[~]([^\s]*)`: a generic type such as `List~int~`, its length.
    fn generic_word(&self) -> Option<usize> {
        let run = self.run_of(0, |c| !is_js_space(c));
        let first = (0..run).find(|&k| self.peek_n(k) == Some('~'))?;
        let line = first + 1 + self.run_of(first + 1, |c| !is_line_terminator(c));
        let last = (first + 1..line).rev().find(|&k| self.peek_n(k) == Some('~'))?;
        Some(last + 1 + self.run_of(last + 1, |c| !is_js_space(c)))
    }

    fn style(&mut self) {
        let c = self.peek_n(0).unwrap_or('\0');
        if c == '\n' {
            let n = self.run_of(0, |c| c == '\n');
            self.take(Kind::Newline, n);
            self.state = State::Initial;
            return;
        }
        if is_js_space(c) {
            // `\s+` comes after `[\n]+` but takes line breaks too: blanks before a line break
            // carry the line on, as in Mermaid.
            let n = self.run_of(0, is_js_space);
            self.bump_n(n);
            return;
        }
        match c {
            ':' => self.take(Kind::Colon, 1),
            ',' => self.take(Kind::Comma, 1),
            '#' => self.take(Kind::Brkt, 1),
            ';' => self.take(Kind::Semi, 1),
            c if is_style_char(c) => {
                let n = self.run_of(0, is_style_char);
                self.take(Kind::StyleText, n);
            }
            found => {
                self.take(Kind::Unrecognized(found), 1);
                let n = self.line_from(0);
                self.bump_n(n);
                self.state = State::Initial;
            }
        }
    }
}

/// Whether `name` reads back as one entity name: [`tokens`] of it is one word (or number)
/// that is the whole name.
pub(crate) fn is_bare_entity_name(name: &str) -> bool {
    let tokens = tokens(name, 1);
    tokens.len() == 2
        && matches!(tokens[0].kind, Kind::UnicodeText)
        && tokens[0].text == name
}

/// Whether `name` reads back as a quoted entity name `"name"`.
pub(crate) fn is_quotable_entity_name(name: &str) -> bool {
    let tokens = tokens(&format!("\"{name}\""), 1);
    tokens.len() == 2 && tokens[0].kind == Kind::EntityName && tokens[0].text == name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        tokens(text, 1).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn first_rule_wins_as_in_mermaid() {
        assert_eq!(kinds("many-things"), [Kind::Card(End::ZeroOrMore), Kind::UnicodeText, Kind::Eof]);
        assert_eq!(kinds("1abc"), [Kind::Num, Kind::UnicodeText, Kind::Eof]);
        assert_eq!(kinds("1 B"), [Kind::Card(End::ExactlyOne), Kind::UnicodeText, Kind::Eof]);
        assert_eq!(kinds("1--"), [Kind::Card(End::ExactlyOne), Kind::Line(true), Kind::Eof]);
        assert_eq!(kinds("1"), [Kind::EntityOne, Kind::Eof]);
        assert_eq!(kinds("u--"), [Kind::Card(End::Parent), Kind::Line(true), Kind::Eof]);
        assert!(is_bare_entity_name("order-items"));
        assert!(is_bare_entity_name("größe"));
        assert!(!is_bare_entity_name("end"));
        assert!(!is_bare_entity_name("to-do"));
        assert!(is_quotable_entity_name("line items"));
        assert!(!is_quotable_entity_name("100%"));
    }

    #[test]
    fn comments_and_directives_are_blanks() {
        let tokens = tokens("%%{init: {}}%%\nA\n  %% note\nB", 1);
        let words: Vec<(String, String)> =
            tokens.iter().filter(|t| t.kind == Kind::UnicodeText).map(|t| (t.text.clone(), t.pos.to_string())).collect();
        assert_eq!(words, [("A".to_owned(), "2:1".to_owned()), ("B".to_owned(), "4:1".to_owned())]);
    }

    #[test]
    fn block_words() {
        let tokens = tokens("{ List~int~ xs PK, FK \"c\" `first name` }", 1);
        let got: Vec<(Kind, String)> = tokens.into_iter().map(|t| (t.kind, t.text)).collect();
        assert_eq!(got[1], (Kind::AttributeWord, "List~int~".to_owned()));
        assert_eq!(got[3], (Kind::AttributeKey, "PK".to_owned()));
        assert_eq!(got[4], (Kind::Char(','), String::new()));
        assert_eq!(got[6], (Kind::Comment, "c".to_owned()));
        assert_eq!(got[7], (Kind::AttributeWord, "first name".to_owned()));
        assert_eq!(got[8].0, Kind::BlockStop);
    }
}
