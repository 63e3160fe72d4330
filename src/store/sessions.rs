//! What the Telegram adapter holds: sessions by chat id, with the chat id turned into a
//! pseudonym before anything is looked up or written, plus expiry, key rotation and the
//! statistics. The chat id goes no further than this file.

use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use jiff::Timestamp;

use crate::engine::Stat;

use super::{
    Keyring, MemoryStore, SessionStore, SledStore, Statistics, StoreConfig, StoreError,
    StoredSession, Ttl, sessions_dir, stats_dir,
};

/// Sessions under keyed pseudonyms, with their keys and the aggregate statistics.
pub struct Sessions {
    store: Box<dyn SessionStore>,
    keys: RwLock<Keyring>,
    stats: Statistics,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions").finish_non_exhaustive()
    }
}

/// What one maintenance round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Maintenance {
    /// Sessions removed because their lifetime was over.
    pub expired: usize,
    /// Whether the pseudonym keys rotated.
    pub rotated: bool,
}

impl Sessions {
    /// Opens the sled store in `<data>/sessions`, the statistics in `<data>/stats` and the
    /// key file, creating what is missing, and rotates the keys if due at `now`.
    pub fn open(config: &StoreConfig, now: Timestamp) -> Result<Sessions, StoreError> {
        // The key file first: it refuses to live inside the data folder, and nothing
        // should be created there before that is settled.
        let keys = Keyring::open(&config.key_file, &config.data, config.ttl, now)?;
        let store = SledStore::open(&sessions_dir(&config.data), config.ttl)?;
        let stats = Statistics::open(&stats_dir(&config.data))?;
        Ok(Sessions::new(Box::new(store), keys, stats))
    }

    /// Everything in memory, with a key that lives as long as the process (tests, the
    /// terminal chat).
    pub fn in_memory(ttl: Ttl, now: Timestamp) -> Result<Sessions, StoreError> {
        Ok(Sessions::new(
            Box::new(MemoryStore::new(ttl)),
            Keyring::ephemeral(ttl, now)?,
            Statistics::in_memory(),
        ))
    }

    pub fn new(store: Box<dyn SessionStore>, keys: Keyring, stats: Statistics) -> Sessions {
        Sessions {
            store,
            keys: RwLock::new(keys),
            stats,
        }
    }

    fn keys(&self) -> RwLockReadGuard<'_, Keyring> {
        // A keyring is replaced whole on rotation, never left half-changed.
        self.keys.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The session of `chat`, unless there is none or it has expired by `now`. A session
    /// found under the previous key is moved to the current one.
    pub fn load(&self, chat: i64, now: Timestamp) -> Result<Option<StoredSession>, StoreError> {
        let keys = self.keys();
        let current = keys.pseudonym(chat);
        if let Some(found) = self.store.get(&current, now)? {
            return Ok(Some(found));
        }
        let Some(previous) = keys.previous_pseudonym(chat) else {
            return Ok(None);
        };
        let Some(found) = self.store.get(&previous, now)? else {
            return Ok(None);
        };
        // Written under the current key before the old copy goes; no flush needed, as
        // sled recovers a prefix of its writes, so a crash leaves at least one copy.
        self.store.put(&current, &found, now)?;
        self.store.remove(&previous)?;
        Ok(Some(found))
    }

    /// Keeps the session of `chat`, touched at `now`, and makes it durable before
    /// returning: the bot acts on it next.
    pub fn save(
        &self,
        chat: i64,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let who = self.keys().pseudonym(chat);
        self.store.put(&who, session, now)?;
        self.store.flush()
    }

    /// Removes the session of `chat` under both keys, durably (quick exit).
    pub fn wipe(&self, chat: i64) -> Result<(), StoreError> {
        let (current, previous) = {
            let keys = self.keys();
            (keys.pseudonym(chat), keys.previous_pseudonym(chat))
        };
        self.store.remove(&current)?;
        if let Some(previous) = previous {
            self.store.remove(&previous)?;
        }
        self.store.flush()
    }

    /// Removes every session expired at `now`; returns how many.
    pub fn sweep(&self, now: Timestamp) -> Result<usize, StoreError> {
        let expired = self.store.sweep(now)?;
        self.store.flush()?;
        Ok(expired)
    }

    /// Rotates the pseudonym keys if due at `now` (see [`Keyring::rotate_if_due`]).
    pub fn rotate_if_due(&self, now: Timestamp) -> Result<bool, StoreError> {
        self.keys
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .rotate_if_due(now)
    }

    /// One maintenance round: sweep, rotate, write the counts gathered. The bot runs it
    /// at start, every [`GRANULARITY_MINUTES`](super::GRANULARITY_MINUTES) minutes and at
    /// shutdown; a session then outlives its lifetime by at most that interval.
    pub fn maintain(&self, now: Timestamp) -> Result<Maintenance, StoreError> {
        let expired = self.sweep(now)?;
        let rotated = self.rotate_if_due(now)?;
        self.stats.flush()?;
        Ok(Maintenance { expired, rotated })
    }

    /// Counts an aggregate event on `now`'s day; written at the next maintenance round.
    pub fn count(&self, stat: &Stat, now: Timestamp) {
        self.stats.count(stat, now);
    }

    /// The statistics, for reading back what was flushed.
    pub fn statistics(&self) -> &Statistics {
        &self.stats
    }

    /// The id of the last Telegram update recorded as processed.
    pub fn last_update_id(&self) -> Result<Option<u32>, StoreError> {
        self.store.last_update_id()
    }

    /// Records the last Telegram update processed, durably.
    pub fn set_last_update_id(&self, id: u32) -> Result<(), StoreError> {
        self.store.set_last_update_id(id)?;
        self.store.flush()
    }

    /// How many sessions are kept (expired ones not yet swept included).
    pub fn session_count(&self) -> Result<usize, StoreError> {
        self.store.session_count()
    }

    /// Writes the gathered counts and makes every write durable (at shutdown).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.stats.flush()?;
        self.store.flush()
    }
}
