//! `signpost diff OLD NEW`: what changed between two versions of the flow folder (and
//! their locale folders), as plain text for a reviewer before a release.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::load::Document;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The flow folder of the old version.
    pub old: PathBuf,
    /// The flow folder of the new version.
    pub new: PathBuf,
    /// The old version's locale folder. Default: `locales` beside OLD.
    #[arg(long, value_name = "DIR")]
    pub old_locales: Option<PathBuf>,
    /// The new version's locale folder. Default: `locales` beside NEW.
    #[arg(long, value_name = "DIR")]
    pub new_locales: Option<PathBuf>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let old = read(&args.old, args.old_locales)?;
    let new = read(&args.new, args.new_locales)?;
    std::io::stdout().write_all(crate::staff::diff::diff(&old, &new).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn read(flows: &Path, locales: Option<PathBuf>) -> anyhow::Result<Document> {
    let locales = locales.unwrap_or_else(|| flows.join("..").join("locales"));
    for dir in [flows, locales.as_path()] {
        if !dir.is_dir() {
            anyhow::bail!("{} is not a folder", dir.display());
        }
    }
    Ok(Document::read(flows, &locales))
}
