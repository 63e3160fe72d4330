//! A person talking to the bot through the fake Bot API, one action at a time: each action
//! waits until the bot's whole answer is in the chat. An answer is whole when a message
//! with buttons has arrived after the action, because the engine puts the buttons on the
//! last message of every answer (quick exit aside, which has its own wait).

use std::sync::LazyLock;

use signpost::model::{FlowSet, Text};

use super::fake_api::{FakeApi, Kind, Message, User};
use super::files::repo;

/// The shipped flows and texts, for the words the bot is expected to say.
pub static CONTENT: LazyLock<FlowSet> = LazyLock::new(|| {
    let (set, report) = signpost::load::load(&repo().join("flows"), &repo().join("locales"));
    set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"))
});

/// A message of the shipped texts in `lang`, as the bot sends it.
pub fn text(lang: &str, id: &str) -> String {
    let Some(language) = CONTENT.locales.get(lang) else {
        panic!("no language {lang}");
    };
    language.format(&Text::plain(id)).trim().to_string()
}

/// What the bot said in answer to one action.
#[derive(Debug, Clone)]
pub struct Answer {
    pub messages: Vec<Message>,
}

impl Answer {
    /// All the texts, one per line.
    pub fn text(&self) -> String {
        self.messages
            .iter()
            .map(Message::text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether one of the messages says `expected` (a step's texts share one message).
    pub fn says(&self, expected: &str) -> bool {
        self.contains(expected)
    }

    pub fn contains(&self, part: &str) -> bool {
        self.messages.iter().any(|m| m.text().contains(part))
    }

    /// The buttons on the last message.
    pub fn labels(&self) -> Vec<String> {
        self.messages
            .last()
            .map(|m| m.labels().into_iter().map(str::to_string).collect())
            .unwrap_or_default()
    }

    pub fn last(&self) -> &Message {
        match self.messages.last() {
            Some(m) => m,
            None => panic!("an empty answer"),
        }
    }
}

pub struct Person<'a> {
    pub fake: &'a FakeApi,
    pub user: User,
}

impl<'a> Person<'a> {
    pub fn new(fake: &'a FakeApi, user: User) -> Self {
        Person { fake, user }
    }

    pub fn chat(&self) -> i64 {
        self.user.id
    }

    fn last_issued(&self) -> i32 {
        self.fake
            .read(|s| s.chats.get(&self.user.id).map_or(0, |c| c.last_issued()))
    }

    /// Waits for the bot's whole answer to what came after message `before`.
    pub async fn answer_after(&self, before: i32, what: &str) -> Answer {
        let chat = self.user.id;
        self.fake
            .wait_for(what, |s| {
                let c = s.chats.get(&chat)?;
                let after: Vec<Message> = c
                    .messages
                    .range(before + 1..)
                    .map(|(_, m)| m.clone())
                    .filter(|m| m.from_bot)
                    .collect();
                after
                    .iter()
                    .any(|m| !m.buttons.is_empty())
                    .then_some(Answer { messages: after })
            })
            .await
    }

    /// Sends a text and waits for the answer.
    pub async fn says(&self, text: &str) -> Answer {
        let before = self.last_issued();
        self.fake.send_text(&self.user, text);
        self.answer_after(before, &format!("an answer to {text:?}"))
            .await
    }

    /// Presses the button labelled `label` on the newest message that has it.
    pub async fn presses(&self, label: &str) -> Answer {
        let before = self.last_issued();
        let query = self.fake.press_label(&self.user, label);
        self.answer_to_press(before, query, &format!("pressing {label:?}"))
            .await
    }

    /// Presses a button with any data on any message (a forged or replayed press).
    pub async fn presses_data(&self, message_id: i32, data: &str) -> Answer {
        let before = self.last_issued();
        let query = self.fake.press(&self.user, message_id, data);
        self.answer_to_press(before, query, &format!("button data {data:?}"))
            .await
    }

    /// Waits for the answer to a press made after message `before`, and for the press
    /// (callback query `query`) to be answered.
    async fn answer_to_press(&self, before: i32, query: String, what: &str) -> Answer {
        let answer = self
            .answer_after(before, &format!("an answer to {what}"))
            .await;
        self.fake
            .wait_for("the button press to be answered", |s| {
                s.callbacks
                    .get(&query)
                    .is_some_and(|c| c.answered)
                    .then_some(())
            })
            .await;
        answer
    }

    /// Sends a photo, sticker, ... and waits for the answer.
    pub async fn sends(&self, kind: Kind) -> Answer {
        let before = self.last_issued();
        self.fake.send_media(&self.user, kind, Some("a caption"));
        self.answer_after(before, &format!("an answer to a {kind:?}"))
            .await
    }

    /// Sends a picture, file, ... with a caption and waits for the answer.
    pub async fn sends_captioned(&self, kind: Kind, caption: &str) -> Answer {
        let before = self.last_issued();
        self.fake.send_media(&self.user, kind, Some(caption));
        self.answer_after(before, &format!("an answer to a captioned {kind:?}"))
            .await
    }

    /// Edits one of their messages. An edit gets no step in answer (at most a notice),
    /// so nothing is waited for: the answer to the person's next action comes after
    /// whatever the bot did about the edit.
    pub fn edits(&self, message_id: i32, text: &str) {
        self.fake.edit_text(&self.user, message_id, text);
    }

    /// Waits until message `id` is gone from the chat and the bot has said something
    /// after `before`; returns what the bot said after `before`.
    pub async fn deleted_and_told(&self, id: i32, before: i32) -> Vec<Message> {
        let chat = self.user.id;
        self.fake
            .wait_for("the message to be deleted and a notice sent", |s| {
                let c = s.chats.get(&chat)?;
                let told: Vec<Message> = c
                    .messages
                    .range(before + 1..)
                    .map(|(_, m)| m.clone())
                    .filter(|m| m.from_bot)
                    .collect();
                (!c.messages.contains_key(&id) && !told.is_empty()).then_some(told)
            })
            .await
    }

    /// The id of the person's message that `answer` answered: the newest id below the
    /// answer's first message (it may have been deleted since).
    pub fn last_own_message_including_deleted(&self, answer: &Answer) -> i32 {
        answer.messages.first().map_or(0, |m| m.id - 1)
    }

    /// The id of the newest message in the chat, deleted or not.
    pub fn newest_id(&self) -> i32 {
        self.last_issued()
    }

    /// Leaves by `action` (a text or a button label) and waits until the bot's last
    /// message has arrived; returns the chat as it is then.
    pub async fn exits(&self, action: Exit<'_>) -> Vec<Message> {
        let before = self.last_issued();
        match action {
            Exit::Says(text) => {
                self.fake.send_text(&self.user, text);
            }
            Exit::Presses(label) => {
                self.fake.press_label(&self.user, label);
            }
        }
        let chat = self.user.id;
        self.fake
            .wait_for("the quick exit's last message", |s| {
                let c = s.chats.get(&chat)?;
                c.messages
                    .range(before + 1..)
                    .any(|(_, m)| m.from_bot)
                    .then(|| c.present())
            })
            .await
    }

    /// The messages in the chat now.
    pub fn chat_now(&self) -> Vec<Message> {
        self.fake.chat(self.user.id)
    }

    /// The id of the person's newest message.
    pub fn last_own_message(&self) -> i32 {
        self.chat_now()
            .iter()
            .rev()
            .find(|m| !m.from_bot)
            .map_or(0, |m| m.id)
    }
}

pub enum Exit<'a> {
    Says(&'a str),
    Presses(&'a str),
}
