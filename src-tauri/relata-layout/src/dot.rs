//! Graphviz interchange for the benchmarks: the same diagram as DOT (clustered records, one
//! port per row) and the lines of `dot -Tplain` output as polylines, so Graphviz's drawing
//! is measured with the same crossing counter as ours. Text in, text out; no I/O.

use std::fmt::Write;

use crate::geometry::Point;
use crate::input::LayoutInput;

/// `input` as a DOT digraph: left to right, each group a `cluster`, each table a record with
/// its header and one port per row, each relationship an edge from the parent's row to the
/// child's (parents left, as Relata draws them).
pub fn to_dot(input: &LayoutInput) -> String {
    let mut out = String::from("digraph relata {\n  rankdir=LR;\n  node [shape=record, fontname=\"DejaVu Sans\", fontsize=10];\n");
    let table_line = |out: &mut String, t: usize| {
        let table = &input.tables[t];
        let mut label = escape_record(&table.name);
        if label.is_empty() {
            label.push(' ');
        }
        for (r, c) in table.columns.iter().enumerate() {
            let _ = write!(label, "|<r{r}> {} {}", escape_record(&c.name), escape_record(&c.data_type));
        }
        let _ = writeln!(out, "    t{t} [label=\"{label}\"];");
    };
    for (g, group) in input.groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{g} {{\n    label=\"{}\";", escape_record(&group.name));
        for t in (0..input.tables.len()).filter(|&t| input.tables[t].group == Some(g)) {
            table_line(&mut out, t);
        }
        out.push_str("  }\n");
    }
    for t in (0..input.tables.len()).filter(|&t| input.tables[t].group.is_none_or(|g| g >= input.groups.len())) {
        table_line(&mut out, t);
    }
    for e in &input.edges {
        let port = |t: usize, row: Option<usize>| match row {
            Some(r) if r < input.tables[t].columns.len() => format!("t{t}:r{r}"),
            _ => format!("t{t}"),
        };
        let _ = writeln!(out, "  {} -> {};", port(e.parent, e.parent_row()), port(e.child, e.child_row()));
    }
    out.push_str("}\n");
    out
}

/// The lines of a `dot -Tplain` drawing, each B-spline flattened into a polyline of 8
/// pieces per Bézier segment.
pub fn plain_edges(plain: &str) -> Vec<Vec<Point>> {
    let mut lines = Vec::new();
    for line in plain.lines() {
        let tokens = tokens(line);
        if tokens.first().map(String::as_str) != Some("edge") || tokens.len() < 4 {
            continue;
        }
        let Ok(n) = tokens[3].parse::<usize>() else { continue };
        let coords: Vec<f64> = tokens.iter().skip(4).take(2 * n).filter_map(|t| t.parse().ok()).collect();
        if coords.len() != 2 * n || n < 2 {
            continue;
        }
        let control: Vec<Point> = coords.chunks(2).map(|c| Point::new(c[0], c[1])).collect();
        lines.push(flatten(&control));
    }
    lines
}

fn flatten(control: &[Point]) -> Vec<Point> {
    if control.len() < 4 {
        return control.to_vec();
    }
    let mut out = vec![control[0]];
    let mut i = 0;
    while i + 3 < control.len() {
        let (p0, p1, p2, p3) = (control[i], control[i + 1], control[i + 2], control[i + 3]);
        for step in 1..=8 {
            let t = step as f64 / 8.0;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            out.push(Point::new(a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y));
        }
        i += 3;
    }
    out
}

/// Splits a `-Tplain` line into tokens, honouring double quotes.
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => s.extend(chars.next()),
                    '"' => break,
                    c => s.push(c),
                }
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                s.push(c);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

fn escape_record(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '{' | '}' | '|' | '<' | '>' | '"' | '\\') {
            s.push('\\');
        }
        s.push(if c.is_control() { ' ' } else { c });
    }
    s
}
