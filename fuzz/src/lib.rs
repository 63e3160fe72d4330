//! The bodies of the three fuzz targets, shared by the cargo-fuzz binaries in
//! `fuzz_targets/` and by the bounded property tests in `tests/suite/fuzz_props.rs`, so that CI
//! checks the same properties the fuzzers hunt for:
//!
//! - [`button_data`]: `ButtonData::decode` takes any bytes without panicking, and what it
//!   accepts is in canonical form (encoding it again gives the same bytes);
//! - [`Loader::run`]: any bytes written as a flow file, `bot.toml`, `services.toml` or a
//!   locale file beside a valid set are either loaded into a set that serves a first
//!   message or refused with at least one error, never a panic;
//! - [`engine`]: any session, language hint, time and sequence of texts, button data,
//!   presses of the buttons on screen and unsupported messages gets replies within
//!   Telegram's limits and a session that points at a real step;
//! - [`update`]: any bytes as an update from Telegram, read the way the adapter reads
//!   them (`updates::read`, `classify`), its text or button data through the intake's
//!   urgency check and the engine: never a panic, a reply within limits, and whatever
//!   the engine answers with emergency help or the quick exit counts as urgent (so a
//!   chat that is held back still gets it).
//!
//! A failed property panics, which is what a fuzzer reports as a crash.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use signpost::engine::{self, ButtonData, Context, Effect, Input, Session};
use signpost::load::{Document, LoadOptions, Owner, Report};
use signpost::model::{FlowSet, limits};
use signpost::telegram::incoming::updates::{self, Event};

/// Fuzz target (b): button data as received from a button press.
pub fn button_data(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(decoded) = ButtonData::decode(text) {
        assert_eq!(
            decoded.encode(),
            text,
            "decode accepted a non-canonical form"
        );
        assert!(text.len() <= limits::MAX_BUTTON_DATA_BYTES);
    }
}

/// Which file of the set the fuzzed bytes replace (or join), chosen by the first byte.
const SLOTS: &[&str] = &[
    "flows/fuzz.toml",
    "flows/bot.toml",
    "flows/services.toml",
    "flows/main.toml",
    "locales/en/main.ftl",
    "locales/sv/fuzz.ftl",
];

/// Fuzz target (a): a small valid flow set, read once into a document in memory; each
/// run writes one file into a copy of it (no file system: a run costs only the loader).
pub struct Loader {
    /// The fixture's folder (with `flows/` and `locales/` in it).
    root: PathBuf,
    base: Document,
    options: LoadOptions,
}

impl Loader {
    /// Reads the set at `fixture` (with `flows/` and `locales/` in it).
    pub fn new(fixture: &Path) -> Self {
        let loader = Loader {
            root: fixture.to_path_buf(),
            base: Document::read(&fixture.join("flows"), &fixture.join("locales")),
            // The fixture's verifications are dated early in 2026.
            options: LoadOptions {
                today: jiff::civil::date(2026, 3, 1),
            },
        };
        let (set, report) = signpost::load::analyse(&loader.base, &loader.options);
        assert!(set.is_some(), "the fixture does not load:\n{report}");
        loader
    }

    /// Writes `data` (after its first byte, which picks the file) and loads the set;
    /// returns the load's report (`None` for empty data, which names no file).
    pub fn run(&self, data: &[u8]) -> Option<Report> {
        let (&which, bytes) = data.split_first()?;
        let slot = usize::from(which) % SLOTS.len();
        let document = self.base.with_file(&self.root.join(SLOTS[slot]), bytes);
        let (set, report) = signpost::load::analyse(&document, &self.options);
        match &set {
            Some(set) => {
                assert_eq!(report.errors(), 0, "a set was built despite errors");
                // A set that loads must serve.
                let outcome = engine::handle(
                    set,
                    None,
                    &Input::Text("/start".into()),
                    &Context::default(),
                    Timestamp::UNIX_EPOCH,
                );
                assert!(
                    outcome
                        .effects
                        .iter()
                        .any(|e| matches!(e, Effect::Reply(_)))
                );
            }
            None => assert!(report.errors() > 0, "refused without an error:\n{report}"),
        }
        // Every diagnostic must render (the report is what staff read), and one placed
        // in a flow file belongs to that flow or one of its steps (the staff tools
        // attach it there).
        let _ = report.to_string();
        for d in &report.diagnostics {
            let Some(flow) = document.content().flows.iter().find(|f| f.file == d.file) else {
                continue;
            };
            let owned = match &d.owner {
                Owner::Flow { flow: id } => *id == flow.id,
                Owner::Step { flow: id, step } => *id == flow.id && flow.step(step).is_some(),
                _ => d.line == 0,
            };
            assert!(owned, "{d} is owned by {:?}", d.owner);
        }
        Some(report)
    }
}

/// The shipped flows and locales under the repository root.
pub fn shipped(root: &Path) -> FlowSet {
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"))
}

/// The repository root, from a crate folder directly inside it or the root itself.
pub fn repository_root(manifest_dir: &str) -> PathBuf {
    let dir = PathBuf::from(manifest_dir);
    if dir.join("flows").is_dir() {
        dir
    } else {
        dir.parent().map(Path::to_path_buf).unwrap_or(dir)
    }
}

/// One thing a person does, as the engine target reads it from bytes.
#[derive(Debug, Clone)]
pub enum Action {
    Text(String),
    /// Raw button data, possibly forged.
    Button(String),
    /// Press the n-th button on screen (modulo how many there are).
    Press(u8),
    Unsupported,
}

/// A conversation read from bytes: how it starts and what the person does.
#[derive(Debug, Clone)]
pub struct Conversation {
    pub session: Option<Session>,
    pub hint: Option<String>,
    pub now: Timestamp,
    pub actions: Vec<Action>,
}

/// Bytes of input, taken from the front; missing bytes read as zero.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
}

impl Conversation {
    /// Reads a conversation: a session (or none), a language hint, an instant within
    /// about four years of 2026, then actions separated by 0xFF (a byte that never occurs
    /// in UTF-8, so texts can be anything else), each a kind byte and its payload.
    pub fn from_bytes(set: &FlowSet, data: &[u8]) -> Self {
        const LANGS: &[&str] = &["sv", "en", "ro", "uk", "ar", "xx", ""];
        const HINTS: &[&str] = &["sv", "en-US", "uk", "ar-SA", "ro-RO", "de", "!!", ""];
        let mut bytes = Bytes(data);
        let steps: Vec<(String, String)> = set
            .flows
            .iter()
            .flat_map(|f| f.steps.iter().map(move |s| (f.id.clone(), s.id.clone())))
            .chain([("gone".to_string(), "nowhere".to_string())])
            .collect();
        let pick = bytes.byte();
        let lang = LANGS[usize::from(bytes.byte()) % LANGS.len()];
        let current = bytes.byte() % 2 == 0;
        let menu = bytes.u32();
        let session = (pick != 0).then(|| {
            let (flow, step) = steps[usize::from(pick) % steps.len()].clone();
            Session {
                flow,
                step,
                lang: lang.to_string(),
                version: if current { set.version } else { !set.version },
                menu,
                trail: Vec::new(),
                place: None,
            }
        });
        let hint = match bytes.byte() {
            0 => None,
            n => Some(HINTS[usize::from(n) % HINTS.len()].to_string()),
        };
        // 2026-01-01T00:00:00Z plus up to 2^27 seconds (about four years).
        let seconds = 1_767_225_600 + i64::from(bytes.u32() >> 5);
        let now = Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH);
        let actions = bytes
            .0
            .split(|&b| b == 0xFF)
            .take(32)
            .map(|chunk| match chunk.split_first() {
                None => Action::Text(String::new()),
                Some((kind, rest)) => {
                    let text = String::from_utf8_lossy(rest).into_owned();
                    match kind % 4 {
                        0 => Action::Text(text),
                        1 => Action::Button(text),
                        2 => Action::Press(rest.first().copied().unwrap_or(0)),
                        _ => Action::Unsupported,
                    }
                }
            })
            .collect();
        Conversation {
            session,
            hint,
            now,
            actions,
        }
    }
}

/// Fuzz target (c): a conversation read from bytes, through the engine.
pub fn engine(set: &FlowSet, data: &[u8]) {
    run_conversation(set, Conversation::from_bytes(set, data));
}

/// Fuzz target (d): bytes as an update from Telegram, through the adapter and the engine.
pub fn update(set: &FlowSet, data: &[u8]) {
    let Ok(update) = updates::read(data) else {
        return;
    };
    let Some(incoming) = updates::classify(update) else {
        return;
    };
    // What a log line may show of it: a kind, never a text or an id.
    let shown = format!("{incoming:?}");
    assert!(
        shown.len() <= 24 && shown.chars().all(|c| c.is_ascii_lowercase() || c == ' '),
        "the debug form shows more than a kind: {shown:?}"
    );
    let (input, hint) = match incoming.event {
        Event::Message {
            input, language, ..
        } => (input, language),
        Event::Button { data, language, .. } => (Input::Button(data), language),
        _ => return,
    };
    let now = Timestamp::from_second(1_795_000_000).unwrap_or(Timestamp::UNIX_EPOCH);
    let ctx = Context {
        language_hint: hint.as_deref(),
        handover_available: false,
    };
    // A fresh conversation and one in the middle of the first flow's first step.
    let first = &set.flows[0];
    let sessions = [
        None,
        Some(Session {
            flow: first.id.clone(),
            step: first.steps[first.start].id.clone(),
            lang: set.settings.default_language.clone(),
            version: set.version,
            menu: 1,
            trail: Vec::new(),
            place: None,
        }),
    ];
    let urgent = engine::urgent(set, &input);
    for session in sessions {
        let outcome = engine::handle(set, session, &input, &ctx, now);
        check_outcome(set, &outcome);
        let exited = outcome
            .effects
            .iter()
            .any(|e| matches!(e, Effect::QuickExit { .. }));
        let emergency = outcome.effects.iter().any(|e| {
            matches!(e, Effect::Count(engine::Stat::Intent { intent }) if *intent == "emergency")
        });
        if exited || emergency {
            assert!(
                urgent,
                "emergency help or the quick exit that a held-back chat would not get"
            );
        }
    }
}

/// Plays a conversation and checks every outcome.
pub fn run_conversation(set: &FlowSet, conversation: Conversation) {
    let ctx = Context {
        language_hint: conversation.hint.as_deref(),
        handover_available: false,
    };
    let mut session = conversation.session;
    let mut on_screen: Vec<String> = Vec::new();
    for action in conversation.actions {
        let input = match action {
            Action::Text(text) => Input::Text(text),
            Action::Button(data) => Input::Button(data),
            Action::Press(n) if !on_screen.is_empty() => {
                Input::Button(on_screen[usize::from(n) % on_screen.len()].clone())
            }
            Action::Press(_) => Input::Button("c0.0".into()),
            Action::Unsupported => Input::Unsupported,
        };
        let outcome = engine::handle(set, session.take(), &input, &ctx, conversation.now);
        check_outcome(set, &outcome);
        if let Some(buttons) = outcome.effects.iter().rev().find_map(|e| match e {
            Effect::Reply(r) if !r.buttons.is_empty() => Some(&r.buttons),
            _ => None,
        }) {
            on_screen = buttons.iter().flatten().map(|b| b.data.clone()).collect();
        }
        session = outcome.session;
    }
}

/// What every outcome must satisfy, whatever the input.
pub fn check_outcome(set: &FlowSet, outcome: &engine::Outcome) {
    let mut replies = 0;
    // Every message the person may see: replies, and the quick exit's farewell and its
    // notice for a partial deletion.
    let messages = outcome.effects.iter().flat_map(|e| match e {
        Effect::Reply(reply) => vec![reply],
        Effect::QuickExit { farewell, partial } => vec![farewell, partial],
        _ => vec![],
    });
    for reply in messages {
        replies += 1;
        assert!(!reply.text.trim().is_empty(), "an empty reply");
        assert!(
            reply.text.chars().count() <= limits::MAX_MESSAGE_CHARS,
            "a reply longer than Telegram allows"
        );
        for button in reply.buttons.iter().flatten() {
            assert!(!button.label.trim().is_empty(), "a button without a label");
            assert!(
                !button.data.is_empty() && button.data.len() <= limits::MAX_BUTTON_DATA_BYTES,
                "button data Telegram would refuse"
            );
            assert!(
                ButtonData::decode(&button.data).is_some(),
                "a button the engine cannot read back"
            );
        }
    }
    assert!(replies > 0, "no reply");
    let exited = outcome
        .effects
        .iter()
        .any(|e| matches!(e, Effect::QuickExit { .. }));
    assert_eq!(
        outcome.session.is_none(),
        exited,
        "session kept after exit or lost without"
    );
    if let Some(s) = &outcome.session {
        assert_eq!(s.version, set.version);
        assert!(
            set.locales.get(&s.lang).is_some(),
            "a session in an unknown language"
        );
        let flow = set.flow_by_id(&s.flow);
        assert!(
            flow.is_some_and(|f| set.flows[f].step_by_id(&s.step).is_some()),
            "a session at a step that does not exist"
        );
    }
}
