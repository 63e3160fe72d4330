//! The relay's rules with plain values: a desk, the shipped flows with `[handover]`, and
//! a time that moves only when a test moves it.

use std::path::Path;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tokio::time::Instant;

use super::*;
use crate::engine::{ButtonData, HandoverStart, Input};
use crate::model::{Handover, Hours};
use crate::telegram::handover::pacing::{BURST, PER_TOPIC, SPACING};
use crate::telegram::incoming::updates::GroupMessage;

const CHAT: i64 = 4_455_667;
const TOPIC: i32 = 77;
const STAFF: u64 = 920_001;

fn flows() -> FlowSet {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, report) = crate::load::load(&root.join("flows"), &root.join("locales"));
    let mut set = set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"));
    set.settings.handover = Some(Handover {
        group: -100_123,
        service: set.settings.emergency_service,
        languages: vec!["en".into()],
        inactivity_minutes: 30,
        hours: Hours::Always,
        staff: None,
    });
    set
}

/// A clock for the tests: wall time and instant move together.
struct Time {
    wall: Timestamp,
    at: Instant,
}

impl Time {
    fn new() -> Time {
        Time {
            wall: Timestamp::UNIX_EPOCH + SignedDuration::from_hours(500_000),
            at: Instant::now(),
        }
    }

    fn now(&self) -> Now {
        Now {
            wall: self.wall,
            at: self.at,
        }
    }

    fn pass(&mut self, by: Duration) {
        self.at += by;
        self.wall += SignedDuration::try_from(by).unwrap_or(SignedDuration::ZERO);
    }
}

/// A desk whose group passed the start-up check.
fn ready(flows: &FlowSet) -> Desk {
    let mut desk = Desk::new("signpost_bot".into());
    desk.on_ready(flows);
    desk
}

/// A person who agreed in English, coming from `selling/talk`.
fn start() -> HandoverStart {
    HandoverStart {
        lang: "en".into(),
        trail: vec!["selling/talk".into()],
    }
}

/// A ready desk with one open case (topic [`TOPIC`]) for [`CHAT`].
fn with_case(flows: &FlowSet, time: &Time) -> Desk {
    let mut desk = ready(flows);
    let actions = desk.open(CHAT, &start(), Some([1, 2, 3, 4]), flows, time.now());
    let [RelayAction::CreateTopic { case, first, .. }] = &actions[..] else {
        panic!("a topic to create: {actions:?}");
    };
    desk.topic_created(*case, Some(TOPIC), first.clone());
    desk
}

fn text(t: &str) -> Input {
    Input::Text(t.into())
}

/// What goes to the group until the pace says wait (the texts, by topic).
fn sent(desk: &mut Desk, flows: &FlowSet, time: &Time) -> Vec<(Option<i32>, String)> {
    let mut out = Vec::new();
    loop {
        let tick = desk.on_tick(flows, time.now());
        let sends: Vec<_> = tick
            .actions
            .into_iter()
            .filter_map(|a| match a {
                RelayAction::ToGroup(item) => Some((item.topic, item.text)),
                _ => None,
            })
            .collect();
        if sends.is_empty() {
            return out;
        }
        out.extend(sends);
    }
}

fn told(actions: &[RelayAction]) -> Vec<Say> {
    actions
        .iter()
        .filter_map(|a| match a {
            RelayAction::Tell { chat, say, .. } if *chat == CHAT => Some(say.clone()),
            _ => None,
        })
        .collect()
}

impl std::fmt::Debug for Say {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", tell(0, "", self.clone()))
    }
}

#[test]
fn no_case_opens_before_the_group_is_checked_and_the_person_is_told() {
    let flows = flows();
    let time = Time::new();
    let mut desk = Desk::new("signpost_bot".into());
    let start = HandoverStart {
        lang: "en".into(),
        trail: Vec::new(),
    };
    let actions = desk.open(CHAT, &start, Some([0; 4]), &flows, time.now());
    assert_eq!(told(&actions), [Say::Text(HandoverText::EndedRestart)]);
    assert!(!desk.in_case(CHAT));
    // Without randomness no label, so no case either.
    desk.on_ready(&flows);
    let actions = desk.open(CHAT, &start, None, &flows, time.now());
    assert_eq!(told(&actions), [Say::Text(HandoverText::EndedRestart)]);
}

#[test]
fn a_case_is_kept_durably_before_anything_is_written_in_its_topic() {
    let flows = flows();
    let time = Time::new();
    let mut desk = ready(&flows);
    let actions = desk.open(CHAT, &start(), Some([1, 2, 3, 4]), &flows, time.now());
    let [RelayAction::CreateTopic { case, label, first }] = &actions[..] else {
        panic!("{actions:?}");
    };
    assert!(label.ends_with(" · en · selling") && !label.contains(&CHAT.to_string()));
    let after = desk.topic_created(*case, Some(TOPIC), first.clone());
    assert!(matches!(
        &after[..],
        [
            RelayAction::KeepTopics(topics),
            RelayAction::Mark { in_case: true, .. },
            RelayAction::Notice { topic: Some(TOPIC), .. },
        ] if topics == &[TOPIC]
    ));
    // A second consent while in the case opens nothing more.
    assert!(
        desk.open(CHAT, &start(), Some([5; 4]), &flows, time.now())
            .is_empty()
    );
}

#[test]
fn a_topic_that_cannot_be_created_closes_the_case_and_says_so() {
    let flows = flows();
    let time = Time::new();
    let mut desk = ready(&flows);
    let actions = desk.open(CHAT, &start(), Some([1; 4]), &flows, time.now());
    let [RelayAction::CreateTopic { case, first, .. }] = &actions[..] else {
        panic!("{actions:?}");
    };
    let after = desk.topic_created(*case, None, first.clone());
    assert_eq!(told(&after), [Say::Text(HandoverText::EndedRestart)]);
    assert!(!desk.in_case(CHAT));
}

#[test]
fn a_persons_texts_go_to_their_topic_and_a_wait_is_said_once() {
    let flows = flows();
    let mut time = Time::new();
    let mut desk = with_case(&flows, &time);
    sent(&mut desk, &flows, &time);
    // Within the burst: at once, nothing said to the person.
    let (actions, theirs) = desk.on_person(CHAT, Some(10), &text("hello"), &flows, time.now());
    assert!(theirs);
    assert_eq!(
        actions.first(),
        Some(&RelayAction::Remember {
            chat: CHAT,
            ids: vec![10]
        })
    );
    assert!(told(&actions).is_empty());
    assert_eq!(
        sent(&mut desk, &flows, &time),
        [(Some(TOPIC), "hello".to_string())]
    );
    // Past the burst (five at once), a text waits: said once a case.
    for i in 1..BURST {
        desk.on_person(CHAT, None, &text(&format!("m{i}")), &flows, time.now());
        sent(&mut desk, &flows, &time);
    }
    let (first, _) = desk.on_person(CHAT, None, &text("later"), &flows, time.now());
    let (second, _) = desk.on_person(CHAT, None, &text("later again"), &flows, time.now());
    assert_eq!(told(&first), [Say::Text(HandoverText::Delayed)]);
    assert!(told(&second).is_empty());
    assert!(sent(&mut desk, &flows, &time).is_empty());
    time.pass(SPACING);
    // Joined while they waited, in order.
    assert_eq!(
        sent(&mut desk, &flows, &time),
        [(Some(TOPIC), "later\n\nlater again".to_string())]
    );
}

#[test]
fn a_full_queue_drops_a_text_and_says_so_once() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    let long = "x".repeat(3000);
    let mut capped = 0;
    for _ in 0..PER_TOPIC + 3 {
        let (actions, _) = desk.on_person(CHAT, None, &text(&long), &flows, time.now());
        capped += told(&actions).iter().filter(|s| **s == Say::Capped).count();
    }
    assert_eq!(capped, 1);
}

#[test]
fn personal_data_is_held_until_the_person_says_to_send_it() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    sent(&mut desk, &flows, &time);
    let secret = "my number is 070-123 45 67";
    let (actions, theirs) = desk.on_person(CHAT, Some(11), &text(secret), &flows, time.now());
    assert!(theirs);
    assert!(actions.contains(&RelayAction::DeletePersonal {
        chat: CHAT,
        message: 11
    }));
    assert_eq!(told(&actions), [Say::Text(HandoverText::PersonalHeld)]);
    assert!(sent(&mut desk, &flows, &time).is_empty());
    let yes = Input::Button(ButtonData::Personal(true).encode());
    let (actions, _) = desk.on_person(CHAT, None, &yes, &flows, time.now());
    assert_eq!(told(&actions), [Say::Text(HandoverText::PersonalSent)]);
    assert_eq!(
        sent(&mut desk, &flows, &time),
        [(Some(TOPIC), secret.to_string())]
    );
    // Nothing held any more: a second yes sends nothing.
    let (actions, _) = desk.on_person(CHAT, None, &yes, &flows, time.now());
    assert_eq!(told(&actions), [Say::Text(HandoverText::PersonalDropped)]);
    assert!(sent(&mut desk, &flows, &time).is_empty());
}

#[test]
fn what_the_flows_answer_is_not_the_relays() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    for input in [text("/help"), Input::Shared, Input::Caption("c".into())] {
        let (_, theirs) = desk.on_person(CHAT, Some(12), &input, &flows, time.now());
        assert!(!theirs);
    }
    let (actions, theirs) = desk.on_person(CHAT, None, &Input::Unsupported, &flows, time.now());
    assert!(theirs);
    assert_eq!(told(&actions), [Say::Text(HandoverText::OnlyText)]);
    let (actions, theirs) = desk.on_person(999, None, &text("hi"), &flows, time.now());
    assert!(!theirs && actions.is_empty());
}

#[test]
fn a_cry_for_help_reaches_the_topic_marked() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    sent(&mut desk, &flows, &time);
    let actions = desk.on_urgent(CHAT, Some(13), &text("I am scared"), &flows, time.now());
    assert!(told(&actions).is_empty());
    let mark = staff_text(&flows, "handover-staff-urgent", &[]);
    assert_eq!(
        sent(&mut desk, &flows, &time),
        [(Some(TOPIC), format!("{mark}\nI am scared"))]
    );
}

#[test]
fn a_quiet_case_ends_after_the_limit_on_both_sides() {
    let flows = flows();
    let mut time = Time::new();
    let mut desk = with_case(&flows, &time);
    sent(&mut desk, &flows, &time);
    time.pass(Duration::from_secs(29 * 60));
    assert!(desk.on_tick(&flows, time.now()).actions.is_empty());
    time.pass(Duration::from_secs(60));
    let actions = desk.on_tick(&flows, time.now()).actions;
    assert_eq!(actions[0], RelayAction::Count(HandoverEvent::EndedInactive));
    assert_eq!(told(&actions), [Say::Text(HandoverText::EndedInactive)]);
    assert!(actions.contains(&RelayAction::DeleteTopic(TOPIC)));
    assert!(actions.contains(&RelayAction::Mark {
        chat: CHAT,
        in_case: false
    }));
    assert!(matches!(
        actions.iter().find(|a| matches!(a, RelayAction::Notice { .. })),
        Some(RelayAction::Notice { topic: None, text }) if !text.contains(&CHAT.to_string())
    ));
    assert!(!desk.in_case(CHAT));
}

#[test]
fn the_person_leaving_ends_the_case_without_telling_them() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    let actions = desk.on_person_left(CHAT, &flows);
    assert_eq!(actions[0], RelayAction::Count(HandoverEvent::EndedByPerson));
    assert!(told(&actions).is_empty());
    assert!(desk.on_person_left(CHAT, &flows).is_empty());
    // After a crash, the mark of a case the crash ended goes too.
    desk.crashed();
    assert_eq!(
        desk.on_person_left(CHAT, &flows),
        [RelayAction::Mark {
            chat: CHAT,
            in_case: false
        }]
    );
}

fn staff_says(topic: Option<i32>, said: Option<&str>) -> GroupMessage {
    GroupMessage {
        id: 500,
        from: STAFF,
        from_bot: false,
        topic,
        text: said.map(String::from),
    }
}

#[test]
fn staff_texts_in_a_topic_go_to_its_person_and_talk_elsewhere_is_not_heard() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    assert!(!desk.heard(&staff_says(None, Some("coffee?")), &flows));
    assert!(!desk.heard(&staff_says(Some(TOPIC + 1), Some("hi")), &flows));
    let mut bot = staff_says(Some(TOPIC), Some("hi"));
    bot.from_bot = true;
    assert!(!desk.heard(&bot, &flows));
    let hello = staff_says(Some(TOPIC), Some("hello, I am here"));
    assert!(desk.heard(&hello, &flows));
    let actions = desk.on_staff(hello, &flows, time.now());
    let say = Say::Staff {
        case: 1,
        staff: 500,
        text: "hello, I am here".into(),
    };
    assert_eq!(told(&actions), [say]);
    // An edit reaches the copies the person got.
    desk.relayed(1, 500, vec![31, 32]);
    let edit = desk.on_staff_edit(staff_says(Some(TOPIC), Some("hello!")), &flows, time.now());
    assert!(matches!(&edit[..], [RelayAction::Edit { ids, .. }] if ids == &[31, 32]));
    // Anything but text: the staff are told that only text is passed on.
    let photo = desk.on_staff(staff_says(Some(TOPIC), None), &flows, time.now());
    assert!(matches!(
        &photo[..],
        [RelayAction::Notice {
            topic: Some(TOPIC),
            ..
        }]
    ));
}

#[test]
fn staff_commands_end_a_case_and_say_who_is_available() {
    let flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    assert!(!desk.available(&flows));
    let available = staff_says(None, Some("/available"));
    assert!(desk.heard(&available, &flows));
    let actions = desk.on_staff(available, &flows, time.now());
    assert!(matches!(
        &actions[..],
        [RelayAction::Notice { topic: None, .. }]
    ));
    assert!(desk.available(&flows));
    desk.on_staff(staff_says(None, Some("/away")), &flows, time.now());
    assert!(!desk.available(&flows));
    let end = desk.on_staff(
        staff_says(Some(TOPIC), Some("/end@signpost_bot")),
        &flows,
        time.now(),
    );
    assert_eq!(end[0], RelayAction::Count(HandoverEvent::EndedByStaff));
    assert_eq!(told(&end), [Say::Text(HandoverText::EndedStaff)]);
    assert!(desk.cases().ids().is_empty());
}

#[test]
fn without_handover_in_the_flows_nothing_is_relayed_and_a_stop_ends_every_case() {
    let mut flows = flows();
    let time = Time::new();
    let mut desk = with_case(&flows, &time);
    let ended = desk.end_all(&flows);
    assert_eq!(told(&ended), [Say::Text(HandoverText::EndedRestart)]);
    flows.settings.handover = None;
    assert!(!desk.active(&flows));
    assert!(!desk.heard(&staff_says(None, Some("/available")), &flows));
}

/// Carries out the notices among `actions` as the executor does (queued for the group).
fn queue_notices(desk: &mut Desk, actions: Vec<RelayAction>, time: &Time) {
    for action in actions {
        if let RelayAction::Notice { topic, text } = action {
            desk.queue_notice(topic, text, time.now());
        }
    }
}

#[test]
fn notices_and_the_persons_texts_reach_the_group_in_order_with_nothing_of_the_person() {
    let flows = flows();
    let mut time = Time::new();
    let mut desk = ready(&flows);
    let restart = staff_text(&flows, "handover-staff-restart", &[]);
    desk.queue_notice(None, restart.clone(), time.now());
    let opened = desk.open(CHAT, &start(), Some([7; 4]), &flows, time.now());
    let [RelayAction::CreateTopic { case, first, .. }] = &opened[..] else {
        panic!("{opened:?}");
    };
    let created = desk.topic_created(*case, Some(TOPIC), first.clone());
    queue_notices(&mut desk, created, &time);
    desk.on_person(CHAT, Some(20), &text("hello"), &flows, time.now());
    let mut all = Vec::new();
    for _ in 0..4 {
        all.extend(sent(&mut desk, &flows, &time));
        time.pass(SPACING);
    }
    let expected = [
        (None, restart),
        (Some(TOPIC), first.clone()),
        (Some(TOPIC), "hello".to_string()),
    ];
    assert_eq!(all, expected);
    assert!(all.iter().all(|(_, t)| !t.contains(&CHAT.to_string())));
}
