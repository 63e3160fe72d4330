//! The fake Bot API checked against teloxide's own client: if these pass, what the bot
//! meets in the other end-to-end tests is what teloxide meets on the real server.

use std::time::Duration;

use teloxide::ApiError;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, CallbackQueryId, ChatKind, ChatMemberKind, InlineKeyboardButton,
    InlineKeyboardMarkup, MaybeInaccessibleMessage, MediaKind, MessageId, MessageKind, ParseMode,
    PublicChatKind, ThreadId, UpdateKind, UserId,
};

use crate::support::fake_api::{
    BOT_ID, BOT_USERNAME, BotRights, FakeApi, FaultKind, GroupLimit, Kind, Role, TOKEN, User, html,
};
use crate::support::staff::Staff;

fn bot(fake: &FakeApi) -> Bot {
    bot_with_token(fake, TOKEN)
}

fn bot_with_token(fake: &FakeApi, token: &str) -> Bot {
    let client = match teloxide::net::default_reqwest_settings().no_proxy().build() {
        Ok(c) => c,
        Err(e) => panic!("no HTTP client: {e}"),
    };
    let url = match fake.url().parse() {
        Ok(u) => u,
        Err(e) => panic!("bad fake URL: {e}"),
    };
    Bot::with_client(token, client).set_api_url(url)
}

fn ana() -> User {
    User::new(555_001, "Ana").username("ana_x").language("sv")
}

async fn raw_post(fake: &FakeApi, path: &str, content_type: &str, body: &str) -> (u16, String) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("no HTTP client: {e}"));
    let response = client
        .post(format!("{}{path}", fake.url()))
        .header("content-type", content_type)
        .body(body.to_string())
        .send()
        .await
        .unwrap_or_else(|e| panic!("request to the fake failed: {e}"));
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    (status, text)
}

async fn updates(bot: &Bot, offset: i32) -> Vec<Update> {
    match bot.get_updates().offset(offset).timeout(0).await {
        Ok(u) => u,
        Err(e) => panic!("getUpdates failed: {e:?}"),
    }
}

#[test]
fn html_escapes_and_tags_become_plain_text() {
    assert_eq!(
        html::parse("<b>a &lt; b</b> &amp; c &gt; d &#65;&#x42;").as_deref(),
        Ok("a < b & c > d AB")
    );
}

#[test]
fn html_that_telegram_would_refuse_is_refused() {
    for bad in [
        "a < b",
        "a & b",
        "a > b",
        "<script>x</script>",
        "<b>x</i>",
        "<b>x",
    ] {
        assert!(html::parse(bad).is_err(), "{bad}");
    }
}

#[tokio::test]
async fn get_me_is_complete_for_teloxide() {
    let fake = FakeApi::start().await;
    let me = bot(&fake).get_me().await;
    let me = me.unwrap_or_else(|e| panic!("getMe failed: {e:?}"));
    assert_eq!(me.username(), BOT_USERNAME);
    assert!(me.is_bot);
    assert!(!me.can_read_all_group_messages);
    let info = bot(&fake).get_webhook_info().await;
    let info = info.unwrap_or_else(|e| panic!("getWebhookInfo failed: {e:?}"));
    assert!(info.url.is_none());
}

#[tokio::test]
async fn method_names_are_case_insensitive_and_unknown_ones_are_404() {
    let fake = FakeApi::start().await;
    for name in ["getMe", "GetMe", "GETME", "getme"] {
        let (status, body) = raw_post(
            &fake,
            &format!("/bot{TOKEN}/{name}"),
            "application/json",
            "{}",
        )
        .await;
        assert_eq!(status, 200, "{name}: {body}");
        assert!(body.contains("\"ok\":true"), "{body}");
    }
    let (status, body) = raw_post(
        &fake,
        &format!("/bot{TOKEN}/sendTelepathy"),
        "application/json",
        "{}",
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        r#"{"description":"Not Found","error_code":404,"ok":false}"#
    );
    let calls = fake.calls("getMe");
    assert_eq!(calls.len(), 4);
    assert_eq!(calls[1].requested_as, "GetMe");
}

#[tokio::test]
async fn a_wrong_token_is_401() {
    let fake = FakeApi::start().await;
    let result = bot_with_token(&fake, "42:wrong").get_me().await;
    assert!(
        matches!(result, Err(RequestError::Api(ApiError::InvalidToken))),
        "{result:?}"
    );
    let (status, _) = raw_post(&fake, "/bot42:wrong/getMe", "application/json", "{}").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn messages_keep_per_chat_ids_and_html_is_parsed_strictly() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    let other = User::new(555_002, "Bo");
    assert_eq!(fake.send_text(&ana, "/start"), 1);
    assert_eq!(fake.send_text(&other, "hej"), 1);

    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Go", "g:1")]]);
    let sent = bot
        .send_message(ChatId(ana.id), "<b>a &lt; b</b> &amp; c")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard)
        .protect_content(true)
        .await
        .unwrap_or_else(|e| panic!("sendMessage failed: {e:?}"));
    assert_eq!(sent.id, MessageId(2));
    assert_eq!(sent.text(), Some("a < b & c"));
    assert!(sent.has_protected_content());

    let chat = fake.chat(ana.id);
    assert_eq!(chat.len(), 2);
    assert_eq!(chat[1].text(), "a < b & c");
    assert_eq!(chat[1].labels(), ["Go"]);
    assert_eq!(chat[1].data_of("Go"), Some("g:1"));
    assert!(chat[1].protect_content);

    let unescaped = bot
        .send_message(ChatId(ana.id), "1 < 2")
        .parse_mode(ParseMode::Html)
        .await;
    assert!(
        matches!(
            &unescaped,
            Err(RequestError::Api(ApiError::CantParseEntities(_)))
        ),
        "{unescaped:?}"
    );
    let plain = bot.send_message(ChatId(ana.id), "1 < 2").await;
    assert!(plain.is_ok(), "{plain:?}");
}

#[tokio::test]
async fn telegram_limits_are_real_400_errors() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start");

    let fits = "é".repeat(4096);
    assert!(bot.send_message(ChatId(ana.id), fits).await.is_ok());
    let too_long = bot.send_message(ChatId(ana.id), "é".repeat(4097)).await;
    assert!(
        matches!(too_long, Err(RequestError::Api(ApiError::MessageIsTooLong))),
        "{too_long:?}"
    );
    // Characters outside the BMP count twice, as in UTF-16.
    let emoji = bot.send_message(ChatId(ana.id), "🙂".repeat(2049)).await;
    assert!(
        matches!(emoji, Err(RequestError::Api(ApiError::MessageIsTooLong))),
        "{emoji:?}"
    );
    let empty = bot.send_message(ChatId(ana.id), " ").await;
    assert!(
        matches!(empty, Err(RequestError::Api(ApiError::MessageTextIsEmpty))),
        "{empty:?}"
    );

    let data_64 = "x".repeat(64);
    let ok = bot
        .send_message(ChatId(ana.id), "ok")
        .reply_markup(InlineKeyboardMarkup::new([[
            InlineKeyboardButton::callback("a", data_64),
        ]]))
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    let data_65 = "å".repeat(33);
    let too_big = bot
        .send_message(ChatId(ana.id), "no")
        .reply_markup(InlineKeyboardMarkup::new([[
            InlineKeyboardButton::callback("a", data_65),
        ]]))
        .await;
    assert!(
        matches!(too_big, Err(RequestError::Api(ApiError::ButtonDataInvalid))),
        "{too_big:?}"
    );

    let nowhere = bot.send_message(ChatId(999), "hello").await;
    assert!(
        matches!(nowhere, Err(RequestError::Api(ApiError::ChatNotFound))),
        "{nowhere:?}"
    );
    fake.block(&ana);
    let blocked = bot.send_message(ChatId(ana.id), "hello").await;
    assert!(
        matches!(blocked, Err(RequestError::Api(ApiError::BotBlocked))),
        "{blocked:?}"
    );
}

#[tokio::test]
async fn deletion_follows_the_48_hour_window() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    let old = fake.send_text(&ana, "old");
    fake.advance(Duration::from_secs(49 * 3600));
    let recent = fake.send_text(&ana, "recent");
    let mine = bot
        .send_message(ChatId(ana.id), "reply")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .id;
    fake.advance(Duration::from_secs(47 * 3600));

    let too_old = bot.delete_message(ChatId(ana.id), MessageId(old)).await;
    assert!(too_old.is_err(), "{too_old:?}");
    let user_message = bot.delete_message(ChatId(ana.id), MessageId(recent)).await;
    assert!(user_message.is_ok(), "{user_message:?}");
    let again = bot.delete_message(ChatId(ana.id), MessageId(recent)).await;
    assert!(
        matches!(
            again,
            Err(RequestError::Api(ApiError::MessageToDeleteNotFound))
        ),
        "{again:?}"
    );
    // deleteMessages skips what it cannot delete.
    let many = bot
        .delete_messages(ChatId(ana.id), [MessageId(old), mine, MessageId(77)])
        .await;
    assert!(many.is_ok(), "{many:?}");
    let texts: Vec<String> = fake
        .chat(ana.id)
        .iter()
        .map(|m| m.text().to_string())
        .collect();
    assert_eq!(texts, ["old"]);
    let none = bot.delete_messages(ChatId(ana.id), [MessageId(old)]).await;
    assert!(none.is_err(), "{none:?}");
    let too_many = bot
        .delete_messages(ChatId(ana.id), (1..=101).map(MessageId))
        .await;
    assert!(too_many.is_err(), "{too_many:?}");
}

#[tokio::test]
async fn get_updates_confirms_by_offset_and_limits_to_100() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    for i in 0..150 {
        fake.send_text(&ana, &format!("m{i}"));
    }
    let first = updates(&bot, 0).await;
    assert_eq!(first.len(), 100);
    // Without a new offset the same updates come again.
    let again = updates(&bot, 0).await;
    assert_eq!(again[0].id, first[0].id);
    let next = first[99].id.0 as i32 + 1;
    let rest = updates(&bot, next).await;
    assert_eq!(rest.len(), 50);
    assert_eq!(rest[0].id.0, first[99].id.0 + 1);
    let limited = bot
        .get_updates()
        .offset(next)
        .limit(3)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(limited.len(), 3);
    let last = rest[49].id.0 as i32 + 1;
    assert!(updates(&bot, last).await.is_empty());
    assert_eq!(fake.pending_updates(), 0);
}

#[tokio::test]
async fn a_long_poll_returns_when_an_update_arrives() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let poll = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(15).await }
    });
    fake.wait_for("the long poll to start", |s| {
        (s.poll_generation > 0).then_some(())
    })
    .await;
    fake.send_text(&ana(), "hello");
    let got = poll
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(got.len(), 1);
}

#[tokio::test]
async fn a_second_poller_ends_the_first_with_409() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let first = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(20).await }
    });
    fake.wait_for("the first poll", |s| (s.poll_generation > 0).then_some(()))
        .await;
    let second = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(20).await }
    });
    let first = first.await.unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(
            first,
            Err(RequestError::Api(ApiError::TerminatedByOtherGetUpdates))
        ),
        "{first:?}"
    );
    fake.send_text(&ana(), "hi");
    let second = second.await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(second.map(|u| u.len()).ok(), Some(1));
}

#[tokio::test]
async fn every_kind_of_update_parses_in_teloxide() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start buyer_sv");
    let photo = fake.send_media(&ana, Kind::Photo, Some("look"));
    fake.send_media(&ana, Kind::Sticker, None);
    fake.send_media(&ana, Kind::Voice, None);
    fake.send_media(&ana, Kind::Document, None);
    fake.send_media(&ana, Kind::Location, None);
    fake.send_media(&ana, Kind::Contact, None);
    fake.edit_text(&ana, photo, "edited");
    let sent = bot
        .send_message(ChatId(ana.id), "menu")
        .reply_markup(InlineKeyboardMarkup::new([[
            InlineKeyboardButton::callback("A", "a"),
        ]]))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let query = fake.press(&ana, sent.id.0, "a");
    fake.add_to_group(&ana, -100_200);
    fake.group_text(&ana, -100_200, "hello group");
    fake.channel_post(-100_300, "news");

    let got = updates(&bot, 0).await;
    assert_eq!(got.len(), 12);
    for u in &got {
        assert!(!matches!(u.kind, UpdateKind::Error(_)), "unparsed: {u:?}");
    }
    let UpdateKind::Message(start) = &got[0].kind else {
        panic!("{:?}", got[0]);
    };
    assert_eq!(start.text(), Some("/start buyer_sv"));
    assert!(matches!(start.chat.kind, ChatKind::Private(_)));
    let UpdateKind::Message(photo) = &got[1].kind else {
        panic!("{:?}", got[1]);
    };
    assert!(matches!(
        photo.kind,
        MessageKind::Common(ref c) if matches!(c.media_kind, MediaKind::Photo(_))
    ));
    assert!(matches!(got[7].kind, UpdateKind::EditedMessage(_)));
    let UpdateKind::CallbackQuery(q) = &got[8].kind else {
        panic!("{:?}", got[8]);
    };
    assert_eq!(q.data.as_deref(), Some("a"));
    assert!(!q.chat_instance.contains(&ana.id.to_string()));
    assert!(matches!(
        q.message,
        Some(MaybeInaccessibleMessage::Regular(_))
    ));
    assert!(matches!(got[9].kind, UpdateKind::MyChatMember(_)));
    assert!(matches!(got[11].kind, UpdateKind::ChannelPost(_)));

    let answered = bot
        .answer_callback_query(CallbackQueryId(query.clone()))
        .await;
    assert!(answered.is_ok(), "{answered:?}");
    assert!(fake.answered(&query));
    let twice = bot.answer_callback_query(CallbackQueryId(query)).await;
    assert!(
        matches!(twice, Err(RequestError::Api(ApiError::InvalidQueryId))),
        "{twice:?}"
    );

    // A press on a deleted message carries an inaccessible message.
    assert!(bot.delete_message(ChatId(ana.id), sent.id).await.is_ok());
    fake.press(&ana, sent.id.0, "a");
    let next = got[11].id.0 as i32 + 1;
    let later = updates(&bot, next).await;
    let UpdateKind::CallbackQuery(q) = &later[0].kind else {
        panic!("{:?}", later[0]);
    };
    assert!(matches!(
        q.message,
        Some(MaybeInaccessibleMessage::Inaccessible(_))
    ));

    assert!(bot.leave_chat(ChatId(-100_200)).await.is_ok());
    let after = bot.send_message(ChatId(-100_200), "still here?").await;
    assert!(after.is_err());
}

#[tokio::test]
async fn allowed_updates_filter_what_is_delivered() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.add_to_group(&ana, -100_200);
    fake.send_text(&ana, "hi");
    let got = bot
        .get_updates()
        .allowed_updates([teloxide::types::AllowedUpdate::Message])
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(got.len(), 1);
    assert!(matches!(got[0].kind, UpdateKind::Message(_)));
}

#[tokio::test]
async fn commands_are_kept_per_scope_and_language() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let sv = [
        BotCommand::new("start", "Börja om"),
        BotCommand::new("exit", "Snabbutgång"),
    ];
    let set = bot
        .set_my_commands(sv)
        .scope(BotCommandScope::AllPrivateChats)
        .language_code("sv")
        .await;
    assert!(set.is_ok(), "{set:?}");
    assert_eq!(
        fake.commands("all_private_chats", "sv"),
        [
            ("start".to_string(), "Börja om".to_string()),
            ("exit".to_string(), "Snabbutgång".to_string())
        ]
    );
    let bad = bot.set_my_commands([BotCommand::new("Start!", "x")]).await;
    assert!(bad.is_err(), "{bad:?}");
    let got = bot
        .get_my_commands()
        .scope(BotCommandScope::AllPrivateChats)
        .language_code("sv")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(got.len(), 2);
}

#[tokio::test]
async fn the_profile_texts_are_kept_per_language_within_their_limits() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let set = bot
        .set_my_description()
        .description("Stöd och råd")
        .language_code("sv")
        .await;
    assert!(set.is_ok(), "{set:?}");
    let set = bot
        .set_my_short_description()
        .short_description("Råd")
        .await;
    assert!(set.is_ok(), "{set:?}");
    let sv = bot
        .get_my_description()
        .language_code("sv")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(sv.description, "Stöd och råd");
    // Nothing set for English, and no falling back to another language's text.
    let en = bot
        .get_my_description()
        .language_code("en")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(en.description, "");
    let short = bot
        .get_my_short_description()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(short.short_description, "Råd");
    let long = bot
        .set_my_short_description()
        .short_description("x".repeat(121))
        .await;
    assert!(long.is_err(), "{long:?}");
    let bad = bot
        .set_my_description()
        .description("x")
        .language_code("swe")
        .await;
    assert!(bad.is_err(), "{bad:?}");
    // An empty text removes the language's own.
    let cleared = bot
        .set_my_description()
        .description("")
        .language_code("sv")
        .await;
    assert!(cleared.is_ok(), "{cleared:?}");
    assert_eq!(fake.profile("description", "sv"), None);
}

#[tokio::test]
async fn edits_are_checked_like_the_real_server() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    let theirs = fake.send_text(&ana, "hi");
    let mine = bot
        .send_message(ChatId(ana.id), "menu")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .id;
    let edited = bot.edit_message_text(ChatId(ana.id), mine, "menu 2").await;
    assert!(edited.is_ok(), "{edited:?}");
    let same = bot.edit_message_text(ChatId(ana.id), mine, "menu 2").await;
    assert!(
        matches!(same, Err(RequestError::Api(ApiError::MessageNotModified))),
        "{same:?}"
    );
    let not_mine = bot
        .edit_message_text(ChatId(ana.id), MessageId(theirs), "x")
        .await;
    assert!(
        matches!(
            not_mine,
            Err(RequestError::Api(ApiError::MessageCantBeEdited))
        ),
        "{not_mine:?}"
    );
    let markup = bot
        .edit_message_reply_markup(ChatId(ana.id), mine)
        .reply_markup(InlineKeyboardMarkup::new([[
            InlineKeyboardButton::callback("B", "b"),
        ]]))
        .await;
    assert!(markup.is_ok(), "{markup:?}");
    assert_eq!(fake.bot_messages(ana.id)[0].labels(), ["B"]);
    assert_eq!(fake.bot_messages(ana.id)[0].text(), "menu 2");
}

#[tokio::test]
async fn injected_faults_look_like_telegram_faults() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "hi");
    fake.fail(
        Some("sendMessage"),
        FaultKind::TooManyRequests { retry_after: 3 },
        1,
    );
    let limited = bot.send_message(ChatId(ana.id), "x").await;
    assert!(
        matches!(limited, Err(RequestError::RetryAfter(s)) if s.seconds() == 3),
        "{limited:?}"
    );
    assert!(bot.send_message(ChatId(ana.id), "x").await.is_ok());

    // 5xx are checked over raw HTTP: teloxide waits ten seconds after each one.
    fake.fail(
        Some("sendMessage"),
        FaultKind::ServerError { status: 500 },
        1,
    );
    let body = format!(r#"{{"chat_id":{},"text":"x"}}"#, ana.id);
    let (status, text) = raw_post(
        &fake,
        &format!("/bot{TOKEN}/sendMessage"),
        "application/json",
        &body,
    )
    .await;
    assert_eq!(status, 500);
    assert!(text.contains("\"error_code\":500"), "{text}");
    fake.fail(None, FaultKind::BadGatewayHtml, 1);
    let (status, text) = raw_post(
        &fake,
        &format!("/bot{TOKEN}/sendMessage"),
        "application/json",
        &body,
    )
    .await;
    assert_eq!(status, 502);
    assert!(text.starts_with("<html>"), "{text}");
    let (status, _) = raw_post(
        &fake,
        &format!("/bot{TOKEN}/sendMessage"),
        "application/json",
        &body,
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn form_bodies_work_like_json() {
    let fake = FakeApi::start().await;
    let ana = ana();
    fake.send_text(&ana, "hi");
    let markup = r#"{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]}"#;
    let body = format!(
        "chat_id={}&text=a+%26+b&reply_markup={}",
        ana.id,
        markup
            .replace('%', "%25")
            .replace('&', "%26")
            .replace('"', "%22")
            .replace('{', "%7B")
            .replace('}', "%7D")
    );
    let (status, text) = raw_post(
        &fake,
        &format!("/bot{TOKEN}/sendMessage"),
        "application/x-www-form-urlencoded",
        &body,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let last = &fake.bot_messages(ana.id)[0];
    assert_eq!(last.text(), "a & b");
    assert_eq!(last.data_of("A"), Some("a"));
}

#[tokio::test]
async fn a_webhook_gets_updates_with_the_secret_and_blocks_polling() {
    use axum::http::HeaderMap;
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel::<(Option<String>, String)>();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let seen_tx = seen_tx.clone();
            async move {
                let secret = headers
                    .get("x-telegram-bot-api-secret-token")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let _ = seen_tx.send((secret, body));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("{e}"))
        .port();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let url = format!("http://127.0.0.1:{port}/hook")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let set = bot
        .set_webhook(url)
        .secret_token("s3cret_-token".to_string())
        .await;
    assert!(set.is_ok(), "{set:?}");
    let polled = bot.get_updates().await;
    assert!(polled.is_err(), "{polled:?}");

    fake.send_text(&ana(), "via hook");
    let (secret, body) = seen_rx
        .recv()
        .await
        .unwrap_or_else(|| panic!("no delivery"));
    assert_eq!(secret.as_deref(), Some("s3cret_-token"));
    let update: Update = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert!(matches!(update.kind, UpdateKind::Message(_)));
    fake.wait_for("the delivered update to leave the queue", |s| {
        s.updates.is_empty().then_some(())
    })
    .await;

    assert!(bot.delete_webhook().await.is_ok());
    assert!(bot.get_updates().await.is_ok());
}

// ---- Forum supergroups: topics, rights, the per-group limit ----

const GROUP: i64 = -100_777_000_111;

fn eva() -> User {
    User::new(880_001, "Eva").username("eva_staff")
}

/// The error text Telegram gave, for a call expected to fail.
fn refusal<T: std::fmt::Debug>(result: Result<T, RequestError>) -> String {
    match result {
        Err(RequestError::Api(ApiError::Unknown(text))) => text,
        Err(RequestError::Api(e)) => format!("{e:?}"),
        other => panic!("expected Telegram to refuse, got {other:?}"),
    }
}

fn thread(id: i32) -> ThreadId {
    ThreadId(MessageId(id))
}

#[tokio::test]
async fn staff_messages_in_a_forum_arrive_as_telegram_sends_them() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    fake.create_forum(GROUP, "Counsellors", Some(BotRights::admin()));
    let eva = Staff::join(&fake, GROUP, eva());
    let topic = bot
        .create_forum_topic(ChatId(GROUP), "K7Q2 · sv · selling")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    eva.commands("available");
    eva.says_in(topic.thread_id.0.0, "Hej, jag heter Eva");
    eva.sends_in(topic.thread_id.0.0, Kind::Sticker);
    fake.staff_captioned(
        &eva.user,
        GROUP,
        Some(topic.thread_id.0.0),
        Kind::Photo,
        Some("see this"),
    );
    let staff_topic = fake.staff_topic(&eva.user, GROUP, "Notes");

    let got = updates(&bot, 0).await;
    assert_eq!(got.len(), 5);
    let UpdateKind::Message(command) = &got[0].kind else {
        panic!("{:?}", got[0]);
    };
    assert_eq!(command.text(), Some("/available@signpost_test_bot"));
    let ChatKind::Public(public) = &command.chat.kind else {
        panic!("{:?}", command.chat);
    };
    assert!(matches!(
        &public.kind,
        PublicChatKind::Supergroup(s) if s.is_forum
    ));
    let from = command.from.as_ref().unwrap_or_else(|| panic!("no from"));
    assert_eq!(from.id, UserId(880_001));
    assert_eq!(from.first_name, "Eva");
    assert_eq!(from.username.as_deref(), Some("eva_staff"));
    assert_eq!(
        command.thread_id, None,
        "the General topic has no thread id"
    );
    assert!(!command.is_topic_message);
    // The entity covers the command with the bot's name, as in a group.
    let entities = command.entities().unwrap_or_default();
    assert_eq!(entities[0].length, "/available@signpost_test_bot".len());

    let UpdateKind::Message(text) = &got[1].kind else {
        panic!("{:?}", got[1]);
    };
    assert_eq!(text.thread_id, Some(topic.thread_id));
    assert!(text.is_topic_message);
    assert_eq!(text.text(), Some("Hej, jag heter Eva"));
    // A message in a topic answers the topic's service message.
    let root = text
        .reply_to_message()
        .unwrap_or_else(|| panic!("no reply_to_message: {text:?}"));
    let created = root
        .forum_topic_created()
        .unwrap_or_else(|| panic!("not a forum_topic_created: {root:?}"));
    assert_eq!(created.name, "K7Q2 · sv · selling");
    assert_eq!(root.id, topic.thread_id.0);

    let UpdateKind::Message(sticker) = &got[2].kind else {
        panic!("{:?}", got[2]);
    };
    assert!(sticker.sticker().is_some());
    assert_eq!(sticker.thread_id, Some(topic.thread_id));

    let UpdateKind::Message(photo) = &got[3].kind else {
        panic!("{:?}", got[3]);
    };
    assert!(photo.photo().is_some());
    assert_eq!(photo.caption(), Some("see this"));
    assert_eq!(photo.text(), None);
    assert_eq!(photo.thread_id, Some(topic.thread_id));

    let UpdateKind::Message(opened) = &got[4].kind else {
        panic!("{:?}", got[4]);
    };
    assert_eq!(
        opened.forum_topic_created().map(|c| c.name.as_str()),
        Some("Notes")
    );
    assert_eq!(opened.thread_id, Some(thread(staff_topic)));
    assert_eq!(opened.from.as_ref().map(|u| u.id), Some(UserId(880_001)));

    let chat = bot
        .get_chat(ChatId(GROUP))
        .await
        .unwrap_or_else(|e| panic!("getChat failed: {e:?}"));
    assert!(chat.is_supergroup());
    assert_eq!(chat.title(), Some("Counsellors"));
}

#[tokio::test]
async fn topics_are_created_written_into_and_deleted_with_their_messages() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start");
    fake.create_forum(GROUP, "Counsellors", Some(BotRights::admin()));
    let eva = Staff::join(&fake, GROUP, eva());

    let first = bot
        .create_forum_topic(ChatId(GROUP), "  K7Q2 · sv · selling  ")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    // The topic's id is its service message's id, counted per chat.
    assert_eq!(first.thread_id, thread(1));
    assert_eq!(first.name, "K7Q2 · sv · selling");
    let sent = bot
        .send_message(ChatId(GROUP), "Språk: sv")
        .message_thread_id(first.thread_id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(sent.id, MessageId(2));
    assert_eq!(sent.thread_id, Some(first.thread_id));
    assert!(sent.is_topic_message);
    let staff = eva.says_in(1, "Hej!");
    assert_eq!(staff, 3);
    let second = bot
        .create_forum_topic(ChatId(GROUP), "P3X9 · en · buyer")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(second.thread_id, thread(4));
    assert_ne!(second.icon_color, first.icon_color);
    let general = bot
        .send_message(ChatId(GROUP), "Someone is waiting")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(general.thread_id, None);
    assert!(!general.is_topic_message);
    // The private chat keeps its own ids.
    let private = bot
        .send_message(ChatId(ana.id), "hej")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(private.id, MessageId(2));

    // The waits a handover test uses see the same.
    assert_eq!(fake.wait_for_topic(GROUP, "P3X9").await.id, 4);
    let posted = eva.bot_posts_after(0, Some(1)).await;
    assert_eq!(posted.len(), 1);
    let general_posts = eva.bot_posts_after(3, None).await;
    assert_eq!(general_posts[0].text(), "Someone is waiting");
    assert_eq!(fake.wait_for_topic_sends(GROUP, 1, 1).await.len(), 1);

    let in_topic = fake.topic_messages(GROUP, 1);
    let texts: Vec<&str> = in_topic.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["Språk: sv", "Hej!"]);
    assert!(in_topic[0].from_bot && !in_topic[1].from_bot);
    assert_eq!(fake.live_topics(GROUP).len(), 2);

    let deleted = bot.delete_forum_topic(ChatId(GROUP), first.thread_id).await;
    assert!(deleted.is_ok(), "{deleted:?}");
    fake.wait_topic_deleted(GROUP, 1).await;
    assert!(fake.topic_messages(GROUP, 1).is_empty());
    assert!(fake.chat(GROUP).iter().all(|m| m.thread != Some(1)));
    let gone: Vec<i32> = fake.deleted_topics(GROUP).iter().map(|t| t.id).collect();
    assert_eq!(gone, [1]);
    let live: Vec<String> = fake
        .live_topics(GROUP)
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(live, ["P3X9 · en · buyer"]);
    // What the bot sent stays readable for the test, with when it went out.
    let record = fake.bot_sent_to_topic(GROUP, 1);
    assert_eq!(record.len(), 1);
    assert_eq!(record[0].text(), "Språk: sv");
    assert!(record[0].sent_at <= fake.read(|s| s.elapsed()));

    let into_deleted = bot
        .send_message(ChatId(GROUP), "still there?")
        .message_thread_id(first.thread_id)
        .await;
    assert_eq!(
        refusal(into_deleted),
        "Bad Request: message thread not found"
    );
    let again = bot.delete_forum_topic(ChatId(GROUP), first.thread_id).await;
    assert_eq!(refusal(again), "Bad Request: TOPIC_ID_INVALID");
    let never = bot.delete_forum_topic(ChatId(GROUP), thread(99)).await;
    assert_eq!(refusal(never), "Bad Request: TOPIC_ID_INVALID");
    let nonsense = bot.delete_forum_topic(ChatId(GROUP), thread(0)).await;
    assert_eq!(
        refusal(nonsense),
        "Bad Request: invalid message thread identifier specified"
    );
    // Ids go on after the deletion; the next message is 6 (5 was the general one).
    let next = bot
        .send_message(ChatId(GROUP), "next")
        .message_thread_id(second.thread_id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(next.id, MessageId(6));
}

#[tokio::test]
async fn topic_methods_need_a_forum_and_the_rights() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start");

    fake.create_forum(
        GROUP,
        "Counsellors",
        Some(BotRights::without_manage_topics()),
    );
    let no_right = bot.create_forum_topic(ChatId(GROUP), "K7Q2").await;
    assert_eq!(
        refusal(no_right),
        "Bad Request: not enough rights to create a topic"
    );
    fake.set_bot_rights(GROUP, None);
    let member = bot.create_forum_topic(ChatId(GROUP), "K7Q2").await;
    assert_eq!(
        refusal(member),
        "Bad Request: not enough rights to create a topic"
    );
    let private = bot.create_forum_topic(ChatId(ana.id), "K7Q2").await;
    assert_eq!(refusal(private), "Bad Request: the chat is not a forum");
    fake.add_to_group(&ana, -100_200);
    let plain_group = bot.create_forum_topic(ChatId(-100_200), "K7Q2").await;
    assert_eq!(refusal(plain_group), "Bad Request: the chat is not a forum");
    let nowhere = bot.create_forum_topic(ChatId(-100_999), "K7Q2").await;
    assert!(
        matches!(nowhere, Err(RequestError::Api(ApiError::ChatNotFound))),
        "{nowhere:?}"
    );

    // Without `can_delete_messages`: a topic someone else wrote in cannot be deleted,
    // nor one a person opened; one the bot opened and no one else wrote in can.
    fake.set_bot_rights(GROUP, Some(BotRights::without_delete_messages()));
    let eva = Staff::join(&fake, GROUP, eva());
    let written = bot
        .create_forum_topic(ChatId(GROUP), "K7Q2")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    eva.says_in(written.thread_id.0.0, "hej");
    let refused = bot
        .delete_forum_topic(ChatId(GROUP), written.thread_id)
        .await;
    assert_eq!(refusal(refused), "Bad Request: CHAT_ADMIN_REQUIRED");
    let theirs = fake.staff_topic(&eva.user, GROUP, "Notes");
    let refused = bot.delete_forum_topic(ChatId(GROUP), thread(theirs)).await;
    assert_eq!(
        refusal(refused),
        "Bad Request: not enough rights to delete the topic"
    );
    let quiet = bot
        .create_forum_topic(ChatId(GROUP), "P3X9")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        bot.delete_forum_topic(ChatId(GROUP), quiet.thread_id)
            .await
            .is_ok()
    );
    assert_eq!(fake.live_topics(GROUP).len(), 2);

    // Closing: the bot's own topic, then a person's, which needs the right.
    let closed = bot
        .close_forum_topic(ChatId(GROUP), written.thread_id)
        .await;
    assert!(closed.is_ok(), "{closed:?}");
    let twice = bot
        .close_forum_topic(ChatId(GROUP), written.thread_id)
        .await;
    assert_eq!(refusal(twice), "Bad Request: TOPIC_NOT_MODIFIED");
    assert!(fake.topics(GROUP)[0].closed);
    fake.set_bot_rights(GROUP, Some(BotRights::without_manage_topics()));
    let into_closed = bot
        .send_message(ChatId(GROUP), "x")
        .message_thread_id(written.thread_id)
        .await;
    assert_eq!(refusal(into_closed), "Bad Request: TOPIC_CLOSED");
    let not_mine = bot.close_forum_topic(ChatId(GROUP), thread(theirs)).await;
    assert_eq!(
        refusal(not_mine),
        "Bad Request: not enough rights to close or open the topic"
    );
    fake.set_bot_rights(GROUP, Some(BotRights::admin()));
    let into_closed = bot
        .send_message(ChatId(GROUP), "x")
        .message_thread_id(written.thread_id)
        .await;
    assert!(
        into_closed.is_ok(),
        "an admin who manages topics writes in a closed one"
    );
    assert!(
        bot.reopen_forum_topic(ChatId(GROUP), written.thread_id)
            .await
            .is_ok()
    );

    // The bot leaves: the group is out of reach.
    assert!(bot.leave_chat(ChatId(GROUP)).await.is_ok());
    let left = bot.create_forum_topic(ChatId(GROUP), "K7Q2").await;
    assert_eq!(
        refusal(left),
        "Forbidden: bot is not a member of the supergroup chat"
    );
}

#[tokio::test]
async fn members_and_administrators_show_the_bot_rights() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start");
    fake.create_forum(GROUP, "Counsellors", Some(BotRights::admin()));
    let eva = Staff::join(&fake, GROUP, eva());
    let lead = User::new(880_002, "Lina");
    fake.add_member(GROUP, &lead, Role::Creator);

    let me = bot
        .get_chat_member(ChatId(GROUP), UserId(BOT_ID as u64))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let ChatMemberKind::Administrator(rights) = &me.kind else {
        panic!("{me:?}");
    };
    assert!(rights.can_manage_topics && rights.can_delete_messages);
    fake.set_bot_rights(GROUP, Some(BotRights::without_manage_topics()));
    let me = bot
        .get_chat_member(ChatId(GROUP), UserId(BOT_ID as u64))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(
        &me.kind,
        ChatMemberKind::Administrator(r) if !r.can_manage_topics
    ));

    let staff = bot
        .get_chat_member(ChatId(GROUP), UserId(880_001))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(staff.kind, ChatMemberKind::Member(_)), "{staff:?}");
    assert_eq!(staff.user.username.as_deref(), Some("eva_staff"));
    fake.remove_member(GROUP, eva.user.id);
    let gone = bot
        .get_chat_member(ChatId(GROUP), UserId(880_001))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(gone.kind, ChatMemberKind::Left), "{gone:?}");
    // Someone from a private chat is known, and not in the group.
    let outsider = bot
        .get_chat_member(ChatId(GROUP), UserId(ana.id as u64))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(outsider.kind, ChatMemberKind::Left));
    let unknown = bot.get_chat_member(ChatId(GROUP), UserId(123)).await;
    assert!(
        matches!(unknown, Err(RequestError::Api(ApiError::UserNotFound))),
        "{unknown:?}"
    );

    let admins = bot
        .get_chat_administrators(ChatId(GROUP))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let ids: Vec<u64> = admins.iter().map(|m| m.user.id.0).collect();
    assert_eq!(ids, [880_002, BOT_ID as u64]);
    assert!(matches!(admins[0].kind, ChatMemberKind::Owner(_)));
    fake.set_bot_rights(GROUP, None);
    let admins = bot
        .get_chat_administrators(ChatId(GROUP))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(admins.len(), 1, "a plain member bot is not listed");
    let private = bot.get_chat_administrators(ChatId(ana.id)).await;
    assert_eq!(
        refusal(private),
        "Bad Request: there are no administrators in the private chat"
    );
}

#[tokio::test]
async fn a_thread_id_outside_a_forum_is_refused() {
    // The Bot API takes `message_thread_id` "for forum supergroups and private chats of
    // bots with forum topic mode enabled only"; the bot has no topic mode, so a thread id
    // in a person's chat is refused, never silently dropped.
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start");
    let private = bot
        .send_message(ChatId(ana.id), "hej")
        .message_thread_id(thread(1))
        .await;
    assert_eq!(refusal(private), "Bad Request: message thread not found");
    fake.add_to_group(&ana, -100_200);
    let plain_group = bot
        .send_message(ChatId(-100_200), "hej")
        .message_thread_id(thread(1))
        .await;
    assert_eq!(
        refusal(plain_group),
        "Bad Request: message thread not found"
    );
    assert!(fake.bot_messages(ana.id).is_empty());
}

#[tokio::test]
async fn the_per_group_limit_answers_429_with_retry_after() {
    let fake = FakeApi::start().await;
    let bot = bot(&fake);
    let ana = ana();
    fake.send_text(&ana, "/start");
    fake.create_forum(GROUP, "Counsellors", Some(BotRights::admin()));
    fake.create_forum(GROUP - 1, "Other", Some(BotRights::admin()));
    let topic = bot
        .create_forum_topic(ChatId(GROUP), "K7Q2")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    // Off until the test switches it on.
    for i in 0..25 {
        let sent = bot
            .send_message(ChatId(GROUP - 1), format!("free {i}"))
            .await;
        assert!(sent.is_ok(), "{sent:?}");
    }

    fake.limit_group_sends();
    for i in 0..20 {
        let sent = bot
            .send_message(ChatId(GROUP), format!("m{i}"))
            .message_thread_id(topic.thread_id)
            .await;
        assert!(sent.is_ok(), "message {i}: {sent:?}");
    }
    let limited = bot
        .send_message(ChatId(GROUP), "m20")
        .message_thread_id(topic.thread_id)
        .await;
    // The window frees a place a minute after the first of the twenty.
    assert!(
        matches!(&limited, Err(RequestError::RetryAfter(s)) if (55..=60).contains(&s.seconds())),
        "{limited:?}"
    );
    let (status, body) = raw_post(
        &fake,
        &format!("/bot{TOKEN}/sendMessage"),
        "application/json",
        &format!(r#"{{"chat_id":{GROUP},"text":"x"}}"#),
    )
    .await;
    assert_eq!(status, 429);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(body["error_code"], 429);
    let after = body["parameters"]["retry_after"]
        .as_u64()
        .unwrap_or_else(|| panic!("no retry_after: {body}"));
    assert_eq!(
        body["description"],
        format!("Too Many Requests: retry after {after}")
    );
    // Sends made before the switch count too; other chats are not held back, and
    // nothing refused reached the group.
    let earlier = bot.send_message(ChatId(GROUP - 1), "other").await;
    assert!(
        matches!(earlier, Err(RequestError::RetryAfter(_))),
        "{earlier:?}"
    );
    assert!(bot.send_message(ChatId(ana.id), "hej").await.is_ok());
    fake.create_forum(GROUP - 3, "Third", Some(BotRights::admin()));
    assert!(bot.send_message(ChatId(GROUP - 3), "other").await.is_ok());
    assert_eq!(fake.bot_sent_to_topic(GROUP, topic.thread_id.0.0).len(), 20);
    assert_eq!(
        fake.most_group_sends_within(GROUP, Duration::from_secs(60)),
        20
    );
    let times: Vec<Duration> = fake
        .bot_sent_to_topic(GROUP, topic.thread_id.0.0)
        .iter()
        .map(|m| m.sent_at)
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in order: {times:?}"
    );

    // A short window shows the place coming free again.
    fake.limit_group_sends_to(GroupLimit {
        max: 2,
        per: Duration::from_millis(600),
    });
    fake.create_forum(GROUP - 2, "Short", Some(BotRights::admin()));
    for _ in 0..2 {
        assert!(bot.send_message(ChatId(GROUP - 2), "x").await.is_ok());
    }
    let limited = bot.send_message(ChatId(GROUP - 2), "x").await;
    assert!(
        matches!(&limited, Err(RequestError::RetryAfter(s)) if s.seconds() == 1),
        "{limited:?}"
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(bot.send_message(ChatId(GROUP - 2), "x").await.is_ok());
}
