//! Conversation state that identifies no one: sessions kept under keyed pseudonyms of the
//! chat id, removed after a period of inactivity, and aggregate counts for staff.
//!
//! The parts:
//! - [`SessionStore`]: the seam over the database, keyed by [`Pseudonym`], with a sled
//!   implementation ([`SledStore`], the default) and an in-memory one ([`MemoryStore`]);
//! - [`Keyring`]: the pseudonym keys, in memory only or in a key file outside the data
//!   folder, rotated every session lifetime and destroyed after two;
//! - `session_keys`: each conversation's own key, which seals its records; dropped when
//!   the conversation ends (quick exit, expiry), so that every copy of its records sled
//!   still keeps becomes unreadable at once (crypto-shredding). In memory, and beside the
//!   key file when there is one, sealed there under the pseudonym key;
//! - [`Statistics`]: counts per day per flow step, signpost, intent and language, kept in
//!   memory and written once per day, after it ends, with small counts already suppressed
//!   (the day under way is carried over a restart sealed beside the key file);
//! - [`Sessions`]: what the Telegram adapter uses; it ties the three together.
//!
//! **Invariant:** no chat id, user id, name or text the person typed is ever handed to the
//! database, a file or a log line; only the pseudonym leaves [`Sessions`]. Time is always
//! an argument: nothing in this module reads the clock.

mod codec;
mod error;
mod keyring;
mod memory;
mod open_cases;
mod pseudonym;
mod session_keys;
mod sessions;
mod sled_store;
mod stats;
mod time;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::engine::Session;

pub use error::StoreError;
pub use keyring::{Keyring, RecordKey, check_key_file, open_to_others};
pub use memory::MemoryStore;
pub use pseudonym::Pseudonym;
pub use sessions::{Copies, Maintenance, Sessions};
pub use sled_store::SledStore;
pub use stats::{
    Count, ENDED_TOTAL, SUPPRESSED_BELOW, StatKey, StatRow, Statistics, read_partial_days,
    read_stats,
};
pub use time::{GRANULARITY_MINUTES, Ttl};

/// What is kept for one conversation: where the person is in the flows, and the span of
/// message ids quick exit must delete. Nothing else; the time of the last change is sealed
/// beside it by the store, rounded down to [`GRANULARITY_MINUTES`] (in the clear only the
/// hour a keyless sweep may remove it after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// Where the person is in the flows, and in which language.
    pub session: Session,
    /// The oldest and the newest message id of this conversation the bot knows of (the
    /// bot's and the person's). Quick exit deletes the whole stretch between them (at most
    /// a sweep's length back from the newest), so the ids in between need not be kept.
    /// Message ids count messages within one chat; without the chat they point at nothing.
    pub oldest_message: Option<i32>,
    /// The newest message id of the conversation the bot knows of.
    pub newest_message: Option<i32>,
    /// The person was told that a shared location, contact or venue was deleted: the
    /// notice is given once per conversation.
    pub told_shared: bool,
    /// The id of the newest Telegram update of this chat whose answer went out, so that
    /// one handed over again after a crash is not answered twice. Written after the
    /// answer, never before it: an update whose answer may not have gone out is handled
    /// again rather than lost.
    pub answered: Option<u32>,
    /// The id of the newest Telegram update whose outcome this session holds, written
    /// with it before the answer goes out: one handed over again after a crash with its
    /// answer not recorded gets the step shown again (`engine::again`), not a second
    /// turn.
    pub applied: Option<u32>,
}

impl StoredSession {
    /// A session with no messages remembered yet.
    pub fn new(session: Session) -> Self {
        StoredSession {
            session,
            oldest_message: None,
            newest_message: None,
            told_shared: false,
            answered: None,
            applied: None,
        }
    }

    /// Remembers a message for quick exit: it widens the span of ids.
    pub fn remember_message(&mut self, id: i32) {
        self.oldest_message = Some(self.oldest_message.map_or(id, |o| o.min(id)));
        self.newest_message = Some(self.newest_message.map_or(id, |n| n.max(id)));
    }
}

/// The database behind [`Sessions`]: sealed sessions under pseudonyms, and the last
/// Telegram update processed. Implementations must make a write durable once
/// [`SessionStore::flush`] has returned, and must treat a session whose lifetime is over
/// as absent even before a sweep has removed it. A record is sealed and opened with its
/// conversation's own [`RecordKey`]; one that does not open is absent.
pub trait SessionStore: Send + Sync {
    /// The session kept under this pseudonym, unless it has expired by `now`.
    fn get(
        &self,
        who: &Pseudonym,
        key: &RecordKey,
        now: Timestamp,
    ) -> Result<Option<StoredSession>, StoreError>;

    /// Keeps `session` under this pseudonym, sealed with `key`, replacing any earlier one,
    /// touched at `now` (rounded down).
    fn put(
        &self,
        who: &Pseudonym,
        key: &RecordKey,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError>;

    /// Removes the session kept under this pseudonym; `true` if there was one.
    fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError>;

    /// Removes every record whose clear hour (see `time::Hour`: at most an hour after its
    /// lifetime is over) has expired at `now`, and records of an unknown format; returns
    /// how many. Needs no key: it is what removes records whose key is gone.
    fn sweep(&self, now: Timestamp) -> Result<usize, StoreError>;

    /// How many sessions are kept, expired but not yet swept ones included.
    fn session_count(&self) -> Result<usize, StoreError>;

    /// Every record as stored, with its pseudonym (for checks: see [`opens`]).
    fn records(&self) -> Result<Vec<(Pseudonym, Vec<u8>)>, StoreError>;

    /// The id of the last Telegram update the bot has processed, if it recorded one.
    fn last_update_id(&self) -> Result<Option<u32>, StoreError>;

    /// Records the id of the last Telegram update processed.
    fn set_last_update_id(&self, id: u32) -> Result<(), StoreError>;

    /// Makes every write so far durable.
    fn flush(&self) -> Result<(), StoreError>;
}

/// Whether a stored record opens with `key` under the name `who`.
pub fn opens(key: &RecordKey, who: &Pseudonym, record: &[u8]) -> bool {
    codec::decode(key, who, record).is_ok()
}

/// Where [`Sessions::open`] keeps things, and for how long.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// The data folder (`SIGNPOST_DATA`): `sessions/` (sled) and `stats/` (one file a day).
    pub data: PathBuf,
    /// The key file (`SIGNPOST_KEY_FILE`); must not be inside `data`. `None`: the keys
    /// live in memory only, and every restart begins with a new one.
    pub key_file: Option<PathBuf>,
    /// How long an idle session is kept (`SIGNPOST_SESSION_TTL`).
    pub ttl: Ttl,
}

/// The sled database inside a data folder.
pub fn sessions_dir(data: &Path) -> PathBuf {
    data.join("sessions")
}

/// The files kept beside a key file, sealed under its keys: the conversations' own keys
/// and the counts of the day under way carried over a restart.
pub fn beside_key_file(key_file: &Path) -> [PathBuf; 2] {
    [
        session_keys::file_beside(key_file),
        sessions::counts_beside(key_file),
    ]
}

/// The daily statistics files inside a data folder.
pub fn stats_dir(data: &Path) -> PathBuf {
    data.join("stats")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session at the main menu, for the store's tests.
    pub(super) fn session() -> Session {
        Session {
            flow: "main".into(),
            step: "start".into(),
            lang: "sv".into(),
            version: 1,
            menu: 0,
            trail: Vec::new(),
            place: None,
        }
    }

    #[test]
    fn sessions_can_be_shared_between_tasks() {
        // Checked by the compiler: the adapter holds one `Sessions` in an `Arc`.
        fn shared<T: Send + Sync + 'static>() {}
        shared::<Sessions>();
    }

    #[test]
    fn remember_message_keeps_the_oldest_and_the_newest() {
        let mut stored = StoredSession::new(session());
        for id in [7, 3, 12, 9] {
            stored.remember_message(id);
        }
        assert_eq!(
            (stored.oldest_message, stored.newest_message),
            (Some(3), Some(12))
        );
    }
}
