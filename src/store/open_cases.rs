//! What a crash must not lose of the handover's open cases, kept like sessions (sealed
//! under the pseudonym keys, swept at the end of their lifetime), under names no
//! Telegram chat has:
//! - the topic ids of the open cases, in the staff group (not personal data: a topic
//!   says nothing of who wrote in it), so that a start after a crash deletes the topics
//!   left behind;
//! - for each person in a case, a mark with nothing in it, under a name derived from
//!   their chat (its pseudonym, as for their session), so that their next message after
//!   a crash is told the conversation with a person ended, not "I did not understand".
//!
//! Both go when the case ends (any way: the staff, the quick exit, inactivity, a stop),
//! and the topic list when it is empty. The relay (`telegram::handover`) writes them;
//! to the store they are sessions (flow name `handover`), filed under names no chat
//! has, so that no conversation ever loads one.

use jiff::Timestamp;

use crate::engine::Session;

use super::{Sessions, StoreError, StoredSession};

/// The name of the topic list: no Telegram chat has this id.
const OPEN_CASES: i64 = i64::MIN;
/// The flow name of both kinds of record.
const FLOW: &str = "handover";
/// At most this many topics are kept (more open cases at once are not expected; the
/// newest are kept, the staff delete older ones by hand after a crash).
pub(super) const MAX_OPEN_TOPICS: usize = 256;

/// The name of `chat`'s mark: below every Telegram id (private chats are positive).
fn mark(chat: i64) -> Option<i64> {
    (chat > 0).then(|| i64::MIN.saturating_add(chat))
}

fn record(step: String) -> StoredSession {
    StoredSession::new(Session {
        flow: FLOW.to_string(),
        step,
        lang: String::new(),
        version: 0,
        menu: 0,
        trail: Vec::new(),
        place: None,
    })
}

/// The topic ids a topic list holds (ids that do not read are skipped).
fn topics_of(stored: &StoredSession) -> Vec<i32> {
    if stored.session.flow != FLOW {
        return Vec::new();
    }
    stored
        .session
        .step
        .split(' ')
        .filter_map(|id| id.parse().ok())
        .collect()
}

impl Sessions {
    /// Keeps the topic ids of the open cases, durably (`[]`: removes the list).
    pub fn keep_open_topics(&self, topics: &[i32], now: Timestamp) -> Result<(), StoreError> {
        if topics.is_empty() {
            return self.wipe(OPEN_CASES);
        }
        let from = topics.len().saturating_sub(MAX_OPEN_TOPICS);
        let step = topics[from..]
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        self.save(OPEN_CASES, &record(step), now)
    }

    /// The topic ids of the cases open when the list was last kept.
    pub fn open_topics(&self, now: Timestamp) -> Result<Vec<i32>, StoreError> {
        Ok(self
            .load(OPEN_CASES, now)?
            .map(|stored| topics_of(&stored))
            .unwrap_or_default())
    }

    /// Marks `chat` as in a case, durably.
    pub fn mark_in_case(&self, chat: i64, now: Timestamp) -> Result<(), StoreError> {
        match mark(chat) {
            Some(name) => self.save(name, &record(String::new()), now),
            None => Ok(()),
        }
    }

    /// Removes `chat`'s mark, if any; returns whether it was there (at `now`).
    pub fn unmark_in_case(&self, chat: i64, now: Timestamp) -> Result<bool, StoreError> {
        let Some(name) = mark(chat) else {
            return Ok(false);
        };
        let marked = self
            .load(name, now)?
            .is_some_and(|s| s.session.flow == FLOW);
        if marked {
            self.wipe(name)?;
        }
        Ok(marked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Keyring, MemoryStore, Statistics, Ttl};

    fn sessions() -> Sessions {
        let now = Timestamp::UNIX_EPOCH;
        let keys = Keyring::ephemeral(Ttl::default(), now).unwrap_or_else(|e| panic!("{e}"));
        let dir = std::env::temp_dir().join(format!("signpost-open-cases-{}", std::process::id()));
        let stats = Statistics::open(&dir).unwrap_or_else(|e| panic!("{e}"));
        Sessions::new(Box::new(MemoryStore::new(Ttl::default())), keys, stats)
    }

    #[test]
    fn the_topic_list_is_kept_read_back_and_removed_when_empty() {
        let s = sessions();
        let now = Timestamp::UNIX_EPOCH;
        assert_eq!(s.open_topics(now).ok(), Some(vec![]));
        assert!(s.keep_open_topics(&[12, 40, 7], now).is_ok());
        assert_eq!(s.open_topics(now).ok(), Some(vec![12, 40, 7]));
        assert!(s.keep_open_topics(&[], now).is_ok());
        assert_eq!(s.open_topics(now).ok(), Some(vec![]));
        assert_eq!(s.session_count().ok(), Some(0));
    }

    #[test]
    fn a_mark_is_found_once_and_is_not_the_persons_session() {
        let s = sessions();
        let now = Timestamp::UNIX_EPOCH;
        assert!(s.mark_in_case(4242, now).is_ok());
        assert!(matches!(s.load(4242, now), Ok(None)));
        assert_eq!(s.unmark_in_case(4243, now).ok(), Some(false));
        assert_eq!(s.unmark_in_case(4242, now).ok(), Some(true));
        assert_eq!(s.unmark_in_case(4242, now).ok(), Some(false));
        // Only private chats are marked.
        assert!(s.mark_in_case(-100, now).is_ok());
        assert_eq!(s.session_count().ok(), Some(0));
    }

    #[test]
    fn more_topics_than_kept_keep_the_newest() {
        let s = sessions();
        let now = Timestamp::UNIX_EPOCH;
        let many: Vec<i32> = (1..=(MAX_OPEN_TOPICS as i32 + 10)).collect();
        assert!(s.keep_open_topics(&many, now).is_ok());
        let kept = s.open_topics(now).unwrap_or_default();
        assert_eq!(kept.len(), MAX_OPEN_TOPICS);
        assert_eq!(kept.first(), Some(&11));
    }
}
