//! Bad input through the whole path, against the real bot and the fake Bot API: update,
//! adapter, engine, store, Telegram. Empty and overlong texts; megabyte, unreadable and
//! deeply nested webhook bodies; invisible characters and NUL bytes; replayed and
//! reordered updates; update kinds the bot never asked for and known kinds with a broken
//! body. Each case ends in a calm reply or a clean refusal: the bot stays up and answers
//! the next ordinary message, sends each reply once and nothing Telegram would refuse,
//! keeps no session for what it refused, and writes none of it to its logs or its data.
//! (What the engine alone makes of such texts is in `tests/bad_input.rs`.)

use jiff::Timestamp;
use serde_json::{Value, json};
use signpost::store::{Sessions, StoreConfig, Ttl};

use crate::support::bot::{BotProcess, Dirs, Launch, free_port};
use crate::support::fake_api::{FakeApi, Kind, User};
use crate::support::files::files_under;
use crate::support::person::{Answer, Person, text};

/// A word that appears in the bad input of every test, and must appear nowhere the bot
/// writes.
const MARKER: &str = "Qzwvbadinputmarker";

const SECRET: &str = "test-secret_0123456789abcdef";

/// The bot logging everything it logs, so that the marker scan means something.
fn launch() -> Launch {
    Launch::default().rust_log("trace")
}

async fn start_polling(fake: &FakeApi, dirs: &mut Dirs) -> BotProcess {
    let bot = BotProcess::spawn(fake, dirs, launch());
    bot.wait_polling(fake).await;
    bot
}

/// Starts the bot in webhook mode; returns it and its endpoint's address.
async fn start_webhook(fake: &FakeApi, dirs: &mut Dirs) -> (BotProcess, String) {
    let port = free_port();
    let launch = launch()
        .arg("--webhook-url")
        .arg(format!("http://127.0.0.1:{port}/telegram/hook"))
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .env("SIGNPOST_WEBHOOK_SECRET", SECRET);
    let bot = BotProcess::spawn(fake, dirs, launch);
    fake.wait_for("the bot to set its webhook", |s| {
        s.webhook.as_ref().map(drop)
    })
    .await;
    (bot, format!("http://127.0.0.1:{port}/telegram/hook"))
}

/// Posts `body` to the bot's webhook with the right secret; returns the status.
async fn post(hook: &str, body: impl Into<Vec<u8>>) -> u16 {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("no client: {e}"));
    let request = client
        .post(hook)
        .header("content-type", "application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .body(body.into());
    match request.send().await {
        Ok(r) => r.status().as_u16(),
        Err(e) => panic!("the bot's endpoint did not answer: {e}"),
    }
}

/// How a raw request gives its body.
#[derive(Debug, Clone, Copy)]
enum Sent {
    /// `content-length` announces `body`'s size, and `body` follows.
    Whole,
    /// `transfer-encoding: chunked`: the size is known only as the chunks come.
    Chunked,
    /// `content-length` announces `body`'s size, and nothing follows.
    HeadOnly,
}

/// Posts `body` over a bare connection, reading the answer while the body is still being
/// written, and returns the answer's status line. (An HTTP client library that meets a
/// closed connection while it writes reports that, not the answer that came before: the
/// bot stops reading a body it refuses.)
async fn post_raw(hook: &str, body: Vec<u8>, sent: Sent) -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let Some(rest) = hook.strip_prefix("http://") else {
        panic!("not an http address: {hook}");
    };
    let Some((host, path)) = rest.split_once('/') else {
        panic!("no path in {hook}");
    };
    let stream = tokio::net::TcpStream::connect(host)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the webhook: {e}"));
    let (reading, mut writing) = stream.into_split();
    let length = match sent {
        Sent::Whole | Sent::HeadOnly => format!("content-length: {}", body.len()),
        Sent::Chunked => "transfer-encoding: chunked".to_string(),
    };
    let head = format!(
        "POST /{path} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\n\
         x-telegram-bot-api-secret-token: {SECRET}\r\n{length}\r\n\r\n"
    );
    let writer = tokio::spawn(async move {
        // Errors end the writing: the bot may close the connection before the end.
        writing.write_all(head.as_bytes()).await?;
        match sent {
            Sent::Whole => writing.write_all(&body).await?,
            Sent::Chunked => {
                for chunk in body.chunks(64 * 1024) {
                    writing
                        .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                        .await?;
                    writing.write_all(chunk).await?;
                    writing.write_all(b"\r\n").await?;
                }
                writing.write_all(b"0\r\n\r\n").await?;
            }
            Sent::HeadOnly => {}
        }
        // Kept open, as a client waiting for its answer does.
        Ok::<_, std::io::Error>(writing)
    });
    let mut status = String::new();
    let read = BufReader::new(reading).read_line(&mut status).await;
    writer.abort();
    if let Err(e) = read {
        panic!("no answer from the webhook: {e}");
    }
    status.trim().to_string()
}

/// A private chat's text message, as an update's JSON.
fn text_update(id: i64, chat: i64, text: &str) -> Value {
    json!({"update_id": id, "message": {
        "message_id": 1, "date": 1_780_000_000, "text": text,
        "chat": {"id": chat, "type": "private", "first_name": "Stranger"},
        "from": {"id": chat, "is_bot": false, "first_name": "Stranger"}
    }})
}

/// A private chat's text message whose field `extra` holds `nested`, given as text (a
/// `Value` that deep would overflow the test's own stack when dropped).
fn update_with(id: i64, chat: i64, nested: &str) -> String {
    format!(
        r#"{{"update_id":{id},"message":{{"message_id":1,"date":1780000000,"text":"{MARKER}","chat":{{"id":{chat},"type":"private","first_name":"Stranger"}},"from":{{"id":{chat},"is_bot":false,"first_name":"Stranger"}},"extra":{nested}}}}}"#
    )
}

/// `depth` arrays, one inside the other.
fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// `depth` objects, one inside the other.
fn nested_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// Update kinds the bot never asked for or teloxide does not know, and known kinds with a
/// broken body, for chat `chat`, each made from its update id.
fn odd_kinds(chat: i64) -> Vec<Box<dyn FnOnce(i64) -> String>> {
    let private = json!({"id": chat, "type": "private", "first_name": "Stranger"});
    let user = json!({"id": chat, "is_bot": false, "first_name": "Stranger"});
    let (p, u) = (private.clone(), user.clone());
    let future = move |id: i64| {
        json!({"update_id": id, "some_future_kind": {"chat": p, "from": u, "text": MARKER}})
            .to_string()
    };
    let (p, u) = (private.clone(), user.clone());
    let reaction = move |id: i64| {
        json!({"update_id": id, "message_reaction": {
            "chat": p, "user": u, "message_id": 1, "date": 1_780_000_000,
            "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]
        }})
        .to_string()
    };
    let poll = |id: i64| {
        json!({"update_id": id, "poll": {
            "id": "1", "question": MARKER, "options": [{"text": MARKER, "voter_count": 0}],
            "total_voter_count": 0, "is_closed": false, "is_anonymous": true,
            "type": "regular", "allows_multiple_answers": false
        }})
        .to_string()
    };
    let u = user.clone();
    let no_chat = move |id: i64| {
        json!({"update_id": id, "message": {
            "message_id": 1, "date": 1_780_000_000, "from": u, "text": MARKER
        }})
        .to_string()
    };
    let (p, u) = (private, user);
    let string_date = move |id: i64| {
        json!({"update_id": id, "message": {
            "message_id": 1, "date": "yesterday", "chat": p, "from": u, "text": MARKER
        }})
        .to_string()
    };
    let string_id = move |_: i64| {
        text_update(0, chat, MARKER).to_string().replacen(
            r#""update_id":0"#,
            r#""update_id":"seven""#,
            1,
        )
    };
    let no_id = move |_: i64| {
        let mut v = text_update(0, chat, MARKER);
        if let Some(o) = v.as_object_mut() {
            o.remove("update_id");
        }
        v.to_string()
    };
    vec![
        Box::new(future),
        Box::new(reaction),
        Box::new(poll),
        Box::new(no_chat),
        Box::new(string_date),
        Box::new(string_id),
        Box::new(no_id),
        Box::new(|_| "42".to_string()),
        Box::new(|_| "null".to_string()),
        Box::new(move |id| update_with(id, chat, &nested_arrays(100_000))),
        Box::new(move |id| update_with(id, chat, &nested_objects(40_000))),
    ]
}

/// Calls the fake refused, with their method and reason.
fn refused(fake: &FakeApi) -> Vec<(String, Option<String>)> {
    fake.all_calls()
        .into_iter()
        .filter(|c| c.status != 200)
        .map(|c| (c.method, c.description))
        .collect()
}

/// Messages sent to `chat` (successfully or not).
fn sends_to(fake: &FakeApi, chat: i64) -> usize {
    fake.calls("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"] == json!(chat))
        .count()
}

/// After the bot has stopped: which of `chats` have a session in its store.
fn with_sessions(dirs: &Dirs, chats: &[i64]) -> Vec<i64> {
    let config = StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: Ttl::default(),
    };
    // The bot ran on the system clock, so its store is read on it too.
    let now = Timestamp::now();
    let sessions = Sessions::open(&config, now).unwrap_or_else(|e| panic!("{e}"));
    chats
        .iter()
        .copied()
        .filter(|&chat| matches!(sessions.load(chat, now), Ok(Some(_))))
        .collect()
}

/// The marker nowhere in the bot's output, its data folder or its key folder.
fn assert_no_trace(dirs: &Dirs) {
    let needle = MARKER.as_bytes();
    let mut hits: Vec<String> = files_under(&dirs.data())
        .into_iter()
        .chain(files_under(&dirs.keys()))
        .filter(|path| {
            std::fs::read(path)
                .unwrap_or_default()
                .windows(needle.len())
                .any(|w| w == needle)
        })
        .map(|path| path.display().to_string())
        .collect();
    let output = dirs.output();
    if output.contains(MARKER) {
        hits.push("the bot's output".into());
    }
    assert!(hits.is_empty(), "the person's text was written to {hits:?}");
    // The scan means something only if the bot logged while it ran.
    assert!(output.contains("TRACE"), "{output}");
}

/// Sends `sent`, and checks the answer is a calm one: the not-understood notice, as many
/// messages as the answer to an ordinary word the bot does not know.
async fn calm(person: &Person<'_>, sent: &str, usual: usize) -> Answer {
    let shown: String = sent.chars().take(40).collect();
    let answer = person.says(sent).await;
    assert!(
        answer.says(&text("en", "not-understood")),
        "{shown:?}: {}",
        answer.text()
    );
    assert_eq!(answer.messages.len(), usual, "{shown:?}: {}", answer.text());
    answer
}

/// The conversation goes on after the bad input; every reply the person got (`answered`
/// before this step) went out once and within Telegram's limits (the fake refuses a text
/// over 4096 UTF-16 units with 400); the bot stops cleanly and left no trace.
async fn goes_on_and_ends_cleanly(
    fake: &FakeApi,
    person: &Person<'_>,
    bot: BotProcess,
    dirs: &Dirs,
    mut answered: usize,
) {
    let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
    answered += buyer.messages.len();
    assert_eq!(fake.bot_messages(person.chat()).len(), answered);
    assert_eq!(sends_to(fake, person.chat()), answered);
    assert_eq!(refused(fake), []);
    assert!(bot.stop().await.success());
    assert_no_trace(dirs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_and_overlong_texts_get_a_calm_reply() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = start_polling(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(650_001, "Ebba").language("en"));

    // An empty text as the very first message: the greeting.
    let first = person.says("").await;
    assert!(first.says(&text("en", "menu-welcome")), "{}", first.text());
    let mut answered = first.messages.len();
    let usual = person.says("xyzzy").await.messages.len();
    answered += usual;
    for long in [
        String::new(),
        format!("{MARKER} {}", "a".repeat(10_000)),
        format!("{MARKER}{}", "x".repeat(4096 - MARKER.len())),
        format!("{MARKER}{}", "x".repeat(4097 - MARKER.len())),
        // 4096 characters, twice as many UTF-16 units, four times as many bytes.
        "😀".repeat(4096),
        format!("{MARKER}{}", "ä".repeat(5000)),
        format!("{MARKER}{}", "\u{0301}".repeat(10_000)),
    ] {
        answered += calm(&person, &long, usual).await.messages.len();
    }

    // Still up, and the conversation goes on.
    goes_on_and_ends_cleanly(&fake, &person, bot, &dirs, answered).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invisible_characters_and_nul_bytes_get_a_calm_reply() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = start_polling(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(650_002, "Iris").language("en"));
    let mut answered = person.says("/start").await.messages.len();
    let usual = person.says("xyzzy").await.messages.len();
    answered += usual;

    for odd in [
        format!("\u{202E}{MARKER}"),
        // Displayed as "exit", but it is not the word.
        "\u{202E}tixe".to_string(),
        format!("\u{2066}{MARKER}\u{2069} \u{2067}x\u{2069} \u{2068}y\u{2069}"),
        "\u{2066}\u{2067}\u{2068}\u{2069}".to_string(),
        "\u{200B}\u{200D}\u{FEFF}".to_string(),
        format!("{MARKER}\u{200B}\u{200D}\u{FEFF}"),
        "\0".to_string(),
        format!("\0\0{MARKER}\0"),
        "\u{202E}\0\u{200B}\u{FEFF}\u{2069}".to_string(),
    ] {
        answered += calm(&person, &odd, usual).await.messages.len();
    }

    // Personal data with invisible characters or NUL bytes in or around it is still
    // recognised, and the message deleted from the chat.
    for shared in [
        "ring me on 070\u{200B}-123\u{200B} 45\u{200D} 67".to_string(),
        "\u{202E}070-123 45 67".to_string(),
        "\u{2066}+46 70 123 45 67\u{2069}".to_string(),
        "\u{FEFF}+4\u{200D}6 7\u{200D}0 1\u{200D}23 45 67".to_string(),
        format!("mail {MARKER}\u{200B}@exa\u{200D}mple.org"),
        "070-123 45 67\0".to_string(),
    ] {
        let answer = person.says(&shared).await;
        assert!(
            answer.says(&text("en", "personal-data-notice")),
            "{shared:?}: {}",
            answer.text()
        );
        assert!(
            person.chat_now().iter().all(|m| m.text() != shared),
            "{shared:?} is still in the chat"
        );
        answered += answer.messages.len();
    }

    goes_on_and_ends_cleanly(&fake, &person, bot, &dirs, answered).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_webhook_refuses_huge_bodies_and_drops_unreadable_ones() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let (bot, hook) = start_webhook(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(650_003, "Wilma").language("en"));
    let start = person.says("/start").await;
    assert!(start.says(&text("en", "menu-welcome")), "{}", start.text());

    // Strangers whose updates are refused: none of them may get an answer or a session.
    let strangers: Vec<i64> = (650_100..650_110).collect();
    let padded = |chat: i64, size: usize| {
        text_update(900_000_001, chat, &format!("{MARKER}{}", "a".repeat(size)))
            .to_string()
            .into_bytes()
    };
    for (chat, size, sent) in [
        (strangers[0], 1 << 20, Sent::Whole),
        (strangers[0], 10 << 20, Sent::Whole),
        // Refused on the announced length, before a byte of the body is read.
        (strangers[0], 10 << 20, Sent::HeadOnly),
        // No length announced: refused once the cap is reached.
        (strangers[1], 1 << 20, Sent::Chunked),
        (strangers[1], 10 << 20, Sent::Chunked),
    ] {
        let status = post_raw(&hook, padded(chat, size), sent).await;
        assert!(
            status.starts_with("HTTP/1.1 413 "),
            "{size} bytes {sent:?}: {status}"
        );
    }

    let whole = text_update(900_000_002, strangers[2], MARKER).to_string();
    let mut not_utf8 = text_update(900_000_003, strangers[3], MARKER)
        .to_string()
        .into_bytes();
    if let Some(at) = not_utf8
        .windows(MARKER.len())
        .position(|w| w == MARKER.as_bytes())
    {
        not_utf8[at] = 0xff;
    }
    let unreadable: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"{not json".to_vec(),
        whole.as_bytes()[..whole.len() / 2].to_vec(),
        format!("{whole}{{}}").into_bytes(),
        not_utf8,
        b"\"an update\"".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        "[".repeat(100_000).into_bytes(),
        nested_arrays(100_000).into_bytes(),
        nested_objects(40_000).into_bytes(),
        update_with(900_000_004, strangers[4], &nested_arrays(100_000)).into_bytes(),
        update_with(900_000_005, strangers[5], &nested_objects(40_000)).into_bytes(),
    ];
    // Unreadable bodies are acknowledged (200), or Telegram would post them again and
    // again and hold back every update after them.
    for body in unreadable {
        let shown = String::from_utf8_lossy(&body[..body.len().min(40)]).into_owned();
        assert_eq!(post(&hook, body).await, 200, "{shown:?}");
    }
    for (n, make) in odd_kinds(strangers[6]).into_iter().enumerate() {
        let body = make(900_000_010 + n as i64);
        let shown: String = body.chars().take(60).collect();
        assert_eq!(post(&hook, body).await, 200, "{shown}");
    }

    // Still up, and the conversation goes on.
    let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
    for &stranger in &strangers {
        assert_eq!(sends_to(&fake, stranger), 0, "chat {stranger} was answered");
    }
    assert_eq!(refused(&fake), []);
    assert!(bot.stop().await.success());
    let mut chats = strangers.clone();
    chats.push(person.chat());
    assert_eq!(with_sessions(&dirs, &chats), [person.chat()]);
    assert_no_trace(&dirs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_broken_updates_never_stop_polling() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = start_polling(&fake, &mut dirs).await;
    let ada = Person::new(&fake, User::new(650_004, "Ada").language("en"));
    let bo = Person::new(&fake, User::new(650_005, "Bo").language("en"));
    let stranger = 650_200;

    // One batch: an ordinary message, every odd update, another ordinary message.
    fake.hold_updates();
    fake.send_text(&ada.user, "/start");
    let odd: Vec<i64> = odd_kinds(stranger)
        .into_iter()
        .map(|make| fake.push_raw_update(make))
        .collect();
    fake.send_text(&bo.user, "/start");
    fake.release_updates();
    for person in [&ada, &bo] {
        let welcome = person.answer_after(0, "a welcome").await;
        assert!(
            welcome.says(&text("en", "menu-welcome")),
            "{}",
            welcome.text()
        );
    }
    // Polling goes on after the batch, and the bot confirmed all of it, the updates it
    // could not read among the rest (handed out again only while the batch was in hand:
    // an update is confirmed once it and every one before it is handled).
    let buyer = ada.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
    fake.wait_all_confirmed().await;
    for id in odd {
        assert!(fake.times_delivered(id) >= 1, "update {id}");
    }
    assert_eq!(sends_to(&fake, stranger), 0);
    assert_eq!(refused(&fake), []);
    assert!(
        dirs.output()
            .contains("updates that could not be read were skipped"),
        "{}",
        dirs.output()
    );
    assert!(bot.stop().await.success());
    assert_eq!(
        with_sessions(&dirs, &[ada.chat(), bo.chat(), stranger]),
        [ada.chat(), bo.chat()]
    );
    assert_no_trace(&dirs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_out_of_order_is_answered_once_each() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = start_polling(&fake, &mut dirs).await;
    let people: Vec<Person> = (0..5)
        .map(|i| Person::new(&fake, User::new(650_010 + i, "Rut").language("en")))
        .collect();

    fake.hold_updates();
    let mut ids = Vec::new();
    for person in &people {
        fake.send_text(&person.user, &format!("/start {MARKER}"));
        ids.push(fake.next_update_id() - 1);
    }
    fake.with(|s| s.updates.make_contiguous().reverse());
    fake.release_updates();
    let mut answered = Vec::new();
    for person in &people {
        let welcome = person.answer_after(0, "a welcome").await;
        assert!(
            welcome.says(&text("en", "menu-welcome")),
            "{}",
            welcome.text()
        );
        let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
        assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
        answered.push(welcome.messages.len() + buyer.messages.len());
    }
    for (person, answered) in people.iter().zip(answered) {
        assert_eq!(sends_to(&fake, person.chat()), answered);
        assert_eq!(fake.bot_messages(person.chat()).len(), answered);
    }
    // The whole batch was confirmed, however its ids were ordered, and each update
    // answered once although it was handed out again while in hand.
    fake.wait_all_confirmed().await;
    for id in ids {
        assert!(fake.times_delivered(id) >= 1, "update {id}");
    }
    assert_eq!(refused(&fake), []);
    assert!(bot.stop().await.success());
    assert_no_trace(&dirs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_and_reordered_webhook_updates_are_answered_once_each() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let (bot, hook) = start_webhook(&fake, &mut dirs).await;
    let person = Person::new(&fake, User::new(650_006, "Tove").language("en"));

    // Telegram posts the same update again (as after a lost acknowledgement), and a
    // copy of it comes twice more at the same time.
    let welcome = person.says(&format!("/start {MARKER}")).await;
    assert!(
        welcome.says(&text("en", "menu-welcome")),
        "{}",
        welcome.text()
    );
    let id = fake.next_update_id() - 1;
    let Some(body) = fake.read(|s| s.history.iter().find(|u| u.id == id).map(|u| u.body())) else {
        panic!("update {id} is not in the fake's history");
    };
    // The answer can arrive before the fake has read the bot's acknowledgement; until
    // then the update is still queued, not one to hand out again.
    fake.wait_for("the update to be acknowledged", |s| {
        s.delivered.contains(&id).then_some(())
    })
    .await;
    assert_eq!(fake.replay_from(id), 1);
    fake.wait_for("the update to be posted again", |s| {
        (s.delivered.iter().filter(|&&d| d == id).count() == 2).then_some(())
    })
    .await;
    let (a, b) = tokio::join!(post(&hook, body.clone()), post(&hook, body));
    assert_eq!((a, b), (200, 200));

    // Updates of other chats, posted newest first.
    let others: Vec<User> = (0..3)
        .map(|i| User::new(650_020 + i, "Olle").language("en"))
        .collect();
    let bodies: Vec<String> = others
        .iter()
        .enumerate()
        .map(|(i, user)| {
            fake.with(|s| {
                s.private_chat(user);
                let (_, message) = s.add_incoming(
                    user.id,
                    Some(user),
                    Kind::Text,
                    Some(&format!("/start {MARKER}")),
                    json!({}),
                );
                json!({"update_id": 900_000_100 - i as i64, "message": message}).to_string()
            })
        })
        .collect();
    for body in bodies.iter().rev() {
        assert_eq!(post(&hook, body.clone()).await, 200);
    }
    for user in &others {
        let other = Person::new(&fake, user.clone());
        let welcome = other.answer_after(0, "a welcome").await;
        assert!(
            welcome.says(&text("en", "menu-welcome")),
            "{}",
            welcome.text()
        );
    }

    // The person's next action is answered, after which any second answer to the
    // repeated update would have shown: one chat's updates are handled in order.
    let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());
    let answered = welcome.messages.len() + buyer.messages.len();
    assert_eq!(sends_to(&fake, person.chat()), answered);
    assert_eq!(fake.bot_messages(person.chat()).len(), answered);
    let welcomes = person
        .chat_now()
        .iter()
        .filter(|m| m.text().contains(&text("en", "menu-welcome")))
        .count();
    assert_eq!(welcomes, 1);
    assert_eq!(refused(&fake), []);
    assert!(bot.stop().await.success());
    assert_no_trace(&dirs);
}
