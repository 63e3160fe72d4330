//! The running bot: checks the token, registers the command menu and the profile texts,
//! picks the update source (long polling, or a webhook), routes updates to the
//! conversation handler, keeps the store swept, puts changed flows in service
//! (`LiveFlows`, on a file change or SIGHUP), tells systemd when it is ready and alive
//! (`health`), and on the stop signal finishes what is in hand and flushes the store.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::sync::{mpsc, watch};

use crate::live::{LiveFlows, Reload};
use crate::store::{GRANULARITY_MINUTES, Sessions, StoreError};

use crate::telegram::conversation::Conversations;
use crate::telegram::handover::Relay;
use crate::telegram::incoming::polling::{self, offset_after};
use crate::telegram::incoming::progress::record_progress;
use crate::telegram::incoming::router::{self, Taken};
use crate::telegram::incoming::webhook::Endpoint;
use crate::telegram::ops::activity::{ACTIVITY, REPORT_AT, coarse, report_every_minute};
use crate::telegram::ops::clock::Clock;
use crate::telegram::ops::commands;
use crate::telegram::ops::health::Health;
use crate::telegram::ops::profile::Profile;
use crate::telegram::ops::shutdown::Stopping;
use crate::telegram::send::api::{Api, CallError};
use crate::telegram::send::limiter::{Limits, Rate};

/// Updates fetched but not yet routed; polling waits when this is full.
const UPDATE_QUEUE: usize = 1024;

/// How updates arrive.
#[derive(Debug, Clone)]
pub enum Mode {
    /// `getUpdates` in a loop (the default; nothing to expose to the internet).
    Polling,
    /// Telegram posts updates to an HTTPS endpoint of the bot.
    Webhook(WebhookOptions),
}

/// Where Telegram posts updates, and how the endpoint knows it is Telegram.
#[derive(Clone)]
pub struct WebhookOptions {
    /// The public HTTPS address Telegram posts to; its path is the endpoint's path.
    pub url: url::Url,
    /// Where the endpoint listens (behind the TLS proxy).
    pub listen: SocketAddr,
    /// The secret Telegram must send back in every request.
    pub secret: String,
}

// Written by hand so that the secret never reaches a log line.
impl std::fmt::Debug for WebhookOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookOptions")
            .field("url", &self.url.as_str())
            .field("listen", &self.listen)
            .finish_non_exhaustive()
    }
}

/// How the bot runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Polling or a webhook.
    pub mode: Mode,
    /// How fast messages are sent.
    pub limits: Limits,
    /// How fast one chat's updates are taken in (see `intake`).
    pub intake: Rate,
    /// How often to look for changed flow files; `None`: only on SIGHUP.
    pub watch: Option<Duration>,
}

/// Why the bot stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A call to Telegram failed for good.
    #[error(transparent)]
    Telegram(#[from] CallError),
    /// The webhook's address could not be bound.
    #[error("cannot listen for the webhook on {addr}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Runs the bot until `stop`.
pub async fn run(
    bot: teloxide::Bot,
    flows: Arc<LiveFlows>,
    sessions: Arc<Sessions>,
    clock: Arc<dyn Clock>,
    options: Options,
    stop: Stopping,
) -> Result<(), RunError> {
    // Listened for from the start: unheard, SIGHUP would end the process.
    let hangup = match signal(SignalKind::hangup()) {
        Ok(hangup) => Some(hangup),
        Err(error) => {
            tracing::warn!(%error, "cannot watch for SIGHUP; flows reload only when files change");
            None
        }
    };
    let api = Arc::new(Api::new(bot, options.limits, clock.clone()));
    let me = api.get_me().await?;
    tracing::info!(
        bot = %me.username.as_deref().unwrap_or("?"),
        "connected to the Bot API"
    );
    commands::register(&api, &flows.current()).await;
    // The profile waits for nothing the bot needs to serve; Telegram may be slow to take it.
    let profile = Arc::new(Profile::default());
    let profiling = {
        let (api, profile, current) = (api.clone(), profile.clone(), flows.current());
        tokio::spawn(async move { profile.apply(&api, &current).await })
    };
    sessions.maintain(clock.now())?;
    let health = Arc::new(Health::from_environment(clock.clone()));

    let (updates, queue) = mpsc::channel::<Taken>(UPDATE_QUEUE);
    // The router's watermark: every update up to it handled. Polling confirms updates to
    // Telegram by it, and `record_progress` writes it to the store.
    let (progress, announced) = watch::channel(None);
    let finished = announced.clone();
    let polling = matches!(options.mode, Mode::Polling);
    let source = match options.mode {
        Mode::Polling => {
            if let Ok(info) = api.get_webhook_info().await
                && info.url.is_some()
            {
                tracing::info!("removing the webhook to receive updates by polling");
                api.delete_webhook().await?;
            }
            let offset = sessions.last_update_id()?.and_then(offset_after);
            tracing::info!("receiving updates by long polling");
            let api = api.clone();
            let stop = stop.clone();
            let health = health.clone();
            let handled = announced.clone();
            tokio::spawn(async move {
                polling::poll(api, offset, updates, handled, stop, health)
                    .await
                    .map_err(RunError::from)
            })
        }
        Mode::Webhook(hook) => {
            let endpoint = Endpoint::bind(hook.listen, hook.url.path(), &hook.secret)
                .await
                .map_err(|source| RunError::Listen {
                    addr: hook.listen,
                    source,
                })?;
            api.set_webhook(hook.url.clone(), &hook.secret).await?;
            tracing::info!(listen = %hook.listen, "receiving updates by webhook");
            health.alive();
            if let Some(interval) = health.watchdog() {
                tokio::spawn(webhook_heartbeat(
                    api.clone(),
                    health.clone(),
                    interval,
                    stop.clone(),
                ));
            }
            let stop = stop.clone();
            let health = health.clone();
            tokio::spawn(async move {
                endpoint
                    .serve(updates, stop, health)
                    .await
                    .map_err(|source| RunError::Listen {
                        addr: hook.listen,
                        source,
                    })
            })
        }
    };

    let recorder = tokio::spawn(record_progress(sessions.clone(), announced));
    // The handover's relay, when `[handover]` is configured at start: checked for the
    // rights to manage topics and delete messages (else no handover is offered), then
    // pacing the group. Its group stays the one checked here until a restart.
    let relay = match Relay::new(
        api.clone(),
        flows.clone(),
        sessions.clone(),
        clock.clone(),
        me.username.clone().unwrap_or_default(),
    ) {
        Some(relay) => {
            let relay = Arc::new(relay);
            relay.check_rights(me.id.0).await;
            Some(relay)
        }
        None => None,
    };
    let reloading = tokio::spawn(reload(
        flows.clone(),
        api.clone(),
        profile,
        relay.clone(),
        options.watch,
        hangup,
        stop.clone(),
    ));
    let relaying = relay
        .clone()
        .map(|relay| tokio::spawn(relay.run(stop.clone())));
    let conversations = Arc::new(Conversations {
        api: api.clone(),
        flows,
        sessions: sessions.clone(),
        clock: clock.clone(),
        progress: polling.then_some(progress),
        handover: relay,
    });
    // Only polling records progress: an earlier run's updates are skipped by id there.
    let done_up_to = if polling {
        sessions.last_update_id()?
    } else {
        None
    };
    let routing = tokio::spawn(router::route(
        queue,
        conversations,
        done_up_to,
        options.intake,
        clock.clone(),
    ));
    let maintenance = tokio::spawn(maintain(sessions.clone(), clock.clone(), stop.clone()));
    let reporting = tokio::spawn(report_every_minute(stop.clone()));

    // The source ends on the stop (or a fatal error); the router then finishes every
    // update in hand before it returns.
    let source_result = match source.await {
        Ok(result) => result,
        Err(_) => {
            tracing::error!("the update source stopped unexpectedly");
            Ok(())
        }
    };
    health.stopping();
    profiling.abort();
    if routing.await.is_err() {
        tracing::error!("the router stopped unexpectedly");
    }
    if polling {
        let handled = *finished.borrow();
        polling::confirm(&api, handled).await;
    }
    // The router is gone, and with it the announcing side: the recorder writes the last
    // id and ends.
    if recorder.await.is_err() {
        tracing::error!("recording progress stopped unexpectedly");
    }
    // Every open case is ended (both sides told, topics deleted) before the store goes.
    if let Some(relaying) = relaying
        && relaying.await.is_err()
    {
        tracing::error!("the handover relay stopped unexpectedly");
    }
    maintenance.abort();
    reloading.abort();
    reporting.abort();
    ACTIVITY.report(true);
    // Both run, so that a failed round still leaves the counts written and the store
    // flushed.
    let maintained = sessions.maintain(clock.now());
    sessions.flush()?;
    maintained?;
    tracing::info!("stopped; every update in hand was finished and the store flushed");
    source_result
}

/// Puts changed flows in service: when the files change (looked for every `watch`) and on
/// SIGHUP. A change that does not check is refused with its report, and the running flows
/// keep serving. `[handover]` is the relay's to judge (see `Relay::reloaded`); one added
/// where there was none at start waits for a restart.
async fn reload(
    flows: Arc<LiveFlows>,
    api: Arc<Api>,
    profile: Arc<Profile>,
    relay: Option<Arc<Relay>>,
    watch: Option<Duration>,
    mut hangup: Option<Signal>,
    mut stop: Stopping,
) {
    loop {
        let asked = tokio::select! {
            _ = stop.wait() => return,
            _ = async {
                match watch {
                    Some(every) => tokio::time::sleep(every).await,
                    None => std::future::pending().await,
                }
            } => false,
            Some(()) = async {
                match hangup.as_mut() {
                    Some(h) => h.recv().await,
                    None => std::future::pending().await,
                }
            } => true,
        };
        let live = flows.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            if asked {
                live.reload()
            } else {
                live.reload_if_changed()
            }
        })
        .await;
        match outcome {
            Ok(Reload::Unchanged) => {}
            Ok(Reload::Replaced { version }) => {
                tracing::info!(version, "new flows in service");
                let current = flows.current();
                match &relay {
                    Some(relay) => relay.reloaded().await,
                    None if current.settings.handover.is_some() => tracing::warn!(
                        "handover: [handover] was added to the flows; it waits for a restart \
                         (the staff group's rights are checked at start)"
                    ),
                    None => {}
                }
                commands::register(&api, &current).await;
                profile.apply(&api, &current).await;
            }
            Ok(Reload::Refused(report)) => tracing::error!(
                "a change to the flows was refused; the running flows stay in service:\n{report}"
            ),
            Err(_) => tracing::error!("reloading the flows was interrupted"),
        }
    }
}

/// With a webhook and systemd's watchdog: feeds the watchdog while Telegram answers and
/// still has the webhook set (updates then flow to it), so that a quiet hour is no reason
/// for a restart and a bot cut off from Telegram is restarted.
async fn webhook_heartbeat(
    api: Arc<Api>,
    health: Arc<Health>,
    interval: Duration,
    mut stop: Stopping,
) {
    let every = (interval / 4).max(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = stop.wait() => return,
            _ = tokio::time::sleep(every) => {}
        }
        match api.get_webhook_info().await {
            Ok(info) if info.url.is_some() => health.alive(),
            Ok(_) => tracing::warn!("telegram has no webhook set for the bot any more"),
            Err(error) => tracing::warn!(%error, "cannot reach telegram to check the webhook"),
        }
    }
}

/// Sweeps expired sessions, rotates keys and writes the counts, every store granule.
async fn maintain(sessions: Arc<Sessions>, clock: Arc<dyn Clock>, mut stop: Stopping) {
    let every = Duration::from_secs(u64::from(GRANULARITY_MINUTES) * 60);
    loop {
        tokio::select! {
            _ = stop.wait() => return,
            _ = tokio::time::sleep(every) => {}
        }
        let now = clock.now();
        let sessions = sessions.clone();
        match tokio::task::spawn_blocking(move || sessions.maintain(now)).await {
            // Logged only when there is something to say, coarsely: a line every round
            // with a small count would give the times people stopped writing.
            Ok(Ok(done)) if done.rotated || done.expired >= REPORT_AT as usize => tracing::info!(
                expired = %coarse(done.expired as u64),
                rotated = done.rotated,
                "store maintenance"
            ),
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::error!(%error, "store maintenance failed"),
            Err(_) => tracing::error!("store maintenance was interrupted"),
        }
    }
}
