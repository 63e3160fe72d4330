//! The pseudonym keys: where the key file may live and with which permissions, and what
//! rotation does. Live conversations survive rotations; once a key is destroyed, the
//! sessions written under it can no longer be linked to a chat, even by someone holding
//! the data folder and the key file.

use std::fs;
use std::path::{Path, PathBuf};

use signpost::store::{
    Keyring, RecordKey, SessionStore, Sessions, SledStore, StoreConfig, StoreError, Ttl,
    sessions_dir,
};

use crate::support::store::{at, mins, opening, stored};

fn hour() -> Ttl {
    Ttl::from_hours(1).expect("a valid lifetime")
}

struct Folders {
    _root: tempfile::TempDir,
    data: PathBuf,
    key_file: PathBuf,
}

fn folders() -> Folders {
    let root = tempfile::tempdir().expect("a temporary folder");
    let keys = root.path().join("keys");
    fs::create_dir(&keys).expect("a key folder");
    Folders {
        data: root.path().join("data"),
        key_file: keys.join("signpost.key"),
        _root: root,
    }
}

fn config(folders: &Folders) -> StoreConfig {
    StoreConfig {
        data: folders.data.clone(),
        key_file: Some(folders.key_file.clone()),
        ttl: hour(),
    }
}

/// The 64 hex digits of the key on the line starting with `label` in the key file.
fn key_hex(key_file: &Path, label: &str) -> String {
    let text = fs::read_to_string(key_file).expect("a readable key file");
    let line = text
        .lines()
        .find(|line| line.starts_with(label))
        .expect("the line is there");
    line.rsplit(' ').next().expect("a key").to_owned()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn the_key_file_is_created_readable_by_its_owner_only() {
    let folders = folders();
    let _sessions = Sessions::open(&config(&folders), at("2025-03-01T09:00:00Z")).expect("open");
    assert!(folders.key_file.is_file());
    #[cfg(unix)]
    assert_eq!(mode(&folders.key_file), 0o600);
    assert_eq!(key_hex(&folders.key_file, "current").len(), 64);
}

#[test]
fn a_key_file_inside_the_data_folder_is_refused() {
    let folders = folders();
    let mut config = config(&folders);
    config.key_file = Some(folders.data.join("signpost.key"));
    let error = Sessions::open(&config, at("2025-03-01T09:00:00Z")).expect_err("refused");
    assert!(
        matches!(error, StoreError::KeyFileInsideData { .. }),
        "{error}"
    );
    assert!(!folders.data.join("signpost.key").exists());
    assert!(
        !sessions_dir(&folders.data).exists(),
        "nothing created before the check"
    );
}

#[cfg(unix)]
#[test]
fn a_key_file_reached_through_a_link_into_the_data_folder_is_refused() {
    let folders = folders();
    fs::create_dir_all(&folders.data).expect("data folder");
    let inside = folders.data.join("hidden.key");
    Keyring::open(
        &inside,
        &folders.key_file.with_file_name("other"),
        hour(),
        at("2025-03-01T09:00:00Z"),
    )
    .expect("a key file elsewhere is fine");
    std::os::unix::fs::symlink(&inside, &folders.key_file).expect("a link");
    let error = Sessions::open(&config(&folders), at("2025-03-01T09:00:00Z")).expect_err("refused");
    assert!(
        matches!(error, StoreError::KeyFileInsideData { .. }),
        "{error}"
    );
}

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let folders = folders();
    drop(Sessions::open(&config(&folders), at("2025-03-01T09:00:00Z")).expect("open"));
    fs::set_permissions(&folders.key_file, fs::Permissions::from_mode(0o644)).expect("chmod");
    let error = Sessions::open(&config(&folders), at("2025-03-01T09:00:00Z")).expect_err("refused");
    assert!(error.to_string().contains("chmod 600"), "{error}");
}

#[test]
fn a_damaged_key_file_is_refused_with_a_way_out() {
    let folders = folders();
    drop(Sessions::open(&config(&folders), at("2025-03-01T09:00:00Z")).expect("open"));
    let text = fs::read_to_string(&folders.key_file).expect("read");
    let hex = key_hex(&folders.key_file, "current");
    let flipped = if hex.starts_with('0') { "1" } else { "0" };
    fs::write(
        &folders.key_file,
        text.replace(&hex, &format!("{flipped}{}", &hex[1..])),
    )
    .expect("write");
    let error = Sessions::open(&config(&folders), at("2025-03-01T09:00:00Z")).expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "key file {} is damaged (checksum mismatch); delete it to start with a new key \
             (conversations in progress then start from the beginning)",
            folders.key_file.display()
        )
    );
}

#[test]
fn keys_survive_a_restart() {
    let folders = folders();
    let t0 = at("2025-03-01T09:00:00Z");
    {
        let sessions = Sessions::open(&config(&folders), t0).expect("open");
        sessions.save(77, &stored("kept", []), t0).expect("save");
    }
    let sessions = opening(|| Sessions::open(&config(&folders), t0 + mins(20))).expect("reopen");
    assert_eq!(
        sessions.load(77, t0 + mins(20)).expect("load"),
        Some(stored("kept", []))
    );
}

#[test]
fn rotation_keeps_live_conversations() {
    let folders = folders();
    let t0 = at("2025-03-01T09:00:00Z");
    let sessions = Sessions::open(&config(&folders), t0).expect("open");
    sessions
        .save(1, &stored("one", []), t0 + mins(50))
        .expect("save");

    // Keys rotate every hour; the person writes every 50 minutes and is always found,
    // whichever key their session was last written under.
    let mut now = t0 + mins(50);
    for round in 0..5 {
        now += mins(50);
        let rounds = sessions.maintain(now).expect("maintain");
        assert_eq!(rounds.expired, 0, "round {round}");
        let found = sessions.load(1, now).expect("load");
        assert_eq!(found, Some(stored("one", [])), "round {round}");
        sessions.save(1, &stored("one", []), now).expect("save");
    }
    assert_eq!(
        sessions.session_count().expect("count"),
        1,
        "moved, not copied"
    );
}

#[test]
fn a_destroyed_key_cannot_find_its_sessions() {
    let folders = folders();
    let t0 = at("2025-03-01T09:00:00Z");
    let written = t0 + mins(50);
    let first_key = {
        let keyring = Keyring::open(&folders.key_file, &folders.data, hour(), t0).expect("keys");
        let store = SledStore::open(&sessions_dir(&folders.data), hour()).expect("store");
        let orphan = keyring.pseudonym(1);
        store
            .put(
                &orphan,
                keyring.record_key(),
                &stored("orphan", []),
                written,
            )
            .expect("put");
        store.flush().expect("flush");
        orphan
    };
    let first_hex = key_hex(&folders.key_file, "current");

    // Two rotations, and no sweep: the record stays on disk, but its key goes.
    let mut keyring = Keyring::open(&folders.key_file, &folders.data, hour(), t0).expect("keys");
    assert!(keyring.rotate_if_due(t0 + mins(60)).expect("rotate"));
    assert_eq!(
        keyring.previous_pseudonym(1),
        Some(first_key),
        "still reachable"
    );
    assert!(keyring.rotate_if_due(t0 + mins(120)).expect("rotate"));
    assert_ne!(keyring.pseudonym(1), first_key);
    assert_ne!(keyring.previous_pseudonym(1), Some(first_key));
    let text = fs::read_to_string(&folders.key_file).expect("read");
    assert!(!text.contains(&first_hex), "the first key is overwritten");

    // The record is still in the store (read back with its pseudonym and the key as they
    // were when it was written), but no key there is can name or open it any more.
    let store = opening(|| SledStore::open(&sessions_dir(&folders.data), hour())).expect("store");
    assert_eq!(store.session_count().expect("count"), 1);
    let first_secret: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&first_hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect();
    let first_secret: [u8; 32] = first_secret.try_into().expect("32 bytes");
    assert_eq!(
        store
            .get(&first_key, &RecordKey::derive(&first_secret), written)
            .expect("get"),
        Some(stored("orphan", []))
    );
    drop(store);
    let sessions = opening(|| Sessions::open(&config(&folders), written)).expect("open");
    assert_eq!(sessions.load(1, written).expect("load"), None);
    assert_eq!(
        sessions.readable_records().expect("records"),
        (0, 1),
        "the record is on disk, and no key there is opens it"
    );
}

#[test]
fn keys_from_long_ago_are_all_destroyed_at_start() {
    let folders = folders();
    let t0 = at("2025-03-01T09:00:00Z");
    drop(Keyring::open(&folders.key_file, &folders.data, hour(), t0).expect("keys"));
    let old = key_hex(&folders.key_file, "current");
    // Down for three hours: the current key is two lifetimes old at start.
    let keyring =
        Keyring::open(&folders.key_file, &folders.data, hour(), t0 + mins(180)).expect("keys");
    assert_eq!(keyring.previous_pseudonym(1), None);
    let text = fs::read_to_string(&folders.key_file).expect("read");
    assert!(!text.contains(&old));
    assert!(key_hex(&folders.key_file, "previous").starts_with("----"));
}
