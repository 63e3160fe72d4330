//! One update, handled: the person's session is loaded through the store's pseudonymising
//! facade, the engine answers, and its outcome is carried out. The adapter keeps the
//! oldest and newest message id of the conversation in the session, so that quick exit
//! can delete the stretch, and whether the person was told about a shared location (the
//! plan's to remember); it
//! keeps nothing else. What to delete and what to say are the engine's decisions; in
//! which order to write, send and delete, and what to remember, is the plan's
//! ([`plan`](super::conversation::plan), pure and unit-tested). This module only performs each action
//! of the plan and reports what came of it (the ids sent, whether a deletion worked).

pub(crate) mod plan;
pub(crate) mod triage;

use std::sync::Arc;

use jiff::Timestamp;
use tokio::sync::watch;

use crate::engine::{self, Context, Input, Reply};
use crate::live::LiveFlows;
use crate::store::{Sessions, StoreError, StoredSession};

use super::conversation::plan::{Action, Done, Memory, Plan, Seen};
use super::conversation::triage::{Facts, Triage, triage};
use super::handover::{Relay, route};
use super::incoming::router::Handler;
use super::incoming::updates::{Event, Incoming, Press};
use super::ops::activity::{ACTIVITY, Happened};
use super::ops::clock::Clock;
use super::send::api::{Api, DELETE_BATCH, Deletion};
use super::send::render::render;

/// Everything needed to handle updates; shared by all chats.
pub(crate) struct Conversations {
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
    async fn handle(&self, update: u32, incoming: Incoming) {
        // Counted, never logged one by one (see `activity`).
        self.dispatch(update, incoming).await;
        ACTIVITY.count(Happened::Handled);
    }

    fn urgent(&self, incoming: &Incoming) -> bool {
        // Handover hook: the staff group is many people in one chat; its messages are
        // never set aside by the per-chat intake limit.
        if let Event::Group(_) | Event::GroupEdited(_) = &incoming.event {
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
    /// What the relay knows of the update's chat (see `triage`), asked once.
    fn facts(&self, incoming: &Incoming) -> Facts {
        let Some(relay) = &self.handover else {
            return Facts::default();
        };
        let input = match &incoming.event {
            Event::Message { input, .. } => Some(input.clone()),
            Event::Button { data, .. } => Some(Input::Button(data.clone())),
            _ => None,
        };
        Facts {
            relay: true,
            staff_group: relay.is_group(incoming.chat),
            in_case: input
                .filter(|_| relay.in_case(incoming.chat))
                .map(|input| route(&self.flows.current(), &input)),
        }
    }

    /// Carries out where `triage` sends the update.
    async fn dispatch(&self, update: u32, incoming: Incoming) {
        let triaged = triage(&incoming.event, self.facts(&incoming));
        let Incoming {
            chat, event, aside, ..
        } = incoming;
        let relay = self.handover.as_ref();
        match (triaged, relay) {
            (Triage::Relay | Triage::RelayAndEngine, Some(relay)) => {
                let (input, message_id) = match &event {
                    Event::Message {
                        input, message_id, ..
                    } => (input.clone(), Some(*message_id)),
                    Event::Button { data, .. } => (Input::Button(data.clone()), None),
                    _ => return,
                };
                if triaged == Triage::RelayAndEngine {
                    relay.person_urgent(chat, message_id, &input).await;
                } else if relay.person(chat, message_id, &input).await {
                    return;
                }
            }
            (Triage::Engine { after_crash: true }, Some(relay)) => {
                if let Event::Message {
                    message_id, input, ..
                } = &event
                    && relay.ended_by_crash(chat, *message_id).await
                    && !engine::urgent(&self.flows.current(), input)
                {
                    // The person's case was open when the bot stopped without ending
                    // it: they were told that the conversation with a person ended
                    // (and a call for help still gets its answer from the flows).
                    return;
                }
            }
            (Triage::Staff, Some(relay)) => {
                return match event {
                    Event::Group(message) => relay.staff(chat, message).await,
                    Event::GroupEdited(message) => relay.staff_edited(message).await,
                    _ => {}
                };
            }
            (Triage::Blocked, Some(relay)) => relay.person_blocked(chat).await,
            (Triage::Nothing, _) => return,
            _ => {}
        }
        match (triaged, event) {
            (Triage::SlowDown, Event::TooFast { language }) => {
                self.slow_down(chat, language.as_deref(), aside).await
            }
            (Triage::Blocked, _) => {
                // The person blocked the bot: nothing more can be said or deleted, so the
                // session goes now rather than at expiry.
                if let Err(error) = self.blocking(move |s| s.wipe(chat)).await {
                    tracing::error!(%error, "a session could not be wiped");
                }
            }
            (Triage::Leave, _) => match self.api.leave_chat(chat).await {
                Ok(()) => ACTIVITY.count(Happened::LeftGroup),
                Err(error) => tracing::warn!(%error, "could not leave a group or channel"),
            },
            (_, event) => {
                if let Some((turn, seen, language)) = turn_of(event, aside, update) {
                    self.converse(chat, turn, seen, language.as_deref()).await
                }
            }
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
    /// `seen` holds the person's message (deleted if it holds personal data) and another
    /// message known to be in the chat (the one a pressed button is on).
    async fn converse(&self, chat: i64, turn: Turn, seen: Seen, language: Option<&str>) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        if answered_before(stored.as_ref(), seen.update) {
            return;
        }
        let again = stored.as_ref().is_some_and(|s| {
            s.applied.is_some() && s.applied == seen.update && matches!(turn, Turn::Message(_))
        });
        let (session, memory) = match stored {
            Some(stored) => {
                let memory = Memory::of(&stored);
                (Some(stored.session), memory)
            }
            // Nothing remembered (expired, or a new data folder or key): what the bot
            // knows of the chat's messages is incomplete.
            None => (None, Memory::default()),
        };
        let flows = self.flows.current();
        let ctx = Context {
            language_hint: language,
            handover_available: self.handover.as_ref().is_some_and(|r| r.available()),
        };
        let told = memory.told_shared;
        let outcome = match (&turn, session) {
            // Handed over again after a crash, its outcome already in the session, its
            // answer perhaps out: the step again, not a second turn.
            (Turn::Message(input), Some(session)) if again => {
                let personal = match input {
                    Input::Text(text) | Input::Caption(text) => {
                        engine::holds_personal_data(&flows, text)
                    }
                    _ => false,
                };
                engine::again(&flows, session, personal, &ctx, now)
            }
            (Turn::Message(Input::Shared), session) => {
                engine::shared(&flows, session, &ctx, now, told)
            }
            (Turn::Message(input), session) => engine::handle(&flows, session, input, &ctx, now),
            (Turn::Edit(input), session) => {
                let outcome = engine::edited(&flows, session, input, &ctx, now, told);
                if outcome.effects.is_empty() {
                    // An edit with nothing in it for the bot: nothing to do or keep.
                    return;
                }
                outcome
            }
        };
        // The text is answered; it is not kept a moment longer.
        drop(turn);
        self.carry_out(chat, Plan::new(outcome, memory, seen), now)
            .await;
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
    async fn slow_down(&self, chat: i64, language: Option<&str>, aside: Option<i32>) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        let ctx = Context {
            language_hint: language,
            handover_available: false,
        };
        let flows = self.flows.current();
        let plan = match stored {
            Some(stored) => {
                let memory = Memory::of(&stored);
                let outcome = engine::slow_down(&flows, Some(stored.session), &ctx, now);
                // Not marked as applied or answered: the message itself was not taken
                // in, and one handed over again is judged afresh.
                let seen = Seen {
                    aside,
                    ..Seen::default()
                };
                Plan::new(outcome, memory, seen)
            }
            // No conversation to remember the notice in: it is sent, and nothing is
            // written.
            None => Plan::send_only(engine::slow_down(&flows, None, &ctx, now)),
        };
        self.carry_out(chat, plan, now).await;
    }

    /// Deletes `ids` in batches; past `ahead_from`, stops at the first batch of which
    /// nothing was there (see `Action::Sweep`). Returns how many batches failed.
    async fn sweep(&self, chat: i64, ids: &[i32], ahead_from: i32) -> usize {
        let mut failed = 0;
        for batch in ids.chunks(DELETE_BATCH) {
            let ahead = batch.first().is_some_and(|&first| first >= ahead_from);
            match self.api.delete_batch(chat, batch).await {
                Deletion::Done => {}
                Deletion::NothingThere if ahead => break,
                Deletion::NothingThere => {}
                Deletion::Failed => failed += 1,
            }
        }
        failed
    }

    /// Carries out a plan: each action performed, what came of it reported back. The
    /// order, the bookkeeping and the notices are the plan's (`plan`).
    async fn carry_out(&self, chat: i64, mut plan: Plan, now: Timestamp) {
        let mut done = Done::Nothing;
        while let Some(action) = plan.next(done) {
            done = match action {
                Action::SaveDurably(stored) => {
                    let written = match self.sessions.save_pending(chat, &stored, now) {
                        Ok(()) => self.blocking(|s| s.sync()).await,
                        Err(error) => Err(StoreFailure::Store(error)),
                    };
                    if let Err(error) = written {
                        tracing::error!(%error, "a session could not be written");
                    }
                    Done::Nothing
                }
                Action::Send(reply) => Done::Sent(self.send_reply(chat, &reply).await),
                Action::DeleteInput(id) => match self.api.delete_message(chat, id).await {
                    Ok(()) => Done::Deleted(true),
                    Err(error) => {
                        tracing::warn!(%error, "a message with personal data could not be deleted");
                        Done::Deleted(false)
                    }
                },
                Action::Sweep {
                    ids,
                    reaches_oldest,
                    ahead_from,
                } => {
                    let failed = self.sweep(chat, &ids, ahead_from).await;
                    if failed > 0 {
                        tracing::warn!(batches = failed, "quick exit left messages behind");
                    }
                    if !reaches_oldest {
                        tracing::warn!(
                            "quick exit could not reach the oldest messages of a long conversation"
                        );
                    }
                    Done::Deleted(failed == 0)
                }
                Action::Count(stat) => {
                    self.sessions.count(&stat, now);
                    Done::Nothing
                }
                Action::SavePending(stored) => {
                    if let Err(error) = self.sessions.save_pending(chat, &stored, now) {
                        tracing::error!(%error, "a session could not be written");
                    }
                    Done::Nothing
                }
                Action::OpenCase(start) => {
                    if let Some(relay) = &self.handover {
                        relay.open(chat, start).await;
                    }
                    Done::Nothing
                }
                Action::EndCase => {
                    if let Some(relay) = &self.handover {
                        relay.person_left(chat).await;
                    }
                    Done::Nothing
                }
                Action::Wipe => {
                    if let Err(error) = self.blocking(move |s| s.wipe(chat)).await {
                        tracing::error!(%error, "a session could not be wiped");
                    }
                    Done::Nothing
                }
            };
        }
    }
}

/// Whether `update` was answered already: handed over again after a crash, when its
/// answer had gone out and its session recorded it (see `StoredSession::answered`).
/// Counted as a repeat. Far below the newest answered (by more than the router's window)
/// it is a new sequence of ids, which Telegram starts after a week without updates.
fn answered_before(stored: Option<&StoredSession>, update: Option<u32>) -> bool {
    let answered = stored.and_then(|s| s.answered);
    let repeated = match (answered, update) {
        (Some(answered), Some(update)) => {
            update <= answered && answered - update < super::incoming::router::FLOOR_WINDOW
        }
        _ => false,
    };
    if repeated {
        ACTIVITY.count(Happened::Repeated);
    }
    repeated
}

/// What a person's update is to the engine, with the messages it concerns. The press
/// was answered when the router read it (`answer_press`).
fn turn_of(event: Event, aside: Option<i32>, update: u32) -> Option<(Turn, Seen, Option<String>)> {
    let seen = |input, other, shared| Seen {
        input,
        other,
        aside,
        update: Some(update),
        shared,
    };
    let shared = |input: &Input| matches!(input, Input::Shared);
    match event {
        Event::Message {
            message_id,
            input,
            language,
        } => {
            let seen = seen(Some(message_id), None, shared(&input));
            Some((Turn::Message(input), seen, language))
        }
        // Read for personal data only; an edit never moves the conversation.
        Event::Edited {
            message_id,
            input,
            language,
        } => {
            let seen = seen(Some(message_id), None, shared(&input));
            Some((Turn::Edit(input), seen, language))
        }
        Event::Button {
            data,
            message_id,
            language,
        } => Some((
            Turn::Message(Input::Button(data)),
            seen(None, message_id, false),
            language,
        )),
        _ => None,
    }
}

/// What an update is to the engine.
enum Turn {
    /// A new message or a button press.
    Message(Input),
    /// An edit of an earlier message, or a live location's update.
    Edit(Input),
}

/// A store call that did not complete.
#[derive(Debug, thiserror::Error)]
enum StoreFailure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store call was interrupted")]
    Interrupted,
}
