//! Where a person's message goes while they are in a case (pure): to the staff, to the
//! flows, or to both. A cry for help is never filtered away: words of danger or fear,
//! or the emergency button, still show the emergency card (the flows'), and the staff
//! see the text too, marked, so the counsellor knows the card was shown. The quick exit
//! is the flows' alone: the person wants out, and nothing of it is passed on. Commands
//! (`/start`, `/help`, `/exit`...) are the flows' during a case as everywhere.

use crate::engine::{self, ButtonData, Input, Message};
use crate::model::{FlowSet, Intent};

/// Who handles a message from a person in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// The flows alone (the quick exit, a command).
    Flows,
    /// The relay, which may still hand it back to the flows (a button of a step, a
    /// shared location: see `Relay::person`).
    Relay,
    /// Both: the staff see it, marked, and the flows answer with emergency help.
    Both,
}

/// Where `input`, from a person in a case, goes.
pub(crate) fn route(set: &FlowSet, input: &Input) -> Route {
    match input {
        Input::Text(text) if text.trim_start().starts_with('/') => Route::Flows,
        Input::Text(text) => {
            let exit = Message::new(text)
                .intent(&set.settings.intents, &[Intent::Exit])
                .is_some();
            match (exit, engine::urgent(set, input)) {
                (true, _) => Route::Flows,
                (false, true) => Route::Both,
                (false, false) => Route::Relay,
            }
        }
        Input::Button(data) => match ButtonData::decode(data) {
            Some(ButtonData::Global(Intent::Exit)) => Route::Flows,
            Some(ButtonData::Global(Intent::Emergency)) => Route::Both,
            _ => Route::Relay,
        },
        Input::Unsupported | Input::Caption(_) | Input::Shared => Route::Relay,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn shipped() -> FlowSet {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (set, report) = crate::load::load(&root.join("flows"), &root.join("locales"));
        set.unwrap_or_else(|| panic!("the shipped flows do not load:\n{report}"))
    }

    fn text(t: &str) -> Input {
        Input::Text(t.to_string())
    }

    #[test]
    fn words_of_danger_and_fear_reach_the_staff_and_the_emergency_card() {
        let set = shipped();
        for said in ["I am scared he will find me tonight", "112"] {
            assert_eq!(route(&set, &text(said)), Route::Both, "{said}");
        }
        // The police is a topic, not a word of danger: the question goes to the staff,
        // who answer it, without the emergency card.
        assert_eq!(route(&set, &text("should I call the police")), Route::Relay);
        let emergency = ButtonData::Global(Intent::Emergency).encode();
        assert_eq!(route(&set, &Input::Button(emergency)), Route::Both);
    }

    #[test]
    fn the_quick_exit_is_the_flows_alone_and_only_as_a_whole_word() {
        let set = shipped();
        for said in ["stop", "Exit", "/exit", "/start"] {
            assert_eq!(route(&set, &text(said)), Route::Flows, "{said}");
        }
        let exit = ButtonData::Global(Intent::Exit).encode();
        assert_eq!(route(&set, &Input::Button(exit)), Route::Flows);
        for said in ["I want him to stop", "how do I exit this life", "hello"] {
            assert_eq!(route(&set, &text(said)), Route::Relay, "{said}");
        }
    }

    #[test]
    fn anything_else_is_the_relays_to_decide() {
        let set = shipped();
        assert_eq!(route(&set, &Input::Unsupported), Route::Relay);
        assert_eq!(route(&set, &Input::Shared), Route::Relay);
        let personal = ButtonData::Personal(true).encode();
        assert_eq!(route(&set, &Input::Button(personal)), Route::Relay);
    }
}
