//! Resident memory: the process with the shipped flow set loaded and idle, then holding
//! 100,000 live engine sessions in a `HashMap` keyed by a 32-byte pseudonym: a lower
//! bound for the in-memory session store (which also keeps an expiry per session).
//!
//! Each session is what `engine::handle` returned for a call of the golden transcripts
//! (taken in turn), so the sessions have real flow, step and language ids, and the heap
//! has seen the replies of 100,000 steps come and go.
//!
//! Run: `cargo bench --bench memory`. Target: under 50 MiB with 100,000 sessions.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use signpost::engine::{self, Session};

const SESSIONS: u64 = 100_000;
const TARGET_MIB: f64 = 50.0;

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn rss() -> u64 {
    common::proc_status_kib("VmRSS").unwrap_or_else(|| {
        eprintln!("cannot read VmRSS from /proc/self/status");
        std::process::exit(1);
    })
}

fn main() {
    let start = rss();
    let set = common::load();
    let calls = common::workload(&set);
    let idle = rss();
    println!(
        "resident at start {:.1} MiB; flow set loaded and idle {:.1} MiB",
        mib(start),
        mib(idle)
    );
    println!("understanding model: {}", set.understanding.summary());

    let key = [7u8; 32];
    let mut sessions: HashMap<[u8; 32], Session> = HashMap::new();
    for n in 0..SESSIONS {
        let call = &calls[(n % calls.len() as u64) as usize];
        let outcome = engine::handle(
            &set,
            call.session.clone(),
            &call.input,
            &common::context(&call.hint),
            call.now,
        );
        // A quick exit leaves no session; the conversation before it would have one.
        let Some(session) = outcome.session.or_else(|| call.session.clone()) else {
            continue;
        };
        let pseudonym = *blake3::keyed_hash(&key, &n.to_le_bytes()).as_bytes();
        sessions.insert(pseudonym, session);
    }
    let held = rss();
    let per_session = (held.saturating_sub(idle) * 1024) as f64 / sessions.len() as f64;
    println!(
        "holding {} sessions: {:.1} MiB ({:.1} MiB more than idle, {per_session:.0} bytes \
         per session); target {TARGET_MIB:.0} MiB {}",
        sessions.len(),
        mib(held),
        mib(held.saturating_sub(idle)),
        if mib(held) < TARGET_MIB {
            "met"
        } else {
            "MISSED"
        }
    );
    let peak = common::proc_status_kib("VmHWM").unwrap_or(held);
    println!("peak resident (VmHWM): {:.1} MiB", mib(peak));
    black_box(&sessions);
}
