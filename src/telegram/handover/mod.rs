//! The handover to a person: a live conversation between someone who asked for it in a
//! flow and the staff, relayed by the bot through a topic of the staff's supergroup, so
//! that neither side learns who the other is.
//!
//! - [`plan`]: the relay's policy, pure ([`Desk`]: the open cases, what each message or
//!   the passing of time does to them, as actions), with the time handed in from the
//!   `Clock`;
//! - [`cases`]: the open cases (in memory only), their random labels;
//! - [`pacing`]: what goes into the group when (about 20 a minute), joined when waiting;
//! - [`route`]: where a person's message in a case goes (staff, flows, or both);
//! - [`staff`]: the staff's commands.
//!
//! [`Relay`] is the thin executor around them: it reads the clock, asks the plan under
//! one lock, and carries out the actions (`execute`): topics created and deleted, the
//! person's texts sent (never forwarded) into the case's topic, the staff's texts sent
//! to the person, the durable marks a crash must not lose (`crash`), the counts.
//!
//! **Invariant:** nothing of the person (chat id, user id, name, username) goes into the
//! group; nothing of the staff (name, id) goes to the person; nothing of a case is
//! logged, and nothing of what was written in it is written to disk. A restart ends
//! every case: on a stop, both sides are told and the topics deleted; after a crash, the
//! start deletes the topics of the cases open then (their ids are kept sealed in the
//! store, see `store::open_cases`) and tells the staff, and a person who was in a case
//! is told at their next message that the conversation with a person ended.

pub(crate) mod cases;
pub(crate) mod pacing;
pub(crate) mod plan;
pub(crate) mod route;
pub(crate) mod staff;

mod crash;
mod execute;
mod person_side;
mod staff_side;

pub(crate) use route::{Route, route};

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;

use crate::live::LiveFlows;
use crate::store::Sessions;

use super::ops::clock::Clock;
use super::ops::shutdown::Stopping;
use super::send::api::Api;
use plan::Desk;

/// The longest the group's pump sleeps: how often open cases are looked at for the
/// inactivity limit.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// The relay between people in a case and the staff group.
pub(crate) struct Relay {
    api: Arc<Api>,
    flows: Arc<LiveFlows>,
    sessions: Arc<Sessions>,
    clock: Arc<dyn Clock>,
    /// The staff group as configured at start, the one whose rights `check_rights`
    /// looks at: a reload that names another group does not move the cases there
    /// (its rights were never checked); the change waits for a restart.
    group: i64,
    desk: Mutex<Desk>,
    /// Wakes the pump when something is queued for the group.
    queued: Notify,
}

/// What the relay knows of a person's chat, asked once per update under one lock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Look {
    /// The chat is in a case.
    pub in_case: bool,
    /// Someone on the staff is available (for `engine::Context`).
    pub available: bool,
}

impl Relay {
    /// The relay for the staff group of `[handover]` in the flows in service now;
    /// `None` without it (the relay is made once, at start).
    pub(crate) fn new(
        api: Arc<Api>,
        flows: Arc<LiveFlows>,
        sessions: Arc<Sessions>,
        clock: Arc<dyn Clock>,
        bot: String,
    ) -> Option<Self> {
        let group = flows.current().settings.handover.as_ref()?.group;
        Some(Relay {
            api,
            flows,
            sessions,
            clock,
            group,
            desk: Mutex::new(Desk::new(bot)),
            queued: Notify::new(),
        })
    }

    fn desk(&self) -> MutexGuard<'_, Desk> {
        self.desk.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// New flows are in service: a `[handover]` that is gone ends every open case on
    /// both sides, as a stop does, and no handover is offered until it is back; a
    /// `[handover]` naming another group is logged as waiting for a restart, and the
    /// cases stay in the group checked at start (the group id is configuration, not a
    /// person).
    pub(crate) async fn reloaded(&self) {
        let flows = self.flows.current();
        match flows.settings.handover.as_ref().map(|h| h.group) {
            None => {
                let actions = {
                    let mut desk = self.desk();
                    let open = desk.open_cases();
                    tracing::warn!(
                        open,
                        "handover: [handover] was removed from the flows; open cases end on \
                         both sides and no handover is offered"
                    );
                    desk.end_all(&flows)
                };
                self.execute(actions).await;
            }
            Some(group) if group != self.group => tracing::warn!(
                group = self.group,
                configured = group,
                "handover: the staff group in [handover] changed; the change waits for a \
                 restart, and cases go on in the group checked at start"
            ),
            Some(_) => {}
        }
    }

    /// Checks that the bot may manage topics and delete messages in the configured group
    /// (a topic staff wrote in can only be deleted with the second); until it may, no
    /// handover is offered. Logged clearly either way (the group id is configuration,
    /// not a person).
    pub(crate) async fn check_rights(&self, bot_id: u64) {
        let group = self.group;
        match self.api.membership(group, bot_id).await {
            Ok(m) if m.runs_cases => {
                tracing::info!(group, "handover: the staff group is ready");
                self.clear_after_crash(group).await;
                let actions = self.desk().on_ready(&self.flows.current());
                self.execute(actions).await;
            }
            Ok(_) => tracing::error!(
                group,
                "handover: the bot is not an administrator with the rights to manage topics \
                 and delete messages in the staff group; no handover is offered"
            ),
            Err(error) => tracing::error!(
                group,
                %error,
                "handover: the staff group cannot be checked; no handover is offered"
            ),
        }
    }

    /// Whether `chat` is the staff group checked at start (the bot stays there).
    pub(crate) fn is_group(&self, chat: i64) -> bool {
        self.group == chat
    }

    /// What the relay knows of `chat` (see [`Look`]).
    pub(crate) fn look(&self, chat: i64) -> Look {
        let flows = self.flows.current();
        let desk = self.desk();
        Look {
            in_case: desk.in_case(chat),
            available: desk.available(&flows),
        }
    }

    /// Ends every case (the bot is stopping), telling both sides.
    pub(crate) async fn end_all(&self) {
        let actions = self.desk().end_all(&self.flows.current());
        self.execute(actions).await;
    }

    /// Sends what is queued for the group at the pace the limit allows, and ends idle
    /// cases, until `stop`. Then ends every open case, and sends what is still queued
    /// without waiting for `stop` (a last few notices).
    pub(crate) async fn run(self: Arc<Self>, mut stop: Stopping) {
        loop {
            let tick = self
                .desk()
                .on_tick(&self.flows.current(), self.clock.read());
            if !tick.actions.is_empty() {
                self.execute(tick.actions).await;
                continue;
            }
            let wait = tick.wait.map_or(SWEEP_EVERY, |w| w.min(SWEEP_EVERY));
            tokio::select! {
                _ = stop.wait() => break,
                _ = self.queued.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
        self.end_all().await;
        loop {
            let tick = self
                .desk()
                .on_tick(&self.flows.current(), self.clock.read());
            match tick.wait {
                _ if !tick.actions.is_empty() => self.execute(tick.actions).await,
                Some(wait) => tokio::time::sleep(wait.min(SWEEP_EVERY)).await,
                None => break,
            }
        }
    }
}
