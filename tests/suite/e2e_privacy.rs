//! The privacy canary: a person with a distinctive user id, username and names talks to
//! the real bot (logging at trace level) through every kind of update, types their own
//! name and personal data, uses a deep link, joins the bot to a group; then every byte of
//! the data folder, the key file's folder and everything the bot printed is searched for
//! the id (in decimal and as 8-byte little- and big-endian) and the names. Zero hits,
//! before and after the session has expired.

use jiff::{SignedDuration, Timestamp};
use signpost::store::{Copies, SessionStore, Sessions, SledStore, StoreConfig, Ttl, sessions_dir};

use crate::support::bot::{BotProcess, Dirs, Launch};
use crate::support::fake_api::{FakeApi, Kind, User};
use crate::support::files::files_under;
use crate::support::person::{CONTENT, Exit, Person, text};

const CANARY_ID: i64 = 7_318_406_215_093;
const USERNAME: &str = "qz_canary_handle";
const FIRST_NAME: &str = "Quxwellyn";
const LAST_NAME: &str = "Brasktrudd";
const DEEP_LINK: &str = "buyer_en";

fn needles() -> Vec<(String, Vec<u8>)> {
    vec![
        ("id in decimal".into(), CANARY_ID.to_string().into_bytes()),
        ("id little-endian".into(), CANARY_ID.to_le_bytes().to_vec()),
        ("id big-endian".into(), CANARY_ID.to_be_bytes().to_vec()),
        ("username".into(), USERNAME.as_bytes().to_vec()),
        ("first name".into(), FIRST_NAME.as_bytes().to_vec()),
        (
            "first name, lower case".into(),
            FIRST_NAME.to_lowercase().into_bytes(),
        ),
        ("last name".into(), LAST_NAME.as_bytes().to_vec()),
        ("the deep link code".into(), DEEP_LINK.as_bytes().to_vec()),
        (
            "a typed e-mail address".into(),
            b"quxwellyn@example.org".to_vec(),
        ),
    ]
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every hit of a canary value: (where, what).
fn scan(dirs: &Dirs, with_output: bool) -> Vec<(String, String)> {
    let mut places: Vec<(String, Vec<u8>)> = files_under(&dirs.data())
        .into_iter()
        .chain(files_under(&dirs.keys()))
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_default();
            (path.display().to_string(), bytes)
        })
        .collect();
    if with_output {
        places.push(("the bot's output".into(), dirs.output().into_bytes()));
    }
    let mut hits = Vec::new();
    for (place, bytes) in &places {
        for (what, needle) in needles() {
            if find(bytes, &needle) {
                hits.push((place.clone(), what));
            }
        }
    }
    hits
}

async fn converse(fake: &FakeApi, person: &Person<'_>) {
    person.says(&format!("/start {DEEP_LINK}")).await;
    person.presses(&text("en", "buyer-choice-where")).await;
    person
        .says(&format!("hi, I am {FIRST_NAME} {LAST_NAME}, @{USERNAME}"))
        .await;
    person.says("mail me at quxwellyn@example.org").await;
    person.sends(Kind::Photo).await;
    let before = person.newest_id();
    let contact = fake.send_media(&person.user, Kind::Contact, None);
    person.deleted_and_told(contact, before).await;
    let typed = person.last_own_message();
    if typed > 0 {
        person.edits(typed, FIRST_NAME);
    }
    person.says("/language").await;
    person.presses(&text("sv", "language-name")).await;
    person.says("/privacy").await;
    person.presses_data(1, "forged").await;
    fake.add_to_group(&person.user, -100_123_456);
    fake.group_text(
        &person.user,
        -100_123_456,
        &format!("{FIRST_NAME} in a group"),
    );
    person.exits(Exit::Says("/exit")).await;
    // A new conversation (in the phone's language again), left open: a live session is
    // on disk at the first scan.
    person.says(&format!("hello, {FIRST_NAME} again")).await;
    person.presses(&text("en", "menu-choice-selling")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_trace_of_the_person_in_the_data_the_keys_or_the_logs() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::spawn(&fake, &mut dirs, Launch::default().rust_log("trace"));
    bot.wait_polling(&fake).await;
    let user = User::new(CANARY_ID, FIRST_NAME)
        .last_name(LAST_NAME)
        .username(USERNAME)
        .language("en");
    let person = Person::new(&fake, user);
    converse(&fake, &person).await;
    fake.wait_for("the bot to leave the group", |s| {
        s.chats
            .get(&-100_123_456)
            .is_some_and(|c| !c.bot_member)
            .then_some(())
    })
    .await;
    assert!(bot.stop().await.success());

    // The scan means something only if the bot wrote and logged while it ran.
    assert!(!files_under(&dirs.data()).is_empty());
    assert!(dirs.key_file().exists());
    let output = dirs.output();
    assert!(
        output.contains("TRACE") || output.contains("DEBUG"),
        "{output}"
    );
    assert_eq!(scan(&dirs, true), Vec::<(String, String)>::new());

    // Expiry and key rotation, as the bot's maintenance would do them hours later. The
    // bot ran on the system clock, so the store is opened on it too.
    let config = StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: Ttl::default(),
    };
    let start = Timestamp::now();
    let sessions = Sessions::open(&config, start).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        sessions.session_count().ok(),
        Some(1),
        "the open conversation"
    );
    for lifetimes in 1..=3 {
        let later = start
            .checked_add(SignedDuration::from_hours(
                Ttl::default().hours() * lifetimes + 1,
            ))
            .unwrap_or(start);
        if let Err(e) = sessions.maintain(later) {
            panic!("maintenance failed: {e}");
        }
    }
    assert_eq!(sessions.session_count().ok(), Some(0));
    let _ = sessions.flush();
    drop(sessions);
    assert_eq!(scan(&dirs, true), Vec::<(String, String)>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_data_after_a_command_in_a_caption_and_in_an_edit_is_deleted() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_001, "Ines").language("sv"));
    let notice = text("sv", "personal-data-notice");
    person.says("/start").await;
    let present = |id: i32| person.chat_now().iter().any(|m| m.id == id);

    // After a command: the message goes, and the command is still carried out.
    let sos = person.says("/sos ring mig på 070-765 43 21").await;
    let command = person.last_own_message_including_deleted(&sos);
    assert!(sos.says(&notice), "{}", sos.text());
    assert!(sos.says(&text("sv", "emergency-text")), "{}", sos.text());
    assert!(
        !present(command),
        "the command with a number is still in the chat"
    );

    // In a caption.
    let before = person.newest_id();
    let captioned = person
        .sends_captioned(Kind::Photo, "min mejl är ines@example.org")
        .await;
    assert!(captioned.says(&notice), "{}", captioned.text());
    assert!(
        !present(before + 1),
        "the picture with an address is still in the chat"
    );

    // In an edit: the message goes, the person is told, and no step is shown.
    let typed = person.says("hej").await;
    let hello = person.last_own_message_including_deleted(&typed);
    let before = person.newest_id();
    person.edits(hello, "ring 070-765 43 21");
    let told = person.deleted_and_told(hello, before).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].text(), notice);
    assert!(told[0].buttons.is_empty(), "an edit got a step");
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn locations_and_live_locations_are_deleted_and_told_once() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_002, "Jon").language("en"));
    let deleted = text("en", "shared-deleted");
    person.says("/start").await;

    // A location: deleted at once, with a notice and no step.
    let before = person.newest_id();
    let location = fake.send_media(&person.user, Kind::Location, None);
    let told = person.deleted_and_told(location, before).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].text(), deleted);
    assert!(told[0].buttons.is_empty());

    // A live location and ten updates of it, arriving together: one deletion that
    // works, no further notice (one per conversation), and no step for any update.
    let before = person.newest_id();
    fake.hold_updates();
    let live = fake.send_media(&person.user, Kind::LiveLocation, None);
    for step in 1..=10 {
        fake.move_live_location(&person.user, live, step);
    }
    fake.release_updates();
    let next = person.says("/help").await;
    assert!(
        !person.chat_now().iter().any(|m| m.id == live),
        "the live location is still in the chat"
    );
    let said: Vec<_> = person
        .chat_now()
        .into_iter()
        .filter(|m| m.from_bot && m.id > before)
        .collect();
    assert!(
        said.len() <= next.messages.len() + 1,
        "more than one reply to a live location: {said:?}"
    );
    assert!(!said.iter().any(|m| m.text() == deleted), "told twice");

    // A venue and a contact in a new conversation: told again, once.
    person.exits(Exit::Says("/exit")).await;
    person.says("hello").await;
    let before = person.newest_id();
    let venue = fake.send_media(&person.user, Kind::Venue, None);
    let told = person.deleted_and_told(venue, before).await;
    assert_eq!(told[0].text(), deleted);
    assert!(bot.stop().await.success());
}

/// Every flow and step name of the shipped flows, and every language code as the store
/// and the statistics would write it (length-prefixed, or quoted).
fn path_needles() -> Vec<(String, Vec<u8>)> {
    let mut needles = Vec::new();
    for flow in &CONTENT.flows {
        needles.push((format!("flow {}", flow.id), flow.id.as_bytes().to_vec()));
        for step in &flow.steps {
            // Short ids ("start") also name other things; the pair is what tells a path.
            if step.id.len() >= 6 {
                needles.push((format!("step {}", step.id), step.id.as_bytes().to_vec()));
            }
        }
    }
    for code in ["sv", "en", "ro", "uk", "ar", "ru"] {
        let mut prefixed = vec![code.len() as u8];
        prefixed.extend_from_slice(code.as_bytes());
        needles.push((format!("language {code}, length-prefixed"), prefixed));
        needles.push((
            format!("language {code}, quoted"),
            format!("\"{code}\"").into_bytes(),
        ));
    }
    needles
}

fn path_hits(dirs: &Dirs) -> Vec<(String, String)> {
    let mut hits = Vec::new();
    for path in files_under(&dirs.data()) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for (what, needle) in path_needles() {
            if find(&bytes, &needle) {
                hits.push((path.display().to_string(), what));
            }
        }
    }
    hits
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_step_or_language_is_readable_on_disk_and_a_lost_key_shreds_every_record() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    // The default: no key file, the keys in the bot's memory only.
    let bot = BotProcess::spawn(&fake, &mut dirs, Launch::default().memory_key());
    bot.wait_polling(&fake).await;
    let leaves = Person::new(&fake, User::new(630_003, "Kai").language("uk"));
    let stays = Person::new(&fake, User::new(630_004, "Liv").language("ro"));
    for (person, lang) in [(&leaves, "uk"), (&stays, "ro")] {
        person.says("/start").await;
        person.presses(&text(lang, "menu-choice-selling")).await;
        person.says("/language").await;
        person.presses(&text("sv", "language-name")).await;
    }
    // The scan means something only if the store holds sessions on disk now.
    assert!(!files_under(&dirs.data().join("sessions")).is_empty());
    assert_eq!(path_hits(&dirs), Vec::<(String, String)>::new(), "during");
    leaves.exits(Exit::Says("/exit")).await;
    assert_eq!(
        path_hits(&dirs),
        Vec::<(String, String)>::new(),
        "after exit"
    );
    assert!(!dirs.key_file().exists(), "a key file was written");
    // The process: no core dumps; its folders and files for its user only.
    if let Some(pid) = bot.id() {
        let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap_or_default();
        let core = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .map(|l| l.split_whitespace().skip(4).take(2).collect::<Vec<_>>());
        assert_eq!(core, Some(vec!["0", "0"]), "{limits}");
    }
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).map_or(0, |m| m.permissions().mode() & 0o777)
        };
        assert_eq!(mode(&dirs.data()), 0o700);
        for file in files_under(&dirs.data()) {
            assert_eq!(
                mode(&file) & 0o077,
                0,
                "{} is readable by others",
                file.display()
            );
        }
    }
    assert!(bot.stop().await.success());

    // The key died with the process: the open conversation's record is on disk, and
    // no key opens it.
    let config = StoreConfig {
        data: dirs.data(),
        key_file: None,
        ttl: Ttl::default(),
    };
    let sessions = Sessions::open(&config, Timestamp::now()).unwrap_or_else(|e| panic!("{e}"));
    let (readable, records) = sessions
        .readable_records()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((readable, records), (0, 1));
    assert_eq!(
        sessions.load(stays.chat(), Timestamp::now()).ok(),
        Some(None)
    );
    drop(sessions);

    // Nothing of the day under way is written at shutdown: with keys in memory only, its
    // counts cannot be kept over the restart, so they are dropped, and only an empty mark
    // says that day's file will be short.
    let stats = files_under(&dirs.data().join("stats"));
    assert!(!stats.is_empty(), "the day was not marked");
    for file in stats {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == ".running" {
            // The mark of the store opened above, never shut down: a day, nothing more.
            let mark = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(mark.parse::<jiff::civil::Date>().is_ok(), "{mark}");
            continue;
        }
        assert!(name.starts_with(".partial-"), "{name}");
        assert_eq!(std::fs::metadata(&file).map(|m| m.len()).ok(), Some(0));
    }
}

/// Reads every file of the data folder whole (sled's log with every stale copy it keeps,
/// the statistics) and counts the records in them that open with a key the bot holds,
/// as a bot started on the same key folder would hold them: for `chat`, and for others.
fn raw_copies(dirs: &Dirs, config: &StoreConfig, chat: i64) -> Copies {
    let sessions = Sessions::open(config, Timestamp::now()).unwrap_or_else(|e| panic!("{e}"));
    let mut copies = Copies::default();
    for file in files_under(&dirs.data()) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let found = sessions.copies_in(&bytes, chat);
        copies.of_chat += found.of_chat;
        copies.of_others += found.of_others;
    }
    copies
}

/// The lengths of the records the store holds now.
fn record_sizes(dirs: &Dirs) -> std::collections::BTreeSet<usize> {
    let store = SledStore::open(&sessions_dir(&dirs.data()), Ttl::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let records = store.records().unwrap_or_else(|e| panic!("{e}"));
    records.iter().map(|(_, record)| record.len()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_quick_exit_and_after_expiry_no_copy_of_a_record_opens() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let config = StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: Ttl::default(),
    };
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let leaves = Person::new(&fake, User::new(630_006, "Ada").language("en"));
    let stays = Person::new(&fake, User::new(630_007, "Bo").language("uk"));
    leaves.says("/start").await;
    leaves.presses(&text("en", "menu-choice-selling")).await;
    leaves.says("/language").await;
    leaves.presses(&text("sv", "language-name")).await;
    stays.says("/start").await;
    assert!(bot.stop().await.success());

    // While both talk: the current record and stale copies of each conversation are in
    // the files, and open with the keys in the key folder (the scan finds them). Two
    // conversations at different steps, languages and lengths: one record size.
    let during = raw_copies(&dirs, &config, leaves.chat());
    assert!(during.of_chat >= 3, "{during:?}");
    assert!(during.of_others >= 1, "{during:?}");
    assert_eq!(record_sizes(&dirs).len(), 1, "{:?}", record_sizes(&dirs));

    // A restart keeps both conversations (their keys are in the key folder); then one
    // person leaves by quick exit.
    let bot = BotProcess::start(&fake, &mut dirs).await;
    leaves.says("/privacy").await;
    stays.presses(&text("uk", "menu-choice-buyer")).await;
    leaves.exits(Exit::Says("/exit")).await;
    assert!(bot.stop().await.success());
    let after_exit = raw_copies(&dirs, &config, leaves.chat());
    assert_eq!(
        after_exit.of_chat, 0,
        "a record of the person who left opens"
    );
    assert!(
        after_exit.of_others >= 1,
        "the scan finds the other's: {after_exit:?}"
    );
    let other = raw_copies(&dirs, &config, stays.chat());
    eprintln!(
        "copies that open: during {during:?}; after the exit {after_exit:?}, the other's \
         {other:?}; record sizes {:?}",
        record_sizes(&dirs)
    );
    assert!(other.of_chat >= 2, "{other:?}");
    assert_eq!(record_sizes(&dirs).len(), 1);

    // Expiry, as the bot's maintenance does it a lifetime later (the bot ran on the
    // system clock, so the store is opened on it too).
    let now = Timestamp::now();
    {
        let sessions = Sessions::open(&config, now).unwrap_or_else(|e| panic!("{e}"));
        let later = now
            .checked_add(SignedDuration::from_hours(Ttl::default().hours() + 1))
            .unwrap_or(now);
        let done = sessions.maintain(later).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(done.expired, 1);
        let _ = sessions.flush();
    }
    for person in [&leaves, &stays] {
        assert_eq!(
            raw_copies(&dirs, &config, person.chat()),
            Copies::default(),
            "a record opens after expiry"
        );
    }
    // The key folder keeps no conversation key: the file beside the key file is its
    // header only.
    let own_keys =
        std::fs::read(dirs.keys().join("signpost.key.sessions")).unwrap_or_else(|e| panic!("{e}"));
    assert!(own_keys.len() <= 96, "{} bytes", own_keys.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_a_message_cannot_be_deleted_the_notice_says_so() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::start(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(630_005, "Mo").language("en"));
    person.says("/start").await;
    // The message reaches the bot only after Telegram's 48 hours for deleting it.
    fake.hold_updates();
    let before = person.newest_id();
    let typed = fake.send_text(&person.user, "call me on 070-765 43 21");
    fake.advance(std::time::Duration::from_secs(49 * 3600));
    fake.release_updates();
    let answer = person.answer_after(before, "the answer to a number").await;
    assert!(
        answer.says(&text("en", "personal-data-kept")),
        "{}",
        answer.text()
    );
    assert!(!answer.says(&text("en", "personal-data-notice")));
    assert!(person.chat_now().iter().any(|m| m.id == typed));
    assert!(bot.stop().await.success());
}
