//! Every call the studio makes into the rest of signpost, in one place: reading and
//! checking the folders (`load`), the picture of a flow (`staff::graph`), the difference
//! between two versions (`staff::diff`) and the engine, driven as `signpost chat` drives
//! it. When one of those changes, this file is what changes with it.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

pub(super) use crate::engine::{Button, Reply, ReplyKind, Session};
pub(super) use crate::load::content::{Content, LanguageTexts};
pub(super) use crate::load::{Diagnostic, Document, LoadOptions, Owner, Report, Severity};
pub(super) use crate::model::FlowSet;

use crate::engine::{self, Context, Effect, Input, Outcome};

/// The two folders as on disk.
pub(super) fn read(flows: &Path, locales: &Path) -> Document {
    Document::read(flows, locales)
}

/// The document the given texts make, as if they were on disk.
pub(super) fn from_texts(
    flows: &Path,
    locales: &Path,
    texts: &BTreeMap<PathBuf, String>,
) -> Document {
    Document::from_memory(
        flows,
        locales,
        texts
            .iter()
            .map(|(p, t)| (p.clone(), t.clone().into_bytes())),
    )
}

/// Every file of a document as (path, text), each language's `review.toml` included.
pub(super) fn texts(document: &Document) -> BTreeMap<PathBuf, String> {
    let reviews = document
        .review_files()
        .map(|f| (f.path.clone(), f.text.clone()));
    document.texts().into_iter().chain(reviews).collect()
}

/// What `signpost check` says, and the set when there are no errors.
pub(super) fn analyse(document: &Document, options: &LoadOptions) -> (Option<FlowSet>, Report) {
    crate::load::analyse(document, options)
}

/// A flow's picture, and for each node drawn (in drawing order) the step it stands for
/// when it is one of the flow's own steps.
pub(super) fn flow_svg(
    document: &Document,
    report: &Report,
    flow: &str,
) -> Option<(String, Vec<Option<String>>)> {
    use crate::staff::graph::{FlowGraph, NodeKind, svg};
    let content = document.content();
    let doc = content.flows.iter().find(|f| f.id == flow)?;
    let graph = FlowGraph::build(content, doc, report);
    let steps = graph
        .nodes
        .iter()
        .map(|n| matches!(n.kind, NodeKind::Step { .. }).then(|| n.label.clone()))
        .collect();
    Some((svg(&graph, "g"), steps))
}

/// `signpost diff` between two versions.
pub(super) fn diff(old: &Document, new: &Document) -> String {
    crate::staff::diff::diff(old, new)
}

/// Whether a language is written right to left.
pub(super) fn is_rtl(texts: &LanguageTexts) -> bool {
    texts.language().is_rtl()
}

/// The Fluent variables a message uses in a language (`None` when it has no such
/// message).
pub(super) fn variables(texts: &LanguageTexts, id: &str) -> Option<Vec<String>> {
    texts.language().variables(id)
}

/// What the engine answered: the messages it sent, and the session to keep.
pub(super) struct Turn {
    pub session: Option<Session>,
    pub replies: Vec<Reply>,
    /// Things a chat window would show as a note: a deleted message, a wiped chat.
    pub notes: Vec<&'static str>,
}

fn turn(outcome: Outcome) -> Turn {
    let mut replies = Vec::new();
    let mut notes = Vec::new();
    for effect in outcome.effects {
        match effect {
            Effect::Reply(reply) => replies.push(reply),
            Effect::DeleteInput => notes.push("your message was deleted"),
            Effect::QuickExit { farewell, .. } => {
                notes.push("the conversation was deleted");
                replies.push(farewell);
            }
            // No staff here (as in `signpost chat`), and nothing is counted.
            Effect::IfNotDeleted(_) | Effect::Count(_) | Effect::Handover(_) => {}
        }
    }
    Turn {
        session: outcome.session,
        replies,
        notes,
    }
}

fn context(lang: Option<&str>) -> Context<'_> {
    Context {
        language_hint: lang,
        handover_available: false,
    }
}

/// The first message of a conversation, as `/start` on Telegram.
pub(super) fn start(set: &FlowSet, lang: Option<&str>, now: Timestamp) -> Turn {
    turn(engine::handle(
        set,
        None,
        &Input::Text("/start".into()),
        &context(lang),
        now,
    ))
}

/// One text typed or button pressed.
pub(super) fn send(
    set: &FlowSet,
    session: Option<Session>,
    lang: Option<&str>,
    text: Option<&str>,
    button: Option<&str>,
    now: Timestamp,
) -> Turn {
    let input = match (button, text) {
        (Some(data), _) => Input::Button(data.to_string()),
        (None, Some(text)) => Input::Text(text.to_string()),
        (None, None) => Input::Text(String::new()),
    };
    turn(engine::handle(set, session, &input, &context(lang), now))
}

/// What the engine does with `text` typed by a person at a step: where it goes and what
/// it answers (the typed answers of the step, then the set's words for danger, exit
/// and the rest, as in a conversation).
pub(super) fn typed_at(
    set: &FlowSet,
    flow: &str,
    step: &str,
    lang: &str,
    text: &str,
    now: Timestamp,
) -> Turn {
    let session = Session {
        flow: flow.to_string(),
        step: step.to_string(),
        lang: lang.to_string(),
        version: set.version,
        menu: 1,
        trail: Vec::new(),
        place: None,
    };
    send(set, Some(session), Some(lang), Some(text), None, now)
}

/// Why a typed `text` reaches what it reaches at a step, in the words of `signpost
/// understand` (the same function): the place, the matched example, its score and the
/// runner-up. `None` when the set has no such step.
pub(super) fn understanding(
    set: &FlowSet,
    flow: &str,
    step: &str,
    lang: &str,
    text: &str,
) -> Option<String> {
    let f = set.flow_by_id(flow)?;
    let s = set.flows[f].step_by_id(step)?;
    let at = crate::model::Target { flow: f, step: s };
    Some(crate::understand::explain::explain(
        set,
        Some(at),
        lang,
        text,
    ))
}

/// Why a typed `text` reaches what it reaches as the first message of a conversation,
/// in the words of `signpost understand` (the questions and intents of `bot.toml` are
/// heard at every step; this is where the bot starts).
pub(super) fn understanding_at_start(set: &FlowSet, lang: &str, text: &str) -> String {
    crate::understand::explain::explain(set, None, lang, text)
}

/// The new `review.toml` of language `code` with message `id` recorded as reviewed by
/// `role` on `today`, against the source text as it now is: a one-row sheet read by
/// `signpost review import`'s own code. `texts` are every file as now drafted (path,
/// text). Refused when the language keeps no `review.toml` yet, as the studio writes
/// only files it read.
pub(super) fn mark_reviewed(
    texts: &BTreeMap<PathBuf, String>,
    locales: &Path,
    code: &str,
    id: &str,
    role: &str,
    today: jiff::civil::Date,
) -> Result<(PathBuf, String), String> {
    use crate::load::{REVIEW_FILE, SOURCE_LANG};
    use crate::staff::review::{HEADER, Texts, import};
    let of = |code: &str| {
        let dir = locales.join(code);
        Texts {
            files: texts
                .iter()
                .filter(|(p, _)| {
                    p.parent() == Some(dir.as_path()) && p.extension().is_some_and(|e| e == "ftl")
                })
                .map(|(p, t)| (p.clone(), t.clone()))
                .collect(),
            review: texts.get(&dir.join(REVIEW_FILE)).cloned(),
        }
    };
    let (source, target) = (of(SOURCE_LANG), of(code));
    let path = locales.join(code).join(REVIEW_FILE);
    if target.review.is_none() {
        return Err(format!(
            "{} does not exist; create it (it may be empty) to record reviews here",
            path.display()
        ));
    }
    let one = |cell: &str| cell.replace(['\t', '\n', '\r'], " ");
    let sheet = format!(
        "{}\n{}\t\t\treviewed\t{}\t\n",
        HEADER.join("\t"),
        one(id),
        one(role)
    );
    let imported = import(
        &sheet,
        &source,
        &target,
        |name| locales.join(code).join(name),
        today,
    )?;
    if let Some(problem) = imported.problems.first() {
        // The sheet's line number means nothing here.
        let problem = problem
            .split_once(": ")
            .map_or(problem.as_str(), |(_, p)| p);
        return Err(problem.to_string());
    }
    Ok((path, imported.review))
}

/// What each role stands for in each area, as `signpost report` tables it: the areas,
/// then per role its name and one cell per area. No areas with one area or none.
pub(super) fn area_roles(content: &Content) -> (Vec<&str>, Vec<(&str, Vec<String>)>) {
    crate::staff::report::area_roles(content)
}

/// How far each language's texts are reviewed, by file (`reviewed`, `machine-drafted`,
/// `not stated`), and how many of the needed messages it has.
pub(super) fn review(report: &Report) -> Vec<LanguageReview> {
    report
        .completeness
        .iter()
        .map(|c| LanguageReview {
            code: c.code.clone(),
            present: c.present,
            needed: c.needed,
            files: c
                .files
                .iter()
                .map(|(f, r)| (f.clone(), crate::load::review_name(*r)))
                .collect(),
            messages: c.messages.map(|m| (m.reviewed, m.stale, m.drafted)),
        })
        .collect()
}

/// One language's line of [`review`].
pub(super) struct LanguageReview {
    pub code: String,
    pub present: usize,
    pub needed: usize,
    /// Each file and its status in words.
    pub files: Vec<(String, &'static str)>,
    /// Its messages (reviewed, stale, machine-drafted) by their review records, when
    /// some language keeps them.
    pub messages: Option<(usize, usize, usize)>,
}

/// What a person sees on arriving at a step: the engine entering the step's flow and
/// pressing buttons (breadth first, at most `limit` turns) until it shows that step.
/// `None` when no button path leads there (a step reached only by typing).
pub(super) fn step_preview(
    set: &FlowSet,
    flow: &str,
    step: &str,
    lang: &str,
    now: Timestamp,
) -> Option<Vec<Reply>> {
    const LIMIT: usize = 400;
    let first = turn(engine::enter(set, flow, Some(lang), now));
    let at = |t: &Turn| {
        t.session
            .as_ref()
            .is_some_and(|s| s.flow == flow && s.step == step)
    };
    if at(&first) {
        return Some(first.replies);
    }
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([first]);
    let mut turns = 0;
    while let Some(t) = queue.pop_front() {
        let Some(session) = t.session.clone() else {
            continue;
        };
        let buttons: Vec<Button> = t
            .replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten().cloned())
            .collect();
        for button in buttons {
            turns += 1;
            if turns > LIMIT {
                return None;
            }
            let next = send(
                set,
                Some(session.clone()),
                Some(lang),
                None,
                Some(&button.data),
                now,
            );
            if at(&next) {
                return Some(next.replies);
            }
            if let Some(s) = &next.session
                && seen.insert((s.flow.clone(), s.step.clone()))
            {
                queue.push_back(next);
            }
        }
    }
    None
}
