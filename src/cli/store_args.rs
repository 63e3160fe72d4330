//! The options that say where the bot keeps its state and for how long, shared by the
//! subcommands that open the store (`signpost run`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::store::{StoreConfig, Ttl};

/// Where sessions, statistics and the pseudonym key live, and how long sessions last.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// The data folder: sessions and daily statistics.
    #[arg(long, env = "SIGNPOST_DATA", default_value = "data")]
    pub data: PathBuf,
    /// The pseudonym key file; it must be outside the data folder (keep it out of
    /// backups). Unset: `$RUNTIME_DIRECTORY/signpost.key` when systemd gives the service a
    /// runtime directory, otherwise the key lives in memory only (a restart starts every
    /// conversation over).
    #[arg(long, env = "SIGNPOST_KEY_FILE")]
    pub key_file: Option<PathBuf>,
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
        let runtime = std::env::var_os("RUNTIME_DIRECTORY");
        Ok(StoreConfig {
            data: self.data.clone(),
            key_file: key_file(self.key_file.as_deref(), runtime.as_deref()),
            ttl: Ttl::from_hours(self.session_ttl)?,
        })
    }
}

/// Where the key lives: the file asked for; else the service's runtime directory
/// (systemd's `RuntimeDirectory=`, a tmpfs under `/run` that no backup of the data folder
/// holds and a reboot empties; the first one when several are listed); else nowhere on
/// disk (`None`: memory only).
fn key_file(asked: Option<&Path>, runtime_directory: Option<&OsStr>) -> Option<PathBuf> {
    if let Some(file) = asked {
        return Some(file.to_path_buf());
    }
    let runtime = runtime_directory?.to_str()?;
    let first = runtime.split(':').find(|dir| !dir.is_empty())?;
    Some(Path::new(first).join("signpost.key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_kept_where_asked_in_the_runtime_directory_or_in_memory() {
        let asked = Path::new("/etc/keys/k");
        assert_eq!(
            key_file(Some(asked), Some(OsStr::new("/run/signpost"))),
            Some(asked.to_path_buf())
        );
        assert_eq!(
            key_file(None, Some(OsStr::new("/run/signpost:/run/other"))),
            Some(PathBuf::from("/run/signpost/signpost.key"))
        );
        assert_eq!(key_file(None, Some(OsStr::new(""))), None);
        assert_eq!(key_file(None, None), None);
    }
}
