//! A plan carried out: each [`Action`] of `plan` performed against the store, the Bot
//! API or the relay, and what came of it reported back ([`Done`]). The order, the
//! bookkeeping and the notices are the plan's; nothing here decides.

use jiff::Timestamp;

use crate::engine::Reply;
use crate::store::{Sessions, StoreError, StoredSession};
use crate::telegram::send::api::{DELETE_BATCH, Deletion};
use crate::telegram::send::render::render;

use super::Conversations;
use super::plan::{Action, Done, Plan};

impl Conversations {
    /// Carries out a plan: each action performed, what came of it reported back.
    pub(super) async fn carry_out(&self, chat: i64, mut plan: Plan, now: Timestamp) {
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

    /// The chat's session, or `None` when there is none or it cannot be read (logged):
    /// the person still gets an answer, as if the conversation were new.
    pub(super) fn load(&self, chat: i64, now: Timestamp) -> Option<StoredSession> {
        self.sessions.load(chat, now).unwrap_or_else(|error| {
            tracing::error!(%error, "a session could not be read");
            None
        })
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
}

/// A store call that did not complete.
#[derive(Debug, thiserror::Error)]
enum StoreFailure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store call was interrupted")]
    Interrupted,
}
