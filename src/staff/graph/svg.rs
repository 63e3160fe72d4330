//! A flow as an SVG picture. A step is a box that lists its buttons (as the person sees
//! them, in the default language) and its typed answers; each arrow leaves from its
//! row. Other flows are rounded boxes, services hexagons. Buttons are solid arrows, typed
//! answers dashed, `next` dotted, signposts green. What `check` found is red (errors)
//! or orange (warnings) on the step and listed under the picture.
//!
//! The picture uses attributes only (no style sheet, no script), so it can stand alone
//! or sit inside the HTML report; ids are prefixed so several can share one page.

use std::fmt::Write;

use super::layout::layered;
use super::{EdgeKind, FlowGraph, Mark, Node, NodeKind};
use crate::load::Severity;
use crate::staff::markup::{escape, shorten, text_width};

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

/// One arrow: a cubic curve, with a straight run into its start from `lead_in` when it
/// has one.
struct Curve {
    lead_in: Option<Point>,
    points: [Point; 4],
    kind: EdgeKind,
}

fn curves(graph: &FlowGraph, layer: &[usize], boxes: &[Box], rows: &[Vec<Row>]) -> Vec<Curve> {
    let hangs = |node: usize| {
        matches!(
            graph.nodes[node].kind,
            NodeKind::Flow | NodeKind::Service { .. }
        )
    };
    // Where each arrow leaves: a button's or typed answer's row, on the side facing the
    // target; `next` from the bottom, left; signposts from the bottom, right.
    let starts: Vec<(Point, Point)> = graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let from = &boxes[e.from];
            let to = &boxes[e.to];
            if let Some(r) = rows[e.from].iter().position(|r| r.edge == i) {
                let y = from.y + HEAD_H + ROW_H * r as f64 + ROW_H / 2.0;
                if !hangs(e.to) && to.cx() < from.cx() - from.w / 4.0 {
                    ((from.x, y), (-1.0, 0.0))
                } else {
                    ((from.x + from.w, y), (1.0, 0.0))
                }
            } else if e.kind == EdgeKind::Next {
                ((from.x + 8.0, from.y + from.h), (0.0, 1.0))
            } else {
                let low: Vec<usize> = (0..graph.edges.len())
                    .filter(|&j| {
                        graph.edges[j].from == e.from && graph.edges[j].kind == EdgeKind::Signpost
                    })
                    .collect();
                let k = low.iter().position(|&j| j == i).unwrap_or(0);
                let x = from.x + from.w - 12.0 - 8.0 * (low.len() - 1 - k) as f64;
                ((x.max(from.x + 6.0), from.y + from.h), (0.0, 1.0))
            }
        })
        .collect();
    let sides: Vec<Side> = graph
        .edges
        .iter()
        .map(|e| {
            let (lf, lt) = (layer[e.from], layer[e.to]);
            if e.from == e.to || hangs(e.to) {
                Side::Right
            } else if lt > lf {
                Side::Top
            } else if lt < lf {
                Side::Bottom
            } else if boxes[e.to].cx() > boxes[e.from].cx() {
                Side::Left
            } else {
                Side::Right
            }
        })
        .collect();
    graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let to = &boxes[e.to];
            let side = sides[i];
            // Arrows into one side share it out, in the order they come from.
            let mut same: Vec<usize> = (0..graph.edges.len())
                .filter(|&j| graph.edges[j].to == e.to && sides[j] == side)
                .collect();
            let along = |j: usize| match side {
                Side::Top | Side::Bottom => starts[j].0.0,
                Side::Left | Side::Right => starts[j].0.1,
            };
            same.sort_by(|&a, &b| along(a).total_cmp(&along(b)).then(a.cmp(&b)));
            let k = same.iter().position(|&j| j == i).unwrap_or(0);
            let end = match side {
                Side::Top => (to.cx() + spread(k, same.len(), to.w), to.y),
                Side::Bottom => (to.cx() + spread(k, same.len(), to.w), to.y + to.h),
                Side::Left => (
                    to.x,
                    to.y + HEAD_H.min(to.h) / 2.0 + spread(k, same.len(), to.h) / 2.0,
                ),
                Side::Right => (
                    to.x + to.w,
                    to.y + HEAD_H.min(to.h) / 2.0 + spread(k, same.len(), to.h) / 2.0,
                ),
            };
            let (mut start, out) = starts[i];
            // `next` runs straight down past what hangs under its step first.
            let below = (0..graph.nodes.len())
                .filter(|&j| hangs(j) && graph.edges.iter().any(|o| o.to == j && o.from == e.from))
                .map(|j| boxes[j].y + boxes[j].h)
                .fold(f64::MIN, f64::max);
            let lead_in = (e.kind == EdgeKind::Next && below > start.1).then_some(start);
            if lead_in.is_some() {
                start.1 = below + 6.0;
            }
            let distance = ((end.0 - start.0).powi(2) + (end.1 - start.1).powi(2)).sqrt();
            // Arrows to what hangs under a step stay close to it.
            let pull = if hangs(e.to) {
                24.0
            } else {
                (distance * 0.4).clamp(28.0, 110.0)
            };
            let inward = side.inward();
            // Leave a row briefly sideways, then head for the target, so an arrow does
            // not run through the boxes beside its own.
            let leave = if out.0 == 0.0 { pull } else { pull.min(28.0) };
            Curve {
                lead_in,
                points: [
                    start,
                    (start.0 + out.0 * leave, start.1 + out.1 * leave),
                    (end.0 - inward.0 * pull, end.1 - inward.1 * pull),
                    end,
                ],
                kind: e.kind,
            }
        })
        .collect()
}

/// The offset of the `k`th of `n` points shared out along a side `length` long.
fn spread(k: usize, n: usize, length: f64) -> f64 {
    let step = (length / (n as f64 + 1.0)).min(14.0);
    (k as f64 - (n as f64 - 1.0) / 2.0) * step
}

fn draw_curve(out: &mut String, curve: &Curve, prefix: &str) {
    let [p0, c0, c1, p1] = curve.points;
    let lead = curve
        .lead_in
        .map(|v| format!("M{:.1},{:.1} L", v.0, v.1))
        .unwrap_or_else(|| "M".to_string());
    let (stroke, dash, marker, width) = match curve.kind {
        EdgeKind::Choice => (INK, "", "ink", 1.4),
        EdgeKind::Route => (GREY, r#" stroke-dasharray="7 4""#, "grey", 1.4),
        EdgeKind::Next => (
            INK,
            r#" stroke-dasharray="0.5 5" stroke-linecap="round""#,
            "ink",
            2.6,
        ),
        EdgeKind::Signpost => (GREEN, "", "green", 1.2),
    };
    let _ = write!(
        out,
        r#"<path d="{lead}{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="none" stroke="{stroke}" stroke-width="{width}"{dash} marker-end="url(#{prefix}-{marker})"/>"#,
        p0.0, p0.1, c0.0, c0.1, c1.0, c1.1, p1.0, p1.1
    );
}

fn draw_node(out: &mut String, node: &Node, b: &Box, rows: &[Row]) {
    let mark = node.mark();
    let (mut fill, mut stroke) = match node.kind {
        NodeKind::Step { .. } => ("#ffffff", INK),
        NodeKind::Missing => ("#fce8e6", RED),
        NodeKind::Flow => ("#e8f0fe", BLUE),
        NodeKind::Service { known: true } => ("#e6f4ea", GREEN),
        NodeKind::Service { known: false } => ("#fce8e6", RED),
    };
    let mut width = 1.4;
    let mut dash = "";
    match mark {
        Some(Mark::Unreachable) => {
            (fill, stroke, dash, width) = ("#fce8e6", RED, r#" stroke-dasharray="6 4""#, 2.5);
        }
        Some(Mark::DeadEnd) => (fill, stroke, width) = ("#fce8e6", RED, 3.0),
        Some(Mark::Error) => (stroke, width) = (RED, 2.5),
        Some(Mark::Warning) => (stroke, width) = (ORANGE, 2.5),
        None => {}
    }
    if let NodeKind::Step { start: true, .. } = node.kind {
        width += 1.4;
    }
    if matches!(
        node.kind,
        NodeKind::Missing | NodeKind::Service { known: false }
    ) {
        dash = r#" stroke-dasharray="4 3""#;
    }
    let tooltip: Vec<String> = std::iter::once(node.label.clone())
        .chain(node.problems.iter().map(|d| d.to_string()))
        .collect();
    let _ = write!(out, "<g><title>{}</title>", escape(&tooltip.join("\n")));
    let paint = format!(r#"fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}"#);
    let (x, y, w, h) = (b.x, b.y, b.w, b.h);
    match node.kind {
        NodeKind::Service { .. } => {
            let e = 14.0;
            let _ = write!(
                out,
                r#"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {:.1},{y:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" {paint}/>"#,
                b.cy(),
                x + e,
                x + w - e,
                x + w,
                b.cy(),
                x + w - e,
                y + h,
                x + e,
                y + h
            );
        }
        NodeKind::Flow => {
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="{:.1}" {paint}/>"#,
                h / 2.0
            );
        }
        _ => {
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="5" {paint}/>"#
            );
            if let NodeKind::Step { end: true, .. } = node.kind {
                // A second frame inside: the conversation ends here.
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="none" stroke="{stroke}" stroke-width="1"/>"#,
                    x + 4.0,
                    y + 4.0,
                    w - 8.0,
                    h - 8.0
                );
            }
        }
    }
    let is_step = matches!(node.kind, NodeKind::Step { .. });
    let (label_y, weight) = if is_step {
        (y + 19.0, r#" font-weight="bold""#)
    } else {
        (b.cy() + 4.5, "")
    };
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{label_y:.1}" text-anchor="middle" fill="{INK}"{weight}>{}</text>"#,
        b.cx(),
        escape(&shorten(&node.label, NODE_CHARS))
    );
    for (r, row) in rows.iter().enumerate() {
        let top = y + HEAD_H + ROW_H * r as f64;
        if row.typed {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="{ROW_FONT}" font-style="italic" fill="{GREY}">{}<tspan font-style="normal">{}</tspan></text>"#,
                x + 10.0,
                top + 15.0,
                escape(&row.text),
                escape(&row.target)
            );
        } else {
            // A button, drawn as one.
            let _ = write!(
                out,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="#f1f3f4" stroke="#dadce0"/><text x="{:.1}" y="{:.1}" font-size="{ROW_FONT}" fill="{INK}">{}<tspan fill="{GREY}">{}</tspan></text>"##,
                x + 6.0,
                top + 2.0,
                w - 12.0,
                ROW_H - 4.0,
                x + 12.0,
                top + 15.0,
                escape(&row.text),
                escape(&row.target)
            );
        }
    }
    if let NodeKind::Step { start: true, .. } = node.kind {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" font-size="11" fill="{GREY}">start</text>"#,
            y - 5.0
        );
    }
    let caption = match (mark, &node.kind) {
        (_, NodeKind::Missing) => Some("no such step"),
        (_, NodeKind::Service { known: false }) => Some("not in the directory"),
        (Some(mark), _) => Some(mark.caption()),
        _ => None,
    };
    if let Some(caption) = caption {
        let colour = if mark == Some(Mark::Warning) {
            ORANGE
        } else {
            RED
        };
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="{colour}">{caption}</text>"#,
            x + w + 4.0,
            y + 11.0
        );
    }
    out.push_str("</g>");
}

/// The key to the arrows; returns the rightmost x it reaches.
fn legend(out: &mut String, y: f64, prefix: &str) -> f64 {
    let items = [
        ("button", INK, "", "ink", 1.4),
        (
            "typed answer",
            GREY,
            r#" stroke-dasharray="7 4""#,
            "grey",
            1.4,
        ),
        (
            "next (goes on at once)",
            INK,
            r#" stroke-dasharray="0.5 5" stroke-linecap="round""#,
            "ink",
            2.6,
        ),
        ("signpost (service)", GREEN, "", "green", 1.2),
    ];
    let mut x = PAD;
    for (name, colour, dash, marker, width) in items {
        let _ = write!(
            out,
            r#"<path d="M{x:.1},{:.1} h36" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#{prefix}-{marker})"/><text x="{:.1}" y="{y:.1}" font-size="{ROW_FONT}" fill="{GREY}">{name}</text>"#,
            y - 4.0,
            x + 44.0
        );
        x += 44.0 + text_width(name, ROW_FONT) + 24.0;
    }
    x
}
