//! The bot's side of the Bot API: every call the adapter makes, paced by the [`Limiter`],
//! retried after a 429 (waiting `retry_after`), a 5xx or a network error (with
//! exponential backoff), and failing with an error that names the method and the kind of
//! failure but never carries what Telegram sent back (teloxide's own errors quote whole
//! responses, which hold names and texts).

mod batch;

pub(crate) use batch::Batch;

mod retry;

use retry::*;

use std::sync::Arc;
use std::time::Duration;

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{
    AllowedUpdate, BotCommand, BotCommandScope, CallbackQueryId, LinkPreviewOptions, Me, MessageId,
    ParseMode, Recipient, ThreadId, WebhookInfo,
};

use crate::telegram::ops::clock::Clock;
use crate::telegram::send::limiter::{Limiter, Limits};
use crate::telegram::send::render::Outgoing;

/// No link previews: a preview would fetch the page and show its picture in the chat,
/// for every message the bot sends or edits.
const NO_LINK_PREVIEW: LinkPreviewOptions = LinkPreviewOptions {
    is_disabled: true,
    url: None,
    prefer_small_media: false,
    prefer_large_media: false,
    show_above_text: false,
};

/// Attempts for a call that meets 5xx or network errors.
const MAX_ATTEMPTS: u32 = 6;
/// 429 answers a call may meet before it gives up.
const MAX_RETRY_AFTERS: u32 = 20;
const BACKOFF_START: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(8);
/// `deleteMessages` takes at most this many ids.
pub(crate) const DELETE_BATCH: usize = 100;

/// Why a call failed, without anything Telegram sent back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// Telegram refused the call (4xx); trying again would not help.
    #[error("telegram refused {method}: {reason}")]
    Refused {
        method: &'static str,
        reason: String,
    },
    /// Telegram could not be reached or kept failing.
    #[error("telegram did not answer {method} after {attempts} attempts: {reason}")]
    Unavailable {
        method: &'static str,
        attempts: u32,
        reason: String,
    },
    /// The token is wrong.
    #[error("telegram does not accept the bot token")]
    InvalidToken,
    /// Another process polls with the same token.
    #[error("another process is receiving this bot's updates")]
    Conflict,
}

/// The allowed update kinds: private messages, their edits, button presses, and being
/// added to or removed from chats (to leave groups). Channel posts are not asked for, so
/// their content never reaches the bot.
pub(crate) const ALLOWED_UPDATES: [AllowedUpdate; 4] = [
    AllowedUpdate::Message,
    AllowedUpdate::EditedMessage,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MyChatMember,
];

/// What came of deleting one batch of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deletion {
    /// Telegram deleted what it could of the batch.
    Done,
    /// Telegram refused: nothing in the batch could be deleted (gone, never there, or
    /// older than 48 hours).
    NothingThere,
    /// Telegram could not be reached or kept failing: messages may be left.
    Failed,
}

/// The two texts of the bot's profile the Bot API can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProfileField {
    /// Shown in an empty chat, before the person presses Start (up to 512 characters).
    Description,
    /// Shown on the bot's profile page and when it is shared (up to 120 characters).
    Short,
}

/// What `getChatMember` says of someone, and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Membership {
    pub present: bool,
    /// May open and delete the cases' topics: an administrator with the rights to manage
    /// topics and to delete messages (deleting a topic others wrote in needs the second).
    pub runs_cases: bool,
}

/// The Bot API client the adapter uses.
pub(crate) struct Api {
    bot: Bot,
    limiter: Limiter,
}

// Written by hand: teloxide's `Bot` holds the token, and its `Debug` would print it.
impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("limiter", &self.limiter)
            .finish_non_exhaustive()
    }
}

impl Api {
    pub(crate) fn new(bot: Bot, limits: Limits, clock: Arc<dyn Clock>) -> Self {
        Api {
            bot,
            limiter: Limiter::new(limits, clock),
        }
    }

    pub(crate) async fn get_me(&self) -> Result<Me, CallError> {
        self.call("getMe", Pace::Unpaced, self.bot.get_me()).await
    }

    pub(crate) async fn get_webhook_info(&self) -> Result<WebhookInfo, CallError> {
        self.call("getWebhookInfo", Pace::Unpaced, self.bot.get_webhook_info())
            .await
    }

    /// Removes a webhook, keeping pending updates.
    pub(crate) async fn delete_webhook(&self) -> Result<(), CallError> {
        self.call("deleteWebhook", Pace::Unpaced, self.bot.delete_webhook())
            .await
            .map(drop)
    }

    pub(crate) async fn set_webhook(&self, url: url::Url, secret: &str) -> Result<(), CallError> {
        let request = self
            .bot
            .set_webhook(url)
            .secret_token(secret.to_string())
            .allowed_updates(ALLOWED_UPDATES);
        self.call("setWebhook", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// The bot's commands for one language (`None`: everyone else), in private chats.
    pub(crate) async fn set_my_commands(
        &self,
        commands: Vec<BotCommand>,
        language: Option<&str>,
    ) -> Result<(), CallError> {
        let mut request = self
            .bot
            .set_my_commands(commands)
            .scope(BotCommandScope::AllPrivateChats);
        if let Some(language) = language {
            request = request.language_code(language.to_string());
        }
        self.call("setMyCommands", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// One long poll, not retried here: the polling loop decides what to do next.
    ///
    /// The answer is read by hand rather than by teloxide, which reads a batch as a
    /// whole: one update without a readable `update_id`, or nested deeper than
    /// serde_json's recursion limit, would make every poll fail alike, and the bot would
    /// never receive another update. Here each update is read on its own ([`read`]); the
    /// ones that cannot be read are counted and, through the batch's newest id,
    /// confirmed with the rest.
    pub(crate) async fn get_updates(
        &self,
        offset: Option<i32>,
        timeout: u32,
    ) -> Result<Batch, CallError> {
        let failed = |e: RequestError| classify("getUpdates", &e, 1);
        let mut url = self.bot.api_url();
        match url.path_segments_mut() {
            Ok(mut path) => {
                path.push(&format!("bot{}", self.bot.token()));
                path.push("getUpdates");
            }
            Err(()) => {
                return Err(CallError::Refused {
                    method: "getUpdates",
                    reason: "the Bot API address cannot take a path".into(),
                });
            }
        }
        let mut body = serde_json::json!({
            "timeout": timeout,
            "allowed_updates": ALLOWED_UPDATES,
        });
        if let Some(offset) = offset {
            body["offset"] = offset.into();
        }
        // teloxide's client: its timeouts, and its proxy from `TELOXIDE_PROXY`.
        let response = self
            .bot
            .client()
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            // Converted by teloxide, which takes the token out of the error's address.
            .map_err(|e| failed(RequestError::from(e)))?;
        let text = response
            .text()
            .await
            .map_err(|e| failed(RequestError::from(e)))?;
        Batch::read(&text).map_err(failed)
    }

    /// Sends one message and returns its id.
    pub(crate) async fn send(&self, chat: i64, message: &Outgoing) -> Result<i32, CallError> {
        self.send_message(chat, None, message).await
    }

    /// Deletes one batch of at most [`DELETE_BATCH`] ids.
    pub(crate) async fn delete_batch(&self, chat: i64, batch: &[i32]) -> Deletion {
        let request = self
            .bot
            .delete_messages(ChatId(chat), batch.iter().map(|&id| MessageId(id)));
        match self.call("deleteMessages", Pace::Unpaced, request).await {
            Ok(_) => Deletion::Done,
            // Nothing in the batch could be deleted any more: nothing left to do.
            Err(CallError::Refused { .. }) => Deletion::NothingThere,
            Err(e) => {
                tracing::warn!(error = %e, "messages could not be deleted");
                Deletion::Failed
            }
        }
    }

    pub(crate) async fn delete_message(&self, chat: i64, id: i32) -> Result<(), CallError> {
        let request = self.bot.delete_message(ChatId(chat), MessageId(id));
        self.call("deleteMessage", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// Answers a button press, so the person's app stops waiting.
    /// Answers a button press, with a short text shown over the chat if `text`.
    pub(crate) async fn answer_callback(
        &self,
        id: String,
        text: Option<String>,
    ) -> Result<(), CallError> {
        let mut request = self.bot.answer_callback_query(CallbackQueryId(id));
        if let Some(text) = text {
            request = request.text(text);
        }
        self.call("answerCallbackQuery", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// Sends one message into a topic of a forum supergroup (`topic: None`, its general
    /// topic) and returns its id.
    pub(crate) async fn send_to_topic(
        &self,
        chat: i64,
        topic: Option<i32>,
        message: &Outgoing,
    ) -> Result<i32, CallError> {
        self.send_message(chat, topic, message).await
    }

    /// `sendMessage` as every message goes out: HTML, no link previews, protected when
    /// asked, with its keyboard, into a topic when one is given.
    async fn send_message(
        &self,
        chat: i64,
        topic: Option<i32>,
        message: &Outgoing,
    ) -> Result<i32, CallError> {
        let mut request = self
            .bot
            .send_message(ChatId(chat), message.html.clone())
            .parse_mode(ParseMode::Html)
            .link_preview_options(NO_LINK_PREVIEW);
        if let Some(topic) = topic {
            request = request.message_thread_id(ThreadId(MessageId(topic)));
        }
        if message.protect_content {
            request = request.protect_content(true);
        }
        if let Some(keyboard) = &message.keyboard {
            request = request.reply_markup(keyboard.clone());
        }
        let sent = self.call("sendMessage", Pace::Chat(chat), request).await?;
        Ok(sent.id.0)
    }

    /// Replaces the text (and keyboard) of a message the bot sent; Telegram refuses once
    /// the message is gone.
    pub(crate) async fn edit_text(
        &self,
        chat: i64,
        id: i32,
        message: &Outgoing,
    ) -> Result<(), CallError> {
        let mut request = self
            .bot
            .edit_message_text(ChatId(chat), MessageId(id), message.html.clone())
            .parse_mode(ParseMode::Html)
            .link_preview_options(NO_LINK_PREVIEW);
        if let Some(keyboard) = &message.keyboard {
            request = request.reply_markup(keyboard.clone());
        }
        self.call("editMessageText", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// Creates a topic in a forum supergroup and returns its thread id.
    pub(crate) async fn create_topic(&self, chat: i64, name: &str) -> Result<i32, CallError> {
        let request = self.bot.create_forum_topic(ChatId(chat), name);
        let topic = self
            .call("createForumTopic", Pace::Unpaced, request)
            .await?;
        Ok(topic.thread_id.0.0)
    }

    /// Deletes a topic and every message in it.
    pub(crate) async fn delete_topic(&self, chat: i64, topic: i32) -> Result<(), CallError> {
        let request = self
            .bot
            .delete_forum_topic(ChatId(chat), ThreadId(MessageId(topic)));
        self.call("deleteForumTopic", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// Whether `user` is in `chat` now, and (for an administrator) whether they may
    /// manage topics.
    pub(crate) async fn membership(&self, chat: i64, user: u64) -> Result<Membership, CallError> {
        use teloxide::types::{ChatMemberKind, UserId};
        let request = self.bot.get_chat_member(ChatId(chat), UserId(user));
        let member = self.call("getChatMember", Pace::Unpaced, request).await?;
        Ok(Membership {
            present: member.kind.is_present(),
            runs_cases: match &member.kind {
                ChatMemberKind::Owner(_) => true,
                ChatMemberKind::Administrator(admin) => {
                    admin.can_manage_topics && admin.can_delete_messages
                }
                _ => false,
            },
        })
    }

    pub(crate) async fn leave_chat(&self, chat: i64) -> Result<(), CallError> {
        let request = self.bot.leave_chat(Recipient::Id(ChatId(chat)));
        self.call("leaveChat", Pace::Unpaced, request)
            .await
            .map(drop)
    }

    /// The bot's description (`Description`) or short description (`Short`) in one
    /// language (`None`: everyone without a language of their own).
    pub(crate) async fn profile_text(
        &self,
        field: ProfileField,
        language: Option<&str>,
    ) -> Result<String, CallError> {
        match field {
            ProfileField::Description => {
                let mut request = self.bot.get_my_description();
                if let Some(code) = language {
                    request = request.language_code(code);
                }
                self.call("getMyDescription", Pace::NeverWaitOut, request)
                    .await
                    .map(|d| d.description)
            }
            ProfileField::Short => {
                let mut request = self.bot.get_my_short_description();
                if let Some(code) = language {
                    request = request.language_code(code);
                }
                self.call("getMyShortDescription", Pace::NeverWaitOut, request)
                    .await
                    .map(|d| d.short_description)
            }
        }
    }

    /// Sets the bot's description or short description in one language (`None`: the
    /// default one).
    pub(crate) async fn set_profile_text(
        &self,
        field: ProfileField,
        text: &str,
        language: Option<&str>,
    ) -> Result<(), CallError> {
        match field {
            ProfileField::Description => {
                let mut request = self.bot.set_my_description().description(text);
                if let Some(code) = language {
                    request = request.language_code(code);
                }
                self.call("setMyDescription", Pace::NeverWaitOut, request)
                    .await
                    .map(drop)
            }
            ProfileField::Short => {
                let mut request = self.bot.set_my_short_description().short_description(text);
                if let Some(code) = language {
                    request = request.language_code(code);
                }
                self.call("setMyShortDescription", Pace::NeverWaitOut, request)
                    .await
                    .map(drop)
            }
        }
    }

    /// The Bot API server's clock, from the `Date` header of a `getMe` answer (`None`
    /// when the answer has none), for `signpost doctor`'s clock check. One attempt.
    pub(crate) async fn server_time(&self) -> Result<Option<jiff::Timestamp>, CallError> {
        let failed = |e: RequestError| classify("getMe", &e, 1);
        let mut url = self.bot.api_url();
        match url.path_segments_mut() {
            Ok(mut path) => {
                path.push(&format!("bot{}", self.bot.token()));
                path.push("getMe");
            }
            Err(()) => {
                return Err(CallError::Refused {
                    method: "getMe",
                    reason: "the Bot API address cannot take a path".into(),
                });
            }
        }
        let response = self
            .bot
            .client()
            .post(url)
            .send()
            .await
            .map_err(|e| failed(RequestError::from(e)))?;
        let date = response
            .headers()
            .get("date")
            .and_then(|value| value.to_str().ok())
            .and_then(|text| jiff::fmt::rfc2822::parse(text).ok())
            .map(|zoned| zoned.timestamp());
        Ok(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::ApiError;

    #[test]
    fn the_debug_form_holds_no_token() {
        let api = Api::new(
            Bot::new("123456:SECRET-token-value"),
            Limits::default(),
            std::sync::Arc::new(crate::telegram::ops::clock::SystemClock),
        );
        let shown = format!("{api:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
    }

    #[test]
    fn a_description_never_quotes_a_response() {
        let source = match serde_json::from_str::<serde_json::Value>("{") {
            Err(e) => std::sync::Arc::new(e),
            Ok(_) => return,
        };
        let error = RequestError::InvalidJson {
            source,
            raw: r#"{"first_name":"Canary"}"#.into(),
        };
        assert!(!describe(&error).contains("Canary"));
        assert!(is_transient(&error));
    }

    fn batch(text: &str) -> Batch {
        match Batch::read(text) {
            Ok(batch) => batch,
            Err(e) => panic!("not read: {}", describe(&e)),
        }
    }

    #[test]
    fn one_unreadable_update_does_not_spoil_its_batch() {
        let message = |id: u32| {
            format!(
                r#"{{"update_id": {id}, "message": {{"message_id": 1, "date": 1, "text": "hi",
                "chat": {{"id": 1, "type": "private", "first_name": "A"}}}}}}"#
            )
        };
        let deep = format!(
            r#"{{"update_id": 13, "message": {{"x": {}{}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let text = format!(
            r#"{{"ok": true, "result": [{}, {{"update_id": "x"}}, 42, {deep}, {}, {{"update_id": 11, "poll": {{}}}}]}}"#,
            message(10),
            message(12)
        );
        let read = batch(&text);
        let ids: Vec<u32> = read.updates.iter().map(|u| u.id.0).collect();
        assert_eq!(ids, [10, 12, 11]);
        assert_eq!(read.newest, Some(13));
        assert_eq!((read.unreadable, read.without_id), (3, 2));
        assert_eq!(batch(r#"{"ok": true, "result": []}"#).newest, None);
    }

    #[test]
    fn a_poll_that_fails_is_classified_as_before() {
        let failure = |text: &str| match Batch::read(text) {
            Ok(_) => panic!("read as a batch: {text}"),
            Err(e) => classify("getUpdates", &e, 1),
        };
        assert_eq!(
            failure(r#"{"ok": false, "error_code": 401, "description": "Unauthorized"}"#),
            CallError::InvalidToken
        );
        assert_eq!(
            failure(
                r#"{"ok": false, "error_code": 409, "description": "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}"#
            ),
            CallError::Conflict
        );
        assert!(matches!(
            failure(
                r#"{"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3", "parameters": {"retry_after": 3}}"#
            ),
            CallError::Unavailable { .. }
        ));
        assert!(matches!(
            failure("<html><h1>502 Bad Gateway</h1></html>"),
            CallError::Unavailable { .. }
        ));
    }

    #[test]
    fn server_errors_are_retried_and_refusals_are_not() {
        let server = RequestError::Api(ApiError::Unknown("Internal Server Error".into()));
        assert!(is_transient(&server));
        let refused = RequestError::Api(ApiError::MessageIsTooLong);
        assert!(!is_transient(&refused));
        assert!(matches!(
            classify("sendMessage", &refused, 1),
            CallError::Refused { .. }
        ));
        assert_eq!(
            classify("getMe", &RequestError::Api(ApiError::InvalidToken), 1),
            CallError::InvalidToken
        );
    }
}
