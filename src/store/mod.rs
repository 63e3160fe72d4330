//! Conversation state that identifies no one: sessions kept under keyed pseudonyms of the
//! chat id, removed after a period of inactivity, and aggregate counts for staff.
//!
//! The parts:
//! - [`SessionStore`]: the seam over the database, keyed by [`Pseudonym`], with a sled
//!   implementation ([`SledStore`], the default) and an in-memory one ([`MemoryStore`]);
//! - [`Keyring`]: the pseudonym keys, kept in a key file outside the data folder, rotated
//!   every session lifetime and destroyed after two;
//! - [`Statistics`]: counts per day per flow step, signpost, intent and language,
//!   written to one small file per day so that `signpost stats` can read them while the bot runs;
//! - [`Sessions`]: what the Telegram adapter uses; it ties the three together.
//!
//! **Invariant:** no chat id, user id, name or text the person typed is ever handed to the
//! database, a file or a log line; only the pseudonym leaves [`Sessions`]. Time is always
//! an argument: nothing in this module reads the clock.

mod codec;
mod error;
mod keyring;
mod memory;
mod pseudonym;
mod sessions;
mod sled_store;
mod stats;
mod time;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::engine::Session;

pub use error::StoreError;
pub use keyring::{Keyring, check_key_file};
pub use memory::MemoryStore;
pub use pseudonym::Pseudonym;
pub use sessions::{Maintenance, Sessions};
pub use sled_store::SledStore;
pub use stats::{StatKey, StatRow, Statistics, read_stats};
pub use time::{GRANULARITY_MINUTES, Ttl};

/// What is kept for one conversation: where the person is in the flows, and the ids of
/// the messages quick exit must delete. Nothing else; the time of the last change is kept
/// beside it by the store, rounded down to [`GRANULARITY_MINUTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub session: Session,
    /// Ids of the messages of this conversation (the bot's and the person's), oldest
    /// first, at most [`StoredSession::MESSAGE_IDS_CAP`]. Message ids count messages
    /// within one chat; without the chat they point at nothing.
    pub message_ids: Vec<i32>,
}

impl StoredSession {
    /// How many message ids are kept. Telegram deletes up to 100 messages per
    /// `deleteMessages` call, so the remembered ids take at most three calls; a conversation with
    /// more messages than this within one session lifetime loses its oldest ones from the
    /// deletion list (the person is told what remains on their side in any case).
    pub const MESSAGE_IDS_CAP: usize = 300;

    /// A session with no messages remembered yet.
    pub fn new(session: Session) -> Self {
        StoredSession {
            session,
            message_ids: Vec::new(),
        }
    }

    /// Remembers a message for quick exit, forgetting the oldest beyond the cap.
    pub fn remember_message(&mut self, id: i32) {
        self.message_ids.push(id);
        let excess = self.message_ids.len().saturating_sub(Self::MESSAGE_IDS_CAP);
        if excess > 0 {
            self.message_ids.drain(..excess);
        }
    }
}

/// The database behind [`Sessions`]: sessions under pseudonyms, and the last Telegram
/// update processed. Implementations must make a write durable once
/// [`SessionStore::flush`] has returned, and must treat a session whose lifetime is over
/// as absent even before a sweep has removed it.
pub trait SessionStore: Send + Sync {
    /// The session kept under this pseudonym, unless it has expired by `now`.
    fn get(&self, who: &Pseudonym, now: Timestamp) -> Result<Option<StoredSession>, StoreError>;

    /// Keeps `session` under this pseudonym, replacing any earlier one, touched at `now`
    /// (rounded down). Only the newest [`StoredSession::MESSAGE_IDS_CAP`] message ids are
    /// kept.
    fn put(
        &self,
        who: &Pseudonym,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError>;

    /// Removes the session kept under this pseudonym; `true` if there was one.
    fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError>;

    /// Removes every session whose lifetime is over at `now` and returns how many.
    fn sweep(&self, now: Timestamp) -> Result<usize, StoreError>;

    /// How many sessions are kept, expired but not yet swept ones included.
    fn session_count(&self) -> Result<usize, StoreError>;

    /// The id of the last Telegram update the bot has processed, if it recorded one.
    fn last_update_id(&self) -> Result<Option<u32>, StoreError>;

    /// Records the id of the last Telegram update processed.
    fn set_last_update_id(&self, id: u32) -> Result<(), StoreError>;

    /// Makes every write so far durable.
    fn flush(&self) -> Result<(), StoreError>;
}

/// Where [`Sessions::open`] keeps things, and for how long.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// The data folder (`SIGNPOST_DATA`): `sessions/` (sled) and `stats/` (one file a day).
    pub data: PathBuf,
    /// The key file (`SIGNPOST_KEY_FILE`); must not be inside `data`.
    pub key_file: PathBuf,
    /// How long an idle session is kept (`SIGNPOST_SESSION_TTL`).
    pub ttl: Ttl,
}

/// The sled database inside a data folder.
pub fn sessions_dir(data: &Path) -> PathBuf {
    data.join("sessions")
}

/// The daily statistics files inside a data folder.
pub fn stats_dir(data: &Path) -> PathBuf {
    data.join("stats")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            flow: "main".into(),
            step: "start".into(),
            lang: "sv".into(),
            version: 1,
            menu: 0,
        }
    }

    #[test]
    fn sessions_can_be_shared_between_tasks() {
        // Checked by the compiler: the adapter holds one `Sessions` in an `Arc`.
        fn shared<T: Send + Sync + 'static>() {}
        shared::<Sessions>();
    }

    #[test]
    fn remember_message_keeps_the_newest_up_to_the_cap() {
        let mut stored = StoredSession::new(session());
        for id in 0..(StoredSession::MESSAGE_IDS_CAP as i32 + 5) {
            stored.remember_message(id);
        }
        assert_eq!(stored.message_ids.len(), StoredSession::MESSAGE_IDS_CAP);
        assert_eq!(stored.message_ids.first(), Some(&5));
        assert_eq!(
            stored.message_ids.last(),
            Some(&(StoredSession::MESSAGE_IDS_CAP as i32 + 4))
        );
    }
}
