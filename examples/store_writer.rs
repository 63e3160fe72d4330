//! A process that writes sessions for the crash test (`tests/store_crash.rs`), which kills
//! it with SIGKILL at arbitrary moments and then checks the store.
//!
//! Usage: `store_writer <data> <key file> <now, seconds since 1970> <first op> <ops>`.
//! Runs the operations `first op .. first op + ops` of a fixed sequence over 64 chats and
//! prints `ack <op>` once each is durable; nothing is printed for an operation that has
//! not been made durable. Operation `i` touches chat `CHAT_BASE + i % 64`: every fifth
//! is a quick exit (wipe), the others save the step `s<i>` with message id `i`; every
//! seventh also records `i` as the last update processed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use jiff::Timestamp;
use signpost::engine::Session;
use signpost::store::{Sessions, StoreConfig, StoredSession, Ttl};

/// Chat ids of the test's 64 chats start here.
const CHAT_BASE: i64 = 5_000_000_000;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("store_writer: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, key_file, now, first, count] = args.as_slice() else {
        return Err("usage: store_writer <data> <key file> <now> <first op> <ops>".into());
    };
    let now = Timestamp::from_second(now.parse()?)?;
    let first: u64 = first.parse()?;
    let count: u64 = count.parse()?;
    let config = StoreConfig {
        data: PathBuf::from(data),
        key_file: Some(PathBuf::from(key_file)),
        ttl: Ttl::from_hours(6)?,
    };
    let sessions = Sessions::open(&config, now)?;
    let mut out = std::io::stdout().lock();
    for op in first..first + count {
        let chat = CHAT_BASE + (op % 64) as i64;
        if op % 5 == 4 {
            sessions.wipe(chat)?;
        } else {
            let mut stored = StoredSession::new(Session {
                flow: "crash".into(),
                step: format!("s{op}"),
                lang: "sv".into(),
                version: 1,
                menu: 0,
                trail: Vec::new(),
            });
            stored.remember_message(i32::try_from(op)?);
            sessions.save(chat, &stored, now)?;
        }
        if op % 7 == 6 {
            sessions.set_last_update_id(u32::try_from(op)?)?;
        }
        writeln!(out, "ack {op}")?;
        out.flush()?;
    }
    Ok(())
}
