//! A flow as Mermaid text, for pasting into a wiki or an issue: the same nodes and
//! arrows as the SVG picture, with line styles set per arrow (`linkStyle`) and `check`'s
//! findings as node classes.

use std::fmt::Write;

use super::{EdgeKind, FlowGraph, Mark, NodeKind};

/// The Mermaid `flowchart` for one flow.
pub fn mermaid(graph: &FlowGraph) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "%% flow \"{}\" ({}), drawn by signpost graph",
        graph.id,
        graph.file.display()
    );
    for d in graph.all_problems() {
        let _ = writeln!(out, "%% {}", one_line(&d.to_string()));
    }
    out.push_str("flowchart TD\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        let mut label = node.label.clone();
        if let NodeKind::Step { start, end } = node.kind {
            if start {
                label = format!("start: {label}");
            }
            if end {
                label.push_str(" (end)");
            }
        }
        if let Some(mark) = node.mark().filter(|_| node.kind != NodeKind::Missing) {
            let _ = write!(label, " ({})", mark.caption());
        }
        let text = quote(&label);
        let _ = match node.kind {
            NodeKind::Step { .. } => writeln!(out, "  n{i}[{text}]"),
            NodeKind::Missing => writeln!(
                out,
                "  n{i}[/{}/]",
                quote(&format!("no such step: {}", node.label))
            ),
            NodeKind::Flow => writeln!(out, "  n{i}([{text}])"),
            NodeKind::Service { .. } => writeln!(out, "  n{i}{{{{{text}}}}}"),
        };
    }
    let mut dashed = Vec::new();
    let mut dotted = Vec::new();
    let mut green = Vec::new();
    for (k, edge) in graph.edges.iter().enumerate() {
        let (from, to) = (edge.from, edge.to);
        let _ = match edge.kind {
            EdgeKind::Choice => writeln!(out, "  n{from} -->|{}| n{to}", quote(&edge.label)),
            EdgeKind::Route => {
                dashed.push(k);
                writeln!(out, "  n{from} -.->|{}| n{to}", quote(&edge.label))
            }
            EdgeKind::Next => {
                dotted.push(k);
                writeln!(out, "  n{from} -.-> n{to}")
            }
            EdgeKind::Signpost => {
                green.push(k);
                writeln!(out, "  n{from} --> n{to}")
            }
        };
    }
    let styles = [
        (dashed, "stroke-dasharray:8 5"),
        (dotted, "stroke-dasharray:1 5,stroke-width:2.5px"),
        (green, "stroke:#137333"),
    ];
    for (links, style) in styles {
        if !links.is_empty() {
            let list: Vec<String> = links.iter().map(usize::to_string).collect();
            let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
        }
    }
    let classes = [
        (
            Mark::Unreachable,
            "unreachable",
            "fill:#fce8e6,stroke:#c5221f,stroke-width:2.5px,stroke-dasharray:6 4",
        ),
        (
            Mark::DeadEnd,
            "deadend",
            "fill:#fce8e6,stroke:#c5221f,stroke-width:3px",
        ),
        (Mark::Error, "error", "stroke:#c5221f,stroke-width:2.5px"),
        (
            Mark::Warning,
            "warning",
            "stroke:#b06000,stroke-width:2.5px",
        ),
    ];
    for (mark, class, style) in classes {
        let members: Vec<String> = graph
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.mark() == Some(mark))
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {class} {style}");
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    let services: Vec<String> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.kind, NodeKind::Service { known: true }))
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !services.is_empty() {
        let _ = writeln!(out, "  classDef service fill:#e6f4ea,stroke:#137333");
        let _ = writeln!(out, "  class {} service", services.join(","));
    }
    out
}

/// A label in Mermaid's quotes, with the characters that would end or confuse it
/// written as Mermaid entity codes.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_would_break_a_label() {
        assert_eq!(
            quote("a \"b\" #1 <x>|\ny"),
            "\"a #quot;b#quot; #35;1 #lt;x#gt;#124; y\""
        );
    }
}
