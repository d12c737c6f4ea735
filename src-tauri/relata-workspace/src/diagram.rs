//! The diagram of a workspace: which tables of the registry a view draws (some modules, some
//! statuses, or a chosen set of tables), laid out by relata-layout, with what each box and
//! line stands for, so a front end only maps the geometry to its own types.

use relata_layout::{LayoutInput, LayoutOptions, RegistryOptions};
use relata_model::{Registry, RelationshipId, Table, TableRef};

/// What a line of the diagram draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drew {
    /// A relationship of the registry.
    Relationship(RelationshipId),
    /// A diagram-only line: its index in `MermaidExtras::lines`.
    Line(usize),
}

/// A drawn table's `TableRef` and those of the partitions its box lists.
pub type Drawn = (TableRef, Vec<TableRef>);

/// The picture of `modules` (all when empty) with only the tables whose status is one of
/// `statuses` (all when empty), laid out and drawn as SVG by relata-layout: the drawing the
/// export dialog offers and `relata render` writes.
pub fn picture(registry: &Registry, modules: &[String], statuses: &[String]) -> String {
    use relata_model::vocab::Vocabulary;
    let keep = |t: &Table| statuses.iter().any(|s| s == t.status.as_str());
    let (input, _, _) = layout_input(registry, modules, (!statuses.is_empty()).then_some(&keep as &dyn Fn(&Table) -> bool));
    let options = LayoutOptions::default();
    let layout = relata_layout::layout(&input, &options);
    relata_layout::render_svg(&input, &layout, &options, &relata_layout::SvgOptions::default())
}

/// The layout input of `modules` (all when empty), the `TableRef` of each of its tables (with
/// its partitions') and what each of its edges draws, narrowed, when `keep` is given, to the
/// tables it keeps (laid out afresh, unpinned).
pub(crate) fn layout_input(registry: &Registry, modules: &[String], keep: Option<&dyn Fn(&Table) -> bool>) -> (LayoutInput, Vec<Drawn>, Vec<Drew>) {
    let options = RegistryOptions { modules: modules.to_vec() };
    let input = LayoutInput::from_registry(registry, &options);
    // The adapter draws the tables `drawn` lists, in its order, and a line per relationship
    // it lists, then per diagram-only line: the same list gives the table of each index and
    // what each edge draws.
    let drawn = relata_layout::drawn(registry, &options);
    let refs: Vec<Drawn> = drawn
        .tables
        .iter()
        .zip(&drawn.partitions)
        .map(|(t, parts)| (t.table_ref(), parts.iter().map(|(p, _)| p.table_ref()).collect()))
        .collect();
    let relationships: Vec<Drew> = drawn
        .relationships
        .iter()
        .map(|&(r, _, _)| Drew::Relationship(registry.relationships[r].id))
        .chain(drawn.lines.iter().map(|&(l, _, _)| Drew::Line(l)))
        .collect();
    debug_assert_eq!(relationships.len(), input.edges.len(), "one relationship or line per edge");
    match keep {
        None => (input, refs, relationships),
        Some(keep) => {
            let kept: Vec<usize> = (0..drawn.tables.len()).filter(|&i| keep(drawn.tables[i])).collect();
            subset(input, refs, relationships, &kept)
        }
    }
}

/// The tables `keep` (indexes, ascending) of `input` with the edges between them (and their
/// relationships) and only the groups they use, unpinned.
fn subset(input: LayoutInput, refs: Vec<Drawn>, relationships: Vec<Drew>, keep: &[usize]) -> (LayoutInput, Vec<Drawn>, Vec<Drew>) {
    let mut new_index = vec![None; input.tables.len()];
    for (n, &i) in keep.iter().enumerate() {
        new_index[i] = Some(n);
    }
    let mut group_index = vec![None; input.groups.len()];
    let mut groups = Vec::new();
    let mut tables = Vec::with_capacity(keep.len());
    for &i in keep {
        let mut t = input.tables[i].clone();
        t.pin = None;
        t.group = t.group.map(|g| {
            *group_index[g].get_or_insert_with(|| {
                groups.push(input.groups[g].clone());
                groups.len() - 1
            })
        });
        tables.push(t);
    }
    let (edges, relationships) = input
        .edges
        .into_iter()
        .zip(relationships)
        .filter_map(|(mut e, id)| {
            e.child = new_index[e.child]?;
            e.parent = new_index[e.parent]?;
            Some((e, id))
        })
        .unzip();
    let refs = keep.iter().map(|&i| refs[i].clone()).collect();
    (LayoutInput { tables, groups, edges }, refs, relationships)
}
