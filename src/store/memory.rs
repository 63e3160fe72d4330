//! A [`SessionStore`] in memory, for tests. It keeps sessions in the stored byte form,
//! so it enforces exactly what the sled store enforces.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use jiff::Timestamp;

use super::codec;
use super::time::{Hour, Tick};
use super::{Pseudonym, RecordKey, SessionStore, StoreError, StoredSession, Ttl};

/// Sessions in memory; nothing survives the process.
#[derive(Debug)]
pub struct MemoryStore {
    ttl: Ttl,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    sessions: HashMap<Pseudonym, Vec<u8>>,
    last_update_id: Option<u32>,
}

impl MemoryStore {
    /// An empty store whose sessions live for `ttl`.
    pub fn new(ttl: Ttl) -> MemoryStore {
        MemoryStore {
            ttl,
            inner: Mutex::default(),
        }
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps half-updated in a way that
        // matters (each method changes them in one go), so a poisoned lock is used as is.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl SessionStore for MemoryStore {
    fn get(
        &self,
        who: &Pseudonym,
        key: &RecordKey,
        now: Timestamp,
    ) -> Result<Option<StoredSession>, StoreError> {
        let inner = self.inner();
        let Some(record) = inner.sessions.get(who) else {
            return Ok(None);
        };
        match codec::decode(key, who, record) {
            Ok((session, touched)) if !touched.is_expired(now, self.ttl) => Ok(Some(session)),
            _ => Ok(None),
        }
    }

    fn put(
        &self,
        who: &Pseudonym,
        key: &RecordKey,
        session: &StoredSession,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let record = codec::encode(key, who, session, Tick::of(now))?;
        self.inner().sessions.insert(*who, record);
        Ok(())
    }

    fn remove(&self, who: &Pseudonym) -> Result<bool, StoreError> {
        Ok(self.inner().sessions.remove(who).is_some())
    }

    fn sweep(&self, now: Timestamp) -> Result<usize, StoreError> {
        let sessions = &mut self.inner().sessions;
        let before = sessions.len();
        sessions.retain(|_, record| {
            codec::clear_hour(record).is_ok_and(|hour: Hour| !hour.is_expired(now, self.ttl))
        });
        Ok(before - sessions.len())
    }

    fn session_count(&self) -> Result<usize, StoreError> {
        Ok(self.inner().sessions.len())
    }

    fn records(&self) -> Result<Vec<(Pseudonym, Vec<u8>)>, StoreError> {
        Ok(self
            .inner()
            .sessions
            .iter()
            .map(|(who, record)| (*who, record.clone()))
            .collect())
    }

    fn last_update_id(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.inner().last_update_id)
    }

    fn set_last_update_id(&self, id: u32) -> Result<(), StoreError> {
        self.inner().last_update_id = Some(id);
        Ok(())
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_of_the_earlier_format_goes_at_the_first_sweep() {
        // Format 2 was sealed under a key derived from the pseudonym key, which outlives
        // a conversation: such records are not read again, and go as expired at once.
        let now: Timestamp = "2025-03-01T12:04:00Z".parse().unwrap();
        let store = MemoryStore::new(Ttl::default());
        let mut old = vec![2];
        old.extend_from_slice(&Tick::of(now).0.to_be_bytes());
        old.extend_from_slice(&[0x5a; 24 + 64 + 16]);
        store
            .inner()
            .sessions
            .insert(Pseudonym::from_bytes([1; Pseudonym::LEN]), old);
        assert_eq!(store.sweep(now).unwrap(), 1);
        assert_eq!(store.session_count().unwrap(), 0);
    }
}
