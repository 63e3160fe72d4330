//! The person's side of a case, as policy: a case opened at consent, the person's texts
//! passed on into the topic (a text with personal data held until they say to send it;
//! a cry for help to both the flows and the staff, marked), and the person leaving.

use crate::engine::{self, ButtonData, HandoverStart, HandoverText, Input, staff_text};
use crate::model::FlowSet;
use crate::telegram::handover::cases::{self, CaseId};
use crate::telegram::ops::clock::Now;

use super::{Desk, Ending, RelayAction, Say, notice, tell};

impl Desk {
    /// The person agreed: a case with a random label (`random`: four random bytes, or
    /// `None` when there was no randomness) and the topic to create for it, whose first
    /// message names the language and the steps that led here. Without `[handover]` or
    /// randomness, the person is told the conversation could not start.
    pub(crate) fn open(
        &mut self,
        chat: i64,
        start: &HandoverStart,
        random: Option<[u8; 4]>,
        flows: &FlowSet,
        now: Now,
    ) -> Vec<RelayAction> {
        let refused = vec![tell(
            chat,
            &start.lang,
            Say::Text(HandoverText::EndedRestart),
        )];
        let Some(random) = random.filter(|_| self.active(flows)) else {
            return refused;
        };
        let label = cases::label(random, &start.lang, &start.trail);
        let Some(case) = self
            .cases
            .open(chat, label.clone(), start.lang.clone(), now.wall)
        else {
            return Vec::new();
        };
        let first = staff_text(
            flows,
            "handover-staff-case",
            &[("lang", &start.lang), ("trail", &start.trail.join(" → "))],
        );
        vec![RelayAction::CreateTopic { case, label, first }]
    }

    /// What came of [`RelayAction::CreateTopic`]: the case kept durably (its topic on the
    /// list a start after a crash deletes, the person marked) before anything is written
    /// in the topic; or, without a topic, the case closed and the person told.
    pub(crate) fn topic_created(
        &mut self,
        id: CaseId,
        topic: Option<i32>,
        first: String,
    ) -> Vec<RelayAction> {
        let Some(topic) = topic else {
            return match self.cases.close(id) {
                Some(case) => vec![tell(
                    case.chat,
                    &case.lang,
                    Say::Text(HandoverText::EndedRestart),
                )],
                None => Vec::new(),
            };
        };
        let Some(case) = self.cases.get_mut(id) else {
            return Vec::new();
        };
        case.topic = Some(topic);
        let chat = case.chat;
        vec![
            RelayAction::KeepTopics(self.cases.topics()),
            RelayAction::Mark {
                chat,
                in_case: true,
            },
            notice(Some(topic), first),
        ]
    }

    /// A message from a person in a case (`message`: its id, for a message). The actions,
    /// and whether it was the relay's: `false` without a case, or for an input the flows
    /// answer (commands, buttons other than the personal-data question, shared
    /// locations, captions).
    pub(crate) fn on_person(
        &mut self,
        chat: i64,
        message: Option<i32>,
        input: &Input,
        flows: &FlowSet,
        now: Now,
    ) -> (Vec<RelayAction>, bool) {
        let Some((id, lang)) = self.case_of(chat) else {
            return (Vec::new(), false);
        };
        let mut actions = remembered(chat, message);
        let said = |text| tell(chat, &lang, Say::Text(text));
        let theirs = match input {
            Input::Text(text) if text.trim_start().starts_with('/') => false,
            Input::Text(text) if engine::holds_personal_data(flows, text) => {
                // Out of the chat at once; kept in memory until the person decides.
                if let Some(message) = message {
                    actions.push(RelayAction::DeletePersonal { chat, message });
                }
                self.hold(id, text.clone());
                actions.push(said(HandoverText::PersonalHeld));
                true
            }
            Input::Text(text) => {
                actions.extend(self.pass_on(id, text.clone(), now));
                true
            }
            Input::Button(data) => match ButtonData::decode(data) {
                Some(ButtonData::Personal(send)) => {
                    let held = self.cases.get_mut(id).and_then(|c| c.held.take());
                    match held {
                        Some(text) if send => {
                            actions.extend(self.pass_on(id, text, now));
                            actions.push(said(HandoverText::PersonalSent));
                        }
                        _ => actions.push(said(HandoverText::PersonalDropped)),
                    }
                    true
                }
                _ => false,
            },
            Input::Unsupported => {
                actions.push(said(HandoverText::OnlyText));
                true
            }
            Input::Caption(_) | Input::Shared => false,
        };
        (actions, theirs)
    }

    /// Words of danger or fear (or the emergency button) from a person in a case: the
    /// flows show the emergency card, and the staff see the text too, after a mark that
    /// says the card was shown. It counts as the person's activity. A text with personal
    /// data is held for the person's yes, like any other (the flows take it out of the
    /// chat); the mark goes on at once.
    pub(crate) fn on_urgent(
        &mut self,
        chat: i64,
        message: Option<i32>,
        input: &Input,
        flows: &FlowSet,
        now: Now,
    ) -> Vec<RelayAction> {
        let Some((id, lang)) = self.case_of(chat) else {
            return Vec::new();
        };
        let mut actions = remembered(chat, message);
        let mark = staff_text(flows, "handover-staff-urgent", &[]);
        match input {
            Input::Text(text) if engine::holds_personal_data(flows, text) => {
                self.hold(id, text.clone());
                actions.extend(self.pass_on(id, mark, now));
                actions.push(tell(chat, &lang, Say::Text(HandoverText::PersonalHeld)));
            }
            Input::Text(text) => actions.extend(self.pass_on(id, format!("{mark}\n{text}"), now)),
            _ => actions.extend(self.pass_on(id, mark, now)),
        }
        actions
    }

    /// The person left (the quick exit, or they blocked the bot): their case ends; after
    /// a crash, the mark of a case the crash ended, not yet told, goes with the rest.
    pub(crate) fn on_person_left(&mut self, chat: i64, flows: &FlowSet) -> Vec<RelayAction> {
        match self.cases.of_chat(chat) {
            Some(id) => self.end(id, Ending::Person, flows),
            None if self.after_crash => vec![RelayAction::Mark {
                chat,
                in_case: false,
            }],
            None => Vec::new(),
        }
    }

    /// The case of `chat` and its language.
    fn case_of(&self, chat: i64) -> Option<(CaseId, String)> {
        let id = self.cases.of_chat(chat)?;
        let lang = self.cases.get(id)?.lang.clone();
        Some((id, lang))
    }

    fn hold(&mut self, id: CaseId, text: String) {
        if let Some(case) = self.cases.get_mut(id) {
            case.held = Some(text);
        }
    }
}

/// The person's message remembered for the quick exit: what the relay takes in never
/// passes through the flows' plan.
fn remembered(chat: i64, message: Option<i32>) -> Vec<RelayAction> {
    let remember = |m| RelayAction::Remember { chat, ids: vec![m] };
    message.map(remember).into_iter().collect()
}
