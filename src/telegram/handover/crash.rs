//! What a crash must not lose of the open cases: their topics deleted at the next start
//! and each person told, through the sealed records of `store::open_cases`.

use crate::engine::{HandoverEvent, HandoverText, handover_reply};

use super::Relay;

impl Relay {
    /// Deletes the topics of cases a crash left open, counts them as ended by a restart,
    /// and clears their list.
    pub(super) async fn clear_after_crash(&self, group: i64) {
        let now = self.clock.now();
        let topics = match self.sessions.open_topics(now) {
            Ok(topics) => topics,
            Err(error) => {
                tracing::error!(%error, "handover: the cases left open could not be read");
                return;
            }
        };
        if topics.is_empty() {
            return;
        }
        self.desk().crashed();
        tracing::warn!(
            "handover: cases were left open by an unclean stop; their topics are deleted"
        );
        for topic in &topics {
            self.count(HandoverEvent::EndedRestart);
            if let Err(error) = self.api.delete_topic(group, *topic).await {
                tracing::warn!(%error, "handover: a topic left open could not be deleted");
            }
        }
        self.keep_topics(Vec::new()).await;
    }

    /// Writes the open cases' topics durably (for a start after a crash).
    pub(super) async fn keep_topics(&self, topics: Vec<i32>) {
        let (sessions, now) = (self.sessions.clone(), self.clock.now());
        let kept =
            tokio::task::spawn_blocking(move || sessions.keep_open_topics(&topics, now)).await;
        if !matches!(kept, Ok(Ok(()))) {
            tracing::error!("handover: the open cases' topics could not be written");
        }
    }

    /// Marks `chat` as in a case (`true`) or removes the mark, durably.
    pub(super) async fn mark(&self, chat: i64, in_case: bool) {
        let (sessions, now) = (self.sessions.clone(), self.clock.now());
        let marked = tokio::task::spawn_blocking(move || match in_case {
            true => sessions.mark_in_case(chat, now),
            false => sessions.unmark_in_case(chat, now).map(drop),
        })
        .await;
        if !matches!(marked, Ok(Ok(()))) {
            tracing::error!("handover: a case's mark could not be written");
        }
    }

    /// After a crash: whether `chat` was in a case then (its mark is there). If so, the
    /// mark goes and the person is told that the conversation with a person ended; the
    /// message (`message_id`) is the relay's, not the flows'.
    pub(crate) async fn ended_by_crash(&self, chat: i64, message_id: i32) -> bool {
        if !self.desk().after_crash() {
            return false;
        }
        let (sessions, now) = (self.sessions.clone(), self.clock.now());
        let found = tokio::task::spawn_blocking(move || {
            let marked = sessions.unmark_in_case(chat, now)?;
            let lang = sessions.load(chat, now)?.map(|s| s.session.lang);
            Ok::<_, crate::store::StoreError>((marked, lang))
        })
        .await;
        let Ok(Ok((true, lang))) = found else {
            return false;
        };
        self.remember(chat, &[message_id]);
        let flows = self.flows.current();
        let lang = lang.unwrap_or_else(|| flows.settings.default_language.clone());
        self.tell(
            chat,
            &handover_reply(&flows, &lang, HandoverText::EndedRestart),
        )
        .await;
        true
    }
}
