//! The layout drawn as SVG: the same geometry the app draws. Frames with titles, tables with
//! coloured headers and key markers, orthogonal lines with rounded turns, crow's-foot ends,
//! dashed logical and lineage relationships, dotted grey diagram-only lines with their labels,
//! the count of lines over a bundle's shared run, views with a dashed border and a label, and a
//! partitioned table's partitions listed under its columns.

use std::fmt::Write;

use crate::geometry::{Point, Rect, Side};
use crate::input::{EndMarker, LayoutInput, LayoutOptions, LineStyle, TableInput, TableKind};
use crate::layout::Layout;

/// How the SVG is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// Margin around the drawing.
    pub margin: f64,
    /// Font stack; the sizes of [`LayoutOptions`] assume DejaVu Sans.
    pub font_family: String,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self { margin: 32.0, font_family: "DejaVu Sans, Verdana, Arial, sans-serif".to_owned() }
    }
}

/// Header colours for groups without one of their own, in group order. The one palette: the app
/// sends the colours it picks (`group_color`, `table_color`), so the window holds no copy.
pub const GROUP_PALETTE: [&str; 8] = ["#2F6FB0", "#7A4FB5", "#2E8B57", "#D9822B", "#B03A48", "#1F8A8A", "#8A6D1F", "#5A6B7D"];
/// The header colour of a table that has no colour of its own and no group.
pub const LOOSE_COLOR: &str = "#5A6B7D";

/// Group `g`'s colour: its own, else the palette's colour for its place in the group order.
pub fn group_color(input: &LayoutInput, g: usize) -> String {
    input.groups.get(g).and_then(|group| group.color.clone()).unwrap_or_else(|| GROUP_PALETTE[g % GROUP_PALETTE.len()].to_owned())
}

/// Table `t`'s header colour: its own, else its group's, else `LOOSE_COLOR`.
pub fn table_color(input: &LayoutInput, t: usize) -> String {
    let table = &input.tables[t];
    table
        .color
        .clone()
        .or_else(|| table.group.filter(|&g| g < input.groups.len()).map(|g| group_color(input, g)))
        .unwrap_or_else(|| LOOSE_COLOR.to_owned())
}
const LINE: &str = "#4A5563";
const TEXT: &str = "#1F2933";
const MUTED: &str = "#6B7785";
/// Where a bundle's count sits: past the end markers, over the shared run.
const BUNDLE_LABEL_OFFSET: f64 = 30.0;
/// A diagram-only line (no join columns): lighter than a relationship, so it reads as a sketch.
const DIAGRAM_ONLY: &str = "#98A2AE";

/// `layout` of `input` as a standalone SVG document.
pub fn render_svg(input: &LayoutInput, layout: &Layout, options: &LayoutOptions, svg: &SvgOptions) -> String {
    let view = layout.bounds.inflate(svg.margin);
    let mut out = String::with_capacity(256 + input.tables.len() * 1500 + input.edges.len() * 300);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="{x:.1} {y:.1} {w:.1} {h:.1}" font-family="{font}">"#,
        x = view.x,
        y = view.y,
        w = view.width.max(1.0),
        h = view.height.max(1.0),
        font = escape(&svg.font_family)
    );
    let _ = write!(out, r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#FFFFFF"/>"##, view.x, view.y, view.width, view.height);
    let group_color = |g: usize| group_color(input, g);
    out.push_str(r#"<g class="frames">"#);
    for (g, frame) in layout.frames.iter().enumerate() {
        if let Some(f) = frame {
            let color = group_color(g);
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="{c}" fill-opacity="0.07" stroke="{c}" stroke-opacity="0.75" stroke-width="1.5"/>"#,
                f.x, f.y, f.width, f.height, c = color
            );
        }
    }
    out.push_str("</g><g class=\"lines\" fill=\"none\">");
    for (edge, route) in input.edges.iter().zip(&layout.edges) {
        if route.points.len() < 2 {
            continue;
        }
        let (stroke, dash) = match edge.style {
            LineStyle::Solid => (LINE, ""),
            LineStyle::Dashed => (LINE, r#" stroke-dasharray="6 4""#),
            LineStyle::DiagramOnly => (DIAGRAM_ONLY, r#" stroke-dasharray="1.5 3" stroke-linecap="round" class="diagram-only""#),
        };
        let _ = write!(out, r#"<path d="{}" stroke="{stroke}" stroke-width="1.3"{dash}/>"#, rounded_path(&route.points, 8.0));
        let first = route.points[0];
        let last = route.points[route.points.len() - 1];
        marker(&mut out, first, route.child_side, edge.child_end, stroke);
        marker(&mut out, last, route.parent_side, edge.parent_end, stroke);
    }
    // Lines that leave one row together share their first run: its count says how many.
    out.push_str("</g><g class=\"bundles\">");
    for bundle in crate::lines::bundles(input, layout) {
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="9" font-weight="bold" fill="{LINE}" text-anchor="middle" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">×{}</text>"##,
            bundle.at.x + bundle.side.sign() * BUNDLE_LABEL_OFFSET,
            bundle.at.y - 3.0,
            bundle.edges.len()
        );
    }
    // Titles after the lines, with a halo, so a line passing a title never strikes it out.
    out.push_str("</g><g class=\"frame-titles\">");
    for (g, frame) in layout.frames.iter().enumerate() {
        if let Some(f) = frame {
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{:.1}" font-size="14" font-weight="bold" fill="{c}" stroke="#FFFFFF" stroke-width="5" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
                f.x + options.frame_padding,
                f.y + options.frame_title_height - 4.0,
                escape(&input.groups[g].name),
                c = group_color(g)
            );
        }
    }
    out.push_str("</g><g class=\"tables\">");
    for (t, (table, rect)) in input.tables.iter().zip(&layout.tables).enumerate() {
        let color = table_color(input, t);
        let kind = match table.kind {
            TableKind::Table => "table",
            TableKind::View => "view",
            TableKind::MaterializedView => "materialized-view",
        };
        let _ = write!(out, r#"<g class="table" data-index="{t}" data-kind="{kind}">"#);
        // A view's border is dashed (and darker, to carry the dashes): it is read-only.
        let border = if table.kind == TableKind::Table { r##"stroke="#B8C1CC" stroke-width="1""## } else { r##"stroke="#6B7785" stroke-width="1.4" class="view-border" stroke-dasharray="5 3""## };
        let _ = write!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="5" fill="#FFFFFF" {border}/>"##,
            rect.x, rect.y, rect.width, rect.height
        );
        // The header: a rounded rectangle whose lower corners are squared by a second one.
        let hh = options.header_height;
        let _ = write!(out, r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{hh:.1}" rx="5" fill="{color}"/>"#, rect.x, rect.y, rect.width);
        let _ = write!(out, r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="6" fill="{color}"/>"#, rect.x, rect.y + hh - 6.0, rect.width);
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="13" font-weight="bold" fill="#FFFFFF">{}</text>"##,
            rect.x + options.text_padding * 0.55,
            rect.y + hh / 2.0 + 4.5,
            escape(&table.name)
        );
        if let Some(label) = table.kind.label() {
            let _ = write!(
                out,
                r##"<text class="kind" x="{:.1}" y="{:.1}" font-size="10" font-style="italic" fill="#FFFFFF" fill-opacity="0.9" text-anchor="end">{label}</text>"##,
                rect.right() - options.text_padding * 0.45,
                rect.y + hh / 2.0 + 3.5
            );
        }
        for (r, column) in table.columns.iter().enumerate() {
            let y = rect.y + hh + r as f64 * options.row_height;
            if r % 2 == 1 {
                let _ = write!(out, r##"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#F3F5F8"/>"##, rect.x + 1.0, rect.width - 2.0, options.row_height);
            }
            let baseline = y + options.row_height / 2.0 + 4.0;
            let badge = if column.primary_key { Some(("PK", "#B7791F")) } else if column.foreign_key { Some(("FK", "#2B6CB0")) } else { None };
            if let Some((label, fill)) = badge {
                let _ = write!(out, r#"<text x="{:.1}" y="{:.1}" font-size="8" font-weight="bold" fill="{fill}">{label}</text>"#, rect.x + 4.0, baseline - 1.0);
            }
            let weight = if column.primary_key { r#" font-weight="bold""# } else { "" };
            let _ = write!(out, r#"<text x="{:.1}" y="{baseline:.1}" font-size="12" fill="{TEXT}"{weight}>{}</text>"#, rect.x + options.text_padding, escape(&column.name));
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{baseline:.1}" font-size="11" fill="{MUTED}" text-anchor="end">{}{}</text>"#,
                rect.right() - options.text_padding * 0.45,
                escape(&column.data_type),
                if column.nullable { "?" } else { "" }
            );
        }
        partitions(&mut out, table, rect, options);
        out.push_str("</g>");
    }
    // Line labels over everything but the joined-row dots, with a halo, so a table a line
    // passes never hides what the line is.
    out.push_str("</g><g class=\"line-labels\">");
    for (edge, route) in input.edges.iter().zip(&layout.edges) {
        let (Some(label), Some((at, across))) = (&edge.label, label_point(&route.points)) else { continue };
        // Above a horizontal stretch, centred; beside a vertical one, so it never strikes it.
        let (x, y, anchor) = if across { (at.x, at.y - 4.0, "middle") } else { (at.x + 5.0, at.y + 3.5, "start") };
        let _ = write!(
            out,
            r##"<text class="line-label" x="{x:.1}" y="{y:.1}" font-size="10" font-style="italic" fill="{MUTED}" text-anchor="{anchor}" stroke="#FFFFFF" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            escape(label)
        );
    }
    // Rows a relationship joins, marked on the side its line attaches: all of a composite key.
    out.push_str("</g><g class=\"joined-rows\" fill=\"#4A5563\">");
    for (edge, route) in input.edges.iter().zip(&layout.edges) {
        for (table, rows, side) in [(edge.child, &route.child_rows, route.child_side), (edge.parent, &route.parent_rows, route.parent_side)] {
            let Some(rect) = layout.tables.get(table) else { continue };
            let count = input.tables[table].columns.len();
            for &row in rows.iter().filter(|&&r| r < count) {
                let y = options.row_center_y(rect, Some(row), count);
                let _ = write!(out, r#"<circle cx="{:.1}" cy="{y:.1}" r="2.6"/>"#, side.x_of(rect));
            }
        }
    }
    out.push_str("</g></svg>\n");
    out
}

/// The partition section of a partitioned table's box: a rule, a title row ("3 partitions")
/// and one row per partition, a sub-partition indented under its partition.
fn partitions(out: &mut String, table: &TableInput, rect: &Rect, options: &LayoutOptions) {
    if table.partitions.is_empty() {
        return;
    }
    let top = options.partitions_top(rect, table);
    let rh = options.row_height;
    let count = table.partitions.len() + table.more_partitions;
    let rows = options.partition_rows(table);
    let _ = write!(out, r#"<g class="partitions" data-count="{count}">"#);
    let _ = write!(out, r##"<rect x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="#EEF1F5"/>"##, rect.x + 1.0, rect.width - 2.0, rh * rows as f64 - 1.0);
    let _ = write!(out, r##"<path d="M{:.1} {top:.1} H{:.1}" stroke="#B8C1CC" stroke-width="1"/>"##, rect.x, rect.right());
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="10" font-weight="bold" fill="{MUTED}">{count} {}</text>"#,
        rect.x + options.text_padding * 0.55,
        top + rh / 2.0 + 3.5,
        if count == 1 { "partition" } else { "partitions" }
    );
    for (i, p) in table.partitions.iter().enumerate() {
        let baseline = top + (i + 1) as f64 * rh + rh / 2.0 + 4.0;
        let x = rect.x + options.text_padding + p.depth as f64 * 2.0 * options.char_width;
        let _ = write!(out, r#"<text class="partition" x="{x:.1}" y="{baseline:.1}" font-size="11" fill="{TEXT}">{}</text>"#, escape(&p.name));
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{baseline:.1}" font-size="10" fill="{MUTED}" text-anchor="end">{}</text>"#,
            rect.right() - options.text_padding * 0.45,
            escape(&p.bound)
        );
    }
    if table.more_partitions > 0 {
        let baseline = top + (rows - 1) as f64 * rh + rh / 2.0 + 4.0;
        let _ = write!(
            out,
            r#"<text class="more-partitions" x="{:.1}" y="{baseline:.1}" font-size="11" font-style="italic" fill="{MUTED}">… {} more</text>"#,
            rect.x + options.text_padding,
            table.more_partitions
        );
    }
    out.push_str("</g>");
}

/// Where a line's label goes: the middle of its longest segment, and whether that segment
/// runs across (horizontal); `None` for a line of no segment.
fn label_point(points: &[Point]) -> Option<(Point, bool)> {
    let longest = points.windows(2).max_by(|a, b| length(a[0], a[1]).total_cmp(&length(b[0], b[1])))?;
    let (a, b) = (longest[0], longest[1]);
    Some((Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0), (b.x - a.x).abs() >= (b.y - a.y).abs()))
}

/// The length of an axis-parallel segment.
fn length(a: Point, b: Point) -> f64 {
    (b.x - a.x).abs() + (b.y - a.y).abs()
}

/// An orthogonal polyline as a path whose turns are quarter circles of radius up to `r`.
fn rounded_path(points: &[Point], r: f64) -> String {
    let mut d = format!("M{:.1} {:.1}", points[0].x, points[0].y);
    for i in 1..points.len() {
        let p = points[i];
        if i + 1 < points.len() {
            let prev = points[i - 1];
            let next = points[i + 1];
            let len_in = (p.x - prev.x).abs() + (p.y - prev.y).abs();
            let len_out = (next.x - p.x).abs() + (next.y - p.y).abs();
            let radius = r.min(len_in / 2.0).min(len_out / 2.0);
            let a = towards(p, prev, radius);
            let b = towards(p, next, radius);
            let _ = write!(d, " L{:.1} {:.1} Q{:.1} {:.1} {:.1} {:.1}", a.x, a.y, p.x, p.y, b.x, b.y);
        } else {
            let _ = write!(d, " L{:.1} {:.1}", p.x, p.y);
        }
    }
    d
}

/// The point `distance` from `from` towards `to` (along an axis-parallel segment).
fn towards(from: Point, to: Point, distance: f64) -> Point {
    let len = ((to.x - from.x).powi(2) + (to.y - from.y).powi(2)).sqrt();
    if len == 0.0 {
        return from;
    }
    Point::new(from.x + (to.x - from.x) / len * distance, from.y + (to.y - from.y) / len * distance)
}

/// Crow's-foot notation at an end point on `side` of its table, stroked in `stroke`.
fn marker(out: &mut String, at: Point, side: Side, kind: EndMarker, stroke: &str) {
    let d = side.sign();
    let bar = |out: &mut String, k: f64| {
        let x = at.x + d * k;
        let _ = write!(out, r#"<path d="M{x:.1} {:.1} V{:.1}" stroke="{stroke}" stroke-width="1.4"/>"#, at.y - 6.0, at.y + 6.0);
    };
    let circle = |out: &mut String, k: f64| {
        let _ = write!(out, r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#FFFFFF" stroke="{stroke}" stroke-width="1.3"/>"##, at.x + d * k, at.y);
    };
    let foot = |out: &mut String| {
        let apex = at.x + d * 12.0;
        let _ = write!(
            out,
            r#"<path d="M{apex:.1} {y:.1} L{x:.1} {a:.1} M{apex:.1} {y:.1} L{x:.1} {b:.1}" stroke="{stroke}" stroke-width="1.3"/>"#,
            x = at.x,
            y = at.y,
            a = at.y - 6.0,
            b = at.y + 6.0
        );
    };
    match kind {
        EndMarker::One => {
            bar(out, 7.0);
            bar(out, 11.0);
        }
        EndMarker::ZeroOrOne => {
            bar(out, 7.0);
            circle(out, 16.0);
        }
        EndMarker::OneOrMany => {
            foot(out);
            bar(out, 15.0);
        }
        EndMarker::ZeroOrMany => {
            foot(out);
            circle(out, 17.0);
        }
    }
}

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

