//! The subcommands of the `signpost` binary. Each lives in its own file; this one only
//! parses arguments and dispatches. `anyhow` is used here, at the edge, and nowhere in
//! the library modules.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod chat;
pub mod check;
pub mod stats;
pub mod store_args;

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

#[derive(Debug, Parser)]
#[command(
    name = "signpost",
    version,
    about = "Anonymous first contact and signposting bot"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check flows, the service directory and every language; report every problem.
    Check(check::Args),
    /// Talk to the flows in the terminal (no bot token needed); reads a pipe too.
    Chat(chat::Args),
    /// Print the aggregate statistics (counts per day), small counts suppressed.
    Stats(stats::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Chat(args) => chat::run(args),
        Command::Stats(args) => stats::run(args),
    }
}
