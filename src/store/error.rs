//! The errors of the store module. They name files and settings, never a person: nothing
//! identifying ever reaches this module, so nothing identifying can end up in a message.

use std::path::PathBuf;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The session database could not be opened.
    #[error("cannot open the session store in {path}: {source}")]
    Open {
        /// The database's folder.
        path: PathBuf,
        /// What the database said.
        #[source]
        source: sled::Error,
    },

    /// The session database failed while in use.
    #[error("session store: {0}")]
    Database(#[from] sled::Error),

    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    DataFolder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },

    /// The key file could not be read or written.
    #[error("key file {path}: {source}")]
    KeyFile {
        /// The key file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },

    /// The key file lies inside the data folder, so a copy of the data would carry its key.
    #[error(
        "key file {key_file} is inside the data folder {data}: a copy of the data folder \
         would then hold the key to its pseudonyms; set SIGNPOST_KEY_FILE to a path outside it"
    )]
    KeyFileInsideData {
        /// The key file.
        key_file: PathBuf,
        /// The data folder that holds it.
        data: PathBuf,
    },

    /// Other users may read the key file.
    #[error(
        "key file {path} can be read by other users (mode {mode:03o}); \
         restrict it with `chmod 600 {path}`"
    )]
    KeyFilePermissions {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },

    /// The key file holds no valid key.
    #[error(
        "key file {path} is damaged ({reason}); delete it to start with a new key \
         (conversations in progress then start from the beginning)"
    )]
    KeyFileDamaged {
        /// The key file.
        path: PathBuf,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// A record (a session or the carried-over counts) could not be encrypted.
    #[error("a session could not be sealed")]
    Seal,

    /// The data folder could not be made private to its owner.
    #[error("cannot restrict the data folder {path} to its owner: {source}")]
    Permissions {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },

    /// The system gave no random bytes (for a new key or a nonce).
    #[error("no randomness for a new key: {0}")]
    Random(getrandom::Error),

    /// The statistics file could not be read or written.
    #[error("statistics file {path}: {source}")]
    StatsFile {
        /// The statistics file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },

    /// The statistics file cannot be parsed.
    #[error("statistics file {path} is damaged: {reason}")]
    StatsDamaged {
        /// The statistics file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The configured session lifetime is outside the allowed range.
    #[error("session lifetime must be between {min} and {max} hours, not {hours}")]
    TtlOutOfRange {
        /// The lifetime asked for, in hours.
        hours: i64,
        /// The shortest allowed, in hours.
        min: i64,
        /// The longest allowed, in hours.
        max: i64,
    },
}
