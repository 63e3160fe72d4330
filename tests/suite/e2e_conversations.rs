//! The real bot, run as a binary against the fake Bot API, talked to as people would:
//! every route to a signpost in Swedish and English, the language switch, deep links,
//! forged and stale buttons, personal data, pictures and edits, groups, the command menu;
//! one message per answer, and presses answered while their chat's replies go out.

use std::collections::{BTreeSet, HashSet, VecDeque};

use signpost::model::{FlowSet, Target};

use crate::support::bot::{BotProcess, Dirs};
use crate::support::fake_api::{FakeApi, FaultKind, Kind, User};
use crate::support::files::{fixture, replace_in, repo};
use crate::support::person::{Answer, CONTENT, Person, text};

/// The names of the services a person can reach by buttons from the main menu.
fn reachable_signposts(set: &FlowSet) -> BTreeSet<String> {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([set.main_start()]);
    let mut names = BTreeSet::new();
    while let Some(target) = queue.pop_front() {
        if !seen.insert(target) {
            continue;
        }
        let step = set.step(target);
        for &service in &step.signposts {
            names.insert(set.services.services[service].name.clone());
        }
        let next: Vec<Target> = step
            .choices
            .iter()
            .map(|c| c.target)
            .chain(step.next)
            .collect();
        queue.extend(next);
    }
    names
}

/// Presses every button of every step reachable from `/start` (the global buttons and
/// the way back to the menu aside), replaying the path to each step from the start, and
/// returns every answer seen.
async fn explore(person: &Person<'_>, lang: &str) -> Vec<Answer> {
    let global: HashSet<String> = [
        "button-emergency",
        "button-exit",
        "button-language",
        "button-privacy",
        "button-restart",
        "choice-back-to-menu",
    ]
    .iter()
    .map(|id| text(lang, id))
    .collect();
    let mut answers = Vec::new();
    let mut visited = HashSet::new();
    let mut queue: VecDeque<Vec<String>> = VecDeque::from([Vec::new()]);
    while let Some(path) = queue.pop_front() {
        let mut answer = person.says("/start").await;
        for label in &path {
            answer = person.presses(label).await;
        }
        // A step is known by what it shows.
        let signature = (answer.text(), answer.labels());
        if !visited.insert(signature) {
            continue;
        }
        for label in answer.labels() {
            if !global.contains(&label) {
                let mut longer = path.clone();
                longer.push(label);
                queue.push_back(longer);
            }
        }
        answers.push(answer);
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_reaches_its_signposts_in_swedish_and_english() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let expected = reachable_signposts(&CONTENT);
    assert!(
        expected.len() >= 3,
        "the shipped flows should signpost several services: {expected:?}"
    );

    let sv = Person::new(&fake, User::new(610_001, "Sara").language("sv"));
    let en = Person::new(&fake, User::new(610_002, "Sam").language("en-GB"));
    let (sv_answers, en_answers) = tokio::join!(explore(&sv, "sv"), explore(&en, "en"));

    for (lang, answers) in [("sv", &sv_answers), ("en", &en_answers)] {
        // One message per answer: the step's text, its cards and its buttons together.
        for answer in answers.iter() {
            assert_eq!(
                answer.messages.len(),
                1,
                "{lang}: an answer in {} messages: {}",
                answer.messages.len(),
                answer.text()
            );
            assert!(!answer.last().buttons.is_empty(), "{lang}: no buttons");
        }
        let welcome = text(lang, "menu-welcome");
        assert!(answers[0].says(&welcome), "{lang}: {}", answers[0].text());
        let shown: BTreeSet<String> = expected
            .iter()
            .filter(|name| answers.iter().any(|a| a.contains(name)))
            .cloned()
            .collect();
        assert_eq!(shown, expected, "{lang}: signposts reached by buttons");
    }
    assert!(fake.unanswered_callbacks().is_empty());
    let refused: Vec<_> = fake
        .all_calls()
        .into_iter()
        .filter(|c| c.status != 200)
        .map(|c| (c.method, c.description))
        .collect();
    assert!(refused.is_empty(), "calls the Bot API refused: {refused:?}");
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_can_be_switched() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(610_003, "Ana").language("sv"));

    let start = person.says("/start").await;
    assert!(start.says(&text("sv", "menu-welcome")), "{}", start.text());
    let menu = person.says("/language").await;
    assert!(menu.says(&text("sv", "language-prompt")), "{}", menu.text());
    for lang in ["sv", "en", "ro", "uk", "ar", "ru"] {
        let name = text(lang, "language-name");
        assert!(
            menu.labels().contains(&name),
            "{name} missing: {:?}",
            menu.labels()
        );
    }
    let english = person.presses(&text("en", "language-name")).await;
    assert!(
        english.says(&text("en", "menu-welcome")),
        "{}",
        english.text()
    );
    // The choice holds for what follows, whatever the phone's language.
    let next = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(next.says(&text("en", "buyer-intro")), "{}", next.text());
    let word = person.says("språk").await;
    assert!(word.says(&text("en", "language-prompt")), "{}", word.text());
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_links_open_their_route_and_unknown_codes_the_menu() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(610_004, "Eli").language("sv"));

    // A poster for buyers in English, scanned by a phone set to Swedish.
    let buyer = person.says("/start buyer_en").await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
    let swedish = person.says("/start buyer_sv").await;
    assert!(
        swedish.says(&text("sv", "buyer-intro")),
        "{}",
        swedish.text()
    );
    for code in [
        "nonexistent",
        "BUYER_SV",
        "x".repeat(300).as_str(),
        "buyer_sv extra",
    ] {
        let menu = person.says(&format!("/start {code}")).await;
        assert!(
            menu.says(&text("sv", "menu-welcome")),
            "{code}: {}",
            menu.text()
        );
    }
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_stale_buttons_get_a_calm_answer_and_the_current_step() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(610_005, "Kim").language("en"));

    let menu = person.says("/start").await;
    let old_menu = menu.last().clone();
    let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")));

    // A button from the earlier menu: the buyer step again, not the route it named.
    let relatives_label = text("en", "menu-choice-relative");
    let Some(stale_data) = old_menu.data_of(&relatives_label) else {
        panic!("no relatives button on the menu: {:?}", old_menu.labels());
    };
    let stale = person.presses_data(old_menu.id, stale_data).await;
    assert!(stale.says(&text("en", "stale-menu")), "{}", stale.text());
    assert!(stale.says(&text("en", "buyer-intro")), "{}", stale.text());

    let current = stale.last().clone();
    let forged_data = [
        "c4000000000.0".to_string(),
        "c1.99".to_string(),
        "not button data".to_string(),
        "l".to_string(),
        "lxx".to_string(),
        "gzz".to_string(),
        "é".repeat(32),
    ];
    for data in &forged_data {
        let forged = person.presses_data(current.id, data).await;
        assert!(
            forged.says(&text("en", "stale-menu")),
            "{data:?}: {}",
            forged.text()
        );
        assert!(forged.says(&text("en", "buyer-intro")), "{data:?}");
    }
    // A press on a message that no longer exists.
    let gone = person.presses_data(9999, "c1.0").await;
    assert!(gone.says(&text("en", "stale-menu")), "{}", gone.text());

    assert!(fake.unanswered_callbacks().is_empty());
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_data_is_deleted_from_the_chat() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(610_006, "Nora").language("sv"));
    person.says("/start").await;

    for shared in [
        "ring mig på 070-123 45 67",
        "min mejl är nora.example@example.com",
        "mitt personnummer är 19850101-1234",
        "IBAN SE45 5000 0000 0583 9825 7466",
    ] {
        let answer = person.says(shared).await;
        assert!(
            answer.says(&text("sv", "personal-data-notice")),
            "{shared}: {}",
            answer.text()
        );
        assert!(
            person.chat_now().iter().all(|m| m.text() != shared),
            "{shared} is still in the chat"
        );
    }
    // A number from the directory is not personal data.
    let directory = person.says("112").await;
    assert!(!directory.says(&text("sv", "personal-data-notice")));
    assert!(person.chat_now().iter().any(|m| m.text() == "112"));
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pictures_and_files_get_a_short_answer_and_edits_none() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(610_007, "Ola").language("en"));
    let start = person.says("/start").await;
    let unsupported = text("en", "unsupported-message");

    for kind in [Kind::Photo, Kind::Sticker, Kind::Voice, Kind::Document] {
        let answer = person.sends(kind).await;
        assert!(answer.says(&unsupported), "{kind:?}: {}", answer.text());
        assert_eq!(answer.labels(), start.labels(), "{kind:?}: the menu again");
    }
    // An edit never moves the conversation and, without personal data, gets no answer:
    // the next message's answer is the first thing the bot says after it.
    let typed = person.last_own_message();
    let before = person.newest_id();
    person.edits(typed, "I sell sex");
    let next = person.says("/help").await;
    let said: Vec<_> = person
        .chat_now()
        .into_iter()
        .filter(|m| m.from_bot && m.id > before)
        .collect();
    assert_eq!(said.len(), next.messages.len(), "{said:?}");
    assert!(!next.says(&text("en", "selling-intro")));
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_leaves_groups_and_channels_without_a_word() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let someone = User::new(610_008, "Group member");
    fake.add_to_group(&someone, -100_777);
    fake.wait_for("the bot to leave the group", |s| {
        s.chats
            .get(&-100_777)
            .is_some_and(|c| !c.bot_member)
            .then_some(())
    })
    .await;
    fake.with(|s| {
        if let Some(c) = s.chats.get_mut(&-100_777) {
            c.bot_member = true;
        }
    });
    fake.group_text(&someone, -100_777, "/start hello bot");
    fake.wait_for("the bot to leave the group again", |s| {
        s.chats
            .get(&-100_777)
            .is_some_and(|c| !c.bot_member)
            .then_some(())
    })
    .await;
    // A private conversation afterwards is answered: the group was dealt with before it.
    let person = Person::new(&fake, User::new(610_009, "Private").language("en"));
    person.says("/start").await;
    assert!(fake.bot_messages(-100_777).is_empty());
    assert!(
        fake.calls("sendMessage")
            .iter()
            .all(|c| c.params["chat_id"] != serde_json::json!(-100_777))
    );
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_menu_is_registered_per_language() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    for lang in ["", "sv", "en"] {
        let commands: Vec<String> = fake
            .commands("all_private_chats", lang)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(
            commands,
            ["sos", "exit", "start", "language", "privacy", "help"],
            "language {lang:?}"
        );
    }
    let sv = fake.commands("all_private_chats", "sv");
    let en = fake.commands("all_private_chats", "en");
    assert_ne!(sv, en, "Swedish and English descriptions differ");
    // Every shipped language has its own menu, written in its locale.
    for lang in ["sv", "en", "ro", "uk", "ar", "ru"] {
        let menu = fake.commands("all_private_chats", lang);
        assert_eq!(menu.len(), 6, "language {lang}: {menu:?}");
        for (command, description) in menu {
            assert_eq!(
                description,
                text(lang, &format!("command-{command}")),
                "language {lang}"
            );
        }
    }
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_reach_the_person_as_written_and_protected_flows_are_protected() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    // The small valid set, its English texts given the characters HTML parse mode must
    // escape.
    let small = dirs.content_copy(&fixture("base"));
    let texts = small.join("locales/en/main.ftl");
    replace_in(
        &texts,
        "main-hello = Hello! What do you need?",
        "main-hello = Hello! Q&A: is 1 < 2 > 0? <b>Not bold</b> &amp; not an entity. What do you need?",
    );
    replace_in(
        &texts,
        "main-choice-help = Support\n",
        "main-choice-help = Support <&>\n",
    );
    let launch = crate::support::bot::Launch {
        flows: small.join("flows"),
        locales: small.join("locales"),
        ..crate::support::bot::Launch::default()
    };
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    bot.wait_polling(&fake).await;
    let person = Person::new(&fake, User::new(610_010, "Ivy").language("en"));

    let menu = person.says("/start").await;
    assert_eq!(
        menu.last().text(),
        "Hello! Q&A: is 1 < 2 > 0? <b>Not bold</b> &amp; not an entity. What do you need?"
    );
    assert!(menu.labels().contains(&"Support <&>".to_string()));
    assert!(menu.messages.iter().all(|m| !m.protect_content));
    assert!(
        fake.calls("sendMessage")
            .iter()
            .all(|c| c.params["parse_mode"] == "HTML")
    );

    let buyer = person.presses("I want to stop buying sex").await;
    assert!(buyer.says("Treatment is voluntary"), "{}", buyer.text());
    assert!(
        buyer.messages.iter().all(|m| m.protect_content),
        "{:?}",
        buyer.messages
    );
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_flows_go_live_on_sighup_and_broken_ones_are_refused() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let content = dirs.content_copy(&fixture("base"));
    let launch = crate::support::bot::Launch {
        flows: content.join("flows"),
        locales: content.join("locales"),
        ..crate::support::bot::Launch::default()
    }
    .arg("--watch-seconds")
    .arg("0");
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    bot.wait_polling(&fake).await;
    let person = Person::new(&fake, User::new(610_011, "Jo").language("en"));
    let before = person.says("/start").await;
    assert!(before.says("What do you need?"), "{}", before.text());

    let texts = content.join("locales/en/main.ftl");
    let old = std::fs::read_to_string(&texts).unwrap_or_else(|e| panic!("{e}"));
    let new = old.replace("What do you need?", "How can I help?");
    std::fs::write(&texts, new).unwrap_or_else(|e| panic!("{e}"));
    bot.hangup();
    dirs.wait_output("new flows in service").await;
    let after = person.says("/start").await;
    assert!(after.says("How can I help?"), "{}", after.text());

    let settings = content.join("flows/bot.toml");
    std::fs::write(&settings, "main_flow = \n").unwrap_or_else(|e| panic!("{e}"));
    bot.hangup();
    dirs.wait_output("was refused").await;
    let still = person.says("/start").await;
    assert!(still.says("How can I help?"), "{}", still.text());
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_is_set_in_every_language_and_not_again_after_a_restart() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    // Set beside the start-up, not before it: waited for.
    fake.wait_for("the profile in seven scopes", |s| {
        (s.profile.len() == 14).then_some(())
    })
    .await;
    for lang in ["sv", "en", "ro", "uk", "ar", "ru"] {
        assert_eq!(
            fake.profile("description", lang),
            Some(text(lang, "bot-description")),
            "language {lang}"
        );
        assert_eq!(
            fake.profile("short_description", lang),
            Some(text(lang, "bot-short-description")),
            "language {lang}"
        );
    }
    // People whose app language is none of these see the default language's (Swedish).
    assert_eq!(
        fake.profile("description", ""),
        Some(text("sv", "bot-description"))
    );
    assert_eq!(
        fake.profile("short_description", ""),
        Some(text("sv", "bot-short-description"))
    );
    assert!(bot.stop().await.success());

    // A restart reads the texts and, finding them set, sets nothing.
    let sets = || fake.calls("setMyDescription").len() + fake.calls("setMyShortDescription").len();
    assert_eq!(sets(), 14);
    let bot = BotProcess::start(&fake, &mut dirs).await;
    dirs.wait_output("bot profile texts checked changed=0 failed=0")
        .await;
    assert_eq!(fake.calls("getMyShortDescription").len(), 14);
    assert!(bot.stop().await.success());
    assert_eq!(sets(), 14, "nothing was set again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_over_the_limit_is_cut_between_cards_with_the_buttons_last() {
    // The English welcome made long (about 3,800 characters, still within one message):
    // the emergency help (its notice, the 112 card) and the menu again no longer fit
    // in one message together.
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let locales = dirs.content_copy(&repo().join("locales"));
    let main = locales.join("en/main.ftl");
    let original = std::fs::read_to_string(&main).unwrap_or_else(|e| panic!("{e}"));
    let padding = "Take your time. ".repeat(220);
    let long = original.replacen(
        "    Hi. Here you can find out",
        &format!("    {padding}\n    Hi. Here you can find out"),
        1,
    );
    assert_ne!(long, original, "the welcome text was not found");
    std::fs::write(&main, long).unwrap_or_else(|e| panic!("{e}"));
    let launch = crate::support::bot::Launch {
        locales,
        ..crate::support::bot::Launch::default()
    };
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    bot.wait_polling(&fake).await;

    let person = Person::new(&fake, User::new(610_021, "Lee").language("en"));
    let menu = person.says("/start").await;
    assert_eq!(menu.messages.len(), 1, "{}", menu.text());
    let help = person.presses(&text("en", "button-emergency")).await;
    assert_eq!(help.messages.len(), 2, "{}", help.text());
    let (first, second) = (help.messages[0].text(), help.messages[1].text());
    // The cut falls between the 112 card and the menu: the card whole in the first
    // message, the menu whole in the second, which carries the buttons.
    let sos = &CONTENT.services.services[CONTENT.settings.emergency_service];
    assert!(first.starts_with(&text("en", "emergency-text")), "{first}");
    assert!(first.contains(&sos.name), "{first}");
    assert!(
        first.ends_with(&text("en", "signpost-interpreters")),
        "the card is cut: {first}"
    );
    assert!(second.starts_with("Take your time."), "{second}");
    assert!(second.ends_with(&text("en", "menu-question")), "{second}");
    assert!(help.messages[0].buttons.is_empty());
    assert!(!help.messages[1].buttons.is_empty());
    for message in &help.messages {
        assert!(message.text().encode_utf16().count() <= 4096);
    }
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_is_answered_at_once_while_its_chat_still_has_replies_going_out() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(610_031, "Kim").language("en"));
    person.says("/start").await;

    // The answer to the first press takes 3 seconds to go out...
    fake.fail(
        Some("sendMessage"),
        FaultKind::Delay(std::time::Duration::from_secs(3)),
        1,
    );
    let label = text("en", "menu-choice-buyer");
    let first = fake.press_label(&person.user, &label);
    fake.wait_for("the first press to be answered", |s| {
        s.callbacks.get(&first).and_then(|c| c.answered_at)
    })
    .await;
    // ...and the person presses again meanwhile.
    let second = fake.press_label(&person.user, &label);
    let (made, answered) = fake
        .wait_for("the second press to be answered", |s| {
            let c = s.callbacks.get(&second)?;
            Some((c.made_at, c.answered_at?))
        })
        .await;
    assert!(
        answered - made <= std::time::Duration::from_secs(1),
        "the press waited {:?} for its answer",
        answered - made
    );
    // Answered before the first answer had gone out.
    let sent = fake
        .wait_for("the delayed answer", |s| {
            s.calls
                .iter()
                .find(|c| c.method == "sendMessage" && c.at > made)
                .map(|c| c.at)
        })
        .await;
    assert!(
        answered < sent,
        "answered at {answered:?}, the reply went out at {sent:?}"
    );
    assert!(fake.unanswered_callbacks().is_empty());
    assert!(bot.stop().await.success());
}
