//! The bot's runtime in this process, over real HTTP to the fake Bot API, with a clock
//! the test moves: a conversation left idle past the session lifetime starts over, and
//! the stop signal ends the runtime cleanly.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use signpost::store::Ttl;
use signpost::telegram::ops::clock::ManualClock;

use crate::support::bot::{Dirs, InProcess};
use crate::support::fake_api::{FakeApi, User};
use crate::support::files::repo;
use crate::support::person::{Person, text};

/// Monday 2026-11-30, 10:00 in Stockholm.
const START: &str = "2026-11-30T09:00:00Z";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_conversation_expires_and_starts_over() {
    let fake = FakeApi::start().await;
    let dirs = Dirs::new();
    let start: Timestamp = START.parse().unwrap_or_else(|e| panic!("{e}"));
    let clock = Arc::new(ManualClock::new(start));
    let bot = InProcess::start(
        &fake,
        &dirs,
        &repo().join("flows"),
        &repo().join("locales"),
        clock.clone(),
    );
    let sessions = bot.sessions.clone();

    let person = Person::new(&fake, User::new(650_001, "Ines").language("en"));
    person.says("/start").await;
    let buyer = person.presses(&text("en", "menu-choice-buyer")).await;
    assert!(buyer.says(&text("en", "buyer-intro")));
    assert_eq!(sessions.session_count().ok(), Some(1));

    // Still within the lifetime: the conversation goes on.
    clock.advance(SignedDuration::from_hours(Ttl::default().hours() - 1));
    let what = person.presses(&text("en", "buyer-choice-what")).await;
    assert!(what.says(&text("en", "buyer-treatment")), "{}", what.text());

    // Idle past the lifetime: the session is gone, so the button no longer means anything.
    clock.advance(SignedDuration::from_hours(Ttl::default().hours() + 1));
    let later = person.presses(&text("en", "buyer-choice-where")).await;
    assert!(later.says(&text("en", "stale-menu")), "{}", later.text());
    assert!(later.says(&text("en", "menu-welcome")), "{}", later.text());

    bot.stop().await;
}
