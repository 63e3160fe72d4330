//! The plan's rules with plain outcomes and reported results, no network or disk.

use super::*;
use crate::engine::ReplyKind;

fn reply(text: &str) -> Reply {
    Reply {
        kind: ReplyKind::Notice,
        text: text.to_string(),
        buttons: Vec::new(),
        protect_content: false,
    }
}

fn session(step: &str) -> Session {
    Session {
        flow: "main".into(),
        step: step.into(),
        lang: "sv".into(),
        version: 1,
        menu: 3,
        trail: Vec::new(),
        place: None,
    }
}

fn stored(step: &str, oldest: i32, newest: i32) -> StoredSession {
    StoredSession {
        oldest_message: Some(oldest),
        newest_message: Some(newest),
        ..StoredSession::new(session(step))
    }
}

fn exit() -> Effect {
    Effect::QuickExit {
        farewell: reply("farewell"),
        partial: reply("partial"),
    }
}

/// Carries a plan out against a pretend chat: each send gets the next ids from
/// `next_id` (one per message), each deletion the answer `deletions` gives in turn.
/// Returns every action in order.
fn carry_out(mut plan: Plan, mut next_id: i32, deletions: &[bool]) -> Vec<Action> {
    let mut deletions = deletions.iter();
    let mut actions = Vec::new();
    let mut done = Done::Nothing;
    while let Some(action) = plan.next(done) {
        done = match &action {
            Action::Send(_) => {
                next_id += 1;
                Done::Sent(vec![next_id])
            }
            Action::DeleteInput(_) | Action::Sweep { .. } => {
                Done::Deleted(*deletions.next().expect("a deletion not foreseen"))
            }
            _ => Done::Nothing,
        };
        actions.push(action);
        assert!(actions.len() < 100, "a plan that does not end");
    }
    assert!(
        deletions.next().is_none(),
        "a deletion foreseen but not made"
    );
    actions
}

/// The actions in brief: `save 4..=12 a` for a durable save (oldest, newest, step),
/// `pending`, `send TEXT`, `delete N`, `sweep FROM..=TO`, `count`, `wipe`.
fn brief(actions: &[Action]) -> Vec<String> {
    let ids = |s: &StoredSession| match (s.oldest_message, s.newest_message) {
        (Some(o), Some(n)) => format!("{o}..={n}"),
        _ => "none".into(),
    };
    actions
        .iter()
        .map(|a| match a {
            Action::SaveDurably(s) => format!("save {} {}", ids(s), s.session.step),
            Action::SavePending(s) => format!("pending {} {}", ids(s), s.session.step),
            Action::Send(r) => format!("send {}", r.text),
            Action::DeleteInput(id) => format!("delete {id}"),
            Action::Sweep { ids, .. } => format!(
                "sweep {}..={}",
                ids.first().copied().unwrap_or_default(),
                ids.last().copied().unwrap_or_default()
            ),
            Action::Count(_) => "count".into(),
            Action::OpenCase(start) => format!("open {}", start.trail.join(" ")),
            Action::EndCase => "end case".into(),
            Action::Wipe => "wipe".into(),
        })
        .collect()
}

fn outcome(session: Option<Session>, effects: Vec<Effect>) -> Outcome {
    Outcome { session, effects }
}

fn count() -> Effect {
    Effect::Count(Stat::Intent { intent: "help" })
}

/// An update handed over again after a crash is skipped only if its answer went out:
/// its id is in the write after the answer, never in the durable one before it.
#[test]
fn the_update_answered_is_remembered_after_its_answer_only() {
    let mut before = stored("a", 4, 10);
    before.answered = Some(41);
    let plan = Plan::new(
        outcome(Some(session("b")), vec![Effect::Reply(reply("step b"))]),
        Memory::of(&before),
        Seen {
            input: Some(11),
            update: Some(42),
            ..Seen::default()
        },
    );
    let actions = carry_out(plan, 11, &[]);
    let answered: Vec<(String, Option<u32>)> = actions
        .iter()
        .filter_map(|a| match a {
            Action::SaveDurably(s) => Some(("durable".to_string(), s.answered)),
            Action::SavePending(s) => Some(("after".to_string(), s.answered)),
            _ => None,
        })
        .collect();
    assert_eq!(
        answered,
        [
            ("durable".to_string(), Some(41)),
            ("after".to_string(), Some(42))
        ]
    );
}

#[test]
fn the_next_session_is_durable_before_anything_is_seen_and_the_ids_follow() {
    let plan = Plan::new(
        outcome(
            Some(session("b")),
            vec![count(), Effect::Reply(reply("step b"))],
        ),
        Memory::of(&stored("a", 4, 10)),
        Seen {
            input: Some(11),
            other: None,
            shared: false,
            update: None,
            aside: None,
        },
    );
    assert_eq!(
        brief(&carry_out(plan, 11, &[])),
        [
            // The person's message is in the durable save already.
            "save 4..=11 b",
            "count",
            "send step b",
            "pending 4..=12 b",
        ]
    );
}

#[test]
fn a_case_opens_in_the_engines_order_once_the_session_is_durable() {
    let start = crate::engine::HandoverStart {
        lang: "sv".into(),
        trail: vec!["selling/start".into(), "selling/talk".into()],
    };
    let plan = Plan::new(
        outcome(
            Some(session("b")),
            vec![
                Effect::Reply(reply("a person will answer here")),
                Effect::Handover(start),
            ],
        ),
        Memory::of(&stored("a", 4, 10)),
        Seen {
            input: None,
            other: Some(10),
            shared: false,
            update: None,
            aside: None,
        },
    );
    assert_eq!(
        brief(&carry_out(plan, 11, &[])),
        [
            "save 4..=10 b",
            "send a person will answer here",
            "open selling/start selling/talk",
            "pending 4..=12 b",
        ]
    );
}

#[test]
fn the_pressed_message_is_remembered_and_nothing_is_written_twice_for_nothing() {
    // A press on message 20 (sent before a crash, never remembered); the answer
    // could not be sent, so no new id: the durable save was the last write.
    let mut plan = Plan::new(
        outcome(Some(session("b")), vec![Effect::Reply(reply("step b"))]),
        Memory::of(&stored("a", 4, 10)),
        Seen {
            input: None,
            other: Some(20),
            shared: false,
            update: None,
            aside: None,
        },
    );
    assert_eq!(
        plan.next(Done::Nothing),
        Some(Action::SaveDurably(stored("b", 4, 20)))
    );
    assert!(matches!(plan.next(Done::Nothing), Some(Action::Send(_))));
    assert_eq!(plan.next(Done::Sent(Vec::new())), None);
    assert_eq!(plan.next(Done::Nothing), None);
}

#[test]
fn a_failed_deletion_sends_its_notice_instead_of_the_next_reply() {
    let effects = || {
        vec![
            Effect::DeleteInput,
            Effect::IfNotDeleted(reply("kept")),
            Effect::Reply(reply("deleted")),
            Effect::Reply(reply("step")),
        ]
    };
    let seen = Seen {
        input: Some(11),
        other: None,
        shared: false,
        update: None,
        aside: None,
    };
    let memory = Memory::of(&stored("a", 4, 10));
    let plan = Plan::new(outcome(Some(session("a")), effects()), memory, seen);
    assert_eq!(
        brief(&carry_out(plan, 11, &[true])),
        [
            "save 4..=11 a",
            "delete 11",
            "send deleted",
            "send step",
            "pending 4..=13 a"
        ]
    );
    let plan = Plan::new(outcome(Some(session("a")), effects()), memory, seen);
    assert_eq!(
        brief(&carry_out(plan, 11, &[false]))[1..3],
        ["delete 11", "send kept"]
    );
    // No message to delete (a press): nothing is tried, and the notice is true.
    let plan = Plan::new(
        outcome(Some(session("a")), effects()),
        memory,
        Seen::default(),
    );
    assert_eq!(
        brief(&carry_out(plan, 11, &[]))[1..],
        ["send kept", "send step", "pending 4..=13 a"]
    );
}

#[test]
fn quick_exit_sweeps_then_says_goodbye_and_wipes_only_after_the_deletion() {
    let plan = Plan::new(
        outcome(None, vec![count(), exit()]),
        Memory::of(&stored("a", 4, 10)),
        Seen {
            input: Some(11),
            other: None,
            shared: false,
            update: None,
            aside: None,
        },
    );
    let actions = carry_out(plan, 11, &[true]);
    // No durable save of a session that is about to go; the farewell's id is not
    // remembered anywhere.
    assert_eq!(
        brief(&actions),
        [
            "count",
            &format!("sweep 1..={}", 11 + SWEEP - 1),
            "send farewell",
            "end case",
            "wipe"
        ]
    );
    assert!(matches!(
        actions[1],
        Action::Sweep {
            reaches_oldest: true,
            ..
        }
    ));
}

#[test]
fn quick_exit_says_so_when_not_everything_could_be_deleted() {
    let memory = Memory::of(&stored("a", 4, 10));
    let seen = Seen {
        input: Some(11),
        other: None,
        shared: false,
        update: None,
        aside: None,
    };
    // A batch failed.
    let plan = Plan::new(outcome(None, vec![exit()]), memory, seen);
    assert_eq!(
        brief(&carry_out(plan, 11, &[false])),
        [
            &format!("sweep 1..={}", 11 + SWEEP - 1),
            "send partial",
            "end case",
            "wipe"
        ]
    );
    // The conversation is longer than the sweep.
    let long = Memory::of(&stored("a", 1, 50_000));
    let plan = Plan::new(outcome(None, vec![exit()]), long, seen);
    let actions = carry_out(plan, 50_000, &[true]);
    assert_eq!(
        brief(&actions),
        [
            &format!("sweep {}..={}", 50_000 - SWEEP + 1, 50_000 + SWEEP - 1),
            "send partial",
            "end case",
            "wipe"
        ]
    );
    assert!(matches!(
        actions[0],
        Action::Sweep {
            reaches_oldest: false,
            ..
        }
    ));
    // Nothing known to delete at all.
    let plan = Plan::new(
        outcome(None, vec![exit()]),
        Memory::default(),
        Seen::default(),
    );
    assert_eq!(
        brief(&carry_out(plan, 11, &[])),
        ["send partial", "end case", "wipe"]
    );
}

#[test]
fn without_a_stored_session_the_sweep_also_goes_past_the_newest_id_known() {
    // A press on an old menu (message 3) in a conversation the bot no longer
    // remembers: later messages of the chat have higher ids.
    let plan = Plan::new(
        outcome(None, vec![exit()]),
        Memory::default(),
        Seen {
            input: None,
            other: Some(3),
            shared: false,
            update: None,
            aside: None,
        },
    );
    assert_eq!(
        brief(&carry_out(plan, 3, &[true]))[0],
        format!("sweep 1..={}", 3 + SWEEP - 1)
    );
}

#[test]
fn nothing_sent_after_a_quick_exit_is_remembered() {
    // Not what the engine produces (an exit wipes the session), but the rule holds
    // whatever follows: the farewell and anything after it leave no id behind.
    let plan = Plan::new(
        outcome(
            Some(session("a")),
            vec![
                Effect::Reply(reply("before")),
                exit(),
                Effect::Reply(reply("after")),
            ],
        ),
        Memory::of(&stored("a", 4, 10)),
        Seen {
            input: Some(11),
            other: None,
            shared: false,
            update: None,
            aside: None,
        },
    );
    assert_eq!(
        brief(&carry_out(plan, 11, &[true])),
        [
            "save 4..=11 a",
            "send before",
            // The reply sent just before is swept too.
            &format!("sweep 1..={}", 12 + SWEEP - 1),
            "send farewell",
            "send after",
            "pending none a",
        ]
    );
}

#[test]
fn without_a_conversation_the_notice_is_only_sent() {
    let plan = Plan::send_only(outcome(None, vec![Effect::Reply(reply("slow down"))]));
    assert_eq!(brief(&carry_out(plan, 1, &[])), ["send slow down"]);
}

#[test]
fn a_shared_location_answered_is_remembered_as_told_with_the_durable_write() {
    let plan = Plan::new(
        outcome(Some(session("a")), vec![Effect::Reply(reply("deleted"))]),
        Memory::of(&stored("a", 4, 10)),
        Seen {
            input: Some(11),
            shared: true,
            ..Seen::default()
        },
    );
    let actions = carry_out(plan, 11, &[]);
    assert!(matches!(&actions[0], Action::SaveDurably(s) if s.told_shared));
}

#[test]
fn the_told_flag_survives_into_both_writes() {
    let mut memory = Memory::of(&stored("a", 4, 10));
    memory.told_shared = true;
    let plan = Plan::new(
        outcome(Some(session("a")), vec![Effect::Reply(reply("r"))]),
        memory,
        Seen::default(),
    );
    for action in carry_out(plan, 10, &[]) {
        if let Action::SaveDurably(s) | Action::SavePending(s) = action {
            assert!(s.told_shared);
        }
    }
}

#[test]
fn quick_exit_sweeps_back_from_the_newest_message_known_and_past_it() {
    assert_eq!(
        conversation_ids(Some(12)),
        (1..=12 + SWEEP - 1).collect::<Vec<_>>()
    );
    assert_eq!(conversation_ids(Some(1)).first(), Some(&1));
    assert!(conversation_ids(None).is_empty());
    assert!(conversation_ids(Some(0)).is_empty());
    let far = conversation_ids(Some(i32::MAX - 5));
    assert_eq!(far.last(), Some(&i32::MAX));
}

#[test]
fn the_persons_texts_under_a_pressed_exit_button_are_swept_and_so_is_a_set_aside_message() {
    // H1: staff message 20 carries the Exit button; the person wrote 21 and 22 under
    // it (relayed, so the session remembers up to 20 only), and message 40 was set
    // aside by the intake limit before the press.
    let plan = Plan::new(
        outcome(None, vec![exit()]),
        Memory::of(&stored("a", 4, 20)),
        Seen {
            input: None,
            other: Some(20),
            shared: false,
            update: None,
            aside: Some(40),
        },
    );
    let actions = carry_out(plan, 40, &[true]);
    let Action::Sweep {
        ids, ahead_from, ..
    } = &actions[0]
    else {
        panic!("no sweep first: {:?}", brief(&actions));
    };
    assert_eq!(*ahead_from, 41);
    for id in [4, 20, 21, 22, 40, 40 + SWEEP - 1] {
        assert!(ids.contains(&id), "{id} not swept");
    }
    assert_eq!(brief(&actions)[1..], ["send farewell", "end case", "wipe"]);
}

#[test]
fn a_long_stretch_is_swept_only_near_its_end_and_says_so() {
    let ids = conversation_ids(Some(50_010));
    assert_eq!(ids.len(), 2 * SWEEP as usize - 1);
    assert_eq!(ids[0], 50_010 - SWEEP + 1);
    assert_eq!(ids.last(), Some(&(50_010 + SWEEP - 1)));
    assert!(!reaches_oldest(Some(1), Some(50_010)));
    assert!(reaches_oldest(Some(49_500), Some(50_010)));
    assert!(reaches_oldest(None, Some(5)));
}

#[test]
fn memory_keeps_the_span_of_ids() {
    let mut memory = Memory::default();
    for id in [9, 4, 12] {
        memory.remember(id);
    }
    assert_eq!((memory.oldest, memory.newest), (Some(4), Some(12)));
}
