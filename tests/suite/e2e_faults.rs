//! The real bot when things go wrong: Telegram throttles (429 with `retry_after`), fails
//! (5xx, an HTML error page, slow answers), the bot is stopped or killed in the middle of
//! a conversation, the token is wrong, the flows are broken.

use std::time::Duration;

use crate::support::bot::{BotProcess, Dirs, Launch};
use crate::support::fake_api::{FakeApi, FaultKind, TOKEN, User};
use crate::support::files::fixture;
use crate::support::notify::Notifications;
use crate::support::person::{Person, text};

/// Walks a person to the buyer route's "where" step and back to the menu.
async fn walk(person: &Person<'_>, lang: &str) {
    let start = person.says("/start").await;
    assert!(start.says(&text(lang, "menu-welcome")), "{}", start.text());
    let buyer = person.presses(&text(lang, "menu-choice-buyer")).await;
    assert!(buyer.says(&text(lang, "buyer-intro")), "{}", buyer.text());
    let where_ = person.presses(&text(lang, "buyer-choice-where")).await;
    assert!(where_.says(&text(lang, "buyer-where")), "{}", where_.text());
    let back = person.presses(&text(lang, "choice-back-to-menu")).await;
    assert!(back.says(&text(lang, "menu-welcome")), "{}", back.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_loses_no_reply_and_sends_none_twice() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::spawn(&fake, &mut dirs, Launch::default().paced_like_telegram());
    bot.wait_polling(&fake).await;
    fake.fail(
        Some("sendMessage"),
        FaultKind::TooManyRequests { retry_after: 1 },
        6,
    );
    fake.fail(
        Some("answerCallbackQuery"),
        FaultKind::TooManyRequests { retry_after: 1 },
        2,
    );
    let ana = Person::new(&fake, User::new(630_001, "Ana").language("sv"));
    let ben = Person::new(&fake, User::new(630_002, "Ben").language("en"));
    tokio::join!(walk(&ana, "sv"), walk(&ben, "en"));

    let limited = fake
        .calls("sendMessage")
        .iter()
        .filter(|c| c.status == 429)
        .count();
    assert_eq!(limited, 6, "every injected 429 was met");
    // Each message went out exactly once: the chats hold one per successful send.
    let sent = fake
        .calls("sendMessage")
        .iter()
        .filter(|c| c.status == 200)
        .count();
    let in_chats = fake.bot_messages(ana.chat()).len() + fake.bot_messages(ben.chat()).len();
    assert_eq!(sent, in_chats);
    for (person, lang) in [(&ana, "sv"), (&ben, "en")] {
        let welcomes = person
            .chat_now()
            .iter()
            .filter(|m| m.text().contains(&text(lang, "menu-welcome")))
            .count();
        assert_eq!(
            welcomes, 2,
            "{lang}: once at the start, once back at the menu"
        );
    }
    assert!(fake.unanswered_callbacks().is_empty());
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_and_slow_answers_are_retried() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    // teloxide waits ten seconds after every 5xx before it reports it, so one of each
    // kind is enough: a JSON error for a send, a proxy's HTML page for a poll.
    fake.fail(
        Some("sendMessage"),
        FaultKind::ServerError { status: 500 },
        1,
    );
    fake.fail(Some("getUpdates"), FaultKind::BadGatewayHtml, 1);
    fake.fail(
        Some("sendMessage"),
        FaultKind::Delay(Duration::from_secs(2)),
        1,
    );
    let person = Person::new(&fake, User::new(630_003, "Cleo").language("en"));
    walk(&person, "en").await;
    let failed: Vec<u16> = fake
        .calls("sendMessage")
        .iter()
        .map(|c| c.status)
        .filter(|&s| s != 200)
        .collect();
    assert_eq!(failed, [500]);
    let polls: Vec<u16> = fake.calls("getUpdates").iter().map(|c| c.status).collect();
    assert!(polls.contains(&502), "{polls:?}");
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_in_the_middle_of_a_conversation_continues_it() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_004, "Dag").language("sv"));
    person.says("/start").await;
    let buyer = person.presses(&text("sv", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("sv", "buyer-intro")));
    let status = bot.stop().await;
    assert!(status.success(), "SIGTERM: {status:?}");
    let sends_before = fake.calls("sendMessage").len();

    // Pressed while the bot is down: the update waits at Telegram.
    let query = fake.press_label(&person.user, &text("sv", "buyer-choice-where"));
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let answer = person
        .answer_after(buyer.last().id, "the answer after the restart")
        .await;
    assert!(answer.says(&text("sv", "buyer-where")), "{}", answer.text());
    assert!(
        !answer.says(&text("sv", "stale-menu")),
        "the session survived"
    );
    // The press is answered on a task of its own, not necessarily before the reply.
    fake.wait_for("the press to be answered", |s| {
        s.callbacks
            .get(&query)
            .is_some_and(|c| c.answered)
            .then_some(())
    })
    .await;

    // Nothing from before the restart was answered again.
    let resent: Vec<String> = fake.calls("sendMessage")[sends_before..]
        .iter()
        .filter_map(|c| c.params["text"].as_str().map(str::to_string))
        .filter(|t| t.contains(&text("sv", "buyer-intro")))
        .collect();
    assert!(resent.is_empty(), "answered twice: {resent:?}");
    let status = bot.interrupt().await;
    assert!(status.success(), "SIGINT: {status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_telegram_hands_out_again_after_a_restart_are_not_answered_twice() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_006, "Fay").language("en"));
    let first = fake.next_update_id();
    person.says("/start").await;
    person.presses(&text("en", "menu-choice-buyer")).await;
    person.says("what is treatment?").await;
    let last = fake.next_update_id() - 1;
    // Confirmed at Telegram (by the polls, or at the latest by the stop).
    fake.wait_all_confirmed().await;
    assert!(bot.stop().await.success());
    let sends = fake.calls("sendMessage").len();

    // As if the bot had died before confirming: every update of this conversation again.
    assert_eq!(fake.replay_from(first), 3);
    let polls = fake.calls("getUpdates").len();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let answer = person.presses(&text("en", "buyer-choice-call")).await;
    // The first poll of the new process confirmed everything processed before it, so
    // Telegram dropped the replayed updates instead of handing them over.
    let restarted = &fake.calls("getUpdates")[polls];
    assert_eq!(
        restarted.params["offset"].as_i64(),
        Some(last + 1),
        "the poll after a restart starts after the last processed update"
    );
    assert!(answer.says(&text("en", "buyer-call")), "{}", answer.text());
    let repeated: Vec<String> = fake.calls("sendMessage")[sends..]
        .iter()
        .filter_map(|c| c.params["text"].as_str().map(str::to_string))
        .filter(|t| !t.contains(&text("en", "buyer-call")))
        .collect();
    assert!(repeated.is_empty(), "answered again: {repeated:?}");
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_the_store_opens_and_the_conversation_goes_on() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_005, "Eir").language("en"));
    person.says("/start").await;
    person.presses(&text("en", "menu-choice-buyer")).await;
    // Confirmed to Telegram: the press does not come again (see the next tests for a
    // crash before that).
    fake.wait_all_confirmed().await;
    bot.kill().await;
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let answer = person.presses(&text("en", "buyer-choice-what")).await;
    assert!(
        answer.says(&text("en", "buyer-treatment")),
        "{}",
        answer.text()
    );
    assert!(bot.stop().await.success());
}

/// Issue 24: an update the bot took but had not answered when it was killed is not lost:
/// it was not confirmed, Telegram hands it over again, and the next run answers it, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_in_hand_when_the_bot_is_killed_is_answered_after_the_restart() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_007, "Gro").language("en"));
    person.says("/start").await;
    fake.wait_all_confirmed().await;
    // The answer fails with a 500, which teloxide waits ten seconds to report: the bot
    // is killed while the press is in hand.
    fake.fail(
        Some("sendMessage"),
        FaultKind::ServerError { status: 500 },
        1,
    );
    let before = person.newest_id();
    fake.press_label(&person.user, &text("en", "menu-choice-buyer"));
    fake.wait_for("the answer to fail", |s| {
        s.calls
            .iter()
            .any(|c| c.method == "sendMessage" && c.status == 500)
            .then_some(())
    })
    .await;
    assert!(fake.pending_updates() > 0, "the press is not confirmed yet");
    bot.kill().await;

    let bot = BotProcess::start(&fake, &mut dirs).await;
    let answer = person.answer_after(before, "the press answered").await;
    assert!(answer.says(&text("en", "buyer-intro")), "{}", answer.text());
    fake.wait_all_confirmed().await;
    let intros = person
        .chat_now()
        .iter()
        .filter(|m| m.from_bot && m.text().contains(&text("en", "buyer-intro")))
        .count();
    assert_eq!(intros, 1, "answered once");
    assert!(bot.stop().await.success());
}

/// Issue 24, the bound README states: a kill right after an answer went out, before the
/// update was confirmed, may answer that update once more after the restart, and no
/// more; the conversation goes on from where the answer left it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_right_after_an_answer_repeats_at_most_that_answer() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_008, "Hed").language("en"));
    person.says("/start").await;
    let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
    bot.kill().await;
    let sent_before = fake.bot_messages(person.chat()).len();

    let bot = BotProcess::start(&fake, &mut dirs).await;
    fake.wait_all_confirmed().await;
    let repeated = fake.bot_messages(person.chat()).len() - sent_before;
    assert!(repeated <= 1, "{repeated} answers again:\n{}", fake.dump());
    let answer = person.presses(&text("en", "buyer-choice-what")).await;
    assert!(
        answer.says(&text("en", "buyer-treatment")),
        "{}",
        answer.text()
    );
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_stops_the_bot_with_a_clear_error() {
    let fake = FakeApi::start_with_token("987:other-token").await;
    let mut dirs = Dirs::new();
    let mut bot = BotProcess::spawn(
        &fake,
        &mut dirs,
        Launch::default().env("TELOXIDE_TOKEN", TOKEN),
    );
    let status = bot.wait().await;
    assert!(!status.success());
    assert!(
        dirs.output().contains("does not accept the bot token"),
        "{}",
        dirs.output()
    );
}

/// Under systemd the token comes as a credential file, never through the environment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_teloxide_token_the_token_comes_from_the_systemd_credential() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let credentials = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        credentials.path().join("telegram-token"),
        format!("{TOKEN}\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let launch = Launch::default().env("TELOXIDE_TOKEN", "").env(
        "CREDENTIALS_DIRECTORY",
        &credentials.path().to_string_lossy(),
    );
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    bot.wait_polling(&fake).await;
    let person = Person::new(&fake, User::new(730_001, "Ines").language("en"));
    let start = person.says("/start").await;
    assert!(start.says(&text("en", "menu-welcome")), "{}", start.text());
    assert!(bot.stop().await.success());
    assert!(!dirs.output().contains(TOKEN), "the token is never printed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_flows_are_refused_with_the_check_report() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let launch = Launch {
        flows: fixture("dead_end").join("flows"),
        ..Launch::default()
    };
    let mut bot = BotProcess::spawn(&fake, &mut dirs, launch);
    let status = bot.wait().await;
    assert!(!status.success());
    let output = dirs.output();
    assert!(output.contains("error"), "{output}");
    assert!(output.contains("menu.toml"), "{output}");
    assert!(output.contains("the bot did not start"), "{output}");
    assert!(fake.all_calls().is_empty(), "it never reached Telegram");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn systemd_hears_ready_and_the_watchdog_only_while_polling_succeeds() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let notify = Notifications::new();
    let launch = Launch::default()
        .env("NOTIFY_SOCKET", &notify.path)
        .env("WATCHDOG_USEC", "400000");
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    let first = notify.wait_for("READY=1").await;
    // Ready only once a poll has succeeded.
    assert!(
        fake.calls("getUpdates").iter().any(|c| c.status == 200),
        "{first:?}"
    );
    if !first.iter().any(|m| m.contains("WATCHDOG=1")) {
        notify.wait_for("WATCHDOG=1").await;
    }

    // Telegram fails every poll from now on.
    fake.fail(
        Some("getUpdates"),
        FaultKind::ServerError { status: 500 },
        1000,
    );
    // An update ends the poll in flight, so that the next one fails soon. It is not
    // waited for: when the failures began between two polls, it is never answered.
    fake.send_text(&User::new(720_001, "Ada").language("en"), "/start");
    let failed = |s: &crate::support::fake_api::State| {
        s.calls
            .iter()
            .filter(|c| c.method == "getUpdates" && c.status == 500)
            .count()
    };
    fake.wait_for("a failed poll", |s| (failed(s) >= 1).then_some(()))
        .await;
    // Everything told before that failure has arrived by now.
    notify.drain();
    fake.wait_for("another failed poll", |s| (failed(s) >= 2).then_some(()))
        .await;
    let while_failing = notify.drain();
    assert!(
        !while_failing.iter().any(|m| m.contains("WATCHDOG=1")),
        "the watchdog was fed while polls failed: {while_failing:?}"
    );

    // Polls succeed again: the watchdog is fed again.
    fake.with(|s| s.faults.clear());
    notify.wait_for("WATCHDOG=1").await;
    assert!(bot.stop().await.success());
    notify.wait_for("STOPPING=1").await;
}
