//! The staff's side of a case, as policy: who in the group is heard (the `staff` list
//! of `[handover]`), `/available`, `/away` and `/end`, a text in a case's topic carried
//! over to the person, and an edit of one carried over to the person's copy.

use crate::engine::staff_text;
use crate::model::FlowSet;
use crate::telegram::handover::cases::CaseId;
use crate::telegram::handover::staff::{self, Command};
use crate::telegram::incoming::updates::GroupMessage;
use crate::telegram::ops::clock::Now;

use super::{Desk, Ending, RelayAction, Say, notice, tell};

impl Desk {
    /// Whether a message in the group is the relay's business: not from a bot, while
    /// cases may run, a command of ours or a text in a case's topic, from a member who
    /// may answer. Such a sender's membership is then checked (Telegram may deliver a
    /// message from someone who has left since) before [`Desk::on_staff`].
    pub(crate) fn heard(&self, message: &GroupMessage, flows: &FlowSet) -> bool {
        if message.from_bot || !self.active(flows) {
            return false;
        }
        let case = message.topic.and_then(|t| self.cases.of_topic(t));
        if self.command(message).is_none() && case.is_none() {
            // Talk among staff outside a case: not the bot's business.
            return false;
        }
        // A member not on the `staff` list is heard like a stranger: not at all.
        may_answer(flows, message.from)
    }

    /// A message of a present member that the relay hears (see [`Desk::heard`]).
    pub(crate) fn on_staff(
        &mut self,
        message: GroupMessage,
        flows: &FlowSet,
        now: Now,
    ) -> Vec<RelayAction> {
        let case = message.topic.and_then(|t| self.cases.of_topic(t));
        match self.command(&message) {
            Some(command @ (Command::Available | Command::Away)) => {
                if command == Command::Available {
                    self.available.insert(message.from);
                } else {
                    self.available.remove(&message.from);
                }
                let count = self.available.len().to_string();
                let text = staff_text(flows, "handover-staff-available", &[("count", &count)]);
                vec![notice(message.topic, text)]
            }
            Some(Command::End) => match case {
                Some(id) => self.end(id, Ending::Staff, flows),
                None => Vec::new(),
            },
            None => {
                let Some(id) = case else {
                    return Vec::new();
                };
                match message.text {
                    Some(text) => {
                        let Some(case) = self.cases.get_mut(id) else {
                            return Vec::new();
                        };
                        case.last = now.wall;
                        let say = Say::Staff {
                            case: id,
                            staff: message.id,
                            text,
                        };
                        vec![tell(case.chat, &case.lang, say)]
                    }
                    None => vec![notice(
                        message.topic,
                        staff_text(flows, "handover-staff-only-text", &[]),
                    )],
                }
            }
        }
    }

    /// Staff text `staff` went to the person of case `id` as `sent` (for its edits).
    pub(crate) fn relayed(&mut self, id: CaseId, staff: i32, sent: Vec<i32>) {
        if let Some(case) = self.cases.get_mut(id) {
            case.relayed(staff, sent);
        }
    }

    /// A staff member edited a text in a case's topic: the copy the person got is
    /// edited the same way, while the case remembers it (its newest staff texts).
    /// Deletions cannot be carried over: Telegram does not tell a bot that a message in
    /// a group was deleted.
    pub(crate) fn on_staff_edit(
        &mut self,
        message: GroupMessage,
        flows: &FlowSet,
        now: Now,
    ) -> Vec<RelayAction> {
        if message.from_bot || !self.active(flows) || !may_answer(flows, message.from) {
            return Vec::new();
        }
        let Some(text) = message.text else {
            return Vec::new();
        };
        let id = message.topic.and_then(|t| self.cases.of_topic(t));
        let Some(case) = id.and_then(|id| self.cases.get_mut(id)) else {
            return Vec::new();
        };
        case.last = now.wall;
        vec![RelayAction::Edit {
            chat: case.chat,
            lang: case.lang.clone(),
            ids: case.sent_for(message.id),
            text,
        }]
    }

    fn command(&self, message: &GroupMessage) -> Option<Command> {
        let text = message.text.as_deref()?;
        staff::command(text, &self.bot)
    }
}

/// Whether group member `from` may answer (the `staff` list of `[handover]`).
fn may_answer(flows: &FlowSet, from: u64) -> bool {
    let listed = flows
        .settings
        .handover
        .as_ref()
        .and_then(|h| h.staff.as_deref());
    staff::may_answer(listed, from)
}
