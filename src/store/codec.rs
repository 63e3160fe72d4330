//! The bytes of one stored session, sealed.
//!
//! Layout: format byte (1) and the clear hour (u32, big-endian: see `time::Hour`), both in
//! the clear so that a sweep can remove records without any key; then a random 24-byte
//! nonce and the sealed payload: XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`)
//! under the conversation's own [`RecordKey`], with the header and the pseudonym as
//! associated data, so a record cannot be moved to another name or given another hour.
//! sled appends every new version of a record to its log and keeps stale versions until
//! it reuses the space; sealed under a key that is dropped when the conversation ends,
//! they say nothing from then on, with or without the pseudonym keys.
//!
//! The payload: the tick the session was touched in (u32, big-endian: the exact expiry is
//! sealed, only the hour is clear); flow, step and language (each a varint length and
//! UTF-8 bytes), flow-set version (varint), menu counter (varint), a flags byte (bit 0:
//! the person was told about a shared location or contact; bit 1: message ids follow;
//! bit 2: a trail follows; bit 3: a place follows; bit 4: the update answered follows;
//! bit 5: the update applied follows), the
//! oldest message id and the distance to the newest (zigzag varints), the trail, the
//! place (the area the person named, or elsewhere, or rather not say: kept sealed, gone
//! with the record), the ids of the newest Telegram update answered and applied
//! (varints: see `StoredSession::answered`); then zero bytes up
//! to [`PAYLOAD`]. Every record of the shipped flows is that one size, whatever step,
//! language, ids, trail or place it holds, so sizes tell
//! no story of a conversation; only a session whose names are far longer than any
//! shipped (over about 20 bytes each, with a full trail) takes a multiple of it.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::engine::{Place, Session};

use super::time::{Hour, Tick};
use super::{Pseudonym, RecordKey, StoreError, StoredSession};

const FORMAT: u8 = 3;
const HEADER: usize = 5;
const NONCE: usize = 24;
const TAG: usize = 16;
/// Payloads are padded to this many bytes (or a multiple, see the module's notes).
pub(crate) const PAYLOAD: usize = 256;
/// The length of every record of the shipped flows.
pub(crate) const RECORD: usize = HEADER + NONCE + PAYLOAD + TAG;

const TOLD_SHARED: u8 = 1;
const HAS_MESSAGES: u8 = 2;
/// The session holds a trail of step ids (see `Session::trail`).
const HAS_TRAIL: u8 = 4;
/// The session holds the person's place (see `Session::place`): a tag byte (1 an area,
/// its id following; 2 elsewhere; 3 rather not say) after the trail.
const HAS_PLACE: u8 = 8;
/// The session holds the id of the newest update answered (see `StoredSession::answered`).
const HAS_ANSWERED: u8 = 16;
/// The session holds the id of the newest update applied (see `StoredSession::applied`).
const HAS_APPLIED: u8 = 32;

/// Why a stored record could not be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeError {
    Format,
    Truncated,
    /// Not sealed under this key and name (or changed since).
    Sealed,
    Text,
    TooLarge,
    Trailing,
}

/// Seals `session` for `who`, touched in `touched`.
pub(crate) fn encode(
    key: &RecordKey,
    who: &Pseudonym,
    session: &StoredSession,
    touched: Tick,
) -> Result<Vec<u8>, StoreError> {
    let plain = Zeroizing::new(payload(session, touched));
    let mut out = Vec::with_capacity(HEADER + NONCE + plain.len() + TAG);
    out.push(FORMAT);
    out.extend_from_slice(&Hour::of(touched).0.to_be_bytes());
    let mut nonce = [0u8; NONCE];
    getrandom::fill(&mut nonce).map_err(StoreError::Random)?;
    out.extend_from_slice(&nonce);
    let aad = associated(&out[..HEADER], who);
    let sealed = cipher(key)
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: &aad,
            },
        )
        .map_err(|_| StoreError::Seal)?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// The clear hour of a record (see `time::Hour`), without opening it. Records of an
/// earlier format (sealed under a pseudonym key, not a conversation's own) give
/// [`DecodeError::Format`]: sweeps remove them as expired.
pub(crate) fn clear_hour(record: &[u8]) -> Result<Hour, DecodeError> {
    match record {
        [FORMAT, a, b, c, d, ..] => Ok(Hour(u32::from_be_bytes([*a, *b, *c, *d]))),
        [_, ..] if record.len() >= HEADER => Err(DecodeError::Format),
        _ => Err(DecodeError::Truncated),
    }
}

/// Opens a record filed under `who` with `key`.
pub(crate) fn decode(
    key: &RecordKey,
    who: &Pseudonym,
    record: &[u8],
) -> Result<(StoredSession, Tick), DecodeError> {
    clear_hour(record)?;
    if record.len() < HEADER + NONCE + TAG {
        return Err(DecodeError::Truncated);
    }
    let (header, rest) = record.split_at(HEADER);
    let (nonce, sealed) = rest.split_at(NONCE);
    let aad = associated(header, who);
    let plain = Zeroizing::new(
        cipher(key)
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| DecodeError::Sealed)?,
    );
    read_payload(&plain)
}

/// Seals `plain` with `key` for one purpose (`context`, as associated data), with a random
/// nonce in front: for the counts carried over a restart.
pub(crate) fn seal_blob(
    key: &RecordKey,
    context: &[u8],
    plain: &[u8],
) -> Result<Vec<u8>, StoreError> {
    let mut nonce = [0u8; NONCE];
    getrandom::fill(&mut nonce).map_err(StoreError::Random)?;
    let sealed = cipher(key)
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: context,
            },
        )
        .map_err(|_| StoreError::Seal)?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what [`seal_blob`] sealed, if it was sealed with `key` for `context`.
pub(crate) fn open_blob(
    key: &RecordKey,
    context: &[u8],
    sealed: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let (nonce, sealed) = sealed.split_at_checked(NONCE)?;
    cipher(key)
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: context,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// Every stretch of `raw` that could be a record of the shipped size: for checks that
/// read a data folder's files whole (see `Sessions::copies_in`).
pub(crate) fn candidates(raw: &[u8]) -> impl Iterator<Item = &[u8]> {
    raw.windows(RECORD).filter(|window| window[0] == FORMAT)
}

fn cipher(key: &RecordKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.bytes().into())
}

fn associated(header: &[u8], who: &Pseudonym) -> [u8; HEADER + Pseudonym::LEN] {
    let mut aad = [0; HEADER + Pseudonym::LEN];
    aad[..HEADER].copy_from_slice(header);
    aad[HEADER..].copy_from_slice(who.as_bytes());
    aad
}

fn payload(session: &StoredSession, touched: Tick) -> Vec<u8> {
    let s = &session.session;
    let mut out = Vec::with_capacity(PAYLOAD);
    out.extend_from_slice(&touched.0.to_be_bytes());
    put_str(&mut out, &s.flow);
    put_str(&mut out, &s.step);
    put_str(&mut out, &s.lang);
    put_varint(&mut out, s.version);
    put_varint(&mut out, u64::from(s.menu));
    let mut flags = 0;
    if session.told_shared {
        flags |= TOLD_SHARED;
    }
    let span = session.oldest_message.zip(session.newest_message);
    if span.is_some() {
        flags |= HAS_MESSAGES;
    }
    if !s.trail.is_empty() {
        flags |= HAS_TRAIL;
    }
    if s.place.is_some() {
        flags |= HAS_PLACE;
    }
    if session.answered.is_some() {
        flags |= HAS_ANSWERED;
    }
    if session.applied.is_some() {
        flags |= HAS_APPLIED;
    }
    out.push(flags);
    if let Some((oldest, newest)) = span {
        put_varint(&mut out, zigzag(i64::from(oldest)));
        put_varint(&mut out, zigzag(i64::from(newest) - i64::from(oldest)));
    }
    if !s.trail.is_empty() {
        put_varint(&mut out, s.trail.len() as u64);
        for id in &s.trail {
            put_str(&mut out, id);
        }
    }
    match &s.place {
        None => {}
        Some(Place::Area(id)) => {
            out.push(1);
            put_str(&mut out, id);
        }
        Some(Place::Elsewhere) => out.push(2),
        Some(Place::Unsaid) => out.push(3),
    }
    for id in [session.answered, session.applied].into_iter().flatten() {
        put_varint(&mut out, u64::from(id));
    }
    let padded = out.len().div_ceil(PAYLOAD).max(1) * PAYLOAD;
    out.resize(padded, 0);
    out
}

fn read_payload(plain: &[u8]) -> Result<(StoredSession, Tick), DecodeError> {
    let (tick, rest) = plain
        .split_first_chunk::<4>()
        .ok_or(DecodeError::Truncated)?;
    let tick = Tick(u32::from_be_bytes(*tick));
    let mut input = Reader(rest);
    let flow = input.string()?;
    let step = input.string()?;
    let lang = input.string()?;
    let version = input.varint()?;
    let menu = u32::try_from(input.varint()?).map_err(|_| DecodeError::TooLarge)?;
    let (&flags, rest) = input.0.split_first().ok_or(DecodeError::Truncated)?;
    input.0 = rest;
    if flags & !(TOLD_SHARED | HAS_MESSAGES | HAS_TRAIL | HAS_PLACE | HAS_ANSWERED | HAS_APPLIED)
        != 0
    {
        return Err(DecodeError::Format);
    }
    let (oldest_message, newest_message) = if flags & HAS_MESSAGES != 0 {
        let oldest = unzigzag(input.varint()?);
        let newest = oldest
            .checked_add(unzigzag(input.varint()?))
            .ok_or(DecodeError::TooLarge)?;
        let id = |v: i64| i32::try_from(v).map_err(|_| DecodeError::TooLarge);
        (Some(id(oldest)?), Some(id(newest)?))
    } else {
        (None, None)
    };
    let mut trail = Vec::new();
    if flags & HAS_TRAIL != 0 {
        let count = input.varint()?;
        if count > crate::model::limits::MAX_TRAIL as u64 {
            return Err(DecodeError::TooLarge);
        }
        for _ in 0..count {
            trail.push(input.string()?);
        }
    }
    let place = if flags & HAS_PLACE != 0 {
        let (&tag, rest) = input.0.split_first().ok_or(DecodeError::Truncated)?;
        input.0 = rest;
        Some(match tag {
            1 => Place::Area(input.string()?),
            2 => Place::Elsewhere,
            3 => Place::Unsaid,
            _ => return Err(DecodeError::Format),
        })
    } else {
        None
    };
    let mut update = |flag: u8| -> Result<Option<u32>, DecodeError> {
        if flags & flag == 0 {
            return Ok(None);
        }
        let id = u32::try_from(input.varint()?).map_err(|_| DecodeError::TooLarge)?;
        Ok(Some(id))
    };
    let answered = update(HAS_ANSWERED)?;
    let applied = update(HAS_APPLIED)?;
    if input.0.iter().any(|&b| b != 0) {
        return Err(DecodeError::Trailing);
    }
    let stored = StoredSession {
        session: Session {
            flow,
            step,
            lang,
            version,
            menu,
            trail,
            place,
        },
        oldest_message,
        newest_message,
        told_shared: flags & TOLD_SHARED != 0,
        answered,
        applied,
    };
    Ok((stored, tick))
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first().ok_or(DecodeError::Truncated)?;
            self.0 = rest;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(DecodeError::TooLarge);
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DecodeError::TooLarge)
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        let len = usize::try_from(self.varint()?).map_err(|_| DecodeError::TooLarge)?;
        if len > self.0.len() {
            return Err(DecodeError::Truncated);
        }
        let (bytes, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(bytes.to_vec()).map_err(|_| DecodeError::Text)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn stored(span: Option<(i32, i32)>) -> StoredSession {
        StoredSession {
            session: Session {
                flow: "buyer".into(),
                step: "consequences".into(),
                lang: "sv".into(),
                version: 0x1234_5678_9abc_def0,
                menu: 7,
                trail: Vec::new(),
                place: None,
            },
            oldest_message: span.map(|s| s.0),
            newest_message: span.map(|s| s.1),
            told_shared: true,
            answered: None,
            applied: None,
        }
    }

    fn key(byte: u8) -> RecordKey {
        RecordKey::derive(&[byte; 32])
    }

    fn who(byte: u8) -> Pseudonym {
        Pseudonym::from_bytes([byte; Pseudonym::LEN])
    }

    fn seal(value: &StoredSession, tick: Tick) -> Vec<u8> {
        encode(&key(1), &who(1), value, tick).unwrap()
    }

    #[test]
    fn every_record_has_one_size_whatever_it_holds() {
        let bytes = seal(&stored(Some((1000, 1300))), Tick(3_000_000));
        assert_eq!(bytes.len(), RECORD);
        let mut short = stored(None);
        short.session.step = "a".into();
        assert_eq!(seal(&short, Tick(3)).len(), RECORD);
        // The longest the shipped flows make: a full trail of 20-byte step ids, the
        // widest span of message ids, every flag.
        let mut full = stored(Some((i32::MIN, i32::MAX)));
        full.told_shared = true;
        full.answered = Some(u32::MAX);
        full.applied = Some(u32::MAX);
        full.session.menu = u32::MAX;
        full.session.version = u64::MAX;
        full.session.flow = "f".repeat(20);
        full.session.step = "s".repeat(20);
        full.session.trail = vec!["t".repeat(20); crate::model::limits::MAX_TRAIL];
        assert_eq!(seal(&full, Tick(u32::MAX)).len(), RECORD);
    }

    #[test]
    fn the_place_is_sealed_comes_back_and_does_not_change_the_length() {
        let plain = seal(&stored(Some((10, 40))), Tick(9));
        for place in [
            Place::Area("linkoping".into()),
            Place::Elsewhere,
            Place::Unsaid,
        ] {
            let mut value = stored(Some((10, 40)));
            value.session.trail = vec!["buyer/where".into()];
            value.session.place = Some(place);
            let bytes = seal(&value, Tick(9));
            assert!(!bytes.windows(9).any(|w| w == b"linkoping"));
            assert_eq!(bytes.len(), plain.len());
            assert_eq!(decode(&key(1), &who(1), &bytes), Ok((value, Tick(9))));
        }
    }

    #[test]
    fn an_unknown_place_tag_is_refused() {
        let mut value = stored(None);
        value.session.place = Some(Place::Unsaid);
        let mut plain = payload(&value, Tick(0));
        let tag = plain.iter().rposition(|&b| b == 3).expect("the tag");
        plain[tag] = 9;
        assert_eq!(read_payload(&plain), Err(DecodeError::Format));
    }

    #[test]
    fn the_trail_of_step_ids_is_sealed_and_comes_back_in_order() {
        let mut value = stored(Some((10, 40)));
        value.session.trail = vec!["selling/safety".into(), "selling/talk".into()];
        let bytes = seal(&value, Tick(9));
        assert!(!bytes.windows(7).any(|w| w == b"selling"));
        assert_eq!(decode(&key(1), &who(1), &bytes), Ok((value, Tick(9))));
        // A record written before trails existed reads with an empty one.
        let old = stored(None);
        let bytes = seal(&old, Tick(9));
        assert_eq!(
            decode(&key(1), &who(1), &bytes).map(|(s, _)| s.session.trail),
            Ok(Vec::new())
        );
    }

    #[test]
    fn a_trail_longer_than_the_limit_is_refused() {
        let mut plain = payload(&stored(None), Tick(1));
        // flags: the trail bit on, then a count past the limit.
        let flags_at = plain.iter().rposition(|&b| b != 0).unwrap_or(0);
        plain[flags_at] |= HAS_TRAIL;
        plain[flags_at + 1] = (crate::model::limits::MAX_TRAIL + 1) as u8;
        assert_eq!(read_payload(&plain).map(|_| ()), Err(DecodeError::TooLarge));
    }

    #[test]
    fn names_are_not_readable_in_the_record() {
        let bytes = seal(&stored(Some((1, 2))), Tick(1));
        for word in [&b"buyer"[..], b"consequences", b"sv"] {
            assert!(!bytes.windows(word.len()).any(|w| w == word));
        }
    }

    #[test]
    fn another_key_another_name_or_a_changed_byte_does_not_open() {
        let value = stored(Some((5, 9)));
        let bytes = seal(&value, Tick(4));
        assert_eq!(decode(&key(1), &who(1), &bytes), Ok((value, Tick(4))));
        assert_eq!(
            decode(&key(2), &who(1), &bytes).map(|_| ()),
            Err(DecodeError::Sealed)
        );
        assert_eq!(
            decode(&key(1), &who(2), &bytes).map(|_| ()),
            Err(DecodeError::Sealed)
        );
        for i in [2, HEADER + 3, bytes.len() - 1] {
            let mut changed = bytes.clone();
            changed[i] ^= 1;
            assert_eq!(
                decode(&key(1), &who(1), &changed).map(|_| ()),
                Err(DecodeError::Sealed),
                "byte {i}"
            );
        }
    }

    #[test]
    fn the_same_session_seals_differently_each_time() {
        let value = stored(None);
        assert_ne!(seal(&value, Tick(1)), seal(&value, Tick(1)));
    }

    #[test]
    fn unknown_format_and_short_records_are_refused() {
        assert_eq!(clear_hour(&[]), Err(DecodeError::Truncated));
        assert_eq!(clear_hour(&[FORMAT, 0, 0]), Err(DecodeError::Truncated));
        assert_eq!(clear_hour(&[9, 0, 0, 0, 0]), Err(DecodeError::Format));
        // A record of the format before (sealed under a pseudonym key) goes as expired.
        assert_eq!(clear_hour(&[2, 0, 0, 0, 9, 1]), Err(DecodeError::Format));
        assert_eq!(
            decode(&key(1), &who(1), &[FORMAT, 0, 0, 0, 0, 1]).map(|_| ()),
            Err(DecodeError::Truncated)
        );
    }

    proptest! {
        #[test]
        fn round_trips(
            flow in ".{0,40}", step in ".{0,40}", lang in "[a-z-]{0,12}",
            version: u64, menu: u32, tick: u32, told: bool,
            span in proptest::option::of((any::<i32>(), any::<i32>())),
            answered: Option<u32>,
            applied: Option<u32>,
        ) {
            let value = StoredSession {
                session: Session { flow, step, lang, version, menu, trail: Vec::new(), place: None },
                oldest_message: span.map(|s| s.0.min(s.1)),
                newest_message: span.map(|s| s.0.max(s.1)),
                told_shared: told,
                answered,
                applied,
            };
            let (back, back_tick) = decode(&key(3), &who(3), &encode(&key(3), &who(3), &value, Tick(tick)).unwrap()).unwrap();
            prop_assert_eq!(back, value);
            prop_assert_eq!(back_tick, Tick(tick));
        }

        #[test]
        fn garbage_payloads_are_refused_or_read_consistently(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            if let Ok((value, tick)) = read_payload(&bytes) {
                prop_assert_eq!(read_payload(&payload(&value, tick)), Ok((value, tick)));
            }
        }
    }
}
