//! Quality figures of a drawing, computed the same way for Relata's layouts and for other
//! tools' output (Graphviz polylines), so the two can be compared.

use crate::geometry::Point;
use crate::layout::Layout;
use crate::verify::overlapping_pairs;

/// How good a layout looks, in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    /// Pairs of overlapping tables (0 for every Relata layout).
    pub overlaps: usize,
    /// Points where two different lines cross.
    pub crossings: usize,
    /// Sum of all line lengths, in diagram units.
    pub total_edge_length: f64,
    /// Turns along all lines.
    pub bends: usize,
    /// Area of the drawing's bounding box.
    pub area: f64,
    /// Width over height of the bounding box.
    pub aspect_ratio: f64,
}

/// The quality figures of `layout`.
pub fn quality(layout: &Layout) -> Quality {
    let lines: Vec<&[Point]> = layout.edges.iter().map(|e| e.points.as_slice()).collect();
    let b = layout.bounds;
    Quality {
        overlaps: overlapping_pairs(&layout.tables).len(),
        crossings: count_crossings(&lines),
        total_edge_length: lines.iter().map(|l| l.windows(2).map(|w| ((w[1].x - w[0].x).powi(2) + (w[1].y - w[0].y).powi(2)).sqrt()).sum::<f64>()).sum(),
        bends: lines.iter().map(|l| l.len().saturating_sub(2)).sum(),
        area: b.width * b.height,
        aspect_ratio: if b.height > 0.0 { b.width / b.height } else { 0.0 },
    }
}

/// Crossings between different polylines: points where a segment of one crosses a segment of
/// another, each crossing counted once. Touching ends and overlapping collinear runs (lines
/// sharing an anchor) do not count. Segments are bucketed in a grid so only neighbours are
/// tested: near-linear for diagrams instead of quadratic.
pub fn count_crossings(lines: &[&[Point]]) -> usize {
    let mut segments: Vec<(Point, Point, usize)> = Vec::new();
    for (l, pts) in lines.iter().enumerate() {
        for w in pts.windows(2) {
            if w[0] != w[1] {
                segments.push((w[0], w[1], l));
            }
        }
    }
    if segments.len() < 2 {
        return 0;
    }
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut total_len = 0.0;
    for (a, b, _) in &segments {
        min_x = min_x.min(a.x.min(b.x));
        min_y = min_y.min(a.y.min(b.y));
        max_x = max_x.max(a.x.max(b.x));
        max_y = max_y.max(a.y.max(b.y));
        total_len += (b.x - a.x).abs() + (b.y - a.y).abs();
    }
    if !(min_x.is_finite() && max_x.is_finite() && min_y.is_finite() && max_y.is_finite()) {
        return 0;
    }
    // Cells about as large as an average segment keep both the cells per segment and the
    // segments per cell small.
    let cell = (total_len / segments.len() as f64).max((max_x - min_x + max_y - min_y) / 4096.0).max(1e-9);
    let cols = (((max_x - min_x) / cell) as usize + 1).min(4096);
    let rows = (((max_y - min_y) / cell) as usize + 1).min(4096);
    let cell_x = ((max_x - min_x) / cols as f64).max(1e-9);
    let cell_y = ((max_y - min_y) / rows as f64).max(1e-9);
    let index = |v: f64, min: f64, size: f64, n: usize| (((v - min) / size) as usize).min(n - 1);
    let mut grid: std::collections::HashMap<(usize, usize), Vec<usize>> = std::collections::HashMap::new();
    for (s, (a, b, _)) in segments.iter().enumerate() {
        let (c0, c1) = (index(a.x.min(b.x), min_x, cell_x, cols), index(a.x.max(b.x), min_x, cell_x, cols));
        let (r0, r1) = (index(a.y.min(b.y), min_y, cell_y, rows), index(a.y.max(b.y), min_y, cell_y, rows));
        for c in c0..=c1 {
            for r in r0..=r1 {
                grid.entry((c, r)).or_default().push(s);
            }
        }
    }
    let mut count = 0;
    for (&(c, r), members) in &grid {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let (a, b, li) = segments[i];
                let (p, q, lj) = segments[j];
                if li == lj {
                    continue;
                }
                if let Some(x) = proper_intersection(a, b, p, q) {
                    // Count the crossing only in the cell that holds it, so a pair seen in
                    // several cells counts once.
                    if index(x.x, min_x, cell_x, cols) == c && index(x.y, min_y, cell_y, rows) == r {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

/// The point where segments `ab` and `pq` cross, when they cross properly (each one's ends
/// strictly on opposite sides of the other).
fn proper_intersection(a: Point, b: Point, p: Point, q: Point) -> Option<Point> {
    let cross = |o: Point, u: Point, v: Point| (u.x - o.x) * (v.y - o.y) - (u.y - o.y) * (v.x - o.x);
    let d1 = cross(p, q, a);
    let d2 = cross(p, q, b);
    let d3 = cross(a, b, p);
    let d4 = cross(a, b, q);
    let eps = 1e-9;
    if ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps)) {
        let t = d1 / (d1 - d2);
        Some(Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
    } else {
        None
    }
}
