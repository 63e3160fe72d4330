//! `signpost doctor`: checks a set-up before it goes live (and before every start, in the
//! systemd unit), in plain words, each problem with what to do about it. It takes the
//! same flags and environment as `signpost run`, so it checks exactly what the bot would
//! use.
//!
//! The exit code is 0 only when everything the bot needs to run is in order; warnings
//! (worth a look, but the bot runs) do not change it. Nothing here prints the token or
//! the webhook's path (which may be secret), and nothing is changed unless asked
//! (`--remove-webhook`).
//!
//! Each check is a small function from what was found to a [`Finding`], so the wording
//! and the verdicts are unit-tested without a network or a full disk.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use teloxide::types::{Me, WebhookInfo};

use super::run as start;
use crate::store::{StoreConfig, check_key_file, open_to_others};
use crate::telegram::api::{Api, CallError};
use crate::telegram::runtime::Mode;

#[derive(Debug, clap::Args)]
#[group(id = "doctor_args")]
#[command(after_help = "\
Give it the same flags and environment as `signpost run`. Exit code 0: everything the bot
needs is in order (warnings may remain); 1: something must be put right first.")]
pub struct Args {
    #[command(flatten)]
    pub run: start::Args,
    /// Remove a webhook Telegram still has set when this set-up receives by long polling
    /// (only once no other copy of the bot uses it), then check again.
    #[arg(long)]
    pub remove_webhook: bool,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Worth a look; the bot runs all the same.
    Warning,
    /// The bot cannot run (or must not) until this is put right.
    Failure,
}

/// One check's result, in words for the person who runs the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: &'static str,
    pub verdict: Verdict,
    pub says: String,
    pub todo: Option<String>,
}

impl Finding {
    fn ok(check: &'static str, says: impl Into<String>) -> Finding {
        Finding {
            check,
            verdict: Verdict::Ok,
            says: says.into(),
            todo: None,
        }
    }

    fn warning(check: &'static str, says: impl Into<String>, todo: impl Into<String>) -> Finding {
        Finding {
            check,
            verdict: Verdict::Warning,
            says: says.into(),
            todo: Some(todo.into()),
        }
    }

    fn failure(check: &'static str, says: impl Into<String>, todo: impl Into<String>) -> Finding {
        Finding {
            check,
            verdict: Verdict::Failure,
            says: says.into(),
            todo: Some(todo.into()),
        }
    }
}

/// Free space below this fails the check: sled and the statistics need room to write.
pub const DISK_FAIL_BYTES: u64 = 100 * 1024 * 1024;
/// Free space below this is worth a warning.
pub const DISK_WARN_BYTES: u64 = 1024 * 1024 * 1024;
/// A clock further from Telegram's than this is worth a warning.
pub const CLOCK_WARN: SignedDuration = SignedDuration::from_secs(60);
/// A clock further off than this fails: opening hours ("open now") and session expiry
/// would be wrong by more than the store's 10-minute granule.
pub const CLOCK_FAIL: SignedDuration = SignedDuration::from_secs(10 * 60);
/// No clock that reads a time before this is right (the project did not exist).
const EARLIEST_SANE: &str = "2025-01-01T00:00:00Z";

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let findings = examine(&args)?;
    print!("{}", render(&findings));
    let failed = findings.iter().any(|f| f.verdict == Verdict::Failure);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn examine(args: &Args) -> anyhow::Result<Vec<Finding>> {
    let run = &args.run;
    let mut findings = Vec::new();
    let now = Timestamp::now();

    let token = start::bot_token();
    findings.push(token_finding(&token));
    let url_finding = api_url_finding(run.api_url.as_ref());
    let url_usable = url_finding.verdict != Verdict::Failure;
    findings.push(url_finding);
    let mode = start::mode(run);
    findings.push(webhook_setting_finding(
        &mode,
        run.webhook_url.as_ref(),
        run.api_url.as_ref(),
    ));

    match (token, url_usable) {
        (Ok(Some(token)), true) => {
            let bot = start::bot(token.secret, run.api_url.as_ref())?;
            let api = Arc::new(Api::new(bot, run.limits()?));
            let tokio = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let polling = matches!(mode, Ok(Mode::Polling));
            let configured = run.webhook_url.clone();
            let remove = args.remove_webhook;
            findings.extend(tokio.block_on(async move {
                telegram_findings(&api, polling, configured.as_ref(), remove, now).await
            }));
        }
        _ => {
            findings.push(Finding::failure(
                "Telegram",
                "not checked: there is no token, or no safe address to send it to",
                "put right the problems above, then run `signpost doctor` again",
            ));
            findings.push(clock_finding(now, None));
        }
    }

    let (flows, report) = crate::load::load(&run.content.flows, &run.content.locales);
    findings.push(flows_finding(
        flows.is_some(),
        report.errors(),
        report.warnings(),
        &run.content.flows,
    ));

    let config = run.store.config()?;
    findings.push(data_folder_finding(&config.data));
    findings.push(key_finding(&config));
    findings.push(disk_finding(&config.data, free_space(&config.data)));
    Ok(findings)
}

fn token_finding(token: &anyhow::Result<Option<start::Token>>) -> Finding {
    match token {
        Ok(Some(token)) => Finding::ok("token", format!("set, from {}", token.source)),
        Ok(None) => Finding::failure(
            "token",
            "no token: TELOXIDE_TOKEN is not set and there is no systemd credential",
            format!(
                "give the bot's token from @BotFather in TELOXIDE_TOKEN, or in the unit as \
                 LoadCredential={}:/etc/signpost/telegram-token",
                start::TOKEN_CREDENTIAL
            ),
        ),
        Err(error) => Finding::failure(
            "token",
            format!("{error:#}"),
            "fix the credential file (one line: the token from @BotFather), readable by root only",
        ),
    }
}

fn api_url_finding(url: Option<&url::Url>) -> Finding {
    let Some(url) = url else {
        return Finding::ok("API address", "Telegram's own, over HTTPS");
    };
    let host = url.host_str().unwrap_or("?");
    match url.scheme() {
        "https" => Finding::ok("API address", format!("{host}, over HTTPS")),
        "http" if start::is_loopback(url) => Finding::ok(
            "API address",
            format!("a Bot API server on this machine ({host}), over plain HTTP"),
        ),
        "http" => Finding::failure(
            "API address",
            format!(
                "TELOXIDE_API_URL sends the token to {host} unencrypted (plain HTTP over the network)"
            ),
            "use an https:// address, or a Bot API server on this machine (127.0.0.1)",
        ),
        other => Finding::failure(
            "API address",
            format!("TELOXIDE_API_URL has the scheme {other}:, which the bot cannot use"),
            "use an https:// address",
        ),
    }
}

/// The webhook settings themselves, before asking Telegram.
fn webhook_setting_finding(
    mode: &anyhow::Result<Mode>,
    webhook_url: Option<&url::Url>,
    api_url: Option<&url::Url>,
) -> Finding {
    match (mode, webhook_url) {
        (Err(error), _) => Finding::failure(
            "update source",
            format!("{error:#}"),
            "set SIGNPOST_WEBHOOK_SECRET in the environment (not on the command line)",
        ),
        (Ok(Mode::Polling), _) | (Ok(Mode::Webhook(_)), None) => Finding::ok(
            "update source",
            "long polling (nothing exposed to the internet)",
        ),
        (Ok(Mode::Webhook(_)), Some(url)) => {
            let host = url.host_str().unwrap_or("?");
            // A local Bot API server posts to any address; Telegram's own only to HTTPS
            // on four ports.
            let local_api = api_url.is_some_and(start::is_loopback);
            let port = url.port_or_known_default().unwrap_or(0);
            if !local_api && url.scheme() != "https" {
                Finding::failure(
                    "update source",
                    format!(
                        "the webhook address at {host} is not HTTPS; Telegram posts only to HTTPS"
                    ),
                    "give SIGNPOST_WEBHOOK_URL as https://..., with TLS ending at a proxy in front of --listen",
                )
            } else if !local_api && ![443, 80, 88, 8443].contains(&port) {
                Finding::failure(
                    "update source",
                    format!(
                        "the webhook address uses port {port}; Telegram posts only to ports 443, 80, 88 and 8443"
                    ),
                    "use one of those ports in SIGNPOST_WEBHOOK_URL",
                )
            } else {
                Finding::ok("update source", format!("a webhook at {host}"))
            }
        }
    }
}

async fn telegram_findings(
    api: &Api,
    polling: bool,
    configured: Option<&url::Url>,
    remove_webhook: bool,
    now: Timestamp,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let me = api.get_me().await;
    let reachable = !matches!(me, Err(CallError::Unavailable { .. }));
    findings.extend(me_findings(&me));
    if me.is_err() {
        findings.push(clock_finding(now, None));
        return findings;
    }
    let mut info = api.get_webhook_info().await;
    if remove_webhook
        && polling
        && let Ok(found) = &info
        && found.url.is_some()
    {
        match api.delete_webhook().await {
            Ok(()) => {
                findings.push(Finding::ok("webhook", "removed, as asked"));
                info = api.get_webhook_info().await;
            }
            Err(error) => findings.push(Finding::failure(
                "webhook",
                format!("could not be removed: {error}"),
                "try again in a minute",
            )),
        }
    }
    findings.push(webhook_finding(&info, polling, configured));
    let server_time = if reachable {
        api.server_time().await.ok().flatten()
    } else {
        None
    };
    findings.push(clock_finding(Timestamp::now().max(now), server_time));
    findings
}

fn me_findings(me: &Result<Me, CallError>) -> Vec<Finding> {
    match me {
        Ok(me) => {
            let name = me.username.as_deref().unwrap_or("?");
            let mut found = vec![Finding::ok(
                "Telegram",
                format!("accepts the token: this is @{name}"),
            )];
            if me.can_join_groups {
                found.push(Finding::warning(
                    "groups",
                    "the bot can be added to groups (it leaves them at once, but people may be shown in one)",
                    "in @BotFather: /mybots, the bot, Bot Settings, Allow Groups?, Turn groups off",
                ));
            }
            found
        }
        Err(CallError::InvalidToken) => vec![Finding::failure(
            "Telegram",
            "does not accept the token (it is wrong, or was revoked)",
            "copy the token again from @BotFather (/mybots, the bot, API Token) into the credential file or TELOXIDE_TOKEN",
        )],
        Err(error @ CallError::Unavailable { .. }) => vec![Finding::failure(
            "Telegram",
            format!("could not be reached: {error}"),
            "check the server's network, DNS, firewall and proxy (TELOXIDE_PROXY), and TELOXIDE_API_URL if set",
        )],
        Err(error) => vec![Finding::failure(
            "Telegram",
            format!("{error}"),
            "check the token and TELOXIDE_API_URL",
        )],
    }
}

fn webhook_finding(
    info: &Result<WebhookInfo, CallError>,
    polling: bool,
    configured: Option<&url::Url>,
) -> Finding {
    let info = match info {
        Ok(info) => info,
        Err(error) => {
            return Finding::failure(
                "webhook",
                format!("Telegram did not say whether a webhook is set: {error}"),
                "run `signpost doctor` again in a minute",
            );
        }
    };
    let set = info.url.as_ref();
    let host = |url: &url::Url| url.host_str().unwrap_or("?").to_string();
    match (polling, set, configured) {
        (true, None, _) => Finding::ok("webhook", "none set; updates are fetched by long polling"),
        (true, Some(url), _) => Finding::failure(
            "webhook",
            format!(
                "Telegram still sends this bot's updates to a webhook at {}, but this set-up uses \
                 long polling; another copy of the bot may be receiving them",
                host(url)
            ),
            "stop any other copy of the bot, then run `signpost doctor --remove-webhook`",
        ),
        (false, None, _) => Finding::ok(
            "webhook",
            "not set yet; `signpost run` sets it when it starts",
        ),
        (false, Some(url), Some(wanted)) if url == wanted => match &info.last_error_message {
            Some(message) => Finding::warning(
                "webhook",
                format!("set, but Telegram's last delivery failed: {message}"),
                "check that the proxy in front of --listen is up and forwards to it",
            ),
            None => Finding::ok("webhook", format!("set to {}, as configured", host(url))),
        },
        (false, Some(url), _) => Finding::failure(
            "webhook",
            format!(
                "Telegram sends this bot's updates to {}, not to the address configured; \
                 another copy of the bot may be receiving them",
                host(url)
            ),
            "stop any other copy of the bot; `signpost run` then sets the configured address",
        ),
    }
}

/// The clock: sane on its own, and close to Telegram's (`server`, from a `Date` header).
fn clock_finding(now: Timestamp, server: Option<Timestamp>) -> Finding {
    let earliest: Timestamp = EARLIEST_SANE.parse().unwrap_or(Timestamp::UNIX_EPOCH);
    let fix = "turn on time synchronisation (`timedatectl set-ntp true`)";
    let shown = now.strftime("%Y-%m-%d %H:%M:%S UTC");
    if now < earliest {
        return Finding::failure("clock", format!("reads {now}, which cannot be right"), fix);
    }
    let Some(server) = server else {
        return Finding::warning(
            "clock",
            format!("reads {shown}; it could not be compared with Telegram's"),
            "make sure time synchronisation is on (`timedatectl`)",
        );
    };
    let off = now.duration_since(server).abs();
    let seconds = off.as_secs();
    if off > CLOCK_FAIL {
        Finding::failure(
            "clock",
            format!(
                "{seconds} seconds away from Telegram's: opening hours and deleting old conversations would be wrong"
            ),
            fix,
        )
    } else if off > CLOCK_WARN {
        Finding::warning(
            "clock",
            format!("{seconds} seconds away from Telegram's"),
            fix,
        )
    } else {
        Finding::ok("clock", "agrees with Telegram's")
    }
}

fn flows_finding(accepted: bool, errors: usize, warnings: usize, folder: &Path) -> Finding {
    if errors > 0 || !accepted {
        return Finding::failure(
            "flows",
            format!(
                "{errors} error(s) in the flows and texts in {}; the bot refuses to start with them",
                folder.display()
            ),
            "run `signpost check` to see each one with its file and line, and fix them",
        );
    }
    if warnings > 0 {
        Finding::warning(
            "flows",
            format!("pass `check`, with {warnings} warning(s)"),
            "run `signpost check` to read them",
        )
    } else {
        Finding::ok("flows", "pass `check`")
    }
}

fn data_folder_finding(data: &Path) -> Finding {
    let shown = data.display();
    let metadata = match std::fs::metadata(data) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Finding::failure(
                "data folder",
                format!("{shown} does not exist"),
                format!(
                    "create it, closed to others: `install -d -m 700 {shown}` (as the user that runs the bot; \
                     the systemd unit's StateDirectory= does this)"
                ),
            );
        }
        Err(error) => {
            return Finding::failure(
                "data folder",
                format!("{shown} cannot be read: {error}"),
                "give the user that runs the bot access to it",
            );
        }
    };
    if !metadata.is_dir() {
        return Finding::failure(
            "data folder",
            format!("{shown} is not a folder"),
            "point SIGNPOST_DATA at a folder",
        );
    }
    if let Some(mode) = open_to_others(&metadata) {
        return Finding::failure(
            "data folder",
            format!("{shown} is open to other users of this machine (mode {mode:03o})"),
            format!("close it: `chmod 700 {shown}`"),
        );
    }
    let probe = data.join(format!(".signpost-doctor-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut file| std::io::Write::write_all(&mut file, b"probe"));
    let _ = std::fs::remove_file(&probe);
    match written {
        Ok(()) => Finding::ok(
            "data folder",
            format!("{shown} is writable and closed to others"),
        ),
        Err(error) => Finding::failure(
            "data folder",
            format!("{shown} cannot be written to: {error}"),
            "make the user that runs the bot its owner",
        ),
    }
}

/// The key file, by the store's own rules ([`check_key_file`]); and, as a warning, a key
/// on a disk rather than in memory, where backups and snapshots may copy it.
fn key_finding(config: &StoreConfig) -> Finding {
    let Some(key_file) = config.key_file.as_deref() else {
        return Finding::ok(
            "key file",
            "none: the keys live in the bot's memory only (a restart starts every conversation over)",
        );
    };
    let shown = key_file.display();
    if !config.data.is_dir() {
        return Finding::failure(
            "key file",
            "not checked: the data folder is missing",
            "create the data folder first",
        );
    }
    match check_key_file(key_file, &config.data, config.ttl) {
        Ok(exists) => {
            let folder = match key_file.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            let where_ = if exists {
                format!("{shown} is outside the data folder and closed to others")
            } else {
                format!(
                    "{shown} does not exist yet; the bot makes it at start, outside the data folder"
                )
            };
            if in_memory(folder) {
                Finding::ok("key file", format!("{where_}, in memory (tmpfs)"))
            } else {
                Finding::warning(
                    "key file",
                    format!("{where_}, but on a disk"),
                    "keep it out of every backup and snapshot, or put it on a tmpfs such as /run \
                     (the unit's RuntimeDirectory= does this)",
                )
            }
        }
        Err(error) => Finding::failure(
            "key file",
            error.to_string(),
            "keep SIGNPOST_KEY_FILE in an existing folder outside the data folder that only the \
             bot's user can read (the systemd unit uses /run/signpost, in memory)",
        ),
    }
}

/// Whether `folder` is on a tmpfs (in memory: gone at reboot, never in a disk backup).
fn in_memory(folder: &Path) -> bool {
    const TMPFS_MAGIC: i64 = 0x0102_1994;
    // `f_type` is i64 on x86_64 and narrower on some other targets.
    #[allow(clippy::unnecessary_cast)]
    rustix::fs::statfs(folder).is_ok_and(|fs| fs.f_type as i64 == TMPFS_MAGIC)
}

/// Bytes free to the bot in the file system of `data` (or the nearest existing folder
/// above it).
fn free_space(data: &Path) -> std::io::Result<u64> {
    let existing = data
        .ancestors()
        .find(|p| p.exists())
        .unwrap_or_else(|| Path::new("."));
    let existing = if existing.as_os_str().is_empty() {
        Path::new(".")
    } else {
        existing
    };
    let stat = rustix::fs::statvfs(existing)?;
    Ok(stat.f_bavail.saturating_mul(stat.f_frsize))
}

fn disk_finding(data: &Path, free: std::io::Result<u64>) -> Finding {
    let free = match free {
        Ok(free) => free,
        Err(error) => {
            return Finding::warning(
                "disk",
                format!(
                    "free space next to {} could not be read: {error}",
                    data.display()
                ),
                "check it with `df -h`",
            );
        }
    };
    let mib = free / (1024 * 1024);
    let fix = "make room on that disk (old logs, packages), or move the data folder";
    if free < DISK_FAIL_BYTES {
        Finding::failure(
            "disk",
            format!(
                "only {mib} MiB free for the data folder; the store cannot keep conversations safely"
            ),
            fix,
        )
    } else if free < DISK_WARN_BYTES {
        Finding::warning("disk", format!("{mib} MiB free for the data folder"), fix)
    } else {
        Finding::ok(
            "disk",
            format!("{:.1} GiB free", free as f64 / (1024.0 * 1024.0 * 1024.0)),
        )
    }
}

/// The findings as text: one line each, what to do under each problem, and a verdict.
pub fn render(findings: &[Finding]) -> String {
    let width = findings.iter().map(|f| f.check.len()).max().unwrap_or(0);
    let mut out = String::from("signpost doctor: is this set-up ready for `signpost run`?\n\n");
    for finding in findings {
        let mark = match finding.verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warning => "warn",
            Verdict::Failure => "FAIL",
        };
        out.push_str(&format!(
            "{mark}  {:<width$}  {}\n",
            finding.check, finding.says
        ));
        if let Some(todo) = &finding.todo
            && finding.verdict != Verdict::Ok
        {
            out.push_str(&format!("      {:<width$}  What to do: {todo}\n", ""));
        }
    }
    let failures = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Failure)
        .count();
    let warnings = findings
        .iter()
        .filter(|f| f.verdict == Verdict::Warning)
        .count();
    out.push('\n');
    if failures == 0 {
        out.push_str("Ready: everything the bot needs to run is in order");
        if warnings > 0 {
            out.push_str(&format!(" ({warnings} warning(s) worth a look)"));
        }
        out.push_str(".\n");
    } else {
        out.push_str(&format!(
            "Not ready: {failures} problem(s) marked FAIL must be put right before the bot runs.\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        match text.parse() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    fn url(text: &str) -> url::Url {
        match text.parse() {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn only_https_or_this_machine_may_receive_the_token() {
        assert_eq!(api_url_finding(None).verdict, Verdict::Ok);
        for ok in [
            "https://api.example.org",
            "http://127.0.0.1:8081",
            "http://[::1]:8081",
            "http://localhost:8081",
        ] {
            assert_eq!(api_url_finding(Some(&url(ok))).verdict, Verdict::Ok, "{ok}");
        }
        let plain = api_url_finding(Some(&url("http://10.0.0.5:8081")));
        assert_eq!(plain.verdict, Verdict::Failure);
        assert!(plain.says.contains("unencrypted"), "{}", plain.says);
    }

    #[test]
    fn the_clock_is_judged_against_telegrams() {
        let now = at("2026-03-01T12:00:00Z");
        let off = |seconds: i64| {
            clock_finding(now, Some(now - SignedDuration::from_secs(seconds))).verdict
        };
        assert_eq!(off(5), Verdict::Ok);
        assert_eq!(off(-5), Verdict::Ok);
        assert_eq!(off(120), Verdict::Warning);
        assert_eq!(off(-11 * 60), Verdict::Failure);
        assert_eq!(clock_finding(now, None).verdict, Verdict::Warning);
        assert_eq!(
            clock_finding(at("2001-01-01T00:00:00Z"), None).verdict,
            Verdict::Failure
        );
    }

    #[test]
    fn little_free_disk_fails_and_some_warns() {
        let data = Path::new("data");
        assert_eq!(
            disk_finding(data, Ok(DISK_FAIL_BYTES - 1)).verdict,
            Verdict::Failure
        );
        assert_eq!(
            disk_finding(data, Ok(DISK_WARN_BYTES - 1)).verdict,
            Verdict::Warning
        );
        assert_eq!(disk_finding(data, Ok(DISK_WARN_BYTES)).verdict, Verdict::Ok);
        let measured = free_space(Path::new("no/such/folder/below/here"));
        assert!(
            measured.is_ok(),
            "free space of the nearest existing folder"
        );
    }

    #[test]
    fn a_webhook_must_be_https_on_a_port_telegram_posts_to() {
        let hook = |address: &str, api: Option<&str>| {
            let webhook = url(address);
            let mode = Ok(Mode::Webhook(crate::telegram::runtime::WebhookOptions {
                url: webhook.clone(),
                listen: ([127, 0, 0, 1], 8080).into(),
                secret: "s".repeat(16),
            }));
            let api = api.map(url);
            webhook_setting_finding(&mode, Some(&webhook), api.as_ref()).verdict
        };
        assert_eq!(hook("https://bot.example.org/hook", None), Verdict::Ok);
        assert_eq!(hook("http://bot.example.org/hook", None), Verdict::Failure);
        assert_eq!(
            hook("https://bot.example.org:9000/hook", None),
            Verdict::Failure
        );
        assert_eq!(
            hook("http://127.0.0.1:9000/hook", Some("http://127.0.0.1:8081")),
            Verdict::Ok
        );
    }

    #[test]
    fn the_verdict_line_counts_failures_and_warnings() {
        let text = render(&[
            Finding::ok("token", "set"),
            Finding::warning("disk", "low", "clean up"),
        ]);
        assert!(text.contains("warn  disk   low\n"), "{text}");
        assert!(text.contains("What to do: clean up"), "{text}");
        assert!(text.ends_with(
            "Ready: everything the bot needs to run is in order (1 warning(s) worth a look).\n"
        ));
        let text = render(&[Finding::failure("token", "none", "set it")]);
        assert!(text.ends_with(
            "Not ready: 1 problem(s) marked FAIL must be put right before the bot runs.\n"
        ));
    }
}
