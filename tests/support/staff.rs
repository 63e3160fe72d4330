//! A staff member in the handover group (a forum supergroup) as the fake Bot API plays
//! them: they write in the General topic or in a case's topic, send what is not text,
//! and wait for what the bot posts there. The group itself is made with
//! [`FakeApi::create_forum`].

use super::fake_api::{BOT_USERNAME, FakeApi, Kind, Message, Role, User};

pub struct Staff<'a> {
    pub fake: &'a FakeApi,
    pub user: User,
    pub group: i64,
}

impl<'a> Staff<'a> {
    /// A member of `group` (added to it now).
    pub fn join(fake: &'a FakeApi, group: i64, user: User) -> Self {
        fake.add_member(group, &user, Role::Member);
        Staff { fake, user, group }
    }

    /// Someone who writes in the group without being in it (a stranger).
    pub fn stranger(fake: &'a FakeApi, group: i64, user: User) -> Self {
        Staff { fake, user, group }
    }

    /// Writes a text in the General topic. Returns the message id.
    pub fn says(&self, text: &str) -> i32 {
        self.fake.staff_text(&self.user, self.group, None, text)
    }

    /// Types a command the way Telegram sends it from a group's command menu:
    /// `/available@botname` (`command` without the slash).
    pub fn commands(&self, command: &str) -> i32 {
        self.says(&format!("/{command}@{BOT_USERNAME}"))
    }

    /// Writes a text in forum topic `thread`. Returns the message id.
    pub fn says_in(&self, thread: i32, text: &str) -> i32 {
        self.fake
            .staff_text(&self.user, self.group, Some(thread), text)
    }

    /// Sends a photo, sticker, ... in forum topic `thread`. Returns the message id.
    pub fn sends_in(&self, thread: i32, kind: Kind) -> i32 {
        self.fake
            .staff_media(&self.user, self.group, Some(thread), kind)
    }

    /// Waits until the bot has posted in `thread` (`None`: the General topic) after
    /// message `after`; returns what it posted there since.
    pub async fn bot_posts_after(&self, after: i32, thread: Option<i32>) -> Vec<Message> {
        let group = self.group;
        self.fake
            .wait_for(
                &format!("the bot to post in {thread:?} after #{after}"),
                |s| {
                    let posted: Vec<Message> = s
                        .chats
                        .get(&group)?
                        .messages
                        .range(after + 1..)
                        .map(|(_, m)| m)
                        .filter(|m| m.from_bot && m.thread == thread && m.kind == Kind::Text)
                        .cloned()
                        .collect();
                    (!posted.is_empty()).then_some(posted)
                },
            )
            .await
    }
}
