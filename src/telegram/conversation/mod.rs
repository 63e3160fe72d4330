//! One update, handled: a thin executor over pure decisions. Where the update goes is
//! [`triage`]'s; which of the engine's entry points answers a person's turn is
//! [`turn`]'s; what to delete and what to say are the engine's; in which order to
//! write, send and delete, and what to remember, is [`plan`]'s. This module reads the
//! clock, asks the relay once what it knows of the chat (`relay_side`), loads the
//! session through the store's pseudonymising facade, and hands the plan to
//! `carry_out`, which performs each action and reports what came of it.

mod carry_out;
pub(crate) mod plan;
mod relay_side;
pub(crate) mod triage;
pub(crate) mod turn;

use std::sync::Arc;

use tokio::sync::watch;

use crate::engine::{self, Context};
use crate::live::LiveFlows;
use crate::store::Sessions;

use super::handover::Relay;
use super::incoming::router::Handler;
use super::incoming::updates::{Event, Incoming, Press};
use super::ops::activity::{ACTIVITY, Happened};
use super::ops::clock::Clock;
use super::send::api::Api;
use triage::{Triage, triage};
use turn::{Asked, answered_before, turn_of};

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
        let staff_group = self
            .handover
            .as_ref()
            .is_some_and(|r| r.is_group(incoming.chat));
        triage::urgent(&self.flows.current(), &incoming.event, staff_group)
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
    /// Carries out where `triage` sends the update.
    async fn dispatch(&self, update: u32, incoming: Incoming) {
        let facts = self.facts(&incoming);
        let triaged = triage(&incoming.event, facts);
        let Incoming {
            chat, event, aside, ..
        } = incoming;
        match (triaged, event) {
            (Triage::Nothing, _) => {}
            (Triage::Staff, event) => self.to_staff(chat, event).await,
            (Triage::Leave, _) => match self.api.leave_chat(chat).await {
                Ok(()) => ACTIVITY.count(Happened::LeftGroup),
                Err(error) => tracing::warn!(%error, "could not leave a group or channel"),
            },
            (Triage::Blocked, _) => {
                self.carry_out(chat, turn::blocked(), self.clock.now())
                    .await
            }
            (Triage::SlowDown, Event::TooFast { language }) => {
                let now = self.clock.now();
                let stored = self.load(chat, now);
                let flows = self.flows.current();
                let plan = turn::slow_down(&flows, stored, language.as_deref(), aside, now);
                self.carry_out(chat, plan, now).await;
            }
            (triaged, event) => {
                if self.relay_answers(triaged, chat, &event).await {
                    return;
                }
                if let Some(asked) = turn_of(event, aside, update) {
                    self.converse(chat, asked, facts.available).await
                }
            }
        }
    }

    /// One turn of the person: session in, engine, effects out, session back.
    async fn converse(&self, chat: i64, asked: Asked, available: bool) {
        let now = self.clock.now();
        let stored = self.load(chat, now);
        if answered_before(stored.as_ref(), asked.seen.update) {
            ACTIVITY.count(Happened::Repeated);
            return;
        }
        let flows = self.flows.current();
        let ctx = Context {
            language_hint: asked.language.as_deref(),
            handover_available: available,
        };
        if let Some(plan) = turn::answer(&flows, asked.turn, asked.seen, stored, &ctx, now) {
            self.carry_out(chat, plan, now).await;
        }
    }
}
