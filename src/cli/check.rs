//! `signpost check`: validate everything and print the report.

use std::process::ExitCode;

use super::ContentArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (set, report) = crate::load::load(&args.content.flows, &args.content.locales);
    println!("{report}");
    Ok(if set.is_some() && report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
