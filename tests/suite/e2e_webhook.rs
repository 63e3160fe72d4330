//! The real bot in webhook mode: it registers the webhook with its secret, answers the
//! updates Telegram posts, and refuses requests without the right secret (401, body
//! unread), oversized bodies (413), and anything but POST to its one path. Under systemd
//! it is ready once the webhook is set, and feeds the watchdog while Telegram keeps it.

use crate::support::bot::{BotProcess, Dirs, Launch, free_port};
use crate::support::fake_api::{FakeApi, User};
use crate::support::notify::Notifications;
use crate::support::person::{Person, text};

const SECRET: &str = "test-secret_0123456789abcdef";

fn webhook(port: u16) -> Launch {
    Launch::default()
        .arg("--webhook-url")
        .arg(format!("http://127.0.0.1:{port}/telegram/hook"))
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .env("SIGNPOST_WEBHOOK_SECRET", SECRET)
}

async fn post(url: &str, secret: Option<&str>, body: Vec<u8>) -> u16 {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("no client: {e}"));
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(secret) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    match request.send().await {
        Ok(r) => r.status().as_u16(),
        Err(e) => panic!("the bot's endpoint did not answer: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_come_by_webhook_and_only_with_the_secret() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let port = free_port();
    let bot = BotProcess::spawn(&fake, &mut dirs, webhook(port));
    let secret = fake
        .wait_for("the bot to set its webhook", |s| {
            s.webhook.as_ref().map(|w| w.secret_token.clone())
        })
        .await;
    assert_eq!(secret.as_deref(), Some(SECRET));
    let set = fake.calls("setWebhook");
    assert_eq!(set.len(), 1);
    let allowed = set[0].params["allowed_updates"].to_string();
    assert!(
        !allowed.contains("channel_post"),
        "channel posts are not asked for: {allowed}"
    );

    let person = Person::new(&fake, User::new(640_001, "Vera").language("sv"));
    let start = person.says("/start").await;
    assert!(start.says(&text("sv", "menu-welcome")), "{}", start.text());
    let buyer = person.presses(&text("sv", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("sv", "buyer-intro")), "{}", buyer.text());

    let hook = format!("http://127.0.0.1:{port}/telegram/hook");
    let forged = serde_json::json!({"update_id": 900_000_001, "message": {
        "message_id": 1, "date": 1, "text": "/start",
        "chat": {"id": 640_999, "type": "private", "first_name": "Forger"},
        "from": {"id": 640_999, "is_bot": false, "first_name": "Forger"}
    }})
    .to_string()
    .into_bytes();
    assert_eq!(post(&hook, None, forged.clone()).await, 401);
    assert_eq!(
        post(&hook, Some("wrong-secret_0123456789abc"), forged.clone()).await,
        401
    );
    assert_eq!(post(&hook, Some(""), forged.clone()).await, 401);
    assert_eq!(
        post(&hook, Some(&SECRET[..SECRET.len() - 1]), forged).await,
        401
    );
    assert_eq!(
        post(&hook, Some(SECRET), vec![b' '; 1024 * 1024]).await,
        413
    );
    assert_eq!(post(&hook, Some(SECRET), b"{not json".to_vec()).await, 200);
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(post(&hook, Some(SECRET), nested.into_bytes()).await, 200);
    let other = format!("http://127.0.0.1:{port}/other");
    assert_eq!(post(&other, Some(SECRET), b"{}".to_vec()).await, 404);

    // The conversation goes on, and the forged update was never answered.
    let next = person.presses(&text("sv", "buyer-choice-what")).await;
    assert!(next.says(&text("sv", "buyer-treatment")), "{}", next.text());
    assert!(
        fake.calls("sendMessage")
            .iter()
            .all(|c| c.params["chat_id"] != serde_json::json!(640_999))
    );
    assert!(bot.stop().await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_without_a_secret_is_refused_at_start() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let port = free_port();
    let launch = Launch::default()
        .arg("--webhook-url")
        .arg(format!("http://127.0.0.1:{port}/hook"))
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .env("SIGNPOST_WEBHOOK_SECRET", "short");
    let mut bot = BotProcess::spawn(&fake, &mut dirs, launch);
    assert!(!bot.wait().await.success());
    assert!(
        dirs.output().contains("SIGNPOST_WEBHOOK_SECRET"),
        "{}",
        dirs.output()
    );
    assert!(fake.all_calls().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn systemd_hears_ready_once_the_webhook_is_set_and_the_watchdog_while_it_stays() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let notify = Notifications::new();
    let launch = webhook(free_port())
        .env("NOTIFY_SOCKET", &notify.path)
        .env("WATCHDOG_USEC", "400000");
    let bot = BotProcess::spawn(&fake, &mut dirs, launch);
    notify.wait_for("READY=1").await;
    assert!(
        fake.read(|s| s.webhook.is_some()),
        "ready before the webhook was set"
    );
    notify.wait_for("WATCHDOG=1").await;

    // Telegram drops the webhook: updates would no longer come, so the watchdog starves.
    let looks = |s: &crate::support::fake_api::State| {
        s.calls
            .iter()
            .filter(|c| c.method == "getWebhookInfo")
            .count()
    };
    let (dropped, before) = fake.with(|s| (s.webhook.take(), looks(s)));
    fake.wait_for("a look after the drop", |s| {
        (looks(s) > before).then_some(())
    })
    .await;
    notify.drain();
    fake.wait_for("two more looks", |s| (looks(s) > before + 2).then_some(()))
        .await;
    let starved = notify.drain();
    assert!(
        !starved.iter().any(|m| m.contains("WATCHDOG=1")),
        "the watchdog was fed without a webhook: {starved:?}"
    );

    // Set again, the watchdog is fed again.
    fake.with(|s| s.webhook = dropped);
    notify.wait_for("WATCHDOG=1").await;
    assert!(bot.stop().await.success());
}

/// Issue 21 (lower): the endpoint serves at most `MAX_CONNECTIONS` connections at once,
/// and closes one that sends nothing for `IDLE_TIMEOUT`: clients that open connections
/// and go silent hold the endpoint only that long, then a real request is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_connections_are_capped_and_closed_then_requests_are_served_again() {
    use signpost::telegram::incoming::webhook::{IDLE_TIMEOUT, MAX_CONNECTIONS};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let port = free_port();
    let bot = BotProcess::spawn(&fake, &mut dirs, webhook(port));
    fake.wait_for("the bot to set its webhook", |s| {
        s.webhook.as_ref().map(|_| ())
    })
    .await;
    let connect = || async move {
        TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap_or_else(|e| panic!("cannot connect: {e}"))
    };
    // Every slot taken by a client that starts a request and goes silent.
    let mut silent = Vec::new();
    for _ in 0..MAX_CONNECTIONS {
        let mut stream = connect().await;
        let _ = stream
            .write_all(b"POST /telegram/hook HTTP/1.1\r\nHost: bot\r\n")
            .await;
        silent.push(stream);
    }
    let started = std::time::Instant::now();
    let mut real = connect().await;
    let request = format!(
        "POST /telegram/hook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n\
         X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: 9\r\n\
         Connection: close\r\n\r\n{{not json"
    );
    let _ = real.write_all(request.as_bytes()).await;
    let mut answer = Vec::new();
    let read = tokio::time::timeout(IDLE_TIMEOUT * 3, real.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the request was never answered");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // It waited for a slot: the silent connections held them until they were closed.
    assert!(
        started.elapsed() >= IDLE_TIMEOUT / 2,
        "answered after {:?}: the connections were not capped",
        started.elapsed()
    );
    for mut stream in silent {
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(IDLE_TIMEOUT, stream.read_to_end(&mut rest)).await;
        assert!(closed.is_ok(), "a silent connection was left open");
    }
    assert!(bot.stop().await.success());
}
