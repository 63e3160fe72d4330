//! The errors of the store module. They name files and settings, never a person: nothing
//! identifying ever reaches this module, so nothing identifying can end up in a message.

use std::path::PathBuf;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the session store in {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: sled::Error,
    },

    #[error("session store: {0}")]
    Database(#[from] sled::Error),

    #[error("cannot create the data folder {path}: {source}")]
    DataFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("key file {path}: {source}")]
    KeyFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "key file {key_file} is inside the data folder {data}: a copy of the data folder \
         would then hold the key to its pseudonyms; set SIGNPOST_KEY_FILE to a path outside it"
    )]
    KeyFileInsideData { key_file: PathBuf, data: PathBuf },

    #[error(
        "key file {path} can be read by other users (mode {mode:03o}); \
         restrict it with `chmod 600 {path}`"
    )]
    KeyFilePermissions { path: PathBuf, mode: u32 },

    #[error(
        "key file {path} is damaged ({reason}); delete it to start with a new key \
         (conversations in progress then start from the beginning)"
    )]
    KeyFileDamaged { path: PathBuf, reason: &'static str },

    #[error("a session could not be sealed")]
    Seal,

    #[error("cannot restrict the data folder {path} to its owner: {source}")]
    Permissions {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("no randomness for a new key: {0}")]
    Random(getrandom::Error),

    #[error("statistics file {path}: {source}")]
    StatsFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("statistics file {path} is damaged: {reason}")]
    StatsDamaged { path: PathBuf, reason: String },

    #[error("session lifetime must be between {min} and {max} hours, not {hours}")]
    TtlOutOfRange { hours: i64, min: i64, max: i64 },
}
