//! What an update from Telegram means for the bot, read as little as possible: the chat
//! it belongs to, the message id (for quick exit), the text or button data of a private
//! message, the caption of a picture or file and the text of an edit (searched for
//! personal data only), whether a location, contact or venue was shared (never what it
//! holds), and the client's language. Names, usernames and the content of anything else
//! are never looked at.
//!
//! Groups and channels: the bot is a one-to-one service. A message or membership change
//! from any chat that is not private is reduced to "not private", without its content,
//! and the bot leaves that chat; except a message in a supergroup, reduced to the
//! sender's id, its topic and its text ([`GroupMessage`]): the handover's staff group is
//! one, and the relay decides (any other group is still left).
//!
//! Reading: each update is read from its own JSON text ([`read`]), by long polling and
//! webhook alike, so that one update the bot cannot read is skipped on its own. teloxide
//! reads an update of a kind it does not know, or a known kind with a broken body, as
//! `UpdateKind::Error`, which [`classify`] ignores; what it cannot read as an update at
//! all (no readable `update_id`, not an object, nested deeper than serde_json's recursion
//! limit of 128) is [`Unreadable`], with its id when the id alone can be read.

use serde::Deserialize;
use teloxide::types::{ChatMemberUpdated, Message, MessageKind, Update, UpdateKind};

use crate::engine::Input;

/// One thing that happened in a chat, reduced to what the bot needs.
pub struct Incoming {
    /// The chat: in a private chat, the person's user id. Kept in memory only.
    pub chat: i64,
    /// What happened.
    pub event: Event,
    /// The button press to answer (`answerCallbackQuery`), if this is one. The router
    /// takes it out and has it answered as soon as the update is read, before the chat's
    /// turn comes (see `router`), so the person's app stops waiting at once.
    pub press: Option<Press>,
    /// The newest of the person's messages set aside by the intake limit since this
    /// chat's last update was handled (the router fills it in): quick exit must delete
    /// them too.
    pub aside: Option<i32>,
}

/// A button press waiting for its answer.
pub struct Press {
    /// Telegram's id of the callback query, to answer it.
    pub callback_id: String,
    /// The app's language, for the short text a held-back press gets.
    pub language: Option<String>,
}

/// What happened in a chat, as far as the bot acts on it.
pub enum Event {
    /// A message in a private chat.
    Message {
        /// The message's id in the chat.
        message_id: i32,
        /// What the message holds, for the engine.
        input: Input,
        /// The app's language (`language_code`), if Telegram says.
        language: Option<String>,
    },
    /// An edit of an earlier message (or a live location's update): `Input::Text` for an
    /// edited text or caption, `Input::Shared` for a location, `Input::Unsupported` else.
    Edited {
        /// The id of the message that was edited.
        message_id: i32,
        /// What the message holds now.
        input: Input,
        /// The app's language (`language_code`), if Telegram says.
        language: Option<String>,
    },
    /// A button press in a private chat, with the id of the message the button is on
    /// (when Telegram says): quick exit deletes back from it even with no session.
    Button {
        /// The button's data, as received (it may be forged).
        data: String,
        /// The message the button is on.
        message_id: Option<i32>,
        /// The app's language (`language_code`), if Telegram says.
        language: Option<String>,
    },
    /// The person blocked the bot.
    Blocked,
    /// Something from a group, supergroup or channel: the bot leaves. A button press
    /// there still gets its callback query answered (its [`Press`]).
    NotPrivate,
    /// A message or press from a chat that writes faster than it is taken in (see
    /// `intake`): its content is dropped here, and the person gets one calm notice.
    TooFast {
        /// The app's language, for the notice.
        language: Option<String>,
    },
    /// A message in a supergroup: for the handover's staff group, else the bot leaves.
    Group(GroupMessage),
    /// An edit of a message in a supergroup (a staff member corrected their answer).
    GroupEdited(GroupMessage),
}

/// A message written in a supergroup, reduced to what the handover's relay needs: who
/// wrote (to check they are in the group, never shown to anyone), in which topic, and
/// the text if it is one. The sender's name and username are never read.
pub struct GroupMessage {
    /// The message's id in the group (an edit names the message it changes).
    pub id: i32,
    /// The sender's user id, to check they may answer.
    pub from: u64,
    /// The sender is a bot (the bot's own messages are among them).
    pub from_bot: bool,
    /// The topic (`message_thread_id` of a topic message).
    pub topic: Option<i32>,
    /// `None` for anything but text (a photo, a sticker, a file...).
    pub text: Option<String>,
}

// Written by hand: the derived form would print the chat id and the person's text.
impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.event {
            Event::Message { input, .. } => match input {
                Input::Text(_) => "text message",
                Input::Button(_) => "button",
                Input::Unsupported => "unsupported message",
                Input::Caption(_) => "message with a caption",
                Input::Shared => "shared location or contact",
            },
            Event::Edited { .. } => "edited message",
            Event::Button { .. } => "button press",
            Event::Blocked => "blocked",
            Event::NotPrivate => "not a private chat",
            Event::TooFast { .. } => "too fast",
            Event::Group(_) => "group message",
            Event::GroupEdited(_) => "edited group message",
        };
        f.write_str(kind)
    }
}

impl Incoming {
    /// What a person's message or press becomes when their chat is held back: the
    /// content is dropped, the language and the press to answer are kept. Other events
    /// (blocking the bot, group activity) are what they are.
    pub fn too_fast(self) -> Incoming {
        // The message itself is not handled: it is remembered like one set aside.
        let aside = match &self.event {
            Event::Message { message_id, .. } => self.aside.max(Some(*message_id)),
            _ => self.aside,
        };
        let event = match self.event {
            Event::Message { language, .. }
            | Event::Edited { language, .. }
            | Event::Button { language, .. } => Event::TooFast { language },
            other => other,
        };
        Incoming {
            chat: self.chat,
            event,
            press: self.press,
            aside,
        }
    }

    /// A short name of the kind of event, for logs.
    pub fn kind(&self) -> String {
        format!("{self:?}")
    }
}

/// An update that could not be read. It carries nothing of the update's content: serde's
/// error messages quote the values they choke on, so they are dropped too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable {
    /// The update's id, when that much could be read: confirming it keeps Telegram from
    /// handing the update over again.
    pub id: Option<u32>,
}

/// Reads one update from its JSON text.
pub fn read(json: &[u8]) -> Result<Update, Unreadable> {
    serde_json::from_slice(json).map_err(|_| Unreadable { id: read_id(json) })
}

/// The `update_id` alone. serde_json skips the other fields without recursion, so this
/// reads the id of an update nested far too deep to be read whole.
fn read_id(json: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Id {
        update_id: u32,
    }
    serde_json::from_slice::<Id>(json)
        .ok()
        .map(|id| id.update_id)
}

/// Reduces an update to what the bot needs; `None` for kinds the bot does not handle (and
/// never asked for) and for updates teloxide could not read.
pub fn classify(update: Update) -> Option<Incoming> {
    match update.kind {
        UpdateKind::Message(m) => Some(message(m)?),
        UpdateKind::EditedMessage(m) => {
            let chat = m.chat.id.0;
            if m.chat.is_supergroup()
                && let Some(group) = group_message(&m)
            {
                return Some(Incoming {
                    chat,
                    event: Event::GroupEdited(group),
                    press: None,
                    aside: None,
                });
            }
            if !m.chat.is_private() {
                return Some(not_private(chat));
            }
            let input = match content(&m) {
                Input::Caption(text) => Input::Text(text),
                other => other,
            };
            Some(Incoming {
                chat,
                event: Event::Edited {
                    message_id: m.id.0,
                    input,
                    language: language(&m),
                },
                press: None,
                aside: None,
            })
        }
        UpdateKind::CallbackQuery(q) => {
            let (chat, private) = match &q.message {
                Some(m) => (m.chat().id.0, m.chat().is_private()),
                // Without a message (an inline message) the press came from the person.
                None => (q.from.id.0 as i64, true),
            };
            let press = Some(Press {
                callback_id: q.id.0,
                language: q.from.language_code,
            });
            if !private {
                return Some(Incoming {
                    press,
                    aside: None,
                    ..not_private(chat)
                });
            }
            Some(Incoming {
                chat,
                event: Event::Button {
                    data: q.data.unwrap_or_default(),
                    message_id: q.message.as_ref().map(|m| m.id().0),
                    language: press.as_ref().and_then(|p| p.language.clone()),
                },
                press,
                aside: None,
            })
        }
        UpdateKind::MyChatMember(change) => member_change(change),
        UpdateKind::ChannelPost(m) | UpdateKind::EditedChannelPost(m) => {
            Some(not_private(m.chat.id.0))
        }
        _ => None,
    }
}

fn message(m: Message) -> Option<Incoming> {
    let chat = m.chat.id.0;
    if m.chat.is_supergroup()
        && let Some(group) = group_message(&m)
    {
        return Some(Incoming {
            chat,
            event: Event::Group(group),
            press: None,
            aside: None,
        });
    }
    if !m.chat.is_private() {
        return Some(not_private(chat));
    }
    // Service messages (a pinned message, a shared contact request...) are not from the
    // person's keyboard; they are neither answered nor remembered.
    if !matches!(m.kind, MessageKind::Common(_)) {
        return None;
    }
    let input = content(&m);
    Some(Incoming {
        chat,
        event: Event::Message {
            message_id: m.id.0,
            language: language(&m),
            input,
        },
        press: None,
        aside: None,
    })
}

/// A supergroup message reduced to a [`GroupMessage`]: only a member's ordinary message
/// (not a service message, not one sent on behalf of a chat).
fn group_message(m: &Message) -> Option<GroupMessage> {
    if !matches!(m.kind, MessageKind::Common(_)) {
        return None;
    }
    let from = m.from.as_ref()?;
    Some(GroupMessage {
        id: m.id.0,
        from: from.id.0,
        from_bot: from.is_bot,
        topic: m
            .is_topic_message
            .then_some(m.thread_id)
            .flatten()
            .map(|t| t.0.0),
        text: m.text().map(str::to_string),
    })
}

/// What a private message holds, as the engine sees it.
fn content(m: &Message) -> Input {
    if let Some(text) = m.text() {
        return Input::Text(text.to_string());
    }
    // A venue message carries its location too.
    if m.location().is_some() || m.venue().is_some() || m.contact().is_some() {
        return Input::Shared;
    }
    match m.caption() {
        Some(caption) => Input::Caption(caption.to_string()),
        None => Input::Unsupported,
    }
}

fn member_change(change: ChatMemberUpdated) -> Option<Incoming> {
    let chat = change.chat.id.0;
    if change.chat.is_private() {
        return change.new_chat_member.kind.is_banned().then_some(Incoming {
            chat,
            event: Event::Blocked,
            press: None,
            aside: None,
        });
    }
    change
        .new_chat_member
        .kind
        .is_present()
        .then(|| not_private(chat))
}

fn not_private(chat: i64) -> Incoming {
    Incoming {
        chat,
        event: Event::NotPrivate,
        press: None,
        aside: None,
    }
}

fn language(m: &Message) -> Option<String> {
    m.from.as_ref().and_then(|u| u.language_code.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: serde_json::Value) -> Update {
        // From text, as updates arrive: teloxide's update kinds do not read from a `Value`.
        match serde_json::from_str(&v.to_string()) {
            Ok(u) => u,
            Err(e) => panic!("not an update: {e}"),
        }
    }

    fn private_chat() -> serde_json::Value {
        json!({"id": 4242, "type": "private", "first_name": "Canary"})
    }

    fn user() -> serde_json::Value {
        json!({"id": 4242, "is_bot": false, "first_name": "Canary", "language_code": "sv"})
    }

    #[test]
    fn a_supergroup_topic_message_keeps_its_sender_id_topic_and_text_only() {
        let update = parse(json!({"update_id": 1, "message": {
            "message_id": 9, "date": 1, "message_thread_id": 4, "is_topic_message": true,
            "chat": {"id": -1001234567890i64, "type": "supergroup", "title": "Staff", "is_forum": true},
            "from": {"id": 777, "is_bot": false, "first_name": "Staffer", "username": "staffer"},
            "text": "hello"
        }}));
        let Some(Incoming {
            chat,
            event: Event::Group(m),
            ..
        }) = classify(update)
        else {
            panic!("not a group message");
        };
        assert_eq!(chat, -1001234567890);
        assert_eq!((m.from, m.from_bot, m.topic), (777, false, Some(4)));
        assert_eq!(m.text.as_deref(), Some("hello"));
    }

    #[test]
    fn a_private_text_becomes_text_input_with_its_language() {
        let update = parse(json!({"update_id": 1, "message": {
            "message_id": 7, "date": 1, "chat": private_chat(), "from": user(),
            "text": "/start buyer_sv"
        }}));
        let Some(incoming) = classify(update) else {
            panic!("ignored");
        };
        assert_eq!(incoming.chat, 4242);
        let Event::Message {
            message_id,
            input,
            language,
        } = incoming.event
        else {
            panic!("not a message");
        };
        assert_eq!(message_id, 7);
        assert_eq!(input, Input::Text("/start buyer_sv".into()));
        assert_eq!(language.as_deref(), Some("sv"));
    }

    #[test]
    fn a_photo_brings_its_caption_and_one_without_is_unsupported() {
        let photo = |caption: Option<&str>| {
            let mut message = json!({
                "message_id": 8, "date": 1, "chat": private_chat(), "from": user(),
                "photo": [{"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1}],
            });
            if let Some(caption) = caption {
                message["caption"] = json!(caption);
            }
            classify(parse(json!({"update_id": 1, "message": message}))).map(|i| i.event)
        };
        assert!(matches!(
            photo(Some("call 0701234567")),
            Some(Event::Message { input: Input::Caption(c), .. }) if c == "call 0701234567"
        ));
        assert!(matches!(
            photo(None),
            Some(Event::Message {
                input: Input::Unsupported,
                ..
            })
        ));
    }

    #[test]
    fn locations_contacts_and_venues_are_shared_and_never_read() {
        let location = json!({"latitude": 58.58, "longitude": 16.19});
        for extra in [
            json!({"location": location}),
            json!({"location": {"latitude": 58.58, "longitude": 16.19, "live_period": 900}}),
            json!({"contact": {"phone_number": "+46700000000", "first_name": "A"}}),
            json!({"venue": {"location": location, "title": "T", "address": "A"},
                   "location": location}),
        ] {
            let mut message = json!({
                "message_id": 9, "date": 1, "chat": private_chat(), "from": user(),
            });
            for (k, v) in extra.as_object().into_iter().flatten() {
                message[k] = v.clone();
            }
            let event = classify(parse(json!({"update_id": 1, "message": message})));
            assert!(
                matches!(
                    event.map(|i| i.event),
                    Some(Event::Message {
                        input: Input::Shared,
                        message_id: 9,
                        ..
                    })
                ),
                "{extra}"
            );
        }
    }

    #[test]
    fn an_edit_brings_its_text_and_a_live_location_update_is_shared() {
        let edit = |extra: serde_json::Value| {
            let mut message = json!({
                "message_id": 4, "date": 1, "edit_date": 2, "chat": private_chat(),
                "from": user(),
            });
            for (k, v) in extra.as_object().into_iter().flatten() {
                message[k] = v.clone();
            }
            classify(parse(json!({"update_id": 1, "edited_message": message}))).map(|i| i.event)
        };
        assert!(matches!(
            edit(json!({"text": "ring 0701234567"})),
            Some(Event::Edited { message_id: 4, input: Input::Text(t), .. }) if t == "ring 0701234567"
        ));
        assert!(matches!(
            edit(json!({"location": {"latitude": 1.0, "longitude": 2.0, "live_period": 60}})),
            Some(Event::Edited {
                input: Input::Shared,
                ..
            })
        ));
    }

    #[test]
    fn a_button_press_carries_the_id_of_its_message() {
        let update = parse(json!({"update_id": 1, "callback_query": {
            "id": "q1", "from": user(), "chat_instance": "1", "data": "gexit",
            "message": {"message_id": 31, "date": 1, "chat": private_chat(),
                        "from": {"id": 1, "is_bot": true, "first_name": "Bot"}, "text": "menu"}
        }}));
        let incoming = classify(update);
        assert_eq!(
            incoming
                .as_ref()
                .and_then(|i| i.press.as_ref())
                .map(|p| p.callback_id.as_str()),
            Some("q1")
        );
        assert!(matches!(
            incoming.map(|i| i.event),
            Some(Event::Button {
                message_id: Some(31),
                ..
            })
        ));
    }

    #[test]
    fn group_messages_are_only_known_as_not_private() {
        let update = parse(json!({"update_id": 1, "message": {
            "message_id": 3, "date": 1, "from": user(), "text": "hello",
            "chat": {"id": -100, "type": "group", "title": "G"}
        }}));
        let incoming = classify(update);
        assert!(matches!(
            incoming.map(|i| (i.chat, i.event)),
            Some((-100, Event::NotPrivate))
        ));
    }

    #[test]
    fn unknown_and_broken_kinds_are_read_and_ignored() {
        for json in [
            r#"{"update_id": 5, "some_future_kind": {"a": 1}}"#,
            r#"{"update_id": 5, "message": {"message_id": 1, "date": 1, "text": "no chat"}}"#,
            r#"{"update_id": 5, "message": {"message_id": 1, "date": "today", "text": "x",
                "chat": {"id": 1, "type": "private", "first_name": "A"}}}"#,
            r#"{"update_id": 5}"#,
        ] {
            let update = read(json.as_bytes()).map_err(|e| e.id);
            assert_eq!(update.as_ref().map(|u| u.id.0), Ok(5), "{json}");
            assert!(update.ok().and_then(classify).is_none(), "{json}");
        }
    }

    #[test]
    fn an_update_that_cannot_be_read_keeps_its_id_if_it_can() {
        let deep = format!(
            r#"{{"update_id": 9, "message": {{"x": {}{}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(
            read(deep.as_bytes()).err(),
            Some(Unreadable { id: Some(9) })
        );
        for json in [
            r#"{"update_id": "9", "message": {}}"#,
            r#"{"update_id": -1}"#,
            r#"{"message": {}}"#,
            "42",
            "null",
            "{not json",
            "",
        ] {
            assert_eq!(
                read(json.as_bytes()).err(),
                Some(Unreadable { id: None }),
                "{json}"
            );
        }
    }

    #[test]
    fn the_debug_form_names_the_kind_only() {
        let update = parse(json!({"update_id": 1, "message": {
            "message_id": 7, "date": 1, "chat": private_chat(), "from": user(),
            "text": "my number is 0701234567"
        }}));
        let shown = classify(update).map(|i| format!("{i:?}"));
        assert_eq!(shown.as_deref(), Some("text message"));
    }
}
