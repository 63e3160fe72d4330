//! The canary at the store level: conversations for distinctive chat ids go through
//! `Sessions` (saves, loads, quick exit, statistics, key rotation, expiry), and every byte
//! of the data folder and of the key file's folder is searched for those ids, in decimal
//! and as 8-byte little- and big-endian integers: no hit while the sessions live, and
//! none after they have expired. (The bot-level canary, with names and usernames and the
//! process output, belongs to the Telegram adapter's tests.)

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use signpost::engine::Stat;
use signpost::store::{Sessions, StoreConfig, Ttl};

use crate::support::files::files_under;
use crate::support::store::stored;

/// Distinctive ids: a typical modern user id, a short old one, one near Telegram's 52-bit
/// limit.
const CANARIES: [i64; 3] = [7_391_845_203, 271_828_182, 4_503_599_627_370_449];

fn patterns() -> Vec<(String, Vec<u8>)> {
    let mut patterns = Vec::new();
    for id in CANARIES {
        patterns.push((format!("{id} decimal"), id.to_string().into_bytes()));
        patterns.push((format!("{id} little-endian"), id.to_le_bytes().to_vec()));
        patterns.push((format!("{id} big-endian"), id.to_be_bytes().to_vec()));
    }
    patterns
}

/// Every file under `dir` with every pattern it contains.
fn hits(dir: &Path) -> Vec<String> {
    let files = files_under(dir);
    assert!(!files.is_empty(), "{} holds files to scan", dir.display());
    let patterns = patterns();
    let mut found = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).expect("a readable file");
        for (name, pattern) in &patterns {
            if bytes.windows(pattern.len()).any(|window| window == pattern) {
                found.push(format!("{name} in {}", path.display()));
            }
        }
    }
    found
}

#[test]
fn no_chat_id_reaches_the_disk_during_or_after_expiry() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let data = root.path().join("data");
    let keys = root.path().join("keys");
    std::fs::create_dir(&keys).expect("a key folder");
    let config = StoreConfig {
        data: data.clone(),
        key_file: Some(keys.join("signpost.key")),
        ttl: Ttl::from_hours(1).expect("a valid lifetime"),
    };
    let t0: Timestamp = "2025-03-01T20:00:00Z".parse().expect("a time");
    let mins = SignedDuration::from_mins;

    {
        let sessions = Sessions::open(&config, t0).expect("the store opens");
        for (n, chat) in CANARIES.into_iter().enumerate() {
            let n = n as i32;
            sessions
                .save(chat, &stored("intro", [n]), t0)
                .expect("save");
            assert!(sessions.load(chat, t0 + mins(5)).expect("load").is_some());
            sessions.count(
                &Stat::Step {
                    flow: "seller".into(),
                    step: "intro".into(),
                },
                t0,
            );
            sessions
                .save(chat, &stored("help", [n, n + 1, n + 2]), t0 + mins(5))
                .expect("save");
            sessions.count(
                &Stat::Signpost {
                    service: "nmt".into(),
                },
                t0 + mins(5),
            );
            sessions.count(&Stat::Intent { intent: "privacy" }, t0 + mins(5));
        }
        sessions.wipe(CANARIES[1]).expect("quick exit");
        sessions
            .save(CANARIES[1], &stored("start", []), t0 + mins(6))
            .expect("save");
        sessions.set_last_update_id(4_000_000).expect("update id");
        sessions.maintain(t0 + mins(10)).expect("maintain");
        assert_eq!(sessions.session_count().expect("count"), 3);

        assert_eq!(hits(&data), Vec::<String>::new(), "while the sessions live");
        assert_eq!(hits(&keys), Vec::<String>::new(), "while the sessions live");

        // A rotation with a live session, then expiry and the destruction of keys.
        sessions
            .save(CANARIES[0], &stored("more", [9]), t0 + mins(15))
            .expect("save");
        sessions.maintain(t0 + mins(60)).expect("maintain");
        assert!(
            sessions
                .load(CANARIES[0], t0 + mins(61))
                .expect("load")
                .is_some()
        );
        sessions.maintain(t0 + mins(130)).expect("maintain");
        sessions.maintain(t0 + mins(190)).expect("maintain");
        assert_eq!(sessions.session_count().expect("count"), 0);
        sessions.flush().expect("flush");
    }

    assert_eq!(hits(&data), Vec::<String>::new(), "after expiry");
    assert_eq!(hits(&keys), Vec::<String>::new(), "after expiry");
}

#[test]
fn the_scan_finds_an_id_written_in_any_of_its_forms() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let nested = dir.path().join("deep");
    std::fs::create_dir(&nested).expect("a folder");
    let id = CANARIES[2];
    std::fs::write(
        nested.join("le"),
        [&[0u8; 3][..], &id.to_le_bytes()].concat(),
    )
    .expect("write");
    std::fs::write(dir.path().join("be"), id.to_be_bytes()).expect("write");
    std::fs::write(dir.path().join("text"), format!("chat={id};")).expect("write");
    let found = hits(dir.path());
    assert_eq!(found.len(), 3, "{found:?}");
}
