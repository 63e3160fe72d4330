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
