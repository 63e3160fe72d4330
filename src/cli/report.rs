//! `signpost report`: one HTML file for staff and translators, with `check`'s report at
//! the top. A set with errors is reported too; that is when translators need it most.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::ContentArgs;
use crate::load::Document;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The file to write.
    #[arg(long, value_name = "FILE", default_value = "report.html")]
    pub out: PathBuf,
    #[command(flatten)]
    pub today: super::TodayArg,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = args.today.load_options();
    let document = Document::read(&args.content.flows, &args.content.locales);
    let report = crate::load::check(&document, &options);
    let html = crate::staff::report::html(&document, &report, options.today);
    std::fs::write(&args.out, html)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "wrote {} (signpost check: {} error(s), {} warning(s))",
        args.out.display(),
        report.errors(),
        report.warnings()
    );
    Ok(ExitCode::SUCCESS)
}
