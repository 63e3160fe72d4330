//! The relay's actions carried out: each [`RelayAction`] of the plan becomes a Bot API
//! call or a store write, in the order given, and what the plan must know of it (a
//! topic created or not, the ids a staff text became) is reported back under the lock.
//! Failures are logged without anything of the person or the case.

use std::collections::VecDeque;

use crate::engine::{self, HandoverEvent, Reply, ReplyKind, handover_reply};
use crate::telegram::send::render::render;

use super::Relay;
use super::pacing::Item;
use super::plan::{RelayAction, Say};

impl Relay {
    /// Carries out `actions` in order, then wakes the group's pump (something may have
    /// been queued).
    pub(super) async fn execute(&self, actions: Vec<RelayAction>) {
        let mut todo = VecDeque::from(actions);
        while let Some(action) = todo.pop_front() {
            match action {
                RelayAction::CreateTopic { case, label, first } => {
                    let topic = match self.api.create_topic(self.group, &label).await {
                        Ok(topic) => Some(topic),
                        Err(error) => {
                            tracing::error!(%error, "handover: a topic could not be created");
                            None
                        }
                    };
                    let next = self.desk().topic_created(case, topic, first);
                    for action in next.into_iter().rev() {
                        todo.push_front(action);
                    }
                }
                RelayAction::KeepTopics(topics) => self.keep_topics(topics).await,
                RelayAction::Mark { chat, in_case } => self.mark(chat, in_case).await,
                RelayAction::Remember { chat, ids } => self.remember(chat, &ids),
                RelayAction::DeletePersonal { chat, message } => {
                    if let Err(error) = self.api.delete_message(chat, message).await {
                        tracing::warn!(%error, "handover: a message with personal data could not be deleted");
                    }
                }
                RelayAction::Tell { chat, lang, say } => self.tell_person(chat, &lang, say).await,
                RelayAction::Edit {
                    chat,
                    lang,
                    ids,
                    text,
                } => {
                    let reply = engine::relayed(&self.flows.current(), &lang, text);
                    for (id, outgoing) in ids.iter().zip(render(&reply)) {
                        if let Err(error) = self.api.edit_text(chat, *id, &outgoing).await {
                            tracing::warn!(%error, "handover: a staff edit could not be carried over");
                        }
                    }
                }
                RelayAction::Notice { topic, text } => {
                    let now = self.clock.read();
                    self.desk().queue_notice(topic, text, now);
                }
                RelayAction::ToGroup(item) => self.send_to_group(item).await,
                RelayAction::DeleteTopic(topic) => {
                    if let Err(error) = self.api.delete_topic(self.group, topic).await {
                        tracing::warn!(%error, "handover: a case's topic could not be deleted");
                    }
                }
                RelayAction::Count(event) => self.count(event),
            }
        }
        self.queued.notify_one();
    }

    pub(super) fn count(&self, event: HandoverEvent) {
        self.sessions.count(&event.stat(), self.clock.now());
    }

    /// Tells the person what the plan says, in their language.
    async fn tell_person(&self, chat: i64, lang: &str, say: Say) {
        let flows = self.flows.current();
        match say {
            Say::Text(text) => {
                self.tell(chat, &handover_reply(&flows, lang, text)).await;
            }
            Say::Capped => {
                let text = flows
                    .locales
                    .get_or(lang, &flows.settings.default_language)
                    .format_strs("handover-capped", &[]);
                // A text of the relay's own, with the emergency and exit buttons.
                self.tell(chat, &engine::relayed(&flows, lang, text)).await;
            }
            Say::Staff { case, staff, text } => {
                let sent = self.tell(chat, &engine::relayed(&flows, lang, text)).await;
                self.desk().relayed(case, staff, sent);
            }
        }
    }

    /// Sends `reply` to a person's chat (logged on failure, never with the chat), and
    /// remembers what went out for the quick exit; returns the ids sent.
    pub(super) async fn tell(&self, chat: i64, reply: &Reply) -> Vec<i32> {
        let mut sent = Vec::new();
        for message in render(reply) {
            match self.api.send(chat, &message).await {
                Ok(id) => sent.push(id),
                Err(error) => {
                    tracing::warn!(%error, "handover: a message to the person could not be sent")
                }
            }
        }
        self.remember(chat, &sent);
        sent
    }

    /// Remembers message ids of a person's chat in their session, so that the quick
    /// exit's sweep is centred on the conversation's newest message: what the relay
    /// sends and takes in never passes through the flows' plan. Written without waiting
    /// for the disk, like the plan's ids. A staff reply may race the person's own turn
    /// (another task) and lose its id to it; the id is then still within the sweep's
    /// reach past the newest one kept (see `plan::conversation_ids`).
    pub(super) fn remember(&self, chat: i64, ids: &[i32]) {
        if ids.is_empty() {
            return;
        }
        let now = self.clock.now();
        match self.sessions.load(chat, now) {
            Ok(Some(mut stored)) => {
                for &id in ids {
                    stored.remember_message(id);
                }
                if let Err(error) = self.sessions.save_pending(chat, &stored, now) {
                    tracing::warn!(%error, "handover: a session could not be written");
                }
            }
            // No conversation to keep them in (it was wiped): nothing to sweep later.
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "handover: a session could not be read"),
        }
    }

    async fn send_to_group(&self, item: Item) {
        // Protected: what the bot sends into the group cannot be forwarded or saved
        // (the README asks the staff to restrict saving content in the group too).
        let reply = Reply {
            kind: ReplyKind::Notice,
            text: item.text,
            buttons: Vec::new(),
            protect_content: true,
        };
        for message in render(&reply) {
            if let Err(error) = self
                .api
                .send_to_topic(self.group, item.topic, &message)
                .await
            {
                tracing::warn!(%error, "handover: a message to the staff group could not be sent");
            }
        }
    }
}
