//! Behaviour of the engine on a small fixture set (`tests/fixtures/engine/`), written as
//! short conversations: each input with the whole outcome as text, checked through one
//! `check` helper so a reader sees the conversation, not internals.

use std::sync::LazyLock;

use signpost::engine::{self, Context, Effect, Input, Outcome, Session, Stat};
use signpost::load::{Document, LoadOptions};
use signpost::model::FlowSet;

use crate::support::files::{fixture, repo};

static SET: LazyLock<FlowSet> = LazyLock::new(|| {
    let root = fixture("engine");
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    set.unwrap_or_else(|| panic!("the engine fixture does not load:\n{report}"))
});

/// Monday 2026-11-30, 10:00 in Stockholm: the office line is open.
const MONDAY_MORNING: &str = "2026-11-30T09:00:00Z";
/// Saturday 2026-11-28, 12:00 in Stockholm: the office line is closed.
const SATURDAY: &str = "2026-11-28T11:00:00Z";

/// A conversation: the session so far and the buttons on screen.
struct Conversation {
    session: Option<Session>,
    buttons: Vec<String>,
    now: jiff::Timestamp,
    hint: Option<&'static str>,
    /// The set it talks to ([`SET`] unless a test says otherwise).
    set: &'static FlowSet,
    /// The host says someone on the staff is available for a handover.
    available: bool,
}

impl Conversation {
    fn new() -> Self {
        Conversation {
            session: None,
            buttons: Vec::new(),
            now: MONDAY_MORNING.parse().unwrap(),
            hint: None,
            set: &SET,
            available: false,
        }
    }

    /// `input` is `text:...`, `button:<raw data>`, `press:<n>` (the n-th button on
    /// screen, from 1) or `photo`.
    fn send(&mut self, input: &str) -> Outcome {
        let input = match input.split_once(':') {
            Some(("text", t)) => Input::Text(t.to_string()),
            Some(("button", d)) => Input::Button(d.to_string()),
            Some(("press", n)) => {
                Input::Button(self.buttons[n.parse::<usize>().unwrap() - 1].clone())
            }
            _ if input == "photo" => Input::Unsupported,
            _ => panic!("bad test input {input}"),
        };
        let ctx = Context {
            language_hint: self.hint,
            handover_available: self.available,
        };
        let outcome = engine::handle(self.set, self.session.take(), &input, &ctx, self.now);
        self.session = outcome.session.clone();
        if let Some(buttons) = outcome.effects.iter().rev().find_map(|e| match e {
            Effect::Reply(r) if !r.buttons.is_empty() => Some(&r.buttons),
            _ => None,
        }) {
            self.buttons = buttons.iter().flatten().map(|b| b.data.clone()).collect();
        }
        outcome
    }
}

/// The outcome as text: one line per block of a message (the fixture's texts have no
/// blank lines, so blocks are what a blank line separates: a notice, a step's text, a
/// card), the buttons after the message's last block as `label=data`, deletions by
/// name; counts are left out here. How blocks make messages is tested on its own
/// (`every_answer_is_one_message_with_its_buttons`).
fn show(outcome: &Outcome) -> String {
    let mut lines = Vec::new();
    for effect in &outcome.effects {
        match effect {
            Effect::Reply(reply) => {
                let blocks: Vec<String> = reply
                    .text
                    .split("\n\n")
                    .map(|b| b.replace('\n', " / "))
                    .collect();
                let (last, rest) = blocks.split_last().unwrap_or((&blocks[0], &[]));
                lines.extend(rest.iter().cloned());
                let mut line = last.clone();
                for row in &reply.buttons {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|b| format!("{}={}", b.label, b.data))
                        .collect();
                    line.push_str(&format!(" | {}", cells.join(" ")));
                }
                lines.push(line);
            }
            Effect::DeleteInput => lines.push("<delete input>".into()),
            Effect::QuickExit { farewell, .. } => {
                lines.push("<delete conversation>".into());
                lines.push(farewell.text.replace('\n', " / "));
            }
            // Shown only if the deletion fails; the host decides.
            Effect::IfNotDeleted(_) => {}
            Effect::Count(_) => {}
            Effect::Handover(h) => {
                lines.push(format!("<handover {} {}>", h.lang, h.trail.join(" ")))
            }
        }
    }
    if outcome.session.is_none() {
        lines.push("<session wiped>".into());
    }
    lines.join("\n")
}

/// Sends each input in turn and compares the outcome with the expected text.
fn check(conversation: &mut Conversation, script: &[(&str, &str)]) {
    for (input, expected) in script {
        let actual = show(&conversation.send(input));
        assert_eq!(actual, expected.trim(), "after input {input:?}");
    }
}

const HELLO_SV: &str = "[sv] hello | [sv] info?=c1.0 | [sv] other?=c1.1 | [sv] 112=ge [sv] exit=gx";

#[test]
fn first_message_opens_the_main_menu_in_the_default_language() {
    check(&mut Conversation::new(), &[("text:hej", HELLO_SV)]);
}

#[test]
fn telegram_language_is_negotiated() {
    let mut c = Conversation::new();
    c.hint = Some("en-GB");
    check(
        &mut c,
        &[(
            "text:/start",
            "[en] hello | [en] info?=c1.0 | [en] other?=c1.1 | [en] 112=ge [en] exit=gx",
        )],
    );
}

#[test]
fn a_choice_walks_through_next_to_signposts_open_now() {
    check(
        &mut Conversation::new(),
        &[
            ("text:/start", HELLO_SV),
            (
                "press:1",
                "[sv] info\n\
                 [sv] end\n\
                 Office Line / [sv] office about / [sv] phone 020-123 456 / [sv] web https://example.org / [sv] open until 16:30 / [sv] anonymous / [sv] office anon / [sv] free\n\
                 SOS Alarm / [sv] sos about / [sv] phone 112 / [sv] open always / [sv] confidential / [sv] sos anon / [sv] free · [sv] interpreters | [sv] restart=gr | [sv] 112=ge [sv] exit=gx",
            ),
        ],
    );
}

#[test]
fn a_closed_service_says_when_it_opens_and_what_to_do_meanwhile() {
    let mut c = Conversation::new();
    c.now = SATURDAY.parse().unwrap();
    c.send("text:/start");
    let text = show(&c.send("press:1"));
    assert!(
        text.contains("[sv] closed, opens mon 08:00 / [sv] office meanwhile"),
        "{text}"
    );
}

#[test]
fn free_text_routes_respect_language() {
    let mut c = Conversation::new();
    c.send("text:/start");
    assert!(show(&c.send("text:ett träd")).starts_with("[sv] info"));
    let mut c = Conversation::new();
    c.hint = Some("en");
    c.send("text:/start");
    assert!(show(&c.send("text:ett träd")).starts_with("[en] not understood"));
    assert!(show(&c.send("text:a TREE!")).starts_with("[en] info"));
}

#[test]
fn stale_forged_and_replayed_buttons_get_a_calm_answer_and_the_current_step() {
    let mut c = Conversation::new();
    c.send("text:/start");
    let old_menu = c.buttons[0].clone();
    c.send("press:2");
    check(
        &mut c,
        &[
            (
                &format!("button:{old_menu}"),
                "[sv] stale\n[sv] other 3 | [sv] back=c3.0 | [sv] 112=ge [sv] exit=gx",
            ),
            (
                "button:c3.7",
                "[sv] stale\n[sv] other 3 | [sv] back=c4.0 | [sv] 112=ge [sv] exit=gx",
            ),
            (
                "button:<script>",
                "[sv] stale\n[sv] other 3 | [sv] back=c5.0 | [sv] 112=ge [sv] exit=gx",
            ),
            (
                "button:lxx",
                "[sv] stale\n[sv] other 3 | [sv] back=c6.0 | [sv] 112=ge [sv] exit=gx",
            ),
        ],
    );
}

#[test]
fn a_button_without_a_session_is_stale() {
    check(
        &mut Conversation::new(),
        &[("button:c1.0", &format!("[sv] stale\n{HELLO_SV}"))],
    );
}

#[test]
fn emergency_works_from_every_step_by_button_command_and_keyword() {
    for input in [
        "button:ge",
        "text:/sos",
        "text:Ring POLIS nu",
        "text:112",
        "text:call the police",
    ] {
        let mut c = Conversation::new();
        c.send("text:/start");
        c.send("press:2");
        let text = show(&c.send(input));
        assert!(
            text.starts_with("[sv] emergency\nSOS Alarm"),
            "{input}: {text}"
        );
        assert!(
            text.ends_with("[sv] other 3 | [sv] back=c3.0 | [sv] 112=ge [sv] exit=gx"),
            "{input}: {text}"
        );
    }
}

#[test]
fn quick_exit_deletes_the_conversation_and_wipes_the_session() {
    for input in ["button:gx", "text:/exit", "text:Avsluta", "text:exit!"] {
        let mut c = Conversation::new();
        c.send("text:/start");
        check(
            &mut c,
            &[(
                input,
                "<delete conversation>\n[sv] exit done\n<session wiped>",
            )],
        );
    }
}

#[test]
fn exit_inside_a_sentence_is_not_a_quick_exit() {
    let mut c = Conversation::new();
    c.send("text:/start");
    assert!(show(&c.send("text:how do I exit")).starts_with("[sv] not understood"));
}

#[test]
fn language_can_be_changed_at_any_step() {
    let mut c = Conversation::new();
    c.send("text:/start");
    c.send("press:2");
    check(
        &mut c,
        &[
            (
                "text:/language",
                "[sv] choose | [sv] name=lsv | [en] name=len | [sv] 112=ge [sv] exit=gx",
            ),
            (
                "button:len",
                "[en] other 3 | [en] back=c3.0 | [en] 112=ge [en] exit=gx",
            ),
        ],
    );
    assert_eq!(c.session.as_ref().unwrap().lang, "en");
}

#[test]
fn help_and_privacy() {
    let mut c = Conversation::new();
    c.send("text:/start");
    check(
        &mut c,
        &[
            (
                "text:/help",
                "[sv] help text | [sv] language=gl [sv] privacy=gp | [sv] restart=gr | [sv] 112=ge [sv] exit=gx",
            ),
            (
                "button:gp",
                &format!("[sv] privacy text\n{}", HELLO_SV.replace("c1.", "c2.")),
            ),
        ],
    );
}

#[test]
fn personal_data_is_deleted_and_the_person_told() {
    let mut c = Conversation::new();
    c.send("text:/start");
    check(
        &mut c,
        &[(
            "text:ring mig på 070-123 45 67",
            &format!(
                "<delete input>\n[sv] personal\n{}",
                HELLO_SV.replace("c1.", "c2.")
            ),
        )],
    );
    // A directory number typed back is not personal data.
    assert!(show(&c.send("text:020-123 456?")).starts_with("[sv] not understood"));
}

#[test]
fn personal_data_with_an_emergency_word_still_gets_emergency_help() {
    let mut c = Conversation::new();
    c.send("text:/start");
    let text = show(&c.send("text:polis! jag är på Storgatan 12"));
    assert!(
        text.starts_with("<delete input>\n[sv] personal\n[sv] emergency\nSOS Alarm"),
        "{text}"
    );
}

#[test]
fn deep_links_open_a_flow_in_a_language_and_unknown_codes_the_menu() {
    check(
        &mut Conversation::new(),
        &[(
            "text:/start other_en",
            "[en] other 3 | [en] back=c1.0 | [en] 112=ge [en] exit=gx",
        )],
    );
    check(&mut Conversation::new(), &[("text:/start nope", HELLO_SV)]);
    check(
        &mut Conversation::new(),
        &[("text:/start ../../etc", HELLO_SV)],
    );
}

#[test]
fn non_text_messages_get_a_short_answer() {
    let mut c = Conversation::new();
    c.send("text:/start");
    check(
        &mut c,
        &[(
            "photo",
            &format!("[sv] unsupported\n{}", HELLO_SV.replace("c1.", "c2.")),
        )],
    );
}

#[test]
fn a_step_removed_by_a_flow_change_is_handled() {
    let mut c = Conversation::new();
    c.session = Some(Session {
        flow: "menu".into(),
        step: "removed".into(),
        lang: "sv".into(),
        version: 1,
        menu: 9,
        trail: Vec::new(),
        place: None,
    });
    check(
        &mut c,
        &[(
            "button:c9.0",
            &format!("[sv] gone\n{}", HELLO_SV.replace("c1.", "c10.")),
        )],
    );
    c.session = Some(Session {
        flow: "gone-flow".into(),
        step: "x".into(),
        lang: "sv".into(),
        version: 1,
        menu: 0,
        trail: Vec::new(),
        place: None,
    });
    check(&mut c, &[("text:hej", &format!("[sv] gone\n{HELLO_SV}"))]);
}

#[test]
fn a_menu_drawn_before_a_flow_change_is_stale_even_if_the_step_exists() {
    let mut c = Conversation::new();
    c.session = Some(Session {
        flow: "menu".into(),
        step: "hello".into(),
        lang: "sv".into(),
        version: SET.version.wrapping_add(1),
        menu: 4,
        trail: Vec::new(),
        place: None,
    });
    check(
        &mut c,
        &[(
            "button:c4.0",
            &format!("[sv] stale\n{}", HELLO_SV.replace("c1.", "c5.")),
        )],
    );
    assert_eq!(c.session.as_ref().unwrap().version, SET.version);
}

#[test]
fn a_session_in_a_language_no_longer_offered_falls_back() {
    let mut c = Conversation::new();
    c.session = Some(Session {
        flow: "menu".into(),
        step: "hello".into(),
        lang: "de".into(),
        version: SET.version,
        menu: 1,
        trail: Vec::new(),
        place: None,
    });
    assert!(show(&c.send("button:c1.0")).starts_with("[sv] info"));
}

#[test]
fn counts_are_aggregate_events_only() {
    let mut c = Conversation::new();
    c.send("text:/start");
    let outcome = c.send("press:1");
    let counts: Vec<&Stat> = outcome
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Count(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(
        counts,
        vec![
            &Stat::Step {
                flow: "menu".into(),
                step: "info".into()
            },
            &Stat::Step {
                flow: "menu".into(),
                step: "end".into()
            },
            &Stat::Signpost {
                service: "office".into()
            },
            &Stat::Signpost {
                service: "sos".into()
            },
        ]
    );
}

/// The languages people use are counted: once when a conversation begins, and when it
/// is switched; a quick exit as the first message counts nothing.
#[test]
fn a_conversations_language_is_counted_when_it_begins_and_when_it_changes() {
    let languages = |outcome: &Outcome| -> Vec<String> {
        outcome
            .effects
            .iter()
            .filter_map(|e| match e {
                Effect::Count(Stat::Language { lang }) => Some(lang.clone()),
                _ => None,
            })
            .collect()
    };
    let mut c = Conversation::new();
    assert_eq!(languages(&c.send("text:/start")), ["sv"]);
    assert_eq!(languages(&c.send("press:2")), Vec::<String>::new());
    c.send("text:/language");
    assert_eq!(languages(&c.send("button:len")), ["en"]);

    let mut c = Conversation::new();
    c.hint = Some("en");
    assert_eq!(languages(&c.send("text:hello")), ["en"]);

    let mut c = Conversation::new();
    assert_eq!(languages(&c.send("text:/exit")), Vec::<String>::new());
}

/// Regression: "Avsluta" at a step whose route pattern matches "sluta" showed that step
/// instead of quitting. Quick-exit words win over a step's own patterns.
#[test]
fn quick_exit_word_wins_over_a_step_route_containing_it() {
    let root = repo();
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    let set = set.unwrap_or_else(|| panic!("{report}"));
    let buyer = set.flow_by_id("buyer").expect("the buyer flow");
    let session = Session {
        flow: "buyer".into(),
        step: set.flows[buyer].steps[set.flows[buyer].start].id.clone(),
        lang: "sv".into(),
        version: set.version,
        menu: 1,
        trail: Vec::new(),
        place: None,
    };
    let now = MONDAY_MORNING.parse().unwrap();
    let outcome = engine::handle(
        &set,
        Some(session),
        &Input::Text("Avsluta".into()),
        &Context::default(),
        now,
    );
    assert!(outcome.session.is_none(), "{outcome:?}");
    assert!(
        outcome
            .effects
            .iter()
            .any(|e| matches!(e, Effect::QuickExit { .. }))
    );
}

/// What a host holding back a flooding chat still lets through: exactly the inputs that
/// `handle` answers with emergency help or the quick exit.
#[test]
fn urgent_inputs_are_emergency_and_quick_exit_only() {
    let urgent = [
        "button:ge",
        "button:gx",
        "text:/sos",
        "text:/exit",
        "text:Ring POLIS nu",
        "text:112",
        "text:Avsluta",
        "text:exit!",
    ];
    let not_urgent = [
        "button:gh",
        "button:c1.0",
        "text:/start",
        "text:/help",
        "text:how do I exit",
        "text:hello",
        "photo",
    ];
    for (input, expected) in urgent
        .iter()
        .map(|i| (i, true))
        .chain(not_urgent.iter().map(|i| (i, false)))
    {
        let parsed = match input.split_once(':') {
            Some(("text", t)) => Input::Text(t.to_string()),
            Some(("button", d)) => Input::Button(d.to_string()),
            _ => Input::Unsupported,
        };
        assert_eq!(engine::urgent(&SET, &parsed), expected, "{input}");
        if expected {
            let mut c = Conversation::new();
            c.send("text:/start");
            let text = show(&c.send(input));
            assert!(
                text.starts_with("[sv] emergency") || text.contains("<delete conversation>"),
                "{input}: {text}"
            );
        }
    }
}

#[test]
fn slowing_down_says_so_once_and_changes_nothing() {
    let mut c = Conversation::new();
    c.hint = Some("en");
    c.send("text:/start");
    let before = c.session.clone();
    let ctx = Context {
        language_hint: Some("sv"),
        handover_available: false,
    };
    let outcome = engine::slow_down(&SET, before.clone(), &ctx, c.now);
    assert_eq!(show(&outcome), "[en] slow down");
    assert_eq!(outcome.session, before);
    // Without a conversation, the client's language; still nothing to keep.
    let fresh = engine::slow_down(&SET, None, &ctx, c.now);
    assert_eq!(show(&fresh), "[sv] slow down\n<session wiped>");
    assert_eq!(fresh.session, None);
}

/// The shipped flows and texts, which have the notices about deleting.
static SHIPPED: LazyLock<FlowSet> = LazyLock::new(|| {
    let root = repo();
    let (set, report) = signpost::load::load(&root.join("flows"), &root.join("locales"));
    set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"))
});

fn sv(id: &str) -> String {
    SHIPPED
        .locales
        .get("sv")
        .map(|l| l.message(id))
        .unwrap_or_default()
}

/// The effects as short lines: deletions, the notice kept for a failed deletion, replies
/// (with `+buttons` when they show a menu).
fn plan(effects: &[Effect]) -> Vec<String> {
    let notice = |text: &str| {
        [
            "exit-done",
            "exit-partial",
            "personal-data-notice",
            "personal-data-kept",
            "shared-deleted",
            "shared-kept",
            "unsupported-message",
            "emergency-text",
        ]
        .into_iter()
        // A notice is its message, or the first block of it.
        .find(|id| {
            let notice = sv(id);
            text == notice || text.starts_with(&format!("{notice}\n\n"))
        })
        .unwrap_or("other")
        .to_string()
    };
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::DeleteInput => Some("delete input".into()),
            Effect::QuickExit { farewell, partial } => Some(format!(
                "delete conversation, then {}, if not deleted: {}",
                notice(&farewell.text),
                notice(&partial.text)
            )),
            Effect::IfNotDeleted(r) => Some(format!("if not deleted: {}", notice(&r.text))),
            Effect::Reply(r) if r.buttons.is_empty() => Some(notice(&r.text)),
            Effect::Reply(r) => Some(format!("{} +buttons", notice(&r.text))),
            Effect::Count(_) => None,
            Effect::Handover(h) => Some(format!("handover {} {}", h.lang, h.trail.join(" "))),
        })
        .collect()
}

fn started() -> (Option<Session>, jiff::Timestamp) {
    let now: jiff::Timestamp = MONDAY_MORNING.parse().unwrap();
    let ctx = Context {
        language_hint: Some("sv"),
        handover_available: false,
    };
    let first = engine::handle(&SHIPPED, None, &Input::Text("hej".into()), &ctx, now);
    (first.session, now)
}

const SV: Context<'static> = Context {
    language_hint: Some("sv"),
    handover_available: false,
};

#[test]
fn every_deletion_plans_the_notice_for_when_it_fails() {
    let (session, now) = started();
    let exit = engine::handle(
        &SHIPPED,
        session.clone(),
        &Input::Text("/exit".into()),
        &SV,
        now,
    );
    assert_eq!(
        plan(&exit.effects),
        ["delete conversation, then exit-done, if not deleted: exit-partial"]
    );
    assert!(exit.session.is_none());

    let typed = Input::Text("ring mig på 070-765 43 21".into());
    let typed = engine::handle(&SHIPPED, session, &typed, &SV, now);
    assert_eq!(
        plan(&typed.effects)[..3],
        [
            "delete input",
            "if not deleted: personal-data-kept",
            "personal-data-notice +buttons"
        ]
    );
}

#[test]
fn a_command_argument_with_personal_data_is_deleted_and_the_command_carried_out() {
    let (session, now) = started();
    let sos = Input::Text("/sos ring mig på 070-765 43 21".into());
    let outcome = engine::handle(&SHIPPED, session.clone(), &sos, &SV, now);
    let plan = plan(&outcome.effects);
    assert_eq!(plan[0], "delete input", "{plan:?}");
    // The notice and the emergency help are one message, with the step's buttons.
    assert_eq!(plan[2], "personal-data-notice +buttons", "{plan:?}");
    assert!(
        outcome
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Reply(r) if r.text.contains(&sv("emergency-text"))))
    );
    // A deep link's code is no personal data.
    let link = engine::handle(
        &SHIPPED,
        session,
        &Input::Text("/start buyer_sv".into()),
        &SV,
        now,
    );
    assert!(!link.effects.contains(&Effect::DeleteInput));
}

#[test]
fn a_caption_is_searched_for_personal_data_only() {
    let (session, now) = started();
    let with = Input::Caption("mejla mig på ines@example.org".into());
    let with = engine::handle(&SHIPPED, session.clone(), &with, &SV, now);
    assert_eq!(plan(&with.effects)[0], "delete input");
    let without = Input::Caption("jag vill sluta".into());
    let without = engine::handle(&SHIPPED, session.clone(), &without, &SV, now);
    assert_eq!(
        plan(&without.effects)[0],
        "unsupported-message +buttons",
        "a caption is not routed"
    );
    assert_eq!(without.session.map(|s| s.step), session.map(|s| s.step));
}

#[test]
fn a_shared_location_is_deleted_told_once_and_never_answered_with_a_step() {
    let (session, now) = started();
    let first = engine::shared(&SHIPPED, session.clone(), &SV, now, false);
    assert_eq!(
        plan(&first.effects),
        [
            "delete input",
            "if not deleted: shared-kept",
            "shared-deleted"
        ]
    );
    assert_eq!(first.session, session, "the conversation does not move");
    let again = engine::shared(&SHIPPED, session.clone(), &SV, now, true);
    assert_eq!(plan(&again.effects), ["delete input"]);
    // A live location's update is an edit: the same.
    let update = engine::edited(&SHIPPED, session, &Input::Shared, &SV, now, true);
    assert_eq!(plan(&update.effects), ["delete input"]);
    // A new conversation is opened without a step shown.
    let fresh = engine::shared(&SHIPPED, None, &SV, now, false);
    assert!(fresh.session.is_some());
    assert!(!plan(&fresh.effects).iter().any(|p| p.ends_with("+buttons")));
}

#[test]
fn an_edit_is_only_searched_for_personal_data() {
    let (session, now) = started();
    let with = Input::Text("ring 070-765 43 21".into());
    let with = engine::edited(&SHIPPED, session.clone(), &with, &SV, now, false);
    assert_eq!(
        plan(&with.effects),
        [
            "delete input",
            "if not deleted: personal-data-kept",
            "personal-data-notice"
        ]
    );
    let without = Input::Text("jag säljer sex".into());
    let without = engine::edited(&SHIPPED, session.clone(), &without, &SV, now, false);
    assert!(without.effects.is_empty());
    assert_eq!(without.session, session);
}

/// The emergency card and the fixture's day-and-night line (here the office line).
const DISTRESS_SV: &str = "[sv] distress\nSOS Alarm";

#[test]
fn distress_words_anywhere_bring_the_emergency_card_a_line_and_the_step_again() {
    for text in [
        "text:jag är RÄDD, han slår mig",
        "text:hjälp... I'm scared",
        "text:he threatens me every day",
        "text:han SLÅR mig!!",
    ] {
        let mut c = Conversation::new();
        c.send("text:/start");
        c.send("press:2");
        let out = show(&c.send(text));
        assert!(out.starts_with(DISTRESS_SV), "{text}: {out}");
        assert!(out.contains("\nOffice Line / "), "{text}: {out}");
        assert!(
            out.ends_with("[sv] other 3 | [sv] back=c3.0 | [sv] 112=ge [sv] exit=gx"),
            "{text}: {out}"
        );
    }
    // On the first message too: safety before the greeting.
    let out = show(&Conversation::new().send("text:I am scared"));
    assert!(out.starts_with(DISTRESS_SV), "{out}");
    // A word that only holds a distress word is not one.
    let mut c = Conversation::new();
    c.send("text:/start");
    assert!(show(&c.send("text:räddningstjänsten")).starts_with("[sv] not understood, 112"));
}

#[test]
fn distress_words_count_as_urgent_for_a_held_back_chat() {
    assert!(engine::urgent(&SET, &Input::Text("jag är rädd".into())));
    assert!(!engine::urgent(&SET, &Input::Text("jag är glad".into())));
}

#[test]
fn a_route_of_the_step_that_takes_a_keyword_wins_except_112_and_distress() {
    let mut c = Conversation::new();
    c.hint = Some("en");
    c.send("text:/start");
    // "police" is an emergency word, but this step's own route takes it.
    assert!(show(&c.send("text:I want to tell the police about a flat")).starts_with("[en] info"));
    for text in ["text:112 police", "text:police, he is hitting me"] {
        let mut c = Conversation::new();
        c.hint = Some("en");
        c.send("text:/start");
        let out = show(&c.send(text));
        assert!(
            out.starts_with("[en] emergency\nSOS Alarm")
                || out.starts_with("[en] distress\nSOS Alarm"),
            "{text}: {out}"
        );
    }
    // The route is for English only: in Swedish "police" is still the emergency word.
    let mut c = Conversation::new();
    c.send("text:/start");
    assert!(show(&c.send("text:police")).starts_with("[sv] emergency\nSOS Alarm"));
}

#[test]
fn routes_to_different_flows_ask_instead_of_guessing() {
    let mut c = Conversation::new();
    c.send("text:/start");
    check(
        &mut c,
        &[
            (
                "text:Both of them",
                "[sv] did you mean | [sv] info?=c1.0 | [sv] other?=c1.1 | [sv] 112=ge [sv] exit=gx",
            ),
            // The menu's own buttons stay valid; a did-you-mean button is a choice.
            (
                "press:2",
                "[sv] other 3 | [sv] back=c2.0 | [sv] 112=ge [sv] exit=gx",
            ),
        ],
    );
    // Words are whole words: "others" is a stem of "other*", "brother" is not.
    let mut c = Conversation::new();
    c.send("text:/start");
    assert!(show(&c.send("text:the others")).starts_with("[sv] other 3"));
    assert!(show(&c.send("text:/start")).starts_with("[sv] hello"));
    assert!(show(&c.send("text:my brother")).starts_with("[sv] not understood, 112"));
}

#[test]
fn a_route_marked_confirm_asks_even_alone() {
    let mut c = Conversation::new();
    c.send("text:/start");
    check(
        &mut c,
        &[(
            "text:maybe",
            "[sv] did you mean | [sv] other?=c1.1 | [sv] 112=ge [sv] exit=gx",
        )],
    );
    assert_eq!(c.session.as_ref().unwrap().step, "hello");
}

#[test]
fn an_age_under_18_leads_to_the_young_flow_from_any_step() {
    for text in [
        "text:jag är 15 år",
        "text:I am 14",
        "text:i'm 16 and need help",
        "text:hon är 15år",
    ] {
        let mut c = Conversation::new();
        c.send("text:/start");
        c.send("press:2");
        let out = show(&c.send(text));
        assert_eq!(
            out, "[sv] young | [sv] back=c3.0 | [sv] 112=ge [sv] exit=gx",
            "{text}"
        );
        assert_eq!(c.session.as_ref().unwrap().flow, "young");
    }
    for text in [
        "text:jag är 18 år",
        "text:I am 45 years",
        "text:15",
        "text:room 15",
    ] {
        let mut c = Conversation::new();
        c.send("text:/start");
        c.send("press:2");
        let out = show(&c.send(text));
        assert!(out.starts_with("[sv] not understood, 112"), "{text}: {out}");
    }
}

/// Never only "use the buttons": the notice with 112, a line open now (the first
/// distress line that is open), then the step with its buttons.
#[test]
fn not_understood_carries_the_112_line_a_line_open_now_and_the_buttons() {
    let mut c = Conversation::new();
    c.send("text:/start");
    check(
        &mut c,
        &[(
            "text:qwerty",
            &format!(
                "[sv] not understood, 112\nOffice Line / [sv] office about / [sv] phone 020-123 456 / [sv] web https://example.org / [sv] open until 16:30 / [sv] anonymous / [sv] office anon / [sv] free\n{}",
                HELLO_SV.replace("c1.", "c2.")
            ),
        )],
    );
}

#[test]
fn an_app_language_not_offered_gets_the_fallback_and_the_language_button() {
    for hint in ["ru", "th", "bg-BG"] {
        let mut c = Conversation::new();
        c.hint = Some(hint);
        check(
            &mut c,
            &[(
                "text:/start",
                "[en] hello | [en] info?=c1.0 | [en] other?=c1.1 | [en] language=gl | [en] 112=ge [en] exit=gx",
            )],
        );
        assert_eq!(c.session.as_ref().unwrap().lang, "en");
    }
    // An offered language, or none given: no extra button.
    let mut c = Conversation::new();
    c.hint = Some("sv-FI");
    check(&mut c, &[("text:/start", HELLO_SV)]);
}

/// Every press on every step of the shipped flows reachable from the first message, in
/// every language at an open and a closed hour, is answered by one message that carries
/// the buttons (the quick exit's farewell, which has none, aside).
#[test]
fn every_answer_is_one_message_with_its_buttons() {
    let mut answers = 0;
    for lang in SHIPPED.locales.codes() {
        for when in [MONDAY_MORNING, SATURDAY] {
            let now: jiff::Timestamp = when.parse().unwrap();
            let ctx = Context {
                language_hint: Some(lang.as_str()),
                handover_available: false,
            };
            let first = engine::handle(&SHIPPED, None, &Input::Text("/start".into()), &ctx, now);
            let mut seen = std::collections::HashSet::new();
            let mut queue = std::collections::VecDeque::from([first]);
            while let Some(outcome) = queue.pop_front() {
                let replies: Vec<_> = outcome
                    .effects
                    .iter()
                    .filter_map(|e| match e {
                        Effect::Reply(r) => Some(r),
                        _ => None,
                    })
                    .collect();
                assert_eq!(replies.len(), 1, "{lang} {when}: {replies:#?}");
                assert!(
                    !replies[0].buttons.is_empty(),
                    "{lang}: {}",
                    replies[0].text
                );
                answers += 1;
                let Some(session) = outcome.session.clone() else {
                    continue;
                };
                if !seen.insert((session.flow.clone(), session.step.clone())) {
                    continue;
                }
                for button in replies[0].buttons.iter().flatten() {
                    if button.data == "gx" {
                        continue;
                    }
                    let input = Input::Button(button.data.clone());
                    queue.push_back(engine::handle(
                        &SHIPPED,
                        Some(session.clone()),
                        &input,
                        &ctx,
                        now,
                    ));
                }
            }
        }
    }
    assert!(answers > 100, "only {answers} answers");
}

/// The engine fixture with `[handover]` (the office answers, in Swedish only, on
/// weekdays 09:00-17:00) and the offer on the `end` step; the handover's texts are
/// `[lang] id` with their arguments, so a reader sees which text and which values.
static HANDOVER: LazyLock<FlowSet> = LazyLock::new(|| {
    let root = fixture("engine");
    let mut document = Document::read(&root.join("flows"), &root.join("locales"));
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
    // Before the first table, so that the keys belong to the file's top level.
    let bot = read("flows/bot.toml").replacen(
        "[intents.emergency]",
        "[handover]\ngroup = -1001234567890\nservice = \"office\"\nlanguages = [\"sv\"]\n\
         inactivity_minutes = 30\n[handover.hours]\nmon = [\"09:00-17:00\"]\n\
         tue = [\"09:00-17:00\"]\nwed = [\"09:00-17:00\"]\nthu = [\"09:00-17:00\"]\n\
         fri = [\"09:00-17:00\"]\n\n[intents.emergency]",
        1,
    );
    document = document.with_file(&root.join("flows/bot.toml"), bot);
    let menu = read("flows/menu.toml").replace("end = true", "end = true\nhandover = true");
    document = document.with_file(&root.join("flows/menu.toml"), menu);
    for lang in ["sv", "en"] {
        let mut ftl = String::from("### review: machine-drafted\n");
        for (id, args) in signpost::model::HANDOVER_MESSAGES {
            let args: String = args.iter().map(|a| format!(" {{ ${a} }}")).collect();
            ftl.push_str(&format!("{id} = [{lang}] {id}{args}\n"));
        }
        let path = root.join(format!("locales/{lang}/handover.ftl"));
        document = document.with_file(&path, ftl);
    }
    let options = LoadOptions {
        today: jiff::civil::date(2026, 12, 1),
    };
    let (set, report) = signpost::load::analyse(&document, &options);
    set.unwrap_or_else(|| panic!("the handover fixture does not load:\n{report}"))
});

fn staffed() -> Conversation {
    let mut c = Conversation::new();
    c.set = &HANDOVER;
    c.available = true;
    c
}

const END_WITH_OFFER: &str = "[sv] info
[sv] end
Office Line / [sv] office about / [sv] phone 020-123 456 / [sv] web https://example.org / [sv] open until 16:30 / [sv] anonymous / [sv] office anon / [sv] free
SOS Alarm / [sv] sos about / [sv] phone 112 / [sv] open always / [sv] confidential / [sv] sos anon / [sv] free · [sv] interpreters | [sv] restart=gr | [sv] handover-offer-button=o3 | [sv] 112=ge [sv] exit=gx";

#[test]
fn the_offer_shows_when_open_staffed_and_someone_is_available() {
    let mut c = staffed();
    c.send("text:hej");
    let end = c.send("press:1");
    assert_eq!(show(&end), END_WITH_OFFER);
    assert!(
        end.effects
            .contains(&Effect::Count(Stat::Handover { event: "offered" }))
    );
}

#[test]
fn the_offer_is_hidden_when_closed_nobody_is_available_the_language_is_not_staffed_or_there_is_no_handover()
 {
    let has_offer = |mut c: Conversation| {
        c.send("text:hej");
        let end = c.send("press:1");
        end.effects.iter().any(|e| {
            matches!(e, Effect::Reply(r) if r.buttons.iter().flatten().any(|b| b.data.starts_with('o')))
        })
    };
    assert!(has_offer(staffed()));
    let mut closed = staffed();
    closed.now = SATURDAY.parse().unwrap();
    assert!(!has_offer(closed));
    let mut nobody = staffed();
    nobody.available = false;
    assert!(!has_offer(nobody));
    let mut english = staffed();
    english.hint = Some("en");
    assert!(!has_offer(english));
    let mut unset = Conversation::new();
    unset.available = true;
    assert!(!has_offer(unset));
}

#[test]
fn consent_comes_first_and_only_then_the_case_opens_with_the_language_and_the_trail() {
    let mut c = staffed();
    c.send("text:hej");
    c.send("press:1");
    check(
        &mut c,
        &[
            (
                "button:o3",
                "[sv] handover-consent Office Line | [sv] handover-consent-button=k3 | [sv] 112=ge [sv] exit=gx",
            ),
            (
                "button:k3",
                "[sv] handover-waiting | [sv] 112=ge [sv] exit=gx\n<handover sv menu/hello menu/info menu/end>",
            ),
        ],
    );
}

#[test]
fn consent_after_the_staff_went_away_shows_the_signposts_instead() {
    let mut c = staffed();
    c.send("text:hej");
    c.send("press:1");
    c.send("button:o3");
    c.available = false;
    let outcome = c.send("button:k3");
    let shown = show(&outcome);
    assert!(
        shown.starts_with("[sv] handover-unavailable\n[sv] end\nOffice Line"),
        "{shown}"
    );
    assert!(!shown.contains("<handover"), "{shown}");
    assert!(!shown.contains("=o"), "{shown}");
}

#[test]
fn an_offer_or_consent_from_an_old_menu_is_stale() {
    let mut c = staffed();
    c.send("text:hej");
    c.send("press:1");
    let old = c.send("button:k2");
    assert!(show(&old).starts_with("[sv] stale"), "{}", show(&old));
    assert!(!old.effects.iter().any(|e| matches!(e, Effect::Handover(_))));
    let forged = c.send("button:o999");
    assert!(show(&forged).starts_with("[sv] stale"), "{}", show(&forged));
}

#[test]
fn without_a_handover_no_trail_of_steps_is_kept() {
    let mut c = Conversation::new();
    c.send("text:hej");
    for _ in 0..3 {
        c.send("button:gr");
        c.send("press:1");
    }
    assert!(c.session.as_ref().unwrap().trail.is_empty());
}

#[test]
fn the_trail_keeps_only_the_last_steps_and_is_kept_in_the_session() {
    let mut c = staffed();
    c.send("text:hej");
    for _ in 0..10 {
        c.send("button:gr");
        c.send("press:1");
    }
    let trail = &c.session.as_ref().unwrap().trail;
    assert_eq!(trail.len(), signpost::model::limits::MAX_TRAIL);
    assert_eq!(trail.last().map(String::as_str), Some("menu/end"));
}

/// Issue 24: an input handed over again after a crash, whose outcome the session holds,
/// gets the step shown again under the same menu number (both copies' buttons work),
/// nothing counted, the session unchanged; personal data in it is deleted again.
#[test]
fn an_input_handed_over_again_shows_the_step_again_under_the_same_buttons() {
    let mut conversation = Conversation::new();
    conversation.send("text:/start");
    let first = conversation.send("press:1");
    let session = conversation
        .session
        .clone()
        .unwrap_or_else(|| panic!("a session"));
    let ctx = Context {
        language_hint: None,
        handover_available: false,
    };
    let again = engine::again(&SET, session.clone(), false, &ctx, conversation.now);
    assert_eq!(again.session.as_ref(), Some(&session));
    // The step the session is at (the last of the steps the first answer passed
    // through), with the same buttons.
    let last = |o: &Outcome| {
        o.effects.iter().rev().find_map(|e| match e {
            Effect::Reply(r) => Some((r.text.clone(), r.buttons.clone())),
            _ => None,
        })
    };
    let (first_text, first_buttons) = last(&first).unwrap_or_else(|| panic!("an answer"));
    let (again_text, again_buttons) = last(&again).unwrap_or_else(|| panic!("an answer"));
    assert!(first_text.ends_with(&again_text), "{again_text}");
    assert_eq!(again_buttons, first_buttons);
    assert!(
        !again.effects.iter().any(|e| matches!(e, Effect::Count(_))),
        "nothing counted twice"
    );
    let personal = engine::again(&SET, session, true, &ctx, conversation.now);
    assert!(matches!(
        personal.effects.first(),
        Some(Effect::DeleteInput)
    ));
}
