//! Starts the real `signpost` binary against the fake Bot API, each run with its own data
//! folder and key folder, its output captured in files for the privacy scans, and stops
//! it the way an operator would (SIGTERM) or the way a crash does (SIGKILL).

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tempfile::TempDir;
use tokio::process::{Child, Command};

use super::fake_api::FakeApi;
use super::files::{copy_dir, files_under, repo};

/// How long a stopped bot may take to finish: a guard against a hang, not a measure.
const STOP_LIMIT: Duration = Duration::from_secs(60);

/// The folders one bot uses across restarts.
pub struct Dirs {
    root: TempDir,
    runs: usize,
}

impl Dirs {
    pub fn new() -> Dirs {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
        for sub in ["data", "keys", "logs"] {
            std::fs::create_dir_all(root.path().join(sub))
                .unwrap_or_else(|e| panic!("cannot create {sub}: {e}"));
        }
        Dirs { root, runs: 0 }
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// The key file's folder, outside the data folder as the store demands.
    pub fn keys(&self) -> PathBuf {
        self.root.path().join("keys")
    }

    pub fn key_file(&self) -> PathBuf {
        self.keys().join("signpost.key")
    }

    pub fn logs(&self) -> PathBuf {
        self.root.path().join("logs")
    }

    /// A copy of `from` (a folder holding `flows/` and `locales/`) that the test may edit.
    pub fn content_copy(&self, from: &Path) -> PathBuf {
        let to = self.root.path().join("content");
        copy_dir(from, &to);
        to
    }

    /// Waits until the bot's output contains `text` (a guard limit, not a measure).
    pub async fn wait_output(&self, text: &str) {
        let deadline = tokio::time::Instant::now() + STOP_LIMIT;
        while !self.output().contains(text) {
            if tokio::time::Instant::now() > deadline {
                panic!("the bot never printed {text:?}:\n{}", self.output());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Everything every run printed, stdout and stderr.
    pub fn output(&self) -> String {
        let mut all = String::new();
        for path in files_under(&self.logs()) {
            all.push_str(&String::from_utf8_lossy(
                &std::fs::read(&path).unwrap_or_default(),
            ));
        }
        all
    }
}

impl Default for Dirs {
    fn default() -> Self {
        Dirs::new()
    }
}

/// A port on 127.0.0.1 that nothing listens on now, for the bot's webhook: the system
/// picks it, so tests running at the same time get different ones.
pub fn free_port() -> u16 {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("no free port: {e}"));
    listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no address: {e}"))
        .port()
}

/// How to start the bot.
pub struct Launch {
    pub flows: PathBuf,
    pub locales: PathBuf,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub rust_log: String,
    /// Raise Telegram's pacing and the intake limit, so that tests do not wait a
    /// second per message and a test person may tap as fast as the bot answers.
    pub fast: bool,
    /// The intake limit (per second, burst), instead of the fast one or the default.
    pub intake: Option<(f64, u32)>,
    /// No key file: the keys live in the bot's memory only (the default outside tests).
    pub memory_key: bool,
}

impl Default for Launch {
    fn default() -> Self {
        Launch {
            flows: repo().join("flows"),
            locales: repo().join("locales"),
            args: Vec::new(),
            env: Vec::new(),
            rust_log: "debug".into(),
            fast: true,
            intake: None,
            memory_key: false,
        }
    }
}

impl Launch {
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn rust_log(mut self, filter: &str) -> Self {
        self.rust_log = filter.to_string();
        self
    }

    /// Takes in `per_second` messages from one chat after a burst of `burst`.
    pub fn intake(mut self, per_second: f64, burst: u32) -> Self {
        self.intake = Some((per_second, burst));
        self
    }

    /// Keys in memory only: no `--key-file`.
    pub fn memory_key(mut self) -> Self {
        self.memory_key = true;
        self
    }

    /// Telegram's pacing and the default intake limit.
    pub fn paced_like_telegram(mut self) -> Self {
        self.fast = false;
        self
    }
}

/// A running bot process.
pub struct BotProcess {
    child: Option<Child>,
}

impl BotProcess {
    /// Starts the bot and waits until it polls the fake server.
    pub async fn start(fake: &FakeApi, dirs: &mut Dirs) -> BotProcess {
        let bot = Self::spawn(fake, dirs, Launch::default());
        bot.wait_polling(fake).await;
        bot
    }

    /// Starts the bot as described, without waiting for anything.
    pub fn spawn(fake: &FakeApi, dirs: &mut Dirs, launch: Launch) -> BotProcess {
        dirs.runs += 1;
        let run = dirs.runs;
        let out = std::fs::File::create(dirs.logs().join(format!("run{run}.out")))
            .unwrap_or_else(|e| panic!("cannot create a log file: {e}"));
        let err = std::fs::File::create(dirs.logs().join(format!("run{run}.err")))
            .unwrap_or_else(|e| panic!("cannot create a log file: {e}"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_signpost"));
        command
            .arg("run")
            .arg("--flows")
            .arg(&launch.flows)
            .arg("--locales")
            .arg(&launch.locales)
            .arg("--data")
            .arg(dirs.data());
        if !launch.memory_key {
            command.arg("--key-file").arg(dirs.key_file());
        }
        if launch.fast {
            command.args([
                "--chat-rate",
                "1000",
                "--chat-burst",
                "1000",
                "--send-rate",
                "10000",
            ]);
        }
        match launch.intake {
            Some((rate, burst)) => {
                command
                    .args(["--intake-rate", &rate.to_string()])
                    .args(["--intake-burst", &burst.to_string()]);
            }
            None if launch.fast => {
                command.args(["--intake-rate", "1000", "--intake-burst", "1000"]);
            }
            None => {}
        }
        command
            .args(&launch.args)
            // Nothing from the test's environment (proxies, RUST_LOG, a real token)
            // reaches the bot: it talks to 127.0.0.1 only.
            .env_clear()
            .env("TELOXIDE_TOKEN", fake.token())
            .env("TELOXIDE_API_URL", fake.url())
            .env("RUST_LOG", &launch.rust_log)
            .envs(launch.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .kill_on_drop(true);
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the bot: {e}"));
        BotProcess { child: Some(child) }
    }

    /// Waits until the bot has started a long poll.
    pub async fn wait_polling(&self, fake: &FakeApi) {
        let before = fake.read(|s| s.calls.iter().filter(|c| c.method == "getUpdates").count());
        let generation = fake.read(|s| s.poll_generation);
        fake.wait_for("the bot to poll for updates", |s| {
            let polls = s.calls.iter().filter(|c| c.method == "getUpdates").count();
            (s.poll_generation > generation || polls > before).then_some(())
        })
        .await;
    }

    pub fn id(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    /// SIGTERM, then waits for the process to finish.
    pub async fn stop(mut self) -> ExitStatus {
        self.signal("-TERM");
        self.wait().await
    }

    /// SIGINT (Ctrl-C), then waits.
    pub async fn interrupt(mut self) -> ExitStatus {
        self.signal("-INT");
        self.wait().await
    }

    /// SIGHUP: reload the flows. Returns at once.
    pub fn hangup(&self) {
        self.signal("-HUP");
    }

    /// SIGKILL: a crash.
    pub async fn kill(mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill().await;
        }
        self.child = None;
    }

    /// Waits for the process to end by itself (for a refusal to start).
    pub async fn wait(&mut self) -> ExitStatus {
        let Some(child) = self.child.as_mut() else {
            panic!("the bot was already stopped");
        };
        let status = match tokio::time::timeout(STOP_LIMIT, child.wait()).await {
            Ok(Ok(status)) => status,
            Ok(Err(e)) => panic!("cannot wait for the bot: {e}"),
            Err(_) => panic!("the bot did not stop"),
        };
        self.child = None;
        status
    }

    fn signal(&self, signal: &str) {
        let Some(pid) = self.id() else {
            panic!("the bot is not running");
        };
        // The shell's own `kill`, so that no procps package is needed.
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("kill {signal} {pid}"))
            .status()
            .unwrap_or_else(|e| panic!("cannot run kill: {e}"));
        assert!(status.success(), "kill {signal} {pid} failed");
    }
}

/// The bot's runtime started in this test process (polling the fake Bot API over real
/// HTTP, unpaced), with a store in `dirs` and a clock the test moves.
pub struct InProcess {
    pub sessions: std::sync::Arc<signpost::store::Sessions>,
    stop: signpost::telegram::ops::shutdown::Stop,
    running: tokio::task::JoinHandle<Result<(), signpost::telegram::ops::runtime::RunError>>,
}

impl InProcess {
    pub fn start(
        fake: &FakeApi,
        dirs: &Dirs,
        flows: &Path,
        locales: &Path,
        clock: std::sync::Arc<signpost::telegram::ops::clock::ManualClock>,
    ) -> InProcess {
        use signpost::live::LiveFlows;
        use signpost::store::{Sessions, StoreConfig, Ttl};
        use signpost::telegram::ops::runtime::{self, Mode, Options};
        use signpost::telegram::ops::shutdown;
        use signpost::telegram::send::limiter::{Limits, Rate};
        use std::sync::Arc;

        let config = StoreConfig {
            data: dirs.data(),
            key_file: Some(dirs.key_file()),
            ttl: Ttl::default(),
        };
        let now = signpost::telegram::ops::clock::Clock::now(clock.as_ref());
        let sessions = Arc::new(Sessions::open(&config, now).unwrap_or_else(|e| panic!("{e}")));
        let (set, report) = signpost::load::load(flows, locales);
        let set = set.unwrap_or_else(|| panic!("{report}"));
        let live = LiveFlows::new(set, flows, locales);
        let client = teloxide::net::default_reqwest_settings()
            .no_proxy()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let url = fake.url().parse().unwrap_or_else(|e| panic!("{e}"));
        let bot = teloxide::Bot::with_client(fake.token(), client).set_api_url(url);
        let fast = Rate {
            per_second: 1000.0,
            burst: 1000,
        };
        let options = Options {
            mode: Mode::Polling,
            limits: Limits {
                per_chat: fast,
                overall: fast,
            },
            intake: fast,
            watch: None,
        };
        let (stop, stopping) = shutdown::signal();
        let running = tokio::spawn(runtime::run(
            bot,
            Arc::new(live),
            sessions.clone(),
            clock,
            options,
            stopping,
        ));
        InProcess {
            sessions,
            stop,
            running,
        }
    }

    /// Sends the stop signal and checks that the runtime ended cleanly.
    pub async fn stop(self) {
        self.stop.stop();
        let finished = self.running.await.unwrap_or_else(|e| panic!("{e}"));
        assert!(finished.is_ok(), "{finished:?}");
    }
}
