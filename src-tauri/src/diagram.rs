//! The diagram the window shows: the registry (or some modules) laid out by `relata-layout`
//! and drawn as SVG by the same code as `relata render`, with the table each drawn box stands
//! for, so a click on `<g class="table" data-index="i">` opens table `i`.

use relata_layout::{LayoutInput, LayoutOptions, RegistryOptions, SvgOptions};
use relata_model::{Registry, TableRef};
use serde::Serialize;

/// A drawn diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagram {
    /// The SVG document.
    pub svg: String,
    /// The table of each `data-index`, in order.
    pub tables: Vec<TableRef>,
    /// Width and height of the drawing in SVG units.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// Relationships drawn.
    pub edges: usize,
}

/// Lays out and draws `modules` of `registry` (all when empty).
pub fn diagram(registry: &Registry, modules: &[String]) -> Diagram {
    let input = LayoutInput::from_registry(registry, &RegistryOptions { modules: modules.to_vec() });
    let options = LayoutOptions::default();
    let layout = relata_layout::layout(&input, &options);
    let svg = relata_layout::render_svg(&input, &layout, &options, &SvgOptions::default());
    // The adapter draws the tables of the chosen modules in registry order: the same filter
    // gives the table of each index.
    let tables = registry
        .tables
        .iter()
        .filter(|t| modules.is_empty() || modules.contains(&t.module))
        .map(|t| t.table_ref())
        .collect();
    Diagram { svg, tables, width: layout.bounds.width, height: layout.bounds.height, edges: input.edges.len() }
}
