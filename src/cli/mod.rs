//! The subcommands of the `signpost` binary. Each lives in its own file; this one only
//! parses arguments and dispatches. `anyhow` is used here, at the edge, and nowhere in
//! the library modules.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod chat;
pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod doctor;
pub(crate) mod graph;
pub(crate) mod poster;
pub(crate) mod report;
pub(crate) mod review;
pub mod run;
pub(crate) mod stats;
pub(crate) mod store_args;
pub(crate) mod studio;
pub(crate) mod understand;

/// Where the flows and texts are.
#[derive(Debug, Clone, clap::Args)]
pub struct ContentArgs {
    /// The folder of flow files, `bot.toml` and `services.toml`.
    #[arg(long, env = "SIGNPOST_FLOWS", default_value = "flows")]
    pub flows: PathBuf,
    /// The folder of locales, one sub-folder per language.
    #[arg(long, env = "SIGNPOST_LOCALES", default_value = "locales")]
    pub locales: PathBuf,
}

/// The date `check` and the staff tools take as today, for verification dates.
#[derive(Debug, Clone, clap::Args)]
pub struct TodayArg {
    /// Check as if today were this date (YYYY-MM-DD), for instance to see which
    /// verifications will be out of date by then. Default: today in Sweden.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

impl TodayArg {
    /// The options `load` takes for this date.
    pub(crate) fn load_options(&self) -> crate::load::LoadOptions {
        match self.today {
            Some(today) => crate::load::LoadOptions { today },
            None => crate::load::LoadOptions::now(),
        }
    }
}

/// The command line of the `signpost` binary.
#[derive(Debug, Parser)]
#[command(
    name = "signpost",
    version,
    about = "Anonymous first contact and signposting bot"
)]
pub struct Cli {
    /// Without a subcommand: the bot when `TELOXIDE_TOKEN` is set, else the terminal chat.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check flows, the service directory and every language; report every problem.
    Check(check::Args),
    /// Talk to the flows in the terminal (no bot token needed); reads a pipe too. Nothing
    /// is stored: the conversation lasts as long as the command.
    Chat(chat::Args),
    /// Draw each flow as SVG or Mermaid, with what `check` found marked.
    Graph(graph::Args),
    /// Write one HTML file with every flow, text, language and service, for staff and
    /// translators.
    Report(report::Args),
    /// A reviewer's sheet of one language: export it, read it back.
    Review(review::Args),
    /// Show what changed between two versions of the flow folder, for a reviewer.
    Diff(diff::Args),
    /// Make a QR code (SVG and PNG) for each deep link, with the link under it.
    Poster(poster::Args),
    /// Run the Telegram bot (token in `TELOXIDE_TOKEN`).
    Run(Box<run::Args>),
    /// Print the aggregate statistics (counts per day), small counts suppressed.
    Stats(stats::Args),
    /// Check a set-up before it goes live: token, Telegram, webhook, flows, data folder,
    /// key file, clock and disk, each problem with what to do. Exit code 0 when ready.
    Doctor(Box<doctor::Args>),
    /// Edit, try and review the conversations in a web browser (on this computer only,
    /// unless told otherwise); saves into the same files `check` reads.
    Studio(studio::Args),
    /// Show what a typed message reaches and why: the example that matched, its score,
    /// and the runner-up.
    Understand(understand::Args),
}

/// Runs the command line's subcommand (the default one when none is given).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = cli.command.unwrap_or_else(default_command);
    match command {
        Command::Check(args) => check::run(args),
        Command::Chat(args) => chat::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Report(args) => report::run(args),
        Command::Review(args) => review::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Poster(args) => poster::run(args),
        Command::Run(args) => run::run(*args),
        Command::Stats(args) => stats::run(args),
        Command::Doctor(args) => doctor::run(*args),
        Command::Studio(args) => studio::run(args),
        Command::Understand(args) => understand::run(args),
    }
}

/// What `signpost` alone does.
fn default_command() -> Command {
    if std::env::var_os("TELOXIDE_TOKEN").is_some_and(|t| !t.is_empty()) {
        Command::Run(Box::new(run::Args::parse_defaults()))
    } else {
        Command::Chat(chat::Args::parse_defaults())
    }
}
