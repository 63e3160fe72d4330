//! What the benchmarks share: the shipped flow set and a realistic workload recorded from
//! the golden transcripts (`tests/fixtures/transcripts/*.in`), so every benchmark measures the real
//! flows, the real texts in five languages and the inputs people actually send.

#![allow(dead_code)] // Each benchmark binary uses a different part of this module.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use signpost::engine::{self, Button, Context, Effect, Input, Outcome, Session};
use signpost::model::FlowSet;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Loads the shipped flows and locales; a benchmark of a set that does not load would
/// measure nothing, so this stops the benchmark with the report.
pub fn load() -> FlowSet {
    let root = root();
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    match set {
        Some(set) => set,
        None => {
            eprintln!("the shipped flows do not load:\n{report}");
            std::process::exit(1);
        }
    }
}

/// Messages people type, for [`typed_workload`]: keywords of every intent in several
/// languages, free text the routes understand and text they do not, personal data the
/// engine must catch, and a long message.
pub const TYPED: &[&str] = &[
    "hjälp",
    "help",
    "допомога",
    "polis",
    "I need the police now",
    "112",
    "meny",
    "меню",
    "privacy",
    "anonym",
    "språk",
    "jag köper sex och vill sluta",
    "I am worried about my sister",
    "where can I get support?",
    "ce se întâmplă dacă sun?",
    "ما هو العلاج؟",
    "hej",
    "what is this bot?",
    "ring mig på 070-123 45 67",
    "my email is anna.k@example.se",
    "jag bor på Storgatan 12",
    "is 020-50 50 50 free?",
    "\u{202E}tixe",
    "po\u{200B}lice",
    // Distress words, an age, intent over words and did-you-mean (the understanding of
    // typed text): sentences people wrote that were once misunderstood.
    "jag är rädd, han slår mig",
    "mi-e frică, mă bate",
    "він купив мені квиток",
    "a buyer hurt me",
    "jag är 15 år och säljer sex",
    "I want to tell the police about a flat where women are kept",
];

/// One call of `engine::handle` as it happened in a transcript.
pub struct Call {
    pub session: Option<Session>,
    pub input: Input,
    pub hint: Option<String>,
    pub now: Timestamp,
}

/// Every `handle` call the golden transcripts make, in order, with the session each one
/// started from. Replaying them repeats the same conversations exactly: button presses
/// along every route, typed keywords and free text, personal data, signposts at open and
/// closed hours, in all five languages.
pub fn workload(set: &FlowSet) -> Vec<Call> {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/transcripts"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "in"))
                .collect()
        })
        .unwrap_or_default();
    scripts.sort();
    let mut calls = Vec::new();
    for script in &scripts {
        record(set, script, &mut calls);
    }
    if calls.is_empty() {
        eprintln!("no transcripts found under tests/fixtures/transcripts");
        std::process::exit(1);
    }
    calls
}

/// Every message of [`TYPED`], typed at every step the transcripts reach (with that
/// step's language and time): the text side of the engine (commands, intents in five
/// languages, free-text routes, personal-data checks) at full weight.
pub fn typed_workload(calls: &[Call]) -> Vec<Call> {
    let mut seen = std::collections::HashSet::new();
    let mut typed = Vec::new();
    for call in calls {
        let Some(session) = &call.session else {
            continue;
        };
        if !seen.insert((
            session.flow.clone(),
            session.step.clone(),
            session.lang.clone(),
        )) {
            continue;
        }
        for text in TYPED {
            typed.push(Call {
                session: Some(session.clone()),
                input: Input::Text((*text).to_string()),
                hint: call.hint.clone(),
                now: call.now,
            });
        }
    }
    typed
}

/// Plays one transcript the way `signpost chat` does (a number presses that button on
/// screen, anything else is typed) and records each call.
fn record(set: &FlowSet, script: &Path, calls: &mut Vec<Call>) {
    let Ok(text) = std::fs::read_to_string(script) else {
        return;
    };
    let (header, inputs) = text.split_once('\n').unwrap_or((&text, ""));
    let mut lang = None;
    let mut flow = None;
    let mut now = Timestamp::UNIX_EPOCH;
    let mut words = header.trim_start_matches('#').split_whitespace();
    while let Some(flag) = words.next() {
        let value = words.next().unwrap_or_default().to_string();
        match flag {
            "--lang" => lang = Some(value),
            "--flow" => flow = Some(value),
            "--now" => now = value.parse().unwrap_or(Timestamp::UNIX_EPOCH),
            _ => {}
        }
    }
    let first = match &flow {
        Some(flow) => engine::enter(set, flow, lang.as_deref(), now),
        None => {
            let input = Input::Text("/start".into());
            calls.push(Call {
                session: None,
                input: input.clone(),
                hint: lang.clone(),
                now,
            });
            engine::handle(set, None, &input, &context(&lang), now)
        }
    };
    let mut buttons = on_screen(&first);
    let mut session = first.session.clone();
    for line in inputs.lines() {
        let input = match line.trim().parse::<usize>() {
            Ok(n) if (1..=buttons.len()).contains(&n) => Input::Button(buttons[n - 1].data.clone()),
            _ => Input::Text(line.to_string()),
        };
        calls.push(Call {
            session: session.clone(),
            input: input.clone(),
            hint: lang.clone(),
            now,
        });
        let outcome = engine::handle(set, session.take(), &input, &context(&lang), now);
        let shown = on_screen(&outcome);
        if !shown.is_empty() {
            buttons = shown;
        }
        session = outcome.session;
    }
}

pub fn context(lang: &Option<String>) -> Context<'_> {
    Context {
        language_hint: lang.as_deref(),
        handover_available: false,
    }
}

/// The buttons of the last reply that has any: a new menu replaces the old one.
fn on_screen(outcome: &Outcome) -> Vec<Button> {
    outcome
        .effects
        .iter()
        .rev()
        .find_map(|e| match e {
            Effect::Reply(r) if !r.buttons.is_empty() => {
                Some(r.buttons.iter().flatten().cloned().collect())
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// Reads a field such as `VmRSS` from `/proc/self/status`, in KiB.
pub fn proc_status_kib(field: &str) -> Option<u64> {
    status_kib("/proc/self/status", field)
}

/// Reads a field such as `VmRSS` from a process's `status` file, in KiB.
pub fn status_kib(path: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(path).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Median and spread of a set of measurements.
pub fn summary(mut samples: Vec<f64>) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    (samples[0], median, samples[samples.len() - 1])
}

/// Time this thread has spent on a CPU, from `/proc/thread-self/schedstat` (its first
/// field, in nanoseconds). On a busy machine the wall clock also counts time spent
/// waiting for a core; this does not, so both are reported.
pub fn cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(nanos))
}
