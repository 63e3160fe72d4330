//! `signpost understand --lang xx "text"`: what a typed message reaches and why, for
//! staff who add examples: the place, the example that matched and its score, and the
//! runner-up, in the words of `understand::explain` (which the studio shows too).

use std::process::ExitCode;

use super::ContentArgs;
use crate::model::{FlowSet, Target};

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

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
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
    print!(
        "{}",
        crate::understand::explain::explain(&set, at, &args.lang, &args.text)
    );
    Ok(ExitCode::SUCCESS)
}

fn find(set: &FlowSet, written: &str) -> Option<Target> {
    let (flow, step) = written.split_once('/')?;
    let f = set.flow_by_id(flow)?;
    let s = set.flows[f].step_by_id(step)?;
    Some(Target { flow: f, step: s })
}
