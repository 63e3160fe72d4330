//! Churn: sessions keep arriving, are touched again, and expire; the sled store must not
//! grow with the number of sessions ever seen, only with the number alive. The million-
//! session run is `benches/store.rs` (see BENCHMARKS.md); this is the same shape
//! at a size a debug build runs in a few seconds.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use signpost::store::{Pseudonym, RecordKey, SessionStore, SledStore, Ttl};

use crate::support::store::stored;

const SESSIONS: u32 = 100_000;
/// A new conversation every half (simulated) second: with a one-hour lifetime, about
/// 8,400 are alive at any time.
const ARRIVAL_MS: i64 = 500;
/// The data folder must stay below this. Measured: 3.5 to 4.2 MiB at most.
const BOUND_BYTES: u64 = 8 * 1024 * 1024;

fn who(n: u32) -> Pseudonym {
    let hash = blake3::hash(&n.to_le_bytes());
    let mut bytes = [0; Pseudonym::LEN];
    bytes.copy_from_slice(&hash.as_bytes()[..Pseudonym::LEN]);
    Pseudonym::from_bytes(bytes)
}

/// Bytes the folder's files take on disk (allocated blocks), or their length when larger.
fn folder_size(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let entry = entry.expect("an entry");
        let meta = entry.metadata().expect("metadata");
        if meta.is_dir() {
            total += folder_size(&entry.path());
        } else {
            #[cfg(unix)]
            let allocated = std::os::unix::fs::MetadataExt::blocks(&meta) * 512;
            #[cfg(not(unix))]
            let allocated = 0;
            total += meta.len().max(allocated);
        }
    }
    total
}

#[test]
fn the_store_does_not_grow_under_churn() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ttl = Ttl::from_hours(1).expect("a valid lifetime");
    let store = SledStore::open(dir.path(), ttl).expect("the store opens");
    let key = RecordKey::derive(&[3; 32]);
    let start: Timestamp = "2025-03-01T00:00:00Z".parse().expect("a time");
    let sweep_every = (10 * 60 * 1000 / ARRIVAL_MS) as u32;

    let mut largest = 0;
    let mut now = start;
    for n in 0..SESSIONS {
        now = start + SignedDuration::from_millis(i64::from(n) * ARRIVAL_MS);
        store
            .put(&who(n), &key, &stored("intro", 1..3), now)
            .expect("put");
        // Each conversation goes on a few minutes later (600 arrivals = 5 minutes).
        if let Some(earlier) = n.checked_sub(600) {
            store
                .put(&who(earlier), &key, &stored("consequences", 1..9), now)
                .expect("put again");
        }
        if n % sweep_every == 0 {
            store.sweep(now).expect("sweep");
            store.flush().expect("flush");
            largest = largest.max(folder_size(dir.path()));
        }
    }
    // The last sweep ran at arrival 99,600 (49,800 s): it removed every session last
    // touched before 46,800 s, that is every arrival before 93,000 (touched again 600
    // arrivals later).
    let alive = store.session_count().expect("count");
    assert_eq!(alive, 7_000);
    assert_eq!(
        store.sweep(now + ttl.duration() * 2).expect("sweep"),
        alive,
        "every session expires"
    );
    store.flush().expect("flush");
    largest = largest.max(folder_size(dir.path()));
    eprintln!(
        "{SESSIONS} sessions through the store, {alive} alive at the end; \
         largest data folder {largest} bytes"
    );
    assert!(
        largest < BOUND_BYTES,
        "the data folder reached {largest} bytes"
    );
}
