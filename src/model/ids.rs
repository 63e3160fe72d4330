//! The small types that name places and intents in a flow set (the index types, `Target`,
//! `Intent`), apart from the set itself: the understanding model (`understand`) labels
//! its examples with them, and the set holds that model, so they stand on their own.

// The three index types are distinct, so a flow index cannot be used where a step or a
// service is meant. They are made only by `load` (and this module's look-ups by id), so a
// value of one names an existing flow, step or service of the set it came from. None of
// them is ever stored: a session names its flow and step by id (`engine::Session`).
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl $name {
            /// The index for position `i`. Only the loader makes indices, for positions it
            /// has just filled.
            pub(crate) fn new(i: usize) -> Self {
                $name(i)
            }

            /// The position, for reading (printing, a dense table keyed by it).
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl From<$name> for usize {
            fn from(i: $name) -> usize {
                i.0
            }
        }

    };
}

index_type!(
    /// Index of a flow in `FlowSet::flows`.
    FlowIdx
);
index_type!(
    /// Index of a step in `Flow::steps`.
    StepIdx
);
index_type!(
    /// Index of a service in `Directory::services`.
    ServiceIdx
);

/// The global intents: they work from every step of every flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    /// Someone is in danger now: the emergency service (`/sos`).
    Emergency,
    /// Words of danger and fear ("he is hitting me"): the emergency service and a line
    /// open day and night. No command and no button of its own.
    Distress,
    /// Leave at once and clear the conversation (`/exit`).
    Exit,
    /// Start again from the main menu (`/start`).
    Restart,
    /// Choose another language (`/language`).
    Language,
    /// What the bot keeps and for how long (`/privacy`).
    Privacy,
    /// How to use the bot (`/help`).
    Help,
}

impl Intent {
    /// The intents with a command of their own (every one but [`Intent::Distress`]).
    pub const ALL: [Intent; 6] = [
        Intent::Emergency,
        Intent::Exit,
        Intent::Restart,
        Intent::Language,
        Intent::Privacy,
        Intent::Help,
    ];

    /// Every intent `bot.toml` may configure: [`Intent::ALL`] and the distress words.
    pub const CONFIGURED: [Intent; 7] = [
        Intent::Emergency,
        Intent::Distress,
        Intent::Exit,
        Intent::Restart,
        Intent::Language,
        Intent::Privacy,
        Intent::Help,
    ];

    /// The name used in `bot.toml` (`[intents.<name>]`).
    pub fn name(self) -> &'static str {
        match self {
            Intent::Emergency => "emergency",
            Intent::Distress => "distress",
            Intent::Exit => "exit",
            Intent::Restart => "restart",
            Intent::Language => "language",
            Intent::Privacy => "privacy",
            Intent::Help => "help",
        }
    }

    /// The Telegram command (without the slash).
    pub fn command(self) -> &'static str {
        match self {
            Intent::Emergency | Intent::Distress => "sos",
            Intent::Exit => "exit",
            Intent::Restart => "start",
            Intent::Language => "language",
            Intent::Privacy => "privacy",
            Intent::Help => "help",
        }
    }
}

/// A step somewhere in the flow set.
///
/// Its flow index picks a flow and its step index a step of that flow:
/// ```
/// # use signpost::model::{FlowSet, Target};
/// fn step_id(set: &FlowSet, at: Target) -> &str {
///     &set.flows[at.flow].steps[at.step].id
/// }
/// ```
/// and neither stands for the other (nor for a service):
/// ```compile_fail,E0277
/// # use signpost::model::{FlowSet, Target};
/// fn step_id(set: &FlowSet, at: Target) -> &str {
///     &set.flows[at.step].steps[at.flow].id
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    /// The flow.
    pub flow: FlowIdx,
    /// The step, within that flow.
    pub step: StepIdx,
}
