//! Crash safety: a writer process is killed with SIGKILL again and again, at moments
//! chosen by a seeded generator (while it opens and recovers the store, between writes,
//! in the middle of one). After every kill the store must open, and every write the
//! writer acknowledged must be there; the one write in flight may or may not be. Every
//! fifth round also sweeps everything away, which proves that no crash left a session
//! the sweeper cannot remove.
//!
//! The writer is this test binary itself (`std::env::current_exe`), started with only
//! this test selected and `WRITER` in its environment: the same function then writes
//! instead of checking. Nothing is built while the tests run.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStderr, Command, Stdio};
use std::time::Duration;

use jiff::Timestamp;
use signpost::store::{Sessions, StoreConfig, Ttl};

use crate::support::store::{opening, stored};

/// In the writer's environment: the folder holding `data/` and `keys/`, and the first
/// operation to run (`<folder>\n<first op>`).
const WRITER: &str = "SIGNPOST_CRASH_WRITER";
/// Chat ids of the 64 chats start here.
const CHAT_BASE: i64 = 5_000_000_000;
const CHATS: u64 = 64;
const NOW: i64 = 1_740_000_000;
/// Rounds in a normal run; `SIGNPOST_CRASH_ROUNDS` asks for more (a longer soak).
const ROUNDS: usize = 30;

fn config(root: &Path) -> StoreConfig {
    StoreConfig {
        data: root.join("data"),
        key_file: Some(root.join("keys").join("signpost.key")),
        ttl: Ttl::from_hours(6).unwrap_or_else(|e| panic!("{e}")),
    }
}

/// The writer: runs the operations from `first` on of a fixed sequence over 64 chats and
/// writes `ack <op>` to stderr (libtest owns stdout) once each is durable; nothing for an
/// operation not yet durable. Operation `i` touches chat `CHAT_BASE + i % 64`: every
/// fifth is a quick exit (wipe), the others save the step `s<i>` with message id `i`;
/// every seventh also records `i` as the last update processed. `open` is written just
/// before the store is opened, so that the test can aim a kill at the recovery.
fn write_until_killed(root: &Path, first: u64) {
    let mut err = std::io::stderr().lock();
    let mut say = |line: String| {
        // One write per line: a kill cuts a line off at worst, never mixes two.
        err.write_all(line.as_bytes())
            .and_then(|()| err.flush())
            .unwrap_or_else(|e| panic!("the test stopped listening: {e}"));
    };
    let now = Timestamp::from_second(NOW).unwrap_or_else(|e| panic!("{e}"));
    say("open\n".into());
    let sessions = opening(|| Sessions::open(&config(root), now))
        .unwrap_or_else(|e| panic!("the store opens: {e}"));
    for op in first..first + 1_000_000 {
        let chat = CHAT_BASE + (op % CHATS) as i64;
        if op % 5 == 4 {
            sessions.wipe(chat).unwrap_or_else(|e| panic!("wipe: {e}"));
        } else {
            let id = i32::try_from(op).unwrap_or_else(|e| panic!("{e}"));
            let session = stored(&format!("s{op}"), [id]);
            sessions
                .save(chat, &session, now)
                .unwrap_or_else(|e| panic!("save: {e}"));
        }
        if op % 7 == 6 {
            let id = u32::try_from(op).unwrap_or_else(|e| panic!("{e}"));
            sessions
                .set_last_update_id(id)
                .unwrap_or_else(|e| panic!("update id: {e}"));
        }
        say(format!("ack {op}\n"));
    }
}

/// Starts the writer for the store in `root`, from operation `first` on.
fn start_writer(root: &Path, first: u64) -> std::process::Child {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("the test binary: {e}"));
    // libtest names a test by its path without the crate's name.
    let module = module_path!()
        .split_once("::")
        .map_or(module_path!(), |(_, rest)| rest);
    let this_test = format!("{module}::no_acknowledged_write_is_lost_to_kill_9");
    Command::new(exe)
        .args(["--exact", &this_test, "--nocapture", "--test-threads", "1"])
        .env(WRITER, format!("{}\n{first}", root.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the writer starts: {e}"))
}

/// A small deterministic generator (xorshift64*), so every run kills at the same points.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below
    }
}

/// What the store must hold after the operations `0..=last`, as the writer defines them.
#[derive(Clone, Debug)]
struct Model {
    /// Per chat: the operation that last saved it, `None` when wiped or never saved.
    chats: Vec<Option<u64>>,
    last_update_id: Option<u64>,
}

impl Model {
    fn new() -> Model {
        Model {
            chats: vec![None; CHATS as usize],
            last_update_id: None,
        }
    }

    fn apply(&mut self, op: u64) {
        self.apply_to_chat(op);
        self.apply_to_update_id(op);
    }

    fn apply_to_chat(&mut self, op: u64) {
        let chat = (op % CHATS) as usize;
        self.chats[chat] = if op % 5 == 4 { None } else { Some(op) };
    }

    fn apply_to_update_id(&mut self, op: u64) {
        if op % 7 == 6 {
            self.last_update_id = Some(op);
        }
    }

    fn read(sessions: &Sessions, now: Timestamp) -> Model {
        let mut model = Model::new();
        for chat in 0..CHATS {
            let found = sessions
                .load(CHAT_BASE + chat as i64, now)
                .expect("a session can be read");
            model.chats[chat as usize] = found.map(|stored| {
                let op: u64 = stored.session.step[1..].parse().expect("a step s<op>");
                assert_eq!(stored.newest_message, Some(op as i32), "ids match the step");
                op
            });
        }
        model.last_update_id = sessions
            .last_update_id()
            .expect("the update id can be read")
            .map(u64::from);
        model
    }
}

/// The writer's next line, `None` at its end or at a line cut off by the kill. Anything
/// but `expected` (a panic, say) fails the test with all the writer wrote.
fn next_line(lines: &mut BufReader<ChildStderr>, expected: &str) -> Option<String> {
    let mut line = String::new();
    match lines.read_line(&mut line) {
        Ok(0) | Err(_) => return None,
        // A line cut off by the kill is not an acknowledgement.
        Ok(_) if !line.ends_with('\n') => return None,
        Ok(_) => {}
    }
    if !line.starts_with(expected) {
        let _ = lines.read_to_string(&mut line);
        panic!("the writer wrote, instead of {expected:?}:\n{line}");
    }
    Some(line.trim_end().to_owned())
}

/// Reads acknowledgements until `wanted` have arrived or the writer ends, keeping the
/// highest acknowledged operation in `last`.
fn read_acks(lines: &mut BufReader<ChildStderr>, wanted: u64, last: &mut Option<u64>) {
    let mut seen = 0;
    while seen < wanted {
        let Some(line) = next_line(lines, "ack ") else {
            return;
        };
        let op = line
            .strip_prefix("ack ")
            .and_then(|op| op.parse().ok())
            .unwrap_or_else(|| panic!("unexpected writer output {line:?}"));
        if let Some(previous) = *last {
            assert_eq!(op, previous + 1, "acknowledgements come in order");
        }
        *last = Some(op);
        seen += 1;
    }
}

#[test]
fn no_acknowledged_write_is_lost_to_kill_9() {
    if let Ok(job) = std::env::var(WRITER) {
        let (root, first) = job
            .split_once('\n')
            .unwrap_or_else(|| panic!("{WRITER} holds a folder and an operation"));
        let first = first.parse().unwrap_or_else(|e| panic!("{first:?}: {e}"));
        write_until_killed(&PathBuf::from(root), first);
        return;
    }
    let root = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(root.path().join("keys")).expect("a key folder");
    let config = config(root.path());
    let now = Timestamp::from_second(NOW).expect("a valid time");

    let mut rng = Rng(0x5167_9057_2025_0301);
    let mut last: Option<u64> = None;
    let mut kills_before_first_ack = 0;
    // Sessions written by operations up to this one were swept away.
    let mut swept_through: Option<u64> = None;
    let rounds = std::env::var("SIGNPOST_CRASH_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(ROUNDS);
    for round in 0..rounds {
        let first = last.map_or(0, |l| l + 1);
        let mut child = start_writer(root.path(), first);
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = BufReader::new(stderr);
        next_line(&mut lines, "open").expect("the writer opens the store");

        if rng.next(4) == 0 {
            // Kill during start-up: opening the key file, recovering the database.
            std::thread::sleep(Duration::from_micros(rng.next(30_000)));
            kills_before_first_ack += 1;
        } else {
            let wanted = 1 + rng.next(40);
            read_acks(&mut lines, wanted, &mut last);
            std::thread::sleep(Duration::from_micros(rng.next(800)));
        }
        child.kill().expect("SIGKILL is sent");
        let status = child.wait().expect("the writer is reaped");
        // Acknowledgements written before the kill and not yet read count too.
        read_acks(&mut lines, u64::MAX, &mut last);
        assert!(
            status.code().is_none() || status.success(),
            "round {round}: the writer failed on its own ({status})"
        );
        let mut acked = Model::new();
        if let Some(last) = last {
            let first_kept = swept_through.map_or(0, |swept| swept + 1);
            for op in 0..=last {
                if op >= first_kept {
                    acked.apply_to_chat(op);
                }
                acked.apply_to_update_id(op);
            }
        }
        let mut with_in_flight = acked.clone();
        with_in_flight.apply(last.map_or(0, |l| l + 1));

        let sessions = opening(|| Sessions::open(&config, now))
            .unwrap_or_else(|error| panic!("round {round}: the store does not open: {error}"));
        let found = Model::read(&sessions, now);
        // The operation in flight writes a session and then, sometimes, the update id:
        // each part may or may not have happened.
        for chat in 0..CHATS as usize {
            let state = found.chats[chat];
            assert!(
                state == acked.chats[chat] || state == with_in_flight.chats[chat],
                "round {round}, chat {chat}: after op {last:?} found {state:?}, \
                 acknowledged {:?}",
                acked.chats[chat]
            );
        }
        assert!(
            found.last_update_id == acked.last_update_id
                || found.last_update_id == with_in_flight.last_update_id,
            "round {round}: update id {:?}, acknowledged {:?}",
            found.last_update_id,
            acked.last_update_id
        );

        if round % 5 == 4 {
            let far = now + config.ttl.duration() * 2;
            sessions.sweep(far).expect("a sweep runs");
            assert_eq!(
                sessions.session_count().expect("count"),
                0,
                "round {round}: a session escaped the sweep"
            );
            // The operation in flight, if it happened, was swept too; the next round
            // begins with it again.
            swept_through = last;
        }
    }
    eprintln!(
        "{rounds} kills, {kills_before_first_ack} of them during start-up; \
         operations acknowledged: {}",
        last.map_or(0, |l| l + 1)
    );
    assert!(
        last.is_some_and(|l| l > 100),
        "enough writes were made: {last:?}"
    );
    assert!(kills_before_first_ack > 3, "start-up was interrupted too");
}

/// sled 0.34 writes a snapshot to `snap.<lsn>.generating` and renames it when it is
/// complete; a kill in between leaves the unfinished file, which sled then reads as the
/// newest snapshot and refuses to open ("Read corrupted data"). The store removes it and
/// opens with everything acknowledged before.
#[test]
fn an_unfinished_snapshot_left_by_a_kill_does_not_stop_the_store_opening() {
    let root = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(root.path().join("keys")).expect("a key folder");
    let config = config(root.path());
    let now = Timestamp::from_second(NOW).expect("a valid time");
    {
        let sessions = Sessions::open(&config, now).expect("the store opens");
        sessions
            .save(CHAT_BASE, &stored("s1", [1]), now)
            .expect("a save");
    }
    let unfinished = config
        .data
        .join("sessions")
        .join("snap.FFFFFFFFFFFFFFFF.generating");
    std::fs::write(&unfinished, b"half a snapshot").expect("the file is written");

    let sessions = opening(|| Sessions::open(&config, now)).expect("the store opens");
    let found = sessions
        .load(CHAT_BASE, now)
        .expect("a session can be read");
    assert_eq!(found.map(|s| s.session.step), Some("s1".to_owned()));
    assert!(!unfinished.exists(), "the unfinished snapshot is gone");
}
