//! The staff's side of a case, carried out: a sender the plan hears is checked to be a
//! member of the group (a Bot API call), then the plan's actions for their message or
//! edit are executed. The rules are the plan's (`plan::staff`).

use crate::telegram::incoming::updates::GroupMessage;

use super::Relay;

impl Relay {
    /// A message in the staff group.
    pub(crate) async fn staff(&self, group: i64, message: GroupMessage) {
        if !self.desk().heard(&message, &self.flows.current()) {
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
        let (flows, now) = (self.flows.current(), self.clock.read());
        let actions = self.desk().on_staff(message, &flows, now);
        self.execute(actions).await;
    }

    /// A staff member edited a text in a case's topic.
    pub(crate) async fn staff_edited(&self, message: GroupMessage) {
        let (flows, now) = (self.flows.current(), self.clock.read());
        let actions = self.desk().on_staff_edit(message, &flows, now);
        self.execute(actions).await;
    }
}
