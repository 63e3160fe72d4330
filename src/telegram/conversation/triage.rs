//! Where one update goes, decided in pure code before anything is done: to the
//! handover's relay, to the engine, to both, to the calm notice of a held-back chat, to
//! the wipe of a person who blocked the bot, or out of a group the bot does not belong
//! in. What it needs of the relay (whether the chat is in a case, whether it is the staff
//! group, where a person's input in a case goes) is asked once, before, and handed in
//! as [`Facts`]; the handler (`conversation`) carries out the answer. Before that, the
//! router asks [`urgent`]: which updates the intake limit never sets aside.

use crate::engine::{self, Input};
use crate::model::FlowSet;
use crate::telegram::handover::Route;
use crate::telegram::incoming::updates::Event;

/// What the relay knows of the update's chat, asked once per update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    /// A relay runs (`[handover]` was configured at start).
    pub relay: bool,
    /// The chat is the staff group.
    pub staff_group: bool,
    /// The person's input (a message or a press), when their chat is in a case: where
    /// it goes (`handover::route`). `None` outside a case.
    pub in_case: Option<Route>,
    /// Someone on the staff is available (not for triage: for the engine's context,
    /// asked with the rest).
    pub available: bool,
}

/// Where an update goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Triage {
    /// The relay's, in a case; the engine's if the relay hands it back (a command, a
    /// button of a step: see `Relay::person`).
    Relay,
    /// Emergency help in a case: the staff see it (marked), and the engine answers.
    RelayAndEngine,
    /// The engine's. `after_crash`: a person's message outside a case, which the relay
    /// looks at first for the mark of a case a crash ended (see `Relay::ended_by_crash`).
    Engine { after_crash: bool },
    /// The calm notice to a chat that writes faster than it is taken in.
    SlowDown,
    /// A message or an edit in the staff group: the relay's.
    Staff,
    /// The person blocked the bot: their case ends, their session goes.
    Blocked,
    /// A group or channel that is not the staff group: the bot leaves.
    Leave,
    /// Nothing to do (a service message in the staff group).
    Nothing,
}

/// Where `event` goes, given what the relay knows of its chat.
pub(crate) fn triage(event: &Event, facts: Facts) -> Triage {
    match event {
        Event::Message { .. } | Event::Button { .. } => match facts.in_case {
            Some(Route::Relay) => Triage::Relay,
            Some(Route::Both) => Triage::RelayAndEngine,
            Some(Route::Flows) => Triage::Engine { after_crash: false },
            None => Triage::Engine {
                after_crash: facts.relay && matches!(event, Event::Message { .. }),
            },
        },
        Event::Edited { .. } => Triage::Engine { after_crash: false },
        Event::TooFast { .. } => Triage::SlowDown,
        Event::Blocked => Triage::Blocked,
        Event::Group(_) | Event::GroupEdited(_) if facts.staff_group => Triage::Staff,
        Event::NotPrivate if facts.staff_group => Triage::Nothing,
        Event::NotPrivate | Event::Group(_) | Event::GroupEdited(_) => Triage::Leave,
    }
}

/// Whether an update is never set aside by the per-chat intake limit: a message in the
/// staff group (many people in one chat), or a person's words of danger or fear or the
/// emergency button (`engine::urgent`).
pub(crate) fn urgent(set: &FlowSet, event: &Event, staff_group: bool) -> bool {
    match event {
        Event::Group(_) | Event::GroupEdited(_) => staff_group,
        Event::Message { input, .. } => engine::urgent(set, input),
        Event::Button { data, .. } => engine::urgent(set, &Input::Button(data.clone())),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ButtonData;
    use crate::model::Intent;
    use crate::telegram::incoming::updates::GroupMessage;

    fn message() -> Event {
        Event::Message {
            message_id: 7,
            input: Input::Text("hello".into()),
            language: None,
        }
    }

    fn press() -> Event {
        Event::Button {
            data: "c1.0".into(),
            message_id: Some(3),
            language: None,
        }
    }

    fn group() -> Event {
        Event::Group(GroupMessage {
            id: 1,
            from: 9,
            from_bot: false,
            topic: None,
            text: Some("hi".into()),
        })
    }

    const NO_RELAY: Facts = Facts {
        relay: false,
        staff_group: false,
        in_case: None,
        available: false,
    };
    const RELAY: Facts = Facts {
        relay: true,
        ..NO_RELAY
    };

    #[test]
    fn without_a_case_everything_a_person_sends_is_the_engines() {
        assert_eq!(
            triage(&message(), NO_RELAY),
            Triage::Engine { after_crash: false }
        );
        assert_eq!(
            triage(&press(), NO_RELAY),
            Triage::Engine { after_crash: false }
        );
        // With a relay, a message is first looked at for a case a crash ended.
        assert_eq!(
            triage(&message(), RELAY),
            Triage::Engine { after_crash: true }
        );
        assert_eq!(
            triage(&press(), RELAY),
            Triage::Engine { after_crash: false }
        );
    }

    #[test]
    fn in_a_case_the_route_decides() {
        let case = |route| Facts {
            in_case: Some(route),
            ..RELAY
        };
        assert_eq!(triage(&message(), case(Route::Relay)), Triage::Relay);
        assert_eq!(triage(&press(), case(Route::Both)), Triage::RelayAndEngine);
        assert_eq!(
            triage(&message(), case(Route::Flows)),
            Triage::Engine { after_crash: false }
        );
    }

    #[test]
    fn the_staff_group_is_the_relays_and_other_groups_are_left() {
        let staff = Facts {
            staff_group: true,
            ..RELAY
        };
        assert_eq!(triage(&group(), staff), Triage::Staff);
        assert_eq!(triage(&Event::NotPrivate, staff), Triage::Nothing);
        assert_eq!(triage(&group(), RELAY), Triage::Leave);
        assert_eq!(triage(&Event::NotPrivate, NO_RELAY), Triage::Leave);
    }

    #[test]
    fn edits_blocks_and_floods() {
        let edit = Event::Edited {
            message_id: 7,
            input: Input::Text("x".into()),
            language: None,
        };
        assert_eq!(triage(&edit, RELAY), Triage::Engine { after_crash: false });
        assert_eq!(triage(&Event::Blocked, RELAY), Triage::Blocked);
        assert_eq!(
            triage(&Event::TooFast { language: None }, NO_RELAY),
            Triage::SlowDown
        );
    }

    #[test]
    fn the_staff_group_and_cries_for_help_are_never_set_aside() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (set, report) = crate::load::load(&root.join("flows"), &root.join("locales"));
        let set = set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"));
        assert!(urgent(&set, &group(), true));
        assert!(!urgent(&set, &group(), false));
        assert!(!urgent(&set, &message(), false));
        let scared = Event::Message {
            message_id: 8,
            input: Input::Text("I am scared he will find me tonight".into()),
            language: None,
        };
        assert!(urgent(&set, &scared, false));
        let emergency = Event::Button {
            data: ButtonData::Global(Intent::Emergency).encode(),
            message_id: Some(3),
            language: None,
        };
        assert!(urgent(&set, &emergency, false));
        assert!(!urgent(&set, &Event::Blocked, true));
    }
}
