//! Property tests of the engine over the shipped flows: whatever a person (or a forger)
//! sends, at whatever step, in whatever order, the engine never panics and always
//! answers within Telegram's limits.

use std::path::PathBuf;
use std::sync::LazyLock;

use proptest::prelude::*;
use signpost::engine::{self, Context, Effect, Input, Session};
use signpost::model::FlowSet;

static SET: LazyLock<FlowSet> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"))
});

/// One thing a person might do: press one of the buttons on screen, send arbitrary
/// button data, type arbitrary text or a keyword, or send a photo.
#[derive(Debug, Clone)]
enum Action {
    Press(usize),
    Forge(String),
    Type(String),
    Photo,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (0usize..16).prop_map(Action::Press),
        1 => "[cgl]?[0-9a-z.]{0,12}".prop_map(Action::Forge),
        1 => any::<String>().prop_map(Action::Forge),
        2 => any::<String>().prop_map(Action::Type),
        2 => prop::sample::select(vec![
            "/start", "/exit", "/help", "/privacy", "/language", "/sos", "/start buyer",
            "/start nonsense", "help", "hjälp", "112", "police", "exit", "0701234567",
            "a@b.se", "", "\u{202E}exit", "/start@bot x",
        ])
        .prop_map(|s| Action::Type(s.to_string())),
        1 => Just(Action::Photo),
    ]
}

fn session() -> impl Strategy<Value = Option<Session>> {
    let flows: Vec<(String, String)> = SET
        .flows
        .iter()
        .flat_map(|f| f.steps.iter().map(move |s| (f.id.clone(), s.id.clone())))
        .chain([("gone".to_string(), "nowhere".to_string())])
        .collect();
    prop::option::of((
        prop::sample::select(flows),
        prop::sample::select(vec!["sv", "en", "xx", "ar"]),
        any::<u64>(),
        any::<u32>(),
    ))
    .prop_map(|opt| {
        opt.map(|((flow, step), lang, version, menu)| Session {
            flow,
            step,
            lang: lang.to_string(),
            version: if version % 2 == 0 {
                SET.version
            } else {
                version
            },
            menu,
            trail: Vec::new(),
            place: None,
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_input_at_every_step_gets_a_reply(
        start in session(),
        actions in prop::collection::vec(action(), 1..12),
        seconds in 1_700_000_000i64..1_900_000_000,
        hint in prop::option::of("[a-z]{2}(-[A-Z]{2})?"),
    ) {
        let now = jiff::Timestamp::from_second(seconds).expect("in range");
        let ctx = Context {
            language_hint: hint.as_deref(),
            handover_available: false,
        };
        let mut session = start;
        let mut on_screen: Vec<String> = Vec::new();
        for action in actions {
            let input = match action {
                Action::Press(n) => match on_screen.get(n) {
                    Some(data) => Input::Button(data.clone()),
                    None => Input::Button("c0.0".into()),
                },
                Action::Forge(data) => Input::Button(data),
                Action::Type(text) => Input::Text(text),
                Action::Photo => Input::Unsupported,
            };
            let outcome = engine::handle(&SET, session.take(), &input, &ctx, now);
            let replies: Vec<_> = outcome
                .effects
                .iter()
                .filter_map(|e| match e {
                    Effect::Reply(r) | Effect::QuickExit { farewell: r, .. } => Some(r),
                    _ => None,
                })
                .collect();
            prop_assert!(!replies.is_empty(), "no reply to {input:?}");
            for reply in &replies {
                prop_assert!(!reply.text.trim().is_empty(), "empty reply to {input:?}");
                for button in reply.buttons.iter().flatten() {
                    prop_assert!(!button.data.is_empty() && button.data.len() <= 64);
                    prop_assert!(!button.label.trim().is_empty());
                }
            }
            if let Some(last) = replies.iter().rev().find(|r| !r.buttons.is_empty()) {
                on_screen = last.buttons.iter().flatten().map(|b| b.data.clone()).collect();
            }
            let exited = outcome
                .effects
                .iter()
                .any(|e| matches!(e, Effect::QuickExit { .. }));
            prop_assert_eq!(outcome.session.is_none(), exited);
            if let Some(s) = &outcome.session {
                prop_assert_eq!(s.version, SET.version);
                prop_assert!(SET.locales.get(&s.lang).is_some());
                let flow = SET.flow_by_id(&s.flow);
                prop_assert!(flow.is_some_and(|f| SET.flows[f].step_by_id(&s.step).is_some()));
            }
            session = outcome.session;
        }
    }
}

/// Every distress keyword of every language in the shipped `bot.toml`.
fn distress_word() -> impl Strategy<Value = String> {
    let words: Vec<String> = SET
        .settings
        .intents
        .iter()
        .filter(|r| r.intent == signpost::model::Intent::Distress)
        .flat_map(|r| r.keywords.iter().cloned())
        .collect();
    assert!(!words.is_empty(), "the shipped flows have distress words");
    prop::sample::select(words)
}

/// Whether the outcome shows the emergency service's card.
fn shows_emergency_card(effects: &[Effect]) -> bool {
    let name = &SET.services.services[SET.settings.emergency_service].name;
    // A card is a block of its message (blocks are separated by a blank line).
    effects.iter().any(|e| {
        matches!(e, Effect::Reply(r) if r.text.split("\n\n").any(
            |block| block.trim_start_matches('\u{200F}').starts_with(name.as_str())
        ))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever surrounds a distress word, in whatever language, at whatever step: the
    /// answer shows the emergency card (the distress help, or the step's own route to
    /// a step that shows it).
    #[test]
    fn a_distress_word_anywhere_brings_the_emergency_card(
        start in session(),
        word in distress_word(),
        upper in any::<bool>(),
        before in any::<String>(),
        after in any::<String>(),
        hint in prop::option::of("[a-z]{2}"),
    ) {
        // A leading slash makes a command, which is not a message to read.
        prop_assume!(!before.trim_start().starts_with('/'));
        let word = if upper { word.to_uppercase() } else { word };
        let text = format!("{before} {word}, {after}");
        let ctx = Context {
            language_hint: hint.as_deref(),
            handover_available: false,
        };
        let now = jiff::Timestamp::from_second(1_800_000_000).expect("in range");
        let outcome = engine::handle(&SET, start, &Input::Text(text.clone()), &ctx, now);
        prop_assert!(shows_emergency_card(&outcome.effects), "no emergency card for {text:?}");
    }
}

/// The sentences of exploited people that used to reach the buyer greeting through a
/// word ("köp", "buyer", "plătesc", "купив"): never greeted as a buyer.
#[test]
fn victims_are_never_greeted_as_buyers() {
    let cases = [
        (
            "sv",
            "han köpte biljetten och nu säger han att jag är skyldig",
        ),
        ("en", "a buyer hurt me"),
        ("ro", "trebuie să plătesc datoria"),
        ("uk", "він купив мені квиток"),
        ("sv", "jag är sexarbetare och köparen slog mig"),
        ("en", "I want to tell a buyer to stop"),
        ("en", "he bought my ticket"),
        ("sv", "jag blev köpt och såld"),
        ("uk", "він купив мені квиток і каже що я винна"),
        ("ro", "el mi-a cumpărat biletul"),
        ("ar", "اشترى لي تذكرة"),
    ];
    let buyer_intro = |lang: &str| {
        SET.locales
            .get(lang)
            .expect("a shipped language")
            .message("buyer-intro")
    };
    let now = jiff::Timestamp::from_second(1_800_000_000).expect("in range");
    for (lang, text) in cases {
        let ctx = Context {
            language_hint: Some(lang),
            handover_available: false,
        };
        let start = engine::handle(&SET, None, &Input::Text("/start".into()), &ctx, now);
        let outcome = engine::handle(&SET, start.session, &Input::Text(text.into()), &ctx, now);
        let greeting = buyer_intro(lang);
        for effect in &outcome.effects {
            if let Effect::Reply(reply) = effect {
                assert!(
                    !reply.text.contains(greeting.trim()),
                    "{lang}: {text:?} got the buyer greeting"
                );
            }
        }
        // A "Did you mean ...?" that offers the buyer route offers the selling route too.
        let language = SET.locales.get(lang).expect("a shipped language");
        let (selling, buyer) = (
            language.message("menu-choice-selling"),
            language.message("menu-choice-buyer"),
        );
        for effect in &outcome.effects {
            if let Effect::Reply(reply) = effect {
                let labels: Vec<&str> = reply
                    .buttons
                    .iter()
                    .flatten()
                    .map(|b| b.label.as_str())
                    .collect();
                if labels.contains(&buyer.as_str()) {
                    assert!(
                        labels.contains(&selling.as_str()),
                        "{lang}: {text:?} was offered the buyer route alone: {labels:?}"
                    );
                }
            }
        }
        let session = outcome.session.expect("a session");
        assert_ne!(session.flow, "buyer", "{lang}: {text:?}");
    }
}

/// Only the writer's own age leads to the flow for young people: a parent or a witness
/// who gives someone else's age is not told "You are under 18".
#[test]
fn someone_elses_age_does_not_lead_to_the_young_flow() {
    let now = jiff::Timestamp::from_second(1_800_000_000).expect("in range");
    let after = |lang: &str, text: &str| {
        let ctx = Context {
            language_hint: Some(lang),
            handover_available: false,
        };
        let start = engine::handle(&SET, None, &Input::Text("/start".into()), &ctx, now);
        engine::handle(&SET, start.session, &Input::Text(text.into()), &ctx, now)
            .session
            .map(|s| s.flow)
    };
    for (lang, text) in [
        ("en", "my daughter is 15 years old and someone sells her"),
        ("en", "a 13 year old girl is sold in a flat"),
        ("sv", "min dotter är 15 år och någon säljer henne"),
    ] {
        assert_ne!(
            after(lang, text).as_deref(),
            Some("young"),
            "{lang}: {text:?}"
        );
    }
    for (lang, text) in [
        ("en", "I am 15"),
        ("sv", "jag är 15 år och säljer sex"),
        ("ro", "am 14 ani"),
        ("uk", "мені 15"),
        ("ar", "عمري 15"),
    ] {
        assert_eq!(
            after(lang, text).as_deref(),
            Some("young"),
            "{lang}: {text:?}"
        );
    }
}

/// A report about a child typed at the first screen is offered the reporting route
/// (alone, or beside the selling route when the words fit both), never taken for a
/// person telling about themselves only.
#[test]
fn a_typed_report_about_a_child_is_offered_the_reporting_route() {
    let now = jiff::Timestamp::from_second(1_800_000_000).expect("in range");
    for (lang, text) in [
        ("en", "a child is being sold"),
        ("sv", "ett barn säljs för sex"),
        ("uk", "дитину продають"),
    ] {
        let ctx = Context {
            language_hint: Some(lang),
            handover_available: false,
        };
        let start = engine::handle(&SET, None, &Input::Text("/start".into()), &ctx, now);
        let outcome = engine::handle(&SET, start.session, &Input::Text(text.into()), &ctx, now);
        let report = SET
            .locales
            .get(lang)
            .expect("a shipped language")
            .message("menu-choice-report");
        let offered = outcome.effects.iter().any(|e| match e {
            Effect::Reply(r) => r.buttons.iter().flatten().any(|b| b.label == report),
            _ => false,
        });
        let flow = outcome.session.map(|s| s.flow);
        assert!(
            flow.as_deref() == Some("report") || offered,
            "{lang}: {text:?} led to {flow:?} without offering the reporting route"
        );
    }
}
