//! The default [`SessionStore`]: an embedded sled database in `<data>/sessions`.
//!
//! Three trees: `sessions` (pseudonym → record), `expiry` (touched tick, big-endian, then
//! pseudonym → nothing; ordered by time, so a sweep reads only what has expired) and
//! `meta` (the last Telegram update processed). A session and its index entry change in
//! one transaction, so a crash cannot leave a session the sweeper would never find. sled
//! expires nothing by itself and only makes writes durable on `flush`, which
//! [`Sessions`](super::Sessions) calls after every write the bot acts on.

use std::path::Path;

use jiff::Timestamp;
use sled::transaction::{ConflictableTransactionResult, TransactionError, TransactionalTree};

use super::codec;
use super::time::Tick;
use super::{Pseudonym, SessionStore, StoreError, StoredSession, Ttl};

/// sled's page cache. Its default is 1 GiB, which a busy bot would fill with sessions;
/// 16 MiB holds the hot part of 100,000 sessions and keeps the process small.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;

/// How many expired index entries a sweep reads before removing them.
const SWEEP_CHUNK: usize = 1024;

const LAST_UPDATE_ID: &[u8] = b"last_update_id";

/// Sessions in a sled database.
#[derive(Debug)]
pub struct SledStore {
    ttl: Ttl,
    db: sled::Db,
    sessions: sled::Tree,
    expiry: sled::Tree,
    meta: sled::Tree,
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

/// Runs a transaction over the sessions and expiry trees. The closures never abort, so
/// the only error is the database's.
fn in_transaction<A>(
    store: &SledStore,
    work: impl Fn(&TransactionalTree, &TransactionalTree) -> ConflictableTransactionResult<A>,
) -> Result<A, StoreError> {
    use sled::Transactional;
    (&store.sessions, &store.expiry)
        .transaction(|(sessions, expiry)| work(sessions, expiry))
        .map_err(|error| match error {
            TransactionError::Storage(error) => StoreError::Database(error),
            TransactionError::Abort(()) => StoreError::Database(sled::Error::Unsupported(
                "session transaction aborted".into(),
            )),
        })
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
        })
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
        in_transaction(self, |sessions, expiry| {
            if let Some(old) = sessions.insert(who.as_bytes(), record.as_slice())?
                && let Ok(old_touched) = codec::touched(&old)
                && old_touched != touched
            {
                expiry.remove(&index_key(old_touched, who)[..])?;
            }
            expiry.insert(&index_key(touched, who)[..], &[][..])?;
            Ok(())
        })
    }

    fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError> {
        in_transaction(self, |sessions, expiry| {
            let Some(old) = sessions.remove(who.as_bytes())? else {
                return Ok(false);
            };
            if let Ok(old_touched) = codec::touched(&old) {
                expiry.remove(&index_key(old_touched, who)[..])?;
            }
            Ok(true)
        })
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
                let gone = in_transaction(self, |sessions, expiry| {
                    expiry.remove(key)?;
                    // An index entry left by a malformed key cannot name a session.
                    let Some((_, who)) = parse_index_key(key) else {
                        return Ok(false);
                    };
                    let Some(record) = sessions.get(who.as_bytes())? else {
                        return Ok(false);
                    };
                    // The session may have been touched again since this entry was
                    // written; then it has a newer entry and stays.
                    match codec::touched(&record) {
                        Ok(touched) if touched > last => Ok(false),
                        _ => {
                            sessions.remove(who.as_bytes())?;
                            Ok(true)
                        }
                    }
                })?;
                removed += usize::from(gone);
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
