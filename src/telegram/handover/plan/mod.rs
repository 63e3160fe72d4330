//! The relay's policy, in pure code: what a person's message, a staff message or the
//! passing of time does to the open cases, and what is to be sent where. Each `on_*` of
//! [`Desk`] takes the time as a value ([`Now`], read from the `Clock` by the caller) and
//! returns the [`RelayAction`]s that the executor (`Relay`) carries out in order; the
//! person's texts wait in the pacer and come out of [`Desk::on_tick`] when the group's
//! pace allows. So every rule of a case (pacing, opening and closing, what the group is
//! told, what the person is told) is unit-tested with plain values, without a network.
//!
//! - [`person`]: a case opened, the person's texts passed on or held, the person leaving;
//! - [`staff`]: the staff's commands, texts and edits.

mod person;
mod staff;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::time::Duration;

use crate::engine::{HandoverEvent, HandoverText, staff_text};
use crate::model::FlowSet;
use crate::telegram::ops::clock::Now;

use super::cases::{CaseId, Cases};
use super::pacing::{Item, Next, Pacer, Queued};

/// Why a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// `/end` in the topic.
    Staff,
    /// The person's quick exit, or they blocked the bot.
    Person,
    /// No message from either side for the configured time.
    Inactive,
    /// The bot is stopping, or `[handover]` was removed.
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

/// What the person is told by the relay.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Say {
    /// One of the relay's own texts.
    Text(HandoverText),
    /// Their case's queue was full and a text was dropped (`handover-capped`, with the
    /// emergency and exit buttons).
    Capped,
    /// A staff member's text; the ids it becomes in the person's chat are reported back
    /// ([`Desk::relayed`]) so that an edit of `staff` (its id in the group) reaches them.
    Staff {
        case: CaseId,
        staff: i32,
        text: String,
    },
}

/// One thing for the executor to do.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum RelayAction {
    /// Create the case's topic named `label`; report with [`Desk::topic_created`], which
    /// puts `first` into it once the case is kept durably.
    CreateTopic {
        case: CaseId,
        label: String,
        first: String,
    },
    /// Write the open cases' topics durably (for a start after a crash).
    KeepTopics(Vec<i32>),
    /// Mark `chat` as in a case, or remove the mark, durably.
    Mark { chat: i64, in_case: bool },
    /// Remember message ids of the person's chat in their session, for the quick exit.
    Remember { chat: i64, ids: Vec<i32> },
    /// Take a text with personal data out of the person's chat.
    DeletePersonal { chat: i64, message: i32 },
    /// Send the person a text, in their language.
    Tell { chat: i64, lang: String, say: Say },
    /// Edit the person's copies (`ids`) of a staff text to `text`.
    Edit {
        chat: i64,
        lang: String,
        ids: Vec<i32>,
        text: String,
    },
    /// Queue a notice for the group (the staff's language), after what came before.
    Notice { topic: Option<i32>, text: String },
    /// Send this into the group now (its turn came, within the pace).
    ToGroup(Item),
    /// Delete a case's topic.
    DeleteTopic(i32),
    /// Count a handover event in the aggregate statistics.
    Count(HandoverEvent),
}

// Written by hand: the derived form would print chat ids and what was written.
impl std::fmt::Debug for RelayAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RelayAction::CreateTopic { case, label, .. } => {
                write!(f, "CreateTopic({case}, {label})")
            }
            RelayAction::KeepTopics(topics) => write!(f, "KeepTopics({topics:?})"),
            RelayAction::Mark { in_case, .. } => write!(f, "Mark({in_case})"),
            RelayAction::Remember { ids, .. } => write!(f, "Remember({ids:?})"),
            RelayAction::DeletePersonal { message, .. } => write!(f, "DeletePersonal({message})"),
            RelayAction::Tell { say, .. } => match say {
                Say::Text(text) => write!(f, "Tell({text:?})"),
                Say::Capped => write!(f, "Tell(Capped)"),
                Say::Staff { staff, .. } => write!(f, "Tell(Staff {staff})"),
            },
            RelayAction::Edit { ids, .. } => write!(f, "Edit({ids:?})"),
            RelayAction::Notice { topic, .. } => write!(f, "Notice({topic:?})"),
            RelayAction::ToGroup(item) => write!(f, "ToGroup({item:?})"),
            RelayAction::DeleteTopic(topic) => write!(f, "DeleteTopic({topic})"),
            RelayAction::Count(event) => write!(f, "Count({event:?})"),
        }
    }
}

/// What the group's pump does after [`Desk::on_tick`].
#[derive(Debug)]
pub(crate) struct Tick {
    /// Carried out now (cases ended for inactivity, the next message for the group).
    pub actions: Vec<RelayAction>,
    /// Nothing may go to the group before this much time has passed (`None`: nothing
    /// waits).
    pub wait: Option<Duration>,
}

/// The relay's state (in memory only) and its rules.
#[derive(Debug, Default)]
pub(crate) struct Desk {
    cases: Cases,
    pacer: Pacer,
    /// Staff who said `/available` (their Telegram user ids, in memory only).
    available: HashSet<u64>,
    /// The start-up check passed: the bot manages topics in the group.
    ready: bool,
    /// The start found cases left open by a crash: a person's next message is looked at
    /// for the mark of one.
    after_crash: bool,
    /// The bot's username, for `/end@botname`.
    bot: String,
}

impl Desk {
    pub(crate) fn new(bot: String) -> Desk {
        Desk {
            bot,
            ..Desk::default()
        }
    }

    /// Whether cases may be opened and relayed: the group checked at start passed, and
    /// `[handover]` is still in the flows in service.
    pub(crate) fn active(&self, flows: &FlowSet) -> bool {
        self.ready && flows.settings.handover.is_some()
    }

    /// Whether someone on the staff is available (for `engine::Context`).
    pub(crate) fn available(&self, flows: &FlowSet) -> bool {
        self.active(flows) && !self.available.is_empty()
    }

    /// Whether `chat` is in a case now.
    pub(crate) fn in_case(&self, chat: i64) -> bool {
        self.cases.of_chat(chat).is_some()
    }

    /// Whether the start found cases left open by a crash.
    pub(crate) fn after_crash(&self) -> bool {
        self.after_crash
    }

    /// The start found cases left open by a crash (their topics are deleted by then).
    pub(crate) fn crashed(&mut self) {
        self.after_crash = true;
    }

    /// The group passed the start-up check: cases may open, and the staff learn that
    /// earlier cases are gone (after a crash their topics were just deleted; after a
    /// stop they were told then).
    pub(crate) fn on_ready(&mut self, flows: &FlowSet) -> Vec<RelayAction> {
        self.ready = true;
        vec![notice(
            None,
            staff_text(flows, "handover-staff-restart", &[]),
        )]
    }

    /// Queues a notice for the group (see [`RelayAction::Notice`]).
    pub(crate) fn queue_notice(&mut self, topic: Option<i32>, text: String, now: Now) {
        let item = Item {
            topic,
            text,
            joinable: false,
        };
        self.pacer.push(item, now.at);
    }

    /// What time does: cases without a message for `[handover]`'s inactivity limit end,
    /// and the next message for the group goes if the pace allows it.
    pub(crate) fn on_tick(&mut self, flows: &FlowSet, now: Now) -> Tick {
        let mut actions = Vec::new();
        if let Some(handover) = &flows.settings.handover {
            for id in self.cases.idle(now.wall, handover.inactivity_minutes) {
                actions.extend(self.end(id, Ending::Inactive, flows));
            }
        }
        let wait = match self.pacer.next(now.at) {
            Next::Send(item) => {
                actions.push(RelayAction::ToGroup(item));
                None
            }
            Next::Wait(wait) => Some(wait),
            Next::Idle => None,
        };
        Tick { actions, wait }
    }

    /// Ends a case: the ending counted, the person told (unless they left), the staff
    /// told in the general topic by the case's label, the topic deleted, and what still
    /// waited for it dropped.
    pub(crate) fn end(&mut self, id: CaseId, why: Ending, flows: &FlowSet) -> Vec<RelayAction> {
        let Some(case) = self.cases.close(id) else {
            return Vec::new();
        };
        let mut actions = vec![RelayAction::Count(why.event())];
        if case.topic.is_some() {
            actions.push(RelayAction::KeepTopics(self.cases.topics()));
        }
        actions.push(RelayAction::Mark {
            chat: case.chat,
            in_case: false,
        });
        let told = match why {
            Ending::Staff => Some(HandoverText::EndedStaff),
            Ending::Inactive => Some(HandoverText::EndedInactive),
            Ending::Restart => Some(HandoverText::EndedRestart),
            Ending::Person => None,
        };
        if let Some(text) = told {
            actions.push(tell(case.chat, &case.lang, Say::Text(text)));
        }
        let staff_id = match why {
            Ending::Person => "handover-staff-person-left",
            Ending::Inactive => "handover-staff-inactive",
            Ending::Staff | Ending::Restart => "handover-staff-ended",
        };
        actions.push(notice(
            None,
            staff_text(flows, staff_id, &[("case", &case.label)]),
        ));
        if let Some(topic) = case.topic {
            self.pacer.forget(topic);
            actions.push(RelayAction::DeleteTopic(topic));
        }
        actions
    }

    /// Ends every case on both sides (the bot is stopping, or `[handover]` is gone).
    pub(crate) fn end_all(&mut self, flows: &FlowSet) -> Vec<RelayAction> {
        let mut ids = self.cases.ids();
        ids.sort_unstable();
        ids.into_iter()
            .flat_map(|id| self.end(id, Ending::Restart, flows))
            .collect()
    }

    /// The open cases (for the log).
    pub(crate) fn open_cases(&self) -> usize {
        self.cases.ids().len()
    }

    /// Queues a person's text for the case's topic (it counts as their activity); they
    /// are told once a case when it has to wait, and when it was dropped because their
    /// case's queue was full (once until the queue has emptied).
    fn pass_on(&mut self, id: CaseId, text: String, now: Now) -> Vec<RelayAction> {
        let Some(topic) = self.cases.get(id).and_then(|c| c.topic) else {
            return Vec::new();
        };
        let item = Item {
            topic: Some(topic),
            text,
            joinable: true,
        };
        let queued = self.pacer.push(item, now.at);
        let Some(case) = self.cases.get_mut(id) else {
            return Vec::new();
        };
        case.last = now.wall;
        let say = match queued {
            Queued::Now | Queued::Dropped { first: false } => return Vec::new(),
            Queued::Waits if case.told_delayed => return Vec::new(),
            Queued::Waits => {
                case.told_delayed = true;
                Say::Text(HandoverText::Delayed)
            }
            Queued::Dropped { first: true } => Say::Capped,
        };
        vec![tell(case.chat, &case.lang, say)]
    }

    #[cfg(test)]
    pub(super) fn cases(&self) -> &Cases {
        &self.cases
    }
}

fn tell(chat: i64, lang: &str, say: Say) -> RelayAction {
    RelayAction::Tell {
        chat,
        lang: lang.to_string(),
        say,
    }
}

fn notice(topic: Option<i32>, text: String) -> RelayAction {
    RelayAction::Notice { topic, text }
}
