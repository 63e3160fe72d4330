//! The one rule for keeping chats in memory: every map of chats (the router's queues,
//! the intake schedules, the send pacer's schedules) is keyed by a [`ChatKey`], a hash
//! of the chat id keyed with a random secret drawn once per process, never by the chat
//! id itself.
//!
//! Why: these maps are the one place where the process lists many chats together, for as
//! long as each is active. Keyed this way, a memory dump or a `Debug` print of one holds
//! no chat id, and its keys mean nothing in another process or after a restart. A chat
//! id stays only with the updates of that chat in hand (to answer them) and goes to the
//! store only through its pseudonymising facade.
//!
//! Two chats sharing a key (a chance of about one in 2^64 for a pair) would share a queue
//! and schedules: their updates would wait for each other and be paced together. Nothing
//! would reach the wrong chat, because every update carries its own chat id.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// A chat, as the in-memory maps know it (see the module documentation).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ChatKey(u64);

impl ChatKey {
    pub(crate) fn of(chat: i64) -> ChatKey {
        // A per-process random secret: the keys mean nothing outside this process.
        static SECRET: OnceLock<RandomState> = OnceLock::new();
        let mut hasher = SECRET.get_or_init(RandomState::new).build_hasher();
        hasher.write_i64(chat);
        ChatKey(hasher.finish())
    }
}

impl std::fmt::Debug for ChatKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChatKey({:016x})", self.0)
    }
}

/// Schedules kept per chat, for the send pacer and the intake gate, that forget chats
/// whose schedule has caught up with the present. They are looked for only when the map
/// has grown past twice what was left last time (and past 1,024), so that with many
/// chats active at once the search stays rare: its cost is spread over as many calls as
/// there are chats.
#[derive(Debug)]
pub(crate) struct PerChat<V> {
    pub map: HashMap<ChatKey, V>,
    forget_at: usize,
}

impl<V> PerChat<V> {
    const FORGET_ABOVE: usize = 1024;

    pub(crate) fn new() -> Self {
        PerChat {
            map: HashMap::new(),
            forget_at: Self::FORGET_ABOVE,
        }
    }

    /// Forgets the chats `caught_up` says are, if it is time to look for them.
    pub(crate) fn forget(&mut self, caught_up: impl Fn(&V) -> bool) {
        if self.map.len() > self.forget_at {
            self.map.retain(|_, v| !caught_up(v));
            self.forget_at = (self.map.len() * 2).max(Self::FORGET_ABOVE);
        }
    }
}

impl<V> Default for PerChat<V> {
    fn default() -> Self {
        PerChat::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_chat_one_key_and_the_key_is_not_the_id() {
        assert_eq!(ChatKey::of(42), ChatKey::of(42));
        assert_ne!(ChatKey::of(42), ChatKey::of(43));
        assert_ne!(ChatKey::of(42).0, 42);
        assert!(!format!("{:?}", ChatKey::of(123_456_789)).contains("123456789"));
    }

    #[test]
    fn caught_up_chats_are_forgotten_once_the_map_has_grown() {
        let mut chats = PerChat::new();
        for chat in 0..1024 {
            chats.map.insert(ChatKey::of(chat), chat);
        }
        chats.forget(|_| true);
        // Not grown past the threshold yet: nothing looked for.
        assert_eq!(chats.map.len(), 1024);
        chats.map.insert(ChatKey::of(5000), 5000);
        chats.forget(|&v| v < 1000);
        assert_eq!(chats.map.len(), 25);
    }
}
