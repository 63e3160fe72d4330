//! Quick exit against the real bot: by command, by word and by button, it deletes every
//! message of the conversation Telegram lets it delete (the person's and its own, within
//! 48 hours, in batches of at most 100), leaves one message that says how to delete the
//! chat, and forgets the session.

use std::time::Duration;

use signpost::store::{Sessions, StoreConfig, Ttl};

use crate::support::bot::{BotProcess, Dirs};
use crate::support::fake_api::{FakeApi, User};
use crate::support::person::{Exit, Person, text};

fn open_store(dirs: &Dirs) -> Sessions {
    let config = StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: Ttl::default(),
    };
    Sessions::open(&config, jiff::Timestamp::now())
        .unwrap_or_else(|e| panic!("the bot's store does not open: {e}"))
}

/// A few steps of conversation: buttons, typed text, a picture.
async fn converse(person: &Person<'_>, lang: &str) {
    person.says("/start").await;
    person.presses(&text(lang, "menu-choice-buyer")).await;
    person.says("what is treatment?").await;
    person.sends(crate::support::fake_api::Kind::Photo).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_by_command_word_or_button_leaves_one_message_and_no_session() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let by_command = Person::new(&fake, User::new(620_001, "Ada").language("en"));
    let by_word = Person::new(&fake, User::new(620_002, "Bea").language("sv"));
    let by_button = Person::new(&fake, User::new(620_003, "Cid").language("sv"));
    let stays = Person::new(&fake, User::new(620_004, "Dan").language("en"));

    tokio::join!(
        converse(&by_command, "en"),
        converse(&by_word, "sv"),
        converse(&by_button, "sv"),
        converse(&stays, "en"),
    );
    let exit_button = text("sv", "button-exit");
    let (command, word, button) = tokio::join!(
        by_command.exits(Exit::Says("/exit")),
        by_word.exits(Exit::Says("Stopp")),
        by_button.exits(Exit::Presses(&exit_button)),
    );
    for (chat, lang, name) in [
        (command, "en", "command"),
        (word, "sv", "word"),
        (button, "sv", "button"),
    ] {
        assert_eq!(chat.len(), 1, "{name}: {chat:?}");
        assert!(chat[0].from_bot, "{name}");
        assert_eq!(chat[0].text(), text(lang, "exit-done"), "{name}");
        assert!(chat[0].buttons.is_empty(), "{name}");
    }
    assert!(
        stays.chat_now().len() > 4,
        "the other conversation is untouched"
    );
    for call in fake.calls("deleteMessages") {
        let ids = call.params["message_ids"].as_array().map_or(0, Vec::len);
        assert!((1..=100).contains(&ids), "a batch of {ids}");
    }
    assert!(fake.unanswered_callbacks().is_empty());
    assert!(bot.stop().await.success());

    let sessions = open_store(&dirs);
    let now = jiff::Timestamp::now();
    for person in [&by_command, &by_word, &by_button] {
        let kept = sessions.load(person.chat(), now);
        assert!(matches!(kept, Ok(None)), "a session survived quick exit");
    }
    assert!(matches!(sessions.load(stays.chat(), now), Ok(Some(_))));
    assert_eq!(sessions.session_count().ok(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_conversation_is_deleted_in_batches() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(620_005, "Eva").language("en"));
    person.says("/start").await;
    // One message per answer: 60 exchanges make 121 messages, over one batch of 100.
    for _ in 0..60 {
        person.says("hmm").await;
    }
    let before = person.chat_now().len();
    assert!(before > 100, "only {before} messages");
    let chat = person.exits(Exit::Says("/exit")).await;
    assert_eq!(chat.len(), 1, "{chat:?}");
    let batches = fake.calls("deleteMessages");
    assert!(batches.len() >= 2, "{} batches", batches.len());
    // Every batch with a message in it went; past the newest message, the sweep stops
    // at the first batch with nothing there (refused by Telegram).
    let farewell = chat[0].id;
    let refused: Vec<_> = batches.iter().filter(|c| c.status != 200).collect();
    assert!(refused.len() <= 1, "{} refused batches", refused.len());
    for call in refused {
        let ids = call.params["message_ids"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            ids.iter()
                .all(|id| id.as_i64().is_some_and(|id| id > i64::from(farewell))),
            "a batch with messages in it was refused: {ids:?}"
        );
    }
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_older_than_48_hours_stay_and_the_rest_goes() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(620_006, "Fia").language("sv"));
    person.says("/start").await;
    let old: Vec<i32> = person.chat_now().iter().map(|m| m.id).collect();
    // Telegram's clock moves on; the bot's session is still alive by its own clock.
    fake.advance(Duration::from_secs(49 * 3600));
    person.presses(&text("sv", "menu-choice-buyer")).await;
    let chat = person.exits(Exit::Says("/exit")).await;
    let left: Vec<i32> = chat.iter().map(|m| m.id).collect();
    let Some((&last, earlier)) = left.split_last() else {
        panic!("an empty chat");
    };
    assert_eq!(earlier, old.as_slice(), "only the old messages remain");
    assert_eq!(
        chat.iter()
            .find(|m| m.id == last)
            .map(|m| m.text().to_string()),
        Some(text("sv", "exit-done"))
    );
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_quick_exit_a_new_conversation_starts_fresh() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(620_007, "Gus").language("en"));
    converse(&person, "en").await;
    person.exits(Exit::Says("/exit")).await;
    let again = person.says("hello").await;
    assert!(again.says(&text("en", "menu-welcome")), "{}", again.text());
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_with_no_session_deletes_the_earlier_messages_by_command_and_by_an_old_button() {
    let fake = FakeApi::start().await;
    let by_command = Person::new(&fake, User::new(620_011, "Hal").language("en"));
    let by_button = Person::new(&fake, User::new(620_012, "Ivy").language("sv"));
    let mut first = Dirs::new();
    let bot = BotProcess::start(&fake, &mut first).await;
    converse(&by_command, "en").await;
    let menu = by_button.says("/start").await;
    let first_menu = menu.last().id;
    by_button.presses(&text("sv", "menu-choice-buyer")).await;
    by_button.says("vad är behandling?").await;
    assert!(by_button.chat_now().len() > 4);
    assert!(bot.stop().await.success());

    // The bot comes back with a new data folder (and key): it remembers nothing.
    let mut second = Dirs::new();
    let bot = BotProcess::start(&fake, &mut second).await;
    let exit_data = fake
        .read(|s| {
            s.chats.get(&by_button.chat()).and_then(|c| {
                c.messages
                    .get(&first_menu)
                    .and_then(|m| m.data_of(&text("sv", "button-exit")).map(str::to_string))
            })
        })
        .unwrap_or_else(|| panic!("no exit button on the first menu"));
    let (command, button) = tokio::join!(by_command.exits(Exit::Says("/exit")), async {
        let before = by_button.newest_id();
        fake.press(&by_button.user, first_menu, &exit_data);
        fake.wait_for("the quick exit's last message", |s| {
            let c = s.chats.get(&by_button.chat())?;
            c.messages
                .range(before + 1..)
                .any(|(_, m)| m.from_bot)
                .then(|| c.present())
        })
        .await
    });
    for (chat, lang, name) in [(command, "en", "command"), (button, "sv", "old button")] {
        assert_eq!(chat.len(), 1, "{name}: {chat:?}");
        assert_eq!(chat[0].text(), text(lang, "exit-done"), "{name}");
    }
    assert!(fake.unanswered_callbacks().is_empty());
    assert!(bot.stop().await.success());
}

/// A bot for several municipalities: the place a person gives lives only in the sealed
/// session (no byte of the session store names it; the day's aggregate counts under
/// `stats/` do, as they name every service shown), and the quick exit forgets it with
/// the session, so the next conversation asks again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_forgets_the_place() {
    use crate::support::bot::Launch;
    use crate::support::files::{copy_dir, files_under, replace_in, repo};
    use signpost::engine::Place;

    let content = tempfile::tempdir().expect("a temporary folder");
    let flows = content.path().join("flows");
    copy_dir(&repo().join("flows"), &flows);
    replace_in(
        &flows.join("bot.toml"),
        "area = \"norrkoping\"",
        "areas = [\"norrkoping\", \"linkoping\"]",
    );
    let launch = || Launch {
        flows: flows.clone(),
        ..Launch::default()
    };
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let person = Person::new(&fake, User::new(620_021, "Jon").language("en"));
    let to_the_question = || async {
        person.says("/start").await;
        person.presses(&text("en", "menu-choice-buyer")).await;
        person.presses(&text("en", "buyer-choice-where")).await
    };

    let bot = BotProcess::spawn(&fake, &mut dirs, launch());
    bot.wait_polling(&fake).await;
    let asked = to_the_question().await;
    assert!(
        asked.says(&text("en", "place-question")),
        "{}",
        asked.text()
    );
    let shown = person.presses("Linköping").await;
    assert!(
        shown.contains("Sociala jouren Linköping"),
        "{}",
        shown.text()
    );
    assert!(bot.stop().await.success());

    let now = jiff::Timestamp::now();
    {
        let sessions = open_store(&dirs);
        let kept = sessions.load(person.chat(), now).ok().flatten();
        assert_eq!(
            kept.and_then(|s| s.session.place),
            Some(Place::Area("linkoping".into()))
        );
    }
    let stats = dirs.data().join("stats");
    for file in files_under(&dirs.data()) {
        if file.starts_with(&stats) {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap_or_default();
        for name in ["linkoping", "Linköping", "Link"] {
            assert!(
                !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
                "{} names the place in the clear",
                file.display()
            );
        }
    }

    let bot = BotProcess::spawn(&fake, &mut dirs, launch());
    bot.wait_polling(&fake).await;
    person.exits(Exit::Says("/exit")).await;
    let again = to_the_question().await;
    assert!(
        again.says(&text("en", "place-question")),
        "the place was remembered after the quick exit: {}",
        again.text()
    );
    assert!(bot.stop().await.success());
    let sessions = open_store(&dirs);
    let kept = sessions.load(person.chat(), now).ok().flatten();
    assert_eq!(kept.map(|s| s.session.place), Some(None));
}
