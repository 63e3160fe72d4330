//! The privacy canary: a person with a distinctive user id, username and names talks to
//! the real bot (logging at trace level) through every kind of update, types their own
//! name and personal data, uses a deep link, joins the bot to a group; then every byte of
//! the data folder, the key file's folder and everything the bot printed is searched for
//! the id (in decimal and as 8-byte little- and big-endian) and the names. Zero hits,
//! before and after the session has expired.

mod support;

use jiff::{SignedDuration, Timestamp};
use signpost::store::{Sessions, StoreConfig, Ttl};
use support::bot::{BotProcess, Dirs, Launch, files_under};
use support::fake_api::{FakeApi, Kind, User};
use support::person::{Exit, Person, text};

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
    person.sends(Kind::Contact).await;
    let typed = person.last_own_message();
    if typed > 0 {
        person.edits(typed, FIRST_NAME).await;
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
