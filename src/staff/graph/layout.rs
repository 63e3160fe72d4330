//! A simple layered layout: nodes in rows by their distance from the start, each row
//! ordered by where the nodes above it lead from, so arrows mostly point down and cross
//! little.
//!
//! Steps the start does not lead to (entered from another flow, or unreachable) get a
//! row of their own below, so they stand out rather than mingle with the rest.

use std::collections::VecDeque;

/// Where every node goes: the centre of its top edge (nodes in a row line up at the
/// top, so rows read as lines).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    pub layer: Vec<usize>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub width: f64,
    pub height: f64,
}

/// Space between nodes in a row.
const GAP_X: f64 = 48.0;
/// Space between rows, where the arrows and their labels go.
const GAP_Y: f64 = 96.0;

/// Lays out `sizes.len()` nodes (width, height) joined by `edges` (from, to). `first` is
/// the start; `others` are nodes to start from too when the start does not lead to them,
/// in the order given.
pub(super) fn layered(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    first: Option<usize>,
    others: &[usize],
) -> Layout {
    let n = sizes.len();
    let mut layer: Vec<Option<usize>> = vec![None; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let successors = |node: usize| edges.iter().filter(move |e| e.0 == node).map(|e| e.1);

    let mut bfs = |roots: Vec<usize>, base: usize, layer: &mut Vec<Option<usize>>| {
        let mut queue: VecDeque<usize> = VecDeque::new();
        for root in roots {
            if layer[root].is_none() {
                layer[root] = Some(base);
                order.push(root);
                queue.push_back(root);
            }
        }
        while let Some(node) = queue.pop_front() {
            let below = layer[node].map_or(base, |l| l + 1);
            for next in successors(node) {
                if layer[next].is_none() {
                    layer[next] = Some(below);
                    order.push(next);
                    queue.push_back(next);
                }
            }
        }
    };
    bfs(first.into_iter().collect(), 0, &mut layer);
    let rest: Vec<usize> = others
        .iter()
        .copied()
        .chain(0..n)
        .filter(|&i| layer[i].is_none())
        .collect();
    let base = layer.iter().flatten().max().map_or(0, |m| m + 1);
    bfs(rest, base, &mut layer);
    let layer: Vec<usize> = layer.into_iter().map(|l| l.unwrap_or(0)).collect();

    let rows = layer.iter().max().map_or(0, |m| m + 1);
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    let mut top = 0.0;
    let mut widths = Vec::with_capacity(rows);
    for row in 0..rows {
        let mut members: Vec<usize> = order.iter().copied().filter(|&i| layer[i] == row).collect();
        // Order the row by the mean position of the nodes above that lead to each one;
        // the sort is stable, so nodes without such parents keep their discovery order.
        let key = |node: usize| -> f64 {
            let parents: Vec<f64> = edges
                .iter()
                .filter(|e| e.1 == node && layer[e.0] < row)
                .map(|e| x[e.0])
                .collect();
            if parents.is_empty() {
                f64::MAX
            } else {
                parents.iter().sum::<f64>() / parents.len() as f64
            }
        };
        let keys: Vec<(usize, f64)> = members.iter().map(|&m| (m, key(m))).collect();
        members.sort_by(|a, b| {
            let ka = keys.iter().find(|k| k.0 == *a).map_or(f64::MAX, |k| k.1);
            let kb = keys.iter().find(|k| k.0 == *b).map_or(f64::MAX, |k| k.1);
            ka.total_cmp(&kb)
        });
        let width: f64 = members.iter().map(|&m| sizes[m].0).sum::<f64>()
            + GAP_X * members.len().saturating_sub(1) as f64;
        let height = members.iter().map(|&m| sizes[m].1).fold(0.0, f64::max);
        let mut left = -width / 2.0;
        for &m in &members {
            x[m] = left + sizes[m].0 / 2.0;
            y[m] = top;
            left += sizes[m].0 + GAP_X;
        }
        widths.push(width);
        top += height + GAP_Y;
    }
    let width = widths.iter().copied().fold(0.0, f64::max);
    for value in &mut x {
        *value += width / 2.0;
    }
    Layout {
        layer,
        x,
        y,
        width,
        height: (top - GAP_Y).max(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_distance_from_the_start() {
        let sizes = [(100.0, 40.0); 4];
        // 0 -> 1 -> 2, 0 -> 2; 3 is not reached from 0.
        let layout = layered(&sizes, &[(0, 1), (1, 2), (0, 2)], Some(0), &[3]);
        assert_eq!(layout.layer, vec![0, 1, 1, 2]);
        assert_eq!(layout.width, 248.0);
        assert_eq!(layout.x[0], 124.0);
        assert!(layout.y[3] > layout.y[1]);
    }

    #[test]
    fn a_row_is_ordered_under_its_parents() {
        let sizes = [(100.0, 40.0); 5];
        // Row 1 is found as 1, 2; row 2 as 3 (child of 2), 4 (child of 1).
        let layout = layered(&sizes, &[(0, 1), (0, 2), (2, 3), (1, 4)], Some(0), &[]);
        assert!(layout.x[4] < layout.x[3]);
    }
}
