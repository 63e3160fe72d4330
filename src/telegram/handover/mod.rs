//! The handover to a person: a live conversation between someone who asked for it in a
//! flow and the staff, relayed by the bot through a topic of the staff's supergroup, so
//! that neither side learns who the other is.
//!
//! - [`cases`]: the open cases (in memory only), their random labels;
//! - [`pacing`]: what goes into the group when (about 20 a minute), joined when waiting;
//! - [`route`]: where a person's message in a case goes (staff, flows, or both);
//! - [`staff`]: the staff's commands.
//!
//! This module is the thin executor around them: it creates and deletes topics, sends
//! the person's texts (never forwards them) into the case's topic, sends the staff's
//! texts to the person, holds back a text with personal data until the person says to
//! pass it on, ends cases (`/end`, the person's quick exit, inactivity, shutdown) and
//! counts offered, accepted and ended cases in the aggregate statistics.
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
pub(crate) mod route;
pub(crate) mod staff;

mod crash;
mod person_side;
mod staff_side;

pub(crate) use route::{Route, route};

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::engine::{HandoverEvent, HandoverText, Reply, ReplyKind, handover_reply, staff_text};
use crate::live::LiveFlows;
use crate::store::Sessions;

use super::ops::clock::Clock;
use super::ops::shutdown::Stopping;
use super::send::api::Api;
use super::send::render::render;
use cases::{CaseId, Cases};
use pacing::{Item, Next, Pacer, Queued};

/// How often open cases are looked at for the inactivity limit.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// Why a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// `/end` in the topic.
    Staff,
    /// The person's quick exit, or they blocked the bot.
    Person,
    /// No message from either side for the configured time.
    Inactive,
    /// The bot is stopping.
    Restart,
}

impl Ending {
    fn event(self) -> HandoverEvent {
        match self {
            Ending::Staff => HandoverEvent::EndedByStaff,
            Ending::Person => HandoverEvent::EndedByPerson,
            Ending::Inactive => HandoverEvent::EndedInactive,
            Ending::Restart => HandoverEvent::EndedRestart,
        }
    }
}

/// What a person is told about their message on its way to the staff.
enum Told {
    Delayed,
    Capped,
}

/// What the relay keeps, under one lock.
#[derive(Default)]
struct State {
    cases: Cases,
    pacer: Pacer,
    /// Staff who said `/available` (their Telegram user ids, in memory only).
    available: HashSet<u64>,
}

/// The relay between people in a case and the staff group.
pub(crate) struct Relay {
    api: Arc<Api>,
    flows: Arc<LiveFlows>,
    sessions: Arc<Sessions>,
    clock: Arc<dyn Clock>,
    /// The bot's username, for `/end@botname`.
    bot: String,
    /// The staff group as configured at start, the one whose rights `check_rights`
    /// looks at: a reload that names another group does not move the cases there
    /// (its rights were never checked); the change waits for a restart.
    group: i64,
    /// The start-up check passed: the bot manages topics in the configured group.
    ready: std::sync::atomic::AtomicBool,
    /// The start found cases left open by a crash: a person's next message is looked
    /// at for the mark of one (see [`Relay::ended_by_crash`]).
    after_crash: std::sync::atomic::AtomicBool,
    state: Mutex<State>,
    /// Wakes the pump when something is queued for the group.
    queued: Notify,
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
            bot,
            group,
            ready: std::sync::atomic::AtomicBool::new(false),
            after_crash: std::sync::atomic::AtomicBool::new(false),
            state: Mutex::new(State::default()),
            queued: Notify::new(),
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the flows in service still have `[handover]` (a reload may remove it).
    fn configured(&self) -> bool {
        self.flows.current().settings.handover.is_some()
    }

    /// Whether cases may be opened and relayed now: the group checked at start passed,
    /// and `[handover]` is still in the flows.
    fn active(&self) -> bool {
        self.ready() && self.configured()
    }

    /// New flows are in service: a `[handover]` that is gone ends every open case on
    /// both sides, as a stop does, and no handover is offered until it is back; a
    /// `[handover]` naming another group is logged as waiting for a restart, and the
    /// cases stay in the group checked at start (the group id is configuration, not a
    /// person).
    pub(crate) async fn reloaded(&self) {
        let configured = self
            .flows
            .current()
            .settings
            .handover
            .as_ref()
            .map(|h| h.group);
        match configured {
            None => {
                let open = self.state().cases.ids().len();
                tracing::warn!(
                    open,
                    "handover: [handover] was removed from the flows; open cases end on both \
                     sides and no handover is offered"
                );
                self.end_all().await;
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
                self.ready.store(true, std::sync::atomic::Ordering::Relaxed);
                tracing::info!(group, "handover: the staff group is ready");
                self.clear_after_crash(group).await;
                // The staff learn here that earlier cases are gone (after a crash their
                // topics were just deleted; after a stop they were told then).
                let text = staff_text(&self.flows.current(), "handover-staff-restart", &[]);
                let mut state = self.state();
                self.queue(&mut state, None, text, false);
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

    fn ready(&self) -> bool {
        self.ready.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether someone on the staff is available (for `engine::Context`).
    pub(crate) fn available(&self) -> bool {
        self.active() && !self.state().available.is_empty()
    }

    /// Whether `chat` is the staff group checked at start (the bot stays there).
    pub(crate) fn is_group(&self, chat: i64) -> bool {
        self.group == chat
    }

    /// Whether `chat` is in a case now.
    pub(crate) fn in_case(&self, chat: i64) -> bool {
        self.state().cases.of_chat(chat).is_some()
    }

    fn count(&self, event: HandoverEvent) {
        self.sessions.count(&event.stat(), self.clock.now());
    }

    /// Queues a text for the group and wakes the pump; returns what became of it.
    fn queue(&self, state: &mut State, topic: Option<i32>, text: String, joinable: bool) -> Queued {
        let queued = state.pacer.push(
            Item {
                topic,
                text,
                joinable,
            },
            Instant::now(),
        );
        self.queued.notify_one();
        queued
    }

    /// Sends `reply` to a person's chat (logged on failure, never with the chat), and
    /// remembers what went out for the quick exit; returns the ids sent.
    async fn tell(&self, chat: i64, reply: &Reply) -> Vec<i32> {
        let mut sent = Vec::new();
        for message in render(reply) {
            match self.api.send(chat, &message).await {
                Ok(id) => sent.push(id),
                Err(error) => {
                    tracing::warn!(%error, "handover: a message to the person could not be sent")
                }
            }
        }
        self.remember(chat, &sent);
        sent
    }

    /// Remembers message ids of a person's chat in their session, so that the quick
    /// exit's sweep is centred on the conversation's newest message: what the relay
    /// sends and takes in never passes through the flows' plan. Written without waiting
    /// for the disk, like the plan's ids. A staff reply may race the person's own turn
    /// (another task) and lose its id to it; the id is then still within the sweep's
    /// reach past the newest one kept (see `plan::conversation_ids`).
    fn remember(&self, chat: i64, ids: &[i32]) {
        if ids.is_empty() {
            return;
        }
        let now = self.clock.now();
        match self.sessions.load(chat, now) {
            Ok(Some(mut stored)) => {
                for &id in ids {
                    stored.remember_message(id);
                }
                if let Err(error) = self.sessions.save_pending(chat, &stored, now) {
                    tracing::warn!(%error, "handover: a session could not be written");
                }
            }
            // No conversation to keep them in (it was wiped): nothing to sweep later.
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "handover: a session could not be read"),
        }
    }

    async fn tell_text(&self, chat: i64, lang: &str, text: HandoverText) {
        let reply = handover_reply(&self.flows.current(), lang, text);
        self.tell(chat, &reply).await;
    }

    /// The case of `chat` and its language.
    fn case_of(&self, chat: i64) -> Option<(CaseId, String)> {
        let state = self.state();
        let id = state.cases.of_chat(chat)?;
        let lang = state.cases.get(id).map(|c| c.lang.clone())?;
        Some((id, lang))
    }

    /// Ends a case: the person told (unless they left), the staff told in the general
    /// topic by the case's label, the topic deleted, the ending counted.
    async fn end(&self, id: CaseId, why: Ending) {
        let Some((case, topics)) = ({
            let mut state = self.state();
            let closed = state.cases.close(id);
            closed.map(|case| (case, state.cases.topics()))
        }) else {
            return;
        };
        self.count(why.event());
        if case.topic.is_some() {
            self.keep_topics(topics).await;
        }
        self.mark(case.chat, false).await;
        let flows = self.flows.current();
        let told = match why {
            Ending::Staff => Some(HandoverText::EndedStaff),
            Ending::Inactive => Some(HandoverText::EndedInactive),
            Ending::Restart => Some(HandoverText::EndedRestart),
            Ending::Person => None,
        };
        if let Some(text) = told {
            self.tell_text(case.chat, &case.lang, text).await;
        }
        let staff_id = match why {
            Ending::Person => "handover-staff-person-left",
            Ending::Inactive => "handover-staff-inactive",
            Ending::Staff | Ending::Restart => "handover-staff-ended",
        };
        let notice = staff_text(&flows, staff_id, &[("case", &case.label)]);
        {
            let mut state = self.state();
            if let Some(topic) = case.topic {
                state.pacer.forget(topic);
            }
            self.queue(&mut state, None, notice, false);
        }
        if let Some(topic) = case.topic
            && let Err(error) = self.api.delete_topic(self.group, topic).await
        {
            tracing::warn!(%error, "handover: a case's topic could not be deleted");
        }
    }

    /// Ends every case (the bot is stopping), telling both sides, and sends what is
    /// still queued for the group without waiting for the pace (a last few messages).
    pub(crate) async fn end_all(&self) {
        let ids = self.state().cases.ids();
        for id in ids {
            self.end(id, Ending::Restart).await;
        }
    }

    /// Sends what is queued for the group at the pace the limit allows, and ends idle
    /// cases, until `stop`. Then ends every open case.
    pub(crate) async fn run(self: Arc<Self>, mut stop: Stopping) {
        let mut sweep = tokio::time::interval(SWEEP_EVERY);
        loop {
            let next = self.state().pacer.next(Instant::now());
            let wait = match next {
                Next::Send(item) => {
                    self.send_to_group(item).await;
                    continue;
                }
                Next::Wait(wait) => Some(wait),
                Next::Idle => None,
            };
            tokio::select! {
                _ = stop.wait() => break,
                _ = self.queued.notified() => {}
                _ = sweep.tick() => self.end_idle().await,
                _ = async {
                    match wait {
                        Some(wait) => tokio::time::sleep(wait).await,
                        None => std::future::pending().await,
                    }
                } => {}
            }
        }
        self.end_all().await;
        // The last notices go out now; a stop may not wait a minute for the pace.
        loop {
            let next = self.state().pacer.next(Instant::now());
            match next {
                Next::Send(item) => self.send_to_group(item).await,
                Next::Wait(wait) => tokio::time::sleep(wait.min(SWEEP_EVERY)).await,
                Next::Idle => break,
            }
        }
    }

    async fn end_idle(&self) {
        let Some(minutes) = self
            .flows
            .current()
            .settings
            .handover
            .as_ref()
            .map(|h| h.inactivity_minutes)
        else {
            return;
        };
        let idle = self.state().cases.idle(self.clock.now(), minutes);
        for id in idle {
            self.end(id, Ending::Inactive).await;
        }
    }

    async fn send_to_group(&self, item: Item) {
        let group = self.group;
        // Protected: what the bot sends into the group cannot be forwarded or saved
        // (the README asks the staff to restrict saving content in the group too).
        let reply = Reply {
            kind: ReplyKind::Notice,
            text: item.text,
            buttons: Vec::new(),
            protect_content: true,
        };
        for message in render(&reply) {
            if let Err(error) = self.api.send_to_topic(group, item.topic, &message).await {
                tracing::warn!(%error, "handover: a message to the staff group could not be sent");
            }
        }
    }
}
