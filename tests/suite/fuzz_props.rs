//! The four fuzz targets of `fuzz/` as bounded property tests, so CI checks on every
//! change what the fuzzers hunt for over hours: the same bodies (`fuzz/src/lib.rs`), fed
//! by proptest with random bytes, with mutations of valid files and with conversations
//! built from real keywords and buttons. Crashes found are pinned at the end as
//! regression tests named after them (see BENCHMARKS.md, "Fuzzing").

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use signpost::engine::ButtonData;
use signpost::model::{FlowSet, Intent};
use targets::{Action, Conversation, Loader};

use crate::support::files::fixture;

fn root() -> PathBuf {
    targets::repository_root(env!("CARGO_MANIFEST_DIR"))
}

static SET: LazyLock<FlowSet> = LazyLock::new(|| targets::shipped(&root()));

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        // Failures are reported with their input; nothing is written beside the tests.
        failure_persistence: None,
        ..Config::default()
    })
}

// --- (b) Button data ----------------------------------------------------------------

fn button_data_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..80),
        "[cgl][0-9a-z.\\-]{0,70}".prop_map(String::into_bytes),
        "c[0-9]{1,12}\\.[0-9]{1,4}".prop_map(String::into_bytes),
        (any::<u32>(), any::<u8>())
            .prop_map(|(menu, index)| { ButtonData::Choice { menu, index }.encode().into_bytes() }),
        prop::sample::select(Intent::ALL.to_vec())
            .prop_map(|i| ButtonData::Global(i).encode().into_bytes()),
    ]
}

#[test]
fn button_data_decodes_only_canonical_forms() {
    runner(2000)
        .run(&button_data_strategy(), |data| {
            targets::button_data(&data);
            Ok(())
        })
        .unwrap();
}

// --- (a) The loader -----------------------------------------------------------------

/// A valid file of the fixture with a few bytes replaced, inserted or removed, tagged
/// with the slot byte the loader target reads first.
fn mutated_file() -> impl Strategy<Value = Vec<u8>> {
    let base = fixture("base");
    let files: Vec<(u8, Vec<u8>)> = [
        (1, "flows/bot.toml"),
        (2, "flows/services.toml"),
        (3, "flows/main.toml"),
        (0, "flows/buyer.toml"),
        (4, "locales/en/main.ftl"),
        (5, "locales/sv/bot.ftl"),
    ]
    .into_iter()
    .map(|(slot, path)| (slot, read(&base.join(path))))
    .collect();
    (
        prop::sample::select(files),
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..8),
    )
        .prop_map(|((slot, mut bytes), edits)| {
            for (at, kind, byte) in edits {
                let at = at.index(bytes.len() + 1);
                match kind {
                    0 if at < bytes.len() => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => bytes.push(byte),
                }
            }
            let mut data = vec![slot];
            data.extend(bytes);
            data
        })
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Text that looks like TOML and Fluent, to reach past the first syntax error.
fn toml_like() -> impl Strategy<Value = Vec<u8>> {
    (
        0u8..6,
        "((id|start|say|goto|flow|match|\\[steps\\.[a-z]{1,3}\\]|[a-z-]{1,6}) ?= ?(\"[a-z{}$ ]{0,8}\"|\\[|\\]|\\{|\\}|[0-9]{1,3}|true)?\n){0,12}",
    )
        .prop_map(|(slot, text)| {
            let mut data = vec![slot];
            data.extend(text.into_bytes());
            data
        })
}

#[test]
fn loader_refuses_or_serves_whatever_a_file_holds() {
    let loader = Loader::new(&fixture("base"));
    let strategy = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        mutated_file(),
        toml_like(),
    ];
    runner(150)
        .run(&strategy, |data| {
            loader.run(&data);
            Ok(())
        })
        .unwrap();
}

// --- (c) The engine -----------------------------------------------------------------

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => any::<u8>().prop_map(Action::Press),
        1 => any::<String>().prop_map(Action::Button),
        1 => "[cgl][0-9a-z.]{0,12}".prop_map(Action::Button),
        2 => any::<String>().prop_map(Action::Text),
        3 => prop::sample::select(vec![
            "/start", "/start buyer", "/start x", "/exit", "/help", "/sos", "/language",
            "/privacy", "/menu", "/nonsense", "help", "hjälp", "допомога", "112", "polis",
            "e\u{200B}xit", "\u{202E}tixe", "exit", "avsluta", "meny", "språk", "anonym",
            "jag köper sex", "I am worried about my sister", "ring 070-123 45 67",
            "anna@example.se", "Storgatan 12", "", "\0", "ما هو العلاج؟",
        ])
        .prop_map(|s| Action::Text(s.to_string())),
        1 => Just(Action::Unsupported),
    ]
}

fn conversation() -> impl Strategy<Value = Conversation> {
    (
        prop::collection::vec(any::<u8>(), 12),
        prop::collection::vec(action(), 1..16),
    )
        .prop_map(|(head, actions)| {
            // The same start the fuzz target reads from its first twelve bytes.
            let mut conversation = Conversation::from_bytes(&SET, &head);
            conversation.actions = actions;
            conversation
        })
}

#[test]
fn engine_answers_any_conversation_within_limits() {
    runner(300)
        .run(&conversation(), |conversation| {
            targets::run_conversation(&SET, conversation);
            Ok(())
        })
        .unwrap();
}

#[test]
fn engine_answers_conversations_read_from_raw_bytes() {
    runner(300)
        .run(&prop::collection::vec(any::<u8>(), 0..300), |data| {
            targets::engine(&SET, &data);
            Ok(())
        })
        .unwrap();
}

// --- (d) Updates through the adapter and the engine ----------------------------------

/// Updates as Telegram sends them, with texts and button data from the real keywords and
/// buttons, and fields missing, mistyped or nested.
fn update_json() -> impl Strategy<Value = Vec<u8>> {
    let keywords: Vec<String> = SET
        .settings
        .intents
        .iter()
        .flat_map(|rule| rule.keywords.clone())
        .chain(["/exit", "/sos", "/start", "hello", "112", "0701234567"].map(String::from))
        .collect();
    let text = prop_oneof![
        prop::sample::select(keywords),
        any::<String>(),
        "[a-z ]{0,20}[\\u{200B}\\u{202E}\\u{0}]?[a-z ]{0,20}",
    ];
    let data = prop_oneof![
        Just("gx".to_string()),
        Just("ge".to_string()),
        "c[0-9]{1,3}\\.[0-9]{1,2}",
        any::<String>(),
    ];
    let chat = prop_oneof![Just("private"), Just("group"), Just("channel")];
    let lang = prop_oneof![Just("sv"), Just("en"), Just("ar"), Just("xx-YY"), Just("")];
    (0u8..6, text, data, chat, lang, any::<u32>()).prop_map(
        |(kind, text, data, chat, lang, id)| {
            let user = serde_json::json!({"id": 7, "is_bot": false, "first_name": "A", "language_code": lang});
            let chat = serde_json::json!({"id": 7, "type": chat, "first_name": "A", "title": "T"});
            let message = serde_json::json!({"message_id": 3, "date": 1, "chat": chat, "from": user, "text": text});
            let update = match kind {
                0 => serde_json::json!({"update_id": id, "message": message}),
                1 => serde_json::json!({"update_id": id, "callback_query": {
                    "id": "q", "from": user, "chat_instance": "c", "data": data, "message": message}}),
                2 => serde_json::json!({"update_id": id, "edited_message": message}),
                3 => serde_json::json!({"update_id": id, "message": {"message_id": 3, "date": "x", "chat": chat}}),
                4 => serde_json::json!({"update_id": id, "some_future_kind": {"a": [[[text]]]}}),
                _ => serde_json::json!({"update_id": id, "message": message, "extra": [[[[1]]]]}),
            };
            update.to_string().into_bytes()
        },
    )
}

#[test]
fn updates_of_any_shape_reach_the_engine_safely() {
    runner(500)
        .run(&update_json(), |data| {
            targets::update(&SET, &data);
            Ok(())
        })
        .unwrap();
    runner(200)
        .run(&prop::collection::vec(any::<u8>(), 0..300), |data| {
            targets::update(&SET, &data);
            Ok(())
        })
        .unwrap();
}

/// The seeds the fuzzers start from pass too (a broken seed would waste a fuzzing run).
#[test]
fn fuzz_seeds_pass() {
    let seeds = root().join("fuzz/seeds");
    let loader = Loader::new(&fixture("base"));
    for (target, run) in [
        (
            "button_data",
            &(|d: &[u8]| targets::button_data(d)) as &dyn Fn(&[u8]),
        ),
        ("engine", &|d: &[u8]| targets::engine(&SET, d)),
        ("update", &|d: &[u8]| targets::update(&SET, d)),
        ("load", &|d: &[u8]| {
            loader.run(d);
        }),
    ] {
        let dir = seeds.join(target);
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a seed").path();
            run(&read(&path));
            count += 1;
        }
        assert!(count > 0, "no seeds for {target}");
    }
}

// --- Regressions --------------------------------------------------------------------

/// A locale file of 100,000 nested placeables overflowed the Fluent parser's stack and
/// aborted the process (found while writing `tests/bad_input.rs`, fixed in
/// `load/locales/mod.rs`); the loader target now refuses it like any other bad file.
#[test]
fn crash_fluent_nesting_stack_overflow() {
    let loader = Loader::new(&fixture("base"));
    for body in [
        format!(
            "main-hello = {}x{}\n",
            "{ ".repeat(100_000),
            " }".repeat(100_000)
        ),
        format!("main-hello = {}\n", "{ FUNC(".repeat(100_000)),
    ] {
        // Slot 4 is `locales/en/main.ftl`.
        let mut data = vec![4];
        data.extend(body.into_bytes());
        let report = loader.run(&data).expect("the data names a file");
        let refusal = report
            .diagnostics
            .iter()
            .find(|d| d.file.ends_with("main.ftl") && d.message.contains("nesting this deep"));
        assert!(refusal.is_some(), "the nesting was not refused:\n{report}");
    }
}
