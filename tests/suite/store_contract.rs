//! One contract for every `SessionStore`: the same calls, the same answers, whether the
//! sessions are in sled or in memory.

use jiff::SignedDuration;
use signpost::store::{MemoryStore, Pseudonym, RecordKey, SessionStore, SledStore, Ttl, opens};

use crate::support::store::{at, mins, opening, stored};

fn who(n: u32) -> Pseudonym {
    let mut bytes = [0xA5; Pseudonym::LEN];
    bytes[..4].copy_from_slice(&n.to_be_bytes());
    Pseudonym::from_bytes(bytes)
}

fn key() -> RecordKey {
    RecordKey::derive(&[7; 32])
}

/// The contract. `ttl` is the lifetime the store was made with.
fn contract(store: &dyn SessionStore, ttl: Ttl) -> Result<(), signpost::store::StoreError> {
    let life = ttl.duration();
    // 12:04 and 12:14 fall in the ticks starting 12:00 and 12:10.
    let t0 = at("2025-03-01T12:04:00Z");
    let tick0 = at("2025-03-01T12:00:00Z");
    let tick1 = at("2025-03-01T12:10:00Z");
    let (a, b, c) = (who(1), who(2), who(3));

    // Empty.
    assert_eq!(store.get(&a, &key(), t0)?, None);
    assert!(!store.remove(&a)?);
    assert_eq!(store.session_count()?, 0);
    assert_eq!(store.sweep(t0 + life * 10)?, 0);
    assert_eq!(store.last_update_id()?, None);

    // Put, get, replace.
    store.put(&a, &key(), &stored("first", [1, 2]), t0)?;
    assert_eq!(store.get(&a, &key(), t0)?, Some(stored("first", [1, 2])));
    assert_eq!(store.get(&b, &key(), t0)?, None);
    store.put(&a, &key(), &stored("second", [1, 2, 5]), t0 + mins(10))?;
    assert_eq!(
        store.get(&a, &key(), t0)?,
        Some(stored("second", [1, 2, 5]))
    );
    assert_eq!(store.session_count()?, 1);

    // Only the oldest and newest message ids are kept; a record opens with its own key
    // under its own name only.
    store.put(&b, &key(), &stored("long", 0..350), t0)?;
    let long = store.get(&b, &key(), t0)?;
    assert_eq!(
        long.map(|s| (s.oldest_message, s.newest_message)),
        Some((Some(0), Some(349)))
    );
    assert_eq!(store.get(&b, &RecordKey::derive(&[8; 32]), t0)?, None);
    let records = store.records()?;
    assert_eq!(records.len(), 2);
    for (name, record) in &records {
        assert!(opens(&key(), name, record));
        assert!(!opens(&key(), &c, record), "opens under another name");
    }
    store.put(&b, &key(), &stored("long", 0..350), t0)?;
    assert_eq!(store.session_count()?, 2);

    // A session is gone a lifetime after the start of the tick it was last touched in,
    // for readers at once; for the sweeper, which holds no key and reads only the clear
    // hour, a lifetime after the first whole hour from that tick's start.
    assert!(
        store
            .get(
                &b,
                &key(),
                tick0 + life - mins(1) + SignedDuration::from_secs(59)
            )?
            .is_some()
    );
    assert_eq!(store.get(&b, &key(), tick0 + life)?, None);
    assert_eq!(store.session_count()?, 2, "not swept yet");
    assert!(
        store.get(&a, &key(), tick0 + life)?.is_some(),
        "touched later"
    );
    // b's tick starts 12:00, on the hour: swept at once.
    assert_eq!(store.sweep(tick0 + life)?, 1);
    assert_eq!(store.sweep(tick0 + life)?, 0);
    assert_eq!(store.session_count()?, 1);
    // a's tick starts 12:10: unreadable from 12:10 plus the lifetime, swept from 13:00
    // plus the lifetime, not a second before.
    assert_eq!(store.get(&a, &key(), tick1 + life)?, None);
    let next_hour = at("2025-03-01T13:00:00Z");
    assert_eq!(
        store.sweep(next_hour + life - SignedDuration::from_secs(1))?,
        0
    );
    assert_eq!(store.session_count()?, 1);
    assert_eq!(store.sweep(next_hour + life)?, 1);
    assert_eq!(store.session_count()?, 0);

    // A removed session is gone for good: a later sweep finds nothing to count.
    store.put(&c, &key(), &stored("x", []), t0)?;
    assert!(store.remove(&c)?);
    assert!(!store.remove(&c)?);
    assert_eq!(store.get(&c, &key(), t0)?, None);
    assert_eq!(store.sweep(t0 + life * 10)?, 0);

    // Many sessions over many ticks: a sweep removes exactly the expired ones.
    for n in 0..3000 {
        store.put(
            &who(100 + n),
            &key(),
            &stored("many", [n as i32]),
            t0 + mins(i64::from(n % 60)),
        )?;
    }
    // Touched from 12:04 to 13:03, 50 sessions a minute. A sweep at 12:30 plus the
    // lifetime removes the clear hour 12:00: the tick from 12:00, touched 12:04 to 12:09.
    // The ticks from 12:10 to 13:00 all have the clear hour 13:00.
    assert_eq!(store.sweep(at("2025-03-01T12:30:00Z") + life)?, 6 * 50);
    assert_eq!(store.session_count()?, 54 * 50);
    assert_eq!(store.sweep(at("2025-03-01T12:59:59Z") + life)?, 0);
    assert_eq!(store.sweep(at("2025-03-01T13:00:00Z") + life)?, 54 * 50);
    assert_eq!(store.session_count()?, 0);

    // The last update processed.
    store.set_last_update_id(7)?;
    store.set_last_update_id(9)?;
    assert_eq!(store.last_update_id()?, Some(9));

    store.flush()
}

#[test]
fn memory_store_keeps_the_contract() {
    let ttl = Ttl::from_hours(6).expect("a valid lifetime");
    contract(&MemoryStore::new(ttl), ttl).expect("the memory store works");
}

#[test]
fn sled_store_keeps_the_contract() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ttl = Ttl::from_hours(1).expect("a valid lifetime");
    let store = SledStore::open(dir.path(), ttl).expect("the store opens");
    contract(&store, ttl).expect("the sled store works");
}

#[test]
fn sled_store_keeps_sessions_and_update_id_across_a_reopen() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ttl = Ttl::from_hours(2).expect("a valid lifetime");
    let t0 = at("2025-03-01T12:04:00Z");
    {
        let store = SledStore::open(dir.path(), ttl).expect("the store opens");
        store
            .put(&who(1), &key(), &stored("kept", [10, 11]), t0)
            .expect("put");
        store.set_last_update_id(123).expect("set update id");
        store.flush().expect("flush");
    }
    let store = opening(|| SledStore::open(dir.path(), ttl)).expect("the store opens again");
    assert_eq!(
        store.get(&who(1), &key(), t0).expect("get"),
        Some(stored("kept", [10, 11]))
    );
    assert_eq!(store.last_update_id().expect("update id"), Some(123));
    assert_eq!(store.sweep(t0 + ttl.duration()).expect("sweep"), 1);
    assert_eq!(store.session_count().expect("count"), 0);
}
