//! The shape of the flows: dead ends, contradictory steps, `next` chains that loop or
//! run too long, steps no one can reach and flows nothing leads to.

use std::collections::HashSet;

use crate::load::diag::{Kind, Report};
use crate::load::flows::FlowDef;
use crate::model::{Flow, FlowIdx, StepIdx, Target, limits};

/// Checks every flow; `roots` are the flows people can enter (the main flow and
/// deep links).
pub(crate) fn check(defs: &[FlowDef], flows: &[Flow], roots: &[FlowIdx], report: &mut Report) {
    for (index, def) in defs.iter().enumerate() {
        for (s, step_def) in def.steps.iter().enumerate() {
            if step_def.raw.is_none() {
                continue;
            }
            let step = &flows[index].steps[s];
            let waits = step.waits();
            let say = |message: String| def.file.error(step_def.at, message);
            let id = &step.id;
            if !waits && step.next.is_none() && !step.end && goes_nowhere(step_def) {
                report.push(
                    say(format!(
                        "step \"{id}\" is a dead end; give it choices, routes, next or end = true"
                    ))
                    .of_kind(Kind::DeadEnd),
                );
            }
            if step.next.is_some() && waits {
                report.push(say(format!(
                    "step \"{id}\" has next and also waits for the person (choices or \
                     routes); use one or the other"
                )));
            }
            if step.end && step.next.is_some() {
                report.push(say(format!(
                    "step \"{id}\" both ends and goes on with next; remove one of them"
                )));
            }
            if step.end && waits {
                report.push(def.file.warning(
                    step_def.at,
                    format!(
                        "step \"{id}\" has end = true but also waits for the person; end has \
                         no effect here"
                    ),
                ));
            }
        }
        next_chains(def, &flows[index], FlowIdx::new(index), report);
    }
    // A flow that could not be read in full, or whose start is unknown, would make
    // steps look unreachable that are not.
    let all_read = defs.iter().all(|d| {
        d.complete
            && d.head
                .as_ref()
                .and_then(|h| d.step(h.start.get_ref()))
                .is_some()
    });
    if all_read {
        unreachable(defs, flows, roots, report);
    }
}

/// A step whose `next`, choices or routes were written but did not resolve is not a
/// dead end: the unknown name is reported instead.
fn goes_nowhere(def: &crate::load::flows::StepDef) -> bool {
    def.raw
        .as_ref()
        .is_none_or(|r| r.next.is_none() && r.choices.is_empty() && r.routes.is_empty())
}

/// `next` chains: a loop would never wait for the person; a chain longer than the
/// engine's guard would be cut off.
fn next_chains(def: &FlowDef, flow: &Flow, index: FlowIdx, report: &mut Report) {
    let next_of = |s: usize| {
        flow.steps[s]
            .next
            .filter(|t| t.flow == index)
            .map(|t| t.step.index())
    };
    let has_incoming: HashSet<usize> = (0..flow.steps.len()).filter_map(next_of).collect();
    let mut in_cycle: HashSet<usize> = HashSet::new();
    for s in 0..flow.steps.len() {
        if in_cycle.contains(&s) {
            continue;
        }
        // Walk the chain; a step seen twice closes a loop.
        let mut path = vec![s];
        let mut at = s;
        while let Some(next) = next_of(at) {
            if let Some(pos) = path.iter().position(|&p| p == next) {
                let cycle: Vec<usize> = path[pos..].to_vec();
                if cycle.iter().all(|c| !in_cycle.contains(c)) && cycle.contains(&s) {
                    in_cycle.extend(cycle.iter().copied());
                    let first = *cycle.iter().min().unwrap_or(&s);
                    let names: Vec<String> = cycle
                        .iter()
                        .map(|&c| format!("\"{}\"", flow.steps[c].id))
                        .collect();
                    let message = if cycle.len() == 1 {
                        format!(
                            "step \"{}\" goes on to itself with next; the bot would loop",
                            flow.steps[first].id
                        )
                    } else {
                        format!(
                            "steps {} go on to each other in a circle with next; the bot \
                             would loop",
                            names.join(", ")
                        )
                    };
                    report.push(def.file.error(def.steps[first].at, message));
                }
                break;
            }
            path.push(next);
            at = next;
        }
        let looped = next_of(at).is_some();
        // The engine shows at most MAX_AUTO_STEPS steps for one input, the first included.
        if !looped && !has_incoming.contains(&s) && path.len() > limits::MAX_AUTO_STEPS {
            report.push(def.file.error(
                def.steps[s].at,
                format!(
                    "from step \"{}\", next goes through {} steps without waiting; the bot \
                     shows at most {} in a row",
                    flow.steps[s].id,
                    path.len(),
                    limits::MAX_AUTO_STEPS
                ),
            ));
        }
    }
}

/// Steps that no flow's start leads to, and flows that neither the main flow nor a deep
/// link leads to.
fn unreachable(defs: &[FlowDef], flows: &[Flow], roots: &[FlowIdx], report: &mut Report) {
    let starts = |which: &mut dyn Iterator<Item = FlowIdx>| -> Vec<Target> {
        which
            .map(|f| Target {
                flow: f,
                step: flows[f].start,
            })
            .collect()
    };
    let all = reach(flows, starts(&mut (0..flows.len()).map(FlowIdx::new)));
    for (f, def) in defs.iter().enumerate() {
        for (s, step) in def.steps.iter().enumerate() {
            let at = Target {
                flow: FlowIdx::new(f),
                step: StepIdx::new(s),
            };
            if !all.contains(&at) {
                report.push(
                    def.file
                        .error(
                            step.at,
                            format!(
                                "step \"{}\" cannot be reached from the start of any flow",
                                step.id
                            ),
                        )
                        .of_kind(Kind::Unreachable),
                );
            }
        }
    }
    let entered = reach(flows, starts(&mut roots.iter().copied()));
    for (f, def) in defs.iter().enumerate() {
        let start = Target {
            flow: FlowIdx::new(f),
            step: flows[f].start,
        };
        if !entered.contains(&start)
            && let Some(id) = &def.id
        {
            report.push(
                def.file
                    .warning(
                        id.span().start,
                        format!(
                            "flow \"{}\" cannot be reached from the main flow or a deep link",
                            id.get_ref()
                        ),
                    )
                    .of_kind(Kind::Unreachable),
            );
        }
    }
}

fn reach(flows: &[Flow], roots: Vec<Target>) -> HashSet<Target> {
    let mut seen: HashSet<Target> = HashSet::new();
    let mut todo = roots;
    while let Some(t) = todo.pop() {
        if !seen.insert(t) {
            continue;
        }
        let step = &flows[t.flow].steps[t.step];
        todo.extend(step.choices.iter().map(|c| c.target));
        todo.extend(step.routes.iter().map(|r| r.target));
        todo.extend(step.next);
    }
    seen
}
