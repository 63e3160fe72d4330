//! What changed between two versions of the content, as plain text for a reviewer:
//! settings, flows and their steps (texts said, buttons, typed answers, signposts,
//! `next`, `end`), deep links, texts per language and services.
//!
//! The order is stable (flows and services in file order, steps in file order, texts by
//! id), so the same two versions always give the same text. Lists are compared with a
//! longest-common-subsequence diff, so one inserted button shows as one `+` line.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::load::Document;
use crate::load::content::{Content, FlowDoc, ServiceDoc, StepDoc};
use crate::model::{Arg, Text};

/// The differences, ending with a count line (`3 change(s)` or `no changes`).
pub fn diff(old: &Document, new: &Document) -> String {
    let (old, new) = (old.content(), new.content());
    let mut d = Diff::default();
    settings(&mut d, old, new);
    flows(&mut d, old, new);
    deep_links(&mut d, old, new);
    texts(&mut d, old, new);
    services(&mut d, old, new);
    let mut out = d.out;
    match d.changes {
        0 => out.push_str("no changes\n"),
        n => {
            let _ = writeln!(out, "{n} change(s)");
        }
    }
    out
}

#[derive(Default)]
struct Diff {
    out: String,
    changes: usize,
}

impl Diff {
    /// Writes a section, heading first, when it has any lines.
    fn section(&mut self, heading: &str, body: String) {
        if body.is_empty() {
            return;
        }
        let _ = write!(self.out, "{heading}\n{body}\n");
    }
}

/// A section's lines, with its change count.
#[derive(Default)]
struct Lines {
    text: String,
    changes: usize,
}

impl Lines {
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        let _ = writeln!(self.text, "{:indent$}{}", "", text.as_ref());
    }

    /// A change of one value: `name: old -> new`.
    fn scalar(&mut self, indent: usize, name: &str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            self.line(indent, format!("{name}: {} -> {}", shown(old), shown(new)));
            self.changes += 1;
        }
    }

    /// A change of a list: its name, then `-` and `+` lines.
    fn list(&mut self, indent: usize, name: &str, old: &[String], new: &[String]) {
        if old == new {
            return;
        }
        self.line(indent, format!("{name}:"));
        for (sign, line) in edits(old, new) {
            self.line(indent + 2, format!("{sign} {line}"));
        }
        self.changes += 1;
    }

    /// A change of a yes-or-no setting.
    fn flag(&mut self, indent: usize, name: &str, old: bool, new: bool) {
        let word = |b: bool| if b { "yes" } else { "no" };
        if old != new {
            self.line(indent, format!("{name}: {} -> {}", word(old), word(new)));
            self.changes += 1;
        }
    }

    fn done(self, d: &mut Diff, heading: &str) {
        d.changes += self.changes;
        d.section(heading, self.text);
    }
}

fn shown(value: &Option<String>) -> String {
    match value {
        Some(v) => format!("\"{v}\""),
        None => "(none)".to_string(),
    }
}

fn settings(d: &mut Diff, old: &Content, new: &Content) {
    let (o, n) = (&old.settings, &new.settings);
    let mut lines = Lines::default();
    lines.scalar(2, "main_flow", &o.main_flow, &n.main_flow);
    lines.scalar(
        2,
        "default_language",
        &o.default_language,
        &n.default_language,
    );
    lines.scalar(
        2,
        "emergency_service",
        &o.emergency_service,
        &n.emergency_service,
    );
    lines.list(2, "languages", &o.languages, &n.languages);
    lines.scalar(2, "area", &o.area, &n.area);
    let names: Vec<&String> = union(
        o.intents.iter().map(|(name, _)| name),
        n.intents.iter().map(|(name, _)| name),
    );
    for name in names {
        let find = |list: &[(String, Vec<String>)]| {
            list.iter()
                .find(|(n, _)| n == name)
                .map(|(_, l)| l.clone())
                .unwrap_or_default()
        };
        lines.list(
            2,
            &format!("intent {name}"),
            &find(&o.intents),
            &find(&n.intents),
        );
    }
    lines.done(d, "Settings (bot.toml)");
}

fn flows(d: &mut Diff, old: &Content, new: &Content) {
    let mut lines = Lines::default();
    let ids = union(
        old.flows.iter().map(|f| &f.id),
        new.flows.iter().map(|f| &f.id),
    );
    for id in ids {
        match (old.flow(id), new.flow(id)) {
            (None, Some(f)) => {
                let steps: Vec<&str> = f.steps.iter().map(|s| s.id.as_str()).collect();
                lines.line(
                    2,
                    format!(
                        "+ flow \"{id}\" ({}), steps: {}",
                        file_name(f),
                        steps.join(", ")
                    ),
                );
                lines.changes += 1;
            }
            (Some(f), None) => {
                lines.line(2, format!("- flow \"{id}\" ({})", file_name(f)));
                lines.changes += 1;
            }
            (Some(o), Some(n)) => flow(&mut lines, o, n),
            (None, None) => {}
        }
    }
    lines.done(d, "Flows");
}

fn file_name(flow: &FlowDoc) -> String {
    flow.file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn flow(lines: &mut Lines, old: &FlowDoc, new: &FlowDoc) {
    let mut inner = Lines::default();
    inner.scalar(6, "start", &old.start, &new.start);
    let ids = union(
        old.steps.iter().map(|s| &s.id),
        new.steps.iter().map(|s| &s.id),
    );
    for id in ids {
        match (step_of(old, id), step_of(new, id)) {
            (None, Some(_)) => {
                inner.line(6, format!("+ step \"{id}\""));
                inner.changes += 1;
            }
            (Some(_), None) => {
                inner.line(6, format!("- step \"{id}\""));
                inner.changes += 1;
            }
            (Some(o), Some(n)) => {
                let mut step = Lines::default();
                let fields_old = step_fields(o);
                let fields_new = step_fields(n);
                for ((name, a), (_, b)) in fields_old.iter().zip(&fields_new) {
                    step.list(10, name, a, b);
                }
                step.scalar(10, "next", &o.next, &n.next);
                step.flag(10, "end", o.end, n.end);
                step.flag(10, "handover", o.handover, n.handover);
                if step.changes > 0 {
                    inner.line(6, format!("~ step \"{id}\""));
                    inner.text.push_str(&step.text);
                    inner.changes += 1;
                }
            }
            (None, None) => {}
        }
    }
    if inner.changes > 0 {
        lines.line(2, format!("~ flow \"{}\"", new.id));
        lines.text.push_str(&inner.text);
        lines.changes += inner.changes;
    }
}

fn step_of<'f>(flow: &'f FlowDoc, id: &str) -> Option<&'f StepDoc> {
    flow.steps.iter().find(|s| s.id == id)
}

/// A step's lists, each item as one line.
fn step_fields(step: &StepDoc) -> [(&'static str, Vec<String>); 4] {
    [
        ("says", step.say.iter().map(text).collect()),
        (
            "buttons",
            step.choices
                .iter()
                .map(|c| format!("{} -> {}", text(&c.label), c.to))
                .collect(),
        ),
        (
            "typed answers",
            step.routes
                .iter()
                .map(|r| {
                    format!(
                        "[{}] {} -> {}",
                        r.lang.as_deref().unwrap_or("any"),
                        r.pattern,
                        r.to
                    )
                })
                .collect(),
        ),
        ("signposts", step.signposts.clone()),
    ]
}

/// A message as written in a flow: its id, and its values if it has any.
fn text(t: &Text) -> String {
    if t.args.is_empty() {
        return t.id.clone();
    }
    let args: Vec<String> = t
        .args
        .iter()
        .map(|(name, value)| match value {
            Arg::Str(s) => format!("{name} = \"{s}\""),
            Arg::Num(n) => format!("{name} = {n}"),
        })
        .collect();
    format!("{} {{ {} }}", t.id, args.join(", "))
}

fn deep_links(d: &mut Diff, old: &Content, new: &Content) {
    let all = |c: &Content| -> BTreeMap<String, String> {
        c.flows
            .iter()
            .flat_map(|f| {
                f.deep_links.iter().map(move |l| {
                    let lang = l
                        .lang
                        .as_ref()
                        .map(|lang| format!(", language {lang}"))
                        .unwrap_or_default();
                    (l.code.clone(), format!("flow \"{}\"{lang}", f.id))
                })
            })
            .collect()
    };
    let (o, n) = (all(old), all(new));
    let mut lines = Lines::default();
    for code in union(o.keys(), n.keys()) {
        match (o.get(code), n.get(code)) {
            (None, Some(to)) => lines.line(2, format!("+ {code} -> {to}")),
            (Some(to), None) => lines.line(2, format!("- {code} -> {to}")),
            (Some(a), Some(b)) if a != b => lines.line(2, format!("~ {code}: {a} -> {b}")),
            _ => continue,
        }
        lines.changes += 1;
    }
    lines.done(d, "Deep links");
}

fn texts(d: &mut Diff, old: &Content, new: &Content) {
    // The new version's languages first, in its order, then any it dropped.
    let codes = union(
        new.languages().into_iter().chain(old.languages()),
        new.texts.iter().chain(&old.texts).map(|t| t.code.as_str()),
    );
    let mut lines = Lines::default();
    for code in codes {
        match (old.texts(code), new.texts(code)) {
            (None, Some(t)) => {
                lines.line(
                    2,
                    format!("+ language \"{code}\": {} message(s)", t.sources.len()),
                );
                lines.changes += 1;
            }
            (Some(_), None) => {
                lines.line(2, format!("- language \"{code}\""));
                lines.changes += 1;
            }
            (Some(o), Some(n)) => {
                let mut lang = Lines::default();
                let ids: BTreeSet<&String> = o.sources.keys().chain(n.sources.keys()).collect();
                for id in ids {
                    let split = |s: Option<&String>| -> Vec<String> {
                        s.map(|s| s.lines().map(str::to_string).collect())
                            .unwrap_or_default()
                    };
                    let (a, b) = (o.sources.get(id), n.sources.get(id));
                    let sign = match (a, b) {
                        (None, Some(_)) => '+',
                        (Some(_), None) => '-',
                        (Some(a), Some(b)) if a != b => '~',
                        _ => continue,
                    };
                    lang.line(4, format!("{sign} {id}"));
                    for (s, line) in edits(&split(a), &split(b)) {
                        lang.line(8, format!("{s} {line}"));
                    }
                    lang.changes += 1;
                }
                if lang.changes > 0 {
                    lines.line(2, code);
                    lines.text.push_str(&lang.text);
                    lines.changes += lang.changes;
                }
            }
            (None, None) => {}
        }
    }
    lines.done(d, "Texts");
}

fn services(d: &mut Diff, old: &Content, new: &Content) {
    let mut lines = Lines::default();
    let ids = union(
        old.services.iter().map(|s| &s.id),
        new.services.iter().map(|s| &s.id),
    );
    for id in ids {
        match (old.service(id), new.service(id)) {
            (None, Some(s)) => {
                lines.line(2, format!("+ service \"{id}\" ({})", name(s)));
                lines.changes += 1;
            }
            (Some(s), None) => {
                lines.line(2, format!("- service \"{id}\" ({})", name(s)));
                lines.changes += 1;
            }
            (Some(o), Some(n)) => {
                let mut service = Lines::default();
                for ((field, a), (_, b)) in service_fields(o).iter().zip(&service_fields(n)) {
                    match (a, b) {
                        (Field::One(a), Field::One(b)) => service.scalar(6, field, a, b),
                        (Field::Many(a), Field::Many(b)) => service.list(6, field, a, b),
                        (Field::Flag(a), Field::Flag(b)) => service.flag(6, field, *a, *b),
                        _ => {}
                    }
                }
                if service.changes > 0 {
                    lines.line(2, format!("~ service \"{id}\""));
                    lines.text.push_str(&service.text);
                    lines.changes += 1;
                }
            }
            (None, None) => {}
        }
    }
    // Flows name roles as written (`@local-on-call`); what each stands for is compared
    // here, so a new binding or a new area shows as one change.
    lines.list(2, "roles", &role_lines(old), &role_lines(new));
    lines.done(d, "Services");
}

/// `@role → service` for every declared role, in the chosen area.
fn role_lines(content: &Content) -> Vec<String> {
    content
        .roles
        .iter()
        .map(|r| {
            let to = r.service.as_deref().unwrap_or("(nothing)");
            let how = if r.bound_by_area { "" } else { " (fallback)" };
            format!("@{} → {to}{how}", r.name)
        })
        .collect()
}

fn name(s: &ServiceDoc) -> String {
    s.name.clone().unwrap_or_default()
}

enum Field {
    One(Option<String>),
    Many(Vec<String>),
    Flag(bool),
}

fn service_fields(s: &ServiceDoc) -> Vec<(&'static str, Field)> {
    use Field::{Flag, Many, One};
    vec![
        ("name", One(s.name.clone())),
        ("about", One(s.about.clone())),
        ("offers", Many(s.offers.clone())),
        ("for_whom", Many(s.for_whom.clone())),
        ("coverage", One(s.coverage.clone())),
        (
            "contacts",
            Many(
                s.contacts
                    .iter()
                    .map(|(kind, value)| format!("{kind} {value}"))
                    .collect(),
            ),
        ),
        ("anonymity", One(s.anonymity.clone())),
        ("anonymity_note", One(s.anonymity_note.clone())),
        ("cost", One(s.cost.clone())),
        ("languages", Many(s.languages.clone())),
        ("interpreters", Flag(s.interpreters)),
        ("meanwhile", One(s.meanwhile.clone())),
        ("hours", One(s.hours.clone())),
        ("verified_on", One(s.verified_on.map(|d| d.to_string()))),
        ("verified_by", One(s.verified_by.clone())),
        ("source", One(s.source.clone())),
        ("source_date", One(s.source_date.map(|d| d.to_string()))),
    ]
}

/// The items of both, each once: the first list's order, then the second's new ones.
fn union<'a, T: Ord + ?Sized + 'a>(
    first: impl IntoIterator<Item = &'a T>,
    second: impl IntoIterator<Item = &'a T>,
) -> Vec<&'a T> {
    let mut seen = BTreeSet::new();
    first
        .into_iter()
        .chain(second)
        .filter(|item| seen.insert(*item))
        .collect()
}

/// The lines to remove (`-`) and add (`+`) to turn `old` into `new`, in order,
/// keeping a longest common subsequence; unchanged lines are left out.
pub fn edits<'a>(old: &'a [String], new: &'a [String]) -> Vec<(char, &'a str)> {
    let (n, m) = (old.len(), new.len());
    // common[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || common[i + 1][j] >= common[i][j + 1]) {
            out.push(('-', old[i].as_str()));
            i += 1;
        } else {
            out.push(('+', new[j].as_str()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn edits_keep_the_common_lines() {
        let old = strings(&["a", "b", "c", "d"]);
        let new = strings(&["a", "c", "x", "d", "e"]);
        assert_eq!(edits(&old, &new), vec![('-', "b"), ('+', "x"), ('+', "e")]);
        assert!(edits(&old, &old).is_empty());
    }

    #[test]
    fn union_keeps_first_order_then_new_items() {
        let a = ["x", "y"];
        let b = ["z", "y", "w"];
        assert_eq!(
            union(a.iter().copied(), b.iter().copied()),
            vec!["x", "y", "z", "w"]
        );
    }
}
