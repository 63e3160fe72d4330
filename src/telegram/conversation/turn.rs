//! What a person's update is to the engine, decided in pure code: the turn (a message,
//! a press, an edit), the messages it shows to be in the chat, and which of the
//! engine's entry points answers it given what the session remembers (skipped when
//! already answered, the step again when its outcome is already held, the shared
//! location told once). The answer is a [`Plan`]; the handler only loads the session
//! before and carries the plan out after.

use jiff::Timestamp;

use crate::engine::{self, Context, Input, Outcome};
use crate::model::FlowSet;
use crate::store::StoredSession;
use crate::telegram::incoming::router::FLOOR_WINDOW;
use crate::telegram::incoming::updates::Event;

use super::plan::{Memory, Plan, Seen};

/// What an update is to the engine.
#[derive(Debug)]
pub(crate) enum Turn {
    /// A new message or a button press.
    Message(Input),
    /// An edit of an earlier message, or a live location's update.
    Edit(Input),
}

/// A person's update to the engine: the turn, the messages it concerns, the client's
/// language.
pub(crate) struct Asked {
    pub turn: Turn,
    pub seen: Seen,
    pub language: Option<String>,
}

/// What a person's update is to the engine, with the messages it concerns (`aside`:
/// the newest message set aside before it, see `Seen::aside`); `None` for an event
/// that is not a person's turn. The press was answered when the router read it.
pub(crate) fn turn_of(event: Event, aside: Option<i32>, update: u32) -> Option<Asked> {
    let seen = |input, other, shared| Seen {
        input,
        other,
        aside,
        update: Some(update),
        shared,
    };
    let shared = |input: &Input| matches!(input, Input::Shared);
    let (turn, seen, language) = match event {
        Event::Message {
            message_id,
            input,
            language,
        } => {
            let seen = seen(Some(message_id), None, shared(&input));
            (Turn::Message(input), seen, language)
        }
        // Read for personal data only; an edit never moves the conversation.
        Event::Edited {
            message_id,
            input,
            language,
        } => {
            let seen = seen(Some(message_id), None, shared(&input));
            (Turn::Edit(input), seen, language)
        }
        Event::Button {
            data,
            message_id,
            language,
        } => (
            Turn::Message(Input::Button(data)),
            seen(None, message_id, false),
            language,
        ),
        _ => return None,
    };
    Some(Asked {
        turn,
        seen,
        language,
    })
}

/// Whether `update` was answered already: handed over again after a crash, when its
/// answer had gone out and its session recorded it (see `StoredSession::answered`).
/// Far below the newest answered (by more than the router's window) it is a new
/// sequence of ids, which Telegram starts after a week without updates.
pub(crate) fn answered_before(stored: Option<&StoredSession>, update: Option<u32>) -> bool {
    match (stored.and_then(|s| s.answered), update) {
        (Some(answered), Some(update)) => update <= answered && answered - update < FLOOR_WINDOW,
        _ => false,
    }
}

/// The plan for one turn of the person, in the conversation stored as `stored`; `None`
/// when there is nothing to do (an edit with nothing in it for the bot). The caller
/// has skipped an update answered before ([`answered_before`]).
pub(crate) fn answer(
    flows: &FlowSet,
    turn: Turn,
    seen: Seen,
    stored: Option<StoredSession>,
    ctx: &Context,
    now: Timestamp,
) -> Option<Plan> {
    let again = stored.as_ref().is_some_and(|s| {
        s.applied.is_some() && s.applied == seen.update && matches!(turn, Turn::Message(_))
    });
    let (session, memory) = match stored {
        Some(stored) => {
            let memory = Memory::of(&stored);
            (Some(stored.session), memory)
        }
        // Nothing remembered (expired, or a new data folder or key): what the bot
        // knows of the chat's messages is incomplete.
        None => (None, Memory::default()),
    };
    let told = memory.told_shared;
    let outcome = match (&turn, session) {
        // Handed over again after a crash, its outcome already in the session, its
        // answer perhaps out: the step again, not a second turn.
        (Turn::Message(input), Some(session)) if again => {
            let personal = match input {
                Input::Text(text) | Input::Caption(text) => {
                    engine::holds_personal_data(flows, text)
                }
                _ => false,
            };
            engine::again(flows, session, personal, ctx, now)
        }
        (Turn::Message(Input::Shared), session) => engine::shared(flows, session, ctx, now, told),
        (Turn::Message(input), session) => engine::handle(flows, session, input, ctx, now),
        (Turn::Edit(input), session) => {
            let outcome = engine::edited(flows, session, input, ctx, now, told);
            if outcome.effects.is_empty() {
                // An edit with nothing in it for the bot: nothing to do or keep.
                return None;
            }
            outcome
        }
    };
    // The text is answered; it is not kept a moment longer.
    drop(turn);
    Some(Plan::new(outcome, memory, seen))
}

/// The plan for the calm notice to a chat that is held back (`aside`: the message set
/// aside). The session is read for its language and written back only to remember the
/// notice for the quick exit; the update is not marked as applied or answered: the
/// message itself was not taken in, and one handed over again is judged afresh.
pub(crate) fn slow_down(
    flows: &FlowSet,
    stored: Option<StoredSession>,
    language: Option<&str>,
    aside: Option<i32>,
    now: Timestamp,
) -> Plan {
    let ctx = Context {
        language_hint: language,
        handover_available: false,
    };
    match stored {
        Some(stored) => {
            let memory = Memory::of(&stored);
            let outcome = engine::slow_down(flows, Some(stored.session), &ctx, now);
            let seen = Seen {
                aside,
                ..Seen::default()
            };
            Plan::new(outcome, memory, seen)
        }
        // No conversation to remember the notice in: it is sent, and nothing is
        // written.
        None => Plan::send_only(engine::slow_down(flows, None, &ctx, now)),
    }
}

/// The plan for a person who blocked the bot: nothing more can be said or deleted, so
/// their case ends and the session goes now rather than at expiry.
pub(crate) fn blocked() -> Plan {
    let outcome = Outcome {
        session: None,
        effects: Vec::new(),
    };
    Plan::new(outcome, Memory::default(), Seen::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Session;
    use crate::telegram::conversation::plan::{Action, Done};

    fn stored(answered: Option<u32>, applied: Option<u32>) -> StoredSession {
        let session = Session {
            flow: "main".into(),
            step: "start".into(),
            lang: "en".into(),
            version: 1,
            menu: 0,
            trail: Vec::new(),
            place: None,
        };
        StoredSession {
            answered,
            applied,
            ..StoredSession::new(session)
        }
    }

    #[test]
    fn an_update_answered_before_is_skipped_unless_ids_started_over() {
        let newest = FLOOR_WINDOW + 100;
        let s = stored(Some(newest), Some(newest));
        assert!(answered_before(Some(&s), Some(newest)));
        assert!(answered_before(Some(&s), Some(newest - 1)));
        assert!(!answered_before(Some(&s), Some(newest + 1)));
        assert!(!answered_before(Some(&s), Some(newest - FLOOR_WINDOW)));
        assert!(!answered_before(None, Some(5)));
        assert!(!answered_before(Some(&s), None));
    }

    #[test]
    fn a_press_is_a_message_turn_on_the_message_it_is_under() {
        let press = Event::Button {
            data: "x".into(),
            message_id: Some(40),
            language: Some("sv".into()),
        };
        let Some(asked) = turn_of(press, Some(41), 9) else {
            panic!("a press is a turn");
        };
        assert!(matches!(asked.turn, Turn::Message(Input::Button(_))));
        assert_eq!(
            asked.seen,
            Seen {
                input: None,
                other: Some(40),
                aside: Some(41),
                update: Some(9),
                shared: false,
            }
        );
        assert_eq!(asked.language.as_deref(), Some("sv"));
        assert!(turn_of(Event::Blocked, None, 9).is_none());
    }

    #[test]
    fn a_blocked_person_has_their_case_ended_then_their_session_wiped() {
        let mut plan = blocked();
        assert_eq!(plan.next(Done::Nothing), Some(Action::EndCase));
        assert_eq!(plan.next(Done::Nothing), Some(Action::Wipe));
        assert_eq!(plan.next(Done::Nothing), None);
    }
}
