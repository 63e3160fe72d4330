//! Golden transcripts: scripted conversations through the real flows and texts, compared
//! with the whole conversation as text, so a reviewer reads what a person would read.
//!
//! Each `tests/fixtures/transcripts/<name>.in` starts with a line of options
//! (`# --lang sv --now 2026-11-30T10:00:00+01:00 [--flow buyer]`) followed by one input
//! a line: a number presses that button, anything else is typed. The expected
//! conversation is `<name>.out`. After a deliberate change of flows or texts, regenerate
//! with `SIGNPOST_UPDATE_TRANSCRIPTS=1 cargo test --locked --test suite transcripts::` and
//! review the diff.
//!
//! `--areas norrkoping,linkoping` in the header plays the shipped flows as a bot for
//! several municipalities (`areas = [...]` in `bot.toml` instead of the shipped `area`),
//! so the place question and each area's services are read here too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use signpost::cli::chat::{ChatOptions, converse};
use signpost::engine::Stat;
use signpost::load::{Document, LoadOptions};
use signpost::model::FlowSet;

use crate::support::files::{fixture, repo};

fn load() -> FlowSet {
    let (set, report) = signpost::load::load(&repo().join("flows"), &repo().join("locales"));
    match set {
        Some(set) => set,
        None => panic!("the shipped flows do not load:\n{report}"),
    }
}

/// The shipped flows with `areas` (comma-separated) in place of the shipped `area`.
fn load_areas(areas: &str) -> FlowSet {
    let (flows, locales) = (repo().join("flows"), repo().join("locales"));
    let shipped = Document::read(&flows, &locales);
    let bot_path = flows.join("bot.toml");
    let (_, bot) = shipped
        .texts()
        .into_iter()
        .find(|(path, _)| *path == bot_path)
        .expect("the shipped bot.toml");
    let list: Vec<String> = areas.split(',').map(|a| format!("\"{a}\"")).collect();
    let area_line = bot
        .lines()
        .find(|l| l.starts_with("area = "))
        .expect("the shipped bot.toml chooses one area");
    let county = bot.replace(area_line, &format!("areas = [{}]", list.join(", ")));
    let document = shipped.with_file(&bot_path, county);
    let (set, report) = signpost::load::analyse(&document, &LoadOptions::now());
    match set {
        Some(set) => set,
        None => panic!("the shipped flows with areas {areas} do not load:\n{report}"),
    }
}

/// The flow set a script's header asks for, loaded once per kind.
struct Sets {
    shipped: FlowSet,
    with_areas: std::collections::HashMap<String, FlowSet>,
}

impl Sets {
    fn new() -> Sets {
        Sets {
            shipped: load(),
            with_areas: Default::default(),
        }
    }

    fn for_header(&mut self, header: &str) -> &FlowSet {
        match areas(header) {
            None => &self.shipped,
            Some(areas) => self
                .with_areas
                .entry(areas.to_string())
                .or_insert_with(|| load_areas(areas)),
        }
    }
}

/// The `--areas` of a header, if given.
fn areas(header: &str) -> Option<&str> {
    let mut words = header.trim_start_matches('#').split_whitespace();
    while let Some(flag) = words.next() {
        if flag == "--areas" {
            return words.next();
        }
    }
    None
}

fn options(header: &str) -> ChatOptions {
    let mut options = ChatOptions::default();
    let mut words = header.trim_start_matches('#').split_whitespace();
    while let Some(flag) = words.next() {
        let value = words.next().unwrap_or_default().to_string();
        match flag {
            "--areas" => {}
            "--lang" => options.lang = Some(value),
            "--flow" => options.flow = Some(value),
            "--now" => options.now = Some(value.parse().expect("a valid --now in the header")),
            other => panic!("unknown option {other} in a transcript header"),
        }
    }
    assert!(options.now.is_some(), "every transcript must fix --now");
    options
}

fn scripts() -> Vec<PathBuf> {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(fixture("transcripts"))
        .expect("tests/fixtures/transcripts exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "in"))
        .collect();
    scripts.sort();
    scripts
}

fn run_script(sets: &mut Sets, script: &Path) -> (String, Vec<Stat>) {
    let text = std::fs::read_to_string(script).expect("readable script");
    let (header, inputs) = text.split_once('\n').unwrap_or((&text, ""));
    let set = sets.for_header(header);
    let mut out = Vec::new();
    let stats = converse(set, &options(header), inputs.as_bytes(), &mut out, true)
        .expect("writing to memory");
    (String::from_utf8(out).expect("utf-8 output"), stats)
}

#[test]
fn transcripts_match() {
    let mut sets = Sets::new();
    let update = std::env::var_os("SIGNPOST_UPDATE_TRANSCRIPTS").is_some();
    let scripts = scripts();
    assert!(!scripts.is_empty(), "no transcripts found");
    let mut failures = Vec::new();
    for script in &scripts {
        let (actual, _) = run_script(&mut sets, script);
        let expected_path = script.with_extension("out");
        if update {
            std::fs::write(&expected_path, &actual).expect("writable transcript");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{} differs (regenerate with SIGNPOST_UPDATE_TRANSCRIPTS=1 and review):\n{}",
                expected_path.display(),
                first_difference(&expected, &actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_difference(expected: &str, actual: &str) -> String {
    let mut e = expected.lines();
    let mut a = actual.lines();
    for line in 1.. {
        match (e.next(), a.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => {
                return format!(
                    "line {line}:\n  expected: {}\n  actual:   {}",
                    x.unwrap_or("<end>"),
                    y.unwrap_or("<end>")
                );
            }
        }
    }
    String::from("(identical lines, different line endings)")
}

/// Every step of every flow is shown by at least one transcript, in every language.
#[test]
fn transcripts_reach_every_step_in_every_language() {
    let mut sets = Sets::new();
    let set = load();
    let mut missing = Vec::new();
    for lang in set.locales.codes() {
        let mut reached = BTreeSet::new();
        for script in scripts() {
            let text = std::fs::read_to_string(&script).expect("readable script");
            let header = text.lines().next().unwrap_or_default();
            if options(header).lang.as_deref() != Some(lang.as_str()) {
                continue;
            }
            for stat in run_script(&mut sets, &script).1 {
                if let Stat::Step { flow, step } = stat {
                    reached.insert((flow, step));
                }
            }
        }
        for flow in &set.flows {
            for step in &flow.steps {
                if !reached.contains(&(flow.id.clone(), step.id.clone())) {
                    missing.push(format!("{lang}: {}/{}", flow.id, step.id));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "steps no transcript reaches:\n{}",
        missing.join("\n")
    );
}

/// The steps one typed message leads to from the main menu, in order.
fn steps_after_typing(set: &FlowSet, lang: &str, typed: &str) -> Vec<(String, String)> {
    let options = ChatOptions {
        lang: Some(lang.to_string()),
        now: Some(
            "2026-11-30T10:00:00+01:00"
                .parse()
                .expect("a valid timestamp"),
        ),
        ..ChatOptions::default()
    };
    let mut out = Vec::new();
    let stats = converse(
        set,
        &options,
        format!("{typed}\n").as_bytes(),
        &mut out,
        true,
    )
    .expect("writing to memory");
    stats
        .into_iter()
        .filter_map(|stat| match stat {
            Stat::Step { flow, step } => Some((flow, step)),
            _ => None,
        })
        .collect()
}

/// "My boss keeps my passport and does not pay me" is work exploitation: typed at the
/// main menu in any language it reaches the selling route's work step, never the
/// relatives route (which words such as "work" would otherwise choose).
#[test]
fn a_confiscated_passport_reaches_the_work_step_in_every_language() {
    let set = load();
    let cases = [
        (
            "sv",
            "min chef har tagit mitt pass och betalar inte min lön på jobbet",
        ),
        (
            "en",
            "my boss at work keeps my passport and does not pay me",
        ),
        (
            "ro",
            "șeful de la muncă îmi ține pașaportul și nu mă plătește",
        ),
        ("uk", "начальник на роботі забрав мій паспорт і не платить"),
        ("ar", "مديري في عملي يأخذ جواز سفري ولا يدفع لي"),
    ];
    for (lang, typed) in cases {
        let steps = steps_after_typing(&set, lang, typed);
        assert_eq!(
            steps
                .last()
                .map(|(flow, step)| (flow.as_str(), step.as_str())),
            Some(("selling", "work")),
            "{lang}: {typed:?} led to {steps:?}"
        );
        assert!(
            steps.iter().all(|(flow, _)| flow != "relatives"),
            "{lang}: {typed:?} passed through the relatives route: {steps:?}"
        );
    }
}

/// The place question is an interruption: the session stays at the step it is for (so
/// whoever classifies where a message went still sees the intended step), the step is
/// counted only once shown, a typed town answers it, an answer from an older menu is
/// stale, and the quick exit leaves no session (and so no place).
#[test]
fn the_place_question_keeps_the_step_it_is_for() {
    use signpost::engine::{self, Context, Effect, Input, Place};

    let set = load_areas("norrkoping,linkoping");
    let now = "2026-11-30T22:00:00+01:00"
        .parse()
        .expect("a valid instant");
    let ctx = Context::default();
    let at_where = |outcome: &engine::Outcome| {
        outcome
            .session
            .as_ref()
            .map(|s| (s.flow.clone(), s.step.clone()))
    };
    let counted_where = |outcome: &engine::Outcome| {
        outcome.effects.iter().any(|e| {
            matches!(e, Effect::Count(Stat::Step { flow, step }) if flow == "buyer" && step == "where")
        })
    };
    let buyer = engine::enter(&set, "buyer", Some("en"), now);
    let session = buyer.session.expect("a session");
    // "Where can I get help?" is the buyer start's first choice.
    let data = format!("c{}.0", session.menu);
    let asked = engine::handle(&set, Some(session), &Input::Button(data), &ctx, now);
    assert_eq!(at_where(&asked), Some(("buyer".into(), "where".into())));
    assert!(
        !counted_where(&asked),
        "the step was counted before it was shown"
    );
    let question = asked.session.clone().expect("a session");
    assert_eq!(question.place, None);

    let typed = engine::handle(
        &set,
        Some(question.clone()),
        &Input::Text("i am in Norkoping".into()),
        &ctx,
        now,
    );
    let answered = typed.session.clone().expect("a session");
    assert_eq!(answered.place, Some(Place::Area("norrkoping".into())));
    assert!(counted_where(&typed));

    // The town in another script, with a slip.
    for (typed, area) in [("Лінчепінгу", "linkoping"), ("نورشوبينغ", "norrkoping")]
    {
        let outcome = engine::handle(
            &set,
            Some(question.clone()),
            &Input::Text(typed.into()),
            &ctx,
            now,
        );
        assert_eq!(
            outcome.session.and_then(|s| s.place),
            Some(Place::Area(area.into())),
            "{typed}"
        );
    }

    // A press on the question after it was answered is from an older menu.
    let old = format!("a{}.1", question.menu);
    let stale = engine::handle(&set, Some(answered.clone()), &Input::Button(old), &ctx, now);
    assert_eq!(
        stale.session.and_then(|s| s.place),
        Some(Place::Area("norrkoping".into()))
    );

    let exit = engine::handle(
        &set,
        Some(answered),
        &Input::Text("/exit".into()),
        &ctx,
        now,
    );
    assert!(exit.session.is_none());
}
