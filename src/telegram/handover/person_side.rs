//! The person's side of a case, carried out: the clock read, the plan asked under one
//! lock (`plan::person`), its actions executed. The rules are the plan's.

use crate::engine::{HandoverStart, Input};

use super::Relay;

impl Relay {
    /// Opens a case for `chat` (the person agreed): a topic with a random label, and its
    /// first message, the language and the steps that led here.
    pub(crate) async fn open(&self, chat: i64, start: HandoverStart) {
        let mut random = [0u8; 4];
        let random = match getrandom::fill(&mut random) {
            Ok(()) => Some(random),
            Err(_) => {
                tracing::error!("handover: no randomness for a case label");
                None
            }
        };
        let (flows, now) = (self.flows.current(), self.clock.read());
        let actions = self.desk().open(chat, &start, random, &flows, now);
        self.execute(actions).await;
    }

    /// A message from a person in a case. Returns `false` when it is not the relay's
    /// (no case, or an input the flows answer: buttons other than the personal-data
    /// question, shared locations, captions).
    pub(crate) async fn person(&self, chat: i64, message_id: Option<i32>, input: &Input) -> bool {
        let (flows, now) = (self.flows.current(), self.clock.read());
        let (actions, theirs) = self.desk().on_person(chat, message_id, input, &flows, now);
        self.execute(actions).await;
        theirs
    }

    /// Words of danger or fear (or the emergency button) from a person in a case: the
    /// staff see them, marked (the flows answer with emergency help).
    pub(crate) async fn person_urgent(&self, chat: i64, message_id: Option<i32>, input: &Input) {
        let (flows, now) = (self.flows.current(), self.clock.read());
        let actions = self.desk().on_urgent(chat, message_id, input, &flows, now);
        self.execute(actions).await;
    }

    /// The person left by the quick exit (the flows wiped their conversation), or
    /// blocked the bot: nothing more reaches them, so their case ends.
    pub(crate) async fn person_left(&self, chat: i64) {
        let actions = self.desk().on_person_left(chat, &self.flows.current());
        self.execute(actions).await;
    }
}
