//! The checks that ask Telegram (the token, the bot's rights, the webhook) and the
//! clock beside Telegram's.

use jiff::Timestamp;
use teloxide::types::{Me, WebhookInfo};

use crate::cli::run as start;
use crate::telegram::ops::runtime::Mode;
use crate::telegram::send::api::{Api, CallError};

use super::*;

/// The webhook settings themselves, before asking Telegram.
pub(super) fn webhook_setting_finding(
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

pub(super) async fn telegram_findings(
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

pub(super) fn me_findings(me: &Result<Me, CallError>) -> Vec<Finding> {
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

pub(super) fn webhook_finding(
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
pub(super) fn clock_finding(now: Timestamp, server: Option<Timestamp>) -> Finding {
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
