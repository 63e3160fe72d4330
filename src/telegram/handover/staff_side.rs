//! The staff's side of a case: a text or an edit in a case's topic carried over to the
//! person, and who among the group's members is heard.

use crate::engine::{self, staff_text};
use crate::telegram::incoming::updates::GroupMessage;
use crate::telegram::send::render::render;

use super::*;

impl Relay {
    /// A message in the staff group.
    pub(crate) async fn staff(&self, group: i64, message: GroupMessage) {
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
    pub(crate) async fn staff_edited(&self, message: GroupMessage) {
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
    pub(super) fn may_answer(&self, from: u64) -> bool {
        let flows = self.flows.current();
        let listed = flows
            .settings
            .handover
            .as_ref()
            .and_then(|h| h.staff.as_deref());
        staff::may_answer(listed, from)
    }
}
