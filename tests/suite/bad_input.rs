//! Bad input at the engine and the loader: what a person (or a forger) can send, and what
//! a careless edit or a hostile file can put into the flows and texts. Each case must end
//! in a calm reply or a clean refusal, never a panic, and never in a reply Telegram would
//! refuse.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::LazyLock;

use jiff::Timestamp;
use signpost::engine::{self, Context, Effect, Input, Outcome, Reply, ReplyKind, Session};
use signpost::load::{Document, LoadOptions, Report};
use signpost::model::{FlowSet, limits};

use crate::support::files::{fixture, repo};

static SET: LazyLock<FlowSet> = LazyLock::new(|| {
    let (set, report) = signpost::load::load(&repo().join("flows"), &repo().join("locales"));
    set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"))
});

/// Monday 2026-11-30, 10:00 in Stockholm.
fn now() -> Timestamp {
    "2026-11-30T09:00:00Z".parse().expect("a valid instant")
}

/// A session in the middle of a conversation: the first step of the buyer flow, in
/// English, on the current flows.
fn mid_conversation() -> Session {
    let outcome = engine::enter(&SET, "buyer", Some("en"), now());
    outcome.session.expect("entering a flow keeps a session")
}

fn send(session: Option<Session>, input: Input) -> Outcome {
    let outcome = engine::handle(&SET, session, &input, &Context::default(), now());
    check(&outcome);
    outcome
}

fn text(session: Option<Session>, text: &str) -> Outcome {
    send(session, Input::Text(text.to_string()))
}

fn replies(outcome: &Outcome) -> Vec<&Reply> {
    outcome
        .effects
        .iter()
        .filter_map(|e| match e {
            // The quick exit's farewell is the message it sends.
            Effect::Reply(r) | Effect::QuickExit { farewell: r, .. } => Some(r),
            _ => None,
        })
        .collect()
}

/// What every outcome must satisfy: a reply, each within Telegram's limits.
fn check(outcome: &Outcome) {
    let replies = replies(outcome);
    assert!(!replies.is_empty(), "no reply");
    for reply in replies {
        assert!(!reply.text.trim().is_empty(), "an empty reply");
        assert!(reply.text.chars().count() <= limits::MAX_MESSAGE_CHARS);
        for button in reply.buttons.iter().flatten() {
            assert!(!button.data.is_empty());
            assert!(button.data.len() <= limits::MAX_BUTTON_DATA_BYTES);
        }
    }
}

/// The message id a notice renders, found by rendering it in the session's language.
fn says(outcome: &Outcome, id: &str) -> bool {
    let lang = outcome
        .session
        .as_ref()
        .map_or(SET.settings.default_language.as_str(), |s| s.lang.as_str());
    let expected = SET
        .locales
        .get_or(lang, &SET.settings.default_language)
        .message(id);
    // A notice is its message or the first block of it (see `engine::group`).
    replies(outcome)
        .iter()
        .any(|r| r.text == expected || r.text.starts_with(&format!("{expected}\n\n")))
}

fn exited(outcome: &Outcome) -> bool {
    outcome
        .effects
        .iter()
        .any(|e| matches!(e, Effect::QuickExit { .. }))
        && outcome.session.is_none()
}

fn emergency(outcome: &Outcome) -> bool {
    outcome.effects.iter().any(
        |e| matches!(e, Effect::Count(engine::Stat::Intent { intent }) if *intent == "emergency"),
    )
}

/// The session stays where it was (the reply only repeats the current step).
fn stays(before: &Session, outcome: &Outcome) {
    let after = outcome.session.as_ref().expect("the session is kept");
    assert_eq!((&after.flow, &after.step), (&before.flow, &before.step));
}

// --- Texts --------------------------------------------------------------------------

#[test]
fn empty_and_blank_texts_get_a_calm_reply() {
    for blank in ["", " ", "\n\n", "\t", "\u{3000}", "\u{200B}", "\u{FEFF}"] {
        // The first message of a conversation is a greeting, whatever it says.
        let first = text(None, blank);
        assert!(first.session.is_some());
        let at = mid_conversation();
        let outcome = text(Some(at.clone()), blank);
        stays(&at, &outcome);
        assert!(says(&outcome, "understanding-not-understood"), "{blank:?}");
    }
}

#[test]
fn long_texts_are_handled_like_short_ones() {
    for length in [
        limits::MAX_MESSAGE_CHARS,
        limits::MAX_MESSAGE_CHARS + 1,
        1 << 20,
    ] {
        let at = mid_conversation();
        let long = "a".repeat(length);
        let outcome = text(Some(at.clone()), &long);
        stays(&at, &outcome);
        assert!(says(&outcome, "understanding-not-understood"));
        // A keyword still counts however much surrounds it. ("police" is a topic, not an
        // emergency word.)
        let padded = format!(
            "{} emergency {}",
            "x ".repeat(length / 4),
            "y ".repeat(length / 4)
        );
        assert!(emergency(&text(Some(at.clone()), &padded)));
        // Long runs of digits and of at-signs are not phone numbers or addresses. (A
        // megabyte of them is left out: the check is linear, but slow in a debug build.)
        if length > 2 * limits::MAX_MESSAGE_CHARS {
            continue;
        }
        for filler in ["1", "@", "1 ", "a@b.", "+4"] {
            let outcome = text(Some(at.clone()), &filler.repeat(length / filler.len()));
            stays(&at, &outcome);
        }
    }
}

#[test]
fn nul_bytes_are_ordinary_characters() {
    let at = mid_conversation();
    for with_nul in ["\0", "\0\0\0", "hel\0p", "/start\0", "/\0exit"] {
        let outcome = text(Some(at.clone()), with_nul);
        assert!(
            outcome.session.is_some(),
            "{with_nul:?} must not wipe the session"
        );
    }
    // A NUL separates words like a space or a full stop: the words around it count.
    assert!(exited(&text(Some(at.clone()), "exit\0")));
    assert!(exited(&text(Some(at.clone()), "\0exit")));
    assert!(emergency(&text(Some(at), "112\0")));
}

#[test]
fn invisible_characters_neither_hide_nor_fake_keywords() {
    let at = mid_conversation();
    // Zero-width and direction characters inside a keyword do not hide it.
    for hidden in [
        "e\u{200B}xit",
        "ex\u{200C}it",
        "exi\u{200D}t",
        "\u{2060}exit",
        "ex\u{00AD}it",
        "\u{FEFF}exit",
        "\u{2066}exit\u{2069}",
        "\u{202B}exit\u{202C}",
    ] {
        assert!(exited(&text(Some(at.clone()), hidden)), "{hidden:?}");
    }
    for hidden in [
        "emer\u{200B}gency",
        "\u{202E}112",
        "1\u{200B}12",
        "sos\u{200F}",
    ] {
        assert!(emergency(&text(Some(at.clone()), hidden)), "{hidden:?}");
    }
    // A right-to-left override makes "tixe" display as "exit"; it is not the word.
    for faked in ["\u{202E}tixe", "\u{202E}tixe\u{202C}", "\u{202E}ecilop"] {
        let outcome = text(Some(at.clone()), faked);
        assert!(!exited(&outcome) && !emergency(&outcome), "{faked:?}");
        stays(&at, &outcome);
    }
    // Look-alike letters from another script are other letters: a calm reply.
    let outcome = text(Some(at.clone()), "\u{0435}xit");
    assert!(!exited(&outcome));
}

#[test]
fn direction_characters_around_personal_data_do_not_hide_it() {
    let at = mid_conversation();
    for hidden in [
        "\u{202E}070-123 45 67",
        "\u{2067}0701234567\u{2069}",
        "\u{200F}anna@example.se\u{200F}",
    ] {
        let outcome = text(Some(at.clone()), hidden);
        assert!(
            outcome.effects.contains(&Effect::DeleteInput),
            "{hidden:?} was not recognised as personal data"
        );
    }
}

#[test]
fn unknown_and_malformed_commands_get_a_calm_reply() {
    let at = mid_conversation();
    for command in [
        "/",
        "//",
        "/foo",
        "/start@",
        "/@",
        "/ start",
        "/EXITNOW",
        "/sos@",
        "/\0",
        "/\u{202E}tixe",
        "/help@other_bot extra words",
    ] {
        let outcome = text(Some(at.clone()), command);
        assert!(outcome.session.is_some(), "{command:?}");
    }
    assert!(says(
        &text(Some(at.clone()), "/nonsense"),
        "understanding-not-understood"
    ));
    // A deep-link code of any size or shape leads to the main menu at worst.
    let main = SET.main_start();
    for code in [
        "x".repeat(5000),
        "\0".to_string(),
        "../../etc/passwd".to_string(),
        "\u{202E}buyer".to_string(),
    ] {
        let outcome = text(Some(at.clone()), &format!("/start {code}"));
        let session = outcome.session.as_ref().expect("a session");
        assert_eq!(session.flow, SET.flows[main.flow].id);
    }
}

// --- Buttons ------------------------------------------------------------------------

#[test]
fn forged_and_overlong_button_data_is_an_out_of_date_menu() {
    let at = mid_conversation();
    let forged = [
        String::new(),
        "c".into(),
        "c0.0".into(),
        format!("c{}.99", at.menu),
        format!("c{}.0", at.menu.wrapping_sub(1)),
        format!("c{}.0", "9".repeat(1000)),
        "c4294967296.0".into(),
        "c1.-1".into(),
        "l".into(),
        format!("l{}", "x".repeat(63)),
        format!("l{}", "x".repeat(64)),
        "lxx".into(),
        "l../sv".into(),
        "gz".into(),
        "\0".into(),
        "c\u{0}1.0".into(),
        "\u{202E}gx".into(),
        "x".repeat(65),
        "c1.0".repeat(1 << 18),
    ];
    for data in forged {
        let outcome = send(Some(at.clone()), Input::Button(data.clone()));
        let shown = &data[..data.len().min(20)];
        stays(&at, &outcome);
        assert!(
            says(&outcome, "stale-menu"),
            "{shown:?} was not treated as stale"
        );
    }
}

#[test]
fn buttons_on_a_fresh_or_foreign_session_are_stale() {
    // No session: even well-formed choice data is from a menu this chat never saw.
    let outcome = send(None, Input::Button("c1.0".into()));
    assert!(says(&outcome, "stale-menu"));
    // A session that names no real step, in no real language.
    let foreign = Session {
        flow: "\0".repeat(1000),
        step: "x".repeat(1 << 16),
        lang: "\u{202E}xx".into(),
        version: 0,
        menu: u32::MAX,
        trail: Vec::new(),
        place: None,
    };
    let outcome = send(Some(foreign), Input::Button("c4294967295.0".into()));
    assert!(says(&outcome, "step-gone"));
    let session = outcome.session.expect("a session");
    assert!(SET.locales.get(&session.lang).is_some());
}

#[test]
fn unsupported_messages_get_a_calm_reply() {
    let at = mid_conversation();
    let outcome = send(Some(at.clone()), Input::Unsupported);
    stays(&at, &outcome);
    assert!(says(&outcome, "unsupported-message"));
    assert!(
        replies(&outcome)
            .iter()
            .any(|r| r.kind == ReplyKind::Notice)
    );
}

// --- Files --------------------------------------------------------------------------

/// The small valid fixture set, read once into a document in memory, to break one
/// file of (no file system after that: the loader's checks are pure).
struct Fixture {
    base: PathBuf,
    document: RefCell<Document>,
}

impl Fixture {
    fn new() -> Self {
        let base = fixture("base");
        let document = Document::read(&base.join("flows"), &base.join("locales"));
        Fixture {
            base,
            document: RefCell::new(document),
        }
    }

    /// Writes one file (replaced, or added), as staff would on disk.
    fn write(&self, file: &str, bytes: impl AsRef<[u8]>) {
        let next = self
            .document
            .borrow()
            .with_file(&self.base.join(file), bytes.as_ref());
        *self.document.borrow_mut() = next;
    }

    fn load(&self) -> (Option<FlowSet>, Report) {
        let options = LoadOptions {
            today: jiff::civil::date(2026, 3, 1),
        };
        signpost::load::analyse(&self.document.borrow(), &options)
    }

    /// Loads and expects a refusal with an error in `file`, saying `words`.
    fn refuses(&self, file: &str, words: &str) {
        let (set, report) = self.load();
        assert!(set.is_none(), "the set was built");
        let text = report.to_string();
        let about_file = report
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains(file) && d.to_string().contains(words));
        assert!(about_file, "no error in {file} saying {words:?}:\n{text}");
    }
}

#[test]
fn the_fixture_loads() {
    let (set, report) = Fixture::new().load();
    assert!(set.is_some(), "{report}");
}

#[test]
fn deeply_nested_toml_is_refused_cleanly() {
    let depth = 100_000;
    let cases = [
        format!(
            "id = \"x\"\nx = {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            "id = \"x\"\nx = {}1{}\n",
            "{a = ".repeat(depth),
            "}".repeat(depth)
        ),
        format!("id = \"x\"\nx = {}", "[".repeat(depth)),
        format!("id = \"x\"\n[{}]\n", vec!["a"; depth].join(".")),
    ];
    for case in cases {
        assert!(case.len() as u64 <= limits::MAX_FILE_BYTES);
        let fixture = Fixture::new();
        fixture.write("flows/nested.toml", &case);
        fixture.refuses("nested.toml", "");
    }
}

/// The size limit holds for a file given in memory as for one on disk (where the IO
/// edge, `load::files`, looks at the size before reading).
#[test]
fn huge_files_are_refused_before_they_are_read() {
    let fixture = Fixture::new();
    let size = usize::try_from(limits::MAX_FILE_BYTES).expect("fits") + 1;
    fixture.write("flows/huge.toml", "#".repeat(size));
    fixture.refuses("huge.toml", "at most");
    let fixture = Fixture::new();
    fixture.write("locales/en/huge.ftl", "# x\n".repeat(size / 4 + 1));
    fixture.refuses("huge.ftl", "at most");
}

#[test]
fn a_file_just_under_the_limit_is_read_and_judged() {
    // A megabyte of keys: read, parsed and refused for what it says, not for its size.
    let fixture = Fixture::new();
    let mut text = String::from(
        "id = \"big\"\nstart = \"a\"\n[steps.a]\nsay = [\"main-hello\"]\nend = true\n",
    );
    let mut n = 0;
    while (text.len() as u64) < limits::MAX_FILE_BYTES - 40 {
        text.push_str(&format!("k{n} = 1\n"));
        n += 1;
    }
    fixture.write("flows/big.toml", &text);
    // Refused for its first unknown key, which shows it was read and parsed whole.
    fixture.refuses("big.toml", "k0");
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let fixture = Fixture::new();
    fixture.write("locales/en/main.ftl", b"main-hello = Hello\n\xff\xfe\n");
    fixture.refuses("main.ftl", "not UTF-8");
    let fixture = Fixture::new();
    fixture.write("flows/main.toml", b"id = \"main\xc3\"\n");
    fixture.refuses("main.toml", "not UTF-8");
}

#[test]
fn nul_bytes_in_files_are_refused_cleanly() {
    let fixture = Fixture::new();
    fixture.write("flows/nul.toml", "id = \"x\"\0\n");
    fixture.refuses("nul.toml", "");
    let fixture = Fixture::new();
    fixture.write("locales/en/nul.ftl", "x = a\0b\n");
    let (set, report) = fixture.load();
    // A NUL inside a message is text like any other; if the set loads, it must serve.
    if let Some(set) = set {
        let outcome = engine::handle(
            &set,
            None,
            &Input::Text("/start".into()),
            &Context::default(),
            now(),
        );
        check(&outcome);
    } else {
        assert!(report.errors() > 0);
    }
}

#[test]
fn deeply_nested_fluent_is_refused_cleanly() {
    let depth = 100_000;
    for body in [
        format!("deep = {}x{}\n", "{ ".repeat(depth), " }".repeat(depth)),
        format!("deep = {}\n", "{ ".repeat(depth)),
        format!(
            "deep = {}1{}\n",
            "{ NUMBER(".repeat(depth / 4),
            ") }".repeat(depth / 4)
        ),
        format!("deep = {}", "{ FUNC(\"}\", ".repeat(depth / 10)),
        format!("deep = {}", "{ FUNC(\nb, ".repeat(depth / 10)),
        format!("deep = {{ $a ->\n{}", "  *[x] { $b ->\n".repeat(depth / 10)),
    ] {
        let fixture = Fixture::new();
        fixture.write("locales/en/deep.ftl", &body);
        fixture.refuses("deep.ftl", "more than 100");
    }
}

#[test]
fn fluent_nested_up_to_the_limit_is_read_and_rendered() {
    for (depth, body) in [
        (
            100,
            format!("{}1{}", "{ NUMBER(".repeat(50), ") }".repeat(50)),
        ),
        (
            100,
            format!("{}\"x\"{}", "{ ".repeat(100), " }".repeat(100)),
        ),
    ] {
        let fixture = Fixture::new();
        // The same message in both languages, so the set is complete.
        for lang in ["en", "sv"] {
            fixture.write(
                &format!("locales/{lang}/deep.ftl"),
                format!("deep = {body}\n"),
            );
        }
        let (set, report) = fixture.load();
        let Some(set) = set else {
            panic!("nesting {depth} deep was refused:\n{report}");
        };
        for lang in ["en", "sv"] {
            let text = set.locales.get(lang).expect("the language").message("deep");
            assert!(!text.is_empty());
        }
    }
}

#[test]
fn pathological_patterns_are_refused_or_bounded() {
    for pattern in [
        "(((((((((((((((((((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))))))))))))))))))".to_string(),
        format!("{}a{}", "(".repeat(300), ")".repeat(300)),
        "(a*)*b".to_string(),
        "\\w{100}\\w{100}\\w{100}".to_string(),
        "(?-u:\\xff)".to_string(),
    ] {
        let fixture = Fixture::new();
        let flow = format!(
            "id = \"main\"\nstart = \"menu\"\ndeep_links = [{{ code = \"start_sv\", lang = \"sv\" }}]\n\n\
             [steps.menu]\nsay = [\"main-hello\"]\nchoices = [\n  {{ label = \"main-choice-help\", goto = \"help\" }},\n  \
             {{ label = \"main-choice-buyer\", flow = \"buyer\" }},\n]\nroutes = [{{ match = '''{pattern}''', goto = \"help\" }}]\n\n\
             [steps.help]\nsay = [\"main-help\"]\nsignposts = [\"line\"]\nend = true\n"
        );
        fixture.write("flows/main.toml", &flow);
        let (set, report) = fixture.load();
        match set {
            // A pattern that compiles must match a long text without trouble.
            Some(set) => {
                let start = engine::handle(&set, None, &Input::Text("/start".into()), &Context::default(), now());
                let long = Input::Text("a".repeat(limits::MAX_MESSAGE_CHARS));
                let outcome = engine::handle(&set, start.session, &long, &Context::default(), now());
                check(&outcome);
            }
            None => assert!(report.errors() > 0),
        }
    }
}
