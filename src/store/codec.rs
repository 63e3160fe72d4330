//! The bytes of one stored session. A small binary format rather than JSON: message ids
//! are stored as differences between neighbours, which take one or two bytes each, so a
//! session with a full list of 300 ids is a few hundred bytes instead of two kilobytes.
//!
//! Layout: format byte (1), touched tick (u32, big-endian: fixed place so the store can
//! read it without decoding the rest), then flow, step and language (each a varint length
//! and UTF-8 bytes), flow-set version (varint), menu counter (varint), the number of
//! message ids (varint) and the ids: the first, then each difference to the one before,
//! zigzag-encoded varints.

use crate::engine::Session;

use super::StoredSession;
use super::time::Tick;

const FORMAT: u8 = 1;
const HEADER: usize = 5;

/// Why a stored record could not be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecodeError {
    Format,
    Truncated,
    Text,
    TooLarge,
    Trailing,
}

pub(crate) fn encode(session: &StoredSession, touched: Tick) -> Vec<u8> {
    let ids = newest_ids(&session.message_ids);
    let s = &session.session;
    let mut out = Vec::with_capacity(
        HEADER + 16 + s.flow.len() + s.step.len() + s.lang.len() + 2 * ids.len(),
    );
    out.push(FORMAT);
    out.extend_from_slice(&touched.0.to_be_bytes());
    put_str(&mut out, &s.flow);
    put_str(&mut out, &s.step);
    put_str(&mut out, &s.lang);
    put_varint(&mut out, s.version);
    put_varint(&mut out, u64::from(s.menu));
    put_varint(&mut out, ids.len() as u64);
    let mut previous = 0i64;
    for &id in ids {
        let id = i64::from(id);
        put_varint(&mut out, zigzag(id - previous));
        previous = id;
    }
    out
}

/// The tick a record was touched in, without decoding the rest.
pub(crate) fn touched(record: &[u8]) -> Result<Tick, DecodeError> {
    match record {
        [FORMAT, a, b, c, d, ..] => Ok(Tick(u32::from_be_bytes([*a, *b, *c, *d]))),
        [_, ..] if record.len() >= HEADER => Err(DecodeError::Format),
        _ => Err(DecodeError::Truncated),
    }
}

pub(crate) fn decode(record: &[u8]) -> Result<(StoredSession, Tick), DecodeError> {
    let tick = touched(record)?;
    let mut input = Reader(&record[HEADER..]);
    let flow = input.string()?;
    let step = input.string()?;
    let lang = input.string()?;
    let version = input.varint()?;
    let menu = u32::try_from(input.varint()?).map_err(|_| DecodeError::TooLarge)?;
    let count = usize::try_from(input.varint()?).map_err(|_| DecodeError::TooLarge)?;
    if count > StoredSession::MESSAGE_IDS_CAP {
        return Err(DecodeError::TooLarge);
    }
    let mut message_ids = Vec::with_capacity(count);
    let mut previous = 0i64;
    for _ in 0..count {
        let id = previous
            .checked_add(unzigzag(input.varint()?))
            .ok_or(DecodeError::TooLarge)?;
        message_ids.push(i32::try_from(id).map_err(|_| DecodeError::TooLarge)?);
        previous = id;
    }
    if !input.0.is_empty() {
        return Err(DecodeError::Trailing);
    }
    let session = Session {
        flow,
        step,
        lang,
        version,
        menu,
    };
    Ok((
        StoredSession {
            session,
            message_ids,
        },
        tick,
    ))
}

fn newest_ids(ids: &[i32]) -> &[i32] {
    &ids[ids.len().saturating_sub(StoredSession::MESSAGE_IDS_CAP)..]
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

    fn stored(ids: Vec<i32>) -> StoredSession {
        StoredSession {
            session: Session {
                flow: "buyer".into(),
                step: "consequences".into(),
                lang: "sv".into(),
                version: 0x1234_5678_9abc_def0,
                menu: 7,
            },
            message_ids: ids,
        }
    }

    #[test]
    fn a_full_session_is_small() {
        let ids = (1000..1000 + StoredSession::MESSAGE_IDS_CAP as i32).collect();
        let bytes = encode(&stored(ids), Tick(3_000_000));
        assert!(bytes.len() < 350, "{} bytes", bytes.len());
    }

    #[test]
    fn only_the_newest_ids_are_written() {
        let ids: Vec<i32> = (0..400).collect();
        let (back, _) = decode(&encode(&stored(ids), Tick(1))).unwrap();
        assert_eq!(back.message_ids, (100..400).collect::<Vec<_>>());
    }

    #[test]
    fn unknown_format_and_short_records_are_refused() {
        assert_eq!(touched(&[]), Err(DecodeError::Truncated));
        assert_eq!(touched(&[1, 0, 0]), Err(DecodeError::Truncated));
        assert_eq!(touched(&[9, 0, 0, 0, 0]), Err(DecodeError::Format));
        let mut bytes = encode(&stored(vec![1]), Tick(1));
        bytes.push(0);
        assert_eq!(decode(&bytes).map(|_| ()), Err(DecodeError::Trailing));
    }

    proptest! {
        #[test]
        fn round_trips(
            flow in ".{0,40}", step in ".{0,40}", lang in "[a-z-]{0,12}",
            version: u64, menu: u32, tick: u32,
            ids in proptest::collection::vec(any::<i32>(), 0..StoredSession::MESSAGE_IDS_CAP),
        ) {
            let value = StoredSession {
                session: Session { flow, step, lang, version, menu },
                message_ids: ids,
            };
            let (back, back_tick) = decode(&encode(&value, Tick(tick))).unwrap();
            prop_assert_eq!(back, value);
            prop_assert_eq!(back_tick, Tick(tick));
        }

        #[test]
        fn garbage_is_refused_or_read_consistently(
            mut bytes in proptest::collection::vec(any::<u8>(), 0..600),
        ) {
            // Mostly the known format byte, so that the rest of the decoder is exercised.
            if let Some(first) = bytes.first_mut()
                && *first < 200
            {
                *first = FORMAT;
            }
            if let Ok((value, tick)) = decode(&bytes) {
                prop_assert_eq!(decode(&encode(&value, tick)), Ok((value, tick)));
            }
        }
    }
}
