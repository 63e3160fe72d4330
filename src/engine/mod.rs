//! The conversation engine: `(flow set, session, input, context, now) -> (session, effects)`.
//!
//! **Invariant:** this module knows nothing of Telegram, the store, the clock or the file
//! system. Time is an argument; effects are data for the host (the Telegram adapter or the
//! terminal chat) to carry out. Every input at every step produces at least one reply and
//! never panics, whatever the session says (a session may come from an older flow set);
//! the exceptions are an edit of an earlier message ([`edited`]), which gets no answer
//! unless it holds personal data, and a shared location after the person was told once
//! ([`shared`]), which is only deleted.

mod buttons;
mod handover;
mod hours;
mod intents;
mod messages;
mod personal;
mod place;
mod render;
mod run;

pub use buttons::ButtonData;
pub use buttons::PlaceAnswer;
pub use handover::{HandoverText, handover_reply, holds_personal_data, relayed, staff_text};
pub use hours::{OpenState, open_state};
pub use intents::Message;
pub use messages::{group, utf16_units};
pub use personal::contains_personal_data;
pub use place::{Place, link_with_area};
pub use run::{again, edited, enter, handle, press_held_back, shared, slow_down, urgent};

/// What the engine remembers between two inputs of one conversation. It holds no
/// identifier and no text the person typed: only where they are and in which language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    /// Flow and step ids (not indices), so that a session survives a change of the flows
    /// and a removed step can be told apart from a renamed one.
    pub flow: String,
    /// The step id within that flow.
    pub step: String,
    /// The language in use, one of the set's languages when the session was written.
    pub lang: String,
    /// `FlowSet::version` when the session was last written.
    pub version: u64,
    /// Counts menus shown; button data carries it, so a button from an older message is
    /// recognised as stale instead of being acted on.
    pub menu: u32,
    /// The last steps shown (`flow/step`, at most `limits::MAX_TRAIL`, oldest first): the
    /// one thing a handover tells the staff about the way the person came. Step ids
    /// only, never what they typed.
    #[serde(default)]
    pub trail: Vec<String>,
    /// Where the person said they are, in a set with several areas (see `place`);
    /// asked once, kept only here, gone with the session.
    #[serde(default)]
    pub place: Option<Place>,
}

/// One thing the person did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A text message, commands (`/start code`, `/exit`, ...) included.
    Text(String),
    /// The data of a pressed button, as received (it may be forged).
    Button(String),
    /// A message the bot does not read: photo, voice, sticker, file.
    Unsupported,
    /// A picture, file or voice message with a caption: the caption is only searched for
    /// personal data, never routed.
    Caption(String),
    /// A shared location (live or not), contact or venue: personal data by nature, deleted
    /// at once (see [`shared`]).
    Shared,
}

/// What the host knows about the person's device, used only while handling one input.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The client's language (Telegram's `language_code`), for a new session.
    pub language_hint: Option<&'a str>,
    /// Someone on the staff has said they are available for a handover (`/available`).
    /// The engine decides the rest itself (the step offers it, the hours, the language).
    pub handover_available: bool,
}

/// The result of handling one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The session to keep; `None` means wipe it (quick exit).
    pub session: Option<Session>,
    /// What the host must do, in order.
    pub effects: Vec<Effect>,
}

/// Something for the host to carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send a message.
    Reply(Reply),
    /// Delete the person's message that led to this outcome (it held personal data).
    DeleteInput,
    /// Follows [`Effect::DeleteInput`]: the host sends this instead of the next
    /// [`Effect::Reply`] when the message could not be deleted, so that the notice says
    /// what happened.
    IfNotDeleted(Reply),
    /// The quick exit: delete every message of the conversation the host can delete,
    /// then send `farewell`, or `partial` when not everything could be deleted. The one
    /// message sent is the one thing the person should find in the chat: the host keeps
    /// no trace of it, and the session is wiped (the outcome's session is `None`).
    QuickExit {
        /// Sent when every message could be deleted.
        farewell: Reply,
        /// Sent when some could not.
        partial: Reply,
    },
    /// Count an event in the aggregate statistics.
    Count(Stat),
    /// The person agreed to write with a person: open a case. Carries no text, only the
    /// language and the steps that led here.
    Handover(HandoverStart),
}

/// What the staff learn when a case opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverStart {
    /// The language the person uses.
    pub lang: String,
    /// `flow/step` ids, oldest first.
    pub trail: Vec<String>,
}

/// A message to send, already in the person's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// What the message is, which decides how the host sends it.
    pub kind: ReplyKind,
    /// Plain text (the host escapes it for its medium).
    pub text: String,
    /// Rows of buttons.
    pub buttons: Vec<Vec<Button>>,
    /// Ask the medium to prevent forwarding and saving.
    pub protect_content: bool,
}

/// What kind of message a [`Reply`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyKind {
    /// Text of a step.
    Step,
    /// One service from the directory.
    Signpost,
    /// Anything the engine says on its own (stale menu, privacy, help...).
    Notice,
}

/// A button under a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// The text on the button, in the person's language.
    pub label: String,
    /// At most 64 bytes; see `ButtonData`.
    pub data: String,
}

/// An aggregate event: never tied to a person, never a sequence. `Language` is the
/// language a conversation began in, or was switched to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stat {
    /// A step was shown.
    Step {
        /// The flow id.
        flow: String,
        /// The step id.
        step: String,
    },
    /// A service was shown.
    Signpost {
        /// The service id.
        service: String,
    },
    /// A global intent was used.
    Intent {
        /// The intent's name ([`crate::model::Intent::name`]).
        intent: &'static str,
    },
    /// A conversation began in, or switched to, a language.
    Language {
        /// The language code.
        lang: String,
    },
    /// A handover was offered, accepted, or ended (see [`HandoverEvent`]).
    Handover {
        /// The event's name ([`HandoverEvent::name`]).
        event: &'static str,
    },
    /// An answer to the place question: an area's id, `elsewhere` or `unsaid`
    /// ([`Place::name`]).
    Place {
        /// The area's id, `elsewhere` or `unsaid`.
        place: String,
    },
}

/// What is counted of handovers; the one place their names in the statistics are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoverEvent {
    /// A step offered to write with a person.
    Offered,
    /// The person agreed and a case opened.
    Accepted,
    /// The staff ended the case.
    EndedByStaff,
    /// The person ended the case.
    EndedByPerson,
    /// The case ended because nobody wrote for too long.
    EndedInactive,
    /// The case ended because the bot stopped or restarted.
    EndedRestart,
}

impl HandoverEvent {
    /// Every event, in the order the statistics list them.
    pub const ALL: [HandoverEvent; 6] = [
        HandoverEvent::Offered,
        HandoverEvent::Accepted,
        HandoverEvent::EndedByStaff,
        HandoverEvent::EndedByPerson,
        HandoverEvent::EndedInactive,
        HandoverEvent::EndedRestart,
    ];

    /// Its name in the statistics files.
    pub fn name(self) -> &'static str {
        match self {
            HandoverEvent::Offered => "offered",
            HandoverEvent::Accepted => "accepted",
            HandoverEvent::EndedByStaff => "ended-by-staff",
            HandoverEvent::EndedByPerson => "ended-by-person",
            HandoverEvent::EndedInactive => "ended-inactive",
            HandoverEvent::EndedRestart => "ended-restart",
        }
    }

    /// The event a statistics file names, if it is one.
    pub fn named(name: &str) -> Option<HandoverEvent> {
        HandoverEvent::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The statistic that counts this event.
    pub fn stat(self) -> Stat {
        Stat::Handover { event: self.name() }
    }
}
