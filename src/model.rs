//! The validated flow set: the only form of flows, services and texts the engine sees.
//!
//! Values of these types are built by `load` after every check has passed, so the engine
//! can index without looking: every `Target` names an existing flow and step, every
//! `ServiceIdx` an existing, verified service, every message id exists in every language.
//! Fields are public for reading; only `load` (and tests) construct them.

use std::collections::HashMap;

// The routes' patterns are `regex-automata`'s meta regexes (what `regex::Regex` wraps),
// which can be built without a literal prefilter: see `load/link.rs`, `compile`.
use regex_automata::meta::Regex;

use crate::locale::Locales;
// A message and its arguments are the texts' own types: the model holds them, and
// `locale` formats them without knowing the model (the dependency goes one way).
pub use crate::locale::{Arg, Text};

// The three index types are distinct, so a flow index cannot be used where a step or a
// service is meant. They are made only by `load` (and this module's look-ups by id), so a
// value of one names an existing flow, step or service of the set it came from. None of
// them is ever stored: a session names its flow and step by id (`engine::Session`).
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
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

        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, i: $name) -> &$item {
                &self[i.0]
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, i: $name) -> &$item {
                &self[i.0]
            }
        }
    };
}

index_type!(
    /// Index of a flow in `FlowSet::flows`.
    FlowIdx,
    Flow
);
index_type!(
    /// Index of a step in `Flow::steps`.
    StepIdx,
    Step
);
index_type!(
    /// Index of a service in `Directory::services`.
    ServiceIdx,
    Service
);

/// Everything the bot serves, checked and cross-linked.
#[derive(Debug)]
pub struct FlowSet {
    /// A hash of every source file's bytes: sessions remember it, so the engine can tell
    /// that the flows changed under a conversation.
    pub version: u64,
    pub settings: Settings,
    pub flows: Vec<Flow>,
    pub services: Directory,
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
    pub main_flow: FlowIdx,
    /// A language of `languages`.
    pub default_language: String,
    /// Languages offered, in menu order; each has a complete locale.
    pub languages: Vec<String>,
    pub emergency_service: ServiceIdx,
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
    pub flow: FlowIdx,
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
    pub parts: Vec<WordPart>,
    /// A one-bit summary of the first word's first letter (see `words.rs`,
    /// `letter_bit`): a message without that letter where it would have to be cannot
    /// hold the phrase, which rules out most phrases for most messages at once.
    pub first_letter: u64,
}

/// Several phrases, any of which will do, with the union of their first letters so that
/// a message can rule them all out at once (built by `Phrases::new`, in
/// `words.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrases {
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

/// The global intents: they work from every step of every flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    Emergency,
    /// Words of danger and fear ("he is hitting me"): the emergency service and a line
    /// open day and night. No command and no button of its own.
    Distress,
    Exit,
    Restart,
    Language,
    Privacy,
    Help,
}

impl Intent {
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
    pub intent: Intent,
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
    pub flow: FlowIdx,
    /// The language to use, overriding the person's Telegram language.
    pub lang: Option<String>,
}

/// One conversation route.
#[derive(Debug)]
pub struct Flow {
    pub id: String,
    pub start: StepIdx,
    pub steps: Vec<Step>,
    /// Ask Telegram to stop forwarding and saving of this flow's messages.
    pub protect_content: bool,
    /// The line open day and night shown when all of a step's services are closed
    /// (`when_closed` in the flow file; `check` insists it is open around the clock).
    pub when_closed: Option<ServiceIdx>,
}

impl Flow {
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
    pub id: String,
    pub say: Vec<Text>,
    pub choices: Vec<Choice>,
    pub routes: Vec<TextRoute>,
    pub signposts: Vec<ServiceIdx>,
    /// Go on at once to this step after saying everything.
    pub next: Option<Target>,
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
    pub label: Text,
    pub target: Target,
}

/// A free-text route: whole words or a case-insensitive pattern, maybe only for one
/// language.
#[derive(Debug)]
pub struct TextRoute {
    pub lang: Option<String>,
    pub matcher: Matcher,
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
    pub flow: FlowIdx,
    pub step: StepIdx,
}

/// `flows/services.toml`, validated.
#[derive(Debug, Default)]
pub struct Directory {
    pub services: Vec<Service>,
    /// The local area in use (`area` in `bot.toml`), if any.
    pub area: Option<String>,
    /// Every declared role with the service it stands for here: the area's binding, or
    /// the role's national fallback. With several areas, every role's fallback: what a
    /// person elsewhere in Sweden is shown (and what `-role-<role>` in a text names).
    pub roles: Vec<RoleBinding>,
    /// The areas of a set with several (`areas` in `bot.toml`), in the order the place
    /// question lists them; empty with one area or none, and then nothing is asked.
    pub areas: Vec<Area>,
    /// Where steps show a role, so that the person's area's service takes its place.
    pub local: Vec<LocalSignpost>,
}

/// One area of a set with several: its name, the words a person may type for it, and
/// the service each role stands for there.
#[derive(Debug, Clone)]
pub struct Area {
    /// The file name in `flows/areas/` without `.toml` (what a session and a deep link
    /// carry).
    pub id: String,
    /// The place's proper name, the same in every language (the button's label).
    pub name: String,
    /// The name and `words` of the area file, each folded as a message's words are
    /// (no case, no diacritics), for a typed answer to the place question.
    pub words: Vec<String>,
    /// Every declared role, in the order of [`Directory::roles`], with its service here.
    pub roles: Vec<RoleBinding>,
}

/// A role written in a step's `signposts`: the `position`th signpost of the step at
/// `at` stands for role `role` (an index into [`Directory::roles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalSignpost {
    pub at: Target,
    pub position: usize,
    pub role: usize,
}

impl Directory {
    pub fn by_id(&self, id: &str) -> Option<ServiceIdx> {
        self.services
            .iter()
            .position(|s| s.id == id)
            .map(ServiceIdx::new)
    }

    /// The service at an index.
    pub fn get(&self, service: ServiceIdx) -> &Service {
        &self.services[service]
    }

    /// The binding of a role, by its name without the `@`.
    pub fn role(&self, name: &str) -> Option<&RoleBinding> {
        self.roles.iter().find(|r| r.role == name)
    }

    /// An area of a set with several, by its id.
    pub fn area(&self, id: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.id == id)
    }

    /// Whether the step at `at` shows a role.
    pub fn shows_role(&self, at: Target) -> bool {
        self.local.iter().any(|l| l.at == at)
    }
}

/// A role (`@local-on-call` in a flow) and the service it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleBinding {
    /// The name without the `@`.
    pub role: String,
    pub service: ServiceIdx,
    /// Whether the area binds it (false: the national fallback stands in).
    pub bound_by_area: bool,
}

/// A place people can be sent to.
#[derive(Debug)]
pub struct Service {
    pub id: String,
    /// Proper name, the same in every language.
    pub name: String,
    /// Message id: what they offer, for whom.
    pub about: String,
    pub offers: Vec<Offer>,
    pub for_whom: Vec<Audience>,
    pub coverage: Coverage,
    pub contacts: Vec<Contact>,
    pub anonymity: Anonymity,
    /// Message id: what the anonymity level means for this service.
    pub anonymity_note: String,
    /// `None` when the source does not say: the card then says nothing about cost.
    pub cost: Option<Cost>,
    pub languages: Vec<String>,
    pub interpreters: bool,
    /// Message id: what to do while the service is closed.
    pub meanwhile: Option<String>,
    pub hours: Option<Hours>,
    pub verification: Option<Verification>,
}

impl Service {
    /// Only verified services are ever shown to users.
    pub fn is_verified(&self) -> bool {
        self.verification.is_some()
    }

    /// A service with no confirmed contact may be named in texts but is never a
    /// signpost: there would be nothing to dial or open.
    pub fn is_named_only(&self) -> bool {
        self.contacts.is_empty()
    }
}

/// Who checked a service's facts, when, and against which public page. A service
/// without one is never shown, so every shown fact has a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub on: jiff::civil::Date,
    pub by: String,
    /// The public page (a web address).
    pub source: String,
    /// The date of the copy of the page that was read; `None` when the page is undated.
    pub source_date: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    Support,
    Treatment,
    Reporting,
    Emergency,
    Advice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Exploited,
    Buyers,
    Relatives,
    Professionals,
    Reporters,
    Children,
    Anyone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    National,
    Region(String),
    Municipality(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Phone,
    Web,
    Email,
    Chat,
    Visit,
}

impl ContactKind {
    /// The message id that renders one contact line.
    pub fn message_id(self) -> &'static str {
        match self {
            ContactKind::Phone => "contact-phone",
            ContactKind::Web => "contact-web",
            ContactKind::Email => "contact-email",
            ContactKind::Chat => "contact-chat",
            ContactKind::Visit => "contact-visit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anonymity {
    Anonymous,
    Confidential,
    PublicRecord,
    /// The source does not say: the card says so instead of guessing.
    Unknown,
}

impl Anonymity {
    pub fn message_id(self) -> &'static str {
        match self {
            Anonymity::Anonymous => "anonymity-anonymous",
            Anonymity::Confidential => "anonymity-confidential",
            Anonymity::PublicRecord => "anonymity-public-record",
            Anonymity::Unknown => "anonymity-unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    Free,
    Paid,
}

impl Cost {
    pub fn message_id(self) -> &'static str {
        match self {
            Cost::Free => "cost-free",
            Cost::Paid => "cost-paid",
        }
    }
}

/// Opening hours in Europe/Stockholm local time.
// A few dozen of these are built once at load and only read by reference, so the size of
// the weekly variant costs nothing worth a box on every look-up.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hours {
    Always,
    Weekly {
        /// Monday first; each day's intervals sorted and not overlapping.
        days: [Vec<Interval>; 7],
        exceptions: Vec<Exception>,
        /// Parts of every year with other weekly hours; they do not overlap.
        periods: Vec<Period>,
        /// Hours on the days of the year with their own rule (public holidays, the day
        /// before one, Christmas Eve ...); a day without a rule here keeps its week.
        special: Special,
    },
}

/// The hours of days that are not ordinary weekdays, each `None` when the service's page
/// says nothing of them (the usual week applies); `Some(vec![])`: closed all day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Special {
    /// Public holidays by law (`holidays::public_holiday`), Sundays apart.
    pub holidays: Option<Vec<Interval>>,
    /// A weekday (Monday to Friday) before a public holiday that is not one itself.
    pub holiday_eve: Option<Vec<Interval>>,
    /// Midsommarafton, julafton and nyårsafton: not public holidays by law, but many
    /// offices close on them, so a page may give them their own hours.
    pub midsummer_eve: Option<Vec<Interval>>,
    pub christmas_eve: Option<Vec<Interval>>,
    pub new_years_eve: Option<Vec<Interval>>,
}

impl Special {
    /// The rule that applies on `date`, the most specific first: one of the three eves,
    /// a public holiday, the day before one.
    pub fn on(&self, date: jiff::civil::Date) -> Option<&[Interval]> {
        use holidays::Day;
        let day = holidays::day(date);
        let named = match day {
            Some(Day::MidsummerEve) => self.midsummer_eve.as_deref(),
            Some(Day::ChristmasEve) => self.christmas_eve.as_deref(),
            Some(Day::NewYearsEve) => self.new_years_eve.as_deref(),
            _ => None,
        };
        named
            .or_else(|| {
                holidays::public_holiday(date)
                    .is_some()
                    .then_some(self.holidays.as_deref())
                    .flatten()
            })
            .or_else(|| {
                holidays::is_holiday_eve(date)
                    .then_some(self.holiday_eve.as_deref())
                    .flatten()
            })
    }

    /// Whether any rule is given.
    pub fn is_empty(&self) -> bool {
        *self == Special::default()
    }
}

/// Swedish public holidays (lag 1989:253), computed for any year: the fixed dates, those
/// that follow Easter, midsummer day and All Saints' Day; and the three eves that are no
/// public holidays but have their own rules. Sundays are public holidays too, but every
/// service's usual week already says what it does on a Sunday, so they are left out.
pub mod holidays {
    use jiff::civil::{Date, Weekday, date};

    /// A day with a name of its own.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Day {
        /// A public holiday by law, with its Swedish name.
        Holiday(&'static str),
        MidsummerEve,
        ChristmasEve,
        NewYearsEve,
    }

    /// Easter Sunday of `year` (the anonymous Gregorian computus).
    pub fn easter(year: i16) -> Option<Date> {
        let y = i32::from(year);
        let a = y % 19;
        let b = y / 100;
        let c = y % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
    }

    /// The Saturday from `month`-`first` to six days later.
    fn saturday_from(year: i16, month: i8, first: i8) -> Option<Date> {
        let start = Date::new(year, month, first).ok()?;
        (0..7)
            .filter_map(|d| start.checked_add(jiff::Span::new().days(d)).ok())
            .find(|d| d.weekday() == Weekday::Saturday)
    }

    /// The named day `date` is, if any.
    pub fn day(date: Date) -> Option<Day> {
        let (m, d) = (date.month(), date.day());
        let fixed = match (m, d) {
            (1, 1) => Some(Day::Holiday("nyårsdagen")),
            (1, 6) => Some(Day::Holiday("trettondedag jul")),
            (5, 1) => Some(Day::Holiday("första maj")),
            (6, 6) => Some(Day::Holiday("nationaldagen")),
            (12, 24) => Some(Day::ChristmasEve),
            (12, 25) => Some(Day::Holiday("juldagen")),
            (12, 26) => Some(Day::Holiday("annandag jul")),
            (12, 31) => Some(Day::NewYearsEve),
            _ => None,
        };
        if fixed.is_some() {
            return fixed;
        }
        let year = date.year();
        if m == 6
            && let Some(midsummer) = saturday_from(year, 6, 20)
        {
            if date == midsummer {
                return Some(Day::Holiday("midsommardagen"));
            }
            if date.tomorrow().ok() == Some(midsummer) {
                return Some(Day::MidsummerEve);
            }
        }
        if (m == 10 || m == 11) && saturday_from(year, 10, 31) == Some(date) {
            return Some(Day::Holiday("alla helgons dag"));
        }
        let easter = easter(year)?;
        let offset = (date - easter).get_days();
        match offset {
            -2 => Some(Day::Holiday("långfredagen")),
            0 => Some(Day::Holiday("påskdagen")),
            1 => Some(Day::Holiday("annandag påsk")),
            39 => Some(Day::Holiday("Kristi himmelsfärdsdag")),
            49 => Some(Day::Holiday("pingstdagen")),
            _ => None,
        }
    }

    /// The public holiday `date` is (Sundays apart), by its Swedish name.
    pub fn public_holiday(date: Date) -> Option<&'static str> {
        match day(date) {
            Some(Day::Holiday(name)) => Some(name),
            _ => None,
        }
    }

    /// A weekday (Monday to Friday) that is no public holiday, before one.
    pub fn is_holiday_eve(date: Date) -> bool {
        date.weekday().to_monday_zero_offset() < 5
            && public_holiday(date).is_none()
            && date.tomorrow().is_ok_and(|t| public_holiday(t).is_some())
    }

    /// Every named day of `year`, in order.
    pub fn of_year(year: i16) -> Vec<(Date, Day)> {
        let mut days = Vec::new();
        let mut at = date(year, 1, 1);
        while at.year() == year {
            if let Some(d) = day(at) {
                days.push((at, d));
            }
            match at.tomorrow() {
                Ok(next) => at = next,
                Err(_) => break,
            }
        }
        days
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn easter_of_known_years() {
            // Dates from the Swedish almanac.
            for (year, m, d) in [
                (2024, 3, 31),
                (2025, 4, 20),
                (2026, 4, 5),
                (2027, 3, 28),
                (2038, 4, 25),
                (2285, 3, 22),
            ] {
                assert_eq!(easter(year), Some(date(year, m, d)), "{year}");
            }
        }

        #[test]
        fn the_holidays_of_2026() {
            let names: Vec<String> = of_year(2026)
                .into_iter()
                .map(|(d, day)| format!("{d} {day:?}"))
                .collect();
            assert_eq!(
                names,
                [
                    "2026-01-01 Holiday(\"nyårsdagen\")",
                    "2026-01-06 Holiday(\"trettondedag jul\")",
                    "2026-04-03 Holiday(\"långfredagen\")",
                    "2026-04-05 Holiday(\"påskdagen\")",
                    "2026-04-06 Holiday(\"annandag påsk\")",
                    "2026-05-01 Holiday(\"första maj\")",
                    "2026-05-14 Holiday(\"Kristi himmelsfärdsdag\")",
                    "2026-05-24 Holiday(\"pingstdagen\")",
                    "2026-06-06 Holiday(\"nationaldagen\")",
                    "2026-06-19 MidsummerEve",
                    "2026-06-20 Holiday(\"midsommardagen\")",
                    "2026-10-31 Holiday(\"alla helgons dag\")",
                    "2026-12-24 ChristmasEve",
                    "2026-12-25 Holiday(\"juldagen\")",
                    "2026-12-26 Holiday(\"annandag jul\")",
                    "2026-12-31 NewYearsEve",
                ]
            );
        }

        #[test]
        fn midsummer_and_all_saints_move() {
            // Midsummer day is the Saturday of 20-26 June, All Saints' the one of
            // 31 October to 6 November.
            assert_eq!(public_holiday(date(2027, 6, 26)), Some("midsommardagen"));
            assert_eq!(day(date(2027, 6, 25)), Some(Day::MidsummerEve));
            assert_eq!(public_holiday(date(2027, 11, 6)), Some("alla helgons dag"));
            assert_eq!(public_holiday(date(2027, 10, 31)), None);
            // Every year has its thirteen (Sundays apart), on twelve dates when Ascension
            // Day falls on 1 May (as in 2008) or Whitsun on 6 June (as in 2049).
            for year in 1900..2200 {
                let count = of_year(year)
                    .iter()
                    .filter(|(_, d)| matches!(d, Day::Holiday(_)))
                    .count();
                let Some(easter) = easter(year) else {
                    panic!("{year} has an Easter");
                };
                let shared = [(39, 5, 1), (49, 6, 6)]
                    .iter()
                    .filter(|&&(days, m, d)| {
                        easter.checked_add(jiff::Span::new().days(days)).ok()
                            == Some(date(year, m, d))
                    })
                    .count();
                assert_eq!(count + shared, 13, "{year}");
            }
        }

        #[test]
        fn the_day_before_a_holiday_is_a_weekday() {
            // Wednesday before Ascension Day 2026; Thursday 30 April 2026.
            assert!(is_holiday_eve(date(2026, 5, 13)));
            assert!(is_holiday_eve(date(2026, 4, 30)));
            // Maundy Thursday, before Good Friday.
            assert!(is_holiday_eve(date(2026, 4, 2)));
            // Easter Saturday is no weekday; Good Friday is a holiday itself.
            assert!(!is_holiday_eve(date(2026, 4, 4)));
            // Christmas Day, a holiday, before Boxing Day.
            assert!(!is_holiday_eve(date(2026, 12, 25)));
            assert!(!is_holiday_eve(date(2026, 12, 22)));
        }
    }
}

impl Hours {
    /// The hours open on a local `date`: its exception if it has one, else the rule of
    /// its kind of day (a public holiday, the day before one, one of the three eves) if
    /// the service has one, else the weekly hours of a period that holds it, else the
    /// usual week. `None`: open around the
    /// clock. The one place that says which hours apply on a date (the engine's "open
    /// now" and `check`'s walk through the hours both ask it).
    pub fn intervals_on(&self, date: jiff::civil::Date) -> Option<&[Interval]> {
        let Hours::Weekly {
            days,
            exceptions,
            periods,
            special,
        } = self
        else {
            return None;
        };
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        if let Some(e) = exceptions.iter().find(|e| e.date == date) {
            return Some(&e.hours);
        }
        if let Some(hours) = special.on(date) {
            return Some(hours);
        }
        Some(match periods.iter().find(|p| p.contains(date)) {
            Some(period) => &period.days[weekday],
            None => &days[weekday],
        })
    }
}

/// Weekly hours that replace the usual ones from one day of the year to another, both
/// included (`from` after `to` wraps over the new year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// (month, day).
    pub from: (i8, i8),
    pub to: (i8, i8),
    /// Monday first.
    pub days: [Vec<Interval>; 7],
}

impl Period {
    /// Whether `date` falls in the period.
    pub fn contains(&self, date: jiff::civil::Date) -> bool {
        let day = (date.month(), date.day());
        if self.from <= self.to {
            self.from <= day && day <= self.to
        } else {
            day >= self.from || day <= self.to
        }
    }
}

/// Minutes after local midnight, `start < end <= 24 * 60`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: u16,
    pub end: u16,
}

/// A date with other hours than usual (an empty list: closed all day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub date: jiff::civil::Date,
    pub hours: Vec<Interval>,
}

/// Messages the engine itself renders, with the arguments it passes. Every language
/// must have each of them; `check` enforces it.
pub const BUILTIN_MESSAGES: &[(&str, &[&str])] = &[
    ("button-emergency", &[]),
    ("button-exit", &[]),
    ("button-language", &[]),
    ("button-privacy", &[]),
    ("button-restart", &[]),
    ("language-name", &[]),
    ("language-prompt", &[]),
    ("emergency-text", &[]),
    ("exit-done", &[]),
    ("privacy-text", &[]),
    ("help-text", &[]),
    ("stale-menu", &[]),
    ("step-gone", &[]),
    ("flow-error", &[]),
    ("not-understood", &[]),
    ("personal-data-notice", &[]),
    ("unsupported-message", &[]),
    ("slow-down", &[]),
    ("signpost-open-always", &[]),
    ("signpost-open-now", &["closes"]),
    ("signpost-closed", &["weekday", "opens", "today"]),
    ("signpost-hours-unknown", &[]),
    ("signpost-meanwhile", &[]),
    ("signpost-interpreters", &[]),
    ("anonymity-anonymous", &[]),
    ("anonymity-confidential", &[]),
    ("anonymity-public-record", &[]),
    ("anonymity-unknown", &[]),
    ("cost-free", &[]),
    ("cost-paid", &[]),
    ("contact-phone", &["value"]),
    ("contact-web", &["value"]),
    ("contact-email", &["value"]),
    ("contact-chat", &["value"]),
    ("contact-visit", &["value"]),
];

/// Messages of opening hours (`locales/<lang>/hours.ftl`), needed by a set where a
/// service has weekly hours or a flow names a line for when all is closed.
pub const HOURS_MESSAGES: &[(&str, &[&str])] = &[
    ("hours-open-until-day", &["closes", "weekday"]),
    ("hours-all-closed", &["weekday", "opens", "today"]),
    ("hours-open-day-and-night", &[]),
];

/// Messages of the understanding of typed text (`locales/<lang>/understanding.ftl`). A
/// set whose `bot.toml` lists distress words needs each of them in every language; a
/// set without them falls back to `not-understood` and to following the first route.
pub const UNDERSTANDING_MESSAGES: &[(&str, &[&str])] = &[
    ("understanding-distress", &[]),
    ("understanding-did-you-mean", &[]),
    ("understanding-not-understood", &[]),
];

/// Messages of the place question (`locales/<lang>/place.ftl`), needed by a set with
/// several areas (`areas` in `bot.toml`).
pub const PLACE_MESSAGES: &[(&str, &[&str])] = &[
    ("place-question", &[]),
    ("place-button-elsewhere", &[]),
    ("place-button-unsaid", &[]),
    ("place-button-change", &[]),
    ("place-elsewhere-text", &[]),
];

/// Messages of the handover to a person (`locales/<lang>/handover.ftl`), needed by a
/// set where a step offers it or `bot.toml` has `[handover]`.
pub const HANDOVER_MESSAGES: &[(&str, &[&str])] = &[
    ("handover-offer-button", &[]),
    ("handover-consent", &["service"]),
    ("handover-consent-button", &[]),
    ("handover-unavailable", &[]),
    ("handover-waiting", &[]),
    ("handover-delayed", &[]),
    ("handover-capped", &[]),
    ("handover-only-text", &[]),
    ("handover-personal-held", &[]),
    ("handover-personal-send", &[]),
    ("handover-personal-drop", &[]),
    ("handover-personal-sent", &[]),
    ("handover-personal-dropped", &[]),
    ("handover-ended-staff", &[]),
    ("handover-ended-inactive", &[]),
    ("handover-ended-restart", &[]),
    ("handover-staff-case", &["lang", "trail"]),
    ("handover-staff-person-left", &["case"]),
    ("handover-staff-ended", &["case"]),
    ("handover-staff-inactive", &["case"]),
    ("handover-staff-only-text", &[]),
    ("handover-staff-urgent", &[]),
    ("handover-staff-available", &["count"]),
    ("handover-staff-restart", &[]),
];

/// Hard limits that keep a flow set small enough to reason about and to serve.
pub mod limits {
    pub const MAX_FLOWS: usize = 64;
    pub const MAX_STEPS_PER_FLOW: usize = 256;
    pub const MAX_CHOICES_PER_STEP: usize = 12;
    // Room for a route of examples per place and language (six languages) beside the
    // word routes; every route is looked at for every typed message on its step.
    pub const MAX_ROUTES_PER_STEP: usize = 80;
    pub const MAX_SAY_PER_STEP: usize = 8;
    pub const MAX_SIGNPOSTS_PER_STEP: usize = 8;
    pub const MAX_SERVICES: usize = 512;
    pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
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
