//! One update, handled: the person's session is loaded through the store's pseudonymising
//! facade, the engine answers, and its effects are carried out in order. The adapter keeps
//! the ids of the conversation's messages (the person's and the bot's) in the session, so
//! that quick exit can delete them; it keeps nothing else.

use std::sync::Arc;

use jiff::Timestamp;
use tokio::sync::watch;

use crate::engine::{self, Context, Effect, Input, Outcome, Reply, Session};
use crate::live::LiveFlows;
use crate::store::{Sessions, StoreError, StoredSession};

use super::api::Api;
use super::clock::Clock;
use super::render::render;
use super::router::Handler;
use super::updates::{Event, Incoming};

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
}

impl Handler for Conversations {
    async fn handle(&self, incoming: Incoming) {
        let kind = incoming.kind();
        let started = std::time::Instant::now();
        self.dispatch(incoming).await;
        tracing::debug!(
            kind = %kind,
            ms = started.elapsed().as_millis() as u64,
            "an update was handled"
        );
    }

    fn urgent(&self, incoming: &Incoming) -> bool {
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
}

impl Conversations {
    async fn dispatch(&self, incoming: Incoming) {
        let chat = incoming.chat;
        match incoming.event {
            Event::Message {
                message_id,
                input,
                language,
            } => {
                self.converse(chat, input, Some(message_id), language.as_deref())
                    .await
            }
            Event::Edited { language } => {
                // The edit's text is never read: the person gets the same short answer
                // as for a picture.
                self.converse(chat, Input::Unsupported, None, language.as_deref())
                    .await
            }
            Event::Button {
                callback_id,
                data,
                language,
            } => {
                // Answered first, so the person's app stops waiting whatever follows.
                if let Err(error) = self.api.answer_callback(callback_id).await {
                    tracing::warn!(%error, "a button press could not be answered");
                }
                self.converse(chat, Input::Button(data), None, language.as_deref())
                    .await
            }
            Event::TooFast {
                callback_id,
                language,
            } => {
                if let Some(id) = callback_id
                    && let Err(error) = self.api.answer_callback(id).await
                {
                    tracing::warn!(%error, "a button press could not be answered");
                }
                self.slow_down(chat, language.as_deref()).await
            }
            Event::Blocked => {
                // The person blocked the bot: nothing more can be said or deleted, so the
                // session goes now rather than at expiry.
                if let Err(error) = self.blocking(move |s| s.wipe(chat)).await {
                    tracing::error!(%error, "a session could not be wiped");
                }
            }
            Event::NotPrivate { callback_id } => {
                if let Some(id) = callback_id {
                    let _ = self.api.answer_callback(id).await;
                }
                match self.api.leave_chat(chat).await {
                    Ok(()) => {
                        tracing::info!("left a group or channel: the bot serves private chats only")
                    }
                    Err(error) => tracing::warn!(%error, "could not leave a group or channel"),
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
    async fn converse(
        &self,
        chat: i64,
        input: Input,
        message_id: Option<i32>,
        language: Option<&str>,
    ) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        let (session, mut messages) = match stored {
            Some(stored) => (Some(stored.session), stored.message_ids),
            None => (None, Vec::new()),
        };
        messages.extend(message_id);
        let flows = self.flows.current();
        let outcome = engine::handle(
            &flows,
            session,
            &input,
            &Context {
                language_hint: language,
            },
            now,
        );
        // The text is answered; it is not kept a moment longer.
        drop(input);
        self.carry_out(chat, outcome, message_id, messages, now)
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
    async fn slow_down(&self, chat: i64, language: Option<&str>) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        let ctx = Context {
            language_hint: language,
        };
        let flows = self.flows.current();
        match stored {
            Some(stored) => {
                let outcome = engine::slow_down(&flows, Some(stored.session), &ctx, now);
                self.carry_out(chat, outcome, None, stored.message_ids, now)
                    .await
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
        mut messages: Vec<i32>,
        now: Timestamp,
    ) {
        // The new state is made durable before the person sees anything of it: once an
        // answer is on their screen, a crash must not send them back a step (their next
        // press would be taken as stale). The ids of the messages about to be sent follow
        // in a second write.
        if let Some(session) = &outcome.session {
            let stored = keep(session.clone(), messages.clone());
            let written = match self.sessions.save_pending(chat, &stored, now) {
                Ok(()) => self.blocking(|s| s.sync()).await,
                Err(error) => Err(StoreFailure::Store(error)),
            };
            if let Err(error) = written {
                tracing::error!(%error, "a session could not be written");
            }
        }
        let saved = messages.clone();
        // After a quick exit's deletion, nothing sent is remembered: the final message is
        // the one thing the person should find in the chat.
        let mut remember = true;
        for effect in outcome.effects {
            match effect {
                Effect::Reply(reply) => {
                    let sent = self.send_reply(chat, &reply).await;
                    if remember {
                        messages.extend(sent);
                    }
                }
                Effect::DeleteInput => {
                    if let Some(id) = input_message {
                        messages.retain(|&m| m != id);
                        if let Err(error) = self.api.delete_message(chat, id).await {
                            tracing::warn!(%error, "a message with personal data could not be deleted");
                        }
                    }
                }
                Effect::DeleteConversation => {
                    let ids = conversation_ids(&messages, input_message);
                    let failed = self.api.delete_messages(chat, &ids).await;
                    if failed > 0 {
                        tracing::warn!(batches = failed, "quick exit left messages behind");
                    }
                    messages.clear();
                    remember = false;
                }
                Effect::Count(stat) => self.sessions.count(&stat, now),
            }
        }
        let result = match outcome.session {
            Some(_) if messages == saved => Ok(()),
            // The ids of the messages just sent: the state the person acts on next is
            // durable already, and losing these to a crash costs only the quick exit's
            // list, whose sweep covers the newest ids anyway.
            Some(session) => self
                .sessions
                .save_pending(chat, &keep(session, messages), now)
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

/// The ids a quick exit deletes: every remembered one, and every id from the oldest
/// remembered (or [`SWEEP`] back from the newest known, whichever is later) to the
/// newest. The stretch catches the person's messages the bot never remembered: set aside
/// while their chat was held back, or sent just before a crash. Telegram skips ids that
/// are gone or belong to another chat. Sorted, without repeats.
fn conversation_ids(remembered: &[i32], newest: Option<i32>) -> Vec<i32> {
    let mut ids = remembered.to_vec();
    ids.extend(newest);
    ids.sort_unstable();
    ids.dedup();
    if let (Some(&oldest), Some(&newest)) = (ids.first(), ids.last()) {
        let from = oldest.max(newest.saturating_sub(SWEEP - 1));
        ids.extend(from..=newest);
        ids.sort_unstable();
        ids.dedup();
    }
    ids
}

/// The session with the message ids, the oldest dropped beyond the store's cap.
fn keep(session: Session, messages: Vec<i32>) -> StoredSession {
    let mut stored = StoredSession::new(session);
    for id in messages {
        stored.remember_message(id);
    }
    stored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_exit_sweeps_the_stretch_up_to_the_newest_message() {
        assert_eq!(
            conversation_ids(&[5, 3, 9], Some(12)),
            (3..=12).collect::<Vec<_>>()
        );
        assert_eq!(conversation_ids(&[], Some(7)), [7]);
        assert!(conversation_ids(&[], None).is_empty());
    }

    #[test]
    fn a_long_stretch_is_swept_only_near_its_end() {
        let ids = conversation_ids(&[1, 2, 50_000], Some(50_010));
        assert_eq!(ids[..2], [1, 2]);
        assert_eq!(ids.len(), 2 + SWEEP as usize);
        assert_eq!(ids[2], 50_010 - SWEEP + 1);
        assert_eq!(ids.last(), Some(&50_010));
    }
}
