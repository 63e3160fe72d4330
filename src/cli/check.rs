//! `signpost check`: validate everything and print the report, then how complete each
//! language is, and, when the understanding corpus is there
//! (`tests/fixtures/understanding/<lang>.tsv`, or `--corpus`), how many of its messages
//! reach their place per language, the places confused and the risky outcomes.

use std::process::ExitCode;

use super::ContentArgs;
use crate::load::Table;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub today: super::TodayArg,
    /// The understanding corpus: one `<lang>.tsv` per language.
    #[arg(long, default_value = "tests/fixtures/understanding")]
    pub corpus: std::path::PathBuf,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = args.today.load_options();
    let (set, report) =
        crate::load::load_with(&args.content.flows, &args.content.locales, &options);
    println!("{report}");
    if !report.completeness.is_empty() {
        print!("\n{}", Table(&report.completeness));
    }
    if let Some(set) = &set {
        let mut results = Vec::new();
        for lang in crate::understand::Lang::ALL {
            let path = args.corpus.join(format!("{}.tsv", lang.code()));
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let lines = crate::understand::corpus::parse(&text);
            let scored = crate::understand::corpus::run(
                set,
                lang.code(),
                &lines,
                crate::understand::corpus::noon(),
            );
            results.push((lang.code().to_string(), scored));
        }
        if !results.is_empty() {
            print!("\n{}", crate::understand::corpus::summary(&results));
        }
    }
    Ok(if set.is_some() && report.errors() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
