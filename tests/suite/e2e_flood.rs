//! A chat that floods the bot is held back and told once, while other people are answered
//! as usual; the quick exit still works in the middle of the flood, and deletes the
//! messages that were set aside too.

use crate::support::bot::{BotProcess, Dirs, Launch};
use crate::support::fake_api::{FakeApi, User};
use crate::support::person::{Exit, Person, text};

/// In every flooded message, so that the logs can be searched for it.
const MARKER: &str = "flood-marker-7f3a";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_chat_is_told_once_and_can_still_leave_at_once() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    // A burst of five, then one message per hundred seconds: the flood below is held
    // back however fast or slow the machine is.
    let bot = BotProcess::spawn(&fake, &mut dirs, Launch::default().intake(0.01, 5));
    bot.wait_polling(&fake).await;
    let flooder = Person::new(&fake, User::new(630_001, "Flo").language("en"));
    let calm = Person::new(&fake, User::new(630_002, "Cal").language("en"));

    // No digits: "112" among them would be a call for emergency help, which is never
    // held back.
    for _ in 0..200 {
        fake.send_text(&flooder.user, &format!("{MARKER} hello"));
    }
    // Someone else talks to the bot meanwhile, within their own burst.
    let menu = calm.says("/start").await;
    assert!(menu.says(&text("en", "menu-welcome")), "{}", menu.text());
    let buyer = calm.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")), "{}", buyer.text());

    calm_notice_reaches(&fake, &flooder).await;

    // Still held back: emergency help goes through all the same.
    let help = flooder.says("112").await;
    assert!(
        help.contains(&text("en", "emergency-text")),
        "{}",
        help.text()
    );

    // So does the quick exit, and it leaves nothing
    // but its own message, the set-aside messages included.
    let left = flooder.exits(Exit::Says("/exit")).await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].text(), text("en", "exit-done"));

    let notice = text("en", "slow-down");
    let chat = flooder.chat();
    let sent: Vec<String> = fake
        .calls("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"].as_i64() == Some(chat))
        .map(|c| c.params["text"].as_str().unwrap_or_default().to_string())
        .collect();
    let notices = sent.iter().filter(|t| **t == notice).count();
    assert_eq!(notices, 1, "{sent:#?}");
    // Five messages taken in (at most two replies each), the notice, emergency help
    // (three messages) and the exit: far from a reply per message.
    assert!(
        sent.len() <= 5 * 2 + 1 + 3 + 1,
        "{} replies: {sent:#?}",
        sent.len()
    );

    assert!(bot.stop().await.success());
    let output = dirs.output();
    assert!(
        !output.contains(MARKER),
        "a flooded message reached the logs"
    );
    // The totals are logged coarsely: never a small number (issue 21).
    let totals: Vec<&str> = output
        .split("handled=")
        .skip(1)
        .chain(output.split("set_aside=").skip(1))
        .collect();
    assert!(!totals.is_empty(), "no totals logged at shutdown");
    for total in totals {
        assert!(
            total.starts_with("under 100") || total.starts_with('0') || {
                let digits: String = total.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<u64>().is_ok_and(|n| n >= 100)
                    && total[digits.len()..].starts_with('+')
            },
            "a small number in the log: {}",
            total.lines().next().unwrap_or_default()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_from_a_held_back_chat_is_answered_with_a_short_text() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    // One update at once, then one per hundred seconds.
    let bot = BotProcess::spawn(&fake, &mut dirs, Launch::default().intake(0.01, 1));
    bot.wait_polling(&fake).await;
    let person = Person::new(&fake, User::new(630_011, "Pat").language("en"));
    person.says("/start").await;
    // Over the limit now: the first press turns into the calm notice, the next ones are
    // set aside, and every one is answered at once.
    let label = text("en", "menu-choice-buyer");
    let presses: Vec<String> = (0..3)
        .map(|_| fake.press_label(&person.user, &label))
        .collect();
    let answers = fake
        .wait_for("every press to be answered", |s| {
            presses
                .iter()
                .map(|id| {
                    let c = s.callbacks.get(id)?;
                    c.answered.then(|| c.answer_text.clone())
                })
                .collect::<Option<Vec<_>>>()
        })
        .await;
    let short = text("en", "press-held-back");
    assert_eq!(answers, [None, Some(short.clone()), Some(short)]);
    assert!(bot.stop().await.success());
}

/// H1 (issue 21): after a flood, the Exit button pressed on a message above the flooded
/// texts (the calm notice) deletes them all, the set-aside ones included, and the
/// farewell that says so is true.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_pressed_after_a_flood_deletes_every_message_set_aside() {
    let fake = FakeApi::start().await;
    let mut dirs = Dirs::new();
    let bot = BotProcess::spawn(&fake, &mut dirs, Launch::default().intake(0.01, 5));
    bot.wait_polling(&fake).await;
    let flooder = Person::new(&fake, User::new(630_021, "Flo").language("en"));
    flooder.says("/start").await;
    for _ in 0..60 {
        fake.send_text(&flooder.user, &format!("{MARKER} hello"));
    }
    calm_notice_reaches(&fake, &flooder).await;
    // The newest button is under a message older than most of the flood.
    let newest_own = flooder.last_own_message();
    let left = flooder
        .exits(Exit::Presses(&text("en", "button-exit")))
        .await;
    assert!(newest_own > 60, "the flood is in the chat");
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0].text(), text("en", "exit-done"));
    assert!(bot.stop().await.success());
}

/// Waits until the flooding chat has the one calm notice (`slow-down`).
async fn calm_notice_reaches(fake: &FakeApi, flooder: &Person<'_>) {
    let notice = text("en", "slow-down");
    let chat = flooder.chat();
    fake.wait_for("the calm notice to the flooding chat", |s| {
        let c = s.chats.get(&chat)?;
        c.messages
            .values()
            .any(|m| m.from_bot && m.text() == notice)
            .then_some(())
    })
    .await;
}
