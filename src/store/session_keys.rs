//! One key per conversation (crypto-shredding): each conversation's records are sealed
//! under a random key of its own, and that key is dropped when the conversation ends, by
//! quick exit or by expiry. sled keeps stale copies of a record in its files until it
//! reuses the space; once the key is gone, none of them opens, with or without the
//! pseudonym keys, at once.
//!
//! The keys live in memory, and, when the pseudonym keys have a key file, also in a
//! second file beside it (`<key file>.sessions`, meant for the same tmpfs), so that
//! conversations survive a restart as long as the key folder does. That file is a header
//! and fixed-size slots, one per live conversation; a slot holds the pseudonym and the
//! conversation's key with the tick of its last change, sealed under the record key of
//! the current pseudonym key. A dropped key's slot is overwritten with zeros in place
//! and synced, so the file keeps no copy of it (on tmpfs there is no other copy at all).

use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use jiff::Timestamp;
use zeroize::Zeroizing;

use super::keyring::closed_regular_file;
use super::time::Tick;
use super::{Pseudonym, RecordKey, StoreError, Ttl};

const MAGIC: &[u8] = b"signpost conversation keys, format 1\n";
/// Separates these sealed slots from every other use of the record key.
const CONTEXT: &[u8] = b"signpost conversation key v1\0";
const SLOT: usize = 96;
const USED: u8 = 1;
const NONCE: usize = 24;
/// The sealed part: the key (32 bytes) and the tick (4), then the tag (16).
const SEALED: usize = 32 + 4 + 16;
const NAME_AT: usize = 1;
const NONCE_AT: usize = NAME_AT + Pseudonym::LEN;
const SEALED_AT: usize = NONCE_AT + NONCE;
const _: () = assert!(SEALED_AT + SEALED <= SLOT && MAGIC.len() <= SLOT);

/// The conversations' own keys, by pseudonym.
pub(crate) struct SessionKeys {
    ttl: Ttl,
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    live: HashMap<Pseudonym, Entry>,
    file: Option<SlotFile>,
}

struct Entry {
    key: Arc<RecordKey>,
    touched: Tick,
    /// The slot in the file (0 without a file).
    slot: usize,
}

struct SlotFile {
    path: PathBuf,
    file: File,
    /// Slots after the header, used or free.
    slots: usize,
    free: BTreeSet<usize>,
}

/// Where the conversations' keys of a key file are kept.
pub(crate) fn file_beside(key_file: &Path) -> PathBuf {
    let mut name = key_file.as_os_str().to_owned();
    name.push(".sessions");
    PathBuf::from(name)
}

impl SessionKeys {
    /// Keys in memory only: a restart ends every conversation.
    pub(crate) fn in_memory(ttl: Ttl) -> SessionKeys {
        SessionKeys {
            ttl,
            table: Mutex::new(Table::default()),
        }
    }

    /// The keys kept in the file at `path` (created, mode 0600, when missing), opened
    /// with `wrap` (the current pseudonym key's record key) or `previous`. A slot that
    /// opens with neither, or whose conversation has expired at `now`, is zeroed.
    pub(crate) fn open(
        path: &Path,
        wrap: &RecordKey,
        previous: Option<&RecordKey>,
        ttl: Ttl,
        now: Timestamp,
    ) -> Result<SessionKeys, StoreError> {
        let error = |source| StoreError::KeyFile {
            path: path.to_path_buf(),
            source,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(error)?;
        closed_regular_file(&file, path)?;
        let mut bytes = Zeroizing::new(Vec::new());
        file.read_to_end(&mut bytes).map_err(error)?;
        let mut slots = SlotFile {
            path: path.to_path_buf(),
            file,
            slots: 0,
            free: BTreeSet::new(),
        };
        let mut live = HashMap::new();
        if bytes.is_empty() {
            slots.write(0, &header())?;
        } else if !bytes.starts_with(MAGIC) {
            return Err(StoreError::KeyFileDamaged {
                path: path.to_path_buf(),
                reason: "not a file of conversation keys",
            });
        }
        // A partial slot at the end (a crash while the file grew) is cut off.
        slots.slots = (bytes.len() / SLOT).saturating_sub(1);
        let mut stale = Vec::new();
        for index in 1..=slots.slots {
            let slot = &bytes[index * SLOT..(index + 1) * SLOT];
            if slot[0] != USED {
                slots.free.insert(index);
                continue;
            }
            let opened = unwrap(wrap, slot).or_else(|| previous.and_then(|k| unwrap(k, slot)));
            match opened {
                Some((who, key, touched))
                    if !touched.is_expired(now, ttl) && !live.contains_key(&who) =>
                {
                    live.insert(
                        who,
                        Entry {
                            key: Arc::new(key),
                            touched,
                            slot: index,
                        },
                    );
                }
                _ => stale.push(index),
            }
        }
        for index in stale {
            slots.release(index)?;
        }
        slots.trim()?;
        slots.sync()?;
        Ok(SessionKeys {
            ttl,
            table: Mutex::new(Table {
                live,
                file: Some(slots),
            }),
        })
    }

    fn table(&self) -> MutexGuard<'_, Table> {
        // Each change is made whole under the lock; a panic elsewhere leaves it usable.
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The key of a live conversation, to open its record.
    pub(crate) fn for_reading(&self, who: &Pseudonym, now: Timestamp) -> Option<Arc<RecordKey>> {
        let table = self.table();
        let entry = table.live.get(who)?;
        (!entry.touched.is_expired(now, self.ttl)).then(|| entry.key.clone())
    }

    /// The key to seal a conversation's record touched at `now`: its own while it lives
    /// (its tick brought up to date), or a new one (an expired one is dropped first, so
    /// the conversation before cannot be read again). Written to the file under `wrap`.
    pub(crate) fn for_writing(
        &self,
        who: &Pseudonym,
        now: Timestamp,
        wrap: &RecordKey,
    ) -> Result<Arc<RecordKey>, StoreError> {
        let touched = Tick::of(now);
        let mut table = self.table();
        let table = &mut *table;
        if let Some(entry) = table.live.get_mut(who)
            && !entry.touched.is_expired(now, self.ttl)
        {
            if entry.touched != touched {
                entry.touched = touched;
                if let Some(file) = &mut table.file {
                    file.write(entry.slot, &seal(wrap, who, &entry.key, touched)?)?;
                }
            }
            return Ok(entry.key.clone());
        }
        if let Some(old) = table.live.remove(who)
            && let Some(file) = &mut table.file
        {
            file.release(old.slot)?;
        }
        let key = Arc::new(RecordKey::random()?);
        let slot = match &mut table.file {
            Some(file) => {
                let slot = file.take();
                file.write(slot, &seal(wrap, who, &key, touched)?)?;
                slot
            }
            None => 0,
        };
        table.live.insert(
            *who,
            Entry {
                key: key.clone(),
                touched,
                slot,
            },
        );
        Ok(key)
    }

    /// Drops the keys of these conversations, in memory and in the file (synced before
    /// returning); returns how many there were.
    pub(crate) fn drop_keys(&self, names: &[Pseudonym]) -> Result<usize, StoreError> {
        let mut table = self.table();
        let table = &mut *table;
        let mut dropped = 0;
        let mut result = Ok(());
        for who in names {
            if let Some(entry) = table.live.remove(who) {
                dropped += 1;
                if let Some(file) = &mut table.file {
                    // Every key goes from memory even if the file fails; the first error
                    // is returned.
                    let released = file.release(entry.slot);
                    if result.is_ok() {
                        result = released;
                    }
                }
            }
        }
        if let Some(file) = &mut table.file
            && dropped > 0
        {
            let synced = file.trim().and_then(|()| file.sync());
            if result.is_ok() {
                result = synced;
            }
        }
        result.map(|()| dropped)
    }

    /// Drops the keys of the conversations whose lifetime is over at `now`, in one go
    /// under the lock (a conversation touched meanwhile keeps its key), and returns
    /// their pseudonyms.
    pub(crate) fn drop_expired(&self, now: Timestamp) -> Result<Vec<Pseudonym>, StoreError> {
        let expired: Vec<Pseudonym> = {
            let mut table = self.table();
            let expired: Vec<Pseudonym> = table
                .live
                .iter()
                .filter(|(_, entry)| entry.touched.is_expired(now, self.ttl))
                .map(|(who, _)| *who)
                .collect();
            let table = &mut *table;
            let mut result = Ok(());
            for who in &expired {
                if let (Some(entry), Some(file)) = (table.live.remove(who), &mut table.file) {
                    let released = file.release(entry.slot);
                    if result.is_ok() {
                        result = released;
                    }
                }
            }
            if let Some(file) = &mut table.file
                && !expired.is_empty()
            {
                let synced = file.trim().and_then(|()| file.sync());
                if result.is_ok() {
                    result = synced;
                }
            }
            result?;
            expired
        };
        Ok(expired)
    }

    /// Whether a key is held for `who`.
    pub(crate) fn holds(&self, who: &Pseudonym) -> bool {
        self.table().live.contains_key(who)
    }

    /// Every key held, with its conversation's pseudonym (for checks).
    pub(crate) fn held(&self) -> Vec<(Pseudonym, Arc<RecordKey>)> {
        self.table()
            .live
            .iter()
            .map(|(who, entry)| (*who, entry.key.clone()))
            .collect()
    }
}

fn header() -> [u8; SLOT] {
    let mut header = [0; SLOT];
    header[..MAGIC.len()].copy_from_slice(MAGIC);
    header
}

fn cipher(key: &RecordKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.bytes().into())
}

fn associated(who: &Pseudonym) -> Vec<u8> {
    let mut aad = CONTEXT.to_vec();
    aad.extend_from_slice(who.as_bytes());
    aad
}

/// A used slot for `who`'s key.
fn seal(
    wrap: &RecordKey,
    who: &Pseudonym,
    key: &RecordKey,
    touched: Tick,
) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    let mut plain = Zeroizing::new(Vec::with_capacity(36));
    plain.extend_from_slice(key.bytes());
    plain.extend_from_slice(&touched.0.to_be_bytes());
    let mut nonce = [0u8; NONCE];
    getrandom::fill(&mut nonce).map_err(StoreError::Random)?;
    let sealed = cipher(wrap)
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: &associated(who),
            },
        )
        .map_err(|_| StoreError::Seal)?;
    let mut slot = Zeroizing::new(vec![0; SLOT]);
    slot[0] = USED;
    slot[NAME_AT..NONCE_AT].copy_from_slice(who.as_bytes());
    slot[NONCE_AT..SEALED_AT].copy_from_slice(&nonce);
    slot[SEALED_AT..SEALED_AT + SEALED].copy_from_slice(&sealed);
    Ok(slot)
}

/// Opens a used slot with `wrap`.
fn unwrap(wrap: &RecordKey, slot: &[u8]) -> Option<(Pseudonym, RecordKey, Tick)> {
    let name: [u8; Pseudonym::LEN] = slot.get(NAME_AT..NONCE_AT)?.try_into().ok()?;
    let who = Pseudonym::from_bytes(name);
    let plain = Zeroizing::new(
        cipher(wrap)
            .decrypt(
                XNonce::from_slice(slot.get(NONCE_AT..SEALED_AT)?),
                Payload {
                    msg: slot.get(SEALED_AT..SEALED_AT + SEALED)?,
                    aad: &associated(&who),
                },
            )
            .ok()?,
    );
    let key = RecordKey::from_slice(plain.get(..32)?)?;
    let tick: [u8; 4] = plain.get(32..36)?.try_into().ok()?;
    Some((who, key, Tick(u32::from_be_bytes(tick))))
}

impl SlotFile {
    fn error(&self, source: std::io::Error) -> StoreError {
        StoreError::KeyFile {
            path: self.path.clone(),
            source,
        }
    }

    /// Overwrites slot `index` (0: the header) in place.
    fn write(&mut self, index: usize, bytes: &[u8]) -> Result<(), StoreError> {
        let at = (index * SLOT) as u64;
        let written = (&self.file)
            .seek(SeekFrom::Start(at))
            .and_then(|_| (&self.file).write_all(bytes));
        written.map_err(|source| self.error(source))
    }

    /// A free slot, the lowest one, or a new one at the end.
    fn take(&mut self) -> usize {
        match self.free.pop_first() {
            Some(index) => index,
            None => {
                self.slots += 1;
                self.slots
            }
        }
    }

    /// Overwrites a slot with zeros and marks it free.
    fn release(&mut self, index: usize) -> Result<(), StoreError> {
        if index == 0 || index > self.slots {
            return Ok(());
        }
        self.write(index, &[0; SLOT])?;
        self.free.insert(index);
        Ok(())
    }

    /// Cuts free slots off the end, so the file shrinks after a busy hour.
    fn trim(&mut self) -> Result<(), StoreError> {
        let before = self.slots;
        while self.slots > 0 && self.free.remove(&self.slots) {
            self.slots -= 1;
        }
        if self.slots < before {
            let len = ((self.slots + 1) * SLOT) as u64;
            self.file
                .set_len(len)
                .map_err(|source| self.error(source))?;
        }
        Ok(())
    }

    fn sync(&self) -> Result<(), StoreError> {
        self.file.sync_data().map_err(|source| self.error(source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn who(byte: u8) -> Pseudonym {
        Pseudonym::from_bytes([byte; Pseudonym::LEN])
    }

    fn hour() -> Ttl {
        Ttl::from_hours(1).unwrap()
    }

    #[test]
    fn keys_survive_a_reopen_and_a_dropped_key_is_zeroed_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.sessions");
        let wrap = RecordKey::derive(&[1; 32]);
        let t0 = at("2025-03-01T12:04:00Z");
        let (a, b) = {
            let keys = SessionKeys::open(&path, &wrap, None, hour(), t0).unwrap();
            let a = keys.for_writing(&who(1), t0, &wrap).unwrap();
            let b = keys.for_writing(&who(2), t0, &wrap).unwrap();
            assert_eq!(keys.drop_keys(&[who(1)]).unwrap(), 1);
            (a.bytes().to_vec(), b.bytes().to_vec())
        };
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len(), 3 * SLOT);
        assert!(bytes[SLOT..2 * SLOT].iter().all(|&b| b == 0), "zeroed");
        // The keys themselves are sealed in the file.
        for key in [&a, &b] {
            assert!(!bytes.windows(32).any(|w| w == key.as_slice()));
        }
        let keys = SessionKeys::open(&path, &wrap, None, hour(), t0).unwrap();
        assert!(keys.for_reading(&who(1), t0).is_none());
        let back = keys.for_reading(&who(2), t0).map(|k| k.bytes().to_vec());
        assert_eq!(back, Some(b));
        // Another pseudonym key opens nothing; the slot it cannot open is zeroed.
        let other = RecordKey::derive(&[2; 32]);
        drop(keys);
        let keys = SessionKeys::open(&path, &other, None, hour(), t0).unwrap();
        assert!(keys.held().is_empty());
        assert_eq!(std::fs::read(&path).unwrap().len(), SLOT, "trimmed");
    }

    #[test]
    fn an_expired_conversation_gets_a_new_key() {
        let wrap = RecordKey::derive(&[1; 32]);
        let keys = SessionKeys::in_memory(hour());
        let t0 = at("2025-03-01T12:04:00Z");
        let first = keys.for_writing(&who(1), t0, &wrap).unwrap();
        let later = at("2025-03-01T12:59:00Z");
        let same = keys.for_writing(&who(1), later, &wrap).unwrap();
        assert_eq!(first.bytes(), same.bytes());
        let end = at("2025-03-01T13:50:00Z");
        assert!(keys.for_reading(&who(1), end).is_none());
        let fresh = keys.for_writing(&who(1), end, &wrap).unwrap();
        assert_ne!(first.bytes(), fresh.bytes());
        assert!(keys.drop_expired(end).unwrap().is_empty());
        let much_later = at("2025-03-01T15:00:00Z");
        assert_eq!(keys.drop_expired(much_later).unwrap(), vec![who(1)]);
        assert!(!keys.holds(&who(1)));
    }

    #[test]
    fn a_file_of_something_else_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.sessions");
        std::fs::write(&path, b"hello").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let wrap = RecordKey::derive(&[1; 32]);
        let opened = SessionKeys::open(&path, &wrap, None, hour(), Timestamp::UNIX_EPOCH);
        assert!(matches!(opened, Err(StoreError::KeyFileDamaged { .. })));
    }
}
