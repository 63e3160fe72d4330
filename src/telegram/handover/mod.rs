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

pub mod cases;
pub mod pacing;
pub mod route;
pub mod staff;

pub use route::{Route, route};

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::engine::{
    self, HandoverEvent, HandoverStart, HandoverText, Input, Reply, ReplyKind, handover_reply,
    staff_text,
};
use crate::live::LiveFlows;
use crate::store::Sessions;

use super::incoming::updates::GroupMessage;
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
pub enum Ending {
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
pub struct Relay {
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
    pub fn new(
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
    pub async fn reloaded(&self) {
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
    pub async fn check_rights(&self, bot_id: u64) {
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

    /// Deletes the topics of cases a crash left open, counts them as ended by a restart,
    /// and clears their list.
    async fn clear_after_crash(&self, group: i64) {
        let now = self.clock.now();
        let topics = match self.sessions.open_topics(now) {
            Ok(topics) => topics,
            Err(error) => {
                tracing::error!(%error, "handover: the cases left open could not be read");
                return;
            }
        };
        if topics.is_empty() {
            return;
        }
        self.after_crash
            .store(true, std::sync::atomic::Ordering::Relaxed);
        tracing::warn!(
            "handover: cases were left open by an unclean stop; their topics are deleted"
        );
        for topic in &topics {
            self.count(HandoverEvent::EndedRestart);
            if let Err(error) = self.api.delete_topic(group, *topic).await {
                tracing::warn!(%error, "handover: a topic left open could not be deleted");
            }
        }
        self.keep_topics(Vec::new()).await;
    }

    /// Writes the open cases' topics durably (for a start after a crash).
    async fn keep_topics(&self, topics: Vec<i32>) {
        let (sessions, now) = (self.sessions.clone(), self.clock.now());
        let kept =
            tokio::task::spawn_blocking(move || sessions.keep_open_topics(&topics, now)).await;
        if !matches!(kept, Ok(Ok(()))) {
            tracing::error!("handover: the open cases' topics could not be written");
        }
    }

    /// Marks `chat` as in a case (`true`) or removes the mark, durably.
    async fn mark(&self, chat: i64, in_case: bool) {
        let (sessions, now) = (self.sessions.clone(), self.clock.now());
        let marked = tokio::task::spawn_blocking(move || match in_case {
            true => sessions.mark_in_case(chat, now),
            false => sessions.unmark_in_case(chat, now).map(drop),
        })
        .await;
        if !matches!(marked, Ok(Ok(()))) {
            tracing::error!("handover: a case's mark could not be written");
        }
    }

    /// After a crash: whether `chat` was in a case then (its mark is there). If so, the
    /// mark goes and the person is told that the conversation with a person ended; the
    /// message (`message_id`) is the relay's, not the flows'.
    pub async fn ended_by_crash(&self, chat: i64, message_id: i32) -> bool {
        if !self.after_crash.load(std::sync::atomic::Ordering::Relaxed) {
            return false;
        }
        let (sessions, now) = (self.sessions.clone(), self.clock.now());
        let found = tokio::task::spawn_blocking(move || {
            let marked = sessions.unmark_in_case(chat, now)?;
            let lang = sessions.load(chat, now)?.map(|s| s.session.lang);
            Ok::<_, crate::store::StoreError>((marked, lang))
        })
        .await;
        let Ok(Ok((true, lang))) = found else {
            return false;
        };
        self.remember(chat, &[message_id]);
        let lang = lang.unwrap_or_else(|| self.flows.current().settings.default_language.clone());
        self.tell_text(chat, &lang, HandoverText::EndedRestart)
            .await;
        true
    }

    fn ready(&self) -> bool {
        self.ready.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether someone on the staff is available (for `engine::Context`).
    pub fn available(&self) -> bool {
        self.active() && !self.state().available.is_empty()
    }

    /// Whether `chat` is the staff group checked at start (the bot stays there).
    pub fn is_group(&self, chat: i64) -> bool {
        self.group == chat
    }

    /// Whether `chat` is in a case now.
    pub fn in_case(&self, chat: i64) -> bool {
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

    /// Opens a case for `chat` (the person agreed): a topic with a random label, and its
    /// first message, the language and the steps that led here.
    pub async fn open(&self, chat: i64, start: HandoverStart) {
        let group = self.group;
        if !self.active() {
            // `[handover]` was removed while the person agreed: no case, and they are
            // told so rather than left waiting.
            return self
                .tell_text(chat, &start.lang, HandoverText::EndedRestart)
                .await;
        }
        let mut random = [0u8; 4];
        if getrandom::fill(&mut random).is_err() {
            tracing::error!("handover: no randomness for a case label");
            return self
                .tell_text(chat, &start.lang, HandoverText::EndedRestart)
                .await;
        }
        let label = cases::label(random, &start.lang, &start.trail);
        let now = self.clock.now();
        let Some(id) = self
            .state()
            .cases
            .open(chat, label.clone(), start.lang.clone(), now)
        else {
            return;
        };
        match self.api.create_topic(group, &label).await {
            Ok(topic) => {
                let flows = self.flows.current();
                let first = staff_text(
                    &flows,
                    "handover-staff-case",
                    &[("lang", &start.lang), ("trail", &start.trail.join(" → "))],
                );
                let topics = {
                    let mut state = self.state();
                    if let Some(case) = state.cases.get_mut(id) {
                        case.topic = Some(topic);
                    }
                    state.cases.topics()
                };
                // Durable before anything is written in the topic: a crash from here on
                // leaves the topic on the list a start deletes.
                self.keep_topics(topics).await;
                self.mark(chat, true).await;
                let mut state = self.state();
                self.queue(&mut state, Some(topic), first, false);
            }
            Err(error) => {
                tracing::error!(%error, "handover: a topic could not be created");
                self.state().cases.close(id);
                self.tell_text(chat, &start.lang, HandoverText::EndedRestart)
                    .await;
            }
        }
    }

    /// A message from a person in a case. Returns `false` when it is not the relay's
    /// (no case, or an input the flows answer: buttons other than the personal-data
    /// question, shared locations, captions).
    pub async fn person(&self, chat: i64, message_id: Option<i32>, input: &Input) -> bool {
        let flows = self.flows.current();
        let (id, lang) = {
            let state = self.state();
            let Some(id) = state.cases.of_chat(chat) else {
                return false;
            };
            let lang = state
                .cases
                .get(id)
                .map(|c| c.lang.clone())
                .unwrap_or_default();
            (id, lang)
        };
        if let Some(message_id) = message_id {
            self.remember(chat, &[message_id]);
        }
        match input {
            // Commands (/start, /help, /privacy...) are the flows' during a case too.
            Input::Text(text) if text.trim_start().starts_with('/') => false,
            Input::Text(text) => {
                if engine::holds_personal_data(&flows, text) {
                    // Out of the chat at once; kept in memory until the person decides.
                    if let Some(message_id) = message_id
                        && let Err(error) = self.api.delete_message(chat, message_id).await
                    {
                        tracing::warn!(%error, "handover: a message with personal data could not be deleted");
                    }
                    if let Some(case) = self.state().cases.get_mut(id) {
                        case.held = Some(text.clone());
                    }
                    self.tell_text(chat, &lang, HandoverText::PersonalHeld)
                        .await;
                } else {
                    self.pass_on(id, chat, &lang, text.clone()).await;
                }
                true
            }
            Input::Button(data) => match engine::ButtonData::decode(data) {
                Some(engine::ButtonData::Personal(send)) => {
                    let held = self.state().cases.get_mut(id).and_then(|c| c.held.take());
                    match held {
                        Some(text) if send => {
                            self.pass_on(id, chat, &lang, text).await;
                            self.tell_text(chat, &lang, HandoverText::PersonalSent)
                                .await;
                        }
                        _ => {
                            self.tell_text(chat, &lang, HandoverText::PersonalDropped)
                                .await
                        }
                    }
                    true
                }
                _ => false,
            },
            Input::Unsupported => {
                self.tell_text(chat, &lang, HandoverText::OnlyText).await;
                true
            }
            Input::Caption(_) | Input::Shared => false,
        }
    }

    /// A message with words of danger or fear (or the emergency button) from a person in
    /// a case: the flows show the emergency card, and the staff see the text too, after
    /// a mark that says the card was shown. It counts as the person's activity. A text
    /// with personal data is held for the person's yes, like any other (the flows take
    /// it out of the chat); the mark goes on at once.
    pub async fn person_urgent(&self, chat: i64, message_id: Option<i32>, input: &Input) {
        let Some((id, lang)) = self.case_of(chat) else {
            return;
        };
        if let Some(message_id) = message_id {
            self.remember(chat, &[message_id]);
        }
        let flows = self.flows.current();
        let mark = staff_text(&flows, "handover-staff-urgent", &[]);
        match input {
            Input::Text(text) if engine::holds_personal_data(&flows, text) => {
                if let Some(case) = self.state().cases.get_mut(id) {
                    case.held = Some(text.clone());
                }
                self.pass_on(id, chat, &lang, mark).await;
                self.tell_text(chat, &lang, HandoverText::PersonalHeld)
                    .await;
            }
            Input::Text(text) => {
                self.pass_on(id, chat, &lang, format!("{mark}\n{text}"))
                    .await
            }
            _ => self.pass_on(id, chat, &lang, mark).await,
        }
    }

    /// The person blocked the bot: nothing more reaches them, so their case ends ("the
    /// person left").
    pub async fn person_blocked(&self, chat: i64) {
        self.person_left(chat).await;
    }

    /// Queues a person's text for the case's topic (it counts as their activity); tells
    /// them once a case when it has to wait, and when it was dropped because their
    /// case's queue was full (once until the queue has emptied).
    async fn pass_on(&self, id: CaseId, chat: i64, lang: &str, text: String) {
        let now = self.clock.now();
        let tell = {
            let mut state = self.state();
            let Some(topic) = state.cases.get(id).and_then(|c| c.topic) else {
                return;
            };
            let queued = self.queue(&mut state, Some(topic), text, true);
            match state.cases.get_mut(id) {
                Some(case) => {
                    case.last = now;
                    match queued {
                        Queued::Now | Queued::Dropped { first: false } => None,
                        Queued::Waits if case.told_delayed => None,
                        Queued::Waits => {
                            case.told_delayed = true;
                            Some(Told::Delayed)
                        }
                        Queued::Dropped { first: true } => Some(Told::Capped),
                    }
                }
                None => None,
            }
        };
        match tell {
            Some(Told::Delayed) => self.tell_text(chat, lang, HandoverText::Delayed).await,
            Some(Told::Capped) => {
                let flows = self.flows.current();
                let text = flows
                    .locales
                    .get_or(lang, &flows.settings.default_language)
                    .format_strs("handover-capped", &[]);
                // A text of the relay's own, with the emergency and exit buttons.
                let reply = engine::relayed(&flows, lang, text);
                self.tell(chat, &reply).await;
            }
            None => {}
        }
    }

    /// A message in the staff group.
    pub async fn staff(&self, group: i64, message: GroupMessage) {
        if message.from_bot || !self.active() {
            return;
        }
        let command = message
            .text
            .as_deref()
            .and_then(|t| staff::command(t, &self.bot));
        let case = message
            .topic
            .and_then(|topic| self.state().cases.of_topic(topic));
        if command.is_none() && case.is_none() {
            // Talk among staff outside a case: not the bot's business.
            return;
        }
        if !self.may_answer(message.from) {
            // A member not on the `staff` list: heard like a stranger, not at all.
            return;
        }
        // Only members of the group are heard (Telegram may deliver a message from a
        // sender who has left since, or from a linked channel).
        match self.api.membership(group, message.from).await {
            Ok(m) if m.present => {}
            Ok(_) => return,
            Err(error) => {
                tracing::warn!(%error, "handover: a sender's membership could not be checked");
                return;
            }
        }
        let flows = self.flows.current();
        match command {
            Some(staff::Command::Available | staff::Command::Away) => {
                let mut state = self.state();
                if command == Some(staff::Command::Available) {
                    state.available.insert(message.from);
                } else {
                    state.available.remove(&message.from);
                }
                let count = state.available.len().to_string();
                let text = staff_text(&flows, "handover-staff-available", &[("count", &count)]);
                self.queue(&mut state, message.topic, text, false);
            }
            Some(staff::Command::End) => {
                if let Some(id) = case {
                    self.end(id, Ending::Staff).await;
                }
            }
            None => {
                let Some(id) = case else { return };
                match message.text {
                    Some(text) => {
                        let (chat, lang) = {
                            let mut state = self.state();
                            let Some(case) = state.cases.get_mut(id) else {
                                return;
                            };
                            case.last = self.clock.now();
                            (case.chat, case.lang.clone())
                        };
                        let reply = engine::relayed(&flows, &lang, text);
                        let sent = self.tell(chat, &reply).await;
                        if let Some(case) = self.state().cases.get_mut(id) {
                            case.relayed(message.id, sent);
                        }
                    }
                    None => {
                        let text = staff_text(&flows, "handover-staff-only-text", &[]);
                        let mut state = self.state();
                        self.queue(&mut state, message.topic, text, false);
                    }
                }
            }
        }
    }

    /// A staff member edited a text in a case's topic: the copy the person got is
    /// edited the same way, while Telegram allows it and the case remembers it (its
    /// newest staff texts). Deletions cannot be carried over: Telegram does not tell a
    /// bot that a message in a group was deleted.
    pub async fn staff_edited(&self, message: GroupMessage) {
        if message.from_bot || !self.active() || !self.may_answer(message.from) {
            return;
        }
        let Some(text) = message.text else { return };
        let found = {
            let mut state = self.state();
            let id = message.topic.and_then(|t| state.cases.of_topic(t));
            id.and_then(|id| state.cases.get_mut(id)).map(|case| {
                case.last = self.clock.now();
                (case.chat, case.lang.clone(), case.sent_for(message.id))
            })
        };
        let Some((chat, lang, sent)) = found else {
            return;
        };
        let reply = engine::relayed(&self.flows.current(), &lang, text);
        for (id, outgoing) in sent.iter().zip(render(&reply)) {
            if let Err(error) = self.api.edit_text(chat, *id, &outgoing).await {
                tracing::warn!(%error, "handover: a staff edit could not be carried over");
            }
        }
    }

    /// Whether group member `from` may answer (the `staff` list of `[handover]`).
    fn may_answer(&self, from: u64) -> bool {
        let flows = self.flows.current();
        let listed = flows
            .settings
            .handover
            .as_ref()
            .and_then(|h| h.staff.as_deref());
        staff::may_answer(listed, from)
    }

    /// The person left by the quick exit (the flows wiped their conversation).
    pub async fn person_left(&self, chat: i64) {
        let id = self.state().cases.of_chat(chat);
        if let Some(id) = id {
            self.end(id, Ending::Person).await;
        } else if self.after_crash.load(std::sync::atomic::Ordering::Relaxed) {
            // A case a crash ended, not yet told: its mark goes with the rest.
            self.mark(chat, false).await;
        }
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
    pub async fn end_all(&self) {
        let ids = self.state().cases.ids();
        for id in ids {
            self.end(id, Ending::Restart).await;
        }
    }

    /// Sends what is queued for the group at the pace the limit allows, and ends idle
    /// cases, until `stop`. Then ends every open case.
    pub async fn run(self: Arc<Self>, mut stop: Stopping) {
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
