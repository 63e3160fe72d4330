//! The default [`SessionStore`]: an embedded sled database in `<data>/sessions`.
//!
//! Three trees: `sessions` (pseudonym → record), `expiry` (touched tick, big-endian, then
//! pseudonym → nothing; ordered by time, so a sweep reads only what has expired) and
//! `meta` (the last Telegram update processed).
//!
//! **Invariant:** every session has an index entry for the tick it was touched in, so the
//! sweeper finds it. Writes keep it through any crash by their order: the new index entry
//! before the session, the old entry removed after it (sled recovers a prefix of its
//! writes, so a crash can leave an extra entry, which a sweep drops, never a session
//! without one). Changes to one pseudonym are serialised by a striped lock, so that two
//! writers cannot interleave these steps either. sled transactions would give the same
//! and were measured: several times slower per write, and they make `flush` far slower.
//!
//! sled expires nothing by itself and only makes writes durable on `flush`, which
//! [`Sessions`](super::Sessions) calls after every write the bot acts on.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use jiff::Timestamp;

use super::codec;
use super::time::Tick;
use super::{Pseudonym, SessionStore, StoreError, StoredSession, Ttl};

/// sled's page cache. Its default is 1 GiB, which a busy bot would fill with sessions;
/// 16 MiB holds the hot part of 100,000 sessions and keeps the process small.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// How many expired index entries a sweep reads before removing them.
const SWEEP_CHUNK: usize = 1024;

const LAST_UPDATE_ID: &[u8] = b"last_update_id";

/// Locks that serialise the changes to one pseudonym (chosen by its first byte).
const STRIPES: usize = 64;

/// Sessions in a sled database.
#[derive(Debug)]
pub struct SledStore {
    ttl: Ttl,
    db: sled::Db,
    sessions: sled::Tree,
    expiry: sled::Tree,
    meta: sled::Tree,
    stripes: [Mutex<()>; STRIPES],
}

type IndexKey = [u8; 4 + Pseudonym::LEN];

fn index_key(tick: Tick, who: &Pseudonym) -> IndexKey {
    let mut key = [0; 4 + Pseudonym::LEN];
    key[..4].copy_from_slice(&tick.0.to_be_bytes());
    key[4..].copy_from_slice(who.as_bytes());
    key
}

fn parse_index_key(key: &[u8]) -> Option<(Tick, Pseudonym)> {
    let (tick, who) = key.split_first_chunk::<4>()?;
    let who: [u8; Pseudonym::LEN] = who.try_into().ok()?;
    Some((Tick(u32::from_be_bytes(*tick)), Pseudonym::from_bytes(who)))
}

impl SledStore {
    /// Opens (or creates) the database in `dir`. A database left by a crash is
    /// recovered up to its last complete flush.
    pub fn open(dir: &Path, ttl: Ttl) -> Result<SledStore, StoreError> {
        let open_error = |source| StoreError::Open {
            path: dir.to_path_buf(),
            source,
        };
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(CACHE_BYTES)
            .open()
            .map_err(open_error)?;
        let sessions = db.open_tree("sessions").map_err(open_error)?;
        let expiry = db.open_tree("expiry").map_err(open_error)?;
        let meta = db.open_tree("meta").map_err(open_error)?;
        Ok(SledStore {
            ttl,
            db,
            sessions,
            expiry,
            meta,
            stripes: std::array::from_fn(|_| Mutex::new(())),
        })
    }

    fn lock(&self, who: &Pseudonym) -> MutexGuard<'_, ()> {
        let stripe = usize::from(who.as_bytes()[0]) % STRIPES;
        // The lock guards no data, only the order of writes; poisoning changes nothing.
        self.stripes[stripe]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Removes one expired index entry, and its session unless the session was touched
    /// again since (it then has a newer entry). Returns whether a session went.
    fn sweep_entry(&self, key: &[u8], last: Tick) -> Result<bool, StoreError> {
        // A malformed entry cannot name a session; it only needs to go.
        let Some((_, who)) = parse_index_key(key) else {
            self.expiry.remove(key)?;
            return Ok(false);
        };
        let _guard = self.lock(&who);
        let gone = match self.sessions.get(who.as_bytes())? {
            Some(record) if codec::touched(&record).is_ok_and(|touched| touched > last) => false,
            Some(_) => {
                self.sessions.remove(who.as_bytes())?;
                true
            }
            None => false,
        };
        // After the session: a crash in between leaves an entry for the next sweep.
        self.expiry.remove(key)?;
        Ok(gone)
    }
}

impl SessionStore for SledStore {
    fn get(&self, who: &Pseudonym, now: Timestamp) -> Result<Option<StoredSession>, StoreError> {
        let Some(record) = self.sessions.get(who.as_bytes())? else {
            return Ok(None);
        };
        match codec::decode(&record) {
            Ok((session, touched)) if !touched.is_expired(now, self.ttl) => Ok(Some(session)),
            Ok(_) => Ok(None),
            Err(_) => {
                // Possibly written by a newer version. The conversation starts over, and
                // the next write replaces the record.
                tracing::warn!("a stored session could not be read; its conversation restarts");
                Ok(None)
            }
        }
    }

    fn put(
        &self,
        who: &Pseudonym,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let touched = Tick::of(now);
        let record = codec::encode(session, touched);
        let new_entry = index_key(touched, who);
        let _guard = self.lock(who);
        self.expiry.insert(&new_entry[..], &[][..])?;
        if let Some(old) = self.sessions.insert(who.as_bytes(), record)?
            && let Ok(old_touched) = codec::touched(&old)
            && old_touched != touched
        {
            self.expiry.remove(&index_key(old_touched, who)[..])?;
        }
        Ok(())
    }

    fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError> {
        let _guard = self.lock(who);
        let Some(old) = self.sessions.remove(who.as_bytes())? else {
            return Ok(false);
        };
        if let Ok(old_touched) = codec::touched(&old) {
            self.expiry.remove(&index_key(old_touched, who)[..])?;
        }
        Ok(true)
    }

    fn sweep(&self, now: Timestamp) -> Result<usize, StoreError> {
        let Some(last) = Tick::expired_up_to(now, self.ttl) else {
            return Ok(0);
        };
        let mut removed = 0;
        loop {
            // Index keys start with the tick, big-endian, so everything expired comes
            // first and the scan stops at the first live entry.
            let mut chunk = Vec::with_capacity(SWEEP_CHUNK);
            for entry in self.expiry.iter().keys() {
                let key = entry?;
                match parse_index_key(&key) {
                    Some((tick, _)) if tick > last => break,
                    _ => chunk.push(key),
                }
                if chunk.len() == SWEEP_CHUNK {
                    break;
                }
            }
            if chunk.is_empty() {
                return Ok(removed);
            }
            for key in &chunk {
                removed += usize::from(self.sweep_entry(key, last)?);
            }
        }
    }

    fn session_count(&self) -> Result<usize, StoreError> {
        Ok(self.sessions.len())
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
