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

use super::run as start;
use crate::telegram::ops::clock::SystemClock;
use crate::telegram::ops::runtime::Mode;
use crate::telegram::send::api::Api;
mod disk;
mod telegram;

use disk::*;
use telegram::*;

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
pub(crate) enum Verdict {
    Ok,
    /// Worth a look; the bot runs all the same.
    Warning,
    /// The bot cannot run (or must not) until this is put right.
    Failure,
}

/// One check's result, in words for the person who runs the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
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
pub(crate) const DISK_FAIL_BYTES: u64 = 100 * 1024 * 1024;
/// Free space below this is worth a warning.
pub(crate) const DISK_WARN_BYTES: u64 = 1024 * 1024 * 1024;
/// A clock further from Telegram's than this is worth a warning.
pub(crate) const CLOCK_WARN: SignedDuration = SignedDuration::from_secs(60);
/// A clock further off than this fails: opening hours ("open now") and session expiry
/// would be wrong by more than the store's 10-minute granule.
pub(crate) const CLOCK_FAIL: SignedDuration = SignedDuration::from_secs(10 * 60);
/// No clock that reads a time before this is right (the project did not exist).
const EARLIEST_SANE: &str = "2025-01-01T00:00:00Z";

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
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
            let api = Arc::new(Api::new(bot, run.limits()?, Arc::new(SystemClock)));
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

/// The findings as text: one line each, what to do under each problem, and a verdict.
pub(crate) fn render(findings: &[Finding]) -> String {
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
    #[cfg(unix)]
    fn a_file_beside_the_key_file_open_to_others_is_a_failure() {
        use std::os::unix::fs::PermissionsExt;
        let Ok(dir) = tempfile::tempdir() else {
            panic!("no temporary folder")
        };
        let key = dir.path().join("keys");
        assert!(companions_finding(&key).is_none(), "none there yet");
        let sessions = dir.path().join("keys.sessions");
        assert!(std::fs::write(&sessions, b"sealed").is_ok());
        assert!(
            std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o600)).is_ok()
        );
        assert!(companions_finding(&key).is_none(), "closed to others");
        assert!(
            std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o644)).is_ok()
        );
        let Some(finding) = companions_finding(&key) else {
            panic!("a readable file beside the key file passed")
        };
        assert_eq!(finding.verdict, Verdict::Failure);
        assert!(
            finding.says.contains("keys.sessions") && finding.says.contains("644"),
            "{}",
            finding.says
        );
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
            let mode = Ok(Mode::Webhook(
                crate::telegram::ops::runtime::WebhookOptions {
                    url: webhook.clone(),
                    listen: ([127, 0, 0, 1], 8080).into(),
                    secret: "s".repeat(16),
                },
            ));
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
