//! What the store's suites share: instants written as text, minutes, and a stored
//! session with a given step and message ids.

use jiff::{SignedDuration, Timestamp};
use signpost::engine::Session;
use signpost::store::StoredSession;

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
    });
    for id in ids {
        stored.remember_message(id);
    }
    stored
}
