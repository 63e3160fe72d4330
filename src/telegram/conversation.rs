//! One update, handled: the person's session is loaded through the store's pseudonymising
//! facade, the engine answers, and its effects are carried out in order. The adapter keeps
//! the oldest and newest message id of the conversation in the session, so that quick
//! exit can delete the stretch, and whether the person was told about a shared location;
//! it keeps nothing else. What to delete and what to say are the engine's decisions (and
//! `conversation_ids`'); this module carries them out and reports how the deletion went,
//! so that the notice sent is the true one.

use std::sync::Arc;

use jiff::Timestamp;
use tokio::sync::watch;

use crate::engine::{self, Context, Effect, Input, Outcome, Reply, Session};
use crate::live::LiveFlows;
use crate::store::{Sessions, StoreError, StoredSession};

use super::activity::{ACTIVITY, Happened};
use super::api::Api;
use super::clock::Clock;
use super::handover::Relay;
use super::render::render;
use super::router::Handler;
use super::updates::{Event, Incoming, Press};

/// Everything needed to handle updates; shared by all chats.
pub struct Conversations {
    pub api: Arc<Api>,
    /// The flows in service; each update takes one snapshot, so a reload never reaches
    /// an update halfway.
    pub flows: Arc<LiveFlows>,
    pub sessions: Arc<Sessions>,
    pub clock: Arc<dyn Clock>,
    /// Where to announce the last processed update (long polling); a webhook hands each
    /// update over once by itself. A separate task writes it to the store, so that the
    /// router never waits for the disk.
    pub progress: Option<watch::Sender<Option<u32>>>,
    /// The handover's relay, when `[handover]` is configured.
    pub handover: Option<Arc<Relay>>,
}

impl Handler for Conversations {
    async fn handle(&self, incoming: Incoming) {
        // Counted, never logged one by one (see `activity`).
        self.dispatch(incoming).await;
        ACTIVITY.count(Happened::Handled);
    }

    fn urgent(&self, incoming: &Incoming) -> bool {
        // Handover hook: the staff group is many people in one chat; its messages are
        // never set aside by the per-chat intake limit.
        if let Event::Group(_) = &incoming.event {
            return self
                .handover
                .as_ref()
                .is_some_and(|r| r.is_group(incoming.chat));
        }
        let input = match &incoming.event {
            Event::Message { input, .. } => input,
            Event::Button { data, .. } => &Input::Button(data.clone()),
            _ => return false,
        };
        engine::urgent(&self.flows.current(), input)
    }

    fn processed(&self, id: u32) {
        if let Some(progress) = &self.progress {
            progress.send_replace(Some(id));
        }
    }

    fn answer_press(&self, press: Press, held_back: bool) {
        let text = if held_back {
            engine::press_held_back(&self.flows.current(), press.language.as_deref())
        } else {
            None
        };
        let api = self.api.clone();
        // A task of its own: the router reads on while the call goes out.
        tokio::spawn(async move {
            if let Err(error) = api.answer_callback(press.callback_id, text).await {
                tracing::warn!(%error, "a button press could not be answered");
            }
        });
    }
}

impl Conversations {
    async fn dispatch(&self, incoming: Incoming) {
        let chat = incoming.chat;
        // Handover hook: a person in a case writes to the staff (emergency help and the
        // quick exit still go to the flows); the staff group is the relay's.
        if let Some(relay) = &self.handover {
            let input = match &incoming.event {
                Event::Message {
                    input, message_id, ..
                } => Some((input.clone(), Some(*message_id))),
                Event::Button { data, .. } => Some((Input::Button(data.clone()), None)),
                _ => None,
            };
            if let Some((input, message_id)) = input
                && relay.in_case(chat)
                && !engine::urgent(&self.flows.current(), &input)
                && relay.person(chat, message_id, &input).await
            {
                return;
            }
            match incoming.event {
                Event::Group(message) if relay.is_group(chat) => {
                    return relay.staff(chat, message).await;
                }
                Event::NotPrivate if relay.is_group(chat) => return,
                _ => {}
            }
        }
        match incoming.event {
            Event::Message {
                message_id,
                input,
                language,
            } => {
                self.converse(
                    chat,
                    Turn::Message(input),
                    Some(message_id),
                    None,
                    language.as_deref(),
                )
                .await
            }
            Event::Edited {
                message_id,
                input,
                language,
            } => {
                // Read for personal data only; an edit never moves the conversation.
                self.converse(
                    chat,
                    Turn::Edit(input),
                    Some(message_id),
                    None,
                    language.as_deref(),
                )
                .await
            }
            // The press was answered when the router read it (`answer_press`).
            Event::Button {
                data,
                message_id,
                language,
            } => {
                self.converse(
                    chat,
                    Turn::Message(Input::Button(data)),
                    None,
                    message_id,
                    language.as_deref(),
                )
                .await
            }
            Event::TooFast { language } => self.slow_down(chat, language.as_deref()).await,
            Event::Blocked => {
                // The person blocked the bot: nothing more can be said or deleted, so the
                // session goes now rather than at expiry.
                if let Err(error) = self.blocking(move |s| s.wipe(chat)).await {
                    tracing::error!(%error, "a session could not be wiped");
                }
            }
            Event::NotPrivate | Event::Group(_) => match self.api.leave_chat(chat).await {
                Ok(()) => ACTIVITY.count(Happened::LeftGroup),
                Err(error) => tracing::warn!(%error, "could not leave a group or channel"),
            },
        }
    }

    /// Runs a store call off the async threads: it may wait for the disk. Reads and
    /// writes that do not wait for durability are made in place instead: sled serves
    /// them from memory (its cache holds the live sessions) and writes to disk on its
    /// own threads, and handing each of them to another thread cost more than the call.
    async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Sessions) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreFailure> {
        let sessions = self.sessions.clone();
        match tokio::task::spawn_blocking(move || call(&sessions)).await {
            Ok(result) => result.map_err(StoreFailure::Store),
            Err(_) => Err(StoreFailure::Interrupted),
        }
    }

    /// One input from the person: session in, engine, effects out, session back.
    /// `message_id` is the person's message (deleted if it holds personal data); `seen`
    /// is another message known to be in the chat (the one a pressed button is on).
    async fn converse(
        &self,
        chat: i64,
        turn: Turn,
        message_id: Option<i32>,
        seen: Option<i32>,
        language: Option<&str>,
    ) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        let (session, mut memory) = match stored {
            Some(stored) => {
                let memory = Memory::of(&stored);
                (Some(stored.session), memory)
            }
            // Nothing remembered (expired, or a new data folder or key): what the bot
            // knows of the chat's messages is incomplete.
            None => (None, Memory::default()),
        };
        for id in message_id.into_iter().chain(seen) {
            memory.remember(id);
        }
        let flows = self.flows.current();
        let ctx = Context {
            language_hint: language,
            handover_available: self.handover.as_ref().is_some_and(|r| r.available()),
        };
        let told = memory.told_shared;
        let (outcome, shared) = match &turn {
            Turn::Message(Input::Shared) => {
                (engine::shared(&flows, session, &ctx, now, told), true)
            }
            Turn::Message(input) => (engine::handle(&flows, session, input, &ctx, now), false),
            Turn::Edit(input) => {
                let outcome = engine::edited(&flows, session, input, &ctx, now, told);
                if outcome.effects.is_empty() {
                    // An edit with nothing in it for the bot: nothing to do or keep.
                    return;
                }
                (outcome, matches!(input, Input::Shared))
            }
        };
        memory.told_shared |= shared;
        // The text is answered; it is not kept a moment longer.
        drop(turn);
        self.carry_out(chat, outcome, message_id, memory, now).await;
    }

    /// The chat's session, or `None` when there is none or it cannot be read (logged):
    /// the person still gets an answer, as if the conversation were new.
    fn load(&self, chat: i64, now: Timestamp) -> Option<StoredSession> {
        self.sessions.load(chat, now).unwrap_or_else(|error| {
            tracing::error!(%error, "a session could not be read");
            None
        })
    }

    /// Sends a reply, split into as many messages as it takes; returns the ids of those
    /// that went out (a failure is logged, and the rest still go).
    async fn send_reply(&self, chat: i64, reply: &Reply) -> Vec<i32> {
        let mut sent = Vec::new();
        for message in render(reply) {
            match self.api.send(chat, &message).await {
                Ok(id) => sent.push(id),
                Err(error) => tracing::warn!(%error, "a reply could not be sent"),
            }
        }
        sent
    }

    /// The calm notice to a chat that is held back. The session is read for its
    /// language and written back only to remember the notice for the quick exit.
    async fn slow_down(&self, chat: i64, language: Option<&str>) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        let ctx = Context {
            language_hint: language,
            handover_available: false,
        };
        let flows = self.flows.current();
        match stored {
            Some(stored) => {
                let memory = Memory::of(&stored);
                let outcome = engine::slow_down(&flows, Some(stored.session), &ctx, now);
                self.carry_out(chat, outcome, None, memory, now).await
            }
            // No conversation to remember the notice in: it is sent, and nothing is
            // written.
            None => {
                for effect in engine::slow_down(&flows, None, &ctx, now).effects {
                    if let Effect::Reply(reply) = effect {
                        self.send_reply(chat, &reply).await;
                    }
                }
            }
        }
    }

    async fn carry_out(
        &self,
        chat: i64,
        outcome: Outcome,
        input_message: Option<i32>,
        mut memory: Memory,
        now: Timestamp,
    ) {
        // The new state is made durable before the person sees anything of it: once an
        // answer is on their screen, a crash must not send them back a step (their next
        // press would be taken as stale). The ids of the messages about to be sent follow
        // in a second write.
        if let Some(session) = &outcome.session {
            let stored = memory.keep(session.clone());
            let written = match self.sessions.save_pending(chat, &stored, now) {
                Ok(()) => self.blocking(|s| s.sync()).await,
                Err(error) => Err(StoreFailure::Store(error)),
            };
            if let Err(error) = written {
                tracing::error!(%error, "a session could not be written");
            }
        }
        let saved = memory;
        // After a quick exit's deletion, nothing sent is remembered: the final message is
        // the one thing the person should find in the chat.
        let mut remember = true;
        // Whether the last deletion worked, and the notice to send instead of the next
        // reply if it did not.
        let mut deleted = true;
        let mut instead: Option<Reply> = None;
        for effect in outcome.effects {
            match effect {
                Effect::Reply(reply) => {
                    let reply = instead.take().unwrap_or(reply);
                    let sent = self.send_reply(chat, &reply).await;
                    if remember {
                        for id in sent {
                            memory.remember(id);
                        }
                    }
                }
                Effect::IfNotDeleted(reply) => {
                    if !deleted {
                        instead = Some(reply);
                    }
                }
                Effect::DeleteInput => {
                    deleted = match input_message {
                        Some(id) => match self.api.delete_message(chat, id).await {
                            Ok(()) => true,
                            Err(error) => {
                                tracing::warn!(%error, "a message with personal data could not be deleted");
                                false
                            }
                        },
                        None => false,
                    };
                }
                Effect::DeleteConversation => {
                    let ids = conversation_ids(memory.newest, !memory.known);
                    let failed = self.api.delete_messages(chat, &ids).await;
                    let reached = reaches_oldest(memory.oldest, memory.newest);
                    if failed > 0 {
                        tracing::warn!(batches = failed, "quick exit left messages behind");
                    }
                    if !reached {
                        tracing::warn!(
                            "quick exit could not reach the oldest messages of a long conversation"
                        );
                    }
                    deleted = failed == 0 && reached;
                    memory = Memory::default();
                    remember = false;
                }
                Effect::Count(stat) => self.sessions.count(&stat, now),
                Effect::Handover(start) => {
                    if let Some(relay) = &self.handover {
                        relay.open(chat, start).await;
                    }
                }
            }
        }
        // Handover hook: a quick exit during a case ends it ("the person left").
        if outcome.session.is_none()
            && let Some(relay) = &self.handover
        {
            relay.person_left(chat).await;
        }
        let result = match outcome.session {
            Some(_) if memory == saved => Ok(()),
            // The ids of the messages just sent: the state the person acts on next is
            // durable already, and losing these to a crash costs only the quick exit's
            // span, whose sweep covers the newest ids anyway.
            Some(session) => self
                .sessions
                .save_pending(chat, &memory.keep(session), now)
                .map_err(StoreFailure::Store),
            // Quick exit: the session goes only after the deletion, so that a crash in
            // between leaves the ids for a second try.
            None => self.blocking(move |s| s.wipe(chat)).await,
        };
        if let Err(error) = result {
            tracing::error!(%error, "a session could not be written");
        }
    }
}

/// What an update is to the engine.
enum Turn {
    /// A new message or a button press.
    Message(Input),
    /// An edit of an earlier message, or a live location's update.
    Edit(Input),
}

/// What the adapter keeps beside the engine's session (see `StoredSession`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Memory {
    oldest: Option<i32>,
    newest: Option<i32>,
    told_shared: bool,
    /// Read from a stored session: the newest id is the conversation's newest message.
    known: bool,
}

impl Memory {
    fn of(stored: &StoredSession) -> Memory {
        Memory {
            oldest: stored.oldest_message,
            newest: stored.newest_message,
            told_shared: stored.told_shared,
            known: true,
        }
    }

    fn remember(&mut self, id: i32) {
        self.oldest = Some(self.oldest.map_or(id, |o| o.min(id)));
        self.newest = Some(self.newest.map_or(id, |n| n.max(id)));
    }

    fn keep(self, session: Session) -> StoredSession {
        StoredSession {
            session,
            oldest_message: self.oldest,
            newest_message: self.newest,
            told_shared: self.told_shared,
        }
    }
}

/// Writes the newest processed update id announced on `progress` to the store, skipping
/// ids overtaken while a write was under way, until the announcing side is gone (after
/// it has written the last one).
pub async fn record_progress(sessions: Arc<Sessions>, mut progress: watch::Receiver<Option<u32>>) {
    let mut written = None;
    loop {
        let open = progress.changed().await.is_ok();
        let latest = *progress.borrow_and_update();
        if let Some(id) = latest.filter(|_| latest != written) {
            let sessions = sessions.clone();
            match tokio::task::spawn_blocking(move || sessions.set_last_update_id(id)).await {
                Ok(Ok(())) => written = latest,
                Ok(Err(error)) => {
                    tracing::error!(%error, "the last processed update could not be recorded")
                }
                Err(_) => tracing::error!("recording the last processed update was interrupted"),
            }
        }
        if !open {
            return;
        }
    }
}

/// A store call that did not complete.
#[derive(Debug, thiserror::Error)]
enum StoreFailure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store call was interrupted")]
    Interrupted,
}

/// How far back from the newest message a quick exit sweeps every id.
const SWEEP: i32 = 1000;

/// The ids a quick exit deletes: every id from [`SWEEP`] back from the newest one known
/// (the newest message the conversation remembered, the exit message itself, or the
/// message a pressed button is on) to it. Every id, not only the remembered ones: this
/// catches what the bot never remembered (messages set aside while the chat was held
/// back, or sent just before a crash). When nothing was remembered (`ahead`: the session
/// expired, or the bot lost it with its data folder or key), the newest id known may be
/// an old menu's whose button was pressed, so the sweep also goes [`SWEEP`] ids past it:
/// in a private chat every id there is a later message of the same chat, and the final
/// notice, sent after the deletion, gets a higher id still. Telegram skips ids that are
/// gone or were never used. Sorted, without repeats.
fn conversation_ids(newest: Option<i32>, ahead: bool) -> Vec<i32> {
    match newest {
        Some(newest) if newest >= 1 => {
            let to = if ahead {
                newest.saturating_add(SWEEP - 1)
            } else {
                newest
            };
            (newest.saturating_sub(SWEEP - 1).max(1)..=to).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether the sweep of [`conversation_ids`] reaches back to the oldest message the
/// conversation remembered (a very long conversation may outrun it): if not, quick exit
/// says that not everything could be deleted.
fn reaches_oldest(oldest: Option<i32>, newest: Option<i32>) -> bool {
    match (oldest, conversation_ids(newest, false).first()) {
        (Some(oldest), Some(&from)) => oldest >= from,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_exit_sweeps_back_from_the_newest_message_known() {
        assert_eq!(
            conversation_ids(Some(12), false),
            (1..=12).collect::<Vec<_>>()
        );
        assert_eq!(conversation_ids(Some(1), false), [1]);
        assert!(conversation_ids(None, false).is_empty());
        assert!(conversation_ids(Some(0), true).is_empty());
    }

    #[test]
    fn without_a_session_it_sweeps_past_the_newest_id_known_too() {
        let ids = conversation_ids(Some(3), true);
        assert_eq!(ids.first(), Some(&1));
        assert_eq!(ids.last(), Some(&(3 + SWEEP - 1)));
        let far = conversation_ids(Some(i32::MAX - 5), true);
        assert_eq!(far.last(), Some(&i32::MAX));
    }

    #[test]
    fn a_long_stretch_is_swept_only_near_its_end_and_says_so() {
        let ids = conversation_ids(Some(50_010), false);
        assert_eq!(ids.len(), SWEEP as usize);
        assert_eq!(ids[0], 50_010 - SWEEP + 1);
        assert_eq!(ids.last(), Some(&50_010));
        assert!(!reaches_oldest(Some(1), Some(50_010)));
        assert!(reaches_oldest(Some(49_500), Some(50_010)));
        assert!(reaches_oldest(None, Some(5)));
    }

    #[test]
    fn memory_keeps_the_span_of_ids() {
        let mut memory = Memory::default();
        for id in [9, 4, 12] {
            memory.remember(id);
        }
        assert_eq!((memory.oldest, memory.newest), (Some(4), Some(12)));
    }
}
