//! The order tables are created in: parents before children, so that a foreign key can be
//! declared inside its table's `CREATE TABLE`. Cycles are fine: the tables of one strongly
//! connected component go together, and the foreign keys inside it are added afterwards.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

/// Where each table goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableOrder {
    /// Table indices in creation order.
    pub order: Vec<usize>,
    /// The strongly connected component of each table (indexed like the input).
    pub component: Vec<usize>,
}

/// Orders `names.len()` tables given foreign-key edges `(child, parent)`: components in
/// topological order (every parent's component before its children's), ties broken by the
/// smallest name in a component, and the tables of a component by name. `names` are what ties
/// are broken by, e.g. `(schema, table)`; they need not be unique.
pub(crate) fn table_order<K: Ord>(names: &[K], edges: &[(usize, usize)]) -> TableOrder {
    // Each table's place among all by (name, index): ties are broken by comparing these
    // numbers, so names are compared once, in this one sort.
    let mut by_name: Vec<usize> = (0..names.len()).collect();
    by_name.sort_by(|&a, &b| names[a].cmp(&names[b]).then(a.cmp(&b)));
    let mut rank = vec![0; names.len()];
    for (place, &t) in by_name.iter().enumerate() {
        rank[t] = place;
    }

    let mut graph = DiGraph::<usize, ()>::with_capacity(names.len(), edges.len());
    let nodes: Vec<NodeIndex> = (0..names.len()).map(|i| graph.add_node(i)).collect();
    for &(child, parent) in edges {
        if child != parent {
            graph.add_edge(nodes[parent], nodes[child], ());
        }
    }
    let mut component = vec![0; names.len()];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (c, scc) in tarjan_scc(&graph).into_iter().enumerate() {
        let mut tables: Vec<usize> = scc.into_iter().map(|n| graph[n]).collect();
        tables.sort_by_key(|&t| rank[t]);
        for &t in &tables {
            component[t] = c;
        }
        members.push(tables);
    }
    // The condensation: edges between components, each once.
    let mut links: Vec<(usize, usize)> = edges
        .iter()
        .map(|&(child, parent)| (component[parent], component[child]))
        .filter(|(from, to)| from != to)
        .collect();
    links.sort_unstable();
    links.dedup();
    let mut indegree = vec![0usize; members.len()];
    for &(_, to) in &links {
        indegree[to] += 1;
    }
    // Kahn's algorithm, always taking the ready component whose first table sorts first, so
    // the same registry always gives the same order whatever its row order. (A component's
    // first table has the smallest rank of its tables, and ranks are distinct.)
    let key = |c: usize| Reverse((rank[members[c][0]], c));
    let mut ready: BinaryHeap<Reverse<(usize, usize)>> =
        (0..members.len()).filter(|&c| indegree[c] == 0).map(key).collect();
    let mut order = Vec::with_capacity(names.len());
    while let Some(Reverse((_, c))) = ready.pop() {
        order.extend(&members[c]);
        let start = links.partition_point(|&(from, _)| from < c);
        for &(_, next) in links[start..].iter().take_while(|&&(from, _)| from == c) {
            indegree[next] -= 1;
            if indegree[next] == 0 {
                ready.push(key(next));
            }
        }
    }
    debug_assert_eq!(order.len(), names.len(), "the condensation of a graph is acyclic");
    TableOrder { order, component }
}

#[cfg(test)]
mod tests {
    use super::table_order;

    #[test]
    fn parents_first_ties_by_name_cycles_together() {
        // 0 d → 1 a; 2 c ↔ 3 b (a cycle) → 1 a; 4 e alone; 1 a references itself.
        let names = ["d", "a", "c", "b", "e"];
        let edges = [(0, 1), (2, 3), (3, 2), (2, 1), (1, 1)];
        let order = table_order(&names, &edges);
        let by_name: Vec<&str> = order.order.iter().map(|&i| names[i]).collect();
        assert_eq!(by_name, ["a", "b", "c", "d", "e"]);
        assert_eq!(order.component[2], order.component[3]);
        assert_ne!(order.component[0], order.component[1]);
    }

    #[test]
    fn a_parent_named_last_still_comes_first() {
        let names = ["a_child", "z_parent"];
        let order = table_order(&names, &[(0, 1)]);
        assert_eq!(order.order, [1, 0]);
    }
}
