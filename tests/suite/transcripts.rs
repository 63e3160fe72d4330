//! Golden transcripts: scripted conversations through the real flows and texts, compared
//! with the whole conversation as text, so a reviewer reads what a person would read.
//!
//! Each `tests/fixtures/transcripts/<name>.in` starts with a line of options
//! (`# --lang sv --now 2026-11-30T10:00:00+01:00 [--flow buyer]`) followed by one input
//! a line: a number presses that button, anything else is typed. The expected
//! conversation is `<name>.out`. After a deliberate change of flows or texts, regenerate
//! with `SIGNPOST_UPDATE_TRANSCRIPTS=1 cargo test --locked --test suite transcripts::` and
//! review the diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use signpost::cli::chat::{ChatOptions, converse};
use signpost::engine::Stat;
use signpost::model::FlowSet;

use crate::support::files::{fixture, repo};

fn load() -> FlowSet {
    let (set, report) = signpost::load::load(&repo().join("flows"), &repo().join("locales"));
    match set {
        Some(set) => set,
        None => panic!("the shipped flows do not load:\n{report}"),
    }
}

fn options(header: &str) -> ChatOptions {
    let mut options = ChatOptions::default();
    let mut words = header.trim_start_matches('#').split_whitespace();
    while let Some(flag) = words.next() {
        let value = words.next().unwrap_or_default().to_string();
        match flag {
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

fn run_script(set: &FlowSet, script: &Path) -> (String, Vec<Stat>) {
    let text = std::fs::read_to_string(script).expect("readable script");
    let (header, inputs) = text.split_once('\n').unwrap_or((&text, ""));
    let mut out = Vec::new();
    let stats = converse(set, &options(header), inputs.as_bytes(), &mut out, true)
        .expect("writing to memory");
    (String::from_utf8(out).expect("utf-8 output"), stats)
}

#[test]
fn transcripts_match() {
    let set = load();
    let update = std::env::var_os("SIGNPOST_UPDATE_TRANSCRIPTS").is_some();
    let scripts = scripts();
    assert!(!scripts.is_empty(), "no transcripts found");
    let mut failures = Vec::new();
    for script in &scripts {
        let (actual, _) = run_script(&set, script);
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
            for stat in run_script(&set, &script).1 {
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
