//! The options that say where the bot keeps its state and for how long, shared by the
//! subcommands that open the store (`signpost run`).

use std::path::PathBuf;

use crate::store::{StoreConfig, Ttl};

/// Where sessions, statistics and the pseudonym key live, and how long sessions last.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The data folder: sessions and daily statistics.
    #[arg(long, env = "SIGNPOST_DATA", default_value = "data")]
    pub data: PathBuf,
    /// The pseudonym key file; it must be outside the data folder (keep it out of backups).
    #[arg(long, env = "SIGNPOST_KEY_FILE", default_value = "signpost.key")]
    pub key_file: PathBuf,
    /// Hours of inactivity after which a conversation is deleted.
    #[arg(
        long,
        env = "SIGNPOST_SESSION_TTL",
        default_value_t = Ttl::DEFAULT_HOURS,
        value_parser = clap::value_parser!(i64).range(Ttl::MIN_HOURS..=Ttl::MAX_HOURS),
    )]
    pub session_ttl: i64,
}

impl StoreArgs {
    pub fn config(&self) -> anyhow::Result<StoreConfig> {
        Ok(StoreConfig {
            data: self.data.clone(),
            key_file: self.key_file.clone(),
            ttl: Ttl::from_hours(self.session_ttl)?,
        })
    }
}
