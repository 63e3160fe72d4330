//! The handover relay's part of an update: what the relay knows of the chat, asked once
//! under one lock for `triage`, and the update handed to the relay where triage sends
//! it (a person's message in a case, a staff message, a person whose case a crash
//! ended). The relay's own rules are in `handover::plan`.

use crate::engine::{self, Input};
use crate::telegram::handover::route;
use crate::telegram::incoming::updates::{Event, Incoming};

use super::Conversations;
use super::triage::{Facts, Triage};

impl Conversations {
    /// What the relay knows of the update's chat (see `triage`), asked once.
    pub(super) fn facts(&self, incoming: &Incoming) -> Facts {
        let Some(relay) = &self.handover else {
            return Facts::default();
        };
        let look = relay.look(incoming.chat);
        Facts {
            relay: true,
            staff_group: relay.is_group(incoming.chat),
            in_case: person_input(&incoming.event)
                .filter(|_| look.in_case)
                .map(|(input, _)| route(&self.flows.current(), &input)),
            available: look.available,
        }
    }

    /// Hands a person's update to the relay where `triaged` says; whether the relay
    /// answered it wholly (else the engine answers it).
    pub(super) async fn relay_answers(&self, triaged: Triage, chat: i64, event: &Event) -> bool {
        let (Some(relay), Some((input, message_id))) = (&self.handover, person_input(event)) else {
            return false;
        };
        match (triaged, message_id) {
            (Triage::Relay, _) => relay.person(chat, message_id, &input).await,
            (Triage::RelayAndEngine, _) => {
                relay.person_urgent(chat, message_id, &input).await;
                false
            }
            // The person's case was open when the bot stopped without ending it: they
            // are told that the conversation with a person ended (and a call for help
            // still gets its answer from the flows).
            (Triage::Engine { after_crash: true }, Some(message_id)) => {
                relay.ended_by_crash(chat, message_id).await
                    && !engine::urgent(&self.flows.current(), &input)
            }
            _ => false,
        }
    }

    /// A message or an edit in the staff group, for the relay.
    pub(super) async fn to_staff(&self, chat: i64, event: Event) {
        let Some(relay) = &self.handover else {
            return;
        };
        match event {
            Event::Group(message) => relay.staff(chat, message).await,
            Event::GroupEdited(message) => relay.staff_edited(message).await,
            _ => {}
        }
    }
}

/// A person's input and the id of their message (none for a press).
fn person_input(event: &Event) -> Option<(Input, Option<i32>)> {
    match event {
        Event::Message {
            input, message_id, ..
        } => Some((input.clone(), Some(*message_id))),
        Event::Button { data, .. } => Some((Input::Button(data.clone()), None)),
        _ => None,
    }
}
