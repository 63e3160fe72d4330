//! Store numbers for BENCHMARKS.md (`cargo bench` builds in release):
//!
//! `cargo bench --bench store -- [--sessions 1000000] [--live 10000] [--writes 2]
//!  [--flush-every 1] [--fill 100000]`
//!
//! Four parts, each in a fresh temporary folder:
//! 0. sealing: 100,000 writes and reads of one session through the in-memory store,
//!    which encodes and seals (XChaCha20-Poly1305) every write and opens every read as
//!    the sled store does, without a disk: the cost of sealing per write;
//! 1. latency: 10,000 saves and loads through `Sessions`, as the bot does them (keyed
//!    pseudonyms, a flush after every save);
//! 2. footprint: `--fill` live sessions with 20 message ids each: data folder size per
//!    session, and the process's peak resident memory;
//! 3. churn: `--sessions` conversations arriving on a simulated clock so that about
//!    `--live` are alive at once (one-hour lifetime), each written `--writes` times a few
//!    minutes apart, a flush every `--flush-every` writes (1 is what the bot does), a sweep
//!    every ten simulated minutes: the largest data folder seen, and its size at the end.

use std::path::Path;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use signpost::engine::Session;
use signpost::store::{
    MemoryStore, Pseudonym, RecordKey, SessionStore, Sessions, SledStore, StoreConfig,
    StoredSession, Ttl,
};

struct Options {
    sessions: u64,
    live: u64,
    writes: u64,
    flush_every: u64,
    fill: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        sessions: 1_000_000,
        live: 10_000,
        writes: 2,
        flush_every: 1,
        fill: 100_000,
    };
    // `cargo bench` adds `--bench` to every benchmark's arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    for pair in args.chunks(2) {
        let [name, value] = pair else {
            return Err(format!("{} needs a value", pair[0]));
        };
        let value: u64 = value
            .parse()
            .map_err(|_| format!("{name}: not a number: {value}"))?;
        match name.as_str() {
            "--sessions" => options.sessions = value,
            "--live" => options.live = value.max(1),
            "--writes" => options.writes = value.max(1),
            "--flush-every" => options.flush_every = value.max(1),
            "--fill" => options.fill = value,
            _ => return Err(format!("unknown option {name}")),
        }
    }
    Ok(options)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options()?;
    let start: Timestamp = "2025-03-01T00:00:00Z".parse()?;
    sealing(start)?;
    latency(start)?;
    footprint(start, options.fill)?;
    churn(start, &options)?;
    Ok(())
}

fn stored(step: &str, ids: i32) -> StoredSession {
    let mut stored = StoredSession::new(Session {
        flow: "buyer".into(),
        step: step.into(),
        lang: "sv".into(),
        version: 0x0123_4567_89ab_cdef,
        menu: 4,
        trail: Vec::new(),
        place: None,
    });
    for id in 1000..1000 + ids {
        stored.remember_message(id);
    }
    stored
}

fn config(root: &Path, hours: i64) -> Result<StoreConfig, Box<dyn std::error::Error>> {
    Ok(StoreConfig {
        data: root.join("data"),
        key_file: Some(root.join("signpost.key")),
        ttl: Ttl::from_hours(hours)?,
    })
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    format!(
        "p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    )
}

fn who(n: u64) -> Pseudonym {
    let hash = blake3::hash(&n.to_le_bytes());
    let mut bytes = [0; Pseudonym::LEN];
    bytes.copy_from_slice(&hash.as_bytes()[..Pseudonym::LEN]);
    Pseudonym::from_bytes(bytes)
}

fn sealing(start: Timestamp) -> Result<(), Box<dyn std::error::Error>> {
    let store = MemoryStore::new(Ttl::from_hours(6)?);
    let key = RecordKey::derive(&[9; 32]);
    let session = stored("consequences", 20);
    let n = 100_000u32;
    let began = Instant::now();
    for i in 0..n {
        store.put(&who(u64::from(i % 1000)), &key, &session, start)?;
    }
    let put = began.elapsed() / n;
    let began = Instant::now();
    for i in 0..n {
        if store.get(&who(u64::from(i % 1000)), &key, start)?.is_none() {
            return Err("a sealed session did not open".into());
        }
    }
    let get = began.elapsed() / n;
    println!(
        "sealing: {n} writes {:.2} µs each (encode, random nonce, seal), {n} reads {:.2} µs each (open, decode), in memory",
        put.as_secs_f64() * 1e6,
        get.as_secs_f64() * 1e6
    );
    Ok(())
}

fn latency(start: Timestamp) -> Result<(), Box<dyn std::error::Error>> {
    let root = tempfile::tempdir()?;
    let sessions = Sessions::open(&config(root.path(), 6)?, start)?;
    let n = 10_000;
    let mut saves = Vec::with_capacity(n);
    let began = Instant::now();
    for chat in 0..n as i64 {
        let t = Instant::now();
        sessions.save(1_000_000_000 + chat, &stored("intro", 6), start)?;
        saves.push(t.elapsed());
    }
    let save_rate = n as f64 / began.elapsed().as_secs_f64();
    let mut loads = Vec::with_capacity(n);
    for chat in 0..n as i64 {
        let t = Instant::now();
        let found = sessions.load(1_000_000_000 + chat, start)?;
        loads.push(t.elapsed());
        if found.is_none() {
            return Err("a saved session was not found".into());
        }
    }
    println!(
        "latency: {n} saves (each flushed): {save_rate:.0}/s, {}",
        percentiles(saves)
    );
    println!("latency: {n} loads: {}", percentiles(loads));
    Ok(())
}

fn footprint(start: Timestamp, fill: u64) -> Result<(), Box<dyn std::error::Error>> {
    if fill == 0 {
        return Ok(());
    }
    let root = tempfile::tempdir()?;
    let config = config(root.path(), 6)?;
    let sessions = Sessions::open(&config, start)?;
    let began = Instant::now();
    for chat in 0..fill as i64 {
        sessions.save(2_000_000_000 + chat, &stored("consequences", 20), start)?;
    }
    let elapsed = began.elapsed();
    let size = folder_size(&config.data);
    // A sweep with nothing to remove still reads every session's tick.
    let sweep_began = Instant::now();
    sessions.sweep(start)?;
    let sweep = sweep_began.elapsed();
    println!(
        "footprint: {fill} live sessions (20 message ids each) written in {:.1} s; \
         data folder {:.1} MiB, {} bytes per session; a sweep over them {:.0} ms; \
         peak resident memory {}",
        elapsed.as_secs_f64(),
        mib(size),
        size / fill,
        sweep.as_secs_f64() * 1e3,
        peak_rss()
    );
    Ok(())
}

fn churn(start: Timestamp, options: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let root = tempfile::tempdir()?;
    let ttl = Ttl::from_hours(1)?;
    let store = SledStore::open(root.path(), ttl)?;
    let key = RecordKey::derive(&[5; 32]);
    // Alive: touched within the lifetime plus up to one granule, plus the minutes
    // between a conversation's writes.
    let span_ms = (ttl.hours() * 3_600_000 + 10 * 60_000) as u64;
    let arrival_ms = (span_ms / options.live).max(1);
    let spacing = (5 * 60_000 / arrival_ms).max(1);
    let sweep_every = (10 * 60_000 / arrival_ms).max(1);

    let began = Instant::now();
    let mut writes = 0u64;
    let mut marker_readable = false;
    let mut largest = 0;
    let mut now = start;
    let mut most_alive = 0;
    let mut report_at = options.sessions / 10;
    // When conversation 0 was swept, and how long its bytes stayed in the files after.
    let mut swept_at: Option<(Timestamp, u64)> = None;
    let mut lingered: Option<String> = None;
    for n in 0..options.sessions {
        now = start + SignedDuration::from_millis((n * arrival_ms) as i64);
        // Arrival n is the first write of conversation n and the later writes of the
        // conversations that arrived `spacing`, `2 * spacing`, ... arrivals before.
        for k in 0..options.writes {
            let Some(earlier) = n.checked_sub(k * spacing) else {
                break;
            };
            // Conversation 0 carries a marker, to see whether its bytes can be read in
            // sled's files (they are sealed), and how long they stay after its sweep.
            let step = if earlier == 0 { MARKER } else { "step" };
            store.put(&who(earlier), &key, &stored(step, 3 + 3 * k as i32), now)?;
            writes += 1;
            if writes.is_multiple_of(options.flush_every) {
                store.flush()?;
            }
        }
        if n == 0 {
            store.flush()?;
            marker_readable = contains(root.path(), MARKER.as_bytes());
        }
        if n.is_multiple_of(sweep_every) {
            store.sweep(now)?;
            store.flush()?;
            largest = largest.max(folder_size(root.path()));
            most_alive = most_alive.max(store.session_count()?);
            if swept_at.is_none() && store.get(&who(0), &key, start)?.is_none() {
                swept_at = Some((now, writes));
            }
            if let Some((swept, writes_then)) = swept_at
                && lingered.is_none()
                && !contains(root.path(), MARKER.as_bytes())
            {
                let minutes = (now - swept).as_secs() / 60;
                lingered = Some(format!(
                    "{minutes} simulated minutes and {} writes after its sweep",
                    writes - writes_then
                ));
            }
        }
        if n + 1 == report_at {
            most_alive = most_alive.max(store.session_count()?);
            println!(
                "churn: {} conversations, {} alive, data folder {:.1} MiB, {:.0} s",
                n + 1,
                store.session_count()?,
                mib(folder_size(root.path())),
                began.elapsed().as_secs_f64()
            );
            report_at += options.sessions / 10;
        }
    }
    let elapsed = began.elapsed();
    store.sweep(now + ttl.duration() * 2)?;
    store.flush()?;
    let after = folder_size(root.path());
    largest = largest.max(after);
    println!(
        "churn: {} conversations, {writes} writes (flush every {}), at most {most_alive} alive, \
         in {:.0} s ({:.0} writes/s); largest data folder {:.1} MiB; \
         {} left after all expired, data folder {:.1} MiB; \
         an expired conversation's bytes: {}",
        options.sessions,
        options.flush_every,
        elapsed.as_secs_f64(),
        writes as f64 / elapsed.as_secs_f64(),
        mib(largest),
        store.session_count()?,
        mib(after),
        if marker_readable {
            lingered.map_or("not gone within the run".to_string(), |l| {
                format!("readable until {l}")
            })
        } else {
            "never readable in the files (sealed)".to_string()
        }
    );
    Ok(())
}

const MARKER: &str = "marker-of-conversation-zero";

/// Whether any file under `dir` contains `needle`.
fn contains(dir: &Path, needle: &[u8]) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            contains(&path, needle)
        } else {
            std::fs::read(&path).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
        }
    })
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Bytes the folder's files take: allocated blocks, or the length when larger.
fn folder_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut total = 0;
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else {
            continue;
        };
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

/// The process's peak resident memory, from /proc (Linux).
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .map(|line| line["VmHWM:".len()..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}
