//! Why a typed message goes where it goes, in words, for staff who add examples
//! (`signpost understand` and the studio): first where the bot goes, by running the
//! message through the engine itself as the corpus does ([`super::corpus`]), so rules
//! that come before the matcher (words of danger, an age, a step's own pattern) show
//! too; then what the matcher ([`super::decide`]) found: the example, its score and the
//! runner-up, and the reading in Cyrillic or Arabic letters of a message typed in
//! Latin ones when that is what matched ([`super::translit`]).

use crate::model::{FlowSet, Target};

use super::Ranked;
use super::decide::{Decision, decide_reading, dest, outcome};
use super::detect;

/// The explanation, in words: where the bot goes with `text` typed at `at` (`None`: the
/// first message of a conversation, at the main menu), then why the matcher thinks so.
pub(crate) fn explain(set: &FlowSet, at: Option<Target>, lang: &str, text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let line = crate::understand::corpus::Line {
        text: text.to_string(),
        expected: String::new(),
        at: at.map(|t| format!("{}/{}", set.flows[t.flow].id, set.step(t).id)),
    };
    let now = crate::understand::corpus::noon();
    for scored in crate::understand::corpus::run(set, lang, &[line], now) {
        let _ = writeln!(out, "the bot goes to: {}", scored.got);
    }
    let at = at.unwrap_or_else(|| set.main_start());
    let line = |r: &Ranked| {
        let e = &set.understanding.examples[r.example];
        format!(
            "{} (score {:.2}; example [{}] \"{}\")",
            outcome(set, at, dest(set, r.label)),
            r.score,
            e.lang.code(),
            e.text
        )
    };
    if let Some(found) = detect::detect(&set.understanding, text, lang) {
        let _ = writeln!(out, "language: {} (session {lang})", found.code());
    }
    let (decision, reading) = decide_reading(set, at, lang, text, None);
    if let Some((reading, read, _)) = reading {
        let _ = writeln!(
            out,
            "read as {} in its own letters: \"{read}\"",
            reading.lang().code()
        );
    }
    match decision {
        Decision::Clear { best, runner_up } => {
            let _ = writeln!(out, "the matcher: {}", line(&best));
            if let Some(r) = runner_up {
                let _ = writeln!(out, "runner-up: {}", line(&r));
            }
        }
        Decision::Close { options } => {
            let _ = writeln!(out, "the matcher: a close call, \"did you mean ...?\"");
            for r in &options {
                let _ = writeln!(out, "  {}", line(r));
            }
        }
        Decision::Nothing { best } => {
            let _ = writeln!(
                out,
                "the matcher: nothing close (the step's buttons, the menu, a line open now)"
            );
            if let Some(r) = best {
                let _ = writeln!(out, "nearest: {}", line(&r));
            }
        }
    }
    out
}
