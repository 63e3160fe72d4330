//! `signpost chat`: the flows in the terminal.

use std::process::ExitCode;

use super::ContentArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("the terminal chat is being written")
}
