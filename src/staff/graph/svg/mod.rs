//! A flow as an SVG picture. A step is a box that lists its buttons (as the person sees
//! them, in the default language) and its typed answers; each arrow leaves from its
//! row. Other flows are rounded boxes, services hexagons. Buttons are solid arrows, typed
//! answers dashed, `next` dotted, signposts green. What `check` found is red (errors)
//! or orange (warnings) on the step and listed under the picture.
//!
//! The picture uses attributes only (no style sheet, no script), so it can stand alone
//! or sit inside the HTML report; ids are prefixed so several can share one page.

use std::fmt::Write;

use crate::load::Severity;
use crate::staff::graph::layout::layered;
use crate::staff::graph::{EdgeKind, FlowGraph, Mark, Node, NodeKind};
use crate::staff::markup::{escape, shorten, text_width};

mod draw;

use draw::*;

const FONT: f64 = 13.0;
const ROW_FONT: f64 = 12.0;
/// A box's title row, and each row under it.
const HEAD_H: f64 = 28.0;
const ROW_H: f64 = 21.0;
const PAD: f64 = 24.0;
/// Room above the graph for the title.
const TITLE_H: f64 = 48.0;
const ROW_CHARS: usize = 34;
const TARGET_CHARS: usize = 16;
const NODE_CHARS: usize = 30;
const PROBLEM_CHARS: usize = 120;

const INK: &str = "#202124";
const GREY: &str = "#5f6368";
const RED: &str = "#c5221f";
const ORANGE: &str = "#b06000";
const GREEN: &str = "#137333";
const BLUE: &str = "#1a56c4";

type Point = (f64, f64);

/// The SVG document for one flow. `prefix` keeps its ids apart from other pictures on
/// the same page.
pub fn svg(graph: &FlowGraph, prefix: &str) -> String {
    let rows = rows(graph);
    let sizes: Vec<(f64, f64)> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| size(n, &rows[i]))
        .collect();
    let (boxes, layer, extent) = place(graph, &sizes);
    let curves = curves(graph, &layer, &boxes, &rows);

    // The extent of everything drawn, control points included, so no curve is cut.
    let mut min = (0.0f64, 0.0f64);
    let mut max = extent;
    for c in &curves {
        for p in [c.points[0], c.points[1], c.points[2], c.points[3]] {
            min = (min.0.min(p.0), min.1.min(p.1));
            max = (max.0.max(p.0), max.1.max(p.1));
        }
    }
    let (ox, oy) = (PAD - min.0, PAD + TITLE_H - min.1 + 14.0);

    let mut body = String::new();
    for c in &curves {
        draw_curve(&mut body, c, prefix);
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        draw_node(&mut body, node, &boxes[i], &rows[i]);
    }

    let mut right = max.0 - min.0;
    let mut foot = String::new();
    let mut y = oy + max.1 + 44.0;
    right = right.max(legend(&mut foot, y, prefix) - PAD);
    let problems = graph.all_problems();
    if !problems.is_empty() {
        y += 32.0;
        let _ = write!(
            foot,
            r#"<text x="{PAD}" y="{y}" font-weight="bold" fill="{INK}">signpost check found:</text>"#
        );
        for d in problems {
            y += 20.0;
            let colour = if d.severity == Severity::Error {
                RED
            } else {
                ORANGE
            };
            let line = d.to_string();
            let short = shorten(&line, PROBLEM_CHARS);
            right = right.max(text_width(&short, ROW_FONT));
            let _ = write!(
                foot,
                r#"<text x="{PAD}" y="{y}" font-size="{ROW_FONT}" fill="{colour}"><title>{}</title>{}</text>"#,
                escape(&line),
                escape(&short)
            );
        }
    }
    let mut title = format!("flow \"{}\"  ({})", graph.id, graph.file.display());
    if let Some(mark) = graph.mark() {
        let _ = write!(title, ": {}", mark.caption());
    }
    let title_colour = if graph.mark().is_some() { RED } else { INK };
    right = right.max(text_width(&title, 16.0));

    let width = (right + 2.0 * PAD).ceil();
    let height = (y + PAD).ceil();
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="{FONT}" role="img" aria-label="{}">"#,
        escape(&format!("flow {}", graph.id))
    );
    let _ = write!(
        out,
        r##"<rect width="{width}" height="{height}" fill="#ffffff"/><defs>"##
    );
    for (name, colour) in [("ink", INK), ("grey", GREY), ("green", GREEN)] {
        let _ = write!(
            out,
            r#"<marker id="{prefix}-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,1 L10,5 L0,9 z" fill="{colour}"/></marker>"#
        );
    }
    let _ = write!(
        out,
        r#"</defs><text x="{PAD}" y="{}" font-size="16" font-weight="bold" fill="{title_colour}">{}</text>"#,
        PAD + 18.0,
        escape(&title)
    );
    let _ = write!(out, r#"<g transform="translate({ox:.1},{oy:.1})">"#);
    out.push_str(&body);
    out.push_str("</g>");
    out.push_str(&foot);
    out.push_str("</svg>\n");
    out
}

/// A node's place.
#[derive(Debug, Clone, Copy)]
struct Box {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Box {
    fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

/// A row in a step's box: a button or a group of typed answers, and its arrow.
#[derive(Debug)]
struct Row {
    edge: usize,
    text: String,
    /// Where it leads, shown after the text.
    target: String,
    typed: bool,
}

/// The rows of every node: a step's buttons in order, then its typed answers.
fn rows(graph: &FlowGraph) -> Vec<Vec<Row>> {
    let mut rows: Vec<Vec<Row>> = graph.nodes.iter().map(|_| Vec::new()).collect();
    for kind in [EdgeKind::Choice, EdgeKind::Route] {
        for (i, e) in graph.edges.iter().enumerate() {
            if e.kind == kind && matches!(graph.nodes[e.from].kind, NodeKind::Step { .. }) {
                rows[e.from].push(Row {
                    edge: i,
                    text: shorten(&e.label, ROW_CHARS),
                    target: format!(" → {}", shorten(&graph.nodes[e.to].label, TARGET_CHARS)),
                    typed: kind == EdgeKind::Route,
                });
            }
        }
    }
    rows
}

fn size(node: &Node, rows: &[Row]) -> (f64, f64) {
    let label = text_width(&shorten(&node.label, NODE_CHARS), FONT);
    match node.kind {
        NodeKind::Step { .. } => {
            let widest = rows
                .iter()
                .map(|r| text_width(&r.text, ROW_FONT) + text_width(&r.target, ROW_FONT) + 16.0)
                .fold(label, f64::max);
            let extra = if rows.is_empty() { 0.0 } else { 6.0 };
            (
                (widest + 24.0).max(110.0),
                HEAD_H + ROW_H * rows.len() as f64 + extra,
            )
        }
        NodeKind::Service { .. } => ((label + 44.0).max(96.0), 34.0),
        _ => ((label + 32.0).max(96.0), 32.0),
    }
}

/// Room between a step and the other flows and services hanging under it.
const HANG_GAP: f64 = 10.0;
const HANG_INDENT: f64 = 18.0;
/// Room right of a step for the arrows to what hangs under it.
const HANG_ROOM: f64 = 40.0;

/// Places every node. Other flows and services hang in a column under the one step
/// that leads to them; steps (and missing steps) are laid out in rows, each with its
/// column as one block. Returns the boxes, each node's row (a hanging node takes its
/// step's) and the extent of the whole.
fn place(graph: &FlowGraph, sizes: &[(f64, f64)]) -> (Vec<Box>, Vec<usize>, Point) {
    let n = graph.nodes.len();
    let parent: Vec<Option<usize>> = (0..n)
        .map(|i| match graph.nodes[i].kind {
            NodeKind::Flow | NodeKind::Service { .. } => {
                graph.edges.iter().find(|e| e.to == i).map(|e| e.from)
            }
            _ => None,
        })
        .collect();
    let blocks: Vec<usize> = (0..n).filter(|&i| parent[i].is_none()).collect();
    let parent = &parent;
    let hanging = |b: usize| (0..n).filter(move |&i| parent[i] == Some(b));
    let block_sizes: Vec<(f64, f64)> = blocks
        .iter()
        .map(|&b| {
            let (mut w, mut h) = sizes[b];
            let mut any = false;
            for i in hanging(b) {
                w = w.max(HANG_INDENT + sizes[i].0);
                h += HANG_GAP + sizes[i].1;
                any = true;
            }
            if any {
                w += HANG_ROOM;
            }
            (w, h)
        })
        .collect();
    let at = |node: usize| blocks.iter().position(|&b| b == node);
    let pairs: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .filter_map(|e| Some((at(e.from)?, at(e.to)?)))
        .collect();
    let steps: Vec<usize> = (0..blocks.len())
        .filter(|&k| matches!(graph.nodes[blocks[k]].kind, NodeKind::Step { .. }))
        .collect();
    let first = graph.start.and_then(at).or(steps.first().copied());
    let layout = layered(&block_sizes, &pairs, first, &steps);

    let mut boxes = vec![
        Box {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0
        };
        n
    ];
    let mut layer = vec![0; n];
    for (k, &b) in blocks.iter().enumerate() {
        let left = layout.x[k] - block_sizes[k].0 / 2.0;
        let mut top = layout.y[k];
        boxes[b] = Box {
            x: left,
            y: top,
            w: sizes[b].0,
            h: sizes[b].1,
        };
        layer[b] = layout.layer[k];
        top += sizes[b].1;
        for i in hanging(b) {
            top += HANG_GAP;
            boxes[i] = Box {
                x: left + HANG_INDENT,
                y: top,
                w: sizes[i].0,
                h: sizes[i].1,
            };
            layer[i] = layout.layer[k];
            top += sizes[i].1;
        }
    }
    (boxes, layer, (layout.width, layout.height))
}

/// Which side of a box an arrow arrives at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

impl Side {
    /// The direction of travel when arriving at this side.
    fn inward(self) -> Point {
        match self {
            Side::Top => (0.0, 1.0),
            Side::Bottom => (0.0, -1.0),
            Side::Left => (1.0, 0.0),
            Side::Right => (-1.0, 0.0),
        }
    }
}
