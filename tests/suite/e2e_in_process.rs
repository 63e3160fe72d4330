//! The bot's runtime in this process, over real HTTP to the fake Bot API, with a clock
//! the test moves: a conversation left idle past the session lifetime starts over, and
//! the stop signal ends the runtime cleanly.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use signpost::live::LiveFlows;
use signpost::store::{Sessions, StoreConfig, Ttl};
use signpost::telegram::clock::ManualClock;
use signpost::telegram::limiter::{Limits, Rate};
use signpost::telegram::runtime::{self, Mode, Options};
use signpost::telegram::shutdown;

use crate::support::bot::Dirs;
use crate::support::fake_api::{FakeApi, TOKEN, User};
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
    let config = StoreConfig {
        data: dirs.data(),
        key_file: Some(dirs.key_file()),
        ttl: Ttl::default(),
    };
    let sessions = Arc::new(Sessions::open(&config, start).unwrap_or_else(|e| panic!("{e}")));
    let (flows, report) = signpost::load::load(&repo().join("flows"), &repo().join("locales"));
    let flows = flows.unwrap_or_else(|| panic!("{report}"));
    let flows = LiveFlows::new(flows, &repo().join("flows"), &repo().join("locales"));

    let client = teloxide::net::default_reqwest_settings()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let url = fake.url().parse().unwrap_or_else(|e| panic!("{e}"));
    let bot = teloxide::Bot::with_client(TOKEN, client).set_api_url(url);
    let fast = Rate {
        per_second: 1000.0,
        burst: 1000,
    };
    let options = Options {
        mode: Mode::Polling,
        limits: Limits {
            per_chat: fast,
            overall: fast,
        },
        intake: fast,
        watch: None,
    };
    let (stop, stopping) = shutdown::signal();
    let running = tokio::spawn(runtime::run(
        bot,
        Arc::new(flows),
        sessions.clone(),
        clock.clone(),
        options,
        stopping,
    ));

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

    stop.stop();
    let finished = running.await.unwrap_or_else(|e| panic!("{e}"));
    assert!(finished.is_ok(), "{finished:?}");
}
