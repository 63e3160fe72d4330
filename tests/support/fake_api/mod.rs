//! A fake Telegram Bot API server on 127.0.0.1 with a random port, faithful where the
//! bot depends on it: `POST /bot{token}/{method}`, case-insensitive method names, a
//! complete `getMe`, long polling with `offset`/`limit`/`timeout`, webhooks with the
//! secret header, commands and the profile texts (description, short description) per
//! language, a `Date` header a test can set to play a server whose clock is off, per-chat
//! message ids, the 4096-character, 64-byte and 48-hour rules answered with the real 400
//! errors, 401 for a wrong token, 404 for an unknown method, and injected faults (429 with
//! `retry_after`, 5xx, delays).
//!
//! Tests play the people: they inject messages, button presses, photos, edits and group
//! messages (or any update as raw text, readable or not), hold updates back to hand them
//! out in one batch, then read what each chat shows *now* (deleted messages are gone) and
//! every call the bot made. The server has its own clock for the 48-hour deletion window,
//! moved only by the test.
//!
//! It also plays a staff group: a supergroup with forum topics, the bot's administrator
//! rights in it, its members, and Telegram's limit of about 20 messages a minute into one
//! group (see "Groups and topics" below).
//!
//! # Groups and topics
//!
//! What the fake models, with the answers Telegram gives (TDLib's texts, which the Bot
//! API passes on):
//! - a supergroup with topics on (`is_forum`), made by [`FakeApi::create_forum`] before
//!   the bot starts (no `my_chat_member` update), with the bot as an administrator with
//!   [`BotRights`] or as a plain member, and people with a [`Role`];
//! - `getChat`, `getChatMember` (the bot's `ChatMemberAdministrator` with
//!   `can_manage_topics` and `can_delete_messages`; "left" for someone who left or was
//!   only met in a private chat; "user not found" otherwise), `getChatAdministrators`;
//! - `createForumTopic` (needs `can_manage_topics`: "not enough rights to create a
//!   topic"; "the chat is not a forum" elsewhere); the topic's id is the id of its
//!   `forum_topic_created` service message, from the chat's own message ids;
//! - `deleteForumTopic` (the topic and all its messages go; needs `can_delete_messages`
//!   unless the bot opened the topic, no one else wrote in it and it holds at most 11
//!   messages: "not enough rights to delete the topic" for a person's topic,
//!   `CHAT_ADMIN_REQUIRED` for the bot's own), `closeForumTopic`, `reopenForumTopic`;
//!   an unknown or deleted topic is `TOPIC_ID_INVALID`;
//! - `sendMessage` with `message_thread_id`: "message thread not found" for a deleted
//!   topic, a group without topics and a private chat (the bot has no topic mode),
//!   `TOPIC_CLOSED` for a closed topic unless the bot may manage topics;
//! - messages in a topic carry `message_thread_id`, `is_topic_message` and, as
//!   `reply_to_message`, the topic's service message; those in the General topic carry
//!   none of them; `/command@botname` gets its `bot_command` entity;
//! - the per-group limit, off until a test switches it on ([`FakeApi::limit_group_sends`]):
//!   every message the bot sent into the group counts, on the fake's clock of calls (real
//!   time since the server started, as the bot's own pacing runs on real time; the test
//!   clock moved by [`FakeApi::advance`] does not touch it); beyond it, 429 with
//!   `retry_after` in whole seconds until a place comes free.
//!
//! What it does not model: topic mode in private chats, editing or pinning topics, the
//! General topic's own methods, `my_chat_member` updates when rights change, privacy mode
//! (the bot, an administrator, gets every group message), the colour rule for
//! `icon_color` beyond its range, other send methods in topics (only `sendMessage` is
//! served), and whether a topic's messages count against the 48-hour deletion window
//! (an administrator with `can_delete_messages` deletes others' messages at any age).
//! Some texts are the best reading of TDLib's code and public reports rather than a
//! recorded answer: `TOPIC_ID_INVALID`, `CHAT_ADMIN_REQUIRED` and `TOPIC_CLOSED`; a bot
//! should act on the status code and treat the text as a hint.
//!
pub mod html;
pub mod server;
pub mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{oneshot, watch};

pub use state::{
    BOT_ID, BOT_USERNAME, BotRights, Call, Callback, Chat, ChatKind, Fault, FaultKind, GroupLimit,
    Kind, Message, PendingUpdate, Role, State, TOPIC_COLORS, Topic, User,
};

/// The token the fake accepts unless a test asks for another one.
pub const TOKEN: &str = "123456789:AAF-fake-token_for_tests";

/// How long `wait_for` waits before it fails the test. Only a guard against a hang: no
/// test asserts on how long anything takes.
pub const WAIT_LIMIT: Duration = Duration::from_secs(60);

/// State shared by the HTTP handlers and the test.
pub struct Shared {
    pub token: String,
    state: Mutex<State>,
    /// Bumped after every change, so that long polls and waiting tests wake up.
    pub changed: watch::Sender<u64>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock has failed already; the state is
        // still readable for the rest of the report.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the state and wakes everyone waiting for a change.
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let r = f(&mut self.lock());
        self.changed.send_modify(|n| *n += 1);
        r
    }
}

/// A running fake server. Dropping it stops the server.
pub struct FakeApi {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
}

impl FakeApi {
    /// Starts a server for the default token on the current tokio runtime.
    pub async fn start() -> FakeApi {
        Self::start_with_token(TOKEN).await
    }

    pub async fn start_with_token(token: &str) -> FakeApi {
        let (changed, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            token: token.to_string(),
            state: Mutex::new(State::new(token)),
            changed,
        });
        let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
            Ok(l) => l,
            Err(e) => panic!("the fake Bot API cannot listen on 127.0.0.1: {e}"),
        };
        let addr = match listener.local_addr() {
            Ok(a) => a,
            Err(e) => panic!("the fake Bot API has no address: {e}"),
        };
        let app = axum::Router::new()
            .fallback(server::handle)
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            let _ = serve.await;
        });
        tokio::spawn(server::deliver_webhooks(shared.clone()));
        FakeApi {
            addr,
            shared,
            stop: Some(stop),
        }
    }

    /// The API URL to give the bot (`TELOXIDE_API_URL`), without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Changes the state (and wakes up long polls and waiters).
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        self.shared.with(f)
    }

    /// Reads the state.
    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.shared.lock())
    }

    /// Waits until `f` returns something, and returns it. Fails the test, with `what` and
    /// every chat's content, if that does not happen within `WAIT_LIMIT`.
    pub async fn wait_for<R>(&self, what: &str, f: impl Fn(&State) -> Option<R>) -> R {
        let mut changes = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
        loop {
            if let Some(r) = self.read(&f) {
                return r;
            }
            tokio::select! {
                _ = changes.changed() => {}
                _ = tokio::time::sleep_until(deadline) => {
                    if let Some(r) = self.read(&f) {
                        return r;
                    }
                    panic!("waited in vain for {what}\n{}", self.dump());
                }
            }
        }
    }

    /// Every chat's messages and the last calls, for failure messages.
    pub fn dump(&self) -> String {
        self.read(|s| {
            let mut out = String::new();
            for chat in s.chats.values() {
                out.push_str(&format!("chat {}:\n", chat.id));
                for m in chat.messages.values() {
                    let who = if m.from_bot { "bot" } else { "user" };
                    let topic = m.thread.map_or(String::new(), |t| format!(" topic {t}"));
                    out.push_str(&format!(
                        "  #{}{topic} {who} {:?} {:?} {:?}\n",
                        m.id,
                        m.kind,
                        m.text(),
                        m.labels()
                    ));
                }
                for t in chat.forum.iter().flat_map(|f| f.values()) {
                    let state = if t.deleted {
                        "deleted"
                    } else if t.closed {
                        "closed"
                    } else {
                        "open"
                    };
                    out.push_str(&format!("  topic {} {:?} {state}\n", t.id, t.name));
                }
            }
            out.push_str("last calls:\n");
            for c in s.calls.iter().rev().take(30).rev() {
                out.push_str(&format!(
                    "  {} {} {:?}\n",
                    c.method,
                    c.status,
                    c.description.as_deref().unwrap_or("")
                ));
            }
            out
        })
    }

    // ---- The people: what users do ----

    /// The user sends a text (a `/command` gets its `bot_command` entity). Returns the
    /// message id.
    pub fn send_text(&self, user: &User, text: &str) -> i32 {
        self.with(|s| {
            s.private_chat(user);
            let (id, v) = s.add_incoming(user.id, Some(user), Kind::Text, Some(text), json!({}));
            s.push_update("message", v);
            id
        })
    }

    /// The user sends something other than text.
    pub fn send_media(&self, user: &User, kind: Kind, caption: Option<&str>) -> i32 {
        let extra = media_json(kind, user);
        self.with(|s| {
            s.private_chat(user);
            let (id, v) = s.add_incoming(user.id, Some(user), kind, caption, extra);
            s.push_update("message", v);
            id
        })
    }

    /// The user edits one of their messages.
    pub fn edit_text(&self, user: &User, message_id: i32, text: &str) {
        self.edit(user, message_id, Some(text), "text", json!(text));
    }

    /// A live location moves: Telegram sends the message again as an edit, with the new
    /// position. The message must still be in the chat (a deleted live location stops).
    pub fn move_live_location(&self, user: &User, message_id: i32, step: u32) {
        let location = json!({
            "latitude": 58.5877 + f64::from(step) * 0.0001,
            "longitude": 16.1924,
            "live_period": 3600,
        });
        self.edit(user, message_id, None, "location", location);
    }

    /// One of the user's messages changes (its text, when `text` is given) and comes back
    /// as an `edited_message` with `field` set to `content`.
    fn edit(
        &self,
        user: &User,
        message_id: i32,
        text: Option<&str>,
        field: &str,
        content: serde_json::Value,
    ) {
        self.with(|s| {
            let clock = s.clock;
            let chat = s.private_chat(user);
            let mut update = edited(chat, clock, user, message_id, text);
            update[field] = content;
            s.push_update("edited_message", update);
        })
    }

    /// The user presses a button carrying `data` under the bot's message `message_id`.
    /// Any data can be given, to play a forged or replayed press. Returns the callback
    /// query id.
    pub fn press(&self, user: &User, message_id: i32, data: &str) -> String {
        self.with(|s| {
            let instance = s.private_chat(user).chat_instance();
            let message = s.outgoing_json(user.id, message_id);
            let id = s.new_callback(user.id, message_id, data);
            s.push_update(
                "callback_query",
                json!({
                    "id": id,
                    "from": user.json(),
                    "message": message,
                    "chat_instance": instance,
                    "data": data,
                }),
            );
            id
        })
    }

    /// The user presses the button labelled `label` on the bot's latest message that has
    /// it. Returns the callback query id.
    pub fn press_label(&self, user: &User, label: &str) -> String {
        let found = self.read(|s| {
            let chat = s.chats.get(&user.id)?;
            chat.messages
                .values()
                .rev()
                .find_map(|m| m.data_of(label).map(|d| (m.id, d.to_string())))
        });
        let Some((message_id, data)) = found else {
            panic!("no button labelled {label:?}\n{}", self.dump());
        };
        self.press(user, message_id, &data)
    }

    /// Someone writes in a group the bot was added to.
    pub fn group_text(&self, user: &User, group_id: i64, text: &str) -> i32 {
        self.with(|s| {
            s.group_chat(
                group_id,
                ChatKind::Group {
                    title: "A group".into(),
                },
            );
            let (id, v) = s.add_incoming(group_id, Some(user), Kind::Text, Some(text), json!({}));
            s.push_update("message", v);
            id
        })
    }

    /// Someone adds the bot to a group.
    pub fn add_to_group(&self, user: &User, group_id: i64) {
        self.with(|s| {
            let clock = s.clock;
            let chat = s
                .group_chat(
                    group_id,
                    ChatKind::Group {
                        title: "A group".into(),
                    },
                )
                .json();
            s.push_update(
                "my_chat_member",
                json!({
                    "chat": chat,
                    "from": user.json(),
                    "date": clock,
                    "old_chat_member": {"user": state::bot_user_json(), "status": "left"},
                    "new_chat_member": {"user": state::bot_user_json(), "status": "member"},
                }),
            );
        })
    }

    /// A post in a channel the bot is an administrator of.
    pub fn channel_post(&self, channel_id: i64, text: &str) -> i32 {
        self.with(|s| {
            s.group_chat(
                channel_id,
                ChatKind::Channel {
                    title: "A channel".into(),
                },
            );
            let (id, v) = s.add_incoming(channel_id, None, Kind::Text, Some(text), json!({}));
            s.push_update("channel_post", v);
            id
        })
    }

    /// Hands out again, first, every update created so far from `first_id` on: what
    /// Telegram does when a bot stopped before confirming them.
    pub fn replay_from(&self, first_id: i64) -> usize {
        self.with(|s| {
            let again: Vec<_> = s
                .history
                .iter()
                .filter(|u| u.id >= first_id && !s.updates.iter().any(|q| q.id == u.id))
                .cloned()
                .collect();
            for update in again.iter().rev() {
                s.updates.push_front(update.clone());
            }
            again.len()
        })
    }

    /// Queues an update given as its whole JSON text, made by `body` from the update's id:
    /// anything a server could send, readable or not, of any kind, asked for or not.
    /// Returns the id.
    pub fn push_raw_update(&self, body: impl FnOnce(i64) -> String) -> i64 {
        self.with(|s| s.push_raw_update(body))
    }

    /// Hands out no update until [`FakeApi::release_updates`]: what is queued meanwhile
    /// goes out together, in one getUpdates batch, in the queue's order then.
    pub fn hold_updates(&self) {
        self.with(|s| s.held = true);
    }

    pub fn release_updates(&self) {
        self.with(|s| s.held = false);
    }

    /// How many times the update `id` was handed out (by getUpdates or the webhook).
    pub fn times_delivered(&self, id: i64) -> usize {
        self.read(|s| s.delivered.iter().filter(|&&d| d == id).count())
    }

    /// The id the next update will get.
    pub fn next_update_id(&self) -> i64 {
        self.read(|s| s.history.last().map_or(100_000, |u| u.id + 1))
    }

    /// The user blocks the bot: sends to them fail with 403 until they write again.
    pub fn block(&self, user: &User) {
        self.with(|s| {
            if let Some(c) = s.chats.get_mut(&user.id) {
                c.blocked = true;
            }
        })
    }

    /// The user blocks the bot as Telegram tells it: sends to them fail from now on, and
    /// the bot gets a `my_chat_member` update with the status "kicked".
    pub fn blocks_bot(&self, user: &User) {
        self.block(user);
        self.with(|s| {
            let clock = s.clock;
            let chat = s.private_chat(user).json();
            s.push_update(
                "my_chat_member",
                json!({
                    "chat": chat,
                    "from": user.json(),
                    "date": clock,
                    "old_chat_member": {"user": state::bot_user_json(), "status": "member"},
                    "new_chat_member": {
                        "user": state::bot_user_json(), "status": "kicked", "until_date": 0
                    },
                }),
            );
        })
    }

    // ---- Staff in a forum supergroup ----

    /// Makes supergroup `id` with topics on (`is_forum`), the bot in it with `rights`
    /// (an administrator) or as a plain member (`None`). No update is sent: the group is
    /// there before the bot starts, as a handover group is.
    pub fn create_forum(&self, id: i64, title: &str, rights: Option<BotRights>) {
        self.with(|s| {
            let chat = s.group_chat(
                id,
                ChatKind::Supergroup {
                    title: title.to_string(),
                },
            );
            chat.forum.get_or_insert_with(Default::default);
            chat.bot_rights = rights;
        })
    }

    /// Changes the bot's standing in a group: an administrator with `rights`, or a
    /// plain member (`None`).
    pub fn set_bot_rights(&self, group: i64, rights: Option<BotRights>) {
        self.with(|s| match s.chats.get_mut(&group) {
            Some(c) => c.bot_rights = rights,
            None => panic!("no group {group}"),
        })
    }

    /// Adds a person to a group with a standing (`getChatMember` then answers it).
    pub fn add_member(&self, group: i64, user: &User, role: Role) {
        self.with(|s| match s.chats.get_mut(&group) {
            Some(c) => {
                c.members.insert(user.id, (user.clone(), role));
            }
            None => panic!("no group {group}"),
        })
    }

    /// A staff member: an ordinary member of the group.
    pub fn add_staff(&self, group: i64, user: &User) {
        self.add_member(group, user, Role::Member);
    }

    /// Someone leaves the group (`getChatMember` then answers "left").
    pub fn remove_member(&self, group: i64, user_id: i64) {
        self.with(|s| {
            if let Some((_, role)) = s
                .chats
                .get_mut(&group)
                .and_then(|c| c.members.get_mut(&user_id))
            {
                *role = Role::Left;
            }
        })
    }

    /// Someone writes a text in a group: in forum topic `thread`, or in the General topic
    /// (`None`). A `/command` gets its `bot_command` entity, `/available@name` included.
    /// Anyone can be made to write, member or not, to play a stranger; a topic must be
    /// there and not deleted. Returns the message id.
    pub fn staff_text(&self, user: &User, group: i64, thread: Option<i32>, text: &str) -> i32 {
        self.with(|s| {
            let (id, v) =
                s.add_incoming_in(group, thread, Some(user), Kind::Text, Some(text), json!({}));
            s.push_update("message", v);
            id
        })
    }

    /// A staff member edits their text `message_id` in topic `thread` of a group: it
    /// comes back as an `edited_message`.
    pub fn staff_edits(&self, user: &User, group: i64, thread: i32, message_id: i32, text: &str) {
        self.with(|s| {
            let clock = s.clock;
            let Some(chat) = s.chats.get_mut(&group) else {
                panic!("no group {group}");
            };
            let mut update = edited(chat, clock, user, message_id, Some(text));
            update["text"] = json!(text);
            s.mark_topic_message(group, thread, &mut update);
            s.push_update("edited_message", update);
        })
    }

    /// Someone sends something other than text (a photo, a sticker, ...) in a group, in
    /// topic `thread` or the General topic. Returns the message id.
    pub fn staff_media(&self, user: &User, group: i64, thread: Option<i32>, kind: Kind) -> i32 {
        self.staff_captioned(user, group, thread, kind, None)
    }

    /// The same with a caption (a photo with words under it is still not a text).
    pub fn staff_captioned(
        &self,
        user: &User,
        group: i64,
        thread: Option<i32>,
        kind: Kind,
        caption: Option<&str>,
    ) -> i32 {
        let extra = media_json(kind, user);
        self.with(|s| {
            let (id, v) = s.add_incoming_in(group, thread, Some(user), kind, caption, extra);
            s.push_update("message", v);
            id
        })
    }

    /// A person opens a topic in a group (the bot gets the `forum_topic_created`
    /// service message). Returns its `message_thread_id`.
    pub fn staff_topic(&self, user: &User, group: i64, name: &str) -> i32 {
        self.with(|s| {
            let id = s.create_topic(group, name, TOPIC_COLORS[0], Some(user));
            let v = s.outgoing_json(group, id);
            s.push_update("message", v);
            id
        })
    }

    /// Every topic a group ever had, open, closed or deleted, oldest first.
    pub fn topics(&self, group: i64) -> Vec<Topic> {
        self.read(|s| {
            s.chats
                .get(&group)
                .and_then(|c| c.forum.as_ref())
                .map(|f| f.values().cloned().collect())
                .unwrap_or_default()
        })
    }

    /// The topics not deleted (closed ones included).
    pub fn live_topics(&self, group: i64) -> Vec<Topic> {
        self.topics(group)
            .into_iter()
            .filter(|t| !t.deleted)
            .collect()
    }

    /// The deleted topics.
    pub fn deleted_topics(&self, group: i64) -> Vec<Topic> {
        self.topics(group)
            .into_iter()
            .filter(|t| t.deleted)
            .collect()
    }

    /// The messages in a topic now (both sides, the service message left out), oldest
    /// first; empty once the topic is deleted.
    pub fn topic_messages(&self, group: i64, thread: i32) -> Vec<Message> {
        self.chat(group)
            .into_iter()
            .filter(|m| m.thread == Some(thread) && m.kind != Kind::TopicCreated)
            .collect()
    }

    /// Every message the bot sent into a topic, in order, as sent, each with its
    /// `sent_at`; kept after the topic is deleted.
    pub fn bot_sent_to_topic(&self, group: i64, thread: i32) -> Vec<Message> {
        self.read(|s| {
            s.chats
                .get(&group)
                .and_then(|c| c.topic(thread))
                .map(|t| t.bot_sent.clone())
                .unwrap_or_default()
        })
    }

    /// The most messages the bot sent into a group within any span of `window`, on the
    /// fake's clock of calls: what the per-group limit is about.
    pub fn most_group_sends_within(&self, group: i64, window: Duration) -> usize {
        self.read(|s| {
            let Some(c) = s.chats.get(&group) else {
                return 0;
            };
            let sends = &c.bot_sends;
            (0..sends.len())
                .map(|i| {
                    sends[i..]
                        .iter()
                        .take_while(|&&t| t - sends[i] < window)
                        .count()
                })
                .max()
                .unwrap_or(0)
        })
    }

    /// Switches Telegram's per-group limit on: more than 20 messages a minute from the
    /// bot into one group get 429 with `retry_after`.
    pub fn limit_group_sends(&self) {
        self.limit_group_sends_to(GroupLimit::TELEGRAM);
    }

    /// The per-group limit with other numbers (to keep a test short).
    pub fn limit_group_sends_to(&self, limit: GroupLimit) {
        self.with(|s| s.group_limit = Some(limit));
    }

    /// Waits until a group has a live topic whose name contains `part`; returns it.
    pub async fn wait_for_topic(&self, group: i64, part: &str) -> Topic {
        self.wait_for(&format!("a topic named like {part:?}"), |s| {
            s.chats
                .get(&group)?
                .forum
                .as_ref()?
                .values()
                .find(|t| !t.deleted && t.name.contains(part))
                .cloned()
        })
        .await
    }

    /// Waits until the bot has sent at least `count` messages into a topic; returns all
    /// it sent there.
    pub async fn wait_for_topic_sends(
        &self,
        group: i64,
        thread: i32,
        count: usize,
    ) -> Vec<Message> {
        self.wait_for(&format!("{count} bot messages in topic {thread}"), |s| {
            let sent = &s.chats.get(&group)?.topic(thread)?.bot_sent;
            (sent.len() >= count).then(|| sent.clone())
        })
        .await
    }

    /// Waits until a topic is deleted.
    pub async fn wait_topic_deleted(&self, group: i64, thread: i32) {
        self.wait_for(&format!("topic {thread} to be deleted"), |s| {
            s.chats.get(&group)?.topic(thread)?.deleted.then_some(())
        })
        .await
    }

    // ---- The server: time, faults, what happened ----

    /// Moves the server clock (used for message dates and the 48-hour rule).
    pub fn advance(&self, by: Duration) {
        self.with(|s| s.clock += by.as_secs() as i64);
    }

    /// The next `times` calls of `method` (any method if `None`) fail with `kind`.
    pub fn fail(&self, method: Option<&str>, kind: FaultKind, times: u32) {
        self.with(|s| {
            s.faults.push(Fault {
                method: method.map(str::to_string),
                kind,
                times,
            })
        });
    }

    /// Messages still present in a chat, oldest first.
    pub fn chat(&self, chat_id: i64) -> Vec<Message> {
        self.read(|s| s.chats.get(&chat_id).map(Chat::present).unwrap_or_default())
    }

    /// The bot's messages still present in a chat.
    pub fn bot_messages(&self, chat_id: i64) -> Vec<Message> {
        self.chat(chat_id)
            .into_iter()
            .filter(|m| m.from_bot)
            .collect()
    }

    /// Every call of `method` so far.
    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.read(|s| {
            s.calls
                .iter()
                .filter(|c| c.method == method)
                .cloned()
                .collect()
        })
    }

    /// All calls so far.
    pub fn all_calls(&self) -> Vec<Call> {
        self.read(|s| s.calls.clone())
    }

    /// Callback queries that were never answered.
    pub fn unanswered_callbacks(&self) -> Vec<String> {
        self.read(|s| {
            s.callbacks
                .iter()
                .filter(|(_, c)| !c.answered)
                .map(|(id, _)| id.clone())
                .collect()
        })
    }

    /// Whether a callback query was answered.
    pub fn answered(&self, callback_id: &str) -> bool {
        self.read(|s| s.callbacks.get(callback_id).is_some_and(|c| c.answered))
    }

    /// Commands registered for a scope type and language ("" for all languages).
    pub fn commands(&self, scope: &str, lang: &str) -> Vec<(String, String)> {
        self.read(|s| {
            s.commands
                .get(&(scope.to_string(), lang.to_string()))
                .cloned()
                .unwrap_or_default()
        })
    }

    /// The bot's description (`field` "description") or short description
    /// ("short_description") for a language code ("" for the default), if set.
    pub fn profile(&self, field: &str, lang: &str) -> Option<String> {
        self.read(|s| {
            s.profile
                .get(&(field.to_string(), lang.to_string()))
                .cloned()
        })
    }

    /// Updates not yet confirmed by the bot.
    pub fn pending_updates(&self) -> usize {
        self.read(|s| s.updates.len())
    }

    /// Waits until the bot has confirmed every update created so far (a `getUpdates`
    /// whose offset is past them): from then on a crash cannot bring them back.
    pub async fn wait_all_confirmed(&self) {
        self.wait_for("the bot to confirm every update", |s| {
            s.updates.is_empty().then_some(())
        })
        .await;
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The extra fields Telegram sends for a non-text message.
fn media_json(kind: Kind, user: &User) -> Value {
    let file = |prefix: &str| {
        json!({
            "file_id": format!("{prefix}ACAgIAAxkBAAIBZ2fake"),
            "file_unique_id": format!("{prefix}AQADfake"),
        })
    };
    match kind {
        Kind::Text | Kind::TopicCreated => json!({}),
        Kind::Photo => {
            let mut small = file("AgAC");
            small["width"] = json!(90);
            small["height"] = json!(67);
            small["file_size"] = json!(1234);
            json!({"photo": [small]})
        }
        Kind::Sticker => {
            let mut s = file("CAAC");
            s["type"] = json!("regular");
            s["width"] = json!(512);
            s["height"] = json!(512);
            s["is_animated"] = json!(false);
            s["is_video"] = json!(false);
            s["emoji"] = json!("🙂");
            json!({"sticker": s})
        }
        Kind::Voice => {
            let mut v = file("AwAC");
            v["duration"] = json!(3);
            v["mime_type"] = json!("audio/ogg");
            json!({"voice": v})
        }
        Kind::Document => {
            let mut d = file("BQAC");
            d["file_name"] = json!("notes.pdf");
            d["mime_type"] = json!("application/pdf");
            json!({"document": d})
        }
        Kind::Location => json!({"location": {"latitude": 58.5877, "longitude": 16.1924}}),
        Kind::LiveLocation => json!({"location": {
            "latitude": 58.5877, "longitude": 16.1924, "live_period": 3600, "heading": 90
        }}),
        Kind::Venue => {
            let location = json!({"latitude": 58.5877, "longitude": 16.1924});
            json!({
                "location": location,
                "venue": {"location": location, "title": "Hotel", "address": "Drottninggatan 1"},
            })
        }
        Kind::Contact => json!({
            "contact": {
                "phone_number": "+46700000000",
                "first_name": user.first_name,
                "user_id": user.id,
            }
        }),
    }
}

/// Marks `message_id` of `chat` edited by `user` (its text replaced when `text` is given)
/// and gives the `edited_message` update without its content: one rule for an edit in a
/// private chat and in a group.
fn edited(
    chat: &mut state::Chat,
    clock: i64,
    user: &User,
    message_id: i32,
    text: Option<&str>,
) -> Value {
    let chat_json = chat.json();
    let Some(m) = chat.messages.get_mut(&message_id) else {
        panic!("the test edits message {message_id}, which is not in that chat");
    };
    if let Some(text) = text {
        m.text = Some(text.to_string());
    }
    m.edited = true;
    json!({
        "message_id": message_id,
        "from": user.json(),
        "chat": chat_json,
        "date": m.date,
        "edit_date": clock,
    })
}
