//! The counts of the day under way carried over a restart: sealed under the pseudonym
//! key's record key into a file beside the key file at a stop, taken back at the next
//! start, and written owner-only.

use crate::store::codec;
use crate::store::{Keyring, Statistics, StoreError};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

use super::*;

impl Sessions {
    pub(super) fn carry_counts(&self) -> Result<(), StoreError> {
        let counts = self.stats.take_unwritten()?;
        let keys = self.keys();
        let (Some(file), false) = (keys.file(), counts.is_empty()) else {
            return Ok(());
        };
        let path = counts_beside(file);
        let listed: Vec<(String, &crate::store::StatKey, u64)> = counts
            .iter()
            .map(|((day, key), n)| (day.to_string(), key, *n))
            .collect();
        let plain = Zeroizing::new(serde_json::to_vec(&listed).map_err(|error| {
            StoreError::StatsDamaged {
                path: path.clone(),
                reason: error.to_string(),
            }
        })?);
        let sealed = codec::seal_blob(keys.record_key(), COUNTS_CONTEXT, &plain)?;
        write_private(&path, &sealed)
    }
}

/// Separates the sealed counts from every other use of the pseudonym key's record key.
pub(super) const COUNTS_CONTEXT: &[u8] = b"signpost counts carried over a restart v1";

/// Where the counts of the day under way wait over a restart: beside the key file.
pub(crate) fn counts_beside(key_file: &Path) -> PathBuf {
    let mut name = key_file.as_os_str().to_owned();
    name.push(".counts");
    PathBuf::from(name)
}

/// Takes back the counts a shutdown carried over, if they open with a key in the ring;
/// the file goes either way (counts that do not open are dropped, and their days stay
/// marked).
pub(super) fn restore_counts(
    path: &Path,
    keys: &Keyring,
    stats: &Statistics,
) -> Result<(), StoreError> {
    let sealed = match std::fs::read(path) {
        Ok(sealed) => sealed,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::KeyFile {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let plain = codec::open_blob(keys.record_key(), COUNTS_CONTEXT, &sealed).or_else(|| {
        keys.previous_record_key()
            .and_then(|key| codec::open_blob(key, COUNTS_CONTEXT, &sealed))
    });
    let listed: Option<Vec<(String, crate::store::StatKey, u64)>> =
        plain.and_then(|plain| serde_json::from_slice(&plain).ok());
    let counts: Option<crate::store::stats::Counts> = listed.and_then(|listed| {
        listed
            .into_iter()
            .map(|(day, key, n)| Some(((day.parse().ok()?, key), n)))
            .collect()
    });
    match counts {
        Some(counts) => stats.restore(counts)?,
        None => tracing::warn!("the counts kept over a restart could not be read; dropped"),
    }
    std::fs::remove_file(path).map_err(|source| StoreError::KeyFile {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a file readable by its owner only, whole or not at all.
pub(super) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write as _;
    let error = |source| StoreError::KeyFile {
        path: path.to_path_buf(),
        source,
    };
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".new");
    let temporary = PathBuf::from(temporary);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temporary).map_err(error)?;
    file.write_all(bytes).map_err(error)?;
    file.sync_all().map_err(error)?;
    std::fs::rename(&temporary, path).map_err(error)
}

/// Creates the data folder if needed and makes it readable by its owner only: the
/// records in it are sealed, but their number and times are not.
pub(super) fn owner_only(data: &std::path::Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(data).map_err(|source| StoreError::DataFolder {
        path: data.to_path_buf(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data, std::fs::Permissions::from_mode(0o700)).map_err(
            |source| StoreError::Permissions {
                path: data.to_path_buf(),
                source,
            },
        )?;
    }
    Ok(())
}
