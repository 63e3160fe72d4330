//! `signpost poster --bot NAME`: for each deep link, a QR code with its link under it,
//! as SVG and PNG. Only for a set `check` passes: a poster that leads to a flow the bot
//! refuses would be printed in vain. A set with several areas also gets, for each link
//! and area, a poster that carries the area (`menu_linkoping`), so that a person who
//! scans it in that town is not asked where they are.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::ContentArgs;
use crate::staff::poster::{self, Poster};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The bot's Telegram username, as in @signpost_bot (the @ may be left out).
    #[arg(long, value_name = "NAME")]
    pub bot: String,
    /// The folder for `<code>.svg` and `<code>.png`.
    #[arg(long, value_name = "DIR", default_value = "posters")]
    pub out: PathBuf,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bot = poster::bot_name(&args.bot)?;
    let (set, report) = crate::load::load(&args.content.flows, &args.content.locales);
    let Some(set) = set else {
        eprintln!("{report}");
        eprintln!("no posters made: fix what signpost check reports first");
        return Ok(ExitCode::FAILURE);
    };
    let mut codes: Vec<(String, &crate::model::DeepLink)> = Vec::new();
    for (code, link) in &set.deep_links {
        codes.push((code.clone(), link));
        for area in &set.services.areas {
            if let Some(with_area) = crate::engine::link_with_area(&set, code, &area.id) {
                codes.push((with_area, link));
            }
        }
    }
    codes.sort_by(|a, b| a.0.cmp(&b.0));
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let mut out = std::io::stdout().lock();
    for (code, target) in codes {
        let poster = Poster::new(&poster::link(bot, &code))?;
        let svg = args.out.join(format!("{code}.svg"));
        let png = args.out.join(format!("{code}.png"));
        std::fs::write(&svg, poster.svg())
            .with_context(|| format!("cannot write {}", svg.display()))?;
        std::fs::write(&png, poster.png()?)
            .with_context(|| format!("cannot write {}", png.display()))?;
        let lang = target
            .lang
            .as_ref()
            .map(|l| format!(", in {l}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{}: flow \"{}\"{lang} -> {} and {}",
            poster.url,
            set.flows[target.flow].id,
            svg.display(),
            png.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
