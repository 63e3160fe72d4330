//! The pseudonym keys: the current one, which names every session written, and the
//! previous one, kept only so that a conversation in progress survives a rotation.
//!
//! The key created at `c` is current from `c` until the next rotation, due a session
//! lifetime later; then it is previous until the rotation after, when it is overwritten.
//! Every session written under a key was touched before that key stopped being current,
//! so it has expired by the time the key is destroyed: after that nobody, with the disk
//! and the current key, can tell whether a given chat ever had a session.
//!
//! Each key also yields a [`RecordKey`], which seals what must survive a restart beside
//! the key file: the conversations' own keys (see `session_keys`), which seal their
//! records, and the counts of the day under way. When a pseudonym key is destroyed, all
//! that was sealed under it goes with it.
//!
//! The keys live in memory only (the default), or in a key file outside the data folder,
//! created with mode 0600. The file has a fixed length and is rewritten in place on
//! rotation, so the old key's bytes are overwritten rather than left in a block the file
//! system has let go of. Every key in memory is made on the heap and zeroized when dropped;
//! no copy is left on a stack.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use zeroize::Zeroize;

use crate::store::{Pseudonym, StoreError, Ttl};
mod file;

pub(crate) use file::closed_regular_file;
use file::*;
pub use file::{check_key_file, open_to_others};

const HEADER: &str =
    "signpost pseudonym keys, format 1: keep secret, outside the data folder and backups";
const NO_KEY: &str = "----------------------------------------------------------------";

/// 32 secret bytes on the heap: made there (never as a value on a stack that would be
/// left behind when moved) and zeroized when dropped.
pub(crate) struct Secret(Box<[u8; 32]>);

impl Secret {
    pub(crate) fn zeroed() -> Secret {
        Secret(Box::new([0; 32]))
    }

    #[cfg(test)]
    fn from_fn(fill: impl FnOnce(&mut [u8; 32])) -> Secret {
        let mut secret = Secret::zeroed();
        fill(&mut secret);
        secret
    }
}

impl std::ops::Deref for Secret {
    type Target = [u8; 32];
    fn deref(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::ops::DerefMut for Secret {
    fn deref_mut(&mut self) -> &mut [u8; 32] {
        &mut self.0
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A 32-byte key for XChaCha20-Poly1305 (see `codec`): a conversation's own key, which
/// seals its records, or the key derived from a pseudonym key, which seals the
/// conversations' keys in the key folder (see `session_keys`). Kept on the heap and made
/// there, so that no copy is left on a stack; zeroized when dropped. Never printed.
pub struct RecordKey(Secret);

impl RecordKey {
    /// Separates this use of a pseudonym key from the pseudonyms themselves.
    const CONTEXT: &'static str = "signpost 2025 session record sealing key v1";

    /// The key derived from a pseudonym key, with BLAKE3's key derivation: it dies with
    /// it.
    pub fn derive(secret: &[u8; 32]) -> RecordKey {
        let mut key = RecordKey(Secret::zeroed());
        let mut hasher = blake3::Hasher::new_derive_key(Self::CONTEXT);
        hasher.update(secret);
        let mut output = hasher.finalize_xof();
        output.fill(&mut key.0[..]);
        output.zeroize();
        hasher.zeroize();
        key
    }

    /// A new key from the system's randomness.
    pub fn random() -> Result<RecordKey, StoreError> {
        let mut key = RecordKey(Secret::zeroed());
        getrandom::fill(&mut key.0[..]).map_err(StoreError::Random)?;
        Ok(key)
    }

    /// A key from its bytes as kept in the key folder; `bytes` is the caller's to zeroize.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<RecordKey> {
        let mut key = RecordKey(Secret::zeroed());
        if bytes.len() != 32 {
            return None;
        }
        key.0.copy_from_slice(bytes);
        Some(key)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for RecordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordKey(..)")
    }
}

/// One secret key, the record key derived from it, and when it was made. Both secrets
/// live on the heap, made there and zeroized when dropped; moving a `Key` moves pointers.
struct Key {
    secret: Secret,
    record: RecordKey,
    /// Seconds since 1970: rotation is decided from it.
    created: i64,
}

impl Key {
    fn new(secret: Secret, created: i64) -> Key {
        Key {
            record: RecordKey::derive(&secret),
            secret,
            created,
        }
    }

    fn random(now: Timestamp) -> Result<Key, StoreError> {
        let mut secret = Secret::zeroed();
        getrandom::fill(&mut secret[..]).map_err(StoreError::Random)?;
        Ok(Key::new(secret, now.as_second()))
    }
}

/// The current and previous pseudonym keys, and where they are kept.
pub struct Keyring {
    current: Key,
    previous: Option<Key>,
    ttl: Ttl,
    /// `None` for an ephemeral keyring (tests, the terminal chat): keys only in memory.
    file: Option<PathBuf>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("has_previous", &self.previous.is_some())
            .field("ttl_hours", &self.ttl.hours())
            .field("file", &self.file)
            .finish_non_exhaustive()
    }
}

impl Keyring {
    /// Opens the key file at `key_file`, creating it (mode 0600) with a fresh key when it
    /// does not exist, and rotates the keys if a rotation is due at `now`.
    ///
    /// Refuses a key file inside `data` (created if missing), a key file other users can
    /// read, and a damaged key file.
    pub fn open(
        key_file: &Path,
        data: &Path,
        ttl: Ttl,
        now: Timestamp,
    ) -> Result<Keyring, StoreError> {
        refuse_inside(key_file, data)?;
        let mut keyring = match File::open(key_file) {
            Ok(file) => {
                // A crash between linking a new key file and removing its temporary name
                // leaves a second name for the same file; it is not needed.
                let _ = std::fs::remove_file(temporary_path(key_file));
                read_key_file(file, key_file, ttl)?
            }
            Err(error) if error.kind() == ErrorKind::NotFound => {
                let keyring = Keyring {
                    current: Key::random(now)?,
                    previous: None,
                    ttl,
                    file: Some(key_file.to_path_buf()),
                };
                keyring.create_file(key_file)?;
                keyring
            }
            Err(source) => {
                return Err(StoreError::KeyFile {
                    path: key_file.to_path_buf(),
                    source,
                });
            }
        };
        keyring.rotate_if_due(now)?;
        Ok(keyring)
    }

    /// A keyring that lives in memory only: every restart starts with a new key.
    pub fn ephemeral(ttl: Ttl, now: Timestamp) -> Result<Keyring, StoreError> {
        Ok(Keyring {
            current: Key::random(now)?,
            previous: None,
            ttl,
            file: None,
        })
    }

    /// The pseudonym of a chat under the current key: every write uses it.
    pub fn pseudonym(&self, chat: i64) -> Pseudonym {
        Pseudonym::derive(&self.current.secret, chat)
    }

    /// The pseudonym of a chat under the previous key, while there is one.
    pub fn previous_pseudonym(&self, chat: i64) -> Option<Pseudonym> {
        self.previous
            .as_ref()
            .map(|key| Pseudonym::derive(&key.secret, chat))
    }

    /// The key that seals records under the current key's pseudonyms.
    pub fn record_key(&self) -> &RecordKey {
        &self.current.record
    }

    /// The key that seals records under the previous key's pseudonyms.
    pub fn previous_record_key(&self) -> Option<&RecordKey> {
        self.previous.as_ref().map(|key| &key.record)
    }

    /// The session lifetime the keys rotate by.
    pub fn ttl(&self) -> Ttl {
        self.ttl
    }

    /// Where the keys are kept: a file, or `None` for memory only.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Rotates when the current key is a session lifetime old: it becomes the previous
    /// key, a new key becomes current, and the old previous key is overwritten. A current
    /// key two lifetimes old (the bot was down) is destroyed as well, since nothing
    /// written under it can still be alive. Returns whether a rotation happened.
    ///
    /// The keys in memory rotate even when the key file cannot be rewritten (the error is
    /// returned after): a key due for destruction must not live on because a disk is
    /// full. Sessions written from then on are lost if the bot restarts before a rewrite
    /// succeeds; the next round tries again. Only without randomness for a new key does
    /// nothing change.
    pub fn rotate_if_due(&mut self, now: Timestamp) -> Result<bool, StoreError> {
        let now_s = now.as_second();
        let age = now_s.saturating_sub(self.current.created);
        if age < self.ttl.seconds() {
            return Ok(false);
        }
        let keep_current = age < 2 * self.ttl.seconds();
        let fresh = Key::random(now)?;
        let written = match &self.file {
            Some(path) => {
                let previous = if keep_current {
                    Some(&self.current)
                } else {
                    None
                };
                overwrite_file(path, &render(&fresh, previous))
            }
            None => Ok(()),
        };
        let old = std::mem::replace(&mut self.current, fresh);
        self.previous = if keep_current { Some(old) } else { None };
        written.map(|()| true)
    }

    /// Writes a new key file whole or not at all: into a temporary file first, then
    /// linked under its name, which fails rather than replace a key file that appeared in
    /// the meantime. A crash leaves either no key file or a complete one.
    fn create_file(&self, path: &Path) -> Result<(), StoreError> {
        let error = |source| StoreError::KeyFile {
            path: path.to_path_buf(),
            source,
        };
        let temporary = temporary_path(path);
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary).map_err(error)?;
        #[cfg(unix)]
        {
            // A temporary file left by a crash keeps its old mode when reopened.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(error)?;
        }
        file.write_all(render(&self.current, self.previous.as_ref()).as_bytes())
            .map_err(error)?;
        file.sync_all().map_err(error)?;
        std::fs::hard_link(&temporary, path).map_err(error)?;
        std::fs::remove_file(&temporary).map_err(error)?;
        sync_parent(path).map_err(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8, created: i64) -> Key {
        Key::new(Secret::from_fn(|b| b.fill(byte)), created)
    }

    #[test]
    fn renders_to_the_same_length_with_or_without_a_previous_key() {
        let one = render(&key(1, 1_700_000_000), None);
        let two = render(&key(2, 1_700_021_600), Some(&key(1, 1_700_000_000)));
        assert_eq!(one.len(), two.len());
    }

    #[test]
    fn parses_what_it_renders() {
        let text = render(&key(7, 1_700_021_600), Some(&key(9, -5)));
        let (current, previous) = parse(&text).unwrap();
        assert_eq!((*current.secret, current.created), ([7; 32], 1_700_021_600));
        let previous = previous.unwrap();
        assert_eq!((*previous.secret, previous.created), ([9; 32], -5));
        let (_, none) = parse(&render(&key(7, 0), None)).unwrap();
        assert!(none.is_none());
    }

    #[test]
    fn a_failed_rewrite_still_rotates_the_keys_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let keys = dir.path().join("keys");
        std::fs::create_dir(&keys).unwrap();
        let file = keys.join("k");
        let ttl = Ttl::from_hours(1).unwrap();
        let t0: Timestamp = "2025-03-01T09:00:00Z".parse().unwrap();
        let mut keyring = Keyring::open(&file, &data, ttl, t0).unwrap();
        let first = keyring.pseudonym(1);
        std::fs::remove_dir_all(&keys).unwrap();
        let later = t0 + jiff::SignedDuration::from_hours(1);
        assert!(keyring.rotate_if_due(later).is_err());
        assert_ne!(keyring.pseudonym(1), first);
        assert_eq!(keyring.previous_pseudonym(1), Some(first));
        // Two lifetimes on, the first key leaves memory whatever the file says.
        let much_later = later + jiff::SignedDuration::from_hours(1);
        assert!(keyring.rotate_if_due(much_later).is_err());
        assert_ne!(keyring.previous_pseudonym(1), Some(first));
    }

    #[test]
    fn a_changed_byte_is_noticed() {
        let text = render(&key(7, 1_700_021_600), None);
        let changed = text.replacen("0707", "0708", 1);
        assert_eq!(parse(&changed).err(), Some("checksum mismatch"));
        assert_eq!(parse(&text[..50]).err(), Some("wrong number of lines"));
        assert_eq!(parse("").err(), Some("wrong number of lines"));
    }
}
