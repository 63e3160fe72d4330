//! What the fake Bot API server knows: chats and the messages still in them, pending
//! updates, callback queries, registered commands, the webhook, every call the bot made,
//! the faults to inject, and the server's clock. Tests read it through `FakeApi`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use serde_json::{Value, json};

/// The bot's own user id on the fake server.
pub const BOT_ID: i64 = 7_000_000_001;
/// The bot's username on the fake server.
pub const BOT_USERNAME: &str = "signpost_test_bot";
/// The server clock at start (unix seconds, 2026-05-29): fixed, so that tests never
/// depend on the wall clock. Tests move it with `FakeApi::advance`.
pub const CLOCK_START: i64 = 1_780_000_000;
/// How long a message can be deleted after it was sent (Bot API: 48 hours).
pub const DELETE_WINDOW_SECS: i64 = 48 * 3600;

/// A Telegram user, as the tests make one up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

impl User {
    pub fn new(id: i64, first_name: &str) -> Self {
        User {
            id,
            first_name: first_name.to_string(),
            last_name: None,
            username: None,
            language_code: None,
        }
    }

    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_string());
        self
    }

    pub fn last_name(mut self, last_name: &str) -> Self {
        self.last_name = Some(last_name.to_string());
        self
    }

    pub fn language(mut self, code: &str) -> Self {
        self.language_code = Some(code.to_string());
        self
    }

    pub fn json(&self) -> Value {
        let mut v = json!({"id": self.id, "is_bot": false, "first_name": self.first_name});
        if let Some(last) = &self.last_name {
            v["last_name"] = json!(last);
        }
        if let Some(username) = &self.username {
            v["username"] = json!(username);
        }
        if let Some(code) = &self.language_code {
            v["language_code"] = json!(code);
        }
        v
    }
}

pub fn bot_user_json() -> Value {
    json!({
        "id": BOT_ID,
        "is_bot": true,
        "first_name": "Signpost",
        "username": BOT_USERNAME,
    })
}

/// One inline keyboard button as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub text: String,
    pub callback_data: Option<String>,
    pub url: Option<String>,
}

/// What kind of message it is, as far as the tests care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Photo,
    Sticker,
    Voice,
    Document,
    Location,
    /// A location shared live: Telegram then sends its updates as edits.
    LiveLocation,
    Venue,
    Contact,
    /// The service message that opens a forum topic (`forum_topic_created`); its id is
    /// the topic's `message_thread_id`.
    TopicCreated,
}

/// A message still present in a chat.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: i32,
    pub from_bot: bool,
    /// Server clock when it was sent.
    pub date: i64,
    pub kind: Kind,
    /// The text (or caption) as the person sees it, after parse-mode entities.
    pub text: Option<String>,
    /// What the bot sent before parsing, when a parse mode was used.
    pub raw_text: Option<String>,
    pub parse_mode: Option<String>,
    pub buttons: Vec<Vec<Button>>,
    pub protect_content: bool,
    pub edited: bool,
    /// The forum topic it was written in (`message_thread_id`), `None` in the General
    /// topic and outside forums.
    pub thread: Option<i32>,
    /// When it was sent, on the fake's clock of calls ([`State::elapsed`]): what a test
    /// counts per minute against the per-group limit.
    pub sent_at: Duration,
}

impl Message {
    /// All the button labels, row by row, for assertions.
    pub fn labels(&self) -> Vec<&str> {
        self.buttons
            .iter()
            .flatten()
            .map(|b| b.text.as_str())
            .collect()
    }

    /// The callback data of the button labelled `label`.
    pub fn data_of(&self, label: &str) -> Option<&str> {
        self.buttons
            .iter()
            .flatten()
            .find(|b| b.text == label)
            .and_then(|b| b.callback_data.as_deref())
    }

    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatKind {
    Private(User),
    Group { title: String },
    Supergroup { title: String },
    Channel { title: String },
}

#[derive(Debug, Clone)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    next_message_id: i32,
    pub messages: BTreeMap<i32, Message>,
    /// The bot is in the chat (false after `leaveChat`).
    pub bot_member: bool,
    /// The user blocked the bot: sends fail with 403.
    pub blocked: bool,
    /// Forum topics by `message_thread_id`, for a supergroup with topics on
    /// (`is_forum`); `None` anywhere else.
    pub forum: Option<BTreeMap<i32, Topic>>,
    /// The bot's administrator rights in a group; `None` when it is a plain member.
    pub bot_rights: Option<BotRights>,
    /// The people in a group (besides the bot) and their standing, by user id.
    pub members: BTreeMap<i64, (User, Role)>,
    /// When each message the bot sent here went out, on the fake's clock of calls: the
    /// record the per-group limit counts.
    pub bot_sends: Vec<Duration>,
}

impl Chat {
    fn new(id: i64, kind: ChatKind) -> Self {
        Chat {
            id,
            kind,
            next_message_id: 1,
            messages: BTreeMap::new(),
            bot_member: true,
            blocked: false,
            forum: None,
            bot_rights: None,
            members: BTreeMap::new(),
            bot_sends: Vec::new(),
        }
    }

    fn next_id(&mut self) -> i32 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }

    pub fn json(&self) -> Value {
        match &self.kind {
            ChatKind::Private(user) => {
                let mut v =
                    json!({"id": self.id, "type": "private", "first_name": user.first_name});
                if let Some(last) = &user.last_name {
                    v["last_name"] = json!(last);
                }
                if let Some(username) = &user.username {
                    v["username"] = json!(username);
                }
                v
            }
            ChatKind::Group { title } => json!({"id": self.id, "type": "group", "title": title}),
            ChatKind::Supergroup { title } => {
                let mut v = json!({"id": self.id, "type": "supergroup", "title": title});
                if self.forum.is_some() {
                    v["is_forum"] = json!(true);
                }
                v
            }
            ChatKind::Channel { title } => {
                json!({"id": self.id, "type": "channel", "title": title})
            }
        }
    }

    /// A per-chat identifier that Telegram puts in callback queries; it is not the chat
    /// id (so a canary scan does not find the id through it).
    pub fn chat_instance(&self) -> String {
        let mixed = (self.id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5bd1_e995;
        format!("-{}", mixed >> 1)
    }

    pub fn is_private(&self) -> bool {
        matches!(self.kind, ChatKind::Private(_))
    }

    pub fn is_group(&self) -> bool {
        matches!(
            self.kind,
            ChatKind::Group { .. } | ChatKind::Supergroup { .. }
        )
    }

    /// The topic `thread`, if the chat is a forum and the topic was ever created.
    pub fn topic(&self, thread: i32) -> Option<&Topic> {
        self.forum.as_ref()?.get(&thread)
    }

    /// The id of the newest message ever in the chat, deleted or not (0 if none).
    pub fn last_issued(&self) -> i32 {
        self.next_message_id - 1
    }

    /// The messages still present, oldest first.
    pub fn present(&self) -> Vec<Message> {
        self.messages.values().cloned().collect()
    }
}

/// A forum topic, kept after it is deleted so that a test can still read what the bot
/// sent into it.
#[derive(Debug, Clone)]
pub struct Topic {
    /// The `message_thread_id`: the id of the `forum_topic_created` service message.
    pub id: i32,
    pub name: String,
    pub icon_color: u32,
    /// Created by the bot (`createForumTopic`) rather than by a person.
    pub by_bot: bool,
    /// The person who created it, when not the bot.
    pub creator: Option<User>,
    pub closed: bool,
    pub deleted: bool,
    /// Server clock (unix seconds) when it was created.
    pub date: i64,
    /// Every message the bot sent into the topic, as sent, in order, with its `sent_at`;
    /// deleting the topic does not empty it.
    pub bot_sent: Vec<Message>,
    /// Whether a person wrote in it (the bot may then delete it only with
    /// `can_delete_messages`).
    pub has_others: bool,
    /// How many messages were ever written in it, the service message included.
    pub messages: usize,
}

impl Topic {
    pub fn is_open(&self) -> bool {
        !self.closed && !self.deleted
    }
}

/// The colours Telegram allows for a topic's icon (`icon_color`), the first the default.
pub const TOPIC_COLORS: [u32; 6] = [
    0x6F_B9F0, 0xFF_D67E, 0xCB_86DB, 0x8E_EE98, 0xFF_93B2, 0xFB_6F5F,
];

/// The bot's administrator rights in a group, as `ChatMemberAdministrator` lists them.
/// The fake checks the two that forum topics need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BotRights {
    /// Create, close and reopen topics (`createForumTopic`).
    pub can_manage_topics: bool,
    /// Delete others' messages, and topics with them (`deleteForumTopic`).
    pub can_delete_messages: bool,
}

impl BotRights {
    /// An administrator with what a handover group needs.
    pub fn admin() -> Self {
        BotRights {
            can_manage_topics: true,
            can_delete_messages: true,
        }
    }

    /// An administrator that may not manage topics.
    pub fn without_manage_topics() -> Self {
        BotRights {
            can_manage_topics: false,
            ..Self::admin()
        }
    }

    /// An administrator that may not delete others' messages (nor topics with them).
    pub fn without_delete_messages() -> Self {
        BotRights {
            can_delete_messages: false,
            ..Self::admin()
        }
    }

    /// `ChatMemberAdministrator` for the bot with these rights.
    pub fn member_json(&self) -> Value {
        json!({
            "status": "administrator",
            "user": bot_user_json(),
            "can_be_edited": false,
            "is_anonymous": false,
            "can_manage_chat": true,
            "can_delete_messages": self.can_delete_messages,
            "can_manage_video_chats": false,
            "can_restrict_members": false,
            "can_promote_members": false,
            "can_change_info": false,
            "can_invite_users": true,
            "can_post_stories": false,
            "can_edit_stories": false,
            "can_delete_stories": false,
            "can_pin_messages": true,
            "can_manage_topics": self.can_manage_topics,
        })
    }
}

/// A person's standing in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Creator,
    Administrator,
    Member,
    /// Was in the group and left it.
    Left,
}

impl Role {
    /// The `ChatMember` object for `user` with this standing.
    pub fn member_json(&self, user: &User) -> Value {
        match self {
            Role::Creator => {
                json!({"status": "creator", "user": user.json(), "is_anonymous": false})
            }
            Role::Administrator => json!({
                "status": "administrator",
                "user": user.json(),
                "can_be_edited": false,
                "is_anonymous": false,
                "can_manage_chat": true,
                "can_delete_messages": true,
                "can_manage_video_chats": true,
                "can_restrict_members": true,
                "can_promote_members": false,
                "can_change_info": true,
                "can_invite_users": true,
                "can_post_stories": false,
                "can_edit_stories": false,
                "can_delete_stories": false,
                "can_pin_messages": true,
                "can_manage_topics": true,
            }),
            Role::Member => json!({"status": "member", "user": user.json()}),
            Role::Left => json!({"status": "left", "user": user.json()}),
        }
    }
}

/// Telegram's limit on what a bot sends into one group: `max` messages per `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupLimit {
    pub max: usize,
    pub per: Duration,
}

impl GroupLimit {
    /// "No more than 20 messages per minute in the same group."
    pub const TELEGRAM: GroupLimit = GroupLimit {
        max: 20,
        per: Duration::from_secs(60),
    };
}

/// One request the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    /// The canonical method name (`sendMessage`), whatever case the bot used.
    pub method: String,
    /// The name exactly as requested.
    pub requested_as: String,
    pub params: Value,
    /// HTTP status of the answer.
    pub status: u16,
    pub description: Option<String>,
    /// When the answer was given, on the fake's clock of calls ([`State::elapsed`]).
    pub at: std::time::Duration,
}

/// A fault to inject into the next matching calls.
#[derive(Debug, Clone)]
pub struct Fault {
    /// Canonical method name, or every method.
    pub method: Option<String>,
    pub kind: FaultKind,
    /// How many matching calls get it.
    pub times: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// 429 with `parameters.retry_after`.
    TooManyRequests { retry_after: u32 },
    /// A 5xx with Telegram's JSON error body.
    ServerError { status: u16 },
    /// A 502 with an HTML body, as a proxy in front of the API sends it.
    BadGatewayHtml,
    /// Answer normally, after this long.
    Delay(Duration),
}

/// A callback query waiting for its answer.
#[derive(Debug, Clone)]
pub struct Callback {
    pub chat_id: i64,
    pub message_id: i32,
    pub data: String,
    pub answered: bool,
    pub answer_text: Option<String>,
    /// When the press was made and when it was answered, on the fake's clock of calls
    /// ([`State::elapsed`]).
    pub made_at: std::time::Duration,
    pub answered_at: Option<std::time::Duration>,
}

#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: String,
    pub secret_token: Option<String>,
    pub max_connections: u32,
    pub last_error: Option<String>,
}

/// An update not yet confirmed by the bot.
#[derive(Debug, Clone)]
pub struct PendingUpdate {
    pub id: i64,
    /// The update's field name: `message`, `callback_query`, ...
    pub kind: &'static str,
    pub payload: Value,
    /// The update's whole JSON text, given by the test as it is (it may be anything, even
    /// not JSON); `kind` and `payload` are then unused.
    pub raw: Option<String>,
}

/// The `kind` of an update given as raw text.
pub const RAW_KIND: &str = "raw";

impl PendingUpdate {
    pub fn json(&self) -> Value {
        let mut v = json!({"update_id": self.id});
        v[self.kind] = self.payload.clone();
        v
    }

    /// The update's JSON text, as it goes out.
    pub fn body(&self) -> String {
        match &self.raw {
            Some(raw) => raw.clone(),
            None => self.json().to_string(),
        }
    }
}

/// Update kinds sent when `allowed_updates` is not set (Bot API: all but these three).
pub const NOT_BY_DEFAULT: &[&str] = &["chat_member", "message_reaction", "message_reaction_count"];

#[derive(Debug)]
pub struct State {
    pub clock: i64,
    pub updates: VecDeque<PendingUpdate>,
    /// Every update ever created, for replaying one as Telegram does when a bot did not
    /// confirm it.
    pub history: Vec<PendingUpdate>,
    next_update_id: i64,
    /// Every update id ever handed out by getUpdates or the webhook, in order.
    pub delivered: Vec<i64>,
    pub allowed_updates: Option<Vec<String>>,
    /// While set, no update is handed out (by getUpdates or the webhook), so that a test
    /// can line several up to go out in one batch.
    pub held: bool,
    pub poll_generation: u64,
    pub webhook: Option<Webhook>,
    pub chats: BTreeMap<i64, Chat>,
    pub callbacks: HashMap<String, Callback>,
    next_callback: u64,
    pub calls: Vec<Call>,
    pub faults: Vec<Fault>,
    /// Commands per (scope type, language code or "").
    pub commands: BTreeMap<(String, String), Vec<(String, String)>>,
    /// The profile texts per (field: "description" or "short_description", language code
    /// or ""); an empty text is not kept, as Telegram drops it.
    pub profile: BTreeMap<(String, String), String>,
    /// The `Date` header every answer carries instead of the real time (HTTP-date), to
    /// play a server whose clock disagrees with the bot's.
    pub date_header: Option<String>,
    /// The per-group send limit, when a test switched it on.
    pub group_limit: Option<GroupLimit>,
    pub token: String,
    /// The start of the fake's clock of calls.
    epoch: std::time::Instant,
}

impl State {
    pub fn new(token: &str) -> Self {
        State {
            clock: CLOCK_START,
            updates: VecDeque::new(),
            history: Vec::new(),
            next_update_id: 100_000,
            delivered: Vec::new(),
            allowed_updates: None,
            held: false,
            poll_generation: 0,
            webhook: None,
            chats: BTreeMap::new(),
            callbacks: HashMap::new(),
            next_callback: 1,
            calls: Vec::new(),
            faults: Vec::new(),
            commands: BTreeMap::new(),
            profile: BTreeMap::new(),
            date_header: None,
            group_limit: None,
            token: token.to_string(),
            epoch: std::time::Instant::now(),
        }
    }

    /// The fake's clock of calls: how long it has been running. Calls and presses are
    /// stamped with it, so a test reads how long the bot took from the fake's records.
    pub fn elapsed(&self) -> std::time::Duration {
        self.epoch.elapsed()
    }

    pub fn push_update(&mut self, kind: &'static str, payload: Value) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        let update = PendingUpdate {
            id,
            kind,
            payload,
            raw: None,
        };
        self.history.push(update.clone());
        self.updates.push_back(update);
        id
    }

    /// Queues an update whose JSON text `body` makes from the update's id.
    pub fn push_raw_update(&mut self, body: impl FnOnce(i64) -> String) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        let update = PendingUpdate {
            id,
            kind: RAW_KIND,
            payload: Value::Null,
            raw: Some(body(id)),
        };
        self.history.push(update.clone());
        self.updates.push_back(update);
        id
    }

    /// Whether a pending update goes out: one of a kind `allowed_updates` lets through,
    /// or one given as raw text, which goes out whatever its kind (to play a server that
    /// sends what the bot never asked for).
    pub fn admits(&self, update: &PendingUpdate) -> bool {
        update.raw.is_some() || self.allowed(update.kind)
    }

    /// Whether an update kind passes the current `allowed_updates`.
    pub fn allowed(&self, kind: &str) -> bool {
        match &self.allowed_updates {
            Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
            _ => !NOT_BY_DEFAULT.contains(&kind),
        }
    }

    pub fn private_chat(&mut self, user: &User) -> &mut Chat {
        let chat = self
            .chats
            .entry(user.id)
            .or_insert_with(|| Chat::new(user.id, ChatKind::Private(user.clone())));
        // The user writing again undoes a block.
        chat.blocked = false;
        chat
    }

    pub fn group_chat(&mut self, id: i64, kind: ChatKind) -> &mut Chat {
        self.chats.entry(id).or_insert_with(|| Chat::new(id, kind))
    }

    /// Adds a message from a person to a chat and returns its id and JSON.
    pub fn add_incoming(
        &mut self,
        chat_id: i64,
        from: Option<&User>,
        kind: Kind,
        text: Option<&str>,
        extra: Value,
    ) -> (i32, Value) {
        self.add_incoming_in(chat_id, None, from, kind, text, extra)
    }

    /// Adds a message from a person to a chat, in forum topic `thread` if given, and
    /// returns its id and JSON as Telegram sends it to the bot.
    pub fn add_incoming_in(
        &mut self,
        chat_id: i64,
        thread: Option<i32>,
        from: Option<&User>,
        kind: Kind,
        text: Option<&str>,
        extra: Value,
    ) -> (i32, Value) {
        let clock = self.clock;
        let sent_at = self.elapsed();
        let Some(chat) = self.chats.get_mut(&chat_id) else {
            panic!("the test adds a message to chat {chat_id}, which it never created");
        };
        if let Some(t) = thread {
            match chat.forum.as_mut().and_then(|f| f.get_mut(&t)) {
                Some(topic) if !topic.deleted => {
                    topic.has_others = true;
                    topic.messages += 1;
                }
                _ => panic!("the test writes in topic {t} of chat {chat_id}, which is not there"),
            }
        }
        let id = chat.next_id();
        chat.messages.insert(
            id,
            Message {
                id,
                from_bot: false,
                date: clock,
                kind,
                text: text.map(str::to_string),
                raw_text: None,
                parse_mode: None,
                buttons: Vec::new(),
                protect_content: false,
                edited: false,
                thread,
                sent_at,
            },
        );
        let mut v = json!({"message_id": id, "chat": chat.json(), "date": clock});
        if let Some(user) = from {
            v["from"] = user.json();
        } else {
            v["sender_chat"] = chat.json();
        }
        if let (Kind::Text, Some(text)) = (kind, text) {
            v["text"] = json!(text);
            if text.starts_with('/') {
                // The entity covers `/command@botname` when the name is there, as
                // Telegram sends commands typed in a group.
                let len = text
                    .split_whitespace()
                    .next()
                    .map_or(0, |c| c.encode_utf16().count());
                v["entities"] = json!([{"offset": 0, "length": len, "type": "bot_command"}]);
            }
        } else if let Some(caption) = text {
            v["caption"] = json!(caption);
        }
        if let (Value::Object(target), Value::Object(extra)) = (&mut v, extra) {
            target.extend(extra);
        }
        if let Some(t) = thread {
            self.mark_topic_message(chat_id, t, &mut v);
        }
        (id, v)
    }

    /// What Telegram adds to a message written in forum topic `thread`: the thread id,
    /// `is_topic_message`, and, as the reply, the service message that opened the topic.
    pub fn mark_topic_message(&self, chat_id: i64, thread: i32, v: &mut Value) {
        v["message_thread_id"] = json!(thread);
        v["is_topic_message"] = json!(true);
        let root = self.outgoing_json(chat_id, thread);
        if root.get("forum_topic_created").is_some() {
            v["reply_to_message"] = root;
        }
    }

    /// Adds a message from the bot and returns it.
    pub fn add_outgoing(&mut self, chat_id: i64, mut message: Message) -> Option<&Message> {
        let clock = self.clock;
        let sent_at = self.elapsed();
        let chat = self.chats.get_mut(&chat_id)?;
        let id = chat.next_id();
        message.id = id;
        message.date = clock;
        message.sent_at = sent_at;
        if chat.is_group() && message.kind != Kind::TopicCreated {
            chat.bot_sends.push(sent_at);
        }
        if let Some(t) = message.thread
            && let Some(topic) = chat.forum.as_mut().and_then(|f| f.get_mut(&t))
        {
            topic.messages += 1;
            if message.kind != Kind::TopicCreated {
                topic.bot_sent.push(message.clone());
            }
        }
        chat.messages.insert(id, message);
        chat.messages.get(&id)
    }

    /// The JSON of a message the bot sent, as Telegram returns it.
    pub fn outgoing_json(&self, chat_id: i64, id: i32) -> Value {
        let Some(chat) = self.chats.get(&chat_id) else {
            return Value::Null;
        };
        let Some(m) = chat.messages.get(&id) else {
            // Telegram sends an inaccessible message (date 0) for deleted ones.
            return json!({"chat": chat.json(), "message_id": id, "date": 0});
        };
        if m.kind == Kind::TopicCreated {
            let topic = chat.topic(m.id);
            let name = topic.map_or(String::new(), |t| t.name.clone());
            let color = topic.map_or(TOPIC_COLORS[0], |t| t.icon_color);
            let from = topic
                .and_then(|t| t.creator.as_ref())
                .map_or_else(bot_user_json, User::json);
            return json!({
                "message_id": m.id,
                "from": from,
                "chat": chat.json(),
                "date": m.date,
                "message_thread_id": m.id,
                "is_topic_message": true,
                "forum_topic_created": {"name": name, "icon_color": color},
            });
        }
        let mut v = json!({
            "message_id": m.id,
            "from": bot_user_json(),
            "chat": chat.json(),
            "date": m.date,
            "text": m.text.clone().unwrap_or_default(),
        });
        if !m.buttons.is_empty() {
            v["reply_markup"] = keyboard_json(&m.buttons);
        }
        if m.protect_content {
            v["has_protected_content"] = json!(true);
        }
        if m.edited {
            v["edit_date"] = json!(self.clock);
        }
        if let Some(t) = m.thread {
            self.mark_topic_message(chat_id, t, &mut v);
        }
        v
    }

    /// Opens forum topic `name` in chat `chat_id` with its `forum_topic_created` service
    /// message, and returns its `message_thread_id` (the service message's id).
    /// `creator` is `None` for the bot.
    pub fn create_topic(
        &mut self,
        chat_id: i64,
        name: &str,
        color: u32,
        creator: Option<&User>,
    ) -> i32 {
        let by_bot = creator.is_none();
        let clock = self.clock;
        let sent_at = self.elapsed();
        let Some(chat) = self.chats.get_mut(&chat_id) else {
            panic!("a topic in chat {chat_id}, which was never created");
        };
        let id = chat.next_id();
        chat.forum.get_or_insert_with(BTreeMap::new).insert(
            id,
            Topic {
                id,
                name: name.to_string(),
                icon_color: color,
                by_bot,
                creator: creator.cloned(),
                closed: false,
                deleted: false,
                date: clock,
                bot_sent: Vec::new(),
                has_others: !by_bot,
                messages: 1,
            },
        );
        chat.messages.insert(
            id,
            Message {
                id,
                from_bot: by_bot,
                date: clock,
                kind: Kind::TopicCreated,
                text: Some(name.to_string()),
                raw_text: None,
                parse_mode: None,
                buttons: Vec::new(),
                protect_content: false,
                edited: false,
                thread: Some(id),
                sent_at,
            },
        );
        id
    }

    /// A user the fake has met (in a private chat or as a member of a group).
    pub fn known_user(&self, user_id: i64) -> Option<&User> {
        self.chats.values().find_map(|c| match &c.kind {
            ChatKind::Private(u) if u.id == user_id => Some(u),
            _ => c.members.get(&user_id).map(|(u, _)| u),
        })
    }

    pub fn new_callback(&mut self, chat_id: i64, message_id: i32, data: &str) -> String {
        let id = format!("{}", 4_382_000_000_000_000_000u64 + self.next_callback);
        self.next_callback += 1;
        self.callbacks.insert(
            id.clone(),
            Callback {
                chat_id,
                message_id,
                data: data.to_string(),
                answered: false,
                answer_text: None,
                made_at: self.elapsed(),
                answered_at: None,
            },
        );
        id
    }

    /// The first fault matching `method`, used up by one.
    pub fn take_fault(&mut self, method: &str) -> Option<FaultKind> {
        let index = self
            .faults
            .iter()
            .position(|f| f.times > 0 && f.method.as_deref().is_none_or(|m| m == method))?;
        let fault = &mut self.faults[index];
        fault.times -= 1;
        let kind = fault.kind.clone();
        if fault.times == 0 {
            self.faults.remove(index);
        }
        Some(kind)
    }
}

pub fn keyboard_json(rows: &[Vec<Button>]) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|row| {
            Value::Array(
                row.iter()
                    .map(|b| {
                        let mut v = json!({"text": b.text});
                        if let Some(data) = &b.callback_data {
                            v["callback_data"] = json!(data);
                        }
                        if let Some(url) = &b.url {
                            v["url"] = json!(url);
                        }
                        v
                    })
                    .collect(),
            )
        })
        .collect();
    json!({"inline_keyboard": rows})
}
