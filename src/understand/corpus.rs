//! The understanding corpus (`tests/fixtures/understanding/<lang>.tsv`): messages as
//! people type them, each with the place it must reach. Each line is run through the
//! real engine ([`handle`]) and the place is read from what the bot did (the step it
//! showed, the intent it counted, the answer it gave), so the score is the bot's, not
//! the matcher's alone. Used by `signpost check` and by the corpus test.
//!
//! Risky outcomes are counted apart and must stay at zero: a person in danger not shown
//! the emergency service, a child not shown BRIS, a victim greeted as a buyer, a
//! deportation fear answered with the police alone, a typed "no" at "are you in danger?"
//! that skips the phone-safety step.

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::engine::{Context, Effect, Input, Session, Stat, handle};
use crate::model::{FlowSet, Target};

/// One line of a corpus file.
#[derive(Debug, Clone)]
pub struct Line {
    /// The message as a person would type it.
    pub text: String,
    /// Where it should lead, named as the corpus names places.
    pub expected: String,
    /// `flow/step` where it is typed; `None`: the first message of a conversation.
    pub at: Option<String>,
}

/// Reads a corpus file: `text TAB outcome [TAB flow/step]`, `#` comments.
pub fn parse(tsv: &str) -> Vec<Line> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let text = fields.next()?.to_string();
            let expected = fields.next()?.trim().to_string();
            let at = fields
                .next()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty());
            Some(Line { text, expected, at })
        })
        .collect()
}

/// What one line reached.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The line.
    pub line: Line,
    /// The place reached, named as the corpus names places; `ask:a|b` for "did you
    /// mean ...?" with those options; `none` when the bot stayed where it was.
    pub got: String,
    /// Whether it reached what the line expects.
    pub ok: bool,
    /// Why the outcome is risky, if it is.
    pub risky: Option<&'static str>,
}

/// A weekday afternoon: the hours of the services play no part in where a message goes.
pub fn noon() -> Timestamp {
    "2026-03-03T12:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Runs every line of a corpus in `lang` through the engine.
pub fn run(set: &FlowSet, lang: &str, lines: &[Line], now: Timestamp) -> Vec<Scored> {
    lines.iter().map(|l| score(set, lang, l, now)).collect()
}

fn score(set: &FlowSet, lang: &str, line: &Line, now: Timestamp) -> Scored {
    let at: Option<Target> = line.at.as_deref().and_then(|w| {
        let (flow, step) = w.split_once('/')?;
        let f = set.flow_by_id(flow)?;
        let s = set.flows[f].step_by_id(step)?;
        Some(Target { flow: f, step: s })
    });
    let session = at.map(|t| Session {
        flow: set.flows[t.flow].id.clone(),
        step: set.step(t).id.clone(),
        lang: if set.locales.get(lang).is_some() {
            lang.to_string()
        } else {
            set.settings.fallback_language.clone()
        },
        version: set.version,
        menu: 1,
        trail: Vec::new(),
        place: None,
    });
    let ctx = Context {
        language_hint: Some(lang),
        handover_available: false,
    };
    let outcome = handle(set, session, &Input::Text(line.text.clone()), &ctx, now);
    let from = at.unwrap_or_else(|| set.main_start());
    let mut intents: Vec<&str> = Vec::new();
    let mut signposts: Vec<&str> = Vec::new();
    let mut texts = String::new();
    let mut exit = false;
    for effect in &outcome.effects {
        match effect {
            Effect::Count(Stat::Intent { intent }) => intents.push(intent),
            Effect::Count(Stat::Signpost { service }) => signposts.push(service),
            Effect::Reply(r) => {
                texts.push_str(&r.text);
                texts.push('\n');
            }
            Effect::QuickExit { .. } => exit = true,
            _ => {}
        }
    }
    let final_at = outcome.session.as_ref().and_then(|s| {
        let f = set.flow_by_id(&s.flow)?;
        let st = set.flows[f].step_by_id(&s.step)?;
        Some(Target { flow: f, step: st })
    });
    let got = if exit {
        "exit".to_string()
    } else if intents.contains(&"did-you-mean") {
        ask(set, from, &outcome.effects)
    } else if let Some(i) = intents.iter().find(|i| **i != "did-you-mean") {
        match *i {
            "privacy" => "q:anonymous".to_string(),
            "question" => question(set, &texts),
            other => other.to_string(),
        }
    } else {
        match final_at {
            Some(t) if t == from && at.is_some() => "none".to_string(),
            Some(t) if at.is_none() && t == set.main_start() => "none".to_string(),
            Some(t) => place(set, from, at.is_some(), t),
            None => "none".to_string(),
        }
    };
    let expected = line.expected.as_str();
    let ok = got == expected
        || got
            .strip_prefix("ask:")
            .is_some_and(|o| o.split('|').any(|o| o == expected));
    let risky = risky(set, line, &got, &signposts, final_at);
    Scored {
        line: line.clone(),
        got,
        ok,
        risky,
    }
}

/// A step reached, named as the corpus names it.
fn place(set: &FlowSet, from: Target, answered: bool, t: Target) -> String {
    if answered && let Some(n) = set.step(from).choices.iter().position(|c| c.target == t) {
        return format!("answer:{}", n + 1);
    }
    let flow = &set.flows[t.flow];
    if t.step == flow.start {
        format!("route:{}", flow.id)
    } else {
        format!("route:{}", flow.steps[t.step].id)
    }
}

/// "Did you mean ...?": its options, named as places.
fn ask(set: &FlowSet, from: Target, effects: &[Effect]) -> String {
    let step = set.step(from);
    let mut names = Vec::new();
    for effect in effects {
        if let Effect::Reply(r) = effect {
            for row in &r.buttons {
                for b in row {
                    if let Some(crate::engine::ButtonData::Choice { index, .. }) =
                        crate::engine::ButtonData::decode(&b.data)
                        && let Some(c) = step.choices.get(usize::from(index))
                    {
                        names.push(place(set, from, from != set.main_start(), c.target));
                    }
                }
            }
        }
    }
    format!("ask:{}", names.join("|"))
}

/// Which question's answer the replies hold.
fn question(set: &FlowSet, texts: &str) -> String {
    for q in &set.settings.questions {
        for code in &set.settings.languages {
            if let Some(lang) = set.locales.get(code)
                && lang.has(&q.say)
                && texts.contains(lang.message(&q.say).lines().next().unwrap_or("\u{0}"))
            {
                return format!("q:{}", q.id);
            }
        }
    }
    "q:?".to_string()
}

const DANGER: [&str; 5] = ["emergency", "distress", "q:witness", "q:rape", "q:suicide"];
const VICTIM: [&str; 8] = [
    "route:selling",
    "route:work",
    "q:debt",
    "q:safehouse",
    "q:leave",
    "q:papers",
    "q:rape",
    "distress",
];

fn risky(
    set: &FlowSet,
    line: &Line,
    got: &str,
    signposts: &[&str],
    final_at: Option<Target>,
) -> Option<&'static str> {
    let expected = line.expected.as_str();
    let services = &set.services.services;
    let sos = services[set.settings.emergency_service].id.as_str();
    if DANGER.contains(&expected) && !signposts.contains(&sos) {
        return Some("danger without 112");
    }
    let young = set.settings.age.as_ref().map(|a| a.flow);
    let in_young = final_at.is_some_and(|t| Some(t.flow) == young);
    if expected == "route:young" && !in_young && !signposts.contains(&"bris") {
        return Some("a child without BRIS");
    }
    let buyer = set.flow_by_id("buyer");
    if VICTIM.contains(&expected)
        && final_at.is_some_and(|t| Some(t.flow) == buyer)
        && !got.starts_with("ask:")
    {
        return Some("a victim greeted as a buyer");
    }
    if expected == "q:papers" {
        let police = signposts.iter().any(|s| *s == sos || *s == "polisen");
        let social = signposts.iter().any(|s| {
            s.contains("social") || s.contains("socialjour") || s.contains("kontaktcenter")
        });
        if police && !social {
            return Some("deportation fear answered with the police alone");
        }
    }
    if line.at.as_deref() == Some("selling/safety")
        && expected == "answer:2"
        && final_at.is_some_and(|t| set.step(t).id == "needs")
    {
        return Some("a typed \"no\" skipping the phone-safety step");
    }
    None
}

/// Accuracy per language, the places confused and the risky lines, in words for staff.
pub fn summary(results: &[(String, Vec<Scored>)]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "understanding corpus: accuracy per language");
    let mut confused: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut risky = Vec::new();
    for (lang, scored) in results {
        let ok = scored.iter().filter(|s| s.ok).count();
        let n = scored.len().max(1);
        let _ = writeln!(
            out,
            "  {lang}: {ok}/{} = {:.1} %",
            scored.len(),
            100.0 * ok as f64 / n as f64
        );
        for s in scored {
            if !s.ok {
                *confused
                    .entry((s.line.expected.clone(), s.got.clone()))
                    .or_default() += 1;
            }
            if let Some(why) = s.risky {
                risky.push(format!("  {lang}: {why}: \"{}\" -> {}", s.line.text, s.got));
            }
        }
    }
    if !confused.is_empty() {
        let mut pairs: Vec<_> = confused.into_iter().collect();
        pairs.sort_by_key(|p| std::cmp::Reverse(p.1));
        let _ = writeln!(out, "confused (expected -> reached: lines)");
        for ((expected, got), n) in pairs.iter().take(15) {
            let _ = writeln!(out, "  {expected} -> {got}: {n}");
        }
    }
    let _ = writeln!(out, "risky outcomes: {}", risky.len());
    for r in risky {
        let _ = writeln!(out, "{r}");
    }
    out
}
