//! Crash safety: a writer process (`examples/store_writer.rs`) is killed with SIGKILL
//! again and again, at moments chosen by a seeded generator (during start-up and recovery,
//! between writes, in the middle of one). After every kill the store must open, and every
//! write the writer acknowledged must be there; the one write in flight may or may not be.
//! Every fifth round also sweeps everything away, which proves that no crash left a
//! session the sweeper cannot remove.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jiff::Timestamp;
use signpost::store::{Sessions, StoreConfig, Ttl};

/// Must match `examples/store_writer.rs`.
const CHAT_BASE: i64 = 5_000_000_000;
const CHATS: u64 = 64;
const NOW: i64 = 1_740_000_000;
/// Rounds in a normal run; `SIGNPOST_CRASH_ROUNDS` asks for more (a longer soak).
const ROUNDS: usize = 30;

/// The writer binary. `cargo test` builds examples next to the test binaries; a run of
/// only this test (`cargo test --test store_crash`) does not, so it is built here then.
fn writer() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test binaries live in <target>/<profile>/deps");
    let path = profile_dir.join("examples").join("store_writer");
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--example", "store_writer"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building examples/store_writer failed");
    }
    path
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

/// Reads acknowledgements until `wanted` have arrived or the writer ends, keeping the
/// highest acknowledged operation in `last`.
fn read_acks(
    lines: &mut BufReader<std::process::ChildStdout>,
    wanted: u64,
    last: &mut Option<u64>,
) {
    let mut seen = 0;
    let mut line = String::new();
    while seen < wanted {
        line.clear();
        match lines.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            // A line cut off by the kill is not an acknowledgement.
            Ok(_) if !line.ends_with('\n') => return,
            Ok(_) => {}
        }
        let op = line
            .trim_end()
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

fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut text);
    }
    text
}

#[test]
fn no_acknowledged_write_is_lost_to_kill_9() {
    let root = tempfile::tempdir().expect("a temporary folder");
    let data = root.path().join("data");
    let key_dir = root.path().join("keys");
    std::fs::create_dir(&key_dir).expect("a key folder");
    let key_file = key_dir.join("signpost.key");
    let now = Timestamp::from_second(NOW).expect("a valid time");
    let writer = writer();

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
        let mut child = Command::new(&writer)
            .arg(&data)
            .arg(&key_file)
            .arg(NOW.to_string())
            .arg(first.to_string())
            .arg("1000000")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the writer starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout);

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
        // Acknowledgements printed before the kill and not yet read count too.
        read_acks(&mut lines, u64::MAX, &mut last);
        assert!(
            status.code().is_none() || status.success(),
            "round {round}: the writer failed on its own: {}",
            stderr_of(&mut child)
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

        let config = StoreConfig {
            data: data.clone(),
            key_file: Some(key_file.clone()),
            ttl: Ttl::from_hours(6).expect("a valid lifetime"),
        };
        let sessions = Sessions::open(&config, now)
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
