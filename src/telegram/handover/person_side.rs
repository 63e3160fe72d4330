//! The person's side of a case: a case opened at consent, the person's texts passed on
//! into the topic (a cry for help to both the flows and the staff), and the person leaving.

use super::cases::CaseId;
use super::pacing::Queued;
use crate::engine::{self, HandoverStart, HandoverText, Input, staff_text};

use super::*;

impl Relay {
    /// Opens a case for `chat` (the person agreed): a topic with a random label, and its
    /// first message, the language and the steps that led here.
    pub(crate) async fn open(&self, chat: i64, start: HandoverStart) {
        let group = self.group;
        if !self.active() {
            // `[handover]` was removed while the person agreed: no case, and they are
            // told so rather than left waiting.
            return self
                .tell_text(chat, &start.lang, HandoverText::EndedRestart)
                .await;
        }
        let mut random = [0u8; 4];
        if getrandom::fill(&mut random).is_err() {
            tracing::error!("handover: no randomness for a case label");
            return self
                .tell_text(chat, &start.lang, HandoverText::EndedRestart)
                .await;
        }
        let label = cases::label(random, &start.lang, &start.trail);
        let now = self.clock.now();
        let Some(id) = self
            .state()
            .cases
            .open(chat, label.clone(), start.lang.clone(), now)
        else {
            return;
        };
        match self.api.create_topic(group, &label).await {
            Ok(topic) => {
                let flows = self.flows.current();
                let first = staff_text(
                    &flows,
                    "handover-staff-case",
                    &[("lang", &start.lang), ("trail", &start.trail.join(" → "))],
                );
                let topics = {
                    let mut state = self.state();
                    if let Some(case) = state.cases.get_mut(id) {
                        case.topic = Some(topic);
                    }
                    state.cases.topics()
                };
                // Durable before anything is written in the topic: a crash from here on
                // leaves the topic on the list a start deletes.
                self.keep_topics(topics).await;
                self.mark(chat, true).await;
                let mut state = self.state();
                self.queue(&mut state, Some(topic), first, false);
            }
            Err(error) => {
                tracing::error!(%error, "handover: a topic could not be created");
                self.state().cases.close(id);
                self.tell_text(chat, &start.lang, HandoverText::EndedRestart)
                    .await;
            }
        }
    }

    /// A message from a person in a case. Returns `false` when it is not the relay's
    /// (no case, or an input the flows answer: buttons other than the personal-data
    /// question, shared locations, captions).
    pub(crate) async fn person(&self, chat: i64, message_id: Option<i32>, input: &Input) -> bool {
        let flows = self.flows.current();
        let (id, lang) = {
            let state = self.state();
            let Some(id) = state.cases.of_chat(chat) else {
                return false;
            };
            let lang = state
                .cases
                .get(id)
                .map(|c| c.lang.clone())
                .unwrap_or_default();
            (id, lang)
        };
        if let Some(message_id) = message_id {
            self.remember(chat, &[message_id]);
        }
        match input {
            // Commands (/start, /help, /privacy...) are the flows' during a case too.
            Input::Text(text) if text.trim_start().starts_with('/') => false,
            Input::Text(text) => {
                if engine::holds_personal_data(&flows, text) {
                    // Out of the chat at once; kept in memory until the person decides.
                    if let Some(message_id) = message_id
                        && let Err(error) = self.api.delete_message(chat, message_id).await
                    {
                        tracing::warn!(%error, "handover: a message with personal data could not be deleted");
                    }
                    if let Some(case) = self.state().cases.get_mut(id) {
                        case.held = Some(text.clone());
                    }
                    self.tell_text(chat, &lang, HandoverText::PersonalHeld)
                        .await;
                } else {
                    self.pass_on(id, chat, &lang, text.clone()).await;
                }
                true
            }
            Input::Button(data) => match engine::ButtonData::decode(data) {
                Some(engine::ButtonData::Personal(send)) => {
                    let held = self.state().cases.get_mut(id).and_then(|c| c.held.take());
                    match held {
                        Some(text) if send => {
                            self.pass_on(id, chat, &lang, text).await;
                            self.tell_text(chat, &lang, HandoverText::PersonalSent)
                                .await;
                        }
                        _ => {
                            self.tell_text(chat, &lang, HandoverText::PersonalDropped)
                                .await
                        }
                    }
                    true
                }
                _ => false,
            },
            Input::Unsupported => {
                self.tell_text(chat, &lang, HandoverText::OnlyText).await;
                true
            }
            Input::Caption(_) | Input::Shared => false,
        }
    }

    /// A message with words of danger or fear (or the emergency button) from a person in
    /// a case: the flows show the emergency card, and the staff see the text too, after
    /// a mark that says the card was shown. It counts as the person's activity. A text
    /// with personal data is held for the person's yes, like any other (the flows take
    /// it out of the chat); the mark goes on at once.
    pub(crate) async fn person_urgent(&self, chat: i64, message_id: Option<i32>, input: &Input) {
        let Some((id, lang)) = self.case_of(chat) else {
            return;
        };
        if let Some(message_id) = message_id {
            self.remember(chat, &[message_id]);
        }
        let flows = self.flows.current();
        let mark = staff_text(&flows, "handover-staff-urgent", &[]);
        match input {
            Input::Text(text) if engine::holds_personal_data(&flows, text) => {
                if let Some(case) = self.state().cases.get_mut(id) {
                    case.held = Some(text.clone());
                }
                self.pass_on(id, chat, &lang, mark).await;
                self.tell_text(chat, &lang, HandoverText::PersonalHeld)
                    .await;
            }
            Input::Text(text) => {
                self.pass_on(id, chat, &lang, format!("{mark}\n{text}"))
                    .await
            }
            _ => self.pass_on(id, chat, &lang, mark).await,
        }
    }

    /// The person blocked the bot: nothing more reaches them, so their case ends ("the
    /// person left").
    pub(crate) async fn person_blocked(&self, chat: i64) {
        self.person_left(chat).await;
    }

    /// Queues a person's text for the case's topic (it counts as their activity); tells
    /// them once a case when it has to wait, and when it was dropped because their
    /// case's queue was full (once until the queue has emptied).
    pub(super) async fn pass_on(&self, id: CaseId, chat: i64, lang: &str, text: String) {
        let now = self.clock.now();
        let tell = {
            let mut state = self.state();
            let Some(topic) = state.cases.get(id).and_then(|c| c.topic) else {
                return;
            };
            let queued = self.queue(&mut state, Some(topic), text, true);
            match state.cases.get_mut(id) {
                Some(case) => {
                    case.last = now;
                    match queued {
                        Queued::Now | Queued::Dropped { first: false } => None,
                        Queued::Waits if case.told_delayed => None,
                        Queued::Waits => {
                            case.told_delayed = true;
                            Some(Told::Delayed)
                        }
                        Queued::Dropped { first: true } => Some(Told::Capped),
                    }
                }
                None => None,
            }
        };
        match tell {
            Some(Told::Delayed) => self.tell_text(chat, lang, HandoverText::Delayed).await,
            Some(Told::Capped) => {
                let flows = self.flows.current();
                let text = flows
                    .locales
                    .get_or(lang, &flows.settings.default_language)
                    .format_strs("handover-capped", &[]);
                // A text of the relay's own, with the emergency and exit buttons.
                let reply = engine::relayed(&flows, lang, text);
                self.tell(chat, &reply).await;
            }
            None => {}
        }
    }

    /// The person left by the quick exit (the flows wiped their conversation).
    pub(crate) async fn person_left(&self, chat: i64) {
        let id = self.state().cases.of_chat(chat);
        if let Some(id) = id {
            self.end(id, Ending::Person).await;
        } else if self.after_crash.load(std::sync::atomic::Ordering::Relaxed) {
            // A case a crash ended, not yet told: its mark goes with the rest.
            self.mark(chat, false).await;
        }
    }
}
