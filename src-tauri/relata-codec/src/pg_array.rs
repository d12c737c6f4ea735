//! PostgreSQL one-dimensional array literals (`{a,"b c"}`), as `TEXT[]` columns hold them in
//! CSV and in `COPY`.

/// Why a text is not a one-dimensional array literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayError {
    /// Character offset (0-based) in the literal where the problem is.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a one-dimensional text array literal. NULL elements are rejected: registry column
/// lists never hold them.
pub fn parse(text: &str) -> Result<Vec<String>, ArrayError> {
    let err = |offset: usize, message: &str| ArrayError { offset, message: message.to_owned() };
    let chars: Vec<char> = text.chars().collect();
    if chars.first() != Some(&'{') {
        return Err(err(0, "an array literal starts with `{`"));
    }
    let mut items = Vec::new();
    let mut i = 1;
    if chars.get(1) == Some(&'}') {
        return if chars.len() == 2 { Ok(items) } else { Err(err(2, "text after the closing `}`")) };
    }
    loop {
        // One element, quoted or not.
        let mut item = String::new();
        match chars.get(i) {
            None => return Err(err(i, "the array literal is not closed with `}`")),
            Some('"') => {
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(err(i, "a quoted array element is not closed with `\"`")),
                        Some('\\') => {
                            let Some(&c) = chars.get(i + 1) else {
                                return Err(err(i, "a backslash at the end of the array literal"));
                            };
                            item.push(c);
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(&c) => {
                            item.push(c);
                            i += 1;
                        }
                    }
                }
            }
            Some('{') => return Err(err(i, "nested arrays are not supported; use a one-dimensional list")),
            Some(_) => {
                let start = i;
                while let Some(&c) = chars.get(i) {
                    if c == ',' || c == '}' {
                        break;
                    }
                    if c == '"' || c == '{' || c == '\\' {
                        return Err(err(i, "quote elements that contain `\"`, `{` or `\\`"));
                    }
                    item.push(c);
                    i += 1;
                }
                let trimmed = item.trim();
                if trimmed.is_empty() {
                    return Err(err(start, "an empty array element; quote it as \"\" if it is meant"));
                }
                if trimmed.eq_ignore_ascii_case("null") {
                    return Err(err(start, "NULL elements are not allowed in column lists"));
                }
                item = trimmed.to_owned();
            }
        }
        items.push(item);
        match chars.get(i) {
            Some(',') => i += 1,
            Some('}') if i + 1 == chars.len() => return Ok(items),
            Some('}') => return Err(err(i + 1, "text after the closing `}`")),
            None => return Err(err(i, "the array literal is not closed with `}`")),
            Some(_) => return Err(err(i, "expected `,` or `}` after an array element")),
        }
    }
}

/// Prints a one-dimensional text array literal the way PostgreSQL does.
pub fn print(items: &[String]) -> String {
    let mut out = String::new();
    push(&mut out, items);
    out
}

/// Appends [`print`]`(items)` to `out`.
pub fn push(out: &mut String, items: &[String]) {
    out.push('{');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        if needs_quotes(item) {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out.push('}');
}

fn needs_quotes(item: &str) -> bool {
    item.is_empty()
        || item.eq_ignore_ascii_case("null")
        || item.chars().any(|c| matches!(c, '{' | '}' | ',' | '"' | '\\') || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::{parse, print};

    #[test]
    fn round_trips_awkward_elements() {
        let items: Vec<String> = ["a", "b c", "x,y", "q\"uote", "back\\slash", "", "NULL", "{}"].map(String::from).to_vec();
        let text = print(&items);
        assert_eq!(text, r#"{a,"b c","x,y","q\"uote","back\\slash","","NULL","{}"}"#);
        assert_eq!(parse(&text).unwrap(), items);
        assert_eq!(parse("{}").unwrap(), Vec::<String>::new());
        assert_eq!(parse("{ a , b }").unwrap(), vec!["a".to_owned(), "b".to_owned()]);
    }

    #[test]
    fn rejects_broken_literals_with_offsets() {
        assert_eq!(parse("{a,b").unwrap_err().offset, 4);
        assert_eq!(parse("a,b}").unwrap_err().offset, 0);
        assert_eq!(parse("{\"a,b}").unwrap_err().offset, 6);
        assert!(parse("{a,,b}").is_err());
        assert!(parse("{a}x").is_err());
        assert!(parse("{{a}}").is_err());
        assert!(parse("{NULL}").is_err());
    }
}
