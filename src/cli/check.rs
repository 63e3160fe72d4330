//! `signpost check`: validate everything and print the report, then how complete each
//! language is.

use std::process::ExitCode;

use super::ContentArgs;
use crate::load::{LoadOptions, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Check as if today were this date (YYYY-MM-DD), for instance to see which
    /// verifications will be out of date by then. Default: today in Sweden.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = match args.today {
        Some(today) => LoadOptions { today },
        None => LoadOptions::now(),
    };
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
