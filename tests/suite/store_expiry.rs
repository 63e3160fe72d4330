//! Expiry through `Sessions`, with a clock the test controls: idle sessions end a
//! lifetime after they were last touched (rounded down to ten minutes), activity keeps
//! them alive, maintenance removes them from disk, and quick exit removes them at once.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use signpost::engine::Stat;
use signpost::store::{Count, SUPPRESSED_BELOW, Sessions, StoreConfig, Ttl};

use crate::support::store::{at, mins, opening, stored};

fn open(root: &Path, hours: i64, now: Timestamp) -> Sessions {
    let config = StoreConfig {
        data: root.join("data"),
        key_file: Some(root.join("keys").join("signpost.key")),
        ttl: Ttl::from_hours(hours).expect("a valid lifetime"),
    };
    std::fs::create_dir_all(root.join("keys")).expect("a key folder");
    // Some tests open the same folder again: a restart.
    opening(|| Sessions::open(&config, now)).expect("the store opens")
}

#[test]
fn an_idle_session_ends_one_lifetime_after_its_last_touch() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let start = at("2025-03-01T09:00:00Z");
    let sessions = open(root.path(), 6, start);

    sessions
        .save(1, &stored("a", []), at("2025-03-01T09:07:00Z"))
        .expect("save");
    // Active again at 11:15: the lifetime counts from the 11:10 tick.
    sessions
        .save(1, &stored("b", []), at("2025-03-01T11:15:00Z"))
        .expect("save");
    sessions
        .save(2, &stored("c", []), at("2025-03-01T09:07:00Z"))
        .expect("save");

    let before = at("2025-03-01T15:00:00Z") - SignedDuration::from_secs(1);
    assert_eq!(
        sessions.load(2, before).expect("load"),
        Some(stored("c", []))
    );
    assert_eq!(
        sessions.load(2, at("2025-03-01T15:00:00Z")).expect("load"),
        None
    );
    assert_eq!(
        sessions.load(1, at("2025-03-01T15:00:00Z")).expect("load"),
        Some(stored("b", []))
    );

    let round = sessions
        .maintain(at("2025-03-01T15:00:00Z"))
        .expect("maintain");
    assert_eq!(round.expired, 1);
    assert_eq!(sessions.session_count().expect("count"), 1);
    assert_eq!(
        sessions.load(1, at("2025-03-01T17:10:00Z")).expect("load"),
        None
    );
    let round = sessions
        .maintain(at("2025-03-01T17:10:00Z"))
        .expect("maintain");
    assert_eq!(round.expired, 1);
    assert_eq!(sessions.session_count().expect("count"), 0);
}

#[test]
fn expired_sessions_stay_gone_after_a_restart() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let t0 = at("2025-03-01T09:00:00Z");
    {
        let sessions = open(root.path(), 1, t0);
        for chat in 0..50 {
            sessions.save(chat, &stored("x", []), t0).expect("save");
        }
        sessions.maintain(t0 + mins(60)).expect("maintain");
        assert_eq!(sessions.session_count().expect("count"), 0);
    }
    let sessions = open(root.path(), 1, t0 + mins(61));
    assert_eq!(sessions.session_count().expect("count"), 0);
}

#[test]
fn quick_exit_wipes_at_once_and_start_works_after_it() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let t0 = at("2025-03-01T09:00:00Z");
    let sessions = open(root.path(), 6, t0);
    let mut session = stored("deep", []);
    session.remember_message(501);
    session.remember_message(502);
    sessions.save(5, &session, t0).expect("save");
    let loaded = sessions.load(5, t0).expect("load").expect("a session");
    assert_eq!(
        (loaded.oldest_message, loaded.newest_message),
        (Some(501), Some(502))
    );

    sessions.wipe(5).expect("wipe");
    assert_eq!(sessions.load(5, t0).expect("load"), None);
    assert_eq!(sessions.session_count().expect("count"), 0);
    sessions.wipe(5).expect("wiping nothing is fine");

    sessions
        .save(5, &stored("start", []), t0 + mins(1))
        .expect("save");
    assert_eq!(
        sessions.load(5, t0 + mins(1)).expect("load"),
        Some(stored("start", []))
    );
}

#[test]
fn statistics_are_written_at_maintenance_and_survive_a_restart() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let t0 = at("2025-03-01T23:55:00Z");
    let signpost = Stat::Signpost {
        service: "1177".into(),
    };
    {
        let sessions = open(root.path(), 6, t0);
        sessions.count(&signpost, t0);
        assert!(
            sessions
                .statistics()
                .rows(None, None)
                .expect("rows")
                .is_empty()
        );
        sessions.maintain(t0).expect("maintain");
        sessions.count(&signpost, t0 + mins(10));
        sessions.flush().expect("flush at shutdown");
    }
    // The first day was under way at shutdown: carried over, written once it has ended
    // (at the first maintenance round after the restart); the second is still under way.
    let sessions = open(root.path(), 6, t0 + mins(20));
    sessions.maintain(t0 + mins(20)).expect("maintain");
    let rows = sessions.statistics().rows(None, None).expect("rows");
    let days: Vec<_> = rows
        .iter()
        .map(|row| (row.day.to_string(), row.count))
        .collect();
    // One, stored only as "fewer than" the suppression bound.
    let few = Count::FewerThan(SUPPRESSED_BELOW);
    assert_eq!(days, [("2025-03-01".to_owned(), few)]);
    sessions.flush().expect("flush at shutdown");
    drop(sessions);
    let sessions = open(root.path(), 6, t0 + mins(30));
    sessions.maintain(t0 + mins(25 * 60)).expect("maintain");
    let rows = sessions.statistics().rows(None, None).expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].day.to_string(), "2025-03-02");
}

#[test]
fn the_last_update_id_survives_a_restart() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let t0 = at("2025-03-01T09:00:00Z");
    {
        let sessions = open(root.path(), 6, t0);
        assert_eq!(sessions.last_update_id().expect("read"), None);
        sessions.set_last_update_id(981_223).expect("write");
    }
    let sessions = open(root.path(), 6, t0);
    assert_eq!(sessions.last_update_id().expect("read"), Some(981_223));
}
