//! The default [`SessionStore`]: an embedded sled database in `<data>/sessions`.
//!
//! Two trees: `sessions` (pseudonym → record, the record starting with the hour a sweep
//! may remove it after, see `codec`) and `meta` (the last Telegram update processed). Every change is a single
//! key, so a crash cannot leave two trees out of step.
//!
//! There is no time-ordered expiry index: a sweep reads every record's clear hour instead.
//! An index keyed by time was built and measured first: a key space that only grows at
//! one end and is deleted at the other is where sled 0.34 never merges emptied nodes (it
//! never merges the leftmost child of an index node), and the folder grew without bound,
//! to 73 MiB after a million sessions with 10,000 alive, against a flat 6 to 10 MiB
//! without it. Reading the ticks of the live sessions costs a few milliseconds per ten
//! thousand sessions, every ten minutes.
//!
//! sled expires nothing by itself and only makes writes durable on `flush`, which
//! [`Sessions`](super::Sessions) calls after every write the bot acts on.

use std::path::Path;

use jiff::Timestamp;

use super::codec;
use super::time::Tick;
use super::{Pseudonym, RecordKey, SessionStore, StoreError, StoredSession, Ttl};

/// sled's page cache. Its default is 1 GiB, which a busy bot would fill with sessions.
/// Measured with 100,000 live sessions (`benches/store.rs`): at 4 MiB the process
/// peaks at 28 MB resident and a sweep takes 220 to 330 ms; at 16 MiB, 41 MB and 190 ms. Saves
/// and loads take the same time either way. A sweep runs every ten minutes; memory is
/// what the cheapest machines lack.
const CACHE_BYTES: u64 = 4 * 1024 * 1024;

const LAST_UPDATE_ID: &[u8] = b"last_update_id";

/// Sessions in a sled database.
#[derive(Debug)]
pub struct SledStore {
    ttl: Ttl,
    db: sled::Db,
    sessions: sled::Tree,
    meta: sled::Tree,
}

impl SledStore {
    /// Opens (or creates) the database in `dir`. A database left by a crash is
    /// recovered up to its last complete flush.
    pub fn open(dir: &Path, ttl: Ttl) -> Result<SledStore, StoreError> {
        let open_error = |source| StoreError::Open {
            path: dir.to_path_buf(),
            source,
        };
        let open = || {
            sled::Config::new()
                .path(dir)
                .cache_capacity(CACHE_BYTES)
                .open()
        };
        let db = match open() {
            // sled 0.34 reads an unfinished snapshot that a kill left behind as if it were
            // finished, and refuses to open. Only after it has refused (it held the
            // folder's lock, so no other process is writing one): such a file is never
            // needed, the last finished snapshot and the log stay.
            Err(sled::Error::Corruption { .. }) if remove_unfinished_snapshots(dir) > 0 => {
                tracing::warn!("an unfinished snapshot left by a crash was removed");
                open()
            }
            opened => opened,
        }
        .map_err(open_error)?;
        let sessions = db.open_tree("sessions").map_err(open_error)?;
        let meta = db.open_tree("meta").map_err(open_error)?;
        Ok(SledStore {
            ttl,
            db,
            sessions,
            meta,
        })
    }
}

/// Removes the `snap.<lsn>.generating` files in `dir`: snapshots sled began to write and
/// never finished (it renames a finished one to `snap.<lsn>`, and removes older ones only
/// after that rename). Returns how many went.
fn remove_unfinished_snapshots(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("snap.") && name.ends_with(".generating")
        })
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

impl SessionStore for SledStore {
    fn get(
        &self,
        who: &Pseudonym,
        key: &RecordKey,
        now: Timestamp,
    ) -> Result<Option<StoredSession>, StoreError> {
        let Some(record) = self.sessions.get(who.as_bytes())? else {
            return Ok(None);
        };
        match codec::decode(key, who, &record) {
            Ok((session, touched)) if !touched.is_expired(now, self.ttl) => Ok(Some(session)),
            Ok(_) => Ok(None),
            Err(_) => {
                // Sealed under a key that is gone (its conversation ended, or a restart
                // without the key folder), or written by another version. The conversation starts over; the next
                // write or sweep replaces or removes the record.
                tracing::warn!("a stored session could not be read; its conversation restarts");
                Ok(None)
            }
        }
    }

    fn put(
        &self,
        who: &Pseudonym,
        key: &RecordKey,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.sessions.insert(
            who.as_bytes(),
            codec::encode(key, who, session, Tick::of(now))?,
        )?;
        Ok(())
    }

    fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError> {
        Ok(self.sessions.remove(who.as_bytes())?.is_some())
    }

    fn sweep(&self, now: Timestamp) -> Result<usize, StoreError> {
        let mut removed = 0;
        for entry in self.sessions.iter() {
            let (key, record) = entry?;
            // An unreadable record cannot be used; it goes with the expired ones.
            if codec::clear_hour(&record).is_ok_and(|hour| !hour.is_expired(now, self.ttl)) {
                continue;
            }
            // Only if unchanged since it was read: a session touched again in the
            // meantime stays.
            let swapped = self
                .sessions
                .compare_and_swap(&key, Some(&record), None::<&[u8]>)?;
            removed += usize::from(swapped.is_ok());
        }
        Ok(removed)
    }

    fn session_count(&self) -> Result<usize, StoreError> {
        Ok(self.sessions.len())
    }

    fn records(&self) -> Result<Vec<(Pseudonym, Vec<u8>)>, StoreError> {
        let mut out = Vec::new();
        for entry in self.sessions.iter() {
            let (key, record) = entry?;
            if let Ok(bytes) = <[u8; Pseudonym::LEN]>::try_from(key.as_ref()) {
                out.push((Pseudonym::from_bytes(bytes), record.to_vec()));
            }
        }
        Ok(out)
    }

    fn last_update_id(&self) -> Result<Option<u32>, StoreError> {
        Ok(self
            .meta
            .get(LAST_UPDATE_ID)?
            .and_then(|bytes| <[u8; 4]>::try_from(bytes.as_ref()).ok())
            .map(u32::from_be_bytes))
    }

    fn set_last_update_id(&self, id: u32) -> Result<(), StoreError> {
        self.meta.insert(LAST_UPDATE_ID, &id.to_be_bytes())?;
        Ok(())
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }
}
