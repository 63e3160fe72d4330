//! `signpost run`: the Telegram bot. The flows are checked first and a set with errors is
//! refused with the `check` report. The token (`TELOXIDE_TOKEN`) and the webhook secret
//! (`SIGNPOST_WEBHOOK_SECRET`) are read from the environment only, so that they never show
//! in a process list or a shell history. Under systemd the token may instead come from a
//! credential (`LoadCredential=telegram-token:PATH`), which never enters the environment.

use std::io::Read as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};

use super::ContentArgs;
use super::store_args::StoreArgs;
use crate::live::LiveFlows;
use crate::store::Sessions;
use crate::telegram::incoming::intake::DEFAULT_INTAKE;
use crate::telegram::ops::clock::{Clock, SystemClock};
use crate::telegram::ops::runtime::{self, Mode, Options, WebhookOptions};
use crate::telegram::ops::shutdown;
use crate::telegram::send::limiter::{Limits, Rate};

/// The options of `signpost run`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Environment only: TELOXIDE_TOKEN (the bot's token from @BotFather; when it is not set, the
file telegram-token in systemd's CREDENTIALS_DIRECTORY) and, with a webhook,
SIGNPOST_WEBHOOK_SECRET (16 to 256 of A-Z, a-z, 0-9, _ and -). RUST_LOG sets the log level
of signpost's own messages; other libraries log warnings and errors only.")]
pub struct Args {
    /// Where the flows and the texts are.
    #[command(flatten)]
    pub content: ContentArgs,
    /// Where sessions and statistics are kept.
    #[command(flatten)]
    pub store: StoreArgs,
    /// Another Bot API server (a local one, or a test server).
    #[arg(long, env = "TELOXIDE_API_URL")]
    pub api_url: Option<url::Url>,
    /// Receive updates by webhook at this public HTTPS address instead of long polling.
    #[arg(long, env = "SIGNPOST_WEBHOOK_URL", requires = "listen")]
    pub webhook_url: Option<url::Url>,
    /// Where the webhook endpoint listens (address:port, behind a TLS proxy).
    #[arg(long, env = "SIGNPOST_LISTEN", requires = "webhook_url")]
    pub listen: Option<SocketAddr>,
    /// Messages a second to one chat (Telegram asks for about one).
    #[arg(long, env = "SIGNPOST_CHAT_RATE", default_value_t = 1.0)]
    pub chat_rate: f64,
    /// Messages to one chat that may go out at once.
    #[arg(long, env = "SIGNPOST_CHAT_BURST", default_value_t = 4)]
    pub chat_burst: u32,
    /// Messages a second overall (Telegram allows about thirty).
    #[arg(long, env = "SIGNPOST_SEND_RATE", default_value_t = 30.0)]
    pub send_rate: f64,
    /// Messages a second taken in from one chat; faster ones are set aside and the
    /// chat is told once (emergency help and the quick exit always go through).
    #[arg(long, env = "SIGNPOST_INTAKE_RATE", default_value_t = DEFAULT_INTAKE.per_second)]
    pub intake_rate: f64,
    /// Messages from one chat taken in at once before the intake rate applies.
    #[arg(long, env = "SIGNPOST_INTAKE_BURST", default_value_t = DEFAULT_INTAKE.burst)]
    pub intake_burst: u32,
    /// Seconds between looks for changed flow files (0: reload on SIGHUP only).
    #[arg(long, env = "SIGNPOST_WATCH_SECONDS", default_value_t = 5)]
    pub watch_seconds: u64,
}

impl Args {
    /// The arguments as if none were given (environment and defaults only).
    pub fn parse_defaults() -> Self {
        #[derive(clap::Parser)]
        struct Only {
            #[command(flatten)]
            args: Args,
        }
        <Only as clap::Parser>::parse_from(["signpost"]).args
    }

    fn intake(&self) -> anyhow::Result<Rate> {
        if !positive(self.intake_rate) || self.intake_burst == 0 {
            bail!("--intake-rate must be above zero, --intake-burst at least 1");
        }
        Ok(Rate {
            per_second: self.intake_rate,
            burst: self.intake_burst,
        })
    }

    pub(crate) fn limits(&self) -> anyhow::Result<Limits> {
        if !positive(self.chat_rate) || !positive(self.send_rate) || self.chat_burst == 0 {
            bail!("--chat-rate and --send-rate must be above zero, --chat-burst at least 1");
        }
        Ok(Limits {
            per_chat: Rate {
                per_second: self.chat_rate,
                burst: self.chat_burst,
            },
            overall: Rate {
                per_second: self.send_rate,
                burst: self.send_rate.ceil().max(1.0) as u32,
            },
        })
    }
}

fn positive(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// The name of the systemd credential that holds the token, in `CREDENTIALS_DIRECTORY`.
pub const TOKEN_CREDENTIAL: &str = "telegram-token";

/// The bot's token and where it was found (never the token itself in a message).
pub struct Token {
    /// The token itself.
    pub secret: String,
    /// Where it was found.
    pub source: TokenSource,
}

/// Where the bot's token was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// The `TELOXIDE_TOKEN` environment variable.
    Environment,
    /// A systemd credential file, at this path.
    Credential(PathBuf),
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::Environment => f.write_str("TELOXIDE_TOKEN"),
            TokenSource::Credential(path) => write!(f, "the credential {}", path.display()),
        }
    }
}

/// Threads for store calls that wait for the disk (`spawn_blocking`). Those calls are
/// mostly durable saves, and one flush serves every save that waits for it (group
/// commit), so a few threads do the work of many; tokio's default of 512 let the pool
/// grow to over a hundred threads under load, each waiting on the same flush, costing
/// memory and thread switches (`cargo bench --bench e2e -- versus`, BENCHMARKS.md).
const BLOCKING_THREADS: usize = 16;

/// The token: `TELOXIDE_TOKEN` when set, otherwise the `telegram-token` credential when
/// systemd provides credentials; `None` when neither is there.
pub(crate) fn bot_token() -> anyhow::Result<Option<Token>> {
    token_from(
        std::env::var("TELOXIDE_TOKEN").ok(),
        std::env::var_os("CREDENTIALS_DIRECTORY").map(PathBuf::from),
    )
}

fn token_from(
    environment: Option<String>,
    credentials: Option<PathBuf>,
) -> anyhow::Result<Option<Token>> {
    if let Some(secret) = environment.map(|t| t.trim().to_string())
        && !secret.is_empty()
    {
        return Ok(Some(Token {
            secret,
            source: TokenSource::Environment,
        }));
    }
    let Some(folder) = credentials.filter(|f| !f.as_os_str().is_empty()) else {
        return Ok(None);
    };
    let path = folder.join(TOKEN_CREDENTIAL);
    let secret = read_small(&path).with_context(|| {
        format!(
            "cannot read the token from {} (the unit needs LoadCredential={TOKEN_CREDENTIAL}:PATH)",
            path.display()
        )
    })?;
    let secret = secret.trim().to_string();
    if secret.is_empty() {
        bail!("the token file {} is empty", path.display());
    }
    Ok(Some(Token {
        secret,
        source: TokenSource::Credential(path),
    }))
}

/// A token is some 50 bytes; a wrong path to a large file is not read whole.
fn read_small(path: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(4096)
        .read_to_string(&mut text)?;
    Ok(text)
}

/// The webhook settings given, if any (with the secret from the environment).
pub fn mode(args: &Args) -> anyhow::Result<Mode> {
    Ok(match (&args.webhook_url, args.listen) {
        (Some(url), Some(listen)) => Mode::Webhook(WebhookOptions {
            url: url.clone(),
            listen,
            secret: webhook_secret()?,
        }),
        _ => Mode::Polling,
    })
}

/// A Bot API client for `token`, at `api_url` when given (else Telegram's).
pub fn bot(token: String, api_url: Option<&url::Url>) -> anyhow::Result<teloxide::Bot> {
    if let Some(url) = api_url {
        refuse_plain_http(url)?;
    }
    let client = teloxide::net::default_reqwest_settings()
        .build()
        .context("cannot set up HTTPS")?;
    let mut bot = teloxide::Bot::with_client(token, client);
    if let Some(url) = api_url {
        bot = bot.set_api_url(without_trailing_slash(url));
    }
    Ok(bot)
}

/// Runs the bot until it is stopped.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    harden();
    init_logging();
    let Some(token) = bot_token()? else {
        bail!("set TELOXIDE_TOKEN to the bot's token from @BotFather");
    };
    let mode = mode(&args)?;
    let limits = args.limits()?;
    let intake = args.intake()?;

    let (flows, report) = crate::load::load(&args.content.flows, &args.content.locales);
    let flows = match flows {
        Some(flows) if report.errors() == 0 => flows,
        _ => {
            eprintln!("{report}");
            bail!("the flows have errors (listed above); the bot did not start");
        }
    };
    let flows = LiveFlows::new(flows, &args.content.flows, &args.content.locales);
    let watch = (args.watch_seconds > 0).then(|| Duration::from_secs(args.watch_seconds));
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let sessions =
        Sessions::open(&args.store.config()?, clock.now()).context("cannot open the store")?;
    match sessions.key_file() {
        Some(file) => tracing::info!(key_file = %file.display(), "pseudonym keys in a key file"),
        None => tracing::info!(
            "pseudonym keys in memory only: a restart starts every conversation over \
             (set SIGNPOST_KEY_FILE, or run under systemd with RuntimeDirectory=, to keep them)"
        ),
    }

    let bot = bot(token.secret, args.api_url.as_ref())?;

    let tokio = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
        .context("cannot start the async runtime")?;
    tokio.block_on(async move {
        let (stop, stopping) = shutdown::signal();
        tokio::spawn(async move {
            if let Err(error) = shutdown::on_signals(stop).await {
                tracing::error!(%error, "cannot watch for SIGINT and SIGTERM");
            }
        });
        runtime::run(
            bot,
            Arc::new(flows),
            Arc::new(sessions),
            clock,
            Options {
                mode,
                limits,
                intake,
                watch,
            },
            stopping,
        )
        .await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Keeps what the process holds from ending up on disk or in other hands: no core dump
/// (it would hold the keys and the texts being handled), no attaching by other processes
/// of the same user (`PR_SET_DUMPABLE` 0 also makes `/proc/<pid>/mem` readable by root
/// only), and files and folders the bot creates readable by its user only (umask 077).
/// Failures are logged later by nothing: each call is best effort on a system that
/// forbids it.
fn harden() {
    use rustix::process::{Resource, Rlimit, setrlimit, umask};
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
    umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Whether an address is this machine (127.0.0.0/8, ::1 or localhost).
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// The Bot API address carries the token in every request: over plain HTTP anyone on the
/// way reads it, and every message. Allowed only to this machine (a local Bot API server,
/// the tests' fake one).
fn refuse_plain_http(url: &url::Url) -> anyhow::Result<()> {
    if url.scheme() == "https" {
        return Ok(());
    }
    if url.scheme() == "http" && is_loopback(url) {
        return Ok(());
    }
    bail!(
        "TELOXIDE_API_URL must be an https:// address (http:// only to this machine: \
         127.0.0.1, ::1 or localhost), because every request carries the bot's token"
    )
}

fn webhook_secret() -> anyhow::Result<String> {
    let secret = std::env::var("SIGNPOST_WEBHOOK_SECRET").unwrap_or_default();
    let allowed = secret
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !(16..=256).contains(&secret.len()) || !allowed {
        bail!(
            "a webhook needs SIGNPOST_WEBHOOK_SECRET: 16 to 256 characters of A-Z, a-z, 0-9, _ and -"
        );
    }
    Ok(secret)
}

/// teloxide appends `/bot<token>/<method>` to the path as given.
fn without_trailing_slash(url: &url::Url) -> url::Url {
    let mut url = url.clone();
    let path = url.path().trim_end_matches('/').to_string();
    url.set_path(&path);
    url
}

/// Logs go to standard error. signpost's own messages follow `RUST_LOG` (default `info`);
/// every other library is held to warnings and errors whatever `RUST_LOG` says, because
/// their debug output can quote requests and responses, which hold names and texts.
fn init_logging() {
    use tracing_subscriber::filter::{EnvFilter, FilterExt, filter_fn};
    use tracing_subscriber::prelude::*;

    let requested = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let ours_or_serious = filter_fn(|meta| {
        meta.target().starts_with("signpost") || *meta.level() <= tracing::Level::WARN
    });
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_filter(requested.and(ours_or_serious));
    // Fails only if a logger is set already (an embedding program's), which then stays.
    let _ = tracing_subscriber::registry().with(layer).try_init();

    // A panic message can quote a value being handled; only its place is printed.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("signpost: internal error at {place} (details withheld)");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_comes_from_the_environment_before_a_credential() {
        let folder = match tempfile::tempdir() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        let credential = folder.path().join(TOKEN_CREDENTIAL);
        if let Err(e) = std::fs::write(&credential, "42:from-file\n") {
            panic!("{e}");
        }
        let found = |env: Option<&str>| match token_from(
            env.map(str::to_string),
            Some(folder.path().to_path_buf()),
        ) {
            Ok(Some(token)) => (token.secret, token.source),
            Ok(None) => panic!("no token"),
            Err(e) => panic!("{e:#}"),
        };
        assert_eq!(
            found(Some("42:from-env")),
            ("42:from-env".to_string(), TokenSource::Environment)
        );
        assert_eq!(
            found(Some("  ")),
            (
                "42:from-file".to_string(),
                TokenSource::Credential(credential)
            )
        );
        assert!(matches!(token_from(None, None), Ok(None)));
        let empty = match tempfile::tempdir() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        let missing = match token_from(None, Some(empty.path().to_path_buf())) {
            Ok(_) => panic!("a missing credential was accepted"),
            Err(e) => format!("{e:#}"),
        };
        assert!(
            missing.contains("LoadCredential=telegram-token:PATH"),
            "{missing}"
        );
    }

    #[test]
    fn plain_http_is_refused_except_to_this_machine() {
        let check = |text: &str| match text.parse::<url::Url>() {
            Ok(url) => refuse_plain_http(&url).is_ok(),
            Err(e) => panic!("{e}"),
        };
        assert!(check("https://api.telegram.org"));
        assert!(check("http://127.0.0.1:8081"));
        assert!(check("http://[::1]:8081/api"));
        assert!(check("http://localhost:8081"));
        assert!(!check("http://10.0.0.5:8081"));
        assert!(!check("http://api.example.org"));
        assert!(!check("ftp://127.0.0.1"));
    }

    #[test]
    fn a_trailing_slash_is_dropped_from_the_api_url() {
        let url: url::Url = match "http://127.0.0.1:8081/".parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            without_trailing_slash(&url).as_str(),
            "http://127.0.0.1:8081/"
        );
        let url: url::Url = match "http://127.0.0.1:8081/api/".parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            without_trailing_slash(&url).as_str(),
            "http://127.0.0.1:8081/api"
        );
    }
}
