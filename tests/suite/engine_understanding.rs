//! The understanding corpus (`tests/fixtures/understanding/<lang>.tsv`, or the folder
//! in `SIGNPOST_CORPUS`) run through the engine of the shipped set: no line has a risky
//! outcome, and each language's share of lines that reach their place stays at or
//! above `FLOOR` (see `signpost::understand::corpus`; the summary is printed).

use std::path::PathBuf;

use signpost::model::FlowSet;
use signpost::understand::corpus;

use crate::support::files::repo;

/// The target of issue 22 for each language's share (measured on the corpus of about
/// 145 lines per language, 2026-12-08: sv 96.5 %, en 98.6 %, ro 97.1 %, uk 97.3 %,
/// ar 98.7 %, ru 96.7 %; see BENCHMARKS.md). Printed with the summary.
const TARGET: f64 = 0.95;
/// What the test holds each language to, so that a change that makes understanding
/// worse fails: the target, which every language now reaches.
const FLOOR: f64 = 0.95;

fn shipped() -> FlowSet {
    let root = repo();
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    set.unwrap_or_else(|| panic!("the shipped set does not load:\n{report}"))
}

/// Russian, Ukrainian and Arabic in Latin letters are read in their own letters; a
/// message in a language written in Latin letters never is, even with a word no
/// example has (a misspelt town).
#[test]
fn only_other_scripts_typed_in_latin_letters_are_read_back() {
    use signpost::understand::decide::decide_reading;
    use signpost::understand::translit::Reading;
    let set = shipped();
    let at = set.main_start();
    let reading = |lang: &str, text: &str| {
        decide_reading(&set, at, lang, text, None)
            .1
            .map(|(reading, spelled, _)| (reading, spelled))
    };
    for (text, expected, script) in [
        ("pomogite mne pozhaluysta", Reading::Russian, "помогите"),
        ("meni potribna dopomoha", Reading::Ukrainian, "мені"),
        ("3omri 15 w ma 3indi ahl", Reading::Arabizi, "عمري"),
    ] {
        let found = reading("sv", text);
        assert!(
            found
                .as_ref()
                .is_some_and(|(r, read)| *r == expected && read.contains(script)),
            "{text}: {found:?}"
        );
    }
    for (lang, text) in [
        ("en", "i am in Norkoping"),
        ("en", "help me plz"),
        ("sv", "behver hjelp"),
        ("ro", "am nevoie de ajutor"),
        ("en", "can i go jail for this"),
    ] {
        assert_eq!(reading(lang, text), None, "{text}");
    }
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("SIGNPOST_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("tests/fixtures/understanding"))
}

#[test]
fn the_corpus_reaches_its_places_in_every_language() {
    let set = shipped();
    let dir = corpus_dir();
    let mut results = Vec::new();
    for lang in ["sv", "en", "ro", "uk", "ar", "ru"] {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{lang}.tsv"))) else {
            continue;
        };
        let lines = corpus::parse(&text);
        results.push((
            lang.to_string(),
            corpus::run(&set, lang, &lines, corpus::noon()),
        ));
    }
    if results.is_empty() {
        // The corpus lives on its own branch until merged; meanwhile the harness is held
        // to a few lines whose places are beyond doubt.
        let lines = corpus::parse(
            "112\temergency\nexit\texit\nI am 15\troute:young\nnej\tanswer:2\tselling/safety\n",
        );
        results.push((
            "en".to_string(),
            corpus::run(&set, "en", &lines, corpus::noon()),
        ));
    }
    let summary = corpus::summary(&results);
    println!("{summary}");
    let mut below = Vec::new();
    for (lang, scored) in &results {
        let ok = scored.iter().filter(|s| s.ok).count();
        let share = ok as f64 / scored.len().max(1) as f64;
        if share < TARGET {
            println!(
                "{lang}: {:.1} % is below the target of {TARGET}",
                100.0 * share
            );
        }
        if share < FLOOR {
            let misses: Vec<String> = scored
                .iter()
                .filter(|s| !s.ok)
                .map(|s| {
                    format!(
                        "  {:?} -> {} (expected {})",
                        s.line.text, s.got, s.line.expected
                    )
                })
                .collect();
            below.push(format!(
                "{lang}: {ok}/{} reach their place, below {FLOOR}:\n{}",
                scored.len(),
                misses.join("\n")
            ));
        }
    }
    assert!(below.is_empty(), "{}\n{summary}", below.join("\n"));
    let risky: Vec<_> = results
        .iter()
        .flat_map(|(_, s)| s.iter().filter(|s| s.risky.is_some()))
        .collect();
    assert!(risky.is_empty(), "risky outcomes:\n{summary}");
}

/// Examples teach and the corpus judges: no corpus line may be an example of the
/// flows, compared as the matcher compares them (folded words), or the accuracy would
/// measure memory, not understanding.
#[test]
fn no_corpus_line_is_an_example() {
    use signpost::understand::text::tokens;
    let set = shipped();
    let examples: std::collections::HashSet<Vec<String>> = set
        .understanding
        .examples
        .iter()
        // A button's label and a route's words are what a person may type as they are.
        .filter(|e| !e.words && !matches!(e.label, signpost::understand::Label::Choice { .. }))
        .map(|e| tokens(&e.text).0)
        .collect();
    let dir = corpus_dir();
    let mut copied = Vec::new();
    for lang in ["sv", "en", "ro", "uk", "ar", "ru"] {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{lang}.tsv"))) else {
            continue;
        };
        for line in corpus::parse(&text) {
            let words = tokens(&line.text).0;
            // A bare word or two ("help", "нет", "sterge tot") cannot be said another way.
            if words.len() > 2 && examples.contains(&words) {
                copied.push(format!("  {lang}: {:?}", line.text));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "corpus lines that are examples in the flows (write a different example):\n{}",
        copied.join("\n")
    );
}

/// For tuning by hand: every line's three best places with their scores, into the file
/// named by `SIGNPOST_CORPUS_DUMP` (`cargo test ... -- --ignored`).
#[test]
#[ignore = "a tool for tuning, not a check"]
fn dump_scores() {
    use signpost::understand::decide::{dest, outcome};
    let set = shipped();
    let dir = corpus_dir();
    let mut out = String::new();
    for lang in ["sv", "en", "ro", "uk", "ar", "ru"] {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{lang}.tsv"))) else {
            continue;
        };
        for line in corpus::parse(&text) {
            let at = line
                .at
                .as_deref()
                .and_then(|w| w.split_once('/'))
                .and_then(|(f, s)| {
                    let f = set.flow_by_id(f)?;
                    let s = set.flows[f].step_by_id(s)?;
                    Some(signpost::model::Target { flow: f, step: s })
                })
                .unwrap_or_else(|| set.main_start());
            let ranked = set.understanding.rank(&line.text, at, None);
            let mut seen: Vec<String> = Vec::new();
            let mut cols = Vec::new();
            for r in ranked {
                let name = outcome(&set, at, dest(&set, r.label));
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name.clone());
                cols.push(format!("{name}={:.3}", r.score));
                if cols.len() == 3 {
                    break;
                }
            }
            out.push_str(&format!(
                "{lang}\t{}\t{}\t{}\n",
                line.expected,
                cols.join("\t"),
                line.text
            ));
        }
    }
    let path = std::env::var("SIGNPOST_CORPUS_DUMP").unwrap_or_else(|_| "/dev/null".into());
    std::fs::write(path, out).unwrap_or_else(|e| panic!("cannot write the dump: {e}"));
}

/// `signpost understand` says where the bot goes, with the rules that come before the
/// matcher (an age in a person's own words here), then why the matcher thinks what it
/// thinks.
#[test]
fn understand_says_where_the_bot_goes_and_why() {
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
            .arg("understand")
            .args(args)
            .current_dir(repo())
            .env_remove("SIGNPOST_FLOWS")
            .env_remove("SIGNPOST_LOCALES")
            .output()
            .unwrap_or_else(|e| panic!("signpost understand: {e}"));
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let age = run(&["--lang", "sv", "ja e 15"]);
    assert!(age.starts_with("the bot goes to: route:young\n"), "{age}");
    let person = run(&["--lang", "en", "can i talk to a real person"]);
    assert!(
        person.starts_with("the bot goes to: q:person\n"),
        "{person}"
    );
    assert!(person.contains("the matcher: q:person (score "), "{person}");
    assert!(person.contains("runner-up: "), "{person}");
    let no = run(&["--lang", "en", "--at", "selling/safety", "no"]);
    assert!(no.starts_with("the bot goes to: answer:2\n"), "{no}");
}
