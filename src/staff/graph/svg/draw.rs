//! Drawing a placed flow: the arrows as curves between rows and boxes, each box with
//! its rows, and the key under the picture.

use std::fmt::Write;

use super::*;

/// One arrow: a cubic curve, with a straight run into its start from `lead_in` when it
/// has one.
pub(super) struct Curve {
    lead_in: Option<Point>,
    pub(super) points: [Point; 4],
    kind: EdgeKind,
}

pub(super) fn curves(
    graph: &FlowGraph,
    layer: &[usize],
    boxes: &[Box],
    rows: &[Vec<Row>],
) -> Vec<Curve> {
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
pub(super) fn spread(k: usize, n: usize, length: f64) -> f64 {
    let step = (length / (n as f64 + 1.0)).min(14.0);
    (k as f64 - (n as f64 - 1.0) / 2.0) * step
}

pub(super) fn draw_curve(out: &mut String, curve: &Curve, prefix: &str) {
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

pub(super) fn draw_node(out: &mut String, node: &Node, b: &Box, rows: &[Row]) {
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
pub(super) fn legend(out: &mut String, y: f64, prefix: &str) -> f64 {
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
