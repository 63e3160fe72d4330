//! The validated flow set: the only form of flows, services and texts the engine sees.
//!
//! Values of these types are built by `load` after every check has passed, so the engine
//! can index without looking: every `Target` names an existing flow and step, every
//! `ServiceIdx` an existing, verified service, every message id exists in every language.
//! Fields are public for reading; only `load` (and tests) construct them.

use std::collections::HashMap;

// The routes' patterns are `regex-automata`'s meta regexes (what `regex::Regex` wraps),
// which can be built without a literal prefilter: see `load/link/patterns.rs`, `compile`.
use regex_automata::meta::Regex;

use crate::locale::Locales;
// A message and its arguments are the texts' own types: the model holds them, and
// `locale` formats them without knowing the model (the dependency goes one way).
pub use crate::locale::{Arg, Text};

// The index types themselves are in `ids`; here what each one indexes.
macro_rules! indexes {
    ($name:ident, $item:ty) => {
        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, i: $name) -> &$item {
                &self[i.index()]
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, i: $name) -> &$item {
                &self[i.index()]
            }
        }
    };
}

indexes!(FlowIdx, Flow);
indexes!(StepIdx, Step);
indexes!(ServiceIdx, Service);

/// Everything the bot serves, checked and cross-linked.
#[derive(Debug)]
pub struct FlowSet {
    /// A hash of every source file's bytes: sessions remember it, so the engine can tell
    /// that the flows changed under a conversation.
    pub version: u64,
    /// `flows/bot.toml`: the main flow, languages, intents, questions, handover.
    pub settings: Settings,
    /// Every flow; a [`FlowIdx`] points into it.
    pub flows: Vec<Flow>,
    /// `flows/services.toml` and the areas: the services and the roles.
    pub services: Directory,
    /// The texts of every offered language.
    pub locales: Locales,
    /// Deep-link code (the `start` parameter) to where it leads.
    pub deep_links: HashMap<String, DeepLink>,
    /// The examples of routes, choices, questions and intents, indexed for matching a
    /// typed message (`understand`).
    pub understanding: crate::understand::Model,
}

impl FlowSet {
    /// The flow with this id, if any.
    pub fn flow_by_id(&self, id: &str) -> Option<FlowIdx> {
        self.flows.iter().position(|f| f.id == id).map(FlowIdx::new)
    }

    /// The flow at an index.
    pub fn flow(&self, flow: FlowIdx) -> &Flow {
        &self.flows[flow]
    }

    /// Every flow with its index, in order.
    pub fn indexed_flows(&self) -> impl Iterator<Item = (FlowIdx, &Flow)> {
        self.flows
            .iter()
            .enumerate()
            .map(|(i, f)| (FlowIdx::new(i), f))
    }

    /// The step a target points to.
    pub fn step(&self, target: Target) -> &Step {
        self.flows[target.flow].step(target.step)
    }

    /// The start of the main flow.
    pub fn main_start(&self) -> Target {
        let flow = self.settings.main_flow;
        Target {
            flow,
            step: self.flows[flow].start,
        }
    }
}

/// `flows/bot.toml`, validated.
#[derive(Debug)]
pub struct Settings {
    /// The flow a conversation starts in.
    pub main_flow: FlowIdx,
    /// A language of `languages`.
    pub default_language: String,
    /// Languages offered, in menu order; each has a complete locale.
    pub languages: Vec<String>,
    /// The service shown for the emergency intent (`/sos`).
    pub emergency_service: ServiceIdx,
    /// The keywords of every configured intent.
    pub intents: Vec<IntentRule>,
    /// The language for a person whose app language is not offered (a language of
    /// `languages`; `default_language` when `bot.toml` does not set one).
    pub fallback_language: String,
    /// Services shown with the emergency service when a message sounds like danger or
    /// fear (the distress intent): lines that answer day and night.
    pub distress_services: Vec<ServiceIdx>,
    /// Where a message that gives an age under the limit leads, if anywhere.
    pub age: Option<AgeRule>,
    /// The most taps any step may be from a step that shows a service (`check`).
    pub max_taps: usize,
    /// `[handover]`: the staff group that takes live conversations; `None`: no step
    /// offers a handover.
    pub handover: Option<Handover>,
    /// `[questions.<id>]`: what people ask at any step, each with its short answer and
    /// the services that answer it; then the same step again.
    pub questions: Vec<Question>,
}

/// A question people ask at any step ("is this anonymous?", "is selling sex illegal?"):
/// recognised by its examples, answered by its message and services.
#[derive(Debug)]
pub struct Question {
    /// The name in `bot.toml` (`[questions.<id>]`), also counted in the statistics.
    pub id: String,
    /// The message id of the answer.
    pub say: String,
    /// The services shown with the answer, in order.
    pub signposts: Vec<ServiceIdx>,
    /// (language, sentence) as written.
    pub examples: Vec<(String, String)>,
}

/// `[handover]` of `bot.toml`: who answers a person who asks to write with someone, in
/// which languages and when. The chat ids of the people never reach it; only the
/// group's own id is configured.
#[derive(Debug)]
pub struct Handover {
    /// The staff supergroup (with topics) where cases are opened.
    pub group: i64,
    /// Who answers, named in the consent text (a service, or the service a role binds).
    pub service: ServiceIdx,
    /// Languages someone on the staff writes; a subset of the set's languages.
    pub languages: Vec<String>,
    /// A case with no message from either side for this long ends.
    pub inactivity_minutes: u32,
    /// When someone may be there (the same format as a service's hours).
    pub hours: Hours,
    /// The Telegram user ids of the staff who may answer (`staff = [...]`); `None`:
    /// every member of the group. Staff, never the people who write to the bot.
    pub staff: Option<Vec<u64>>,
}

/// "I am 15", "jag är 16 år": an age under `under` next to an age word leads to `flow`.
#[derive(Debug)]
pub struct AgeRule {
    /// The flow an age under the limit leads to.
    pub flow: FlowIdx,
    /// The age limit: an age below it leads to `flow`.
    pub under: u32,
    /// Words written before the number ("i am", "мені", "عمري").
    pub before: Vec<Phrase>,
    /// Words written after the number ("år", "ani", "years").
    pub after: Vec<Phrase>,
    /// (language, sentence): a child about their age without a number next to an age
    /// word ("I am under 18", "I am in year 8"), for the matcher.
    pub examples: Vec<(String, String)>,
    /// Words after a number that opens a message, or written onto it ("16 bast",
    /// "17f", "15yo"): the writer's own age.
    pub opening: Vec<Phrase>,
    /// A word that, first in a message, says "I am" alone ("är 17 o ..."): the number
    /// right after it is the writer's age.
    pub first: Vec<Phrase>,
    /// School words ("klass", "grade", "clasa"): a school year (a number up to 9) next
    /// to one is a child's.
    pub school: Vec<Phrase>,
}

/// A keyword or a route's words, split into folded words the way a message is split
/// (see `words.rs`), so that matching compares words and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The words of the phrase, in order.
    pub parts: Vec<WordPart>,
    /// A one-bit summary of the first word's first letter (see `words.rs`,
    /// `letter_bit`): a message without that letter where it would have to be cannot
    /// hold the phrase, which rules out most phrases for most messages at once.
    pub first_letter: u64,
    /// The same for the first two letters of the first word (see `words.rs`,
    /// `pair_bit`), which tells many more phrases apart; `u64::MAX` when the first word
    /// may match a word that does not start with it or has fewer than two letters.
    pub first_pair: u64,
}

/// Several phrases, any of which will do, with the union of their first letters so that
/// a message can rule them all out at once (built by `Phrases::new`, in
/// `words.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrases {
    /// The phrases, in the order they were written.
    pub list: Vec<Phrase>,
    /// Union of `first_letter` of the phrases that start a word.
    pub firsts: u64,
    /// Union of `first_letter` of the phrases joined to what comes before (`*word`).
    pub joined: u64,
}

/// One word of a [`Phrase`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordPart {
    /// Lower-cased, without diacritics.
    pub word: String,
    /// Written with a trailing `*`: any word that starts with `word`.
    pub stem: bool,
    /// Written with a leading `*`: `word` may come after other letters of the same
    /// word (Arabic joins "the", "and", "by" to the front of a word).
    pub joined: bool,
}

/// How a keyword must appear in a message to trigger its intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordMatch {
    /// Anywhere in the message, as a whole word.
    Word,
    /// The whole message (trimmed, case-insensitive, trailing punctuation ignored).
    Whole,
}

/// The keywords of one intent, across all languages (every language's words are
/// recognised whatever language the person chose).
#[derive(Debug)]
pub struct IntentRule {
    /// The intent the keywords trigger.
    pub intent: Intent,
    /// Whether a keyword must be the whole message or a word of it.
    pub matching: KeywordMatch,
    /// Lower-cased keywords, as written.
    pub keywords: Vec<String>,
    /// Each keyword split into words the way the engine splits a message, done once when
    /// the rule is built (`IntentRule::new`, in `words.rs`) so that matching a
    /// message does no work per keyword beyond comparing words.
    pub phrases: Phrases,
    /// Per keyword: whether it wins even over a step's own route that names it (`always`
    /// in `bot.toml`: "112" and "sos"). Other emergency and distress keywords give way
    /// to a route of the step that takes them ("police" in the reporting route).
    pub always: Vec<bool>,
    /// (language, sentence): whole messages that mean this intent (`understand`).
    pub examples: Vec<(String, String)>,
}

/// Where a deep link leads.
#[derive(Debug, Clone)]
pub struct DeepLink {
    /// The flow the link starts.
    pub flow: FlowIdx,
    /// The language to use, overriding the person's Telegram language.
    pub lang: Option<String>,
}

/// One conversation route.
#[derive(Debug)]
pub struct Flow {
    /// The flow's id (its file name), as targets and statistics name it.
    pub id: String,
    /// The step the flow starts at.
    pub start: StepIdx,
    /// The steps, in file order; a [`StepIdx`] points into it.
    pub steps: Vec<Step>,
    /// Ask Telegram to stop forwarding and saving of this flow's messages.
    pub protect_content: bool,
    /// The line open day and night shown when all of a step's services are closed
    /// (`when_closed` in the flow file; `check` insists it is open around the clock).
    pub when_closed: Option<ServiceIdx>,
}

impl Flow {
    /// The index of the step with this id, if the flow has one.
    pub fn step_by_id(&self, id: &str) -> Option<StepIdx> {
        self.steps.iter().position(|s| s.id == id).map(StepIdx::new)
    }

    /// The step at an index.
    pub fn step(&self, step: StepIdx) -> &Step {
        &self.steps[step]
    }

    /// Every step with its index, in order.
    pub fn indexed_steps(&self) -> impl Iterator<Item = (StepIdx, &Step)> {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, s)| (StepIdx::new(i), s))
    }
}

/// A point in a flow.
#[derive(Debug)]
pub struct Step {
    /// The step's id in its flow.
    pub id: String,
    /// The texts said on arriving, in order.
    pub say: Vec<Text>,
    /// The buttons offered.
    pub choices: Vec<Choice>,
    /// How typed messages lead on, tried in order.
    pub routes: Vec<TextRoute>,
    /// The services shown as cards.
    pub signposts: Vec<ServiceIdx>,
    /// Go on at once to this step after saying everything.
    pub next: Option<Target>,
    /// A path ends here on purpose: the step offers a restart button and is no dead end.
    pub end: bool,
    /// The step offers to write with a person (`handover = true`), when the staff are
    /// there; its signposts stand for when they are not (`check` insists on some).
    pub handover: bool,
}

impl Step {
    /// Whether the step waits for the person (it offers choices or understands text).
    pub fn waits(&self) -> bool {
        !self.choices.is_empty() || !self.routes.is_empty()
    }
}

/// A button.
#[derive(Debug)]
pub struct Choice {
    /// The button's text.
    pub label: Text,
    /// The step a tap leads to.
    pub target: Target,
}

/// A free-text route: whole words or a case-insensitive pattern, maybe only for one
/// language.
#[derive(Debug)]
pub struct TextRoute {
    /// The only language the route applies to; `None`: every language.
    pub lang: Option<String>,
    /// What the message must hold.
    pub matcher: Matcher,
    /// The step the route leads to.
    pub target: Target,
    /// Ask before following it ("Did you mean ...?"), even when it is the only match:
    /// a person who sells sex must never be greeted as a buyer because of a word.
    pub confirm: bool,
    /// Whole sentences in the route's language that should lead here (`understand`).
    pub examples: Vec<String>,
}

/// How a route recognises a message.
#[derive(Debug)]
pub enum Matcher {
    /// `words = [...]`: any of these phrases, as whole (folded) words of the message.
    Words(Phrases),
    /// `match = "..."`: a regular expression on the message as typed.
    Pattern(Regex),
    /// Only `examples = [...]`: the route is found by the matcher, never by words.
    Examples,
}

mod directory;
mod hours;
pub mod ids;
mod messages;
mod phrases;

pub use directory::*;
pub use hours::*;
pub use ids::*;
pub use messages::*;

/// Hard limits that keep a flow set small enough to reason about and to serve.
pub mod limits {
    /// Flows in a set.
    pub const MAX_FLOWS: usize = 64;
    /// Steps in one flow.
    pub const MAX_STEPS_PER_FLOW: usize = 256;
    /// Buttons on one step.
    pub const MAX_CHOICES_PER_STEP: usize = 12;
    // Room for a route of examples per place and language (six languages) beside the
    // word routes; every route is looked at for every typed message on its step.
    /// Free-text routes on one step.
    pub const MAX_ROUTES_PER_STEP: usize = 80;
    /// Texts said by one step.
    pub const MAX_SAY_PER_STEP: usize = 8;
    /// Services shown by one step.
    pub const MAX_SIGNPOSTS_PER_STEP: usize = 8;
    /// Services in the directory.
    pub const MAX_SERVICES: usize = 512;
    /// Bytes in one source file.
    pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
    /// Characters in one route's pattern.
    pub const MAX_PATTERN_LEN: usize = 1000;
    /// Compiled regex size, in bytes (see `regex_automata::meta::Config::nfa_size_limit`).
    pub const MAX_REGEX_BYTES: usize = 256 * 1024;
    /// Telegram's limit on one message, in characters.
    pub const MAX_MESSAGE_CHARS: usize = 4096;
    /// Telegram's limit on button data, in bytes.
    pub const MAX_BUTTON_DATA_BYTES: usize = 64;
    /// Steps the engine takes on its own (`next`) for one input before it stops.
    pub const MAX_AUTO_STEPS: usize = 16;
    /// The default of `max_taps` in `bot.toml`.
    pub const DEFAULT_MAX_TAPS: usize = 4;
    /// Step ids a session remembers for a handover's first message in the staff topic.
    pub const MAX_TRAIL: usize = 8;
    /// Telegram's limit on a deep link's start parameter.
    pub const MAX_DEEP_LINK_CHARS: usize = 64;
    /// Areas in one set: each is a button of the place question.
    pub const MAX_AREAS: usize = 12;
}
