//! The handover to a person, end to end: the real binary, the fake Bot API with a forum
//! supergroup for the staff, people in private chats. The offer shows only when the hours
//! are open, someone said `/available` and the person's language is staffed; consent
//! opens a case in a topic with a random label; texts go both ways in order, two cases
//! at once; strangers, talk outside a case and anything but text from staff are not
//! relayed; `/end`, the quick exit, inactivity and a stop end a case and delete its topic;
//! personal data waits for the person's yes; 30 messages in a minute reach the group
//! within Telegram's per-group limit, joined, in order; and no identity crosses.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::support::bot::{BotProcess, Dirs, InProcess, Launch};
use crate::support::fake_api::{BotRights, FakeApi, Kind, Message, User};
use crate::support::files::{files_under, repo};
use crate::support::person::{Exit, Person, text};
use crate::support::staff::Staff;
use jiff::{SignedDuration, Timestamp};

/// The staff group (a forum supergroup).
const GROUP: i64 = -1_001_555_000_111;

/// `[handover]` with `hours` (a `[handover.hours]` body) and staffed `languages`.
fn handover(hours: &str, languages: &str) -> String {
    format!(
        "[handover]\ngroup = {GROUP}\nservice = \"@local-social-services\"\n\
         languages = {languages}\ninactivity_minutes = 5\n\n[handover.hours]\n{hours}\n\n"
    )
}

const ALWAYS: &str = "always = true";
/// Open on no day of the week: every hour is closed.
const NEVER: &str = "mon = []";

/// A copy of the shipped flows with `[handover]` added; the shipped texts.
fn content(dirs: &Dirs, section: &str) -> PathBuf {
    let flows = dirs.content_copy(&repo().join("flows"));
    write_handover(&flows, section);
    flows
}

fn write_handover(flows: &std::path::Path, section: &str) {
    let bot = flows.join("bot.toml");
    let text = std::fs::read_to_string(&bot).unwrap_or_else(|e| panic!("{e}"));
    // The shipped file has a commented example; only a table at the start of a line
    // counts.
    let text = match text.find("\n[handover]").map(|at| at + 1) {
        // Replace an earlier section (a reload) up to the first intent table.
        Some(at) => {
            let end = text[at..]
                .find("[intents.emergency]")
                .map_or(text.len(), |e| at + e);
            format!("{}{section}{}", &text[..at], &text[end..])
        }
        None => text.replacen(
            "[intents.emergency]",
            &format!("{section}[intents.emergency]"),
            1,
        ),
    };
    std::fs::write(&bot, text).unwrap_or_else(|e| panic!("{e}"));
}

async fn start(fake: &FakeApi, dirs: &mut Dirs, flows: PathBuf, log: &str) -> BotProcess {
    start_with(fake, dirs, flows, log, BotRights::admin()).await
}

async fn start_with(
    fake: &FakeApi,
    dirs: &mut Dirs,
    flows: PathBuf,
    log: &str,
    rights: BotRights,
) -> BotProcess {
    fake.create_forum(GROUP, "Staff", Some(rights));
    let launch = Launch {
        flows,
        ..Launch::default()
    }
    .rust_log(log);
    let bot = BotProcess::spawn(fake, dirs, launch);
    bot.wait_polling(fake).await;
    bot
}

/// Walks an English person to the step that offers the handover.
async fn to_talk(person: &Person<'_>, lang: &str) -> crate::support::person::Answer {
    let (start, no, talk) = match lang {
        "sv" => ("/start support_sv", "nej", "prata"),
        _ => ("/start support_en", "no", "talk"),
    };
    person.says(start).await;
    // "No" to "are you in danger?" leads to the phone question, as the button does;
    // "no" again (nobody else looks at this phone) leads on to what the person needs.
    person.says(no).await;
    person.says(no).await;
    let answer = person.says(talk).await;
    assert!(
        answer.says(&text(lang, "selling-talk")),
        "{}",
        answer.text()
    );
    answer
}

fn offers(answer: &crate::support::person::Answer, lang: &str) -> bool {
    answer
        .labels()
        .contains(&text(lang, "handover-offer-button"))
}

/// Says `/available` and waits for the bot's count in the General topic.
async fn available(staff: &Staff<'_>) {
    let id = staff.commands("available");
    staff
        .fake
        .wait_for("the count of available staff", |s| {
            s.chats
                .get(&GROUP)?
                .messages
                .range(id + 1..)
                .find(|(_, m)| {
                    m.from_bot
                        && m.thread.is_none()
                        && m.text
                            .as_deref()
                            .is_some_and(|t| t.starts_with("Tillgängliga nu"))
                })?;
            Some(())
        })
        .await;
}

/// Agrees to the handover from the step that offers it; returns the case's topic id.
async fn consent(fake: &FakeApi, person: &Person<'_>, lang: &str) -> i32 {
    let consent = person.presses(&text(lang, "handover-offer-button")).await;
    assert!(
        consent
            .labels()
            .contains(&text(lang, "handover-consent-button")),
        "{}",
        consent.text()
    );
    let before = fake.read(|s| s.chats.get(&GROUP).map_or(0, |c| c.last_issued()));
    let waiting = person.presses(&text(lang, "handover-consent-button")).await;
    assert!(
        waiting.says(&text(lang, "handover-waiting")),
        "{}",
        waiting.text()
    );
    // The newest topic the bot made after the consent.
    fake.wait_for("a case's topic", |s| {
        s.chats
            .get(&GROUP)?
            .forum
            .as_ref()?
            .values()
            .rev()
            .find(|t| t.by_bot && !t.deleted && t.id > before)
            .map(|t| t.id)
    })
    .await
}

/// Waits until the person's chat has a message from the bot whose text contains `part`.
async fn person_gets(fake: &FakeApi, person: &Person<'_>, part: &str) -> Message {
    let chat = person.chat();
    fake.wait_for(&format!("the person to get {part:?}"), |s| {
        s.chats
            .get(&chat)?
            .messages
            .values()
            .rev()
            .find(|m| m.from_bot && m.text.as_deref().is_some_and(|t| t.contains(part)))
            .cloned()
    })
    .await
}

/// The texts the bot sent into a topic, in order.
fn topic_texts(fake: &FakeApi, thread: i32) -> Vec<String> {
    fake.bot_sent_to_topic(GROUP, thread)
        .into_iter()
        .filter_map(|m| m.text)
        .collect()
}

/// Waits until the texts the bot sent into a topic, joined, contain every part in order.
async fn topic_has(fake: &FakeApi, thread: i32, parts: &[&str]) {
    fake.wait_for(&format!("the topic to hold {parts:?}"), |s| {
        let all: String = s
            .chats
            .get(&GROUP)?
            .messages
            .values()
            .filter(|m| m.from_bot && m.thread == Some(thread))
            .filter_map(|m| m.text.clone())
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut from = 0;
        for part in parts {
            from += all[from..].find(part)? + part.len();
        }
        Some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offer_shows_only_when_open_someone_is_available_and_the_language_is_staffed() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows.clone(), "debug").await;

    let en = Person::new(&fake, User::new(610_001, "Ada").language("en"));
    assert!(
        !offers(&to_talk(&en, "en").await, "en"),
        "nobody is available yet"
    );

    let staff = Staff::join(&fake, GROUP, User::new(920_001, "Counsellor"));
    available(&staff).await;
    assert!(offers(&to_talk(&en, "en").await, "en"));
    let sv = Person::new(&fake, User::new(610_002, "Bea").language("sv"));
    assert!(
        !offers(&to_talk(&sv, "sv").await, "sv"),
        "Swedish is not staffed"
    );

    // The hours close (a reload): no offer, although someone is available.
    write_handover(&flows, &handover(NEVER, "[\"en\"]"));
    bot.hangup();
    dirs.wait_output("new flows in service").await;
    assert!(!offers(&to_talk(&en, "en").await, "en"), "closed");

    // /away: nobody is available any more.
    write_handover(&flows, &handover(ALWAYS, "[\"en\", \"sv\"]"));
    bot.hangup();
    while dirs.output().matches("new flows in service").count() < 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(offers(&to_talk(&sv, "sv").await, "sv"));
    let id = staff.commands("away");
    staff.bot_posts_after(id, None).await;
    assert!(!offers(&to_talk(&sv, "sv").await, "sv"));
    assert!(bot.stop().await.success());
}

/// Starts the bot in a staff group where it lacks `rights`, and checks that it says so
/// and offers no handover although someone is available.
async fn no_offer_without(
    fake: &FakeApi,
    dirs: &mut Dirs,
    rights: BotRights,
    user: i64,
) -> BotProcess {
    let flows = content(dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start_with(fake, dirs, flows, "info", rights).await;
    dirs.wait_output("not an administrator with the rights to manage topics and delete messages")
        .await;
    let staff = Staff::join(fake, GROUP, User::new(920_000 + user, "Counsellor"));
    staff.commands("available");
    let en = Person::new(fake, User::new(660_000 + user, "Ada").language("en"));
    assert!(!offers(&to_talk(&en, "en").await, "en"));
    bot
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_right_to_manage_topics_no_handover_is_offered_and_other_groups_are_still_left()
{
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = no_offer_without(&fake, &mut dirs, BotRights::without_manage_topics(), 6).await;
    // The bot stays in the staff group all the same, and leaves any other group as soon
    // as something is written there.
    const OTHER: i64 = -1_001_555_000_999;
    fake.create_forum(OTHER, "Elsewhere", Some(BotRights::admin()));
    fake.staff_text(&User::new(920_007, "Someone"), OTHER, None, "hello bot");
    fake.wait_for("the bot to leave the other group", |s| {
        (!s.chats.get(&OTHER)?.bot_member).then_some(())
    })
    .await;
    assert!(fake.read(|s| s.chats.get(&GROUP).is_some_and(|c| c.bot_member)));
    assert!(bot.stop().await.success());
}

/// Deleting a topic that staff wrote in needs the right to delete messages: without it
/// no case is opened either, since its topic could not be deleted at its end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_right_to_delete_messages_no_handover_is_offered() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = no_offer_without(&fake, &mut dirs, BotRights::without_delete_messages(), 8).await;
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_cases_relay_both_ways_in_order_and_only_texts_of_members_inside_a_case() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\", \"sv\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_002, "Counsellor"));
    available(&staff).await;

    let ada = Person::new(&fake, User::new(620_001, "Ada").language("en"));
    let bea = Person::new(&fake, User::new(620_002, "Bea").language("sv"));
    to_talk(&ada, "en").await;
    let ada_topic = consent(&fake, &ada, "en").await;
    to_talk(&bea, "sv").await;
    let bea_topic = consent(&fake, &bea, "sv").await;
    assert_ne!(ada_topic, bea_topic);

    // Each topic: a random label with the language and the flow, never the chat; its
    // first message says the language and the steps, nothing the person typed.
    let topics = fake.live_topics(GROUP);
    let name = |id: i32| {
        topics
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    assert!(
        name(ada_topic).ends_with(" · en · selling"),
        "{}",
        name(ada_topic)
    );
    assert!(
        name(bea_topic).ends_with(" · sv · selling"),
        "{}",
        name(bea_topic)
    );
    assert!(!name(ada_topic).contains("620001"));
    topic_has(
        &fake,
        ada_topic,
        &["Språk: en", "selling/needs → selling/talk"],
    )
    .await;

    // Both ways, in order, two cases at once.
    for i in 1..=3 {
        fake.send_text(&ada.user, &format!("ada {i}"));
        fake.send_text(&bea.user, &format!("bea {i}"));
    }
    topic_has(&fake, ada_topic, &["ada 1", "ada 2", "ada 3"]).await;
    topic_has(&fake, bea_topic, &["bea 1", "bea 2", "bea 3"]).await;
    assert!(!topic_texts(&fake, ada_topic).join(" ").contains("bea"));
    staff.says_in(ada_topic, "hello Ada, one");
    staff.says_in(bea_topic, "hello Bea");
    staff.says_in(ada_topic, "and two");
    let two = person_gets(&fake, &ada, "and two").await;
    let one = person_gets(&fake, &ada, "hello Ada, one").await;
    assert!(one.id < two.id);
    person_gets(&fake, &bea, "hello Bea").await;
    assert!(
        !ada.chat_now()
            .iter()
            .any(|m| m.text.as_deref() == Some("hello Bea"))
    );

    // Not relayed: a stranger in the topic, staff talk in the General topic, and
    // anything but text (the staff are told in the topic).
    let stranger = Staff::stranger(&fake, GROUP, User::new(920_099, "Stranger"));
    stranger.says_in(ada_topic, "stranger says hi");
    staff.says("general talk among staff");
    let photo = staff.sends_in(ada_topic, Kind::Photo);
    let refused = staff.bot_posts_after(photo, Some(ada_topic)).await;
    assert!(
        refused
            .iter()
            .any(|m| m.text.as_deref() == Some(&*text("sv", "handover-staff-only-text")))
    );
    staff.says_in(ada_topic, "after the photo");
    person_gets(&fake, &ada, "after the photo").await;
    for message in ada.chat_now() {
        let said = message.text.unwrap_or_default();
        assert!(
            !said.contains("stranger") && !said.contains("general talk"),
            "{said}"
        );
    }
    // The person's own non-text is refused kindly and not relayed.
    let sticker = ada.sends(Kind::Sticker).await;
    assert!(
        sticker.says(&text("en", "handover-only-text")),
        "{}",
        sticker.text()
    );

    // /end: the person is told, the staff told by label, the topic deleted.
    staff.says_in(
        ada_topic,
        &format!("/end@{}", crate::support::fake_api::BOT_USERNAME),
    );
    person_gets(&fake, &ada, &text("en", "handover-ended-staff")).await;
    fake.wait_topic_deleted(GROUP, ada_topic).await;
    // A text after the case is the flows' again, not relayed.
    let after = ada.says("hello?").await;
    assert!(!after.text().is_empty());
    assert_eq!(
        topic_texts(&fake, ada_topic)
            .iter()
            .filter(|t| t.contains("hello?"))
            .count(),
        0
    );

    // The quick exit ends Bea's case: "the person left", the topic deleted.
    bea.exits(Exit::Presses(&text("sv", "button-exit"))).await;
    fake.wait_topic_deleted(GROUP, bea_topic).await;
    let label = name(bea_topic);
    fake.wait_for("the staff to be told the person left", |s| {
        s.chats
            .get(&GROUP)?
            .messages
            .values()
            .find(|m| {
                m.from_bot
                    && m.thread.is_none()
                    && m.text
                        .as_deref()
                        .is_some_and(|t| t.contains(&label) && t.contains("gick"))
            })
            .map(|_| ())
    })
    .await;
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_data_waits_for_the_persons_yes_and_a_stop_ends_the_case_on_both_sides() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_003, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(630_001, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;

    // Held back and deleted from the chat; "no" drops it.
    let first = fake.send_text(&ada.user, "call me on 070-123 45 67");
    let told = ada.deleted_and_told(first, first).await;
    assert!(
        told.iter()
            .any(|m| m.text.as_deref() == Some(&*text("en", "handover-personal-held")))
    );
    ada.presses(&text("en", "handover-personal-drop")).await;
    // "Yes" passes it on.
    let second = fake.send_text(&ada.user, "my mail is ada@example.org");
    let told = ada.deleted_and_told(second, second).await;
    assert!(
        told.iter()
            .any(|m| m.text.as_deref() == Some(&*text("en", "handover-personal-held")))
    );
    ada.presses(&text("en", "handover-personal-send")).await;
    topic_has(&fake, topic, &["my mail is ada@example.org"]).await;
    assert!(!topic_texts(&fake, topic).join(" ").contains("070-123"));

    // A stop ends the case: the person told, the staff told, the topic deleted; only
    // counts of the handover stay, in the day's statistics.
    let label = fake
        .topics(GROUP)
        .into_iter()
        .find(|t| t.id == topic)
        .map(|t| t.name)
        .unwrap_or_default();
    assert!(bot.stop().await.success());
    person_gets(&fake, &ada, &text("en", "handover-ended-restart")).await;
    assert!(fake.deleted_topics(GROUP).iter().any(|t| t.id == topic));
    let general: Vec<String> = fake.read(|s| {
        s.chats.get(&GROUP).map_or(Vec::new(), |c| {
            c.messages
                .values()
                .filter(|m| m.from_bot && m.thread.is_none())
                .filter_map(|m| m.text.clone())
                .collect()
        })
    });
    assert!(
        general
            .iter()
            .any(|t| t.contains(&label) && t.contains("slut")),
        "{general:?}"
    );
    // The day under way is not written at a stop: its counts wait, sealed, beside the
    // key file, and are taken back at the next start.
    let config = signpost::store::StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: signpost::store::Ttl::default(),
    };
    let sessions = signpost::store::Sessions::open(&config, jiff::Timestamp::now())
        .unwrap_or_else(|e| panic!("{e}"));
    let stats = format!("{:?}", sessions.statistics().unwritten());
    for event in ["offered", "accepted", "ended-restart"] {
        assert!(stats.contains(event), "no count of {event}: {stats}");
    }
    assert!(!stats.contains("example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_messages_in_a_minute_reach_the_group_within_the_limit_joined_and_in_order() {
    let fake = FakeApi::start().await;
    fake.limit_group_sends();
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_004, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(640_001, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;

    for i in 1..=30 {
        fake.send_text(&ada.user, &format!("line {i:02}"));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let expected: Vec<String> = (1..=30).map(|i| format!("line {i:02}")).collect();
    let parts: Vec<&str> = expected.iter().map(String::as_str).collect();
    topic_has(&fake, topic, &parts).await;
    let sent = topic_texts(&fake, topic);
    assert!(sent.len() < 31, "not joined: {} messages", sent.len());
    assert!(
        sent.iter().any(|t| t.contains("line 29\n\nline 30")),
        "{sent:?}"
    );
    assert!(fake.most_group_sends_within(GROUP, Duration::from_secs(60)) <= 20);
    // Told once that their messages wait a moment.
    let delayed = ada
        .chat_now()
        .iter()
        .filter(|m| m.text.as_deref() == Some(&*text("en", "handover-delayed")))
        .count();
    assert_eq!(delayed, 1);
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_identity_crosses_either_way_and_nothing_of_it_is_kept_or_logged() {
    const ID: i64 = 7_318_406_215_093;
    const USERNAME: &str = "qz_canary_handle";
    const FIRST: &str = "Quxwellyn";
    const LAST: &str = "Brasktrudd";
    const STAFF_ID: i64 = 5_902_771_344_118;
    const STAFF_NAME: &str = "Staffordine";
    const STAFF_USERNAME: &str = "zz_staff_handle";
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "trace").await;
    let staff = Staff::join(
        &fake,
        GROUP,
        User::new(STAFF_ID, STAFF_NAME)
            .last_name("Kelvorsen")
            .username(STAFF_USERNAME),
    );
    available(&staff).await;
    let person = Person::new(
        &fake,
        User::new(ID, FIRST)
            .last_name(LAST)
            .username(USERNAME)
            .language("en"),
    );
    to_talk(&person, "en").await;
    let topic = consent(&fake, &person, "en").await;
    fake.send_text(&person.user, "hello, can you help");
    topic_has(&fake, topic, &["hello, can you help"]).await;
    staff.says_in(topic, "yes, I am here to help");
    person_gets(&fake, &person, "yes, I am here to help").await;
    let sent_to_group: Vec<String> = fake
        .read(|s| {
            s.chats.get(&GROUP).map(|c| {
                c.messages
                    .values()
                    .filter(|m| m.from_bot)
                    .filter_map(|m| m.text.clone())
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default();
    let topic_names: Vec<String> = fake.topics(GROUP).into_iter().map(|t| t.name).collect();
    assert!(bot.stop().await.success());

    let person_needles: Vec<Vec<u8>> = vec![
        ID.to_string().into_bytes(),
        ID.to_le_bytes().to_vec(),
        ID.to_be_bytes().to_vec(),
        USERNAME.as_bytes().to_vec(),
        FIRST.as_bytes().to_vec(),
        LAST.as_bytes().to_vec(),
    ];
    let holds = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    for sent in sent_to_group.iter().chain(&topic_names) {
        for needle in &person_needles {
            assert!(!holds(sent.as_bytes(), needle), "the group got {sent:?}");
        }
    }
    for path in files_under(&dirs.data()) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for needle in &person_needles {
            assert!(
                !holds(&bytes, needle),
                "{} holds the person",
                path.display()
            );
        }
        assert!(
            !holds(&bytes, b"can you help"),
            "{} holds a relayed text",
            path.display()
        );
    }
    let output = dirs.output();
    assert!(
        output.contains("TRACE") || output.contains("trace"),
        "not at trace level"
    );
    for needle in &person_needles {
        assert!(
            !holds(output.as_bytes(), needle),
            "the log holds the person"
        );
    }
    for needle in [
        STAFF_ID.to_string(),
        STAFF_NAME.into(),
        STAFF_USERNAME.into(),
        "Kelvorsen".into(),
    ] {
        assert!(!output.contains(&needle), "the log holds the staff member");
        for message in person.chat_now() {
            let said = message.text.unwrap_or_default();
            assert!(!said.contains(&needle), "the person got {said:?}");
        }
    }
}

/// Inactivity, with the bot in this process and a clock the test moves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_without_messages_for_the_limit_ends_on_both_sides() {
    use signpost::telegram::ops::clock::ManualClock;

    let fake = FakeApi::start().await;
    fake.create_forum(GROUP, "Staff", Some(BotRights::admin()));
    let dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let locales = repo().join("locales");
    let start_at: Timestamp = "2026-11-30T09:00:00Z"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let clock = Arc::new(ManualClock::new(start_at));
    let bot = InProcess::start(&fake, &dirs, &flows, &locales, clock.clone());

    let staff = Staff::join(&fake, GROUP, User::new(920_005, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(650_001, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;
    fake.send_text(&ada.user, "are you there");
    topic_has(&fake, topic, &["are you there"]).await;

    clock.advance(SignedDuration::from_mins(4));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        fake.live_topics(GROUP).iter().any(|t| t.id == topic),
        "ended too early"
    );
    clock.advance(SignedDuration::from_mins(2));
    person_gets(&fake, &ada, &text("en", "handover-ended-inactive")).await;
    fake.wait_topic_deleted(GROUP, topic).await;

    bot.stop().await;
}

/// The terminal chat does not play the handover, and says so in its help.
#[test]
fn the_terminal_chat_says_why_it_has_no_handover() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["chat", "--help"])
        .output()
        .unwrap_or_else(|e| panic!("the binary runs: {e}"));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        help.contains("The handover to a person is never offered here"),
        "{help}"
    );
}

/// H1 (issue 21): in a case, staff write, the person writes two texts (relayed, never
/// answered by the flows) and then presses Exit on the staff message, above their own
/// words: every message goes, and the farewell that says so is true.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_pressed_on_a_staff_message_deletes_the_persons_later_texts_too() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_021, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_001, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;

    staff.says_in(topic, "hello, I am here");
    let from_staff = person_gets(&fake, &ada, "hello, I am here").await;
    let exit = text("en", "button-exit");
    let Some(data) = from_staff.data_of(&exit).map(str::to_string) else {
        panic!("no Exit button under the staff message: {from_staff:?}");
    };
    let first = fake.send_text(&ada.user, "my first words");
    let second = fake.send_text(&ada.user, "my second words");
    topic_has(&fake, topic, &["my first words", "my second words"]).await;
    assert!(first > from_staff.id && second > first);

    // The farewell is looked for by its text: a notice of the relay ("your message
    // waits a moment") may still be on its way when the button is pressed.
    let before = ada.newest_id();
    fake.press(&ada.user, from_staff.id, &data);
    let chat = ada.user.id;
    let farewell = text("en", "exit-done");
    let left = fake
        .wait_for("the quick exit's farewell", |s| {
            let c = s.chats.get(&chat)?;
            c.messages
                .range(before + 1..)
                .any(|(_, m)| m.from_bot && m.text() == farewell)
                .then(|| c.present())
        })
        .await;
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0].text(), text("en", "exit-done"));
    fake.wait_topic_deleted(GROUP, topic).await;
    assert!(bot.stop().await.success());
}

/// H2 (issue 21): words of danger or fear in a case show the emergency card and reach
/// the staff, marked; the case goes on (they count as the person's activity), and a
/// sentence that merely holds an exit word is relayed, not taken for the quick exit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_urgent_word_in_a_case_shows_the_emergency_card_and_reaches_the_topic() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_022, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_002, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;

    // The card for words of fear: emergency help and the lines open day and night.
    // (The relay may first say that the message waits a moment: the card is looked
    // for among all that comes.)
    fake.send_text(&ada.user, "I am scared he will find me tonight");
    let card = person_gets(&fake, &ada, "Phone: 112").await;
    assert!(card.text().contains("call 112"), "{}", card.text());
    let mark = text("sv", "handover-staff-urgent");
    topic_has(
        &fake,
        topic,
        &[mark.as_str(), "I am scared he will find me tonight"],
    )
    .await;
    fake.send_text(&ada.user, "I want him to stop");
    topic_has(&fake, topic, &["I want him to stop"]).await;
    assert!(
        fake.live_topics(GROUP).iter().any(|t| t.id == topic),
        "the case ended"
    );
    // The staff still reach the person.
    staff.says_in(topic, "we are here, you did right");
    person_gets(&fake, &ada, "we are here, you did right").await;
    assert!(bot.stop().await.success());
}

/// M3 (issue 21): the bot is killed (`kill -9`) while two cases are open. At the next
/// start their topics are deleted and the staff told, and each person's next message is
/// answered with the end of the conversation with a person, not "I did not understand".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_during_two_cases_their_topics_go_and_each_person_is_told() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\", \"sv\"]"));
    let bot = start(&fake, &mut dirs, flows.clone(), "info").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_023, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_003, "Ada").language("en"));
    let bea = Person::new(&fake, User::new(670_004, "Bea").language("sv"));
    to_talk(&ada, "en").await;
    let ada_topic = consent(&fake, &ada, "en").await;
    to_talk(&bea, "sv").await;
    let bea_topic = consent(&fake, &bea, "sv").await;
    let cid = Person::new(&fake, User::new(670_010, "Cid").language("en"));
    to_talk(&cid, "en").await;
    let cid_topic = consent(&fake, &cid, "en").await;
    topic_has(&fake, cid_topic, &["Språk: en"]).await;
    fake.send_text(&ada.user, "ada before the crash");
    topic_has(&fake, ada_topic, &["ada before the crash"]).await;
    // A case's first message goes into its topic once the case is kept in the store.
    topic_has(&fake, bea_topic, &["Språk: sv"]).await;
    bot.kill().await;
    let live = fake.live_topics(GROUP);
    assert!(live.iter().any(|t| t.id == ada_topic) && live.iter().any(|t| t.id == bea_topic));

    let restarts_before = restart_notices(&fake);
    let launch = Launch {
        flows,
        ..Launch::default()
    }
    .rust_log("info");
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    bot.wait_polling(&fake).await;
    fake.wait_topic_deleted(GROUP, ada_topic).await;
    fake.wait_topic_deleted(GROUP, bea_topic).await;
    fake.wait_for("the staff to be told", |s| {
        (restart_notices_in(s) > restarts_before).then_some(())
    })
    .await;

    for (person, lang) in [(&ada, "en"), (&bea, "sv")] {
        let before = person.newest_id();
        fake.send_text(&person.user, "hello, are you still there?");
        let ended = text(lang, "handover-ended-restart");
        let told = person_gets(&fake, person, &ended).await;
        assert!(told.id > before);
        let not_understood = text(lang, "understanding-not-understood");
        assert!(
            !person
                .chat_now()
                .iter()
                .any(|m| m.id > before && m.text().contains(&not_understood)),
            "{lang}: answered as not understood"
        );
    }
    // The marks are gone: a next message is the flows' again.
    let again = ada.says("/start").await;
    assert!(!again.contains(&text("en", "handover-ended-restart")));
    // The third person leaves by the Exit button before writing again: their mark goes
    // with the rest of the conversation.
    let left = cid.exits(Exit::Presses(&text("en", "button-exit"))).await;
    assert_eq!(left.len(), 1, "{left:#?}");
    fake.wait_topic_deleted(GROUP, cid_topic).await;
    assert!(bot.stop().await.success());
    let config = signpost::store::StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: signpost::store::Ttl::default(),
    };
    let sessions = signpost::store::Sessions::open(&config, Timestamp::now())
        .unwrap_or_else(|e| panic!("the bot's store does not open: {e}"));
    for person in [&ada, &bea, &cid] {
        assert_eq!(
            sessions
                .unmark_in_case(person.chat(), Timestamp::now())
                .ok(),
            Some(false),
            "a mark was left"
        );
    }
    assert_eq!(
        sessions.open_topics(Timestamp::now()).ok(),
        Some(Vec::new())
    );
}

fn restart_notices_in(s: &crate::support::fake_api::State) -> usize {
    let notice = text("sv", "handover-staff-restart");
    s.chats.get(&GROUP).map_or(0, |c| {
        c.messages
            .values()
            .filter(|m| m.from_bot && m.thread.is_none() && m.text() == notice)
            .count()
    })
}

fn restart_notices(fake: &FakeApi) -> usize {
    fake.read(restart_notices_in)
}

/// M4 (issue 21): two cases, one person floods long texts; the other's first line is
/// sent into the group after at most one of the flood's messages (the topics take
/// turns), and the flooding person is told once that their newest messages were not
/// passed on (their case holds so many).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_flooding_case_delays_another_by_one_message_at_most() {
    let fake = FakeApi::start().await;
    fake.limit_group_sends();
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_024, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_005, "Ada").language("en"));
    let bea = Person::new(&fake, User::new(670_006, "Bea").language("en"));
    to_talk(&ada, "en").await;
    let ada_topic = consent(&fake, &ada, "en").await;
    to_talk(&bea, "en").await;
    let bea_topic = consent(&fake, &bea, "en").await;

    // Twelve texts too long to be joined: more than a case holds.
    for i in 0..12 {
        fake.send_text(&ada.user, &format!("ada {i:02} {}", "x".repeat(3000)));
    }
    let capped = text("en", "handover-capped");
    person_gets(&fake, &ada, &capped).await;
    let before = fake.read(|s| s.chats.get(&GROUP).map_or(0, |c| c.last_issued()));
    fake.send_text(&bea.user, "bea first line");
    topic_has(&fake, bea_topic, &["bea first line"]).await;
    let (ada_between, sent_before) = fake.read(|s| {
        let Some(c) = s.chats.get(&GROUP) else {
            return (usize::MAX, 0);
        };
        let bea_line = c
            .messages
            .values()
            .find(|m| m.thread == Some(bea_topic) && m.text().contains("bea first line"))
            .map_or(i32::MAX, |m| m.id);
        let ada_sent = |range: std::ops::Range<i32>| {
            c.messages
                .range(range)
                .filter(|(_, m)| m.from_bot && m.thread == Some(ada_topic))
                .count()
        };
        (ada_sent(before + 1..bea_line), ada_sent(0..before + 1))
    });
    assert!(
        ada_between <= 1,
        "{ada_between} of the flood's messages went before the other case's first line \
         ({sent_before} had gone before it was written)"
    );
    let told = ada.chat_now().iter().filter(|m| m.text() == capped).count();
    assert_eq!(told, 1);
    assert!(fake.most_group_sends_within(GROUP, Duration::from_secs(60)) <= 20);
    assert!(bot.stop().await.success());
}

/// Issue 21 (lower): the person blocking the bot ends their case ("the person left", the
/// topic deleted); and everything the bot sends into the staff group is protected from
/// forwarding and saving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_the_bot_ends_the_case_and_the_group_gets_only_protected_messages() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_025, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_007, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;
    fake.send_text(&ada.user, "a text for the staff");
    topic_has(&fake, topic, &["a text for the staff"]).await;
    let label = name_of(&fake, topic);

    fake.blocks_bot(&ada.user);
    fake.wait_topic_deleted(GROUP, topic).await;
    fake.wait_for("the staff to be told the person left", |s| {
        s.chats
            .get(&GROUP)?
            .messages
            .values()
            .find(|m| m.from_bot && m.thread.is_none() && m.text().contains(&label))
            .map(|_| ())
    })
    .await;
    assert!(bot.stop().await.success());
    let unprotected: Vec<String> = fake
        .calls("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"].as_i64() == Some(GROUP))
        .filter(|c| c.params["protect_content"].as_bool() != Some(true))
        .map(|c| c.params["text"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(unprotected.is_empty(), "{unprotected:#?}");
}

fn name_of(fake: &FakeApi, topic: i32) -> String {
    fake.topics(GROUP)
        .into_iter()
        .find(|t| t.id == topic)
        .map(|t| t.name)
        .unwrap_or_default()
}

/// Issue 21 (lower): a staff member's edit of a text in the topic reaches the copy the
/// person got.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_edit_in_the_topic_is_carried_over_to_the_person() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let counsellor = User::new(920_026, "Counsellor");
    let staff = Staff::join(&fake, GROUP, counsellor.clone());
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_008, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;
    let said = staff.says_in(topic, "we meet at tuesday");
    let copy = person_gets(&fake, &ada, "we meet at tuesday").await;
    fake.staff_edits(&counsellor, GROUP, topic, said, "we meet on Wednesday");
    let chat = ada.chat();
    let edited = fake
        .wait_for("the person's copy to be edited", |s| {
            let m = s.chats.get(&chat)?.messages.get(&copy.id)?;
            (m.edited && m.text() == "we meet on Wednesday").then(|| m.clone())
        })
        .await;
    // Still with the emergency and exit buttons.
    assert_eq!(edited.labels(), copy.labels());
    assert!(bot.stop().await.success());
}

/// Issue 21 (lower): with `staff = [...]` in `[handover]`, only the listed staff are
/// heard in a case's topic; another member of the group is not relayed, and cannot end
/// the case.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_staff_list_only_the_listed_staff_answer() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let listed = User::new(920_027, "Listed");
    let section = handover(ALWAYS, "[\"en\"]").replace(
        "inactivity_minutes = 5\n",
        &format!("inactivity_minutes = 5\nstaff = [{}]\n", listed.id),
    );
    let flows = content(&dirs, &section);
    let bot = start(&fake, &mut dirs, flows, "debug").await;
    let other = Staff::join(&fake, GROUP, User::new(920_028, "Member"));
    other.commands("available");
    let staff = Staff::join(&fake, GROUP, listed);
    available(&staff).await;
    let ada = Person::new(&fake, User::new(670_009, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;
    other.says_in(topic, "zebra words from a member off the list");
    other.says_in(topic, "/end");
    staff.says_in(topic, "from the listed staff");
    person_gets(&fake, &ada, "from the listed staff").await;
    assert!(
        !ada.chat_now()
            .iter()
            .any(|m| m.text().contains("zebra words")),
        "a member not listed was relayed: {:#?}",
        ada.chat_now()
            .iter()
            .map(|m| m.text().to_string())
            .collect::<Vec<_>>()
    );
    assert!(fake.live_topics(GROUP).iter().any(|t| t.id == topic));
    assert!(bot.stop().await.success());
}

/// The texts the bot sent into the General topic of the staff group, in order.
fn general_texts(fake: &FakeApi) -> Vec<String> {
    fake.read(|s| {
        s.chats.get(&GROUP).map_or(Vec::new(), |c| {
            c.messages
                .values()
                .filter(|m| m.from_bot && m.thread.is_none())
                .filter_map(|m| m.text.clone())
                .collect()
        })
    })
}

/// Issue 24: a reload that takes `[handover]` out of the flows ends the open case on both
/// sides, as a stop does (the person told, the staff told by label, the topic deleted),
/// and the person's next text is the flows' again, not relayed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_without_handover_ends_the_open_case_on_both_sides() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows.clone(), "info").await;
    let staff = Staff::join(&fake, GROUP, User::new(920_041, "Counsellor"));
    available(&staff).await;
    let ada = Person::new(&fake, User::new(680_001, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;
    fake.send_text(&ada.user, "before the reload");
    topic_has(&fake, topic, &["before the reload"]).await;
    let label = name_of(&fake, topic);

    write_handover(&flows, "");
    bot.hangup();
    dirs.wait_output("new flows in service").await;
    person_gets(&fake, &ada, &text("en", "handover-ended-restart")).await;
    fake.wait_topic_deleted(GROUP, topic).await;
    fake.wait_for("the staff to be told the case ended", |s| {
        s.chats
            .get(&GROUP)?
            .messages
            .values()
            .find(|m| m.from_bot && m.thread.is_none() && m.text().contains(&label))
            .map(|_| ())
    })
    .await;
    assert!(
        dirs.output().contains("[handover] was removed"),
        "{}",
        dirs.output()
    );

    // The flows answer the person again; nothing more reaches the group.
    let sent_to_group = |fake: &FakeApi| {
        fake.calls("sendMessage")
            .iter()
            .filter(|c| c.params["chat_id"].as_i64() == Some(GROUP))
            .count()
    };
    let before = sent_to_group(&fake);
    let answer = ada.says("/start").await;
    assert!(
        answer.says(&text("en", "menu-welcome")),
        "{}",
        answer.text()
    );
    fake.send_text(&ada.user, "after the reload");
    ada.says("/start").await;
    assert_eq!(sent_to_group(&fake), before, "{:?}", general_texts(&fake));
    assert!(bot.stop().await.success());
}

/// Issue 24: a reload that names another staff group does not move cases into a group
/// whose rights were never checked: the log says the change waits for a restart, and a
/// case opened after it goes into the group checked at start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_naming_another_group_waits_for_a_restart() {
    const OTHER: i64 = -1_001_555_000_222;
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let flows = content(&dirs, &handover(ALWAYS, "[\"en\"]"));
    let bot = start(&fake, &mut dirs, flows.clone(), "info").await;
    // The other group exists, the bot is in it, but without any right.
    fake.create_forum(OTHER, "Elsewhere", None);
    let staff = Staff::join(&fake, GROUP, User::new(920_042, "Counsellor"));
    available(&staff).await;

    let moved = handover(ALWAYS, "[\"en\"]").replace(&GROUP.to_string(), &OTHER.to_string());
    write_handover(&flows, &moved);
    bot.hangup();
    dirs.wait_output("the change waits for a restart").await;

    let ada = Person::new(&fake, User::new(680_002, "Ada").language("en"));
    to_talk(&ada, "en").await;
    let topic = consent(&fake, &ada, "en").await;
    fake.send_text(&ada.user, "after the change");
    topic_has(&fake, topic, &["after the change"]).await;
    let elsewhere: Vec<String> = fake
        .all_calls()
        .iter()
        .filter(|c| c.params["chat_id"].as_i64() == Some(OTHER))
        .map(|c| c.method.clone())
        .collect();
    assert!(
        elsewhere.is_empty(),
        "calls into the other group: {elsewhere:?}"
    );
    assert!(bot.stop().await.success());
}
