//! `signpost understand --lang xx "text"`: what a typed message reaches and why, for
//! staff who add examples: the place, the example that matched and its score, and the
//! runner-up. It first runs the message through the engine itself (as the corpus does,
//! `understand::corpus`), so rules that come before the matcher (words of danger, an
//! age, a step's own pattern) show too; then it asks the matcher the engine asks
//! (`understand::decide`) why.

use std::process::ExitCode;

use super::ContentArgs;
use crate::model::{FlowSet, Target};
use crate::understand::decide::{Decision, decide, dest, outcome};
use crate::understand::{Ranked, detect};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The language the conversation is in (the file's language in the corpus).
    #[arg(long, default_value = "sv")]
    pub lang: String,
    /// The step the message is typed at, as `flow/step`; default: the main menu.
    #[arg(long, value_name = "FLOW/STEP")]
    pub at: Option<String>,
    /// The message, as a person would type it.
    pub text: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (set, report) = crate::load::load(&args.content.flows, &args.content.locales);
    let Some(set) = set else {
        println!("{report}");
        return Ok(ExitCode::FAILURE);
    };
    let at = match &args.at {
        None => None,
        Some(written) => match find(&set, written) {
            Some(at) => Some(at),
            None => anyhow::bail!("no step \"{written}\"; write it as flow/step"),
        },
    };
    print!("{}", explain(&set, at, &args.lang, &args.text));
    Ok(ExitCode::SUCCESS)
}

fn find(set: &FlowSet, written: &str) -> Option<Target> {
    let (flow, step) = written.split_once('/')?;
    let f = set.flow_by_id(flow)?;
    let s = set.flows[f].step_by_id(step)?;
    Some(Target { flow: f, step: s })
}

/// The explanation, in words: where the bot goes with `text` typed at `at` (`None`: the
/// first message of a conversation, at the main menu), then why the matcher thinks so.
pub fn explain(set: &FlowSet, at: Option<Target>, lang: &str, text: &str) -> String {
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
    if let Some(found) = detect::detect(text) {
        let _ = writeln!(out, "language: {} (session {lang})", found.code());
    }
    match decide(set, at, lang, text) {
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
