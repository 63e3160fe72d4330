//! The `signpost` binary: parses the command line and hands over to `signpost::cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = signpost::cli::Cli::parse();
    match signpost::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // Errors here come from our own code paths (files, configuration, network
            // set-up), never from user messages, so printing them cannot leak a person.
            eprintln!("signpost: {error:#}");
            ExitCode::FAILURE
        }
    }
}
