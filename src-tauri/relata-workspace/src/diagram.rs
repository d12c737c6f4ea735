//! The diagram of a workspace: which tables of the registry a view draws (some modules, some
//! statuses, or a chosen set of tables), laid out by relata-layout, with what each box and
//! line stands for, so a front end only maps the geometry to its own types.

use std::collections::HashMap;

use relata_layout::{GroupInput, Layout, LayoutInput, LayoutOptions, RegistryOptions, TableInput};
use relata_model::{Registry, RelationshipId, Table, TableId, TableRef};

use crate::Workspace;

/// A laid-out diagram: the layout input and its layout, with what each box and line stands
/// for in the registry.
#[derive(Debug, Clone)]
pub struct Diagram {
    /// What was laid out: boxes with their rows, groups, edges.
    pub input: LayoutInput,
    /// Where everything went.
    pub layout: Layout,
    /// The sizes the layout used.
    pub options: LayoutOptions,
    /// Per box (`input.tables`' order), its table and the partitions it lists.
    pub tables: Vec<Drawn>,
    /// Per edge (`input.edges`' order), what it draws.
    pub lines: Vec<Drew>,
}

/// How many views' layouts a workspace keeps (the ones used last).
pub const KEPT_VIEWS: usize = 8;

/// A diagram kept between revisions, so the next one of the same modules changes only what
/// the edits changed (`Layout::relayout`).
#[derive(Debug, Clone)]
pub struct Laid {
    modules: Vec<String>,
    /// The drawn tables' ids in layout order: a re-layout needs every old table at its old
    /// index, new ones after.
    ids: Vec<TableId>,
    diagram: Diagram,
}

impl Laid {
    /// The diagram kept.
    pub fn diagram(&self) -> &Diagram {
        &self.diagram
    }
}

impl Workspace {
    /// The diagram of `modules` (all when empty): laid out from scratch when `fresh` (a
    /// Re-layout), else as an update of the last one, so an edit moves only what it changed.
    ///
    /// Each view (set of modules) keeps its own layout, so coming back to a view after working
    /// in another shows it as it was, updated with the edits made meanwhile; the
    /// [`KEPT_VIEWS`] views used last are kept.
    pub fn diagram(&mut self, modules: &[String], fresh: bool) -> &Diagram {
        let kept = self.laid.iter().position(|l| l.modules == modules).map(|at| self.laid.remove(at));
        let previous = if fresh { None } else { kept.as_ref() };
        let started = std::time::Instant::now();
        let laid = layout_kept(self.registry(), modules, previous);
        tracing::debug!(
            tables = laid.diagram.input.tables.len(),
            kept = previous.is_some(),
            ms = started.elapsed().as_micros() as f64 / 1000.0,
            "diagram laid out"
        );
        self.laid.insert(0, laid);
        self.laid.truncate(KEPT_VIEWS);
        &self.laid[0].diagram
    }

    /// Just the tables `only` of `modules` (all when empty) and the lines between them, laid
    /// out afresh without pins: a focus view. Not kept.
    pub fn focus_diagram(&self, modules: &[String], only: &[TableRef]) -> Diagram {
        layout(self.registry(), modules, Some(only))
    }
}

/// Lays out `modules` of `registry` (all when empty) from scratch. With `only`, just those
/// tables and the relationships between them are laid out afresh, pins ignored: the focus view.
pub fn layout(registry: &Registry, modules: &[String], only: Option<&[TableRef]>) -> Diagram {
    let keep = only.map(|only| move |t: &Table| only.contains(&t.table_ref()));
    let (input, tables, lines) = layout_input(registry, modules, keep.as_ref().map(|k| k as &dyn Fn(&Table) -> bool));
    let options = LayoutOptions::default();
    let layout = relata_layout::layout(&input, &options);
    Diagram { input, layout, options, tables, lines }
}

/// Lays out `modules` of `registry` (all when empty) as an update of `previous` when it drew
/// the same modules and the tables it drew that are left keep their order (tables added,
/// edited, deleted or put back by an undo, pins, relationships, modules changed): only what
/// changed is placed again, and a group that gained or lost tables keeps the others where
/// they were. Otherwise (another filter, tables reordered) it lays out from scratch.
pub fn layout_kept(registry: &Registry, modules: &[String], previous: Option<&Laid>) -> Laid {
    let (mut input, tables, lines) = layout_input(registry, modules, None);
    let ids: Vec<TableId> = relata_layout::drawn(registry, &RegistryOptions { modules: modules.to_vec() }).tables.iter().map(|t| t.id).collect();
    let options = LayoutOptions::default();
    let layout = match previous.filter(|p| p.modules == modules).and_then(|p| update(p, &mut input, &ids, &options)) {
        Some(layout) => layout,
        None => relata_layout::layout(&input, &options),
    };
    Laid { modules: modules.to_vec(), ids, diagram: Diagram { input, layout, options, tables, lines } }
}

/// `previous`'s layout updated to `input` (whose tables are `ids`), with `input`'s groups put
/// in the order the kept layout knows them; `None` when the old tables changed order.
fn update(previous: &Laid, input: &mut LayoutInput, ids: &[TableId], options: &LayoutOptions) -> Option<Layout> {
    let old_input = &previous.diagram.input;
    let old_index: HashMap<TableId, usize> = previous.ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let tables: Vec<Option<usize>> = ids.iter().map(|id| old_index.get(id).copied()).collect();
    let kept: Vec<usize> = tables.iter().flatten().copied().collect();
    if kept.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let groups = keep_group_order(input, &old_input.groups);
    let mut group_now = vec![None; old_input.groups.len()];
    for (new, old) in groups.iter().enumerate() {
        if let Some(old) = *old {
            group_now[old] = Some(new);
        }
    }
    // What places a table: its name and rows (its size and where lines attach), its group and
    // its pin; key badges and colours are only drawn.
    let rows = |t: &TableInput| t.columns.iter().map(|c| (c.name.clone(), c.data_type.clone())).collect::<Vec<_>>();
    let same = |old: &TableInput, now: &TableInput| {
        old.name == now.name
            && rows(old) == rows(now)
            && old.partitions == now.partitions
            && old.more_partitions == now.more_partitions
            && old.kind == now.kind
            && old.pin == now.pin
            && old.group.and_then(|g| group_now[g]) == now.group
    };
    let changed: Vec<usize> =
        (0..input.tables.len()).filter(|&i| !tables[i].is_some_and(|old| same(&old_input.tables[old], &input.tables[i]))).collect();
    let identity = tables.len() >= previous.ids.len()
        && tables.iter().take(previous.ids.len()).enumerate().all(|(i, t)| *t == Some(i))
        && groups.iter().take(old_input.groups.len()).enumerate().all(|(g, o)| *o == Some(g))
        && groups.len() >= old_input.groups.len();
    let layout = &previous.diagram.layout;
    Some(if identity { layout.relayout(input, options, &changed) } else { layout.reindexed(&tables, &groups).relayout(input, options, &changed) })
}

/// Orders `input`'s groups as `previous` (the groups of the kept layout, whose indices its
/// blocks remember) where they are still drawn, new ones after; returns, per group now, the
/// index it had in `previous` (`None`: new).
fn keep_group_order(input: &mut LayoutInput, previous: &[GroupInput]) -> Vec<Option<usize>> {
    let position = |name: &str| input.groups.iter().position(|g| g.name == name);
    let mut order: Vec<(usize, Option<usize>)> = Vec::with_capacity(input.groups.len());
    for (old, g) in previous.iter().enumerate() {
        if let Some(i) = position(&g.name) {
            order.push((i, Some(old)));
        }
    }
    let new: Vec<usize> = (0..input.groups.len()).filter(|i| !order.iter().any(|(o, _)| o == i)).collect();
    order.extend(new.into_iter().map(|i| (i, None)));
    let mut new_index = vec![0; order.len()];
    for (n, &(i, _)) in order.iter().enumerate() {
        new_index[i] = n;
    }
    input.groups = order.iter().map(|&(i, _)| input.groups[i].clone()).collect();
    for t in &mut input.tables {
        t.group = t.group.map(|g| new_index[g]);
    }
    order.into_iter().map(|(_, old)| old).collect()
}

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
