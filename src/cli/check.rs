//! `signpost check`: validate everything and print the report, then how complete each
//! language is.

use std::process::ExitCode;

use super::ContentArgs;
use crate::load::Table;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub today: super::TodayArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = args.today.load_options();
    let (set, report) =
        crate::load::load_with(&args.content.flows, &args.content.locales, &options);
    println!("{report}");
    if !report.completeness.is_empty() {
        print!("\n{}", Table(&report.completeness));
    }
    Ok(if set.is_some() && report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
