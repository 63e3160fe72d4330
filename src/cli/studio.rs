//! `signpost studio`: the web page for editing, trying and reviewing the conversations
//! (see `crate::studio`). This file only parses the arguments and starts the server.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;

use super::{ContentArgs, TodayArg};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The address to serve on. The default answers only this computer; another address
    /// lets others on the network reach the page (the studio says what that means).
    #[arg(long, default_value = "127.0.0.1:8750")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub today: TodayArg,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let options = crate::studio::Options {
        flows: args.content.flows,
        locales: args.content.locales,
        listen: args.listen,
        load: args.today.load_options(),
    };
    tokio
        .block_on(crate::studio::serve(options))
        .with_context(|| format!("cannot serve on {}", args.listen))?;
    Ok(ExitCode::SUCCESS)
}
