//! Just enough CSV (RFC 4180, as the registry folder writes it) for tests to count rows and to
//! change one field of one row while leaving every other byte of the file as it was.

/// One record of a CSV text: where it is and its fields (quotes removed, `""` undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line the record starts on.
    pub line: u32,
    /// Byte range of the record in the text, without its line end.
    pub span: std::ops::Range<usize>,
    /// The fields; an empty field is `""` (the registry folder's NULL).
    pub fields: Vec<String>,
}

/// Splits a CSV text into records, the header first. Line ends are `\n` or `\r\n`; quoted
/// fields may hold commas, quotes (doubled) and line breaks.
pub fn records(text: &str) -> Vec<Record> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    while i < bytes.len() {
        let start = i;
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = Vec::new();
        loop {
            if bytes.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => panic!("unclosed quote in the record starting on line {start_line}"),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            field.push(b'"');
                            i += 2;
                        }
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(&b) => {
                            if b == b'\n' {
                                line += 1;
                            }
                            field.push(b);
                            i += 1;
                        }
                    }
                }
            }
            while let Some(&b) = bytes.get(i) {
                if b == b',' || b == b'\n' || b == b'\r' {
                    break;
                }
                field.push(b);
                i += 1;
            }
            fields.push(String::from_utf8(std::mem::take(&mut field)).expect("CSV fields of a str are UTF-8"));
            match bytes.get(i) {
                Some(b',') => i += 1,
                _ => break,
            }
        }
        let end = i;
        if bytes.get(i) == Some(&b'\r') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'\n') {
            i += 1;
            line += 1;
        }
        out.push(Record { line: start_line, span: start..end, fields });
    }
    out
}

/// The number of data rows (records after the header).
pub fn data_rows(text: &str) -> usize {
    records(text).len().saturating_sub(1)
}

/// One field as the registry folder writes it: quoted only when it holds a comma, a quote or a
/// line break.
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// `text` with record `index` (0 = header) replaced by `fields`, every other byte unchanged.
pub fn replace_record(text: &str, index: usize, fields: &[String]) -> String {
    let all = records(text);
    let span = all[index].span.clone();
    let row = fields.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",");
    format!("{}{row}{}", &text[..span.start], &text[span.end..])
}

#[cfg(test)]
mod tests {
    use super::{data_rows, records, replace_record};

    #[test]
    fn reads_quoted_multiline_fields_and_replaces_one_record() {
        let text = "a,b\n1,\"x,\"\"y\"\"\nz\"\n2,\n";
        let all = records(text);
        assert_eq!(all.len(), 3);
        assert_eq!(all[1].fields, vec!["1".to_owned(), "x,\"y\"\nz".to_owned()]);
        assert_eq!((all[1].line, all[2].line), (2, 4));
        assert_eq!(all[2].fields, vec!["2".to_owned(), String::new()]);
        assert_eq!(data_rows(text), 2);
        let changed = replace_record(text, 2, &["3".to_owned(), "q r".to_owned()]);
        assert_eq!(changed, "a,b\n1,\"x,\"\"y\"\"\nz\"\n3,q r\n");
    }
}
