//! What the Telegram adapter holds: sessions by chat id, with the chat id turned into a
//! pseudonym before anything is looked up or written, plus expiry, key rotation, the
//! conversations' own keys and the statistics. The chat id goes no further than this file.
//!
//! A conversation's records are sealed under its own key (see `session_keys`); when it
//! ends (quick exit, expiry) its key is dropped first and its record removed after, so a
//! crash in between leaves a record nobody can open, which a sweep removes.
//!
//! Writes are made durable by group commit: a caller whose write must be durable before
//! it returns waits for a flush that started after its write; while one flush runs, the
//! writes arriving meanwhile wait for the next one, which then covers them all. Under
//! load, one disk sync serves many conversations instead of one each.

mod counts;

pub(crate) use counts::counts_beside;
use counts::*;

use std::sync::{Condvar, Mutex, PoisonError, RwLock, RwLockReadGuard};

use jiff::Timestamp;

use crate::engine::Stat;

use crate::store::codec;
use crate::store::session_keys::{SessionKeys, file_beside};
use crate::store::{
    Keyring, Pseudonym, SessionStore, SledStore, Statistics, StoreConfig, StoreError,
    StoredSession, sessions_dir, stats_dir,
};

/// Sessions under keyed pseudonyms, with their keys and the aggregate statistics.
pub struct Sessions {
    store: Box<dyn SessionStore>,
    keys: RwLock<Keyring>,
    /// Each conversation's own key.
    own: SessionKeys,
    stats: Statistics,
    commit: GroupCommit,
}

/// Who waits for which flush (see the module's notes).
#[derive(Default)]
struct GroupCommit {
    state: Mutex<Commits>,
    flushed: Condvar,
}

#[derive(Default)]
struct Commits {
    /// Writes registered so far, each numbered after it reached the store.
    registered: u64,
    /// Every write up to this number is durable.
    durable: u64,
    /// A flush is under way.
    flushing: bool,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions").finish_non_exhaustive()
    }
}

/// What one maintenance round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Maintenance {
    /// Sessions removed because their lifetime was over. Exact, for tests: the log line
    /// gives it coarsely (`telegram::ops::activity::coarse`), and only when it is large.
    pub expired: usize,
    /// Whether the pseudonym keys rotated.
    pub rotated: bool,
}

/// What a raw read finds sealed in a folder's bytes (see [`Sessions::copies_in`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Copies {
    /// Records (current or stale copies) of the chat asked about that open.
    pub of_chat: usize,
    /// Records of other conversations that open.
    pub of_others: usize,
}

impl Sessions {
    /// Opens the sled store in `<data>/sessions`, the statistics in `<data>/stats` and the
    /// key file (or makes a key in memory), creating what is missing, and rotates the keys
    /// if due at `now`. The data folder is made readable by its owner only (mode 0700).
    pub fn open(config: &StoreConfig, now: Timestamp) -> Result<Sessions, StoreError> {
        // The key file first: it refuses to live inside the data folder, and nothing
        // should be created there before that is settled.
        let keys = match &config.key_file {
            Some(file) => Keyring::open(file, &config.data, config.ttl, now)?,
            None => Keyring::ephemeral(config.ttl, now)?,
        };
        let own = match &config.key_file {
            Some(file) => SessionKeys::open(
                &file_beside(file),
                keys.record_key(),
                keys.previous_record_key(),
                config.ttl,
                now,
            )?,
            None => SessionKeys::in_memory(config.ttl),
        };
        owner_only(&config.data)?;
        let store = SledStore::open(&sessions_dir(&config.data), config.ttl)?;
        let stats = Statistics::open(&stats_dir(&config.data))?;
        if let Some(file) = &config.key_file {
            restore_counts(&counts_beside(file), &keys, &stats)?;
        }
        stats.begin_run(now)?;
        Ok(Sessions::with_own_keys(Box::new(store), keys, own, stats))
    }

    /// Sessions in `store`, the conversations' own keys in memory only.
    pub fn new(store: Box<dyn SessionStore>, keys: Keyring, stats: Statistics) -> Sessions {
        let own = SessionKeys::in_memory(keys.ttl());
        Sessions::with_own_keys(store, keys, own, stats)
    }

    fn with_own_keys(
        store: Box<dyn SessionStore>,
        keys: Keyring,
        own: SessionKeys,
        stats: Statistics,
    ) -> Sessions {
        Sessions {
            store,
            keys: RwLock::new(keys),
            own,
            stats,
            commit: GroupCommit::default(),
        }
    }

    fn commits(&self) -> std::sync::MutexGuard<'_, Commits> {
        self.commit
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Returns once every write this thread made before the call is durable: by a flush
    /// started after it, run by this caller or by another one meanwhile.
    fn make_durable(&self) -> Result<(), StoreError> {
        let mut state = self.commits();
        state.registered += 1;
        let mine = state.registered;
        loop {
            if state.durable >= mine {
                return Ok(());
            }
            if state.flushing {
                state = self
                    .commit
                    .flushed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            // Every write registered up to now reached the store before it was
            // registered, so a flush from here on covers them all.
            let covers = state.registered;
            state.flushing = true;
            drop(state);
            let flushed = self.store.flush();
            state = self.commits();
            state.flushing = false;
            if flushed.is_ok() {
                state.durable = state.durable.max(covers);
            }
            // On an error, those waiting try a flush of their own.
            self.commit.flushed.notify_all();
            flushed?;
        }
    }

    fn keys(&self) -> RwLockReadGuard<'_, Keyring> {
        // A keyring is replaced whole on rotation, never left half-changed.
        self.keys.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The session of `chat`, unless there is none or it has expired by `now`. A session
    /// found under the previous key is moved to the current one, under a new key of its
    /// own (the old one is dropped, and with it every copy written before).
    pub fn load(&self, chat: i64, now: Timestamp) -> Result<Option<StoredSession>, StoreError> {
        let keys = self.keys();
        let current = keys.pseudonym(chat);
        if let Some(found) = self.get(&current, now)? {
            return Ok(Some(found));
        }
        let Some(previous) = keys.previous_pseudonym(chat) else {
            return Ok(None);
        };
        let Some(found) = self.get(&previous, now)? else {
            return Ok(None);
        };
        // Written under the current name before the old copy goes; no flush needed, as
        // sled recovers a prefix of its writes, so a crash leaves at least one copy.
        let own = self.own.for_writing(&current, now, keys.record_key())?;
        self.store.put(&current, &own, &found, now)?;
        self.own.drop_keys(&[previous])?;
        self.store.remove(&previous)?;
        Ok(Some(found))
    }

    /// The record under `who`, opened with its conversation's key, if there is one.
    fn get(&self, who: &Pseudonym, now: Timestamp) -> Result<Option<StoredSession>, StoreError> {
        match self.own.for_reading(who, now) {
            Some(own) => self.store.get(who, &own, now),
            None => Ok(None),
        }
    }

    /// Seals and keeps `session` under the current name of `chat`.
    fn put(&self, chat: i64, session: &StoredSession, now: Timestamp) -> Result<(), StoreError> {
        let keys = self.keys();
        let who = keys.pseudonym(chat);
        let own = self.own.for_writing(&who, now, keys.record_key())?;
        self.store.put(&who, &own, session, now)
    }

    /// Keeps the session of `chat`, touched at `now`, and makes it durable before
    /// returning: the bot acts on it next.
    pub fn save(
        &self,
        chat: i64,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.put(chat, session, now)?;
        self.make_durable()
    }

    /// Keeps the session of `chat` like [`save`](Self::save), without waiting for it to
    /// be durable: a crash may lose it until the next durable write by anyone
    /// ([`sync`](Self::sync), [`save`](Self::save), maintenance or shutdown). For what
    /// the bot can afford to lose (the ids of messages it sent).
    pub fn save_pending(
        &self,
        chat: i64,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.put(chat, session, now)
    }

    /// Returns once every write made before the call is durable (group commit: one
    /// flush serves every caller waiting meanwhile). May wait for the disk.
    pub fn sync(&self) -> Result<(), StoreError> {
        self.make_durable()
    }

    /// Ends the conversation of `chat` (quick exit): its key is dropped first, in memory
    /// and in the key folder, so that no copy of any of its records opens any more; then
    /// its record is removed under both names, durably.
    pub fn wipe(&self, chat: i64) -> Result<(), StoreError> {
        let names: Vec<Pseudonym> = {
            let keys = self.keys();
            std::iter::once(keys.pseudonym(chat))
                .chain(keys.previous_pseudonym(chat))
                .collect()
        };
        let dropped = self.own.drop_keys(&names);
        for who in &names {
            self.store.remove(who)?;
        }
        dropped?;
        self.make_durable()
    }

    /// Ends every conversation expired at `now`: their keys are dropped, then their
    /// records removed; records no key opens any more (a key lost with a restart) go once
    /// their clear hour has passed. Returns how many conversations ended.
    pub fn sweep(&self, now: Timestamp) -> Result<usize, StoreError> {
        let expired = self.own.drop_expired(now)?;
        for who in &expired {
            // Unless the conversation began again meanwhile, under a new key.
            if !self.own.holds(who) {
                self.store.remove(who)?;
            }
        }
        let orphans = self.store.sweep(now)?;
        self.make_durable()?;
        Ok(expired.len() + orphans)
    }

    /// Rotates the pseudonym keys if due at `now` (see [`Keyring::rotate_if_due`]).
    pub fn rotate_if_due(&self, now: Timestamp) -> Result<bool, StoreError> {
        self.keys
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .rotate_if_due(now)
    }

    /// One maintenance round: rotate the keys, sweep, write the counts of the days that
    /// have ended. The bot runs it at start, every
    /// [`GRANULARITY_MINUTES`](super::GRANULARITY_MINUTES) minutes and at shutdown; a
    /// session then outlives its lifetime by at most that interval.
    ///
    /// Rotation comes first and does not depend on the rest: a key due for destruction
    /// goes even when the sweep or the statistics fail (and the keys in memory rotate even
    /// when the key file cannot be rewritten). Every part runs; the first error is
    /// returned.
    pub fn maintain(&self, now: Timestamp) -> Result<Maintenance, StoreError> {
        let rotated = self.rotate_if_due(now);
        let expired = self.sweep(now);
        let counted = self.stats.flush_ended(now);
        let rotated = rotated?;
        let expired = expired?;
        counted?;
        Ok(Maintenance { expired, rotated })
    }

    /// How many stored records open with a key this process holds (each conversation's
    /// own key, under its own name), and how many there are.
    #[cfg(any(test, feature = "testing"))]
    pub fn readable_records(&self) -> Result<(usize, usize), StoreError> {
        let held: std::collections::HashMap<_, _> = self.own.held().into_iter().collect();
        let records = self.store.records()?;
        let readable = records
            .iter()
            .filter(|(who, record)| {
                held.get(who)
                    .is_some_and(|key| crate::store::opens(key, who, record))
            })
            .count();
        Ok((readable, records.len()))
    }

    /// Every record of the usual size found anywhere in `raw` (such as every file of the
    /// data folder read whole, stale copies included) that opens with a key this process
    /// holds: every conversation's own key, and each pseudonym key's record key, each
    /// tried under its own conversation's name and under both names of `chat`.
    pub fn copies_in(&self, raw: &[u8], chat: i64) -> Copies {
        let keys = self.keys();
        let names_of_chat: Vec<Pseudonym> = std::iter::once(keys.pseudonym(chat))
            .chain(keys.previous_pseudonym(chat))
            .collect();
        let held = self.own.held();
        let mut tries: Vec<(&crate::store::RecordKey, Option<Pseudonym>)> = held
            .iter()
            .map(|(who, key)| (key.as_ref(), Some(*who)))
            .collect();
        tries.push((keys.record_key(), None));
        if let Some(previous) = keys.previous_record_key() {
            tries.push((previous, None));
        }
        let mut copies = Copies::default();
        for record in codec::candidates(raw) {
            for (key, own_name) in &tries {
                if names_of_chat
                    .iter()
                    .any(|who| crate::store::opens(key, who, record))
                {
                    copies.of_chat += 1;
                } else if own_name.is_some_and(|who| crate::store::opens(key, &who, record)) {
                    copies.of_others += 1;
                }
            }
        }
        copies
    }

    /// Where the keys are kept: a file, or `None` for memory only.
    pub fn key_file(&self) -> Option<std::path::PathBuf> {
        self.keys().file().map(std::path::Path::to_path_buf)
    }

    /// Counts an aggregate event on `now`'s day; written once the day has ended.
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
        self.make_durable()
    }

    /// How many sessions are kept (expired ones not yet swept included).
    pub fn session_count(&self) -> Result<usize, StoreError> {
        self.store.session_count()
    }

    /// At shutdown: carries the counts not yet written over the restart, sealed under the
    /// current pseudonym key beside the key file (or, with keys in memory only, drops them
    /// and marks their days; see `stats`), and makes every write durable.
    pub fn flush(&self) -> Result<(), StoreError> {
        let carried = self.carry_counts().and_then(|()| self.stats.end_run());
        self.make_durable()?;
        carried
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, mpsc};

    use super::*;
    use crate::store::{MemoryStore, Pseudonym, RecordKey, Ttl};

    thread_local! {
        /// The number of the last write this thread made to the store.
        static LAST_PUT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    /// A store in memory that numbers writes and records which are durable; its first
    /// flush waits for the test's signal.
    struct Recording {
        inner: MemoryStore,
        puts: AtomicU64,
        durable: AtomicU64,
        flushes: AtomicU64,
        release_first: Mutex<Option<mpsc::Receiver<()>>>,
    }

    impl SessionStore for Arc<Recording> {
        fn get(
            &self,
            who: &Pseudonym,
            key: &RecordKey,
            now: Timestamp,
        ) -> Result<Option<StoredSession>, StoreError> {
            self.inner.get(who, key, now)
        }
        fn put(
            &self,
            who: &Pseudonym,
            key: &RecordKey,
            s: &StoredSession,
            now: Timestamp,
        ) -> Result<(), StoreError> {
            self.inner.put(who, key, s, now)?;
            let n = self.puts.fetch_add(1, Ordering::SeqCst) + 1;
            LAST_PUT.with(|l| l.set(n));
            Ok(())
        }
        fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError> {
            self.inner.remove(who)
        }
        fn sweep(&self, now: Timestamp) -> Result<usize, StoreError> {
            self.inner.sweep(now)
        }
        fn session_count(&self) -> Result<usize, StoreError> {
            self.inner.session_count()
        }
        fn records(&self) -> Result<Vec<(Pseudonym, Vec<u8>)>, StoreError> {
            self.inner.records()
        }
        fn last_update_id(&self) -> Result<Option<u32>, StoreError> {
            self.inner.last_update_id()
        }
        fn set_last_update_id(&self, id: u32) -> Result<(), StoreError> {
            self.inner.set_last_update_id(id)
        }
        fn flush(&self) -> Result<(), StoreError> {
            let covers = self.puts.load(Ordering::SeqCst);
            let first = self.release_first.lock().ok().and_then(|mut r| r.take());
            if let Some(release) = first {
                let _ = release.recv();
            }
            self.flushes.fetch_add(1, Ordering::SeqCst);
            self.durable.fetch_max(covers, Ordering::SeqCst);
            Ok(())
        }
    }

    fn session() -> StoredSession {
        StoredSession::new(crate::store::tests::session())
    }

    #[test]
    fn writes_during_a_flush_share_the_next_one_and_each_is_durable_on_return() {
        let now = Timestamp::UNIX_EPOCH;
        let ttl = Ttl::default();
        let (release, first) = mpsc::channel();
        let store = Arc::new(Recording {
            inner: MemoryStore::new(ttl),
            puts: AtomicU64::new(0),
            durable: AtomicU64::new(0),
            flushes: AtomicU64::new(0),
            release_first: Mutex::new(Some(first)),
        });
        let keys = Keyring::ephemeral(ttl, now).unwrap_or_else(|e| panic!("{e}"));
        let sessions = Arc::new(Sessions::new(
            Box::new(store.clone()),
            keys,
            Statistics::in_memory(),
        ));
        let save = |chat: i64| {
            let sessions = sessions.clone();
            let store = store.clone();
            std::thread::spawn(move || {
                sessions
                    .save(chat, &session(), now)
                    .unwrap_or_else(|e| panic!("{e}"));
                let mine = LAST_PUT.with(|l| l.get());
                assert!(
                    store.durable.load(Ordering::SeqCst) >= mine,
                    "returned before durable"
                );
            })
        };
        // The first save's flush is held; seven more arrive meanwhile and register.
        let first_save = save(1);
        let registered = || sessions.commit.state.lock().map_or(0, |s| s.registered);
        while registered() < 1 {
            std::thread::yield_now();
        }
        let others: Vec<_> = (2..=8).map(save).collect();
        while registered() < 8 {
            std::thread::yield_now();
        }
        let _ = release.send(());
        for t in others.into_iter().chain([first_save]) {
            assert!(t.join().is_ok());
        }
        // One flush for the first save, one shared by the seven that waited.
        assert_eq!(store.flushes.load(Ordering::SeqCst), 2);
        assert_eq!(store.durable.load(Ordering::SeqCst), 8);
    }

    /// A store whose sweep always fails.
    struct FailingSweep(MemoryStore);

    impl SessionStore for FailingSweep {
        fn get(
            &self,
            who: &Pseudonym,
            key: &RecordKey,
            now: Timestamp,
        ) -> Result<Option<StoredSession>, StoreError> {
            self.0.get(who, key, now)
        }
        fn put(
            &self,
            who: &Pseudonym,
            key: &RecordKey,
            s: &StoredSession,
            now: Timestamp,
        ) -> Result<(), StoreError> {
            self.0.put(who, key, s, now)
        }
        fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError> {
            self.0.remove(who)
        }
        fn sweep(&self, _: Timestamp) -> Result<usize, StoreError> {
            Err(StoreError::Seal)
        }
        fn session_count(&self) -> Result<usize, StoreError> {
            self.0.session_count()
        }
        fn records(&self) -> Result<Vec<(Pseudonym, Vec<u8>)>, StoreError> {
            self.0.records()
        }
        fn last_update_id(&self) -> Result<Option<u32>, StoreError> {
            self.0.last_update_id()
        }
        fn set_last_update_id(&self, id: u32) -> Result<(), StoreError> {
            self.0.set_last_update_id(id)
        }
        fn flush(&self) -> Result<(), StoreError> {
            self.0.flush()
        }
    }

    #[test]
    fn keys_rotate_even_when_the_sweep_fails() {
        let t0 = Timestamp::UNIX_EPOCH + jiff::SignedDuration::from_hours(1000);
        let ttl = Ttl::from_hours(1).unwrap_or_else(|e| panic!("{e}"));
        let keys = Keyring::ephemeral(ttl, t0).unwrap_or_else(|e| panic!("{e}"));
        let sessions = Sessions::new(
            Box::new(FailingSweep(MemoryStore::new(ttl))),
            keys,
            Statistics::in_memory(),
        );
        let before = sessions.keys().pseudonym(7);
        let later = t0 + jiff::SignedDuration::from_hours(1);
        assert!(sessions.maintain(later).is_err());
        assert_ne!(
            sessions.keys().pseudonym(7),
            before,
            "the keys did not rotate"
        );
        assert_eq!(sessions.keys().previous_pseudonym(7), Some(before));
    }

    #[test]
    fn a_wipe_and_an_expiry_leave_no_earlier_copy_that_opens() {
        let t0: Timestamp = "2025-03-01T12:04:00Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let ttl = Ttl::from_hours(1).unwrap_or_else(|e| panic!("{e}"));
        let keys = Keyring::ephemeral(ttl, t0).unwrap_or_else(|e| panic!("{e}"));
        let sessions = Sessions::new(
            Box::new(MemoryStore::new(ttl)),
            keys,
            Statistics::in_memory(),
        );
        // Every version written is kept aside, as sled's log keeps stale copies.
        let mut raw = Vec::new();
        for minute in 0..3 {
            let now = t0 + jiff::SignedDuration::from_mins(minute * 20);
            for chat in [1, 2] {
                sessions
                    .save(chat, &session(), now)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            for (_, record) in sessions.store.records().unwrap_or_else(|e| panic!("{e}")) {
                raw.extend_from_slice(&record);
            }
        }
        assert_eq!(sessions.copies_in(&raw, 1).of_chat, 3);
        sessions.wipe(1).unwrap_or_else(|e| panic!("{e}"));
        let after = sessions.copies_in(&raw, 1);
        assert_eq!((after.of_chat, after.of_others), (0, 3));
        // A new conversation of the same person has a new key: the old copies stay shut.
        let later = t0 + jiff::SignedDuration::from_mins(50);
        sessions
            .save(1, &session(), later)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sessions.copies_in(&raw, 1).of_chat, 0);
        // Expiry drops chat 2's key (last touched in the tick from 12:40).
        let expired = t0 + jiff::SignedDuration::from_mins(96);
        assert_eq!(sessions.sweep(expired).unwrap_or_else(|e| panic!("{e}")), 1);
        assert_eq!(sessions.copies_in(&raw, 2), Copies::default());
        assert_eq!(sessions.readable_records().ok(), Some((1, 1)));
    }
}
