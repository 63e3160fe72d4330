//! The picture of a flow as a graph: its steps, where their buttons, typed answers and
//! `next` lead, the services they signpost, and what `check` found wrong with each.
//!
//! Graphs are drawn from the content as written ([`Content`]), so a flow with errors
//! can still be pictured; which steps are unreachable, dead ends or otherwise wrong is
//! taken from the `check` report, each finding on the step that owns it, never decided
//! here.

mod layout;
mod mermaid;
mod svg;

use std::collections::HashMap;
use std::path::PathBuf;

pub use mermaid::mermaid;
pub use svg::svg;

use crate::load::content::{Content, FlowDoc, Goto};
use crate::load::{Diagnostic, Document, Kind, Owner, Report, Severity};

/// One flow, ready to draw.
#[derive(Debug)]
pub struct FlowGraph {
    /// The flow's id.
    pub id: String,
    /// The flow's file.
    pub file: PathBuf,
    /// The flow's steps first, in file order; then the other flows, missing steps and
    /// services they lead to, in the order first met. Other flows and services get a
    /// node per step that leads to them, drawn beside that step: one shared "menu" node
    /// would pull an arrow across the picture from every step.
    pub nodes: Vec<Node>,
    /// The arrows between nodes, by node index.
    pub edges: Vec<Edge>,
    /// Where the picture starts: the start step, if the flow has it.
    pub start: Option<usize>,
    /// What `check` says about the flow outside its steps (its id, start, deep links).
    pub problems: Vec<Diagnostic>,
}

/// One box of the picture.
#[derive(Debug)]
pub struct Node {
    /// What the box stands for.
    pub kind: NodeKind,
    /// The text in the box: a step id, a flow or step it leads to, or a service.
    pub label: String,
    /// What `check` says about this step.
    pub problems: Vec<Diagnostic>,
}

/// What a node stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A step of the flow.
    Step {
        /// The flow starts here.
        start: bool,
        /// The step has `end = true`.
        end: bool,
    },
    /// A step that a choice, route or `next` names but the flow does not have.
    Missing,
    /// Another flow, or a step of another flow.
    Flow,
    /// A service from the directory; `known` is false when the directory lacks it.
    Service {
        /// Whether the directory has the service.
        known: bool,
    },
}

/// How `check`'s findings show on a node, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Nothing leads to the step.
    Unreachable,
    /// The step neither waits, goes on nor ends.
    DeadEnd,
    /// Another error.
    Error,
    /// A warning.
    Warning,
}

impl Mark {
    /// The words shown under a marked node.
    pub fn caption(self) -> &'static str {
        match self {
            Mark::Unreachable => "unreachable",
            Mark::DeadEnd => "dead end",
            Mark::Error => "error",
            Mark::Warning => "warning",
        }
    }

    /// The mark for a set of `check` findings, if any: by their kind, else their
    /// severity.
    pub fn of<'d>(problems: impl IntoIterator<Item = &'d Diagnostic>) -> Option<Mark> {
        problems
            .into_iter()
            .map(|d| match (d.kind, d.severity) {
                (Kind::Unreachable, _) => Mark::Unreachable,
                (Kind::DeadEnd, _) => Mark::DeadEnd,
                (Kind::Other, Severity::Error) => Mark::Error,
                (Kind::Other, Severity::Warning) => Mark::Warning,
            })
            .min()
    }
}

impl Node {
    /// How the node is marked: a missing step is an error, else by its findings.
    pub fn mark(&self) -> Option<Mark> {
        if self.kind == NodeKind::Missing {
            return Some(Mark::Error);
        }
        Mark::of(&self.problems)
    }
}

/// One arrow of the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// The node it leaves, an index into [`FlowGraph::nodes`].
    pub from: usize,
    /// The node it reaches, an index into [`FlowGraph::nodes`].
    pub to: usize,
    /// What leads there.
    pub kind: EdgeKind,
    /// The words on the arrow (a button's text, the languages of typed answers).
    pub label: String,
}

/// What an arrow stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A button, labelled with its text in the default language.
    Choice,
    /// Typed answers, all routes to one target together, labelled with their languages.
    Route,
    /// `next`: on at once.
    Next,
    /// A service the step shows.
    Signpost,
}

/// Every flow of the document, in file order.
pub fn graphs(document: &Document, report: &Report) -> Vec<FlowGraph> {
    let content = document.content();
    content
        .flows
        .iter()
        .map(|flow| FlowGraph::build(content, flow, report))
        .collect()
}

impl FlowGraph {
    /// The graph of one flow of `content`, with `report`'s findings on its nodes.
    pub fn build(content: &Content, flow: &FlowDoc, report: &Report) -> FlowGraph {
        let mut graph = FlowGraph {
            id: flow.id.clone(),
            file: flow.file.clone(),
            nodes: Vec::new(),
            edges: Vec::new(),
            start: None,
            problems: Vec::new(),
        };
        for step in &flow.steps {
            let start = flow.start.as_deref() == Some(step.id.as_str());
            graph.nodes.push(Node {
                kind: NodeKind::Step {
                    start,
                    end: step.end,
                },
                label: step.id.clone(),
                problems: Vec::new(),
            });
        }
        graph.start = flow.start.as_deref().and_then(|s| flow.step(s));
        let mut extra: HashMap<(u8, usize, String), usize> = HashMap::new();
        for (from, step) in flow.steps.iter().enumerate() {
            for choice in &step.choices {
                let to = graph.target(flow, from, &choice.to, &mut extra);
                let label = content.label(&choice.label);
                graph.edge(from, to, EdgeKind::Choice, label);
            }
            // Typed answers to one target become one arrow listing their languages.
            let mut routes: Vec<(usize, Vec<String>)> = Vec::new();
            for route in &step.routes {
                let to = graph.target(flow, from, &route.to, &mut extra);
                let lang = route.lang.clone().unwrap_or_else(|| "any".to_string());
                match routes.iter_mut().find(|(t, _)| *t == to) {
                    Some((_, langs)) if langs.contains(&lang) => {}
                    Some((_, langs)) => langs.push(lang),
                    None => routes.push((to, vec![lang])),
                }
            }
            for (to, langs) in routes {
                let label = format!("typed: {}", langs.join(", "));
                graph.edge(from, to, EdgeKind::Route, label);
            }
            if let Some(next) = &step.next {
                let goto = Goto {
                    flow: None,
                    step: Some(next.clone()),
                };
                let to = graph.target(flow, from, &goto, &mut extra);
                graph.edge(from, to, EdgeKind::Next, String::new());
            }
            for id in &step.signposts {
                // A role is drawn as the service it stands for in the chosen area, with
                // the role's name under it; without an area it shows its fallback.
                let service = content.service(id);
                let name = service
                    .and_then(|s| s.name.clone())
                    .unwrap_or_else(|| id.clone());
                let label = match id.strip_prefix('@') {
                    // With several areas: the service in each, then the fallback.
                    Some(role) if !content.area_roles.is_empty() => {
                        let mut per_area: Vec<String> = content
                            .area_roles
                            .iter()
                            .map(|(area, roles)| {
                                let stands_for = roles
                                    .iter()
                                    .find(|r| r.name == role)
                                    .and_then(|r| content.service(r.service.as_deref()?))
                                    .and_then(|s| s.name.clone())
                                    .unwrap_or_else(|| "nothing".to_string());
                                format!("{area}: {stands_for}")
                            })
                            .collect();
                        per_area.push(format!("elsewhere: {name}"));
                        format!("{id} ({})", per_area.join("; "))
                    }
                    Some(_) if service.is_some() => format!("{name} ({id})"),
                    _ => name,
                };
                let kind = NodeKind::Service {
                    known: service.is_some(),
                };
                let to = graph.extra(&mut extra, (3, from, id.clone()), kind, label);
                graph.edge(from, to, EdgeKind::Signpost, String::new());
            }
        }
        for d in &report.diagnostics {
            if d.file != flow.file {
                continue;
            }
            let step = match &d.owner {
                Owner::Step { step, .. } => flow.step(step),
                _ => None,
            };
            match step {
                Some(step) => graph.nodes[step].problems.push(d.clone()),
                None => graph.problems.push(d.clone()),
            }
        }
        for node in &mut graph.nodes {
            node.problems.sort_by_key(|d| (d.severity, d.line, d.col));
        }
        graph.problems.sort_by_key(|d| (d.severity, d.line, d.col));
        graph
    }

    /// The flow's own mark: unreachable when `check` says nothing leads to it.
    pub fn mark(&self) -> Option<Mark> {
        Mark::of(&self.problems)
    }

    /// Every finding about this flow, steps included, in file order.
    pub fn all_problems(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self
            .problems
            .iter()
            .chain(self.nodes.iter().flat_map(|n| n.problems.iter()))
            .collect();
        all.sort_by_key(|d| (d.line, d.col, d.severity));
        all
    }

    fn edge(&mut self, from: usize, to: usize, kind: EdgeKind, label: String) {
        self.edges.push(Edge {
            from,
            to,
            kind,
            label,
        });
    }

    /// The node a choice or route leads to: a step of this flow, or a node for a
    /// missing step or another flow.
    fn target(
        &mut self,
        flow: &FlowDoc,
        from: usize,
        goto: &Goto,
        extra: &mut HashMap<(u8, usize, String), usize>,
    ) -> usize {
        let own = goto.flow.as_deref().is_none_or(|f| f == flow.id);
        if own {
            let step = goto.step.as_deref().or(flow.start.as_deref());
            if let Some(index) = step.and_then(|s| flow.step(s)) {
                return index;
            }
            let name = step.unwrap_or("(no start)").to_string();
            return self.extra(extra, (1, 0, name.clone()), NodeKind::Missing, name);
        }
        let label = match (&goto.flow, &goto.step) {
            (Some(f), Some(s)) => format!("flow {f} › {s}"),
            (Some(f), None) => format!("flow {f}"),
            _ => String::new(),
        };
        self.extra(extra, (2, from, label.clone()), NodeKind::Flow, label)
    }

    fn extra(
        &mut self,
        extra: &mut HashMap<(u8, usize, String), usize>,
        key: (u8, usize, String),
        kind: NodeKind,
        label: String,
    ) -> usize {
        *extra.entry(key).or_insert_with(|| {
            self.nodes.push(Node {
                kind,
                label,
                problems: Vec::new(),
            });
            self.nodes.len() - 1
        })
    }
}
