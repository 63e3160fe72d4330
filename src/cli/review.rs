//! `signpost review export|import`: the reviewer's sheet of one language (see
//! `staff::review`), written from and read back into `locales/<lang>/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::load::{REVIEW_FILE, SOURCE_LANG};
use crate::staff::review::{self, Texts};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Write a sheet (tab-separated: id, source, translation, status, reviewed_by,
    /// notes) of one language beside the Swedish source.
    Export {
        #[arg(long, env = "SIGNPOST_LOCALES", default_value = "locales")]
        locales: PathBuf,
        #[arg(long)]
        lang: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Read a filled-in sheet back: new translations into the .ftl files, reviews into
    /// review.toml.
    Import {
        #[arg(long, env = "SIGNPOST_LOCALES", default_value = "locales")]
        locales: PathBuf,
        #[arg(long)]
        lang: String,
        /// The sheet to read.
        sheet: PathBuf,
        #[command(flatten)]
        today: super::TodayArg,
    },
}

/// A language folder's `.ftl` files and review records, as they are on disk.
fn read(dir: &Path) -> anyhow::Result<Texts> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let visible = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.') && n.ends_with(".ftl"));
        if visible {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            files.push((path, text));
        }
    }
    files.sort();
    let review = match std::fs::read_to_string(dir.join(REVIEW_FILE)) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).context(format!("cannot read {REVIEW_FILE}")),
    };
    Ok(Texts { files, review })
}

fn check_code(lang: &str) -> anyhow::Result<()> {
    if lang.is_empty() || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        bail!("\"{lang}\" is not a language code such as uk");
    }
    Ok(())
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Export { locales, lang, out } => {
            check_code(&lang)?;
            let source = read(&locales.join(SOURCE_LANG))?;
            let target = read(&locales.join(&lang))?;
            let sheet = review::export(&source, &target).map_err(|e| {
                anyhow::anyhow!("{}: {e}", locales.join(&lang).join(REVIEW_FILE).display())
            })?;
            std::fs::write(&out, sheet)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Action::Import {
            locales,
            lang,
            sheet,
            today,
        } => {
            check_code(&lang)?;
            let dir = locales.join(&lang);
            let source = read(&locales.join(SOURCE_LANG))?;
            let target = read(&dir)?;
            let text = std::fs::read_to_string(&sheet)
                .with_context(|| format!("cannot read {}", sheet.display()))?;
            let today = today.load_options().today;
            let imported = review::import(&text, &source, &target, |name| dir.join(name), today)
                .map_err(|e| anyhow::anyhow!("{}: {e}", sheet.display()))?;
            for (path, text) in &imported.files {
                let unchanged = target.files.iter().any(|(p, t)| p == path && t == text);
                if !unchanged {
                    std::fs::write(path, text)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
            }
            std::fs::write(dir.join(REVIEW_FILE), &imported.review)
                .with_context(|| format!("cannot write {REVIEW_FILE}"))?;
            for problem in &imported.problems {
                eprintln!("{}: {problem}", sheet.display());
            }
            eprintln!(
                "{} message(s) changed, {} recorded as reviewed; run signpost check",
                imported.changed.len(),
                imported.reviewed.len()
            );
            Ok(if imported.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
