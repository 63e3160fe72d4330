//! The name a conversation is stored under: a keyed BLAKE3 hash of the chat id.
//!
//! A plain hash would not do: Telegram ids have about 52 bits, so anyone holding the data
//! could hash every possible id and read the store back. With a secret key kept outside
//! the data folder, the pseudonym says nothing without the key, and once the key is
//! destroyed nobody can link it to a chat again.

use zeroize::Zeroize;

/// A keyed hash of a chat id. It is still personal data while its key exists, so it is
/// never printed: `Debug` shows only that there is one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pseudonym([u8; Pseudonym::LEN]);

impl Pseudonym {
    /// 128 bits: collisions among the live sessions of one bot are out of reach, and a
    /// shorter key keeps the database small.
    pub const LEN: usize = 16;

    /// Separates these hashes from any other use of the same key.
    const CONTEXT: &'static [u8] = b"signpost chat pseudonym v1\0";

    /// The pseudonym of `chat` under `key`.
    pub(crate) fn derive(key: &[u8; 32], chat: i64) -> Pseudonym {
        // The hasher holds the key's words; BLAKE3's `zeroize` feature clears them.
        let mut hasher = blake3::Hasher::new_keyed(key);
        hasher.update(Self::CONTEXT);
        hasher.update(&chat.to_le_bytes());
        let hash = hasher.finalize();
        hasher.zeroize();
        let mut bytes = [0; Self::LEN];
        bytes.copy_from_slice(&hash.as_bytes()[..Self::LEN]);
        Pseudonym(bytes)
    }

    /// A pseudonym from its bytes, as read back from a store (and for store tests).
    pub fn from_bytes(bytes: [u8; Self::LEN]) -> Pseudonym {
        Pseudonym(bytes)
    }

    /// The pseudonym's bytes, as a store keys by them.
    pub fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }
}

impl std::fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonym(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depends_on_key_and_chat() {
        let a = Pseudonym::derive(&[1; 32], 42);
        assert_eq!(a, Pseudonym::derive(&[1; 32], 42));
        assert_ne!(a, Pseudonym::derive(&[2; 32], 42));
        assert_ne!(a, Pseudonym::derive(&[1; 32], 43));
        assert_eq!(format!("{a:?}"), "Pseudonym(..)");
    }
}
