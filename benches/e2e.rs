//! End to end: the real bot (`signpost run`, release build, sled store in a temporary
//! folder) against a lean fake Bot API on 127.0.0.1, with simulated people.
//!
//! The fake answers the methods the bot calls with the Bot API's shapes, hands out
//! updates by long polling (`offset`, `limit`, `timeout`), and keeps per chat only what a
//! person needs to act: the message ids and the buttons of the newest keyboard. Each
//! simulated person acts, waits for the bot's answer, reads for `think`, and acts again:
//! a press on one of the buttons on screen (chosen by a seeded generator), now and then
//! a typed message, `/start` when there are no buttons. Latency is measured from the
//! moment an update is available to `getUpdates` to the arrival of the first message of
//! its answer at the fake.
//!
//! Scenarios, each with a fresh bot and data folder:
//! - versus: signpost against a bare teloxide dialogue bot (`peer/mod.rs`), 200 chats
//!   walking the same three steps (`/start`, a menu choice, a signpost) without reading
//!   time, sending and intake unpaced; the two take turns three times and the medians
//!   of answers/s, CPU, p99, messages and calls per answer, peak memory and start-up
//!   to the first poll are shown side by side;
//! - paced: signpost with its defaults (Telegram's 30 messages a second, one a second
//!   per chat, the intake limit), 200 people walking the three steps once a second:
//!   how many turns a second fit under Telegram's cap (goal: 30);
//! - load: 1,000 to 5,500 people acting once a second (up to about 5,000 updates/s
//!   offered); updates/s answered and p50/p90/p99/max latency over the measuring window;
//! - backlog: 100,000 people's first messages waiting at once; how fast the bot works
//!   through them, then its resident memory and data folder with 100,000 live sessions;
//! - flood: 1,000 people acting once a second, measured alone (the baseline) and while
//!   one more chat sends 1,000 messages in 10 seconds; the others' p99 against the
//!   baseline, and what the flooding chat got back.
//!
//! Sending is not paced (`--send-rate`, `--chat-rate` raised): Telegram's 30 messages a
//! second would otherwise be the bottleneck, and the point is that the bot is not. The
//! intake limit keeps its default (one message a second per chat after a burst of 8).
//!
//! Run: `cargo bench --bench e2e`. Targets on a 2-core machine: at least 5,000 updates/s,
//! p99 under 20 ms; flood: the others' p99 under twice the baseline, one notice to the
//! flooding chat.

mod common;
mod peer;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::process::{Child, Command};
use tokio::sync::{Notify, mpsc};
use tokio::time::Instant;

const TOKEN: &str = "123456789:AAF-bench-token";
/// Set in the environment of this executable when it is started as the peer bot.
const PEER_VARIABLE: &str = "SIGNPOST_BENCH_PEER";
const BOT: &str =
    r#"{"id":987654321,"is_bot":true,"first_name":"Signpost","username":"signpost_bench_bot"}"#;
/// The start of the calm notice in Swedish, the simulated people's language (`slow-down`).
const NOTICE_START: &str = "Du skriver snabbare";
const TYPED: [&str; 4] = ["hej", "I need help", "what happens now?", "tack"];

// ---- the fake Bot API ----

#[derive(Default)]
struct Person {
    /// Message ids in a private chat are shared by both sides.
    next_message_id: i32,
    /// The newest keyboard's button data, and the message it is on.
    keyboard: Vec<String>,
    keyboard_message: i32,
    /// When the update now waiting for an answer became available.
    waiting_since: Option<Instant>,
    rng: u64,
    flooder: bool,
    /// In the walk: the next of its three steps (0: `/start`, 1: the second button of
    /// the menu, 2: the first button of the step that brings).
    walk_step: u8,
}

#[derive(Default)]
struct Flood {
    replies: u64,
    notices: u64,
}

struct World {
    queue: VecDeque<(u64, String)>,
    next_update_id: u64,
    people: HashMap<i64, Person>,
    /// Latencies of answers to updates made available while `recording`.
    latencies: Vec<Duration>,
    recording: bool,
    /// No person acts any more.
    stopped: bool,
    /// How long a person reads before acting again; `None`: they act once.
    think: Option<Duration>,
    answered: u64,
    unknown_methods: u64,
    polling: bool,
    /// When the bot first asked for updates.
    first_poll: Option<Instant>,
    /// People walk three steps, and an answer counts when its buttons arrive (the
    /// message with the keyboard), not at its first message.
    walk: bool,
    /// `sendMessage` and `answerCallbackQuery` calls so far.
    sends: u64,
    callback_answers: u64,
    flood: Flood,
    /// Where a person's next action is scheduled.
    schedule: mpsc::UnboundedSender<(Instant, i64)>,
}

struct Fake {
    world: Mutex<World>,
    arrived: Notify,
}

impl Fake {
    fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Deserialize, Default)]
struct Params {
    chat_id: Option<i64>,
    text: Option<String>,
    reply_markup: Option<Markup>,
    offset: Option<i64>,
    limit: Option<usize>,
    timeout: Option<u64>,
}

#[derive(Deserialize)]
struct Markup {
    #[serde(default)]
    inline_keyboard: Vec<Vec<InlineButton>>,
}

#[derive(Deserialize)]
struct InlineButton {
    callback_data: Option<String>,
}

fn ok(result: &str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        format!(r#"{{"ok":true,"result":{result}}}"#),
    )
        .into_response()
}

fn error(code: StatusCode, description: &str) -> Response {
    (
        code,
        [(header::CONTENT_TYPE, "application/json")],
        format!(
            r#"{{"ok":false,"error_code":{},"description":"{description}"}}"#,
            code.as_u16()
        ),
    )
        .into_response()
}

async fn handle(State(fake): State<Arc<Fake>>, uri: Uri, body: Bytes) -> Response {
    let mut parts = uri.path().trim_start_matches('/').splitn(2, '/');
    let (Some(bot), Some(method)) = (parts.next(), parts.next()) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    if bot.strip_prefix("bot") != Some(TOKEN) {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let params: Params = if body.is_empty() {
        Params::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(p) => p,
            Err(_) => return error(StatusCode::BAD_REQUEST, "Bad Request: can't parse JSON"),
        }
    };
    match method.to_ascii_lowercase().as_str() {
        "getme" => ok(
            r#"{"id":987654321,"is_bot":true,"first_name":"Signpost","username":"signpost_bench_bot","can_join_groups":false,"can_read_all_group_messages":false,"supports_inline_queries":false,"can_connect_to_business":false,"has_main_web_app":false}"#,
        ),
        "getwebhookinfo" => {
            ok(r#"{"url":"","has_custom_certificate":false,"pending_update_count":0}"#)
        }
        "getmydescription" => ok(r#"{"description":""}"#),
        "getmyshortdescription" => ok(r#"{"short_description":""}"#),
        "deletewebhook"
        | "setmycommands"
        | "deletemycommands"
        | "setmydescription"
        | "setmyshortdescription"
        | "deletemessage"
        | "deletemessages" => ok("true"),
        "answercallbackquery" => {
            fake.world().callback_answers += 1;
            ok("true")
        }
        "getupdates" => get_updates(&fake, &params).await,
        "sendmessage" => send_message(&fake, params),
        _ => {
            fake.world().unknown_methods += 1;
            error(StatusCode::NOT_FOUND, "Not Found: method not found")
        }
    }
}

async fn get_updates(fake: &Fake, params: &Params) -> Response {
    let limit = params.limit.unwrap_or(100).clamp(1, 100);
    let deadline = Instant::now() + Duration::from_secs(params.timeout.unwrap_or(0).min(50));
    loop {
        let arrived = fake.arrived.notified();
        tokio::pin!(arrived);
        arrived.as_mut().enable();
        {
            let mut world = fake.world();
            world.polling = true;
            if world.first_poll.is_none() {
                world.first_poll = Some(Instant::now());
            }
            if let Some(offset) = params.offset {
                while world
                    .queue
                    .front()
                    .is_some_and(|(id, _)| (*id as i64) < offset)
                {
                    world.queue.pop_front();
                }
            }
            if !world.queue.is_empty() || Instant::now() >= deadline {
                let batch: Vec<&str> = world
                    .queue
                    .iter()
                    .take(limit)
                    .map(|(_, u)| u.as_str())
                    .collect();
                return ok(&format!("[{}]", batch.join(",")));
            }
        }
        tokio::select! {
            _ = arrived => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

fn send_message(fake: &Fake, params: Params) -> Response {
    let Some(chat) = params.chat_id else {
        return error(StatusCode::BAD_REQUEST, "Bad Request: chat not found");
    };
    let now = Instant::now();
    let mut world = fake.world();
    let world = &mut *world;
    world.sends += 1;
    let Some(person) = world.people.get_mut(&chat) else {
        return error(StatusCode::BAD_REQUEST, "Bad Request: chat not found");
    };
    person.next_message_id += 1;
    let id = person.next_message_id;
    let has_buttons = params.reply_markup.is_some();
    match params.reply_markup {
        Some(markup) => {
            person.keyboard = markup
                .inline_keyboard
                .into_iter()
                .flatten()
                .filter_map(|b| b.callback_data)
                .collect();
            person.keyboard_message = id;
        }
        None => person.keyboard.clear(),
    }
    if person.flooder {
        world.flood.replies += 1;
        if params
            .text
            .as_deref()
            .is_some_and(|t| t.starts_with(NOTICE_START))
        {
            world.flood.notices += 1;
        }
    } else if world.walk && !has_buttons {
        // Part of an answer whose buttons are still to come.
    } else if let Some(since) = person.waiting_since.take() {
        world.answered += 1;
        if world.recording {
            world.latencies.push(now - since);
        }
        if let (Some(think), false) = (world.think, world.stopped) {
            let _ = world.schedule.send((now + think, chat));
        }
    }
    ok(&format!(
        r#"{{"message_id":{id},"date":1764000000,"chat":{{"id":{chat},"type":"private","first_name":"P"}},"from":{BOT},"text":"."}}"#
    ))
}

fn next_random(state: &mut u64) -> u64 {
    // xorshift64: the same people act the same way in every run.
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

fn user(chat: i64) -> String {
    format!(r#"{{"id":{chat},"is_bot":false,"first_name":"P","language_code":"sv"}}"#)
}

/// The person's next update: a press on the newest keyboard, a typed message, or
/// `/start`. Returns its JSON without the update id.
fn act(chat: i64, person: &mut Person, text: Option<&str>, walk: bool) -> String {
    let roll = next_random(&mut person.rng);
    let mut pick = None;
    let chat_json = format!(r#"{{"id":{chat},"type":"private","first_name":"P"}}"#);
    let typed = match text {
        Some(t) => Some(t.to_string()),
        None if walk => {
            let step = person.walk_step;
            let button = [None, Some(1), Some(0)][usize::from(step % 3)];
            person.walk_step = (step + 1) % 3;
            match button {
                Some(b) if person.keyboard.len() > b => {
                    pick = Some(b);
                    None
                }
                _ => {
                    person.walk_step = 1;
                    Some("/start".to_string())
                }
            }
        }
        None if person.keyboard.is_empty() => Some("/start".to_string()),
        None if roll.is_multiple_of(10) => Some(TYPED[(roll / 10 % 4) as usize].to_string()),
        None => None,
    };
    match typed {
        Some(text) => {
            person.next_message_id += 1;
            let id = person.next_message_id;
            let entities = if text.starts_with('/') {
                format!(
                    r#","entities":[{{"type":"bot_command","offset":0,"length":{}}}]"#,
                    text.len()
                )
            } else {
                String::new()
            };
            format!(
                r#""message":{{"message_id":{id},"date":1764000000,"chat":{chat_json},"from":{},"text":{}{entities}}}"#,
                user(chat),
                serde_json::Value::from(text)
            )
        }
        None => {
            let index = pick.unwrap_or((roll % person.keyboard.len() as u64) as usize);
            let data = &person.keyboard[index];
            format!(
                r#""callback_query":{{"id":"q{chat}-{roll}","from":{},"chat_instance":"ci{chat}","data":"{data}","message":{{"message_id":{},"date":1764000000,"chat":{chat_json},"from":{BOT},"text":"."}}}}"#,
                user(chat),
                person.keyboard_message
            )
        }
    }
}

impl World {
    /// Makes `chat`'s next update available.
    fn push(&mut self, chat: i64, text: Option<&str>, now: Instant) {
        let update_id = self.next_update_id;
        self.next_update_id += 1;
        let Some(person) = self.people.get_mut(&chat) else {
            return;
        };
        let body = act(chat, person, text, self.walk);
        if !person.flooder {
            person.waiting_since = Some(now);
        }
        self.queue
            .push_back((update_id, format!(r#"{{"update_id":{update_id},{body}}}"#)));
    }
}

/// Carries out scheduled actions when they fall due.
async fn scheduler(fake: Arc<Fake>, mut due: mpsc::UnboundedReceiver<(Instant, i64)>) {
    let mut heap: BinaryHeap<Reverse<(Instant, i64)>> = BinaryHeap::new();
    loop {
        let next = heap.peek().map(|Reverse((at, _))| *at);
        tokio::select! {
            got = due.recv() => match got {
                Some((at, chat)) => heap.push(Reverse((at, chat))),
                None => return,
            },
            _ = async {
                match next {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            } => {
                let now = Instant::now();
                let mut world = fake.world();
                if world.stopped {
                    heap.clear();
                    continue;
                }
                while heap.peek().is_some_and(|Reverse((at, _))| *at <= now) {
                    if let Some(Reverse((_, chat))) = heap.pop() {
                        world.push(chat, None, now);
                    }
                }
                drop(world);
                fake.arrived.notify_waiters();
            }
        }
    }
}

// ---- the bot process ----

struct Bot {
    child: Child,
    _folder: tempfile::TempDir,
    data: PathBuf,
}

/// Which bot a rig runs.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `signpost run` with sending unpaced and the default intake limit.
    Signpost,
    /// `signpost run` with sending unpaced and no intake limit either.
    SignpostUnlimited,
    /// The bare teloxide dialogue bot of `peer.rs`.
    Peer,
    /// The same bot with teloxide's SQLite dialogue storage (`benches/peer-sqlite`).
    PeerSqlite,
    /// `signpost run` with its defaults: Telegram's pacing (30 messages a second, one a
    /// second per chat after a burst) and the default intake limit.
    SignpostPaced,
}

fn start_bot(url: &str, kind: Kind) -> Bot {
    let folder = tempfile::tempdir().unwrap_or_else(|e| fail(&format!("no temporary folder: {e}")));
    let data = folder.path().join("data");
    let keys = folder.path().join("keys");
    for dir in [&data, &keys] {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(&format!("cannot create: {e}")));
    }
    let mut command = match kind {
        Kind::Peer => {
            let exe = std::env::current_exe()
                .unwrap_or_else(|e| fail(&format!("no path to this benchmark: {e}")));
            let mut command = Command::new(exe);
            command.env_clear().env(PEER_VARIABLE, "1");
            command
        }
        Kind::PeerSqlite => {
            let mut command = Command::new(peer_sqlite());
            command
                .env_clear()
                .env("SIGNPOST_BENCH_SQLITE", data.join("dialogues.sqlite"));
            command
        }
        Kind::Signpost | Kind::SignpostUnlimited | Kind::SignpostPaced => {
            let mut command = Command::new(env!("CARGO_BIN_EXE_signpost"));
            command
                .arg("run")
                .arg("--flows")
                .arg(common::root().join("flows"))
                .arg("--locales")
                .arg(common::root().join("locales"))
                .arg("--data")
                .arg(&data)
                .arg("--key-file")
                .arg(keys.join("signpost.key"))
                .args(["--watch-seconds", "0"])
                .env_clear();
            if kind != Kind::SignpostPaced {
                command
                    .args(["--send-rate", "1000000", "--chat-rate", "1000000"])
                    .args(["--chat-burst", "1000"]);
            }
            if kind == Kind::SignpostUnlimited {
                command.args(["--intake-rate", "1000000", "--intake-burst", "1000000"]);
            }
            command
        }
    };
    let child = command
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", url)
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot start the bot: {e}")));
    Bot {
        child,
        _folder: folder,
        data,
    }
}

impl Bot {
    fn pid(&self) -> u32 {
        self.child
            .id()
            .unwrap_or_else(|| fail("the bot is not running"))
    }

    fn status_kib(&self, field: &str) -> u64 {
        common::status_kib(&format!("/proc/{}/status", self.pid()), field).unwrap_or(0)
    }

    /// User and system CPU time so far.
    fn cpu(&self) -> Duration {
        cpu_of(&format!("/proc/{}/stat", self.pid()))
    }

    async fn stop(mut self) -> u64 {
        let pid = self.pid();
        let _ = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("kill -TERM {pid}"))
            .status();
        match tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await {
            Ok(Ok(status)) if status.success() => {}
            other => fail(&format!("the bot did not stop cleanly: {other:?}")),
        }
        folder_bytes(&self.data)
    }
}

/// User and system CPU time of a process from its `stat` file.
fn cpu_of(stat: &str) -> Duration {
    let stat = std::fs::read_to_string(stat).unwrap_or_default();
    // After the command name (which ends with ')'): state, ppid, pgrp, session, tty,
    // tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime; times in clock
    // ticks of 1/100 s.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn fail(why: &str) -> ! {
    eprintln!("e2e bench: {why}");
    std::process::exit(1);
}

// ---- scenarios ----

/// A fake server with a running bot polling it.
struct Rig {
    fake: Arc<Fake>,
    bot: Bot,
    /// From starting the process to its first `getUpdates`.
    startup: Duration,
}

async fn rig(think: Option<Duration>, kind: Kind, walk: bool) -> Rig {
    let (schedule, due) = mpsc::unbounded_channel();
    let fake = Arc::new(Fake {
        world: Mutex::new(World {
            queue: VecDeque::new(),
            next_update_id: 1,
            people: HashMap::new(),
            latencies: Vec::new(),
            recording: false,
            stopped: false,
            think,
            answered: 0,
            unknown_methods: 0,
            polling: false,
            first_poll: None,
            walk,
            sends: 0,
            callback_answers: 0,
            flood: Flood::default(),
            schedule,
        }),
        arrived: Notify::new(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| fail(&format!("cannot listen on 127.0.0.1: {e}")));
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => fail(&format!("no address: {e}")),
    };
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(fake.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    tokio::spawn(scheduler(fake.clone(), due));
    let started = Instant::now();
    let bot = start_bot(&url, kind);
    let deadline = started + Duration::from_secs(30);
    let startup = loop {
        if let Some(at) = fake.world().first_poll {
            break at - started;
        }
        if Instant::now() > deadline {
            fail("the bot never polled");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    Rig { fake, bot, startup }
}

fn add_people(fake: &Fake, first: i64, count: usize) {
    let mut world = fake.world();
    for i in 0..count as i64 {
        let chat = first + i;
        world.people.insert(
            chat,
            Person {
                rng: 0x9E37_79B9_7F4A_7C15 ^ (chat as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) | 1,
                ..Person::default()
            },
        );
    }
}

struct Measured {
    answered_per_second: f64,
    latencies: Vec<Duration>,
    flood: Flood,
    rss_kib: u64,
    cpu: Duration,
    fake_cpu: Duration,
    unknown_methods: u64,
    /// Answers, `sendMessage` and `answerCallbackQuery` calls in the measuring window.
    answered: u64,
    sends: u64,
    callback_answers: u64,
    startup: Duration,
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// `people` acting every `think`, measured for `measure` after `warmup`; with a flood of
/// `flood.0` messages over `flood.1` from one more chat, starting two seconds into the
/// measuring window.
async fn steady(
    people: usize,
    think: Duration,
    warmup: Duration,
    measure: Duration,
    flood: Option<(u32, Duration)>,
) -> Measured {
    run_steady(Kind::Signpost, false, people, think, warmup, measure, flood).await
}

/// [`steady`] with a choice of bot and of the people's behaviour (`walk`: the
/// three-step walk, each answer counted when its buttons arrive).
async fn run_steady(
    kind: Kind,
    walk: bool,
    people: usize,
    think: Duration,
    warmup: Duration,
    measure: Duration,
    flood: Option<(u32, Duration)>,
) -> Measured {
    let Rig { fake, bot, startup } = rig(Some(think), kind, walk).await;
    add_people(&fake, 1_000_000, people);
    let start = Instant::now();
    {
        // Everyone's first message spread over one reading time, so that the load is
        // even from the start.
        let world = fake.world();
        for i in 0..people {
            let at = start + think.mul_f64(i as f64 / people as f64);
            let _ = world.schedule.send((at, 1_000_000 + i as i64));
        }
    }
    tokio::time::sleep_until(start + warmup).await;
    let (answered_before, sends_before, callbacks_before) = {
        let mut world = fake.world();
        world.recording = true;
        (world.answered, world.sends, world.callback_answers)
    };
    let cpu_before = bot.cpu();
    let fake_cpu_before = cpu_of("/proc/self/stat");
    let flooding = flood.map(|(messages, over)| {
        let fake = fake.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            let flooder = 999_999;
            {
                let mut world = fake.world();
                world.people.insert(
                    flooder,
                    Person {
                        flooder: true,
                        rng: 7,
                        ..Person::default()
                    },
                );
            }
            let every = over / messages;
            let begin = Instant::now();
            for i in 0..messages {
                tokio::time::sleep_until(begin + every * i).await;
                fake.world()
                    .push(flooder, Some("hello hello"), Instant::now());
                fake.arrived.notify_waiters();
            }
        })
    });
    tokio::time::sleep_until(start + warmup + measure).await;
    let (answered, latencies, sends, callback_answers) = {
        let mut world = fake.world();
        world.recording = false;
        world.stopped = true;
        (
            world.answered - answered_before,
            std::mem::take(&mut world.latencies),
            world.sends - sends_before,
            world.callback_answers - callbacks_before,
        )
    };
    let cpu = bot.cpu() - cpu_before;
    let fake_cpu = cpu_of("/proc/self/stat") - fake_cpu_before;
    if let Some(flooding) = flooding {
        let _ = flooding.await;
    }
    // Let the last answers (the flooding chat's included) arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_kib = bot.status_kib("VmHWM");
    let (flood, unknown_methods) = {
        let mut world = fake.world();
        (std::mem::take(&mut world.flood), world.unknown_methods)
    };
    bot.stop().await;
    let mut latencies = latencies;
    latencies.sort_unstable();
    Measured {
        answered_per_second: answered as f64 / measure.as_secs_f64(),
        latencies,
        flood,
        rss_kib,
        cpu,
        fake_cpu,
        unknown_methods,
        answered,
        sends,
        callback_answers,
        startup,
    }
}

fn report(name: &str, m: &Measured, measure: Duration) {
    let l = &m.latencies;
    println!(
        "{name}: {:.0} updates/s answered; latency p50 {} p90 {} p99 {} max {} ({} answers); \
         CPU in {:.0} s: bot {:.1} s, fake and people {:.1} s; bot peak RSS {:.1} MiB",
        m.answered_per_second,
        ms(percentile(l, 0.50)),
        ms(percentile(l, 0.90)),
        ms(percentile(l, 0.99)),
        ms(percentile(l, 1.0)),
        l.len(),
        measure.as_secs_f64(),
        m.cpu.as_secs_f64(),
        m.fake_cpu.as_secs_f64(),
        m.rss_kib as f64 / 1024.0,
    );
    if m.unknown_methods > 0 {
        println!("  the bot called {} unknown methods", m.unknown_methods);
    }
}

/// `people` first messages waiting at once; returns updates/s, the bot's resident
/// memory and data folder afterwards.
async fn backlog(people: usize) {
    let Rig { fake, bot, .. } = rig(None, Kind::Signpost, false).await;
    add_people(&fake, 2_000_000, people);
    let idle_kib = bot.status_kib("VmRSS");
    let start = Instant::now();
    {
        let mut world = fake.world();
        for i in 0..people {
            world.push(2_000_000 + i as i64, None, start);
        }
    }
    fake.arrived.notify_waiters();
    let deadline = start + Duration::from_secs(600);
    loop {
        let answered = fake.world().answered;
        if answered >= people as u64 {
            break;
        }
        if Instant::now() > deadline {
            fail(&format!(
                "only {answered} of {people} answered in 10 minutes"
            ));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let elapsed = start.elapsed();
    let rss_kib = bot.status_kib("VmRSS");
    let hwm_kib = bot.status_kib("VmHWM");
    let bytes = bot.stop().await;
    println!(
        "backlog: {people} first messages answered in {:.2} s = {:.0} updates/s; bot RSS idle \
         {:.1} MiB, with {people} live sessions {:.1} MiB (peak {:.1} MiB); data folder \
         {:.1} MiB = {:.0} bytes per live session",
        elapsed.as_secs_f64(),
        people as f64 / elapsed.as_secs_f64(),
        idle_kib as f64 / 1024.0,
        rss_kib as f64 / 1024.0,
        hwm_kib as f64 / 1024.0,
        bytes as f64 / (1024.0 * 1024.0),
        bytes as f64 / people as f64,
    );
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// One bot's figures from the rounds of [`versus`], as medians.
struct Side {
    per_second: f64,
    cpu_ms: f64,
    p99_ms: f64,
    messages: f64,
    calls: f64,
    rss_mib: f64,
    startup_ms: f64,
}

fn side(rounds: &[Measured]) -> Side {
    let per_update = |m: &Measured, x: f64| x / (m.answered.max(1) as f64);
    let of = |f: &dyn Fn(&Measured) -> f64| median(rounds.iter().map(f).collect());
    Side {
        per_second: of(&|m| m.answered_per_second),
        cpu_ms: of(&|m| per_update(m, m.cpu.as_secs_f64() * 1000.0)),
        p99_ms: of(&|m| percentile(&m.latencies, 0.99).as_secs_f64() * 1000.0),
        messages: of(&|m| per_update(m, m.sends as f64)),
        calls: of(&|m| per_update(m, (m.sends + m.callback_answers) as f64)),
        rss_mib: of(&|m| m.rss_kib as f64 / 1024.0),
        startup_ms: of(&|m| m.startup.as_secs_f64() * 1000.0),
    }
}

/// The SQLite peer's executable, built (release, its own lock file) on first use.
fn peer_sqlite() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let manifest = common::root().join("benches/peer-sqlite/Cargo.toml");
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let status = std::process::Command::new(cargo)
                .args([
                    "build",
                    "--release",
                    "--locked",
                    "--quiet",
                    "--manifest-path",
                ])
                .arg(&manifest)
                .status()
                .unwrap_or_else(|e| fail(&format!("cannot run cargo: {e}")));
            if !status.success() {
                fail("the SQLite peer did not build");
            }
            common::root().join("benches/peer-sqlite/target/release/peer-sqlite")
        })
        .clone()
}

/// signpost against the bare teloxide bot (`peer.rs`): `people` walking the three steps
/// without reading time, sending and intake unpaced for signpost; the two bots take
/// turns, `rounds` times each, each round with a fresh process; medians over the rounds.
async fn versus(people: usize, rounds: usize) {
    let warmup = Duration::from_secs(2);
    let measure = Duration::from_secs(5);
    let kinds = [Kind::SignpostUnlimited, Kind::Peer, Kind::PeerSqlite];
    let names = ["signpost", "teloxide", "teloxide+SQLite"];
    if kinds.contains(&Kind::PeerSqlite) {
        peer_sqlite();
    }
    let mut runs: [Vec<Measured>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for round in 1..=rounds {
        for (i, kind) in kinds.into_iter().enumerate() {
            let m = run_steady(kind, true, people, Duration::ZERO, warmup, measure, None).await;
            report(&format!("versus round {round}, {}", names[i]), &m, measure);
            println!(
                "  {} sendMessage and {} answerCallbackQuery for {} answers; first poll after {}",
                m.sends,
                m.callback_answers,
                m.answered,
                ms(m.startup)
            );
            runs[i].push(m);
        }
    }
    let (s, p, q) = (side(&runs[0]), side(&runs[1]), side(&runs[2]));
    println!("versus, {people} chats walking 3 steps, medians of {rounds} rounds each:");
    println!(
        "  figure                      signpost   teloxide    ratio  target        teloxide+SQLite  ratio"
    );
    let row = |name: &str, a: f64, b: f64, c: f64, ratio_target: Option<(f64, bool)>| {
        let ratio = a / b.max(1e-9);
        let verdict = match ratio_target {
            Some((limit, at_least)) => {
                let met = if at_least {
                    ratio >= limit
                } else {
                    ratio <= limit
                };
                format!(
                    "{} {limit}x: {}",
                    if at_least { ">=" } else { "<=" },
                    if met { "met" } else { "MISSED" }
                )
            }
            None => String::new(),
        };
        let against_sqlite = a / c.max(1e-9);
        println!(
            "  {name:<26}{a:>9.2}  {b:>9.2}  {ratio:>6.2}x  {verdict:<13}{c:>9.2}  {against_sqlite:>9.2}x"
        );
    };
    row(
        "answers/s",
        s.per_second,
        p.per_second,
        q.per_second,
        Some((1.0, true)),
    );
    row(
        "CPU per answer (ms)",
        s.cpu_ms,
        p.cpu_ms,
        q.cpu_ms,
        Some((1.2, false)),
    );
    row(
        "p99 latency (ms)",
        s.p99_ms,
        p.p99_ms,
        q.p99_ms,
        Some((1.5, false)),
    );
    row(
        "messages per answer",
        s.messages,
        p.messages,
        q.messages,
        Some((1.0, false)),
    );
    row("Bot API calls per answer", s.calls, p.calls, q.calls, None);
    row("peak resident (MiB)", s.rss_mib, p.rss_mib, q.rss_mib, None);
    row(
        "start to first poll (ms)",
        s.startup_ms,
        p.startup_ms,
        q.startup_ms,
        None,
    );
    println!(
        "  signpost peak resident {:.1} MiB (target <= 30 MiB: {}); first poll after {:.0} ms \
         (target < 100 ms: {})",
        s.rss_mib,
        if s.rss_mib <= 30.0 { "met" } else { "MISSED" },
        s.startup_ms,
        if s.startup_ms < 100.0 {
            "met"
        } else {
            "MISSED"
        },
    );
}

fn main() {
    if std::env::var_os(PEER_VARIABLE).is_some() {
        peer::run();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(&format!("no runtime: {e}")));
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wants = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    runtime.block_on(async {
        let second = Duration::from_secs(1);
        if wants("load") {
            // Rising load up to the target's 5,000 updates/s (5,500 people, each acting
            // about once a second), to show where answers start to queue.
            let measure = Duration::from_secs(10);
            for people in [1_000, 2_000, 3_000, 4_000, 5_500] {
                let m = steady(people, second, Duration::from_secs(3), measure, None).await;
                report(&format!("load, {people} people"), &m, measure);
                let p99 = percentile(&m.latencies, 0.99);
                println!(
                    "  >= 5,000 updates/s: {}; p99 < 20 ms: {}",
                    if m.answered_per_second >= 5_000.0 {
                        "met"
                    } else {
                        "no"
                    },
                    if p99 < Duration::from_millis(20) {
                        "met"
                    } else {
                        "no"
                    },
                );
            }
        }
        if wants("versus") {
            versus(200, 3).await;
        }
        if wants("paced") {
            // Telegram's real pacing: how many turns a second fit in its 30 messages.
            let measure = Duration::from_secs(10);
            let m = run_steady(
                Kind::SignpostPaced,
                true,
                200,
                second,
                Duration::from_secs(3),
                measure,
                None,
            )
            .await;
            report(
                "paced, 200 people walking 3 steps, default pacing",
                &m,
                measure,
            );
            println!(
                "  {:.1} turns/s, {:.1} messages/s (goal: 30 turns/s at Telegram's 30 \
                 messages/s: {})",
                m.answered_per_second,
                m.sends as f64 / measure.as_secs_f64(),
                if m.answered_per_second >= 29.0 {
                    "met"
                } else {
                    "MISSED"
                },
            );
        }
        if wants("backlog") {
            backlog(100_000).await;
        }
        if wants("flood") {
            let measure = Duration::from_secs(15);
            let warmup = Duration::from_secs(3);
            let base = steady(1_000, second, warmup, measure, None).await;
            report("flood baseline (1,000 people)", &base, measure);
            let flooded = steady(
                1_000,
                second,
                warmup,
                measure,
                Some((1_000, Duration::from_secs(10))),
            )
            .await;
            report(
                "flood (1,000 people + one chat sending 1,000 in 10 s)",
                &flooded,
                measure,
            );
            let (b, f) = (
                percentile(&base.latencies, 0.99),
                percentile(&flooded.latencies, 0.99),
            );
            println!(
                "  others' p99 {} against baseline {} = {:.2}x (target < 2x: {}); the flooding \
                 chat got {} messages, {} of them the notice",
                ms(f),
                ms(b),
                f.as_secs_f64() / b.as_secs_f64().max(1e-9),
                if f < b * 2 { "met" } else { "MISSED" },
                flooded.flood.replies,
                flooded.flood.notices,
            );
        }
    });
}
