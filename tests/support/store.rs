//! What the store's suites share: instants written as text, minutes, a stored session
//! with a given step and message ids, and opening a store again in this process.

use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use signpost::engine::Session;
use signpost::store::{StoreError, StoredSession};

/// An instant in the test, such as `at("2025-03-01T12:04:00Z")`.
pub fn at(text: &str) -> Timestamp {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a valid instant: {e}"))
}

pub fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

/// A session at `step` of the flow "main" in Swedish, with the message ids `ids`
/// remembered for quick exit (only the oldest and newest are kept).
pub fn stored(step: &str, ids: impl IntoIterator<Item = i32>) -> StoredSession {
    let mut stored = StoredSession::new(Session {
        flow: "main".into(),
        step: step.into(),
        lang: "sv".into(),
        version: 1,
        menu: 0,
        trail: Vec::new(),
        place: None,
    });
    for id in ids {
        stored.remember_message(id);
    }
    stored
}

/// Runs `open` until it does not find the store's folder locked, for at most ten
/// seconds; any other outcome is returned at once. For a store opened again in this
/// process (a restart): sled locks its folder with `flock`, and such a lock belongs to
/// the open file, not to a process. A child that another test is starting holds copies
/// of this process's descriptors from its fork until its exec, and with them the lock
/// of a store this process has just closed. (sled's own tests wait here too.)
pub fn opening<T>(open: impl Fn() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match open() {
            Err(error)
                if format!("{error:?}").contains("could not acquire lock")
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            outcome => return outcome,
        }
    }
}
